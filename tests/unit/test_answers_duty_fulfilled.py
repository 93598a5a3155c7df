"""Talking to the class in general terms about pupils' friend requests and pointing them to the
official school site is what the policy asks of staff: the duty they fulfil decides, not a
requirement on creating official sites, which they are not doing."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "a few tutees have been sending me friend requests on fb - is it ok to talk to my form "
        "about it generally and point them at the official school page instead?",
        "some of my year 10s keep requesting me on insta. can i have a general chat about it with "
        "the class and tell them to follow the school's official account?",
        "loads of my yr 8s are requesting me on snapchat, can i mention it in general terms in "
        "class and tell them to follow the official school account?",
    ],
)
def test_doing_what_the_duty_asks_is_allowed(engine: AnswerEngine, question: str) -> None:
    answer = engine.ask("amcis", question)
    assert answer.verdict is Verdict.YES
    assert answer.citations[0].clause == "6.3.1"
