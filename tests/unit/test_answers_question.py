"""Reading a question: which words are the actual ask, and what the asker's situation is."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict
from portal.core.answers.lexicon import load_lexicon
from portal.core.answers.question import asked_part, read_question
from tests.unit.engines import text_engine


@pytest.fixture(scope="module")
def engine() -> AnswerEngine:
    return text_engine()


def test_a_closing_frame_leaves_the_words_before_it() -> None:
    assert asked_part("posting my holiday snaps on my own page - allowed?") == (
        "posting my holiday snaps on my own page"
    )


def test_a_frame_standing_alone_points_at_the_sentence_before() -> None:
    folded = "i want to start a book club page for my form. would that be ok?"
    assert asked_part(folded).startswith("i want to start a book club page")


def test_pupils_busy_in_class_are_the_setting_not_the_contact() -> None:
    asked = read_question(
        "while the class are doing a worksheet can I check my twitter?", load_lexicon()
    )
    assert "pupil_contact" not in asked.fired
    assert {"in_lessons", "school_hours"} <= asked.facts


def test_a_video_call_is_contact_not_an_image() -> None:
    asked = read_question("can I keep video calling my niece on messenger?", load_lexicon())
    assert "pupil_images" not in asked.fired
    assert "family" in asked.facts


def test_checking_social_media_while_pupils_work_is_personal_use_at_work(
    engine: AnswerEngine,
) -> None:
    question = "while the class are doing a worksheet can I check my twitter?"
    answer = engine.ask("amcis", question)
    assert answer.verdict is Verdict.NO
    assert "contracted hours" in answer.citations[0].text


def test_an_uncle_may_keep_family_contact_with_a_pupil(engine: AnswerEngine) -> None:
    question = (
        "my nephew is in year 2 here and I'm his uncle. we facetime on messenger every week, "
        "can that continue?"
    )
    assert engine.ask("clearwell", question).verdict is Verdict.YES


def test_passing_on_news_not_yet_public_is_confidential(engine: AnswerEngine) -> None:
    question = "can I mention on facebook that the deputy is leaving? it hasn't been announced yet"
    answer = engine.ask("stockport", question)
    assert answer.verdict is Verdict.NO
