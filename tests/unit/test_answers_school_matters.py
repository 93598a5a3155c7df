"""What the asker's own circumstances make of a question. A parent asking a member of staff how
their child is getting on is asking for school business, whatever the record is called, so the
ban on school business through personal social media decides over a hedge on contact with
families. An account or blog the asker sets up for a class, or for pupils to post in, is a site
for work that goes through the school's approval, not personal contact with pupils. Explaining
a parent's own complaint on the school's page is an individual personal matter there."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict
from portal.core.answers.lexicon import load_lexicon
from portal.core.answers.question import read_question
from tests.unit.engines import curated_engine


@pytest.fixture(scope="module")
def engine() -> AnswerEngine:
    return curated_engine()


def _topics(question: str) -> set[str]:
    return set(read_question(question, load_lexicon()).topics)


# ------------------------------------------------------- a child's progress is school business


@pytest.mark.parametrize(
    "question",
    [
        "a dad keeps DMing me on insta asking how his daughter is getting on in science. "
        "can i answer him there?",
        "can i update a mum over facebook messenger about her son's detentions this week?",
        "a mum messaged me on facebook asking how her boy's doing with his reading. "
        "ok to reply on there?",
    ],
)
def test_a_parent_asking_after_their_child_raises_school_business(question: str) -> None:
    assert "school_business" in _topics(question)


def test_a_parent_asking_for_something_personal_raises_no_school_business() -> None:
    asked = "a mum asked me on facebook for my banana bread recipe. can i send it to her?"
    assert "school_business" not in _topics(asked)


@pytest.mark.parametrize(
    ("school", "question", "deciding"),
    [
        # "should not have any contact with pupils' family members … if that contact is likely to
        # constitute a conflict of interest" beside "School business must not be discussed
        # through personalized social media".
        (
            "stockport",
            "a dad keeps DMing me on insta asking how his daughter is getting on in science. "
            "can i answer him there?",
            "School business must not be discussed",
        ),
        # Beside "should never use social media to pass on information … about the school".
        (
            "clearwell",
            "a mum messaged me on facebook asking how her boy's doing with his reading. "
            "ok to reply on there?",
            "school business",
        ),
    ],
)
def test_news_of_a_child_on_personal_social_media_is_forbidden_whatever_the_hedge(
    engine: AnswerEngine, school: str, question: str, deciding: str
) -> None:
    answer = engine.ask(school, question)
    assert answer.verdict is Verdict.NO
    assert deciding.lower() in answer.citations[0].text.lower()


# ---------------------------------------------------------------- a site set up for a class


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        (
            "could I have a tiktok account for my year 8 drama class to post our rehearsals?",
            "official_site",
        ),
        (
            "i want a blog where the kids in my class can post their poems. can i set it up?",
            "communicate_pupils",
        ),
        (
            "we'd like a private facebook group for our year 11 chemistry set where students "
            "can ask about coursework",
            "communicate_pupils",
        ),
    ],
)
def test_a_space_set_up_for_a_class_is_a_site_for_work(question: str, topic: str) -> None:
    assert topic in _topics(question)


@pytest.mark.parametrize(
    ("school", "question"),
    [
        (
            "stockport",
            "could I have a tiktok account for my year 8 drama class to post our rehearsals?",
        ),
        (
            "stockham",
            "i want a blog where the kids in my class can post their poems. can i set it up?",
        ),
    ],
)
def test_a_class_site_needs_the_schools_approval_rather_than_being_banned(
    engine: AnswerEngine, school: str, question: str
) -> None:
    assert engine.ask(school, question).verdict is Verdict.CONDITIONAL


@pytest.mark.parametrize("school", ["stockport", "knowsley"])
def test_a_messaging_group_for_a_class_is_still_personal_contact(
    engine: AnswerEngine, school: str
) -> None:
    answer = engine.ask(school, "can i make a whatsapp group for my year 10 class?")
    assert answer.verdict is Verdict.NO


# ------------------------------------------------------ a personal matter on the school's page

_COMPLAINT = (
    "a dad has complained on the school's fb page that his daughter didn't get a part in the "
    "play. can i explain the casting to him in the comments?"
)


def test_explaining_a_parents_own_complaint_on_the_school_page_is_a_personal_matter() -> None:
    assert "school_account_personal" in _topics(_COMPLAINT)


def test_school_social_media_is_not_for_an_individual_parents_complaint(
    engine: AnswerEngine,
) -> None:
    # "must not use school social media for … any individual personal matters even if
    # initiated by other members of the school community"
    answer = engine.ask("knowsley", _COMPLAINT)
    assert answer.verdict is Verdict.NO
    assert "personal matters" in answer.citations[0].text
