"""A contractor saying which company they work for names who they are, not an organisation asking
to join a school site; a pupil who "asked to follow my account" sent a request, which is contact
with a pupil, not a question of the platform's minimum age."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "i work for the company that does the school's IT. a year 5 asked to follow my instagram "
        "- can i accept?",
        "we're the firm that cleans the school. one of the year 6s asked to add my snapchat, ok?",
        "i'm with the catering company at the school. a pupil asked to follow my tiktok, is that "
        "alright since i'm not staff?",
    ],
)
def test_a_pupils_request_to_a_contractor_is_refused(engine: AnswerEngine, question: str) -> None:
    answer = engine.ask("stockham", question)
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause in {"6.6", "6.2", "2.1"}
