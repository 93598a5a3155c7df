"""Folding, sentence splitting and the tokens both the index and the questions are cut into."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

_TYPOGRAPHY = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u201b": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201f": '"',
        "\u201e": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2010": "-",
        "\u00a0": " ",
    }
)
_SPACE = re.compile(r"\s+")
# Abbreviations whose full stop does not end a sentence.
_ABBREVIATION = re.compile(r"\b(e\.g|i\.e|etc|eg|ie|cf|no|vs|approx)\.", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[\"'(\[]?[A-Z0-9])|\n+")
_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")

STOPWORDS = frozenset(
    word
    for line in Path(__file__).with_name("stopwords.txt").read_text(encoding="utf-8").splitlines()
    if not line.startswith("#")
    for word in line.split()
)


def fold(text: str) -> str:
    """Lower case, straight quotes and single spaces: the form every pattern is written for."""
    return _SPACE.sub(" ", text.translate(_TYPOGRAPHY)).strip().lower()


def sentences(text: str) -> list[str]:
    """Split a clause into sentences; list items and lines stand on their own."""
    protected = _ABBREVIATION.sub(lambda m: m.group(0).replace(".", "\x00"), text)
    parts = (p.replace("\x00", ".").strip(" -\t") for p in _SENTENCE_END.split(protected))
    return [p for p in parts if p]


# Policies and questions share a small vocabulary, and every ranking stems the same clause words
# again: remembering the stems makes answering a fifth faster.
@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A light suffix stripper: enough to meet "posting" with "posted" and "posts"."""
    for suffix, keep in (("ations", 4), ("ation", 4), ("ings", 4), ("ing", 4), ("edly", 4)):
        if word.endswith(suffix) and len(word) - len(suffix) >= keep:
            return word[: -len(suffix)]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("ed") and len(word) > 4:
        return word[:-2]
    if word.endswith(("ses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        word = word[:-1]
    # "share" and "sharing" meet at "shar".
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


def tokens(text: str) -> list[str]:
    """Content-word stems of already folded text, in order."""
    return [stem(w) for w in _WORD.findall(text) if w not in STOPWORDS and len(w) > 1]
