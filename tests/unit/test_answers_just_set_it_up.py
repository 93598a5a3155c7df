"""Asking whether one may "just set it up ourselves" asks whether the approval is needed: where
a duty on creating official sites leaves the question open, the close rule naming who approves
answers it, on the condition of that approval, however keen the asker is to skip it."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "two of us in science want an official year 11 facebook page where pupils can ask "
        "questions. can we just create it ourselves tomorrow?",
        "i want an official instagram so my form group can keep in touch with each other over "
        "the summer. can i just set it up myself?",
        "our languages team wants an official twitter for pupils to chat in french. ok to just "
        "make it ourselves this weekend?",
    ],
)
def test_setting_up_a_pupil_site_alone_turns_on_the_approval(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("stockport", question)
    assert answer.verdict is Verdict.CONDITIONAL
    assert answer.citations[0].clause in {"6.5", "A.1.3", "7.3"}
