"""An insider's account of what goes on at the school ("behind the scenes", "what really
happens in the staffroom") discusses the school's information on personal webspace, named or
anonymous."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "can i start a tiktok series revealing what goes on in the staffroom at my school? no "
        "names",
        "thinking of writing an anonymous blog on the inside story of life at our school, ok?",
        "i want to vlog what really happens behind closed doors at our school, faces "
        "blurred. allowed?",
    ],
)
def test_an_insiders_account_is_not_allowed(engine: AnswerEngine, question: str) -> None:
    answer = engine.ask("amcis", question)
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause in {"6.4", "5.4"}
