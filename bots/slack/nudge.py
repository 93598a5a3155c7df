"""Nudging staff who have not signed: one DM per person per step, paced, every failure recorded.

Each DM is claimed as a Delivery row before it is sent, so a rerun, or two runs at once, never
nudge anyone twice in one cycle. The key is `nudge:slack:<agreement>:<version>:<person>:step-<n>`,
with `:round-<r>` before the step when a lapsed signature of the same version is being renewed.
A DM that failed for a passing reason (rate limits, a revoked token since reinstalled) is tried
again next run; one that failed because the person cannot be reached is not.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import aiohttp
from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from tortoise.exceptions import IntegrityError

from bots.slack import blocks
from bots.slack.client import web_client
from bots.slack.context import school
from bots.slack.duties import staff_agreement, today_at
from bots.slack.identity import NotConnected, match_user, slack_user_for, workspace_for
from bots.slack.post import direct_message
from bots.slack.sign import agreement_url
from portal.core.renewals import Status
from portal.sealing import sealer_for
from portal.settings import Settings
from portal.store import replies
from portal.store.models import Agreement, Delivery, Person, School
from portal.store.slack_models import NudgeSnooze
from portal.usecases.obligations import Duty, roll

# Slack's guidance for chat.postMessage is about one message per second.
DEFAULT_PACE_SECONDS = 1.0
_REASONS = {
    Status.NEVER_SIGNED: "You have not signed it yet.",
    Status.OVERDUE: "Your last signature has lapsed.",
    Status.SUPERSEDED: "It has changed since you last signed it.",
}
_WORDS = {
    "no_email": "no email address on their staff record",
    "users_not_found": "no Slack account uses their staff email address",
    "user_not_found": "Slack has no such user",
    "account_inactive": "their Slack account is deactivated",
    "user_disabled": "their Slack account is deactivated",
    "ratelimited": "Slack kept rate-limiting us; tried again on the next run",
    "token_revoked": "the app's Slack token was revoked: reinstall the app",
    "invalid_auth": "the Slack token is not valid: check it or reinstall the app",
    "not_authed": "no Slack token: check SIGNOFF_SLACK_BOT_TOKEN or reinstall the app",
    "connection_error": "could not reach Slack; tried again on the next run",
}
# Every later DM would fail the same way, so the run stops calling Slack.
_WORKSPACE_ERRORS = {"token_revoked", "invalid_auth", "not_authed", "team_not_found"}
_PASSING_ERRORS = _WORKSPACE_ERRORS | {
    "ratelimited",
    "connection_error",
    "internal_error",
    "fatal_error",
    "service_unavailable",
    "request_timeout",
}


class NudgeError(LookupError):
    """The nudge cannot start: no such school, agreement, version in force or workspace."""


@dataclass
class NudgeReport:
    school: str
    agreement: str
    version: str
    step: int
    sent: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        lines = [
            f"{self.school}/{self.agreement} version {self.version}, step {self.step}: "
            f"{len(self.sent)} nudged, {len(self.skipped)} skipped, {len(self.failed)} not reached"
        ]
        lines += [f"  not reached: {name}: {error}" for name, error in self.failed]
        lines += [f"  skipped: {name}: {why}" for name, why in self.skipped]
        return "\n".join(lines)


def register(app: AsyncApp) -> None:
    app.action("nudge_snooze")(snooze)


async def nudge_unsigned(
    settings: Settings,
    school: str,
    agreement: str,
    step: int = 1,
    *,
    pace: float = DEFAULT_PACE_SECONDS,
) -> NudgeReport:
    """DM every current member of staff who must sign the version in force, at most once a step."""
    nudge, duties = await _prepare(settings, school, agreement)
    report = NudgeReport(school, agreement, nudge.version, step)
    snoozed = await _snoozed(nudge.agreement)
    waiting = await replies.people_with_unanswered(nudge.agreement.id)
    people = {p.id: p for p in await Person.filter(id__in=[d.signer.id for d in duties])}
    for duty in duties:
        person = people[duty.signer.id]
        if person.id in snoozed:
            report.skipped.append((person.full_name, "asked to be reminded tomorrow"))
            continue
        if person.id in waiting:
            report.skipped.append((person.full_name, "their reply is waiting for the office"))
            continue
        delivery = await _claim(nudge.key(person, step, _round(duty)), nudge.school, person, step)
        if delivery is None:
            report.skipped.append((person.full_name, "already nudged at this step"))
            continue
        reason = _REASONS.get(duty.subjects[0].standing.status, "")
        await nudge.send(person, delivery, reason, report)
        if not nudge.stopped:
            await asyncio.sleep(pace)
    return report


def _round(duty: Duty) -> int:
    """The round the nudge asks for: renewing a lapsed signature of this version is the next."""
    standing = duty.subjects[0].standing
    signed, required = standing.signed, standing.required
    if signed is None or required is None or signed.version_label != required.label:
        return 1
    return signed.round + 1


async def _prepare(
    settings: Settings, slug: str, agreement_slug: str
) -> tuple[_Nudge, tuple[Duty, ...]]:
    found = await School.get_or_none(slug=slug)
    if found is None:
        raise NudgeError(f"no school {slug!r}")
    agreement = await staff_agreement(found, agreement_slug)
    today = today_at(found)
    version = agreement.in_force(today) if agreement is not None else None
    if agreement is None or version is None:
        raise NudgeError(f"{slug}/{agreement_slug} is not a staff agreement in force")
    try:
        token, team_id = await workspace_for(settings.slack, found, sealer_for(settings))
    except NotConnected as exc:
        raise NudgeError(str(exc)) from None
    except SlackApiError as exc:
        raise NudgeError(f"Slack refused the token: {_error(exc)}") from None
    row = await Agreement.get(school=found, slug=agreement_slug)
    client = web_client(settings.slack, token)
    duties = (await roll(agreement, today, due_soon_days=settings.due_soon_days)).duties
    return _Nudge(settings, client, team_id, found, row, version.label), duties


@dataclass
class _Nudge:
    settings: Settings
    client: AsyncWebClient
    team_id: str
    school: School
    agreement: Agreement
    version: str
    stopped: str = ""
    """The workspace-wide error that made the run stop calling Slack."""

    def key(self, person: Person, step: int, round_: int = 1) -> str:
        # Round 1 keeps the key nudges always had, so none already sent is sent again.
        again = f":round-{round_}" if round_ > 1 else ""
        return f"nudge:slack:{self.agreement.slug}:{self.version}:{person.id}{again}:step-{step}"

    async def send(
        self, person: Person, delivery: Delivery, reason: str, report: NudgeReport
    ) -> None:
        error = self.stopped if person.email else "no_email"
        if not error:
            try:
                delivery.address = await slack_user_for(
                    self.client, self.school, self.team_id, person
                )
                await direct_message(
                    self.client,
                    delivery.address,
                    self._message(reason),
                    f"Please read and sign {self.agreement.title}.",
                )
            except SlackApiError as exc:
                error = _error(exc)
            except (aiohttp.ClientError, TimeoutError) as exc:
                error = f"connection_error ({type(exc).__name__})"
        if _code(error) in _WORKSPACE_ERRORS:
            self.stopped = error
        await _finish(delivery, error)
        if error:
            report.failed.append((person.full_name, _explain(error)))
        else:
            report.sent.append(person.full_name)

    def _message(self, reason: str) -> list[blocks.Block]:
        url = agreement_url(
            self.settings.base_url, self.school.slug, self.agreement.slug, self.version
        )
        return blocks.nudge_blocks(
            self.agreement.title, self.agreement.slug, self.version, reason, url
        )


async def _claim(key: str, school: School, person: Person, step: int) -> Delivery | None:
    """The Delivery row this run may send, or None when another run has it or it is done."""
    try:
        return await Delivery.create(
            school=school,
            person=person,
            key=key,
            channel="slack",
            purpose="nudge",
            step=step,
            status="pending",
        )
    except IntegrityError:
        pass
    # A row left "pending" by a run that died mid-send stays so: better a nudge missed than two.
    earlier = await Delivery.get(key=key)
    if earlier.status != "failed" or _code(earlier.error) not in _PASSING_ERRORS:
        return None
    retaken = await Delivery.filter(id=earlier.id, status="failed").update(status="pending")
    return earlier if retaken else None


async def _finish(delivery: Delivery, error: str) -> None:
    if error:
        await Delivery.filter(id=delivery.id).update(
            status="failed", error=error, address=delivery.address
        )
    else:
        await Delivery.filter(id=delivery.id).update(
            status="sent", error="", address=delivery.address, sent_at=datetime.now(UTC)
        )


def _error(exc: SlackApiError) -> str:
    return str(exc.response.get("error") or f"http_{exc.response.status_code}")


def _code(error: str) -> str:
    """Slack's error code, without what we added after it."""
    return error.split(" ")[0]


def _explain(error: str) -> str:
    return f"{error} ({_WORDS[_code(error)]})" if _code(error) in _WORDS else error


async def _snoozed(agreement: Agreement) -> set[int]:
    rows = await NudgeSnooze.filter(agreement=agreement, until__gt=datetime.now(UTC)).values(
        "person_id"
    )
    return {int(r["person_id"]) for r in rows}


async def snooze(
    ack: AsyncAck,
    body: dict[str, Any],
    action: dict[str, Any],
    client: AsyncWebClient,
    context: AsyncBoltContext,
) -> None:
    """Remind me tomorrow: the next nudges skip the person until the school's next day."""
    await ack()
    found = school(context)
    if found is None:
        return
    match = await match_user(client, found, context.team_id or "", body["user"]["id"])
    agreement = await Agreement.get_or_none(school=found, slug=action["value"])
    if match.person is None or agreement is None:
        return
    await NudgeSnooze.create(
        school=found, person=match.person, agreement=agreement, until=_tomorrow(found)
    )
    container = body.get("container") or {}
    text = f"OK, I'll remind you about {agreement.title} tomorrow."
    await client.chat_update(
        channel=container.get("channel_id") or body["channel"]["id"],
        ts=container["message_ts"],
        text=text,
        blocks=[
            blocks.section(f"⏰ {blocks.escape(text)}"),
            {
                "type": "actions",
                "elements": [blocks.button("Read and sign now", "sign_open", agreement.slug)],
            },
        ],
    )


def _tomorrow(school: School) -> datetime:
    zone = ZoneInfo(school.timezone)
    return datetime.combine(today_at(school) + timedelta(days=1), time(0), zone).astimezone(UTC)
