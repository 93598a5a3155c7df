"""Lexical retrieval: BM25 over one school's clauses and sentences, built once, scored per question.

Both sides are cut into the same bag: content-word stems plus the concepts the lexicon
recognises ("~photo" for "pics", "shots" or "images"), so a question and a clause that say the
same thing in different words still meet.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import bm25s
import numpy as np

from portal.core.answers.lexicon import Pattern
from portal.core.answers.text import fold, tokens

CONCEPT = "~"


def concepts_in(folded: str, concepts: Sequence[tuple[str, Pattern]]) -> list[str]:
    return [f"{CONCEPT}{name}" for name, pattern in concepts if pattern.search(folded)]


def bag(text: str, concepts: Sequence[tuple[str, Pattern]]) -> list[str]:
    folded = fold(text)
    return [*tokens(folded), *concepts_in(folded, concepts)]


def concept_bag(text: str, concepts: Sequence[tuple[str, Pattern]]) -> list[str]:
    """Only the concepts: in a long clause a shared concept would drown among the words."""
    return concepts_in(fold(text), concepts)


class LexicalIndex:
    """BM25 (bm25s) over keyed bags of tokens; `by_key` scores every document for a query."""

    def __init__(self, documents: Sequence[tuple[str, list[str]]]) -> None:
        self.keys = [key for key, _ in documents]
        corpus = [bag or ["_"] for _, bag in documents]
        self._bm25 = bm25s.BM25()
        if corpus:
            self._bm25.index(corpus, show_progress=False)
        self._vocab = set(self._bm25.vocab_dict) if corpus else set()

    def scores(self, query: Iterable[str]) -> np.ndarray:
        known = sorted({t for t in query if t in self._vocab})
        if not known or not self.keys:
            return np.zeros(len(self.keys), dtype=np.float32)
        return np.asarray(self._bm25.get_scores(known), dtype=np.float32)

    def positions(self, keys: Iterable[str]) -> np.ndarray:
        """Where each key's document stands among the scores (the last of a repeated key, as
        `by_key` keeps it)."""
        at = {key: i for i, key in enumerate(self.keys)}
        return np.fromiter((at[key] for key in keys), dtype=np.intp)

    def scores_at(self, query: Iterable[str], positions: np.ndarray) -> np.ndarray:
        """The scores of the documents at these positions, each exactly as `by_key` gives it."""
        return np.asarray(self.scores(query)[positions], dtype=np.float64)

    def by_key(self, query: Iterable[str]) -> dict[str, float]:
        return dict(zip(self.keys, (float(s) for s in self.scores(query)), strict=True))

    def __len__(self) -> int:
        return len(self.keys)
