"""Who must sign an agreement on a given day, and for whom.

Staff agreements cover each current member of staff. Parent agreements are counted per current
pupil: under the `any` rule a pupil is covered once any current adult with parental
responsibility holds a current acknowledgement for them; under `every`, once all of them do.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from portal.core.agreements import Agreement, Audience, SignerRule
from portal.core.renewals import (
    DEFAULT_DUE_SOON_DAYS,
    Signature,
    Standing,
    Status,
    school_day,
    standing,
)
from portal.store import obligations as store

SELF = "self"
# Least covered first: the order in which a pupil's standing is judged under `every`.
_RANK = {
    Status.NEVER_SIGNED: 0,
    Status.SUPERSEDED: 1,
    Status.OVERDUE: 2,
    Status.DUE_SOON: 3,
    Status.CURRENT: 4,
}


class UnknownAgreement(LookupError):
    """The agreement has not been published to the database."""


@dataclass(frozen=True, slots=True)
class Scope:
    """Narrows a parent agreement to some pupils; staff agreements ignore it."""

    year_group: str | None = None
    form: str | None = None


@dataclass(frozen=True, slots=True)
class Signer:
    id: int
    full_name: str
    email: str | None


@dataclass(frozen=True, slots=True)
class PupilRef:
    id: int
    full_name: str
    year_group: str = ""
    form: str = ""


@dataclass(frozen=True, slots=True)
class Subject:
    """What one signature is for: the signer themself (key "self") or one pupil (its id)."""

    key: str
    standing: Standing
    pupil: PupilRef | None = None


@dataclass(frozen=True, slots=True)
class SignatureFact:
    person_id: int
    subject_key: str
    signature: Signature


@dataclass(frozen=True, slots=True)
class Duty:
    """One person who must sign, and the subjects their signature has to cover."""

    signer: Signer
    subjects: tuple[Subject, ...]

    @property
    def pupils(self) -> tuple[PupilRef, ...]:
        return tuple(s.pupil for s in self.subjects if s.pupil is not None)


@dataclass(frozen=True, slots=True)
class Roll:
    """Every subject's standing on one day, and the duties that follow from it."""

    agreement: Agreement
    on: date
    subjects: tuple[Subject, ...]
    duties: tuple[Duty, ...]

    @property
    def outstanding(self) -> tuple[Subject, ...]:
        return tuple(s for s in self.subjects if s.standing.status.outstanding)

    @property
    def unreachable(self) -> tuple[Subject, ...]:
        """Outstanding pupils with no current adult with parental responsibility to ask."""
        asked = {s.key for d in self.duties for s in d.subjects}
        return tuple(s for s in self.outstanding if s.key not in asked)


async def roll(
    agreement: Agreement,
    on: date,
    scope: Scope = Scope(),
    due_soon_days: int = DEFAULT_DUE_SOON_DAYS,
) -> Roll:
    key = await store.agreement_key(agreement.school, agreement.slug)
    if key is None:
        raise UnknownAgreement(f"{agreement.school}/{agreement.slug} is not published")
    zone = ZoneInfo(key.timezone)
    if agreement.audience is Audience.STAFF:
        staff = [Signer(p.id, p.full_name, p.email) for p in await store.current_staff(key)]
        facts = _facts(await store.staff_signatures(key), zone)
        return staff_roll(agreement, staff, facts, on, due_soon_days)
    pupils = await store.current_pupils(key, scope.year_group, scope.form)
    links = await store.responsible_adults(key, scope.year_group, scope.form)
    facts = _facts(await store.pupil_signatures(key, scope.year_group, scope.form), zone)
    return parent_roll(
        agreement,
        [PupilRef(p.id, p.full_name, p.year_group, p.form) for p in pupils],
        [(Signer(a.id, a.full_name, a.email), pupil) for a, pupil in links],
        facts,
        on,
        due_soon_days,
    )


async def who_must_sign(
    agreement: Agreement,
    on: date,
    scope: Scope = Scope(),
    due_soon_days: int = DEFAULT_DUE_SOON_DAYS,
) -> tuple[Duty, ...]:
    return (await roll(agreement, on, scope, due_soon_days)).duties


def _facts(rows: Iterable[store.SignatureRow], zone: ZoneInfo) -> list[SignatureFact]:
    return [
        SignatureFact(
            r.person_id,
            r.subject_key,
            Signature(r.version_label, school_day(r.signed_at, zone), r.round),
        )
        for r in rows
    ]


def staff_roll(
    agreement: Agreement,
    staff: Sequence[Signer],
    facts: Sequence[SignatureFact],
    on: date,
    due_soon_days: int = DEFAULT_DUE_SOON_DAYS,
) -> Roll:
    by_person: dict[int, list[Signature]] = defaultdict(list)
    for fact in facts:
        if fact.subject_key == SELF:
            by_person[fact.person_id].append(fact.signature)
    subjects, duties = [], []
    for person in staff:
        subject = Subject(SELF, standing(agreement, by_person[person.id], on, due_soon_days))
        subjects.append(subject)
        if subject.standing.status.outstanding:
            duties.append(Duty(person, (subject,)))
    return Roll(agreement, on, tuple(subjects), tuple(duties))


def parent_roll(
    agreement: Agreement,
    pupils: Sequence[PupilRef],
    links: Sequence[tuple[Signer, int]],
    facts: Sequence[SignatureFact],
    on: date,
    due_soon_days: int = DEFAULT_DUE_SOON_DAYS,
) -> Roll:
    adults: dict[int, list[Signer]] = defaultdict(list)
    for adult, pupil_id in links:
        adults[pupil_id].append(adult)
    signed: dict[tuple[int, str], list[Signature]] = defaultdict(list)
    for fact in facts:
        signed[fact.person_id, fact.subject_key].append(fact.signature)
    judge = _judge_any if agreement.signers is SignerRule.ANY else _judge_every
    subjects: list[Subject] = []
    asks: dict[Signer, list[Subject]] = defaultdict(list)
    for pupil in pupils:
        subject, asked = judge(agreement, pupil, adults[pupil.id], signed, on, due_soon_days)
        subjects.append(subject)
        for adult, own in asked:
            asks[adult].append(own)
    duties = tuple(Duty(adult, tuple(own)) for adult, own in asks.items())
    return Roll(agreement, on, tuple(subjects), duties)


_Signed = dict[tuple[int, str], list[Signature]]
_Judgement = tuple[Subject, list[tuple[Signer, Subject]]]


def _judge_any(
    agreement: Agreement,
    pupil: PupilRef,
    adults: list[Signer],
    signed: _Signed,
    on: date,
    due_soon_days: int,
) -> _Judgement:
    """Covered by any one adult's current signature; until then every adult is asked."""
    key = str(pupil.id)
    signatures = [s for a in adults for s in signed.get((a.id, key), ())]
    subject = Subject(key, standing(agreement, signatures, on, due_soon_days), pupil)
    return subject, [(a, subject) for a in adults] if subject.standing.status.outstanding else []


def _judge_every(
    agreement: Agreement,
    pupil: PupilRef,
    adults: list[Signer],
    signed: _Signed,
    on: date,
    due_soon_days: int,
) -> _Judgement:
    """Covered once each adult has signed; each adult is asked only for their own part."""
    key = str(pupil.id)
    own = [
        (
            a,
            Subject(
                key, standing(agreement, signed.get((a.id, key), ()), on, due_soon_days), pupil
            ),
        )
        for a in adults
    ]
    if not own:
        return Subject(key, standing(agreement, (), on, due_soon_days), pupil), []
    worst = min((s for _, s in own), key=lambda s: _RANK[s.standing.status])
    return worst, [(a, s) for a, s in own if s.standing.status.outstanding]
