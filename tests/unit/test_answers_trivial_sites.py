"""An official site needs "a strong pedagogical or business reason": one for a staff social, a
sweepstake or the class pet has a trivial purpose, which goes against that duty whatever the
platform or whoever asks."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "could we set up an official school twitter for the staff christmas party? photos and that",
        "thinking of an official school facebook page for our world cup sweepstakes in the "
        "staff room, any harm?",
        "can the department start an official instagram all about our class rabbits?",
    ],
)
def test_a_site_with_a_trivial_purpose_is_a_no(engine: AnswerEngine, question: str) -> None:
    answer = engine.ask("stockport", question)
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause == "7.2"
