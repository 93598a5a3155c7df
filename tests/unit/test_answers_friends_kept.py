"""The asker's own friends ("my mates", "my friends") who are also parents need not be dropped:
Clearwell does not expect staff to discontinue contact with personal friends (the second 6.2),
however many the asker would unfriend."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "half my pals have children in the school now, do i need to unfriend all of them on "
        "instagram?",
        "my friends from the village send their kids here. do i have to delete all of them "
        "off facebook?",
        "some of my old mates are parents at clearwell now. must i unfriend both of them?",
    ],
)
def test_personal_friends_who_are_parents_can_be_kept(engine: AnswerEngine, question: str) -> None:
    answer = engine.ask("clearwell", question)
    assert answer.verdict is Verdict.YES
    assert answer.citations[0].clause == "6.2b"
