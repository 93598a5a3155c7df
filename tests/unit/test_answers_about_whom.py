"""Whom the asker's act is about: someone rude to them is the person a post would attack, not
offensive content, and the asker saying who they are is not a colleague they contact."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine
from tests.unit.engines import text_engine


@pytest.fixture(scope="module")
def engine() -> AnswerEngine:
    return text_engine()


def ruled(engine: AnswerEngine, school: str, question: str) -> tuple[str, str]:
    answer = engine.ask(school, question)
    return answer.verdict.value, answer.citations[0].clause if answer.citations else ""


@pytest.mark.parametrize(
    ("school", "question"),
    [
        (
            "stockham",
            "a colleague snapped at me in front of my class today. ok to tweet about how "
            "rude she was?",
        ),
        (
            "stockham",
            "Would it be ok to put a post up on facebook about a TA who was rude to me "
            "this morning?",
        ),
        (
            "amcis",
            "can i put something on fb about the parent who was rude to me at parents "
            "evening, without naming him?",
        ),
    ],
)
def test_someone_rude_to_the_asker_is_answered_by_the_ban_on_attacking_people(
    engine: AnswerEngine, school: str, question: str
) -> None:
    # Not the general ban on bringing the school into disrepute, nor one on offensive content:
    # the rudeness is theirs, and what the asker proposes is a post against them.
    assert ruled(engine, school, question) == ("no", "5.5")


@pytest.mark.parametrize(
    "question",
    [
        "i'm a teaching assistant and one of the y3 mums wants to follow me on insta. ok to "
        "accept?",
        "I'm a lunch supervisor, and a reception dad who lives on my road wants to add me on "
        "facebook. is that alright?",
        "i'm one of the TAs. the mum of a boy in year 4 has sent me a friend request, can i accept "
        "it?",
    ],
)
def test_the_asker_saying_who_they_are_is_no_colleague_they_contact(
    engine: AnswerEngine, question: str
) -> None:
    # Contact with a pupil's parent, not the caution on befriending colleagues.
    assert ruled(engine, "stockham", question) == ("conditional", "6.4")


@pytest.mark.parametrize(
    "question",
    [
        "can i put on my instagram that all the staff at my school reckon the new inspection "
        "rules are a joke?",
        "thinking of tweeting that everyone at school thinks the government's pay offer is a "
        "joke. fine?",
        "Is it ok to write on my facebook that the staff here think the new phonics scheme is a "
        "joke?",
    ],
)
def test_what_all_the_staff_think_is_a_view_passed_off_as_the_schools(
    engine: AnswerEngine, question: str
) -> None:
    # "Is a joke" calls the scheme worthless, which is no offensive joke: the post speaks for
    # the staff, so the ban on representing personal views as the school's decides.
    assert ruled(engine, "stockport", question) == ("no", "5.3")


@pytest.mark.parametrize(
    "question",
    [
        "a mum's been awful to me all year. could I post a few digs under her photos on facebook "
        "till she gets the hint?",
        "one dad has been difficult at every pickup. ok if I reply to his public tweets with "
        "little digs at him?",
        "a colleague keeps taking credit for my work. can i make a few pointed comments under "
        "their facebook posts?",
    ],
)
def test_digs_aimed_at_one_person_are_answered_by_the_ban_on_harassment(
    engine: AnswerEngine, question: str
) -> None:
    # Comments under someone's own posts ("his tweets", "their posts") are aimed at them: the
    # ban on harassing a parent or colleague decides, before the one on criticising the school.
    assert ruled(engine, "knowsley", question) == ("no", "4.6")


@pytest.mark.parametrize(
    ("school", "question"),
    [
        ("clearwell", "ok to put 'we at the school say no to the council cuts' on my instagram?"),
        (
            "clearwell",
            "thinking of tweeting 'we at Clearwell School back the teachers' strike'. ok?",
        ),
        (
            "stockport",
            "ok to put 'we at stockport school say no to the council cuts' on my instagram?",
        ),
    ],
)
def test_speaking_as_we_at_the_school_is_a_view_passed_off_as_the_schools(
    engine: AnswerEngine, school: str, question: str
) -> None:
    assert ruled(engine, school, question) == ("no", "5.3")


@pytest.mark.parametrize(
    "question",
    [
        "school signed the class up to j2e - can i write back to the children's messages there?",
        "the school has signed my class up to seesaw. is it ok to answer my year 1s' messages on "
        "it?",
        "our school set my class up on purple mash. is it alright to reply to the children's "
        "emails there?",
    ],
)
def test_a_platform_the_school_approved_is_answered_by_the_rule_on_using_it(
    engine: AnswerEngine, question: str
) -> None:
    # The approval is given: the rule allowing approved sites for talking with pupils decides,
    # not the one saying who approves them.
    assert ruled(engine, "stockham", question) == ("yes", "7.1")


@pytest.mark.parametrize(
    "question",
    [
        "our site manager uploaded a photo of himself in his school fleece with the logo to his "
        "instagram. that's ok, right?",
        "a teaching assistant shared a selfie wearing her school polo with the logo on her "
        "tiktok. is that fine?",
        "my colleague has posted a picture of herself in her school hoodie with the logo on it on "
        "facebook. no problem?",
    ],
)
def test_a_picture_of_staff_in_school_dress_is_answered_by_the_rule_on_such_pictures(
    engine: AnswerEngine, question: str
) -> None:
    # Not the ban on using the school's logo, which the clothing only happens to carry.
    assert ruled(engine, "stockport", question) == ("no", "6.9")


@pytest.mark.parametrize(
    "question",
    [
        "caretaker here - ok to post a video of me gritting the paths on my instagram? i'm "
        "wearing the jacket with the school logo",
        "can i put a photo of myself at sports day on my facebook? i've got the t-shirt with the "
        "school crest on",
        "ok to post a tiktok of me running the bake sale? i'm in my top with the school badge on "
        "it",
    ],
)
def test_what_the_asker_wears_in_their_own_picture_is_read_from_the_whole_question(
    engine: AnswerEngine, question: str
) -> None:
    # The clothing is named in a sentence of its own: the picture still shows someone in school
    # dress, which the ban on images depicting staff in school logos decides.
    assert ruled(engine, "amcis", question) == ("no", "6.5")
