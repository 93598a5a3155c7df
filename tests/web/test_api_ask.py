"""POST /api/ask through the real app; no database is needed to answer."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from portal.settings import Settings
from portal.web.app import create_app


@pytest.fixture
async def client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings, manage_database=False)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


async def test_answers_a_question(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/api/ask",
        json={
            "school": "stockham",
            "audience": "staff",
            "question": "can I friend the new TA on facebook?",
        },
    )
    assert response.status_code == 200
    data = response.json()
    assert data["verdict"] == "yes"
    assert data["citations"][0]["school"] == "stockham"
    assert "Caution is advised" in data["citations"][0]["text"]


async def test_parents_and_the_default_audience(client: httpx.AsyncClient) -> None:
    parent = await client.post(
        "/api/ask",
        json={
            "school": "knowsley",
            "audience": "parent",
            "question": "can I post the sports day photos?",
        },
    )
    staff = await client.post(
        "/api/ask",
        json={"school": "knowsley", "question": "can I post my tutor group's photos on my tiktok?"},
    )
    assert parent.json()["verdict"] == "not_covered"
    assert staff.status_code == 200 and staff.json()["verdict"] != "not_covered"


async def test_the_engine_is_built_once_per_app(settings: Settings) -> None:
    app = create_app(settings, manage_database=False)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        for _ in range(2):
            await c.post("/api/ask", json={"school": "amcis", "question": "can I use snapchat?"})
            engine = app.state.answer_engine
        assert app.state.answer_engine is engine


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"{not json", 400),
        (b"[1, 2]", 400),
        (b'{"school": "narnia", "question": "can I post?"}', 404),
        (b'{"school": "stockport", "question": "  "}', 422),
        (b'{"school": "stockport", "question": "' + b"a" * 10_000 + b'"}', 422),
        (b'{"school": "stockport"}', 422),
        (b'{"school": "stockport", "question": "can I post?", "audience": "pupil"}', 422),
    ],
)
async def test_bad_requests_get_a_json_error(
    client: httpx.AsyncClient, body: bytes, status: int
) -> None:
    response = await client.post(
        "/api/ask", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == status
    assert response.json()["error"]
