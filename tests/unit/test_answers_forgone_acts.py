"""What a parent sets aside ("instead of moaning on facebook, …") names no topic of theirs: the
plan after it is what they ask about, here approaching staff as Clearwell's pledge asks."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "instead of moaning on facebook about it, can i just speak to the class teacher at "
        "pick up?",
        "rather than posting in the parents group, is it ok to have a word with the head "
        "about the reading scheme?",
        "instead of ranting on twitter can i talk to his form tutor about the issue?",
    ],
)
def test_the_plan_after_what_is_set_aside_is_asked(engine: AnswerEngine, question: str) -> None:
    answer = engine.ask("clearwell", question, audience="parent")
    assert answer.verdict is Verdict.YES
    assert answer.citations[0].clause in {"10.3", "10.5"}
