"""The dashboard's SQL counts agree with a plain count: `standing()` for each subject in turn."""

from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from tortoise.exceptions import IntegrityError

from portal.core import agreements as core
from portal.core.renewals import Signature, Status, standing
from portal.store import agreements as agreements_store
from portal.store.models import (
    Acknowledgement,
    AgreementVersion,
    Guardianship,
    Person,
    Pupil,
    School,
    TeamMembership,
)
from portal.usecases import dashboard
from portal.usecases.obligations import roll
from tests.factories import make_parent, make_pupil, make_school, make_staff

LONDON = ZoneInfo("Europe/London")
DUE_SOON = 30


def agreement(
    slug: str,
    audience: core.Audience,
    *,
    renewal: core.Renewal = core.Renewal.ANNUAL,
    anchor: core.Anchor = core.Anchor.ACADEMIC_YEAR,
    signers: core.SignerRule = core.SignerRule.ANY,
) -> core.Agreement:
    """Three versions: 2022-09, a minor 2023-01 correction, and a material 2024-09 rewrite."""
    versions = (
        ("2022-09", date(2022, 9, 1), True),
        ("2023-01", date(2023, 1, 1), False),
        ("2024-09", date(2024, 9, 1), True),
    )
    return core.Agreement(
        school="testschool",
        slug=slug,
        title=slug.replace("-", " ").title(),
        audience=audience,
        renewal=renewal,
        anchor=anchor,
        signers=signers,
        versions=tuple(
            core.AgreementVersion(
                label=label,
                effective=day,
                text=f"{slug} {label}",
                clauses=(),
                material=material,
                statement="I agree.",
            )
            for label, day, material in versions
        ),
    )


async def publish(school: School, spec: core.Agreement) -> dict[str, int]:
    await agreements_store.sync_school(
        core.School(slug=school.slug, name=school.name, timezone=school.timezone)
    )
    for version in spec.versions:
        await agreements_store.publish_version(spec, version, by="tests")
    rows = await AgreementVersion.filter(agreement__slug=spec.slug, agreement__school=school)
    return {v.label: v.id for v in rows}


async def sign(
    school: School,
    person: Person,
    spec: core.Agreement,
    versions: dict[str, int],
    label: str,
    at: datetime,
    pupil: Pupil | None = None,
) -> None:
    version_id = versions[label]
    agreement_id = (await AgreementVersion.get(id=version_id)).agreement_id  # type: ignore[attr-defined]
    await Acknowledgement.create(
        school=school,
        person=person,
        agreement_id=agreement_id,
        version_id=version_id,
        version_sha256="x" * 64,
        pupil=pupil,
        subject_key=str(pupil.id) if pupil else "self",
        signed_at=at,
        channel="email-link",
        assurance="email-link",
    )


def random_moment(rng: random.Random) -> datetime:
    day = date(2022, 9, 1) + timedelta(days=rng.randrange(0, 1200))
    # Late evening in London is the next day in UTC for part of the year: the day is London's.
    return datetime.combine(day, time(rng.choice([0, 9, 23]), rng.choice([0, 30])), LONDON)


def label_on(rng: random.Random, spec: core.Agreement, at: datetime) -> str:
    """Usually the version in force when signing; now and then an older one (a stale paper form)."""
    effective = [v.label for v in spec.versions if v.effective <= at.date()] or [
        spec.versions[0].label
    ]
    return rng.choice(effective) if rng.random() < 0.2 else effective[-1]


async def straight_count(
    school: School, spec: core.Agreement, today: date
) -> tuple[Counter[Status], dict[str, Counter[Status]]]:
    """The plain way: load every row, ask `standing()` about each subject in turn."""
    labels = dict(
        await AgreementVersion.filter(agreement__slug=spec.slug).values_list("id", "label")
    )
    acks = await Acknowledgement.filter(agreement__slug=spec.slug, school=school)
    signed: dict[tuple[int, int | None], list[Signature]] = {}
    for ack in acks:
        day = ack.signed_at.astimezone(LONDON).date()
        key = (ack.person_id, ack.pupil_id)  # type: ignore[attr-defined]
        signed.setdefault(key, []).append(Signature(labels[ack.version_id], day))  # type: ignore[attr-defined]
    total: Counter[Status] = Counter()
    groups: dict[str, Counter[Status]] = {}
    if spec.audience is core.Audience.STAFF:
        for person in await Person.filter(school=school, kind="staff", left_at__isnull=True):
            status = standing(spec, signed.get((person.id, None), []), today, DUE_SOON).status
            total[status] += 1
            teams = await TeamMembership.filter(person=person).values_list("team_id", flat=True)
            for team in teams or ["none"]:
                groups.setdefault(f"team:{team}", Counter())[status] += 1
        return total, groups
    for pupil in await Pupil.filter(school=school, left_at__isnull=True):
        adults = [
            g.parent_id  # type: ignore[attr-defined]
            for g in await Guardianship.filter(
                pupil=pupil,
                parental_responsibility=True,
                left_at__isnull=True,
                parent__left_at__isnull=True,
            )
        ]
        if spec.signers is core.SignerRule.ANY:
            mine = [s for a in adults for s in signed.get((a, pupil.id), [])]
            status = standing(spec, mine, today, DUE_SOON).status
        else:
            order = [
                Status.NEVER_SIGNED,
                Status.SUPERSEDED,
                Status.OVERDUE,
                Status.DUE_SOON,
                Status.CURRENT,
            ]
            each = [
                standing(spec, signed.get((a, pupil.id), []), today, DUE_SOON).status
                for a in adults
            ] or [Status.NEVER_SIGNED]
            status = min(each, key=order.index)
        total[status] += 1
        groups.setdefault(f"year:{pupil.year_group}", Counter())[status] += 1
        groups.setdefault(f"class:{pupil.year_group}|{pupil.form}", Counter())[status] += 1
    return total, groups


async def staff_school(rng: random.Random, spec: core.Agreement) -> School:
    school = await make_school("testschool")
    versions = await publish(school, spec)
    for n in range(60):
        person = await make_staff(school, team=rng.choice(["Teachers", "Support", "Office", ""]))
        if n % 7 == 0:
            group = await School.get(id=school.id)
            await TeamMembership.create(
                school=group,
                person=person,
                team=await _team(school, "Governors"),
            )
        if n % 11 == 0:
            person.left_at = datetime.now(UTC)
            await person.save()
        for _ in range(rng.choice([0, 0, 1, 2, 3])):
            at = random_moment(rng)
            try:
                await sign(school, person, spec, versions, label_on(rng, spec, at), at)
            except IntegrityError:  # the same version signed twice is refused by the unique key
                continue
    return school


async def _team(school: School, name: str):  # type: ignore[no-untyped-def]
    from portal.store.models import StaffTeam

    team, _ = await StaffTeam.get_or_create(school=school, name=name)
    return team


async def parent_school(rng: random.Random, spec: core.Agreement) -> School:
    school = await make_school("testschool")
    versions = await publish(school, spec)
    pupils = [
        await make_pupil(school, year_group=year, form=f"{year[-1]}{form}")
        for year in ("Year 3", "Year 4", "Year 10")
        for form in "AB"
        for _ in range(5)
    ]
    for pupil in pupils:
        adults = [await make_parent(school, pupil) for _ in range(rng.choice([0, 1, 2, 2]))]
        if rng.random() < 0.2:
            adults.append(await make_parent(school, pupil, parental_responsibility=False))
        if adults and rng.random() < 0.1:
            adults[0].left_at = datetime.now(UTC)
            await adults[0].save()
        for adult in adults:
            for _ in range(rng.choice([0, 1, 1, 2])):
                at = random_moment(rng)
                try:
                    await sign(school, adult, spec, versions, label_on(rng, spec, at), at, pupil)
                except IntegrityError:  # the same version signed twice is refused by the unique key
                    continue
        if rng.random() < 0.05:
            pupil.left_at = datetime.now(UTC)
            await pupil.save()
    return school


TODAYS = [
    date(2024, 8, 31),
    date(2024, 9, 1),
    date(2025, 7, 15),
    date(2025, 8, 2),
    date(2025, 9, 1),
    date(2026, 2, 28),
]


def as_counter(tally: dashboard.Tally) -> Counter[Status]:
    return Counter({s: n for s, n in tally.counts.items() if n})


async def check(school: School, spec: core.Agreement) -> None:
    for today in TODAYS:
        expected, expected_groups = await straight_count(school, spec, today)
        completion = await dashboard.agreement_completion(school, spec.slug, today, DUE_SOON)
        assert completion is not None
        assert as_counter(completion.tally) == expected, today
        shown = {g.key: as_counter(g.tally) for gs in completion.breakdowns.values() for g in gs}
        assert shown == expected_groups, today
        # And the people behind each number are the ones counted.
        for status, n in expected.items():
            page = await dashboard.people(
                school,
                spec.slug,
                today,
                dashboard.PeopleFilter(status=status),
                per_page=500,
                due_soon_days=DUE_SOON,
            )
            assert page is not None and page.total == n and len(page.rows) == n
            assert {r.status for r in page.rows} == {status}


@pytest.mark.parametrize("anchor", list(core.Anchor))
@pytest.mark.parametrize("renewal", [core.Renewal.ANNUAL, core.Renewal.BIENNIAL, core.Renewal.NONE])
async def test_staff_counts_match_a_plain_count(db, anchor, renewal):
    spec = agreement("staff-code", core.Audience.STAFF, renewal=renewal, anchor=anchor)
    school = await staff_school(random.Random(f"{anchor}{renewal}"), spec)
    await check(school, spec)


@pytest.mark.parametrize("signers", list(core.SignerRule))
@pytest.mark.parametrize("anchor", list(core.Anchor))
async def test_parent_agreements_count_pupils_by_the_signer_rule(db, signers, anchor):
    spec = agreement("home-school", core.Audience.PARENT, anchor=anchor, signers=signers)
    school = await parent_school(random.Random(f"{signers}{anchor}"), spec)
    await check(school, spec)


async def test_counts_agree_with_the_obligations_roll(db):
    spec = agreement("home-school", core.Audience.PARENT, signers=core.SignerRule.EVERY)
    school = await parent_school(random.Random(7), spec)
    stored = (await agreements_store.load_agreements("testschool"))[0]
    today = date(2025, 7, 15)
    expected = Counter(
        s.standing.status for s in (await roll(stored, today, due_soon_days=30)).subjects
    )
    completion = await dashboard.agreement_completion(school, spec.slug, today, 30)
    assert completion is not None and as_counter(completion.tally) == expected


async def test_a_signature_late_in_the_evening_counts_on_the_school_day(db):
    spec = agreement("staff-code", core.Audience.STAFF)
    school = await make_school("testschool")
    versions = await publish(school, spec)
    person = await make_staff(school)
    # 23:30 on 31 August 2025 in London is 22:30 UTC: still academic year 2024-25, which ends today.
    await sign(
        school, person, spec, versions, "2024-09", datetime(2025, 8, 31, 23, 30, tzinfo=LONDON)
    )
    on_the_day = await dashboard.agreement_completion(school, spec.slug, date(2025, 8, 31), 30)
    next_day = await dashboard.agreement_completion(school, spec.slug, date(2025, 9, 1), 30)
    assert on_the_day is not None and on_the_day.tally[Status.DUE_SOON] == 1
    assert next_day is not None and next_day.tally[Status.OVERDUE] == 1


async def test_one_schools_counts_never_include_another_school(db):
    spec = agreement("staff-code", core.Audience.STAFF)
    school = await make_school("testschool")
    await publish(school, spec)
    other = await make_school("otherschool")
    for _ in range(3):
        await make_staff(school)
        await make_staff(other)
    [completion] = await dashboard.school_completion(school, date(2025, 1, 1), 30)
    assert completion.tally.total == 3
    assert await dashboard.agreement_completion(other, spec.slug, date(2025, 1, 1), 30) is None


async def test_trust_rollup_sums_each_school(db):
    staff_spec = agreement("staff-code", core.Audience.STAFF)
    school = await staff_school(random.Random(3), staff_spec)
    [rollup] = await dashboard.trust_rollup([school], datetime(2025, 7, 15, 12, tzinfo=UTC), 30)
    expected, _ = await straight_count(school, staff_spec, date(2025, 7, 15))
    assert as_counter(rollup.staff) == expected
    assert rollup.pupils.total == 0
