"""A school site kept going by one person alone has no cover for absence or turnover: where a
policy asks that enough staff are trained to maintain it, being the only one with the login
goes against that duty, and that duty settles a question other planning duties leave open."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "can i run the official music dept twitter on my own? no one else wants to",
        "i'm going to be the sole person with the password for the school's facebook page, is "
        "that ok?",
        "our official pe instagram will just be me, nobody else will have the login. fine?",
    ],
)
def test_keeping_a_school_site_alone_is_a_no(engine: AnswerEngine, question: str) -> None:
    answer = engine.ask("stockport", question)
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause == "A.1.5"
