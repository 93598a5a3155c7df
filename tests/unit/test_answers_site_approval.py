"""Approval for a site ("we've got the go-ahead for a department blog") approves the site, not
every step taken on it: advertising on the school's page for contributors still needs the
approval the policy names for that, so the answer is conditional on it, not a plain yes."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "we've got the go-ahead for a PE department blog. ok to put out a call on the school "
        "page for coaches from local clubs to contribute?",
        "i've got the green light for a school history blog, can i advertise on the school's "
        "page for old pupils to contribute memories to it?",
        "we have approval for an official reading blog - is it ok to put a post on the school "
        "facebook asking authors to contribute to it?",
    ],
)
def test_approval_of_a_site_is_not_approval_to_advertise_for_contributors(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("clearwell", question)
    assert answer.verdict is Verdict.CONDITIONAL, answer.answer
    assert answer.citations[0].clause == "A.4.h"
