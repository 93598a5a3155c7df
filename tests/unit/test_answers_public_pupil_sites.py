"""A site pupils post on must have the strongest privacy settings: opening it to the public, or to
anyone without a login, goes against that duty. Making an existing site public is a setting, not
the creation of a new one."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "can we make our class blog public so anyone can read the kids' writing?",
        "the children post their poems on our class site - can i make it public so people can "
        "find it without a login?",
        "the pupils post on our school blog. can i switch it to public so relatives don't need a "
        "login?",
    ],
)
def test_opening_a_pupils_site_to_the_public_is_refused(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("stockham", question)
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause in {"Appendix A 5.2"}
