"""Emailing a person their sign link: the letter, the connection, and the record of the send.

`signoff invite`, campaign sending and campaign reminders all send through here, so a message is
written and recorded the same way whichever of them sends it.
"""

from __future__ import annotations

from collections.abc import Sequence

from portal.mail import Mailer, MailError, Message, render
from portal.settings import Settings
from portal.store import invitations as store
from portal.store.models import Invitation, School
from portal.usecases.obligations import Duty
from portal.wording import long_date


def letter(
    template: str,
    lead: str,
    *,
    school: School,
    title: str,
    version: str,
    duty: Duty,
    invitation: Invitation,
    link: str,
) -> Message:
    return render(
        template,
        to=duty.signer.email or "",
        subject=f"{lead}: {title} ({school.name})",
        school=school.name,
        title=title,
        version=version,
        name=duty.signer.full_name,
        pupils=duty.pupils,
        link=link,
        expires=long_date(invitation.expires_at, school.timezone),
    )


async def send_claimed(
    mailer: LazyMailer,
    school: School,
    invitation: Invitation,
    message: Message,
    *,
    key: str,
    actor: str,
) -> str:
    """Send a message whose delivery `key` was claimed, and record the outcome; the error, or ""."""
    error = ""
    try:
        await mailer.send(message)
    except MailError as exc:
        error = str(exc)
    await store.finish_delivery(
        school, key, subject_id=store.subject(invitation.id), actor=actor, error=error
    )
    return error


class LazyMailer:
    """Connects on the first message, so a run with nothing to send never dials the server."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._mailer: Mailer | None = None

    async def __aenter__(self) -> LazyMailer:
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._mailer is not None:
            await self._mailer.__aexit__(None, None, None)

    async def ready(self, duties: Sequence[Duty]) -> None:
        """Connect now when anyone has an address: an unreachable server stops the run before
        a single link is created, rather than failing once per person."""
        if any(d.signer.email for d in duties):
            await self._connect()

    async def send(self, message: Message) -> None:
        await self._connect()
        assert self._mailer is not None
        await self._mailer.send(message)

    async def _connect(self) -> None:
        if self._mailer is None:
            mailer = Mailer(self._settings)
            await mailer.__aenter__()
            self._mailer = mailer
