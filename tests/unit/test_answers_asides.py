"""Words beside the ask that are not what is asked. A private account offered as a safeguard
for accepting a pupil's request leaves the request the question; a colleague who says the asker
must unfriend someone gives advice, and is not the contact; leaving a review is not leaving the
job; an old school friend is a friend from the asker's own schooldays; the harsh words an
inspector said are not the tone the asker would post in; and a separate email kept for personal
socials is the advice on addresses, not on keeping work and home lives apart."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict
from portal.core.answers.lexicon import load_lexicon
from portal.core.answers.question import read_question
from tests.unit.engines import curated_engine


@pytest.fixture(scope="module")
def engine() -> AnswerEngine:
    return curated_engine()


def fired(question: str, parent: bool = False) -> frozenset[str]:
    return read_question(question, load_lexicon(), parent=parent).fired


@pytest.mark.parametrize(
    "question",
    [
        "a pupil followed me on insta. can i accept it if my account is set to private?",
        "year 9 girl requested to follow my tiktok - if i accept but lock down my privacy "
        "settings, fine?",
        "got a friend request from a student in my form, could i add her as long as my profile "
        "is private?",
    ],
)
def test_a_private_account_does_not_make_a_pupils_request_acceptable(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("clearwell", question)
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause in ("6.5", "6.3")


@pytest.mark.parametrize(
    "question",
    [
        "the deputy told me i must unfollow my old school friend on insta now her son's in my "
        "class. do i really have to?",
        "one of the tas reckons i have to unfriend my cousin's wife on facebook because her "
        "kid's in year 3 - do i?",
        "my best mate's lad has just joined reception. a colleague said i'll need to delete her "
        "off facebook, is that true?",
    ],
)
def test_a_colleagues_advice_to_unfriend_a_friend_is_not_contact_with_them(
    engine: AnswerEngine, question: str
) -> None:
    assert "colleague_contact" not in fired(question)
    answer = engine.ask("clearwell", question)
    assert answer.verdict is Verdict.YES
    assert answer.citations[0].clause == "6.2b"


def test_adding_a_colleague_one_has_been_told_about_is_still_contact() -> None:
    asked = "the deputy said the new nqt is lovely, can i add her on facebook?"
    assert "colleague_contact" in fired(asked)


@pytest.mark.parametrize(
    "question",
    [
        "if i left the school a bad review on facebook would that be a problem?",
        "once i've left a comment on the class page can i delete it?",
        "i left a message on the head's facebook post, was that ok?",
    ],
)
def test_leaving_something_for_someone_is_not_leaving_the_job(question: str) -> None:
    assert "staff_leaving" not in fired(question)


def test_an_old_school_friend_is_not_a_former_pupil() -> None:
    asked = "can i stay friends with my old school friend on insta now her son's in my class?"
    assert "staff_leaving" not in fired(asked)


@pytest.mark.parametrize(
    "question",
    [
        "ofsted gave our department some really harsh feedback today. can i ask for advice about "
        "it in a teachers' facebook group?",
        "got some harsh comments from the inspection team this morning - ok to post about it on "
        "my insta story?",
        "the inspector said some blunt things about my lessons. can i talk about it on my "
        "twitter to see if other teachers have had the same?",
    ],
)
def test_what_an_inspector_said_is_school_information_not_tone(
    engine: AnswerEngine, question: str
) -> None:
    assert "tone_on_site" not in fired(question)
    answer = engine.ask("clearwell", question)
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause in ("5.4", "6.8", "6.2b")


@pytest.mark.parametrize(
    "question",
    [
        "should i make a separate gmail only for my personal insta and facebook?",
        "is it ok to have a different email address just for my private social media, kept "
        "separate from my other stuff?",
        "setting up a new outlook address purely for my personal socials, separate from "
        "everything else. sensible?",
    ],
)
def test_a_separate_email_for_personal_socials_is_the_advice_on_addresses(
    engine: AnswerEngine, question: str
) -> None:
    assert "separate_lives" not in fired(question)
    answer = engine.ask("clearwell", question)
    assert answer.verdict is Verdict.YES
    assert answer.citations[0].clause == "6.14"


def test_keeping_work_and_home_apart_is_still_about_separate_lives() -> None:
    asked = "can i keep a separate account so my work and personal life don't mix?"
    assert "separate_lives" in fired(asked)
