"""A morning rush on the sign page: GET and POST /sign/<token> against a bare-Starlette ceiling.

    .venv/bin/python bench/sign_rush.py [postgres://postgres@127.0.0.1:5432/test] [--quick]

The app runs under uvicorn in this process on a fresh PostgreSQL schema (dropped afterwards, so
test data is never touched); load comes from wrk in a separate process (apt-get install wrk),
64 connections. Every signature owes an emailed receipt, as in production: the portal records
it and the mail worker (`signoff mail-worker`'s loop, SIGNOFF_MAIL_WORKER on) sends it from a
process of its own to an SMTP sink (aiosmtpd) in another. Prints one JSON line.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import shutil
import signal
import socket
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import asyncpg
import uvicorn
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from tortoise import Tortoise
from tortoise.functions import Count

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portal import mail_worker  # noqa: E402
from portal.core.catalog import load_catalog  # noqa: E402
from portal.settings import Secret, Settings  # noqa: E402
from portal.store import db as store_db  # noqa: E402
from portal.store.agreements import publish_catalog  # noqa: E402
from portal.store.models import (  # noqa: E402
    Acknowledgement,
    Agreement,
    AgreementVersion,
    Delivery,
    Guardianship,
    Invitation,
    Person,
    Pupil,
    School,
)
from portal.usecases.invitations import link_token, read_token  # noqa: E402
from portal.usecases.sign_links import SignLink, load_link  # noqa: E402
from portal.web import heap  # noqa: E402
from portal.web.app import STATIC, create_app  # noqa: E402
from portal.web.sign import FormTokens  # noqa: E402
from portal.web.sign.render import SignRenderer  # noqa: E402

CLIENTS = 64
THREADS = 2
LUA = Path(__file__).with_suffix(".lua")


@dataclass(frozen=True)
class Phase:
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    requests: int
    cpu_ms: float
    """Server CPU (this process) per request."""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def _admin(url: str, sql: str) -> None:
    conn = await asyncpg.connect(**store_db.postgres_connect_args(url))
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


@asynccontextmanager
async def fresh_schema(url: str) -> AsyncIterator[str]:
    schema = f"sign_rush_{secrets.token_hex(4)}"
    await _admin(url, f'CREATE SCHEMA "{schema}"')
    try:
        await store_db.open_database(url, schema=schema)
        await Tortoise.generate_schemas()
        yield schema
    finally:
        await store_db.close_database()
        await _admin(url, f'DROP SCHEMA "{schema}" CASCADE')


async def _families(school: School, count: int, start: int) -> list[tuple[Person, Pupil]]:
    pupils = [
        Pupil(
            school=school,
            external_id=f"P{start + i}",
            full_name=f"Pupil {start + i}",
            year_group="Year 4",
            form="4B",
        )
        for i in range(count)
    ]
    parents = [
        Person(
            school=school,
            kind="parent",
            external_id=f"C{start + i}",
            full_name=f"Parent {start + i}",
            email=f"parent{start + i}@home.example",
        )
        for i in range(count)
    ]
    await Pupil.bulk_create(pupils, batch_size=2000)
    await Person.bulk_create(parents, batch_size=2000)
    # bulk_create does not return ids on every backend: read them back in order (the schema is
    # fresh, so the school holds only these).
    pupils = await Pupil.filter(school=school).order_by("id")
    parents = await Person.filter(school=school, kind="parent").order_by("id")
    await Guardianship.bulk_create(
        [
            Guardianship(school=school, parent=a, pupil=p, relationship="Parent")
            for a, p in zip(parents, pupils, strict=True)
        ],
        batch_size=2000,
    )
    return list(zip(parents, pupils, strict=True))


async def seed(settings: Settings, get_pool: int, post_pool: int) -> tuple[list[str], list[str]]:
    """Invitations for GET (revisited, first opens included) and for POST (each signed once)."""
    await publish_catalog(load_catalog(settings.agreements_dir), by="bench")
    school = await School.get(slug="clearwell")
    agreement = await Agreement.get(school=school, slug="parents-social-media-pledge")
    version = await AgreementVersion.filter(agreement=agreement).order_by("-effective").first()
    assert version is not None
    families = await _families(school, get_pool + post_pool, 1)
    expires = datetime.now(UTC) + timedelta(days=30)
    await Invitation.bulk_create(
        [
            Invitation(
                school=school,
                person=a,
                agreement=agreement,
                version=version,
                pupil_ids=[p.id],
                expires_at=expires,
                created_by="bench",
            )
            for a, p in families
        ],
        batch_size=2000,
    )
    rows = await Invitation.filter(school=school).order_by("id").values_list("id", flat=True)
    ids = [int(str(i)) for i in rows]
    forms = FormTokens(settings)
    gets = [f"/sign/{link_token(settings, i)}" for i in ids[:get_pool]]
    posts = [
        f"/sign/{link_token(settings, i)} "
        + urlencode(
            {
                "csrf": forms.issue(i),
                "sha256": version.sha256,
                "name": "Parent Rush",
                "agree": "yes",
            }
        )
        for i in ids[get_pool:]
    ]
    return gets, posts


@asynccontextmanager
async def mail_relay() -> AsyncIterator[str]:
    """An SMTP server that takes every message and keeps none, in a process of its own."""
    port = _free_port()
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        *("-m", "aiosmtpd", "-n", "-c", "aiosmtpd.handlers.Sink", "-l", f"127.0.0.1:{port}"),
    )
    try:
        for _ in range(250):
            try:
                _, writer = await asyncio.open_connection("127.0.0.1", port)
            except OSError:
                await asyncio.sleep(0.02)
                continue
            writer.close()
            break
        else:
            raise RuntimeError("the SMTP sink did not start")
        yield f"smtp://127.0.0.1:{port}"
    finally:
        proc.terminate()
        await proc.wait()


@asynccontextmanager
async def worker_process(settings: Settings, schema: str) -> AsyncIterator[None]:
    """`signoff mail-worker`'s loop in a process of its own, on the bench's schema."""
    env = {
        **os.environ,
        "SIGNOFF_DATABASE_URL": settings.database_url,
        "SIGNOFF_SMTP_URL": settings.smtp_url,
        "SIGNOFF_MAIL_WORKER": "1",
        "SIGNOFF_SECRET_KEY": settings.secret_key.value,  # the receipt's certificate link
        "SIGNOFF_BASE_URL": settings.base_url,
        "SIGNOFF_AGREEMENTS_DIR": str(settings.agreements_dir),
        "SIGNOFF_DATA_DIR": str(settings.data_dir),
    }
    proc = await asyncio.create_subprocess_exec(
        sys.executable, __file__, "--mail-worker", schema, env=env
    )
    try:
        yield
    finally:
        proc.send_signal(signal.SIGTERM)
        await proc.wait()


async def run_mail_worker(schema: str) -> None:
    settings = Settings.from_env()
    await store_db.open_database(settings.database_url, schema=schema)
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        asyncio.get_running_loop().add_signal_handler(sig, stop.set)
    try:
        await mail_worker.work(settings, stop)
    finally:
        await store_db.close_database()


async def receipts_settled(within: float = 60) -> dict[str, int]:
    """The receipts by status once none is still owed (or `within` seconds have passed)."""
    deadline = time.monotonic() + within
    while True:
        by_status = dict(
            await Delivery.filter(purpose="receipt")
            .annotate(n=Count("id"))
            .group_by("status")
            .values_list("status", "n")
        )
        owed = by_status.get("pending", 0) + by_status.get("sending", 0)
        if not owed or time.monotonic() > deadline:
            return by_status
        await asyncio.sleep(0.2)


@asynccontextmanager
async def serve(app: Any, port: int) -> AsyncIterator[str]:
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_level="error", lifespan="off", access_log=False
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


async def wrk(base: str, lines: list[str], method: str, seconds: int, workdir: Path) -> Phase:
    listing = workdir / f"{method.lower()}-{secrets.token_hex(3)}.txt"
    listing.write_text("\n".join(lines) + "\n", encoding="utf-8")
    cpu = time.process_time()
    proc = await asyncio.create_subprocess_exec(
        "wrk",
        f"-t{THREADS}",
        f"-c{CLIENTS}",
        f"-d{seconds}s",
        "--timeout",
        "5s",
        "-s",
        str(LUA),
        base,
        "--",
        str(listing),
        str(THREADS),
        method,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await proc.communicate()
    cpu = time.process_time() - cpu
    if proc.returncode != 0:
        raise RuntimeError(f"wrk failed: {err.decode()}")
    stats = json.loads(out.decode().strip().splitlines()[-1])
    return Phase(
        rps=stats["requests"] / (stats["duration_us"] / 1e6),
        p50_ms=stats["p50_us"] / 1000,
        p99_ms=stats["p99_us"] / 1000,
        errors=stats["socket_errors"] + stats["status_errors"],
        requests=stats["requests"],
        cpu_ms=1000 * cpu / max(stats["requests"], 1),
    )


def bare_app() -> Starlette:
    async def ok(request: Any) -> PlainTextResponse:
        return PlainTextResponse("ok")

    return Starlette(routes=[Route("/", ok)])


def one_query_app(pool: asyncpg.Pool) -> Starlette:
    """The floor for any page that reads the database: bare Starlette plus one `SELECT 1`."""

    async def ok(request: Any) -> PlainTextResponse:
        return PlainTextResponse(str(await pool.fetchval("SELECT 1")))

    return Starlette(routes=[Route("/", ok)])


def page_only_app(settings: Settings, link: SignLink) -> Starlette:
    """The sign page without its database work: the same renderer, headers and route, with the
    link read once beforehand. What rendering alone costs, whatever the database does."""
    view = SignRenderer(settings, FormTokens(settings))

    async def page(request: Any) -> Response:
        return view.form(request, link)

    static = Mount("/static", StaticFiles(directory=STATIC), name="static")
    return Starlette(routes=[Route("/sign/{token}", page), static])


@asynccontextmanager
async def asyncpg_pool(url: str) -> AsyncIterator[asyncpg.Pool]:
    pool = await asyncpg.create_pool(**store_db.postgres_connect_args(url), min_size=5, max_size=5)
    try:
        yield pool
    finally:
        await pool.close()


async def run(url: str, quick: bool) -> dict[str, Any]:
    seconds = 4 if quick else 15
    # Every signature owes a receipt, all sent before the schema goes: a shorter POST phase keeps
    # --quick, receipts included, under 45 s.
    post_seconds = 3 if quick else seconds
    get_pool, post_pool = (6000, 8000) if quick else (20000, 25000)
    with tempfile.TemporaryDirectory(prefix="sign_rush_") as tmp:
        workdir = Path(tmp)
        async with fresh_schema(url) as schema, mail_relay() as relay:
            port = _free_port()
            settings = Settings(
                database_url=url,
                smtp_url=relay,
                secret_key=Secret(secrets.token_urlsafe(48)),
                base_url=f"http://127.0.0.1:{port}",
                agreements_dir=ROOT / "agreements",
                data_dir=workdir,
                environment="development",
                mail_worker=True,
            )
            gets, posts = await seed(settings, get_pool, post_pool)
            async with serve(bare_app(), _free_port()) as bare:
                await wrk(bare, ["/"], "GET", 1, workdir)  # warm-up
                ceiling = await wrk(bare, ["/"], "GET", seconds, workdir)
            async with asyncpg_pool(url) as pool, serve(one_query_app(pool), _free_port()) as one:
                await wrk(one, ["/"], "GET", 1, workdir)  # warm-up
                floor = await wrk(one, ["/"], "GET", seconds, workdir)
            first = read_token(settings, gets[0].rsplit("/", 1)[1])
            link = await load_link(first, datetime.now(UTC))
            async with serve(page_only_app(settings, link), _free_port()) as only:
                await wrk(only, gets[:50], "GET", 1, workdir)  # warm-up
                rendered = await wrk(only, gets[:50], "GET", seconds, workdir)
            portal_app = create_app(settings, manage_database=False)
            heap.settle()  # as `signoff serve` does before it takes requests
            async with worker_process(settings, schema), serve(portal_app, port) as app:
                await wrk(app, gets[:50], "GET", 1, workdir)  # warm-up: caches, pool
                get = await wrk(app, gets, "GET", seconds, workdir)
                opened = await Invitation.filter(opened_at__isnull=False).count()
                revisit = await wrk(app, gets[:opened], "GET", seconds, workdir)
                post = await wrk(app, posts, "POST", post_seconds, workdir)
                receipts_by_status = await receipts_settled()
            signed = await Acknowledgement.all().count()
    return {
        "ceiling_rps": round(ceiling.rps),
        "get_rps": round(get.rps),
        "post_rps": round(post.rps),
        "get_ratio": round(get.rps / ceiling.rps, 3),
        "post_ratio": round(post.rps / ceiling.rps, 3),
        "p99_ms": round(max(get.p99_ms, post.p99_ms), 1),
        "get_p99_ms": round(get.p99_ms, 1),
        "post_p99_ms": round(post.p99_ms, 1),
        "ceiling_p99_ms": round(ceiling.p99_ms, 1),
        "one_query_rps": round(floor.rps),
        "one_query_ratio": round(floor.rps / ceiling.rps, 3),
        "one_query_p99_ms": round(floor.p99_ms, 1),
        "page_only_rps": round(rendered.rps),
        "page_only_ratio": round(rendered.rps / ceiling.rps, 3),
        "errors": ceiling.errors
        + floor.errors
        + rendered.errors
        + get.errors
        + revisit.errors
        + post.errors
        + sum(n for status, n in receipts_by_status.items() if status != "sent"),
        "signed": signed,
        "receipts_sent": receipts_by_status.get("sent", 0),
        "post_requests": post.requests,
        "first_opens": opened,
        "revisit_rps": round(revisit.rps),
        "revisit_p99_ms": round(revisit.p99_ms, 1),
        "cpu_ms_per_request": {
            "ceiling": round(ceiling.cpu_ms, 3),
            "one_query": round(floor.cpu_ms, 3),
            "page_only": round(rendered.cpu_ms, 3),
            "get": round(get.cpu_ms, 3),
            "revisit": round(revisit.cpu_ms, 3),
            "post": round(post.cpu_ms, 3),
        },
        "clients": CLIENTS,
        "seconds": seconds,
        "post_seconds": post_seconds,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", nargs="?", default="postgres://postgres@127.0.0.1:5432/test")
    parser.add_argument(
        "--quick", action="store_true", help="4 s phases, 3 s for POST (under 45 s in all)"
    )
    parser.add_argument("--mail-worker", metavar="SCHEMA", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.mail_worker:  # the bench's own child process, started by worker_process
        asyncio.run(run_mail_worker(args.mail_worker))
        return
    if shutil.which("wrk") is None:
        sys.exit("bench/sign_rush.py needs wrk: apt-get install -y wrk")
    print(json.dumps(asyncio.run(run(args.url, args.quick))))


if __name__ == "__main__":
    main()
