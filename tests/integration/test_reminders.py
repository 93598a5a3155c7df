"""Campaign reminders: due steps only, the current link, and never twice for the same step."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from portal.core.evidence import Assurance
from portal.core.reminders import ReminderSchedule
from portal.store.agreements import publish_version
from portal.store.campaign_models import Campaign, TermDates
from portal.store.models import AgreementVersion, Delivery, Invitation, SignResponse
from portal.usecases import campaign_sending, campaigns, responses
from portal.usecases.invitations import read_token
from portal.usecases.reminders import remind_due
from portal.usecases.responses import ResponseKind, respond
from portal.usecases.signing import Evidence, SignRequest, sign_agreement
from tests.factories import make_school, make_staff, publish_seeds
from tests.mailpeer import text_of

LONDON = ZoneInfo("Europe/London")
STAFF = "staff-social-media"
# Monday 7 October 2024, 10:00 in London: term time, version 2024-09 in force.
START = datetime(2024, 10, 7, 10, tzinfo=LONDON)


def at(month: int, day: int, hour: int = 10) -> datetime:
    return datetime(2024, month, day, hour, tzinfo=LONDON)


WEEKLY = ReminderSchedule((3, 7), 7, 3)


def _invitation_in(settings, message) -> int:
    link = next(w for w in text_of(message).split() if "/sign/" in w)
    return read_token(settings, link.rsplit("/sign/", 1)[1].rstrip(".,)>"))


async def sent_campaign(settings, school, schedule=WEEKLY):
    new = campaigns.NewCampaign(STAFF, "Autumn", campaigns.AudienceKind.WHOLE_SCHOOL, (), schedule)
    campaign = await campaigns.create_campaign(school, new, "office@clearwell.example", START)
    assert await campaign_sending.start_sending(settings, school, campaign.id, START)
    await campaign_sending.send(settings, school, campaign.id, "office@clearwell.example", START)
    return campaign


async def staff_room(school):
    return [await make_staff(school, name=f"Teacher {n}") for n in range(4)] + [
        await make_staff(school, name="No Email", email=None)
    ]


def reminder_keys(step: int):
    return Delivery.filter(purpose="reminder", key__endswith=f":step-{step}:email")


async def test_each_step_reaches_each_unsigned_person_once(db, mail_settings, mail_peer):
    await publish_seeds()
    school = await make_school("clearwell")
    staff = await staff_room(school)
    campaign = await sent_campaign(mail_settings, school)
    await mail_peer.wait_for(4)
    invitations = {i.person_id: i for i in await Invitation.all()}  # type: ignore[attr-defined]
    assert len(invitations) == 5  # the one without email has a link for the paper letter

    assert (await remind_due(mail_settings, at(10, 9))).sent == 0  # Wednesday: too early
    assert (await remind_due(mail_settings, at(10, 10, 9))).sent == 0  # Thursday, before 10:00
    first = await remind_due(mail_settings, at(10, 10, 11))
    assert (first.sent, first.no_email) == (4, 1)
    await mail_peer.wait_for(8)
    reminder = mail_peer.to(staff[0].email)[-1]
    assert reminder["Subject"].startswith("Reminder: please sign")
    # The same invitation, not a new one: tokens carry their signing time, so compare what
    # they refer to rather than their text.
    assert _invitation_in(mail_settings, reminder) == _invitation_in(
        mail_settings, mail_peer.to(staff[0].email)[0]
    )

    # Run again the same day: the step has been sent.
    assert (await remind_due(mail_settings, at(10, 10, 15))).campaigns == 0
    assert await reminder_keys(1).count() == 4
    assert (await Campaign.get(id=campaign.id)).reminders_sent == 1


async def test_someone_who_signed_is_not_reminded(db, mail_settings, mail_peer):
    await publish_seeds()
    school = await make_school("clearwell")
    staff = await staff_room(school)
    await sent_campaign(mail_settings, school)
    version = await AgreementVersion.get(agreement__slug=STAFF, agreement__school=school)
    await sign_agreement(
        SignRequest(
            school.id,
            staff[1].id,
            version.agreement_id,
            version.id,
            ("self",),  # type: ignore[attr-defined]
            version.sha256,
        ),
        Evidence(
            typed_name=staff[1].full_name, channel="email-link", assurance=Assurance.EMAIL_LINK
        ),
        at=at(10, 8).astimezone(UTC),
    )
    report = await remind_due(mail_settings, at(10, 10))
    assert report.sent == 3
    reminded = {d.person_id for d in await reminder_keys(1)}  # type: ignore[attr-defined]
    assert staff[1].id not in reminded


async def test_two_runs_at_once_remind_nobody_twice(db, mail_settings, mail_peer):
    await publish_seeds()
    school = await make_school("clearwell")
    await staff_room(school)
    for _ in range(8):
        await make_staff(school)
    await sent_campaign(mail_settings, school)
    await mail_peer.wait_for(12)
    moment = at(10, 14, 11)  # Monday: steps 1 (Thursday) and 2 (today) have passed; only 2 goes
    reports = await asyncio.gather(
        remind_due(mail_settings, moment), remind_due(mail_settings, moment)
    )
    assert sum(r.sent for r in reports) == 12
    assert await reminder_keys(2).count() == 12
    assert await reminder_keys(1).count() == 0
    await mail_peer.wait_for(24)
    await asyncio.sleep(0.2)
    reminded = [m["To"] for m in mail_peer.messages if m["Subject"].startswith("Reminder")]
    assert len(reminded) == len(set(reminded)) == 12


async def test_nothing_at_weekends_in_the_evening_or_in_the_holidays(db, mail_settings, mail_peer):
    await publish_seeds()
    school = await make_school("clearwell")
    await staff_room(school)
    await sent_campaign(mail_settings, school)
    assert (await remind_due(mail_settings, at(10, 12))).campaigns == 0  # Saturday
    assert (await remind_due(mail_settings, at(10, 10, 18))).campaigns == 0  # Thursday 18:00
    await TermDates.create(
        school=school, name="Autumn 1", starts_on=date(2024, 9, 4), ends_on=date(2024, 10, 9)
    )
    await TermDates.create(
        school=school, name="Autumn 2", starts_on=date(2024, 10, 21), ends_on=date(2024, 12, 20)
    )
    assert (await remind_due(mail_settings, at(10, 10))).campaigns == 0  # half term now
    assert (await remind_due(mail_settings, at(10, 21, 8))).sent == 4  # first morning back


async def test_closed_campaigns_send_no_reminders(db, mail_settings, mail_peer):
    await publish_seeds()
    school = await make_school("clearwell")
    await staff_room(school)
    campaign = await sent_campaign(mail_settings, school)
    assert await campaigns.close(school, campaign.id, "office@clearwell.example")
    assert (await remind_due(mail_settings, at(10, 10))).campaigns == 0


async def test_at_most_the_scheduled_number(db, mail_settings, mail_peer):
    await publish_seeds()
    school = await make_school("clearwell")
    await staff_room(school)
    await sent_campaign(mail_settings, school, ReminderSchedule((3,), 0, 5))
    assert (await remind_due(mail_settings, at(10, 10))).sent == 4
    assert (await remind_due(mail_settings, at(10, 17))).campaigns == 0
    assert await Delivery.filter(purpose="reminder").count() == 4


async def test_no_reminders_once_a_newer_version_is_in_force(db, mail_settings, mail_peer):
    catalog = await publish_seeds()
    school = await make_school("clearwell")
    await staff_room(school)
    await sent_campaign(mail_settings, school)
    agreement = catalog.agreement("clearwell", STAFF)
    assert agreement is not None
    old = agreement.versions[-1]
    newer = replace(
        old, label="2024-10", effective=date(2024, 10, 9), text=old.text + "\nMore.", sha256=""
    )
    await publish_version(agreement, newer, by="tests")
    assert (await remind_due(mail_settings, at(10, 10, 11))).campaigns == 0
    assert await Delivery.filter(purpose="reminder").count() == 0


async def test_a_reply_waiting_for_the_office_pauses_their_reminders(db, mail_settings, mail_peer):
    await publish_seeds()
    school = await make_school("clearwell")
    staff = await staff_room(school)
    await sent_campaign(mail_settings, school)
    asker = await Invitation.get(person_id=staff[2].id)
    await respond(
        mail_settings,
        asker.id,
        ResponseKind.QUESTION,
        "Does this cover the staff WhatsApp group?",
        ip="203.0.113.7",
        user_agent="TestPhone/1.0",
        now=at(10, 8).astimezone(UTC),
    )
    first = await remind_due(mail_settings, at(10, 10, 11))
    assert (first.sent, first.awaiting_reply) == (3, 1)
    assert staff[2].id not in {d.person_id for d in await reminder_keys(1)}  # type: ignore[attr-defined]

    reply = await SignResponse.get(invitation_id=asker.id)
    answered_at = at(10, 11).astimezone(UTC)
    assert await responses.mark_answered(school, reply.id, "office@clearwell.example", answered_at)
    second = await remind_due(mail_settings, at(10, 14, 11))
    assert (second.sent, second.awaiting_reply) == (4, 0)
    assert staff[2].id in {d.person_id for d in await reminder_keys(2)}  # type: ignore[attr-defined]
