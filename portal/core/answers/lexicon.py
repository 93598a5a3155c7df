"""The engine's vocabulary, read from `lexicon.yaml` and compiled once."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from portal.core.answers.screening import Gate, Screen, Screened
from portal.core.answers.text import stem

DEFAULT_PATH = Path(__file__).with_name("lexicon.yaml")
_CLASS = re.compile(r"\{([a-z]\w*)\}")

Pattern = Screened


@dataclass(frozen=True, slots=True)
class Topic:
    """Something a question can be about, and how a clause that addresses it reads."""

    id: str
    label: str
    weight: float
    ask: tuple[tuple[Pattern, ...], ...]
    cite: Pattern | None
    terms: tuple[str, ...] = ()
    broader: str = ""
    stand_in: str = ""
    """The topic a policy with no clause on this one answers it from, and only such a policy."""
    outside: bool = False
    offline: bool = False
    """Its words also name what people do face to face, on paper or by phone ("a parent
    offered me …", "my views on the strike"): the policy governs it only online."""
    audience: str = ""
    unless: tuple[Pattern, ...] = ()
    suppresses: tuple[str, ...] = ()
    gate: Gate | None = field(default=None, compare=False)
    """Shut for a text that cannot match the first pattern of any way of asking."""

    def asked_in(self, text: str) -> bool:
        # The ask first: most topics are not asked, and an `unless` may be costly to search.
        if self.gate is not None and self.gate.shut(text):
            return False
        if not any(all(p.search(text) for p in group) for group in self.ask):
            return False
        return not any(p.search(text) for p in self.unless)

    def cited_in(self, text: str) -> bool:
        return self.cite is not None and self.cite.search(text) is not None


@dataclass(frozen=True, slots=True)
class ActTopic:
    """A topic an act is about, whatever words name it: criticising a colleague is what a
    clause on criticising the school and its staff governs."""

    topic: str
    verbs: frozenset[str]
    objects: frozenset[str] = frozenset()
    channel: str = ""


@dataclass(frozen=True, slots=True)
class ActWords:
    """How an act is worded: verbs ("post", "contact", "criticise"), what they are done to
    ("pupil", "personal_content") and on which kind of account ("official", "personal")."""

    verbs: tuple[tuple[str, Pattern], ...] = ()
    objects: tuple[tuple[str, Pattern], ...] = ()
    channels: tuple[tuple[str, Pattern], ...] = ()
    kin: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Verbs that name the same act from another side: posting what one knows discloses it."""
    means: frozenset[str] = frozenset()
    """Verbs of the means only ("use"), which give way to the act they serve."""
    topics: tuple[ActTopic, ...] = ()
    """Topics an act is about, for questions that word it in ways the topics do not."""
    depicting: tuple[ActTopic, ...] = ()
    """Topics on what pictures show: one applies only to pictures of one of its objects."""
    contrasts: tuple[tuple[frozenset[str], frozenset[str]], ...] = ()
    """Pairs of object kinds that exclude one another (an organisation, a person)."""
    marked: frozenset[str] = frozenset()
    """Kinds of content a question is about only when it names them ("offensive")."""


@dataclass(frozen=True, slots=True)
class Lexicon:
    spelling: tuple[tuple[Pattern, str], ...]
    facts: Mapping[str, tuple[Pattern, ...]]
    qualifiers: Mapping[str, Pattern]
    opposites: Mapping[str, tuple[str, ...]]
    implies: Mapping[str, tuple[str, ...]]
    contrary: tuple[tuple[Pattern, Pattern], ...]
    fact_gates: Mapping[str, Gate]
    """For each fact, shut for a text none of its patterns can match."""
    topics: tuple[Topic, ...]
    safeguarding: tuple[Pattern, ...]
    safeguarding_cite: Pattern
    safeguarding_terms: tuple[str, ...]
    domain: Pattern
    """A platform, site or act only done on social media, named in a question."""
    online: Pattern
    """Being online at all (the internet, an app, messages), beyond `domain`."""
    synonyms: Mapping[str, frozenset[str]] = field(default_factory=dict)
    concepts: tuple[tuple[str, Pattern], ...] = ()
    """Families of words that mean the same thing, matched in clauses and questions alike."""
    by_id: Mapping[str, Topic] = field(default_factory=dict)
    acts: ActWords = field(default_factory=ActWords)

    def topic(self, topic_id: str) -> Topic | None:
        return self.by_id.get(topic_id)


@cache
def load_lexicon(path: Path = DEFAULT_PATH) -> Lexicon:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader when PyYAML has it
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506
    # A class stands for whole words: "tag" must not match inside "instagram".
    classes = {k: rf"\b(?:{v})\b" for k, v in data.get("classes", {}).items()}
    screen = Screen()
    compile_ = _compiler(classes, screen)
    topics = tuple(_topic(t, compile_) for t in data["topics"])
    guard = data["safeguarding"]
    facts = {k: tuple(compile_(p) for p in v) for k, v in data["facts"].items()}
    lexicon = Lexicon(
        spelling=tuple((compile_(p), r) for p, r in data["spelling"]),
        facts=facts,
        fact_gates={k: Gate(v) for k, v in facts.items()},
        qualifiers={k: compile_(v) for k, v in data["qualifiers"].items()},
        opposites={k: tuple(v) for k, v in data["opposites"].items()},
        implies={k: tuple(v) for k, v in data["implies"].items()},
        contrary=tuple((compile_(d), compile_(a)) for d, a in data["contrary"]),
        topics=topics,
        safeguarding=tuple(compile_(p) for p in guard["ask"]),
        safeguarding_cite=compile_(guard["cite"]),
        safeguarding_terms=tuple(str(guard.get("terms", "")).split()),
        domain=compile_(_alternatives(data["domain"], {})),
        online=compile_(_alternatives(data["online"], {})),
        synonyms=_synonyms(data.get("synonyms", [])),
        concepts=tuple((k, compile_(v)) for k, v in data.get("concepts", {}).items()),
        by_id={t.id: t for t in topics},
        acts=_act_words(data.get("acts", {}), data.get("concepts", {}), compile_),
    )
    screen.close()
    return lexicon


def _act_words(raw: Mapping[str, Any], concepts: Mapping[str, str], compile_: Any) -> ActWords:
    def families(kind: str) -> tuple[tuple[str, Pattern], ...]:
        return tuple(
            (name, compile_(_alternatives(value, concepts)))
            for name, value in raw.get(kind, {}).items()
        )

    kin: dict[str, set[str]] = {}
    for verb, others in raw.get("kin", {}).items():
        for other in others:
            kin.setdefault(verb, set()).add(other)
            kin.setdefault(other, set()).add(verb)
    return ActWords(
        families("verbs"),
        families("objects"),
        families("channels"),
        {k: frozenset(v) for k, v in kin.items()},
        frozenset(raw.get("means", ())),
        tuple(
            ActTopic(
                topic=str(t["topic"]),
                verbs=frozenset(t["verbs"]),
                objects=frozenset(t.get("objects", ())),
                channel=str(t.get("channel", "")),
            )
            for t in raw.get("topics", ())
        ),
        tuple(
            ActTopic(topic=str(t["topic"]), verbs=frozenset(), objects=frozenset(t["objects"]))
            for t in raw.get("depicting", ())
        ),
        tuple((frozenset(one), frozenset(other)) for one, other in raw.get("contrasts", ())),
        frozenset(raw.get("marked", ())),
    )


def _alternatives(value: str | Sequence[str], concepts: Mapping[str, str]) -> str:
    """One pattern from several; `~name` stands for the concept of that name, so an act is
    worded as retrieval already words it."""
    parts = [value] if isinstance(value, str) else list(value)
    return "|".join(f"(?:{concepts[p[1:]] if p.startswith('~') else p})" for p in parts)


def _synonyms(groups: Sequence[Sequence[str]]) -> dict[str, frozenset[str]]:
    """Each word's stem maps to the stems of every word in its group."""
    table: dict[str, set[str]] = {}
    for group in groups:
        stems = {stem(w) for w in group}
        for s in stems:
            table.setdefault(s, set()).update(stems)
    return {k: frozenset(v) for k, v in table.items()}


def _compiler(classes: Mapping[str, str], screen: Screen) -> Any:
    def compile_(pattern: str) -> Pattern:
        expanded = _CLASS.sub(lambda m: classes[m.group(1)], pattern)
        return Screened(re.compile(expanded), screen)

    return compile_


def _topic(raw: Mapping[str, Any], compile_: Any) -> Topic:
    cite = raw.get("cite")
    ask = tuple(_group(entry, compile_) for entry in raw.get("ask", []))
    return Topic(
        id=str(raw["id"]),
        label=str(raw.get("label", raw["id"])),
        weight=float(raw.get("weight", 2)),
        ask=ask,
        cite=compile_(cite) if cite else None,
        terms=tuple(str(raw.get("terms", "")).split()),
        broader=str(raw.get("broader", "")),
        stand_in=str(raw.get("stand_in", "")),
        outside=bool(raw.get("outside", False)),
        offline=bool(raw.get("offline", False)),
        audience=str(raw.get("audience", "")),
        unless=tuple(compile_(p) for p in raw.get("unless", [])),
        suppresses=tuple(raw.get("suppresses", [])),
        # A way of asking matches only where each of its patterns does: one of each will do.
        gate=Gate(min(group, key=_openness) for group in ask) if ask else None,
    )


def _openness(pattern: Pattern) -> int:
    """How many texts a pattern lets through its screen, roughly: unscreened, all of them."""
    return len(pattern.needs) if pattern.needs is not None else 1 << 30


def _group(entry: str | Sequence[str], compile_: Any) -> tuple[Pattern, ...]:
    patterns = [entry] if isinstance(entry, str) else list(entry)
    return tuple(compile_(p) for p in patterns)
