"""Inviting people to sign by email: one personal, expiring link each, sent at most once."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import Protocol
from zoneinfo import ZoneInfo

from itsdangerous import BadSignature, URLSafeTimedSerializer

from portal.core.agreements import Agreement, AgreementVersion, Audience
from portal.core.renewals import Standing, Status
from portal.core.roster import year_group
from portal.mail import Message, smtp_target
from portal.settings import Settings
from portal.store import campaigns as campaign_store
from portal.store import invitations as store
from portal.store.agreements import load_agreement
from portal.store.models import Agreement as AgreementRow
from portal.store.models import AgreementVersion as VersionRow
from portal.store.models import Invitation, Person, Pupil, School
from portal.usecases.delivery import LazyMailer, letter, send_claimed
from portal.usecases.obligations import Duty, PupilRef, Scope, Signer, Subject, roll
from portal.wording import natural_key

SALT = "signoff.sign-invitation"
NO_EMAIL = "no email address on file: send a paper letter (paper route)"


class InviteError(ValueError):
    """The request cannot be carried out as asked (unknown school, nothing in force…)."""


class InvalidToken(ValueError):
    """The link was not made by us, or was altered."""


class Progress(Protocol):
    def update(self, n: int = 1) -> object: ...
    def close(self) -> None: ...


def link_token(settings: Settings, invitation_id: int) -> str:
    # The token only names the invitation; expiry, revocation and the person live in the row.
    # Signed with the current key (the last one); the previous keys only verify.
    return URLSafeTimedSerializer(settings.signing_keys, salt=SALT).dumps(invitation_id)


def read_token(settings: Settings, token: str) -> int:
    # Links minted under a previous key (SIGNOFF_SECRET_KEY_PREVIOUS) still open, so a rotation
    # voids none already emailed; the keys are part of the cache key, so dropping one does too.
    return _verified(tuple(settings.signing_keys), token)


@lru_cache(maxsize=16384)
def _verified(keys: tuple[str, ...], token: str) -> int:
    # A token carries no age limit (the invitation row holds the expiry), so checking one is a
    # pure function of key and text: remembering recent answers spares each revisit the key
    # derivation and HMAC itsdangerous does on every call. A raise is never remembered, so
    # junk tokens cannot push good ones out.
    try:
        value = URLSafeTimedSerializer(keys, salt=SALT).loads(token)
    except BadSignature:
        raise InvalidToken(token) from None
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidToken(token)
    return value


def sign_url(settings: Settings, invitation_id: int) -> str:
    return f"{settings.base_url}/sign/{link_token(settings, invitation_id)}"


@dataclass(frozen=True, slots=True)
class Failure:
    signer: Signer
    reason: str


@dataclass
class InviteReport:
    agreement: str
    version: str
    created: int = 0
    reused: int = 0
    already_signed: int = 0
    sent: list[Signer] = field(default_factory=list)
    already_sent: list[Signer] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    unreachable: list[PupilRef] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Ticket:
    invitation: Invitation
    duty: Duty


@dataclass(frozen=True, slots=True)
class _Target:
    school: School
    agreement: Agreement
    version: AgreementVersion
    agreement_id: int
    version_id: int


async def invite(
    settings: Settings,
    school_slug: str,
    agreement_slug: str,
    scope: Scope | None = None,
    *,
    resend: bool = False,
    actor: str = "signoff invite",
    progress: Callable[[int], Progress] | None = None,
    now: datetime | None = None,
) -> InviteReport:
    """Invite everyone who must sign the version in force; safe to run again at any time."""
    smtp_target(settings)  # refuse before creating anything when email cannot be sent
    now = now or datetime.now(UTC)
    target = await _target(school_slug, agreement_slug, now)
    if scope is not None and target.agreement.audience is Audience.PARENT:
        scope = await _roster_scope(target.school, scope)
    today = now.astimezone(ZoneInfo(target.school.timezone)).date()
    current = await roll(target.agreement, today, scope or Scope(), settings.due_soon_days)
    report = InviteReport(agreement=f"{school_slug}/{agreement_slug}", version=target.version.label)
    report.unreachable = [s.pupil for s in current.unreachable if s.pupil is not None]
    duties = await _unsigned(current.duties, target.version_id, today, report)
    async with LazyMailer(settings) as mailer:
        await mailer.ready(duties)
        tickets = await _issue(
            settings, target, duties, resend=resend, actor=actor, now=now, report=report
        )
        await _send_all(settings, target, tickets, report, actor, progress, mailer)
    return report


async def _target(school_slug: str, agreement_slug: str, now: datetime) -> _Target:
    school = await School.get_or_none(slug=school_slug)
    if school is None:
        raise InviteError(f"no school {school_slug!r}")
    row = await AgreementRow.get_or_none(school=school, slug=agreement_slug)
    if row is None:
        raise InviteError(f"{school_slug} has no agreement {agreement_slug!r}")
    return await _in_force(school, row, now)


async def _in_force(school: School, row: AgreementRow, now: datetime) -> _Target:
    """The agreement's version in force on the school's day `now`."""
    agreement = await load_agreement(row)
    version = agreement.in_force(now.astimezone(ZoneInfo(school.timezone)).date())
    if version is None:
        raise InviteError(f"{school.slug}/{row.slug} has no version in force yet")
    version_row = await VersionRow.get(agreement=row, label=version.label)
    return _Target(school, agreement, version, row.id, version_row.id)


async def _roster_scope(school: School, scope: Scope) -> Scope:
    """The year group and class as the roster stores them ("4" is "Year 4", "4b" is "4B"),
    refused when no current pupil is in them: a typo must not read as "nobody left to ask"."""
    if scope.year_group is None and scope.form is None:
        return scope
    rows = await campaign_store.year_groups_and_classes(school)
    year = scope.year_group
    if year is not None:
        year = year_group(year)
        if year is None:
            raise InviteError(
                f'"{scope.year_group}" is not a year group (e.g. "Year 4", "Y4", "4", "Reception")'
            )
        years = {str(y) for y, _ in rows}
        if year not in years:
            raise InviteError(
                f"{school.slug} has no current pupils in {year} "
                f"(year groups: {', '.join(sorted(years, key=natural_key)) or 'none'})"
            )
    form = scope.form
    if form is not None:
        forms = {str(f).casefold(): str(f) for y, f in rows if f and year in (None, y)}
        form = forms.get(form.strip().casefold())
        if form is None:
            within = f" in {year}" if year else ""
            raise InviteError(
                f'{school.slug} has no current pupils in class "{scope.form}"{within} '
                f"(classes: {', '.join(sorted(forms.values(), key=natural_key)) or 'none'})"
            )
    return Scope(year, form)


async def _unsigned(
    duties: Sequence[Duty], version_id: int, today: date, report: InviteReport
) -> list[Duty]:
    kept = await unsigned(duties, version_id, today)
    report.already_signed += len(duties) - len(kept)
    return kept


async def unsigned(duties: Sequence[Duty], version_id: int, today: date) -> list[Duty]:
    """Drop what each person holds a signature of this very version for that still counts."""
    signed = await store.signed_subjects(version_id, (d.signer.id for d in duties), today)
    kept = []
    for duty in duties:
        subjects = tuple(s for s in duty.subjects if (duty.signer.id, s.key) not in signed)
        if subjects:
            kept.append(Duty(duty.signer, subjects))
    return kept


async def _issue(
    settings: Settings,
    target: _Target,
    duties: Sequence[Duty],
    *,
    resend: bool,
    actor: str,
    now: datetime,
    report: InviteReport,
) -> list[_Ticket]:
    live = await store.open_invitations(target.version_id, now)
    expires = now + timedelta(days=settings.invitation_days)
    tickets = []
    for duty in duties:
        invitation, created = await invitation_for(
            target.school,
            duty,
            live.get(duty.signer.id),
            agreement_id=target.agreement_id,
            version_id=target.version_id,
            expires=expires,
            actor=actor,
            resend=resend,
        )
        if created:
            report.created += 1
        else:
            report.reused += 1
        tickets.append(_Ticket(invitation, duty))
    return tickets


async def invitation_for(
    school: School,
    duty: Duty,
    old: Invitation | None,
    *,
    agreement_id: int,
    version_id: int,
    expires: datetime,
    actor: str,
    resend: bool = False,
) -> tuple[Invitation, bool]:
    """The person's live link when it covers all their pupils, else a new one replacing it.

    True with a new invitation, False with the live one reused.
    """
    pupil_ids = sorted(p.id for p in duty.pupils)
    if old is not None and not resend and set(pupil_ids) <= set(old.pupil_ids):
        return old, False
    new = await store.create(
        school,
        person_id=duty.signer.id,
        agreement_id=agreement_id,
        version_id=version_id,
        pupil_ids=pupil_ids,
        expires_at=expires,
        actor=actor,
        replaces=old,
    )
    return new, True


async def _send_all(
    settings: Settings,
    target: _Target,
    tickets: Sequence[_Ticket],
    report: InviteReport,
    actor: str,
    progress: Callable[[int], Progress] | None,
    mailer: LazyMailer,
) -> None:
    bar = progress(len(tickets)) if progress is not None else None
    try:
        for ticket in tickets:
            await _send_one(settings, target, ticket, mailer, report, actor)
            if bar is not None:
                bar.update(1)
    finally:
        if bar is not None:
            bar.close()


async def _send_one(
    settings: Settings,
    target: _Target,
    ticket: _Ticket,
    mailer: LazyMailer,
    report: InviteReport,
    actor: str,
) -> None:
    signer, invitation = ticket.duty.signer, ticket.invitation
    if not signer.email:
        report.failed.append(Failure(signer, NO_EMAIL))
        return
    key = f"invitation:{invitation.id}:email"
    if not await store.claim_delivery(
        target.school, invitation, purpose="invitation", address=signer.email, key=key
    ):
        report.already_sent.append(signer)
        return
    message = invitation_message(settings, target, ticket)
    error = await send_claimed(mailer, target.school, invitation, message, key=key, actor=actor)
    if error:
        report.failed.append(Failure(signer, error))
    else:
        report.sent.append(signer)


def invitation_message(settings: Settings, target: _Target, ticket: _Ticket) -> Message:
    return letter(
        "invitation",
        "Please sign",
        school=target.school,
        title=target.agreement.title,
        version=target.version.label,
        duty=ticket.duty,
        invitation=ticket.invitation,
        link=sign_url(settings, ticket.invitation.id),
    )


async def resend(settings: Settings, invitation_id: int, actor: str) -> InviteReport:
    """Replace one invitation with a fresh link and email it (the office's "send again").

    The fresh link asks for the version in force: when a newer one has come in since, the old
    link is retired too, and nothing is sent to someone who has signed the newer one already.
    """
    old = await Invitation.get_or_none(id=invitation_id)
    if old is None:
        raise InviteError(f"no invitation {invitation_id}")
    now = datetime.now(UTC)
    school = await School.get(id=old.school_id)  # type: ignore[attr-defined]
    agreement = await AgreementRow.get(id=old.agreement_id)  # type: ignore[attr-defined]
    target = await _in_force(school, agreement, now)
    newer = target.version_id != old.version_id  # type: ignore[attr-defined]
    report = InviteReport(agreement=f"{school.slug}/{agreement.slug}", version=target.version.label)
    duties = [await _duty_of(old)]
    if newer:
        today = now.astimezone(ZoneInfo(school.timezone)).date()
        duties = await _unsigned(duties, target.version_id, today, report)
    if duties:
        async with LazyMailer(settings) as mailer:
            await mailer.ready(duties)
            tickets = await _issue(
                settings, target, duties, resend=True, actor=actor, now=now, report=report
            )
            await _send_all(settings, target, tickets, report, actor, None, mailer)
    if newer and report.sent:
        await store.revoke(school, old.id, "replaced", actor)
    return report


async def _duty_of(invitation: Invitation) -> Duty:
    person = await Person.get(id=invitation.person_id)  # type: ignore[attr-defined]
    pupils = await Pupil.filter(id__in=invitation.pupil_ids).order_by("full_name")
    waiting = Standing(Status.NEVER_SIGNED)
    subjects = tuple(
        Subject(str(p.id), waiting, PupilRef(p.id, p.full_name, p.year_group, p.form))
        for p in pupils
    ) or (Subject("self", waiting),)
    return Duty(Signer(person.id, person.full_name, person.email), subjects)


async def revoke(invitation_id: int, reason: str, actor: str) -> bool:
    """Withdraw a link (e.g. reason "left" when the person leaves the school)."""
    invitation = await Invitation.get_or_none(id=invitation_id)
    if invitation is None:
        return False
    school = await School.get(id=invitation.school_id)  # type: ignore[attr-defined]
    return await store.revoke(school, invitation_id, reason, actor)
