"""Keeping one's passwords to oneself is what a rule against revealing them asks, not a breach
of it: the asker who never shares them is told yes."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "i never share my passwords with anyone and change them every few weeks - is that right?",
        "should i keep my facebook password to myself and change it regularly?",
        "is it ok that i keep my passwords secret, even from my husband?",
    ],
)
def test_passwords_kept_to_oneself_keep_the_rule(engine: AnswerEngine, question: str) -> None:
    answer = engine.ask("stockham", question)
    assert answer.verdict is Verdict.YES
    assert answer.citations[0].clause in {"6.15"}
