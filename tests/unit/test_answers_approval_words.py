"""Approval given is read in whatever words staff report it: any approver (the governing body,
the principal, the head master) giving it in any way (agreed, signed off, gave the go-ahead)."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine
from portal.core.answers.lexicon import load_lexicon
from portal.core.answers.question import read_question
from tests.unit.engines import text_engine


@pytest.fixture(scope="module")
def engine() -> AnswerEngine:
    return text_engine()


@pytest.mark.parametrize(
    "said",
    [
        "the governing body agreed to it",
        "the governing body signed off on it",
        "the governing body gave the go-ahead",
        "the chair of governors gave us the nod",
        "our principal okayed it",
        "slt gave us the green light",
        "the head teacher gave the go-ahead",
        "the governors have approved it",
    ],
)
def test_approval_given_in_any_words_is_read_as_given(said: str) -> None:
    assert "approved" in read_question(f"{said}, can we start a school page?", load_lexicon()).facts


@pytest.mark.parametrize(
    "said",
    [
        "the governing body hasn't agreed yet",
        "the governors have not approved it",
        "the head has approved the page",
    ],
)
def test_approval_withheld_or_of_a_page_is_not_approval_given(said: str) -> None:
    assert "approved" not in read_question(f"{said}, can i post?", load_lexicon()).facts


def test_the_go_ahead_from_the_named_approver_settles_it(engine: AnswerEngine) -> None:
    # AMCIS 7.3: official School sites only with the Head Master's prior approval.
    answer = engine.ask(
        "amcis", "the head master gave us the go-ahead, can I create an official school instagram?"
    )
    assert answer.verdict.value == "yes"
    assert answer.citations[0].clause == "7.3"


def test_no_go_ahead_yet_stays_unsettled(engine: AnswerEngine) -> None:
    answer = engine.ask(
        "amcis",
        "the head master hasn't given the go-ahead yet, can I create an official school instagram?",
    )
    assert answer.verdict.value != "yes"
