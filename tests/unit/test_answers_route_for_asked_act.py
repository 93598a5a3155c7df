"""A broad ban on contact with pupils through personal social media stands beside a narrower
route: staff who wish "to enable pupils to keep in touch with one another" may do so only with
the school's approval, through official sites. A group set up so that pupils can keep in touch
with each other is what the route is for, so the answer turns on that approval; messaging pupils
oneself is still the contact the ban forbids."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict

ROUTES = {"stockham": "6.5", "clearwell": "6.4"}
BANS = {"stockham": {"6.2"}, "clearwell": {"6.3"}}


@pytest.mark.parametrize("school", sorted(ROUTES))
@pytest.mark.parametrize(
    "question",
    [
        "the kids in my yr 4 class want to stay in touch with each other during lockdown, can i "
        "set up a snapchat group for them?",
        "is it ok to set up a whatsapp group so my tutor group can keep in touch with one another "
        "while they're on work experience?",
        "my form want to keep in touch with each other over summer - am i allowed to make them a "
        "messenger group?",
    ],
)
def test_a_group_for_pupils_to_keep_in_touch_needs_the_schools_approval(
    engine: AnswerEngine, school: str, question: str
) -> None:
    answer = engine.ask(school, question)
    assert answer.verdict is Verdict.CONDITIONAL
    assert answer.citations[0].clause == ROUTES[school]


@pytest.mark.parametrize("school", sorted(ROUTES))
def test_messaging_pupils_oneself_is_still_banned(engine: AnswerEngine, school: str) -> None:
    answer = engine.ask(school, "can i message my year 9 pupils on snapchat about homework?")
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause in BANS[school]
