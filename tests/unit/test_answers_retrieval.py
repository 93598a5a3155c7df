"""Finding the deciding clause from its text, and the verdict mechanisms that read it."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine
from portal.core.answers.lexicon import load_lexicon
from portal.core.answers.retrieval import bag, concept_bag
from tests.unit.engines import text_engine


@pytest.fixture(scope="module")
def engine() -> AnswerEngine:
    return text_engine()


def ruled(engine: AnswerEngine, school: str, question: str) -> tuple[str, str]:
    answer = engine.ask(school, question)
    return answer.verdict.value, answer.citations[0].clause if answer.citations else ""


def test_a_paraphrase_and_the_policy_wording_share_concepts() -> None:
    concepts = load_lexicon().concepts
    asked = set(bag("a few pics of the kids on my insta story", concepts))
    clause = set(
        concept_bag("Images of pupils must not be published on personal webspace", concepts)
    )
    assert {"~image", "~pupil", "~personal_space", "~post"} <= asked & clause


def test_brand_new_is_not_a_brand() -> None:
    assert "~logo" not in bag("a brand new email just for this", load_lexicon().concepts)


def test_the_clause_text_answers_when_no_topic_pattern_does(engine: AnswerEngine) -> None:
    assert ruled(engine, "stockport", "should I set my facebook so strangers cant look me up?") == (
        "yes",
        "6.14",
    )


def test_can_x_but_cannot_y_reads_which_part_is_asked(engine: AnswerEngine) -> None:
    assert ruled(engine, "knowsley", "can I put the school crest on my teaching blog banner?") == (
        "no",
        "7.2",
    )
    assert ruled(
        engine, "knowsley", "can I mention which school I teach at on my teaching blog?"
    ) == (
        "conditional",
        "7.2",
    )


def test_a_permission_whose_every_circumstance_is_met_is_a_yes(engine: AnswerEngine) -> None:
    assert ruled(engine, "knowsley", "quick look at facebook in the staff room over lunch?") == (
        "yes",
        "8.6.1",
    )


def test_expecting_privacy_on_monitored_systems_goes_against_the_policy(
    engine: AnswerEngine,
) -> None:
    assert ruled(
        engine, "stockham", "will my personal browsing on the school wifi stay private?"
    ) == (
        "no",
        "8.2",
    )
