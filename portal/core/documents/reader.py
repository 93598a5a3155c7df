"""One walk through a version's body: headings open parts, sections and clauses."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from portal.core.documents.errors import DocumentError

_NUMBER = re.compile(
    r"^(Appendix[ \t]+[A-Z]|APPENDIX[ \t]+[A-Z]|[A-Z](?:\.\d+)+|\d+(?:\.\d+)*)\.?(?:[ \t]+|$)(.*)$"
)
_APPENDIX = re.compile(r"^appendix(?:[ \t]+([A-Z])\b)?[ \t]*[:.\u2013\u2014-]?[ \t]*(.*)$", re.I)
LIST_ITEM = re.compile(r"^\s*(?:[-*•]|\d+[.)]|[a-z][.)])\s+")


@dataclass
class Block:
    ref: str
    number: str
    heading: str
    section: str
    lines: list[str]
    explicit: bool
    line: int
    section_index: int = 0


class Reader:
    """Walks the body once, collecting clause blocks in document order."""

    def __init__(self, path: Path | str) -> None:
        self.path = path
        self.blocks: list[Block] = []
        self.part = ""
        self.section_ref = ""
        self.section_title = ""
        self.sections_in_part = 0
        self.section_index = 0
        self.clause: Block | None = None
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
            self.clause = Block(
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

    def finish(self) -> list[Block]:
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
                Block(
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
        if joined and all(LIST_ITEM.match(x) or x.startswith((" ", "\t")) for x in content):
            joined[-1][1].extend(lines)
        else:
            joined.append((line, list(lines)))
    return joined
