"""Former pupils: a ban on friendships "until they reach the age of 18" turns on an age the
question may or may not give."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict
from tests.unit.engines import text_engine

UNTIL_18 = "may not be friends with any ex-student until they reach the age of 18"


@pytest.fixture(scope="module")
def engine() -> AnswerEngine:
    return text_engine()


@pytest.mark.parametrize(
    "question",
    [
        "is it ok to follow former pupils on tiktok?",
        "someone i used to teach ages ago messaged me on fb asking to be friends, can i accept?",
        "can i be snapchat friends with students who have left the school?",
    ],
)
def test_with_no_age_given_it_depends_on_their_age(engine: AnswerEngine, question: str) -> None:
    answer = engine.ask("stockport", question)
    assert answer.verdict is Verdict.CONDITIONAL
    assert UNTIL_18 in answer.citations[0].text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("an ex student who's 17 added me on insta, can i accept?", Verdict.NO),
        ("our leavers want me in their snapchat group. they're all 16 - can i join?", Verdict.NO),
        ("an ex pupil who's 19 now added me on insta, can i accept?", Verdict.YES),
    ],
)
def test_a_stated_age_settles_it(engine: AnswerEngine, question: str, expected: Verdict) -> None:
    answer = engine.ask("stockport", question)
    assert answer.verdict is expected
    assert UNTIL_18 in answer.citations[0].text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("a lad who left in july added me on snap, hes 16. ok to accept?", Verdict.NO),
        ("a girl i used to teach wants to follow me on insta, shes 19. can i accept?", Verdict.YES),
        ("someone who left last year messaged me on fb, theyre 17. can i reply?", Verdict.NO),
    ],
)
def test_an_age_typed_without_its_apostrophe_is_still_their_age(
    engine: AnswerEngine, question: str, expected: Verdict
) -> None:
    answer = engine.ask("stockport", question)
    assert answer.verdict is expected
    assert UNTIL_18 in answer.citations[0].text
