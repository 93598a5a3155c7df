"""What staff say about whose account it is and who follows a school site: a personal account
"not a school one" is personal web space, letting whoever likes follow a school site is about
the site's friends, and a parent whose case the asker is handling asks the rule on conflicts of
interest with families."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict
from tests.unit.engines import curated_engine


@pytest.fixture(scope="module")
def engine() -> AnswerEngine:
    return curated_engine()


def _check(engine: AnswerEngine, question: str, verdict: Verdict, clauses: tuple[str, ...]) -> None:
    answer = engine.ask("stockham", question)
    assert answer.verdict is verdict, answer.answer
    assert answer.citations[0].clause in clauses


@pytest.mark.parametrize(
    "question",
    [
        "it's my own twitter, not a school one - ok to say in my bio that i teach at stockham?",
        "can my private fb profile list stockham primary as my workplace? it isn't a school "
        "account, just mine",
        "thinking of adding 'ks2 teacher at stockham' to my tiktok bio, its my personal page not "
        "the school one. any issue?",
    ],
)
def test_an_account_denied_to_be_the_schools_is_personal(
    engine: AnswerEngine, question: str
) -> None:
    _check(engine, question, Verdict.NO, ("6.1",))


@pytest.mark.parametrize(
    "question",
    [
        "is it alright to allow everybody to follow our official class page, no checks, even "
        "randoms we've never met?",
        "would it be a problem to accept every follow request on the school insta, even people "
        "we don't know? mums, uncles, whoever",
        "thinking of letting anybody at all join our year 4 blog as a friend, family or not, is "
        "that ok?",
    ],
)
def test_letting_whoever_follow_a_school_site_is_about_its_friends(
    engine: AnswerEngine, question: str
) -> None:
    _check(engine, question, Verdict.NO, ("Appendix A 5.7", "Appendix A 2.6"))


@pytest.mark.parametrize(
    "question",
    [
        "i'm investigating a grievance from one of my yr4 mums and she's sent me a friend "
        "request on fb, ok to accept?",
        "a dad whose son's exclusion appeal I'm handling wants to follow me on insta. any "
        "problem with that?",
        "would it be a problem to chat on messenger with a parent while i'm assessing her "
        "daughter's ehcp application?",
    ],
)
def test_contact_with_a_family_whose_case_you_handle_is_a_conflict_of_interest(
    engine: AnswerEngine, question: str
) -> None:
    _check(engine, question, Verdict.NO, ("6.4",))
