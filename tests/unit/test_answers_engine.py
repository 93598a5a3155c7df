"""The answer engine on questions written for these tests, the seed schools and new texts."""

from __future__ import annotations

import importlib.util
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from portal.core.agreements import Agreement, School
from portal.core.answers import AnswerEngine, InvalidQuestion, UnknownSchool, Verdict
from portal.core.catalog import load_catalog
from portal.core.documents import agreement_from_files, parse_version
from tests.conftest import AGREEMENTS, SHARED
from tests.unit.engines import curated_engine

HELDOUT = Path(__file__).with_name("answers_heldout.yaml")


@pytest.fixture(scope="module")
def engine() -> AnswerEngine:
    return curated_engine()


def verdict(engine: AnswerEngine, school: str, question: str, audience: str = "staff") -> str:
    return engine.ask(school, question, audience).verdict.value


# ---------------------------------------------------------------- the same question, five schools


def test_scrolling_instagram_at_lunch_differs_by_school(engine: AnswerEngine) -> None:
    question = "can I have a scroll on instagram in my lunch break?"
    assert verdict(engine, "stockport", question) == "yes"  # break and lunch times excepted
    assert verdict(engine, "clearwell", question) == "no"  # nothing between 8:30 and 3:30
    assert verdict(engine, "knowsley", question) == "conditional"  # and only with no pupils about
    assert verdict(engine, "amcis", question) == "yes"  # non-contact time
    assert verdict(engine, "stockham", question) == "yes"  # a designated break


def test_naming_your_employer_on_linkedin(engine: AnswerEngine) -> None:
    question = "am I ok to say I work here on my linkedin profile?"
    assert verdict(engine, "amcis", question) == "yes"
    assert verdict(engine, "stockport", question) == "no"
    assert verdict(engine, "stockham", question) == "no"


def test_befriending_a_parent_you_only_know_from_school(engine: AnswerEngine) -> None:
    question = (
        "a mum from my class wants to be mates on facebook, we only know each other through school"
    )
    assert verdict(engine, "knowsley", question) == "no"
    assert verdict(engine, "stockport", question) == "conditional"


def test_knowsley_lets_a_family_friend_stay_in_touch_openly(engine: AnswerEngine) -> None:
    answer = engine.ask(
        "knowsley", "my godson is in my year 4 class, is it ok that we're friends on facebook?"
    )
    assert answer.verdict is Verdict.CONDITIONAL
    assert "family friend" in answer.citations[0].text


def test_an_adult_former_pupil_is_outside_the_ban(engine: AnswerEngine) -> None:
    answer = engine.ask("stockport", "a girl I taught is 20 now and wants to follow me on insta")
    assert answer.verdict is Verdict.YES
    assert "until they reach the age of 18" in answer.citations[0].text


def test_keeping_a_nephew_as_a_friend_is_about_keeping_the_contact(engine: AnswerEngine) -> None:
    answer = engine.ask(
        "stockham", "do I have to unfollow my nephew on instagram? he's in year 5 here"
    )
    assert answer.verdict is Verdict.YES


def test_a_sole_moderator_goes_against_the_two_administrator_rule(engine: AnswerEngine) -> None:
    answer = engine.ask("stockham", "could I moderate the year 3 blog on my own?")
    assert answer.verdict is Verdict.NO
    assert "at least two approved Administrators" in answer.citations[0].text


def test_approval_answers_name_who_approves(engine: AnswerEngine) -> None:
    answer = engine.ask("amcis", "who do I ask to set up an official twitter for the chess club?")
    assert answer.verdict is Verdict.CONDITIONAL
    assert answer.ask_whom == "the Head Master"
    assert "the Head Master" in answer.answer


def test_questions_outside_the_policy_are_not_covered(engine: AnswerEngine) -> None:
    answer = engine.ask("stockport", "can I bring my own kettle into the science prep room?")
    assert answer.verdict is Verdict.NOT_COVERED
    assert answer.citations == ()
    assert answer.ask_whom == "your Line Manager"
    assert "your Line Manager" in answer.answer


# ---------------------------------------------------------------- parents


def test_parents_are_answered_from_their_pledge(engine: AnswerEngine) -> None:
    answer = engine.ask(
        "clearwell", "can I rant on facebook about the new homework policy?", "parent"
    )
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].agreement == "parents-social-media-pledge"


def test_a_school_that_sets_parents_no_rules_does_not_cover_them(engine: AnswerEngine) -> None:
    answer = engine.ask("stockport", "can I share the class photo on my facebook?", "parent")
    assert answer.verdict is Verdict.NOT_COVERED
    assert answer.ask_whom == "the school office or the head teacher"


def test_a_parent_asking_about_a_teachers_conduct_gets_the_staff_rule(
    engine: AnswerEngine,
) -> None:
    answer = engine.ask(
        "amcis", "my son's PE teacher has been messaging him on snapchat, is that ok?", "parent"
    )
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].agreement == "staff-social-media"


# ---------------------------------------------------------------- errors and shape


def test_unknown_school(engine: AnswerEngine) -> None:
    with pytest.raises(UnknownSchool):
        engine.ask("hogwarts", "can I use owls?")


@pytest.mark.parametrize("question", ["", "   \n\t "])
def test_empty_questions(engine: AnswerEngine, question: str) -> None:
    with pytest.raises(InvalidQuestion):
        engine.ask("stockport", question)


def test_a_10000_character_question_is_a_clear_error(engine: AnswerEngine) -> None:
    with pytest.raises(InvalidQuestion, match="1000"):
        engine.ask("stockport", "can I " + "post " * 2000)


def test_a_question_of_exactly_the_limit_is_answered(engine: AnswerEngine) -> None:
    question = ("can I post a photo of my class on facebook? " * 40)[:1000]
    assert engine.ask("stockport", question).verdict is Verdict.NO


@pytest.mark.parametrize(
    "question",
    [
        "can I go on insta at 4:30?",
        "is 11.15 ok for a quick look at fb, or 3pm, or half 4?",
        "can I post at 7 o'clock?",
        "🙂🙂🙂",
        "?!?",
        "can I [post] (a) *photo* + $$ on ^facebook$ \\d+",
        "my pupil (age 99) added me",
        "x" * 999,
        "can I use Ünïcødé émojis 🎉 on the school's ﬁrst page?",
    ],
)
def test_odd_input_never_crashes(engine: AnswerEngine, question: str) -> None:
    for school in engine.schools:
        for audience in ("staff", "parent"):
            assert engine.ask(school, question, audience).verdict in set(Verdict)


def test_the_clock_decides_against_the_schools_own_hours(engine: AnswerEngine) -> None:
    assert (
        verdict(engine, "clearwell", "can I check instagram at 4:45pm once the kids have left?")
        == "yes"
    )
    assert verdict(engine, "clearwell", "can I check instagram at 10:30?") == "no"


def test_answers_are_deterministic(engine: AnswerEngine) -> None:
    again = AnswerEngine.from_catalog(load_catalog(Path(AGREEMENTS)))
    question = "can I post about my holiday on twitter during my free period?"
    first = engine.ask("amcis", question).to_json()
    assert all(engine.ask("amcis", question).to_json() == first for _ in range(3))
    assert again.ask("amcis", question).to_json() == first


def test_json_shape(engine: AnswerEngine) -> None:
    data = engine.ask("stockport", "can I put the school badge on my blog?").to_json()
    assert {"verdict", "answer", "citations", "matched"} <= data.keys()
    assert set(data["citations"][0]) == {
        "school",
        "agreement",
        "version",
        "clause",
        "heading",
        "text",
    }
    assert data["citations"][0]["version"] == "2024-09"
    assert any(m.startswith("topic:") for m in data["matched"])


# ---------------------------------------------------------------- texts the engine has never seen

_FRONT = """---
title: Online Conduct Policy
audience: staff
version: "{version}"
effective: {effective}
renewal: annual
---

## 3 Online conduct

### 3.1
{rule_31}

### 3.2
Staff must not accept friend requests from pupils on their personal accounts.

### 3.3
Staff can only set up a class account with the approval of the Deputy Head.
"""


def _agreement(*versions: tuple[str, str, str]) -> Agreement:
    files = [
        parse_version(_FRONT.format(version=v, effective=e, rule_31=r), f"{v}.md")
        for v, e, r in versions
    ]
    return agreement_from_files("newschool", "online-conduct", files)


def _new_engine(today: date, curation_root: Path | None = None) -> AnswerEngine:
    agreement = _agreement(
        (
            "2024-09",
            "2024-09-01",
            "Staff must not use social media at any time during the school day.",
        ),
        ("2025-09", "2025-09-01", "Staff may use social media during lunch breaks."),
    )
    school = School("newschool", "New School", contacts={"questions": "the Deputy Head"})
    return AnswerEngine(
        {"newschool": school}, [agreement], today=today, curation_root=curation_root
    )


def test_a_new_uncurated_policy_is_answered_from_its_text() -> None:
    engine = _new_engine(date(2025, 10, 1))
    assert verdict(engine, "newschool", "can I accept a follow request from a year 9?") == "no"
    answer = engine.ask("newschool", "could I start a class account on instagram?")
    assert answer.verdict is Verdict.CONDITIONAL
    assert answer.ask_whom == "the Deputy Head"


def test_the_version_in_force_is_the_one_answered_from() -> None:
    question = "can I go on twitter at lunch?"
    before = _new_engine(date(2025, 3, 1)).ask("newschool", question)
    after = _new_engine(date(2025, 10, 1)).ask("newschool", question)
    assert (before.citations[0].version, after.citations[0].version) == ("2024-09", "2025-09")
    assert (before.verdict, after.verdict) == (Verdict.NO, Verdict.YES)


def test_curation_beside_a_version_is_used_only_when_asked_for(tmp_path: Path) -> None:
    folder = tmp_path / "newschool" / "online-conduct"
    folder.mkdir(parents=True)
    (folder / "2025-09.answers.yaml").write_text(
        'clauses:\n  "3.2":\n    force: approval\n    approver: the Head\n', encoding="utf-8"
    )
    question = "can I accept a follow request from a year 9?"
    plain = _new_engine(date(2025, 10, 1)).ask("newschool", question)
    curated = _new_engine(date(2025, 10, 1), curation_root=tmp_path).ask("newschool", question)
    assert (plain.verdict, curated.verdict) == (Verdict.NO, Verdict.CONDITIONAL)
    assert curated.ask_whom == "the Head"


# ---------------------------------------------------------------- whole sets, scored like score.py


def _norm() -> Any:
    """score.py's own normalisation; the held-out set needs no shared folder, so without one the
    same rule (curly quotes straightened, whitespace folded, lower case) stands in."""
    scorer = SHARED / "evals" / "score.py"
    spec = importlib.util.spec_from_file_location("score", scorer) if scorer.is_file() else None
    if spec is None or spec.loader is None:
        straight = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
        return lambda s: re.sub(r"\s+", " ", s.translate(straight)).strip().lower()
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.norm


def _score(engine: AnswerEngine, path: Path) -> float:
    norm = _norm()
    cases = yaml.safe_load(path.read_text(encoding="utf-8"))
    passed = 0
    for case in cases:
        answer = engine.ask(case["school"], case["question"], case["audience"]).to_json()
        cited = norm(str((answer["citations"] or [{}])[0].get("text", "")))
        evidence = case["verdict"] == "not_covered" or any(
            norm(e) in cited for e in case["evidence"]
        )
        passed += answer["verdict"] == case["verdict"] and evidence
    return passed / len(cases)


def test_held_out_questions(engine: AnswerEngine) -> None:
    assert _score(engine, HELDOUT) >= 0.9


def test_public_eval(engine: AnswerEngine, shared_dir: Path) -> None:
    assert _score(engine, shared_dir / "evals" / "public.yaml") >= 0.95


def test_removing_what_must_never_stay_up_is_allowed(engine: AnswerEngine) -> None:
    question = "someone left a racist comment on our class page, can I remove it straight away?"
    assert verdict(engine, "stockham", question) == "yes"


def test_a_year_group_on_a_platform_meets_the_minimum_age_rule(engine: AnswerEngine) -> None:
    question = "my y4s would love a class tiktok for their dance routines, can i set one up?"
    assert verdict(engine, "stockham", question) == "no"
