"""A small, real OpenID Connect provider on 127.0.0.1 for tests: the part of Entra ID or Google
that a sign-in touches. Discovery, an authorize endpoint that signs in whoever the test says
(`peer.identity`) and redirects back with a code, a token endpoint that checks the code, the
client's secret and the PKCE verifier and issues an RS256 id_token, and the JWKS to check it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from joserfc import jwt
from joserfc.jwk import RSAKey

CLIENT_ID = "signoff-test-client"
CLIENT_SECRET = "peer-secret-" + "s" * 20


@dataclass
class _Grant:
    client_id: str
    redirect_uri: str
    nonce: str
    challenge: str
    claims: dict[str, Any]


@dataclass
class OidcPeer:
    identity: dict[str, Any] = field(default_factory=dict)
    """The claims of whoever "signs in" next, e.g. {"email": ..., "email_verified": True}."""
    key: RSAKey = field(default_factory=lambda: RSAKey.generate_key(2048, {"kid": "peer-1"}))
    grants: dict[str, _Grant] = field(default_factory=dict)
    tokens_issued: int = 0
    server: ThreadingHTTPServer | None = None

    @property
    def issuer(self) -> str:
        assert self.server is not None
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def metadata_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def env(self, name: str = "peer") -> dict[str, str]:
        """Settings that point Signoff at this provider, for make_settings(**env)."""
        prefix = f"SIGNOFF_OIDC_{name.upper()}_"
        return {
            "SIGNOFF_OIDC_PROVIDERS": name,
            prefix + "CLIENT_ID": CLIENT_ID,
            prefix + "CLIENT_SECRET": CLIENT_SECRET,
            prefix + "METADATA_URL": self.metadata_url,
        }

    def start(self) -> OidcPeer:
        peer = self

        class Handler(_Handler):
            owner = peer

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()

    # -- what the endpoints answer -----------------------------------------------------------

    def discovery(self) -> dict[str, Any]:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "jwks_uri": f"{self.issuer}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
        }

    def authorize(self, query: dict[str, str]) -> tuple[int, str]:
        """Sign in `identity` and send the browser back; refuse what a real provider refuses."""
        if query.get("client_id") != CLIENT_ID or query.get("response_type") != "code":
            return 400, ""
        if query.get("code_challenge_method") != "S256" or not query.get("code_challenge"):
            return 400, ""
        code = secrets.token_urlsafe(24)
        self.grants[code] = _Grant(
            query["client_id"],
            query["redirect_uri"],
            query.get("nonce", ""),
            query["code_challenge"],
            dict(self.identity),
        )
        back = urlencode({"code": code, "state": query.get("state", "")})
        return 302, f"{query['redirect_uri']}?{back}"

    def token(self, form: dict[str, str], authorization: str) -> tuple[int, dict[str, Any]]:
        client_id, secret = _client_credentials(form, authorization)
        grant = self.grants.pop(form.get("code", ""), None)
        if (client_id, secret) != (CLIENT_ID, CLIENT_SECRET):
            return 401, {"error": "invalid_client"}
        if grant is None or grant.redirect_uri != form.get("redirect_uri"):
            return 400, {"error": "invalid_grant"}
        if _s256(form.get("code_verifier", "")) != grant.challenge:
            return 400, {"error": "invalid_grant", "error_description": "PKCE verifier"}
        self.tokens_issued += 1
        return 200, {
            "access_token": secrets.token_urlsafe(24),
            "token_type": "Bearer",
            "expires_in": 300,
            "id_token": self.id_token(grant),
        }

    def id_token(self, grant: _Grant) -> str:
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": grant.client_id,
            "iat": now,
            "exp": now + 300,
            "sub": grant.claims.get("sub", "peer-" + str(grant.claims.get("email", ""))),
            "nonce": grant.nonce,
            **grant.claims,
        }
        return jwt.encode({"alg": "RS256", "kid": "peer-1"}, claims, self.key)

    def jwks(self) -> dict[str, Any]:
        return {"keys": [self.key.as_dict(private=False)]}


def _client_credentials(form: dict[str, str], authorization: str) -> tuple[str, str]:
    if authorization.startswith("Basic "):
        decoded = base64.b64decode(authorization[6:]).decode()
        client_id, _, secret = decoded.partition(":")
        return client_id, secret
    return form.get("client_id", ""), form.get("client_secret", "")


def _s256(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


class _Handler(BaseHTTPRequestHandler):
    owner: OidcPeer

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        if url.path == "/.well-known/openid-configuration":
            self._json(200, self.owner.discovery())
        elif url.path == "/jwks":
            self._json(200, self.owner.jwks())
        elif url.path == "/authorize":
            status, location = self.owner.authorize(query)
            self.send_response(status)
            if location:
                self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self._json(404, {"error": "not_found"})

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
        if urlsplit(self.path).path == "/token":
            self._json(*self.owner.token(form, self.headers.get("Authorization", "")))
        else:
            self._json(404, {"error": "not_found"})

    def _json(self, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep test output quiet
