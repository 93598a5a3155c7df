"""Disclosures go to the safeguarding route; ordinary reporting questions do not."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict
from tests.unit.engines import text_engine

AUTHORITIES = "appropriate authorities must be informed immediately"


@pytest.fixture(scope="module")
def engine() -> AnswerEngine:
    return text_engine()


@pytest.mark.parametrize(
    ("school", "question"),
    [
        ("stockport", "a boy in my form messaged me last night saying he wants to kill himself"),
        ("clearwell", "one of my year 5s told me her stepdad hits her at home"),
        ("stockham", "I think someone older is grooming one of our girls over snapchat"),
        ("stockport", "a pupil has been sending me really disturbing messages on instagram"),
        ("clearwell", "a parent posted a threat against our deputy head on the village page"),
        ("stockham", "a year 6 is being cyberbullied on tiktok and says she wants to self harm"),
        ("stockport", "I've seen a video of one of our pupils sharing extremist stuff online"),
    ],
)
def test_disclosures_get_no_verdict_but_the_safeguarding_route(
    engine: AnswerEngine, school: str, question: str
) -> None:
    answer = engine.ask(school, question)
    assert answer.verdict is Verdict.SAFEGUARDING
    assert answer.ask_whom == "the school's Designated Safeguarding Lead"
    assert "the school's Designated Safeguarding Lead" in answer.answer
    assert AUTHORITIES in answer.citations[0].text


def test_knowsley_names_its_own_safeguarding_contact(engine: AnswerEngine) -> None:
    answer = engine.ask("knowsley", "a pupil sent me a picture of cuts on her wrist last night")
    assert answer.verdict is Verdict.SAFEGUARDING
    assert answer.ask_whom == "the named safeguarding contact in school"
    text = answer.citations[0].text.lower()
    assert "safeguarding" in text or "child protection" in text


def test_a_school_without_a_procedure_clause_still_points_to_the_lead(
    engine: AnswerEngine,
) -> None:
    answer = engine.ask("amcis", "a year 9 boy dm'd me that he is being abused at home")
    assert answer.verdict is Verdict.SAFEGUARDING
    assert "Designated Safeguarding Lead" in answer.answer


def test_parents_disclosing_a_concern_are_routed_too(engine: AnswerEngine) -> None:
    answer = engine.ask(
        "clearwell", "a grown man keeps messaging my daughter and wants to meet up", "parent"
    )
    assert answer.verdict is Verdict.SAFEGUARDING


@pytest.mark.parametrize(
    ("school", "question", "evidence"),
    [
        (
            "knowsley",
            "a dad has been calling me useless on a local facebook group, can I report it to the "
            "head?",
            "consider reporting this to the head teacher",
        ),
        (
            "knowsley",
            "some year 8s made a mean meme about me on instagram - should I tell my head teacher?",
            "consider reporting this to the head teacher",
        ),
    ],
)
def test_reporting_insults_is_an_ordinary_question(
    engine: AnswerEngine, school: str, question: str, evidence: str
) -> None:
    answer = engine.ask(school, question)
    assert answer.verdict is Verdict.YES
    assert evidence in answer.citations[0].text


@pytest.mark.parametrize(
    "question",
    [
        "can I share a post about our safeguarding training on linkedin?",
        "is it ok to follow the NSPCC on twitter?",
        "can I accept a friend request from a pupil?",
    ],
)
def test_mentioning_safeguarding_is_not_a_disclosure(engine: AnswerEngine, question: str) -> None:
    assert engine.ask("amcis", question).verdict is not Verdict.SAFEGUARDING


@pytest.mark.parametrize(
    ("school", "question", "expected"),
    [
        (
            "knowsley",
            "a year 7 posted something about self harm on tiktok, can I just ignore it and see "
            "if it stops?",
            Verdict.NO,
        ),
        (
            "stockham",
            "a boy left a comment on our class blog about things going on at home. can I pass it "
            "straight to the DSL?",
            Verdict.YES,
        ),
    ],
)
def test_the_askers_own_handling_of_a_concern_is_ruled_on(
    engine: AnswerEngine, school: str, question: str, expected: Verdict
) -> None:
    answer = engine.ask(school, question)
    assert answer.verdict is expected
    assert answer.citations


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "one of my yr 8s commented on the school's official homework page that her mum's "
            "boyfriend hurts her. can i just delete it and deal with it myself?",
            Verdict.NO,
        ),
        (
            "a lad on our official class forum said his dad beats him. ok if i keep it to myself "
            "for now and just watch him?",
            Verdict.NO,
        ),
        (
            "a kid wrote on the school's official blog that her older brother kicks her. can i "
            "hide the comment and leave it for now?",
            Verdict.NO,
        ),
        (
            "a yr 11 posted on our official revision page that she doesn't want to live any "
            "more. i'm going to pass it straight to the dsl, is that ok?",
            Verdict.YES,
        ),
        (
            "pupil wrote on the school's official forum that he didn't want to be here anymore. "
            "can i take it to the designated safeguarding lead before replying?",
            Verdict.YES,
        ),
        (
            "someone in my tutor group said on the official class page that she'd be better off "
            "dead. going straight to the safeguarding lead now, is that the right thing?",
            Verdict.YES,
        ),
    ],
)
def test_who_hurts_a_child_and_not_wanting_to_live_are_disclosures_too(
    engine: AnswerEngine, question: str, expected: Verdict
) -> None:
    answer = engine.ask("stockport", question)
    assert answer.verdict is expected
    assert AUTHORITIES in answer.citations[0].text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "a boy in my form wrote on the school blog that stuff isn't good at home, can i just "
            "remove the comment and keep an eye on him?",
            Verdict.NO,
        ),
        (
            "reading between the lines of a pupil's post on our class page there's trouble at "
            "home - ok to delete it and deal with it myself?",
            Verdict.NO,
        ),
        (
            "a y9 hinted on our official site that everything is not alright at home. can i pass "
            "it straight to the dsl?",
            Verdict.YES,
        ),
    ],
)
def test_a_worry_about_home_is_a_disclosure_too(
    engine: AnswerEngine, question: str, expected: Verdict
) -> None:
    answer = engine.ask("clearwell", question)
    assert answer.verdict is expected
    assert AUTHORITIES in answer.citations[0].text


def test_cant_i_just_asks_for_a_ruling_on_the_plan(engine: AnswerEngine) -> None:
    answer = engine.ask(
        "knowsley",
        "a year 7 wrote on tiktok that her stepdad hits her. cant i just keep an eye on her "
        "account for now?",
    )
    assert answer.verdict is Verdict.NO
