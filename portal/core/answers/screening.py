"""Patterns that look for their words before they search.

Reading one question runs several hundred of the lexicon's patterns over it, and most of them
cannot match: the question never uses any of their words. Python's regular expressions still try
each pattern at every position of the text. Most patterns need one of a few literal strings to
match at all (``\\b(?:insta|ig)\\b`` needs "insta" or "ig"), and a `Screened` pattern searches
only text that holds one of them. The strings are read off the pattern's own parse, so answers
cannot differ from the bare pattern's.

The patterns of one vocabulary share a `Screen`: an Aho-Corasick automaton (pyahocorasick) over
all their strings finds every one a text holds in a single pass, once per text, and each pattern
then only asks whether any of its own strings was among them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import product
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

import ahocorasick

# More alternatives than this are cheaper for the pattern itself to look for.
_MOST_STRINGS = 96
# Texts whose strings are remembered: a question's few readings, many questions over.
_MOST_TEXTS = 1024
_NONE: frozenset[int] = frozenset()


class Screen:
    """The strings the screened patterns of one vocabulary need, each with a number, and which
    of them a text holds. Patterns are added first; `close` builds the automaton."""

    def __init__(self) -> None:
        self._numbers: dict[str, int] = {}
        self._automaton: Any = None
        self._held: dict[str, frozenset[int]] = {}

    def numbers(self, strings: Iterable[str]) -> frozenset[int]:
        if self._automaton is not None:
            raise RuntimeError("the screen is closed: add every pattern before the first search")
        return frozenset(self._numbers.setdefault(s, len(self._numbers)) for s in strings)

    def close(self) -> None:
        automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        for string, number in self._numbers.items():
            automaton.add_word(string, number)
        if self._numbers:
            automaton.make_automaton()
        self._automaton = automaton

    def held(self, text: str) -> frozenset[int]:
        """The numbers of the strings the text holds."""
        found = self._held.get(text)
        if found is None:
            if self._automaton is None:
                self.close()
            found = frozenset(n for _, n in self._automaton.iter(text)) if self._numbers else _NONE
            if len(self._held) >= _MOST_TEXTS:
                self._held.clear()
            self._held[text] = found
        return found


class Screened:
    """A compiled pattern and the strings one of which any text it matches must contain."""

    __slots__ = ("_compiled", "_numbers", "_screen", "needs", "pattern")

    def __init__(self, compiled: re.Pattern[str], screen: Screen | None = None) -> None:
        self._compiled = compiled
        self.pattern: str = compiled.pattern
        self.needs: tuple[str, ...] | None = required_strings(compiled)
        self._screen = screen if self.needs is not None else None
        self._numbers = screen.numbers(self.needs) if screen and self.needs else frozenset()

    def hopeless(self, text: str) -> bool:
        """The text holds none of the strings a match needs: the pattern cannot match it."""
        if self._screen is not None:
            return self._numbers.isdisjoint(self._screen.held(text))
        needs = self.needs
        if needs is None:
            return False
        # A loop, not any() over a generator: this runs hundreds of times per question.
        for needed in needs:  # noqa: SIM110
            if needed in text:
                return False
        return True

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return None if self.hopeless(text) else self._compiled.search(text, pos)

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return None if self.hopeless(text) else self._compiled.match(text, pos)

    def fullmatch(self, text: str) -> re.Match[str] | None:
        return None if self.hopeless(text) else self._compiled.fullmatch(text)

    def finditer(self, text: str, pos: int = 0) -> Iterator[re.Match[str]]:
        return iter(()) if self.hopeless(text) else self._compiled.finditer(text, pos)

    def findall(self, text: str) -> list[Any]:
        return [] if self.hopeless(text) else self._compiled.findall(text)

    def sub(self, repl: str | Callable[[re.Match[str]], str], text: str, count: int = 0) -> str:
        return text if self.hopeless(text) else self._compiled.sub(repl, text, count)

    def split(self, text: str, maxsplit: int = 0) -> list[str]:
        return [text] if self.hopeless(text) else self._compiled.split(text, maxsplit)

    def __repr__(self) -> str:
        return f"Screened({self.pattern!r}, needs={self.needs!r})"


class Gate:
    """Whether a text might match any of several patterns of one screen: shut when it holds
    none of the strings any of them needs, so none of them need be searched at all."""

    __slots__ = ("_numbers", "_screen")

    def __init__(self, patterns: Iterable[Screened]) -> None:
        found = list(patterns)
        screens = {id(p._screen) for p in found}
        if not found or len(screens) != 1 or found[0]._screen is None:
            self._screen: Screen | None = None  # some pattern is searched unscreened
            self._numbers: frozenset[int] = frozenset()
            return
        self._screen = found[0]._screen
        self._numbers = frozenset().union(*(p._numbers for p in found))

    def shut(self, text: str) -> bool:
        return self._screen is not None and self._numbers.isdisjoint(self._screen.held(text))


def screened(pattern: str) -> Screened:
    return Screened(re.compile(pattern))


def required_strings(compiled: re.Pattern[str]) -> tuple[str, ...] | None:
    """Strings one of which every text the pattern matches contains; None when it has none
    worth looking for. Case-insensitive patterns get none: their literals are not the text's."""
    if compiled.flags & re.IGNORECASE:
        return None
    try:
        parsed = sre_parse.parse(compiled.pattern, compiled.flags)
    except (re.error, RecursionError):  # pragma: no cover - it compiled, so it parses
        return None
    needs = _sequence(list(parsed)).needs
    if needs is None:
        return None
    # A text holding "instagram" holds "insta": looking for the shorter string is enough.
    least: list[str] = []
    for string in sorted(needs, key=len):
        if not any(kept in string for kept in least):
            least.append(string)
    return tuple(sorted(least)) if len(least) <= _MOST_STRINGS else None


@dataclass(frozen=True, slots=True)
class _Reading:
    exact: frozenset[str] | None
    """Every string the node can match, when they are few; "" for a node that takes no text."""
    needs: frozenset[str] | None
    """Strings one of which anything the node matches contains."""


_NOTHING = frozenset({""})
"""What a node that takes no text matches. A run of exactly known text requires one of its
strings, unless it can be this."""
_UNKNOWN = _Reading(None, None)
_EMPTY = _Reading(_NOTHING, None)
# Strings this long are rare enough in a question that more length tells little.
_RARE_LENGTH = 4
# Cross products of alternatives past this size are given up on.
_MOST_EXACT = 64


def _best(candidates: list[frozenset[str]]) -> frozenset[str] | None:
    """The most telling requirement: a shortest string long enough to be rare in a question,
    then fewer strings to look for, then longer ones; the first of equals."""
    return max(candidates, key=_telling) if candidates else None


def _telling(strings: frozenset[str]) -> tuple[int, int, int]:
    shortest = min(map(len, strings))
    return min(shortest, _RARE_LENGTH), -len(strings), shortest


def _sequence(items: list[tuple[Any, Any]]) -> _Reading:
    run = _NOTHING
    whole = True  # `run` still spans every item so far
    candidates: list[frozenset[str]] = []
    for op, av in _words(items):
        node = _node(op, av)
        if node.needs is not None:
            candidates.append(node.needs)
        if node.exact is not None:
            joined = frozenset(a + b for a, b in product(run, node.exact))
            if len(joined) <= _MOST_EXACT:
                run = joined
                continue
        whole = False
        if "" not in run:
            candidates.append(run)
        run = node.exact if node.exact is not None else _NOTHING
    if "" not in run:
        candidates.append(run)
    return _Reading(run if whole else None, _best(candidates))


# A run of literal characters, read as one string: most of a pattern is words.
_STRING = object()


def _words(items: list[tuple[Any, Any]]) -> Iterator[tuple[Any, Any]]:
    letters: list[str] = []
    for op, av in items:
        if op is sre.LITERAL:
            letters.append(chr(av))
            continue
        if letters:
            yield _STRING, "".join(letters)
            letters = []
        yield op, av
    if letters:
        yield _STRING, "".join(letters)


def _node(op: Any, av: Any) -> _Reading:
    if op is _STRING:
        return _Reading(frozenset({av}), frozenset({av}))
    if op in (sre.AT, sre.ASSERT_NOT):
        return _EMPTY
    if op is sre.ASSERT:
        # A lookaround takes no text of the match, but what it looks for is in the text.
        return _Reading(_NOTHING, _sequence(list(av[1])).needs)
    if op is sre.SUBPATTERN:
        _group, add_flags, _del_flags, body = av
        if add_flags & re.IGNORECASE:
            return _UNKNOWN
        return _sequence(list(body))
    if op is sre.ATOMIC_GROUP:
        return _sequence(list(av))
    if op is sre.BRANCH:
        return _branch([_sequence(list(alt)) for alt in av[1]])
    if op is sre.IN:
        chars = [chr(v) for o, v in av if o is sre.LITERAL]
        if len(chars) != len(av):
            return _UNKNOWN
        return _Reading(frozenset(chars), frozenset(chars))
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, high, body = av
        inner = _sequence(list(body))
        if low == 0:
            if high == 1 and inner.exact is not None:
                return _Reading(inner.exact | {""}, None)
            return _Reading(None, None)
        return _Reading(inner.exact if low == high == 1 else None, inner.needs)
    return _UNKNOWN


def _branch(alternatives: list[_Reading]) -> _Reading:
    exact: frozenset[str] | None = frozenset()
    needs: frozenset[str] | None = frozenset()
    for alt in alternatives:
        exact = exact | alt.exact if exact is not None and alt.exact is not None else None
        needs = needs | alt.needs if needs is not None and alt.needs is not None else None
    if exact is not None and len(exact) > _MOST_EXACT:
        exact = None
    return _Reading(exact, needs)
