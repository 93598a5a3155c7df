"""The school's phone number is one of its official contact details, which must not be used for
personal social media, just as its email must not: it is not the asker's own personal number."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "can i use the school office phone number on my instagram profile?",
        "can i put the school phone number on my facebook so people can get in touch?",
        "setting up a twitter for my baking, can i give the school office number as my contact?",
    ],
)
def test_school_number_on_a_personal_account_is_refused(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("stockham", question)
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause in {"6.10"}
