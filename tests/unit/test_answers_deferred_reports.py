"""A concern passed on "at parents' evening next week" or "when I next see her" is not passed on
immediately: until then the asker keeps it, so the plan is a no from Clearwell's A.2.3. Asking
whether going straight to the DSL is "the right thing to do" asks for a ruling on that plan."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "a year 10 lad posted on the school revision forum that he doesnt feel safe at home. "
        "ill bring it up with his head of year after half term, ok?",
        "on our class blog a girl commented that her uncle hurts her. is it fine if i raise it "
        "when i next see her mum?",
        "pupil on the official school page wrote something worrying about being hit at home, "
        "can i flag it to safeguarding at the end of the week when things calm down?",
    ],
)
def test_a_concern_passed_on_later_is_kept_till_then(engine: AnswerEngine, question: str) -> None:
    answer = engine.ask("clearwell", question)
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause == "A.2.3"


@pytest.mark.parametrize(
    "question",
    [
        "a kid on our school forum says a man online wants to meet her. im reporting it to "
        "the dsl straight away - the right thing to do?",
        "found a comment on the class blog from a boy saying hes being hurt at home, going "
        "straight to the designated safeguarding lead now. is that the right call?",
        "a year 7 on the homework site mentioned someone is sending her rude pics. i'll pass "
        "it to the dsl immediately, right thing to do yeah?",
    ],
)
def test_checking_a_plan_to_escalate_is_a_yes(engine: AnswerEngine, question: str) -> None:
    answer = engine.ask("clearwell", question)
    assert answer.verdict is Verdict.YES
    assert answer.citations[0].clause in {"A.2.3", "A.4.f"}


@pytest.mark.parametrize(
    "question",
    [
        "a boy on our class forum posted that his stepdad hits him and he moves house next "
        "week. im reporting it to the dsl straight away, ok?",
        "year 8 girl wrote on the school blog that her mum's boyfriend hurts her and he's back "
        "tomorrow. can i pass it to the dsl right away?",
        "a pupil on the homework site said an adult keeps asking him to meet up after half "
        "term. im going straight to the dsl, is that ok?",
    ],
)
def test_a_later_time_in_the_story_is_no_delay(engine: AnswerEngine, question: str) -> None:
    answer = engine.ask("clearwell", question)
    assert answer.verdict is Verdict.YES
    assert answer.citations[0].clause in {"A.2.3", "A.4.f"}
