"""A broad duty the asker goes against gives way to the close ban on what they propose."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict
from tests.unit.engines import curated_engine


@pytest.fixture(scope="module")
def engine() -> AnswerEngine:
    return curated_engine()


@pytest.mark.parametrize(
    "question",
    [
        "would it be ok to put a hilarious clip of my yr 8s doing a dance on my own instagram?",
        "my form did a really funny sketch in assembly, can i upload the video to my personal "
        "facebook?",
        "surely a funny tiktok of my class messing about at sports day is fine on my own account?",
    ],
)
def test_a_funny_video_of_pupils_is_decided_by_the_ban_on_images(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("amcis", question)
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause == "6.5"
