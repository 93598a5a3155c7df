"""To have "smashed" or "hammered" something ("smashed her swimming gala") is to have done
brilliantly at it, not to be the worse for drink: a parent thanking the staff behind it is
posting praise, which the pledge does not rule out."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "my daughter smashed her swimming gala on saturday thanks to the coach. can i post a "
        "thank you to mr evans on the local facebook page?",
        "my lad smashed his cross country race yesterday, the PE staff were amazing. can i post "
        "a thank you on the village fb page?",
        "the year 6 netball team smashed every match this season - can i put a post on the "
        "community page congratulating their teacher?",
    ],
)
def test_praise_for_a_success_is_allowed(engine: AnswerEngine, question: str) -> None:
    answer = engine.ask("clearwell", question, audience="parent")
    assert answer.verdict is Verdict.YES, answer.answer
    assert answer.citations[0].clause in ("10.2", "10.5")
