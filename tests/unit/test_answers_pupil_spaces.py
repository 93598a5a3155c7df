"""A space set up for pupils to post on is social media used with pupils, answered from the
clause on that (Knowsley 6.1: sanctioned by the school) rather than from the clause standing in
for official accounts; "can I just set it up myself?" asks for that permission, it does not
plan to go round it."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "thinking of making a tiktok for my year 9 drama group so they can upload their "
        "performances. is that allowed?",
        "want a facebook page for my year 11 history set so they can comment on each others essays",
        "could i start an instagram account for my reading club where the kids share book reviews?",
    ],
)
def test_a_space_for_pupils_to_post_on_needs_the_schools_sanction(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("knowsley", question)
    assert answer.verdict is Verdict.CONDITIONAL
    assert answer.citations[0].clause == "6.1"


@pytest.mark.parametrize(
    "question",
    [
        "my year 10s want a snapchat group for revision. can i just set one up for them myself?",
        "can i just crack on and make a discord server for my coding club where the students "
        "can post their projects?",
        "my form keep begging for a group chat on whatsapp for reminders, could i just make one "
        "for them myself?",
    ],
)
def test_asking_to_just_set_it_up_oneself_is_still_asking(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("knowsley", question)
    assert answer.verdict is Verdict.CONDITIONAL
    assert answer.citations[0].clause == "6.1"
