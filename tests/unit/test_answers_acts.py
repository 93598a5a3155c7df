"""The act a question proposes and the act a rule governs: read from chat phrasing on one side
and from the policy's force words on the other, so that sibling rules are told apart."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict
from portal.core.answers.acts import governed_act
from portal.core.answers.lexicon import load_lexicon
from portal.core.answers.question import read_question
from tests.unit.engines import text_engine


@pytest.fixture(scope="module")
def engine() -> AnswerEngine:
    return text_engine()


@pytest.mark.parametrize(
    ("question", "verb", "objects", "channel"),
    [
        (
            "would it be ok to have a bit of a go at a colleague on facebook?",
            "criticise",
            {"colleague"},
            "",
        ),
        (
            "can i drop one of my tutees a quick message on whatsapp?",
            "contact",
            {"pupil"},
            "personal",
        ),
        (
            "can i pop my wedding photos up on the school instagram?",
            "post",
            {"personal_content", "image"},
            "official",
        ),
        ("is it ok to slag off the new timetable on twitter?", "criticise", set(), ""),
        ("can i follow her back on tiktok? she's in year 8", "connect", set(), ""),
    ],
)
def test_the_asker_s_act_is_read_from_everyday_phrasing(
    question: str, verb: str, objects: set[str], channel: str
) -> None:
    act = read_question(question, load_lexicon()).act
    assert verb in act.verbs
    assert objects <= act.objects
    assert act.channel == channel


def test_a_rule_governs_the_verb_phrase_after_its_force_words() -> None:
    words = load_lexicon().acts
    ban = governed_act(
        "Staff members must not have contact through any personal social medium with any "
        "pupil, unless the pupils are family members.",
        words,
    )
    assert ban.verbs == {"contact"}
    assert ban.objects == {"pupil"}
    assert ban.channel == "personal"


def test_who_the_rule_binds_is_not_what_the_act_is_done_to() -> None:
    words = load_lexicon().acts
    official = governed_act(
        "If staff members wish to communicate with pupils through social media sites, they can "
        "only do so with the approval of the school and through official school sites.",
        words,
    )
    assert official.verbs == {"contact"}
    assert "colleague" not in official.objects
    assert official.channel == "official"


def test_a_verb_of_means_gives_way_to_the_act_it_serves() -> None:
    act = governed_act(
        "You must not use social media in any way to attack, insult or defame colleagues.",
        load_lexicon().acts,
    )
    assert act.verbs == {"criticise"}
    assert "colleague" in act.objects


def test_a_passive_rule_names_what_is_acted_on_before_its_force_words() -> None:
    act = governed_act(
        "Photographs of pupils must not be posted on personal webspace.", load_lexicon().acts
    )
    assert act.verbs == {"post"}
    assert {"image", "pupil"} <= act.objects


def test_an_opening_that_sets_the_scene_names_the_act_the_duty_belongs_to() -> None:
    act = governed_act(
        "Before setting up a site, thought must be given to who it is for.", load_lexicon().acts
    )
    assert "create" in act.verbs


def test_a_duty_naming_no_known_act_in_its_first_words_governs_none() -> None:
    act = governed_act(
        "Staff should keep their passwords confidential, change them often and be careful about "
        "what is posted.",
        load_lexicon().acts,
    )
    assert act.verbs == frozenset()


def test_an_act_names_the_topic_its_words_miss() -> None:
    asked = read_question(
        "is it alright to have a bit of a go at a colleague on facebook?", load_lexicon()
    )
    assert "criticise_school" in asked.primary


@pytest.mark.parametrize("school", ["knowsley", "stockport", "amcis"])
def test_having_a_go_at_a_colleague_is_answered_by_the_ban_on_criticising(
    engine: AnswerEngine, school: str
) -> None:
    answer = engine.ask(school, "is it alright to have a bit of a go at a colleague on facebook?")
    assert answer.verdict is Verdict.NO
    assert "insult" in answer.citations[0].text
    assert "act:criticise" in answer.matched


def test_personal_news_on_the_school_account_is_answered_by_the_ban_on_personal_matters(
    engine: AnswerEngine,
) -> None:
    answer = engine.ask(
        "knowsley", "i look after the school instagram - can i share my wedding photos on it?"
    )
    assert answer.verdict is Verdict.NO
    assert "personal" in answer.quote
    assert "school social" in answer.quote


def test_a_message_on_a_messaging_app_is_personal_contact_not_an_official_channel(
    engine: AnswerEngine,
) -> None:
    # Pupils may be reached through official sites; a messaging app is the teacher's own, so
    # the ban on personal contact answers, not the permission for official sites.
    answer = engine.ask(
        "stockport", "is it ok to drop one of my year 10s a quick message on whatsapp?"
    )
    assert answer.verdict is Verdict.NO
    assert "personal social medium" in answer.quote
