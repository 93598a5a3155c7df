"""The clause blocks a reader found, numbered uniquely and tidied for quoting."""

from __future__ import annotations

import re
from pathlib import Path

from portal.core.agreements import (
    Clause,
)
from portal.core.documents.errors import DocumentError
from portal.core.documents.reader import LIST_ITEM, Block, Reader

_HEADING = re.compile(r"^(#{1,3})[ \t]+(.*?)[ \t]*(?:\{#([^}\s]+)\})?[ \t]*$")


def clauses_of(body: list[str], offset: int, path: Path | str) -> list[Clause]:
    reader = Reader(path)
    for index, raw in enumerate(body):
        match = _HEADING.match(raw)
        if match:
            reader.heading(len(match.group(1)), match.group(2), match.group(3), offset + index + 1)
        else:
            reader.text(raw, offset + index + 1)
    blocks = [b for b in reader.finish() if _tidy(b.lines)]
    # Paragraph clauses are collected when their section closes; put them back in reading order.
    blocks.sort(key=lambda b: b.line)
    return _number(blocks, path)


def _number(blocks: list[Block], path: Path | str) -> list[Clause]:
    """Give every clause a unique reference; a repeated printed number gets b, c, … in order."""
    seen: set[str] = set()
    clauses = []
    for position, block in enumerate(blocks):
        ref = block.ref
        if ref in seen:
            if block.explicit:
                raise DocumentError(path, block.line, f"clause reference {ref!r} is used twice")
            ref = next(
                f"{block.ref}{s}"
                for s in "bcdefghijklmnopqrstuvwxyz"
                if f"{block.ref}{s}" not in seen
            )
        seen.add(ref)
        clauses.append(
            Clause(
                ref=ref,
                number=block.number,
                heading=_plain(block.heading),
                text=_tidy(block.lines),
                section=block.section,
                position=position,
            )
        )
    return clauses


def _plain(heading: str) -> str:
    return re.sub(r"[*_`]", "", heading).strip()


def _tidy(lines: list[str]) -> str:
    """Clause text for quoting: soft line breaks joined, paragraphs and list items kept."""
    paragraphs: list[str] = []
    current: list[str] = []
    for raw in [*lines, ""]:
        line = raw.strip()
        if not line or LIST_ITEM.match(raw):
            if current:
                paragraphs.append(" ".join(current))
            current = [line] if line else []
        else:
            current.append(line)
    text = "\n".join(p for p in paragraphs if p)
    return re.sub(r"[ \t]+", " ", text).strip()
