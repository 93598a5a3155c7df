"""Everyday ways of saying what a clause governs ("they'd rather not be in it", "fully public",
"a shout-out asking families to send in …"), and words that only look like another topic
("from the admin side", "the Year 4 teacher", "follow my private insta")."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict
from portal.core.answers.lexicon import load_lexicon
from portal.core.answers.question import read_question
from tests.unit.engines import curated_engine


@pytest.fixture(scope="module")
def engine() -> AnswerEngine:
    return curated_engine()


def fired(question: str) -> frozenset[str]:
    return read_question(question, load_lexicon()).fired


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        (
            "can I share the quiz night photos? two of the staff said they'd rather not be in them",
            "others_wishes",
        ),
        ("my instagram is completely public, is that a problem for a teacher?", "privacy_settings"),
        (
            "can we do a shout-out on the school page asking families to send in holiday photos?",
            "advertise_contributors",
        ),
        (
            "surely nobody at school can actually see those messages on my work laptop?",
            "monitoring",
        ),
        (
            "is facebook on the school computers completely off limits for staff?",
            "personal_use_at_work",
        ),
        (
            "I'm connected with two dads on facebook, thinking of telling the head about it",
            "declare_relationship",
        ),
        ("can I say I'm the year 4 teacher when I comment on the school blog?", "identify_on_site"),
        (
            "can I write what I personally think of the new reading scheme on the school's blog?",
            "personal_views",
        ),
    ],
)
def test_everyday_phrasings_reach_their_topic(question: str, topic: str) -> None:
    assert topic in fired(question)


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        # The school email used for a dentist, no site in sight, is not signing up to social media.
        ("I use my school email to book my dentist appointments, is that fine?", "school_email"),
        # Acting from the admin side of a page is not a question about who its admins are.
        (
            "a local museum wants to follow our class page - can I approve it from the admin side?",
            "site_admins",
        ),
        # A private account followed is where the contact happens, not how it is set.
        ("ok to invite my colleague to follow my private instagram?", "privacy_settings"),
    ],
)
def test_words_that_only_look_like_a_topic_do_not_fire_it(question: str, topic: str) -> None:
    assert topic not in fired(question)


def test_signing_up_with_the_school_email_is_still_the_email_rule() -> None:
    assert "school_email" in fired("can I sign up to pinterest with my school email?")


def test_a_year_group_teacher_is_staff_not_a_pupil() -> None:
    asked = read_question("I'm the year 4 teacher, can I post on the school blog?", load_lexicon())
    assert "year4 pupil" not in asked.folded


def test_saying_your_role_on_an_approved_school_site_is_what_the_site_asks(
    engine: AnswerEngine,
) -> None:
    answer = engine.ask(
        "stockham",
        "When I comment on the school's approved blog, can I say I'm the Year 1 teacher?",
    )
    assert answer.verdict is Verdict.YES
    assert "disclose their positions" in answer.citations[0].text


@pytest.mark.parametrize(
    "question",
    [
        "can I post photos of my year 5s on facebook?",
        "a parent shared a video of my year 6s on facebook, should I ask her to take it down?",
    ],
)
def test_pictures_of_young_pupils_on_a_platform_are_not_about_its_minimum_age(
    question: str,
) -> None:
    assert "minimum_age" not in fired(question)
    assert "pupil_images" in fired(question)


def test_young_pupils_joining_a_platform_are_about_its_minimum_age() -> None:
    assert "minimum_age" in fired("my year 6s want to set up tiktok accounts for our project")


@pytest.mark.parametrize(
    "question",
    [
        "can i tweet that the school's opposed to the new academy trust plans? pretty sure the "
        "head is too",
        "on my tiktok can i tell people the school's totally against mobile phones in class?",
        "doing an instagram live about the uniform changes tonight, ok if i say the school's "
        "against them?",
    ],
)
def test_saying_the_schools_against_something_passes_a_view_off_as_the_schools(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("stockport", question)
    assert answer.verdict is Verdict.NO
    assert "represent your personal views" in answer.citations[0].text


@pytest.mark.parametrize("school", ["stockport", "amcis"])
@pytest.mark.parametrize(
    "question",
    [
        "can i post a selfie on insta of me in my school hoodie with the logo on it?",
        "our caretaker posted pics on his facebook of himself in his jacket with the school badge. "
        "that ok?",
        "i'm the site manager - can i put a reel on insta of me mowing the field in my fleece with "
        "the school crest on?",
    ],
)
def test_a_picture_of_someone_in_clothes_with_the_logo_is_an_image_of_them(
    engine: AnswerEngine, school: str, question: str
) -> None:
    answer = engine.ask(school, question)
    assert answer.verdict is Verdict.NO
    assert "clothing with school logos" in answer.citations[0].text


@pytest.mark.parametrize(
    "question",
    [
        "would it be a problem to set up a snapchat group for the netball squad to talk to each "
        "other about matches?",
        "our quiz team want to message each other between rounds, am i ok to put them all in a "
        "whatsapp group?",
        "is it alright if i add the rugby squad to a snapchat group chat so they can talk to one "
        "another about training?",
    ],
)
def test_a_school_team_is_pupils(engine: AnswerEngine, question: str) -> None:
    answer = engine.ask("amcis", question)
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause == "6.2"


@pytest.mark.parametrize(
    "question",
    [
        "a mum from my class is a close friend and we chat on messenger. she's asking how her son "
        "did in his mocks, can i tell her on there?",
        "her dad's my mate from football and keeps asking on fb how his girl got on in her mocks, "
        "would it be a problem to give him a quick update?",
        "can i let a parent i'm friends with on insta know how her lad did in his end of year "
        "tests via dm?",
    ],
)
def test_a_parent_asking_how_their_child_did_in_exams_is_school_business(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("stockport", question)
    assert answer.verdict is Verdict.NO
    assert "School business must not be discussed" in answer.citations[0].text
