"""A line manager or a boss is a work colleague: befriending them is met with the word of caution
on colleagues, and "is it dodgy to …" asks whether it is allowed, not about dodgy content."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "my boss has sent me a follow request on instagram. can i accept?",
        "can i add my line manager on facebook?",
        "is it dodgy to accept a friend request from my line manager?",
    ],
)
def test_a_manager_is_a_colleague(engine: AnswerEngine, question: str) -> None:
    answer = engine.ask("stockham", question)
    assert answer.verdict is Verdict.YES
    assert answer.citations[0].clause in {"6.14"}
