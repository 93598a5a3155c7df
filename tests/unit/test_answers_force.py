"""Reading the force of real clauses from each of the five seed policies."""

from __future__ import annotations

from pathlib import Path

import pytest

from portal.core.agreements import Clause
from portal.core.answers.force import Force, Reading, read
from portal.core.answers.lexicon import load_lexicon
from portal.core.answers.rules import Rule, rules_of
from portal.core.answers.text import sentences
from portal.core.catalog import Catalog, load_catalog
from tests.conftest import AGREEMENTS


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(Path(AGREEMENTS))


def clause(
    catalog: Catalog, school: str, ref: str, agreement: str = "staff-social-media"
) -> Clause:
    found = catalog.agreement(school, agreement)
    assert found is not None
    c = found.versions[-1].clause(ref)
    assert c is not None, f"{school} {ref}"
    return c


def reading(catalog: Catalog, school: str, ref: str, starts: str, **kw: str) -> Reading:
    """The reading of the sentence of a clause that starts with `starts`."""
    text = clause(catalog, school, ref, **kw).text
    sentence = next(s for s in sentences(text) if s.startswith(starts))
    return read(sentence, load_lexicon().qualifiers)


def rule(catalog: Catalog, school: str, ref: str, starts: str) -> Rule:
    agreement = catalog.agreement(school, "staff-social-media")
    assert agreement is not None
    rules = rules_of(agreement, agreement.versions[-1], load_lexicon())
    return next(r for r in rules if r.clause.ref == ref and r.sentence.startswith(starts))


# ---------------------------------------------------------------- Stockport


def test_must_not_unless_family_is_a_prohibition_family_lifts(catalog: Catalog) -> None:
    r = reading(catalog, "stockport", "6.2", "Staff members must not have contact")
    assert r.force is Force.PROHIBIT
    assert r.exceptions == {"family"}
    assert "other_school" in r.scope


def test_ex_student_ban_lasts_until_18(catalog: Catalog) -> None:
    r = reading(catalog, "stockport", "6.2", "Staff may not be friends")
    assert r.force is Force.PROHIBIT
    assert r.exceptions == {"adult"}


def test_not_allowed_with_the_exception_of_break_and_lunch(catalog: Catalog) -> None:
    r = reading(catalog, "stockport", "6.13", "Access to social media sites")
    assert r.force is Force.PROHIBIT
    assert r.exceptions == {"break"}
    assert r.scope == {"school_hours"}


def test_can_only_with_the_approval_of_the_school(catalog: Catalog) -> None:
    r = reading(catalog, "stockport", "6.5", "If staff members wish")
    assert r.force is Force.APPROVAL
    assert r.approver == "the school"


def test_images_on_personal_webspace_are_banned_there(catalog: Catalog) -> None:
    r = reading(catalog, "stockport", "6.9", "Images of pupils")
    assert r.force is Force.PROHIBIT
    assert r.scope == {"personal_account"}
    assert not r.hedged


def test_strongly_advised_privacy_is_a_duty_not_a_permission(catalog: Catalog) -> None:
    r = reading(catalog, "stockport", "6.14", "Staff members are strongly advised")
    assert r.force is Force.REQUIRE


# ---------------------------------------------------------------- AMCIS


def test_advised_not_to_with_the_exception_of_linkedin(catalog: Catalog) -> None:
    r = reading(catalog, "amcis", "6.1", "With the exception of LinkedIn")
    assert r.force is Force.PROHIBIT
    assert r.advisory
    assert r.exceptions == {"linkedin"}


def test_advised_not_to_without_an_exception(catalog: Catalog) -> None:
    text = "You are advised not to accept friend requests from parents."
    r = read(text, load_lexicon().qualifiers)
    assert (r.force, r.advisory, r.exceptions) == (Force.PROHIBIT, True, frozenset())


def test_prior_approval_of_the_head_master(catalog: Catalog) -> None:
    r = reading(catalog, "amcis", "7.3", "Official School sites must be created only")
    assert r.force is Force.APPROVAL
    assert r.approver == "the Head Master"


def test_should_only_during_non_contact_hours(catalog: Catalog) -> None:
    r = reading(catalog, "amcis", "6.9", "Access to social media sites")
    assert r.force is Force.ONLY
    assert r.conditions == {"non_contact"}


def test_caution_is_advised_allows(catalog: Catalog) -> None:
    assert reading(catalog, "amcis", "6.10", "Caution is advised").force is Force.CAUTION


def test_conflict_of_interest_makes_a_prohibition_conditional(catalog: Catalog) -> None:
    r = reading(catalog, "amcis", "6.2.2", "Staff members must not have any contact")
    assert r.force is Force.PROHIBIT
    assert r.hedged and not r.harm


def test_a_note_to_bear_in_mind_is_not_an_approval_rule(catalog: Catalog) -> None:
    assert reading(catalog, "amcis", "6.1", "Bear in mind").force is not Force.APPROVAL


# ---------------------------------------------------------------- Knowsley


def test_solely_a_staff_pupil_relationship_other_relationships_lift(catalog: Catalog) -> None:
    r = reading(catalog, "knowsley", "8.3", "Staff must not use personal social media")
    assert r.force is Force.PROHIBIT
    assert {"family", "family_friend", "personal_friend"} <= r.exceptions


def test_this_includes_ex_pupils_until_18_carries_the_ban(catalog: Catalog) -> None:
    r = rule(catalog, "knowsley", "8.3", "This includes ex-pupils")
    assert r.force is Force.PROHIBIT
    assert "adult" in r.reading.exceptions


def test_permission_bound_by_these_relationships_must(catalog: Catalog) -> None:
    r = rule(catalog, "knowsley", "8.3.1", "School staff can have social media contact")
    assert r.force is Force.PERMIT
    assert r.reading.restricted
    assert {"family", "family_friend"} <= r.reading.conditions


def test_can_identify_where_appropriate_but_cannot_is_a_limited_permission(
    catalog: Catalog,
) -> None:
    r = reading(catalog, "knowsley", "7.2", "Staff can identify")
    assert (r.force, r.restricted) == (Force.PERMIT, True)


def test_can_only_when_no_pupils_and_during_breaks(catalog: Catalog) -> None:
    r = reading(catalog, "knowsley", "8.6.2", "Staff can only use social media")
    assert r.force is Force.ONLY
    assert r.conditions == {"no_pupils", "break"}


def test_explicit_permission_by_a_school_leader(catalog: Catalog) -> None:
    r = reading(catalog, "knowsley", "5.1", "Staff must be given explicit permission")
    assert (r.force, r.approver) == (Force.APPROVAL, "a school leader")


def test_must_recognise_asks_for_understanding_only(catalog: Catalog) -> None:
    assert reading(catalog, "knowsley", "4.4.1", "Staff must recognise").force is Force.NONE


def test_should_consider_reporting_is_a_duty(catalog: Catalog) -> None:
    assert reading(catalog, "knowsley", "12.2", "If a member of staff").force is Force.REQUIRE


# ---------------------------------------------------------------- Clearwell


def test_no_use_between_830_and_330_or_when_pupils_are_on_the_premises(
    catalog: Catalog,
) -> None:
    r = reading(catalog, "clearwell", "6.1", "In practice")
    assert r.force is Force.PROHIBIT
    assert r.scope == {"school_hours", "pupils_present"}
    assert r.window == (8.5, 15.5)


def test_does_not_expect_to_discontinue_contact_is_a_permission(catalog: Catalog) -> None:
    r = reading(catalog, "clearwell", "6.2b", "Clearwell School does not expect")
    assert r.force is Force.PERMIT
    assert r.conditions == {"family", "personal_friend"}


def test_parents_asked_not_to_post_what_could_be_perceived_as_disrespectful(
    catalog: Catalog,
) -> None:
    r = reading(
        catalog, "clearwell", "10.2", "Consequently", agreement="parents-social-media-pledge"
    )
    assert r.force is Force.PROHIBIT
    assert r.advisory and r.hedged and r.harm


def test_pledge_i_will_not_discuss_my_grievances(catalog: Catalog) -> None:
    r = reading(catalog, "clearwell", "10.5", "I will not", agreement="parents-social-media-pledge")
    assert r.force is Force.PROHIBIT


def test_authorisation_sought_by_two_senior_representatives(catalog: Catalog) -> None:
    r = reading(catalog, "clearwell", "5.7", "If you feel")
    assert r.force is Force.APPROVAL
    assert r.approver.startswith("at least two other senior school representatives")


def test_unilaterally_even_if_already_cleared_is_a_plain_ban(catalog: Catalog) -> None:
    r = reading(catalog, "clearwell", "5.6", "You must not unilaterally")
    assert r.force is Force.PROHIBIT
    assert not r.hedged


# ---------------------------------------------------------------- Stockham


def test_occasional_use_during_a_designated_break_is_acceptable(catalog: Catalog) -> None:
    r = reading(catalog, "stockham", "6.13", "Occasional use")
    assert r.force is Force.PERMIT
    assert r.conditions == {"break"}
    assert not r.restricted


def test_must_decline_friend_requests_forbids_accepting(catalog: Catalog) -> None:
    r = reading(catalog, "stockham", "6.6", "Staff members must decline")
    assert (r.force, r.negative_duty) == (Force.PROHIBIT, True)


def test_media_only_with_the_headteachers_advice_or_approval(catalog: Catalog) -> None:
    r = reading(catalog, "stockham", "Appendix A 3.7", "Staff members must not communicate")
    assert (r.force, r.approver) == (Force.APPROVAL, "the Headteacher")


def test_at_least_two_administrators_is_a_duty_against_a_sole_admin(catalog: Catalog) -> None:
    r = rule(catalog, "stockham", "Appendix A 5.4", "The team must designate")
    assert r.force is Force.REQUIRE
    assert any(p.search("can i be the only admin") for p in r.contrary)


# ---------------------------------------------------------------- implied and either/or force


def test_a_form_asking_how_you_will_do_something_requires_it() -> None:
    sentence = (
        "If contributors include children or adults with learning disabilities how do you"
        " propose to inform and obtain consent of parents or responsible adults?"
    )
    assert read(sentence, load_lexicon().qualifiers).force is Force.REQUIRE


def test_a_form_heading_asks_nothing() -> None:
    assert read("PROPOSED AUDIENCE OF THE SITE", load_lexicon().qualifiers).force is Force.NONE


def test_never_posted_or_removed_immediately_makes_removal_the_remedy() -> None:
    sentence = "Such comments must never be posted or removed immediately."
    r = read(sentence, load_lexicon().qualifiers)
    assert r.force is Force.PROHIBIT
    assert r.remedy
