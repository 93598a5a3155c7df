"""The agreements folder and the answer engine built from it, made once on first use."""

from __future__ import annotations

from pathlib import Path

from portal.core.agreements import Audience
from portal.core.answers import Answer, AnswerEngine
from portal.core.catalog import Catalog, load_catalog


class Policies:
    def __init__(self, agreements_dir: Path) -> None:
        self._dir = agreements_dir
        self._catalog: Catalog | None = None
        self._engine: AnswerEngine | None = None

    @property
    def catalog(self) -> Catalog:
        if self._catalog is None:
            self._catalog = load_catalog(self._dir)
        return self._catalog

    def ask(self, school: str, question: str) -> Answer:
        """Staff ask in Slack, so answers come from the staff agreements.

        Raises InvalidQuestion (empty or too long) and UnknownSchool.
        """
        if self._engine is None:
            self._engine = AnswerEngine.from_catalog(self.catalog)
        return self._engine.ask(school, question, Audience.STAFF)

    def title(self, school: str, agreement: str) -> str:
        found = self.catalog.agreement(school, agreement)
        return found.title if found is not None else agreement
