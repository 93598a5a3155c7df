"""How parents ask about passing on talk about staff: "is it alright to…" asks about their own
post however the story names the head or a teacher, passing a rumour on in a group chat spreads
it as much as posting it, and calling a teacher rude or passing on talk of a dismissal is the
disrespect the pledge rules out."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict
from tests.unit.engines import curated_engine


@pytest.fixture(scope="module")
def engine() -> AnswerEngine:
    return curated_engine()


def _check(engine: AnswerEngine, question: str) -> None:
    answer = engine.ask("clearwell", question, audience="parent")
    assert answer.verdict is Verdict.NO, answer.answer
    assert answer.citations[0].clause in ("10.2", "10.5")


@pytest.mark.parametrize(
    "question",
    [
        "There's a rumour going round that the head is leaving. Is it alright to share it on the "
        "village Facebook page?",
        "apparently the head is being pushed out - is it okay to post that on the local fb group?",
        "my friend told me the senco is useless and leaving, ok to spread that on facebook?",
    ],
)
def test_own_post_about_staff_is_asked_by_the_parent(engine: AnswerEngine, question: str) -> None:
    _check(engine, question)


@pytest.mark.parametrize(
    "question",
    [
        "someone in the class whatsapp said a teacher is leaving because of some scandal. can i "
        "pass it on in the other year group chat?",
        "can i forward the screenshot about mr jones being sacked to the year 5 parents whatsapp",
        "another mum told me the deputy got the sack. can i mention it in our class group chat?",
    ],
)
def test_passing_talk_on_is_posting_it(engine: AnswerEngine, question: str) -> None:
    _check(engine, question)


@pytest.mark.parametrize(
    "question",
    [
        "heard the deputy head is being sacked. is it okay to put that on the local fb page?",
        "my sons teacher is so rude to the kids, can i write a post about it on the village "
        "facebook group",
        "can i tweet that the maths teacher is unprofessional and biased against my daughter",
    ],
)
def test_rude_or_sacked_is_disrespect(engine: AnswerEngine, question: str) -> None:
    _check(engine, question)
