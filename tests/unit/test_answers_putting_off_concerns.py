"""A concern raised on a school site must be passed on at once: asking to leave it till Monday,
till after the break or till the morning keeps it to oneself meanwhile, and a child afraid of an
adult at home is a disclosure however it is worded."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "a boy in year 4 put on the class blog that he's frightened of his stepdad. it's nearly "
        "the holidays, can i leave it till after the break?",
        "one of my year 5s commented on our padlet that her mum's boyfriend hits her. could it "
        "wait until tomorrow morning when i see her?",
        "a kid on the school learning platform said he's been hurting himself. im off now, is it "
        "ok to hold off till monday?",
    ],
)
def test_waiting_for_a_later_day_keeps_the_concern_back(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("stockham", question)
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause in {"Appendix A 2.3"}


@pytest.mark.parametrize(
    "question",
    [
        "a girl wrote on our class blog that she's afraid of her dad. should i pass it to the dsl "
        "straight away?",
        "year 3 boy said on seesaw he's terrified of his stepmum - i want to report it to the dsl "
        "right away, is that right?",
        "a pupil posted on the class padlet that she's scared of her uncle. can i flag it to the "
        "safeguarding lead immediately?",
    ],
)
def test_fear_of_an_adult_at_home_passed_on_at_once(engine: AnswerEngine, question: str) -> None:
    answer = engine.ask("stockham", question)
    assert answer.verdict is Verdict.YES
    assert answer.citations[0].clause in {"Appendix A 2.3"}
