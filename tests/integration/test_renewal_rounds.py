"""Renewing a version that stays in force: a lapsed signature is signed again, as the next round."""

import asyncio
from datetime import UTC, date, datetime, timedelta

import pytest

from portal.core.agreements import Anchor, Renewal
from portal.core.documents import agreement_from_files, parse_version
from portal.core.evidence import Assurance
from portal.core.renewals import Status
from portal.store import audit
from portal.store.agreements import publish_version
from portal.store.models import Acknowledgement, AgreementVersion, AuditEvent, Invitation
from portal.usecases import dashboard
from portal.usecases.evidence_bundle import person_bundle
from portal.usecases.invitations import invite, read_token
from portal.usecases.obligations import roll
from portal.usecases.sign_links import Certificate, LinkState, certificate, load_link, sign_by_link
from portal.usecases.signing import Evidence, SignRequest, sign_agreement
from tests.factories import make_parent, make_pupil, make_school, make_staff, publish_seeds
from tests.mailpeer import text_of

PLEDGE = "parents-social-media-pledge"
STAFF = "staff-social-media"
SIGNED_2024 = datetime(2024, 9, 10, 9, 0, tzinfo=UTC)
NEW_YEAR_2025 = datetime(2025, 9, 2, 9, 0, tzinfo=UTC)
PORTAL = Evidence("Sam Staff", "portal", Assurance.SIGNED_IN)


async def _request(person, slug: str, *keys: str) -> SignRequest:
    version = await AgreementVersion.filter(
        agreement__slug=slug, agreement__school_id=person.school_id
    ).first()
    assert version is not None
    return SignRequest(
        school_id=person.school_id,
        person_id=person.id,
        agreement_id=version.agreement_id,  # type: ignore[attr-defined]
        version_id=version.id,
        subject_keys=keys or ("self",),
        shown_sha256=version.sha256,
    )


async def _rounds(person) -> list[tuple[str, int]]:
    rows = await Acknowledgement.filter(person=person).order_by("subject_key", "round")
    return [(a.subject_key, a.round) for a in rows]


async def _status(catalog, slug: str, on: date) -> Status:
    subjects = (await roll(catalog.agreement("clearwell", slug), on)).subjects
    assert len(subjects) == 1
    return subjects[0].standing.status


def _invitation_in(mail_settings, message) -> int:
    link = next(w for w in text_of(message).split() if "/sign/" in w)
    return read_token(mail_settings, link.rsplit("/", 1)[1])


async def _sign_link(mail_settings, invitation_id: int, now: datetime) -> LinkState:
    link = await load_link(invitation_id, now)
    assert link.version is not None
    return await sign_by_link(
        mail_settings,
        invitation_id,
        typed_name=link.person_name,
        shown_sha256=link.version.sha256,
        ip="203.0.113.7",
        user_agent="TestPhone/1.0",
        now=now,
    )


async def test_a_lapsed_signature_is_renewed_through_a_new_invitation(db, mail_settings, mail_peer):
    catalog = await publish_seeds()
    school = await make_school("clearwell")
    amy = await make_pupil(school, "Amy Smith")
    jane = await make_parent(school, amy, name="Jane Smith", email="jane@home.example")
    await invite(mail_settings, "clearwell", PLEDGE, now=SIGNED_2024)
    first = _invitation_in(mail_settings, (await mail_peer.wait_for(1))[0])
    assert await _sign_link(mail_settings, first, SIGNED_2024) is LinkState.SIGNED
    assert await _status(catalog, PLEDGE, NEW_YEAR_2025.date()) is Status.OVERDUE

    renewal = await invite(mail_settings, "clearwell", PLEDGE, now=NEW_YEAR_2025)
    assert ([s.full_name for s in renewal.sent], renewal.created) == (["Jane Smith"], 1)
    invitations = [m for m in await mail_peer.wait_for(3) if m["Subject"].startswith("Please")]
    second = _invitation_in(mail_settings, invitations[-1])
    assert second != first
    link = await load_link(second, NEW_YEAR_2025)
    assert link.state is LinkState.OPEN and link.unsigned_keys == (str(amy.id),)
    assert link.last_signed_label is None  # the same text again: nothing changed to show

    again = await invite(mail_settings, "clearwell", PLEDGE, now=NEW_YEAR_2025 + timedelta(hours=2))
    assert (again.sent, again.created, again.reused, len(again.already_sent)) == ([], 0, 1, 1)
    assert await _sign_link(mail_settings, second, NEW_YEAR_2025) is LinkState.SIGNED
    assert await _rounds(jane) == [(str(amy.id), 1), (str(amy.id), 2)]
    renewed = await Acknowledgement.get(person=jane, round=2)
    assert renewed.invitation_id == second  # type: ignore[attr-defined]
    assert await _status(catalog, PLEDGE, NEW_YEAR_2025.date()) is Status.CURRENT
    assert (await load_link(second, NEW_YEAR_2025)).state is LinkState.SIGNED

    after = await invite(mail_settings, "clearwell", PLEDGE, now=NEW_YEAR_2025 + timedelta(days=1))
    assert (after.sent, after.created, after.already_sent) == ([], 0, [])
    await asyncio.sleep(0.2)
    sent = [m for m in mail_peer.to("jane@home.example") if m["Subject"].startswith("Please")]
    assert len(sent) == 2


async def test_a_link_still_live_when_its_signature_lapses_is_not_reused(
    db, mail_settings, mail_peer
):
    await publish_seeds()
    school = await make_school("clearwell")
    amy = await make_pupil(school, "Amy Smith")
    await make_parent(school, amy, name="Jane Smith", email="jane@home.example")
    late_august = datetime(2025, 8, 25, 9, 0, tzinfo=UTC)
    await invite(mail_settings, "clearwell", PLEDGE, now=late_august)
    first = _invitation_in(mail_settings, (await mail_peer.wait_for(1))[0])
    await _sign_link(mail_settings, first, late_august + timedelta(days=3))

    renewal = await invite(mail_settings, "clearwell", PLEDGE, now=NEW_YEAR_2025)

    assert (len(renewal.sent), renewal.created, renewal.reused) == (1, 1, 0)
    old = await Invitation.get(id=first)
    assert old.revoked_at is None and old.expires_at > NEW_YEAR_2025
    assert (await load_link(first, NEW_YEAR_2025)).state is LinkState.OPEN
    # What was signed through the old link stays certified.
    facts = await certificate(first, NEW_YEAR_2025)
    assert isinstance(facts, Certificate) and [s.round for s in facts.link.signed] == [1]


async def test_two_hundred_renewals_at_once_write_one_round(db):
    await publish_seeds()
    school = await make_school("clearwell")
    sam = await make_staff(school, "Sam Staff")
    request = await _request(sam, STAFF)
    await sign_agreement(request, PORTAL, at=SIGNED_2024)

    results = await asyncio.gather(
        *(sign_agreement(request, PORTAL, at=NEW_YEAR_2025) for _ in range(200))
    )

    assert sum(r.created for r in results) == 1
    assert await _rounds(sam) == [("self", 1), ("self", 2)]
    renewed = await Acknowledgement.get(person=sam, round=2)
    assert {r.acknowledgement_ids for r in results} == {(renewed.id,)}
    events = await AuditEvent.filter(action="agreement.signed").order_by("seq")
    assert [e.data["rounds"] for e in events] == [{"self": 1}, {"self": 2}]
    assert (await audit.verify("clearwell"))[1] is None


async def test_a_signature_that_still_counts_is_not_signed_again(db):
    await publish_seeds()
    school = await make_school("clearwell")
    sam = await make_staff(school, "Sam Staff")
    request = await _request(sam, STAFF)
    first = await sign_agreement(request, PORTAL, at=NEW_YEAR_2025)
    last_day = datetime(2026, 8, 31, 21, 30, tzinfo=UTC)  # 22:30 on the last day, in London

    again = await sign_agreement(request, PORTAL, at=last_day)

    assert (again.created, again.acknowledgement_ids) == (False, first.acknowledgement_ids)
    assert await _rounds(sam) == [("self", 1)]
    new_year = datetime(2026, 8, 31, 23, 30, tzinfo=UTC)  # 00:30 on 1 September, in London
    lapsed = await sign_agreement(request, PORTAL, at=new_year)
    assert lapsed.created and await _rounds(sam) == [("self", 1), ("self", 2)]


async def test_only_the_lapsed_pupils_are_signed_again(db):
    await publish_seeds()
    school = await make_school("clearwell")
    amy, ben = await make_pupil(school, "Amy Smith"), await make_pupil(school, "Ben Smith")
    jane = await make_parent(school, amy, ben, name="Jane Smith")
    await sign_agreement(await _request(jane, PLEDGE, str(amy.id)), PORTAL, at=SIGNED_2024)
    await sign_agreement(await _request(jane, PLEDGE, str(ben.id)), PORTAL, at=NEW_YEAR_2025)

    both = await _request(jane, PLEDGE, str(amy.id), str(ben.id))
    signing = await sign_agreement(both, PORTAL, at=NEW_YEAR_2025 + timedelta(days=1))

    assert signing.created
    assert await _rounds(jane) == [(str(amy.id), 1), (str(amy.id), 2), (str(ben.id), 1)]
    event = (await AuditEvent.filter(action="agreement.signed").order_by("-seq"))[0]
    assert (event.data["subjects"], event.data["rounds"]) == ([str(amy.id)], {str(amy.id): 2})
    bundle = await person_bundle(school, jane.id)
    assert bundle is not None
    assert sorted(a["round"] for a in bundle["acknowledgements"]) == [1, 1, 2]


async def _publish_cycle(renewal: Renewal, anchor: Anchor) -> None:
    text = (
        f'---\ntitle: First Aid\naudience: staff\nversion: "1"\neffective: 2024-09-01\n'
        f"renewal: {renewal.value}\nanchor: {anchor.value}\n---\n\n## 1 Rules\n\n### 1.1\n"
        "Know where the kit is.\n"
    )
    agreement = agreement_from_files("clearwell", "first-aid", [parse_version(text)])
    for version in agreement.versions:
        await publish_version(agreement, version, by="tests")


@pytest.mark.parametrize(
    ("renewal", "anchor", "signed", "last_day"),
    [
        (Renewal.BIENNIAL, Anchor.ACADEMIC_YEAR, date(2024, 9, 10), date(2026, 8, 31)),
        (Renewal.ANNUAL, Anchor.ROLLING, date(2025, 3, 10), date(2026, 3, 9)),
        (Renewal.BIENNIAL, Anchor.ROLLING, date(2025, 3, 10), date(2027, 3, 9)),
    ],
)
async def test_other_cycles_renew_the_day_after_their_last(db, renewal, anchor, signed, last_day):
    await publish_seeds()
    await _publish_cycle(renewal, anchor)
    school = await make_school("clearwell")
    sam = await make_staff(school, "Sam Staff")
    request = await _request(sam, "first-aid")
    noon = datetime(2000, 1, 1, 12).time()

    await sign_agreement(request, PORTAL, at=datetime.combine(signed, noon, UTC))
    kept = await sign_agreement(request, PORTAL, at=datetime.combine(last_day, noon, UTC))
    renewed = await sign_agreement(
        request, PORTAL, at=datetime.combine(last_day + timedelta(days=1), noon, UTC)
    )

    assert (kept.created, renewed.created) == (False, True)
    assert await _rounds(sam) == [("self", 1), ("self", 2)]


async def test_the_dashboard_counts_the_latest_round(db):
    await publish_seeds()
    school = await make_school("clearwell")
    sam = await make_staff(school, "Sam Staff")
    tom = await make_staff(school, "Tom Teacher")
    await sign_agreement(await _request(sam, STAFF), PORTAL, at=SIGNED_2024)
    await sign_agreement(await _request(tom, STAFF), PORTAL, at=SIGNED_2024)
    await sign_agreement(await _request(sam, STAFF), PORTAL, at=NEW_YEAR_2025)
    today = NEW_YEAR_2025.date() + timedelta(days=1)

    completion = await dashboard.agreement_completion(school, STAFF, today)
    people = await dashboard.people(school, STAFF, today, dashboard.PeopleFilter())

    assert completion is not None and people is not None
    assert {s: n for s, n in completion.tally.counts.items() if n} == {
        Status.CURRENT: 1,
        Status.OVERDUE: 1,
    }
    rows = {r.full_name: (r.status, r.signed_on) for r in people.rows}
    assert rows == {
        "Sam Staff": (Status.CURRENT, NEW_YEAR_2025.date()),
        "Tom Teacher": (Status.OVERDUE, SIGNED_2024.date()),
    }
