"""Parents, colleagues or governors already among the asker's contacts are who will see a
post: the question is what to post, answered by Knowsley 8.5 (take into account who you are
connected with and moderate your behaviour), not by the ban on contact with parents."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "loads of parents from school follow me on insta. can i still post my opinions on the "
        "local elections?",
        "my head of department and a couple of governors are on my facebook friends list. ok "
        "to share posts about the strike?",
        "most of my colleagues follow me on twitter - am i alright posting about my weekend "
        "protests?",
    ],
)
def test_posting_to_school_contacts_is_on_the_duty_to_moderate(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("knowsley", question)
    assert answer.verdict is Verdict.CONDITIONAL
    assert answer.citations[0].clause == "8.5"
