"""Single sign-on through the schools' identity providers (OpenID Connect, via Authlib).

One provider per entry in settings.oidc. The metadata URLs schools use:

- Microsoft Entra ID: https://login.microsoftonline.com/<tenant-id>/v2.0/.well-known/openid-configuration
  (the tenant's own id, not "common": Authlib then checks the issuer). Entra ID does not say an
  email is verified by default: add the optional ID-token claims `email` and `xms_edov` (email
  domain owner verified) to the app registration, or nobody can sign in with it.
- Google Workspace: https://accounts.google.com/.well-known/openid-configuration
  (Google sends `email_verified`).

Redirect URI to register with the provider: <SIGNOFF_BASE_URL>/office/sso/<name>/callback.
"""

from __future__ import annotations

import warnings
from typing import Any

import authlib.deprecate  # installs Authlib's own "always warn" filter before ours below

from portal.settings import OidcProvider, Settings

with warnings.catch_warnings():
    # Authlib 1.9 warns on import that it would rather use `httpx2`; httpx is what we ship.
    warnings.simplefilter("ignore", authlib.deprecate.AuthlibDeprecationWarning)
    from authlib.integrations.starlette_client import OAuth, OAuthError

__all__ = ["OAuthError", "Providers", "display_name"]

_NAMES = {"microsoft": "Microsoft", "entra": "Microsoft", "azure": "Microsoft", "google": "Google"}


def display_name(provider: OidcProvider) -> str:
    return _NAMES.get(provider.name.lower(), provider.name.replace("-", " ").title())


class Providers:
    """The configured providers; each fetches its metadata and keys on first use."""

    def __init__(self, settings: Settings) -> None:
        self.base_url = settings.base_url
        self.configured = {p.name: p for p in settings.oidc}
        self._oauth = OAuth()
        for p in settings.oidc:
            self._oauth.register(
                name=p.name,
                client_id=p.client_id,
                client_secret=p.client_secret.value or None,
                server_metadata_url=p.metadata_url,
                client_kwargs={"scope": "openid email profile", "code_challenge_method": "S256"},
            )

    def client(self, name: str) -> Any | None:
        return self._oauth.create_client(name) if name in self.configured else None

    def redirect_uri(self, name: str) -> str:
        return f"{self.base_url}/office/sso/{name}/callback"
