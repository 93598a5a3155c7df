"""Free periods spare the asker the ban on personal use in working time, but spending the whole
of them on social media is more than the limited personal use the policy allows."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "can i scroll twitter right up to the end of the day in my frees? no classes after 1",
        "no lessons after lunch on friday - fine to be on facebook til home time?",
        "i've got the whole of thursday morning as free periods, ok to just watch youtube?",
    ],
)
def test_a_whole_free_afternoon_is_not_limited_use(engine: AnswerEngine, question: str) -> None:
    answer = engine.ask("amcis", question)
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause == "6.9"
