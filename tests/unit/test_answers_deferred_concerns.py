"""A concern seen on a school site is passed on at once: a plan to raise it at a later meeting,
or to wait until after the weekend, keeps it to the asker until then and is a no; passing it on
now is a yes. A child seen being assaulted, or an adult met online who wants to meet a child,
is such a concern however it is told, and a plan closed by "… that alright?" asks for a ruling
as much as "can I …" does."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "on the form page a year 9 said an older guy she chats to on snapchat wants to meet up "
        "with her saturday. i'll mention it at our next team meeting, ok?",
        "a lad in year 10 commented on the class blog that a man he plays fortnite with keeps "
        "asking to meet him. going to wait till monday to tell the dsl, that fine?",
        "someone posted a clip on the school page of a year 7 getting beaten up behind the "
        "shops. I'll raise it with safeguarding after the weekend, alright?",
    ],
)
def test_passing_a_concern_on_later_is_a_no(engine: AnswerEngine, question: str) -> None:
    answer = engine.ask("stockport", question)
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause == "A.2.3"


@pytest.mark.parametrize(
    "question",
    [
        "a year 8 boy posted on the official page that a woman he met on roblox wants to meet "
        "him at the station. can i report it to the dsl straight away?",
        "video on the school facebook comments of a year 9 girl being attacked at the bus stop. "
        "ok to flag it to the dsl right now rather than wait for tomorrow?",
        "on our official revision page a year 7 said a man he met online wants to meet him. can "
        "i pass it on to the dsl immediately?",
    ],
)
def test_passing_a_concern_on_now_is_a_yes(engine: AnswerEngine, question: str) -> None:
    answer = engine.ask("stockport", question)
    assert answer.verdict is Verdict.YES
    assert answer.citations[0].clause == "A.2.3"
