"""A place full of pupils is one where pupils are present, however it is put ("rammed with
kids", "heaving with year 7s"): social media there is outside Knowsley's 8.6.2, break or not."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "the canteen is packed with year 7s but i'm on my break, can i check facebook on my phone?",
        "on lunch duty and the playground is heaving with kids, ok to have a quick look at "
        "instagram?",
        "library's full of sixth formers revising during my break - can i scroll tiktok in there?",
    ],
)
def test_social_media_among_pupils_is_not_allowed(engine: AnswerEngine, question: str) -> None:
    answer = engine.ask("knowsley", question)
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause == "8.6.2"
