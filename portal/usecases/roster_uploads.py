"""A roster file uploaded in the office: checked first (nothing saved), then imported exactly as
checked.

Between the two steps the file waits in the database under its SHA-256, so the import reads the
very bytes the office looked at, whichever server takes the confirm; the confirm form names it by
that hash. A file never confirmed holds people's details for no purpose: it is cleared after a
day, the next time any school's roster page is used.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from portal.core.roster import Roster, RosterKind, read_roster
from portal.store.models import School
from portal.store.roster import ImportReport, import_roster
from portal.store.roster import uploads as store

MAX_BYTES = 20 * 1024 * 1024
"""Far above any school's export (a 2,000-pupil file with contacts is about 1 MB)."""
KEPT_FOR = timedelta(days=1)
_SHA256 = re.compile(r"[0-9a-f]{64}")


class UploadError(ValueError):
    """The upload cannot be used; the message says what to do."""


@dataclass(frozen=True, slots=True)
class Upload:
    name: str
    sha256: str
    data: bytes


@dataclass(frozen=True, slots=True)
class Checked:
    upload: Upload
    roster: Roster
    report: ImportReport
    """What the import would do (a dry run: nothing saved)."""


def received(name: str, data: bytes) -> Upload:
    clean = Path(name or "roster.csv").name[:200]
    if not data and name:
        raise UploadError(f"{clean} is empty: export it from the MIS again and choose that file.")
    if not data:
        raise UploadError("Choose the CSV file your MIS exported.")
    if len(data) > MAX_BYTES:
        raise UploadError(f"The file is over {MAX_BYTES // (1024 * 1024)} MB: is it the right one?")
    return Upload(clean, hashlib.sha256(data).hexdigest(), data)


async def keep(school: School, upload: Upload, now: datetime | None = None) -> None:
    now = now or datetime.now(UTC)
    await clear_old(now)
    await store.keep(school.id, upload.sha256, upload.data, now)


async def kept(school: School, sha256: str, name: str) -> Upload:
    """The file checked earlier, by its hash."""
    if not _SHA256.fullmatch(sha256):
        raise UploadError("That upload is not known here. Choose the file again.")
    data = await store.kept(school.id, sha256)
    if data is None:
        raise UploadError("That upload is no longer here. Choose the file again.")
    return Upload(Path(name).name[:200] or "roster.csv", sha256, data)


async def forget(school: School, upload: Upload) -> None:
    await store.forget(school.id, upload.sha256)


async def clear_old(now: datetime | None = None) -> None:
    """Files checked and never imported hold people's details: gone after KEPT_FOR."""
    await store.clear_before((now or datetime.now(UTC)) - KEPT_FOR)


def read(upload: Upload, kind: RosterKind | None) -> Roster:
    """The parsed file; RosterRefused lists every bad row."""
    return read_roster(upload.data, kind=kind)


async def check(school: School, upload: Upload, kind: RosterKind | None, actor: str) -> Checked:
    roster = read(upload, kind)
    report = await import_roster(school.slug, roster, actor=actor, dry_run=True)
    return Checked(upload, roster, report)


async def apply(
    school: School, upload: Upload, kind: RosterKind | None, actor: str, *, allow_leavers: bool
) -> tuple[Roster, ImportReport]:
    """Import it; TooManyLeavers (nothing saved) unless `allow_leavers`."""
    roster = read(upload, kind)
    report = await import_roster(
        school.slug,
        roster,
        actor=actor,
        source={"file": upload.name, "sha256": upload.sha256, "via": "office"},
        allow_leavers=allow_leavers,
    )
    return roster, report
