"""Something another body or person made ("a video the RSPB made", "a poem a local author wrote")
shared on a school site is citing their work: their permission is the route, not the general
approval of content."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict


@pytest.mark.parametrize(
    "question",
    [
        "can i share a video the rspb made about garden birds on our class page?",
        "found a worksheet the local museum produced about the romans - can i post it on the "
        "school blog?",
        "a poem that a local author wrote is perfect for our topic, can i put it on our official "
        "class site?",
    ],
)
def test_sharing_what_someone_else_made_needs_their_permission(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("stockham", question)
    assert answer.verdict is Verdict.CONDITIONAL
    assert answer.citations[0].clause in {"Appendix A 4.6"}
