"""Who must sign, decided from plain rows (no database)."""

from datetime import date

from portal.core.agreements import (
    Agreement,
    AgreementVersion,
    Anchor,
    Audience,
    Clause,
    Renewal,
    SignerRule,
)
from portal.core.renewals import Signature, Status
from portal.usecases.obligations import (
    PupilRef,
    SignatureFact,
    Signer,
    parent_roll,
    staff_roll,
)

TODAY = date(2025, 1, 15)
V1 = AgreementVersion(
    label="v1",
    effective=date(2024, 9, 1),
    text="t",
    clauses=(Clause(ref="1", number="1", heading="", text="Be kind."),),
)
AMY, BEN = PupilRef(1, "Amy", "Year 4"), PupilRef(2, "Ben", "Year 1")
JANE, JOHN = Signer(10, "Jane", "jane@x"), Signer(11, "John", "john@x")


def _agreement(audience: Audience, signers: SignerRule = SignerRule.ANY) -> Agreement:
    return Agreement(
        school="s",
        slug="a",
        title="A",
        audience=audience,
        renewal=Renewal.ANNUAL,
        anchor=Anchor.ACADEMIC_YEAR,
        signers=signers,
        versions=(V1,),
    )


def _signed(person: Signer, key: str, on: date = date(2024, 10, 1)) -> SignatureFact:
    return SignatureFact(person.id, key, Signature("v1", on))


def test_staff_who_signed_this_year_are_not_asked() -> None:
    roll = staff_roll(_agreement(Audience.STAFF), [JANE, JOHN], [_signed(JANE, "self")], TODAY)
    assert [d.signer for d in roll.duties] == [JOHN]
    assert [s.standing.status for s in roll.subjects] == [Status.CURRENT, Status.NEVER_SIGNED]


def test_last_years_signature_is_overdue() -> None:
    roll = staff_roll(
        _agreement(Audience.STAFF), [JANE], [_signed(JANE, "self", date(2023, 10, 1))], TODAY
    )
    assert roll.duties[0].subjects[0].standing.status is Status.OVERDUE


def test_any_rule_one_parent_covers_the_pupil() -> None:
    links = [(JANE, AMY.id), (JOHN, AMY.id), (JANE, BEN.id)]
    roll = parent_roll(_agreement(Audience.PARENT), [AMY, BEN], links, [_signed(JOHN, "1")], TODAY)
    assert {d.signer: d.pupils for d in roll.duties} == {JANE: (BEN,)}


def test_any_rule_asks_every_adult_until_someone_signs() -> None:
    links = [(JANE, AMY.id), (JOHN, AMY.id)]
    roll = parent_roll(_agreement(Audience.PARENT), [AMY], links, [], TODAY)
    assert {d.signer for d in roll.duties} == {JANE, JOHN}


def test_every_rule_needs_each_adult() -> None:
    links = [(JANE, AMY.id), (JOHN, AMY.id)]
    agreement = _agreement(Audience.PARENT, SignerRule.EVERY)
    roll = parent_roll(agreement, [AMY], links, [_signed(JOHN, "1")], TODAY)
    assert [(d.signer, d.pupils) for d in roll.duties] == [(JANE, (AMY,))]
    assert roll.subjects[0].standing.status is Status.NEVER_SIGNED  # judged by the least covered
    done = parent_roll(agreement, [AMY], links, [_signed(JOHN, "1"), _signed(JANE, "1")], TODAY)
    assert done.duties == () and done.subjects[0].standing.status is Status.CURRENT


def test_a_signature_for_one_child_does_not_cover_another() -> None:
    links = [(JANE, AMY.id), (JANE, BEN.id)]
    roll = parent_roll(_agreement(Audience.PARENT), [AMY, BEN], links, [_signed(JANE, "1")], TODAY)
    assert roll.duties[0].pupils == (BEN,)


def test_pupil_with_no_one_to_ask_is_unreachable() -> None:
    roll = parent_roll(_agreement(Audience.PARENT), [AMY], [], [], TODAY)
    assert roll.duties == () and [s.pupil for s in roll.unreachable] == [AMY]
