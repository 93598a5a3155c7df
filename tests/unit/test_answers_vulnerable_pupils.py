"""A site for children the school supports in confidence (young carers, looked-after or bereaved
children) raises the policy's warning on vulnerable young people: careful thought, and advice
from the head if in doubt, before the general route for pupils' sites. Young carers are pupils,
not parents."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "is it ok to set up a closed facebook group for our looked after children so they can "
        "talk to each other?",
        "thinking of a padlet just for the young carers in year 5 and 6 to share how they're "
        "doing. allowed?",
        "could i make an online forum for our bereaved children to support one another?",
    ],
)
def test_a_site_for_vulnerable_pupils_needs_careful_thought(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("stockham", question)
    assert answer.verdict is Verdict.CONDITIONAL
    assert answer.citations[0].clause in {"Appendix A 2.7"}
