"""How many of something the asker says they have, read against a rule's minimum.

A policy that asks for "at least two approved Administrators" is met by "2 admins" and failed by
"just one moderator". A count the asker reports as met is a fact about their plans, not what they
are asking about; a count below the minimum answers the question by itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_NUMBERS = {
    "one": 1,
    "a single": 1,
    "single": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
}
_NUMBER = r"\d{1,2}|one|two|three|four|five|six"
# The minimum a rule sets: "at least two approved Administrators", "at least 2 moderators".
_MINIMUM = re.compile(
    rf"\bat least ({_NUMBER}) (?:\(\d+\) )?(?:other )?"
    r"(?:approved |named |trained |designated )?([a-z]+)",
    re.IGNORECASE,
)
# A count the asker states: "2 admins", "just one moderator", "a single admin".
_STATED = re.compile(rf"\b({_NUMBER}|a single|single) (?:approved |named |trained )?([a-z]+)")
# Being the only one of something: "be the only moderator", "i'll be the sole admin".
_ONLY = re.compile(r"\b(?:the|be) (?:only|sole|one and only) ([a-z]+)")
# A shortened name must keep this much of the word to stand for it ("mod", "admin").
_SHORTEST_STEM = 3


@dataclass(frozen=True)
class Count:
    number: int
    noun: str
    span: tuple[int, int]


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS[word.lower()]


def _stem(noun: str) -> str:
    noun = noun.lower()
    return noun[:-1] if noun.endswith("s") and len(noun) > _SHORTEST_STEM else noun


def same_thing(stated: str, required: str) -> bool:
    """ "admins" and "mods" name the administrators and moderators a rule counts."""
    short, full = _stem(stated), _stem(required)
    return len(short) >= _SHORTEST_STEM and full.startswith(short)


def minimums(sentence: str) -> tuple[Count, ...]:
    return tuple(
        Count(_number(m.group(1)), m.group(2).lower(), m.span())
        for m in _MINIMUM.finditer(sentence)
    )


def stated(folded: str) -> tuple[Count, ...]:
    counts = [Count(_number(m.group(1)), m.group(2), m.span()) for m in _STATED.finditer(folded)]
    counts += [Count(1, m.group(1), m.span()) for m in _ONLY.finditer(folded)]
    return tuple(counts)


def short_of(sentence: str, folded: str) -> bool:
    """The asker has fewer of what the rule counts than it asks for."""
    given_counts = stated(folded)
    return bool(given_counts) and any(
        given.number < need.number
        for need in minimums(sentence)
        for given in given_counts
        if same_thing(given.noun, need.noun)
    )


def met_counts(sentences: Iterable[str], folded: str) -> tuple[Count, ...]:
    """The stated counts that reach every minimum the rules set for the same thing (the
    sentences are read only when the question states a count)."""
    given_counts = stated(folded)
    if not given_counts:
        return ()
    needs = [need for s in sentences for need in minimums(s)]
    met = []
    for given in given_counts:
        alike = [n for n in needs if same_thing(given.noun, n.noun)]
        if alike and all(given.number >= n.number for n in alike):
            met.append(given)
    return tuple(met)


def without(folded: str, counts: tuple[Count, ...]) -> str:
    """The question with the counts it reports as met left out."""
    for count in sorted(counts, key=lambda c: c.span[0], reverse=True):
        start, end = count.span
        folded = folded[:start] + folded[end:]
    return folded
