"""A word of caution allows what it warns about, but not outright when a close ban on the same
topic bites "if the contact risks being perceived as a conflict of interest": accepting parents'
friend requests at Clearwell is allowed only on those terms."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "some parents have invited me to be friends on social media, am I allowed to accept?",
        "a couple of dads from school have invited me to be friends on facebook. is accepting "
        "fine?",
        "now that i teach here, parents keep inviting me to be their friend on instagram - ok "
        "to accept?",
    ],
)
def test_befriending_parents_turns_on_the_conflict_of_interest(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("clearwell", question)
    assert answer.verdict is Verdict.CONDITIONAL
    assert answer.citations[0].clause in {"6.3b", "6.13"}
