"""The asker's class names their pupils, but "works in my class" says where someone works: a
teaching assistant placed in the asker's class is a colleague, and befriending them is answered
by the word of caution on inviting colleagues, not by the rule on friend requests from pupils."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "the teaching assistant who works in my class is lovely, we've been for coffee a few "
        "times. can i add her on facebook?",
        "our new TA started in my form in january and we get on great - would it be ok to "
        "send him a friend request on insta?",
        "a TA was moved to my class this term and we've become good mates. is it fine to add "
        "her as a friend on fb?",
    ],
)
def test_befriending_a_colleague_in_ones_class(engine: AnswerEngine, question: str) -> None:
    answer = engine.ask("clearwell", question)
    assert answer.verdict is Verdict.YES, answer.answer
    assert answer.citations[0].clause == "6.13"
