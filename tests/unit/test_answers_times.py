"""When and where in the school day an act happens, and what that does to a ban or a permission
limited to times and places; phone use at work with no site named; questions that only look
like they are about being online (a PPA swap, being on site, a child's own account)."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine
from portal.core.answers.force import read
from portal.core.answers.lexicon import load_lexicon
from portal.core.answers.question import read_question
from tests.unit.engines import curated_engine

SCHOOLS = ("amcis", "clearwell", "knowsley", "stockham", "stockport")


@pytest.fixture(scope="module")
def engine() -> AnswerEngine:
    return curated_engine()


def ruled(engine: AnswerEngine, school: str, question: str, audience: str = "staff") -> str:
    return engine.ask(school, question, audience).verdict.value


def facts(question: str) -> frozenset[str]:
    return read_question(question, load_lexicon()).facts


# ---------------------------------------------------------------- reading the question


@pytest.mark.parametrize(
    "question",
    [
        "the last pupil has left for the day, may I go on twitter at my desk?",
        "any harm in a scroll through facebook before any of the children arrive?",
        "can I go on insta first thing, before anybody is in?",
    ],
)
def test_an_empty_building_has_no_pupils_in_it(question: str) -> None:
    assert "no_pupils" in facts(question)


def test_pupils_busy_with_a_task_of_their_own_are_in_a_lesson() -> None:
    assert "in_lessons" in facts("my group are busy with some practical work, quick look at x?")


def test_a_free_period_is_read_once() -> None:
    folded = read_question("can I message my brother during a free period?", load_lexicon()).folded
    assert folded.count("free period") == 1


def test_a_computer_kept_in_a_room_at_school_is_at_work_but_a_work_laptop_travels() -> None:
    assert "at_work" in facts("could I update a wiki page from the library pc?")
    assert "at_work" not in facts("could I update a wiki page on my work laptop?")


def test_whether_the_school_lets_staff_have_phones_is_a_fact_either_way() -> None:
    assert "devices_banned" in facts("mobiles are not allowed for staff here. fb at break ok?")
    assert "devices_allowed" in facts("the school lets us use our phones at break. fb ok?")


def test_a_rule_allowing_devices_only_where_the_school_does_names_that_condition() -> None:
    reading = read(
        "Staff may only use personal devices at school where personal devices are permitted.",
        load_lexicon().qualifiers,
    )
    assert "devices_allowed" in reading.conditions


# ---------------------------------------------------------------- bans limited in time or place


def test_a_ban_in_working_hours_except_breaks_depends_on_when_in_the_day(
    engine: AnswerEngine,
) -> None:
    # Stockport bars personal access in working hours except specified break and lunch times.
    assert ruled(
        engine, "stockport", "is it ok to go on tiktok at some point in the school day?"
    ) == ("conditional")
    assert ruled(engine, "stockport", "is it ok to go on tiktok while I'm teaching?") == "no"
    assert ruled(engine, "stockport", "is it ok to go on tiktok in my free period?") == "no"
    assert ruled(engine, "stockport", "is it ok to go on tiktok at lunch?") == "yes"


def test_a_ban_while_pupils_are_on_the_premises_is_lifted_once_they_have_all_gone(
    engine: AnswerEngine,
) -> None:
    question = "at 6pm with the last pupil gone, may I check facebook in my classroom?"
    assert ruled(engine, "clearwell", question) == "yes"


def test_a_permission_for_breaks_does_not_reach_ppa(engine: AnswerEngine) -> None:
    question = "I've got PPA and my room is empty - can I spend it on twitter?"
    assert ruled(engine, "knowsley", question) == "no"


def test_a_no_phones_school_breaks_the_condition_of_a_devices_rule(engine: AnswerEngine) -> None:
    question = (
        "phones are banned for staff at ours, but at break in the staffroom can I use mine for fb?"
    )
    answer = engine.ask("knowsley", question)
    assert answer.verdict.value == "no"
    assert "personal devices" in answer.citations[0].text


def test_a_lesson_the_asker_is_tired_in_does_not_place_their_late_night_scrolling(
    engine: AnswerEngine,
) -> None:
    question = "I'm on instagram till midnight in the evenings and yawning in lessons. my business?"
    answer = engine.ask("knowsley", question)
    assert "breaks" not in answer.citations[0].text


# ---------------------------------------------------------------- phones at work, no site named


@pytest.mark.parametrize("school", SCHOOLS)
def test_checking_a_phone_in_a_lesson_is_personal_use_at_work(
    engine: AnswerEngine, school: str
) -> None:
    assert ruled(engine, school, "may I read my texts on my mobile during a lesson?") == "no"


@pytest.mark.parametrize(
    "question",
    [
        "can I leave my car in the visitors' bay?",
        "who pays for my phone contract if I use it on duty?",
        "can I plug my phone in to charge in the staff room?",
    ],
)
@pytest.mark.parametrize("school", SCHOOLS)
def test_phones_and_duty_without_use_of_the_phone_stay_outside(
    engine: AnswerEngine, school: str, question: str
) -> None:
    assert ruled(engine, school, question) == "not_covered"


# ---------------------------------------------------------------- only looks online


@pytest.mark.parametrize("school", SCHOOLS)
def test_swapping_ppa_with_a_colleague_is_not_contact(engine: AnswerEngine, school: str) -> None:
    question = "could I swap my ppa slot with a colleague's next week?"
    assert ruled(engine, school, question) == "not_covered"


@pytest.mark.parametrize("school", SCHOOLS)
def test_being_on_site_is_not_being_on_a_website(engine: AnswerEngine, school: str) -> None:
    assert ruled(engine, school, "do I have to sign in when I'm on site at the weekend?") == (
        "not_covered"
    )


def test_a_parent_asking_whether_to_let_their_child_have_an_account_is_outside(
    engine: AnswerEngine,
) -> None:
    question = "my son is 9 and desperate for snapchat - does the school say if I should let him?"
    assert ruled(engine, "clearwell", question, "parent") == "not_covered"


def test_a_child_account_is_a_parents_question_not_a_staff_one(engine: AnswerEngine) -> None:
    question = "my son wants to get instagram and follow me. should I let him, he's in year 6 here?"
    assert ruled(engine, "clearwell", question) != "not_covered"


# ---------------------------------------------------------------- choices and attribution


def test_how_private_an_account_is_is_left_to_staff(engine: AnswerEngine) -> None:
    assert ruled(engine, "knowsley", "is it my call how public I keep my tiktok?") == "yes"


def test_speaking_for_all_the_staff_is_passing_views_off_as_the_schools(
    engine: AnswerEngine,
) -> None:
    question = "can I tweet that the teachers at our school think the new timetable is a shambles?"
    answer = engine.ask("amcis", question)
    assert answer.verdict.value == "no"
    assert "personal views as those of" in answer.citations[0].text


# ---------------------------------------------------------------- limits on how much


def test_use_without_limit_goes_beyond_a_permission_for_limited_use(engine: AnswerEngine) -> None:
    question = "I never teach, so I'm always non-contact - can I be on twitter as much as I want?"
    assert "excessive" in facts(question)
    assert ruled(engine, "amcis", question) == "no"


def test_an_ordinary_break_is_not_use_without_limit() -> None:
    assert "excessive" not in facts("ten minutes on facebook in the staff room at break ok?")


# ---------------------------------------------------------------- who is asking about whom


def test_a_parent_of_a_reception_child_is_not_a_question_of_platform_age() -> None:
    asked = read_question(
        "a nursery dad asked to follow me on insta, can I accept?", load_lexicon()
    )
    assert "minimum_age" not in asked.topics


def test_a_school_one_is_the_schools_own_group() -> None:
    assert "official" in facts("a revision group for my class on whatsapp - a school one, fine?")


# ---------------------------------------------------------------- permissions written for work


@pytest.mark.parametrize("school", SCHOOLS)
def test_an_evening_at_home_is_outside_every_rule_on_personal_use_at_work(
    engine: AnswerEngine, school: str
) -> None:
    assert ruled(engine, school, "may I scroll through instagram in the evening at home?") == "yes"
    assert ruled(engine, school, "would going on twitter at the weekend be a problem?") == "yes"


@pytest.mark.parametrize("school", SCHOOLS)
def test_duty_in_the_playground_is_working_time_with_pupils(
    engine: AnswerEngine, school: str
) -> None:
    assert ruled(engine, school, "ok to check snapchat on playground duty?") == "no"


def test_a_time_limited_ban_explains_itself_when_the_time_is_not_given(
    engine: AnswerEngine,
) -> None:
    answer = engine.ask("stockport", "can I get on facebook during the working day?")
    assert answer.verdict.value == "conditional"
    assert answer.answer.startswith("It depends on when")


def test_a_family_link_kept_in_the_open_meets_the_only_limit_on_it(engine: AnswerEngine) -> None:
    kept_open = (
        "my cousin is in year 3 here and we're friends on fb - slt are aware, nothing to hide"
    )
    assert "open_relationship" in facts(kept_open)
    assert ruled(engine, "knowsley", kept_open) == "yes"
    assert ruled(
        engine, "knowsley", "my cousin is in year 3 here and we're friends on fb. ok?"
    ) == ("conditional")


def test_staying_friends_with_colleagues_on_leaving_is_not_contact_with_pupils() -> None:
    asked = read_question(
        "once I've left in july can I keep my colleagues as friends on instagram?", load_lexicon()
    )
    assert "staff_leaving" not in asked.topics
    pupils = read_question(
        "once I've left in july can I keep my year 9 pupils as friends on instagram?",
        load_lexicon(),
    )
    assert "staff_leaving" in pupils.topics


def test_venting_about_a_day_with_a_pupil_is_about_information_on_them() -> None:
    asked = read_question(
        "rough afternoon with a year 4 boy - ok to rant about it on my facebook?", load_lexicon()
    )
    assert "confidential_info" in asked.topics


def test_a_platform_the_school_has_chosen_is_approved_and_official() -> None:
    chosen = facts("padlet is our agreed platform now - fine to leave feedback for my class there?")
    assert {"approved", "official"} <= chosen
    set_up = facts("the school has signed us up to a maths app, can I message my year 3s on it?")
    assert {"approved", "official"} <= set_up


@pytest.mark.parametrize("school", ("amcis", "stockport"))
def test_an_official_site_with_no_purpose_goes_against_the_need_for_a_strong_reason(
    engine: AnswerEngine, school: str
) -> None:
    question = "could we open an official school tiktok for the sake of it and see what happens?"
    answer = engine.ask(school, question)
    assert answer.verdict.value == "no"
    assert "strong pedagogical or business reason" in answer.citations[0].text


def test_posting_for_the_school_in_someone_elses_group_is_a_third_party_site(
    engine: AnswerEngine,
) -> None:
    question = (
        "the village residents' facebook group is asking about the new crossing. "
        "can I post a reply there on behalf of the school?"
    )
    assert "third_party" in facts(question)
    answer = engine.ask("stockham", question)
    assert answer.verdict.value == "conditional"
    assert "sites created by third parties" in answer.citations[0].text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("am i allowed to check my insta during the working day", "conditional"),
        ("is it ok to go on twitter during school hours?", "conditional"),
        ("is it alright to go on social media through the school day?", "conditional"),
        ("can i go on insta during my lesson while they do a test?", "no"),
        ("can i check fb in my free period?", "yes"),
    ],
)
def test_a_ban_on_the_schools_time_after_a_permission_for_part_of_it_keeps_that_part(
    engine: AnswerEngine, question: str, expected: str
) -> None:
    # AMCIS 6.9: "… only during non-contact hours. However, … should not be on the School's time."
    answer = engine.ask("amcis", question)
    assert (answer.verdict.value, answer.citations[0].clause) == (expected, "6.9")
