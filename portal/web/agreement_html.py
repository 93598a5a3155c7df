"""An agreement version's text as HTML, grouped under its headings with its printed numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup

from portal.core.agreements import Clause
from portal.web.templating import templates

_BULLET = re.compile(r"^\s*[-*•]\s+")
_CACHE_SIZE = 256


@dataclass(frozen=True, slots=True)
class Block:
    kind: str  # "p" | "ul"
    items: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ClauseView:
    anchor: str
    number: str
    printed: bool
    """False when the document prints no number and `number` is our derived reference."""
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class Group:
    heading: str
    clauses: tuple[ClauseView, ...]


def blocks(text: str) -> tuple[Block, ...]:
    """Paragraphs as they are; runs of bulleted lines become one list."""
    out: list[Block] = []
    for line in filter(None, (x.strip() for x in text.split("\n"))):
        if _BULLET.match(line):
            item = _BULLET.sub("", line)
            if out and out[-1].kind == "ul":
                out[-1] = Block("ul", (*out[-1].items, item))
            else:
                out.append(Block("ul", (item,)))
        else:
            out.append(Block("p", (line,)))
    return tuple(out)


def groups(clauses: tuple[Clause, ...]) -> tuple[Group, ...]:
    out: list[tuple[str, str, list[ClauseView]]] = []
    for clause in clauses:
        view = ClauseView(
            anchor="clause-" + re.sub(r"[^A-Za-z0-9.]+", "-", clause.ref),
            number=clause.number or clause.ref,
            printed=bool(clause.number),
            blocks=blocks(clause.text),
        )
        if out and (out[-1][0], out[-1][1]) == (clause.section, clause.heading):
            out[-1][2].append(view)
        else:
            out.append((clause.section, clause.heading, [view]))
    return tuple(Group(heading, tuple(views)) for _, heading, views in out)


_rendered: dict[str, Markup] = {}


def agreement_html(sha256: str, clauses: tuple[Clause, ...]) -> Markup:
    """Rendered once per version text (keyed by its hash: the same text always looks the same)."""
    cached = _rendered.get(sha256)
    if cached is None:
        template = templates().get_template("_agreement.html")
        cached = Markup(template.render(groups=groups(clauses)))  # noqa: S704 (autoescaped template)
        if len(_rendered) >= _CACHE_SIZE:
            _rendered.clear()
        _rendered[sha256] = cached
    return cached
