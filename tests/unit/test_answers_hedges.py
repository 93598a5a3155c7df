"""Hedged bans ("could be perceived as disrespectful", "as those of the school") ruled on facts."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict
from tests.unit.engines import curated_engine


@pytest.fixture(scope="module")
def engine() -> AnswerEngine:
    return curated_engine()


def test_mocking_a_member_of_staff_is_inside_a_disrespect_hedge(engine: AnswerEngine) -> None:
    question = "can I share a meme making fun of the PE teacher in the parents facebook group?"
    assert engine.ask("clearwell", question, "parent").verdict is Verdict.NO


def test_praise_is_outside_a_disrespect_hedge(engine: AnswerEngine) -> None:
    question = "is it ok to post a thank you on facebook to the year 2 team? they were brilliant"
    assert engine.ask("clearwell", question, "parent").verdict is Verdict.YES


def test_a_view_passed_off_as_the_schools_is_inside_an_attribution_hedge(
    engine: AnswerEngine,
) -> None:
    question = "can I tweet that the school is against the new phonics check?"
    answer = engine.ask("amcis", question)
    assert answer.verdict is Verdict.NO
    assert "personal views as those of" in answer.citations[0].text


def test_selling_to_parents_is_inside_a_conflict_of_interest_hedge(engine: AnswerEngine) -> None:
    question = (
        "I run a small candle business. can I friend the parents in my class on facebook "
        "to sell to them?"
    )
    answer = engine.ask("stockport", question)
    assert answer.verdict is Verdict.NO
    assert "conflict of interest" in answer.citations[0].text
