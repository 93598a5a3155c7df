"""Pupils the asker says are younger than a platform allows settle a site for them by the rule
on minimum ages, however good its purpose: at Clearwell, 7.3 (with A.2.5, "often set at 13")."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "could i start a tiktok for my reading group to share book reviews? they're 10",
        "thinking of making a class instagram for spelling practice, the kids are aged 9. ok?",
        "can i set up a snapchat for my maths set to send them revision tips, most of them are 11",
    ],
)
def test_a_site_for_pupils_under_the_minimum_age_is_a_no(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("clearwell", question)
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause in {"7.3", "A.2.5"}
