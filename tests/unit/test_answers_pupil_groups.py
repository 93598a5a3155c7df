"""Pupils are often named by the group they are in: an age-group side at a sports club, an
exam set named by a subject of two words, a school sports squad."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "i help run the under 12s at my rugby club, they're from all over town. can i message "
        "them on snapchat about matches?",
        "can i add the u15 netball players i coach on saturdays to a whatsapp group? they go to "
        "a different school",
        "i referee for a u13 side near me, is it ok to follow a few of the players on instagram?",
    ],
)
def test_an_age_group_side_are_pupils(engine: AnswerEngine, question: str) -> None:
    answer = engine.ask("amcis", question)
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause == "6.2"


@pytest.mark.parametrize(
    "question",
    [
        "can i make a group chat on discord for my gcse religious studies class to share notes?",
        "i'd like a group chat for my a level further maths class so they can ask each other "
        "questions, allowed?",
        "could i set up an online group for my btec sport science students to swap revision tips?",
    ],
)
def test_an_exam_set_named_by_its_subject_are_pupils(engine: AnswerEngine, question: str) -> None:
    answer = engine.ask("amcis", question)
    assert answer.verdict is Verdict.CONDITIONAL
    assert answer.citations[0].clause in {"6.2.3", "7.1"}
