"""Contradictions between sources: pairs of statements by different sources that cannot both be true
as stated (annotation guide rule 16, corpora/ANNOTATION-DECISIONS.md "Contradictions").

In: the parsed article and its statements, with `speaker_canonical` and `hedges` filled in.
Out: `Contradiction`s with `a` < `b` (statement indices), a score in [0, 1], a `why` that names the
evidence and `evidence` spans of the article text; sorted by (a, b).

1. Each statement becomes a `_Claim`: the informative words of its content (nouns, proper nouns,
   verbs, adjectives, numbers; lemmas lower-cased, the terms of one scale of lexicons/antonyms.tsv
   folded into one key), each with
   - a polarity, flipped by each negation on its way up the content's parse (`not`, `never`, `no`,
     `nobody`, `without`, a denial verb) unless a relative or adverbial clause stands between, and
     by a denying or negated cue (`denied`, `did not find`);
   - whether it is asserted at all. It is not when, at or above its negation, its clause is future
     (`will`, `would`, but not `would rather`), normative (`should`, `must`, `has to`), hedged (a
     modal, adverb or epistemic hedge cue of the statement), the condition of an `if`, or reported
     by someone else (`an anonymous source described P`, `Court says P` inside a quotation); nor
     when it is what someone plans (`plans to`, `no intention of`), negated or not. A statement
     asserts nothing when its cue is a belief verb (`believe`, `think`) or is hedged itself
     (`reportedly said`);
   - whether it stands where a predicate is asserted (`had defeated ISIS`, `is the legal way`) or
     only modifies a noun (`legal consequences`).
   Claims also keep their counts (`190 were dead`), dates and places, winners (`X won against Y`)
   and main subjects. A subject that points back (`the rules`, `it`) carries, at half weight, the
   narrator's words just before it ("bridged"), so that `the rules were not targeted` can meet the
   export list revision the article described a sentence earlier.
2. Candidate pairs come from an inverted index from key to claims: only pairs of different sources
   (canonical names compared without case) that share a key are compared, and a key held by more
   than `MIN_KEY_DF_CAP` claims (and a share of a long text's claims) makes no pairs by itself.
3. Named rules decide each pair; the best finding gives the score and the `why`:
   - `negation_flip` / `antonyms`: one predicate or scale on both sides with opposite effective
     poles (`defeated` / `not defeated`, `violating` / `not breached`, `legal` / `unlawful`), about
     a shared topic word or set against each other by the article;
   - `assertion_vs_denial`: words one side asserts and the other denies close to its negation,
     with the same main subject (`nobody` is everyone), a rebuttal cue between them, or a definite
     subject bridged to the narrator's words;
   - `conflicting_numbers`: counts of the same kind and group that cannot both hold (a count in
     one hospital is a lower bound);
   - `conflicting_dates`, `conflicting_places`: one event, two dates or places (places only with
     a rebuttal cue, as they nest);
   - `rival_outcome`: `X won against Y` against `Y won`.
   A rebuttal cue between the two statements (`despite`, `however`, `denied`) adds to the score.
   Pairs scoring at least `THRESHOLD` are reported. The scores are set by hand, not learned: 21
   gold pairs are too few to fit weights without fitting the articles.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache

from analyzer import attribution, lexicons
from analyzer.nlp import ParsedText, Sentence, Word
from analyzer.records import Contradiction, Span, Statement

logger = logging.getLogger(__name__)

ANTONYM_LEXICON = "antonyms"
THRESHOLD = 0.5
BRIDGE_WEIGHT = 0.5
MAX_DENIAL_DEPTH = 3
# A key in more claims than max(this, 2 * sqrt(claims)) never makes a candidate pair by itself:
# in a long text such a word is the topic, not a claim. Articles of tens of statements never reach
# it; it is what keeps the pairs compared far below quadratic on a long text.
MIN_KEY_DF_CAP = 40


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


INFORMATIVE_UPOS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
PREDICATE_UPOS = frozenset({"VERB", "ADJ"})
# Words too light to tie two claims to one event.
STOP_LEMMAS = _words(
    "be have do say tell make get go take come give put keep let become seem thing way time year "
    "day week month people person one lot part other such many much more most own new same "
    "certain also just only even still well here there now today yesterday tomorrow able likely "
    "statement claim report comment question issue matter case fact point need want"
)
NEGATION_LEMMAS = frozenset({"not", "never", "no", "n't", "neither"})
NEGATIVE_PRONOUNS = frozenset({"nobody", "nothing", "none", "noone", "no-one"})
UNIVERSAL_NEGATIVE_SUBJECTS = frozenset({"nobody", "noone", "no-one"})
DENIAL_LEMMAS = frozenset({"deny", "reject", "dismiss", "dispute", "refute", "rebut", "contradict"})
NOT_NEGATING_AFTER_NOT = frozenset({"only", "just", "merely", "simply", "even"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
NORMATIVE_AUX = frozenset({"should", "must", "ought"})
MODAL_AUX = frozenset(
    {"can", "could", "may", "might", "would", "will", "shall", "should", "must", "ca", "wo"}
)
PREFERENCE_ADVERBS = frozenset({"rather", "sooner"})  # `would rather`: a present preference
PLANNING_LEMMAS = _words(
    "plan intend want hope aim seek try threaten promise vow pledge propose prepare expect wish"
)
PLANNING_NOUNS = _words("plan intention intent aim goal ambition proposal")
CONDITION_MARKS = frozenset({"if", "unless"})
BLOCKING_HEDGES = frozenset({"modal", "adverb", "epistemic"})
# Cue verbs that report a stance rather than an assertion (guide rule 16 leaves hedged claims out);
# distancing speech verbs (`claimed`, `alleged`) do not (ANNOTATION-DECISIONS.md).
BELIEF_CUES = _words("believe think suspect assume guess reckon fear hope expect feel estimate speculate")
REBUTTAL_LEMMAS = _words(
    "however but despite although though yet nevertheless nonetheless whereas contrary counter "
    "reject dismiss dispute deny refute rebut contradict"
)
BRIDGE_PRONOUNS = frozenset({"it", "this", "that"})
DEFINITE_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})
SUBJECT_RELS = ("nsubj", "nsubj:pass", "csubj")
# `an anonymous source described ...`, `Court says ...` inside a statement: the clause that follows
# is someone else's claim, reported, not asserted (guide rule 7 gives that claim its own statement).
NESTED_REPORT_VERBS = _words(
    "say tell report claim allege describe state announce believe think suspect ascribe attribute "
    "write tweet reveal confirm insist argue accuse warn estimate predict suggest indicate"
)
NESTED_REPORTER_UPOS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "NUM", "PART"})
CLAUSE_OPENERS = frozenset({"—", "–", ":", ";", "but", "so", "and", '"', "“", "”"})
# Relations along which a clause is what the statement asserts (`said he had won`, `X and Y`) ...
CLAUSAL_RELS = frozenset({"root", "ccomp", "xcomp", "conj", "csubj", "csubj:pass", "parataxis"})
# ... and the core arguments through which a noun or adjective is a predicate (`supported his murder`).
CORE_RELS = frozenset({"obj", "iobj", "nsubj", "nsubj:pass", "xcomp"})
NOMINAL_MODIFIER_RELS = frozenset(
    {"amod", "nmod", "nmod:poss", "compound", "obl", "det", "case", "appos", "flat"}
)
# A negation does not reach into these (`does not have a zone, which goes against the law`).
SCOPE_BARRIERS = frozenset({"acl:relcl", "parataxis", "appos", "advcl", "list", "discourse", "dislocated"})
# `Chinese` / `China`, `Turkish` / `Turkey`: a demonym names its country when it names a subject.
DEMONYM_SUFFIXES = ("ese", "ian", "ish", "an", "i")

# What a count counts: the lemma of the counted noun or of the predicate the count attaches to.
QUANTITY_CLASSES = {
    **dict.fromkeys(["kill", "dead", "die", "death", "body", "fatality", "toll", "corpse", "perish"], "dead"),
    **dict.fromkeys(["injure", "wound", "hurt", "injury", "injured", "wounded"], "injured"),
    **dict.fromkeys(["missing"], "missing"),
    **dict.fromkeys(["arrest", "detain"], "arrested"),
    **dict.fromkeys(["evacuate", "evacuation"], "evacuated"),
}
# Counted nouns that mean "everyone counted"; any other counted noun (soldiers, children) names a
# group whose count is comparable only with a count of the same group.
GENERIC_COUNTED = _words(
    "people person body victim individual dead death fatality resident passenger casualty"
)
LOWER_BOUND_BEFORE = ("at least", "more than", "over", "upwards of", "in excess of", "no fewer than")
UPPER_BOUND_BEFORE = ("at most", "up to", "fewer than", "less than", "under", "no more than")
APPROX_BEFORE = (
    "about",
    "around",
    "nearly",
    "almost",
    "some",
    "roughly",
    "approximately",
    "an estimated",
    "between",
)
APPROX_TOLERANCE = 0.25
NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
MULTIPLIERS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
MONTHS = _words("january february march april may june july august september october november december")
WEEKDAYS = _words("monday tuesday wednesday thursday friday saturday sunday")
PLACE_CASES = frozenset({"in", "at"})
KEY_ALIASES = {"u.s.": "us", "u.s": "us", "usa": "us", "u.k.": "uk"}

_DIGITS_RE = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")


# ---------------------------------------------------------------------------------------- lexicon


@dataclass(frozen=True, slots=True)
class _Term:
    scale: str
    pole: int  # +1 or -1; 0 = vocabulary of the scale's predicates, not a topic word
    words: tuple[str, ...]


@cache
def _terms() -> dict[str, tuple[_Term, ...]]:
    """Terms of lexicons/antonyms.tsv by their head lemma, longest first so `null and void` wins."""
    by_head: dict[str, list[_Term]] = defaultdict(list)
    for row in lexicons.rows(ANTONYM_LEXICON):
        if len(row) < 3:
            logger.warning("antonyms.tsv: skipping a row without three columns: %r", row)
            continue
        scale, pole, term = row[0], row[1], row[2].lower().split()
        by_head[term[0]].append(_Term(scale, {"+": 1, "-": -1}.get(pole, 0), tuple(term)))
    return {head: tuple(sorted(terms, key=lambda t: -len(t.words))) for head, terms in by_head.items()}


@cache
def _scale_vocabulary() -> dict[str, frozenset[str]]:
    """Per scale, the single-word keys that belong to its predicates (never counted as topic)."""
    found: dict[str, set[str]] = defaultdict(set)
    for terms in _terms().values():
        for term in terms:
            found[term.scale].update(term.words)
    return {scale: frozenset(words) for scale, words in found.items()}


# ---------------------------------------------------------------------------------------- parse


class _Tree:
    """One sentence's dependency tree, with children lists."""

    __slots__ = ("children", "index", "sentence")

    def __init__(self, sentence: Sentence):
        self.sentence = sentence
        self.index = sentence.index
        self.children: dict[int, list[Word]] = defaultdict(list)
        for word in sentence.words:
            self.children[word.head].append(word)

    def head(self, word: Word) -> Word | None:
        return self.sentence.word(word.head) if 0 < word.head <= len(self.sentence.words) else None

    def next(self, word: Word) -> Word | None:
        return self.sentence.words[word.index] if word.index < len(self.sentence.words) else None

    def before(self, word: Word, n: int) -> list[Word]:
        return list(self.sentence.words[max(0, word.index - 1 - n) : word.index - 1])


class _Article:
    """Lookups over one parse shared by all statements: words by offset, sentence trees, and the
    parts of the text that belong to no statement (the narrator's words)."""

    def __init__(self, parsed: ParsedText, statements: list[Statement]):
        self.parsed = parsed
        self.text = parsed.text
        self.sentence_starts = [s.start for s in parsed.sentences]
        self.trees: dict[int, _Tree] = {}
        covered = []
        for st in statements:
            for span in (st.content, *st.cue, st.speaker):
                if span is not None and span.end > span.start:
                    covered.append((span.start, span.end))
        covered.sort()
        merged: list[list[int]] = []
        for start, end in covered:
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.covered_starts = [m[0] for m in merged]
        self.covered_ends = [m[1] for m in merged]

    def tree(self, index: int) -> _Tree:
        if index not in self.trees:
            self.trees[index] = _Tree(self.parsed.sentences[index])
        return self.trees[index]

    def sentence_at(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.sentence_starts, offset) - 1)

    def words_in(self, start: int, end: int) -> list[tuple[_Tree, Word]]:
        found = []
        if not self.parsed.sentences:
            return found
        for s_index in range(self.sentence_at(start), len(self.parsed.sentences)):
            sentence = self.parsed.sentences[s_index]
            if sentence.start >= end:
                break
            if sentence.end <= start:
                continue
            tree = self.tree(s_index)
            found += [(tree, w) for w in sentence.words if w.start >= start and w.end <= end]
        return found

    def is_narrator(self, word: Word) -> bool:
        i = bisect.bisect_right(self.covered_starts, word.start) - 1
        return i < 0 or word.start >= self.covered_ends[i]


def _lemma(word: Word) -> str:
    lemma = (word.lemma or word.text).lower()
    return KEY_ALIASES.get(lemma, lemma)


def _inside(span: Span | None, word: Word) -> bool:
    return span is not None and word.start >= span.start and word.end <= span.end


# ---------------------------------------------------------------------------------------- claims


@dataclass(frozen=True, slots=True)
class _Item:
    key: str
    word: Word
    positive: bool
    negator: Word | None  # the lowest negation that flipped it, for the evidence
    scale: str | None = None
    pole: int = 0
    term_words: tuple[Word, ...] = ()
    via: Span | None = None  # for a bridged word: the subject that points back to it (`the rules`)
    predicate: bool = False  # in a predicate position (`_predicate_position`)
    unit: tuple[int, int] = (0, 0)  # (sentence, head of its name): `Hong Kong` counts once
    depth: int = 0  # steps from the word up to what negates it (`_Status.negation_depth`)

    @property
    def bridged(self) -> bool:
        return self.via is not None

    @property
    def is_predicate(self) -> bool:
        return self.predicate and (self.pole != 0 or self.word.upos in PREDICATE_UPOS)

    @property
    def effective_pole(self) -> int:
        pole = self.pole or 1
        return pole if self.positive else -pole

    @property
    def weight(self) -> float:
        return BRIDGE_WEIGHT if self.bridged else 1.0

    def span(self, text: str) -> Span:
        words = (self.word, *self.term_words)
        return Span.of(text, min(w.start for w in words), max(w.end for w in words))

    def negator_span(self, text: str) -> Span | None:
        return None if self.negator is None else Span.of(text, self.negator.start, self.negator.end)


@dataclass(frozen=True, slots=True)
class _Quantity:
    kind: str  # a QUANTITY_CLASSES value
    group: str  # "" for everyone, else the counted group's lemma
    value: float
    bound: str  # exact | lower | upper | approx
    word: Word


@dataclass(frozen=True, slots=True)
class _Circumstance:
    """A date or place attached to a predicate: `died on February 6`, `crashed in Karaj`."""

    kind: str  # date | place
    predicate: str
    value: str
    words: tuple[Word, ...]


@dataclass(slots=True)
class _Claim:
    index: int
    statement: Statement
    source: str
    position: int
    sentence: int
    cue_negator: Word | None = None
    cue_denial: bool = False
    items: dict[str, list[_Item]] = field(default_factory=dict)
    quantities: list[_Quantity] = field(default_factory=list)
    circumstances: list[_Circumstance] = field(default_factory=list)
    winners: list[tuple[_Item, frozenset[str], frozenset[str]]] = field(default_factory=list)
    subjects: set[str] = field(default_factory=set)  # words naming the main subjects (`_subject_keys`)
    skipped: dict[str, int] = field(default_factory=dict)  # why words were not asserted, for logs

    @property
    def speaker(self) -> str:
        return self.statement.speaker_canonical or (
            self.statement.speaker.text if self.statement.speaker else "?"
        )


def _hedge_words(article: _Article, statement: Statement) -> tuple[set[tuple[int, int]], bool]:
    """(sentence, word index) of the statement's blocking hedge cues inside its content, and whether
    a blocking hedge sits outside the content (on the cue: `reportedly said`)."""
    inside: set[tuple[int, int]] = set()
    outside = False
    for cue in statement.hedges:
        if not cue.is_hedge or cue.category not in BLOCKING_HEDGES:
            continue
        if cue.span.start >= statement.content.start and cue.span.end <= statement.content.end:
            inside.update((t.index, w.index) for t, w in article.words_in(cue.span.start, cue.span.end))
        else:
            outside = True
    return inside, outside


def _negator(tree: _Tree, node: Word, below: Word | None) -> Word | None:
    """The word that negates `node` for the words below it (`below` is the path child), if any."""
    for child in tree.children[node.index]:
        lemma = _lemma(child)
        if lemma in NEGATION_LEMMAS and child.deprel in (
            "advmod",
            "neg",
            "det",
            "advmod:neg",
            "aux",
            "cc:preconj",
        ):
            following = tree.next(child)
            if following is not None and _lemma(following) in NOT_NEGATING_AFTER_NOT:
                continue
            # `No project ... can be implemented`: the negation belongs to the predicate, not twice.
            if child.deprel == "det" and node.deprel in SUBJECT_RELS:
                continue
            return child
        if child.deprel in SUBJECT_RELS:
            # `Nothing is better for ISIS than ...` compares; `nothing happened` negates
            if lemma in NEGATIVE_PRONOUNS and not _comparative(node):
                return child
            for grandchild in tree.children[child.index]:
                if grandchild.deprel == "det" and _lemma(grandchild) == "no":
                    return grandchild
        if child.deprel == "case" and lemma == "without":
            return child
    if (
        _lemma(node) in DENIAL_LEMMAS
        and node.upos == "VERB"
        and below is not None
        and below.deprel in ("ccomp", "obj", "xcomp", "advcl")
    ):
        return node
    return None


def _is_barrier(tree: _Tree, node: Word) -> bool:
    """Whether `node`'s relation to its head stops a negation. A clause with a subordinating
    `that` and its own subject is a complement (`never suggested that it should ...`) even where
    the parse calls it a relative or adverbial clause; a conjunct with its own subject is not."""
    kids = tree.children[node.index]
    if node.deprel == "conj":
        # `X was not reviewable, it would be unlawful`: a conjunct with its own subject is a
        # clause of its own, out of the first one's negation
        return any(c.deprel in SUBJECT_RELS for c in kids)
    if node.deprel not in SCOPE_BARRIERS:
        return False
    complement = any(c.deprel == "mark" and _lemma(c) == "that" for c in kids) and any(
        c.deprel in SUBJECT_RELS for c in kids
    )
    purpose = any(_lemma(c) in ("so", "such", "order") for c in kids)  # `so that`, `in order that`
    return not (node.deprel.startswith(("acl", "advcl")) and complement and not purpose)


def _planned(tree: _Tree, node: Word) -> bool:
    """`plans to sell`, `no plans to introduce`, `intentions of leaving`: the content of a plan."""
    head = tree.head(node)
    if head is None:
        return False
    if head.upos == "VERB":
        return node.deprel in ("xcomp", "ccomp") and _lemma(head) in PLANNING_LEMMAS
    return node.deprel in ("acl", "nmod", "xcomp") and _lemma(head) in PLANNING_NOUNS


def _comparative(word: Word) -> bool:
    return "Degree=Cmp" in word.feats or _lemma(word) in ("better", "worse", "more", "less")


def _modality(tree: _Tree, node: Word, hedges: set[tuple[int, int]]) -> str | None:
    """Why the clause headed by `node` is not asserted: future, normative, hedged, condition."""
    kids = tree.children[node.index]
    for child in kids:
        lemma = _lemma(child)
        if child.deprel.startswith("aux"):
            if lemma in FUTURE_AUX:
                return "future"
            if lemma in ("would", "'d"):
                # `would rather allow`, `would allow rather`: however the parse attaches `rather`
                near = [*kids, tree.next(child), tree.next(node)]
                if any(k is not None and _lemma(k) in PREFERENCE_ADVERBS for k in near):
                    continue
                return "future"
            if lemma in NORMATIVE_AUX:
                return "normative"
        if (tree.index, child.index) in hedges and child.deprel in (
            "aux",
            "advmod",
            "aux:pass",
            "cop",
            "mark",
        ):
            return "hedged"
        if child.deprel == "mark" and lemma in CONDITION_MARKS:
            return "condition"
    if (tree.index, node.index) in hedges:
        return "hedged"
    if any(c.deprel == "mark" and _lemma(c) == "to" for c in kids) and any(
        c.deprel.startswith("aux") and _lemma(c) == "be" for c in kids
    ):
        return "future"  # `he is to leave office`
    if _planned(tree, node):
        return "future"
    head = tree.head(node)
    if head is not None and node.deprel in ("xcomp", "ccomp"):
        head_lemma = _lemma(head)
        if node.deprel == "xcomp" and head_lemma in ("have", "need") and any(_lemma(c) == "to" for c in kids):
            return "normative"
        if head_lemma == "go" and any(_lemma(c) == "be" for c in tree.children[head.index]):
            return "future"  # `is going to lead`
    return None


def _reported_by_other(tree: _Tree, node: Word, statement: Statement) -> bool:
    """`node` is a reporting or belief verb with a subject of its own that is not the speaker: what
    it introduces is someone else's claim, reported, not asserted (`Court says P`)."""
    if _lemma(node) not in _reporting_lemmas() or node.upos != "VERB":
        return False
    for child in tree.children[node.index]:
        if (
            child.deprel in SUBJECT_RELS
            and child.upos not in ("PRON",)
            and not _inside(statement.speaker, child)
        ):
            return True
    return False


@cache
def _reporting_lemmas() -> frozenset[str]:
    return frozenset(lexicons.table("reporting_verbs"))


def _path(tree: _Tree, word: Word, inside: set[tuple[int, int]]) -> list[Word]:
    path = [word]
    while len(path) <= len(tree.sentence.words):
        head = tree.head(path[-1])
        if head is None or (tree.index, head.index) not in inside:
            break
        path.append(head)
    return path


@dataclass(frozen=True, slots=True)
class _Status:
    positive: bool
    negator: Word | None
    blocked: str | None
    predicate: bool  # whether the word stands where the statement asserts a predicate
    loose_predicate: bool  # the same, loosely, for lexicon terms
    negation_depth: int  # steps up to the negated clause, or to the top of the content when none


def _status(
    tree: _Tree,
    word: Word,
    inside: set[tuple[int, int]],
    hedges: set[tuple[int, int]],
    statement: Statement,
    memo: dict[tuple[int, int], _Status],
) -> _Status:
    key = (tree.index, word.index)
    if key in memo:
        return memo[key]
    path = _path(tree, word, inside)
    flips = 0
    lowest: Word | None = None
    cut = 0
    for i, node in enumerate(path):
        if i and _is_barrier(tree, path[i - 1]):
            break  # negations further up do not reach below a relative or adverbial clause
        negator = _negator(tree, node, path[i - 1] if i else None)
        if negator is not None:
            flips += 1
            if lowest is None:
                lowest, cut = negator, i
    # What a negation denies may be future or normative (`never suggested that it should leave`):
    # only the clauses from the lowest negation up decide whether anything is asserted; but the
    # content of a plan stays future even when the plan is denied (`had no plans to introduce`).
    blocked = next(("future" for node in path[:cut] if _planned(tree, node)), None)
    for i, node in enumerate(path[cut:], start=cut):
        if blocked:
            break
        blocked = _modality(tree, node, hedges)
        if (
            blocked is None
            and i > 0
            and _negator(tree, node, path[i - 1]) is None
            and _reported_by_other(tree, node, statement)
        ):
            blocked = "reported"
        if blocked:
            break
    status = _Status(
        flips % 2 == 0,
        lowest,
        blocked,
        _predicate_position(tree, path),
        _predicate_position(tree, path, loose=True),
        cut if lowest is not None else len(path) - 1,
    )
    memo[key] = status
    return status


def _predicate_position(tree: _Tree, path: list[Word], loose: bool = False) -> bool:
    """Whether path[0] is a predicate the statement asserts: reached from the top of the content
    through clausal relations only, a noun or adjective by one core relation first, and an
    attributive adjective only on a predicate nominal (`is the legal way`, not `legal duties`).
    `loose`, for the terms of antonyms.tsv, which are rarer and so safer: any word that does not
    merely modify a noun, wherever its clause hangs (the parse often misplaces clauses)."""
    word = path[0]
    relations = [node.deprel for node in path[:-1]]
    if not relations:
        return True
    first, rest = relations[0], relations[1:]
    if word.upos == "ADJ" and first == "amod":
        head_kids = tree.children[path[1].index]
        first_ok = any(c.deprel == "cop" for c in head_kids) and not any(
            c.deprel == "case" for c in head_kids
        )
    elif loose:
        first_ok = first not in NOMINAL_MODIFIER_RELS or _misparsed_gerund(tree, word, path[1])
    else:
        first_ok = first in CLAUSAL_RELS or (word.upos != "VERB" and first in CORE_RELS)
    return first_ok and (loose or all(r in CLAUSAL_RELS for r in rest))


def _misparsed_gerund(tree: _Tree, word: Word, head: Word) -> bool:
    """`violating its franchise` parsed as a modifier of `franchise`: no adjective stands before
    a determiner or possessive of its own noun, so the verb governs the noun phrase instead."""
    if word.upos != "VERB" or word.deprel != "amod" or head.index <= word.index:
        return False
    between = tree.sentence.words[word.index : head.index - 1]
    return any(w.upos == "DET" or w.deprel == "nmod:poss" for w in between)


def _match_term(
    tree: _Tree, word: Word, term: _Term, inside: set[tuple[int, int]]
) -> tuple[Word, ...] | None:
    """The other words of a multi-word term below `word` (within two steps), or None."""
    found: list[Word] = []
    for lemma in term.words[1:]:
        hit = None
        for child in tree.children[word.index]:
            if (tree.index, child.index) not in inside:
                continue
            if _lemma(child) == lemma:
                hit = child
                break
            hit = next((g for g in tree.children[child.index] if _lemma(g) == lemma), None)
            if hit is not None:
                break
        if hit is None:
            return None
        found.append(hit)
    return tuple(found)


def _number_value(tree: _Tree, word: Word) -> float | None:
    text = word.text.lower().replace("\u2212", "-")
    value: float | None = None
    if _DIGITS_RE.match(text):
        value = float(text.replace(",", ""))
    elif text in NUMBER_WORDS:
        value = float(NUMBER_WORDS[text])
    elif "-" in text and all(part in NUMBER_WORDS for part in text.split("-")):
        value = float(sum(NUMBER_WORDS[part] for part in text.split("-")))
    if value is None:
        return None
    following = tree.next(word)
    if following is not None and _lemma(following) in MULTIPLIERS:
        value *= MULTIPLIERS[_lemma(following)]
    return value


def _bound(tree: _Tree, word: Word) -> str | None:
    """exact / lower / upper / approx from the words around a number; None for `twelve more`."""
    following = tree.next(word)
    if following is not None and _lemma(following) in ("more", "other", "additional", "further"):
        after = tree.next(following)
        if _lemma(following) == "more" and after is not None and _lemma(after) == "than":
            pass
        else:
            return None  # an addition to another count, not a total
    if following is not None and _lemma(following) == "or":
        after = tree.next(following)
        if after is not None and _lemma(after) in ("more", "so"):
            return "lower" if _lemma(after) == "more" else "approx"
    before = " ".join(w.text.lower() for w in tree.before(word, 3))
    for phrases, bound in (
        (LOWER_BOUND_BEFORE, "lower"),
        (UPPER_BOUND_BEFORE, "upper"),
        (APPROX_BEFORE, "approx"),
    ):
        if any(before == p or before.endswith(" " + p) for p in phrases):
            return bound
    return "exact"


def _quantity(tree: _Tree, word: Word, inside: set[tuple[int, int]]) -> _Quantity | None:
    """A count and what it counts, read from word order (`35 bodies in one hospital`, `killed
    twelve`, `190 were dead`), which survives more parse errors than the tree would."""
    value = _number_value(tree, word)
    if value is None or (1900 <= value <= 2100 and "." not in word.text):
        return None
    bound = _bound(tree, word)
    if bound is None:
        return None
    words = [w for w in tree.sentence.words if (tree.index, w.index) in inside]
    at = words.index(word)
    counted, end = None, at
    for later in words[at + 1 : at + 4]:
        if later.upos not in ("NOUN", "PROPN", "ADJ") or _lemma(later) in MULTIPLIERS:
            break
        end += 1
        if later.upos != "ADJ":
            counted = later
    kind = QUANTITY_CLASSES.get(_lemma(counted)) if counted is not None else None
    if kind is None:
        kind = _nearest_class(words, at, end)
    if kind is None:
        return None
    group = ""
    if counted is not None and _lemma(counted) not in GENERIC_COUNTED | QUANTITY_CLASSES.keys():
        group = _lemma(counted)
    after = [_lemma(w) for w in words[end + 1 : end + 5]]
    # `six deaths were of children`: the count is of a part of the dead
    if len(after) >= 3 and after[0] == "be" and after[1] in ("of", "among"):
        group = group or after[2]
    if after[:2] == ["or", "more"]:
        bound = "lower" if bound == "exact" else bound
    # `35 bodies in one hospital`: a count limited to one place or unit is a lower bound
    if len(after) >= 2 and after[0] in ("in", "at", "from") and after[1] in ("one", "a", "single", "each"):
        bound = "lower" if bound == "exact" else bound
    return _Quantity(kind, group, value, bound, word)


def _nearest_class(words: list[Word], at: int, end: int) -> str | None:
    """The kind of count named by the nearest word within three words of the number, not across
    a comma (`had killed twelve`, `190 were dead`)."""
    for distance in range(1, 4):
        for index, step in ((at - distance, -1), (end + distance, 1)):
            if not 0 <= index < len(words):
                continue
            between = words[min(index, at) + 1 : max(index, end)] if step > 0 else words[index + 1 : at]
            if any(w.upos == "PUNCT" or _lemma(w) in ("and", "or", "but") for w in between):
                continue
            kind = QUANTITY_CLASSES.get(_lemma(words[index]))
            if kind is not None:
                return kind
    return None


def _numbers_conflict(x: _Quantity, y: _Quantity) -> bool:
    if x.kind != y.kind or x.group != y.group:
        return False
    if "upper" in (x.bound, y.bound):
        low, high = (x, y) if x.bound == "upper" else (y, x)
        return high.bound in ("exact", "lower") and high.value > low.value
    if x.bound == "lower" and y.bound == "lower":
        return False
    if x.bound == "lower" or y.bound == "lower":
        low, other = (x, y) if x.bound == "lower" else (y, x)
        return other.bound == "exact" and other.value < low.value
    if "approx" in (x.bound, y.bound):
        return abs(x.value - y.value) > APPROX_TOLERANCE * max(x.value, y.value)
    return x.value != y.value


def _circumstances(tree: _Tree, word: Word, inside: set[tuple[int, int]]) -> _Circumstance | None:
    """A date (month with day, or weekday) or a place (`in`/`at` + proper noun) on a verb."""
    head = tree.head(word)
    if (
        head is None
        or head.upos != "VERB"
        or word.deprel not in ("obl", "obl:tmod", "nmod:tmod", "obl:npmod")
    ):
        return None
    lemma = _lemma(word)
    kids = [c for c in tree.children[word.index] if (tree.index, c.index) in inside]
    if lemma in MONTHS:
        day = next((c for c in kids if c.deprel == "nummod" and c.text.isdigit()), None)
        if day is None:
            return None
        return _Circumstance("date", _lemma(head), f"{lemma} {int(day.text)}", (word, day))
    if lemma in WEEKDAYS:
        return _Circumstance("date", _lemma(head), lemma, (word,))
    if word.upos == "PROPN" and any(c.deprel == "case" and _lemma(c) in PLACE_CASES for c in kids):
        names = [word, *(c for c in kids if c.deprel in ("compound", "flat") and c.upos == "PROPN")]
        return _Circumstance("place", _lemma(head), " ".join(sorted(_lemma(w) for w in names)), tuple(names))
    return None


def _subject_tokens(tree: _Tree, predicate: Word, claim: _Claim) -> frozenset[str]:
    for child in tree.children[predicate.index]:
        if child.deprel in SUBJECT_RELS:
            if child.upos == "PRON" and claim.statement.kind != "direct":
                # in reported speech `he said he had won` speaks of the speaker
                return _name_tokens(claim.speaker)
            return frozenset(_lemma(w) for w in _subtree(tree, child) if w.upos == "PROPN")
    return frozenset()


def _rivals(tree: _Tree, predicate: Word) -> frozenset[str]:
    """Names after `won ... against` / `over` (within a few words, however the parse attaches them)."""
    found: set[str] = set()
    words = tree.sentence.words
    for offset, word in enumerate(words[predicate.index : predicate.index + 4]):
        if _lemma(word) in ("against", "over"):
            for name in words[predicate.index + offset + 1 : predicate.index + offset + 8]:
                if name.upos == "PROPN":
                    found.add(_lemma(name))
                elif name.upos not in ("ADJ", "DET", "NOUN") and found:
                    break
            break
    for child in tree.children[predicate.index]:
        if child.deprel == "obl" and any(
            c.deprel == "case" and _lemma(c) in ("against", "over") for c in tree.children[child.index]
        ):
            found.update(_lemma(w) for w in _subtree(tree, child) if w.upos == "PROPN")
    return frozenset(found)


def _subtree(tree: _Tree, word: Word) -> list[Word]:
    found, todo = [], [word]
    while todo and len(found) <= len(tree.sentence.words):
        node = todo.pop()
        found.append(node)
        todo.extend(tree.children[node.index])
    return found


def _name_tokens(name: str) -> frozenset[str]:
    return frozenset(t.lower() for t in re.findall(r"[^\W\d_]+", name) if t[:1].isupper())


def _main_predicates(
    words: list[tuple[_Tree, Word]], inside: set[tuple[int, int]]
) -> list[tuple[_Tree, Word]]:
    found = []
    for tree, word in words:
        head = tree.head(word)
        if head is None or (tree.index, head.index) not in inside:
            found.append((tree, word))
    for tree, word in list(found):
        found += [
            (tree, c)
            for c in tree.children[word.index]
            if c.deprel == "conj" and (tree.index, c.index) in inside
        ]
    return found


def _bridge_words(article: _Article, claim: _Claim, tree: _Tree) -> list[Word]:
    """The narrator's informative words in the statement's sentence and the two before it, where a
    subject that points back (`it`, `the rules`) most likely finds what it stands for."""
    found = []
    for s_index in range(max(0, tree.index - 2), tree.index + 1):
        for word in article.parsed.sentences[s_index].words:
            if word.start >= claim.statement.content.start and s_index == tree.index:
                break
            if article.is_narrator(word) and _informative(word):
                found.append(word)
    return found


def _points_back(tree: _Tree, subject: Word) -> bool:
    lemma = _lemma(subject)
    if subject.upos == "PRON":
        return lemma in BRIDGE_PRONOUNS
    if subject.upos != "NOUN":
        return False
    kids = tree.children[subject.index]
    definite = any(c.deprel == "det" and _lemma(c) in DEFINITE_DETERMINERS for c in kids)
    specified = any(
        c.deprel in ("nmod", "nmod:poss", "compound", "acl", "acl:relcl", "appos", "nummod") for c in kids
    )
    return definite and not specified


def _informative(word: Word) -> bool:
    lemma = _lemma(word)
    return word.upos in INFORMATIVE_UPOS and lemma not in STOP_LEMMAS and any(ch.isalnum() for ch in lemma)


def _cue_polarity(article: _Article, statement: Statement) -> tuple[Word | None, bool]:
    """The cue's own negation (`did not find`) or denial verb (`denied`), which flips what an
    indirect statement reports; a quotation after `rejected` is a rebuttal, not a negated claim."""
    if statement.kind == "direct" or not statement.cue:
        return None, False
    for part in statement.cue:
        for tree, word in article.words_in(part.start, part.end):
            if word.upos not in ("VERB", "AUX") and word.deprel not in ("root",):
                continue
            if _lemma(word) in DENIAL_LEMMAS:
                return word, True
            negator = next(
                (
                    c
                    for c in tree.children[word.index]
                    if _lemma(c) in NEGATION_LEMMAS and c.deprel.startswith("advmod")
                ),
                None,
            )
            if negator is not None:
                return negator, False
    return None, False


def _cue_blocks(article: _Article, statement: Statement) -> bool:
    for part in statement.cue:
        for _, word in article.words_in(part.start, part.end):
            if word.upos == "VERB" and _lemma(word) in BELIEF_CUES:
                return True
    return False


def _build_claim(article: _Article, index: int, statement: Statement) -> _Claim | None:
    claim = _Claim(
        index=index,
        statement=statement,
        source=statement.speaker_canonical.strip().lower(),
        position=statement.content.start,
        sentence=article.sentence_at(statement.content.start),
    )
    if not claim.source:
        return None
    hedges, hedged_cue = _hedge_words(article, statement)
    if hedged_cue or _cue_blocks(article, statement):
        logger.debug("statement %d asserts nothing: hedged or belief cue", index)
        return None
    words = [
        (t, w)
        for t, w in article.words_in(statement.content.start, statement.content.end)
        if not _inside(statement.speaker, w) and not any(_inside(c, w) for c in statement.cue)
    ]
    if not words:
        return None
    inside = {(t.index, w.index) for t, w in words}
    reported = _nested_reports(words, statement) | _listeners(words)
    claim.cue_negator, claim.cue_denial = _cue_polarity(article, statement)
    flip = claim.cue_negator is not None
    memo: dict[tuple[int, int], _Status] = {}
    used_in_terms: set[tuple[int, int]] = set()

    def add(item: _Item) -> None:
        claim.items.setdefault(item.key, []).append(item)

    for tree, word in words:
        status = _status(tree, word, inside, hedges, statement, memo)
        if (tree.index, word.index) in reported:
            status = replace(status, blocked="reported")
        if status.blocked:
            claim.skipped[status.blocked] = claim.skipped.get(status.blocked, 0) + 1
            continue
        positive = status.positive != flip
        negator = status.negator or claim.cue_negator
        lemma = _lemma(word)
        unit = _name_unit(tree, word)
        for term in _terms().get(lemma, ()):
            rest = _match_term(tree, word, term, inside)
            if rest is None:
                continue
            used_in_terms.update((tree.index, w.index) for w in rest)
            if term.pole:
                scale_key = f"scale:{term.scale}"
                add(
                    _Item(
                        scale_key,
                        word,
                        positive,
                        negator,
                        term.scale,
                        term.pole,
                        rest,
                        None,
                        status.loose_predicate,
                        unit,
                        status.negation_depth,
                    )
                )
            break
        if word.upos in ("NUM", "NOUN", "ADJ") and word.text[:1].isalnum():
            quantity = _quantity(tree, word, inside)
            if quantity is not None:
                claim.quantities.append(quantity)
        circumstance = _circumstances(tree, word, inside)
        if circumstance is not None:
            claim.circumstances.append(circumstance)
        if _informative(word) and (tree.index, word.index) not in used_in_terms:
            add(
                _Item(
                    lemma,
                    word,
                    positive,
                    negator,
                    predicate=status.predicate,
                    unit=unit,
                    depth=status.negation_depth,
                )
            )
        if lemma == "win" and positive and word.upos == "VERB":
            winners = _subject_tokens(tree, word, claim)
            if winners:
                claim.winners.append((_Item(lemma, word, positive, negator), winners, _rivals(tree, word)))

    for tree, predicate in _main_predicates(words, inside):
        subjects = [c for c in tree.children[predicate.index] if c.deprel in SUBJECT_RELS]
        if not subjects and predicate.deprel == "conj":  # `China opposes X and would allow Y`
            head = tree.head(predicate)
            subjects = [
                c
                for c in (tree.children[head.index] if head else [])
                if c.deprel in SUBJECT_RELS and (tree.index, c.index) in inside
            ]
        for subject in subjects:
            claim.subjects |= _subject_keys(tree, subject, claim)
        # `finding it to be unlawful`: a pronoun whose head is the cue stands for the subject too
        subjects += [c for c in tree.children[predicate.index] if c.upos == "PRON" and c.deprel == "obj"]
        if predicate.upos == "PRON" and predicate.deprel in ("obj", *SUBJECT_RELS):
            subjects.append(predicate)
        for subject in subjects:
            if not _points_back(tree, subject) or (tree.index, subject.index) not in inside:
                continue
            infinitive = any(c.deprel == "mark" and _lemma(c) == "to" for c in tree.children[predicate.index])
            if (
                subject.upos == "PRON"
                and subject.deprel in SUBJECT_RELS
                and statement.kind != "direct"
                and not infinitive
            ):
                continue  # `Salling said it seeks ...`: in reported speech `it` is the speaker
                # (not so in `finding it to be unlawful`, where `it` is what was found)
            status = _status(tree, subject, inside, hedges, statement, memo)
            if status.blocked:
                continue
            positive = status.positive != flip
            phrase = [subject, *(c for c in tree.children[subject.index] if c.deprel in ("det", "amod"))]
            via = Span.of(article.text, min(w.start for w in phrase), max(w.end for w in phrase))
            context = _bridge_words(article, claim, tree)
            if subject.upos == "NOUN" and any(_lemma(w) == _lemma(subject) for w in context):
                continue  # `the network` after `the ABS-CBN network`: its own word already links it
            for word in context:
                lemma = _lemma(word)
                if lemma not in claim.items:
                    add(
                        _Item(
                            lemma,
                            word,
                            positive,
                            status.negator or claim.cue_negator,
                            via=via,
                            depth=status.negation_depth,
                            unit=_name_unit(article.tree(article.sentence_at(word.start)), word),
                        )
                    )
    if not claim.subjects:
        claim.subjects = _leading_noun_phrase(words)
    # `..., nobody is conducting a formal inquiry` denies of everyone wherever the parse hangs it
    for tree, word in words:
        if (
            word.deprel in SUBJECT_RELS
            and _subject_keys(tree, word, claim) == {"*"}
            and not _status(tree, word, inside, hedges, statement, memo).blocked
            and not _has_modal(tree, tree.head(word))
        ):
            claim.subjects.add("*")
    return claim


def _has_modal(tree: _Tree, predicate: Word | None) -> bool:
    """`no one could push this under the carpet` speaks of ability, not of what happened."""
    return predicate is not None and any(
        c.deprel.startswith("aux") and _lemma(c) in MODAL_AUX for c in tree.children[predicate.index]
    )


def _leading_noun_phrase(words: list[tuple[_Tree, Word]]) -> set[str]:
    """The nouns and names before the content's first verb (`the Chinese government had never
    suggested ...`), for when the parse gives its main predicate no subject."""
    found: set[str] = set()
    for _, word in words:
        if word.upos in ("VERB", "AUX"):
            return found
        if word.upos in ("NOUN", "PROPN", "ADJ") and _informative(word):
            found.add(_lemma(word))
    return set()


def _nested_reports(words: list[tuple[_Tree, Word]], statement: Statement) -> set[tuple[int, int]]:
    """Words after `<noun phrase> <reporting verb>` at the start of a clause of the content, to the
    end of that sentence: `an anonymous source described P`, `... clear. Court says P`. Read from
    word order, as a parse may attach such a verb anywhere. A pronoun reporter (`we said`) and a
    negated report (`had never suggested`) are left alone."""
    found: set[tuple[int, int]] = set()
    opener = True
    reporter: list[Word] = []
    for position, (tree, word) in enumerate(words):
        lemma = _lemma(word)
        if opener and word.upos in NESTED_REPORTER_UPOS | {"ADP"} and not _inside(statement.speaker, word):
            if word.upos != "ADP" or reporter:
                reporter.append(word)
            continue
        if opener and reporter and word.upos == "AUX" and lemma in ("have", "be"):
            continue
        if (
            opener
            and lemma in NESTED_REPORT_VERBS
            and word.upos == "VERB"
            and any(r.upos in ("NOUN", "PROPN") for r in reporter)
        ):
            found.update((t.index, w.index) for t, w in words[position:] if t.index == tree.index)
        opener = lemma in CLAUSE_OPENERS or (position + 1 < len(words) and words[position + 1][0] is not tree)
        reporter = []
    return found


def _listeners(words: list[tuple[_Tree, Word]]) -> set[tuple[int, int]]:
    """The listeners of a `tell`-like verb inside the content (`he has told people involved in the
    sale of TikTok that P`) and what they were told to do: neither is a claim, only P is."""
    found: set[tuple[int, int]] = set()
    for tree, word in words:
        if word.upos == "VERB" and _lemma(word) in attribution.RECIPIENT_LEMMAS:
            for listener in tree.children[word.index]:
                if listener.deprel in ("obj", "iobj", "xcomp"):
                    found.update((tree.index, w.index) for w in _subtree(tree, listener))
    return found


def _name_unit(tree: _Tree, word: Word) -> tuple[int, int]:
    """(sentence, index) of the head of the name a proper noun belongs to, else of the word."""
    node = word
    for _ in range(len(tree.sentence.words)):
        head = tree.head(node)
        if node.upos != "PROPN" or node.deprel not in ("flat", "compound", "flat:name") or head is None:
            break
        if head.upos != "PROPN":
            break
        node = head
    return (tree.index, node.index)


def _subject_keys(tree: _Tree, subject: Word, claim: _Claim) -> set[str]:
    """Lower-cased words naming a main subject; a pronoun in reported speech names the speaker and
    `nobody`, `nothing`, `no one` are the universal `*`."""
    lemma = _lemma(subject)
    # `nobody is conducting an inquiry` denies it of everyone; `nothing is better` is no such claim
    if lemma in UNIVERSAL_NEGATIVE_SUBJECTS or (
        lemma == "one" and any(c.deprel == "det" and _lemma(c) == "no" for c in tree.children[subject.index])
    ):
        return {"*"}
    if subject.upos == "PRON":
        if lemma in ("i", "we") or claim.statement.kind != "direct":
            return set(_name_tokens(claim.speaker)) | {w.lower() for w in claim.speaker.split()}
        return set()
    found = {lemma}
    for child in tree.children[subject.index]:
        if child.deprel in ("compound", "flat", "amod", "nmod:poss") and child.upos in (
            "PROPN",
            "ADJ",
            "NOUN",
        ):
            found.add(_lemma(child))
    return found


def _same_referent(x: str, y: str) -> bool:
    if x == y:
        return True
    short, long = sorted((x, y), key=len)
    if len(short) < 4 or not long.endswith(DEMONYM_SUFFIXES):
        return False
    stem = short.rstrip("aey")  # China -> chin, Turkey -> turk, Russia -> russi
    return len(stem) >= 4 and long.startswith(stem)


def _subjects_match(a: _Claim, b: _Claim) -> bool:
    if "*" in a.subjects or "*" in b.subjects:
        return bool(a.subjects and b.subjects)
    return any(_same_referent(x, y) for x in a.subjects for y in b.subjects)


# ---------------------------------------------------------------------------------------- rules


@dataclass(slots=True)
class _Finding:
    rule: str
    score: float
    why: str
    evidence: list[tuple[str, Span]]


def _quote(text: str, words: Iterable[Word]) -> str:
    words = list(words)
    return text[min(w.start for w in words) : max(w.end for w in words)]


def _topic(a: _Claim, b: _Claim, exclude: Iterable[str] = ()) -> list[tuple[_Item, _Item]]:
    """Shared topic words: one (item in a, item in b) per shared key, own words before bridged ones."""
    excluded = set(exclude)
    found = []
    for key in a.items.keys() & b.items.keys() - excluded:
        x = min(a.items[key], key=lambda i: i.bridged)
        y = min(b.items[key], key=lambda i: i.bridged)
        found.append((x, y))
    return sorted(found, key=lambda p: (p[0].bridged or p[1].bridged, p[0].word.start))


def _weight(pairs: list[tuple[_Item, _Item]]) -> float:
    """Shared evidence, each name counted once and a bridged word at `BRIDGE_WEIGHT`."""
    units: dict[tuple[tuple[int, int], tuple[int, int]], float] = {}
    for x, y in pairs:
        key = (x.unit, y.unit)
        units[key] = max(units.get(key, 0.0), min(x.weight, y.weight))
    return sum(units.values())


def _names(pairs: list[tuple[_Item, _Item]], text: str) -> str:
    return ", ".join(dict.fromkeys(x.span(text).text for x, _ in pairs))


def _shared_evidence(pairs: list[tuple[_Item, _Item]], text: str, limit: int = 4) -> list[tuple[str, Span]]:
    evidence = []
    for x, y in pairs[:limit]:
        evidence.append(("context" if x.bridged else "shared", x.span(text)))
        evidence.append(("context" if y.bridged else "shared", y.span(text)))
    return evidence


def _polarity_words(item: _Item, text: str) -> str:
    phrase = item.span(text).text
    if item.positive:
        return f"'{phrase}'"
    negator = item.negator.text if item.negator is not None else "not"
    return f"'{phrase}' under '{negator}'"


def _rule_opposed_predicates(a: _Claim, b: _Claim, text: str, rebuttal: Word | None) -> _Finding | None:
    """One predicate (or scale) on both sides with opposite effective poles, about a shared topic:
    `had defeated ISIS` / `ISIS is not defeated`; `legal` / `unlawful`."""
    best: _Finding | None = None
    for key in a.items.keys() & b.items.keys():
        xs = [i for i in a.items[key] if i.is_predicate and not i.bridged]
        ys = [i for i in b.items[key] if i.is_predicate and not i.bridged]
        pair = next(((x, y) for x in xs for y in ys if x.effective_pole != y.effective_pole), None)
        if pair is None:
            continue
        x, y = pair
        scale = x.scale
        vocabulary = _scale_vocabulary().get(scale, frozenset()) if scale else frozenset()
        topic = _topic(a, b, exclude={key, *vocabulary})
        if _weight(topic) < BRIDGE_WEIGHT and rebuttal is None:
            continue
        antonyms = x.pole != 0 and x.pole != y.pole
        rule = "antonyms" if antonyms else "negation_flip"
        score = 0.75 + 0.05 * max(0, min(2, len(topic) - 1))
        about = _names(topic, text) or "the same event"
        why = (
            f"{rule}: {_polarity_words(x, text)} ({a.speaker}) against {_polarity_words(y, text)} "
            f"({b.speaker}){f', opposite ends of {scale!r}' if antonyms else ''}, about {about}"
        )
        evidence = [("predicate", x.span(text)), ("predicate", y.span(text))]
        evidence += [
            ("negation", s) for i in (x, y) if not i.positive and (s := i.negator_span(text)) is not None
        ]
        evidence += _shared_evidence(topic, text)
        finding = _Finding(rule, score, why, evidence)
        if best is None or finding.score > best.score:
            best = finding
    return best


def _nominal(word: Word) -> bool:
    return word.upos in ("NOUN", "PROPN", "NUM", "PRON", "X")


def _rule_assertion_denial(a: _Claim, b: _Claim, text: str, rebuttal: Word | None) -> _Finding | None:
    """Topic words one side asserts and the other denies. Shared words alone are weak (two
    statements about TikTok in the US need not be about one claim), so it also takes one of: the
    same main subject (`China opposes ...` / `the Chinese government never suggested ...`; `nobody`
    is everyone), a rebuttal cue between them, or a subject that points back to the narrator's
    description of what the other side speaks about (`the rules` / the export list revision)."""
    opposed = []
    for key in a.items.keys() & b.items.keys():
        # one word as a noun on one side and an adjective on the other (`the right to live`,
        # `no one is right`) is two concepts
        pair = next(
            (
                (x, y)
                for x in a.items[key]
                for y in b.items[key]
                if x.positive != y.positive and _nominal(x.word) == _nominal(y.word)
            ),
            None,
        )
        if pair is not None:
            opposed.append(pair)
    if not opposed:
        return None
    # the side that denies is the one whose opposed words are mostly negated
    negated_on_a = sum(1 for x, _ in opposed if not x.positive)
    denier_is_a = negated_on_a * 2 >= len(opposed)
    opposed = [(x, y) for x, y in opposed if (not x.positive) == denier_is_a]
    opposed.sort(key=lambda p: (p[0].bridged or p[1].bridged, p[0].word.start))
    if not any(p[0].word.upos in ("NOUN", "PROPN", "NUM") for p in opposed):
        return None
    # what is denied must sit close to the negation (`never suggested ... TikTok`, `no trace of
    # explosives`), not deep in a phrase that merely mentions it
    if not any((x if denier_is_a else y).depth <= MAX_DENIAL_DEPTH for x, y in opposed):
        return None
    subjects = a.subjects | b.subjects
    own = [(x, y) for x, y in opposed if not x.bridged and not y.bridged]
    beyond_subject = [(x, y) for x, y in own if not any(_same_referent(x.key, k) for k in subjects)]
    # a pronoun may stand for anything the article just said; a definite noun with no earlier
    # mention (`the rules`) points back more precisely
    bridged = [
        (x, y)
        for x, y in opposed
        if x.bridged != y.bridged and (x.via or y.via).text.lower() not in BRIDGE_PRONOUNS
    ]
    if _subjects_match(a, b) and _weight(beyond_subject) >= 1:
        basis, score = "same subject", 0.6
    elif rebuttal is not None and _weight(own) >= 1:
        basis, score = "rebuttal", 0.5
    elif len({(x.unit, y.unit) for x, y in bridged}) >= 3:
        basis, score = "context", 0.55
    else:
        return None
    score += 0.05 * min(2, len(opposed) - 1)
    denier, asserter = (a, b) if denier_is_a else (b, a)
    denied = [x if denier_is_a else y for x, y in opposed]
    negator = next((i.negator for i in denied if i.negator is not None), None)
    how = f"'{negator.text}'" if negator is not None else "a negation"
    if denier.cue_denial:
        how = f"the cue '{denier.statement.cue_text}'"
    why = (
        f"assertion_vs_denial: asserted by {asserter.speaker}, denied by {denier.speaker} with {how}, "
        f"about {_names(opposed, text)}"
    )
    if basis == "same subject":
        why += " (same subject)"
    if basis == "context":
        context = [x if x.bridged else y for x, y in bridged]
        subject = next(i.via for i in context if i.via is not None)
        why += f" ('{subject.text}' read through the narrator's words just before it: " + (
            ", ".join(dict.fromkeys(i.word.text for i in context)) + ")"
        )
    evidence = []
    if negator is not None:
        label = "denial cue" if negator.upos == "VERB" else "negation"
        evidence.append((label, Span.of(text, negator.start, negator.end)))
    evidence += _shared_evidence(opposed, text)
    return _Finding("assertion_vs_denial", score, why, evidence)


def _rule_numbers(a: _Claim, b: _Claim, text: str) -> _Finding | None:
    for x in a.quantities:
        for y in b.quantities:
            if _numbers_conflict(x, y):
                what = x.kind + (f" ({x.group})" if x.group else "")
                why = (
                    f"conflicting_numbers: {_format_count(x)} ({a.speaker}) against {_format_count(y)} "
                    f"({b.speaker}) for the number {what}"
                )
                evidence = [
                    ("number", Span.of(text, x.word.start, x.word.end)),
                    ("number", Span.of(text, y.word.start, y.word.end)),
                ]
                return _Finding("conflicting_numbers", 0.75, why, evidence)
    return None


def _format_count(q: _Quantity) -> str:
    value = f"{q.value:g}"
    return {"lower": f"at least {value}", "upper": f"at most {value}", "approx": f"about {value}"}.get(
        q.bound, value
    )


def _rule_circumstances(a: _Claim, b: _Claim, text: str) -> _Finding | None:
    for x in a.circumstances:
        for y in b.circumstances:
            if x.kind != y.kind or x.predicate != y.predicate or x.value == y.value:
                continue
            topic = _topic(a, b, exclude={x.predicate, *(_lemma(w) for w in x.words + y.words)})
            if _weight(topic) < 1:
                continue
            if x.kind == "date" and (" " in x.value) != (" " in y.value):
                continue  # a weekday against a calendar date may be the same day
            # Places nest (a city in a country) and no gazetteer says which, so a place conflict
            # counts only when the article sets the two statements against each other.
            score = 0.7 if x.kind == "date" else 0.4
            rule = f"conflicting_{x.kind}s"
            why = (
                f"{rule}: '{x.predicate}' {'on' if x.kind == 'date' else 'in'} '{_quote(text, x.words)}' "
                f"({a.speaker}) against '{_quote(text, y.words)}' ({b.speaker}), about {_names(topic, text)}"
            )
            evidence = [
                (x.kind, Span.of(text, min(w.start for w in x.words), max(w.end for w in x.words))),
                (y.kind, Span.of(text, min(w.start for w in y.words), max(w.end for w in y.words))),
                *_shared_evidence(topic, text, 2),
            ]
            return _Finding(rule, score, why, evidence)
    return None


def _rule_rival_outcome(a: _Claim, b: _Claim, text: str) -> _Finding | None:
    """`Biden won against Trump` against `Trump won`: one contest, two winners."""
    for x, winners_x, rivals_x in a.winners:
        for y, winners_y, rivals_y in b.winners:
            if winners_x & rivals_y or winners_y & rivals_x:
                why = (
                    f"rival_outcome: '{_quote(text, [x.word])}' by {' '.join(sorted(winners_x)).title()} "
                    f"({a.speaker}) against '{_quote(text, [y.word])}' by {' '.join(sorted(winners_y)).title()} "
                    f"({b.speaker}): one contest, each names the other's loser as winner"
                )
                evidence = [("predicate", x.span(text)), ("predicate", y.span(text))]
                return _Finding("rival_outcome", 0.75, why, evidence)
    return None


# ---------------------------------------------------------------------------------------- pairs


def _rebuttal_between(article: _Article, a: _Claim, b: _Claim) -> Word | None:
    """A contrast or rebuttal word in the text between two statements of one or two adjacent
    sentences (`X says P despite Y saying Q`; `X denied P, however Y concluded Q`)."""
    first, second = (a, b) if a.position <= b.position else (b, a)
    if second.sentence - first.sentence > 1:
        return None
    start, end = first.statement.content.end, second.statement.content.start
    if end <= start:
        return None
    for _, word in article.words_in(start, end):
        if _lemma(word) in REBUTTAL_LEMMAS and word.upos in ("ADV", "SCONJ", "CCONJ", "ADP", "VERB", "ADJ"):
            return word
    return None


def _compare(article: _Article, a: _Claim, b: _Claim) -> _Finding | None:
    text = article.text
    rebuttal = _rebuttal_between(article, a, b)
    findings = [
        _rule_opposed_predicates(a, b, text, rebuttal),
        _rule_assertion_denial(a, b, text, rebuttal),
        _rule_numbers(a, b, text),
        _rule_circumstances(a, b, text),
        _rule_rival_outcome(a, b, text),
    ]
    found = [f for f in findings if f is not None]
    if not found:
        return None
    best = max(found, key=lambda f: f.score)
    if rebuttal is not None:
        best.score += 0.15
        best.why += f"; the article sets them against each other with '{rebuttal.text}'"
        best.evidence.append(("rebuttal", Span.of(text, rebuttal.start, rebuttal.end)))
    best.score = round(min(1.0, max(0.0, best.score)), 3)
    return best


def _candidate_pairs(claims: list[_Claim]) -> set[tuple[int, int]]:
    index: dict[str, list[int]] = defaultdict(list)
    for position, claim in enumerate(claims):
        keys = set(claim.items)
        keys.update(f"qty:{q.kind}" for q in claim.quantities)
        keys.update(f"win:{t}" for _, winners, rivals in claim.winners for t in winners | rivals)
        for key in keys:
            index[key].append(position)
    cap = max(MIN_KEY_DF_CAP, int(len(claims) ** 0.5) * 2)
    pairs: set[tuple[int, int]] = set()
    for key, members in index.items():
        if len(members) > cap:
            logger.debug("key %r in %d claims: too common to pair by", key, len(members))
            continue
        for i, first in enumerate(members):
            for second in members[i + 1 :]:
                if claims[first].source != claims[second].source:
                    pairs.add((first, second))
    return pairs


def find_contradictions(parsed: ParsedText, statements: list[Statement]) -> list[Contradiction]:
    """Every pair of statements by different sources that the rules find cannot both be true."""
    if len(statements) < 2 or not parsed.sentences:
        return []
    article = _Article(parsed, statements)
    claims = [c for i, s in enumerate(statements) if (c := _build_claim(article, i, s)) is not None]
    found = []
    for first, second in sorted(_candidate_pairs(claims)):
        a, b = sorted((claims[first], claims[second]), key=lambda c: c.index)
        finding = _compare(article, a, b)
        if finding is None or finding.score < THRESHOLD:
            continue
        evidence = tuple(dict.fromkeys((label, span) for label, span in finding.evidence))
        found.append(Contradiction(a.index, b.index, finding.score, finding.why, evidence))
    found.sort(key=lambda c: (c.a, c.b))
    logger.debug("%d statements, %d claims, %d contradictions", len(statements), len(claims), len(found))
    return found
