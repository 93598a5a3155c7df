"""A platform's minimum age binds the pupils who use it. A class page set up to show parents
what a year group does is a site about the pupils, not one they use: naming the year group says
nothing of anyone under age joining, so the answer turns on the approval the policy asks for a
new site. Pupils of that year group posting on it, or given their own logins, are users, and
the minimum age decides."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict

SITE_APPROVAL = {"Appendix A 3.2", "Appendix A 3.6", "Appendix B.1"}
MINIMUM_AGE = {"Appendix A 2.5", "7.3"}


@pytest.mark.parametrize(
    "question",
    [
        "can i set up a class instagram so parents can see what year 3 have been up to?",
        "i'd like to start a twitter account for year 2 to show families the work we do in "
        "class. can i?",
        "thinking of making a facebook page for our year 5 class so parents can follow our "
        "trips. is that allowed?",
    ],
)
def test_a_page_about_a_young_class_needs_site_approval(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("stockham", question)
    assert answer.verdict is Verdict.CONDITIONAL
    assert answer.citations[0].clause in SITE_APPROVAL


@pytest.mark.parametrize(
    "question",
    [
        "can i set up a class tiktok for my year 3s so they can post their dance videos?",
        "can my year 4s each have their own login on the school instagram?",
    ],
)
def test_young_pupils_using_the_platform_meet_its_minimum_age(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("stockham", question)
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause in MINIMUM_AGE
