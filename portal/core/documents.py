"""Read one agreement version file: YAML front matter, then the text in Markdown.

The body's structure is the document's own: `#` opens a part (an appendix), `##` a section,
`###` a numbered clause. Paragraphs straight under a section that has no numbered clauses
(Stockport prints none) become clauses numbered by section and paragraph order. A heading
may end in `{#ref}` to fix a reference by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from portal.core.agreements import (
    Agreement,
    AgreementVersion,
    Anchor,
    Audience,
    Clause,
    Renewal,
    SignerRule,
)

_HEADING = re.compile(r"^(#{1,3})[ \t]+(.*?)[ \t]*(?:\{#([^}\s]+)\})?[ \t]*$")
_NUMBER = re.compile(
    r"^(Appendix[ \t]+[A-Z]|APPENDIX[ \t]+[A-Z]|[A-Z](?:\.\d+)+|\d+(?:\.\d+)*)\.?(?:[ \t]+|$)(.*)$"
)
_APPENDIX = re.compile(r"^appendix(?:[ \t]+([A-Z])\b)?[ \t]*[:.\u2013\u2014-]?[ \t]*(.*)$", re.I)
_LIST_ITEM = re.compile(r"^\s*(?:[-*•]|\d+[.)]|[a-z][.)])\s+")
_REQUIRED = ("title", "audience", "version", "effective", "renewal")
_KNOWN = {*_REQUIRED, "anchor", "material", "signers", "statement", "changes"}
_LABEL = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


class DocumentError(ValueError):
    """A version file that cannot be published as it stands."""

    def __init__(self, path: Path | str, line: int, problem: str) -> None:
        self.path, self.line, self.problem = str(path), line, problem
        super().__init__(f"{path}:{line}: {problem}")


@dataclass(frozen=True, slots=True)
class VersionFile:
    """One parsed file: the version plus the agreement-level facts its front matter states."""

    path: str
    title: str
    audience: Audience
    renewal: Renewal
    anchor: Anchor
    signers: SignerRule
    version: AgreementVersion


def parse_version_file(path: Path) -> VersionFile:
    try:
        content = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(path, 1, f"not UTF-8 text ({exc.reason})") from None
    return parse_version(content, path)


def parse_version(content: str, path: Path | str = "<text>") -> VersionFile:
    content = content.replace("\r\n", "\n").replace("\r", "\n")
    meta, body_start = _front_matter(content, path)
    lines = content.split("\n")
    body = "\n".join(lines[body_start:]).strip("\n") + "\n"
    fields = _fields(meta, content, path)
    expected = Path(path).stem
    if isinstance(path, Path) and fields["version"] != expected:
        raise DocumentError(
            path,
            _line_of(content, "version"),
            f"version {fields['version']!r} does not match the file name {expected!r}",
        )
    clauses = _clauses(lines[body_start:], body_start, path)
    if not clauses:
        raise DocumentError(path, body_start + 1, "the text has no clauses")
    version = AgreementVersion(
        label=fields["version"],
        effective=fields["effective"],
        text=body,
        clauses=tuple(clauses),
        material=fields["material"],
        statement=fields["statement"] or f"I have read, understood and agree to {fields['title']}.",
        changes=fields["changes"],
    )
    return VersionFile(
        path=str(path),
        title=fields["title"],
        audience=fields["audience"],
        renewal=fields["renewal"],
        anchor=fields["anchor"],
        signers=fields["signers"],
        version=version,
    )


def agreement_from_files(school: str, slug: str, files: list[VersionFile]) -> Agreement:
    """Gather an agreement's versions; the newest file states the agreement's current terms."""
    files = sorted(files, key=lambda f: (f.version.effective, f.version.label))
    newest = files[-1]
    for f in files:
        if f.audience != newest.audience:
            raise DocumentError(f.path, 1, f"audience {f.audience} differs from {newest.path}")
    seen: dict[date, str] = {}
    for f in files:
        if f.version.effective in seen:
            raise DocumentError(
                f.path,
                1,
                f"effective date {f.version.effective} is also {seen[f.version.effective]}'s",
            )
        seen[f.version.effective] = f.path
    return Agreement(
        school=school,
        slug=slug,
        title=newest.title,
        audience=newest.audience,
        renewal=newest.renewal,
        anchor=newest.anchor,
        signers=newest.signers,
        versions=tuple(f.version for f in files),
    )


def _front_matter(content: str, path: Path | str) -> tuple[dict[str, Any], int]:
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
        raise DocumentError(path, _line_of(content, "effective"), f"not a date: {exc}") from None
    if not isinstance(meta, dict):
        raise DocumentError(path, 2, "front matter must be a mapping of keys to values")
    return meta, end + 1


def _line_of(content: str, key: str) -> int:
    for number, line in enumerate(content.split("\n"), start=1):
        if re.match(rf"^{re.escape(key)}\s*:", line):
            return number
    return 1


def _fields(meta: dict[str, Any], content: str, path: Path | str) -> dict[str, Any]:
    for key in meta:
        if key not in _KNOWN:
            raise DocumentError(
                path,
                _line_of(content, str(key)),
                f"unknown front matter key {key!r} (known: {', '.join(sorted(_KNOWN))})",
            )
    for key in _REQUIRED:
        if meta.get(key) in (None, ""):
            raise DocumentError(path, 1, f"front matter is missing {key!r}")

    def fail(key: str, problem: str) -> DocumentError:
        return DocumentError(path, _line_of(content, key), problem)

    label = str(meta["version"])
    if not _LABEL.match(label):
        raise fail("version", f"version {label!r} may use only letters, digits, '.', '_' and '-'")
    effective = meta["effective"]
    if isinstance(effective, str):
        try:
            effective = date.fromisoformat(effective)
        except ValueError:
            raise fail(
                "effective", f"effective {effective!r} is not a date like 2024-09-01"
            ) from None
    if not isinstance(effective, date):
        raise fail("effective", "effective must be a date like 2024-09-01")
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


def _choice(kind: Any, value: Any, key: str, fail: Any) -> Any:
    try:
        return kind(str(value).strip().lower())
    except ValueError:
        allowed = " | ".join(m.value for m in kind)
        raise fail(key, f"{key} {value!r} is not one of {allowed}") from None


@dataclass
class _Block:
    ref: str
    number: str
    heading: str
    section: str
    lines: list[str]
    explicit: bool
    line: int
    section_index: int = 0


class _Reader:
    """Walks the body once, collecting clause blocks in document order."""

    def __init__(self, path: Path | str) -> None:
        self.path = path
        self.blocks: list[_Block] = []
        self.part = ""
        self.section_ref = ""
        self.section_title = ""
        self.sections_in_part = 0
        self.section_index = 0
        self.clause: _Block | None = None
        self.loose: list[tuple[int, list[str]]] = []

    def heading(self, level: int, text: str, explicit: str | None, line: int) -> None:
        self._close_section() if level <= 2 else None
        self.clause = None
        number, title = _part_number(text) if level == 1 else _split_number(text)
        if level <= 2:
            self.section_index += 1
        if level == 1:
            self.part = explicit or number
            self.section_ref, self.section_title = self.part, title or text
            self.sections_in_part = 0
        elif level == 2:
            self.sections_in_part += 1
            # An unnumbered section is numbered by its order in its part.
            ref = explicit or _in_part(self.part, number or str(self.sections_in_part))
            self.section_ref, self.section_title = ref, title or text
        else:
            if not number and not explicit:
                raise DocumentError(
                    self.path, line, "a '###' clause heading must start with its number"
                )
            ref = explicit or _in_part(self.part, number)
            self.clause = _Block(
                ref,
                number,
                title or self.section_title,
                self.section_ref,
                [],
                bool(explicit),
                line,
                self.section_index,
            )
            self.blocks.append(self.clause)

    def text(self, raw: str, line: int) -> None:
        if self.clause is not None:
            self.clause.lines.append(raw)
        elif raw.strip():
            if not self.loose or (self.loose[-1][1] and not self.loose[-1][1][-1].strip()):
                self.loose.append((line, []))
            self.loose[-1][1].append(raw)
        elif self.loose:
            self.loose[-1][1].append(raw)

    def finish(self) -> list[_Block]:
        self._close_section()
        return self.blocks

    def _close_section(self) -> None:
        paragraphs = _join_lists(self.loose)
        self.loose = []
        if not paragraphs:
            return
        has_numbered = any(b.section_index == self.section_index for b in self.blocks)
        base = self.section_ref or "preamble"
        for index, (line, lines) in enumerate(paragraphs, start=1):
            ref = f"{base}.0" if has_numbered else f"{base}.{index}"
            self.blocks.append(
                _Block(
                    ref,
                    "",
                    self.section_title,
                    self.section_ref,
                    lines,
                    False,
                    line,
                    self.section_index,
                )
            )


def _split_number(text: str) -> tuple[str, str]:
    match = _NUMBER.match(text.strip())
    if not match:
        return "", text.strip()
    return match.group(1), match.group(2).strip()


def _part_number(text: str) -> tuple[str, str]:
    """An appendix heading ("APPENDIX A: Requirements", "Appendix – Sites") opens a part."""
    match = _APPENDIX.match(text.strip())
    if not match:
        return "", text.strip()
    letter = (match.group(1) or "").upper()
    return (f"Appendix {letter}" if letter else "Appendix"), match.group(2).strip()


def _in_part(part: str, number: str) -> str:
    if not part or not number:
        return number
    letter = part.split()[-1]
    return number if number.startswith(letter + ".") else f"{part} {number}"


def _join_lists(loose: list[tuple[int, list[str]]]) -> list[tuple[int, list[str]]]:
    """A list that follows a paragraph ("includes:") belongs to that paragraph."""
    joined: list[tuple[int, list[str]]] = []
    for line, lines in loose:
        content = [x for x in lines if x.strip()]
        if not content:
            continue
        if joined and all(_LIST_ITEM.match(x) or x.startswith((" ", "\t")) for x in content):
            joined[-1][1].extend(lines)
        else:
            joined.append((line, list(lines)))
    return joined


def _clauses(body: list[str], offset: int, path: Path | str) -> list[Clause]:
    reader = _Reader(path)
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


def _number(blocks: list[_Block], path: Path | str) -> list[Clause]:
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
        if not line or _LIST_ITEM.match(raw):
            if current:
                paragraphs.append(" ".join(current))
            current = [line] if line else []
        else:
            current.append(line)
    text = "\n".join(p for p in paragraphs if p)
    return re.sub(r"[ \t]+", " ", text).strip()
