"""Who must sign, read from the database in a fixed number of queries."""

import logging
from datetime import UTC, date, datetime
from pathlib import Path

from portal.core.catalog import load_catalog
from portal.store.agreements import publish_catalog
from portal.store.models import Acknowledgement, AgreementVersion, Guardianship, Person, Pupil
from portal.usecases.obligations import Scope, roll
from tests.factories import make_parent, make_pupil, make_school, make_staff, publish_seeds

TODAY = date(2025, 1, 15)
EVERY = """---
title: Trip Consent
audience: parent
signers: every
version: "v1"
effective: 2024-09-01
renewal: annual
---

## 1 Consent

### 1.1
I consent.
"""


async def _pledge():
    catalog = await publish_seeds()
    return catalog.agreement("clearwell", "parents-social-media-pledge")


async def _sign(person, pupil, agreement_slug="parents-social-media-pledge", at=None):
    version = await AgreementVersion.get(
        agreement__slug=agreement_slug, agreement__school__slug="clearwell"
    )
    await Acknowledgement.create(
        school_id=person.school_id,
        person=person,
        agreement_id=version.agreement_id,
        version=version,
        version_sha256=version.sha256,
        pupil=pupil,
        subject_key=str(pupil.id) if pupil else "self",
        signed_at=at or datetime(2024, 10, 1, tzinfo=UTC),
        channel="paper",
        assurance="recorded-by-staff",
    )


async def test_left_adults_and_adults_without_responsibility_are_not_asked(db):
    agreement = await _pledge()
    school = await make_school("clearwell")
    amy = await make_pupil(school, "Amy Smith", "Year 4", "4B")
    jane = await make_parent(school, amy, name="Jane")
    await make_parent(school, amy, name="Step", parental_responsibility=False)
    gone = await make_parent(school, amy, name="Gone")
    await Person.filter(id=gone.id).update(left_at=datetime.now(UTC))
    duties = (await roll(agreement, TODAY)).duties
    assert [d.signer.full_name for d in duties] == ["Jane"]
    await _sign(gone, amy)  # a signature by someone who has left no longer covers Amy
    assert [d.signer.id for d in (await roll(agreement, TODAY)).duties] == [jane.id]
    await _sign(jane, amy)
    assert (await roll(agreement, TODAY)).duties == ()


async def test_scope_and_left_pupils(db):
    agreement = await _pledge()
    school = await make_school("clearwell")
    amy = await make_pupil(school, "Amy", "Year 4", "4B")
    cara = await make_pupil(school, "Cara", "Year 6", "6C")
    await make_parent(school, amy, cara, name="Jane")
    year6 = await roll(agreement, TODAY, Scope(year_group="Year 6"))
    assert [p.full_name for d in year6.duties for p in d.pupils] == ["Cara"]
    assert [
        p.full_name
        for d in (await roll(agreement, TODAY, Scope(form="4B"))).duties
        for p in d.pupils
    ] == ["Amy"]
    await Pupil.filter(id=cara.id).update(left_at=datetime.now(UTC))
    assert [p.full_name for d in (await roll(agreement, TODAY)).duties for p in d.pupils] == ["Amy"]


async def test_every_rule_from_the_database(db, tmp_path: Path):
    await publish_seeds()
    folder = tmp_path / "clearwell"
    (folder / "trip-consent").mkdir(parents=True)
    (folder / "school.yaml").write_text("name: Clearwell School\n")
    (folder / "trip-consent" / "v1.md").write_text(EVERY)
    catalog = load_catalog(tmp_path)
    await publish_catalog(catalog, by="tests")
    agreement = catalog.agreement("clearwell", "trip-consent")
    school = await make_school("clearwell")
    amy = await make_pupil(school, "Amy")
    jane = await make_parent(school, amy, name="Jane")
    await make_parent(school, amy, name="John")
    await _sign(jane, amy, "trip-consent")
    assert [d.signer.full_name for d in (await roll(agreement, TODAY)).duties] == ["John"]


async def test_staff_roll(db):
    catalog = await publish_seeds()
    school = await make_school("clearwell")
    sam = await make_staff(school, "Sam")
    await make_staff(school, "Lee")
    await _sign(sam, None, "staff-social-media")
    duties = (await roll(catalog.agreement("clearwell", "staff-social-media"), TODAY)).duties
    assert [d.signer.full_name for d in duties] == ["Lee"]


class _Counter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


async def _queries(agreement) -> int:
    logger = logging.getLogger("tortoise.db_client")
    counter, level = _Counter(), logger.level
    logger.addHandler(counter)
    logger.setLevel(logging.DEBUG)
    try:
        await roll(agreement, TODAY)
    finally:
        logger.removeHandler(counter)
        logger.setLevel(level)
    return counter.count


async def test_query_count_does_not_grow_with_the_roster(db):
    agreement = await _pledge()
    school = await make_school("clearwell")
    for n in range(3):
        await make_parent(school, await make_pupil(school, f"P{n}"), name=f"A{n}")
    few = await _queries(agreement)
    assert 0 < few <= 6
    for n in range(3, 60):
        await make_parent(school, await make_pupil(school, f"P{n}"), name=f"A{n}")
    assert await Guardianship.all().count() == 60
    assert await _queries(agreement) == few
