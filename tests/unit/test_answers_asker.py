"""Reading who does what in a question: the asker's own relatives and situation are not a
pupil's family or a topic, and a class account pupils use is the asker communicating with them."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict
from portal.core.answers.lexicon import load_lexicon
from portal.core.answers.question import read_question
from tests.unit.engines import text_engine


@pytest.fixture(scope="module")
def engine() -> AnswerEngine:
    return text_engine()


def test_the_askers_own_mum_is_family_not_a_pupils_parent() -> None:
    asked = read_question(
        "my mum is a dinner lady here and we text each other every night. is that ok?",
        load_lexicon(),
    )
    assert "parent_contact" not in asked.fired
    assert "family" in asked.facts


def test_mum_friends_are_still_other_parents() -> None:
    asked = read_question(
        "can I add my mum friends from the class whatsapp on facebook?", load_lexicon()
    )
    assert "parent_contact" in asked.fired
    assert "family" not in asked.facts


def test_now_i_work_here_is_not_saying_where_one_works(engine: AnswerEngine) -> None:
    question = (
        "My nephew is in Year 3 and we play games together on his xbox chat. "
        "Do I have to stop now I work here?"
    )
    assert "identify_employer" not in read_question(question, load_lexicon()).fired
    answer = engine.ask("stockham", question)
    assert answer.verdict is Verdict.YES
    assert answer.citations[0].clause == "6.2"


def test_leaving_told_in_passing_is_not_contact_after_leaving() -> None:
    asked = read_question(
        "I'm leaving next term. Can I post a photo of my classroom display on my own instagram?",
        load_lexicon(),
    )
    assert "staff_leaving" not in asked.fired


def test_leaving_with_pupils_keeping_up_is_contact_after_leaving(engine: AnswerEngine) -> None:
    question = "moving on to a new post in september - can my year 8s follow me on tiktok after?"
    assert "staff_leaving" in read_question(question, load_lexicon()).fired
    answer = engine.ask("clearwell", question)
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause == "6.6"


@pytest.mark.parametrize(("school", "clause"), [("clearwell", "6.4"), ("stockport", "6.5")])
def test_a_class_account_pupils_watch_is_communicating_with_them(
    engine: AnswerEngine, school: str, clause: str
) -> None:
    question = (
        "Thinking of a class youtube channel so my Year 4s can watch our science "
        "experiments again at home. Can I?"
    )
    answer = engine.ask(school, question)
    assert answer.verdict is Verdict.CONDITIONAL
    assert answer.citations[0].clause == clause


def test_an_account_for_a_class_where_they_post_is_communicating_with_pupils() -> None:
    asked = read_question(
        "Could I set up a blog for my Year 7 history class where they can upload their projects?",
        load_lexicon(),
    )
    assert "communicate_pupils" in asked.fired


@pytest.mark.parametrize(
    "question",
    [
        "got a follow request from a year 8 girl on insta. her dad and i play golf together, "
        "can i accept it?",
        "one of my tutees sent me a friend request on facebook - i'm good friends with his mum, "
        "so is it ok to accept?",
        "friend request from a student in my form last night. we're mates with her parents "
        "outside school, would it be a problem if i accepted?",
    ],
)
def test_a_request_from_the_pupil_is_contact_with_the_pupil_whoever_knows_the_parents(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("amcis", question)
    assert answer.verdict is Verdict.NO
    assert "must decline" in answer.citations[0].text


def test_a_request_from_a_parent_is_still_contact_with_the_parent(engine: AnswerEngine) -> None:
    answer = engine.ask("amcis", "a parent from my class sent me a friend request. can i accept?")
    assert "pupils' family members" in answer.citations[0].text.replace("’", "'")


@pytest.mark.parametrize(
    "question",
    [
        "stopped working at the school last month. my old form keep dm'ing me on tiktok, can i "
        "reply?",
        "i finished at stockport last summer. a few of my old year 8s follow me on insta, can i "
        "follow them back?",
        "i've finished up at the school now. can i keep messaging my old year 7s on snapchat?",
    ],
)
def test_having_finished_at_the_school_is_leaving_its_service(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("stockport", question)
    assert answer.verdict is Verdict.NO
    assert "On leaving Stockport School service" in answer.citations[0].text
