"""Asking whether an act is "dodgy" or "weird" voices the asker's doubt about the act, not
dodgy content; and the colleague asked about may be named by rank (a line manager, the boss)."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "would it be dodgy to add my boss on facebook?",
        "is it weird to send my line manager a friend request on insta",
        "bit iffy maybe but is it ok to follow my hod on tiktok?",
    ],
)
def test_befriending_a_senior_colleague_is_allowed_with_caution(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("amcis", question)
    assert answer.verdict is Verdict.YES
    assert answer.citations[0].clause == "6.10"


@pytest.mark.parametrize(
    "question",
    [
        "is it dodgy to post drunk photos of myself on my public insta?",
        "can i share some dodgy memes on my facebook?",
        "would it be weird to put up a photo of me doing a stag do dare online?",
    ],
)
def test_dodgy_content_is_still_content(engine: AnswerEngine, question: str) -> None:
    answer = engine.ask("amcis", question)
    assert answer.verdict is not Verdict.YES
