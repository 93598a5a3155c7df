"""The policy answer engine: "can I …?" answered from a school's agreements in force.

Offline and deterministic: BM25 retrieval over clauses (bm25s), a lexicon of chat vocabulary
and policy topics, and a reading of each clause's own force ("must not", "can only … with the
approval of", "with the exception of") checked against the facts the question gives.
"""

from portal.core.answers.engine import AnswerEngine
from portal.core.answers.model import Answer, Citation, InvalidQuestion, UnknownSchool, Verdict

__all__ = ["Answer", "AnswerEngine", "Citation", "InvalidQuestion", "UnknownSchool", "Verdict"]
