"""What staff learn at work must not be passed on to someone who would use it for gain: families'
names for a relative's business, rivals' quotes for a partner's bid, addresses for a friend's
company. The rule on personal gain decides it, not the rules on contact."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "i know from the registers which kids have birthdays this month. my sister runs a party "
        "bag business, can i pass her the names so she can message the parents?",
        "my partner's firm is bidding for the school's building works. i've seen the other "
        "quotes, can i text him the prices?",
        "i run admissions so i know which families are new. ok to give their addresses to my "
        "friend's tutoring company?",
    ],
)
def test_work_information_handed_to_a_business_is_refused(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("stockham", question)
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause in {"6.3"}
