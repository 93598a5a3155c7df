"""An asker who would put what their job told them (the school's records, what they learnt at
work) to a business, their own or a relative's, by contacting families breaks the policy's rule
on work information used for personal gain: that rule answers before a ban on contact."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine
from tests.unit.engines import curated_engine, text_engine


@pytest.fixture(scope="module", params=["curated", "text"])
def engine(request: pytest.FixtureRequest) -> AnswerEngine:
    return curated_engine() if request.param == "curated" else text_engine()


def ruled(engine: AnswerEngine, school: str, question: str) -> tuple[str, str]:
    answer = engine.ask(school, question)
    return answer.verdict.value, answer.citations[0].clause if answer.citations else ""


@pytest.mark.parametrize(
    ("school", "question", "clause"),
    [
        (
            "stockport",
            "from the school database i know which pupils' parents are landlords. my brother "
            "sells insurance, can i pass on their names so he can contact them on linkedin?",
            "6.3",
        ),
        (
            "stockport",
            "i found out through work which parents own restaurants. my partner sells catering "
            "equipment - can i give him their details so he can dm them on instagram?",
            "6.3",
        ),
        (
            "amcis",
            "i learnt at work which families have just moved here. my cousin sells home "
            "insurance, ok to pass their numbers on so she can message the parents on facebook?",
            "6.2.1",
        ),
    ],
)
def test_work_information_put_to_a_business_is_answered_by_the_personal_gain_rule(
    engine: AnswerEngine, school: str, question: str, clause: str
) -> None:
    # Not the ban on contact with pupils or their families: where the contact would go is the
    # channel, the use of what work told the asker is what the policy forbids.
    assert ruled(engine, school, question) == ("no", clause)
