"""Answers on a sign link that are not signatures: a question, a refusal, "this isn't me"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from portal.mail import Mailer, MailError, render
from portal.settings import Settings
from portal.store import replies
from portal.store import signing as store
from portal.store.models import School
from portal.store.replies import Reply
from portal.usecases import resending
from portal.usecases.resending import NewLink
from portal.usecases.sign_links import LinkState, SignLink, load_link
from portal.wording import long_time, pupil_names

MAX_MESSAGE = 4000
ANSWERED_SHOWN = 50


class ResponseKind(StrEnum):
    QUESTION = "question"
    DISAGREE = "disagree"
    NOT_ME = "not-me"

    @property
    def summary(self) -> str:
        return {
            "question": "has a question",
            "disagree": "does not agree",
            "not-me": "says the link did not reach the right person",
        }[self.value]

    @property
    def label(self) -> str:
        return {"question": "Question", "disagree": "Does not agree", "not-me": "Not me"}[
            self.value
        ]


async def respond(
    settings: Settings,
    invitation_id: int,
    kind: ResponseKind,
    message: str,
    *,
    ip: str,
    user_agent: str,
    now: datetime,
) -> SignLink:
    """Record the answer and tell the school; "not me" also withdraws the link."""
    link = await load_link(invitation_id, now)
    if link.state is not LinkState.OPEN:
        return link
    message = message.strip()[:MAX_MESSAGE]
    await store.record_response(
        invitation_id=invitation_id,
        school_id=link.school_id,
        kind=kind.value,
        message=message,
        data={"ip": ip, "user_agent": user_agent[:500], "message_chars": len(message)},
        revoke=kind is ResponseKind.NOT_ME,
    )
    if link.office_email and settings.smtp_url:
        await _tell_office(settings, link, kind, message, now)
    return link


async def _tell_office(
    settings: Settings, link: SignLink, kind: ResponseKind, message: str, now: datetime
) -> None:
    email = render(
        "response",
        to=link.office_email,
        subject=f"{link.title}: {link.person_name} {kind.summary}",
        school=link.school_name,
        title=link.title,
        name=link.person_name,
        email=link.person_email,
        pupils=pupil_names(link.pupils),
        summary=kind.summary,
        message=message,
        when=long_time(now, link.timezone),
        invitation_id=link.invitation_id,
        replies_url=f"{settings.base_url.rstrip('/')}/office/{link.school_slug}/replies",
    )
    try:
        async with Mailer(settings) as mailer:
            await mailer.send(email)
    except MailError:
        pass  # the response and its audit entry are stored; the office's Replies page lists it


@dataclass(frozen=True, slots=True)
class Replies:
    waiting: list[Reply]
    """Oldest first."""
    answered: list[Reply]
    """The most recent, newest first."""


async def inbox(school: School) -> Replies:
    return Replies(await replies.waiting(school), await replies.answered(school, ANSWERED_SHOWN))


async def waiting_count(school: School) -> int:
    return await replies.waiting_count(school)


async def mark_answered(school: School, reply_id: int, actor: str, now: datetime) -> bool | None:
    """Once the office has been in touch. Signing nothing: the person still signs from the
    link (unless it was "this isn't me", which withdrew it)."""
    return await replies.mark_answered(school, reply_id, actor, now)


async def send_new_link(
    settings: Settings, school: School, reply_id: int, actor: str, now: datetime
) -> NewLink | None:
    """Email the person behind a reply a fresh link; None when this school has no such reply."""
    reply = await replies.one(school, reply_id)
    if reply is None:
        return None
    return await resending.send_new_link(settings, reply.invitation_id, actor, now)
