"""What went on in the school's own inspection is school information not to be shared; Ofsted
as a subject of public debate is not."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict
from portal.core.answers.lexicon import load_lexicon
from portal.core.answers.question import read_question


@pytest.mark.parametrize(
    "question",
    [
        "ofsted came in today and the inspectors grilled my head of department. ok to tweet "
        "about how it went?",
        "during the inspection the head got really upset in a meeting. can i mention it in my "
        "teacher whatsapp group?",
        "ofsted were in all week and the lead inspector told us we'd probably drop a grade. can "
        "i put that on my facebook?",
    ],
)
def test_the_schools_own_inspection_is_confidential(engine: AnswerEngine, question: str) -> None:
    answer = engine.ask("knowsley", question)
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause in {"4.7", "4.7.2"}


@pytest.mark.parametrize(
    "question",
    [
        "can i tweet my thoughts on the new ofsted report cards?",
        "i'm going to post about ofsted's new framework on edutwitter, any problem?",
        "is it ok to share an article about the ofsted framework on my facebook?",
    ],
)
def test_ofsted_as_a_subject_of_debate_is_not_school_information(question: str) -> None:
    assert "confidential_info" not in read_question(question, load_lexicon()).fired
