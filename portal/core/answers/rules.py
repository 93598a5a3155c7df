"""A clause cut into rules: one per sentence, each with its force and the topics it addresses."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from portal.core.agreements import Agreement, AgreementVersion, Audience, Clause
from portal.core.answers.acts import NO_ACT, Act, governed_act, others_verbs
from portal.core.answers.force import (
    TIMES_OF_DAY,
    Force,
    Reading,
    binds_previous,
    is_continuation,
    read,
)
from portal.core.answers.lexicon import Lexicon, Pattern
from portal.core.answers.text import fold, sentences

# Sections that set the scene rather than rule on conduct.
_SCENE = re.compile(
    r"introduction|scope|legal framework|related polic|objectives?|review|breach|disciplinary"
    r"|responsibilit|adoption|preamble|popular social media|^facebook$|^twitter$|^linkedin$"
    r"|^youtube$|^instagram$"
)
# Sentences that introduce or signpost rather than rule: lists of related policies and laws,
# what the policy sets out, why a rule exists. They carry no force of their own.
_SIGNPOST = re.compile(
    r"\bread in conjunction with\b|\bthis (?:policy|document) (?:sets out|is here|will make clear)"
    r"|\bimpossible to cover all\b|\bthe following (?:\w+ )*(?:polic\w+|legislation|acts?|guidance)"
    r"|^this is (?:because|to)\b|^while recognising the benefits\b"
)
_EXAMPLES = re.compile(r"^(?:as examples|for example|e\.g\.)", re.IGNORECASE)
_TO_PARENTS = re.compile(r"\bparent")
_SITES = ("personal_account", "official", "third_party")
# A section on staff's personal use of social media ("PERSONAL USE OF SOCIAL MEDIA", "When using
# social media in staff's personal life"): what it says is about their own accounts.
_PERSONAL_SECTION = re.compile(r"\bpersonal (?:use|life|lives)\b")


# Being at work is the setting of every permission to use social media at school, not something
# that tells them apart.
SETTING = frozenset({"at_work", "school_hours"})


@dataclass(frozen=True, slots=True)
class Rule:
    school: str
    agreement: str
    title: str
    version: str
    clause: Clause
    sentence: str
    reading: Reading
    topics: frozenset[str]
    clause_topics: frozenset[str]
    section_topics: frozenset[str]
    """Topics of the whole section: a clause is read in the context of its neighbours."""
    to_parents: bool
    scene: bool
    order: int
    contrary: tuple[Pattern, ...] = ()
    """Acts that go against this rule's duty ("delete" against "must retain")."""
    sites: frozenset[str] = frozenset()
    """Which kind of site the sentence speaks of: "personal_account", "official", or both."""
    act: Act = NO_ACT
    """The act the sentence governs: the verb phrase after its force words."""
    others: frozenset[str] = frozenset()
    """What other people the sentence names do or may do ("whether pupils … will be able to
    contribute content" is others posting)."""
    personal_section: bool = False
    """The sentence names no kind of site but stands in a section on staff's personal use: it
    speaks of their own accounts, though less surely than a sentence that says so."""
    echoed_field: bool = False
    """A field of a form the policy prints ("Names of moderators (the site must have …)") on a
    matter the policy's procedure rules on too: the field says what to write on the form, the
    procedure says what is allowed. A field on a matter nothing else covers stands alone."""

    clause_key: str = field(init=False)
    key: str = field(init=False)
    """Unique within a school: a clause can hold several rules."""
    folded: str = field(init=False)
    """The sentence folded (`text.fold`), the form every pattern is matched against."""
    limits: frozenset[str] = field(init=False)
    """What the rule turns on: its exceptions, scope and conditions, less the `SETTING`."""

    def __post_init__(self) -> None:
        # Ranking and rulings read these for every candidate of every question: made once, here.
        object.__setattr__(self, "clause_key", f"{self.agreement}/{self.clause.ref}")
        object.__setattr__(self, "key", f"{self.clause_key}#{self.order}")
        object.__setattr__(self, "folded", fold(self.sentence))
        reading = self.reading
        limits = reading.exceptions | reading.scope | (reading.conditions - SETTING)
        object.__setattr__(self, "limits", limits)

    @property
    def force(self) -> Force:
        return self.reading.force


def rules_of(
    agreement: Agreement, version: AgreementVersion, lexicon: Lexicon, start: int = 0
) -> list[Rule]:
    rules: list[Rule] = []
    for clause in version.clauses:
        rules.extend(_clause_rules(agreement, version, clause, lexicon, start + len(rules)))
    rules = _with_echoed_fields(rules, _form_parts(version.clauses), lexicon)
    sections: dict[str, frozenset[str]] = {}
    for rule in rules:
        key = rule.clause.section
        sections[key] = sections.get(key, frozenset()) | rule.clause_topics
    return [replace(r, section_topics=sections[r.clause.section]) for r in rules]


def _clause_rules(
    agreement: Agreement, version: AgreementVersion, clause: Clause, lexicon: Lexicon, start: int
) -> Iterator[Rule]:
    parts = _joined(sentences(clause.text))
    readings = _readings(parts, lexicon)
    topics = _carried([_topics(p, lexicon) for p in parts], parts)
    clause_topics = frozenset().union(*topics, _topics(clause.heading, lexicon))
    to_parents = agreement.audience is Audience.PARENT or _addressed_to_parents(clause)
    scene = _SCENE.search(fold(f"{clause.heading} {clause.section}")) is not None
    for i, (part, reading) in enumerate(zip(parts, readings, strict=True)):
        folded = fold(part)
        yield Rule(
            school=agreement.school,
            agreement=agreement.slug,
            title=agreement.title,
            version=version.label,
            clause=clause,
            sentence=part,
            reading=reading,
            topics=topics[i],
            clause_topics=clause_topics,
            section_topics=clause_topics,
            to_parents=to_parents,
            scene=(scene or _SIGNPOST.search(folded) is not None) and not to_parents,
            order=start + i,
            contrary=tuple(act for duty, act in lexicon.contrary if duty.search(folded)),
            sites=frozenset(s for s in _SITES if lexicon.qualifiers[s].search(folded)),
            act=governed_act(part, lexicon.acts),
            others=others_verbs(folded, lexicon.acts),
            personal_section=_personal_by_section(folded, clause, lexicon),
        )


def _form_parts(clauses: Iterable[Clause]) -> frozenset[str]:
    """The parts of a policy that print a form: a part headed as a form ("Site Creation Approval
    Form") or that asks the reader to complete "this form"."""
    return frozenset(
        c.section
        for c in clauses
        if c.section and (_FORM_HEADING.search(fold(c.heading)) or _THIS_FORM.search(fold(c.text)))
    )


def _with_echoed_fields(rules: list[Rule], forms: frozenset[str], lexicon: Lexicon) -> list[Rule]:
    if not forms:
        return rules
    fields = {r.key for r in rules if _in_form(r.clause, forms) and _is_field(r.sentence, lexicon)}
    ruled = frozenset().union(*(r.topics for r in rules if r.key not in fields))
    return [
        replace(r, echoed_field=True) if r.key in fields and r.topics & ruled else r for r in rules
    ]


def _in_form(clause: Clause, forms: frozenset[str]) -> bool:
    return any(clause.section == part or clause.section.startswith(f"{part} ") for part in forms)


def _is_field(sentence: str, lexicon: Lexicon) -> bool:
    """A question put to whoever fills the form in, or a label with a note in brackets: the
    words before the brackets rule on nothing. The form's own instructions ("Use of social
    media … must be approved prior to setting up sites") are sentences, not fields."""
    stripped = sentence.strip()
    if stripped.endswith("?"):
        return True
    label, bracket, _ = stripped.partition("(")
    return bool(bracket and label.strip()) and read(label, lexicon.qualifiers).force is Force.NONE


_FORM_HEADING = re.compile(r"\bform$")
_THIS_FORM = re.compile(r"\b(?:complete|fill in|fill out) this form\b")


def _personal_by_section(folded: str, clause: Clause, lexicon: Lexicon) -> bool:
    if not _PERSONAL_SECTION.search(fold(clause.heading)):
        return False
    named = any(lexicon.qualifiers[kind].search(folded) for kind in _ACCOUNT_KINDS)
    return not named and not _names_school_site(folded, lexicon)


_ACCOUNT_KINDS = ("personal_account", "official")


def _names_school_site(folded: str, lexicon: Lexicon) -> bool:
    """ "for purposes of updating school accounts": the school's own sites, in whatever words."""
    return any(p.search(folded) for name, p in lexicon.concepts if name == "official_site")


def _joined(parts: list[str]) -> list[str]:
    """Examples ("As examples, a family friend") belong to the sentence they illustrate."""
    joined: list[str] = []
    for part in parts:
        if joined and _EXAMPLES.search(part):
            joined[-1] = f"{joined[-1]} {part}"
        else:
            joined.append(part)
    return joined


def _readings(parts: list[str], lexicon: Lexicon) -> list[Reading]:
    readings: list[Reading] = []
    for part in parts:
        reading = read(part, lexicon.qualifiers)
        if readings and is_continuation(part) and reading.force is Force.NONE:
            reading = _inherit(readings[-1], reading)
        if readings and binds_previous(part):
            readings[-1] = replace(readings[-1], restricted=True, limit=part)
        if readings and _CONCEDING.search(fold(part)):
            reading = _conceding(readings[-1], reading)
        readings.append(reading)
    return readings


# "Access … should only be made during non-contact hours. However, personal use … should not be
# on the School's time": the ban that follows a permission for part of the day restates the
# rule for the rest of it, so the times just allowed are its exceptions.
_CONCEDING = re.compile(r"^(?:however|but|that said|nevertheless)\b")


def _conceding(previous: Reading, own: Reading) -> Reading:
    times = previous.conditions & TIMES_OF_DAY
    if not times or own.force is not Force.PROHIBIT:
        return own
    if previous.force not in (Force.ONLY, Force.PERMIT):
        return own
    return replace(own, exceptions=own.exceptions | times)


def _inherit(previous: Reading, own: Reading) -> Reading:
    """ "This includes ex-pupils until they reach 18" carries the force of the sentence before."""
    return replace(
        previous,
        exceptions=own.exceptions or previous.exceptions,
        scope=previous.scope | own.scope,
        conditions=previous.conditions | own.conditions,
    )


def _carried(topics: list[frozenset[str]], parts: list[str]) -> list[frozenset[str]]:
    """ "Such comments must never be posted", "Instead, …", "These relationships must be open":
    a sentence that points back is about what the sentence before names."""
    for i in range(1, len(parts)):
        if not topics[i] and _POINTS_BACK.search(fold(parts[i])):
            topics[i] = topics[i - 1]
    return topics


_POINTS_BACK = re.compile(
    r"^(?:such|instead|again|similarly|likewise|otherwise|in (?:this|that|such) cases?|as a guide"
    r"|(?:this|these|that|those|they|it)\b)|\bsuch (?!as\b)\w+"
)


def _topics(text: str, lexicon: Lexicon) -> frozenset[str]:
    folded = fold(text)
    return frozenset(t.id for t in lexicon.topics if t.cited_in(folded))


def _addressed_to_parents(clause: Clause) -> bool:
    return _TO_PARENTS.search(fold(f"{clause.heading} {clause.section}")) is not None


def audience_rules(rules: Iterable[Rule], parents: bool) -> list[Rule]:
    return [r for r in rules if r.to_parents == parents]
