"""The personal sign pages at `/sign/<token>`: sign, respond, download the certificate."""

from __future__ import annotations

from starlette.routing import BaseRoute

from portal.settings import Settings
from portal.web.sign.forms import FormTokens
from portal.web.sign.pages import SignPages

__all__ = ["FormTokens", "SignPages", "routes"]


def routes(settings: Settings) -> list[BaseRoute]:
    return SignPages(settings).routes()
