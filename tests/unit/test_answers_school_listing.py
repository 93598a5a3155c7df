"""Writing or changing the school's entry, profile or listing on a directory or guide site is
altering an online source of information on the school's behalf (be accurate, fair and
transparent), not the asker saying where they work."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "can i edit the school's listing on google maps to add the new opening hours?",
        "marketing want me to fill in our school's profile on a parents' review website, ok?",
        "the bursar asked me to write the school's description for the ISC directory - any rules?",
    ],
)
def test_the_schools_own_listing_must_be_accurate(engine: AnswerEngine, question: str) -> None:
    answer = engine.ask("amcis", question)
    assert answer.verdict is Verdict.CONDITIONAL
    assert answer.citations[0].clause == "5.6"
