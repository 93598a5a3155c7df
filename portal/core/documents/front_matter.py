"""A version file's YAML front matter: the keys it may hold, checked one by one."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from portal.core.agreements import (
    Anchor,
    Audience,
    Renewal,
    SignerRule,
)
from portal.core.documents.errors import DocumentError

_REQUIRED = ("title", "audience", "version", "effective", "renewal")
_KNOWN = {*_REQUIRED, "anchor", "material", "signers", "statement", "changes"}
_LABEL = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
Fail = Callable[[str, str], DocumentError]
"""Makes the error for a key's line in the file."""


def read_front_matter(content: str, path: Path | str) -> tuple[dict[str, Any], int]:
    lines = content.split("\n")
    if not lines or lines[0].strip() != "---":
        raise DocumentError(path, 1, "missing front matter: the file must start with a '---' line")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise DocumentError(path, 1, "front matter is not closed by a '---' line") from None
    try:
        meta = yaml.safe_load("\n".join(lines[1:end])) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 2
        problem = getattr(exc, "problem", None) or str(exc)
        raise DocumentError(path, line, f"front matter is not valid YAML: {problem}") from None
    except ValueError as exc:
        # PyYAML builds dates itself and lets e.g. month 13 escape as a bare ValueError.
        raise DocumentError(path, line_of(content, "effective"), f"not a date: {exc}") from None
    if not isinstance(meta, dict):
        raise DocumentError(path, 2, "front matter must be a mapping of keys to values")
    return meta, end + 1


def line_of(content: str, key: str) -> int:
    for number, line in enumerate(content.split("\n"), start=1):
        if re.match(rf"^{re.escape(key)}\s*:", line):
            return number
    return 1


def fields_of(meta: dict[str, Any], content: str, path: Path | str) -> dict[str, Any]:
    _check_keys(meta, content, path)

    def fail(key: str, problem: str) -> DocumentError:
        return DocumentError(path, line_of(content, key), problem)

    label, effective = _label(meta["version"], fail), _effective(meta["effective"], fail)
    material = meta.get("material", True)
    if not isinstance(material, bool):
        raise fail("material", "material must be true or false")
    return {
        "title": str(meta["title"]).strip(),
        "version": label,
        "effective": effective,
        "material": material,
        "audience": _choice(Audience, meta["audience"], "audience", fail),
        "renewal": _choice(Renewal, meta["renewal"], "renewal", fail),
        "anchor": _choice(Anchor, meta.get("anchor", "academic-year"), "anchor", fail),
        "signers": _choice(SignerRule, meta.get("signers", "any"), "signers", fail),
        "statement": str(meta.get("statement") or "").strip(),
        "changes": str(meta.get("changes") or "").strip(),
    }


def _check_keys(meta: dict[str, Any], content: str, path: Path | str) -> None:
    for key in meta:
        if key not in _KNOWN:
            raise DocumentError(
                path,
                line_of(content, str(key)),
                f"unknown front matter key {key!r} (known: {', '.join(sorted(_KNOWN))})",
            )
    for key in _REQUIRED:
        if meta.get(key) in (None, ""):
            raise DocumentError(path, 1, f"front matter is missing {key!r}")


def _label(value: Any, fail: Fail) -> str:
    label = str(value)
    if not _LABEL.match(label):
        raise fail("version", f"version {label!r} may use only letters, digits, '.', '_' and '-'")
    return label


def _effective(value: Any, fail: Fail) -> date:
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            raise fail("effective", f"effective {value!r} is not a date like 2024-09-01") from None
    if not isinstance(value, date):
        raise fail("effective", "effective must be a date like 2024-09-01")
    return value


def _choice(kind: Any, value: Any, key: str, fail: Fail) -> Any:
    try:
        return kind(str(value).strip().lower())
    except ValueError:
        allowed = " | ".join(m.value for m in kind)
        raise fail(key, f"{key} {value!r} is not one of {allowed}") from None
