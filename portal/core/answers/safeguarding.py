"""The safeguarding route: a disclosure gets the procedure, not a yes/no verdict.

A question about how the asker means to handle a concern ("can I just delete it and keep an
eye on her myself?") is different: the policy's duty to pass concerns on answers it, no when
the plan keeps the concern to the asker and yes when the plan passes it on.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from portal.core.answers import phrasing
from portal.core.answers.lexicon import Lexicon
from portal.core.answers.model import Answer, Citation, Verdict
from portal.core.answers.question import Question, asks_permission
from portal.core.answers.ranking import key_of
from portal.core.answers.rulebook import Rulebook
from portal.core.answers.rules import Rule
from portal.core.answers.text import tokens

_URGENT = re.compile(r"immediately|must report|must be informed|should contact|must follow")
DEFAULT_LEAD = "the Designated Safeguarding Lead"
# What the asker's plan does with the concern: keep it to themselves, or pass it on.
WITHHOLDS = "withholds"
ESCALATES = "escalates"
# "Do I pass it straight to the DSL?", "do I just leave it?": asking what to do with a concern
# is asking for a ruling on that plan, as much as "can I" is.
_WHAT_TO_DO = re.compile(r"\bdo (?:i|we)\b")


def answer_safeguarding(book: Rulebook, asked: Question, lexicon: Lexicon) -> Answer:
    query = [*asked.tokens, *tokens(" ".join(lexicon.safeguarding_terms))]
    rule = safeguarding_rule(book, book.index.by_key(query), lexicon)
    lead = book.school.contacts.get("safeguarding", DEFAULT_LEAD)
    verdict, answer = _ruling(book, asked, rule)
    return Answer(
        verdict=verdict,
        answer=answer,
        citations=(citation(rule),) if rule else (),
        matched=("topic:safeguarding",),
        ask_whom=lead,
        quote=rule.sentence if rule else "",
    )


def _ruling(book: Rulebook, asked: Question, rule: Rule | None) -> tuple[Verdict, str]:
    route = phrasing.safeguarding(book.school, rule)
    plan = handling(asked)
    if rule is None or plan is None:
        return Verdict.SAFEGUARDING, route
    if plan == WITHHOLDS:
        return Verdict.NO, f"No: a concern must be passed on, not handled alone. {route}"
    return Verdict.YES, f"Yes: passing the concern on straight away is what is asked. {route}"


def handling(asked: Question) -> str | None:
    """The asker's own plan for the concern, read only from what they ask permission for."""
    # A closing "…, ok?" asks too: asks_permission reads it.
    if not (asks_permission(asked.folded) or _WHAT_TO_DO.search(asked.folded)):
        return None
    if WITHHOLDS in asked.stated:
        return WITHHOLDS
    return ESCALATES if ESCALATES in asked.stated else None


def safeguarding_rule(
    book: Rulebook, lexical: Mapping[str, float], lexicon: Lexicon
) -> Rule | None:
    """The clause that says what to do with a concern: urgent duties first, then the closest."""
    candidates = [r for r in book.all_rules if lexicon.safeguarding_cite.search(r.folded)]
    if not candidates:
        return None
    top = max(lexical.values(), default=0.0) or 1.0
    return max(
        candidates,
        key=lambda r: (
            (_URGENT.search(r.folded) is not None) + lexical.get(key_of(r), 0.0) / top,
            -r.order,
        ),
    )


def citation(rule: Rule) -> Citation:
    clause = rule.clause
    return Citation(
        school=rule.school,
        agreement=rule.agreement,
        version=rule.version,
        clause=clause.ref,
        number=clause.number,
        heading=clause.heading,
        text=clause.text,
    )
