"""Who the asker is and what they name decide whether a rule reaches them: a handle carrying the
school's name, a ban written for paid staff asked by an unpaid governor, guessing aloud at the
school's plans, and a parent asking about something the parents' pledge does not address."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine
from portal.core.answers.lexicon import load_lexicon
from portal.core.answers.question import read_question, school_names
from tests.unit.engines import text_engine


@pytest.fixture(scope="module")
def engine() -> AnswerEngine:
    return text_engine()


def test_a_handle_run_together_with_the_school_name_names_the_school() -> None:
    names = school_names("Stockham School", "stockham")
    asked = read_question(
        "is my twitter handle @MrsJStockham a problem?", load_lexicon(), school_names=names
    )
    assert "handle naming the school" in asked.folded
    assert "identify_employer" in asked.fired


def test_the_plain_school_name_still_reads_as_the_school() -> None:
    names = school_names("Stockham School", "stockham")
    asked = read_question("can I post about Stockham School?", load_lexicon(), school_names=names)
    assert "the school" in asked.folded
    assert "naming" not in asked.folded


def test_a_username_with_the_school_name_is_saying_where_one_works(engine: AnswerEngine) -> None:
    answer = engine.ask("stockport", "can i put the school name in my reddit username?")
    assert answer.verdict.value == "no"
    assert "identify" in answer.citations[0].text


def test_a_ban_on_paid_staff_does_not_reach_an_unpaid_governor(engine: AnswerEngine) -> None:
    governor = engine.ask("clearwell", "I'm a governor, in school today. can i check fb at lunch?")
    assert governor.verdict.value == "yes"
    assert governor.citations[0].text.startswith("Paid staff")
    staff = engine.ask("clearwell", "can i check fb at lunch in school?")
    assert staff.verdict.value == "no"


@pytest.mark.parametrize("school", ["stockport", "clearwell", "knowsley", "stockham", "amcis"])
def test_guessing_at_the_schools_plans_online_is_school_business(
    engine: AnswerEngine, school: str
) -> None:
    answer = engine.ask(
        school, "can I speculate on twitter about whether the school will become an academy?"
    )
    assert answer.verdict.value == "no"


def test_a_parent_asking_beyond_the_pledge_is_not_covered(engine: AnswerEngine) -> None:
    logo = engine.ask("clearwell", "can our PTA put the school badge on the fete flyer?", "parent")
    assert logo.verdict.value == "not_covered"
    # Criticism is what the pledge is about, whatever else the question names.
    rant = engine.ask(
        "clearwell", "can i post a rant about the awful school logo on facebook?", "parent"
    )
    assert rant.verdict.value == "no"


def test_looking_official_is_not_an_official_site(engine: AnswerEngine) -> None:
    answer = engine.ask(
        "amcis", "can i put the school crest on my personal revision youtube? looks more official"
    )
    assert answer.verdict.value == "no"
