"""A rule governs the act it leads with; an act it names only as what that one is for is not
its act. "There must be a strong reason for creating official sites to communicate with pupils"
governs creating sites, so a question about answering pupils on an approved official page is
answered by the rule on communicating with pupils ("only … using official School sites")."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict
from portal.core.answers.acts import governed_act
from portal.core.answers.lexicon import load_lexicon


@pytest.mark.parametrize(
    "question",
    [
        "our department runs an official school instagram that the head master signed off. can "
        "i reply to pupils' questions about matches in the comments?",
        "the head master approved our official school netball page. is it ok for me to answer "
        "pupils' questions about training times in the comments on it?",
        "there's an official school chess club facebook page, approved by the head master. may "
        "i answer the pupils' questions about tournaments on it?",
    ],
)
def test_answering_pupils_on_an_approved_page_cites_the_rule_on_communicating(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("amcis", question)
    assert answer.verdict is Verdict.YES
    assert answer.citations[0].clause == "7.1"


def test_an_act_named_as_a_purpose_is_not_the_act_that_leads() -> None:
    words = load_lexicon().acts
    act = governed_act(
        "There must be a strong business reason for creating official sites to communicate "
        "with pupils.",
        words,
    )
    assert act.verbs == {"create", "contact"}
    assert act.ends == {"contact"}
    # A verb of means gives way to the act it serves: that act leads.
    served = governed_act("You must not use social media to attack or insult colleagues.", words)
    assert served.verbs == {"criticise"}
    assert not served.ends
