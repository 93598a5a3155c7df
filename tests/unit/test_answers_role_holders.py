"""Asked whether someone may be "one of the admins" or "one of the moderators", the rule that says
who holders of the role must be decides, whatever the plural: not the rules on how many there
are."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "my neighbour's daughter is at college and brilliant with computers. could she be one of "
        "the moderators on our class blog?",
        "can my husband be one of the admins of the school facebook page?",
        "the pta chair wants to help - can she be one of the administrators on our official "
        "twitter?",
    ],
)
def test_one_of_the_role_holders_turns_on_who_may_hold_it(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("stockham", question)
    assert answer.verdict is Verdict.CONDITIONAL
    assert answer.citations[0].clause in {"Appendix A 3.1"}
