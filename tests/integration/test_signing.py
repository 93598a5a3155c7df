"""sign_agreement, the one function every channel calls, straight against the database."""

import asyncio

import pytest
from tortoise.transactions import in_transaction

from portal.core.evidence import Assurance
from portal.store import audit
from portal.store.models import Acknowledgement, AgreementVersion, AuditEvent
from portal.usecases.signing import Evidence, SignRequest, TextChanged, sign_agreement
from tests.factories import make_parent, make_pupil, make_school, make_staff, publish_seeds

PAPER = Evidence(
    typed_name="",
    channel="paper",
    assurance=Assurance.RECORDED_BY_STAFF,
    recorded_by="office:pat",
    details={"slip": "scanned-17"},
)


async def _request(person, keys, slug="parents-social-media-pledge", sha=None) -> SignRequest:
    version = await AgreementVersion.get(agreement__slug=slug, agreement__school__slug="clearwell")
    return SignRequest(
        school_id=person.school_id,
        person_id=person.id,
        agreement_id=version.agreement_id,
        version_id=version.id,
        subject_keys=tuple(keys),
        shown_sha256=sha or version.sha256,
    )


async def test_paper_slip_records_lower_assurance_and_who_entered_it(db):
    await publish_seeds()
    school = await make_school("clearwell")
    amy = await make_pupil(school, "Amy")
    jane = await make_parent(school, amy)
    signing = await sign_agreement(await _request(jane, [str(amy.id)]), PAPER)
    assert signing.created and len(signing.acknowledgement_ids) == 1
    ack = await Acknowledgement.get(id=signing.acknowledgement_ids[0])
    assert (ack.channel, ack.assurance, ack.recorded_by) == (
        "paper",
        "recorded-by-staff",
        "office:pat",
    )
    assert ack.evidence["slip"] == "scanned-17" and ack.pupil_id == amy.id
    event = await AuditEvent.get(action="agreement.signed")
    assert event.actor == "office:pat" and event.subject == f"person:{jane.id}"


async def test_second_call_writes_nothing(db):
    await publish_seeds()
    school = await make_school("clearwell")
    sam = await make_staff(school, "Sam")
    request = await _request(sam, ["self"], "staff-social-media")
    first = await sign_agreement(request, PAPER)
    again = await sign_agreement(request, PAPER)
    assert first.created and not again.created
    assert again.acknowledgement_ids == first.acknowledgement_ids
    assert await AuditEvent.filter(action="agreement.signed").count() == 1


async def test_text_other_than_the_versions_is_refused(db):
    await publish_seeds()
    school = await make_school("clearwell")
    sam = await make_staff(school, "Sam")
    with pytest.raises(TextChanged):
        await sign_agreement(await _request(sam, ["self"], "staff-social-media", "f" * 64), PAPER)


async def test_many_people_at_once_share_transactions_and_keep_the_chain(db):
    await publish_seeds()
    school = await make_school("clearwell")
    people = [await make_staff(school, f"S{n}") for n in range(60)]
    requests = [await _request(p, ["self"], "staff-social-media") for p in people]
    results = await asyncio.gather(*(sign_agreement(r, PAPER) for r in requests * 2))
    assert sum(r.created for r in results) == 60
    assert await Acknowledgement.all().count() == 60
    count, problem = await audit.verify("clearwell")
    assert problem is None and await AuditEvent.filter(action="agreement.signed").count() == 60
    assert count == await AuditEvent.filter(chain="clearwell").count()


async def test_inside_a_callers_transaction_it_rolls_back_with_it(db):
    await publish_seeds()
    school = await make_school("clearwell")
    sam = await make_staff(school, "Sam")
    request = await _request(sam, ["self"], "staff-social-media")
    with pytest.raises(RuntimeError):
        async with in_transaction():
            assert (await sign_agreement(request, PAPER)).created
            raise RuntimeError("the office's import failed")
    assert await Acknowledgement.all().count() == 0
    assert await AuditEvent.filter(action="agreement.signed").count() == 0
    assert (await audit.verify("clearwell"))[1] is None
