"""Receipts go out after the signature, off the signer's request, exactly once."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from tortoise.transactions import in_transaction

from portal.core.evidence import Assurance
from portal.store.models import Acknowledgement, Delivery
from portal.usecases import receipts
from portal.usecases.signing import Evidence, SignRequest, sign_agreement
from tests.conftest import make_settings
from tests.mailpeer import text_of
from tests.web.sign_support import family


def _request(fam) -> SignRequest:
    return SignRequest(
        school_id=fam.school.id,
        person_id=fam.parent.id,
        agreement_id=fam.invitation.agreement_id,
        version_id=fam.version.id,
        subject_keys=tuple(str(p.id) for p in fam.pupils),
        shown_sha256=fam.version.sha256,
    )


def _evidence(fam) -> Evidence:
    return Evidence(
        typed_name="Jane Smith",
        channel="email-link",
        assurance=Assurance.EMAIL_LINK,
        invitation_id=fam.invitation.id,
    )


async def test_signing_returns_before_the_mail_server_answers(db, tmp_path):
    # A server that accepts the connection and never speaks: the receipt waits, the signer not.
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen()
    settings = make_settings(
        tmp_path, SIGNOFF_SMTP_URL=f"smtp://127.0.0.1:{silent.getsockname()[1]}"
    )
    fam = await family(settings)
    try:
        signing = await asyncio.wait_for(
            sign_agreement(_request(fam), _evidence(fam), settings=settings), 5
        )
        assert signing.created
        [delivery] = await Delivery.filter(purpose="receipt")
        assert delivery.status in {"pending", "sending"}
        assert delivery.address == "jane@home.example"
    finally:
        silent.close()
        await receipts.drain()  # the connection now fails: recorded, never raised
    delivery = await Delivery.get(purpose="receipt")
    assert (delivery.status, delivery.attempts) == ("pending", 1)  # to be tried again
    assert delivery.error
    assert await Acknowledgement.all().count() == 1


async def test_one_receipt_for_a_submission_covering_two_children(db, mail_settings, mail_peer):
    fam = await family(mail_settings, children=(("Amy Smith", "Year 4"), ("Ben Smith", "Year 1")))
    await sign_agreement(_request(fam), _evidence(fam), settings=mail_settings)
    await receipts.drain()
    [message] = mail_peer.messages
    body = text_of(message)
    assert "Amy Smith (Year 4)" in body and "Ben Smith (Year 1)" in body
    assert fam.version.sha256 in body and "/certificate.pdf" in body
    assert (await Delivery.get(purpose="receipt")).status == "sent"


async def _owed(fam, acknowledgement_id: int, **state) -> Delivery:
    """The receipt row a signing server writes, in the state a test needs."""
    return await Delivery.create(
        school_id=fam.school.id,
        person=fam.parent,
        key=f"receipt:{acknowledgement_id}:email",
        channel="email",
        purpose="receipt",
        address="jane@home.example",
        **state,
    )


async def test_a_receipt_left_pending_by_a_restart_is_sent_once_by_the_sweep(
    db, mail_settings, mail_peer
):
    fam = await family(mail_settings)
    # What a server that stopped between the commit and the send leaves behind.
    signing = await sign_agreement(_request(fam), _evidence(fam), settings=None)
    delivery = await _owed(fam, signing.acknowledgement_ids[0])
    now = datetime.now(UTC)
    assert await receipts.send_owed(mail_settings, now) == 0  # not stale yet: its sender may live
    later = now + receipts.STALE_AFTER + timedelta(seconds=1)
    # Two servers sweeping at once: the claim lets only one of them send.
    sent = await asyncio.gather(
        receipts.send_owed(mail_settings, later), receipts.send_owed(mail_settings, later)
    )
    assert sorted(sent) == [0, 1]
    assert len(mail_peer.to("jane@home.example")) == 1
    assert (await Delivery.get(id=delivery.id)).status == "sent"
    assert await receipts.send_owed(mail_settings, later) == 0


async def test_no_receipt_is_owed_to_someone_without_an_address(db, mail_settings, mail_peer):
    fam = await family(mail_settings, email=None)
    await sign_agreement(_request(fam), _evidence(fam), settings=mail_settings)
    await receipts.drain()
    assert await Delivery.filter(purpose="receipt").count() == 0
    assert mail_peer.messages == []


async def _first_try(settings, relay_answer: Callable[[str], None]) -> Delivery:
    """Sign with the relay giving `relay_answer` for the parent's address; the receipt after
    its first try."""
    fam = await family(settings)
    relay_answer("jane@home.example")
    await sign_agreement(_request(fam), _evidence(fam), settings=settings)
    await receipts.drain()
    return await Delivery.get(purpose="receipt")


async def test_a_receipt_the_relay_defers_is_sent_by_a_later_round(db, mail_settings, mail_peer):
    delivery = await _first_try(mail_settings, mail_peer.defer)
    assert (delivery.status, delivery.attempts) == ("pending", 1)
    assert "451" in delivery.error
    tried = delivery.claimed_at
    mail_peer.accept("jane@home.example")
    assert await receipts.send_owed(mail_settings, tried + timedelta(minutes=1)) == 0  # too soon
    later = tried + receipts.retry_wait(1) + timedelta(seconds=1)
    assert await receipts.send_owed(mail_settings, later) == 1
    delivery = await Delivery.get(id=delivery.id)
    assert (delivery.status, delivery.attempts, delivery.error) == ("sent", 2, "")
    assert len(mail_peer.to("jane@home.example")) == 1
    assert await receipts.send_owed(mail_settings, later + timedelta(days=1)) == 0


async def test_a_receipt_is_given_up_after_the_last_try(db, mail_settings, mail_peer):
    await _first_try(mail_settings, mail_peer.defer)
    now = datetime.now(UTC)
    for attempts in range(1, receipts.MAX_ATTEMPTS):
        now += receipts.retry_wait(attempts) + timedelta(seconds=1)
        assert await receipts.send_owed(mail_settings, now) == 0
        assert (await Delivery.get(purpose="receipt")).attempts == attempts + 1
    delivery = await Delivery.get(purpose="receipt")
    assert (delivery.status, delivery.attempts) == ("failed", receipts.MAX_ATTEMPTS)
    mail_peer.accept("jane@home.example")
    assert await receipts.send_owed(mail_settings, now + timedelta(days=7)) == 0
    assert mail_peer.messages == []


async def test_an_address_the_relay_refuses_is_not_tried_again(db, mail_settings, mail_peer):
    delivery = await _first_try(mail_settings, mail_peer.refuse)
    assert (delivery.status, delivery.attempts) == ("failed", 1)
    assert "550" in delivery.error
    later = datetime.now(UTC) + timedelta(days=1)
    assert await receipts.send_owed(mail_settings, later) == 0
    assert (await Delivery.get(id=delivery.id)).attempts == 1


async def test_a_send_a_crash_abandoned_is_taken_again_but_one_in_progress_is_not(
    db, mail_settings, mail_peer
):
    fam = await family(mail_settings, children=(("Amy Smith", "Year 4"), ("Ben Smith", "Year 1")))
    signing = await sign_agreement(_request(fam), _evidence(fam), settings=None)
    now = datetime.now(UTC)
    abandoned, in_progress = [
        await _owed(fam, ack_id, status="sending", attempts=1, claimed_at=now - age)
        for ack_id, age in zip(
            signing.acknowledgement_ids,
            (receipts.ABANDONED_AFTER + timedelta(seconds=1), timedelta(seconds=30)),
            strict=True,
        )
    ]
    assert await receipts.send_owed(mail_settings, now) == 1
    assert (await Delivery.get(id=abandoned.id)).status == "sent"
    assert (await Delivery.get(id=in_progress.id)).status == "sending"
    assert len(mail_peer.messages) == 1


async def test_a_rush_of_receipts_shares_a_few_connections(db, mail_settings, mail_peer):
    families = [
        await family(mail_settings, parent=f"Parent {n}", email=f"parent{n}@home.example")
        for n in range(6)
    ]
    await asyncio.gather(
        *(sign_agreement(_request(f), _evidence(f), settings=mail_settings) for f in families)
    )
    await receipts.drain()
    assert sorted(m["To"] for m in mail_peer.messages) == [
        f"parent{n}@home.example" for n in range(6)
    ]
    assert 1 <= mail_peer.sessions <= receipts.CONNECTIONS
    assert await Delivery.filter(purpose="receipt", status="sent").count() == 6


async def test_a_batch_owes_one_receipt_per_new_signature_with_an_address(db, tmp_path):
    # Signed together (one group commit): a double submit, and a parent with no address.
    settings = make_settings(
        tmp_path, SIGNOFF_SMTP_URL="smtp://127.0.0.1:9", SIGNOFF_MAIL_WORKER="1"
    )
    jane = await family(settings)
    ann = await family(
        settings, parent="Ann Nomail", email=None, children=(("Cy Nomail", "Year 2"),)
    )
    results = await asyncio.gather(
        sign_agreement(_request(jane), _evidence(jane), settings=settings),
        sign_agreement(_request(jane), _evidence(jane), settings=settings),
        sign_agreement(_request(ann), _evidence(ann), settings=settings),
    )
    assert sorted(r.created for r in results) == [False, True, True]
    [delivery] = await Delivery.filter(purpose="receipt")
    [ack] = await Acknowledgement.filter(person_id=jane.parent.id)
    assert delivery.key == f"receipt:{ack.id}:email" and delivery.address == "jane@home.example"
    assert delivery.status == "pending" and delivery.created_at is not None


async def test_the_receipt_is_owed_in_the_signing_transaction(db, tmp_path):
    settings = make_settings(
        tmp_path, SIGNOFF_SMTP_URL="smtp://127.0.0.1:9", SIGNOFF_MAIL_WORKER="1"
    )
    fam = await family(settings)
    try:
        async with in_transaction():
            await sign_agreement(_request(fam), _evidence(fam), settings=settings)
            assert await Delivery.filter(purpose="receipt").count() == 1
            raise RuntimeError("the caller's transaction fails after signing")
    except RuntimeError:
        pass
    # Neither survives without the other.
    assert await Acknowledgement.all().count() == 0
    assert await Delivery.filter(purpose="receipt").count() == 0
