"""Whoever usually runs the school's account being off sick is why the asker stands in, not
what they mean to post: covering the school's posting needs a leader's permission (Knowsley
5.1). What is wrong with a colleague stays their private matter."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "the deputy who does our school instagram is off sick this week - can i put the harvest "
        "festival notice up for her?",
        "our office manager usually runs the school facebook but she's away on leave. can i post "
        "the snow day message?",
        "the TA who looks after the school twitter is off ill, am i ok to tweet the match "
        "results from it?",
    ],
)
def test_standing_in_for_the_account_holder_needs_permission(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("knowsley", question)
    assert answer.verdict is Verdict.CONDITIONAL
    assert answer.citations[0].clause == "5.1"


@pytest.mark.parametrize(
    "question",
    [
        "the colleague who runs the school facebook is off with stress, can i post on my own "
        "facebook that she's off with stress?",
        "a colleague of mine is off ill with cancer, can i post about her diagnosis on my insta?",
        "our office manager who does the school facebook is off sick with stress. can i post on "
        "my own page that she's off with stress?",
    ],
)
def test_what_is_wrong_with_the_absent_colleague_stays_confidential(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("knowsley", question)
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause in {"4.7", "4.7.2"}
