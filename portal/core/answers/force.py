"""What a policy sentence does to an activity: forbid it, allow it, allow it on a condition.

Reads the modal wording school policies use ("must not", "can only … with the approval of",
"advised not to", "with the exception of", "is acceptable", "unless") and the situations the
sentence names, so a verdict can be worked out against the facts of a question.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from portal.core.answers.lexicon import Pattern
from portal.core.answers.text import fold


class Force(StrEnum):
    PROHIBIT = "prohibit"  # must not, should not, may not, advised not to, agree not to
    APPROVAL = "approval"  # only with someone's approval or permission
    ONLY = "only"  # can only / should only: allowed within stated limits
    PERMIT = "permit"  # can, is acceptable, does not expect … to discontinue
    CAUTION = "caution"  # allowed, with care advised
    REQUIRE = "require"  # must, should, strongly advised to
    NONE = "none"  # describes, defines or explains


@dataclass(frozen=True, slots=True)
class Reading:
    force: Force
    exceptions: frozenset[str] = frozenset()
    """Facts that lift a prohibition ("unless the pupils are family members")."""
    scope: frozenset[str] = frozenset()
    """Facts a prohibition is limited to ("during school hours")."""
    conditions: frozenset[str] = frozenset()
    """Facts a permission needs ("when no pupils are present and during breaks")."""
    advisory: bool = False
    hedged: bool = False
    """Forbids only when something holds that a question rarely settles ("if … likely to")."""
    harm: bool = False
    """The hedge is about disrespect or disrepute, which a hostile question does settle."""
    attributed: bool = False
    """The hedge is about views passed off as the school's, which a question can settle."""
    conflicted: bool = False
    """The hedge is about a conflict of interest, which a question can settle ("to sell to")."""
    restricted: bool = False
    """Allowed only within limits no fact can show are met ("limited", "where appropriate")."""
    negative_duty: bool = False
    """A duty to refuse ("must decline"): the act refused is what is forbidden."""
    remedy: bool = False
    """Forbids leaving something up, so removing it is what the rule asks."""
    window: tuple[float, float] | None = None
    approver: str = ""
    final: str = ""
    """Who gives the final approval the agreement names elsewhere ("final approval … by the
    Headteacher"): an earlier approval alone does not settle it."""
    limit: str = ""
    """The follow-up sentence that limits a permission ("These relationships must be open …")."""

    @property
    def qualifiers(self) -> frozenset[str]:
        return self.exceptions | self.scope | self.conditions


_MODAL = r"\b(?:must|should|shall|can|cannot|may|will|are|is|agree)\b"
_APPROVAL = re.compile(
    r"\b(?:with|without) (?:the )?(?:prior |explicit )?(?:advice or )?"
    r"(?:approval|permission|authori[sz]ation|agreement)\b|\b(?:the|with) prior approval\b"
    r"|\bmust be (?:given )?(?:explicit )?permission\b|\bmust be (?:approved|authori[sz]ed)\b"
    r"|\b(?:approval|permission|authori[sz]ation) (?:must|should|is to) (?:also )?be "
    r"(?:obtained|sought|given)|\bsanctioned by\b|\bmust be discussed with\b"
    r"|\bmust be consulted\b|\bapproved prior to\b|\bapproval form\b|\bbe approved by\b"
    r"|\bif,? in the future,? it is agreed\b"
    r"|\b(?:approval|permission|authori[sz]ation)\b.{0,160}\bmust be (?:sought|obtained)\b"
)
_PERMIT_SPECIAL = re.compile(
    r"\bdoes not expect\b.{0,80}\bto discontinue\b"
    r"|\bcan\b(?! only| not| often| also be).{0,80}\bbut (?:cannot|must not|may not|should not)\b"
)
_CAUTION = re.compile(r"\bcaution is advised\b|\badvised to (?:take care|be careful)\b")
_PROHIBIT = re.compile(
    r"\b(?:must|should|may|shall|will|can) ?not\b(?! necessarily| be the best| be possible)"
    r"|\bcannot\b(?! necessarily)"
    r"|\bcan't\b|\b(?:must|should|will) never\b|\bnever (?:use|give|be|post)\b"
    r"|\bnot (?:be )?(?:allowed|permitted|acceptable)\b|\bis (?:prohibited|forbidden|banned)\b"
    r"|\badvised not to\b|\bagree not to\b|\bno (?:use|contact)\b|\bnot safe to\b"
    r"|\bno opinions\b.{0,40}\bmay be\b|\bdo not\b|\bdoes not want\b.{0,60}\bshared\b"
)
# A duty to hold back ("must decline", "must be particularly careful to not reveal") forbids the
# act it holds back from.
_NEGATIVE_DUTY = re.compile(
    r"\b(?:must|should|will) (?:always )?(?:decline|reject|refuse|refrain)"
    r"|\b(?:must|should) (?:be (?:\w+ )?careful|take (?:\w+ )?care) (?:not to|to not)\b"
)
_ONLY = re.compile(
    r"\b(?:can|could|should|must|may) only\b|\bonly (?:permits?|allowed|be made|be used)\b"
    r"|\b(?:must|can) be created only\b|\bonly (?:with|when|during|if|where)\b"
)
_PERMIT = re.compile(
    r"\b(?:staff|you|members|employees|teachers|school staff)\b(?: \w+){0,3} (?:can|may)\b"
    r"(?! only| not| be | lead| result| also result| have a concern| often| also be)"
    r"|\bis acceptable\b|\bare acceptable\b|\bis permitted\b|\bare permitted\b|\bpermits\b"
    r"|\bare encouraged\b|\bis a good idea\b|\bcan have\b|\bcan make\b|\bcan use\b"
)
_REQUIRE = re.compile(
    r"\bmust\b|\bshould\b|\b(?:are|is) (?:expected|required) to\b|\bstrongly advised\b"
    r"|\bneed to\b|\bhave to\b|\bagree (?:to|in)\b|\bi will\b|\bthere must be\b"
    r"|\b(?:are|is) responsible for (?:determining|the configuration)\b"
)
# What the school may do about a breach ("may lead to disciplinary action", "reserves the right
# to investigate"): to the manager who asks "can we …?", an outcome the policy allows.
_SANCTION = re.compile(
    r"\bmay (?:lead to|result in|constitute)\b|\breserves the right to\b|\baction may be taken\b"
)
# Guidance written as a bare instruction ("Stay within the law …") is a duty all the same.
_IMPERATIVE = re.compile(r"^(?:stay|keep|respect|remember to|ensure|make sure|follow|treat)\b")
# "Staff must recognise that …": asks for understanding, rules on no activity.
_AWARENESS = re.compile(
    r"^[^.]{0,60}\b(?:must|should) (?:also )?(?:recognise|understand|be aware|note|remember"
    r"|bear in mind)\b"
)
_STRONGLY_ADVISED = re.compile(r"\bstrongly advised to\b|\bare expected to\b(?!.*\bnot\b)")
_ADVISORY = re.compile(r"\badvised\b|\badvise\b|\bask parents\b|\bare asked\b|\bagree not\b")
_HEDGE = re.compile(
    r"\b(?:which|that) (?:might|could|may)\b|\blikely to\b|\bmight (?:risk )?bring\b"
    r"|\bcould be perceived\b|\b(?:is|are) likely\b|\bas those of\b"
)
_ATTRIBUTED = re.compile(r"\bas those of\b|\battributable\b")
# "A conflict between your work for the school and your personal interests" is the same hedge
# as "a conflict of interest": a question that shows a private stake settles both.
_CONFLICTED = re.compile(r"\bconflict of interest\b|\bobjectivity\b|\bconflict between\b")
_INNER_IF = re.compile(r".(?<!even )\bif\b")
_HARM = re.compile(r"disrespect|disrepute|stress|insult|offen[cs]|harm|damage|embarrass")
_RESTRICTED = re.compile(
    r"\blimited\b|\bwhere appropriate\b"
    r"|\bbut (?:cannot|must not|may not|should not)\b|\bwhere the use\b|\bprovided\b"
    r"|\bas long as\b|\ballowed by the school\b"
)
# "…; in the case of adults, those who have undergone checks": whoever meets it is let in.
_EXCEPTION = re.compile(
    r"\b(?:unless|with the exception of|except(?: for)?|other than|until"
    r"|in the case of [^,;.]*, (?:only )?those who)\b([^,;.]*)"
)
_SOLELY = re.compile(r"\bsolely\b")
_ONLY_SPAN = re.compile(r"\bonly\b(.*)")
_WINDOW = re.compile(r"between (\d{1,2})[:.](\d{2}) and (\d{1,2})[:.](\d{2})")
_APPROVER = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\b(?:agreed by|approved by) ((?:the|a) [\w'’ ()]+?)(?= that| before|[.,;]|$)",
        r"(?:approval|permission|authori[sz]ation|advice or approval) (?:of|from) "
        r"((?:the|a|your) [\w'’ ()]+?)(?= before| to | and |[.,;]|$)",
        r"\bsought by ((?:at least )?[\w'’ ]+?(?: \([^)]*\))?)(?=[.,;]|$)",
        r"\b(?:discussed with|consulted|forwarded to|obtained from) (?:and approved by )?"
        r"((?:the|your) [\w'’ ()]+?)(?= immediately| before|[.,;]|$)",
        r"\bby ((?:a|the) [\w'’ ]+?)(?=[.,;]|$)",
    )
)
_NOT_FAMILY = re.compile(r"\bnot (?:\w+ ){0,2}family members\b")
# Facts that can limit where or when a prohibition applies; relationships only ever lift one.
_SCOPE_FACTS = frozenset(
    {"school_hours", "at_work", "pupils_present", "other_school", "personal_account"}
)
# Parts of the working day a permission can be limited to, or a ban's hours can except: a
# break, non-contact time, where no pupils are, the staff room.
TIMES_OF_DAY = frozenset({"break", "non_contact", "no_pupils", "staff_room"})
_CONTINUATION = re.compile(r"^(?:this|these|such|all such|again, this|similarly)\b")
_GENERIC_COMPLIANCE = re.compile(r"\b(?:consistent with|follow the|acceptable use|the law)\b")
# A form that asks how you will do something ("how do you propose to … obtain consent …?")
# implies it must be done.
_FORM_QUESTION = re.compile(
    r"^(?:if [^?]{0,120}? )?(?:how|who|what [\w ]{0,30}?) (?:do|will|would) you\b[^?]*\?$"
    r"|^who will \w+[^?]*\?$"
)
# An either/or duty ("must never be posted or removed immediately"): removing is the remedy.
_REMEDY = re.compile(
    r"\bnever be \w+ or (?:be )?(?:removed|deleted|taken down)\b"
    r"|\bmust not be \w+ or (?:must be )?(?:removed|deleted|taken down)\b"
)


def read(sentence: str, qualifiers: Mapping[str, Pattern]) -> Reading:
    """The force of one sentence and the situations it names."""
    text = fold(sentence)
    force = _force(text)
    exceptions, rest = _exceptions(text, qualifiers)
    named = _named(rest, qualifiers)
    return Reading(
        force=force,
        exceptions=exceptions,
        scope=named & _SCOPE_FACTS if force is Force.PROHIBIT else frozenset(),
        conditions=_conditions(force, rest, named, qualifiers),
        advisory=force is Force.PROHIBIT and _ADVISORY.search(text) is not None,
        hedged=force is Force.PROHIBIT and _hedged(text),
        harm=_HARM.search(text) is not None,
        attributed=_ATTRIBUTED.search(text) is not None,
        conflicted=_CONFLICTED.search(text) is not None,
        restricted=_RESTRICTED.search(text) is not None,
        negative_duty=_NEGATIVE_DUTY.search(text) is not None,
        remedy=force is Force.PROHIBIT and _REMEDY.search(text) is not None,
        window=_window(text),
        approver=_approver(sentence) if force is Force.APPROVAL else "",
    )


def is_continuation(sentence: str) -> bool:
    """Sentences like "This includes …" that extend the sentence before them."""
    return _CONTINUATION.search(fold(sentence)) is not None


def binds_previous(sentence: str) -> bool:
    """A follow-up duty ("This must not interfere …") that limits the permission before it."""
    text = fold(sentence)
    return (
        is_continuation(sentence)
        and _REQUIRE.search(text) is not None
        and _GENERIC_COMPLIANCE.search(text) is None
        and not text.startswith(("this includes", "this is because", "this means"))
    )


def _force(text: str) -> Force:
    if _CAUTION.search(text):
        return Force.CAUTION
    if _PERMIT_SPECIAL.search(text):
        return Force.PERMIT
    if _APPROVAL.search(text) and re.search(_MODAL, text):
        return Force.APPROVAL
    if _NEGATIVE_DUTY.search(text):
        return Force.PROHIBIT
    return _plain_force(text)


def _plain_force(text: str) -> Force:
    if _AWARENESS.search(text):
        return Force.NONE
    if _STRONGLY_ADVISED.search(text):
        return Force.REQUIRE
    if _ONLY.search(text):
        return Force.ONLY
    if _PROHIBIT.search(text):
        return Force.PROHIBIT
    if _PERMIT.search(text) or _SANCTION.search(text):
        return Force.PERMIT
    if _REQUIRE.search(text):
        return Force.REQUIRE
    return _implied_force(text)


def _implied_force(text: str) -> Force:
    """Sentences with no modal that still rule, by the framing of the document."""
    if _FORM_QUESTION.search(text) or _IMPERATIVE.search(text):
        return Force.REQUIRE
    return Force.NONE


def _conditions(
    force: Force, text: str, named: frozenset[str], qualifiers: Mapping[str, Pattern]
) -> frozenset[str]:
    """What a permission needs: for "only" sentences, just what follows the "only"."""
    if force is Force.PERMIT:
        return named
    if force in (Force.ONLY, Force.APPROVAL):
        return _named(only_clause(text), qualifiers)
    return frozenset()


def _hedged(text: str) -> bool:
    return _HEDGE.search(text) is not None or _INNER_IF.search(text) is not None


def _exceptions(text: str, qualifiers: Mapping[str, Pattern]) -> tuple[frozenset[str], str]:
    """Facts named inside exception phrases, and the text left once they are taken out."""
    found: set[str] = set()
    for match in _EXCEPTION.finditer(text):
        found |= _named(match.group(1), qualifiers)
    if _SOLELY.search(text):
        # "solely a staff/parent relationship": any other relationship takes it outside.
        found |= {"family", "family_friend", "personal_friend"}
    return frozenset(found), _EXCEPTION.sub(" ", text)


def _named(text: str, qualifiers: Mapping[str, Pattern]) -> frozenset[str]:
    text = _NOT_FAMILY.sub(" ", text)
    found = {fact for fact, pattern in qualifiers.items() if pattern.search(text)}
    if "no_pupils" in found:
        found.discard("pupils_present")
    return frozenset(found)


def _window(text: str) -> tuple[float, float] | None:
    match = _WINDOW.search(text)
    if not match:
        return None
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    return _clock(h1, m1), _clock(h2, m2)


def _clock(hour: int, minute: int) -> float:
    """School-day reading of a bare hour: 3:30 is half past three in the afternoon."""
    return (hour + 12 if 1 <= hour <= 7 else hour) + minute / 60


def _approver(sentence: str) -> str:
    for pattern in _APPROVER:
        match = pattern.search(sentence)
        if match:
            return match.group(1).strip().rstrip(",")
    return ""


# Where a sentence joins two rulings on two acts: "Staff must not X, and may only Y with the
# approval of Z"; "Staff must not X; they can Y only if Z". The second half has its own modal.
_COORDINATED = re.compile(
    r";|,? (?:and|but|while|whereas) (?=(?:(?:they|staff|you|members|employees|it) )?(?:\w+ )?"
    r"(?:must|should|may|can|cannot|could|will|need)\b)"
)


def banned_parts(sentence: str) -> tuple[str, ...]:
    """The parts of a sentence that ban an act outright, when another part of it opens a route
    (an approval, an "only", a permission) for a different one; none when no part does."""
    parts = [p.strip(" ,") for p in _COORDINATED.split(fold(sentence)) if p.strip(" ,")]
    if len(parts) < 2:
        return ()
    bans = tuple(p for p in parts if _outright_ban(p))
    return bans if len(bans) < len(parts) else ()


def _outright_ban(part: str) -> bool:
    return (
        _APPROVAL.search(part) is None
        and _ONLY.search(part) is None
        and (_PROHIBIT.search(part) is not None and not _hedged(part))
    )


def only_clause(sentence: str) -> str:
    """The limit an "only" sentence sets ("during non-contact hours")."""
    match = _ONLY_SPAN.search(sentence)
    return match.group(1).strip().rstrip(".") if match else ""
