"""Parents fishing in a group for what lies behind a teacher's news, however they came by it
("heard at the gate that …", "does anybody know why?"), spread talk about a member of the
school community; and answering another parent back in anger in the group is no less
disrespectful than the post it answers. Both are what the pledge asks parents not to post."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict

PLEDGE_CLAUSES = ("10.2", "10.5")


def _check(engine: AnswerEngine, question: str) -> None:
    answer = engine.ask("clearwell", question, audience="parent")
    assert answer.verdict is Verdict.NO, answer.answer
    assert answer.citations[0].clause in PLEDGE_CLAUSES


@pytest.mark.parametrize(
    "question",
    [
        "someone said at drop off that mrs patel has been signed off for months. can i ask on "
        "the year 2 parents facebook page whether anybody knows why?",
        "heard outside the gates that the head is off because of an investigation - ok if i "
        "post in our class group asking whether anyone knows what's really going on?",
        "been told by another mum that miss cole is leaving suddenly. is it fine to ask around "
        "on the local fb page if anybody knows the real story?",
    ],
)
def test_fishing_for_the_story_behind_staff_news_is_gossip(
    engine: AnswerEngine, question: str
) -> None:
    _check(engine, question)


@pytest.mark.parametrize(
    "question",
    [
        "a dad in my son's class keeps posting sly digs about my boy in the parents whatsapp. "
        "can i reply and have it out with him there?",
        "another parent wrote something nasty about my kid on the year 6 facebook group, is it "
        "ok to comment back and put her in her place?",
        "one of the mums keeps leaving snide remarks about my family in the class chat - can i "
        "reply and give her a piece of my mind?",
    ],
)
def test_answering_back_in_anger_is_disrespect(engine: AnswerEngine, question: str) -> None:
    _check(engine, question)
