"""Publishing a new agreement version from the office: an uploaded file or text edited in the page.

Either way the text goes through `parse_version`, the same reader the agreements folder uses, and
is stored by `publish_version` (immutable, audited). Nothing is stored when anything is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import yaml

from portal.core.agreements import Agreement, AgreementVersion
from portal.core.documents import DocumentError, VersionFile, parse_version
from portal.store import publishing as store
from portal.store.agreements import VersionConflict, publish_version
from portal.store.models import School

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}$")
# Which form field a front matter key is typed into on the edit page.
_FIELDS = {
    "version": "label",
    "effective": "effective",
    "material": "material",
    "changes": "changes",
}


@dataclass(frozen=True, slots=True)
class Problem:
    field: str
    """The form field it belongs next to: file, text, label, effective, material, changes, slug."""
    message: str
    file: str = ""
    line: int = 0

    @property
    def where(self) -> str:
        place = self.file or ("text" if self.field == "text" else "")
        return f"{place}, line {self.line}" if place and self.line else place


class FieldErrors(dict[str, list[Problem]]):
    """Problems by form field; a field without any reads as an empty list in templates."""

    def __missing__(self, key: str) -> list[Problem]:
        return []


class PublishRefused(ValueError):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(p.message for p in problems))

    def by_field(self) -> FieldErrors:
        errors = FieldErrors()
        for problem in self.problems:
            errors.setdefault(problem.field, []).append(problem)
        return errors


@dataclass(frozen=True, slots=True)
class Draft:
    """What the edit form is filled in with: the text in force, ready to change."""

    text: str = ""
    label: str = ""
    effective: str = ""
    material: bool = True
    changes: str = ""
    errors: FieldErrors = field(default_factory=FieldErrors)


@dataclass(frozen=True, slots=True)
class Edit:
    text: str
    label: str
    effective: str
    material: bool
    changes: str


async def agreements(school: School) -> list[Agreement]:
    return await store.agreements(school)


async def agreement(school: School, slug: str) -> Agreement | None:
    return await store.agreement(school, slug)


async def publications(school: School, slug: str) -> dict[str, store.Publication]:
    return await store.publications(school, slug)


def draft(agreement: Agreement, today: date) -> Draft:
    current = agreement.in_force(today) or (agreement.versions[-1] if agreement.versions else None)
    return Draft(text=current.text if current else "", effective=today.isoformat())


async def publish_upload(
    school: School, slug: str, filename: str, content: bytes, *, by: str, new: bool = False
) -> VersionFile:
    """Publish an uploaded version file; `new` when it starts a new agreement."""
    name = filename.rsplit("/", 1)[-1].rsplit("\\", 1)[-1] or "upload.md"
    if new:
        await _check_new_slug(school, slug)
    if not name.lower().endswith(".md"):
        raise PublishRefused([Problem("file", "choose a Markdown (.md) version file", name)])
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PublishRefused([Problem("file", f"not UTF-8 text ({exc.reason})", name, 1)]) from None
    parsed = _parse(text, name, lambda line: "file")
    await _publish(school, slug, parsed, by=by, new=new)
    return parsed


async def publish_edit(school: School, slug: str, edit: Edit, *, by: str) -> VersionFile:
    """Publish text edited in the page, with the agreement's own terms around it."""
    current = await store.agreement(school, slug)
    if current is None:
        raise PublishRefused([Problem("text", "no such agreement")])
    effective = _effective(edit.effective)
    document, body_start = _compose(current, edit, effective)
    keys = _key_lines(document)
    parsed = _parse(
        document,
        "",
        lambda line: keys.get(line, "text" if line > body_start else ""),
        body_start=body_start,
    )
    await _publish(school, slug, parsed, by=by, new=False)
    return parsed


def _effective(value: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise PublishRefused(
            [Problem("effective", "give the date it takes effect, like 2025-09-01")]
        ) from None


def _compose(current: Agreement, edit: Edit, effective: date) -> tuple[str, int]:
    in_force = current.versions[-1]
    meta = {
        "title": current.title,
        "audience": current.audience.value,
        "version": edit.label.strip(),
        "effective": effective,
        "renewal": current.renewal.value,
        "anchor": current.anchor.value,
        "material": edit.material,
        "signers": current.signers.value,
        "statement": in_force.statement,
        "changes": " ".join(edit.changes.split()),
    }
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1_000_000)
    head = f"---\n{front}---\n"
    return head + edit.text.replace("\r\n", "\n"), head.count("\n")


def _key_lines(document: str) -> dict[int, str]:
    lines: dict[int, str] = {}
    for number, line in enumerate(document.split("\n"), start=1):
        key = line.split(":", 1)[0]
        if key in _FIELDS:
            lines[number] = _FIELDS[key]
        if number > 1 and line == "---":
            break
    return lines


def _parse(
    text: str, name: str, field_of: Callable[[int], str], *, body_start: int = 0
) -> VersionFile:
    try:
        return parse_version(text, name or "<text>")
    except DocumentError as exc:
        line = _box_line(exc.line, body_start)
        problem = Problem(field_of(exc.line) or "text", exc.problem, name, line)
        raise PublishRefused([problem]) from None


def _box_line(line: int, body_start: int) -> int:
    """An uploaded file counts lines from its top; edited text from the top of the text box."""
    if not body_start:
        return line
    return line - body_start if line > body_start else 0


async def _check_new_slug(school: School, slug: str) -> None:
    if not _SLUG.match(slug):
        raise PublishRefused(
            [
                Problem(
                    "slug", "use lower-case letters, digits and dashes, e.g. staff-code-of-conduct"
                )
            ]
        )
    if await store.agreement(school, slug) is not None:
        raise PublishRefused(
            [Problem("slug", f"{slug} already exists: publish a new version of it")]
        )


async def _publish(school: School, slug: str, parsed: VersionFile, *, by: str, new: bool) -> None:
    current = None if new else await store.agreement(school, slug)
    if not new and current is None:
        raise PublishRefused([Problem("file", "no such agreement")])
    versions = current.versions if current is not None else ()
    problems = _against_history(current, parsed)
    if problems:
        raise PublishRefused(problems)
    agreement = Agreement(
        school=school.slug,
        slug=slug,
        title=parsed.title,
        audience=parsed.audience,
        renewal=parsed.renewal,
        anchor=parsed.anchor,
        signers=parsed.signers,
        versions=(*versions, parsed.version),
    )
    try:
        await publish_version(agreement, parsed.version, by=by)
    except VersionConflict as exc:
        raise PublishRefused([Problem("label", str(exc))]) from None


def _against_history(current: Agreement | None, parsed: VersionFile) -> list[Problem]:
    if current is None:
        return []
    new = parsed.version
    same = current.version(new.label)
    if same is not None:
        return [Problem("label", _same_label(same, new))]
    if parsed.audience != current.audience:
        return [
            Problem(
                "file",
                f"this agreement is for {current.audience.value}, not {parsed.audience.value}",
                parsed.path,
            )
        ]
    latest = max(current.versions, key=lambda v: v.effective, default=None)
    if latest is not None and latest.sha256 == new.sha256:
        return [
            Problem(
                "text",
                f"the text is the same as version {latest.label}: change the text "
                "to publish a new version",
            )
        ]
    if latest is not None and new.effective <= latest.effective:
        return [
            Problem(
                "effective",
                f"a new version must take effect after version {latest.label} "
                f"(effective {latest.effective.isoformat()})",
            )
        ]
    return []


def _same_label(stored: AgreementVersion, new: AgreementVersion) -> str:
    if stored.sha256 == new.sha256:
        return f"version {new.label} is already published with exactly this text"
    return (
        f"version {new.label} is already published with different text. Published versions "
        "never change: give this version a new label"
    )


def version_file(agreement: Agreement, version: AgreementVersion) -> str:
    """The version as a file for the agreements folder: the same front matter, the same text."""
    meta = {
        "title": agreement.title,
        "audience": agreement.audience.value,
        "version": version.label,
        "effective": version.effective,
        "renewal": agreement.renewal.value,
        "anchor": agreement.anchor.value,
        "material": version.material,
        "signers": agreement.signers.value,
        "statement": version.statement,
        "changes": version.changes,
    }
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1_000_000)
    return f"---\n{front}---\n\n{version.text}"


def summary(agreement: Agreement) -> dict[str, object]:
    return {
        "slug": agreement.slug,
        "title": agreement.title,
        "audience": agreement.audience.value,
        "versions": [
            {
                "label": v.label,
                "effective": v.effective.isoformat(),
                "material": v.material,
                "sha256": v.sha256,
                "clauses": len(v.clauses),
            }
            for v in agreement.versions
        ],
    }
