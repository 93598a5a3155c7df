"""Passing on ahead of others what the school is about to buy, to someone whose business could
bid for it, is using work information for gain (Clearwell's second 6.2). Word that a colleague
"has been suspended" is news about them, not a question about sanctions: 6.8 keeps it in."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "the school is putting the catering out to tender soon. my cousin owns a catering "
        "company - can i give her a heads up by text?",
        "i know we need a new minibus supplier. my mate runs his own garage business, ok to "
        "warn him on whatsapp before it's advertised?",
        "the cleaning contract is coming up. can i give my husband a heads up on messenger, he "
        "has a cleaning firm",
    ],
)
def test_a_heads_up_to_a_business_that_could_bid(engine: AnswerEngine, question: str) -> None:
    answer = engine.ask("clearwell", question)
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause in {"6.2b", "6.8"}


@pytest.mark.parametrize(
    "question",
    [
        "a dad messaged me on facebook asking if mrs k has been suspended. can i tell him?",
        "my friend asked on whatsapp whether our deputy's been suspended, ok to reply yes?",
        "people on the village fb page are asking if the caretaker is being investigated. can "
        "i comment what i know?",
    ],
)
def test_word_of_a_colleague_suspended_is_kept_in(engine: AnswerEngine, question: str) -> None:
    answer = engine.ask("clearwell", question)
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause in {"6.8", "6.2b", "5.4"}
