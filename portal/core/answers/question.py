"""Reading a chat question: what it is about, what it says about the asker's situation."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from portal.core.answers.acts import NO_ACT, Act, implied_topics, proposed_act, unpictured
from portal.core.answers.lexicon import Lexicon, Pattern, Topic
from portal.core.answers.screening import screened
from portal.core.answers.text import fold, tokens

# Where the asker's own question starts: "can I …", "is it ok to …", "do I have to …".
_FRAME = re.compile(
    r"\b(?:can|could|may|should|shall|must) (?:i|we)\b"
    # "Can't I just …" asks for the same permission, hoping for a yes.
    r"|\b(?:can't|couldn't) (?:i|we)\b"
    r"|\b(?:am i|are we|is it|is that|is this|would it be|it's) (?:actually |really |even |still )?"
    r"(?:ok|alright|fine|allowed|acceptable|permitted|against|banned|frowned|a problem|legit"
    r"|(?:the )?right"
    # A doubt about the act ("is it dodgy to …", "would it be weird if …") asks the same.
    r"|dodgy|iffy|weird|odd|wrong|unprofessional|an issue|a bad idea)\b"
    r"|\b(?:allowed|ok|alright|fine|permitted) (?:for (?:me|us|staff|teachers) )?to\b"
    r"|\bdo (?:i|we) (?:have|need) to\b|\bam i (?:ok|alright|allowed|permitted|supposed) to\b"
    r"|\bwho (?:needs|has) to\b|\bhow do i\b"
    # Asked about someone else ("is she allowed to…", "can my colleague…"), or asked as a doubt
    # ("is there any rule against…", "ok if I…").
    r"|\b(?:can|could|may|should) (?:she|he|they|my colleague|a colleague|staff|a parent)\b"
    r"|\b(?:is|are) (?:she|he|they|staff) (?:actually |really |even |still )?"
    r"(?:ok|alright|allowed|permitted|meant|supposed) to\b"
    r"|\b(?:is there|are there|any) (?:a |any )?(?:rules?|policy|reason|problem|issue)s? "
    r"(?:against|about|on|with|not to)\b"
    r"|\b(?:ok|okay|alright|fine) if (?:i|we)\b"
    # Asked indirectly: "I was wondering if I could …", "she asked whether we can …".
    r"|\b(?:if|whether) (?:i|we) (?:can|could|may|should|(?:am|'m|are|'re) allowed to)\b"
    r"|\bwhat (?:happens|would happen|will happen|happens to me) if (?:i|we)\b"
    r"|\bwhat if (?:i|we)\b|\bany (?:chance|way) (?:i|we) (?:can|could)\b|\bany harm (?:in )?"
    r"|\bany reason (?:i|we) (?:can't|cannot|shouldn't|couldn't)\b"
    # Asking leave to put something off: "surely it can wait till Monday?"
    r"|\b(?:can|could) (?:it|that|this) (?:wait|be left)\b"
    r"|\b(?:it|that|this) (?:can|could) (?:wait|be left)\b"
    # Checking a plan is sound asks for a ruling on it: "… - right thing to do?"
    r"|\b(?:the )?right (?:thing to do|call|way to (?:go|handle it|deal with it))\b"
)
# A plan stated rather than asked ("I want to …", "we'd like to …"): when nothing asks, what
# the asker means to do is the ask.
_PLAN = re.compile(
    r"\b(?:i|we) (?:really )?(?:want|'d like|would like|plan|intend) to\b"
    r"|\b(?:i|we)(?:'m| am|'re| are| was| were) (?:planning|going|hoping|thinking of|about) to\b"
)
_OBLIGATION = re.compile(
    r"\b(?:do|would) (?:i|we) (?:have|need) to\b|\bmust (?:i|we)\b|\bshould (?:i|we)\b"
    r"|\bam i (?:required|supposed|expected) to\b|\bhave (?:i|we) got to\b|\bis it compulsory\b"
)
# The parent's own act is asked about, however the story around it names staff ("my son's
# teacher has been unfair - would it be a problem if I posted about it?"), and so is a bare
# "is it alright to share it?" or "ok to spread that?": nobody else is named as doing it.
_FIRST_PERSON_ASK = re.compile(
    r"\b(?:can|could|may|should) i\b|\bam i\b"
    r"|(?:^|[,.?!] |\bis it |\bwould it be |\bit'?s )"
    r"(?:ok|okay|alright|all right|fine) (?:for me )?to\b"
    r"|\bdo i\b|\bi want to\b"
    r"|\b(?:if|whether) i\b"
    # Someone else urging the asker on ("my husband says post about it") proposes their act.
    r"|\b(?:says?|said|told me|tells me|reckons?|suggest(?:s|ed)?|wants? me)(?: (?:i|we) should)?"
    r" (?:to )?(?:post|share|put|write|name|comment|tweet|leave|say)\b"
)
# What the asker sets aside for their plan ("rather than ranting online, can I email the
# teacher?") is not what they ask about: its words name no topic of theirs. It ends where the
# plan picks up again ("instead of the school app to message parents").
_FORGONE = re.compile(
    r"\b(?:rather than|instead of)\b(?:(?!\b(?:to|so|and|but|can|could|is|would)\b)[^,.?!;])*"
)
_AGES = tuple(
    re.compile(p)
    for p in (
        r"\b(\d{1,2}) ?(?:yo|y/o|years? old|yrs? old|year-old)\b",
        r"\b(?:aged?) (\d{1,2})\b",
        r"\b(?:she|he|they|who)(?:'s| is| are|'re) "
        r"(?:now |only |just |nearly |almost |all |both )?(\d{1,2})\b",
        r"\bnow (\d{1,2})\b",
        r"\((\d{1,2})\)",
        r"\b(?:turned|turns|turning|will be) (\d{1,2})\b",
        r"\b(\d{1,2}) now\b",
    )
)
_CLOCK = (
    re.compile(r"\b(\d{1,2})(?:[:.](\d{2}))? ?(am|pm|ish|o'?clock)\b"),
    re.compile(r"\b(\d{1,2})[:.](\d{2})\b"),
    re.compile(
        r"\b(?:at|after|around|gone|past|till|until|before) (\d{1,2})()()\b(?! ?(?:year|min))"
    ),
)
# "half 7", "half past three" in figures: British for 7:30.
_HALF_PAST = re.compile(r"\bhalf (?:past )?(\d{1,2})\b(?! ?(?:years?|mins?|minutes|hours?|an?\b))")
_SCHOOL_DAY = (8.5, 15.5)
_EARLIER = 0.25
# The asker wants to end a contact ("can I block her?"), not keep or start one.
_ENDING = re.compile(
    r"\b(?:block|unfriend|un-friend|unfollow|remove|delete|mute|report and block)\w* "
    r"(?:him|her|them|a |the |this |that |my |an? )"
)
# Turning down a request ends the contact before it starts, unless the asker then proposes
# contact of their own ("declined it, can I message him why?"); not doing so ("rather than
# decline it") leaves it open.
_DECLINED = re.compile(
    r"(?<!rather than )(?<!instead of )(?<!not )(?<!n't )(?<!without )\b(?:declin|reject)\w* "
    r"(?:it|him|her|them|(?:the|their|his|a|an|that|this) (?:\w+'s )?(?:\w+ )?request)\b"
)
_SENTENCE_END = re.compile(r"[?.!](?:\s|$)")
# The asker means to leave out or put off a step ("skip the evaluation", "add the house rules
# later"): the words of what is skipped, and, for "skip them", the words before it.
_SKIP = re.compile(
    r"\b(?:skip|skipping|bypass\w*|leave out|leaving out|do without|dispense with|forget about"
    r"|(?:not|don't|do not|without) bother\w* (?:with|about)|get away without"
    r"|without (?:first )?(?:talking|speaking|going|raising it|mentioning it))\b"
    r"((?: [^ ?.!]+){1,6})"
)
_DEFER = re.compile(
    r"\b(?:add|do|sort|write|put|set up|fill|complete|work out|figure out|think about|get)\b"
    r"((?: [^ ?.!]+){1,8}) (?:later|afterwards|another time|down the line|once (?:it's|it is|we're)"
    r" (?:up|live|running|launched))\b"
)
_PRONOUN = re.compile(r"^ (?:it|them|that|this|those|these)\b")
# The asker opening with who they are ("i'm a lunchtime supervisor and …") names who acts, not
# whom the act is done to: a colleague in it is the asker, not a contact they make.
_SELF = re.compile(
    r"(?:^|[.!?] )(?:i'm|i am) (?:a|an|the|one of the) (?:\w+ ){0,2}\w+"
    r"(?= and\b| so\b|[,.;:!?]| - )"
)
# Topics only in the story around the question ("my account's private anyway") count less.
STORY = 0.6
MAX_SPAN_WORDS = 2


@dataclass(frozen=True, slots=True)
class Question:
    text: str
    folded: str
    topics: Mapping[str, float]
    """Topic id -> how strongly the question is about it."""
    primary: frozenset[str]
    """Topics named in the asker's own question rather than in the story around it."""
    fired: frozenset[str]
    facts: frozenset[str]
    stated: frozenset[str]
    """Facts the question says outright; `facts` adds what follows from them."""
    tokens: tuple[str, ...]
    ask_tokens: tuple[str, ...]
    age: int | None
    clock: float | None
    obliged: bool
    """Asks whether something is required of the asker ("should I …", "do I need to …")."""
    keeps: bool
    """An obligation to remove ("do I have to unfriend her?"): the activity is keeping."""
    skipped: frozenset[str]
    """Tokens of a step the asker means to skip or put off."""
    safeguarding: bool
    act: Act = NO_ACT
    """What the asker proposes to do, and to what or whom."""


def read_question(
    text: str, lexicon: Lexicon, *, parent: bool = False, school_names: Pattern | None = None
) -> Question:
    folded = respell(fold(text), lexicon)
    if school_names is not None:
        folded = school_names.sub(_name_in_question, folded)
    span = ask_span(folded)
    focus = span or asked_part(folded)
    asking = question_sentence(folded)
    act = proposed_act(_unintroduced(focus), _unintroduced(asking), folded, lexicon.acts)
    named = _fired(_unintroduced(_FORGONE.sub(" ", folded)), lexicon, parent)
    acted = _acted(act, named, lexicon, parent)
    fired = named | acted
    fired -= unpictured(folded, fired, lexicon.acts)
    primary = frozenset(t for t in fired if _asked(lexicon, t, focus)) if focus else frozenset()
    primary |= acted
    story = frozenset(t for t in fired if not _asked(lexicon, t, asking))
    # The time the asker means to act at, when the ask names one, beats times in the story
    # ("kids arrive at 8:40 - can I go on at half 7?").
    asked_at = _clock(span) if span else None
    age, clock = _age(folded), _clock(folded) if asked_at is None else asked_at
    stated = _stated(folded, lexicon, age, clock)
    obliged = _OBLIGATION.search(folded) is not None
    keeps = obliged and "remove" in stated
    declined = _DECLINED.search(folded) is not None and "contact" not in act.verbs
    if (_ENDING.search(folded) or declined) and not keeps:
        stated |= {"ends_contact"}
    facts = frozenset(_closure(set(stated), lexicon))
    return Question(
        text=text,
        folded=folded,
        topics=_weights(fired, primary, story, lexicon),
        primary=primary,
        fired=fired,
        facts=facts,
        stated=stated,
        tokens=tuple(tokens(folded)),
        ask_tokens=tuple(tokens(span or folded)),
        age=age,
        clock=clock,
        obliged=obliged,
        keeps=keeps,
        skipped=skipped_step(folded),
        safeguarding=any(p.search(folded) for p in lexicon.safeguarding),
        act=act,
    )


def school_names(*names: str) -> Pattern | None:
    """The school's own name in a question means "the school" ("my Clearwell email")."""
    words = {w for n in names for w in _NAME_WORD.findall(fold(n)) if w not in _GENERIC_NAME}
    if not words:
        return None
    alternatives = "|".join(sorted(map(re.escape, words)))
    return screened(
        rf"\b(?:the )?(?:{alternatives})(?:'s)?(?: (?:{_SUFFIXES}))*\b"
        rf"|(?P<glued>[@#]?\b[a-z0-9_]*(?:{alternatives})[a-z0-9_]*\b)"
    )


def _name_in_question(match: re.Match[str]) -> str:
    """The name on its own is the school; run into other letters ("@stockhamta", "mrsj_knowsley")
    it is a handle that names the school, which tells anyone reading where its owner works."""
    return "a handle naming the school" if match.group("glued") else "the school"


_NAME_WORD = re.compile(r"[a-z][a-z'-]{2,}")
_SUFFIXES = "primary|school|academy|high|college|grammar|junior|infant|c of e|ce"
_GENERIC_NAME = frozenset(
    (
        "school",
        "primary",
        "academy",
        "high",
        "college",
        "grammar",
        "junior",
        "infant",
        "the",
        "and",
        "of",
        "example",
        "independent",
        "council",
        "model",
        "policy",
    )
)


def respell(text: str, lexicon: Lexicon) -> str:
    for pattern, replacement in lexicon.spelling:
        text = pattern.sub(replacement, text)
    return re.sub(r"\s+", " ", text).strip()


def asks_permission(folded: str) -> bool:
    """ "Can I …", "is it ok to …", "… can I?", or a plan closed by "… that alright?": the
    asker wants a ruling on their own plan."""
    return _FRAME.search(folded) is not None or _CLOSING_FRAME.search(folded) is not None


def _ask_frame(folded: str) -> re.Match[str] | None:
    """The frame that asks. In "not sure if it's ok to post. can I run it past my head?" the
    doubt comes first and the question after it: a frame in a sentence that ends with a question
    mark is the ask, ahead of one in a sentence that does not."""
    frames = list(_FRAME.finditer(folded))
    for match in frames:
        end = _SENTENCE_END.search(folded, match.end())
        if end is not None and end.group().startswith("?"):
            return match
    return frames[0] if frames else None


def ask_span(folded: str) -> str:
    """The words after "can I …" up to the end of that sentence; empty when the frame comes
    last ("… is that allowed?")."""
    match = _ask_frame(folded) or _PLAN.search(folded)
    if not match:
        return ""
    span = _SENTENCE_END.split(folded[match.end() :], maxsplit=1)[0]
    return _REASON.split(span, maxsplit=1)[0] or span


# Why the asker wants to ("… so my own email isn't on there", "… because it's quicker") is
# motivation, not the act asked about.
_REASON = re.compile(
    r"[,;]? \b(?:so (?:that )?(?=i |we |my |our |they |it |the |nobody|no one|people)|because|"
    r"since (?=i |we |my |our |they |it |the |she |he )|as (?=i'm |i am |we're |it's |they're ))"
)


# A frame that closes the question ("…, is that ok?", "… - allowed?", "that fine?"): what it
# asks about is the words before it, or the sentence before when it stands alone.
_CLOSING_FRAME = re.compile(
    r"[,;:-]?\s*(?:(?:so|and|but|then|surely|right|yeah|or|just)\s+)*"
    r"(?:(?:is|would|will|was|does|do|could|can|should|are|isn't)\s+)?"
    r"(?:(?:that|this|it|they|she|he|that's|it's|this is|i'm|we're|am i)\s+)?"
    r"(?:(?:be|actually|really|even|still|all|totally|completely|technically|a bit|an?|any)\s+)*"
    r"\b(?:ok|okay|alright|fine|allowed|acceptable|permitted|problems?|issues?|wrong|legit|sensible"
    r"|banned|off limits|harmless|breaking any rules|against (?:the )?(?:rules|policy)|good idea"
    r"|pointless|frowned upon|(?:have|need) to stop|stay|continue|carry on)"
    r"\b(?:\s+[\w']+){0,4}\s*\?\s*$"
)


def asked_part(folded: str) -> str:
    """What a question asks about when no "can I" opens it: the last sentence, less any closing
    frame; the sentence before it when the frame stands alone ("Would that be ok?")."""
    parts = [p.strip() for p in re.split(r"(?<=[.?!])\s+", folded) if p.strip()]
    if not parts:
        return ""
    asking = max((i for i, p in enumerate(parts) if p.endswith("?")), default=len(parts) - 1)
    last = _CLOSING_FRAME.sub("", parts[asking]).strip(" ,-") or parts[asking]
    if len(tokens(last)) <= MAX_SPAN_WORDS and asking > 0:
        return f"{parts[asking - 1]} {last}".strip()
    return last


def question_sentence(folded: str) -> str:
    """The sentence that asks; the others tell the story around it. An ask that points back
    ("can I post them?", "use that to …") takes in the sentence it points back to."""
    match = _ask_frame(folded)
    if not match:
        return folded
    start = max(folded.rfind(p, 0, match.start()) for p in "?!.") + 1
    end = _SENTENCE_END.search(folded, match.end())
    if _REFERS_BACK.match(folded[match.end() :]) and start > 0:
        start = max(folded.rfind(p, 0, start - 1) for p in "?!.") + 1
    sentence = folded[start : end.start() if end else len(folded)]
    return sentence if len(tokens(sentence)) > MAX_SPAN_WORDS else folded


# The ask names its object only by a pronoun: "can I accept them?", "use that to log in".
_REFERS_BACK = re.compile(
    r"^(?: (?:just|still|also|then|now|actually|really))* (?:\w+ )?"
    r"(?:it|them|that|this|those|these|him|her)\b(?! (?:is|are|was|were)\b)"
)


def skipped_step(folded: str) -> frozenset[str]:
    found: set[str] = set()
    for match in _SKIP.finditer(folded):
        found |= set(tokens(match.group(1)))
        if _PRONOUN.match(match.group(1)):
            found |= set(tokens(" ".join(folded[: match.start()].split()[-8:])))
    for match in _DEFER.finditer(folded):
        found |= set(tokens(match.group(1)))
    return frozenset(found)


def asks_about_staff(question: Question) -> bool:
    """A parent asking whether a member of staff may do something, not about their own conduct."""
    return "staff_acts" in question.facts and _FIRST_PERSON_ASK.search(question.folded) is None


def _unintroduced(text: str) -> str:
    return _SELF.sub(" ", text)


def _asked(lexicon: Lexicon, topic_id: str, span: str) -> bool:
    topic = lexicon.topic(topic_id)
    return topic is not None and topic.asked_in(span)


def _fired(folded: str, lexicon: Lexicon, parent: bool) -> frozenset[str]:
    fired = {t.id for t in lexicon.topics if _applies(t, parent) and t.asked_in(folded)}
    suppressed = {s for t in fired for s in lexicon.by_id[t].suppresses}
    return frozenset(fired - suppressed)


def _acted(act: Act, named: frozenset[str], lexicon: Lexicon, parent: bool) -> frozenset[str]:
    """Topics the asker's act is about that its wording did not name ("have a bit of a go at a
    colleague" is criticising one): what the act proposes, so asked, not told as story."""
    suppressed = {s for t in named for s in lexicon.by_id[t].suppresses}
    return frozenset(
        t
        for t in implied_topics(act, lexicon.acts) - named - suppressed
        if (topic := lexicon.topic(t)) is not None and _applies(topic, parent)
    )


def _applies(topic: Topic, parent: bool) -> bool:
    return not topic.audience or topic.audience == ("parent" if parent else "staff")


def _weights(
    fired: frozenset[str], primary: frozenset[str], story: frozenset[str], lexicon: Lexicon
) -> dict[str, float]:
    weights: dict[str, float] = {}
    for topic_id in sorted(fired):
        topic = lexicon.by_id[topic_id]
        emphasis = 1.5 if topic_id in primary else STORY if topic_id in story else 1.0
        weights[topic_id] = topic.weight * emphasis
        broader = lexicon.topic(topic.broader) if topic.broader else None
        if broader is not None and broader.id not in fired:
            weights[broader.id] = max(weights.get(broader.id, 0.0), broader.weight * 0.8)
    return weights


# A time the asker will not wait for ("I don't need to wait for my free period to …") is not
# when they mean to act: what it names is no fact of their situation.
_NOT_WAITING = re.compile(
    r"\b(?:don't|do not|not|without|won't|no need to|instead of)(?: \w+)?"
    r"(?: (?:to|have to|need to))? wait(?:ing)? (?:for|until|till) [^,.?!;]*?(?= to |[,.?!;]|$)"
)


# An account the asker says is not the school's ("my own insta, not a school one") is no
# official site: what it denies is no fact of their situation.
_DISOWNED = re.compile(
    r"(?:\bnot|n't)(?: (?:a|an|the|our|my))? (?:school|official|work)(?:'s)?"
    r" (?:one|account|page|group|site|profile|blog|channel)s?\b"
)


def _stated(folded: str, lexicon: Lexicon, age: int | None, clock: float | None) -> frozenset[str]:
    folded = _DISOWNED.sub(" ", _NOT_WAITING.sub(" ", folded))
    gates = lexicon.fact_gates
    found = {
        fact
        for fact, patterns in lexicon.facts.items()
        if not gates[fact].shut(folded) and any(p.search(folded) for p in patterns)
    }
    if age is not None:
        found.add("adult" if age >= 18 else "minor")
    if clock is not None:
        found.add("school_hours" if _SCHOOL_DAY[0] <= clock < _SCHOOL_DAY[1] else "outside_hours")
    return frozenset(found)


def _closure(found: set[str], lexicon: Lexicon) -> set[str]:
    pending = list(found)
    while pending:
        for implied in lexicon.implies.get(pending.pop(), ()):
            if implied not in found:
                found.add(implied)
                pending.append(implied)
    return found


def _age(folded: str) -> int | None:
    for pattern in _AGES:
        for match in pattern.finditer(folded):
            value = int(match.group(1))
            if 5 <= value <= 60:
                return value
    return None


def _clock(folded: str) -> float | None:
    half = _HALF_PAST.search(folded)
    for pattern in _CLOCK:
        match = pattern.search(folded)
        if match and not (half and half.start() <= match.start()):
            hour, minute, suffix = (*match.groups(), None, None)[:3]
            return _before(folded, match, _hour(str(hour), minute or None, suffix or None))
    return _before(folded, half, _hour(half.group(1), "30", None)) if half else None


def _before(folded: str, match: re.Match[str], hour: float | None) -> float | None:
    """ "Before 8:30" is a time earlier than 8:30, not 8:30 itself."""
    if hour is None or not folded[: match.start()].rstrip().endswith("before"):
        return hour
    return hour - _EARLIER


def _hour(hour: str, minute: str | None, suffix: str | None) -> float | None:
    h, m = int(hour), int(minute or 0)
    if h > 23 or m > 59:
        return None
    if (suffix == "pm" and h < 12) or (suffix != "am" and 1 <= h <= 7):
        h += 12
    return h + m / 60
