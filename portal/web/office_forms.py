"""What the campaign, paper and term-date pages share: the school, CSRF-checked forms, ids in
paths, and form problems in the shape the office error templates read."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request

from portal.settings import Settings
from portal.store.models import School
from portal.store.office_models import OfficeUser
from portal.web import auth

_MAX_FIELDS = 400


@dataclass(frozen=True, slots=True)
class Problem:
    message: str
    where: str = ""


Errors = dict[str, list[Problem]]


class FieldError(ValueError):
    """A form value that cannot be used; `field` names the input to fix."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def problem(field: str, message: str) -> Errors:
    return {field: [Problem(message)]}


def actor(user: OfficeUser) -> str:
    """Who did it, as the audit log and `recorded_by` name them."""
    return user.email


async def school_of(request: Request) -> School:
    return await auth.require_school(request, request.path_params["school"])


async def checked_form(request: Request) -> FormData:
    form = await request.form(max_files=1, max_fields=_MAX_FIELDS)
    await auth.check_csrf(request, form)
    return form


def settings_of(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def path_id(request: Request, name: str) -> int:
    """Ids are parsed here, after the school (and CSRF) checks, not by the router: a malformed
    id in another school's URL must look like any other page that is not there."""
    raw = str(request.path_params[name])
    if not raw.isdigit() or len(raw) > 12:
        raise HTTPException(404, "Not found")
    return int(raw)


def campaign_url(school: School, campaign_id: int | None = None) -> str:
    base = f"/office/{school.slug}/campaigns"
    return base if campaign_id is None else f"{base}/{campaign_id}"
