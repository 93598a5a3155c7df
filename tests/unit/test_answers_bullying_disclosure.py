"""A pupil being humiliated, beaten up or picked on, as told by someone who saw it online, is a
safeguarding concern: passing it on straight away is what the policy asks, keeping it is not."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "a parent sent me a tiktok of a year 9 boy getting beaten up behind the sports hall. "
        "can i report it to the dsl straight away?",
        "saw a video in a group chat of one of our pupils being picked on and filmed crying. "
        "should i tell the dsl right now?",
        "someone posted a clip of a girl from year 8 being humiliated at the bus stop. can i "
        "flag it to the dsl immediately?",
    ],
)
def test_passing_on_what_was_seen_is_allowed(engine: AnswerEngine, question: str) -> None:
    answer = engine.ask("amcis", question)
    assert answer.verdict is Verdict.YES
    assert answer.citations[0].clause == "4.1"
