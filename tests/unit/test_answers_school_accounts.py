"""School accounts and personal ones, parents on personal media, hours at school, and a
disclosure watched alone."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict
from tests.unit.engines import text_engine

PERSONAL_CONTENT = "must not use school social networking accounts for personal content"
REPORT = "must report all situations where any child"


@pytest.fixture(scope="module")
def engine() -> AnswerEngine:
    return text_engine()


@pytest.mark.parametrize(
    "question",
    [
        "could i share my justgiving link on the schools instagram? parents follow it",
        "can i put my wedding photos up on our class instagram page, the kids keep asking",
        "i run the dept twitter, is it alright to advertise my own cake business on there",
        "am i allowed to share my sponsorship page for the 10k on the school facebook",
    ],
)
def test_own_content_on_a_school_account_is_personal_content(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("knowsley", question)
    assert answer.verdict is Verdict.NO
    assert PERSONAL_CONTENT in answer.citations[0].text


@pytest.mark.parametrize(
    "question",
    [
        "one of my year 8s said on snapchat his mum's boyfriend beats him. is it ok if i just "
        "wait and see if it happens again before telling anyone?",
        "saw a post from a pupil saying she's being hurt at home. can i keep an eye on her for "
        "a few days and not make a fuss about it?",
        "a boy in my tutor group put on insta that his dad hits him, would it be ok to keep an "
        "eye on his posts for now?",
    ],
)
def test_watching_a_disclosure_alone_keeps_the_concern_back(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("knowsley", question)
    assert answer.verdict is Verdict.NO
    assert REPORT in answer.citations[0].text


@pytest.mark.parametrize(
    "question",
    [
        "a dad i only know from parents evening messaged me on insta asking how his daughter is "
        "getting on, can i answer him there",
        "is it ok to reply to a parent on whatsapp about her kid's detention? i don't know her "
        "outside work",
        "one of the mums dm'd me on facebook about the school trip, would it be a problem if i "
        "messaged back",
    ],
)
def test_a_parents_school_question_on_personal_media_is_parent_contact(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("knowsley", question)
    assert answer.verdict is Verdict.NO
    assert "solely have a staff/parent relationship" in answer.citations[0].text


@pytest.mark.parametrize(
    "question",
    [
        "i've been asked to do the schools facebook, can i just post from my personal profile",
        "im helping with the schools twitter, is it ok if i use my own account to tweet the "
        "match results",
        "could i run the schools tiktok off my personal tiktok account?",
    ],
)
def test_the_schools_account_without_an_apostrophe_is_still_the_schools(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("knowsley", question)
    assert answer.verdict is Verdict.NO
    assert "separate user accounts for school use" in answer.citations[0].text


@pytest.mark.parametrize(
    "question",
    [
        "is it ok if i spend two hours of my non-contact on tiktok, it's my time",
        "i'm on instagram a couple of hours every afternoon in my free periods, that's fine "
        "isn't it",
        "i spend 2 hrs of my ppa scrolling facebook in the staff room, nobody minds surely?",
    ],
)
def test_hours_of_personal_use_at_school_are_excessive(engine: AnswerEngine, question: str) -> None:
    answer = engine.ask("knowsley", question)
    assert answer.verdict is Verdict.NO
    assert "excessive amount of time" in answer.citations[0].text
