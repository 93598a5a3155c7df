"""What an act is done to: whom pictures show, a person or an organisation made a friend of a
site, content of a kind a rule singles out, and a duty to do something other than the asker's
act. Rules and topics on one object do not decide questions about another."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict, phrasing
from portal.core.answers.acts import depicted, governed_act, objects_clash, unmarked
from portal.core.answers.lexicon import load_lexicon
from portal.core.answers.question import read_question
from portal.core.answers.text import fold
from portal.core.answers.verdicts import rule_on
from tests.unit.engines import curated_engine, policy_engine, seed_rule

_POLICY = """---
title: Class Sites Policy
audience: staff
version: "2024-09"
effective: 2024-09-01
renewal: annual
---

## 3 Friends of class sites

### 3.1
Individuals who ask to become friends of the site must be known to the school and checked
before the site administrator lets them in.

### 3.2
Approval must be obtained from the Head Teacher to make an external organisation a 'friend' of
the site.
"""


@pytest.fixture(scope="module")
def engine() -> AnswerEngine:
    return curated_engine()


@pytest.fixture(scope="module")
def policy() -> AnswerEngine:
    return policy_engine(_POLICY, "sites")


# ---------------------------------------------------------------- whom pictures show


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("can i put the staff quiz night photos on my insta?", {"colleague"}),
        ("ok to share pics of the kids at the science fair?", {"pupil"}),
        ("is it fine to post my photos?", set()),
    ],
)
def test_what_pictures_show_is_read_beside_the_picture_word(text: str, shown: set[str]) -> None:
    assert depicted(fold(text), load_lexicon().acts) == shown


@pytest.mark.parametrize(
    ("question", "pupil_images"),
    [
        # Colleagues at a party or a meal: no pupil, nobody in school dress.
        ("can i post the staff quiz night pics on my fb and tag everyone?", False),
        ("can i put the photos of the staff table at the leavers meal on my insta?", False),
        # Pupils shown, or staff in school dress: the topic stands.
        ("can i post pics of the kids at the science fair on my fb?", True),
        ("can i put a photo of me and two colleagues in our school polos on my insta?", True),
        # Pictures whose subject is not said at all are not ruled out.
        ("got a great video from sports day, ok for my instagram story?", True),
    ],
)
def test_a_topic_on_pictures_of_pupils_needs_pictures_that_could_show_them(
    question: str, pupil_images: bool
) -> None:
    topics = read_question(question, load_lexicon()).topics
    assert ("pupil_images" in topics) is pupil_images


# ---------------------------------------------------------------- a person or an organisation


def test_an_organisation_and_a_person_are_different_objects() -> None:
    words = load_lexicon().acts
    organisation = governed_act(
        "Approval must be obtained to make an external organisation a friend of the site.", words
    )
    assert "organisation" in organisation.objects
    assert objects_clash(frozenset({"individual", "pupil"}), organisation.objects, words)
    assert not objects_clash(frozenset({"organisation"}), organisation.objects, words)
    # A question naming neither leaves the rule as it is.
    assert not objects_clash(frozenset({"pupil"}), organisation.objects, words)


@pytest.mark.parametrize(
    ("question", "deciding"),
    [
        ("a pupil's granny wants to be a friend of our class site. can i let her in?", "3.1"),
        ("the village rugby club wants to be a friend of our class site. can i let it in?", "3.2"),
    ],
)
def test_the_rule_on_who_becomes_a_friend_is_the_one_on_that_kind_of_friend(
    policy: AnswerEngine, question: str, deciding: str
) -> None:
    answer = policy.ask("newschool", question)
    assert answer.citations[0].clause == deciding


# ---------------------------------------------------------------- content of a kind


def test_a_ban_on_offensive_content_is_about_offensive_content() -> None:
    words = load_lexicon().acts
    ban = governed_act(
        "Staff must not post any content which is illegal, discriminatory or otherwise offensive.",
        words,
    )
    assert "offensive" in ban.objects
    assert unmarked(frozenset({"image"}), ban.objects, words)
    assert not unmarked(frozenset({"offensive"}), ban.objects, words)


def test_posting_results_on_the_school_account_is_not_decided_by_the_offensive_content_ban(
    engine: AnswerEngine,
) -> None:
    answer = engine.ask("knowsley", "can i post the rounders scores on the school twitter?")
    assert "offensive" not in answer.citations[0].text


def test_offensive_jokes_are_still_decided_by_the_offensive_content_rules(
    engine: AnswerEngine,
) -> None:
    answer = engine.ask("knowsley", "can i share a few racist jokes on my own twitter?")
    assert answer.verdict is Verdict.NO
    assert "offensive" in answer.citations[0].text


# ---------------------------------------------------------------- a duty on another act


def test_a_duty_to_do_something_else_does_not_expect_the_asker_s_act() -> None:
    lexicon = load_lexicon()
    duty = seed_rule("amcis", "Instead, if they receive such requests")
    # "term" is in both, but accepting a follow is not discussing requests in class.
    question = read_question(
        "a girl i taught last term wants to follow me on insta. can i accept her request?", lexicon
    )
    ruling = rule_on(duty, question, lexicon)
    assert ruling.verdict is Verdict.CONDITIONAL
    assert ruling.reason == "another act"


def test_a_ban_decides_when_the_best_rule_is_a_duty_on_another_act(engine: AnswerEngine) -> None:
    answer = engine.ask(
        "amcis",
        "a pupil i taught last term has moved schools and wants to follow me on insta. ok?",
    )
    assert answer.verdict is Verdict.NO


def test_a_duty_on_another_act_is_phrased_as_something_to_do_alongside() -> None:
    lexicon = load_lexicon()
    duty = seed_rule("amcis", "Instead, if they receive such requests")
    question = read_question(
        "a girl i taught last term wants to follow me on insta. can i accept her request?", lexicon
    )
    answer = phrasing.ruled(duty, rule_on(duty, question, lexicon))
    assert answer.startswith("It depends: the policy asks for something alongside this.")


@pytest.mark.parametrize(
    "question",
    [
        "a year 9 girl wants to follow my instagram - it's just baking pics, nothing personal. "
        "can i accept?",
        "one of my sixth formers wants to follow my youtube where i put gaming videos. any "
        "problem letting him?",
        "a pupil wants to follow my tiktok account. i only post dog videos lol, is that ok?",
    ],
)
def test_a_pupil_following_an_account_of_hobby_videos_is_a_request_not_an_image_of_them(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("amcis", question)
    assert answer.verdict is Verdict.NO
    assert "must decline" in answer.citations[0].text
