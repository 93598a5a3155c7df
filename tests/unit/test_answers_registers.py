"""Questions in the registers people actually use: "what happens if I …", "should I …",
tag questions ("I don't have to …, do I?"), asking who approves, and relatives at the school."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict
from portal.core.answers.lexicon import load_lexicon
from portal.core.answers.question import ask_span, asks_about_staff, read_question
from tests.unit.engines import text_engine


@pytest.fixture(scope="module")
def engine() -> AnswerEngine:
    return text_engine()


def _first(engine: AnswerEngine, school: str, question: str, audience: str = "staff") -> str:
    answer = engine.ask(school, question, audience)
    assert answer.citations, answer
    return answer.citations[0].text


def test_what_happens_if_asks_about_the_act_that_follows() -> None:
    assert ask_span("what happens if i share a photo of the staff party?") == (
        " share a photo of the staff party"
    )
    assert ask_span("what would happen if we tweeted the results?") == " tweeted the results"


@pytest.mark.parametrize(
    "question",
    [
        "What would happen if I posted about how badly the office is run?",
        "Is it ok to make a reel taking the mick out of the caretaker?",
        "The coach was rude to my son. Can I say so online?",
    ],
)
def test_mockery_and_complaint_read_as_critical(question: str) -> None:
    assert "negative" in read_question(question, load_lexicon()).stated


def test_a_parents_own_post_is_asked_about_even_when_the_story_names_staff() -> None:
    asked = read_question(
        "My daughter's teacher has been so unfair about the trip. "
        "Would it be a problem if I posted about it on the parents' page?",
        load_lexicon(),
        parent=True,
    )
    assert not asks_about_staff(asked)


def test_a_parent_complaining_online_is_answered_from_the_pledge(engine: AnswerEngine) -> None:
    question = (
        "My daughter's teacher has been so unfair about the school trip. "
        "Would it be a problem if I posted about it on the parents' Facebook page?"
    )
    answer = engine.ask("clearwell", question, "parent")
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause.startswith("10.")


def test_a_time_the_asker_will_not_wait_for_is_not_their_situation() -> None:
    lexicon = load_lexicon()
    waived = read_question(
        "i don't have to wait until my free period to scroll twitter, do i?", lexicon
    )
    assert "non_contact" not in waived.stated
    waiting = read_question("can i scroll twitter in my free period?", lexicon)
    assert "non_contact" in waiting.stated


def test_pupils_busy_with_work_are_in_a_lesson() -> None:
    asked = read_question("my class are just doing a quiz, can i check facebook?", load_lexicon())
    assert "in_lessons" in asked.stated


def test_not_waiting_for_free_time_during_a_lesson_is_refused(engine: AnswerEngine) -> None:
    question = (
        "I don't have to wait until break to scroll Twitter, do I? My class are just doing a quiz."
    )
    assert engine.ask("amcis", question).verdict is Verdict.NO


def test_should_i_do_what_a_duty_asks_is_answered_yes(engine: AnswerEngine) -> None:
    answer = engine.ask(
        "stockham",
        "Should I put my name and role on the posts I write for the approved class blog?",
    )
    assert answer.verdict is Verdict.YES
    assert "must identify who they are" in answer.citations[0].text


def test_should_i_tighten_my_own_privacy_is_not_answered_by_rules_for_school_sites(
    engine: AnswerEngine,
) -> None:
    answer = engine.ask(
        "clearwell", "Should I lock down the privacy settings on my personal Instagram?"
    )
    assert answer.verdict is Verdict.YES
    assert "privacy levels of their personal sites" in answer.citations[0].text


def test_leaving_public_listings_keeps_the_privacy_advice(engine: AnswerEngine) -> None:
    question = "I want to remove my profile from public listings - that's fine, isn't it?"
    answer = engine.ask("stockham", question)
    assert answer.verdict is Verdict.YES
    assert "public listings" in answer.citations[0].text


def test_asking_what_it_takes_is_asking_for_approval() -> None:
    lexicon = load_lexicon()
    for question in (
        "What would we need to do to start a podcast for the school?",
        "Who do I need to clear it with before we open a class account?",
    ):
        assert "asks_approval" in read_question(question, lexicon).stated


def test_who_to_ask_before_a_school_account_is_the_approval_clause(engine: AnswerEngine) -> None:
    answer = engine.ask(
        "clearwell", "Who do I ask before starting a Twitter account for the choir?"
    )
    assert answer.verdict is Verdict.CONDITIONAL
    assert "agreed by the Governing body" in answer.citations[0].text


@pytest.mark.parametrize(
    ("school", "question"),
    [
        ("amcis", "My niece is a day pupil here. Can I carry on messaging her on WhatsApp?"),
        (
            "stockham",
            "My granddaughter is in Year 1 and we are all on each other's Instagram. Any problem?",
        ),
    ],
)
def test_relatives_at_the_school_are_answered_by_the_family_clause(
    engine: AnswerEngine, school: str, question: str
) -> None:
    answer = engine.ask(school, question)
    assert answer.verdict is Verdict.YES
    assert "discontinue contact with their family members" in answer.citations[0].text


def test_an_approved_site_is_not_approval_of_what_is_done_on_it() -> None:
    lexicon = load_lexicon()
    on_site = read_question(
        "i help run the school's approved instagram - can i follow the pta?", lexicon
    )
    assert "approved" not in on_site.stated
    given = read_question("the head has approved it - can i follow the pta?", lexicon)
    assert "approved" in given.stated


def test_saying_you_work_there_names_your_employer() -> None:
    asked = read_question("can i post that i'm teaching there from september?", load_lexicon())
    assert "identify_employer" in asked.fired


def test_a_pupil_in_care_is_confidential() -> None:
    asked = read_question(
        "can i mention on facebook that a boy in my set went into care?", load_lexicon()
    )
    assert "confidential_info" in asked.fired


def test_keeping_in_touch_with_a_class_is_contact_not_platform_age() -> None:
    asked = read_question(
        "can i stay in touch with my year 5 class on tiktok after i leave?", load_lexicon()
    )
    assert "minimum_age" not in asked.fired


def test_chatting_with_a_friend_whose_child_starts_school_is_parent_contact() -> None:
    asked = read_question(
        "my neighbour's son starts in year 1. we message on whatsapp most days - is that ok?",
        load_lexicon(),
    )
    assert "parent_contact" in asked.fired


def test_a_choice_left_to_staff_is_theirs_to_make(engine: AnswerEngine) -> None:
    answer = engine.ask("knowsley", "Is it a problem if my Facebook is set to public?")
    assert answer.verdict is Verdict.YES
    assert "responsible for determining" in answer.citations[0].text
