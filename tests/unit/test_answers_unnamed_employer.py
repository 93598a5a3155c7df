"""Staff who would post their views on school matters "as long as I don't say where I work" are
asking about the views, not about naming their employer: what they leave out is no plan to say
it, so the answer is the rule on views about the school, not the one on identifying oneself as
an employee."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict

IDENTIFYING_ONESELF = "6.2"


@pytest.mark.parametrize(
    "question",
    [
        "the head wants to change the school day to finish at 3. can i put my opinion about it "
        "on facebook as long as i don't say where i work?",
        "ok to share my view on the staffing cuts at school on facebook as long as i don't put "
        "my employer?",
        "is it alright to tweet my views on the academy plans if i don't mention where i work?",
    ],
)
def test_views_with_the_employer_left_out(engine: AnswerEngine, question: str) -> None:
    answer = engine.ask("clearwell", question)
    assert answer.verdict is Verdict.NO, answer.answer
    assert answer.citations[0].clause != IDENTIFYING_ONESELF
