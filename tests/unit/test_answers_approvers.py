"""Approvals: only the person a rule names, and the final approver where there is one, settle it."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine
from tests.unit.engines import text_engine


@pytest.fixture(scope="module")
def engine() -> AnswerEngine:
    return text_engine()


def test_approval_from_the_named_approver_settles_it(engine: AnswerEngine) -> None:
    answer = engine.ask(
        "amcis", "the head master has approved it, can I create an official school instagram?"
    )
    assert answer.verdict.value == "yes"


def test_approval_from_someone_else_stays_conditional(engine: AnswerEngine) -> None:
    answer = engine.ask(
        "amcis", "my line manager has approved it, can I create an official school instagram?"
    )
    assert answer.verdict.value == "conditional"


def test_the_head_counts_as_a_school_leader(engine: AnswerEngine) -> None:
    answer = engine.ask(
        "knowsley", "head said yes, can i post on the school facebook on behalf of the school?"
    )
    assert answer.verdict.value == "yes"


def test_a_first_approval_without_the_final_one_stays_conditional(engine: AnswerEngine) -> None:
    answer = engine.ask(
        "stockham", "my line manager approved it, can I set up the class blog site?"
    )
    assert answer.verdict.value == "conditional"
