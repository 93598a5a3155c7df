"""The act a question proposes and the act a policy sentence governs, in the lexicon's words.

Sibling clauses share most of their words with a question ("pupils", "social media") and
differ in what is done: messaging a pupil oneself, or letting pupils message one another;
posting one's own news on the school's account, or being allowed to run that account. Reading
the verb phrase after the asker's "can I" and after a rule's force words ("must not", "can
only") tells such siblings apart: the rule that governs the very act proposed answers it.

What the act is done to tells rules apart too: an organisation or a person made a friend of a
site, offensive content or the netball results, pictures of pupils or of colleagues at a party.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from portal.core.answers.lexicon import ActWords, Pattern
from portal.core.answers.text import fold


@dataclass(frozen=True, slots=True)
class Act:
    verbs: frozenset[str] = frozenset()
    """What is done: "post", "contact", "criticise" …"""
    objects: frozenset[str] = frozenset()
    """What or whom it is done to: "pupil", "colleague", "personal_content" …"""
    channel: str = ""
    """On whose account: "official", "personal", or "" when not said."""
    ends: frozenset[str] = frozenset()
    """Verbs named only as what the act is for, beside an act of another kind that leads:
    "creating official sites to communicate with pupils" governs creating them."""


NO_ACT = Act()

# Where a policy sentence turns from who it binds to what it binds them to do.
_FORCE = re.compile(
    r"\b(?:must|should|shall|may|might|can|cannot|could|will|need to|have to|agree (?:not )?to"
    r"|(?:are|is) (?:strongly )?(?:advised|expected|required|encouraged|asked|responsible)"
    r"(?: not)?(?: to| for)?"
    r"|(?:is|are) (?:not )?(?:allowed|permitted|acceptable|prohibited|forbidden|banned)"
    r"|does not (?:expect|want) (?:\w+ ){0,3}to|reserves the right to)"
    r"(?: not| never| only| always| also| still| ever| at all times| therefore)*\b"
)
# What follows these names who is spared or why, not the act: "unless the pupils are family
# members", "which could bring the school into disrepute".
_BEYOND_ACT = re.compile(
    r"\b(?:unless|except|other than|until|even if|which|that (?:could|might|may|would|is|are)"
    r"|as examples|for example|e\.g\.|such as)\b"
)
# "… they can only do so with approval": the act is named before the force words.
_POINTS_BACK = re.compile(r"^ ?(?:do so|do this|do that|do it|be done)\b")
# Who the sentence binds is not what the act is done to: "staff members" in "if staff members
# wish to communicate with pupils" is the subject, not a colleague.
_BOUND = re.compile(
    r"\b(?:(?:paid|school|all|any|individual) )?(?:staff(?: members?)?|members? of staff"
    r"|employees|representatives of (?:the|their) school|governors|volunteers|users|you|they)\b"
)
# The act leads its verb phrase: a verb a dozen words on belongs to something else the sentence
# says ("keep passwords confidential … be careful what is posted" rules on no posting).
LEADING_WORDS = 6
# The act may also be named as what something is for: "use social media to criticise …",
# "approval … to make an external organisation a friend", "permission … before citing …".
_PURPOSE = re.compile(r"\b(?:to|in order to|so as to|before|for|when|by) (?=\w)")
_SETTING = re.compile(r"^ ?(?:prior to|before|when|whenever|while|on|after) (?=\w)")
_PASSIVE = re.compile(r"^ ?(?:be|are|is|being|been)\b")


def proposed_act(ask: str, asking: str, question: str, words: ActWords) -> Act:
    """What the asker means to do. `ask` is the words after "can I"; `asking` the sentence
    that asks, which names what a pronoun stands for ("… can I post them?"); `question` the
    whole question, whose story often says whose account it is ("I run the school insta.")."""
    ask = others_acts_removed(ask)
    objects = _found(ask, words.objects) or _found(asking, words.objects)
    channel = _channel(ask, words) or _channel(question, words)
    return Act(_verbs(ask, words, strict=False), objects, channel)


def others_acts_removed(text: str) -> str:
    """The text without what other people do or may do in it: in "who do I talk to about whether
    parents can comment on posts?" the commenting is the parents', and what the asker proposes is
    only to ask someone."""
    return _OTHERS_ACT.sub(" ", text)


def others_agree(asked: frozenset[str], governed: frozenset[str], words: ActWords) -> bool:
    """The same act, or one akin to it either way ("comment on" and "contribute content")."""
    if asked & governed:
        return True
    return any(words.kin.get(v, frozenset()) & governed for v in asked) or any(
        words.kin.get(v, frozenset()) & asked for v in governed
    )


def others_verbs(text: str, words: ActWords) -> frozenset[str]:
    """What other people named in the text do or may do: "whether pupils, school staff or members
    of the public will be able to contribute content" is others posting."""
    found: set[str] = set()
    for match in _OTHERS_ACT.finditer(text):
        found |= _verbs(match.group("act"), words, strict=False)
    return frozenset(found)


# Someone other than the asker named as the one who acts ("parents can comment", "a parent
# keeps moaning", "pupils who'd post"), up to the end of that clause. Only a named party: "they"
# and "she" often stand for the asker's own plan ("can they see it if I post it?"). Staff are
# another party only listed beside one ("pupils, school staff or members of the public").
_PARTY = (
    r"(?:parents?|carers?|mums?|dads?|pupils?|students?|kids|children|child|colleagues?"
    r"|governors?|someone|somebody|anyone|anybody|other people|people|members? of the public)"
)
_OTHERS_ACT = re.compile(
    rf"\b{_PARTY}(?:,? (?:or |and |and/or )?(?:school )?(?:staff|{_PARTY}))*"
    # "another mum in our class keeps posting": where the party is from is part of naming them.
    r"(?: (?:in|from|at|of) (?:my|our|the|your|his|her|their) \w+(?: \w+)??)?"
    r"(?: who| that)?(?:'d| (?:can|could|will|would|may|might|should|keeps?|kept|has|have|had"
    r"|is|are|was|were)(?: (?:be able to|been|still|also|just|always))?) "
    # "parents are asked to agree to …" binds the party to a duty of theirs, for them to ask about.
    r"(?!(?:asked|required|expected|encouraged|advised|responsible|invited)\b)(?P<act>\w[^,.;:!?]*)"
)


def implied_topics(act: Act, words: ActWords) -> frozenset[str]:
    """Topics the act is about: its verb, one of its objects (when the topic names any) and
    its account (when the topic names one) all as the lexicon declares them."""
    return frozenset(
        t.topic
        for t in words.topics
        if t.verbs & act.verbs
        and (not t.objects or t.objects & act.objects)
        and (not t.channel or t.channel == act.channel)
    )


def governed_act(sentence: str, words: ActWords) -> Act:
    """What a policy sentence rules on: the verb phrase after its force words, with what a
    passive or a "do so" names before them."""
    folded = fold(sentence)
    force = _FORCE.search(folded)
    if force is None:
        return _act(folded, folded, words)
    before, whole = _BOUND.sub(" ", folded[: force.start()]), folded[force.end() :]
    after = _BEYOND_ACT.split(whole, maxsplit=1)[0]
    if _POINTS_BACK.match(after):
        return _act(f"{before} {after}", folded, words)
    verbs = _verbs(after, words, strict=True)
    lead = _verbs(after, words, strict=True, purposes=False)
    ends = verbs - lead if lead & verbs else frozenset()
    # "Prior to creating a site, careful consideration must be given …": the duty is part of
    # the act the opening names.
    if setting := _SETTING.match(before):
        verbs |= _verbs(before[setting.end() :], words, strict=True)
    # "Photographs of pupils must not be posted": what is posted comes first.
    objects = _found(f"{before} {after}" if _PASSIVE.match(after) else after, words.objects)
    return Act(verbs, objects | _kinds(whole, words), _channel(folded, words), ends)


@dataclass(frozen=True, slots=True)
class Agreement:
    """What a proposed and a governed act do alike."""

    verbs: frozenset[str]
    kin: frozenset[str]
    """Verbs of the rule akin to the asker's ("disclose" for "post") though not the same."""


def agreement(proposed: Act, governed: Act, words: ActWords) -> Agreement:
    verbs = proposed.verbs & governed.verbs
    kin = frozenset(
        v for v in governed.verbs - verbs if words.kin.get(v, frozenset()) & proposed.verbs
    )
    return Agreement(verbs, kin)


def _act(span: str, whole: str, words: ActWords) -> Act:
    span = _BOUND.sub(" ", span)
    verbs = _verbs(span, words, strict=False)
    return Act(verbs, _found(span, words.objects), _channel(whole, words))


def _kinds(span: str, words: ActWords) -> frozenset[str]:
    """Kinds of content the act is done to, with what a relative clause says of it: "content
    which is illegal … or otherwise offensive" is offensive content."""
    marked = [(name, pattern) for name, pattern in words.objects if name in words.marked]
    return _found(span, marked)


def _verbs(span: str, words: ActWords, strict: bool, purposes: bool = True) -> frozenset[str]:
    """The verbs that lead the phrase and those of its purpose. A verb of means ("use") gives
    way to the act it serves: "use social media to criticise" is criticising."""
    if not purposes:
        return _lead(span, words, strict)
    found = set(_leading(span, words.verbs, strict))
    for purpose in _PURPOSE.finditer(span):
        found |= _leading(span[purpose.end() :], words.verbs, strict=True)
    if found - words.means:
        found -= words.means
    return frozenset(found)


def _lead(span: str, words: ActWords, strict: bool) -> frozenset[str]:
    """The act that leads: the verbs, not of means, of the first stretch up to a purpose word
    that has any ("a reason for creating sites to communicate" leads with creating)."""
    starts = [0, *(m.end() for m in _PURPOSE.finditer(span))]
    for n, (start, end) in enumerate(zip(starts, [*starts[1:], len(span)], strict=True)):
        found = _leading(span[start:end], words.verbs, strict=strict or n > 0) - words.means
        if found:
            return found
    return frozenset()


def _leading(
    text: str, families: Sequence[tuple[str, Pattern]], strict: bool = False
) -> frozenset[str]:
    """The verbs of the first few words, or (not `strict`) the first verb when none comes that
    early. A rule's duty that names none of ours ("keep passwords confidential") governs no act
    we know, whatever it mentions later."""
    starts = {name: match.start() for name, pattern in families if (match := pattern.search(text))}
    if not starts:
        return frozenset()
    early = len(" ".join(text.split()[:LEADING_WORDS]))
    first = early if strict else min(starts.values())
    return frozenset(n for n, at in starts.items() if at <= max(early, first))


def _found(text: str, families: Sequence[tuple[str, Pattern]]) -> frozenset[str]:
    return frozenset(name for name, pattern in families if pattern.search(text))


def _channel(text: str, words: ActWords) -> str:
    """The first kind of account the lexicon lists that the text names."""
    return next((name for name, pattern in words.channels if pattern.search(text)), "")


# What a picture shows is named just before its word ("the staff xmas do pics") or after it
# ("pics of the staff table", "photos from inside the office"), within the same clause.
_BEFORE_PICTURE = 3
_AFTER_PICTURE = re.compile(r"^ (?:of|from|at|showing|with) ((?:[\w'-]+ ?){1,6})")
_CLAUSE_END = re.compile(r"[,.;:!?()]| - ")


def depicted(text: str, words: ActWords) -> frozenset[str]:
    """What the pictures a text mentions show, as the lexicon's objects: empty when it does not
    say ("can I post my photos?")."""
    picture = dict(words.objects).get("image")
    if picture is None:
        return frozenset()
    shown: set[str] = set()
    for match in picture.finditer(text):
        shown |= _found(_shown_in(text, match.start(), match.end()), words.objects)
    return frozenset(shown - {"image"})


def unpictured(text: str, topics: frozenset[str], words: ActWords) -> frozenset[str]:
    """Topics on pictures of something (pupils, people in school dress) that the text's
    pictures do not show: it says what they show, and none of the topic's objects appear in it
    at all."""
    concerned = [t for t in words.depicting if t.topic in topics]
    if not concerned or not depicted(text, words):
        return frozenset()
    named = _found(text, words.objects)
    return frozenset(t.topic for t in concerned if not t.objects & named)


def _shown_in(text: str, start: int, end: int) -> str:
    before = _CLAUSE_END.split(text[:start])[-1].split()[-_BEFORE_PICTURE:]
    after = _AFTER_PICTURE.match(_CLAUSE_END.split(text[end:], maxsplit=1)[0])
    return " ".join(before) + (f" {after.group(1)}" if after else "")


def named_objects(text: str, words: ActWords) -> frozenset[str]:
    """Every object the text names, wherever: who an act is done to is often told in the story
    ("the local library wants to be a friend of our page. can I accept it?")."""
    return _found(text, words.objects)


def objects_clash(asked: frozenset[str], governed: frozenset[str], words: ActWords) -> bool:
    """The rule's act is done to one side of a contrast only and the question names only the
    other: an organisation made a friend of a site, when the asker means a grandparent."""
    if not (asked and governed):
        return False
    return any(
        _one_side(governed, one, other) and _one_side(asked, other, one)
        for pair in words.contrasts
        for one, other in (pair, pair[::-1])
    )


def unmarked(asked: frozenset[str], governed: frozenset[str], words: ActWords) -> bool:
    """The rule's act is done to a kind of content the question never names."""
    return bool(governed & words.marked - asked)


def _one_side(objects: frozenset[str], side: frozenset[str], other: frozenset[str]) -> bool:
    return bool(objects & side) and not objects & other


def acts_differ(proposed: Act, governed: Act, words: ActWords) -> bool:
    """Both acts are known and are not the same act, in the same words or akin ones."""
    if not (proposed.verbs and governed.verbs):
        return False
    agreed = agreement(proposed, governed, words)
    return not (agreed.verbs or agreed.kin)
