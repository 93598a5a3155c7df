"""Staff who would put school news to parents on their own social media because it is quicker or
easier than the school's channels (email, letters, the newsletter, the office) are going round
those channels: that is the unilateral use of social media about school business the policy
rules out, not a question left open on whose authorisation it needs."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "can i put the parents evening booking link on my own facebook for my class parents? "
        "quicker than waiting for the newsletter",
        "i'm going to post the sports day date on my insta so the parents in my class see it - "
        "easier than a letter. that ok?",
        "thinking of messaging a mum on insta to remind her about her daughter's music exam, "
        "it's faster than going through the office",
    ],
)
def test_going_round_the_schools_channels_is_unilateral(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("clearwell", question)
    assert answer.verdict is Verdict.NO, answer.answer
    assert answer.citations[0].clause == "5.6"
