"""Screened patterns look for their words before searching, and never answer otherwise than the
bare pattern: on hand-made patterns, and on every pattern of the lexicon over real text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
import yaml

from portal.core.answers.lexicon import Pattern, load_lexicon
from portal.core.answers.question import respell
from portal.core.answers.screening import Screen, Screened, required_strings
from portal.core.answers.text import fold, sentences
from portal.core.catalog import load_catalog
from tests.conftest import AGREEMENTS

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("pattern", "needs"),
    [
        # The parser factors "insta|ig" into "i" + (nsta|g): the strings are whole again, and a
        # text holding "instagram" holds "insta".
        (r"\b(?:insta|ig|instagramm?)\b", ("ig", "insta")),
        # Words of one family: the shortest list of strings that are still words.
        (r"\bex[- ]?(?:pupil|student)s?\b", ("pupil", "student")),
        # What a lookahead looks for is in the text too.
        (r"(?=.*\bfoo\b)\w+", ("foo",)),
        # A negative lookaround takes nothing and requires nothing; the literal run goes on.
        (r"\bdo(?!n't)ne\b", ("done",)),
        (r"(?:ab)?c", ("c",)),
        (r"[^a]bc|[xy]d", ("bc", "xd", "yd")),
        (r"\b(\d{1,2}) ?(?:yo|years? old)\b", ("year old", "years old", "yo")),
        # A case-folded group requires nothing; the literal before it still does.
        (r"a(?i:b)|c", ("a", "c")),
    ],
)
def test_required_strings(pattern: str, needs: tuple[str, ...]) -> None:
    assert required_strings(re.compile(pattern)) == needs


@pytest.mark.parametrize(
    "pattern",
    [
        r"x?",  # can match nothing at all
        r"\w+\d+",  # classes, no literal
        r"(?i)instagram",  # case folded: the text's letters need not be the pattern's
    ],
)
def test_no_requirement_when_none_is_sure(pattern: str) -> None:
    assert required_strings(re.compile(pattern)) is None


def test_a_text_without_the_words_is_not_searched() -> None:
    screened = Screened(re.compile(r"\b(?:tik ?tok|snapchat)\b"))
    assert screened.needs == ("snapchat", "tik tok", "tiktok")
    assert screened.search("can i post on instagram?") is None
    assert screened.sub("X", "nothing here") == "nothing here"
    assert list(screened.finditer("nothing here")) == []
    found = screened.search("can i post on tiktok?")
    assert found is not None and found.group() == "tiktok"
    assert screened.sub("the app", "on snapchat and tik tok") == "on the app and the app"


@cache
def _clauses() -> tuple[str, ...]:
    """The sentences of every seed policy, folded, as rules read them."""
    return tuple(
        dict.fromkeys(
            fold(s)
            for agreement in load_catalog(Path(AGREEMENTS)).agreements
            for version in agreement.versions
            for clause in version.clauses
            for s in sentences(clause.text)
        )
    )


@cache
def _questions() -> tuple[str, ...]:
    """Tuning questions, folded and respelled, as questions are read."""
    lexicon = load_lexicon()
    found: list[str] = []
    for name in ("dev.yaml", "train_a.yaml", "train_s.yaml", "train_z.yaml"):
        for case in yaml.safe_load((ROOT / "bench" / "cases" / name).read_text(encoding="utf-8")):
            folded = fold(case["question"])
            found.extend((folded, respell(folded, lexicon)))
    return tuple(dict.fromkeys(found))


def _lexicon_patterns() -> Iterator[tuple[str, Pattern, tuple[str, ...]]]:
    """Each pattern with the texts it is searched in."""
    lexicon = load_lexicon()
    questions, clauses = _questions(), _clauses()
    both = questions + clauses
    for pattern, _ in lexicon.spelling:
        yield "spelling", pattern, questions
    for fact, patterns in lexicon.facts.items():
        for pattern in patterns:
            yield f"fact {fact}", pattern, questions
    for name, pattern in lexicon.qualifiers.items():
        yield f"qualifier {name}", pattern, clauses
    for topic in lexicon.topics:
        for group in topic.ask:
            for pattern in group:
                yield f"topic {topic.id}", pattern, questions
        for pattern in topic.unless:
            yield f"unless {topic.id}", pattern, questions
        if topic.cite is not None:
            yield f"cite {topic.id}", topic.cite, clauses
    for name, pattern in lexicon.concepts:
        yield f"concept {name}", pattern, both
    for families in (lexicon.acts.verbs, lexicon.acts.objects, lexicon.acts.channels):
        for name, pattern in families:
            yield f"act {name}", pattern, both
    yield "safeguarding cite", lexicon.safeguarding_cite, clauses
    for pattern in lexicon.safeguarding:
        yield "safeguarding", pattern, questions


def test_every_lexicon_pattern_finds_what_the_bare_pattern_finds() -> None:
    """A screened search skips the pattern only when the text holds none of its strings, so it
    agrees with the bare pattern exactly when every text the pattern matches holds one; where a
    text holds one, the lexicon's shared screen must see it and search."""
    assert len(_questions()) > 300 and len(_clauses()) > 300
    screened_out = searched = 0
    for where, pattern, texts in _lexicon_patterns():
        if pattern.needs is None:
            continue  # searched as it is
        bare = re.compile(pattern.pattern)
        for text in texts:
            if any(needed in text for needed in pattern.needs):
                searched += 1
                ours, theirs = pattern.search(text), bare.search(text)
                assert (ours and ours.span()) == (theirs and theirs.span()), (where, text)
            else:
                screened_out += 1
                assert bare.search(text) is None, (where, pattern, text)
                assert pattern.search(text) is None
    # Most searches of most patterns are settled without running the pattern at all.
    assert screened_out > 3 * searched > 0


def test_a_shared_screen_finds_each_patterns_strings() -> None:
    screen = Screen()
    patterns = [
        Screened(re.compile(p), screen)
        for p in (r"\b(?:insta|ig)\b", r"\bgram\b", r"\bex[- ]?pupils?\b", r"\w+")
    ]
    screen.close()
    texts = ("on instagram", "an ig story", "an ex-pupil on the gram", "expupils", "", "x")
    for pattern in patterns:
        bare = re.compile(pattern.pattern)
        for text in texts:
            ours, theirs = pattern.search(text), bare.search(text)
            assert (ours and ours.span()) == (theirs and theirs.span()), (pattern, text)
    with pytest.raises(RuntimeError, match="closed"):
        Screened(re.compile(r"late"), screen)
