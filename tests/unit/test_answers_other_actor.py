"""A rule set off by what pupils or parents post ("a pupil … or parent has made … comments
about them": Knowsley 12.2) is not the case of a question whose poster is someone else, a
colleague or an unknown account; the clause on concerns about what one sees (12.1) answers it.
Going to the head or ringing HR about it is asking to report it."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "a colleague's been posting stuff on her public instagram that makes the school look "
        "awful. can i phone hr for advice?",
        "someone's made a fake facebook page pretending to be the school and it's posting "
        "rubbish. can i go to the head about it?",
        "one of my colleagues keeps sharing posts that make us look bad on twitter, ok to ring "
        "hr for advice?",
    ],
)
def test_a_concern_about_someone_elses_posts_is_taken_to_the_head_or_hr(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("knowsley", question)
    assert answer.verdict is Verdict.YES
    assert answer.citations[0].clause == "12.1"


@pytest.mark.parametrize(
    "question",
    [
        "some of my year 9s have made a meme mocking me and it's all over snapchat. can i go "
        "to the head about it?",
        "a dad keeps posting nasty comments about me in the village facebook group, can i take "
        "it to the head?",
        "a couple of parents have been slagging me off in the local facebook group, can i "
        "report it to the head?",
    ],
)
def test_pupils_or_parents_posting_about_staff_is_still_the_reporting_rule(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("knowsley", question)
    assert answer.verdict is Verdict.YES
    assert answer.citations[0].clause == "12.2"
