"""A real HTTP server on 127.0.0.1 that answers the Slack Web API methods Signoff calls.

It records every request (method, headers, parsed body) and can be told to rate-limit the first
calls of a method or to fail for chosen users, the way Slack itself would.
"""

from __future__ import annotations

import asyncio
import base64
import json
from collections import Counter
from dataclasses import dataclass, field
from itertools import count
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import web

BOT_TOKEN = "xoxb-peer-bot-token"
BOT_USER_ID = "UBOT"


@dataclass
class Call:
    method: str
    headers: dict[str, str]
    body: dict[str, Any]
    status: int = 200
    ok: bool = True

    @property
    def token(self) -> str:
        return self.headers.get("Authorization", "").removeprefix("Bearer ")

    @property
    def client_credentials(self) -> tuple[str, str]:
        """oauth.v2.access: from HTTP Basic auth, as slack_sdk sends them, or from the body."""
        basic = self.headers.get("Authorization", "")
        if basic.startswith("Basic "):
            client_id, _, secret = base64.b64decode(basic[6:]).decode().partition(":")
            return client_id, secret
        return self.body.get("client_id", ""), self.body.get("client_secret", "")


@dataclass
class SlackPeer:
    url: str = ""
    calls: list[Call] = field(default_factory=list)
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    tokens: set[str] = field(default_factory=lambda: {BOT_TOKEN})
    failures: dict[tuple[str, str], str] = field(default_factory=dict)
    rate_limits: Counter[str] = field(default_factory=Counter)
    retry_after: int = 0
    installs: dict[str, dict[str, Any]] = field(default_factory=dict)
    app_credentials: tuple[str, str] = ("", "")
    _ts: count[int] = field(default_factory=lambda: count(1))
    _runner: web.AppRunner | None = None

    # -- arranging -------------------------------------------------------------------------

    def add_user(self, user_id: str, email: str | None, name: str = "", **extra: Any) -> None:
        self.users[user_id] = {"email": email, "name": name or user_id, **extra}

    def fail(self, method: str, user_id: str, error: str) -> None:
        """Answer `method` about `user_id` with {"ok": false, "error": error}."""
        self.failures[(method, user_id)] = error

    def rate_limit(self, method: str, times: int, retry_after: int = 0) -> None:
        """Answer the next `times` calls of `method` with 429 and a Retry-After header."""
        self.rate_limits[method] = times
        self.retry_after = retry_after

    def add_install(self, code: str, team_id: str, token: str, team_name: str = "") -> None:
        self.installs[code] = {"team_id": team_id, "token": token, "name": team_name or team_id}

    # -- asserting --------------------------------------------------------------------------

    def called(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def answered(self, method: str) -> list[Call]:
        """The calls of `method` that succeeded."""
        return [c for c in self.called(method) if c.ok]

    async def wait_for(self, method: str, count: int = 1, within: float = 15.0) -> list[Call]:
        """Listeners post after Bolt's ack, so the calls may still be on their way."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        while len(self.called(method)) < count:
            if loop.time() > deadline:
                seen = Counter(c.method for c in self.calls)
                raise AssertionError(f"expected {count} {method} call(s); saw {dict(seen)}")
            await asyncio.sleep(0.01)
        return self.called(method)

    # -- serving ----------------------------------------------------------------------------

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_route("POST", "/response/{id}", self._response_url)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}/api/"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def response_url(self, name: str = "1") -> str:
        return self.url.removesuffix("api/") + f"response/{name}"

    async def _body(self, request: web.Request) -> dict[str, Any]:
        body: dict[str, Any] = dict(request.query)
        raw = await request.text()
        if not raw:
            return body
        if request.content_type == "application/json":
            body.update(json.loads(raw))
        else:
            body.update(dict(parse_qsl(raw)))
        return body

    async def _response_url(self, request: web.Request) -> web.Response:
        call = Call("response_url", dict(request.headers), await self._body(request))
        self.calls.append(call)
        return web.Response(text="ok")

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        call = Call(method, dict(request.headers), await self._body(request))
        self.calls.append(call)
        if self.rate_limits[method] > 0:
            self.rate_limits[method] -= 1
            call.status, call.ok = 429, False
            return web.json_response(
                {"ok": False, "error": "ratelimited"},
                status=429,
                headers={"Retry-After": str(self.retry_after)},
            )
        answer = self._answer(method, call)
        call.ok = bool(answer["ok"])
        return web.json_response(answer)

    def _answer(self, method: str, call: Call) -> dict[str, Any]:
        if method.startswith("oauth."):
            return self._oauth(call)
        if call.token not in self.tokens:
            return {"ok": False, "error": "invalid_auth" if call.token else "not_authed"}
        handler = getattr(self, "_" + method.replace(".", "_"), None)
        if handler is None:
            return {"ok": False, "error": "unknown_method"}
        answer: dict[str, Any] = handler(call)
        return answer

    # -- methods ----------------------------------------------------------------------------

    def _failure(self, method: str, user_id: str) -> dict[str, Any] | None:
        error = self.failures.get((method, user_id))
        return {"ok": False, "error": error} if error else None

    def _auth_test(self, call: Call) -> dict[str, Any]:
        team = next(
            (i["team_id"] for i in self.installs.values() if i["token"] == call.token), "T1"
        )
        return {
            "ok": True,
            "team_id": team,
            "user_id": BOT_USER_ID,
            "bot_id": "BPEER",
            "team": "Peer",
            "url": "https://peer.slack.example/",
        }

    def _users_info(self, call: Call) -> dict[str, Any]:
        user_id = call.body.get("user", "")
        if failed := self._failure("users.info", user_id):
            return failed
        if user_id not in self.users:
            return {"ok": False, "error": "user_not_found"}
        return {"ok": True, "user": self._user(user_id)}

    def _users_lookupByEmail(self, call: Call) -> dict[str, Any]:
        email = call.body.get("email", "").lower()
        user_id = next(
            (u for u, d in self.users.items() if (d["email"] or "").lower() == email), ""
        )
        if failed := self._failure("users.lookupByEmail", user_id or email):
            return failed
        if not user_id:
            return {"ok": False, "error": "users_not_found"}
        return {"ok": True, "user": self._user(user_id)}

    def _user(self, user_id: str) -> dict[str, Any]:
        data = self.users[user_id]
        profile = {"real_name": data["name"], "display_name": data["name"]}
        if data["email"] is not None:
            profile["email"] = data["email"]
        return {
            "id": user_id,
            "name": data["name"],
            "deleted": data.get("deleted", False),
            "is_bot": False,
            "is_email_confirmed": data.get("confirmed", True),
            "profile": profile,
        }

    def _conversations_open(self, call: Call) -> dict[str, Any]:
        user_id = call.body.get("users", "")
        if failed := self._failure("conversations.open", user_id):
            return failed
        return {"ok": True, "channel": {"id": "D" + user_id}}

    def _chat_postMessage(self, call: Call) -> dict[str, Any]:
        channel = call.body.get("channel", "")
        if failed := self._failure("chat.postMessage", channel.removeprefix("D")):
            return failed
        return {"ok": True, "channel": channel, "ts": f"{next(self._ts)}.000100"}

    def _chat_postEphemeral(self, call: Call) -> dict[str, Any]:
        return {"ok": True, "message_ts": f"{next(self._ts)}.000200"}

    def _chat_update(self, call: Call) -> dict[str, Any]:
        return {"ok": True, "channel": call.body.get("channel"), "ts": call.body.get("ts")}

    def _views_open(self, call: Call) -> dict[str, Any]:
        return {"ok": True, "view": {"id": f"V{next(self._ts)}"}}

    _views_publish = _views_update = _views_open

    def _oauth(self, call: Call) -> dict[str, Any]:
        if call.client_credentials != self.app_credentials:
            return {"ok": False, "error": "invalid_client_id"}
        install = self.installs.get(call.body.get("code", ""))
        if install is None:
            return {"ok": False, "error": "invalid_code"}
        self.tokens.add(install["token"])
        return {
            "ok": True,
            "app_id": "APEER",
            "access_token": install["token"],
            "token_type": "bot",
            "scope": "commands,chat:write",
            "bot_user_id": BOT_USER_ID,
            "team": {"id": install["team_id"], "name": install["name"]},
            "enterprise": None,
            "authed_user": {"id": "UINSTALLER"},
            "is_enterprise_install": False,
        }
