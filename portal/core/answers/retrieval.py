"""Lexical retrieval: BM25 over one school's clauses, built once, scored per question."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import bm25s
import numpy as np

from portal.core.agreements import Clause
from portal.core.answers.text import fold, tokens


class ClauseIndex:
    """BM25 (bm25s) over clauses; `scores` gives every clause's score for a bag of tokens."""

    def __init__(self, clauses: Sequence[tuple[str, Clause]]) -> None:
        self.keys = [key for key, _ in clauses]
        self._position = {key: i for i, key in enumerate(self.keys)}
        corpus = [tokens(fold(f"{c.heading} {c.text}")) or ["_"] for _, c in clauses]
        self._bm25 = bm25s.BM25()
        if corpus:
            self._bm25.index(corpus, show_progress=False)
        self._vocab = set(self._bm25.vocab_dict) if corpus else set()

    def scores(self, query: Iterable[str]) -> np.ndarray:
        known = sorted({t for t in query if t in self._vocab})
        if not known or not self.keys:
            return np.zeros(len(self.keys), dtype=np.float32)
        return np.asarray(self._bm25.get_scores(known), dtype=np.float32)

    def by_key(self, query: Iterable[str]) -> dict[str, float]:
        return dict(zip(self.keys, (float(s) for s in self.scores(query)), strict=True))

    def __len__(self) -> int:
        return len(self.keys)
