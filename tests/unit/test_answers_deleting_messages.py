"""Deleting "them" is as often messages or photos as people: a question about how long to keep
emails before deleting them is not about ending a contact, and a policy with no clause on
keeping records does not cover it."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "how many months can i keep old emails from parents before i should delete them?",
        "is there a rule on when to delete them, the parent emails piling up in my inbox?",
        "do i have to remove them, the old emails from mums and dads, at the end of each year?",
    ],
)
def test_deleting_old_emails_is_not_ending_a_contact(engine: AnswerEngine, question: str) -> None:
    assert engine.ask("stockport", question).verdict is Verdict.NOT_COVERED
