"""A parent who has posted about a school decision again and again and asks about one more post
is keeping a concern going in public: the ongoing discussion on social media the pledge asks
parents not to carry on, whatever the tone of each post."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "i've posted about the new pick-up rules twice on the village fb page already. is it ok "
        "to put up one more post about it?",
        "i keep posting about the school's decision to drop the summer fair on our community "
        "page, can i do another one tonight?",
        "already commented three times on the parents page about the new head's changes. ok to "
        "write another post about it?",
    ],
)
def test_one_more_post_on_a_running_concern(engine: AnswerEngine, question: str) -> None:
    answer = engine.ask("clearwell", question, audience="parent")
    assert answer.verdict is Verdict.NO, answer.answer
    assert answer.citations[0].clause in ("10.2", "10.5")
