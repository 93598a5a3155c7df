"""The office sends someone a fresh sign link: after "this isn't me" (once the roster has the
right address), or when they call to say the email never came or the link ran out."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from portal.settings import Settings
from portal.store.models import Invitation, School
from portal.usecases.invitations import NO_EMAIL, resend
from portal.usecases.sign_links import LinkState, load_link


class NewLink(StrEnum):
    """What came of it, for the page to say."""

    SENT = "sent"
    SIGNED = "signed"
    NO_ADDRESS = "no-address"
    NO_MAIL = "no-mail"
    FAILED = "failed"


async def send_new_link(
    settings: Settings, invitation_id: int, actor: str, now: datetime
) -> NewLink:
    """A new link replacing this one, to the address on file now; none once they have signed."""
    if not settings.smtp_url:
        return NewLink.NO_MAIL
    if (await load_link(invitation_id, now)).state is LinkState.SIGNED:
        return NewLink.SIGNED
    report = await resend(settings, invitation_id, actor)
    if report.sent:
        return NewLink.SENT
    if any(f.reason == NO_EMAIL for f in report.failed):
        return NewLink.NO_ADDRESS
    return NewLink.FAILED


async def send_new_link_to(
    settings: Settings,
    school: School,
    person_id: int,
    invitation_id: int,
    actor: str,
    now: datetime,
) -> NewLink | None:
    """The same, from a person's evidence page; None unless the link is theirs at this school."""
    if not await Invitation.exists(id=invitation_id, person_id=person_id, school_id=school.id):
        return None
    return await send_new_link(settings, invitation_id, actor, now)
