"""The parents' pledge binds what parents say about the school community. A parent who filmed
or photographed a school event and asks whether to post it, with nothing critical to say, is
asking about pictures the pledge does not name, even when the ask itself says only "it": the
school settles that elsewhere."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "i filmed the nativity on my phone and my son's whole class is in it. am i ok to upload "
        "it to my facebook?",
        "got some lovely photos from the year 3 sponsored walk, loads of the other children are "
        "in them too - can i share them on instagram?",
        "took a video of the school football final, my lad scored and his teammates are all in "
        "it. is it alright to post it on my fb?",
    ],
)
def test_posting_event_pictures_is_beside_the_pledge(engine: AnswerEngine, question: str) -> None:
    answer = engine.ask("clearwell", question, audience="parent")
    assert answer.verdict is Verdict.NOT_COVERED, answer.answer
