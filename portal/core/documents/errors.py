"""What a version file that cannot be published reports: its path, line and problem."""

from __future__ import annotations

from pathlib import Path


class DocumentError(ValueError):
    """A version file that cannot be published as it stands."""

    def __init__(self, path: Path | str, line: int, problem: str) -> None:
        self.path, self.line, self.problem = str(path), line, problem
        super().__init__(f"{path}:{line}: {problem}")
