"""The agreements as published in the database, and the answer engine built from them.

Office staff publish versions in the browser, so the database, not the agreements folder, is what
answers must quote. Building the engine takes most of a second: it is built off the event loop and
only again when the published versions (or the schools' details) change.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from portal.core import agreements as core
from portal.core.answers import AnswerEngine
from portal.core.catalog import Catalog
from portal.store.agreements import load_agreements
from portal.store.models import AgreementVersion, School

_Stamp = tuple[object, ...]


@dataclass(frozen=True, slots=True)
class Published:
    """One moment's published agreements and the engine that answers from them."""

    catalog: Catalog
    engine: AnswerEngine

    def title(self, school: str, agreement: str) -> str:
        found = self.catalog.agreement(school, agreement)
        return found.title if found is not None else agreement


class PublishedAgreements:
    """Per process: the latest Published, rebuilt when a version is published."""

    def __init__(self, curation_root: Path | None = None) -> None:
        self._curation_root = curation_root
        self._stamp: _Stamp | None = None
        self._published: Published | None = None
        self._lock = asyncio.Lock()

    async def current(self) -> Published:
        # Two small queries a call; the rebuild itself happens only when they differ.
        schools = await _schools()
        stamp = await _stamp(schools)
        async with self._lock:
            if self._published is None or stamp != self._stamp:
                self._published = await self._build(schools)
                self._stamp = stamp
            return self._published

    async def _build(self, schools: dict[str, core.School]) -> Published:
        catalog = Catalog(schools=schools, agreements=tuple(await load_agreements()))
        engine = await asyncio.to_thread(
            AnswerEngine.from_catalog, catalog, curation_root=self._curation_root
        )
        return Published(catalog, engine)


async def _schools() -> dict[str, core.School]:
    return {
        row.slug: core.School(
            slug=row.slug, name=row.name, timezone=row.timezone, contacts=dict(row.contacts)
        )
        for row in await School.all().order_by("id")
    }


async def _stamp(schools: dict[str, core.School]) -> _Stamp:
    # Published versions are never edited or deleted, so their count and newest id name the set;
    # the date is there because a version published ahead comes into force on its own.
    count = await AgreementVersion.all().count()
    newest = await AgreementVersion.all().order_by("-id").first()
    details = tuple(
        (s.slug, s.name, s.timezone, json.dumps(s.contacts, sort_keys=True))
        for s in schools.values()
    )
    return (date.today(), count, newest.id if newest else 0, details)
