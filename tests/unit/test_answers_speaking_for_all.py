"""Speaking "for all of us" or "for the whole school" gives the asker's view as the school's,
so the ban on representing personal views as the school's bites outright."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "can i tweet about the new exam reforms, speaking on behalf of everyone in the staffroom?",
        "i want to post on facebook that i'm speaking for all the teachers here when i say the "
        "union is right. ok?",
        "ok if i write on twitter for our whole school that we oppose the new housing estate?",
    ],
)
def test_a_view_given_as_everyones_is_not_allowed(engine: AnswerEngine, question: str) -> None:
    answer = engine.ask("amcis", question)
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause == "5.3"
