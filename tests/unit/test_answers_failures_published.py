"""Publishing which children failed a test, even on an official school site, is against their
best interests: the duty to act in children's best interests forbids it."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "on our official netball page can i post which girls flunked the fitness test?",
        "can i post on the school's official insta which of my students didn't pass the driving "
        "theory test?",
        "is it fine to put a list of the kids who failed their grade 3 violin on the department's "
        "official facebook page?",
    ],
)
def test_publishing_pupils_failures_is_against_their_interests(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("amcis", question)
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause == "7.4"
