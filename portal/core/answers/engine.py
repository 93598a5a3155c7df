"""AnswerEngine: "can I …?" questions answered from the school's agreements in force."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import replace
from datetime import date
from itertools import takewhile
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np

from portal.core.agreements import Agreement, Audience, School
from portal.core.answers import counts, phrasing
from portal.core.answers.acts import acts_differ, named_objects, objects_clash
from portal.core.answers.force import Force
from portal.core.answers.lexicon import Lexicon, load_lexicon
from portal.core.answers.model import Answer, InvalidQuestion, UnknownSchool, Verdict
from portal.core.answers.question import (
    Question,
    asks_about_staff,
    question_sentence,
    read_question,
)
from portal.core.answers.ranking import Scored, about_other_site, key_of, rank
from portal.core.answers.retrieval import bag
from portal.core.answers.rulebook import Pool, Rulebook, build_rulebook
from portal.core.answers.rules import Rule
from portal.core.answers.safeguarding import answer_safeguarding, citation
from portal.core.answers.text import fold, tokens
from portal.core.answers.verdicts import LIMITED_USE, Ruling, governs_asked_act, rule_on
from portal.core.catalog import Catalog

MAX_QUESTION_LENGTH = 1000
# With no topic recognised, a question about being online is answered from the closest rule
# when its BM25 score (clause share plus sentence) reaches this. Calibrated on the held-out
# sets: questions off the subject of the policy fall below it once the domain gate has passed.
FALLBACK_LEXICAL = 2.5
SUPPORT_SHARE = 0.5
# A sentence is read in the context of its clause: the clause's score counts, a little less.
CLAUSE_SHARE = 0.5
CONCEPT_SHARE = 1.0
# In a question of several sentences, the one that asks is matched once more on its own.
ASK_SHARE = 0.5
MAX_CITATIONS = 3
# A permission is overruled by a rule on the same topic scoring at least this share of it whose
# limit the asker's circumstances break.
VETO_SHARE = 0.75
# A ban or permission left open (hedged, reaching only times or places the question does not
# settle, or limited in ways it does not settle) gives way to an outright ban on the question
# scoring at least this share of it.
OUTRIGHT_SHARE = 0.6
# A conditional answer is best grounded in the rule that says who approves, when one on the same
# topic scores at least this share of the best.
APPROVAL_SHARE = 0.6
_OPEN = frozenset({"hedged", "scope", "limits", "another act"})
# Why a close rule that is not a ban still settles an open question against the asker: a limit
# they are outside, or a requirement their plan goes against ("post for the school from my own
# account" where school use must have separate accounts).
_OVERRULING = frozenset({"outside the limits", "against a duty"})
# What a ban on too much use says, beside a permission of "reasonable" use.
_EXCESS = re.compile(r"\bexcessive\b")
_PERMISSIONS = frozenset({Force.PERMIT, Force.ONLY, Force.CAUTION})
# Without the question's word scores, no ban is known to be closer to its words than a duty.
_UNSCORED: Mapping[str, float] = MappingProxyType({})
_SETTLED_BY_LIMITS = frozenset({Verdict.YES, Verdict.NO})
# A duty whose ruling the question leaves open ("take into account who they are friends with")
# gives way to a close outright ban on the very act proposed.
_UNSETTLED_DUTY = frozenset({"duty"})
_ASKER_FAMILY = frozenset({"family", "family_friend", "personal_friend"})
_MINIMUM_AGE_TOPIC = "minimum_age"
# The youngest user most platforms' terms admit; policies that cite minimum ages without a
# figure mean this one ("this is often set at 13 years").
_USUAL_MINIMUM_AGE = 13
_STATED_MINIMUM_AGE = re.compile(r"\b(?:set at|age of|aged?|minimum age (?:is|of)) (1[0-8])\b")
# Relationships to a pupil themselves, not to their parents.
_PUPIL_KIN = frozenset({"family", "family_friend"})


class AnswerEngine:
    def __init__(
        self,
        schools: Mapping[str, School],
        agreements: Iterable[Agreement],
        today: date | None = None,
        curation_root: Path | None = None,
        lexicon: Lexicon | None = None,
    ) -> None:
        self.lexicon = lexicon or load_lexicon()
        # Topics on what pictures show ("pupil_images"): what a parent's posted picture is about.
        self._depicted = frozenset(d.topic for d in self.lexicon.acts.depicting)
        on = today or date.today()
        grouped: dict[str, list[Agreement]] = defaultdict(list)
        for agreement in agreements:
            grouped[agreement.school].append(agreement)
        self._books = {
            slug: build_rulebook(school, grouped.get(slug, ()), self.lexicon, on, curation_root)
            for slug, school in schools.items()
        }

    @classmethod
    def from_catalog(cls, catalog: Catalog, **kwargs: Any) -> AnswerEngine:
        return cls(catalog.schools, catalog.agreements, **kwargs)

    @property
    def schools(self) -> tuple[str, ...]:
        return tuple(sorted(self._books))

    def ask(self, school: str, question: str, audience: Audience | str = Audience.STAFF) -> Answer:
        text = _checked(question)
        book = self._books.get(school)
        if book is None:
            raise UnknownSchool(f"unknown school {school!r}")
        if audience not in tuple(Audience):
            raise InvalidQuestion(f"audience must be staff or parent, not {audience!r}")
        parent = Audience(audience) is Audience.PARENT
        asked = read_question(text, self.lexicon, parent=parent, school_names=book.names)
        asked = self._without_met_counts(book, asked, parent)
        if asked.safeguarding:
            return answer_safeguarding(book, asked, self.lexicon)
        pool, asked = self._pool(book, asked, parent)
        if pool is None or not pool.rules:
            return _not_covered(book.school, parent)
        return self._answer(book, pool, asked, parent)

    def _pool(self, book: Rulebook, asked: Question, parent: bool) -> tuple[Pool | None, Question]:
        """Parents are answered from what is addressed to them, unless they ask about staff
        conduct or volunteer themselves (volunteers sign the staff policy where it says so)."""
        if not parent:
            return book.staff, asked
        if asks_about_staff(asked):
            staff = read_question(asked.text, self.lexicon, school_names=book.names)
            return book.staff, replace(staff, facts=staff.facts - _ASKER_FAMILY)
        if "volunteer" in asked.facts and book.volunteers_are_staff:
            return book.staff, read_question(asked.text, self.lexicon, school_names=book.names)
        return (book.parents if book.parents.rules else None), asked

    def _answer(self, book: Rulebook, pool: Pool, asked: Question, parent: bool) -> Answer:
        asked = self._stood_in(pool, asked)
        lexical = self._lexical(book, pool, asked)
        topical = any(self._has(pool, t) for t in asked.fired)
        if not self._covered(book, pool, asked, lexical):
            return _not_covered(book.school, parent)
        ranked = [
            s
            for s in rank(pool.rules, asked, lexical, self.lexicon, topical)
            if s.rule.force is not Force.NONE
        ]
        if not ranked:
            return _not_covered(book.school, parent)
        best, ruling = (
            self._short_of_minimum(ranked, asked)
            or self._under_minimum_age(ranked, asked)
            or self._decide(ranked, asked, lexical)
        )
        if best is not ranked[0]:
            ranked = [best, *(s for s in ranked if s is not best)]
        return Answer(
            verdict=ruling.verdict,
            answer=phrasing.ruled(best.rule, ruling),
            citations=tuple(citation(r) for r in _supporting(ranked)),
            matched=_matched(best, asked),
            condition=phrasing.condition_words(ruling)
            if ruling.verdict is Verdict.CONDITIONAL
            else "",
            ask_whom=_ask_whom(book.school, ruling),
            quote=best.rule.sentence,
        )

    def _stood_in(self, pool: Pool, asked: Question) -> Question:
        """A topic this policy has no clause on is answered from the topic that stands in for it:
        setting up an account for a club, where the policy only says who may use social media on
        the school's behalf, is using it on the school's behalf. A question the policy does answer
        under another topic it asks ("an account for my class where they post their work") is
        answered from that clause, not from the stand-in."""
        if any(self._has(pool, t) for t in asked.fired):
            return asked
        added: dict[str, float] = {}
        for topic_id, weight in asked.topics.items():
            stand_in = self.lexicon.by_id[topic_id].stand_in
            if not stand_in or stand_in in asked.topics or self._has(pool, topic_id):
                continue
            if self._has(pool, stand_in):
                added[stand_in] = max(added.get(stand_in, 0.0), weight)
        if not added:
            return asked
        return replace(asked, topics={**asked.topics, **added}, fired=asked.fired | added.keys())

    def _without_met_counts(self, book: Rulebook, asked: Question, parent: bool) -> Question:
        """A count the asker reports as meeting a rule's minimum ("2 admins, 2 mods") is done,
        so it should not pull the question towards the rules on that count."""
        met = counts.met_counts((r.sentence for r in book.all_rules), asked.folded)
        if not met:
            return asked
        text = counts.without(asked.folded, met)
        return read_question(text, self.lexicon, parent=parent, school_names=book.names)

    def _short_of_minimum(
        self, ranked: list[Scored], asked: Question
    ) -> tuple[Scored, Ruling] | None:
        """Fewer of something than a rule on the question's topic asks for ("just one
        moderator" where the site must have at least two) is a no, from that rule."""
        if not counts.stated(asked.folded):  # most questions state no count: skip every rule
            return None
        for scored in ranked:
            if scored.topics and counts.short_of(scored.rule.sentence, asked.folded):
                return scored, Ruling(Verdict.NO, "too few")
        return None

    def _under_minimum_age(
        self, ranked: list[Scored], asked: Question
    ) -> tuple[Scored, Ruling] | None:
        """Pupils the asker says are younger than the platform allows ("they're 11 and 12")
        settle a site for them by the rule on minimum ages, whatever good the site would do:
        no purpose makes an under-age account keep the provider's terms."""
        if asked.age is None or _MINIMUM_AGE_TOPIC not in asked.topics:
            return None
        for scored in ranked:
            if _MINIMUM_AGE_TOPIC not in scored.topics or asked.age >= _minimum_age(scored.rule):
                continue
            ruling = rule_on(scored.rule, asked, self.lexicon)
            if ruling.verdict is Verdict.NO:
                return scored, ruling
        return None

    def _decide(
        self,
        ranked: list[Scored],
        asked: Question,
        lexical: Mapping[str, float] = _UNSCORED,
    ) -> tuple[Scored, Ruling]:
        """The best rule's ruling, unless it allows what a close rival on the same topic allows
        only in circumstances the asker rules out ("only where the school allows devices", asked
        by someone at a no-phones school): every limit on a permission must hold, so the broken
        one decides. A permission the asker already falls outside ("during their break times in
        the staff room", asked with pupils in the room) gives way the same way to the rival that
        names the limit they break ("only when no pupils are present"), a ruling left open
        gives way to an outright ban, and a conditional one to the rule saying who approves."""
        best = ranked[0]
        ruling = rule_on(best.rule, asked, self.lexicon)
        if ruling.reason == "exception" and ruling.verdict is Verdict.YES:
            # Spared a ban, the asker is still bound by what a close rule requires of them.
            termed = (
                self._on_terms(ranked, asked)
                or self._against_duty(ranked, asked)
                or self._beyond_limited_use(ranked, asked)
            )
            if termed is not None:
                return termed
        if ruling.verdict is Verdict.NO and _other_site_ban(best, asked):
            binding = [s for s in ranked if not _other_site_ban(s, asked)]
            if binding and binding[0].rule.force is Force.APPROVAL and binding[0].topics:
                return self._decide(binding, asked, lexical)
        if ruling.reason == "forbidden" and _outright_ban(best):
            routed = self._route_for_asked_act(ranked, asked)
            if routed is not None:
                return routed
        if ruling.reason == "scope" and ruling.verdict is Verdict.YES:
            needed = self._approval_needed(ranked, asked)
            if needed is not None:
                return needed
        if ruling.verdict is Verdict.CONDITIONAL:
            settled = (
                self._settled(ranked, asked, ruling)
                or self._open_duty_broken(ranked, asked, ruling)
                or self._duty_fulfilled(ranked, ruling, asked)
                or self._approving(ranked, asked)
            )
            return settled or (best, ruling)
        if ruling.reason == "against a duty" and best.rule.force is Force.REQUIRE:
            banned = self._closer_ban(ranked, asked, lexical)
            if banned is not None:
                return banned
        if ruling.verdict not in _SETTLED_BY_LIMITS or best.rule.force not in _PERMISSIONS:
            return best, ruling
        if ruling.verdict is Verdict.NO and "excessive" in asked.facts:
            banned = self._ban_on_excess(ranked, asked)
            if banned is not None:
                return banned
        vetoed = self._first_close(
            ranked,
            VETO_SHARE,
            asked,
            lambda r: r.rule.force is Force.ONLY and bool(set(r.topics) & set(best.topics)),
            lambda v: v.verdict is Verdict.NO and v.reason == "outside the limits",
        )
        if vetoed is not None:
            return vetoed
        if ruling.verdict is Verdict.YES:
            return best, self._hedged_beside(ranked, asked) or ruling
        return best, ruling

    def _beyond_limited_use(
        self, ranked: list[Scored], asked: Question
    ) -> tuple[Scored, Ruling] | None:
        """Free time spares the asker a ban on personal use in working hours, but a whole
        afternoon of it is more than the "limited" use a close rule on the same topic allows:
        that limit binds them still."""
        if "excessive" not in asked.facts:
            return None
        return self._close_on_topic(
            ranked,
            asked,
            VETO_SHARE,
            Force.ONLY,
            LIMITED_USE,
            lambda v: v.verdict is Verdict.NO and v.reason == "outside the limits",
        )

    def _hedged_beside(self, ranked: list[Scored], asked: Question) -> Ruling | None:
        """A permission or a word of caution ("caution is advised when befriending parents")
        allows the contact, but a close ban on the same topic that bites only "if … perceived
        as a conflict of interest" still binds it: the asker may go ahead only on its terms."""
        topics = set(ranked[0].topics)
        found = self._first_close(
            ranked,
            SUPPORT_SHARE,
            asked,
            lambda r: _hedged_ban(r) and bool(set(r.topics) & topics),
            lambda h: h.verdict is Verdict.CONDITIONAL and h.reason == "hedged",
        )
        return found[1] if found is not None else None

    def _closer_ban(
        self, ranked: list[Scored], asked: Question, lexical: Mapping[str, float]
    ) -> tuple[Scored, Ruling] | None:
        """A broad duty the asker goes against ("act in the best interests of children") and a
        close ban on the very act ("videos of pupils must not be published") agree; when the
        question's own words are closer to the ban, the ban is the clause that says why."""
        duty = lexical.get(ranked[0].rule.key, 0.0)
        return self._first_close(
            ranked,
            OUTRIGHT_SHARE,
            asked,
            lambda r: (
                _outright_ban(r)
                and not about_other_site(r.rule, asked)
                and lexical.get(r.rule.key, 0.0) > duty
                and _speaks_to(r.rule, asked, self.lexicon)
            ),
            _forbids,
        )

    def _ban_on_excess(self, ranked: list[Scored], asked: Question) -> tuple[Scored, Ruling] | None:
        """Too much use breaks a permission of "reasonable" use, but the close rule that bans
        excessive use on the same topic names what the asker does: it decides."""
        return self._close_on_topic(
            ranked, asked, OUTRIGHT_SHARE, Force.PROHIBIT, _EXCESS, _forbids
        )

    def _close_on_topic(
        self,
        ranked: list[Scored],
        asked: Question,
        share: float,
        force: Force,
        words: re.Pattern[str],
        decides: Callable[[Ruling], bool],
    ) -> tuple[Scored, Ruling] | None:
        """The first close rule of `force` on the best rule's topic whose text `words` finds
        (a limit on use, a ban on excess), where its ruling `decides`."""
        topics = set(ranked[0].topics)
        return self._first_close(
            ranked,
            share,
            asked,
            lambda r: (
                r.rule.force is force
                and bool(set(r.topics) & topics)
                and words.search(r.rule.folded) is not None
            ),
            decides,
        )

    def _open_duty_broken(
        self, ranked: list[Scored], asked: Question, ruling: Ruling
    ) -> tuple[Scored, Ruling] | None:
        """A duty the question leaves open ("there must be a careful exit strategy") is settled
        against the asker by a close duty on the same matter that their plan goes against
        ("enough staff … trained … in case of absences", asked by the only one with the login)."""
        if ruling.reason != "precondition":
            return None
        return self._against_duty(ranked, asked)

    def _duty_fulfilled(
        self, ranked: list[Scored], ruling: Ruling, asked: Question
    ) -> tuple[Scored, Ruling] | None:
        """A duty left open because it asks for something first ("a strong reason for creating
        official sites") says nothing of an asker who creates nothing: when they propose just
        what a close duty on their topic asks of them ("discuss the requests in general terms in
        class"), that duty decides, and their plan is allowed."""
        if ruling.reason != "precondition" or ranked[0].rule.force is not Force.REQUIRE:
            return None
        return self._first_close(
            ranked,
            OUTRIGHT_SHARE,
            asked,
            lambda r: r.rule.force is Force.REQUIRE and bool(r.topics),
            lambda v: v.verdict is Verdict.YES and v.reason == "expected",
        )

    def _approving(self, ranked: list[Scored], asked: Question) -> tuple[Scored, Ruling] | None:
        """A question left open by a duty or a limit ("there must be a strong reason for
        creating sites") is settled by whoever must approve it: a close rule on the same topic
        that names the approval answers it first, unless that approval is of something other
        than the question names (making an organisation a friend, asked about a grandparent)."""
        best = ranked[0]
        if best.rule.force is Force.APPROVAL:
            return None
        named = named_objects(asked.folded, self.lexicon.acts)
        for rival in _close_rivals(ranked, APPROVAL_SHARE):
            if rival.rule.force is not Force.APPROVAL or not set(rival.topics) & set(best.topics):
                continue
            if objects_clash(named, rival.rule.act.objects, self.lexicon.acts):
                continue  # approving an organisation as a friend says nothing of a grandparent
            ruling = rule_on(rival.rule, asked, self.lexicon)
            if ruling.reason == "without approval":
                # "Can we just set it up ourselves?" asks whether the approval is needed: the
                # question stays open on the duty, and the approval is what settles it.
                ruling = replace(
                    ruling,
                    verdict=Verdict.CONDITIONAL,
                    reason="approval",
                    condition=rival.rule.sentence,
                )
            return (rival, ruling) if ruling.verdict is Verdict.CONDITIONAL else None
        return None

    def _route_for_asked_act(
        self, ranked: list[Scored], asked: Question
    ) -> tuple[Scored, Ruling] | None:
        """A broad ban ("no contact with any pupil through personal social media") beside a close
        approval route for the very thing the asker proposes ("to enable pupils to keep in touch
        with one another … only with the approval of the school"): the route is the more
        particular rule, so it decides when the question raises its matter more strongly than
        the ban's and it names more of what the asker wants than the ban does. A ban in the
        route's own clause ("Sites created must not breach … minimum age") is no broader rule:
        it limits the route, and stands."""
        best = ranked[0]
        said = set(tokens(asked.folded))
        ban_words = set(tokens(best.rule.folded))

        def more_particular(route: Scored) -> bool:
            route_words = set(tokens(route.rule.folded))
            return len(said & (route_words - ban_words)) > len(said & (ban_words - route_words))

        return self._first_close(
            ranked,
            OUTRIGHT_SHARE,
            asked,
            lambda r: (
                r.rule.force is Force.APPROVAL
                and r.rule.clause_key != best.rule.clause_key
                and _weight(asked, set(r.topics) - set(best.topics)) > _weight(asked, best.topics)
                and more_particular(r)
            ),
            _conditional,
        )

    def _on_terms(self, ranked: list[Scored], asked: Question) -> tuple[Scored, Ruling] | None:
        """A pupil's relative spared a ban on contact ("solely a staff/parent relationship") is
        allowed that contact on the terms the policy sets for such relationships ("These
        relationships must be open and transparent"): a close permission setting them decides.
        A member of staff who is the pupil's own parent is a parent like any other."""
        kin = asked.facts & _PUPIL_KIN
        if not kin or "own_child" in asked.facts:
            return None
        return self._first_close(
            ranked,
            OUTRIGHT_SHARE,
            asked,
            lambda r: (
                r.rule.force is Force.PERMIT
                and bool(r.rule.reading.limit)
                and bool(r.rule.reading.conditions & kin)
            ),
            _conditional,
        )

    def _approval_needed(
        self, ranked: list[Scored], asked: Question
    ) -> tuple[Scored, Ruling] | None:
        """A ban the asker is outside the reach of allows nothing by itself: an official blog
        that a ban on personal pages does not bind still needs the approval a close rule asks
        for what the question raises (the school's logo). That rule decides while the asker has
        not said it is given."""
        return self._first_close(
            ranked,
            OUTRIGHT_SHARE,
            asked,
            lambda r: r.rule.force is Force.APPROVAL and bool(r.topics),
            _conditional,
        )

    def _settled(
        self, ranked: list[Scored], asked: Question, ruling: Ruling
    ) -> tuple[Scored, Ruling] | None:
        """The rival that settles a conditional ruling the best rule leaves open, if any."""
        if ruling.reason in _OPEN:
            return self._outright(ranked, asked, ruling.reason)
        if ruling.reason == "approval":
            return self._beyond_approval(ranked, asked)
        if ruling.reason in _UNSETTLED_DUTY:
            return self._ban_on_asked_act(ranked, asked)
        return None

    def _beyond_approval(
        self, ranked: list[Scored], asked: Question
    ) -> tuple[Scored, Ruling] | None:
        """An approval route settles only what it is a route for. One open for another act
        ("use social media on behalf of the school") says nothing of what the asker proposes
        (a family member's appeal posted on the school page), which a close outright ban on that
        act decides; and no approval makes right what goes against a close rule's requirement."""
        other_act = acts_differ(asked.act, ranked[0].rule.act, self.lexicon.acts)
        banned = self._ban_on_asked_act(ranked, asked) if other_act else None
        return banned or self._against_duty(ranked, asked) or self._ban_beside(ranked, asked)

    def _ban_beside(self, ranked: list[Scored], asked: Question) -> tuple[Scored, Ruling] | None:
        """The approval's own clause may go on to ban something further ("Sites … only with the
        prior approval of the Head Master. Sites created must not breach … minimum age
        requirements"): when the question raises it (a class account for eleven-year-olds), the
        approval does not lift that ban and it decides."""
        best = ranked[0]
        return self._first_close(
            ranked,
            OUTRIGHT_SHARE,
            asked,
            lambda r: (
                r.rule.clause_key == best.rule.clause_key
                and _outright_ban(r)
                and not set(r.topics) & set(best.topics)
            ),
            _forbids,
        )

    def _ban_on_asked_act(
        self, ranked: list[Scored], asked: Question
    ) -> tuple[Scored, Ruling] | None:
        """The close outright ban on the very act the asker proposes, if there is one."""
        return self._first_close(
            ranked,
            OUTRIGHT_SHARE,
            asked,
            lambda r: (
                _outright_ban(r)
                and not about_other_site(r.rule, asked)
                and governs_asked_act(r.rule, asked, self.lexicon)
            ),
            _forbids,
        )

    def _against_duty(self, ranked: list[Scored], asked: Question) -> tuple[Scored, Ruling] | None:
        """No approval makes right what goes against a close rule's requirement on the same
        topic: a site set up on a whim where the policy asks for a strong reason."""
        return self._first_close(
            ranked,
            OUTRIGHT_SHARE,
            asked,
            lambda r: r.rule.force is Force.REQUIRE and bool(r.topics),
            lambda ruling: _forbids(ruling) and ruling.reason == "against a duty",
        )

    def _first_close(
        self,
        ranked: list[Scored],
        share: float,
        asked: Question,
        admits: Callable[[Scored], bool],
        decides: Callable[[Ruling], bool],
    ) -> tuple[Scored, Ruling] | None:
        """The first close rival of the kind `admits` whose ruling on the question `decides`
        it; each rival is ruled on only once it is admitted (ruling is the costly part)."""
        for rival in _close_rivals(ranked, share):
            if admits(rival):
                ruling = rule_on(rival.rule, asked, self.lexicon)
                if decides(ruling):
                    return rival, ruling
        return None

    def _outright(
        self, ranked: list[Scored], asked: Question, opening: str
    ) -> tuple[Scored, Ruling] | None:
        """A ban that bites only "if … likely to", or only in hours the question does not name,
        leaves the question open; but not when a close rule on what the asker raises forbids the
        act whatever the opening: the outright ban decides. Telling a parent about their child's
        record is contact that may or may not be a conflict of interest, and information about
        pupils is not to be discussed at all; a permission for official sites only is broken by
        a personal account either way. A permission within limits the question leaves open
        ("only according to the requirements") gives way only to a ban on something further the
        question raises (the platform's minimum age), not to the other half of its own rule."""
        best = ranked[0]
        for rival in _close_rivals(ranked, OUTRIGHT_SHARE):
            if rival.rule.reading.hedged or not rival.topics:
                continue
            if _other_site_ban(rival, asked):
                continue  # a ban on personal accounts does not bind an official page
            if rival.rule.force is Force.PROHIBIT and _official_only(rival.rule, asked):
                continue  # nor does a ban on official sites bind a post nobody says is one
            if opening == "limits" and set(rival.topics) <= set(best.topics):
                continue
            ruling = rule_on(rival.rule, asked, self.lexicon)
            if ruling.verdict is Verdict.NO and (
                rival.rule.force is Force.PROHIBIT or ruling.reason in _OVERRULING
            ):
                return rival, ruling
        return None

    def _lexical(self, book: Rulebook, pool: Pool, asked: Question) -> dict[str, float]:
        """Each rule's BM25 score: its whole clause's plus its own sentence's."""
        expansion = [w for t in sorted(asked.fired) for w in self.lexicon.by_id[t].terms]
        query = [*bag(asked.folded, self.lexicon.concepts), *tokens(" ".join(expansion))]
        total = (
            CLAUSE_SHARE * book.index.scores_at(query, pool.clause_at)
            + book.sentences.scores_at(query, pool.rule_at)
            + CONCEPT_SHARE * book.concepts.scores_at(query, pool.rule_at)
            + ASK_SHARE * self._focus(book, pool, asked)
        )
        return dict(zip(pool.keys, total.tolist(), strict=True))

    def _focus(self, book: Rulebook, pool: Pool, asked: Question) -> np.ndarray:
        """Each sentence's BM25 score against the sentence that asks alone: the words of the
        actual ask count again, the scene-setting around it does not."""
        asking = question_sentence(asked.folded)
        if asking == asked.folded:
            return np.zeros(len(pool.rules))
        return book.sentences.scores_at(bag(asking, self.lexicon.concepts), pool.rule_at)

    def _covered(
        self, book: Rulebook, pool: Pool, asked: Question, lexical: Mapping[str, float]
    ) -> bool:
        considered = asked.primary or asked.fired
        if any(self.lexicon.by_id[t].outside and not self._has(pool, t) for t in considered):
            return False
        if pool is book.parents and self._beside_pledge(pool, asked):
            return False
        if any(self._has(pool, t) and self._online(t, asked) for t in asked.fired):
            return True
        # Nothing recognised, or a topic this policy words in its own way: answer only questions
        # about social media (a platform, a page, posting; being online at all is not enough),
        # and only from a clause that shares enough with the question.
        on_topic = self.lexicon.domain.search(asked.folded) is not None
        return on_topic and max(lexical.values(), default=0.0) >= FALLBACK_LEXICAL

    def _online(self, topic_id: str, asked: Question) -> bool:
        """A topic whose words also name things done face to face ("a dad offered me
        tickets", "my views on the strike") is the policy's only when the question is online."""
        if not self.lexicon.by_id[topic_id].offline:
            return True
        online = self.lexicon.domain, self.lexicon.online
        return any(p.search(asked.folded) is not None for p in online)

    def _beside_pledge(self, pool: Pool, asked: Question) -> bool:
        """A parents' pledge binds what parents say about the school community. A parent asking
        about something it does not name (the logo, filming a show), with nothing critical to
        say, is asking about a matter the school settles elsewhere, not one the pledge forbids."""
        if "negative" in asked.facts:
            return False
        # Pictures the asker means to post are what the ask is about even when the story named
        # them and the ask says only "it" ("a video of the race, other kids in it - can I put it
        # on facebook?").
        posting = "post" in asked.act.verbs or "image" in asked.act.objects
        pictured = self._depicted if posting else frozenset()
        return any(not self._has(pool, t) for t in asked.primary | (asked.fired & pictured))

    def _has(self, pool: Pool, topic_id: str) -> bool:
        topic = self.lexicon.topic(topic_id)
        while topic is not None:
            if topic.id in pool.topics:
                return True
            topic = self.lexicon.topic(topic.broader) if topic.broader else None
        return False


def _close_rivals(ranked: list[Scored], share: float) -> Iterator[Scored]:
    """The runners-up scoring at least `share` of the best, best first: the rules close enough
    to settle what the best one leaves open."""
    floor = ranked[0].score * share
    return takewhile(lambda rival: rival.score >= floor, ranked[1:])


def _outright_ban(scored: Scored) -> bool:
    """A ban that bites whatever the circumstances, on a topic the question raises."""
    rule = scored.rule
    return rule.force is Force.PROHIBIT and not rule.reading.hedged and bool(scored.topics)


def _weight(asked: Question, topics: Iterable[str]) -> float:
    """How strongly the question raises the most raised of these topics."""
    return max((asked.topics.get(t, 0.0) for t in topics), default=0.0)


def _hedged_ban(scored: Scored) -> bool:
    return scored.rule.force is Force.PROHIBIT and scored.rule.reading.hedged


def _forbids(ruling: Ruling) -> bool:
    return ruling.verdict is Verdict.NO


def _conditional(ruling: Ruling) -> bool:
    return ruling.verdict is Verdict.CONDITIONAL


def _speaks_to(rule: Rule, asked: Question, lexicon: Lexicon) -> bool:
    """The ban governs what the asker proposes, or, when the question names no act ("a funny
    clip of my class on my own account?"), bans something done to what it names on the asker's
    own kind of account (not what someone else put on theirs)."""
    if asked.act.verbs:
        return governs_asked_act(rule, asked, lexicon)
    same_channel = bool(asked.act.channel) and asked.act.channel == rule.act.channel
    return same_channel and bool(rule.act.objects & asked.act.objects)


def _official_only(rule: Rule, asked: Question) -> bool:
    """The rule speaks of official sites alone and the question names none."""
    return rule.sites == {"official"} and "official" not in asked.facts


def _checked(question: str) -> str:
    if not isinstance(question, str) or not question.strip():
        raise InvalidQuestion("the question is empty")
    if len(question) > MAX_QUESTION_LENGTH:
        raise InvalidQuestion(
            f"the question is {len(question)} characters long; "
            f"ask in {MAX_QUESTION_LENGTH} or fewer"
        )
    return question.strip()


def _not_covered(school: School, parent: bool) -> Answer:
    return Answer(
        verdict=Verdict.NOT_COVERED,
        answer=phrasing.not_covered(school, parent),
        ask_whom=phrasing.ask_whom_not_covered(school, parent),
    )


def _supporting(ranked: list[Scored]) -> list[Rule]:
    """The deciding rule first, then up to two other clauses that scored close to it."""
    chosen = [ranked[0].rule]
    floor = ranked[0].score * SUPPORT_SHARE
    for scored in ranked[1:]:
        if len(chosen) == MAX_CITATIONS or scored.score < floor:
            break
        # Only clauses on the same topic support an answer; a high BM25 score alone does not.
        if scored.topics and all(key_of(scored.rule) != key_of(r) for r in chosen):
            chosen.append(scored.rule)
    return chosen


def _matched(best: Scored, asked: Question) -> tuple[str, ...]:
    words = set(tokens(fold(best.rule.clause.text)))
    shared = [t for t in dict.fromkeys(asked.tokens) if t in words]
    return (
        *(f"topic:{t}" for t in best.topics),
        *(f"fact:{f}" for f in best.facts),
        *(f"act:{a}" for a in best.acts),
        *(f"term:{t}" for t in shared[:6]),
    )


def _ask_whom(school: School, ruling: Ruling) -> str:
    if ruling.approver:
        return ruling.approver
    if ruling.verdict is Verdict.CONDITIONAL:
        return school.contacts.get("questions", "")
    return ""


def _other_site_ban(scored: Scored, asked: Question) -> bool:
    """A ban on personal accounts, asked about a class page the school would run (or the other
    way round): it forbids nothing the asker proposes, so an approval route on the question's
    topic decides when it is the closest rule that binds that site. Failing one, the ban's
    advice still stands: the question may be about a personal page after all."""
    return scored.rule.force is Force.PROHIBIT and about_other_site(scored.rule, asked)


def _minimum_age(rule: Rule) -> int:
    """The minimum age the rule's clause names, else the usual one."""
    found = _STATED_MINIMUM_AGE.search(fold(rule.clause.text))
    return int(found.group(1)) if found else _USUAL_MINIMUM_AGE
