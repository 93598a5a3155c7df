"""The agreements, versions and teams a completion count starts from."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from portal.store.completion.rows import AgreementRow, VersionRow
from portal.store.models import AgreementVersion, StaffTeam

_AGREEMENT = ("id", "school_id", "slug", "title", "audience", "renewal", "anchor", "signers")
_VERSION = ("id", "label", "effective", "material", "sha256")


async def agreements(school_ids: Sequence[int], slug: str | None = None) -> list[AgreementRow]:
    """The agreements of these schools with their versions (no texts: the counts need none).

    One query, from the versions: an agreement is only ever stored with its first version.
    """
    query = AgreementVersion.filter(agreement__school_id__in=list(school_ids))
    if slug is not None:
        query = query.filter(agreement__slug=slug)
    rows = await query.order_by(
        "agreement__school_id", "agreement__title", "agreement_id", "effective", "id"
    ).values(*(f"agreement__{f}" for f in _AGREEMENT), *_VERSION)
    found: dict[int, tuple[dict[str, Any], list[VersionRow]]] = {}
    for row in rows:
        _, versions = found.setdefault(
            row["agreement__id"], ({f: row[f"agreement__{f}"] for f in _AGREEMENT}, [])
        )
        versions.append(VersionRow(*(row[f] for f in _VERSION)))
    return [AgreementRow(**head, versions=tuple(versions)) for head, versions in found.values()]


async def teams(school_id: int) -> dict[int, str]:
    return dict(await StaffTeam.filter(school_id=school_id).values_list("id", "name"))
