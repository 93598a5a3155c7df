"""Steps a policy puts in order: skipping or putting off a required one, and fallback steps."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine
from portal.core.answers.lexicon import load_lexicon
from portal.core.answers.question import read_question, skipped_step
from tests.unit.engines import text_engine


@pytest.fixture(scope="module")
def engine() -> AnswerEngine:
    return text_engine()


def test_what_is_skipped_or_put_off_is_read_from_the_question() -> None:
    assert {"hous", "rule"} <= skipped_step("is it fine to write the house rules afterwards?")
    assert "hous" in skipped_step("do we need house rules at all, or can we just skip them?")
    assert skipped_step("can i post the match report this evening?") == frozenset()


def test_a_required_step_put_off_goes_against_the_duty(engine: AnswerEngine) -> None:
    answer = engine.ask(
        "stockham", "our school hosted blog is live, can we write the terms of use afterwards?"
    )
    assert answer.verdict.value == "no"
    assert "Terms of Use" in answer.citations[0].text


def test_a_fallback_step_is_open_once_the_first_has_been_tried(engine: AnswerEngine) -> None:
    untried = engine.ask(
        "clearwell", "could i put in a formal complaint about the lunch menu?", "parent"
    )
    tried = engine.ask(
        "clearwell",
        "i've already spoken to the class teacher twice and nothing has changed. "
        "can i put in a formal complaint?",
        "parent",
    )
    assert untried.verdict.value == "conditional"
    assert tried.verdict.value == "yes"


def test_a_display_name_is_not_a_question_about_administrators() -> None:
    lexicon = load_lexicon()
    named = read_question("can i sign replies on the school page as 'Office Admin'?", lexicon)
    asked = read_question("do we need two admins for the school page?", lexicon)
    assert "site_admins" not in named.fired
    assert "site_admins" in asked.fired
