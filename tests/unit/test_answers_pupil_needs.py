"""A pupil's diagnosis or special needs is personal information about them, and a group of other
teachers is not a group with pupils in it: asking colleagues online for advice about a child's
ADHD is discussing that information, not contacting the child. A platform's own age limit
("it's 13+") and the ages of some of the pupils ("half of them are 12") are what a school-run
account for them turns on."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "can i share in a teachers facebook group how a girl in my form with autism copes with "
        "change? no names",
        "ok to post in the staff whatsapp group about a boy in year 8 with dyslexia and his "
        "reading age?",
        "can i write on my blog about a pupil with adhd and the strategies that help him, "
        "leaving his name out",
    ],
)
def test_a_pupils_needs_are_personal_information(engine: AnswerEngine, question: str) -> None:
    answer = engine.ask("stockport", question)
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause in {"5.4", "6.8"}


@pytest.mark.parametrize(
    "question",
    [
        "the year 7 drama club want a school instagram to post their sketches, but insta is 13+ "
        "and most of them are 11. ok?",
        "can my year 8 coding club post their games on a school youtube channel? some of them "
        "are 12 and youtube is 13+",
        "chess club want to share match videos on a school tiktok. tiktok's 13+ and a few of the "
        "kids are 11, that alright?",
    ],
)
def test_pupils_under_a_platforms_age_limit_is_a_no(engine: AnswerEngine, question: str) -> None:
    answer = engine.ask("stockport", question)
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause in {"7.3", "A.2.5"}
