"""When one rule forbids outright what another forbids only "if … likely to", only in hours the
question leaves open, or allows only within limits it leaves open: the outright ban
decides. The account a messaging app stands for, read against a permission for official sites
only. Clauses and questions whose wording used to put them on the wrong topic: social media use
"when working with pupils", criticism of a school's policy, a uniform that shows nobody."""

from __future__ import annotations

from datetime import date

import pytest

from portal.core.agreements import School
from portal.core.answers import AnswerEngine, Verdict
from portal.core.answers.lexicon import load_lexicon
from portal.core.answers.question import read_question, school_names
from portal.core.answers.verdicts import rule_on
from portal.core.documents import agreement_from_files, parse_version
from tests.unit.engines import curated_engine, policy_engine, seed_rule

_POLICY = """---
title: Online Conduct Policy
audience: staff
version: "2024-09"
effective: 2024-09-01
renewal: annual
---

## 4 Personal use at work

### 4.1
Personal use of social media should not be on the school's time.

## 5 Contact with pupils and families

### 5.1
Staff members must not have contact through any personal social medium with any pupil.

### 5.2
Staff members must not have any contact with pupils' family members through personal social
media if that contact is likely to constitute a conflict of interest.

### 5.3
Information about pupils that staff members have access to as part of their employment must not
be discussed on their personal web space.
"""


@pytest.fixture(scope="module")
def engine() -> AnswerEngine:
    return curated_engine()


@pytest.fixture(scope="module")
def policy() -> AnswerEngine:
    return policy_engine(_POLICY, "conduct")


# ---------------------------------------------------------------- hedged and outright bans


@pytest.mark.parametrize(
    ("question", "verdict", "deciding"),
    [
        # 5.2 forbids contact with a parent only if it is likely to be a conflict of interest;
        # 5.3 forbids discussing their child on a personal account whatever the contact.
        (
            "a dad messaged me on facebook asking about his son's grades. can i reply there?",
            "no",
            "5.3",
        ),
        ("a mum i know from the gym wants to follow me on instagram. ok?", "conditional", "5.2"),
        # 4.1 forbids personal use only in working time, which the question leaves open; 5.1
        # forbids contact with pupils at any time.
        ("can i message my pupils on whatsapp from my own phone?", "no", "5.1"),
    ],
)
def test_a_ban_left_open_gives_way_to_one_that_forbids_the_act_whatever_the_opening(
    policy: AnswerEngine, question: str, verdict: str, deciding: str
) -> None:
    answer = policy.ask("newschool", question)
    assert answer.verdict.value == verdict
    assert answer.citations[0].clause == deciding


@pytest.mark.parametrize(
    ("school", "question", "deciding"),
    [
        # "must not have any contact with pupils' family members … if that contact is likely to
        # constitute a conflict of interest" beside "information … about pupils … must not be
        # discussed on their personal web space".
        (
            "amcis",
            "a dad sent me a facebook message asking about his daughter's exclusion. "
            "ok to answer him on there?",
            "6.4",
        ),
        (
            "stockham",
            "one of the dads messaged me on facebook about his son's behaviour report, "
            "can i answer him there?",
            "6.8",
        ),
    ],
)
def test_a_hedged_ban_gives_way_to_an_outright_ban_on_what_the_asker_raises(
    engine: AnswerEngine, school: str, question: str, deciding: str
) -> None:
    answer = engine.ask(school, question)
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause == deciding


def test_the_hedge_decides_when_nothing_forbids_the_act_outright(engine: AnswerEngine) -> None:
    answer = engine.ask("stockham", "a mum from my yoga class wants to follow me on instagram. ok?")
    assert answer.verdict is Verdict.CONDITIONAL
    assert "conflict of interest" in answer.citations[0].text


def test_a_ban_the_asker_breaks_decides_over_a_hedge_on_contact(engine: AnswerEngine) -> None:
    # "Staff members can only use official school website for communicating with … parents"
    # is broken by a WhatsApp group, whatever the hedge on contact with families says.
    answer = engine.ask(
        "clearwell",
        "the parents want me to set up a class whatsapp so i can send them updates. ok?",
    )
    assert answer.verdict is Verdict.NO


# ---------------------------------------------------------------- the account an app stands for


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        ("can i send the class parents reminders on whatsapp?", Verdict.NO),
        ("can i text the parents about the trip from my phone?", Verdict.NO),
        ("can i send the class parents reminders on the school website?", Verdict.YES),
    ],
)
def test_a_messaging_app_is_a_personal_account_to_a_permission_for_official_sites_only(
    question: str, verdict: Verdict
) -> None:
    lexicon = load_lexicon()
    only_official = seed_rule("clearwell", "Staff members can only use official school website")
    assert rule_on(only_official, read_question(question, lexicon), lexicon).verdict is verdict


# ---------------------------------------------------------------- topics from wording


def test_social_media_use_when_working_with_pupils_is_communicating_with_them() -> None:
    sanctioned = seed_rule("knowsley", "Staff must ensure that all social media use when working")
    assert "communicate_pupils" in sanctioned.topics


@pytest.mark.parametrize(
    "question",
    [
        "can my year 9s comment on each other's essays on a class padlet?",
        "thinking of a group where my y6 class can post and comment on each other's poems. ok?",
    ],
)
def test_pupils_sharing_work_online_needs_the_school_to_sanction_it(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("knowsley", question)
    assert answer.verdict is Verdict.CONDITIONAL
    assert "sanctioned by the school" in answer.citations[0].text


def test_a_pupil_in_my_class_on_an_app_is_not_the_class_s_own_account() -> None:
    asked = read_question(
        "can I accept a request from a boy in my class on tiktok?", load_lexicon()
    )
    assert "communicate_pupils" not in asked.topics


@pytest.mark.parametrize(
    "question",
    [
        "the new homework policy is ridiculous, can I say so on twitter?",
        "the head's decision on sports day is pointless. ok to post that on my facebook?",
    ],
)
def test_running_down_a_school_policy_or_decision_is_criticising_the_school(
    engine: AnswerEngine, question: str
) -> None:
    assert "criticise_school" in read_question(question, load_lexicon()).topics
    answer = engine.ask("knowsley", question)
    assert answer.verdict is Verdict.NO
    assert "criticise or insult" in answer.citations[0].text


@pytest.mark.parametrize(
    ("question", "critical"),
    [
        ("is it wrong to post the new homework policy on the school website?", False),
        ("is it a bad idea to share the school's phone policy on facebook?", False),
        ("a colleague is off sick, can i post on fb saying what's wrong with her?", False),
        ("can i post that the head got it wrong about the trip?", True),
    ],
)
def test_the_asker_s_own_doubt_is_not_a_judgement_of_the_school(
    question: str, critical: bool
) -> None:
    assert ("criticise_school" in read_question(question, load_lexicon()).topics) is critical


def test_posting_a_policy_is_not_criticising_it() -> None:
    asked = read_question("can i post the new behaviour policy on the class page?", load_lexicon())
    assert "criticise_school" not in asked.topics


@pytest.mark.parametrize(
    ("question", "pictured"),
    [
        ("can I give my view on the new uniform supplier in the village facebook group?", False),
        ("can i post my opinion on facebook about problems with the new uniform?", False),
        ("can i post a tiktok of me in my school blazer?", True),
        ("is a selfie wearing my uniform ok for instagram?", True),
    ],
)
def test_a_uniform_is_a_picture_of_someone_only_when_someone_wears_it(
    question: str, pictured: bool
) -> None:
    assert ("pupil_images" in read_question(question, load_lexicon()).topics) is pictured


def test_boarders_are_pupils() -> None:
    asked = read_question(
        "one of the boarders wants me to follow her back on tiktok", load_lexicon()
    )
    assert "pupil" in asked.act.objects


@pytest.mark.parametrize(
    ("school", "question"),
    [
        ("stockham", "someone we don't know wants to join our class page. can I add them?"),
        (
            "clearwell",
            "when our school instagram is up can we approve everybody who asks to follow?",
        ),
    ],
)
def test_letting_in_strangers_or_everyone_breaks_the_rule_on_who_may_be_a_friend_of_a_site(
    engine: AnswerEngine, school: str, question: str
) -> None:
    assert "site_outsiders" in read_question(question, load_lexicon()).topics
    answer = engine.ask(school, question)
    assert answer.verdict is Verdict.NO
    assert "external organisation" not in answer.citations[0].text


@pytest.mark.parametrize(
    ("question", "absent", "present"),
    [
        (
            "i'm a lunchtime supervisor. can a parent follow me on insta?",
            {"break", "in_lessons"},
            set(),
        ),
        ("cover supervisor here, can i accept a mum's friend request?", {"in_lessons"}, set()),
        ("can i check facebook while supervising the class at lunch?", set(), {"in_lessons"}),
        ("quick look at instagram in my lunch break?", set(), {"break"}),
    ],
)
def test_a_job_title_is_not_a_time_of_day(
    question: str, absent: set[str], present: set[str]
) -> None:
    found = read_question(question, load_lexicon()).facts
    assert not found & absent
    assert present <= found


@pytest.mark.parametrize(
    ("school", "question"),
    [
        (
            "stockham",
            "the village cricket club asked to be added as a 'friend' of our school page. ok?",
        ),
        ("clearwell", "could the museum be added as a friend of our school facebook page?"),
    ],
)
def test_an_organisation_as_a_friend_of_a_school_site_needs_approval(
    engine: AnswerEngine, school: str, question: str
) -> None:
    assert "site_friends" in read_question(question, load_lexicon()).topics
    answer = engine.ask(school, question)
    assert answer.verdict is Verdict.CONDITIONAL
    assert "external organisation" in answer.citations[0].text


@pytest.mark.parametrize(
    "question",
    [
        "can i add my book club friends on facebook?",
        "who do I ask before setting up a facebook group for the school's eco club?",
    ],
)
def test_a_club_is_not_asking_to_befriend_a_school_site(question: str) -> None:
    assert "site_friends" not in read_question(question, load_lexicon()).topics


@pytest.mark.parametrize(
    ("question", "about_age"),
    [
        ("one of my year 3s found me on instagram and sent a follow request. can i accept?", False),
        ("can i set up a tiktok for my year 6 class? they're 10 and 11", True),
    ],
)
def test_a_young_pupil_asking_to_connect_is_contact_not_a_platform_s_age_limit(
    engine: AnswerEngine, question: str, about_age: bool
) -> None:
    assert ("minimum_age" in read_question(question, load_lexicon()).topics) is about_age
    assert engine.ask("stockham", question).verdict is Verdict.NO


def test_being_tagged_at_the_school_by_its_quoted_name_says_where_one_works() -> None:
    question = "a friend tagged me at 'Stockham School' in her quiz night photos. ok to leave it?"
    names = school_names("Stockham School", "stockham")
    asked = read_question(question, load_lexicon(), school_names=names)
    assert "identify_employer" in asked.topics


_SITES_POLICY = """---
title: Online Conduct Policy
audience: staff
version: "2024-09"
effective: 2024-09-01
renewal: annual
---

## 7 Official sites

### 7.1
Official school sites must be created only according to the requirements in the appendix.

### 7.2
Sites created must not breach the terms and conditions of social media service providers,
particularly with regard to minimum age requirements.
"""


@pytest.mark.parametrize(
    ("question", "verdict", "deciding"),
    [
        (
            "my year 4s are 8 and 9. can i create an official class page for them on a site "
            "that says users must be 13?",
            "no",
            "7.2",
        ),
        ("can i set up an official page for our school choir?", "conditional", "7.1"),
    ],
)
def test_a_permission_within_open_limits_gives_way_to_a_ban_on_what_else_the_asker_raises(
    question: str, verdict: str, deciding: str
) -> None:
    version = parse_version(_SITES_POLICY, "2024-09.md")
    agreement = agreement_from_files("newschool", "conduct", [version])
    engine = AnswerEngine(
        {"newschool": School("newschool", "New School")}, [agreement], today=date(2025, 1, 10)
    )
    answer = engine.ask("newschool", question)
    assert answer.verdict.value == verdict
    assert answer.citations[0].clause == deciding


def test_being_like_a_second_mum_to_a_pupil_is_not_being_a_parent(engine: AnswerEngine) -> None:
    question = (
        "a homesick tutee sent me a follow request on insta. i'm like a second mum to her. ok?"
    )
    assert "parent_contact" not in read_question(question, load_lexicon()).topics
    assert engine.ask("amcis", question).verdict is Verdict.NO
