"""An asker who says they keep their employer off their profile ("I don't say where I work on
there") is not asking about naming the school: what decides is the post they mean to share."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "i never say where i work on insta - so is it ok to share a sexist meme on there?",
        "mates sent me a racist meme, can i repost it? my fb doesnt say where i work",
        "my twitter never says where i work - can i retweet a homophobic meme?",
    ],
)
def test_an_unnamed_employer_leaves_the_post_to_decide(engine: AnswerEngine, question: str) -> None:
    answer = engine.ask("amcis", question)
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause == "5.2"
