"""Publishing agreement versions into the database and reading them back as domain objects."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol
from zoneinfo import ZoneInfo

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from portal.core import agreements as core
from portal.core.catalog import Catalog
from portal.store import audit
from portal.store.models import Agreement, AgreementVersion, Clause, School


class VersionConflict(ValueError):
    """A published version's text may never change."""


@dataclass
class PublishReport:
    schools: list[str] = field(default_factory=list)
    published: list[str] = field(default_factory=list)
    unchanged: int = 0


async def sync_school(school: core.School) -> School:
    row, created = await School.get_or_create(
        slug=school.slug,
        defaults={"name": school.name, "timezone": school.timezone, "contacts": school.contacts},
    )
    if not created and (row.name, row.timezone, row.contacts) != (
        school.name,
        school.timezone,
        school.contacts,
    ):
        row.name, row.timezone, row.contacts = school.name, school.timezone, school.contacts
        await row.save()
    await audit.ensure_chain(row.slug)
    return row


async def publish_catalog(catalog: Catalog, *, by: str = "agreements folder") -> PublishReport:
    """Store every school, agreement and version in the folder; idempotent.

    Raises VersionConflict before storing anything if any stored version's text differs.
    """
    await _check_conflicts(catalog)
    report = PublishReport()
    for school in catalog.schools.values():
        await sync_school(school)
        report.schools.append(school.slug)
    for agreement in catalog.agreements:
        for version in agreement.versions:
            if await publish_version(agreement, version, by=by):
                report.published.append(f"{agreement.school}/{agreement.slug}/{version.label}")
            else:
                report.unchanged += 1
    return report


async def _check_conflicts(catalog: Catalog) -> None:
    problems = []
    for agreement in catalog.agreements:
        stored = {
            v.label: v.sha256
            for v in await AgreementVersion.filter(
                agreement__slug=agreement.slug, agreement__school__slug=agreement.school
            )
        }
        for version in agreement.versions:
            if version.label in stored and stored[version.label] != version.sha256:
                problems.append(
                    f"{agreement.school}/{agreement.slug} version {version.label} was published "
                    f"with different text (sha256 {stored[version.label][:12]}…, the file now "
                    f"{version.sha256[:12]}…). Published versions are immutable: restore the "
                    "file and publish the change as a new version."
                )
    if problems:
        raise VersionConflict("\n".join(problems))


async def publish_version(
    agreement: core.Agreement, version: core.AgreementVersion, *, by: str
) -> bool:
    """Store one version with its clauses; False when it is already stored unchanged."""
    school = await School.get(slug=agreement.school)
    async with in_transaction() as conn:
        row, _ = await Agreement.get_or_create(
            school=school,
            slug=agreement.slug,
            defaults=_agreement_fields(agreement),
            using_db=conn,
        )
        if await _already_stored(row, agreement, version, conn):
            return False
        await row.update_from_dict(_agreement_fields(agreement)).save(using_db=conn)
        await _store_version(school, row, version, by, conn)
        await _record_published(school, agreement, version, by, conn)
    return True


async def _already_stored(
    row: Agreement,
    agreement: core.Agreement,
    version: core.AgreementVersion,
    conn: BaseDBAsyncClient,
) -> bool:
    existing = (
        await AgreementVersion.filter(agreement=row, label=version.label).using_db(conn).first()
    )
    if existing is None:
        return False
    if existing.sha256 != version.sha256:
        raise VersionConflict(
            f"{agreement.school}/{agreement.slug} version {version.label} already exists "
            "with different text; publish a new version instead"
        )
    return True


async def _store_version(
    school: School,
    row: Agreement,
    version: core.AgreementVersion,
    by: str,
    conn: BaseDBAsyncClient,
) -> None:
    stored = await AgreementVersion.create(
        school=school,
        agreement=row,
        label=version.label,
        effective=version.effective,
        text=version.text,
        sha256=version.sha256,
        material=version.material,
        statement=version.statement,
        changes=version.changes,
        published_by=by,
        using_db=conn,
    )
    await Clause.bulk_create(
        [
            Clause(
                school=school,
                version=stored,
                ref=c.ref,
                number=c.number,
                heading=c.heading,
                section=c.section,
                text=c.text,
                position=c.position,
            )
            for c in version.clauses
        ],
        using_db=conn,
    )


async def _record_published(
    school: School,
    agreement: core.Agreement,
    version: core.AgreementVersion,
    by: str,
    conn: BaseDBAsyncClient,
) -> None:
    await audit.record(
        "version.published",
        actor=by,
        subject=f"{agreement.slug}/{version.label}",
        school=school,
        connection=conn,
        data={
            "sha256": version.sha256,
            "material": version.material,
            "effective": version.effective.isoformat(),
            "clauses": len(version.clauses),
        },
    )


def _agreement_fields(agreement: core.Agreement) -> dict[str, str]:
    return {
        "title": agreement.title,
        "audience": agreement.audience.value,
        "renewal": agreement.renewal.value,
        "anchor": agreement.anchor.value,
        "signers": agreement.signers.value,
    }


async def load_agreement(row: Agreement) -> core.Agreement:
    versions = await AgreementVersion.filter(agreement=row).order_by("effective", "id")
    clauses = await Clause.filter(version_id__in=[v.id for v in versions]).order_by("position")
    by_version: dict[int, list[core.Clause]] = {}
    for c in clauses:
        by_version.setdefault(c.version_id, []).append(clause_of(c))  # type: ignore[attr-defined]
    school = await School.get(id=row.school_id)  # type: ignore[attr-defined]
    return agreement_of(
        school.slug,
        row,
        (
            core.AgreementVersion(
                label=v.label,
                effective=_as_date(v.effective),
                text=v.text,
                clauses=tuple(by_version.get(v.id, ())),
                material=v.material,
                statement=v.statement,
                changes=v.changes,
                sha256=v.sha256,
            )
            for v in versions
        ),
    )


def clause_of(row: Clause) -> core.Clause:
    return core.Clause(
        ref=row.ref,
        number=row.number,
        heading=row.heading,
        text=row.text,
        section=row.section,
        position=row.position,
    )


class AgreementTerms(Protocol):
    """An agreement's stored terms, as a row or a query's result holds them."""

    @property
    def slug(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def audience(self) -> str: ...
    @property
    def renewal(self) -> str: ...
    @property
    def anchor(self) -> str: ...
    @property
    def signers(self) -> str: ...


def agreement_of(
    school_slug: str, terms: AgreementTerms, versions: Iterable[core.AgreementVersion]
) -> core.Agreement:
    return core.Agreement(
        school=school_slug,
        slug=terms.slug,
        title=terms.title,
        audience=core.Audience(terms.audience),
        renewal=core.Renewal(terms.renewal),
        anchor=core.Anchor(terms.anchor),
        signers=core.SignerRule(terms.signers),
        versions=tuple(versions),
    )


async def load_agreements(school_slug: str | None = None) -> list[core.Agreement]:
    query = Agreement.all().order_by("id")
    if school_slug is not None:
        query = query.filter(school__slug=school_slug)
    return [await load_agreement(row) for row in await query]


def _as_date(value: date) -> date:
    return value


@dataclass(frozen=True, slots=True)
class RenewalRule:
    """How long a signature of one version counts, on its school's calendar."""

    renewal: core.Renewal
    anchor: core.Anchor
    zone: ZoneInfo


async def renewal_rule(version_id: int) -> RenewalRule:
    # Read each time, never cached: publishing a later version may change the agreement's cycle.
    row = await AgreementVersion.get(id=version_id).values(
        "agreement__renewal", "agreement__anchor", "school__timezone"
    )
    return RenewalRule(
        core.Renewal(row["agreement__renewal"]),
        core.Anchor(row["agreement__anchor"]),
        ZoneInfo(row["school__timezone"]),
    )
