"""What makes a parent's post a grievance under Clearwell's pledge, where the ban reaches only
what "could be perceived to be disrespectful": an issue already raised that nothing came of, an
excess complained of ("way too much homework"), or a post hidden behind a fake account. A poll
or a running chat about such things in a group is posting them too."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict

_PLEDGE = {"10.2", "10.5"}


@pytest.mark.parametrize(
    "question",
    [
        "i emailed the head twice about the lunch queues and got nowhere. can i post about it "
        "on the village facebook page now?",
        "already raised it with her teacher and nothing has been done, is it ok to put it on "
        "my instagram?",
        "we've talked to the office about the broken gate and still no reply. can i share it "
        "on facebook?",
    ],
)
def test_an_issue_raised_without_result_is_a_grievance(engine: AnswerEngine, question: str) -> None:
    answer = engine.ask("clearwell", question, audience="parent")
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause in _PLEDGE


@pytest.mark.parametrize(
    "question",
    [
        "can i post on facebook that the school trips are far too expensive this year?",
        "is it ok to set up an anonymous instagram to comment on what the teachers do?",
        "can i put up a poll in the year 5 whatsapp group asking how many others think the "
        "new head is hopeless?",
    ],
)
def test_complaints_fake_accounts_and_polls_are_posts_about_the_community(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("clearwell", question, audience="parent")
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause in _PLEDGE


@pytest.mark.parametrize(
    "question",
    [
        "my sister told me to post about the rude receptionist on fb. would that be fine?",
        "my friend reckons name the teacher on the local facebook group, she says everyone "
        "should know. is that alright?",
        "a few dads in our whatsapp keep chatting about how useless the new deputy is. fine "
        "since it's a private group?",
    ],
)
def test_posts_urged_by_others_or_kept_going_in_a_group(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("clearwell", question, audience="parent")
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause in _PLEDGE
