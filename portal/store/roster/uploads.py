"""Roster files checked in the office and waiting for the office to confirm the import."""

from __future__ import annotations

from datetime import datetime

from tortoise.exceptions import IntegrityError

from portal.store.office_models import RosterUpload


async def keep(school_id: int, sha256: str, data: bytes, now: datetime) -> None:
    """Keep the file under its hash; the same file checked again restarts its clock."""
    if await RosterUpload.filter(school_id=school_id, sha256=sha256).update(kept_at=now):
        return
    try:
        await RosterUpload.create(school_id=school_id, sha256=sha256, data=data, kept_at=now)
    except IntegrityError:  # checked twice at once: the other request kept the same bytes
        await RosterUpload.filter(school_id=school_id, sha256=sha256).update(kept_at=now)


async def kept(school_id: int, sha256: str) -> bytes | None:
    rows = await RosterUpload.filter(school_id=school_id, sha256=sha256).values_list(
        "data", flat=True
    )
    return bytes(rows[0]) if rows else None


async def forget(school_id: int, sha256: str) -> None:
    await RosterUpload.filter(school_id=school_id, sha256=sha256).delete()


async def clear_before(cutoff: datetime) -> int:
    """Every school's files checked before `cutoff` and never imported."""
    return await RosterUpload.filter(kept_at__lt=cutoff).delete()
