"""An approval route, a condition or a duty settles only the act it is written for. "Staff must
not X, and may only Y with approval": a question about X meets the ban. An approval for using
the school's account says nothing of posting one's own family's news there, which a close ban
on personal matters decides; no approval makes right a site set up for no reason where the
policy wants a strong one; and a duty the question leaves open gives way to a close ban on the
very act proposed."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict
from portal.core.answers.force import banned_parts
from portal.core.answers.lexicon import load_lexicon
from portal.core.answers.question import read_question
from portal.core.answers.ranking import Scored
from tests.unit.engines import curated_engine, policy_engine, seed_rule

_POLICY = """---
title: Online Conduct Policy
audience: staff
version: "2024-09"
effective: 2024-09-01
renewal: annual
---

## 5 Communicating with pupils

### 5.1
Staff must not message pupils through personal social media accounts, and may only set up class
discussion groups with the approval of the head teacher.

### 5.2
Staff must not share pupils' work on personal blogs; they can publish it on the school website
only with permission from the head teacher.
"""


@pytest.fixture(scope="module")
def mixed() -> AnswerEngine:
    return policy_engine(_POLICY, "staff-online-conduct")


def test_a_ban_and_an_approval_in_one_sentence_are_told_apart() -> None:
    sentence = (
        "Staff must not message pupils directly, and may only set up class groups with the "
        "approval of the head teacher."
    )
    assert banned_parts(sentence) == ("staff must not message pupils directly",)


def test_a_sentence_that_bans_one_act_with_its_own_approval_has_no_separate_ban() -> None:
    sentence = "Staff members must not communicate with the media without the approval of the Head."
    assert banned_parts(sentence) == ()


def test_the_act_the_ban_names_is_forbidden_beside_an_approval_route(mixed: AnswerEngine) -> None:
    answer = mixed.ask("newschool", "can I message a pupil on my personal instagram?")
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause == "5.1"


def test_the_act_the_approval_names_is_conditional(mixed: AnswerEngine) -> None:
    answer = mixed.ask(
        "newschool", "can I set up a class discussion group on instagram for my year 9s?"
    )
    assert answer.verdict is Verdict.CONDITIONAL
    assert answer.citations[0].clause == "5.1"


def test_a_permission_within_limits_beside_a_ban_in_one_sentence(mixed: AnswerEngine) -> None:
    banned = mixed.ask("newschool", "can I share my pupils' work on my personal blog?")
    opened = mixed.ask("newschool", "can I publish pupils' work on the school website?")
    assert (banned.verdict, banned.citations[0].clause) == (Verdict.NO, "5.2")
    assert (opened.verdict, opened.citations[0].clause) == (Verdict.CONDITIONAL, "5.2")


@pytest.mark.parametrize(
    "question",
    [
        "could I share the link to my daughter's netball club fundraiser on the school's facebook?",
        "could I share my son's scout troop appeal on the school's instagram page?",
    ],
)
def test_family_matters_on_the_school_account_meet_the_ban_not_the_approval(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("knowsley", question)
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause == "5.4"


def test_school_news_on_the_school_account_still_needs_permission(engine: AnswerEngine) -> None:
    answer = engine.ask(
        "knowsley", "could I share the link to the PTA fundraiser on the school's facebook?"
    )
    assert answer.verdict is Verdict.CONDITIONAL
    assert answer.citations[0].clause == "5.1"


@pytest.mark.parametrize(
    "question",
    [
        "could i start an official school insta just for a laugh, posting memes?",
        "can i set up an official school tiktok account for fun?",
    ],
)
def test_no_approval_makes_right_a_site_set_up_for_no_reason(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("stockham", question)
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause == "7.2"


def test_a_site_with_a_purpose_still_goes_through_approval(engine: AnswerEngine) -> None:
    answer = engine.ask(
        "stockham", "can I create an official school instagram account for our music department?"
    )
    assert answer.verdict is Verdict.CONDITIONAL


def test_an_open_duty_gives_way_to_a_close_ban_on_the_act_proposed() -> None:
    engine = curated_engine()
    lexicon = load_lexicon()
    duty = seed_rule("knowsley", "Staff must make sure that their personal social media")
    ban = seed_rule("knowsley", "Staff must not use personal social media with anyone")
    asked = read_question("one of the mums asked to add me on facebook, ok?", lexicon)
    ranked = [
        Scored(duty, 9.0, ("parent_contact",), ()),
        Scored(ban, 6.0, ("parent_contact",), ()),
    ]
    best, ruling = engine._decide(ranked, asked)
    assert (best.rule.clause.ref, ruling.verdict) == ("8.4", Verdict.NO)


def test_an_open_duty_stands_when_the_ban_is_on_something_else() -> None:
    engine = curated_engine()
    lexicon = load_lexicon()
    duty = seed_rule("knowsley", "Staff must make sure that their personal social media")
    ban = seed_rule("knowsley", "Staff must not use school social media for any personal")
    asked = read_question("a colleague asked to add me on facebook, ok?", lexicon)
    ranked = [
        Scored(duty, 9.0, ("colleague_contact",), ()),
        Scored(ban, 6.0, ("colleague_contact",), ()),
    ]
    best, ruling = engine._decide(ranked, asked)
    assert (best.rule.clause.ref, ruling.verdict) == ("8.5", Verdict.CONDITIONAL)
