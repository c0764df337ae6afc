"""Credibility: an attribution score per statement and a profile of the article's sourcing.

In: statements with speakers resolved and hedges found (`speakers.resolve`, `hedging.annotate`), and
the article's `Source`s. Out: the statements with `attribution_score` and `attribution_factors`
filled, and `article_profile`, a dict of plain JSON values.

The attribution score says how well the article lets a reader check who stands behind a statement;
it is not a judgement of whether the statement is true. It follows the newsroom standards on
sourcing: the AP Stylebook and the AP's statement on anonymous sources, the Reuters Handbook of
Journalism ("Sourcing") and The New York Times' guidelines on anonymous sources. Those agree that
an on-record source named by name is the strongest attribution, and an anonymous source the weakest,
acceptable only when the story says why anonymity was granted and how the source knows. A bare
"sources said" is discouraged, and plural "sources" should mean more than one source. Direct
quotation is preferred to paraphrase, and the reporting verb should be neutral: `claimed` and
`alleged` cast doubt, `confirmed` and `admitted` vouch.

Scoring, in one place. Every statement starts at `BASE` (0.5) and each factor below adds a signed
value; the factors, each with its reason, are stored with the statement, and their values add up to
the score (a last `range` factor appears only when the sum had to be clipped to [0, 1]).

| factor | values |
|---|---|
| speaker | named person/organization/government +0.20 (by role only +0.10), media +0.10, document +0.05, unnamed_group -0.10, anonymous -0.20, no speaker -0.25 |
| on_record | on record +0.05, anonymous -0.10 |
| anonymity_explained | anonymous with a reason given +0.05, without -0.10; 0 when on record |
| knowledge_basis | how the source knows is given +0.05; anonymous or unnamed group without it -0.05 |
| sources_plural | anonymous "sources" with no sign of more than one, or bare "sources": -0.05 |
| directness | direct +0.10, mixed +0.05, indirect 0, according_to -0.05 |
| cue_commitment | committed cue +0.05, neutral 0, tentative -0.10 (lexicons/reporting_verbs.tsv, as read by `hedging.cue_commitment`) |
| ambiguous_speaker | a pronoun left ambiguous between candidates -0.10 |

Speaker types come from `Statement.speaker_type` (else the source's); anonymity reason, knowledge
basis and flags from the `Source` (`speakers._describe_source`).
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from typing import Any

from analyzer import lexicons
from analyzer.hedging import cue_commitment, guess_lemma
from analyzer.records import ScoreFactor, Source, Statement

logger = logging.getLogger(__name__)

BASE = 0.5
NAMED_TYPES = ("person", "organization", "government")

SPEAKER_VALUES = {
    "named": 0.20,
    "role": 0.10,
    "media": 0.10,
    "document": 0.05,
    "unnamed_group": -0.10,
    "anonymous": -0.20,
    "none": -0.25,
}
DIRECTNESS_VALUES = {"direct": 0.10, "mixed": 0.05, "indirect": 0.0, "according_to": -0.05}
COMMITMENT_VALUES = {"committed": 0.05, "neutral": 0.0, "tentative": -0.10}

# Corroboration (article_profile): two statements say the same thing when they share this share of
# the content words of the shorter one, and at least `MIN_SHARED_WORDS` of them.
OVERLAP_THRESHOLD = 0.5
MIN_SHARED_WORDS = 3

_STOPWORDS = frozenset(
    {
        "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for", "with", "from",
        "as", "that", "this", "these", "those", "it", "its", "is", "are", "was", "were", "be", "been", "being",
        "has", "have", "had", "do", "does", "did", "will", "would", "could", "should", "may", "might", "can",
        "must", "not", "no", "he", "she", "they", "we", "you", "i", "his", "her", "their", "our", "your",
        "him", "them", "us", "me", "who", "which", "what", "when", "where", "there", "here", "than", "then",
        "so", "also", "just", "very", "more", "most", "some", "any", "all", "said", "says", "say", "told",
        "according", "about", "over", "after", "before", "into", "out", "up", "down", "new",
    }
)  # fmt: skip
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'-]+|\d[\d,.]*")


def _speaker_type(statement: Statement, source: Source | None) -> str:
    return statement.speaker_type or (source.speaker_type if source else "")


def _has_proper_name(canonical: str) -> bool:
    """Whether a canonical speaker carries a name (a capitalised word past the first), not only a role."""
    words = canonical.split()
    return any(w[:1].isupper() for w in words[1:]) or (len(words) == 1 and words[0][:1].isupper())


def _speaker_factor(statement: Statement, source: Source | None) -> ScoreFactor:
    kind = _speaker_type(statement, source)
    canonical = statement.speaker_canonical or (source.canonical if source else "")
    if statement.speaker is None and not kind:
        return ScoreFactor("speaker", SPEAKER_VALUES["none"], "no speaker found for the statement")
    if kind in NAMED_TYPES:
        if _has_proper_name(canonical):
            return ScoreFactor("speaker", SPEAKER_VALUES["named"], f"{kind} named: {canonical!r}")
        return ScoreFactor("speaker", SPEAKER_VALUES["role"], f"{kind} described by role only: {canonical!r}")
    if kind in SPEAKER_VALUES:
        reasons = {
            "media": "a news outlet: second-hand reporting",
            "document": "a document: checkable, but no one speaks for it",
            "unnamed_group": "an unnamed group (`officials`, `experts`): no one accountable by name",
            "anonymous": "anonymous source: the weakest attribution (AP, Reuters, NYT)",
        }
        return ScoreFactor("speaker", SPEAKER_VALUES[kind], f"{reasons[kind]}: {canonical!r}")
    return ScoreFactor("speaker", SPEAKER_VALUES["none"], f"speaker type unknown ({kind!r})")


def _anonymity_factors(statement: Statement, source: Source | None) -> list[ScoreFactor]:
    kind = _speaker_type(statement, source)
    factors = []
    if kind == "anonymous":
        factors.append(ScoreFactor("on_record", -0.10, "not on the record"))
        if source is not None and source.anonymity_reason is not None:
            factors.append(
                ScoreFactor(
                    "anonymity_explained",
                    0.05,
                    f"why anonymity was granted: {source.anonymity_reason.text!r}",
                )
            )
        else:
            factors.append(
                ScoreFactor(
                    "anonymity_explained", -0.10, "the article does not say why the source is anonymous"
                )
            )
    else:
        factors.append(ScoreFactor("on_record", 0.05, "on the record" if kind else "no anonymity marked"))
        factors.append(ScoreFactor("anonymity_explained", 0.0, "not anonymous; does not apply"))
    if source is not None and source.knowledge_basis is not None:
        factors.append(
            ScoreFactor("knowledge_basis", 0.05, f"how the source knows: {source.knowledge_basis.text!r}")
        )
    elif kind in ("anonymous", "unnamed_group"):
        factors.append(ScoreFactor("knowledge_basis", -0.05, "the article does not say how the source knows"))
    else:
        factors.append(ScoreFactor("knowledge_basis", 0.0, "not stated; not required of an on-record source"))
    flags = set(source.flags) if source is not None else set()
    if kind == "anonymous" and flags & {"plural_without_evidence", "bare_sources"}:
        why = (
            "plural `sources` with nothing to show more than one"
            if "plural_without_evidence" in flags
            else "bare `sources`, with no description"
        )
        factors.append(ScoreFactor("sources_plural", -0.05, why))
    return factors


def cue_lemma(statement: Statement) -> str:
    """The reporting verb's lemma, from the cue text (last word that reporting_verbs.tsv knows)."""
    known = lexicons.table("reporting_verbs")
    for part in reversed(statement.cue):
        for word in reversed(_WORD_RE.findall(part.text)):
            lemma = guess_lemma(word)
            if lemma in known:
                return lemma
    return ""


def _commitment_factor(statement: Statement) -> ScoreFactor:
    if not statement.cue:
        return ScoreFactor("cue_commitment", 0.0, "no cue of its own (continues an attributed quotation)")
    if statement.kind == "according_to":
        return ScoreFactor("cue_commitment", 0.0, f"{statement.cue_text!r}: neutral attribution")
    lemma = cue_lemma(statement)
    commitment = cue_commitment(lemma) or "neutral"
    value = COMMITMENT_VALUES.get(commitment, 0.0)
    explanation = {
        "committed": "the verb vouches for the claim",
        "neutral": "a neutral reporting verb",
        "tentative": "a distancing or tentative verb",
    }.get(commitment, "")
    shown = lemma or "unknown verb, taken as neutral"
    return ScoreFactor(
        "cue_commitment", value, f"{statement.cue_text!r} ({shown}): {commitment}, {explanation}"
    )


def attribution_factors(statement: Statement, source: Source | None) -> tuple[float, tuple[ScoreFactor, ...]]:
    """The score in [0, 1] and its factors (their values add up to the score)."""
    factors = [ScoreFactor("base", BASE, "starting point for every statement")]
    factors.append(_speaker_factor(statement, source))
    factors += _anonymity_factors(statement, source)
    directness = DIRECTNESS_VALUES.get(statement.kind, 0.0)
    factors.append(ScoreFactor("directness", directness, f"{statement.kind} statement"))
    factors.append(_commitment_factor(statement))
    if statement.speaker_ambiguous:
        factors.append(
            ScoreFactor("ambiguous_speaker", -0.10, "the pronoun could refer to more than one speaker")
        )
    total = sum(f.value for f in factors)
    clipped = min(1.0, max(0.0, total))
    if clipped != total:
        factors.append(ScoreFactor("range", clipped - total, "clipped to [0, 1]"))
    return clipped, tuple(factors)


def score_statements(statements: list[Statement], sources: list[Source]) -> list[Statement]:
    """Fill `attribution_score` and `attribution_factors` of every statement."""
    by_id = {source.source_id: source for source in sources}
    scored = []
    for statement in statements:
        source = by_id.get(statement.source_id) if statement.source_id is not None else None
        score, factors = attribution_factors(statement, source)
        scored.append(replace(statement, attribution_score=score, attribution_factors=factors))
    return scored


# --- the article profile ---------------------------------------------------------------------------


def content_words(text: str) -> set[str]:
    return {w.lower() for w in _WORD_RE.findall(text) if w.lower() not in _STOPWORDS and len(w) > 2}


def _same_claim(a: set[str], b: set[str]) -> bool:
    shared = a & b
    return len(shared) >= MIN_SHARED_WORDS and len(shared) >= OVERLAP_THRESHOLD * min(len(a), len(b))


def _overlapping_spans(a: Statement, b: Statement) -> bool:
    # an outer statement contains an inner one (`according to X, Y said P`): same words, one report
    return a.content.start < b.content.end and b.content.start < a.content.end


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def article_profile(statements: list[Statement], sources: list[Source]) -> dict[str, Any]:
    """Sourcing measures of one article, as plain JSON values.

    Two statements back each other when their speakers are different sources, their spans do not
    overlap, and they share at least half the content words of the shorter one (at least 3).
    """
    by_id = {source.source_id: source for source in sources}
    n = len(statements)

    def kind_of(statement: Statement) -> str:
        return _speaker_type(statement, by_id.get(statement.source_id))

    kinds = [kind_of(s) for s in statements]
    anonymous = [s for s, k in zip(statements, kinds, strict=True) if k == "anonymous"]
    explained = [s for s in anonymous if (src := by_id.get(s.source_id)) is not None and src.anonymity_reason]
    ordered = sorted(statements, key=lambda s: (s.content.start, s.content.end))
    first_anonymous = bool(ordered) and kind_of(ordered[0]) == "anonymous"

    words = [content_words(s.content.text) for s in statements]
    backed_by: list[set[int]] = [set() for _ in statements]  # indices of statements saying the same
    for i, a in enumerate(statements):
        for j in range(i + 1, n):
            b = statements[j]
            if a.source_id is None or b.source_id is None or a.source_id == b.source_id:
                continue
            if _overlapping_spans(a, b) or not _same_claim(words[i], words[j]):
                continue
            backed_by[i].add(j)
            backed_by[j].add(i)
    # its own source plus at least one other
    corroborated = sum(1 for found in backed_by if found)
    only_anonymous = sum(
        1
        for i, kind in enumerate(kinds)
        if kind == "anonymous" and all(kinds[j] == "anonymous" for j in backed_by[i])
    )

    used_sources = {s.source_id for s in statements if s.source_id is not None}
    return {
        "statements": n,
        "sources": len(used_sources) if used_sources else len(sources),
        "share_named": _share(sum(1 for k in kinds if k in NAMED_TYPES), n),
        "share_media": _share(kinds.count("media"), n),
        "share_anonymous": _share(len(anonymous), n),
        "share_unnamed_group": _share(kinds.count("unnamed_group"), n),
        "share_document": _share(kinds.count("document"), n),
        "share_anonymous_explained": _share(len(explained), len(anonymous)),
        "first_source_anonymous": first_anonymous,
        "claims_only_anonymous": only_anonymous,
        "corroborated_statements": corroborated,
        "share_hedged": _share(sum(1 for s in statements if any(h.is_hedge for h in s.hedges)), n),
    }
