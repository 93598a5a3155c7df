"""A pupil's own news (a university offer, their results, a scholarship won) is personal
information the asker has through their job: it is not theirs to post, however proud."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "my year 13 boy got into cambridge to do medicine, can i post a congrats on my insta?",
        "one of my students won a scholarship to a music conservatoire, can i celebrate it on "
        "facebook?",
        "a girl in my form has just received her offer from durham, ok to brag about her on "
        "twitter?",
    ],
)
def test_a_pupils_news_is_not_the_askers_to_post(engine: AnswerEngine, question: str) -> None:
    answer = engine.ask("amcis", question)
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause in {"6.4", "5.4"}
