"""Choosing the deciding rule: topic match first, then the asker's situation, then BM25."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cache

from portal.core.answers.acts import (
    agreement,
    named_objects,
    objects_clash,
    others_agree,
    others_verbs,
    unmarked,
)
from portal.core.answers.force import Force, Reading
from portal.core.answers.lexicon import Lexicon
from portal.core.answers.question import Question
from portal.core.answers.rules import SETTING, Rule
from portal.core.answers.text import fold, tokens
from portal.core.answers.verdicts import (
    CONTACT_TOPICS,
    LIMITED_USE,
    RELATIONSHIPS,
    alignment,
    asked_role,
    goes_against,
    roles,
    says_who_holds,
    skips,
)

# How much each kind of evidence counts. Topic weights (2–6) come from the lexicon; a fact the
# rule names (an exception, a limit, a condition) is strong evidence the rule is the one about
# the asker's situation.
FACT = 2.0
IMPLIED = 0.5  # a fact that only follows from another ("lunch" is "at work") counts half
CONTRADICTED = 1.0  # a condition the question rules out is evidence the rule decides it
# A ban whose reach the question steps outside ("at work" asked from home) still answers it,
# but a rule that applies outright answers it better.
LIFTED = -1.0
LEXICAL = 2.0
LEXICAL_ALONE = 6.0
CLAUSE_TOPIC = 0.4
SECTION_TOPIC = 0.2
DESCRIPTIVE = -3.0
SCENE = -1.5
# A field of a printed form restates, for whoever fills it in, what the procedure asking for
# the form rules: the procedure answers before the field that echoes it.
FORM_FIELD = -1.0
MISFIT = -2.5
HARM = 1.0
# The asker has a private stake (selling to a parent) and the rule turns on a conflict of interest.
CONFLICT = 1.5
# The same asker, drawing on what their job told them, asks about contacting people, and the
# rule's own subject is work information used for personal gain, not contact: the use of the
# information breaks the policy, whatever channel the asker would use. Without a work source the
# stake is a plain conflict of interest, left to CONFLICT and the contact ban it conditions.
PRIVATE_STAKE = 3.5
_PRIVATE_GAIN = "personal_gain"
_STAKE_FROM_WORK = frozenset({"conflict", "from_work"})
# The asker would speak for the school or all its staff, and the rule forbids passing personal
# views off as the school's: the very act the rule names.
ATTRIBUTED = 3.0
# The same asker speaking on an official site, or on the school's behalf elsewhere: the rule on
# passing views off is not the one about them, the rules on acting for the school are.
OFFICIAL_VOICE = -1.0
# Topics a rule addresses that the question does not: a rule about something else as well is
# a less exact answer.
OFF_TOPIC = 0.25
# The rule speaks only of the other kind of site than the question: a ban on personal webspace
# asked about an official school account, or a duty on official sites asked about one's own.
OTHER_SITE = -2.0
# A rule that names no kind of site but stands in a section on staff's personal use, asked about
# an official site: the section says which accounts it means, if less surely than its words would.
PERSONAL_SECTION = -1.5
# A rule that settles the matter (forbids, allows, names an approver) beats a bare duty.
DECISIVE = 0.5
# The asker proposes the opposite of the rule's duty, or asks who approves and the rule says.
CONTRARY = 2.0
# Naming the very step a duty asks for, to leave it out, points at that duty more than a topic.
SKIPPED = 1.0
APPROVER = 3.0
# The asker proposes to do what a duty asks, in at least this many of their own words.
AGREES = 2.5
AGREEMENT = 2
# The asker proposes personal contact with pupils themselves ("follow her back", "make them a
# group"): the general ban on personal contact answers that before a narrower rule on requests,
# platform ages or sites, unless they ask about an official site.
PROPOSED = 3.0
_PERSONAL_CONTACT = frozenset({"pupil_contact", "ex_pupil_contact"})
# The asker says outright what a ban names as within its reach ("… or any other school"): the
# ban written with their case in mind answers them before a general one.
NAMED_REACH = 1.5
_NAMED_REACH = frozenset({"other_school"})
# The asker means to pass something on and the duty is to pass it on ("must be forwarded to the
# Headteacher", "approach staff personally"): the duty answers them before a ban on what they saw.
PASSES_ON = 1.0
_PASSING_ON = re.compile(
    r"\b(?:forward\w*|report\w*|inform\w*|approach\w*|contact|refer\w*|raise)\b"
)
# Every condition of a permission is met by what the asker says: this rule decides it.
SETTLED = 1.0
# The asker means to act without asking anyone and the ban is on doing it alone ("must not
# unilaterally use social media …"): the ban names their very plan, where a rule saying whose
# authorisation to seek only says what they skip.
ALONE = 1.0
_ALONE = re.compile(
    r"\bunilateral\w*|\bwithout (?:prior )?(?:authori[sz]ation|approval|permission)\b"
)
# The asker says who they are ("as head, …", "network manager here") and the rule is addressed
# to that role ("The head teacher should take advice …"): it speaks to them above a general rule.
ADDRESSED = 1.5
_ASKER_ROLE = re.compile(
    r"\b(?:as|i'm|i am)(?: the| a| an| our)? ([a-z' ]{2,30}?)"
    r"(?=[,.!?;:]| - | here\b| i\b| can\b| could\b| and\b| but\b|$)"
    r"|^([a-z' ]{2,30}?) here\b"
)
_SUBJECT_WORDS = 8
# The question is about a kind of worker the policy singles out (volunteers, contractors), as
# the asker or as the one who acted, and the rule is written for that kind ("action may be taken
# in respect of … volunteers", "Contracted providers … must inform"): it answers them before a
# rule for all staff. Pairs of (the kind in a question, the kind in a rule).
NAMED_KIND = 1.5
_KINDS = (
    (re.compile(r"\bvolunteer(?:s|ing|ed)?\b"), re.compile(r"\bvolunteers?\b")),
    (
        re.compile(
            r"\bcontractors?\b"
            r"|\b(?:contracted|outsourced) (?:providers?|compan(?:y|ies)|firms?)\b"
            r"|\b(?:we(?:'re| are)|i work for) (?:the|a|an) (?:\w+ )?(?:company|firm)\b"
        ),
        re.compile(r"\bcontractors?\b|\bcontracted providers?\b"),
    ),
)
# The rule governs the act the asker proposes: the same verb after its force words ("must not
# contact …") as after the asker's "can I" ("drop him a message"). Small beside a topic (2–6):
# it tells apart sibling rules that topics and words leave within a point of each other. A verb
# akin to the asker's ("disclose" for "post") counts half. Shared objects were tried as a bonus
# and cost more cases than they settled (BM25 on the asking sentence already weighs them); only
# objects that exclude one another weigh (OBJECT_CLASH). The account the act happens on feeds
# OTHER_SITE instead of a weight of its own. A verb the rule names only as what its act is for
# ("a reason for creating official sites to communicate with pupils") is not the act it governs:
# it counts as akin, so the rule leading with that act ("only communicate with pupils …") wins.
ACT_VERB = 0.5
ACT_KIN = 0.5
# The rule's act is done to something the question's is not: an organisation rather than the
# person asked about, or the reverse (`objects_clash`), or content of a kind the question never
# names (`unmarked`: offensive content, asked about the netball results). Enough to pass a
# sibling rule on the same topic, not to outweigh a topic.
OBJECT_CLASH = -2.0
# The asker posts a picture of someone in school dress ("a selfie in her school fleece with the
# logo"; the clothing often named in a sentence of its own) and the rule governs pictures of
# people in school dress: the rule on what the picture shows answers before a ban on the logo
# alone, which the picture only happens to carry.
PICTURED = 1.5
_PICTURED = frozenset({"image", "school_dress"})
# The asker asks whether someone may hold a role ("could he be an admin?", "can a volunteer be a
# moderator?") and the rule says who holders of that role must be ("Site administrators and
# moderators must be employees or other authorised people"): it decides who may, where rules on
# what the role holders do or how many there are only mention them.
ELIGIBILITY = 3.0
# A rule set off by what someone else does ("If a member of staff becomes aware that a pupil or
# parent has made … comments …, they should consider reporting this") says how to respond to
# that act: the topics it shares with a question come from the other person's act. Asked about an
# act of the asker's own that the rule does not govern ("can I comment back?"), those topics are
# not evidence that it answers them; the rules on the asker's act are.
_OTHERS_TRIGGER = re.compile(
    r"^(?:if|where|when|whenever|should|in the event that) "
    r"(?:[^;:]*?\b(?:aware|told|informed|notices?|discovers?|sees?|finds?|receives?)\b[^;:]*?)?"
    r"\b(?:an?|any|the|another|their|a group of) (?:\w+ )?"
    r"(?:pupils?|parents?|carers?|child(?:ren)?|colleagues?|users?|person|members? of the public"
    r"|third part(?:y|ies))\b[^;:]*?\b(?:has|have|had|is|are|was|were|posts?|sends?|makes?|asks?"
    r"|requests?|shares?)\b"
)


# The question and the rule both turn on what someone else does, and it is the same act ("whether
# parents can comment on posts", "whether pupils … or members of the public will be able to
# contribute content"): the rule is about the situation asked of, whatever the asker does in it.
OTHERS_AGREE = 3.0


def _others_agree(scored: Scored, asked: frozenset[str], lexicon: Lexicon) -> Scored:
    if not asked:
        return scored
    governed = scored.rule.others
    if not (governed and others_agree(asked, governed, lexicon.acts)):
        return scored
    return replace(scored, score=scored.score + OTHERS_AGREE)


# A pledge in the signer's own voice ("I will not discuss …") binds whoever signs it, the asker.
# Asked whether someone else may go on doing something ("another mum keeps posting digs … is she
# allowed to?"), the same rule written of people in general ("we ask parents to agree not to
# post …") speaks of that other person, and answers before the asker's own pledge.
OWN_VOICE = -0.5
_OWN_VOICE = re.compile(r"^(?:[\w ]+, )?(?:if [^,]+, )?(?:then )?i (?:will|agree|promise|shall)\b")


def _own_voice(scored: Scored) -> Scored:
    if not _OWN_VOICE.search(scored.rule.folded):
        return scored
    return replace(scored, score=scored.score + OWN_VOICE)


def _others_act(scored: Scored, question: Question) -> Scored:
    if not (question.act.verbs and scored.topics) or scored.acts:
        return scored
    if _triggered_by(scored.rule.folded) is None:
        return scored
    return _topics_void(scored, question)


def _topics_void(scored: Scored, question: Question) -> Scored:
    """The topics the rule shares with the question are no evidence it answers it."""
    return replace(scored, score=scored.score - sum(question.topics[t] for t in scored.topics))


# Who may have done what a rule responds to, and who a question says did it. A rule set off by
# what pupils or parents post ("a pupil … or parent has made … comments") is not the case of a
# question whose actor is of another kind ("a colleague's public page has stuff on it",
# "someone's made a fake account"): the topics they share are not evidence it answers them.
_ACTOR_KINDS = {
    "pupil": r"pupils?|child(?:ren)?|students?|kids?|year\d+ pupils?|lads?|girls?|boys?",
    "parent": r"parents?|carers?|mums?|dads?|guardians?",
    "staff": r"colleagues?|members? of staff|teachers?|tas?|teaching assistants?",
    "anyone": r"someone|somebody|some ?ones?|strangers?|users?|person|people|members? of the public"
    r"|(?:fake|anonymous|anon|random) (?:account|profile|page)s?|third part(?:y|ies)",
}
_ACTORS = {kind: re.compile(rf"\b(?:{words})\b") for kind, words in _ACTOR_KINDS.items()}
_AWARE = re.compile(r"^.*\b(?:aware|told|informed|notices?|discovers?|sees?|finds?|receives?)\b")
_ACTOR_WORDS = "|".join(_ACTOR_KINDS.values())
_QUESTION_ACTOR = re.compile(
    rf"(?:^|[.!?] |\b(?:a|an|one of (?:my|our|the)|my|our|some|the|this|that) )(?:\w+ )?"
    rf"((?:{_ACTOR_WORDS}))(?:'s|s'|s)? (?:\w+ ){{0,3}}?"
    r"(?:has|have|had|keeps?|post(?:s|ed|ing)?|ma(?:de|kes?|king)|put(?:s|ting)?"
    r"|shar(?:e|es|ed|ing)|wr(?:ote|ites?|iting)|le(?:ft|aves?|aving)|set up|created|pretending)\b"
)


def _kinds(text: str) -> frozenset[str]:
    return frozenset(kind for kind, words in _ACTORS.items() if words.search(text))


# A rule's own words are read again for every question: what sets it off is read once.
@cache
def _triggered_by(folded: str) -> frozenset[str] | None:
    """Who may have done what a rule responds to; None when it responds to nobody's act."""
    trigger = _OTHERS_TRIGGER.search(folded)
    if trigger is None:
        return None
    told = trigger.group()
    aware = _AWARE.search(told)
    return _kinds(told[aware.end() :] if aware else told)


def _question_actors(folded: str) -> frozenset[str]:
    return frozenset(k for m in _QUESTION_ACTOR.finditer(folded) for k in _kinds(m[1]))


def _other_actor(scored: Scored, question: Question, named: frozenset[str]) -> Scored:
    if not scored.topics:
        return scored
    ruled = _triggered_by(scored.rule.folded)
    if ruled is None:
        return scored
    if not (ruled and named) or "anyone" in ruled or ruled & named:
        return scored
    return _topics_void(scored, question)


# Facts that describe the asker's situation; "official" only tells a verdict which account.
SITUATION = frozenset(
    {
        "family",
        "family_friend",
        "personal_friend",
        "linkedin",
        "break",
        "non_contact",
        "no_pupils",
        "pupils_present",
        "school_hours",
        "at_work",
        "adult",
        "other_school",
        "staff_room",
        "outside_hours",
        "in_lessons",
        "devices_allowed",
    }
)


@dataclass(frozen=True, slots=True)
class Scored:
    rule: Rule
    score: float
    topics: tuple[str, ...]
    facts: tuple[str, ...]
    acts: tuple[str, ...] = ()
    """The verbs of the asker's act that the rule governs."""


def rank(
    rules: Iterable[Rule],
    question: Question,
    lexical: Mapping[str, float],
    lexicon: Lexicon,
    topical: bool = True,
) -> list[Scored]:
    """Rules best first; ties keep document order so answers never depend on set ordering.
    With no topic of the question in the policy (`topical` false), retrieval leads."""
    top = max(lexical.values(), default=0.0) or 1.0
    weight = LEXICAL if topical else LEXICAL_ALONE
    asked = _Asked.of(question, lexicon)
    asker = _asker_roles(question.folded)
    role = asked_role(question.folded)
    scored = [
        _acting(
            _score(
                rule,
                question,
                weight * lexical.get(rule.key, 0.0) / top
                + _agreeing(rule, question, lexicon, role),
                asked,
                topical,
            ),
            question,
            lexicon,
        )
        for rule in rules
    ]
    actors = _question_actors(question.folded)
    scored = [_other_actor(_others_act(s, question), question, actors) for s in scored]
    others = others_verbs(question.folded, lexicon.acts)
    if others:
        scored = [_others_agree(s, others, lexicon) for s in scored]
        if not question.act.verbs:
            scored = [_own_voice(s) for s in scored]
    named = named_objects(question.folded, lexicon.acts)
    scored = [_object_clash(s, named, lexicon) for s in scored]
    if question.act.objects | named >= _PICTURED:
        scored = [_pictured(s) for s in scored]
    if asker:
        scored = [_addressed(s, asker) for s in scored]
    if role:
        scored = [_eligibility(s, role) for s in scored]
    kinds = [in_rule for in_question, in_rule in _KINDS if in_question.search(question.folded)]
    if kinds:
        scored = [_for_kind(s, kinds) for s in scored]
    return sorted(scored, key=lambda s: (-s.score, s.rule.order))


def key_of(rule: Rule) -> str:
    return rule.clause_key


def _asker_roles(folded: str) -> frozenset[str]:
    claims = " ; ".join(m.group(1) or m.group(2) for m in _ASKER_ROLE.finditer(folded))
    return roles(claims) if claims else frozenset()


def _addressed(scored: Scored, asker: frozenset[str]) -> Scored:
    subject = " ".join(scored.rule.folded.split()[:_SUBJECT_WORDS])
    if not roles(subject) & asker:
        return scored
    return replace(scored, score=scored.score + ADDRESSED)


def _eligibility(scored: Scored, role: str) -> Scored:
    if not says_who_holds(scored.rule, role):
        return scored
    return replace(scored, score=scored.score + ELIGIBILITY)


def _for_kind(scored: Scored, kinds: list[re.Pattern[str]]) -> Scored:
    if not any(kind.search(scored.rule.folded) for kind in kinds):
        return scored
    return replace(scored, score=scored.score + NAMED_KIND)


_PERMITTING = frozenset({Force.ONLY, Force.PERMIT})


def _settled(reading: Reading, question: Question) -> bool:
    if reading.force not in _PERMITTING or reading.restricted:
        return False
    needed = reading.conditions - SETTING
    return bool(needed) and needed <= question.facts


def _against(question: Question, opposites: Mapping[str, tuple[str, ...]]) -> frozenset[str]:
    """Qualifiers the question rules out: "during my lesson" rules out "during breaks"."""
    facts = question.facts
    if facts & _OFF_DUTY:
        # "On it till 3am, shattered in lessons": the act is at night, the lesson only where it
        # shows, so the lesson rules out no condition on when the act may be done.
        facts = facts - _ON_DUTY
    return frozenset(q for q, opp in opposites.items() if any(o in facts for o in opp))


_OFF_DUTY = frozenset({"outside_hours", "at_home"})
_ON_DUTY = frozenset({"in_lessons", "pupils_present", "school_hours"})


@dataclass(frozen=True, slots=True)
class _Asked:
    """What every rule's score reads of the question, read once per question."""

    situation: frozenset[str]
    """The facts of the asker's situation, an age either way counting as both."""
    stated: frozenset[str]
    against: frozenset[str]
    site: str | None
    topics: frozenset[str]
    relations: frozenset[str]
    """Relatives or friends the asker says they have among those the rule is about."""
    reach: frozenset[str]
    """What the asker says outright that a ban may name as within its reach."""
    about_contact: bool
    """About contact with someone, or about no topic at all."""

    @classmethod
    def of(cls, question: Question, lexicon: Lexicon) -> _Asked:
        return cls(
            topics=frozenset(question.topics),
            relations=RELATIONSHIPS & question.stated,
            reach=question.stated & _NAMED_REACH,
            about_contact=not question.topics or bool(CONTACT_TOPICS & question.topics.keys()),
            situation=_facts(question) & SITUATION,
            stated=_facts(question, stated=True),
            against=_against(question, lexicon.opposites),
            site=_asked_site(question),
        )


def _score(rule: Rule, question: Question, evidence: float, asked: _Asked, topical: bool) -> Scored:
    """`evidence` is what the rule's own words earn: weighted BM25 and agreement with a duty."""
    if asked.topics.isdisjoint(rule.section_topics) and asked.topics.isdisjoint(rule.topics):
        # Most rules share no topic with the question, in their sentence, clause or section (a
        # clause's topics are among its section's, curated ones too).
        topics: tuple[str, ...] = ()
        echoed: list[str] = []
        nearby: list[str] = []
    else:
        topics = tuple(t for t in question.topics if t in rule.topics)
        echoed = [t for t in question.topics if t in rule.clause_topics and t not in rule.topics]
        around = rule.section_topics - rule.clause_topics
        nearby = [t for t in question.topics if t in around]
    # A rule on another topic whose exception the asker happens to meet ("until they reach
    # 18" for ex-pupils, asked about a current pupil who is 18) is not about their situation.
    elsewhere = bool(rule.topics) and not topics and not _kin(rule, asked)
    facts = () if elsewhere else tuple(sorted(asked.situation & rule.limits))
    implied = [f for f in facts if f not in asked.stated]
    against = asked.against
    score = sum(question.topics[t] for t in topics) if topics else 0
    score += OTHER_SITE * _other_site(rule, asked.site)
    score += PERSONAL_SECTION * _personal_elsewhere(rule, asked.site)
    if topical:
        score -= OFF_TOPIC * len(rule.topics - asked.topics)
    if echoed:
        score += CLAUSE_TOPIC * sum(question.topics[t] for t in echoed)
    if nearby:
        score += SECTION_TOPIC * sum(question.topics[t] for t in nearby)
    if against:
        ruled_out = len((rule.reading.conditions - SETTING) & against & SITUATION)
        lifted = len(rule.reading.scope & against)
    else:
        ruled_out = lifted = 0
    if asked.reach:
        score += NAMED_REACH * len(rule.reading.scope & asked.reach)
    score += FACT * (len(facts) - IMPLIED * len(implied) + CONTRADICTED * ruled_out)
    score += LIFTED * lifted
    score += PROPOSED * _proposed(rule, question)
    score += evidence
    score += _shape(rule, question)
    return Scored(rule, score, topics, facts)


def _acting(scored: Scored, question: Question, lexicon: Lexicon) -> Scored:
    """The act the rule governs is the act the asker proposes: its verb, or one akin to it."""
    rule = scored.rule
    if not (rule.act.verbs and question.act.verbs) or rule.force is Force.NONE:
        return scored
    agreed = agreement(question.act, rule.act, lexicon.acts)
    if not (agreed.verbs or agreed.kin):
        return scored
    led = agreed.verbs - rule.act.ends
    score = ACT_VERB if led else ACT_VERB * ACT_KIN
    acts = tuple(sorted(agreed.verbs | agreed.kin))
    return replace(scored, score=scored.score + score, acts=acts)


def _object_clash(scored: Scored, named: frozenset[str], lexicon: Lexicon) -> Scored:
    governed = scored.rule.act.objects
    if not governed or not (
        objects_clash(named, governed, lexicon.acts) or unmarked(named, governed, lexicon.acts)
    ):
        return scored
    return replace(scored, score=scored.score + OBJECT_CLASH)


def _pictured(scored: Scored) -> Scored:
    if not (scored.topics and scored.rule.act.objects >= _PICTURED):
        return scored
    return replace(scored, score=scored.score + PICTURED)


def _kin(rule: Rule, asked: _Asked) -> bool:
    """A rule that lifts or allows contact for relatives or friends the asker says they have is
    about their situation when the question is about contact, or names no topic at all: the
    relationship, not the wording, is what it turns on."""
    return asked.about_contact and not asked.relations.isdisjoint(rule.limits)


def _proposed(rule: Rule, question: Question) -> bool:
    return (
        "proposes_contact" in question.facts
        and "official" not in question.facts
        and rule.force is Force.PROHIBIT
        and bool(_PERSONAL_CONTACT & rule.topics & question.topics.keys())
    )


def about_other_site(rule: Rule, question: Question) -> bool:
    """The rule is about the other kind of account than the one asked about, by its own words
    or by its section's."""
    site = _asked_site(question)
    return _other_site(rule, site) or _personal_elsewhere(rule, site)


def _other_site(rule: Rule, asked: str | None) -> bool:
    """One kind of site (official or personal) asked about, and a rule about only the other."""
    if asked is None:
        return False
    other = "personal_account" if asked == "official" else "official"
    return other in rule.sites and asked not in rule.sites


def _personal_elsewhere(rule: Rule, asked: str | None) -> bool:
    """An official site asked about, and a rule from a section on personal use."""
    return rule.personal_section and asked == "official"


def _on_personal_gain(rule: Rule, question: Question) -> bool:
    """Asked about contact, a rule on using work information for gain rather than on contact."""
    return (
        _PRIVATE_GAIN in rule.topics
        and not rule.topics & CONTACT_TOPICS
        and not CONTACT_TOPICS.isdisjoint(question.topics)
    )


def _asked_site(question: Question) -> str | None:
    personal, official = "personal_account" in question.facts, "official" in question.facts
    if not (personal or official):
        # The account the asker's act happens on, when only the act names it ("on whatsapp").
        personal, official = question.act.channel == "personal", question.act.channel == "official"
    if personal == official:
        return None
    return "official" if official else "personal_account"


_SITE_KINDS = ("official", "personal_account")


def _agreeing(rule: Rule, question: Question, lexicon: Lexicon, role: str) -> float:
    """A duty the asker proposes to carry out in its own words ("instead, discuss … in class
    and signpost …") answers them better than the ban it stands in for. Asking whether someone
    may hold a `role` proposes nothing of the asker's to carry out: sharing the role's words with
    a duty on its holders is not doing what the duty asks."""
    if rule.force is not Force.REQUIRE or role or goes_against(rule, question):
        return 0.0
    # Only what the duty adds to its clause counts: a question about the friend request itself
    # does not agree with "instead, discuss such requests in class".
    neighbours = _neighbours(rule.clause.text, rule.sentence)
    return AGREES if alignment(question, rule.sentence, lexicon, neighbours) >= AGREEMENT else 0.0


@cache
def _neighbours(clause: str, sentence: str) -> frozenset[str]:
    """The words of a clause outside one of its sentences."""
    return frozenset(tokens(fold(clause).replace(fold(sentence), " ")))


def _facts(question: Question, stated: bool = False) -> frozenset[str]:
    """An age either way is about the same limit ("until they reach the age of 18")."""
    facts = question.stated if stated else question.facts
    return facts | {"adult"} if "minor" in facts else facts


def _decisiveness(reading: Reading, question: Question) -> float:
    """Naming who approves settles a question best, unless the asker says it is approved: then
    the rule on what the approval lets them do settles it. A hedged ban or a bare duty least."""
    if reading.force is Force.APPROVAL:
        return DECISIVE if "approved" in question.facts else 2 * DECISIVE
    if reading.force in (Force.NONE, Force.REQUIRE) or reading.hedged:
        return 0.0
    return DECISIVE


def _shape(rule: Rule, question: Question) -> float:
    reading = rule.reading
    score = DESCRIPTIVE if reading.force is Force.NONE else 0.0
    score += _decisiveness(reading, question)
    score += SCENE if rule.scene else 0.0
    score += FORM_FIELD if rule.echoed_field else 0.0
    relations = reading.conditions & RELATIONSHIPS
    if reading.force in (Force.PERMIT, Force.ONLY) and relations and not relations & question.facts:
        score += MISFIT
    if reading.harm and "negative" in question.facts:
        score += HARM
    if reading.conflicted and "conflict" in question.facts:
        score += CONFLICT
    if question.facts >= _STAKE_FROM_WORK and _on_personal_gain(rule, question):
        score += PRIVATE_STAKE
    if "excessive" in question.facts and LIMITED_USE.search(rule.folded):
        score += FACT
    if "third_party" in question.facts and "third_party" in rule.sites:
        # Someone else's group asked about, and a rule written for sites third parties create.
        score += FACT
    if reading.attributed and "as_school" in question.facts:
        # On an official page speaking for the school is the job, not a view passed off as its:
        # the rules on acting for the school answer that before the ban on passing views off.
        score += OFFICIAL_VOICE if "official" in question.facts else ATTRIBUTED
    if reading.force is Force.REQUIRE and goes_against(rule, question):
        score += CONTRARY + (SKIPPED if skips(rule, question) else 0.0)
    if reading.remedy and "remove" in question.facts:
        score += CONTRARY
    if (
        reading.force is Force.REQUIRE
        and "escalates" in question.facts
        and _PASSING_ON.search(rule.folded)
    ):
        score += PASSES_ON
    if reading.force is Force.APPROVAL and "asks_approval" in question.facts:
        score += APPROVER
    if _settled(reading, question):
        score += SETTLED
    if reading.force is Force.PROHIBIT and "unilateral" in question.facts:
        score += ALONE if _ALONE.search(rule.folded) else 0.0
    return score
