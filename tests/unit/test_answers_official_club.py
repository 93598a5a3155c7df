"""An official club, server or community on a platform is an official site needing the Head
Master's approval; a live stream for pupils shows the asker, not the pupils, and is
communicating with them."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "the geography department want an official discord server for fieldwork, can we?",
        "we'd like an official strava club for staff and sixth form runners, how does that work?",
        "thinking of an official reddit community for our alumni, what do i need?",
    ],
)
def test_an_official_club_needs_approval(engine: AnswerEngine, question: str) -> None:
    answer = engine.ask("amcis", question)
    assert answer.verdict is Verdict.CONDITIONAL
    assert answer.citations[0].clause in {"7.3", "7.2"}


@pytest.mark.parametrize(
    "question",
    [
        "can i livestream a maths revision lesson for my year 11s on youtube before the exam?",
        "could i broadcast a homework help session to my form on instagram live?",
        "is it ok to livestream with my a level class on twitch so they can ask me questions?",
    ],
)
def test_a_live_stream_for_pupils_is_communicating_with_them(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("amcis", question)
    assert answer.verdict is Verdict.CONDITIONAL
    assert answer.citations[0].clause in {"6.2.3", "7.1"}
