"""What changed between two versions, clause by clause, with the words marked."""

from __future__ import annotations

from datetime import date

from portal.core.agreements import Agreement, AgreementVersion, Audience, Clause, Renewal
from portal.core.changes import Change, Mark, changes_since, compare, words


def _version(label: str, *texts: str, effective: date = date(2024, 9, 1), changes: str = ""):
    clauses = tuple(
        Clause(ref=str(n), number=str(n), heading="Use", text=t, position=n)
        for n, t in enumerate(texts, start=1)
    )
    return AgreementVersion(
        label=label, effective=effective, text="\n".join(texts), clauses=clauses, changes=changes
    )


def _marks(text_old: str, text_new: str) -> list[tuple[str, str]]:
    return [(p.mark.value, p.text) for p in words(text_old, text_new)]


def test_words_mark_what_was_removed_and_added():
    assert _marks("Staff must not post photos.", "Staff must never post photos of pupils.") == [
        ("same", "Staff must "),
        ("removed", "not"),
        ("added", "never"),
        ("same", " post photos"),
        ("added", " of pupils"),
        ("same", "."),
    ]


def test_neighbouring_changed_words_read_as_one_change():
    assert _marks("the cat sat", "a dog sat") == [
        ("removed", "the cat"),
        ("added", "a dog"),
        ("same", " sat"),
    ]


def test_identical_versions_have_no_changes():
    v = _version("1", "Alpha beta.", "Gamma delta.")
    assert not compare(v, _version("2", "Alpha beta.", "Gamma delta."))


def test_inserted_clause_does_not_make_renumbered_ones_look_changed():
    old = _version("1", "Be kind online.", "Report worries to the DSL.", "Never share passwords.")
    new = _version(
        "2",
        "Be kind online.",
        "Do not friend pupils.",
        "Report worries to the DSL.",
        "Never share passwords.",
    )
    diff = compare(old, new)
    assert [(c.change, c.label) for c in diff.clauses] == [(Change.ADDED, "2")]
    assert diff.clauses[0].pieces[0].mark is Mark.ADDED


def test_reworded_removed_and_added_clauses():
    old = _version("1", "Be kind online at all times.", "Fax the office.", "Keep it private.")
    new = _version(
        "2",
        "Be kind online at all times, and polite.",
        "Keep it private.",
        "Use two-factor sign-in.",
    )
    diff = compare(old, new)
    assert [c.change for c in diff.clauses] == [Change.CHANGED, Change.REMOVED, Change.ADDED]
    assert diff.count(Change.CHANGED) == diff.count("removed") == diff.count("added") == 1
    assert diff.clauses[1].label == "2" and diff.clauses[1].new is None


def test_changes_since_gathers_every_summary_on_the_way():
    v1 = _version("2023", "A.", effective=date(2023, 9, 1))
    v2 = _version("2024", "A b.", effective=date(2024, 9, 1), changes="Added b.")
    v3 = _version("2025", "A b c.", effective=date(2025, 9, 1), changes="Added c.")
    agreement = Agreement("s", "a", "A", Audience.STAFF, Renewal.ANNUAL, versions=(v1, v2, v3))
    diff = changes_since(agreement, "2023", "2025")
    assert diff is not None and diff.summaries == (("2024", "Added b."), ("2025", "Added c."))
    assert changes_since(agreement, "2025", "2025") is None
    assert changes_since(agreement, "gone", "2025") is None
