"""Attribution: find every attributed statement in a parsed article.

In: `ParsedText` (from `nlp`). Out: `Statement`s with content, cue and speaker-mention spans and a
kind (direct, indirect, mixed, according_to), following ../shared/ANNOTATION-GUIDE.md.

How: a reporting cue (a verb from lexicons/reporting_verbs.tsv, `according to`, `X quoted Y as
saying`) with an identifiable subject and a propositional complement (a clause, a gerund, a
predicative small clause or a quotation) makes a statement. The complement comes from the parse:
`ccomp` (`X said (that) P`), `parataxis` (`P, X said` and `X said: P`), a gerund `xcomp`
(`denied taking`), or `obj` + `xcomp` (`called the plan a waste`). Quotations come from `quotes`.
A quotation with no cue of its own inherits the preceding statement's speaker (`cue` empty).
What is not a statement stays out: noun-phrase objects, infinitive complements, agentless
passives, cues inside a quotation, and nested cues under negation, modality or the same speaker.
"""

from __future__ import annotations

import bisect
import itertools
import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

from analyzer import lexicons
from analyzer.nlp import ParsedText, Sentence, Word
from analyzer.quotes import DOUBLE_CLOSE, DOUBLE_OPEN, QUOTE_CHARS, Quotation, find_quotations
from analyzer.records import Span, Statement

logger = logging.getLogger(__name__)

SUBJECT_RELS = ("nsubj", "nsubj:outer")
CLAUSE_RELS = ("ccomp",)
LEADING_CONNECTIVES = frozenset(
    [
        "but",
        "however",
        "and",
        "yet",
        "still",
        "also",
        "meanwhile",
        "moreover",
        "furthermore",
        "instead",
        "nevertheless",
        "so",
        "then",
    ]
)
AUTHORING_PARTICIPLES = frozenset(
    ["release", "issue", "write", "publish", "sign", "post", "send", "make", "deliver", "author", "file"]
)
SPEAKER_DROP_RELS = frozenset({"acl:relcl", "parataxis", "punct", "dep", "advcl"})
PERSONAL_PRONOUNS = frozenset(["he", "she", "it", "they", "we", "i", "you"])
HYPOTHETICAL_AUX = frozenset(["might", "may", "could", "would", "will", "should", "shall", "can", "must"])
PLANNING_LEMMAS = frozenset(
    ["plan", "intend", "want", "expect", "hope", "aim", "prepare", "seek", "try", "threaten"]
)
# `pledged converting Hagia Sophia to a mosque`: a gerund after a commitment is a plan, no statement
# (corpora/ANNOTATION-DECISIONS.md, non-statements)
COMMITMENT_LEMMAS = frozenset(["pledge", "promise", "vow", "threaten", "offer", "propose", "plan"])
# `insists that the budget include funding`: a subjunctive clause after these is a demand
MANDATIVE_LEMMAS = frozenset(
    ["insist", "demand", "urge", "ask", "request", "require", "recommend", "propose"]
)
# `Estimates suggest ...`, `reports describe ...`: bare plural nouns that identify no source
UNIDENTIFIED_SPEAKERS = frozenset(["estimate", "report", "rumor", "rumour", "figure", "speculation"])
SMALL_CLAUSE_LEMMAS = frozenset(
    [
        "call",
        "describe",
        "label",
        "brand",
        "term",
        "dub",
        "characterize",
        "characterise",
        "find",
        "declare",
        "rule",
    ]
)
TRAILING_PUNCT = ",;:—–-"


@dataclass(frozen=True, slots=True)
class _Cue:
    sentence: Sentence
    word: Word  # the reporting verb (or `according`)
    speaker_head: Word
    parts: tuple[Span, ...]
    content_start: int
    content_end: int
    kind_hint: str  # "according_to" or "" (decided from quotes later)
    speaker_words: tuple[Word, ...] = ()  # set when the speaker came from the surface, not the parse


class _Tree:
    """Children and subtree offsets of one sentence's dependency tree."""

    def __init__(self, sentence: Sentence):
        self.sentence = sentence
        self.children: dict[int, list[Word]] = {}
        for word in sentence.words:
            self.children.setdefault(word.head, []).append(word)

    def kids(self, word: Word, *rels: str) -> list[Word]:
        found = self.children.get(word.index, [])
        if not rels:
            return found
        return [w for w in found if w.deprel in rels or w.deprel.split(":")[0] in rels]

    def subtree(self, word: Word, exclude: set[int] | None = None) -> list[Word]:
        exclude = exclude or set()
        out, stack = [], [word]
        while stack:
            node = stack.pop()
            if node.index in exclude:
                continue
            out.append(node)
            stack.extend(self.children.get(node.index, []))
        return sorted(out, key=lambda w: w.index)

    def head_of(self, word: Word) -> Word | None:
        return self.sentence.word(word.head)

    def ancestors(self, word: Word) -> Iterator[Word]:
        seen = set()
        node = self.head_of(word)
        while node is not None and node.index not in seen:
            seen.add(node.index)
            yield node
            node = self.head_of(node)


def _reporting_lemmas() -> dict[str, tuple[str, ...]]:
    return lexicons.table("reporting_verbs")


def _is_cue_verb(word: Word) -> bool:
    return word.upos in ("VERB", "AUX") and word.lemma.lower() in _reporting_lemmas() and word.upos != "AUX"


_MONTHS = frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august", "september"}
    | {"october", "november", "december"}
)
_FRONTED_ADJUNCT_WORDS = (
    frozenset({"late", "early", "namely", "meanwhile", "however", "also", "then", "now", "separately"})
    | {"afternoon"}
    | _MONTHS
)


def _dated_noun(sentence: Sentence, phrase: list[Word]) -> list[Word]:
    """`According to a March 14, 2019 NATO press release`: a phrase that ends at the day of a date
    followed by `, <year>` was cut at the date's own comma (the parse may even hang the noun
    on the verb); the date modifies the noun phrase after the year, which the phrase takes up to
    its last noun."""
    day, month = phrase[-1], sentence.word(phrase[-1].index - 1)
    if day.upos != "NUM" or month is None or month.text.lower().rstrip(".") not in _MONTHS:
        return phrase
    comma, year = sentence.word(day.index + 1), sentence.word(day.index + 2)
    if comma is None or comma.text != "," or year is None or not re.fullmatch(r"\d{4}", year.text):
        return phrase
    rest = [w for w in sentence.words if w.index > year.index]
    run = list(itertools.takewhile(lambda w: w.upos in ("NOUN", "PROPN", "ADJ", "NUM"), rest))
    while run and run[-1].upos not in ("NOUN", "PROPN"):
        run.pop()
    return [*phrase, comma, year, *run] if run else phrase


def _bracketed_abbreviation(sentence: Sentence, word: Word) -> bool:
    """`(` opening a bracketed abbreviation (`the Syrian Democratic Forces (SDF)`, `Member of
    Parliament (MP) Yvette Cooper`), which the speaker phrase keeps (decisions: speakers)."""
    abbreviation, closer = sentence.word(word.index + 1), sentence.word(word.index + 2)
    return (
        word.text == "("
        and abbreviation is not None
        and closer is not None
        and closer.text == ")"
        and re.fullmatch(r"[A-Z][A-Z&.-]{1,7}", abbreviation.text) is not None
    )


def _fronted_adjunct_speaker(tree: _Tree, head: Word) -> list[Word] | None:
    """`Yesterday afternoon, Nancy Pelosi, the Speaker of the House, announced`, `Late on Sunday,
    the US President Donald Trump, in a statement, announced`, `Namely, President Erdogan said`: the
    parse took the fronted time phrase or connective for the subject and hung the real speaker on
    it. The speaker is the noun phrase after the comma, up to the next comma."""
    full = tree.subtree(head)
    if full[0].index != 1:
        return None
    k = 0
    while k < len(full) and (
        full[k].text.lower() in TIME_WORDS | _TIME_NOUNS | _FRONTED_ADJUNCT_WORDS
        or full[k].upos in ("ADP", "NUM")
    ):
        k += 1
    if k == 0 or k + 1 >= len(full) or full[k].text != ",":
        return None
    speaker: list[Word] = []
    abbreviation = set()
    for word in full[k + 1 :]:
        # `United` in a name is no verb, nor is a participle modifying the noun (`the Kurdish-led
        # Syrian Democratic Forces`)
        verb = word.upos in ("VERB", "AUX") and word.xpos not in ("NNP", "NNPS") and word.deprel != "amod"
        if _bracketed_abbreviation(tree.sentence, word):
            abbreviation = {word.index, word.index + 1, word.index + 2}
        opens = word.text in ",;:(—–" and word.index not in abbreviation
        if opens or verb or word.index != full[k].index + 1 + len(speaker):
            break
        speaker.append(word)
    return speaker if any(w.upos in ("NOUN", "PROPN") for w in speaker) else None


def _speaker_words(tree: _Tree, head: Word) -> list[Word]:
    """The speaker noun phrase: the subject's subtree without relative clauses, appositive glosses
    and anything after a comma that follows the head (guide rule 12)."""
    fronted = _fronted_adjunct_speaker(tree, head)
    if fronted:
        return fronted
    if tree.kids(head, "case"):
        # `Trump, also on Twitter, defended`: a prepositional phrase is no subject; the parse made
        # it the head and hung the name before the comma on it
        full = tree.subtree(head)
        comma = next((k for k, w in enumerate(full) if w.text == ","), None)
        if (
            comma
            and full[comma].index < head.index
            and any(w.upos in ("NOUN", "PROPN") for w in full[:comma])
        ):
            return full[:comma]
    exclude = {w.index for w in tree.kids(head) if w.deprel in SPEAKER_DROP_RELS}
    # `A leaked internal letter seen by Sky News`: a participle with an agent after the head is a
    # gloss on it, unless it names the author (`a statement released by Erdogan's office`)
    exclude |= {
        w.index
        for w in tree.kids(head, "acl")
        if w.index > head.index
        and w.xpos == "VBN"
        and w.lemma.lower() not in AUTHORING_PARTICIPLES
        and tree.kids(w, "obl:agent")
    }
    abbreviations = {
        w.index + k
        for w in tree.sentence.words
        if _bracketed_abbreviation(tree.sentence, w)
        for k in range(3)
    }
    for appos in tree.kids(head, "appos"):
        # keep a name in apposition to a title (`spokesman Zhao Lijian`, `a spokesman, Zhao`) and
        # a bracketed abbreviation (`the Syrian Democratic Forces (SDF)`)
        name_after_title = head.upos != "PROPN" and appos.upos == "PROPN" and appos.index == head.index + 1
        if not name_after_title and appos.index not in abbreviations:
            exclude.add(appos.index)
    words = tree.subtree(head, exclude)
    kept = {w.index for w in words}

    def apposed_name(comma: Word) -> bool:
        """A name set off after a descriptive head stays (`One news site, Znak.com`; decisions:
        speakers)."""
        after = tree.sentence.word(comma.index + 1)
        return head.upos == "NOUN" and after is not None and after.upos == "PROPN"

    # cut at a comma after the head, also one the parse hung on the head itself, which the
    # subtree left out (`According to PG&E's schedule, by noon today over half a million ...`),
    # and at a quotation mark (`he was told by Emergencies Minister Yevgeny Zinichev of
    # "presumably between 36 and 40 people ..."`, the quotation hung on the name)
    breaks = [
        w.index
        for w in tree.sentence.words
        if w.index > head.index
        and w.upos == "PUNCT"
        and (w.text in ",;:(—–" or w.text in QUOTE_CHARS)
        and w.index not in abbreviations
        and (w.index in kept or not apposed_name(w))
    ]
    trimmed = [w for w in words if not breaks or w.index < breaks[0]]
    # a leading preposition belongs to the cue (`according to X`, `by X`), not the speaker
    while trimmed and (
        trimmed[0].upos in ("PUNCT", "SCONJ")
        or (trimmed[0].deprel == "case" and trimmed[0].head == head.index)
        or (trimmed[0].upos == "ADP" and trimmed[0].index < head.index)  # `With Zinichev describing`
    ):
        trimmed.pop(0)
    while trimmed and (
        (trimmed[-1].upos == "PUNCT" and trimmed[-1].text not in ")")
        or (trimmed[-1].upos in ("ADP", "CCONJ") and trimmed[-1].index > head.index)
    ):
        trimmed.pop()  # nor a preposition left before a cut (`Zinichev of`)
    # a time phrase the parse hung on the subject (`This Thursday the United States Commission on
    # International Religious Freedom (USCIRF) also criticized`)
    lead = 1 if len(trimmed) > 2 and trimmed[0].upos == "DET" else 0
    if (
        len(trimmed) > lead + 1
        and trimmed[lead].text.lower() in TIME_WORDS | _TIME_NOUNS
        and trimmed[lead + 1].upos == "DET"
    ):
        trimmed = trimmed[lead + 1 :]
    # a name the parse attached elsewhere (`Fars` as a vocative of `said` in `Fars News said`)
    while trimmed and trimmed[0].index > 1:
        previous = tree.sentence.words[trimmed[0].index - 2]
        if previous.upos != "PROPN" or trimmed[0].upos != "PROPN":
            break
        trimmed.insert(0, previous)
    if trimmed:
        trimmed = _dated_noun(tree.sentence, trimmed)
    # a partitive the parse cut off (`Two` + `of the sources` attached to the verb)
    if len(trimmed) == 1 and trimmed[0].upos in ("NUM", "PRON"):
        rest = [w for w in tree.sentence.words if w.index > trimmed[0].index][:4]
        if rest and rest[0].text.lower() == "of" and len(rest) > 2 and rest[1].upos == "DET":
            noun = next((w for w in rest[2:] if w.upos in ("NOUN", "PROPN")), None)
            if noun is not None:
                trimmed = trimmed + [w for w in rest if w.index <= noun.index]
    return trimmed or [head]


def _with_subject(tree: _Tree, verb: Word) -> Word | None:
    """`Germany banned Mahan Air, with officials saying P`, `Search and rescue was suspended, with
    Zinichev describing P`: the noun phrase between `with` and a participle is the participle's
    subject, not the main clause's subject. The parse makes it an oblique of the participle or
    hangs it elsewhere; by word order it is the nominal run right before the participle."""
    if verb.xpos != "VBG" or tree.kids(verb, *SUBJECT_RELS):
        return None
    for oblique in tree.kids(verb, "obl"):
        if oblique.index < verb.index and any(c.lemma == "with" for c in tree.kids(oblique, "case")):
            return oblique
    before = [w for w in tree.sentence.words if w.index < verb.index]
    run = list(
        itertools.takewhile(lambda w: w.upos in ("NOUN", "PROPN", "ADJ", "DET", "NUM"), reversed(before))
    )
    if not run or run[0].upos not in ("NOUN", "PROPN") or len(run) == len(before):
        return None
    opener = before[-len(run) - 1]
    return run[0] if opener.lemma.lower() == "with" else None


def _find_subject(tree: _Tree, verb: Word) -> Word | None:
    """The speaker head for a cue verb, following conjunctions and participles up when the verb
    has no subject of its own (`said P and added Q`, `..., saying P`)."""
    with_subject = _with_subject(tree, verb)
    if with_subject is not None:
        return with_subject
    node: Word | None = verb
    for _ in range(3):
        if node is None:
            return None
        # a time phrase the parse took for the subject is none (`the United States Commission
        # ... also criticized the move, this time not only implying approval would be required`)
        subjects = [
            s
            for s in tree.kids(node, *SUBJECT_RELS)
            if not (
                s.upos in ("NOUN", "PROPN")
                and s.lemma.lower() in _TIME_NOUNS
                and all(k.upos == "DET" for k in tree.kids(s))
            )
        ]
        passive_agents = [
            w
            for w in tree.kids(node, "obl:agent") or []
            if any(c.lemma == "by" for c in tree.kids(w, "case"))
        ]
        if (
            subjects
            and passive_agents
            and subjects[0].deprel == "nsubj:pass"
            and node.lemma not in ("quote", "cite")
        ):
            # `he was told by Emergencies Minister Yevgeny Zinichev of "..."`: the agent speaks,
            # the passive subject listens (but `X was quoted by Y as saying P` is X's, rule 14)
            return passive_agents[0]
        if subjects:
            subject = subjects[0]
            if subject.feats and "PronType=Rel" in subject.feats:
                # `X, who said P`: the speaker is what the relative clause modifies
                return tree.head_of(node) if node.deprel == "acl:relcl" else None
            return subject
        if passive_agents:
            return passive_agents[0]
        if tree.kids(node, "nsubj:pass"):
            return None  # agentless passive: `is said to be`
        if node.xpos == "VBN" and node.deprel in ("advcl", "acl") and not tree.kids(node, "aux"):
            return None  # a passive participle: `The law, also known as the "Radio Control Law"`
        participle = node.xpos == "VBG" and node.deprel in ("acl", "parataxis")
        # `"...," she said, asking Cengiz to be "patient"`: a participle after a comma that the
        # parse made the cue's complement is still the cue's speaker's
        comma_before = tree.sentence.word(node.index - 1)
        participle = participle or (
            node.xpos == "VBG"
            and node.deprel == "ccomp"
            and comma_before is not None
            and comma_before.text == ","
        )
        if node.deprel in ("conj", "advcl", "xcomp") or participle:
            if node.deprel == "acl":
                return tree.head_of(node)
            head = tree.head_of(node)
            previous = tree.sentence.word(node.index - 1)
            if (
                head is not None
                and head.deprel == "acl:relcl"
                and node.deprel == "advcl"
                and node.xpos == "VBG"
                and previous is not None
                and previous.text == ","
            ):
                # `the Court of Session issued an opinion on the suspension of the Parliament
                # which went into effect on Tuesday, finding it to be unlawful`: a participle
                # clause set off by a comma belongs to the main clause, not to a relative clause
                # the parse hung it on
                head = next((a for a in tree.ancestors(head) if a.upos in ("VERB", "AUX")), None)
            outer = tree.head_of(head) if head is not None else None
            if (
                _trailing_participle_cue(tree, node)
                and head is not None
                and head.deprel == "ccomp"
                and _is_cue_verb(outer)
            ):
                # `Murphy claimed she made this decision ..., insisting she was ...`: a participle
                # the parse hung on the reported clause is the speaker's own
                node = outer
                continue
            node = head
            continue
        return None
    return None


def _is_suppressed(tree: _Tree, verb: Word) -> bool:
    """Negated, hypothetical or planned cues (`never suggested`, `might tell`, `planned to argue`)."""
    if any(w.lemma in ("not", "never", "no") for w in tree.kids(verb, "advmod")):
        return True
    if any(w.lemma.lower() in HYPOTHETICAL_AUX for w in tree.kids(verb, "aux")):
        return True
    head = tree.head_of(verb)
    return bool(verb.deprel == "xcomp" and head is not None and head.lemma in PLANNING_LEMMAS)


def _is_passive(tree: _Tree, verb: Word) -> bool:
    if tree.kids(verb, "aux:pass", "nsubj:pass"):
        return True
    previous = tree.sentence.word(verb.index - 1)
    return verb.xpos == "VBN" and previous is not None and previous.lemma in ("be", "become", "get")


def _is_negated(tree: _Tree, verb: Word) -> bool:
    """`did not immediately answer`: a negated cue reports no content by word order alone."""
    return any(w.lemma.lower() in ("not", "never", "n't") for w in tree.kids(verb, "advmod"))


def _span(words: list[Word]) -> tuple[int, int]:
    return words[0].start, words[-1].end


def _cue_parts(tree: _Tree, verb: Word, text: str) -> tuple[Span, ...]:
    """The cue verb with the auxiliaries right before it (`has said`, `has reported`)."""
    start = verb.start
    auxes = sorted(tree.kids(verb, "aux"), key=lambda w: -w.index)
    expected = verb.index - 1
    for aux in auxes:
        if aux.index == expected and aux.lemma.lower() not in HYPOTHETICAL_AUX - {"will"}:
            start = aux.start
            expected -= 1
        else:
            break
    return (Span.of(text, start, verb.end),)


def _content_from_words(words: list[Word]) -> tuple[int, int] | None:
    # drop the complementizer and leading connectives (`that`, `But`, `However,`)
    while words and (
        # `whether` and `if` stay: they open an indirect question, which `_proposition` turns away
        (words[0].deprel == "mark" and words[0].lemma.lower() == "that")
        or (words[0].lemma.lower() in LEADING_CONNECTIVES and words[0].deprel in ("cc", "advmod"))
        or (words[0].upos == "PUNCT" and words[0].text not in QUOTE_CHARS)
    ):
        words = words[1:]
    if not words:
        return None
    return _span(words)


def _clause_without(tree: _Tree, clause_head: Word, inner: Word) -> tuple[int, int] | None:
    """Content of `P, X said` / `According to X, P`: the clause minus the attribution part.

    When the attribution sits in the middle of the clause (guide rule 10), the whole clause is the
    content, attribution included."""
    full = tree.subtree(clause_head)
    cut = {w.index for w in tree.subtree(inner)}
    before = [w for w in full if w.index < min(cut) and w.upos != "PUNCT"]
    after = [w for w in full if w.index > max(cut) and w.upos != "PUNCT"]
    if before and _time_phrase(after):
        # `has died, according to current president Emmerson Mnangagwa on Friday`: the time goes
        # with the attribution
        cut |= {w.index for w in full if w.index > max(cut)}
        after = []
    if before and after and _between_quotations(tree, before[-1], after[0]):
        # `"A," he said, "B."`: the first quotation is this statement; the second is a statement of
        # its own, inherited by `_inherited_quotes` (guide rule 4)
        return _content_from_words([w for w in full if w.index < min(cut)])
    if before and after and not _new_clause_after(tree, after):
        # the attribution interrupts; content is the whole clause
        return _content_from_words([w for w in full])
    if before and after:
        return _content_from_words([w for w in full if w.index < min(cut)])
    kept = [w for w in full if w.index not in cut]
    # drop the punctuation that joined the attribution to the clause
    if after and not before:
        kept = [w for w in kept if w.index > max(cut)]
    elif before and not after:
        kept = [w for w in kept if w.index < min(cut)]
    return _content_from_words(kept)


def _time_phrase(words: list[Word]) -> bool:
    """`on Friday`, `last week`, `on 6 September`: a short phrase of time words only."""
    return 0 < len(words) <= 4 and all(
        w.upos in ("ADP", "DET", "NUM") or w.text.lower() in _TIME_NOUNS | _MONTHS for w in words
    )


def _new_clause_after(tree: _Tree, after: list[Word]) -> bool:
    """Whether what follows an attribution in mid-sentence is no part of the attributed clause:
    a coordinated clause with its own subject (`P, according to prosecutors, but the Justice
    Department maintains Q`) or a relative clause on the source (`P, according to a report ... in
    which they said Q`)."""
    first = after[0]
    if first.upos == "CCONJ":
        clause = tree.head_of(first)
        return clause is not None and bool(tree.kids(clause, *SUBJECT_RELS, "nsubj:pass"))
    second = after[1] if len(after) > 1 else None
    relative = first if first.upos != "ADP" else second
    return relative is not None and relative.text.lower() in _WH_RELATIVES


def _between_quotations(tree: _Tree, last_before: Word, first_after: Word) -> bool:
    """Whether the words between the two closes a quotation and opens another (`,” he said, “`)."""
    gap = [w.text for w in tree.sentence.words if last_before.index < w.index < first_after.index]
    marks = [i for i, text in enumerate(gap) if text in QUOTE_CHARS]
    return len(marks) >= 2 and all(gap[i] in ",;:" for i in range(marks[0])) and marks[-1] > marks[0]


def _trailing_participle_cue(tree: _Tree, word: Word) -> bool:
    """`..., insisting she was ...`: a reporting verb as a present participle after a comma, with no
    subject of its own."""
    before = tree.sentence.word(word.index - 1)
    return (
        word.xpos == "VBG"
        and before is not None
        and before.text == ","
        and _is_cue_verb(word)
        and not tree.kids(word, *SUBJECT_RELS, "nsubj:pass")
    )


_TENSE_OF_XPOS = {"VBD": "past", "VBZ": "present", "VBP": "present", "MD": "modal"}


def _speakers_next_cue(tree: _Tree, cue: Word, word: Word, content: tuple[int, int]) -> Word | None:
    """Where `..., and called the demand "unprecedented"` starts (its `and`, or the comma before
    it): a finite cue with no subject of its own after `and`, in the tense of the outer cue and not
    in that of the reported clause, is the speaker's next statement, not part of this one (`said
    he had warned them and told them` keeps its `told`). None for any other word."""
    before = tree.sentence.word(word.index - 1)
    if not (
        word.xpos in ("VBD", "VBZ", "VBP")
        and before is not None
        and before.text.lower() == "and"
        and _is_cue_verb(word)
        and not tree.kids(word, *SUBJECT_RELS, "nsubj:pass")
    ):
        return None
    own = _TENSE_OF_XPOS[word.xpos]
    reported = next(
        (w for w in tree.sentence.words if content[0] <= w.start < before.start and w.xpos in _TENSE_OF_XPOS),
        None,
    )
    if _TENSE_OF_XPOS.get(cue.xpos) != own or (reported is not None and _TENSE_OF_XPOS[reported.xpos] == own):
        return None
    comma = tree.sentence.word(before.index - 1)
    return comma if comma is not None and comma.text == "," else before


def _is_participial_adjunct(tree: _Tree, word: Word) -> bool:
    """`speaking on condition of anonymity`: a participle with no subject and no complementizer,
    an adjunct of the cue that parsers sometimes attach as its clause."""
    return (
        word.xpos in ("VBG", "VBN")
        and not tree.kids(word, *SUBJECT_RELS, "nsubj:pass")
        and not tree.kids(word, "mark")
    )


# `reported Hamza bin Laden to be dead`, `is believed by police to have fled`: verbs that take a
# reported clause as an object (or passive subject) plus `to be` / `to have`; directives (`urged
# it to stop`, `asked X to be patient`) take the same shape and are left out
RAISING_LEMMAS = frozenset(["report", "believe", "consider", "find", "declare", "judge", "presume", "allege"])
# `reported X to be dead citing sources within ...`: the reporter's sourcing, not what was said
_SOURCING_LEMMAS = frozenset(["cite", "quote"])


def _infinitive_clause(tree: _Tree, verb: Word) -> tuple[int, int] | None:
    """`reported Hamza bin Laden to be dead`: object + `to be`/`to have` infinitive, the content is
    both. `Politicians ... were reported by local media to have visited the hospital`: with an agent
    the passive subject is the infinitive's, and the content is the whole clause, cue included
    (corpora/ANNOTATION-DECISIONS.md, rule 10)."""
    if verb.lemma not in RAISING_LEMMAS:
        return None
    for clause in tree.kids(verb, "ccomp", "xcomp", "advcl"):
        marks = tree.kids(clause, "mark")
        if clause.index < verb.index or [m.lemma.lower() for m in marks] != ["to"]:
            continue
        after_to = tree.sentence.word(marks[0].index + 1)
        if after_to is None or after_to.lemma not in ("be", "have"):
            continue
        words = [
            w
            for w in tree.subtree(clause)
            if not any(
                a.deprel == "advcl"
                and a.xpos == "VBG"
                and a.lemma in _SOURCING_LEMMAS
                and a.head == clause.index
                for a in [w, *tree.ancestors(w)]
            )
        ]
        if _is_passive(tree, verb):
            subjects = tree.kids(verb, "nsubj:pass")
            if not tree.kids(verb, "obl:agent") or not subjects or subjects[0].index > verb.index:
                return None
            start = tree.subtree(subjects[0])[0].index
        else:
            objects = tree.kids(verb, "obj")
            if not objects:
                return None
            phrase = tree.subtree(objects[0])
            # the object right after the cue and the infinitive right after the object
            if phrase[0].index != verb.index + 1 or phrase[-1].index + 1 != marks[0].index:
                return None
            start = phrase[0].index
        return _content_from_words([w for w in tree.sentence.words if start <= w.index <= words[-1].index])
    return None


# `apologized for its website being inaccessible`, `spoke of Turkey assuming the duty ...`: verbs
# that report only with a preposition and a gerund clause (corpora/ANNOTATION-DECISIONS.md,
# statements); `apologized to Duterte`, `spoke to reporters` report nothing
GERUND_ONLY_LEMMAS = frozenset(["apologize", "apologise", "speak"])
_GERUND_PREPOSITIONS = frozenset(["for", "of", "to", "about"])
_GERUND_SUBJECT_UPOS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "PRON", "NUM", "PART"})


def _prepositional_gerund(tree: _Tree, verb: Word) -> tuple[int, int] | None:
    """`admitted to ordering the payments`, `apologized for its website being inaccessible`: a
    preposition right after a speech cue, then a gerund clause, with its own subject or (after
    `to`) none. The gerund must head a clause."""
    if verb.lemma not in GERUND_ONLY_LEMMAS and _reporting_lemmas().get(verb.lemma, ("",))[0] != "speech":
        return None
    prep = tree.sentence.word(verb.index + 1)
    if prep is None or prep.upos not in ("ADP", "SCONJ") or prep.lemma.lower() not in _GERUND_PREPOSITIONS:
        return None
    after = [w for w in tree.sentence.words if w.index > prep.index]
    subject = list(itertools.takewhile(lambda w: w.upos in _GERUND_SUBJECT_UPOS and w.xpos != "VBG", after))
    gerund = after[len(subject)] if len(subject) < len(after) else None
    if gerund is None or gerund.xpos != "VBG":
        return None
    head = gerund if gerund.upos == "VERB" else tree.head_of(gerund)  # `being inaccessible`
    if head is None or head.index < gerund.index or head.deprel in ("amod", "compound", "nmod"):
        return None
    # with no subject of its own only after `to`, where a gerund is never an adjective: `warned of
    # rising prices` is a noun phrase the parse may well make a clause
    if not subject and (head.head != verb.index or prep.lemma.lower() != "to"):
        return None
    if subject and not any(w.upos in ("NOUN", "PROPN", "PRON") for w in subject):
        return None
    # after `to` a noun phrase is the listener, and a participle after it the speaker's own (`has
    # written to the watchdog saying: "..."`)
    speaking = _reporting_lemmas().get(gerund.lemma, ("",))[0] == "speech"
    if subject and (prep.lemma.lower() == "to" or speaking):
        return None
    # a trailing `, according to prosecutors` is another source's cue, not part of this content
    sourced = {
        w.index
        for k in tree.kids(head, "obl")
        if any(c.lemma == "accord" for c in tree.kids(k, "case"))
        for w in tree.subtree(k)
    }
    words = [w for w in tree.subtree(head, sourced) if w.index != prep.index]
    if words[0].index < gerund.index:
        return None
    return _content_from_words([w for w in tree.sentence.words if prep.index < w.index <= words[-1].index])


def _complement(tree: _Tree, verb: Word) -> tuple[int, int] | None:
    """Where the reported content of a cue verb lies, or None if it takes no proposition."""
    subject_rels = (*SUBJECT_RELS, "nsubj:pass")
    fused = (
        _infinitive_clause(tree, verb)
        or _prepositional_gerund(tree, verb)
        or _that_clause_by_order(tree, verb)
        or _small_clause_with_quote(tree, verb)
        or _object_as_subject(tree, verb)
    )
    if fused is not None:
        return fused
    clauses = [c for c in tree.kids(verb, *CLAUSE_RELS) if not _is_participial_adjunct(tree, c)]
    # `stated it scheduled the blackouts`: an xcomp with a subject of its own is a finite clause
    # (`announced it planned to join`: a subject `it` the parse took for an expletive)
    clauses += [
        c
        for c in tree.kids(verb, "xcomp")
        if c.index > verb.index
        and (
            tree.kids(c, *SUBJECT_RELS)
            or (c.xpos in ("VBD", "VBN") and any(e.index == c.index - 1 for e in tree.kids(c, "expl")))
        )
    ]
    # `projected Joe Biden won`: likewise an adverbial clause with its own subject and no marker
    clauses += [
        c
        for c in tree.kids(verb, "advcl")
        if c.index > verb.index and tree.kids(c, *SUBJECT_RELS) and not tree.kids(c, "mark")
    ]

    # of several clauses the parse gives, the first with a nominal subject (or an expletive `it`)
    # or `that` is the reported one; `28` in `and on August 28 moved` is no subject
    def has_subject(clause: Word, *extra_rels: str) -> bool:
        subjects = tree.kids(clause, *subject_rels, *extra_rels)
        return any(w.upos in ("NOUN", "PROPN", "PRON") for w in subjects) or bool(tree.kids(clause, "mark"))

    # `when a document has been found, the government says P`: a fronted clause opened by `when`
    # or another subordinator is an adverbial the parse took for a complement
    clauses = [
        c
        for c in clauses
        if not (
            c.index < verb.index
            and any(
                k.deprel in ("advmod", "mark") and k.text.lower() in _SUBORDINATORS | {"where", "once"}
                for k in tree.kids(c)
            )
        )
    ]
    clauses.sort(key=lambda c: not has_subject(c, "expl"))
    if clauses:
        words = tree.subtree(clauses[0])

        # `said he has told people ... that the deal must be struck ... and the government must be
        # ...`: a parse that breaks one reported clause into several clausal dependents of the cue
        # (each later piece with its own nominal subject or `that`; `and on August 28 moved to ...`,
        # whose subject the parse found in `28`, is the speaker's own next act)
        def joined_predicate(clause: Word) -> bool:
            # `required resuscitation, and was in a "serious" condition`: a predicate sharing the
            # reported clause's subject, joined to it by a comma and `and` only
            piece = tree.subtree(clause)
            end = max(w.index for w in words)
            if piece[0].index > end + 1 and not all(
                w.upos == "PUNCT" for w in tree.sentence.words if end < w.index < piece[0].index
            ):
                return False
            # by word order: the parse may hang the `and` elsewhere (on a later parataxis)
            following = [w for w in tree.sentence.words if w.index > end]
            lead = list(itertools.takewhile(lambda w: w.upos in ("PUNCT", "CCONJ"), following))
            if not any(w.upos == "CCONJ" for w in lead):
                # `they believe gas, which leaks ..., was the trigger`, `the AfCFTA might be for
                # African countries comparable to ...`: the rest of the reported clause's predicate,
                # split off by the parse, with no subject, marker or participle of its own
                return (
                    all(w.text == "," for w in lead)
                    and not tree.kids(clause, "mark", "nsubj:pass", "expl")
                    and not _is_cue_verb(clause)
                    and clause.xpos not in ("VBG", "VBN", "TO")
                    and next(w for w in piece if w.upos != "PUNCT").text.lower() not in _WH_WORDS | {"that"}
                )
            # and in the same tense: `it firmly opposes X and on August 28 moved to ...` is the
            # speaker's own next act
            return (
                any(w.upos == "CCONJ" for w in lead)
                and not any(w.text in ";:" for w in lead)
                and _tense(tree, clause) == _tense(tree, clauses[0]) is not None
            )

        # `said if spot prices move higher there will be no problem ...`: after a conditional the
        # main clause, expletive subject and all, is part of what was said
        conditional = any(k.lemma.lower() in _CLAUSE_SUBORDINATORS for k in tree.kids(clauses[0], "mark"))
        later = [
            c
            for c in clauses[1:]
            if c.deprel == "ccomp"
            and c.index > clauses[0].index > verb.index
            and (has_subject(c, *(("expl",) if conditional else ())) or joined_predicate(c))
        ]
        if later:
            last = max(w.index for c in later for w in tree.subtree(c))
            words = [w for w in tree.sentence.words if words[0].index <= w.index <= last]
        # `informed police she had diplomatic immunity, but "that she had no plans to leave ..."`: a
        # second `that` clause joined by a conjunction, which the parse made adverbial, is said too
        for extra in tree.kids(verb, "advcl"):
            marks = [m for m in tree.kids(extra, "mark") if m.lemma.lower() == "that"]
            if not marks or extra.index < words[-1].index or clauses[0].index < verb.index:
                continue
            between = [w for w in tree.sentence.words if words[-1].index < w.index < marks[0].index]
            if any(w.upos == "CCONJ" for w in between) and all(w.upos in ("PUNCT", "CCONJ") for w in between):
                last = tree.subtree(extra)[-1].index
                words = [w for w in tree.sentence.words if words[0].index <= w.index <= last]
        if clauses[0].index < verb.index:
            # `P, officials told X.` with P as a fronted ccomp: P stops before the speaker (a
            # parse may hang the final period on P, stretching its subtree over the cue)
            speaker_start = min(
                [verb.index, *(w.index for s in tree.kids(verb, *subject_rels) for w in tree.subtree(s))]
            )
            words = [w for w in words if w.index < speaker_start]
        # `said the fishermen noticed them and a warship was sent`: the parse hangs the second
        # clause on the cue; a clause with its own subject that is no cue of its own and follows
        # the reported clause directly is part of what was said
        for extra in tree.kids(verb, "conj"):
            # `said he can and may declare a national state of emergency`: a clause that ends in a
            # bare modal lacks its verb, which the parse hung on the cue as a conjunct
            stranded = words[-1].xpos == "MD" and words[-1].index + 1 == tree.subtree(extra)[0].index
            if (
                extra.index < words[-1].index
                or (_is_cue_verb(extra) and not stranded)
                or not (stranded or tree.kids(extra, *SUBJECT_RELS, "nsubj:pass"))
            ):
                continue
            clause = tree.subtree(extra)
            between = [w for w in tree.sentence.words if words[-1].index < w.index < clause[0].index]
            if all(w.upos == "PUNCT" for w in between):
                words = words + clause
        return _content_from_words(words)
    head = tree.head_of(verb)
    # `P, X said`: the cue hangs as parataxis off the reported clause
    if verb.deprel == "parataxis" and head is not None and head.index < verb.index:
        return _clause_without(tree, head, verb)
    # `X said: P` / `X said, "P"` — the content as a parataxis after the verb
    # (not after an object: `assumed the presidency in 1987, he also became ...`; a listener is
    # no such object: `told reporters: P`)
    objects = [] if verb.lemma in RECIPIENT_LEMMAS else tree.kids(verb, "obj")
    for comp in tree.kids(verb, "parataxis"):
        if (
            comp.index > verb.index
            and not _is_participial_adjunct(tree, comp)
            and not any(verb.index < o.index < comp.index for o in objects)
        ):
            return _content_from_words(tree.subtree(comp))
    if verb.deprel == "parataxis" and head is not None:
        return _clause_without(tree, head, verb)
    # `denied taking the money`: a gerund complement
    for comp in tree.kids(verb, "xcomp", "advcl"):
        marks = [w.lemma.lower() for w in tree.kids(comp, "mark")]
        # `described witnessing 35 bodies` (a gerund the parse made adverbial, right after the cue)
        # and `accusing the network of violating its franchise` (corpora/ANNOTATION-DECISIONS.md)
        gerund = (
            comp.xpos == "VBG"
            and verb.lemma not in COMMITMENT_LEMMAS
            and (
                (comp.deprel == "xcomp" and "to" not in marks)
                or (comp.deprel == "advcl" and not marks and comp.index == verb.index + 1)
                or (comp.deprel == "advcl" and marks == ["of"] and verb.lemma == "accuse")
            )
        )
        if gerund:
            words = tree.subtree(comp)
            return _content_from_words(
                [w for w in words if not (w.deprel == "mark" and w.head == comp.index)]
            )
        if comp.deprel == "advcl":
            continue
        # `called the plan a waste`: object + predicative complement
        if verb.lemma in SMALL_CLAUSE_LEMMAS and tree.kids(verb, "obj"):
            words = tree.subtree(tree.kids(verb, "obj")[0]) + tree.subtree(comp)
            return _content_from_words(sorted(words, key=lambda w: w.index))
    if verb.lemma in SMALL_CLAUSE_LEMMAS:
        return _small_clause_by_order(tree, verb) or _small_clause_by_adjectives(tree, verb)
    # `P, the sources said, speaking on condition of anonymity`: the cue parsed as a conjunct of
    # P's predicate, right after a comma, with its own subject and no clause of its own
    subjects = tree.kids(verb, *SUBJECT_RELS)
    if verb.deprel == "conj" and head is not None and head.index < verb.index and subjects:
        first = min(w.index for subject in subjects for w in tree.subtree(subject))
        before = tree.sentence.word(first - 1)
        if before is not None and before.text == "," and first < verb.index:
            return _clause_without(tree, head, verb)
    # `A total of 39 are confirmed dead, officials told state media`: the fronted clause parsed
    # as an adverbial clause; one with its own subject, no `when/if/because` and a comma before
    # the speaker is what was said
    for adverbial in tree.kids(verb, "advcl"):
        words = tree.subtree(adverbial)
        while words and words[-1].text == ",":
            words = words[:-1]
        after = tree.sentence.word(words[-1].index + 1) if words else None
        if (
            adverbial.index < verb.index
            and not tree.kids(adverbial, "mark")
            and tree.kids(adverbial, *subject_rels)
            and after is not None
            and after.text == ","
        ):
            return _content_from_words(words)
    return None


def _tense(tree: _Tree, predicate: Word) -> str | None:
    """`past`, `present` or `modal` of a clause, from its first finite auxiliary, copula or verb."""
    for word in [*sorted(tree.kids(predicate, "aux", "aux:pass", "cop"), key=lambda w: w.index), predicate]:
        if word.xpos in _TENSE_OF_XPOS:
            return _TENSE_OF_XPOS[word.xpos]
    return None


CLAIM_NOUNS = frozenset(
    {
        "claim",
        "report",
        "allegation",
        "accusation",
        "suggestion",
        "assertion",
        "charge",
        "rumour",
        "rumor",
        "notion",
    }
)


def _that_clause_by_order(tree: _Tree, verb: Word) -> tuple[int, int] | None:
    """`concluded that P` / `denied all claims that P` read by word order when the parse broke P
    into pieces hung on the cue: everything the cue (or the claim noun) governs after `that`,
    except a parataxis (`, however, a report concluded ...`) and a coordinated predicate of the
    speaker's own (`said that P, and left`) or another cue (`, however, a report concluded`); a
    coordinated piece that opens with a quote mark stays (`P is "null" and "does not comply"`)."""
    words = tree.sentence.words
    position = verb.index  # 1-based index of the word after the cue is position + 1
    claim: Word | None = None
    for word in words[position : position + 4]:
        if word.text.lower() == "that":
            break
        if word.upos == "NOUN" and word.lemma.lower() in CLAIM_NOUNS and word.head == verb.index:
            claim = word
        elif word.upos not in ("DET", "ADJ"):
            return None
    else:
        return None
    that = word
    if claim is None and that.index != verb.index + 1:
        return None
    governors = [verb] + ([claim] if claim is not None else [])
    pieces: list[Word] = []
    for governor in governors:
        for kid in tree.kids(governor):
            if kid.index <= that.index or kid.deprel in ("parataxis", "punct"):
                continue
            if kid.deprel == "conj":
                # `and "does not comply ..."`: a coordinated piece opening with a quote mark
                quoted = any(w.text in QUOTE_CHARS for w in tree.subtree(kid)[:2])
                own_clause = tree.kids(kid, *SUBJECT_RELS, "nsubj:pass") and not _is_cue_verb(kid)
                if not (quoted or own_clause):
                    continue
            pieces += tree.subtree(kid)
    if that.head not in (verb.index, *(g.index for g in governors)):
        pieces += [w for w in tree.subtree(tree.sentence.word(that.head)) if w.index > that.index]
    pieces = [w for w in pieces if w.index > that.index]
    if not pieces:
        return None
    last = max(w.index for w in pieces)
    # `that the agreement on sending soldiers to Libya, where a war is underway, goes against X`:
    # a finite verb with no subject right after the comma is the predicate the parse hung elsewhere
    comma, predicate = tree.sentence.word(last + 1), tree.sentence.word(last + 2)
    if (
        comma is not None
        and comma.text == ","
        and predicate is not None
        and predicate.xpos in ("VBZ", "VBD", "VBP")
        and not tree.kids(predicate, *SUBJECT_RELS, "nsubj:pass")
        and not _is_cue_verb(predicate)
    ):
        last = max(w.index for w in tree.subtree(predicate))
    span = [w for w in words if that.index < w.index <= last]
    return _content_from_words(span)


def _object_as_subject(tree: _Tree, verb: Word) -> tuple[int, int] | None:
    """`said the crash involved pilot error`: the parse made the clause's subject the cue's object
    and hung the rest of the clause on the cue; object and clause together are what was said.
    Not after `told` (its object is the listener) or `call` (`called the plan a waste`)."""
    if verb.lemma in RECIPIENT_LEMMAS or verb.lemma in SMALL_CLAUSE_LEMMAS:
        return None
    objects = [o for o in tree.kids(verb, "obj") if o.index > verb.index and o.upos in ("NOUN", "PROPN")]
    if not objects:
        return None
    phrase = tree.subtree(objects[0])
    for clause in tree.kids(verb, "ccomp", "xcomp", "advcl"):
        if clause.deprel in ("xcomp", "advcl") and clause.xpos not in FINITE_XPOS:
            continue
        if clause.deprel == "advcl" and tree.kids(clause, "mark"):
            continue  # `said the flight landed because ...` hangs a real adverbial clause here
        if clause.upos != "VERB" or tree.kids(clause, *SUBJECT_RELS, "nsubj:pass"):
            continue
        rest = tree.subtree(clause)
        if rest[0].index != phrase[-1].index + 1:
            continue
        if _is_cue_verb(clause):
            # `reported its source said "three terrorists" were killed`: the inner cue's own
            # content hangs on the outer cue too; the nested report runs to the last of it
            later = [
                w
                for k in tree.kids(verb)
                if k.index > clause.index and k.upos != "PUNCT"
                for w in tree.subtree(k)
            ]
            if later:
                last = max(w.index for w in later)
                rest = [w for w in tree.sentence.words if clause.index <= w.index <= last]
        return _content_from_words(phrase + rest)
    return None


_DOUBLE_QUOTES = frozenset(DOUBLE_OPEN + DOUBLE_CLOSE + '"')
_TIME_RELS = frozenset({"obl:tmod", "obl:unmarked", "obl:npmod"})


def _small_clause_by_order(tree: _Tree, verb: Word) -> tuple[int, int] | None:
    """`called the move a "smash and grab"` when the parse has no xcomp: the object, then a second
    noun phrase opened by a determiner or a quote mark right after the object's head. Without
    that second phrase (`called the police at once`) the verb reports nothing."""
    objects = [w for w in tree.kids(verb, "obj") if w.index > verb.index]
    if not objects:
        return None
    after_object = tree.sentence.word(objects[0].index + 1)
    if after_object is None or not (after_object.upos == "DET" or after_object.text in _DOUBLE_QUOTES):
        return None
    second = tree.head_of(after_object)
    if second is not None and (second.deprel in _TIME_RELS or second.lemma.lower() in _TIME_NOUNS):
        return None  # `called his mother the next day`
    region: list[Word] = []
    open_quotes = 0
    for word in tree.sentence.words[min(w.index for w in tree.subtree(objects[0])) - 1 :]:
        if word.text in _DOUBLE_QUOTES:
            open_quotes ^= 1
        elif word.text in (",", ";", ":", "—", "–") and not open_quotes:
            break
        region.append(word)
    while region and region[-1].upos == "PUNCT" and region[-1].text not in _DOUBLE_QUOTES:
        region.pop()
    return _content_from_words(region)


def _small_clause_by_adjectives(tree: _Tree, verb: Word) -> tuple[int, int] | None:
    """`found the air strike justified and called ...`, `called Trump's order swift, forceful and
    decisive`: by word order, for when the parse broke the small clause: a noun phrase right after
    the cue, then one adjective or participle, or a list of them joined by commas and `and`."""
    after = [w for w in tree.sentence.words if w.index > verb.index]
    noun_end = None
    k = 0
    while k < len(after):
        word = after[k]
        if word.upos in ("NOUN", "PROPN", "PRON"):
            noun_end = k
        elif not (
            word.upos in ("DET", "ADJ", "NUM")
            or word.xpos in ("PRP$", "POS")
            or (word.text.lower() == "of" and noun_end is not None)
        ):
            break
        k += 1
    if noun_end is None:
        return None
    predicate: list[Word] = []
    first = after[noun_end + 1] if noun_end + 1 < len(after) else None
    if first is None or not (first.upos == "ADJ" or first.xpos == "VBN"):
        return None  # `to find some solution, coupled with ...`
    for word in after[noun_end + 1 :]:
        adjective = word.upos == "ADJ" or word.xpos == "VBN"
        joint = word.text == "," or (word.upos == "CCONJ" and word.text.lower() in ("and", "or"))
        if not (adjective or joint):
            break
        predicate.append(word)
    while predicate and predicate[-1].upos in ("PUNCT", "CCONJ"):
        predicate.pop()
    if not predicate:
        return None
    following = tree.sentence.word(predicate[-1].index + 1)
    if following is not None and following.upos in ("NOUN", "PROPN"):
        return None  # the adjectives open another noun phrase (`found the company new offices`)
    return _content_from_words(after[: predicate[-1].index - verb.index])


def _small_clause_with_quote(tree: _Tree, verb: Word) -> tuple[int, int] | None:
    """`called the stabbing "an act of barbarity"`, `termed her a "corrupt oaf"`, `described him
    as an "emerging" figure`: by word order, since parses of these often go astray, from the word
    after the cue through the phrase that holds a quotation (opened within a few words of the
    cue), up to a comma, a verb or a subordinator outside the quotation."""
    if verb.lemma not in SMALL_CLAUSE_LEMMAS:
        return None
    after = [w for w in tree.sentence.words if w.index > verb.index]
    # `described Hamza bin Laden in March of this year as an "emerging" figure`: 12 words
    opening = next((k for k, w in enumerate(after[: SURFACE_WINDOW + 4]) if w.text in _DOUBLE_QUOTES), None)
    if opening is None or opening == 0:
        return None
    lead = after[:opening]
    if any(w.upos in ("PUNCT", "AUX", "SCONJ") or w.text.lower() == "that" for w in lead):
        return None
    region: list[Word] = []
    open_quotes = 0
    for position, word in enumerate(after):
        if word.text in _DOUBLE_QUOTES:
            open_quotes ^= 1
        elif (
            position > opening
            and not open_quotes
            and (word.text in (",", ";", ":", "—", "–", ".") or word.upos in ("VERB", "AUX", "SCONJ"))
        ):
            break
        region.append(word)
    while region and (
        (region[-1].upos == "PUNCT" and region[-1].text not in _DOUBLE_QUOTES)
        or region[-1].upos in ("CCONJ", "ADP")
    ):
        region.pop()
    return _content_from_words(region)


AS_WINDOW = 20  # words between an `as` cue and its `as` (`the strike, which was approved by ...,`)
_RELATIVE_WORDS = frozenset({"which", "who", "whom", "whose", "that"})
_WH_RELATIVES = _RELATIVE_WORDS - {"that"}  # `that` is a complementizer as often as a relative
_NOMINATIVE = frozenset({"i", "we", "he", "she", "they"})
_CLAUSE_BREAKS = frozenset({",", ";", ":", ".", "?", "!", "—", "–"})
_KEPT_CLOSERS = _DOUBLE_QUOTES | {")", "]"}


def _lemma_forms(verb: Word) -> list[str]:
    """The tagger's lemma and the base forms the verb's spelling allows: our lemmatizer leaves some
    past forms as they are (`justified` -> `justified`)."""
    text = verb.text.lower()
    forms = [verb.lemma.lower()]
    for suffix, replacements in (
        ("ied", ("y",)),
        ("ed", ("", "e")),
        ("d", ("",)),
        ("ing", ("", "e")),
        ("s", ("",)),
    ):
        if text.endswith(suffix):
            forms += [text[: -len(suffix)] + ending for ending in replacements]
    return forms


def _as_small_clause(tree: _Tree, verb: Word) -> tuple[int, int] | None:
    """`described X as Y`, `referred to X as Y`, `cited X as prohibiting him from Y`: a verb of
    lexicons/as_clause_verbs.tsv, its object right after it and `as` + a predicate, by word order
    (the parse hangs `as Y` on the verb, the object or a word inside either). The object may hold
    a comma-bounded relative clause (`the strike, which was approved by X, as "defensive"`); the
    predicate runs to a clause break outside quotation marks, a finite verb of a new clause
    (`as a terrorist and levied sanctions`) or a subordinator. `criticized the plan as she left`
    has a clause after `as` and reports nothing."""
    verbs = lexicons.table("as_clause_verbs")
    lemma = next((form for form in _lemma_forms(verb) if form in verbs), None)
    if lemma is None or _is_negated(tree, verb):
        return None
    preposition = verbs[lemma][0] if verbs[lemma] else ""
    markers = set((verbs[lemma][1] if len(verbs[lemma]) > 1 and verbs[lemma][1] else "as").split(","))
    after = [w for w in tree.sentence.words if w.index > verb.index]
    start = 1 if preposition and after and after[0].text.lower() == preposition else 0
    if start >= len(after):
        return None
    first = after[start]
    if (
        first.upos not in ("DET", "NOUN", "PROPN", "PRON", "NUM", "ADJ", "CCONJ")
        and first.text not in _DOUBLE_QUOTES
    ):
        return None
    as_at = None
    open_quotes, relative = 0, False
    for k in range(start, min(len(after), start + AS_WINDOW)):
        word = after[k]
        if word.text in _DOUBLE_QUOTES:
            open_quotes ^= 1
        elif open_quotes:
            continue
        elif word.text.lower() in markers and k > start:
            as_at = k
            break
        elif word.text == ",":
            following = after[k + 1] if k + 1 < len(after) else None
            if following is not None and following.text.lower() in _WH_RELATIVES:
                relative = True
            elif relative:
                relative = False
            else:
                return None
        elif word.text in _CLAUSE_BREAKS or (word.xpos in FINITE_XPOS and not relative):
            return None
    if as_at is None or as_at + 1 >= len(after):
        return None
    predicate = after[as_at + 1 :]
    if predicate[0].text.lower() in _NOMINATIVE or predicate[0].text.lower() in (
        "well",
        "soon",
        "if",
        "though",
    ):
        return None  # `as she left`, `as well as`: no predicate
    region = after[start : as_at + 1]
    open_quotes = 0
    for k, word in enumerate(predicate):
        lowered = word.text.lower()
        if word.text in _DOUBLE_QUOTES:
            open_quotes ^= 1
        elif not open_quotes:
            spaced_dash = word.text == "-" and k > 0 and predicate[k - 1].end < word.start  # ` - and the`
            if (
                word.text in _CLAUSE_BREAKS
                or spaced_dash
                or (word.upos == "SCONJ" and lowered in _CLAUSE_SUBORDINATORS)
            ):
                break
            following = predicate[k + 1] if k + 1 < len(predicate) else None
            if word.upos == "CCONJ" and following is not None and following.xpos in FINITE_XPOS:
                break  # `as a terrorist and levied sanctions`: the speaker's next act
            if word.xpos in FINITE_XPOS and not any(
                w.text.lower() in _RELATIVE_WORDS for w in predicate[max(0, k - 3) : k]
            ):
                break  # `as an example of the attacks that Soleimani took part in` keeps its relative
        region.append(word)
    while region and region[-1].upos in ("PUNCT", "CCONJ") and region[-1].text not in _KEPT_CLOSERS:
        region.pop()
    if len(region) < 3:
        return None
    return _content_from_words(region)


def _claim_clause(tree: _Tree, word: Word) -> Word:
    """The clause an `according to X` phrase vouches for, from the word the parse hung it on.

    Parsers often attach the phrase to a word inside the claim (`Rescuers, working ..., according
    to the ministry, recovered ...` on `working`; `... since the protests began, according to The
    Guardian` on `began`); the source vouches for the whole clause, so climb to its predicate,
    stopping at a clause of its own: the root, a parataxis or complement clause, a coordinated
    clause with its own subject, a relative clause."""
    while (
        word.deprel.split(":")[0] not in ("root", "parataxis", "ccomp", "csubj")
        and word.deprel != "acl:relcl"
    ):
        if word.deprel.startswith("conj") and tree.kids(word, *SUBJECT_RELS, "nsubj:pass"):
            break
        head = tree.head_of(word)
        if head is None:
            break
        word = head
    return word


def _according_to(tree: _Tree, word: Word, text: str) -> _Cue | None:
    """`according to X, P` / `P, according to X`."""
    nxt = tree.sentence.word(word.index + 1)
    if word.lemma.lower() not in ("accord", "according") or nxt is None or nxt.text.lower() != "to":
        return None
    # UD: `according` is a case marker of the source; parsers also make it a verb with the source
    # as its oblique (`according -obl-> Reuters`), the whole phrase then hanging off the clause
    obliques = [w for w in tree.kids(word, "obl") if w.index > word.index]
    if obliques:
        source, attached = obliques[0], word
    else:
        source = tree.head_of(word)
        attached = source
    if source is None or attached is None:
        return None
    clause = tree.head_of(attached)
    if clause is not None:
        clause = _claim_clause(tree, clause)
    if clause is None:
        # `According to X, P` parsed with `according` as the root and P hanging off it
        rest = [w for w in tree.kids(word, "parataxis", "ccomp", "conj", "advcl") if w.index > source.index]
        content = _content_from_words(tree.subtree(rest[0])) if rest else None
    else:
        content = _clause_without(tree, clause, attached)
    surface: tuple[Word, ...] = ()
    fronted = all(w.upos in ("PUNCT", "CCONJ", "ADV") for w in tree.sentence.words[: word.index - 1])

    def in_date(comma: Word) -> bool:  # `a March 14, 2019 NATO press release`
        left, right = tree.sentence.word(comma.index - 1), tree.sentence.word(comma.index + 1)
        return left is not None and right is not None and left.upos == right.upos == "NUM"

    commas = [w for w in tree.sentence.words[nxt.index :] if w.text == "," and not in_date(w)]
    comma = commas[0] if commas else None
    after = tree.sentence.word(comma.index + 1) if comma is not None else None
    if after is not None and after.text.lower() in _WH_RELATIVES and len(commas) > 1:
        comma = commas[1]  # `according to a second source, who also declined to be identified, P`
    # the content took in its own cue, or starts past the clause right after the source's comma
    # (`According to the U.S. embassy in Beijing, P; Q` with the source hung on Q)
    first_after = tree.sentence.word(comma.index + 1) if comma is not None else None
    tangled = (
        content is None
        or content[0] <= word.start
        or (first_after is not None and content[0] > first_after.end)
    )
    if (
        fronted
        and comma is not None
        and (tangled or max(w.index for w in tree.subtree(source)) > comma.index)
    ):
        # `According to local news, school districts across the area announced ...` parsed with
        # the districts as a conjunct of the news: the source ends at the comma, the clause follows
        rest = [w for w in tree.sentence.words if w.index > comma.index]
        phrase = tuple(w for w in tree.sentence.words if nxt.index < w.index < commas[0].index)
        verbal = ("VERB", "AUX")
        if phrase and any(w.upos in verbal for w in rest) and not any(w.upos in verbal for w in phrase):
            while rest and rest[-1].upos == "PUNCT" and rest[-1].text not in QUOTE_CHARS:
                rest.pop()
            content = _content_from_words(rest)
            surface = phrase
    if fronted and content is not None:
        content = _without_leading_appositive(tree, content)
    if content is None:
        return None
    return _Cue(
        tree.sentence,
        word,
        source,
        (Span.of(text, word.start, nxt.end),),
        content[0],
        content[1],
        "according_to",
        surface,
    )


def _without_leading_appositive(tree: _Tree, content: tuple[int, int]) -> tuple[int, int]:
    """`According to John Smith, a spokesman for the firm, the deal is off`: a verbless phrase
    between two commas at the start of the content describes the source; what follows the second
    comma is the content (but `the man, who was 40, died` is a subject and its relative clause)."""
    words = [w for w in tree.sentence.words if content[0] <= w.start < content[1]]
    comma = next((k for k, w in enumerate(words) if w.text == ","), None)
    if comma is None or comma == 0 or comma + 1 >= len(words):
        return content
    if (
        any(w.upos in ("VERB", "AUX") for w in words[:comma])
        or words[comma + 1].text.lower() in _WH_RELATIVES
    ):
        return content
    rest = words[comma + 1 :]
    opens_clause = rest[0].upos in ("DET", "ADJ", "NOUN", "PROPN", "PRON", "NUM")
    if words[0].upos not in ("DET", "ADJ", "NOUN") or not opens_clause:
        return content
    # the rest must be a clause before any further comma (`the two men, both farmers, were killed`)
    if not any(w.upos in ("VERB", "AUX") for w in itertools.takewhile(lambda w: w.text != ",", rest)):
        return content
    return rest[0].start, content[1]


def _quoted_as_saying(tree: _Tree, verb: Word, text: str) -> _Cue | None:
    """`X quoted Y as saying P` / `X cited Y as stating P`: the speaker is Y (guide rule 14)."""
    if verb.lemma not in ("quote", "cite"):
        return None
    objects = tree.kids(verb, "obj")
    for saying in tree.kids(verb, "advcl", "xcomp"):
        if saying.lemma in ("say", "state") and saying.xpos == "VBG" and objects:
            as_word = next((w for w in tree.kids(saying, "mark") if w.lemma == "as"), None)
            content = _complement(tree, saying)
            if content is None:
                continue
            parts = [Span.of(text, verb.start, verb.end)]
            parts.append(Span.of(text, (as_word or saying).start, saying.end))
            return _Cue(tree.sentence, verb, objects[0], tuple(parts), content[0], content[1], "")
    return None


def _fragment_quote(tree: _Tree, verb: Word, quotes: list[Quotation]) -> tuple[int, int] | None:
    """A quoted fragment in the cue's own phrase (`accused rivals of "squabbling"`, guide rule 5)."""
    if verb.lemma not in lexicons.words("fragment_cues") and verb.lemma not in _reporting_lemmas():
        return None
    subject_ids = {w.index for s in tree.kids(verb, *SUBJECT_RELS) for w in tree.subtree(s)}
    region = [w for w in tree.subtree(verb) if w.index not in subject_ids and w.index >= verb.index]
    if not region:
        return None
    lo, hi = region[0].start, region[-1].end
    for quote in quotes:
        if lo <= quote.start and quote.end <= hi + 1 and quote.closed:
            return quote.inner_start, quote.inner_end
    return None


FRAGMENT_WORDS = 12  # words in a quoted fragment under a verb that reports nothing else
NAMING_LEMMAS = frozenset(["name", "dub", "label", "brand", "term"])


# `signs which read "silenced"`, `The Home Office letter reads "we may extend ..."`: things that
# carry writing; `read` frames what they say (a person who reads `"War and Peace"` says nothing)
WRITING_NOUNS = frozenset(
    [
        "sign",
        "placard",
        "banner",
        "poster",
        "letter",
        "note",
        "message",
        "statement",
        "motion",
        "notice",
        "headline",
        "caption",
        "inscription",
        "tweet",
        "post",
        "email",
        "memo",
        "document",
        "order",
        "petition",
        "leaflet",
    ]
)


def _written_quotation(tree: _Tree, verb: Word, quotes: list[Quotation]) -> tuple[int, int] | None:
    """`X reads "..."` with X a thing that carries writing: the quotation right after the verb."""
    if verb.upos != "VERB" or verb.lemma != "read":
        return None
    subjects = tree.kids(verb, *SUBJECT_RELS)
    holder = subjects[0] if subjects else None
    if holder is not None and holder.feats and "PronType=Rel" in holder.feats and verb.deprel == "acl:relcl":
        holder = tree.head_of(verb)
    if holder is None or holder.lemma.lower() not in WRITING_NOUNS:
        return None
    following = tree.sentence.word(verb.index + 1)
    for quote in quotes:
        if quote.closed and following is not None and quote.start == following.start:
            return quote.inner_start, quote.inner_end
    return None


def _quoted_fragment(tree: _Tree, verb: Word, quotes: list[Quotation]) -> tuple[int, int] | None:
    """`asking Cengiz to be "patient and resilient."`, `gave its "deepest sympathies"`, `shouting
    "shame on you!"`: a short quotation in the phrase of a verb that is no cue by itself is the
    subject's words (corpora/ANNOTATION-DECISIONS.md, direct quotations). Only a fragment reached
    with no verb or clause break between (`praised the plan, saying "..."` is the participle's)."""
    if verb.upos != "VERB" or verb.lemma not in lexicons.words("fragment_cues"):
        return _written_quotation(tree, verb, quotes)
    # inside a reported clause the quote marks are the outer speaker's (`Howard said Lord Butler had
    # given the "most damaging testimony" he could remember`); a participle after a comma is not
    # inside (`she said, asking Cengiz to be "patient"`)
    comma = tree.sentence.word(verb.index - 1)
    node = verb
    for head in tree.ancestors(verb):
        after_comma = node is verb and verb.xpos == "VBG" and comma is not None and comma.text == ","
        if node.deprel in ("ccomp", "xcomp") and _is_cue_verb(head) and not after_comma:
            return None
        node = head
    subject_ids = {w.index for s in tree.kids(verb, *SUBJECT_RELS, "nsubj:pass") for w in tree.subtree(s)}
    region = [w for w in tree.subtree(verb) if w.index not in subject_ids and w.index > verb.index]
    if not region:
        return None
    for quote in quotes:
        # (the closing punctuation may hang elsewhere: `to be "patient and resilient."`)
        if not (quote.closed and region[0].start <= quote.start and quote.inner_start < region[-1].end):
            continue
        between = [w for w in tree.sentence.words if verb.end <= w.start < quote.start]
        if any(w.upos == "VERB" or w.text in _CLAUSE_BREAKS for w in between):
            return None
        inner = [w for w in tree.sentence.words if quote.inner_start <= w.start < quote.inner_end]
        if not inner or len(inner) > FRAGMENT_WORDS:
            return None
        words = [w for w in between if w.upos != "PUNCT"]
        if verb.lemma in NAMING_LEMMAS and words:
            # `named their robot "Robogee."`: a naming small clause keeps what was named, and the
            # closing mark (decisions: small clauses; spans)
            return words[0].start, quote.end
        return quote.inner_start, quote.inner_end
    return None


_NP_BREAK_UPOS = frozenset({"PUNCT", "VERB", "AUX", "SCONJ"})
_NOMINAL_UPOS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
SURFACE_WINDOW = 8  # words between a cue and its `that`, or after a final `, X said`


def _surface_subject(sentence: Sentence, verb: Word) -> tuple[Word, tuple[Word, ...]] | None:
    """The noun phrase right before a cue (`..., three people with direct knowledge told`), for
    when the parse gives the cue no subject. Returns its head and its words. A bare past
    participle has none: the noun before it is what was named (`a military development program
    dubbed "Zrínyi 2026"`, `a holiday called National Day`)."""
    i = verb.index - 1
    before = sentence.word(verb.index - 1)
    # (after a comma it is more likely a past tense the tagger missed: `X, who had investigated
    # the case, cautioned justice does not come swiftly`)
    if verb.xpos == "VBN" and before is not None and before.upos in ("NOUN", "PROPN"):
        return None
    while i >= 1 and sentence.words[i - 1].upos in ("AUX", "ADV", "PART"):
        i -= 1
    words: list[Word] = []
    while (
        i >= 1
        and sentence.words[i - 1].upos not in _NP_BREAK_UPOS
        and sentence.words[i - 1].text not in QUOTE_CHARS
    ):
        words.insert(0, sentence.words[i - 1])
        i -= 1
    if not words and i >= 1 and sentence.words[i - 1].text == ",":
        return _name_before_appositive(sentence, i)
    while words and words[0].upos in ("ADP", "SCONJ"):
        words.pop(0)  # `With Zinichev describing ...`: the preposition is no part of the speaker
    if not words or not any(w.upos in _NOMINAL_UPOS for w in words):
        return None
    # English heads come early when a prepositional phrase follows (`people with knowledge of`)
    # and late inside a noun run (`spokesman Zhao Lijian`): take the end of the first nominal run
    head = None
    for w in words:
        if w.upos in _NOMINAL_UPOS:
            head = w
        elif head is not None:
            break
    return (head, tuple(words)) if head is not None else None


def _name_before_appositive(sentence: Sentence, comma: int) -> tuple[Word, tuple[Word, ...]] | None:
    """`Dr Gary Mortimer, retail expert from QUT, said` / `Reuters, citing anonymous sources,
    reported`: the comma at 1-based position `comma` closes an appositive or participial phrase;
    the name before that phrase is the speaker."""
    words = sentence.words
    opening = next((k for k in range(comma - 1, 0, -1) if words[k - 1].text == ","), None)
    if opening is None or comma - opening < 2:
        return None
    name: list[Word] = []
    k = opening - 1
    while k >= 1 and words[k - 1].upos == "PROPN":
        name.insert(0, words[k - 1])
        k -= 1
    if not name:
        # `a German government source, whom they did not name, said`: a noun phrase opened by a
        # determiner, set off by a relative clause
        if words[opening].text.lower() not in _WH_RELATIVES:
            return None
        k = opening - 1
        while k >= 1 and words[k - 1].upos in ("ADJ", "NOUN", "PROPN", "NUM"):
            name.insert(0, words[k - 1])
            k -= 1
        if not name or name[-1].upos != "NOUN" or k < 1 or words[k - 1].upos != "DET":
            return None
        name.insert(0, words[k - 1])
    return name[-1], tuple(name)


def _surface_complement(
    sentence: Sentence, verb: Word, speaker_words: tuple[Word, ...]
) -> tuple[int, int] | None:
    """Content by word order when the parse attached no clause to the cue: `X told Reuters on
    Friday that P` (a `that` shortly after the cue) or `P, X said on Friday.` (the cue ends the
    sentence after a comma)."""
    after = [w for w in sentence.words if w.index > verb.index]
    for position, word in enumerate(after[:SURFACE_WINDOW]):
        # a finite verb ends the search; `at a press briefing that P` has a participle-like noun
        finite = word.upos in ("VERB", "AUX") and word.xpos not in ("VBG", "VBN")
        # (a bracketed aside is no break: `announced on Monday (local time) that P`)
        if finite or (word.upos == "PUNCT" and word.text not in ",()"):
            break
        if word.text.lower() == "that":
            rest = [w for w in after[position + 1 :]]
            # `that P, and urged it to ...`: a finite verb right after `, and` is the speaker's next act
            for k in range(len(rest) - 2):
                conjunction, next_verb = rest[k + 1], rest[k + 2]
                if rest[k].text == "," and conjunction.upos == "CCONJ" and next_verb.xpos in ("VBD", "VBZ"):
                    rest = rest[:k]
                    break
            while rest and rest[-1].upos == "PUNCT" and rest[-1].text not in QUOTE_CHARS:
                rest.pop()
            return _content_from_words(rest) if rest else None
    tail = [w for w in after if w.upos != "PUNCT"]
    if len(tail) > SURFACE_WINDOW or any(w.upos in ("VERB", "AUX") for w in tail):
        return _rest_of_sentence(sentence, verb)
    first = speaker_words[0] if speaker_words else verb
    comma = sentence.word(first.index - 1)
    if comma is not None and comma.text in QUOTE_CHARS:
        # `“P,” the company said`: the content runs to the closing mark
        before = [w for w in sentence.words if w.index <= comma.index]
        return _content_from_words(before) if before else None
    if comma is None or comma.text != ",":
        return None
    before = [w for w in sentence.words if w.index < comma.index]
    # what stands before the comma must be a clause of its own: `According to local news,`,
    # `Also on Sunday,` and `While many transactions occur in dollars,` are adjuncts of the cue
    if not before or not any(w.xpos in FINITE_XPOS for w in before):
        return None
    if before[0].upos in ("SCONJ", "ADP") or before[0].text.lower() in _SUBORDINATORS:
        return None
    return _content_from_words(before)


_SUBORDINATORS = frozenset(
    {"while", "when", "if", "although", "though", "as", "because", "since", "after", "before"}
)
_CLAUSE_SUBORDINATORS = _SUBORDINATORS | {"unless"}
# subordinators that cannot sit inside a noun phrase (`as`, `after` and `before` can)
_OBJECT_CLOSERS = frozenset({"so", "because", "unless", "although", "though", "if", "whereas", "while"})


RECIPIENT_LEMMAS = frozenset(["tell", "inform", "assure", "remind", "warn", "notify", "brief"])
TIME_WORDS = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "yesterday",
        "today",
        "tonight",
        "earlier",
        "later",
        "last",
        "this",
        "next",
        "week",
        "month",
        "year",
        "morning",
        "evening",
        "night",
        "weekend",
    ]
)
# Heads of a time phrase after an object (`called his mother the next day`): TIME_WORDS and the
# nouns it lacks because `_rest_of_sentence` must not skip them (`said time was short`).
_TIME_NOUNS = TIME_WORDS | {"day", "afternoon", "hour", "time"}
FINITE_XPOS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _rest_of_sentence(sentence: Sentence, verb: Word) -> tuple[int, int] | None:
    """`X said six deaths were of children`: the clause after the cue by word order, for when the
    parse split it into an object and a stray verb. Skips a recipient after `told`, time words and
    prepositional adjuncts (`on Friday`, `at a briefing`); needs a finite verb in what remains."""
    rest = [w for w in sentence.words if w.index > verb.index]
    i = 0

    def past_phrase(i: int, kinds: tuple[str, ...]) -> int:
        # a determiner after a noun opens the next phrase, the clause's subject (`told CBC News the
        # department will ...`, `reported on Monday a German government source ... said`)
        start = i
        while i < len(rest) and rest[i].upos in kinds:
            if i > start and rest[i].upos == "DET" and rest[i - 1].upos in ("NOUN", "PROPN", "PRON"):
                break
            i += 1
        return i

    if verb.lemma in RECIPIENT_LEMMAS:
        i = past_phrase(i, ("DET", "ADJ", "NOUN", "PROPN", "PRON", "NUM"))
    while i < len(rest):
        word = rest[i]
        if word.text.lower() in TIME_WORDS or (word.upos == "PUNCT" and word.text == ","):
            i += 1
        elif word.upos == "ADP":
            i = past_phrase(i + 1, ("DET", "ADJ", "NOUN", "PROPN", "NUM"))
        elif word.text == "(" and i > 0:
            # `announced via Twitter around 11:30 am (1830 UTC), phase one had been completed`: a
            # bracketed aside to an adjunct
            closing = next((k for k in range(i + 1, len(rest)) if rest[k].text == ")"), None)
            if closing is None:
                break
            i = closing + 1
        else:
            break
    rest = rest[i:]
    while rest and rest[-1].upos == "PUNCT" and rest[-1].text not in QUOTE_CHARS:
        rest.pop()
    opener = next((w for w in rest if w.text not in QUOTE_CHARS), None)  # `said "three terrorists" were`
    opens_phrase = opener is not None and (
        opener.upos in ("DET", "NOUN", "PROPN", "PRON", "NUM", "ADJ")
        or opener.text.lower() in ("both", "either", "neither")  # `reported both production and ...`
    )
    if not opens_phrase:
        return None
    # `said the fire, which started on Monday, was under control`: a relative clause between commas
    # belongs to the subject; the clause's own verb comes after it
    aside: set[int] = set()
    for k in range(1, len(rest) - 1):
        if rest[k].text == "," and rest[k + 1].text.lower() in _WH_RELATIVES:
            closing = next((j for j in range(k + 2, len(rest)) if rest[j].text == ","), None)
            if closing is not None:
                aside.update(range(k, closing + 1))
                break
    finite = next((k for k, w in enumerate(rest) if k > 0 and k not in aside and w.xpos in FINITE_XPOS), None)
    if finite is None:
        return None
    # `announced the schedule in a press release and followed it up with ...`: a finite verb right
    # after `and` coordinates with the cue; the clause before it has no verb of its own
    # (unless a verb the tagger took for a participle comes first: `a fourth offender escaped and
    # remains wanted`)
    if rest[finite - 1].upos == "CCONJ" and not any(w.upos == "VERB" for w in rest[: finite - 1]):
        return None
    # `assumed the presidency in 1987, he also became head of the armed forces`: a lone comma
    # before the first finite verb ends the object, and a clause of the writer's follows; a pair of
    # commas holds an appositive (`Hamza bin Laden, son of ..., has been killed`) and `, and`
    # coordinates the subject
    commas = [k for k, w in enumerate(rest[:finite]) if w.text == "," and k not in aside]
    if len(commas) % 2 == 1 and rest[commas[-1] + 1].upos != "CCONJ":
        return None
    # `announced a naval coalition to patrol the Gulf which was joined by ...`: a finite verb
    # reached only through an infinitive or a relative pronoun belongs to the object, no clause
    if any(w.text.lower() in _WH_RELATIVES | {"to"} for k, w in enumerate(rest[:finite]) if k not in aside):
        return None
    # `declared a state of emergency so he could begin ...`: likewise through a subordinator
    if any(w.text.lower() in _OBJECT_CLOSERS for w in rest[:finite]):
        return None
    return _content_from_words(rest)


QUOTE_GAP_WORDS = 4  # words (a time phrase: `said on Friday`) between a cue and its quotation


@dataclass(frozen=True)
class _QuoteEnds:
    """Closed quotations by the offset of their opening mark and just after their closing mark,
    built once per article (every cue verb looks its neighbours up)."""

    by_start: dict[int, Quotation]
    by_end: dict[int, Quotation]

    @classmethod
    def of(cls, quotes: list[Quotation]) -> _QuoteEnds:
        closed = [q for q in quotes if q.closed]
        return cls({q.start: q for q in closed}, {q.end: q for q in closed})


def _adjacent_quotation(
    sentence: Sentence,
    verb: Word,
    speaker_words: tuple[Word, ...] | list[Word],
    ends_of_quotes: _QuoteEnds,
    text: str,
) -> Quotation | None:
    """A clause-like quotation standing right next to the cue and its speaker, by word order:
    `"P," she said` / `"P," said X` (it ends just before them, a comma between at most) or
    `X said, "P"` / `X said on Friday "P"` (it opens just after the cue, past a short time or
    place phrase and a comma or colon). The parse often hangs such quotations elsewhere."""
    by_start, by_end = ends_of_quotes.by_start, ends_of_quotes.by_end

    def clause_like(quote: Quotation) -> bool:
        return len(text[quote.inner_start : quote.inner_end].split()) >= 3

    first = min([verb, *speaker_words], key=lambda w: w.index)
    before = [w for w in sentence.words if w.index < first.index]
    while before and before[-1].text == ",":
        before.pop()
    if before and before[-1].end in by_end:
        quote = by_end[before[-1].end]
        if clause_like(quote):
            return quote  # before `after`: `"A," the minister said, "B."` gives A here, B inherits
    # ends of the cue and of a short phrase after it (`on Friday`, `reporters` after `told`)
    ends = [verb.end]
    after = [w for w in sentence.words if w.index > verb.index and w.text not in (",", ":")]
    if after and (
        after[0].upos == "ADP" or after[0].text.lower() in TIME_WORDS or verb.lemma in RECIPIENT_LEMMAS
    ):
        for word in after[:QUOTE_GAP_WORDS]:
            if word.upos not in ("ADP", "NOUN", "PROPN", "NUM", "DET", "ADJ"):
                break
            ends.append(word.end)
    for end in ends:
        # the quotation may open the next sentence: `said on Friday "We made a plea ..."`
        j = end
        while j < len(text) and (text[j].isspace() or text[j] in ",:"):
            j += 1
        if j in by_start:
            return by_start[j] if clause_like(by_start[j]) else None
    return None


FRAMING_GAP_WORDS = 8  # words between a framing verb and its quotation (`spoke on Fox News,`)


def _framed_quotation(tree: _Tree, verb: Word, ends_of_quotes: _QuoteEnds, text: str) -> Quotation | None:
    """A clause-like quotation framed by a verb that is no reporting verb of its own, by word order
    (corpora/ANNOTATION-DECISIONS.md: the verb before the colon or comma is the cue):
    `Trump defended his decision, "As I have stated ..."`, `Graham spoke on Fox News, "This is ..."`
    (a short phrase, then a comma or colon and the quotation), or `"ISIS is not defeated ...",
    Graham continued.` (the quotation, a comma, the subject and the verb ending the sentence)."""
    if verb.upos != "VERB" or verb.xpos not in FINITE_XPOS:
        return None
    words = tree.sentence.words
    after = [w for w in words if w.index > verb.index]
    for word in after[: FRAMING_GAP_WORDS + 1]:
        if word.text in QUOTE_CHARS or word.xpos in FINITE_XPOS or word.upos == "AUX":
            break
        if word.text in (",", ":"):
            j = word.end
            while j < len(text) and text[j].isspace():
                j += 1
            found = _long_enough(ends_of_quotes.by_start.get(j), text)
            if found is not None:
                return found  # else an aside set off by commas may come first (`read, in part, "..."`)
    # `"P", Graham continued.`: the verb ends the sentence
    if after and not all(w.upos == "PUNCT" and w.text not in QUOTE_CHARS for w in after):
        return None
    subjects = tree.kids(verb, *SUBJECT_RELS)
    if not subjects:
        return None
    first = min(w.index for w in tree.subtree(subjects[0]))
    comma = tree.sentence.word(first - 1)
    before = tree.sentence.word(first - 2) if comma is not None and comma.text == "," else comma
    return _long_enough(ends_of_quotes.by_end.get(before.end) if before is not None else None, text)


def _long_enough(quote: Quotation | None, text: str) -> Quotation | None:
    """The quotation when it holds a clause's worth of words (four or more), not a quoted title."""
    if quote is not None and len(text[quote.inner_start : quote.inner_end].split()) >= 4:
        return quote
    return None


def _coordinated_speaker(tree: _Tree, verb: Word) -> Word | None:
    """`Netanyahu found the air strike justified and called Trump's order swift`: a cue right
    after `and` shares the subject of the cue before it, when the parse hung it elsewhere."""
    before = tree.sentence.word(verb.index - 1)
    if before is None or before.upos != "CCONJ" or verb.deprel != "conj":
        return None
    for earlier in reversed(tree.sentence.words[: verb.index - 2]):
        if earlier.upos == "VERB" and _is_cue_verb(earlier):
            subjects = tree.kids(earlier, *SUBJECT_RELS)
            return subjects[0] if subjects else None
    return None


def _inverted_speaker(
    tree: _Tree, sentence: Sentence, verb: Word, ends_of_quotes: _QuoteEnds, text: str
) -> Word | None:
    """`"P," said a protester`: after a quotation the cue comes first and the parse may take the
    speaker for its object; the noun phrase right after the cue is the speaker then."""
    if (
        verb.lemma in RECIPIENT_LEMMAS
        or _adjacent_quotation(sentence, verb, (), ends_of_quotes, text) is None
    ):
        return None
    nxt = sentence.word(verb.index + 1)
    if nxt is None or nxt.upos not in ("DET", "ADJ", "NOUN", "PROPN", "NUM"):
        return None
    for kid in tree.kids(verb, "obj", "nsubj", "nsubj:pass"):
        if kid.index > verb.index:
            return kid
    return None


def _in_quotes(quotes: list[Quotation]) -> Callable[[int], bool]:
    """`position -> any(q.contains(position) for q in quotes)` by binary search.

    Every word is tested, so scanning all quotations each time grew with words x quotations."""
    inner = sorted((q.inner_start, q.inner_end) for q in quotes)
    starts = [start for start, _ in inner]
    reach = list(itertools.accumulate((end for _, end in inner), max))  # furthest end so far

    def inside(position: int) -> bool:
        i = bisect.bisect_right(starts, position) - 1
        return i >= 0 and reach[i] > position

    return inside


def _sentence_cues(
    sentence: Sentence,
    text: str,
    quotes: list[Quotation],
    in_quotes: Callable[[int], bool] | None = None,
    ends_of_quotes: _QuoteEnds | None = None,
) -> list[_Cue]:
    tree = _Tree(sentence)
    cues: list[_Cue] = []
    in_quotes = in_quotes or _in_quotes(quotes)
    ends_of_quotes = ends_of_quotes or _QuoteEnds.of(quotes)
    for word in sentence.words:
        if in_quotes(word.start):
            continue  # cues inside a direct quotation belong to the quotation (guide rule 7)
        according = _according_to(tree, word, text)
        if according:
            cues.append(according)
            continue
        as_clause = _as_small_clause(tree, word) if word.upos == "VERB" else None
        framing = None
        gerund_only = word.lemma in GERUND_ONLY_LEMMAS and _prepositional_gerund(tree, word) is not None
        fragment = (
            None if _is_cue_verb(word) or as_clause is not None else _quoted_fragment(tree, word, quotes)
        )
        if not _is_cue_verb(word) and as_clause is None and not gerund_only and fragment is None:
            framing = _framed_quotation(tree, word, ends_of_quotes, text)
            if framing is None:
                continue
        if any(part.start <= word.start < part.end for cue in cues for part in cue.parts[1:]):
            continue  # the `saying` of `quoted Y as saying P` is no cue of its own
        if word.lemma in ("quote", "cite") and any(
            _with_subject(tree, saying) is not None for saying in tree.kids(word, "advcl", "xcomp")
        ):
            # `It quoted critics like ..., with Boswell stating: "P"`: the participle has a
            # speaker of its own, whose cue it is; the quoting verb is no `quoted Y as saying`
            continue
        quoted = _quoted_as_saying(tree, word, text)
        if quoted:
            cues.append(quoted)
            continue
        if _is_passive(tree, word) and not tree.kids(word, "obl:agent"):
            continue  # `was found`, `is said to be`: agentless passives are not statements
        speaker = _find_subject(tree, word)
        surface: tuple[Word, ...] = ()
        if not tree.kids(word, *SUBJECT_RELS) and not tree.kids(word, "nsubj:pass"):
            # no subject of its own: a noun phrase right before the cue after a comma (`P, the
            # minister said`) beats one inherited through a conjunction the parse may have invented
            found = _surface_subject(sentence, word)
            if found is not None:
                before = sentence.word(found[1][0].index - 1)
                after_comma = before is not None and (before.text == "," or before.text in QUOTE_CHARS)
                # `X, whom they did not name, said`: the relative clause closed right before the cue
                relative = sentence.word(found[1][-1].index + 2)
                after_comma = after_comma or (
                    sentence.word(word.index - 1).text == ","
                    and relative is not None
                    and relative.text.lower() in _WH_RELATIVES
                )
                # an inherited subject to the right of the cue is the reported clause's own subject
                if speaker is None or after_comma or speaker.index > word.index:
                    speaker, surface = found
        if speaker is not None and in_quotes(speaker.start) and not in_quotes(word.start):
            # a subject inside the quotation: the parse tangled quote and cue; the noun phrase
            # right before the cue is the speaker (`Member of Parliament (MP) Yvette Cooper of the
            # Labour Party added, "Boris Johnson is trying ..."`, with `Boris` the subject of `added`)
            speaker = None
            found = _surface_subject(sentence, word)
            if found is not None and not in_quotes(found[0].start):
                speaker, surface = found
        if speaker is None:
            speaker = _inverted_speaker(tree, sentence, word, ends_of_quotes, text)
        if speaker is None:
            speaker = _coordinated_speaker(tree, word)
        if speaker is None:
            continue
        speaker_words = surface or tuple(_speaker_words(tree, speaker))
        if as_clause is not None:
            parts = _cue_parts(tree, word, text)
            cues.append(_Cue(sentence, word, speaker, parts, as_clause[0], as_clause[1], "", surface))
            continue
        if fragment is not None:
            if not _unidentified(speaker_words):
                parts = _cue_parts(tree, word, text)
                cues.append(_Cue(sentence, word, speaker, parts, fragment[0], fragment[1], "", surface))
            continue
        adjacent = framing or _adjacent_quotation(sentence, word, speaker_words, ends_of_quotes, text)
        if framing is not None and (not tree.kids(word, *SUBJECT_RELS) or surface):
            continue  # a framing verb needs a subject of its own
        if adjacent is not None:
            parts = _cue_parts(tree, word, text)
            cues.append(_Cue(sentence, word, speaker, parts, adjacent.start, adjacent.end, "", surface))
            continue
        content = _complement(tree, word) or _fragment_quote(tree, word, quotes)
        stray = content is not None and (
            len(text[content[0] : content[1]].split()) <= 1 or _headless(sentence, content, word)
        )
        if stray and not in_quotes(content[0]) and not _is_negated(tree, word):
            content = _rest_of_sentence(sentence, word) or content  # a stray word: the parse split the clause
        if content is None and not _is_negated(tree, word):
            content = _surface_complement(sentence, word, speaker_words)
        if content is None:
            continue
        if _unidentified(speaker_words) or _mandative(tree, word, content):
            continue
        content = _with_relative_word(sentence, word, speaker_words, content)
        # `she made this decision ..., insisting she was ...`: the participle cue is a statement of
        # its own (with the same speaker), not part of this content
        for later in sentence.words:
            if content[0] < later.start < content[1] and not in_quotes(later.start):
                # (not one on a reported cue: `said Poehl emphasised X, saying P` nests)
                governor = tree.head_of(later)
                nested = (
                    governor is not None
                    and _is_cue_verb(governor)
                    and governor.start >= content[0]
                    and not _is_passive(tree, governor)  # `had not been considered, adding P`
                )
                if nested:
                    continue
                if _trailing_participle_cue(tree, later):
                    content = (content[0], sentence.word(later.index - 1).start)
                    break
                boundary = _speakers_next_cue(tree, word, later, content)
                if boundary is not None:
                    content = (content[0], boundary.start)
                    break
        cue = _Cue(sentence, word, speaker, _cue_parts(tree, word, text), content[0], content[1], "", surface)
        cues.append(cue)
    return _drop_nested(tree, cues)


def _unidentified(speaker_words: tuple[Word, ...] | list[Word]) -> bool:
    """`Estimates suggest`, `reports describe`: a bare plural that names no source (guide rule 2)."""
    return (
        len(speaker_words) == 1
        and speaker_words[0].lemma.lower() in UNIDENTIFIED_SPEAKERS
        and "Number=Plur" in (speaker_words[0].feats or "")
    )


def _mandative(tree: _Tree, verb: Word, content: tuple[int, int]) -> bool:
    """`The President insists that the budget include funding for the wall`: a subjunctive (a bare
    verb with a subject of its own and no auxiliary) after a verb of demanding is a demand, not a
    claim (corpora/ANNOTATION-DECISIONS.md)."""
    if verb.lemma not in MANDATIVE_LEMMAS:
        return False
    for clause in tree.kids(verb, "ccomp", "xcomp", "advcl"):
        if (
            content[0] <= clause.start < content[1]
            and not tree.kids(clause, "aux", "aux:pass")
            and (clause.xpos == "VB" or (clause.xpos == "VBP" and _third_singular_subject(tree, clause)))
        ):
            return True
    return False


def _third_singular_subject(tree: _Tree, verb: Word) -> bool:
    """`the budget include`: a plain present form with a singular noun subject is a subjunctive."""
    return any(
        s.upos in ("NOUN", "PROPN") and "Number=Sing" in (s.feats or "")
        for s in tree.kids(verb, *SUBJECT_RELS)
    )


def _headless(sentence: Sentence, content: tuple[int, int], verb: Word) -> bool:
    """A content after the cue that opens with a finite verb or with the relative word of a clause
    after a comma (`said the plane, which was carrying 16 people, had crashed` read as `which was
    carrying 16 people`, or `was under control`): the parse lost the reported clause's subject."""
    first = next((w for w in sentence.words if w.start >= content[0]), None)
    if first is None or first.index <= verb.index:
        return False
    before = sentence.word(first.index - 1)
    relative = first.text.lower() in _WH_RELATIVES and before is not None and before.text == ","
    return relative or (first.xpos in FINITE_XPOS and before is not None and before.index != verb.index)


def _with_relative_word(
    sentence: Sentence, verb: Word, speaker_words: tuple[Word, ...] | list[Word], content: tuple[int, int]
) -> tuple[int, int]:
    """`..., which state media said were under control`: a relative word right before the speaker
    belongs to the reported clause, so the content is the whole relative clause, relative word and
    cue included (guide rule 10 and corpora/ANNOTATION-DECISIONS.md). Not when a preposition makes
    the relative word the occasion of the saying (`a report in which they said P`)."""
    first = speaker_words[0] if speaker_words else verb
    relative = sentence.word(first.index - 1)
    if relative is None or relative.upos != "PRON" or relative.text.lower() not in _RELATIVE_WORDS:
        return content
    before = sentence.word(relative.index - 1)
    if (before is not None and before.upos == "ADP") or content[1] <= verb.end:
        return content
    return relative.start, content[1]


def _drop_nested(tree: _Tree, cues: list[_Cue]) -> list[_Cue]:
    """Guide rule 7: no inner statement under negation or modality, or by the outer speaker."""
    kept = []
    for cue in cues:
        outer = [
            o
            for o in cues
            if o is not cue and o.content_start <= cue.word.start and cue.word.end <= o.content_end
        ]
        if outer:
            if cue.kind_hint != "according_to" and _is_suppressed(tree, cue.word):
                continue
            if any(_same_speaker(o, cue) for o in outer):
                continue
        kept.append(cue)
    return kept


def _same_speaker(outer: _Cue, inner: _Cue) -> bool:
    inner_word = inner.speaker_head.text.lower()
    if inner_word == "it":
        # `The Investigative Committee says it has found no trace`: `it` in what a body says is the body
        outer_head = outer.speaker_head
        return outer_head.upos in ("NOUN", "PROPN") and "Number=Plur" not in (outer_head.feats or "")
    if inner_word in PERSONAL_PRONOUNS - {"it", "you"}:
        return (
            outer.speaker_head.text.lower() not in PERSONAL_PRONOUNS
            or outer.speaker_head.text.lower() == inner_word
        )
    return inner_word == outer.speaker_head.text.lower()


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip whitespace, a final full stop and joining punctuation from an indirect content span."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in TRAILING_PUNCT + "."):
        end -= 1
    return start, end


def _direct_span(text: str, quote: Quotation) -> tuple[int, int]:
    """Guide rule 8: the text between the marks, a trailing comma dropped, `.?!` kept."""
    start, end = quote.inner_start, quote.inner_end
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def _classify(text: str, start: int, end: int, quotes: list[Quotation]) -> tuple[str, int, int]:
    """Decide direct or mixed or indirect and fix the content span accordingly."""
    inside = [q for q in quotes if q.start < end and start < q.end]
    for quote in inside:
        # the content is (essentially) one quotation: a direct statement
        q_start, q_end = quote.start, quote.end
        outside = text[start:q_start] + text[q_end:end]
        if not outside.strip(" ,.;:—–-\n\"'“”‘’"):
            s, e = _direct_span(text, quote)
            return "direct", s, e
        # the parse kept one sentence of a multi-sentence quotation: take the whole quotation
        if quote.inner_start <= start and end <= quote.end:
            s, e = _direct_span(text, quote)
            return "direct", s, e
    s, e = _trim(text, start, end)
    # a content that stops inside a quotation it opened runs to the closing mark: the parse cut
    # the quoted words short (`calling the agreements "legitimate and fully compatible ..."`)
    for quote in inside:
        if quote.closed and s <= quote.start < e < quote.inner_end:
            e = quote.end
    # a content ending in a quotation keeps its closing mark (and the punctuation inside it)
    for quote in inside:
        if quote.closed and s < quote.end <= end + 1 and quote.end > e and text[s : quote.end].strip():
            e = quote.end
    if any(ch in QUOTE_CHARS for ch in text[s:e]) and inside:
        return "mixed", s, e
    return "indirect", s, e


_WRITERS_CONTRAST = re.compile(r",?\s+despite\b|,\s+while\s+(?!also\b)")


def _clip_to_cue_clause(
    text: str, start: int, end: int, cue: Span, quotes: list[Quotation]
) -> tuple[int, int]:
    """Keep a non-quoted content on its cue's side of a semicolon (`Officials said three people
    died; their identities were not provided`) and drop a trailing `despite ...` or `, while ...`
    contrast, which is the writer's (`it has found no trace of explosives despite Znak.com claiming
    ...`, `were killed in a firefight, while footage from the scene showed ...`;
    corpora/ANNOTATION-DECISIONS.md, Spans). Marks inside a quotation stay."""
    inside = _in_quotes(quotes)
    for offset in range(start, end):
        if text[offset] == ";" and not inside(offset):
            if offset < cue.start:
                start = offset + 1
            else:
                end = min(end, offset)
                break
    for found in _WRITERS_CONTRAST.finditer(text, max(start, cue.end), end):
        if not inside(found.start()) and found.start() > start:
            return start, found.start()
    return start, end


def _without_final_gloss(tree: _Tree, start: int, end: int) -> int:
    """Guide rule 9: a final non-restrictive relative clause (`this break will allow him to develop
    plans, which he is to present on October 14`) or `, meaning ...` participle is the writer's
    gloss, left out of the content. By word order, as parses often hang such a clause on the main
    verb: it must follow the content's own finite verb, and no `, <finite verb>` may come back to
    the main clause after it (`gas, which leaks often, was the trigger` keeps it)."""
    words = [w for w in tree.sentence.words if start <= w.start < end]
    for k, word in enumerate(words):
        lowered = word.text.lower()
        gloss = lowered in _WH_RELATIVES or (lowered == "meaning" and word.xpos == "VBG")
        # `the military had been "effectively disarmed" by 2010, when Viktor Orbán regained the
        # prime ministry`: a `when` clause on a date is the writer's gloss too
        dated = k >= 2 and (words[k - 2].upos == "NUM" or words[k - 2].text.lower() in _MONTHS)
        gloss = gloss or (lowered == "when" and dated)
        if not gloss or k < 2 or words[k - 1].text != ",":
            continue
        if not any(w.xpos in FINITE_XPOS for w in words[: k - 1]):
            continue
        rest = words[k + 1 :]
        if any(a.text == "," and b.xpos in FINITE_XPOS for a, b in itertools.pairwise(rest)):
            continue
        return words[k - 1].start
    return end


_WH_WORDS = frozenset({"which", "what", "how", "whom", "whose", "whether", "why", "where", "when", "who"})
_QUESTION_OPENERS = frozenset({"whether", "if", "why", "how"})


def _proposition(tree: _Tree, start: int, end: int, cue: Word) -> bool:
    """Whether an indirect content can be a proposition (guide rule 2): not a lone word (`expects
    rising production costs`), not a short phrase without a verb (`immediate area`; an adjective
    will do after `call`-like cues: `called it unprecedented`), not a noun phrase whose only finite
    verbs sit in relative clauses (`agreed on a line as their shared maritime border that would
    make ...`), not a prepositional phrase without a finite verb (`in regard to the case`), nor one
    opening an indirect question or relative clause (`on how impeachment inquiries work`, `in which
    Tsvangirai became prime minister`)."""
    words = [w for w in tree.sentence.words if start <= w.start < end and w.upos != "PUNCT"]
    if not words:
        return True  # the content runs on past this sentence (a long quotation): nothing to judge
    if len(words) < 2:
        return False
    # `called it unprecedented`, `named X as terrorists`, `ascribed the explosion to terrorism`
    small_clause = cue.lemma in SMALL_CLAUSE_LEMMAS or cue.lemma in lexicons.table("as_clause_verbs")
    predicates = ("VERB", "AUX", "ADJ") if small_clause else ("VERB", "AUX")
    if len(words) <= 3 and not any(w.upos in predicates for w in words):
        return False
    inside = {w.index for w in words}
    heads = [w for w in words if w.head not in inside]
    if len(heads) == 1 and heads[0].upos in ("NOUN", "PROPN") and not small_clause:
        # (the head itself may be a clause the parse hung as a relative: `groups which believed
        # homosexuality was a sin`)
        relative = {
            r.index for w in words if w.deprel == "acl:relcl" and w is not heads[0] for r in tree.subtree(w)
        }
        if not any(w.xpos in FINITE_XPOS and w.index not in relative for w in words):
            return False
    # an indirect question (`did not mention if there were casualties`, `have not said why ...`;
    # corpora/ANNOTATION-DECISIONS.md): the question word hangs on the content's own head, where a
    # conditional (`if the goal is peace, then ...`) hangs on a later main clause
    if words[0].text.lower() in _QUESTION_OPENERS and len(heads) == 1 and words[0].head == heads[0].index:
        return False
    if words[0].upos == "ADP" and words[0].text.lower() not in ("as",):
        if len(words) > 1 and words[1].text.lower() in _WH_WORDS:
            return False
        if not any(w.xpos in FINITE_XPOS for w in words):
            return False
    return True


def _statement_from_cue(cue: _Cue, text: str, quotes: list[Quotation]) -> Statement | None:
    tree = _Tree(cue.sentence)
    speaker_words = list(cue.speaker_words) or _speaker_words(tree, cue.speaker_head)
    if cue.speaker_head.index < cue.word.index:
        # `a motion claiming the state of emergency ...`: the cue in a participle on the speaker
        # ends the speaker's phrase
        kept = [w for w in speaker_words if w.index < cue.word.index]
        while kept and kept[-1].upos in ("PUNCT", "CCONJ", "ADP", "SCONJ") and kept[-1].text != ")":
            kept.pop()  # a closing bracket ends an abbreviation (`Forces (SDF)`)
        speaker_words = kept or speaker_words
    # `Residents there told the press ...`: a locative `there` or `here` between the speaker and
    # the cue says which residents (the parse makes it the cue's expletive)
    locative = tree.sentence.word(speaker_words[-1].index + 1) if speaker_words else None
    if (
        locative is not None
        and locative.text.lower() in ("there", "here")
        and locative.index + 1 == cue.word.index
    ):
        speaker_words = [*speaker_words, locative]
    s_start, s_end = _span(speaker_words)
    kind, start, end = _classify(text, cue.content_start, cue.content_end, quotes)
    if kind != "direct":
        start, end = _trim(text, *_clip_to_cue_clause(text, start, end, cue.parts[0], quotes))
        end = _trim(text, start, _without_final_gloss(tree, start, end))[1]
    if cue.kind_hint == "according_to":
        kind = "according_to"
    if end <= start or (kind == "indirect" and not _proposition(tree, start, end, cue.word)):
        return None
    head = cue.speaker_head
    if s_start < start < s_end and head.end <= start:
        # a speaker phrase never runs into what it says: `rejected by Prime Minister Boris Johnson
        # over fears it would amount to amnesty` has the content hung on the name; the phrase ends
        # before the preposition that leads into it
        into = next((w for w in speaker_words if w.index > head.index and w.upos == "ADP"), None)
        kept = [w for w in speaker_words if w.end <= start and (into is None or w.index < into.index)]
        if kept:
            s_start, s_end = _span(kept)
    # a speaker inside the content means the parse tangled them; keep the statement, cut nothing
    return Statement(
        content=Span.of(text, start, end),
        kind=kind,
        cue=cue.parts,
        speaker=Span.of(text, s_start, s_end),
        sentence_index=cue.sentence.index,
    )


def _inherited_quotes(
    parsed: ParsedText, quotes: list[Quotation], statements: list[Statement]
) -> list[Statement]:
    """Guide rule 4: a quotation with no cue of its own goes to the preceding attribution's speaker.

    This covers a quotation in a later sentence (`... he said. "More."`) and the second half of a
    quotation interrupted by its cue (`"A," he said, "B."`), which is a statement of its own."""
    text = parsed.text
    extra: list[Statement] = []
    covered = [(s.content.start, s.content.end) for s in statements]
    for quote in quotes:
        if any(a <= quote.inner_start < b or quote.start <= a < quote.end for a, b in covered):
            continue
        sentence = next((s for s in parsed.sentences if s.start <= quote.inner_start < s.end + 1), None)
        if sentence is None:
            continue
        previous = [s for s in statements + extra if s.content.end <= quote.start and s.speaker is not None]
        last = max(previous, key=lambda s: s.content.end) if previous else None
        latest = max((s.sentence_index for s in previous), default=-1)
        framer = _framing_subject(parsed, sentence.index - 1) if quote.start <= sentence.start + 1 else None
        if framer is not None and latest < framer[1]:
            speaker = framer[0]  # `McGurk also criticized the decision via Twitter. "The WH statement ..."`
        elif last is not None and sentence.index - last.sentence_index <= 3:
            speaker = last.speaker
        else:
            continue
        inner = [w for w in sentence.words if quote.inner_start <= w.start < quote.inner_end]
        # a clause-like quotation, not a scare-quoted word in the narrator's sentence
        clause_like = any(w.upos in ("VERB", "AUX") for w in inner) and len(inner) >= 3
        # a quotation after a semicolon or colon opens a clause of its own, as a sentence would
        starts_sentence = quote.start <= sentence.start + 1 or text[: quote.start].rstrip()[-1:] in (";", ":")
        mostly_quote = len(inner) >= 0.6 * len(sentence.words)
        continues_quote = latest == sentence.index and last is not None and last.kind == "direct"
        if not (clause_like and (starts_sentence or mostly_quote or continues_quote)):
            continue
        start, end = _direct_span(text, quote)
        if end <= start:
            continue
        extra.append(
            Statement(
                content=Span.of(text, start, end),
                kind="direct",
                cue=(),
                speaker=speaker,
                sentence_index=sentence.index,
            )
        )
    return extra


@cache
def _speaking_or_judging_lemmas() -> frozenset[str]:
    """Reporting verbs, `as` small-clause verbs and quoted-fragment verbs, from their lexicons."""
    return (
        frozenset(_reporting_lemmas())
        | frozenset(lexicons.table("as_clause_verbs"))
        | lexicons.words("fragment_cues")
    )


def _framing_subject(parsed: ParsedText, index: int) -> tuple[Span, int] | None:
    """The subject of sentence `index` when its main verb is a verb of speaking or judging with a
    noun-phrase object only (`Brett McGurk ... also criticized the decision via Twitter.`): a
    quotation opening the next sentence is that subject's, with no cue of its own
    (corpora/ANNOTATION-DECISIONS.md, cue-less quotes)."""
    if index < 0:
        return None
    sentence = parsed.sentences[index]
    tree = _Tree(sentence)
    root = next((w for w in sentence.words if w.head == 0), None)
    if root is None or root.upos != "VERB":
        return None
    subjects = tree.kids(root, *SUBJECT_RELS)
    if (
        root.lemma not in _speaking_or_judging_lemmas()
        or not subjects
        or subjects[0].upos not in ("NOUN", "PROPN")
    ):
        return None
    words = _speaker_words(tree, subjects[0])
    return Span.of(parsed.text, words[0].start, words[-1].end), index


def extract_statements(parsed: ParsedText) -> list[Statement]:
    """All attributed statements of a parsed article, in text order."""
    text = parsed.text
    quotes = find_quotations(text)
    in_quotes = _in_quotes(quotes)
    ends_of_quotes = _QuoteEnds.of(quotes)
    statements: list[Statement] = []
    seen: set[tuple[int, int, int]] = set()
    for sentence in parsed.sentences:
        for cue in _sentence_cues(sentence, text, quotes, in_quotes, ends_of_quotes):
            statement = _statement_from_cue(cue, text, quotes)
            if statement is None:
                continue
            key = (
                statement.content.start,
                statement.content.end,
                statement.speaker.start if statement.speaker else -1,
            )
            if key in seen:
                continue
            seen.add(key)
            statements.append(statement)
    statements += _inherited_quotes(parsed, quotes, statements)
    statements.sort(key=lambda s: (s.content.start, s.content.end))
    logger.debug("%d statements in %d sentences", len(statements), len(parsed.sentences))
    return statements
