"""The agreements folder: `<school>/school.yaml` and `<school>/<agreement>/<version>.md`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from portal.core.agreements import Agreement, School
from portal.core.documents import (
    DocumentError,
    VersionFile,
    agreement_from_files,
    parse_version_file,
)

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True, slots=True)
class Catalog:
    schools: dict[str, School] = field(default_factory=dict)
    agreements: tuple[Agreement, ...] = ()

    def for_school(self, school: str) -> tuple[Agreement, ...]:
        return tuple(a for a in self.agreements if a.school == school)

    def agreement(self, school: str, slug: str) -> Agreement | None:
        return next((a for a in self.agreements if a.school == school and a.slug == slug), None)


class CatalogError(ValueError):
    """Every problem found in the folder, so one run shows them all."""

    def __init__(self, errors: list[DocumentError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


def load_catalog(root: Path) -> Catalog:
    if not root.is_dir():
        raise CatalogError([DocumentError(root, 0, "agreements folder not found")])
    errors: list[DocumentError] = []
    schools: dict[str, School] = {}
    agreements: list[Agreement] = []
    for school_dir in sorted(
        p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")
    ):
        try:
            schools[school_dir.name] = _school(school_dir)
        except DocumentError as exc:
            errors.append(exc)
            continue
        for agreement_dir in sorted(p for p in school_dir.iterdir() if p.is_dir()):
            agreement = _agreement(school_dir.name, agreement_dir, errors)
            if agreement is not None:
                agreements.append(agreement)
    if errors:
        raise CatalogError(errors)
    return Catalog(schools=schools, agreements=tuple(agreements))


def _school(folder: Path) -> School:
    if not _SLUG.match(folder.name):
        raise DocumentError(folder, 0, "a school folder name must be a lower-case slug")
    path = folder / "school.yaml"
    if not path.exists():
        raise DocumentError(path, 0, "missing school.yaml (name, timezone, contacts)")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DocumentError(path, mark.line + 1 if mark else 1, "not valid YAML") from None
    if not isinstance(data, dict) or not data.get("name"):
        raise DocumentError(path, 1, "school.yaml must give the school's name")
    contacts = data.get("contacts") or {}
    if not isinstance(contacts, dict):
        raise DocumentError(path, 1, "contacts must map a role to who fills it")
    return School(
        slug=folder.name,
        name=str(data["name"]),
        timezone=str(data.get("timezone", "Europe/London")),
        contacts={str(k): str(v) for k, v in contacts.items()},
    )


def _agreement(school: str, folder: Path, errors: list[DocumentError]) -> Agreement | None:
    if not _SLUG.match(folder.name):
        errors.append(
            DocumentError(folder, 0, "an agreement folder name must be a lower-case slug")
        )
        return None
    files: list[VersionFile] = []
    for path in sorted(folder.glob("*.md")):
        try:
            files.append(parse_version_file(path))
        except DocumentError as exc:
            errors.append(exc)
    if not files:
        if not any(e.path.startswith(str(folder)) for e in errors):
            errors.append(DocumentError(folder, 0, "no version files (<version>.md)"))
        return None
    try:
        return agreement_from_files(school, folder.name, files)
    except DocumentError as exc:
        errors.append(exc)
        return None
