"""Reading version files, and gathering an agreement's versions from them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from portal.core.agreements import (
    Agreement,
    AgreementVersion,
    Anchor,
    Audience,
    Renewal,
    SignerRule,
)
from portal.core.documents.clauses import clauses_of
from portal.core.documents.errors import DocumentError
from portal.core.documents.front_matter import fields_of, line_of, read_front_matter


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
    meta, body_start = read_front_matter(content, path)
    lines = content.split("\n")
    body = "\n".join(lines[body_start:]).strip("\n") + "\n"
    fields = fields_of(meta, content, path)
    expected = Path(path).stem
    if isinstance(path, Path) and fields["version"] != expected:
        raise DocumentError(
            path,
            line_of(content, "version"),
            f"version {fields['version']!r} does not match the file name {expected!r}",
        )
    clauses = clauses_of(lines[body_start:], body_start, path)
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
