"""Whether the school may look through staff email or browsing is the monitoring clause's
question however it is put: "go through my inbox", "look through my school emails"."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "is the network manager allowed to go through my inbox without asking me?",
        "can the school look through my work emails whenever it likes?",
        "are they allowed to look in my school emails without warning me first",
    ],
)
def test_the_school_looking_through_staff_email_is_allowed(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("stockport", question)
    assert answer.verdict is Verdict.YES
    assert answer.citations[0].clause in {"8.1", "8.2"}
