"""Concepts and readings that reach questions phrased in ways no policy sentence is: what the
school may do about a breach, guidance written as instructions, copyright, compulsory parts of
a site, who the asker says they are, and where a private post is made rather than what it says."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine
from portal.core.answers.force import Force, read
from portal.core.answers.lexicon import load_lexicon
from portal.core.answers.question import read_question
from tests.unit.engines import curated_engine


@pytest.fixture(scope="module")
def engine() -> AnswerEngine:
    return curated_engine()


def ruled(engine: AnswerEngine, school: str, question: str) -> tuple[str, str]:
    answer = engine.ask(school, question)
    return answer.verdict.value, answer.citations[0].clause if answer.citations else ""


# ---------------------------------------------------------------- force readings


def test_what_a_breach_may_lead_to_is_an_outcome_the_school_may_choose() -> None:
    qualifiers = load_lexicon().qualifiers
    assert read("Any breach may lead to disciplinary action.", qualifiers).force is Force.PERMIT
    assert read("The school reserves the right to investigate.", qualifiers).force is Force.PERMIT


def test_guidance_written_as_an_instruction_is_a_duty() -> None:
    reading = read("Stay within the law when posting.", load_lexicon().qualifiers)
    assert reading.force is Force.REQUIRE


def test_a_conflict_between_work_and_private_interests_is_a_conflict_of_interest() -> None:
    reading = read(
        "You should not put yourself where there is a conflict between your work and your "
        "personal interests, which might call your judgement into question.",
        load_lexicon().qualifiers,
    )
    assert reading.conflicted


# ---------------------------------------------------------------- reading the question


def test_a_pupil_from_somewhere_else_is_from_another_school() -> None:
    asked = read_question(
        "a lad from the football club i coach wants to add me, none of them go to our school",
        load_lexicon(),
    )
    assert "other_school" in asked.facts


def test_a_pupil_who_will_have_left_is_an_ex_pupil() -> None:
    asked = read_question("can we be friends on facebook once she's left?", load_lexicon())
    assert "ex_pupil" in asked.facts


def test_a_private_group_is_where_something_is_said_not_a_privacy_setting() -> None:
    asked = read_question("ok to vent about a parent in a private fb group?", load_lexicon())
    assert "privacy_settings" not in asked.fired


# ---------------------------------------------------------------- answers


def test_a_manager_may_take_the_action_the_policy_says_a_breach_can_lead_to(
    engine: AnswerEngine,
) -> None:
    question = "as deputy head, could a breach like this end in dismissal for the member of staff?"
    assert ruled(engine, "stockham", question) == ("yes", "9.1")


def test_the_rule_addressed_to_the_askers_role_answers_them(engine: AnswerEngine) -> None:
    question = "as the head, can I start disciplinary action straight away over a teacher's post?"
    assert ruled(engine, "knowsley", question) == ("conditional", "11.3")


def test_publishing_a_whole_work_goes_against_copyright(engine: AnswerEngine) -> None:
    question = "can I upload a whole film to the class blog so the kids can watch it at home?"
    assert ruled(engine, "stockham", question) == ("no", "Appendix A 4.4")


def test_leaving_off_what_a_site_must_always_include_goes_against_it(
    engine: AnswerEngine,
) -> None:
    question = "for the department's school blog could we leave the school logo off?"
    assert ruled(engine, "stockham", question) == ("no", "Appendix A 4.7")


def test_comments_that_publish_themselves_are_not_moderated(engine: AnswerEngine) -> None:
    question = "the school fb comments get published automatically and we check them weekly, ok?"
    assert ruled(engine, "clearwell", question)[0] == "no"
