"""Which questions a social-media policy covers: school life it does not govern (presents,
rotas, dress, a phone used offline, things said face to face) is not covered, however many
words it shares with a clause; the same matters done online are."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict
from portal.core.answers.lexicon import load_lexicon
from portal.core.answers.question import read_question
from tests.unit.engines import curated_engine

SCHOOLS = ("stockport", "amcis", "knowsley", "clearwell", "stockham")


@pytest.fixture(scope="module")
def engine() -> AnswerEngine:
    return curated_engine()


# Each is near a clause's words (a parent, a pupil's photo, views, an email, a colleague) but
# asks about something done off social media.
OFF_LINE = (
    "a dad offered me tickets to the match as a thank you - ok to accept?",
    "can I give out my personal mobile number to the coach driver for the trip?",
    "can I use my personal phone's calculator during the maths lesson?",
    "can I put pupils' photos on the classroom wall display?",
    "is it ok to hug a crying year 2?",
    "can I join a union?",
    "can I stand for election as a local councillor?",
    "can I send parents an email from my school account about their child's reading?",
    "can I set an out of office on my school email over half term?",
    "do I have to answer work emails at the weekend?",
    "can I change the seating plan without telling the head of year?",
    "can I record my lessons for my own professional development?",
    "is there a rule about how many photocopies I can make?",
    "can I sell my homemade jewellery at the christmas fair?",
    "can I sell my old car to a colleague?",
    "can I take a personal call during my free period?",
    "my wife works at another school - do their rules on phones apply to me?",
    "can I tell a colleague about a pupil's medical condition so she can help?",
    "can I talk to the parents at the gate about their child's behaviour?",
    "can I wear a poppy pin or a union badge at school?",
    "can I invite a colleague round for dinner?",
    "can I listen to the radio in my classroom before school?",
    # Online, but not social media: the closest clause shares words, not the subject.
    "can I do an online course in my own time?",
    "can I book my holiday online in my free period?",
    "can I submit my timesheet online?",
    "can we hold the year 3 parent meetings on zoom this term?",
    "can my class do an online quiz in the lesson?",
)


@pytest.mark.parametrize("school", SCHOOLS)
@pytest.mark.parametrize("question", OFF_LINE)
def test_school_life_off_social_media_is_not_covered(
    engine: AnswerEngine, school: str, question: str
) -> None:
    assert engine.ask(school, question).verdict is Verdict.NOT_COVERED


# The same kinds of matter, online: the policy answers them.
ONLINE = (
    "can I add a parent from my class?",
    "one of the dads in my class wants to connect with me, is that ok?",
    "can I share pics of sports day with the kids in them?",
    "can I share a funny clip of one of the kids falling over in PE?",
    "is it ok to express my views about the strike publicly?",
    "can I use my school email to sign up for twitter?",
    "can I put my mobile number on the class page so parents can text me?",
    "one of the mums keeps liking my photos, should I block her?",
    "instead of ranting online, can I take my worries about the new rota to my line manager?",
    "is it ok to say where I work in my bio?",
    "can I befriend a parent?",
)


@pytest.mark.parametrize("school", SCHOOLS)
@pytest.mark.parametrize("question", ONLINE)
def test_the_same_matters_online_are_covered(
    engine: AnswerEngine, school: str, question: str
) -> None:
    assert engine.ask(school, question).verdict is not Verdict.NOT_COVERED


@pytest.mark.parametrize(
    "question",
    [
        "can I tag my colleagues in the photos?",
        "ok to put the match report up online?",
        "can I accept a request from a pupil's mum?",
        "is it ok to be friends with parents of kids in my class?",
        "I write a teaching blog, can I mention my school?",
    ],
)
def test_online_acts_name_social_media(question: str) -> None:
    lexicon = load_lexicon()
    assert lexicon.domain.search(read_question(question, lexicon).folded)


@pytest.mark.parametrize(
    "question",
    [
        "can I post a letter to a parent at home?",
        "can I add my pronouns to my school email signature?",
        "can I email the parents of my class a newsletter each week?",
        "can I put the display up in the hall?",
        "can I set up a shared google drive for my department's planning?",
    ],
)
def test_paper_phone_and_email_name_no_social_media(question: str) -> None:
    lexicon = load_lexicon()
    folded = read_question(question, lexicon).folded
    assert not lexicon.domain.search(folded)
    assert not lexicon.online.search(folded)


@pytest.mark.parametrize(
    "question",
    ["can I do an online course in my own time?", "can I message the office from my phone?"],
)
def test_being_online_is_not_social_media(question: str) -> None:
    lexicon = load_lexicon()
    folded = read_question(question, lexicon).folded
    assert lexicon.online.search(folded)
    assert not lexicon.domain.search(folded)


def test_showing_a_video_in_class_is_not_publishing_pupils_images() -> None:
    asked = read_question(
        "can I show a youtube video on the whiteboard in my lesson?", load_lexicon()
    )
    assert "pupil_images" not in asked.fired


def test_a_platform_named_in_the_plural_stays_named() -> None:
    asked = read_question("one of my TAs' tiktoks is a bit close to the line", load_lexicon())
    assert "tiktok" in asked.folded


def test_social_bookmarking_in_a_list_of_media_is_not_marking(engine: AnswerEngine) -> None:
    answer = engine.ask("stockport", "how many books am I expected to be marking a week?")
    assert answer.verdict is Verdict.NOT_COVERED


def test_selling_to_families_at_school_is_still_about_personal_gain() -> None:
    lexicon = load_lexicon()
    to_families = read_question("can I sell my candles to the parents in my class?", lexicon)
    to_a_colleague = read_question("can I sell my old car to a colleague?", lexicon)
    assert "personal_gain" in to_families.fired
    assert "personal_gain" not in to_a_colleague.fired
