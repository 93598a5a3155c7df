"""A ban that does not reach the act asked about leaves it to the route the policy opens for
it, and an asker who says the school allows one platform and proposes another has already
gone round that route. A ban on contacting pupils through personal accounts says nothing of a
class page the school would run, which needs the Head's approval; a class moved off the only
platform the school has sanctioned has no approval to rely on; and no approval of a school
page lets children under the platform's minimum age follow it."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "at my former school every teacher could run their own class instagram for older "
        "pupils. can I do the same here?",
        "new here from september - where I worked before, staff could each run their own class "
        "facebook page for the upper years. does that work here?",
        "In my last job all the teachers were allowed to run their own class twitter for year 10 "
        "and above. Could I do that at this school?",
    ],
)
def test_a_ban_on_personal_accounts_leaves_a_class_page_to_approval(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("amcis", question)
    assert answer.verdict is Verdict.CONDITIONAL
    assert answer.citations[0].clause == "7.3"  # the Head Master's approval of official sites


@pytest.mark.parametrize(
    "question",
    [
        "we're only meant to use Google Classroom with pupils, but Discord would work better "
        "for my coding club - can I use that with them instead?",
        "The approved platform is Seesaw, but I'd rather put my Year 5 class on Padlet for "
        "homework. Can I move the pupils onto it?",
        "head says seesaw only for class stuff, but a youtube channel would suit my science "
        "club much better. ok to put the pupils on that instead?",
    ],
)
def test_another_platform_than_the_one_sanctioned_is_not_sanctioned(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("knowsley", question)
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause == "6.1"


@pytest.mark.parametrize("school", ["stockham", "amcis"])
@pytest.mark.parametrize(
    "question",
    [
        "some of our year 5s (they're 9 and 10) keep asking if they can follow the school "
        "instagram. can we let them?",
        "parents of our 8 year olds want their kids to follow the class facebook page - is that "
        "allowed?",
        "lots of our under-13s want to follow the school's tiktok account. is that alright?",
    ],
)
def test_children_under_the_platform_age_following_a_school_page_meet_the_age_rule(
    engine: AnswerEngine, school: str, question: str
) -> None:
    # The approval the page was set up with does not lift the platform's minimum age.
    answer = engine.ask(school, question)
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause in {"Appendix A 2.5", "7.3"}
