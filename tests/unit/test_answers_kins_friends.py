"""A relative's friends are not the asker's family ("my son's mates"), and a parent governor is
a governor, not a pupil's parent: pupils named so are pupils like any other, and personal
social-media contact with them is barred."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "my daughter's friends from year 8 keep following me on instagram, can i follow back?",
        "parent governor here - my son's mates keep adding me on snap, ok to accept?",
        "my niece's classmates in year 10 sent me friend requests on fb - fine to accept?",
    ],
)
def test_a_relatives_friends_are_pupils_not_family(engine: AnswerEngine, question: str) -> None:
    answer = engine.ask("amcis", question)
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause in {"6.2", "6.3.1"}
