"""Marking or moderating a pupil's work is judging them: personal social-media contact with
their parent at the same time calls the marker's objectivity into question, so the hedged ban
on contact with pupils' families bites."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "i'm moderating the year 10 art portfolios and one girl's dad wants to be friends on "
        "facebook - ok to accept?",
        "a mum has followed me on insta while i'm marking her son's gcse coursework. can i follow "
        "her back?",
        "can i accept a friend request from a dad? i'm grading his daughter's history essays at "
        "the moment",
    ],
)
def test_marking_a_pupils_work_settles_the_objectivity_hedge(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("amcis", question)
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause == "6.2.2"
