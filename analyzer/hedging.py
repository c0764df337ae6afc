"""Hedging: how firmly each statement is made.

In: the parsed article (`nlp.ParsedText`) and the statements found by attribution and speakers.
Out: the same statements (rebuilt with `dataclasses.replace`) with
- `hedges`: `HedgeCue`s (a span of the article text and a category), sorted by offset;
- `hedging_score` in [0, 1] and `hedging_factors`: one `ScoreFactor` per cue, whose values add up
  to the score, so that every score names the cues that made it.

Where cues are looked for (corpora/ANNOTATION-DECISIONS.md, "Hedge cues"): inside the statement's
content span; the statement's own cue when its verb is tentative (`commitment` column of
lexicons/reporting_verbs.tsv); and a hedging adverb modifying the cue (`reportedly said`).

What a cue is comes from lexicons/hedge_cues.tsv (categorised, with the sources that informed it in
its header). A few words are hedges only in some of their senses; the parse decides where it can,
the neighbouring words where there is no parse, and when in doubt the word is not marked:
- `would` only inside a conditional (`would ... if`, `Without X ... would`), never as reported
  future (`said it would comply`);
- `could` not when negated (`could not have`), after a comparison (`than anyone could`) or with an
  agent as subject (ability or permission: `prosecutors could view`);
- `can` only as possibility, `can be` + adjective with no negation before it;
- `may` not as the month, as a wish (`May his soul rest`) or as permission (`only Congress may`);
- `some`, `about`, `around` are approximators only before a number; `some` is vague otherwise;
- `if` not when it means `whether` (`to confirm if`); `will`, `should`, `must` are never hedges.

Also here, for plain text with no parse: `is_hedged_sentence(text)` (the WikiWeasel benchmark) and
`find_cues_in_text(text)`, which share the lexicon and the checks; and `cue_f1`, which scores cues
against gold cues by exact span (benchmarks/hedge_cues_gold.py, `analyzer evaluate`).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache

from analyzer import lexicons
from analyzer.nlp import ParsedText, Sentence, Word
from analyzer.records import HEDGE_CATEGORIES, HedgeCue, ScoreFactor, Span, Statement

logger = logging.getLogger(__name__)

LEXICON = "hedge_cues"
RECORDED_CATEGORIES = ("negation", "booster")

# Weight of the first cue of each category in `hedging_score`. Adverbs and modals state the doubt
# outright; vague quantities and approximators only blur a detail of the claim.
CATEGORY_WEIGHTS = {
    "adverb": 0.40,
    "modal": 0.35,
    "epistemic": 0.35,
    "reporting_verb": 0.30,
    "conditional": 0.30,
    "vague": 0.15,
    "peacock": 0.10,
    "approximator": 0.10,
}
REPEAT_DECAY = 0.5  # each further cue of a category counts half as much as the one before
BOOSTER_WEIGHT = 0.05

# Sentence level (`is_hedged_sentence`): lexicon rows that do not make a sentence uncertain on their
# own. They are the rows (seen in 8 or more sentences) whose sentences in the WikiWeasel training
# half are labelled uncertain less often than sentences at large (28.9%): the CoNLL-2010 annotators
# did not take these uses for uncertainty (`may` 114/499, mostly dynamic possibility such as `may be
# served with rice`; `if` 39/192; `various` 37/165; approximators). They still count in `find_cues`.
WEAK_ALONE = frozenset(
    {
        "may", "could", "if", "unless", "possible", "claims", "various", "multiple", "almost",
        "approximately", "roughly", "at least", "around [#]", "some [#]", "up to [#]", "or more",
    }
)  # fmt: skip


_NEGATIONS = frozenset({"not", "n't", "never", "no", "cannot", "neither", "nor"})
_NEGATIVE_SUBJECTS = frozenset({"no", "nobody", "nothing", "none", "neither"})
_BE_FORMS = frozenset({"be", "is", "are", "was", "were", "been", "being", "'s", "'re", "am"})
_HAVE_FORMS = frozenset({"have", "'ve", "has", "had"})
_DETERMINERS = frozenset(
    {"the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my", "your"}
)
# Adverbs that may stand between a modal and its verb without changing what the modal means.
_MODAL_GAP = frozenset({"also", "likewise", "potentially", "even", "well", "still", "easily", "only", "then"})
_PERSONAL_PRONOUNS = frozenset(
    {"i", "we", "you", "he", "she", "they", "one", "anyone", "someone", "everyone", "anybody", "somebody"}
)
# Extra agents besides lexicons/speaker_nouns.tsv: `a country could demand` is permission, not doubt.
_AGENT_NOUNS = frozenset(
    {"country", "countries", "state", "states", "court", "courts", "company", "companies"}
)
# `if` as `whether`: the clause is what is asked or checked, not a condition on the claim.
_WHETHER_IF_VERBS = frozenset(
    {
        "see", "know", "ask", "asked", "asks", "asking", "confirm", "confirmed", "check", "checked",
        "determine", "decide", "wonder", "wondered", "unclear", "sure", "clear", "tell", "find", "out",
        "whether", "investigate", "examine", "assess", "establish", "doubt",
    }
)  # fmt: skip
# Words that open a counterfactual without `if`: `Without Nigeria the area would've ...`.
_COUNTERFACTUAL_OPENERS = frozenset({"without", "otherwise"})
# Verbs of belief that count as epistemic inside content but also have a noun reading.
_NOUN_READING = frozenset({"fear", "fears", "doubt", "suspect", "suspects", "claim", "claims", "estimates",
                           "forecast", "speculation", "possibility", "hope", "hopes"})  # fmt: skip
# Belief verbs taking an object and an infinitive (`expect people to complete`) express a demand.
_BELIEF_VERBS = frozenset({"think", "thinks", "believe", "believes", "expect", "expects", "feel", "feels",
                           "fear", "fears", "suspect", "suspects", "doubt", "assume", "suppose"})  # fmt: skip

# `argue`/`contend` state a position only with a clause after them, not `argue about X`.
_ARGUE_VERBS = frozenset({"argue", "argues", "argued", "contend", "contends", "contended"})
_ARGUE_PREPOSITIONS = frozenset({"about", "over", "with", "against", "for", "on", "in"})

_VAGUE_SOURCES = frozenset({"critics", "experts", "scholars", "historians", "observers", "commentators"})
_VAGUE_DETERMINERS = frozenset(
    {"some", "many", "several", "most", "other", "numerous", "various", "multiple"}
)
_SUBJECT_OR_AUX = frozenset(
    {"i", "we", "you", "he", "she", "it", "they", "who", "which", "also", "still", "not", "n't", "do", "does",
     "did", "to", "may", "might", "could", "would", "will", "can", "should", "must"}
)  # fmt: skip
_MIGHT_NOUN_BEFORE = frozenset(
    {"its", "their", "his", "her", "our", "the", "military", "economic", "naval", "full", "all", "with", "of"}
)
_NUMBER_WORDS = frozenset(
    {
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty",
        "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million", "billion",
        "trillion", "dozen", "dozens", "half", "third", "quarter",
    }
)  # fmt: skip
_CURRENCY = frozenset({"$", "us$", "£", "€", "¥", "us", "a", "an"})
_CLITIC_BASES = {"ca": "can", "wo": "will", "sha": "shall"}

_TOKEN_RE = re.compile(r"[^\W_]+(?:[.,][0-9]+)*(?:['’][^\W_]+)*|\S", re.UNICODE)
_CLITIC_RE = re.compile(r"(?i)(n['’]t|['’](?:ve|ll|re|s|d|m))$")
_SENTENCE_END_RE = re.compile(r"(?<=[.!?])[\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")
_NUMBER_RE = re.compile(r"^\d[\d,.]*(?:s|m|bn|k)?$")

_IRREGULAR_LEMMAS = {
    "said": "say", "says": "say", "told": "tell", "thought": "think", "felt": "feel", "knew": "know",
    "known": "know", "found": "find", "wrote": "write", "written": "write", "understood": "understand",
    "spoke": "speak", "spoken": "speak", "held": "hold", "meant": "mean",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Pattern:
    """One lexicon row: words to match, which of them are context only, and the category."""

    phrase: str
    words: tuple[str, ...]  # "#" stands for a number
    is_context: tuple[bool, ...]
    category: str

    @property
    def cue_length(self) -> int:
        return sum(1 for context in self.is_context if not context)


@dataclass(frozen=True, slots=True)
class _Match:
    first: int  # index into the sentence's words of the first cue word
    last: int
    category: str
    pattern: _Pattern


@cache
def _patterns() -> dict[str, tuple[_Pattern, ...]]:
    """The lexicon indexed by its first word ("#" for patterns that open with a number)."""
    index: dict[str, list[_Pattern]] = {}
    for row in lexicons.rows(LEXICON):
        phrase, category = row[0], row[1]
        if category not in HEDGE_CATEGORIES and category not in RECORDED_CATEGORIES:
            raise ValueError(f"{LEXICON}.tsv: unknown category {category!r} for {phrase!r}")
        words, context = [], []
        for part in phrase.lower().split():
            is_context = part.startswith("[") and part.endswith("]")
            words.append(part.strip("[]"))
            context.append(is_context)
        pattern = _Pattern(phrase, tuple(words), tuple(context), category)
        index.setdefault(pattern.words[0], []).append(pattern)
    return {first: tuple(found) for first, found in index.items()}


def cue_commitment(lemma: str) -> str:
    """committed / neutral / tentative for a reporting verb's lemma, "" when it is not one.

    The `commitment` column of reporting_verbs.tsv; credibility scores the cue with the same
    answer, so that hedges and scores agree.
    """
    columns = lexicons.table("reporting_verbs").get(lemma)
    if not columns:
        return ""
    return columns[-1]


@cache
def _tentative_lemmas() -> frozenset[str]:
    return frozenset(
        lemma for lemma in lexicons.table("reporting_verbs") if cue_commitment(lemma) == "tentative"
    )


@cache
def _agent_nouns() -> frozenset[str]:
    return frozenset(row[0] for row in lexicons.rows("speaker_nouns")) | _AGENT_NOUNS


@cache
def _adverb_cues() -> frozenset[str]:
    return frozenset(
        p.words[0] for ps in _patterns().values() for p in ps if p.category == "adverb" and len(p.words) == 1
    )


def guess_lemma(word: str) -> str:
    """A lemma for a verb form without a parse, preferring one that reporting_verbs.tsv knows."""
    lowered = word.lower().replace("’", "'")
    if lowered in _IRREGULAR_LEMMAS:
        return _IRREGULAR_LEMMAS[lowered]
    known = lexicons.table("reporting_verbs")
    candidates = [lowered]
    if lowered.endswith("ies"):
        candidates.append(lowered[:-3] + "y")
    if lowered.endswith("ied"):
        candidates.append(lowered[:-3] + "y")
    for suffix in ("ing", "ed", "es", "s", "d"):
        if lowered.endswith(suffix) and len(lowered) > len(suffix) + 2:
            stem = lowered[: -len(suffix)]
            candidates += [stem, stem + "e"]
            if len(stem) > 2 and stem[-1] == stem[-2]:  # `committed` -> `commit`
                candidates.append(stem[:-1])
    for candidate in candidates:
        if candidate in known:
            return candidate
    return lowered


# --- plain text: tokens without a parse -------------------------------------------------------


def tokenize_plain(text: str) -> ParsedText:
    """Split plain text into sentences and words with offsets, for use without the parser.

    The words carry no POS or dependencies (`upos == ""`), which tells the checks below to fall
    back on neighbouring words. Clitics are split as the parser splits them (`could` + `n't`).
    """
    sentences: list[Sentence] = []
    starts = [0] + [m.end() for m in _SENTENCE_END_RE.finditer(text)]
    ends = [m.start() for m in _SENTENCE_END_RE.finditer(text)] + [len(text)]
    for sentence_start, sentence_end in zip(starts, ends, strict=True):
        words: list[Word] = []
        for match in _TOKEN_RE.finditer(text, sentence_start, sentence_end):
            pieces = [(match.start(), match.end())]
            clitic = _CLITIC_RE.search(match.group())
            if clitic and clitic.start() > 0:
                cut = match.start() + clitic.start()
                pieces = [(match.start(), cut), (cut, match.end())]
            for start, end in pieces:
                surface = text[start:end]
                lowered = surface.lower().replace("’", "'")
                lemma = _CLITIC_BASES.get(lowered, lowered) if len(pieces) > 1 else lowered
                words.append(Word(len(words) + 1, surface, lemma, "", "", "", 0, "", start, end))
        if words:
            sentences.append(Sentence(len(sentences), words[0].start, words[-1].end, tuple(words)))
    return ParsedText(text, tuple(sentences))


# --- matching ----------------------------------------------------------------------------------


def _norm(word: Word) -> str:
    lowered = word.text.lower().replace("’", "'")
    if lowered in _CLITIC_BASES and word.lemma.lower() in _CLITIC_BASES.values():
        return word.lemma.lower()  # Stanza's `ca` + `n't`
    return lowered


def _is_wordlike(norm: str) -> bool:
    return any(ch.isalnum() for ch in norm)


class _View:
    """One sentence's words with normalised forms and parse helpers."""

    def __init__(self, sentence: Sentence):
        self.words = sentence.words
        self.norms = [_norm(w) for w in sentence.words]
        self.has_parse = any(w.upos for w in sentence.words)

    def __len__(self) -> int:
        return len(self.words)

    def norm(self, i: int) -> str:
        return self.norms[i] if 0 <= i < len(self.norms) else ""

    def head(self, i: int) -> int | None:
        """Index of the head word of word i, None for the root or without a parse."""
        head = self.words[i].head
        return head - 1 if self.has_parse and head > 0 else None

    def children(self, i: int, *deprels: str) -> list[int]:
        if not self.has_parse:
            return []
        wanted = self.words[i].index
        return [
            j
            for j, w in enumerate(self.words)
            if w.head == wanted and (not deprels or w.deprel.split(":")[0] in deprels)
        ]

    def is_number(self, i: int) -> bool:
        if not 0 <= i < len(self.words):
            return False
        return (
            bool(_NUMBER_RE.match(self.norms[i]))
            or self.norms[i] in _NUMBER_WORDS
            or self.words[i].upos == "NUM"
        )

    def number_end(self, i: int) -> int | None:
        """The index after a number starting at i (a currency sign or `a` may open it), else None."""
        j = i
        while j < len(self.words) and self.norms[j] in _CURRENCY and j - i < 2:
            j += 1
        if not self.is_number(j):
            return None
        while True:  # `1.3 billion`, `two hundred`, `sixty-six`
            if self.is_number(j + 1):
                j += 1
            elif self.norm(j + 1) == "-" and self.is_number(j + 2):
                j += 2
            else:
                break
        return j + 1

    def previous_alpha(self, i: int, skip: frozenset[str] = frozenset()) -> int | None:
        """The nearest word before i (punctuation and `skip` passed over; `'s` is a word)."""
        j = i - 1
        while j >= 0 and (not _is_wordlike(self.norms[j]) or self.norms[j] in skip):
            j -= 1
        return j if j >= 0 else None

    def next_alpha(self, i: int, skip: frozenset[str] = frozenset()) -> int | None:
        j = i + 1
        while j < len(self.words) and (not _is_wordlike(self.norms[j]) or self.norms[j] in skip):
            j += 1
        return j if j < len(self.words) else None


def _match_at(view: _View, i: int, pattern: _Pattern) -> _Match | None:
    position = i
    first = last = None
    for word, is_context in zip(pattern.words, pattern.is_context, strict=True):
        if word == "#":
            after = view.number_end(position)
            if after is None:
                return None
            end = after - 1
        else:
            if view.norm(position) != word:
                return None
            end = position
        if not is_context:
            first = position if first is None else first
            last = end
        position = end + 1
    if first is None or last is None:
        return None
    return _Match(first, last, pattern.category, pattern)


def _candidates(view: _View) -> list[_Match]:
    patterns = _patterns()
    found = []
    for i in range(len(view)):
        options = list(patterns.get(view.norm(i), ()))
        if view.is_number(i) or view.norm(i) in _CURRENCY:
            options += patterns.get("#", ())
        for pattern in options:
            match = _match_at(view, i, pattern)
            if match is None:
                continue
            category = _check(view, match)
            if category is not None:
                found.append(replace(match, category=category))
    return found


def _select(found: list[_Match]) -> list[_Match]:
    """Non-overlapping matches, the longest cue (then the most context) first."""
    chosen: list[_Match] = []
    taken: set[int] = set()
    ranked = sorted(found, key=lambda m: (-(m.last - m.first), -len(m.pattern.words), m.first))
    for match in ranked:
        positions = set(range(match.first, match.last + 1))
        if positions & taken:
            continue
        chosen.append(match)
        taken |= positions
    return sorted(chosen, key=lambda m: m.first)


# --- the checks for words with more than one sense --------------------------------------------


def _check(view: _View, match: _Match) -> str | None:
    """The category of a lexicon match in context, or None when this use is not a hedge."""
    i = match.first
    word = view.norm(i)
    category = match.category
    if match.pattern.words in (("or", "more"), ("or", "so")):
        # `Sixty-six people or more`: only after a number; `or more important` is not approximate
        return category if any(view.is_number(j) for j in range(max(0, i - 3), i)) else None
    if match.pattern.cue_length > 1 or category in RECORDED_CATEGORIES:
        return category
    if word == "would":
        return category if _in_conditional(view, i) else None
    if word == "could":
        return category if _could_is_possibility(view, i) else None
    if word == "can":
        return category if _can_is_possibility(view, i) else None
    if word == "may":
        return category if _may_is_possibility(view, i) else None
    if word == "might":
        return None if _might_is_noun(view, i) else category
    if word == "if":
        return category if _if_is_condition(view, i) else None
    if word == "most":
        return category if _most_is_quantity(view, i) else None
    if word == "many":
        return None if view.norm(i - 1) == "how" else category  # `how many` asks, it does not blur
    if word == "others":
        # `while others say` leaves the source vague; `Europe and others` names who is meant.
        before = view.previous_alpha(i)
        return category if before is None or view.norm(before) in {"while", "but", "whereas"} else None
    if word == "certain":
        before = view.previous_alpha(i)
        if before is not None and view.norm(before) in _BE_FORMS | {
            "not",
            "quite",
            "almost",
            "fairly",
            "very",
        }:
            return "booster"  # `is certain that`: sure, the opposite of a hedge
        return category  # `certain people`, `in certain cases`
    if word == "likely":
        before = view.previous_alpha(i)
        adjective = view.words[i].upos == "ADJ" or (
            before is not None and view.norm(before) in _BE_FORMS | {"more", "less", "very", "quite"}
        )
        return "epistemic" if adjective else "adverb"
    if word == "possible":
        window = view.norms[max(0, i - 4) : i]
        return None if "as" in window or any(n in _NEGATIONS for n in window) else category
    if word in _VAGUE_SOURCES:
        return None if _source_is_specified(view, i) else category
    if word == "sources":
        # bare `sources say` is vague; `the sources`, `two of the sources` point back at described ones
        before = view.previous_alpha(i)
        return (
            category
            if before is None or not (view.norm(before) in _DETERMINERS | {"of"} or view.is_number(before))
            else None
        )
    if word in _ARGUE_VERBS and view.norm(i + 1) in _ARGUE_PREPOSITIONS:
        return None  # `argue about Brexit` is a quarrel, not a position
    if word in _NOUN_READING and not _is_verb(view, i):
        return None
    if word in _BELIEF_VERBS and not _belief_takes_clause(view, i):
        return None
    negated = any(n in _NEGATIONS for n in view.norms[max(0, i - 2) : i])
    if category == "reporting_verb" and (_is_noun(view, i) or negated):
        return None  # `the claim`; `had never suggested` denies rather than hedges
    return category


def _is_noun(view: _View, i: int) -> bool:
    if view.has_parse:
        return view.words[i].upos in ("NOUN", "PROPN")
    before = view.previous_alpha(i)
    return before is not None and (view.norm(before) in _DETERMINERS or view.norm(before).endswith("'s"))


def _is_verb(view: _View, i: int) -> bool:
    """For words with a noun reading (`fear`, `claims`): is this one the verb?"""
    if view.has_parse:
        return view.words[i].upos in ("VERB", "AUX")
    # no parse: a subject pronoun or an auxiliary before it, or a `that` clause after it
    before, after = view.previous_alpha(i), view.next_alpha(i)
    return (before is not None and view.norm(before) in _SUBJECT_OR_AUX) or (
        after is not None and view.norm(after) in ("that", "to")
    )


def _might_is_noun(view: _View, i: int) -> bool:
    if view.has_parse:
        return view.words[i].upos == "NOUN"
    before = view.previous_alpha(i)
    return before is not None and view.norm(before) in _MIGHT_NOUN_BEFORE


def _source_is_specified(view: _View, i: int) -> bool:
    """`some experts`: the determiner is the cue; `Johnson's critics`, `the critics`: someone known."""
    before = view.previous_alpha(i)
    if before is None:
        return False
    norm = view.norm(before)
    return (
        norm in _DETERMINERS or norm.endswith("'s") or norm in _VAGUE_DETERMINERS or view.norm(i + 1) == "'s"
    )


def _negated_after(view: _View, i: int) -> bool:
    after = view.next_alpha(i, skip=_MODAL_GAP)
    return after is not None and view.norm(after) in _NEGATIONS


def _negative_subject(view: _View, i: int) -> bool:
    window = view.norms[max(0, i - 3) : i]
    return any(n in _NEGATIVE_SUBJECTS for n in window) or "no one" in " ".join(window)


def _subject_is_agent(view: _View, i: int) -> bool:
    """Whether the subject of the verb that modal i belongs to is a person or an acting body."""
    if view.has_parse:
        verb = view.head(i)
        if verb is not None:
            for j in view.children(verb, "nsubj"):
                w = view.words[j]
                if w.upos == "PROPN" or view.norm(j) in _PERSONAL_PRONOUNS or view.norm(j) in _agent_nouns():
                    return True
            return False
    before = view.previous_alpha(i, skip=_MODAL_GAP)
    if before is None:
        return False
    norm = view.norm(before)
    proper = view.words[before].text[:1].isupper() and before > 0
    return norm in _PERSONAL_PRONOUNS or norm in _agent_nouns() or proper


def _could_is_possibility(view: _View, i: int) -> bool:
    if _negated_after(view, i) or _negative_subject(view, i) or "than" in view.norms[max(0, i - 3) : i]:
        return False
    after = view.next_alpha(i, skip=_MODAL_GAP)
    if after is not None and view.norm(after) in _BE_FORMS | _HAVE_FORMS:
        return True  # `could be shared`, `could have found`: possibility or counterfactual
    return not _subject_is_agent(view, i)


def _can_is_possibility(view: _View, i: int) -> bool:
    if _negated_after(view, i) or _negative_subject(view, i) or any(n in _NEGATIONS for n in view.norms[:i]):
        return False
    after = view.next_alpha(i, skip=_MODAL_GAP)
    if after is None or view.norm(after) != "be":
        return False
    predicate = view.next_alpha(after)
    if predicate is None:
        return False
    if view.has_parse:
        return view.words[predicate].upos == "ADJ"
    norm = view.norm(predicate)
    # no parse: an adjective is what is left once participles, adverbs and determiners are out
    return not norm.endswith(("ed", "en", "ly")) and norm not in _DETERMINERS and norm.isalpha()


def _may_is_possibility(view: _View, i: int) -> bool:
    surface = view.words[i].text
    if view.words[i].upos == "PROPN":
        return False  # the month
    if surface[:1] == "M" and (
        view.previous_alpha(i) is None or view.is_number(i + 1) or view.is_number(i - 1)
    ):
        return False  # `May 5`, `in May`, or a wish opening the sentence: `May his soul rest`
    if surface == "May" and view.previous_alpha(i) is not None:
        return False  # capitalised inside a sentence: the month
    return "only" not in view.norms[max(0, i - 4) : i]  # `only Congress may allocate`: permission


def _in_conditional(view: _View, i: int) -> bool:
    """Whether modal i sits in a sentence that states a condition (`would ... if`)."""
    for j, norm in enumerate(view.norms):
        if norm in ("if", "unless") and _if_is_condition(view, j):
            return True
    first = view.next_alpha(-1)
    return first is not None and view.norm(first) in _COUNTERFACTUAL_OPENERS


def _if_is_condition(view: _View, i: int) -> bool:
    if view.has_parse:
        clause = view.head(i)
        if clause is not None and view.words[clause].deprel.split(":")[0] in (
            "ccomp",
            "xcomp",
            "csubj",
            "obj",
        ):
            return False
    before = view.previous_alpha(i)
    return before is None or view.norm(before) not in _WHETHER_IF_VERBS


def _most_is_quantity(view: _View, i: int) -> bool:
    before = view.previous_alpha(i)
    if before is not None and (
        view.norm(before) in _DETERMINERS | {"at"} or view.norm(before).endswith("'s")
    ):
        return False  # `the most persecuted`, `at most`
    after = view.next_alpha(i)
    if after is None:
        return False
    if view.has_parse:
        head = view.head(i)
        return (
            view.words[i].deprel in ("amod", "det") and head is not None and view.words[head].upos == "NOUN"
        )
    norm = view.norm(after)
    # no parse: before a plural noun (`most prorogations`), not an adjective (`most populous`)
    return norm.endswith("s") and not norm.endswith(("ous", "ss", "is"))


def _belief_takes_clause(view: _View, i: int) -> bool:
    """`I think that ...` hedges; `expect people to complete` and `those who think` do not."""
    before = view.previous_alpha(i)
    if before is not None and view.norm(before) == "who":
        return False
    if view.has_parse and view.children(i, "xcomp"):
        return False
    # `expect them to have`: an object and an infinitive, however the parser labels them
    return view.norm(i + 1) == "that" or "to" not in view.norms[i + 2 : i + 5]


# --- statements ---------------------------------------------------------------------------------


def _sentences_over(parsed: ParsedText, span: Span) -> list[Sentence]:
    return [s for s in parsed.sentences if s.start < span.end and s.end > span.start]


def _cue(text: str, view: _View, match: _Match) -> HedgeCue:
    return HedgeCue(Span.of(text, view.words[match.first].start, view.words[match.last].end), match.category)


def _own_cue_hedges(parsed: ParsedText, statement: Statement) -> list[HedgeCue]:
    """The statement's cue verb when tentative, and a hedging adverb on it (`reportedly said`)."""
    text = parsed.text
    found: list[HedgeCue] = []
    adverbs = _adverb_cues()
    for part in statement.cue:
        for sentence in _sentences_over(parsed, part):
            view = _View(sentence)
            inside = [i for i, w in enumerate(view.words) if w.start >= part.start and w.end <= part.end]
            if not inside:
                continue
            for i in inside:
                lemma = view.words[i].lemma.lower() if view.has_parse else guess_lemma(view.norm(i))
                if lemma in _tentative_lemmas():
                    found.append(
                        HedgeCue(Span.of(text, view.words[i].start, view.words[i].end), "reporting_verb")
                    )
            near = {view.previous_alpha(inside[0], skip=frozenset({"also", "had", "has", "have"}))}
            for i in inside:
                near.update(view.children(i, "advmod"))
            for j in near:
                if j is not None and j not in inside and view.norm(j) in adverbs:
                    found.append(HedgeCue(Span.of(text, view.words[j].start, view.words[j].end), "adverb"))
    return found


def find_cues(parsed: ParsedText, statement: Statement) -> tuple[HedgeCue, ...]:
    """Hedge cues (and negation and boosters) of one statement, sorted by offset."""
    text = parsed.text
    content = statement.content
    by_span: dict[tuple[int, int], HedgeCue] = {}
    for sentence in _sentences_over(parsed, content):
        view = _View(sentence)
        for match in _select(_candidates(view)):
            cue = _cue(text, view, match)
            if cue.span.start < content.start or cue.span.end > content.end:
                continue
            if cue.category == "reporting_verb":  # an inner cue weakens the outer statement
                cue = HedgeCue(cue.span, "epistemic")
            by_span[(cue.span.start, cue.span.end)] = cue
    for cue in _own_cue_hedges(parsed, statement):  # the statement's own cue wins its span
        by_span[(cue.span.start, cue.span.end)] = cue
    return tuple(sorted(by_span.values(), key=lambda c: (c.span.start, c.span.end)))


def _plain_matches(text: str) -> list[tuple[_View, _Match]]:
    found = []
    for sentence in tokenize_plain(text).sentences:
        view = _View(sentence)
        found += [(view, match) for match in _select(_candidates(view))]
    return found


def find_cues_in_text(text: str) -> tuple[HedgeCue, ...]:
    """Every cue in plain text, with no parse and no statements (the whole text is the content)."""
    return tuple(_cue(text, view, match) for view, match in _plain_matches(text))


def is_hedged_sentence(text: str) -> bool:
    """Whether a plain-text sentence is uncertain: it holds a hedge cue that is enough on its own.

    Lexicon rows in `WEAK_ALONE` still count in `find_cues` but do not make a sentence uncertain
    here (see its comment).
    """
    for _, match in _plain_matches(text):
        if match.category not in HEDGE_CATEGORIES:
            continue
        if match.pattern.phrase not in WEAK_ALONE:
            return True
    return False


def hedging_score(cues: Iterable[HedgeCue]) -> tuple[float, tuple[ScoreFactor, ...]]:
    """A score in [0, 1] and one factor per cue; the factors' values add up to the score.

    Each hedge cue closes part of the gap to 1 (`score += (1 - score) * weight`), with the weight
    of its category (`CATEGORY_WEIGHTS`) halved for each earlier cue of the same category, so
    that a pile of cues approaches 1 but never passes it. Each booster then takes off up to
    `BOOSTER_WEIGHT`; negation is listed with value 0 (it changes polarity, not firmness).
    """
    ordered = sorted(cues, key=lambda c: (c.span.start, c.span.end))
    score = 0.0
    factors: list[ScoreFactor] = []
    seen: dict[str, int] = {}
    for cue in ordered:
        if not cue.is_hedge:
            continue
        earlier = seen.get(cue.category, 0)
        seen[cue.category] = earlier + 1
        weight = CATEGORY_WEIGHTS[cue.category] * REPEAT_DECAY**earlier
        added = (1.0 - score) * weight
        reason = f"'{cue.span.text}' ({cue.category}, weight {CATEGORY_WEIGHTS[cue.category]:.2f}"
        if earlier:
            reason += f" x {REPEAT_DECAY**earlier:g} as cue {earlier + 1} of its category"
        reason += f") closes {weight:.3f} of the remaining {1.0 - score:.3f}"
        factors.append(ScoreFactor(f"{cue.category}: {cue.span.text}", added, reason))
        score += added
    for cue in ordered:
        if cue.category == "booster":
            taken = min(score, BOOSTER_WEIGHT)
            factors.append(
                ScoreFactor(f"booster: {cue.span.text}", -taken, f"'{cue.span.text}' states the claim firmly")
            )
            score -= taken
        elif cue.category == "negation":
            factors.append(
                ScoreFactor(f"negation: {cue.span.text}", 0.0, "recorded; negation is not a hedge")
            )
    return min(1.0, max(0.0, score)), tuple(factors)


def annotate(parsed: ParsedText, statements: list[Statement]) -> list[Statement]:
    """Fill `hedges`, `hedging_score` and `hedging_factors` of every statement."""
    annotated = []
    for statement in statements:
        cues = find_cues(parsed, statement)
        score, factors = hedging_score(cues)
        annotated.append(replace(statement, hedges=cues, hedging_score=score, hedging_factors=factors))
    return annotated


# --- evaluation -----------------------------------------------------------------------------------


def cue_f1(
    pairs: Iterable[tuple[Sequence[HedgeCue], Sequence[HedgeCue]]], match_category: bool = False
) -> dict[str, float | int]:
    """Micro precision, recall and F1 of predicted against gold hedge cues, statement by statement.

    `pairs` holds (predicted, gold) cues per statement. Only hedge categories count (negation and
    boosters are left out); a cue is right when its span matches a gold span exactly, and, with
    `match_category`, its category too.
    """
    tp = fp = fn = 0
    for predicted, gold in pairs:

        def keys(cues: Sequence[HedgeCue]) -> set[tuple]:
            return {
                (c.span.start, c.span.end, c.category if match_category else "") for c in cues if c.is_hedge
            }

        p, g = keys(predicted), keys(gold)
        tp += len(p & g)
        fp += len(p - g)
        fn += len(g - p)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1}
