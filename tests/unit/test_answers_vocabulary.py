"""Reaching the deciding sentence from words the policy does not use: sentences that point back,
chat shorthand and spellings, and duties the asker proposes to carry out."""

from __future__ import annotations

from pathlib import Path

import pytest

from portal.core.answers import AnswerEngine, Verdict
from portal.core.answers.lexicon import load_lexicon
from portal.core.answers.question import read_question
from portal.core.answers.rules import rules_of
from portal.core.catalog import Catalog, load_catalog
from tests.conftest import AGREEMENTS


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(Path(AGREEMENTS))


@pytest.fixture(scope="module")
def engine(catalog: Catalog) -> AnswerEngine:
    return AnswerEngine.from_catalog(catalog)


def test_a_sentence_that_points_back_is_about_what_the_one_before_names(
    catalog: Catalog,
) -> None:
    agreement = catalog.agreement("stockport", "staff-social-media")
    assert agreement is not None
    rules = rules_of(agreement, agreement.versions[-1], load_lexicon())
    instead = next(r for r in rules if r.sentence.startswith("Instead, if they receive"))
    assert "pupil_friend_request" in instead.topics


def test_chat_shorthand_and_misspellings_are_read_as_words() -> None:
    asked = read_question("am i aloud to msg a parent on linked in b4 the trip?", load_lexicon())
    assert "allowed" in asked.folded
    assert "message" in asked.folded
    assert "linkedin" in asked.folded
    assert "before" in asked.folded


def test_american_spellings_meet_british_ones() -> None:
    asked = read_question("can i post about behavior and organize a vote?", load_lexicon())
    assert "behaviour" in asked.folded
    assert "organise" in asked.folded


def test_someone_else_leaving_is_not_the_asker_leaving() -> None:
    asked = read_question(
        "can i tell my friend on whatsapp that the head's leaving at easter?", load_lexicon()
    )
    assert "staff_leaving" not in asked.fired
    assert "confidential_info" in asked.fired


def test_asking_about_a_friend_request_does_not_agree_with_the_duty_that_replaces_it(
    engine: AnswerEngine,
) -> None:
    answer = engine.ask("stockport", "a kid in my year 8 class sent me a friend request. accept?")
    assert answer.verdict is Verdict.NO


def test_proposing_the_duty_itself_is_answered_by_that_duty(engine: AnswerEngine) -> None:
    question = (
        "pupils keep sending me requests on instagram. can i talk about it with the class "
        "in general terms and point them to the official school page instead?"
    )
    answer = engine.ask("stockport", question)
    assert answer.verdict is Verdict.YES
    assert "general terms in class" in answer.citations[0].text


def test_keeping_a_declarable_relationship_quiet_goes_against_the_duty(
    engine: AnswerEngine,
) -> None:
    question = "my boyfriend is now a governor here. can we keep that quiet at school?"
    answer = engine.ask("knowsley", question)
    assert answer.verdict is Verdict.NO
    assert "declared" in answer.citations[0].text
