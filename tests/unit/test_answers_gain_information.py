"""The ban on using what staff learn at work for personal gain ("any information … obtained in
the course of their employment must not be used for personal gain nor be passed on to others")
is a rule on that information as well: tipping off a relative's business about a contract the
school is about to put out is answered by it, not by the general ban on discussing school
information, in every school whose policy has it."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict

QUESTIONS = [
    "i work in the office and know the school is about to tender the catering contract. my "
    "cousin runs a catering company, can i give him a heads up on whatsapp?",
    "i'm the bursar's assistant and i know we're about to go out to tender for new IT kit. my "
    "mate runs an IT firm - can i give him a heads up by text?",
    "i sit on the finance committee so i know the school wants a new printing contract. my "
    "wife runs a print shop, can i drop her a heads up on whatsapp?",
]
GAIN_CLAUSES = {"clearwell": "6.2b", "stockport": "6.3", "amcis": "6.2.1", "stockham": "6.3"}


@pytest.mark.parametrize("question", QUESTIONS)
@pytest.mark.parametrize("school", sorted(GAIN_CLAUSES))
def test_tipping_off_a_business_cites_the_ban_on_personal_gain(
    engine: AnswerEngine, school: str, question: str
) -> None:
    answer = engine.ask(school, question)
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause == GAIN_CLAUSES[school]
