"""Saying the asker worked somewhere with someone ("we taught together here") names their
workplace, so the rule on identifying one's employer decides: LinkedIn excepted."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "can i endorse my old head of dept on linkedin and mention we taught together at the "
        "school?",
        "my TA is job hunting, ok to write on linkedin that we worked alongside each other here?",
        "is it fine to leave a linkedin reference for a colleague saying i work here too?",
    ],
)
def test_naming_the_workplace_on_linkedin_is_allowed(engine: AnswerEngine, question: str) -> None:
    answer = engine.ask("amcis", question)
    assert answer.verdict is Verdict.YES
    assert answer.citations[0].clause == "6.1"


@pytest.mark.parametrize(
    "question",
    [
        "can i put on facebook that we worked together here for ten years, for her leaving do?",
        "ok to say on my instagram that i work with her at our school, for her birthday post?",
        "can i tweet that we both teach at this school and love it?",
    ],
)
def test_naming_the_workplace_elsewhere_is_advised_against(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("amcis", question)
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause == "6.1"
