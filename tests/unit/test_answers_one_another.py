"""Setting up a place for pupils to talk to each other is enabling pupils to keep in touch with one
another: allowed only with the school's approval, through its official sites."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "my year 6 class want somewhere online to chat with each other about their science "
        "project - could i set up a padlet for them?",
        "could i set up something so my year 3s can keep in touch with each other over the "
        "holidays?",
        "the year 5s want to be able to post messages to one another about the book they're "
        "reading, can i make a space for that?",
    ],
)
def test_pupils_talking_to_each_other_needs_approval(engine: AnswerEngine, question: str) -> None:
    answer = engine.ask("stockham", question)
    assert answer.verdict is Verdict.CONDITIONAL
    assert answer.citations[0].clause in {"6.5", "7.1"}
