"""An adult reaching a pupil online and asking for pictures, their address or a meeting is a
safeguarding disclosure however it is told; asked "do I pass it on?" the asker's plan is ruled
on like "can I", yes when it passes the concern on and no when it keeps it to themselves."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict

# Knowsley's clauses on passing a concern on: report through child protection procedures
# (4.1.2), follow safeguarding procedures (4.1.1), contact the named safeguarding contact (12.1).
_ROUTES = {"4.1", "4.1.1", "4.1.2", "12.1"}


@pytest.mark.parametrize(
    "question",
    [
        "some random account keeps dm'ing one of my year 8 girls asking her for selfies. do i "
        "take it to the dsl?",
        "a girl in my form group is being messaged by a stranger on snapchat who keeps asking "
        "her where she lives. should i report it to the dsl straight away?",
        "an older guy has been adding loads of our year 9 boys and asking them for their home "
        "address. do i pass it on to the dsl?",
    ],
)
def test_passing_on_an_adult_asking_a_pupil_for_pictures_or_address(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("knowsley", question)
    assert answer.verdict is Verdict.YES
    assert answer.citations[0].clause in _ROUTES


@pytest.mark.parametrize(
    "question",
    [
        "there's an adult on roblox chatting to one of our year 5 boys and asking him for "
        "photos. can i keep an eye on it for now?",
        "some bloke keeps messaging a lad in my class asking him to meet up. do i just ignore it?",
        "a year 10 is being contacted by a grown man asking her to send pics. should i keep it "
        "quiet for now?",
    ],
)
def test_keeping_such_a_concern_to_oneself_is_not_allowed(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("knowsley", question)
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause in _ROUTES
