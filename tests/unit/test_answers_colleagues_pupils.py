""" "My mentor's year 13s" are pupils, not the mentor, and "trainee here" introduces the asker:
adding them is contact with pupils, not befriending a colleague."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "nqt here - once my induction year's over can i add my mentor's year 13s on snapchat?",
        "can i add my line manager's year 9 form on instagram? they asked me to",
        "ta here, ok to follow my colleague's sixth form set on tiktok?",
    ],
)
def test_a_colleagues_pupils_are_pupils(engine: AnswerEngine, question: str) -> None:
    answer = engine.ask("amcis", question)
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause in {"6.2", "6.3.1", "6.3.2"}
