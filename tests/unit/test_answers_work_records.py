"""What the asker knows from the school's records (the office, the admissions system, the
bursary files), put to a business or passed to someone who may profit from it, is information
from their employment used for personal gain."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "i saw on the admissions system which families are relocating here. can i pass their "
        "details to my sister, she's an estate agent?",
        "from the school office records i know who's just had a baby - can my friend with a "
        "photography business get their names off me to advertise on insta?",
        "i found out at work which parents run their own companies. ok to give their contacts "
        "to my husband for his accountancy business?",
    ],
)
def test_school_records_are_not_for_personal_gain(engine: AnswerEngine, question: str) -> None:
    answer = engine.ask("amcis", question)
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause == "6.2.1"
