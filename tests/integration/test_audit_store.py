import asyncio

from tortoise.transactions import in_transaction

from portal.store import audit
from portal.store.models import AuditEvent
from tests.factories import make_school


async def _append(school, n: int) -> None:
    async with in_transaction() as conn:
        await audit.record(
            "test.event",
            actor="tester",
            subject=f"thing-{n}",
            school=school,
            data={"n": n},
            connection=conn,
        )


async def test_chain_of_appended_events_verifies(db):
    school = await make_school("stockham")
    for n in range(5):
        await _append(school, n)
    assert await audit.verify("stockham") == (5, None)


async def test_concurrent_appends_keep_one_unbroken_chain(db):
    school = await make_school("stockham")
    await audit.ensure_chain("stockham")
    await asyncio.gather(*(_append(school, n) for n in range(40)))
    count, problem = await audit.verify("stockham")
    assert (count, problem) == (40, None)
    assert sorted(await AuditEvent.filter(chain="stockham").values_list("seq", flat=True)) == list(
        range(1, 41)
    )


async def test_tampered_entry_is_named(db):
    school = await make_school("stockham")
    for n in range(4):
        await _append(school, n)
    await AuditEvent.filter(chain="stockham", seq=3).update(subject="someone-else")
    _, problem = await audit.verify("stockham")
    assert problem is not None and problem.seq == 3


async def test_deleted_last_entry_is_noticed(db):
    school = await make_school("stockham")
    for n in range(3):
        await _append(school, n)
    await AuditEvent.filter(chain="stockham", seq=3).delete()
    _, problem = await audit.verify("stockham")
    assert problem is not None and problem.seq == 3
