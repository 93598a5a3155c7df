"""The portal's one Jinja environment: loaded once, never re-read per request."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.templating import Jinja2Templates

from portal import wording

TEMPLATES = Path(__file__).parent / "templates"


@cache
def templates() -> Jinja2Templates:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        # Templates ship with the code: checking their files on every render only costs time.
        auto_reload=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        pupil_name=wording.pupil_name,
        pupil_names=wording.pupil_names,
        long_date=wording.long_date,
        long_time=wording.long_time,
    )
    return Jinja2Templates(env=env)
