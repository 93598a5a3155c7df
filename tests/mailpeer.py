"""A real SMTP server (aiosmtpd) on 127.0.0.1 that keeps what it receives, for tests to read."""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from portal.settings import Settings
from tests.conftest import make_settings


class _Handler:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.refuse: set[str] = set()
        self.defer: set[str] = set()
        self.sessions = 0

    async def handle_EHLO(
        self, server: Any, session: Any, envelope: Any, hostname: str, responses: list[str]
    ) -> list[str]:
        self.sessions += 1
        session.host_name = hostname
        return responses

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]
    ) -> str:
        if address in self.refuse:
            return "550 5.1.1 No such mailbox here"
        if address in self.defer:
            return "451 4.3.0 Mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append(message)  # type: ignore[arg-type]
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class MailPeer:
    """aiosmtpd in its own thread, so both sync (CLI) and async tests can send to it."""

    def __init__(self) -> None:
        self.handler = _Handler()
        self.port = _free_port()
        self._controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    @property
    def messages(self) -> list[EmailMessage]:
        return self.handler.messages

    @property
    def sessions(self) -> int:
        return self.handler.sessions

    def refuse(self, address: str) -> None:
        self.handler.refuse.add(address)

    def defer(self, address: str) -> None:
        """Answer "try again later" (4xx) for this address until `accept` is called."""
        self.handler.defer.add(address)

    def accept(self, address: str) -> None:
        self.handler.defer.discard(address)

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if m["To"] == address]

    async def wait_for(
        self, count: int, within: float = 10, *, to: str | None = None
    ) -> list[EmailMessage]:
        """The messages once `count` have come (only those to `to`, when given)."""

        def arrived() -> list[EmailMessage]:
            return self.messages if to is None else self.to(to)

        deadline = time.monotonic() + within
        # Messages arrive on the server's own thread, so poll rather than wait on an asyncio.Event.
        while len(arrived()) < count and time.monotonic() < deadline:  # noqa: ASYNC110
            await asyncio.sleep(0.02)
        assert len(arrived()) >= count, f"expected {count} emails, got {len(arrived())}"
        return arrived()

    def start(self) -> None:
        self._controller.start()

    def stop(self) -> None:
        self._controller.stop()


def text_of(message: EmailMessage, subtype: str = "plain") -> str:
    part = message.get_body(preferencelist=(subtype,))
    assert part is not None, f"no text/{subtype} part"
    return str(part.get_content())  # type: ignore[attr-defined]


@pytest.fixture
def mail_peer() -> Iterator[MailPeer]:
    peer = MailPeer()
    peer.start()
    try:
        yield peer
    finally:
        peer.stop()


@pytest.fixture
def mail_settings(tmp_path: Path, mail_peer: MailPeer) -> Settings:
    return make_settings(
        tmp_path,
        SIGNOFF_SMTP_URL=mail_peer.url,
        SIGNOFF_MAIL_FROM="Clearwell School <office@clearwell.example>",
    )
