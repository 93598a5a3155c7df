"""Spreading word of an event the school runs (the summer fair, the disco, a bake sale) from a
personal account is sharing school business through a channel the school does not manage: at
Clearwell that needs authorisation first, so it is allowed only once authorised."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "is it ok to advertise our christmas fair on my personal instagram?",
        "could I promote the PTA bake sale on my own facebook so more parents come along?",
        "thinking of putting a post about the school disco on my twitter to boost numbers - "
        "allowed?",
    ],
)
def test_promoting_a_school_event_from_a_personal_account_needs_authorisation(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("clearwell", question)
    assert answer.verdict is Verdict.CONDITIONAL
    assert answer.citations[0].clause == "5.0"  # authorisation MUST be sought
