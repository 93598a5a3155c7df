"""A ban that reaches only what is done at work does not reach someone on holiday, on leave or off
work: editing Wikipedia then is allowed."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "on holiday in spain, can i correct a wikipedia article from my own phone?",
        "im on annual leave next week - fine to edit wikipedia pages then?",
        "off work with a cold, can i fix a wikipedia entry from home?",
    ],
)
def test_away_from_work_is_outside_an_at_work_ban(engine: AnswerEngine, question: str) -> None:
    answer = engine.ask("stockham", question)
    assert answer.verdict is Verdict.YES
    assert answer.citations[0].clause in {"6.11"}
