from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from portal.core.evidence import GENESIS, AuditEntry, same_signer, seal, verify_chain


def _chain(n: int) -> list[AuditEntry]:
    entries, prev = [], GENESIS
    start = datetime(2025, 9, 1, 8, 0, tzinfo=UTC)
    for i in range(1, n + 1):
        entry = seal(
            AuditEntry(
                seq=i,
                at=start + timedelta(seconds=i),
                action="signed",
                actor="jane",
                subject=f"ack-{i}",
                data={"i": i},
                prev_hash=prev,
            )
        )
        entries.append(entry)
        prev = entry.hash
    return entries


def test_intact_chain_verifies():
    assert verify_chain(_chain(5)) is None
    assert verify_chain([]) is None


def test_altered_content_is_found_at_its_entry():
    chain = _chain(5)
    chain[2] = replace(chain[2], data={"i": 99})
    problem = verify_chain(chain)
    assert problem is not None and problem.seq == 3 and "hash" in problem.problem


def test_resealed_alteration_breaks_the_next_link():
    chain = _chain(5)
    chain[2] = seal(replace(chain[2], actor="mallory"))
    problem = verify_chain(chain)
    assert problem is not None and problem.seq == 4


def test_removed_entry_is_found():
    chain = _chain(5)
    del chain[1]
    problem = verify_chain(chain)
    assert problem is not None and problem.seq == 3


@pytest.mark.parametrize(
    ("typed", "recorded", "same"),
    [
        ("Jane Smith", "Jane Smith", True),
        ("smith, jane", "Jane Smith", True),
        ("J. Smith", "Jane Smith", True),
        ("Jane Smith-Okafor", "Jane Okafor", True),
        ("Siân Jones", "Sian Jones", True),  # the surname still matches
        ("Test Parent", "Anjali Patel", False),
        ("Mark Smith", "Jane Doe", False),
    ],
)
def test_a_typed_name_with_nothing_in_common_is_flagged(typed, recorded, same):
    assert same_signer(typed, recorded) is same
