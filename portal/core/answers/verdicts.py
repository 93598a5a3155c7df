"""Ruling on a question with one rule: the rule's force, checked against the asker's facts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from portal.core.answers.acts import Act, acts_differ, agreement, governed_act, named_objects
from portal.core.answers.force import TIMES_OF_DAY, Force, banned_parts, only_clause
from portal.core.answers.lexicon import Lexicon
from portal.core.answers.model import Verdict
from portal.core.answers.question import Question
from portal.core.answers.retrieval import concepts_in
from portal.core.answers.rules import Rule
from portal.core.answers.text import fold, tokens

# Topics of rules that limit personal contact with people.
CONTACT_TOPICS = frozenset(
    {
        "pupil_contact",
        "parent_contact",
        "pupil_friend_request",
        "ex_pupil_contact",
        "colleague_contact",
        "keep_contact",
        "staff_leaving",
    }
)
# Relationships that a permission can be limited to: any one of them is enough.
RELATIONSHIPS = frozenset({"family", "family_friend", "personal_friend", "linkedin"})
# Scopes a prohibition is taken to reach unless the question says otherwise: a ban "on
# personal webspace" covers a post when nobody says it goes on an official page.
ASSUMED = frozenset({"other_school", "personal_account"})
# Checks an exception asks for ("those who have undergone appropriate security checks") that a
# question rarely says were done: it turns on them unless the question rules them out.
_CHECKED = frozenset({"vetted"})
_OPENNESS = re.compile(r"\bopen and transparent\b|\btransparent\b|\bdeclared\b")
# An age the question gives, either way.
_AGES = frozenset({"adult", "minor"})
# The working day a permission for personal use at work is written for.
_WORK_SETTING = frozenset({"at_work", "school_hours", "break", "non_contact", "staff_room"})
# Facts that place the act at a part of the day: a free period is not a lunch break.
_WHEN = frozenset({"non_contact", "in_lessons", "pupils_present", "no_pupils", "break"})
_PRECONDITION = re.compile(
    r"\bprior to\b|\bbefore\b|\bthere must be\b|\bmust (?:complete|consider|designate|have)\b"
    r"|\bcareful (?:consideration|thought)\b|\bconsideration must\b|\bfor creating\b"
    r"|\bwhen creating\b|\bmust be (?:discussed|consulted|vetted|moderated)\b|\bguidelines\b"
    r"|\brequirements\b|\bmust ensure\b"
)
# A duty to consult someone first: seeking advice, raising doubts with leaders, discussing the
# plan with a named manager. Acting without asking anyone skips exactly that.
_CONSULT = re.compile(
    r"\b(?:seek|ask for|obtain|get|take) (?:their |the |appropriate |further )?"
    r"(?:advice|guidance|permission|approval|authori[sz]ation)\b"
    r"|\bmust (?:raise|refer|report) (?:[\w,]+ ){0,10}?with\b"
    r"|\bmust be (?:discussed|agreed|checked|cleared|consulted) (?:on )?with\b"
)
# A fallback step ("If that is not possible, I will follow the complaints policy") is open
# only once the step before it has been tried.
_FALLBACK = re.compile(
    r"^(?:if (?:that|this) (?:is not|isn't|is no longer) possible|if not|failing that)\b"
)
# A ban addressed to paid staff alone ("Paid staff members must not …") leaves out governors
# and volunteers, though the rest of the policy binds them.
_PAID_ONLY = re.compile(r"^(?:all |any )?paid (?:staff|employees|members of staff)\b")
_BUT_NOT = re.compile(r"\bbut (?:cannot|must not|may not|should not)\b")
# Who can approve, as askers and policies name them: an approval from someone the rule does not
# name ("my line manager signed it" under "approved by the Head Teacher") does not settle it.
_ROLES = {
    "head": re.compile(r"\bhead(?:s|'s)?\b(?! of)|\bhead ?(?:teacher|master)|\bprincipal\b"),
    "deputy": re.compile(r"\b(?:deputy|assistant) head"),
    "line_manager": re.compile(r"\bline managers?\b"),
    "governors": re.compile(r"\bgovern(?:ors?|ing body)\b"),
    "leadership": re.compile(r"\bslt\b|\bsenior (?:leaders?|leadership)\b|\bschool leaders?\b"),
    "data_controller": re.compile(r"\bdata controller\b"),
    "communications": re.compile(r"\bcommunications? (?:manager|lead)\b"),
    "network_manager": re.compile(r"\bnetwork manager\b|\bict (?:manager|technician|team)\b"),
    "safeguarding_lead": re.compile(r"\bdsl\b|\bdesignated safeguarding\b|\bsafeguarding lead\b"),
}
_LEADERS = frozenset({"head", "deputy"})
# A duty that leaves the choice to staff ("responsible for determining the level of privacy")
# sets no requirement a choice could break: whatever they decide is theirs to decide.
_DISCRETION = re.compile(
    r"\bresponsible for (?:determining|deciding|choosing)\b"
    r"|\bat (?:their|your) (?:own )?discretion\b"
    r"|\b(?:is|are) (?:left )?up to (?:them|you|each|the individual)\b"
)
# A permission for limited use only ("limited", "reasonable", "occasional"), or a ban on excessive
# use: what an asker who means to use it without limit ("whenever I like") goes beyond.
_RESERVED = re.compile(r"\breserves? the right\b")
LIMITED_USE = re.compile(r"\b(?:limited|reasonable|occasional|excessive)\b(?! to\b)")
# Whose site or business an act concerns, not what it is done to.
_WHOSE = frozenset({"school"})
# Words too common in these questions to show that a duty and an act are the same thing.
_GENERIC = frozenset(tokens("school social media staff pupil site page account use post make"))


@dataclass(frozen=True, slots=True)
class Ruling:
    verdict: Verdict
    reason: str
    condition: str = ""
    approver: str = ""


def rule_on(rule: Rule, question: Question, lexicon: Lexicon) -> Ruling:
    facts = _facts_for(rule, question)
    force = rule.force
    if force is Force.PROHIBIT:
        return _prohibition(rule, facts, lexicon)
    if force in (Force.APPROVAL, Force.ONLY) and _asks_banned_part(rule, question, lexicon):
        return Ruling(Verdict.NO, "forbidden")
    if force is Force.APPROVAL:
        return _approval(rule, question)
    if force in (Force.ONLY, Force.PERMIT):
        return _permission(rule, question, facts, lexicon)
    if force is Force.CAUTION:
        return Ruling(Verdict.YES, "caution")
    if force is Force.REQUIRE:
        return _duty(rule, question, lexicon)
    return Ruling(Verdict.CONDITIONAL, "unclear", condition=rule.sentence)


def _facts_for(rule: Rule, question: Question) -> frozenset[str]:
    """The question's facts, with its clock read against the rule's own hours if it states them."""
    window = rule.reading.window
    if window is None or question.clock is None:
        return _with_channel(question)
    inside = window[0] <= question.clock < window[1]
    dropped = {"outside_hours"} if inside else {"school_hours"}
    return (_with_channel(question) - dropped) | {"school_hours" if inside else "outside_hours"}


def _with_channel(question: Question) -> frozenset[str]:
    """A WhatsApp group or a text happens on the asker's own account though they never say "my
    account": the act's channel counts as that fact when the question names no site."""
    facts = question.facts
    if question.act.channel == "personal" and not facts & _SITES:
        return facts | {"personal_account"}
    return facts


_SITES = frozenset({"official", "personal_account"})


def _prohibition(rule: Rule, facts: frozenset[str], lexicon: Lexicon) -> Ruling:
    reading = rule.reading
    if "ends_contact" in facts and rule.topics & CONTACT_TOPICS:
        # A ban on having contact is never broken by ending it.
        return Ruling(Verdict.YES, "ends contact")
    if "conceals" in facts and _bans_revealing(rule, lexicon):
        # A ban on revealing something is kept, not broken, by hiding it.
        return Ruling(Verdict.YES, "keeps it private", condition=rule.sentence)
    if reading.remedy and "remove" in facts:
        return Ruling(Verdict.YES, "remedy", condition=rule.sentence)
    if "unpaid" in facts and _PAID_ONLY.search(rule.folded):
        return Ruling(Verdict.YES, "scope", rule.sentence)
    if reading.exceptions & facts:
        return Ruling(Verdict.YES, "exception", condition=", ".join(sorted(reading.exceptions)))
    if any(_contradicted(f, facts, lexicon) for f in reading.scope & ASSUMED):
        return Ruling(Verdict.YES, "scope", rule.sentence)
    limits = reading.scope - ASSUMED
    if limits and not limits & facts:
        lifted = all(_contradicted(f, facts, lexicon) for f in limits)
        return Ruling(Verdict.YES if lifted else Verdict.CONDITIONAL, "scope", rule.sentence)
    if reading.hedged:
        return _hedged(rule, facts)
    if _open_exception(reading.exceptions, facts, lexicon):
        return Ruling(Verdict.CONDITIONAL, "exception", condition=rule.sentence)
    return Ruling(Verdict.NO, "advised against" if reading.advisory else "forbidden")


def _bans_revealing(rule: Rule, lexicon: Lexicon) -> bool:
    """The ban is on giving something away: revealing, disclosing, giving out."""
    disclose = dict(lexicon.acts.verbs).get("disclose")
    return disclose is not None and disclose.search(rule.folded) is not None


def _open_exception(exceptions: frozenset[str], facts: frozenset[str], lexicon: Lexicon) -> bool:
    """A ban in working hours "except in breaks", asked about the working day with no word of
    which part of it: the exception may well apply, so the answer turns on it. So does one for
    those who have passed checks, unless the question rules them out, and a ban on friends
    "until they reach the age of 18" asked of former pupils with no age given: they may be any
    age, where a current pupil is a child. Relationships are not open in the same way: an asker
    who is family says so."""
    # Exceptions of time and place within a ban's hours: a question that does not say when or
    # where in the day leaves them open.
    timed = exceptions & TIMES_OF_DAY
    checked = exceptions & _CHECKED
    if checked and not any(_contradicted(f, facts, lexicon) for f in checked):
        return True
    if "adult" in exceptions and "ex_pupil" in facts and not facts & _AGES:
        return True
    return (
        bool(timed)
        and not facts & _WHEN
        and not any(_contradicted(f, facts, lexicon) for f in timed)
    )


def _hedged(rule: Rule, facts: frozenset[str]) -> Ruling:
    """A ban on what "could be perceived as" disrespectful or harmful: praise is outside it and
    anything critical, mocking or gossiping is inside it; otherwise it depends."""
    if rule.reading.harm and "positive" in facts and "negative" not in facts:
        return Ruling(Verdict.YES, "scope", rule.sentence)
    if rule.reading.harm and "negative" in facts:
        return Ruling(Verdict.NO, "forbidden")
    if rule.reading.attributed and "as_school" in facts:
        return Ruling(Verdict.NO, "forbidden")
    if rule.reading.conflicted and "conflict" in facts:
        return Ruling(Verdict.NO, "forbidden")
    return Ruling(Verdict.CONDITIONAL, "hedged", condition=rule.sentence)


def _approval(rule: Rule, question: Question) -> Ruling:
    approver = rule.reading.approver
    if "unilateral" in question.facts:
        return Ruling(Verdict.NO, "without approval", approver=approver)
    if "approved" in question.facts and all(
        _approved_by(who, question) for who in (approver, rule.reading.final)
    ):
        return Ruling(Verdict.YES, "approved", approver=approver)
    return Ruling(Verdict.CONDITIONAL, "approval", condition=rule.sentence, approver=approver)


def _approved_by(approver: str, question: Question) -> bool:
    """Whoever the asker says approved is one the rule names, or the rule names nobody."""
    named, needed = roles(question.folded), roles(fold(approver))
    if named & _LEADERS:
        named |= {"leadership"}  # the head and deputies are school leaders
    return not named or not needed or bool(named & needed)


def roles(folded: str) -> frozenset[str]:
    """The school roles a text names: who approves, or who the asker says they are."""
    return frozenset(role for role, pattern in _ROLES.items() if pattern.search(folded))


def _permission(rule: Rule, question: Question, facts: frozenset[str], lexicon: Lexicon) -> Ruling:
    reading = rule.reading
    if _RESERVED.search(rule.folded) and goes_against(rule, question):
        # A right the school keeps ("to monitor all staff internet use") is not the asker's to
        # switch off or opt out of.
        return Ruling(Verdict.NO, "against a duty", condition=rule.sentence)
    if _asks_what_is_barred(rule.sentence, question, lexicon):
        return Ruling(Verdict.NO, "outside the limits", condition=rule.sentence)
    if _off_work(reading.conditions, facts):
        return Ruling(Verdict.YES, "scope", condition=rule.sentence)
    needed = reading.conditions - {"at_work", "school_hours"}
    relations = needed & RELATIONSHIPS
    if relations and not relations & facts:
        return Ruling(Verdict.CONDITIONAL, "only for", condition=", ".join(sorted(relations)))
    others = needed - RELATIONSHIPS
    if "excessive" in facts and LIMITED_USE.search(rule.folded):
        return Ruling(Verdict.NO, "outside the limits", condition=rule.sentence)
    if any(_contradicted(f, facts, lexicon) or _another_time(f, facts) for f in others):
        return Ruling(Verdict.NO, "outside the limits", condition=only_clause(rule.sentence))
    if others and others <= facts:
        # Every circumstance the permission names is met: a general limit ("reasonable",
        # "must not interfere with work") does not make it conditional again.
        return Ruling(Verdict.YES, "permitted")
    if _kept_open(reading.limit, facts) and not others - facts:
        return Ruling(Verdict.YES, "permitted")
    if reading.restricted or others - facts or (rule.force is Force.ONLY and not others):
        limit = only_clause(rule.sentence) if rule.force is Force.ONLY else rule.sentence
        return Ruling(Verdict.CONDITIONAL, "limits", condition=reading.limit or limit)
    return Ruling(Verdict.YES, "permitted")


def _asks_what_is_barred(sentence: str, question: Question, lexicon: Lexicon) -> bool:
    """In "staff can X but cannot Y", the question is about Y more than about X."""
    parts = _BUT_NOT.split(fold(sentence), maxsplit=1)
    if len(parts) < 2:
        return False
    allowed, barred = (_gist(p, lexicon) for p in parts)
    asked = _gist(question.folded, lexicon)
    return len(asked & (barred - allowed)) > len(asked & (allowed - barred))


def _asks_banned_part(rule: Rule, question: Question, lexicon: Lexicon) -> bool:
    """ "Staff must not X, and may only Y with approval": the approval is a route for Y alone,
    so a question about X meets the ban. The act the question proposes decides which half it
    is about; failing that, the words it shares with each."""
    bans = banned_parts(rule.sentence)
    if not bans:
        return False
    rest = rule.folded
    for ban in bans:
        rest = rest.replace(ban, " ")
    banned = [governed_act(b, lexicon.acts) for b in bans]
    opened = governed_act(rest, lexicon.acts)
    if question.act.verbs and opened.verbs and any(b.verbs for b in banned):
        closest = max(_likeness(question.act, b, lexicon) for b in banned)
        return closest > _likeness(question.act, opened, lexicon)
    asked = _gist(question.folded, lexicon)
    barred, allowed = _gist(" ".join(bans), lexicon), _gist(rest, lexicon)
    return len(asked & (barred - allowed)) > len(asked & (allowed - barred))


def governs_asked_act(rule: Rule, question: Question, lexicon: Lexicon) -> bool:
    """The rule governs what the asker proposes, in the same or akin words, done to something
    the question names: a ban on posting personal matters on the school's page is no ban on
    posting the trip photos there."""
    if _likeness(question.act, rule.act, lexicon)[0] == 0:
        return False
    done_to = rule.act.objects - _WHOSE
    return not done_to or bool(done_to & named_objects(question.folded, lexicon.acts))


def _likeness(proposed: Act, governed: Act, lexicon: Lexicon) -> tuple[int, int]:
    """How closely a governed act is the proposed one: the same verb, an akin one, or neither;
    then on the same kind of account, one not said, or another ("share pupils' work on personal
    blogs" beside "publish it on the school website")."""
    agreed = agreement(proposed, governed, lexicon.acts)
    verb = 2 if agreed.verbs - lexicon.acts.means else 1 if agreed.kin else 0
    if not (proposed.channel and governed.channel):
        return verb, 0
    return verb, 1 if proposed.channel == governed.channel else -1


def _gist(text: str, lexicon: Lexicon) -> set[str]:
    return (set(tokens(text)) - _GENERIC) | set(concepts_in(text, lexicon.concepts))


def _duty(rule: Rule, question: Question, lexicon: Lexicon) -> Ruling:
    text = rule.folded
    if goes_against(rule, question) or _skips_consulting(text, question):
        return Ruling(Verdict.NO, "against a duty", condition=rule.sentence)
    if _FALLBACK.search(text) and "tried_first" not in question.facts:
        return Ruling(Verdict.CONDITIONAL, "fallback", condition=rule.sentence)
    if _PRECONDITION.search(text):
        if _meets_precondition(rule, question, lexicon):
            return Ruling(Verdict.YES, "expected")
        return Ruling(Verdict.CONDITIONAL, "precondition", condition=rule.sentence)
    if _DISCRETION.search(text):
        return Ruling(Verdict.YES, "left to staff", condition=rule.sentence)
    if says_who_holds(rule, asked_role(question.folded)):
        # Naming the role is not meeting the duty: the one asked about must be who it names.
        return Ruling(Verdict.CONDITIONAL, "duty", condition=rule.sentence)
    if _aligned(question, rule, lexicon) or _asked_duty(rule, question):
        return Ruling(Verdict.YES, "expected")
    if acts_differ(question.act, rule.act, lexicon.acts):
        # A duty to do something else than the asker proposes leaves their act open.
        return Ruling(Verdict.CONDITIONAL, "another act", condition=rule.sentence)
    return Ruling(Verdict.CONDITIONAL, "duty", condition=rule.sentence)


def _skips_consulting(text: str, question: Question) -> bool:
    """The asker means to act without asking anyone, where the duty is to ask first."""
    return "unilateral" in question.facts and _CONSULT.search(text) is not None


@cache
def asked_role(folded: str) -> str:
    """The role the asker asks whether someone may hold ("could he be an admin?"), if any."""
    found = _HOLDS_ROLE.search(folded)
    return found.group(1) if found else ""


def says_who_holds(rule: Rule, role: str) -> bool:
    """The duty says who holders of the role must be ("Site administrators and moderators must be
    employees"). Roles compare by their shared opening ("admin", "administrators")."""
    found = _ROLE_MUST_BE.search(rule.folded)
    if not role or found is None or rule.force is not Force.REQUIRE:
        return False
    return any(r.startswith(role) or role.startswith(r) for r in found.groups() if r)


_HOLDS_ROLE = re.compile(
    r"\b(?:can|could|may|is it ok (?:for|if)|allowed to) (?:[\w',]+ ){0,8}?"
    r"(?:be|become|act as|serve as|join as) (?:an?|the|one of the|our) (?:\w+ )??([a-z]{3,}?)s?\b"
)
_ROLE_MUST_BE = re.compile(
    r"^(?:the |all |any )?(?:[\w-]+ ){0,2}?([a-z]{3,}?)s?(?: and ([a-z]{3,}?)s?)?"
    r" (?:must|should|shall|can only|may only) (?:only )?be\b"
)


def _meets_precondition(rule: Rule, question: Question, lexicon: Lexicon) -> bool:
    """A step required before a site goes ahead ("must designate at least two approved
    Administrators"), asked about by someone whose site is approved and who proposes that very
    step: they are doing what the policy asks, not skipping it."""
    return "approved" in question.facts and _aligned(question, rule, lexicon)


def _asked_duty(rule: Rule, question: Question) -> bool:
    """ "Should I …?" answered by a duty on the very thing asked about: the duty says yes, in
    whatever words the asker put it ("sign my posts" under "must identify who they are")."""
    return question.obliged and bool(rule.topics & question.topics.keys())


def goes_against(rule: Rule, question: Question) -> bool:
    """The asker proposes the opposite of what the rule requires, or to skip what it requires."""
    act = _act_text(question)
    return any(p.search(act) for p in rule.contrary) or skips(rule, question)


def skips(rule: Rule, question: Question) -> bool:
    """ "Can we add the house rules later?" against "sites must have … House Rules"."""
    if not question.skipped or rule.force is not Force.REQUIRE or rule.reading.negative_duty:
        return False
    return bool(question.skipped - _GENERIC & set(tokens(rule.folded)))


def _act_text(question: Question) -> str:
    """What the asker wants to do; removal words drop out when the question is about keeping."""
    if not question.keeps:
        return question.folded
    return re.sub(
        r"\b(?:un-?friend|unfollow|block|delete|remove|decline|stop)\w*", " ", question.folded
    )


def _aligned(question: Question, rule: Rule, lexicon: Lexicon) -> bool:
    """The asker means to do what the duty asks: a shared word, or a synonym of one, and not a
    different act ("term" in "last term" is no sign that accepting a follow is "discussing the
    requests in general terms")."""
    if acts_differ(question.act, rule.act, lexicon.acts):
        return False
    if agreement(question.act, rule.act, lexicon.acts).verbs - _GENERIC:
        return True  # the same act in other words: "tell the school" for "approach the school"
    return alignment(question, rule.folded, lexicon) > 0


# Every duty's words are weighed against many questions: each sentence is cut into words once.
@lru_cache(maxsize=1 << 12)
def _words(text: str) -> frozenset[str]:
    return frozenset(tokens(text))


def alignment(
    question: Question, text: str, lexicon: Lexicon, shared: frozenset[str] = frozenset()
) -> int:
    """How many of the asker's own words the duty uses, itself or through a synonym; words in
    `shared` (what the duty has in common with its neighbours) do not count."""
    said = _words(text) - shared
    own = set(question.ask_tokens) - _GENERIC - shared
    return sum(1 for t in own if ({t} | lexicon.synonyms.get(t, frozenset())) & said)


def _kept_open(limit: str, facts: frozenset[str]) -> bool:
    """The permission's only limit is that the relationship be open, and the asker says it is
    ("the head knows, it's no secret")."""
    return (
        bool(limit) and "open_relationship" in facts and _OPENNESS.search(fold(limit)) is not None
    )


def _off_work(conditions: frozenset[str], facts: frozenset[str]) -> bool:
    """A permission limited to use at work ("limited personal use while at work") says nothing
    of an evening at home or a weekend: the asker is outside the setting it is written for."""
    if not conditions & _WORK_SETTING:
        return False
    return "at_home" in facts or ("outside_hours" in facts and "at_work" not in facts)


def _another_time(fact: str, facts: frozenset[str]) -> bool:
    """A permission for breaks asked about a free period or PPA: the asker has named the part of
    the day, and it is non-contact time that is not a break."""
    return fact == "break" and "non_contact" in facts and "break" not in facts


def _contradicted(fact: str, facts: frozenset[str], lexicon: Lexicon) -> bool:
    return any(o in facts for o in lexicon.opposites.get(fact, ()))
