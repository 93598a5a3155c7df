"""Two readings of the asker's situation. A meeting or training is contracted time, not a break,
whenever in the day it falls: personal social media through it is personal use at work. And
content showing people the worse for drink shows them in a poor light, which settles a ban on
what "might bring the school into disrepute"."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "inset day training is dragging, can i check instagram under the table?",
        "ok to scroll tiktok during the staff briefing after school? it's just notices",
        "can i answer my whatsapp messages while the deputy is presenting at the twilight "
        "training?",
    ],
)
def test_social_media_in_a_meeting_is_personal_use_at_work(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("stockport", question)
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause == "6.13"


@pytest.mark.parametrize(
    "question",
    [
        "can i post a video of me absolutely hammered on my birthday on my public instagram?",
        "ok to put a photo of myself drunk at a festival on my tiktok? my account's public",
        "is it alright to share on facebook a clip of me and my sister getting messy at her hen "
        "do?",
    ],
)
def test_posting_oneself_the_worse_for_drink_is_a_no(engine: AnswerEngine, question: str) -> None:
    answer = engine.ask("stockport", question)
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause == "5.2"
