"""Someone else's act is not the asker's: what a parent or pupil does or may do in a question is
the situation asked about, and the asker's own act is only what they propose to do in it."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict
from portal.core.answers.acts import others_verbs
from portal.core.answers.lexicon import load_lexicon
from portal.core.answers.question import read_question
from portal.core.answers.ranking import rank
from portal.core.answers.text import fold
from tests.unit.engines import text_engine


@pytest.fixture(scope="module")
def engine() -> AnswerEngine:
    return text_engine()


def test_a_parents_comment_is_not_the_askers_opinion() -> None:
    lexicon = load_lexicon()
    asked = read_question(
        "who do i speak to about whether parents can comment on our posts?", lexicon
    )
    assert "opine" not in asked.act.verbs
    assert "personal_views" not in asked.topics


def test_what_others_do_is_read_from_a_listed_party() -> None:
    words = load_lexicon().acts
    rule = (
        "The proposed audience and level of interactive engagement with the site, for example "
        "whether pupils, school staff or members of the public will be able to contribute "
        "content to the site, must be discussed with the school's Head Teacher."
    )
    assert others_verbs(fold(rule), words) == {"post"}


def test_a_party_asked_to_do_something_is_bound_not_acting() -> None:
    words = load_lexicon().acts
    assert not others_verbs("parents are asked to agree to approach staff personally", words)


@pytest.mark.parametrize("school", ["clearwell", "stockport"])
def test_who_decides_whether_parents_may_comment_is_the_audience_clause(
    engine: AnswerEngine, school: str
) -> None:
    answer = engine.ask(
        school,
        "the governors approved a school instagram. who do i speak to about whether parents "
        "can comment on our posts?",
    )
    assert answer.verdict is Verdict.CONDITIONAL
    assert answer.citations[0].clause == "A.1.3"


def test_a_rule_set_off_by_a_parents_comments_does_not_rank_above_the_ban_on_the_askers_act(
    engine: AnswerEngine,
) -> None:
    """Knowsley 12.2 says what to do when a parent has made insulting comments; commenting back
    at the parent is ruled on by the ban on criticising parents (4.5)."""
    question = (
        "theres a dad who's been a nightmare all term. could I leave a few pointed comments "
        "under his public fb posts so he gets the hint?"
    )
    book = engine._books["knowsley"]
    asked = read_question(question, engine.lexicon, school_names=book.names)
    lexical = engine._lexical(book, book.staff, asked)
    ranked = [s.rule.clause.number for s in rank(book.staff.rules, asked, lexical, engine.lexicon)]
    assert ranked.index("4.5") < ranked.index("12.2")
    answer = engine.ask("knowsley", question)
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause in {"4.5", "4.6"}


def test_reporting_a_parents_threatening_comments_is_still_answered(engine: AnswerEngine) -> None:
    answer = engine.ask(
        "knowsley",
        "a parent has made threatening comments about me on facebook. can I report it to the "
        "head teacher?",
    )
    assert answer.verdict is Verdict.YES


def test_whether_another_parent_may_go_on_posting_is_the_rule_written_of_parents(
    engine: AnswerEngine,
) -> None:
    """Clearwell's pledge says the same twice: "we ask parents to agree not to post …" (10.2) and,
    in the signer's voice, "I will not discuss …" (10.5). Asked of another parent, the rule
    written of parents speaks of them."""
    answer = engine.ask(
        "clearwell",
        "a dad from our class keeps posting gossip about the teachers on facebook. is he allowed "
        "to carry on?",
        "parent",
    )
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause == "10.2"


def test_a_party_from_somewhere_is_still_the_one_acting() -> None:
    words = load_lexicon().acts
    assert others_verbs("another mum in our class keeps posting digs about the head", words) == {
        "post"
    }
