"""The answer engine the answer tests ask: each test runs against both readings of the seeds."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine
from tests.unit.engines import curated_engine, text_engine


@pytest.fixture(scope="module", params=["curated", "text"])
def engine(request: pytest.FixtureRequest) -> AnswerEngine:
    """With the curation kept beside the seeds, as the product answers, and from their text
    alone, as a newly published version is answered: a mechanism must hold for both."""
    return curated_engine() if request.param == "curated" else text_engine()
