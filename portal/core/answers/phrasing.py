"""The one or two plain sentences a bot says back."""

from __future__ import annotations

from portal.core.agreements import School
from portal.core.answers.model import Verdict
from portal.core.answers.rules import Rule
from portal.core.answers.verdicts import Ruling

PARENT_CONTACT = "the school office or the head teacher"
_MAX_QUOTE = 320

_FACT_WORDS = {
    "family": "family members",
    "family_friend": "family friends",
    "personal_friend": "personal friends",
    "linkedin": "LinkedIn",
}

_OPENING = {
    ("yes", "exception"): "Yes: the policy makes an exception that covers this.",
    ("yes", "scope"): "Yes: the restriction does not reach what you describe.",
    ("yes", "caution"): "Yes, but the policy advises caution.",
    ("yes", "approved"): "Yes, as long as the approval you mention is in place.",
    ("yes", "ends contact"): "Yes: the policy limits having contact, and this ends it.",
    ("no", "advised against"): "No: the policy advises against this.",
    ("no", "against a duty"): "No: the policy requires something different.",
    ("no", "without approval"): "No, not without approval",
    ("no", "outside the limits"): "No, not in the circumstances you describe.",
    ("conditional", "approval"): "Only with approval",
    ("conditional", "hedged"): "It depends: the policy forbids it only in some circumstances.",
    ("conditional", "scope"): "It depends on when and where: the policy restricts it.",
    ("conditional", "exception"): "It depends on when: it is allowed only at the times named.",
    ("conditional", "only for"): "Only for",
    ("conditional", "another act"): "It depends: the policy asks for something alongside this.",
}
_DEFAULT_OPENING = {
    Verdict.YES: "Yes: the policy allows this.",
    Verdict.NO: "No: the policy does not allow this.",
    Verdict.CONDITIONAL: "Only within the limits the policy sets.",
}


def label(rule: Rule) -> str:
    clause = rule.clause
    heading = clause.heading.capitalize() if clause.heading.isupper() else clause.heading
    where = clause.number or (
        f"{heading}, paragraph {clause.ref.rsplit('.', 1)[-1]}" if heading else clause.ref
    )
    return f"{rule.title}, {where}"


def quote(rule: Rule) -> str:
    text = " ".join(rule.sentence.split())
    return text if len(text) <= _MAX_QUOTE else text[: _MAX_QUOTE - 1].rsplit(" ", 1)[0] + "…"


def ruled(rule: Rule, ruling: Ruling) -> str:
    opening = _opening(ruling)
    if ruling.reason == "limits" and rule.reading.limit:
        opening = f"Yes, but only if you keep to this: “{rule.reading.limit}”"
    closing = (
        f" Ask {ruling.approver} first."
        if ruling.verdict is Verdict.CONDITIONAL and ruling.approver
        else ""
    )
    return f"{opening} {label(rule)}: “{quote(rule)}”{closing}"


def condition_words(ruling: Ruling) -> str:
    if ruling.reason == "only for":
        return "only for " + " or ".join(
            _FACT_WORDS.get(f, f) for f in ruling.condition.split(", ")
        )
    if ruling.reason == "approval" and ruling.approver:
        return f"with the approval of {ruling.approver}"
    return ruling.condition


def not_covered(school: School, parent: bool) -> str:
    whom = ask_whom_not_covered(school, parent)
    return f"{school.name}'s policies don't cover this. Please ask {whom}."


def ask_whom_not_covered(school: School, parent: bool) -> str:
    if parent:
        return school.contacts.get("parents", PARENT_CONTACT)
    return school.contacts.get("questions", "your line manager")


def safeguarding(school: School, rule: Rule | None) -> str:
    lead = school.contacts.get("safeguarding", "the Designated Safeguarding Lead")
    first = (
        "This sounds like a possible safeguarding concern, not a yes/no question: don't handle "
        "it alone or reply on social media; follow the school's safeguarding procedure and tell "
        f"{lead} straight away."
    )
    return first if rule is None else f"{first} {label(rule)}: “{quote(rule)}”"


def _opening(ruling: Ruling) -> str:
    opening = _OPENING.get((ruling.verdict.value, ruling.reason))
    if opening is None:
        return _DEFAULT_OPENING[ruling.verdict]
    if ruling.reason == "only for":
        return f"{opening} {condition_words(ruling)[len('only for ') :]}."
    if ruling.reason in ("approval", "without approval"):
        return f"{opening} from {ruling.approver}." if ruling.approver else f"{opening}."
    return opening
