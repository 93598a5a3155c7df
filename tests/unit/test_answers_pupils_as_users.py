"""Pupils who are to post, comment or chat on an account use it, so a class account for a
young year group raises the platform's minimum age, which the head's approval does not lift."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "head has approved an official tiktok for my year 4 class so they can upload their "
        "dance routines, fine?",
        "our headteacher signed off a class instagram for my year 3s where they can comment on "
        "each other's work - ok to launch?",
        "the head ok'd a facebook page for my yr 2 class so the children can share their "
        "spellings on it. can we start?",
    ],
)
def test_a_young_class_using_the_account_breaks_the_minimum_age(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("amcis", question)
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause == "7.3"
    assert "minimum age" in answer.citations[0].text
