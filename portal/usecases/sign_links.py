"""What a personal sign link shows and does: the form, the receipt, or why it no longer works."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from portal.core.agreements import Anchor, Renewal
from portal.core.evidence import Assurance
from portal.core.renewals import counts_on, school_day
from portal.settings import Settings
from portal.store import sign_reads as reads
from portal.store import signing as store
from portal.store.models import AuditEvent
from portal.usecases.obligations import PupilRef
from portal.usecases.signing import SELF, Evidence, SignRequest, sign_agreement

EMAIL_LINK = "email-link"


class LinkState(StrEnum):
    OPEN = "open"
    SIGNED = "signed"
    UNKNOWN = "unknown"
    EXPIRED = "expired"
    REPLACED = "replaced"
    SUPERSEDED = "superseded"
    """A version with a material change has come into force since: signing the old text would
    not count, so the link asks for a new one (to the version in force)."""
    LEFT = "left"
    NOT_ME = "not-me"
    WITHDRAWN = "withdrawn"

    @property
    def usable(self) -> bool:
        return self in {LinkState.OPEN, LinkState.SIGNED}


_REVOKED = {"replaced": LinkState.REPLACED, "left": LinkState.LEFT, "not-me": LinkState.NOT_ME}


@dataclass(frozen=True, slots=True)
class SignedFor:
    acknowledgement_id: int
    subject_key: str
    signed_at: datetime
    typed_name: str
    version_sha256: str
    channel: str
    assurance: str
    ip: str
    user_agent: str
    round: int = 1


@dataclass(frozen=True, slots=True)
class Covered:
    """A pupil whom another adult's signature covers already (one adult's is enough)."""

    pupil: PupilRef
    signed_on: date


@dataclass(frozen=True, slots=True)
class SignLink:
    """One invitation as its holder sees it. Outside OPEN and SIGNED only the school shows."""

    state: LinkState
    school_name: str = ""
    office: str = ""
    office_email: str = ""
    invitation_id: int = 0
    school_id: int = 0
    school_slug: str = ""
    timezone: str = "Europe/London"
    person_id: int = 0
    person_name: str = ""
    person_email: str = ""
    agreement_id: int = 0
    title: str = ""
    version_id: int = 0
    version: store.VersionText | None = None
    pupils: tuple[PupilRef, ...] = ()
    expires_at: datetime | None = None
    opened: bool = False
    signed: tuple[SignedFor, ...] = ()
    last_signed_label: str | None = None
    """The version the person signed last when it is not this one (for "what changed")."""
    rounds: tuple[store.LatestAck, ...] = ()
    """Each subject's newest round of this version, lapsed or not (what signing again builds on)."""
    covered: tuple[Covered, ...] = ()
    """Pupils this person has not signed for whom another adult's signature covers: their own
    signature is welcome but not needed (the page says so, without naming the other adult)."""

    @property
    def subject_keys(self) -> tuple[str, ...]:
        return tuple(str(p.id) for p in self.pupils) or (SELF,)

    @property
    def still_needed(self) -> tuple[PupilRef, ...]:
        """Pupils whom nobody's standing signature covers yet."""
        done = {s.subject_key for s in self.signed} | {str(c.pupil.id) for c in self.covered}
        return tuple(p for p in self.pupils if str(p.id) not in done)

    @property
    def unsigned_keys(self) -> tuple[str, ...]:
        done = {s.subject_key for s in self.signed}
        return tuple(k for k in self.subject_keys if k not in done)


async def load_link(invitation_id: int, now: datetime) -> SignLink:
    """The link at `now`: signed while each subject's latest signature counts, else the form."""
    return await _load(invitation_id, now, through_link=False)


async def _load(invitation_id: int, now: datetime, *, through_link: bool) -> SignLink:
    row = await reads.invitation_row(invitation_id)
    if row is None:
        return SignLink(LinkState.UNKNOWN)
    pupil_rows = sorted(row["pupils"], key=lambda p: (p["full_name"], p["id"]))
    if not _same_school(row, pupil_rows):
        # Rows that cross schools can only come from a fault: show nothing of either school.
        return SignLink(LinkState.UNKNOWN)
    link = _link(row, [p for p in pupil_rows if p["left_at"] is None])
    state = _revoked_state(row, bool(row["pupil_ids"]) and not link.pupils)
    if state is not None:
        return _problem(link, state)
    history = sorted(row["history"], key=lambda a: (a["signed_at"], a["id"]), reverse=True)
    link = replace(link, rounds=_rounds(link, history))
    stands = _stands(row, now, through_link)
    signed = _signed(link, history, stands)
    earlier = await _earlier_label(link, history)
    if len(signed) == len(link.subject_keys):
        return replace(
            link,
            state=LinkState.SIGNED,
            signed=signed,
            last_signed_label=earlier,
            version=await store.version_text(link.version_id),
        )
    if _superseded(row, now):
        return _problem(link, LinkState.SUPERSEDED)
    if row["expires_at"] <= now:
        return _problem(link, LinkState.EXPIRED)
    return replace(
        link,
        signed=signed,
        last_signed_label=earlier,
        covered=_covered(link, row, signed, stands),
        version=await store.version_text(link.version_id),
    )


async def open_link(invitation_id: int, now: datetime, *, ip: str, user_agent: str) -> SignLink:
    """Load the link; the first opening of a live link goes into the audit chain."""
    link = await load_link(invitation_id, now)
    if link.state is LinkState.OPEN and not link.opened:
        await store.mark_opened(
            invitation_id, link.school_id, now, {"ip": ip, "user_agent": user_agent[:500]}
        )
    return link


async def sign_by_link(
    settings: Settings,
    invitation_id: int,
    *,
    typed_name: str,
    shown_sha256: str,
    ip: str,
    user_agent: str,
    now: datetime,
) -> LinkState:
    """Sign what the link covers; a second submit finds it SIGNED and writes nothing."""
    link = await load_link(invitation_id, now)
    if link.state is not LinkState.OPEN:
        return link.state
    request = SignRequest(
        school_id=link.school_id,
        person_id=link.person_id,
        agreement_id=link.agreement_id,
        version_id=link.version_id,
        subject_keys=link.unsigned_keys,
        shown_sha256=shown_sha256,
    )
    evidence = Evidence(
        typed_name=typed_name,
        channel=EMAIL_LINK,
        assurance=Assurance.EMAIL_LINK,
        ip=ip,
        user_agent=user_agent,
        invitation_id=invitation_id,
        details={
            "statement": link.version.statement if link.version else "",
            "version": link.version.label if link.version else "",
        },
    )
    latest = {r.subject_key: r for r in link.rounds}
    await sign_agreement(request, evidence, settings=settings, at=now, latest=latest)
    return LinkState.SIGNED


@dataclass(frozen=True, slots=True)
class Certificate:
    link: SignLink
    trail: tuple[AuditEvent, ...]


async def certificate(invitation_id: int, now: datetime) -> Certificate | SignLink:
    """The facts a certificate prints, or the link's problem when nothing was signed.

    What was signed through this link stays certified after it lapses and is renewed elsewhere.
    """
    link = await _load(invitation_id, now, through_link=True)
    if link.state is not LinkState.SIGNED:
        return link
    trail = await store.audit_trail(link.school_slug, f"invitation:{invitation_id}")
    return Certificate(link, tuple(trail))


def _same_school(row: dict[str, Any], pupils: list[dict[str, Any]]) -> bool:
    school = row["school_id"]
    return (
        row["person__school_id"] == school
        and row["agreement__school_id"] == school
        and all(p["school_id"] == school for p in pupils)
    )


def _revoked_state(row: dict[str, Any], pupils_left: bool) -> LinkState | None:
    if row["revoked_at"] is not None:
        return _REVOKED.get(row["revoked_reason"], LinkState.WITHDRAWN)
    if row["person__left_at"] is not None or pupils_left:
        return LinkState.LEFT
    return None


def _link(row: dict[str, Any], pupils: list[dict[str, Any]]) -> SignLink:
    contacts = row["school__contacts"] or {}
    return SignLink(
        state=LinkState.OPEN,
        invitation_id=row["id"],
        school_id=row["school_id"],
        school_slug=row["school__slug"],
        school_name=row["school__name"],
        timezone=row["school__timezone"],
        office=str(contacts.get("office", "")),
        office_email=str(contacts.get("office_email", "")),
        person_id=row["person_id"],
        person_name=row["person__full_name"],
        person_email=row["person__email"] or "",
        agreement_id=row["agreement_id"],
        title=row["agreement__title"],
        version_id=row["version_id"],
        expires_at=row["expires_at"],
        opened=row["opened_at"] is not None,
        pupils=tuple(PupilRef(p["id"], p["full_name"], p["year_group"], p["form"]) for p in pupils),
    )


def _problem(link: SignLink, state: LinkState) -> SignLink:
    # Only the school's name and how to reach its office survive: never the person or pupils.
    return SignLink(
        state, school_name=link.school_name, office=link.office, office_email=link.office_email
    )


def _superseded(row: dict[str, Any], now: datetime) -> bool:
    today = school_day(now, ZoneInfo(row["school__timezone"]))
    versions = row["versions"]
    mine = next(v["effective"] for v in versions if v["id"] == row["version_id"])
    return any(v["material"] and mine < v["effective"] <= today for v in versions)


def _stands(
    row: dict[str, Any], now: datetime, through_link: bool
) -> Callable[[dict[str, Any]], bool]:
    """Whether a subject's latest acknowledgement still covers it on the school's day today."""
    renewal, anchor = Renewal(row["agreement__renewal"]), Anchor(row["agreement__anchor"])
    zone = ZoneInfo(row["school__timezone"])
    today = school_day(now, zone)

    def stands(ack: dict[str, Any]) -> bool:
        if through_link and ack["invitation_id"] == row["id"]:
            return True
        return counts_on(renewal, anchor, school_day(ack["signed_at"], zone), today)

    return stands


def _signed(
    link: SignLink, history: list[dict[str, Any]], stands: Callable[[dict[str, Any]], bool]
) -> tuple[SignedFor, ...]:
    """Each subject's latest round of this version, oldest first, where it still stands."""
    keys = set(link.subject_keys)
    mine = [a for a in history if a["version_id"] == link.version_id and a["subject_key"] in keys]
    latest = {a["subject_key"]: a for a in sorted(mine, key=lambda a: a["round"])}
    return tuple(
        SignedFor(
            a["id"],
            a["subject_key"],
            a["signed_at"],
            a["typed_name"],
            a["version_sha256"],
            a["channel"],
            a["assurance"],
            a["ip"],
            a["user_agent"],
            a["round"],
        )
        for a in sorted(latest.values(), key=lambda a: (a["signed_at"], a["id"]))
        if stands(a)
    )


def _covered(
    link: SignLink,
    row: dict[str, Any],
    signed: tuple[SignedFor, ...],
    stands: Callable[[dict[str, Any]], bool],
) -> tuple[Covered, ...]:
    """The link's pupils, not yet signed for by this person, that another adult's standing
    signature of this version or a later one covers (the read brings none unless one adult's
    signature is enough)."""
    effective = {v["id"]: v["effective"] for v in row["versions"]}
    mine = effective[link.version_id]
    own = {s.subject_key for s in signed}
    newest: dict[str, datetime] = {}
    for ack in row["others"]:
        key = ack["subject_key"]
        if key in own or effective[ack["version_id"]] < mine or not stands(ack):
            continue
        newest[key] = max(newest.get(key, ack["signed_at"]), ack["signed_at"])
    zone = ZoneInfo(link.timezone)
    return tuple(
        Covered(p, school_day(newest[str(p.id)], zone)) for p in link.pupils if str(p.id) in newest
    )


def _rounds(link: SignLink, history: list[dict[str, Any]]) -> tuple[store.LatestAck, ...]:
    keys = set(link.subject_keys)
    newest: dict[str, dict[str, Any]] = {}
    for ack in history:
        if ack["version_id"] != link.version_id or ack["subject_key"] not in keys:
            continue
        if ack["subject_key"] not in newest or ack["round"] > newest[ack["subject_key"]]["round"]:
            newest[ack["subject_key"]] = ack
    return tuple(
        store.LatestAck(a["id"], a["subject_key"], a["round"], a["signed_at"])
        for a in newest.values()
    )


async def _earlier_label(link: SignLink, history: list[dict[str, Any]]) -> str | None:
    """The version signed last when it is not this one: a renewal of the same text has no
    "what changed"."""
    if not history or history[0]["version_id"] == link.version_id:
        return None
    version = await store.version_text(history[0]["version_id"])
    return version.label if version is not None else None
