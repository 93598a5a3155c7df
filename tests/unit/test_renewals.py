from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from portal.core.agreements import Agreement, AgreementVersion, Anchor, Audience, Clause, Renewal
from portal.core.renewals import (
    Signature,
    Status,
    academic_year_start,
    add_years,
    counts_on,
    school_day,
    standing,
    valid_until,
)

CLAUSE = (Clause(ref="1.1", number="1.1", heading="Intro", text="Be kind."),)


def _version(label: str, effective: date, material: bool = True) -> AgreementVersion:
    return AgreementVersion(
        label=label, effective=effective, text=f"text {label}", clauses=CLAUSE, material=material
    )


def _agreement(
    renewal: Renewal,
    anchor: Anchor = Anchor.ACADEMIC_YEAR,
    versions: tuple[AgreementVersion, ...] | None = None,
) -> Agreement:
    return Agreement(
        school="clearwell",
        slug="policy",
        title="Policy",
        audience=Audience.STAFF,
        renewal=renewal,
        anchor=anchor,
        versions=versions or (_version("v1", date(2020, 9, 1)),),
    )


@pytest.mark.parametrize(
    ("day", "start"),
    [
        (date(2025, 8, 31), date(2024, 9, 1)),
        (date(2025, 9, 1), date(2025, 9, 1)),
        (date(2026, 1, 15), date(2025, 9, 1)),
    ],
)
def test_academic_year_turns_on_first_of_september(day, start):
    assert academic_year_start(day) == start


def test_add_years_from_leap_day_falls_back_to_28th():
    assert add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert add_years(date(2024, 2, 29), 4) == date(2028, 2, 29)


@pytest.mark.parametrize(
    ("renewal", "anchor", "signed", "until"),
    [
        (Renewal.ANNUAL, Anchor.ACADEMIC_YEAR, date(2025, 8, 31), date(2025, 8, 31)),
        (Renewal.ANNUAL, Anchor.ACADEMIC_YEAR, date(2025, 9, 1), date(2026, 8, 31)),
        (Renewal.BIENNIAL, Anchor.ACADEMIC_YEAR, date(2025, 8, 31), date(2026, 8, 31)),
        (Renewal.BIENNIAL, Anchor.ACADEMIC_YEAR, date(2025, 9, 1), date(2027, 8, 31)),
        (Renewal.ANNUAL, Anchor.ROLLING, date(2025, 3, 10), date(2026, 3, 9)),
        (Renewal.ANNUAL, Anchor.ROLLING, date(2024, 2, 29), date(2025, 2, 27)),
        (Renewal.BIENNIAL, Anchor.ROLLING, date(2024, 2, 29), date(2026, 2, 27)),
        (Renewal.ANNUAL, Anchor.ROLLING, date(2023, 3, 1), date(2024, 2, 29)),
        (Renewal.NONE, Anchor.ROLLING, date(2023, 3, 1), None),
    ],
)
def test_valid_until_at_cycle_boundaries(renewal, anchor, signed, until):
    assert valid_until(renewal, anchor, signed) == until


@pytest.mark.parametrize(
    ("renewal", "anchor", "signed", "today", "counts"),
    [
        (Renewal.ANNUAL, Anchor.ACADEMIC_YEAR, date(2024, 9, 10), date(2025, 8, 31), True),
        (Renewal.ANNUAL, Anchor.ACADEMIC_YEAR, date(2024, 9, 10), date(2025, 9, 1), False),
        (Renewal.BIENNIAL, Anchor.ACADEMIC_YEAR, date(2024, 9, 10), date(2025, 9, 2), True),
        (Renewal.BIENNIAL, Anchor.ACADEMIC_YEAR, date(2024, 9, 10), date(2026, 9, 1), False),
        (Renewal.ANNUAL, Anchor.ROLLING, date(2025, 3, 10), date(2026, 3, 10), False),
        (Renewal.NONE, Anchor.ROLLING, date(2015, 3, 10), date(2026, 3, 10), True),
    ],
)
def test_a_signature_counts_until_its_last_day(renewal, anchor, signed, today, counts):
    assert counts_on(renewal, anchor, signed, today) is counts


def test_the_day_is_the_schools():
    late = datetime(2025, 8, 31, 23, 30, tzinfo=UTC)
    assert school_day(late, ZoneInfo("Europe/London")) == date(2025, 9, 1)
    assert school_day(late, UTC) == date(2025, 8, 31)


def test_never_signed():
    result = standing(_agreement(Renewal.ANNUAL), [], date(2025, 10, 1))
    assert result.status is Status.NEVER_SIGNED
    assert result.required is not None and result.required.label == "v1"


def test_annual_academic_year_signature_lapses_on_first_of_september():
    agreement = _agreement(Renewal.ANNUAL)
    signed = [Signature("v1", date(2024, 9, 20))]
    assert standing(agreement, signed, date(2025, 8, 5)).status is Status.DUE_SOON
    assert standing(agreement, signed, date(2025, 8, 31)).status is Status.DUE_SOON
    assert standing(agreement, signed, date(2025, 9, 1)).status is Status.OVERDUE
    assert standing(agreement, signed, date(2025, 6, 1)).status is Status.CURRENT


def test_biennial_covers_two_academic_years():
    agreement = _agreement(Renewal.BIENNIAL)
    signed = [Signature("v1", date(2024, 9, 2))]
    assert standing(agreement, signed, date(2025, 9, 1)).status is Status.CURRENT
    assert standing(agreement, signed, date(2026, 8, 31)).status is Status.DUE_SOON
    assert standing(agreement, signed, date(2026, 9, 1)).status is Status.OVERDUE


def test_due_soon_window_is_configurable():
    agreement = _agreement(Renewal.ANNUAL)
    signed = [Signature("v1", date(2024, 9, 20))]
    today = date(2025, 7, 1)  # 61 days before 31 August
    assert standing(agreement, signed, today, due_soon_days=30).status is Status.CURRENT
    assert standing(agreement, signed, today, due_soon_days=90).status is Status.DUE_SOON


def test_rolling_leap_day_signature():
    agreement = _agreement(Renewal.ANNUAL, Anchor.ROLLING)
    signed = [Signature("v1", date(2024, 2, 29))]
    assert standing(agreement, signed, date(2025, 2, 27), due_soon_days=0).status is Status.CURRENT
    assert standing(agreement, signed, date(2025, 2, 28)).status is Status.OVERDUE


def test_material_new_version_supersedes_but_minor_does_not():
    v1 = _version("v1", date(2023, 9, 1))
    minor = _version("v1.1", date(2024, 1, 10), material=False)
    agreement = _agreement(Renewal.NONE, versions=(v1, minor))
    signed = [Signature("v1", date(2023, 9, 5))]
    assert standing(agreement, signed, date(2024, 3, 1)).status is Status.CURRENT
    material = _version("v2", date(2024, 4, 1))
    agreement = _agreement(Renewal.NONE, versions=(v1, minor, material))
    assert standing(agreement, signed, date(2024, 3, 31)).status is Status.CURRENT
    result = standing(agreement, signed, date(2024, 4, 1))
    assert result.status is Status.SUPERSEDED
    assert result.required is not None and result.required.label == "v2"
    assert (
        standing(agreement, [*signed, Signature("v2", date(2024, 4, 2))], date(2024, 4, 3)).status
        is Status.CURRENT
    )


def test_latest_signature_counts_and_unknown_versions_are_ignored():
    agreement = _agreement(Renewal.ANNUAL)
    signed = [
        Signature("v1", date(2023, 9, 5)),
        Signature("v1", date(2024, 9, 5)),
        Signature("other", date(2025, 1, 1)),
    ]
    result = standing(agreement, signed, date(2025, 1, 1))
    assert result.status is Status.CURRENT
    assert result.signed == Signature("v1", date(2024, 9, 5))
    assert result.valid_until == date(2025, 8, 31)


@pytest.mark.parametrize("status", [Status.OVERDUE, Status.NEVER_SIGNED, Status.SUPERSEDED])
def test_outstanding_statuses(status):
    assert status.outstanding
    assert not Status.CURRENT.outstanding and not Status.DUE_SOON.outstanding
