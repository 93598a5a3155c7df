"""Signing without email: paper letters with a QR code of each person's own link, and the
office recording a paper slip or phone call, at the lower staff-recorded assurance.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from datetime import time as clock
from html import escape
from zoneinfo import ZoneInfo

import qrcode
import qrcode.image.svg

from portal.core.agreements import Agreement, Audience
from portal.core.evidence import Assurance
from portal.settings import Settings
from portal.store import campaigns as store
from portal.store import invitations as invitation_store
from portal.store.models import School
from portal.usecases.campaigns import CampaignError, Letter, Loaded, View, duties_of, load, view_of
from portal.usecases.invitations import sign_url
from portal.usecases.signing import Evidence, Signing, SignRequest, sign_agreement
from portal.wording import long_date

MAX_REASON = 500


async def paper_letters(
    settings: Settings, school: School, campaign_id: int, now: datetime
) -> tuple[View, list[Letter]] | None:
    """The printable list: each person without email, with their own link as a QR code.

    Links exist once the campaign has been sent; until then the letters carry none.
    """
    loaded = await load(school, campaign_id)
    if loaded is None:
        return None
    duties, _ = await duties_of(settings, loaded, now)
    live = await invitation_store.open_invitations(loaded.version.id, now)
    letters = []
    for duty in (d for d in duties if not d.signer.email):
        invitation = live.get(duty.signer.id)
        link = sign_url(settings, invitation.id) if invitation is not None else ""
        letters.append(
            Letter(
                duty.signer.id,
                duty.signer.full_name,
                duty.pupils,
                link,
                qr_svg(link, duty.signer.full_name) if link else "",
            )
        )
    return await view_of(loaded, now), letters


def qr_svg(link: str, name: str) -> str:
    """An inline SVG QR code whose text alternative says whose link it is."""
    image = qrcode.make(link, image_factory=qrcode.image.svg.SvgPathImage, box_size=10)
    svg: str = image.to_string(encoding="unicode")
    label = escape(f"QR code for {name}'s personal signing link")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" class="qr" ', 1)


async def record_signature(
    settings: Settings,
    school: School,
    campaign_id: int,
    slip: Slip,
    recorded_by: str,
    now: datetime,
) -> Signing:
    """Record a paper slip or phone call through `sign_agreement`, at staff-recorded assurance."""
    loaded = await load(school, campaign_id)
    if loaded is None:
        raise CampaignError("No such campaign.")
    person = await store.person(school, slip.person_id)
    if person is None:
        raise CampaignError("Choose who signed.")
    keys = await _subject_keys(school, loaded.agreement, person.id, person.kind, slip.pupil_ids)
    signed_at = _signed_at(loaded, slip, now)
    request = SignRequest(
        school_id=school.id,
        person_id=person.id,
        agreement_id=loaded.agreement_id,
        version_id=loaded.version.id,
        subject_keys=keys,
        shown_sha256=loaded.version.sha256,
    )
    evidence = _staff_evidence(loaded, slip, person.full_name, recorded_by, signed_at, now)
    signing = await sign_agreement(request, evidence, settings=settings, at=signed_at)
    if signing.created:
        await _note_recorded(school, person.id, evidence, signing)
    return signing


def _staff_evidence(
    loaded: Loaded,
    slip: Slip,
    typed_name: str,
    recorded_by: str,
    signed_at: datetime,
    now: datetime,
) -> Evidence:
    details = {
        "reason": slip.reason.strip(),
        "campaign_id": loaded.row.id,
        "signed_on": signed_at.date().isoformat(),
        "recorded_at": now.isoformat(),
    }
    return Evidence(
        typed_name=typed_name,
        channel=slip.channel,
        assurance=Assurance.RECORDED_BY_STAFF,
        recorded_by=recorded_by,
        details=details,
    )


async def _note_recorded(
    school: School, person_id: int, evidence: Evidence, signing: Signing
) -> None:
    await store.note_recorded(
        school,
        person_id,
        evidence.recorded_by,
        {
            **evidence.details,
            "channel": evidence.channel,
            "acknowledgement_ids": list(signing.acknowledgement_ids),
            "assurance": Assurance.RECORDED_BY_STAFF.value,
        },
    )


@dataclass(frozen=True, slots=True)
class Slip:
    """What the office enters for a signature it takes on someone's behalf."""

    person_id: int
    channel: str  # paper | phone
    reason: str
    signed_on: date
    pupil_ids: tuple[int, ...] = ()


def _signed_at(loaded: Loaded, slip: Slip, now: datetime) -> datetime:
    if slip.channel not in {"paper", "phone"}:
        raise CampaignError("Say whether it was signed on paper or by phone.")
    if not slip.reason.strip():
        raise CampaignError("Give the reason it was recorded by the office.")
    if len(slip.reason) > MAX_REASON:
        raise CampaignError(f"Keep the reason under {MAX_REASON} characters.")
    zone = ZoneInfo(loaded.school.timezone)
    today = now.astimezone(zone).date()
    if slip.signed_on > today:
        raise CampaignError("The date signed cannot be in the future.")
    if slip.signed_on < loaded.version.effective:
        raise CampaignError(
            f"Version {loaded.version.label} came into force on "
            f"{long_date(loaded.version.effective)}: it cannot have been signed before."
        )
    if slip.signed_on == today:
        return now
    # A slip carries a day, not a time: midday keeps it on that day in any timezone nearby.
    return datetime.combine(slip.signed_on, clock(12), tzinfo=zone).astimezone(UTC)


async def _subject_keys(
    school: School, agreement: Agreement, person_id: int, kind: str, pupil_ids: Sequence[int]
) -> tuple[str, ...]:
    if agreement.audience is Audience.STAFF:
        if kind != "staff":
            raise CampaignError(f"{agreement.title} is for staff to sign.")
        return ("self",)
    allowed = {p.id for p in await store.responsible_for(school, person_id)}
    chosen = set(pupil_ids)
    if not chosen:
        raise CampaignError("Choose the pupils the signature is for.")
    if not chosen <= allowed:
        raise CampaignError("They can sign only for pupils they have parental responsibility for.")
    return tuple(str(p) for p in sorted(chosen))
