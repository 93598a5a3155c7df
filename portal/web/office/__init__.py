"""The office pages: `/office/<school>/…` for a school's office, `/office/` for the trust."""

from __future__ import annotations

from starlette.routing import BaseRoute

from portal.settings import Settings
from portal.web import office_replies, office_roster
from portal.web.office import agreements, home, signin


def routes(settings: Settings) -> list[BaseRoute]:
    # Sign-in first: its fixed paths must win over `/office/{school}/…`.
    return [
        *signin.routes(settings),
        *home.routes(),
        *agreements.routes(),
        *office_replies.routes(),
        *office_roster.routes(),
    ]
