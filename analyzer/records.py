"""The records that cross stages: small frozen dataclasses holding character offsets.

Every offset indexes the one canonical article text (`Article.text`), as Python string indices.
Each span keeps its own text so that `text[start:end] == span.text` can be checked anywhere
(`Span.check`). Later stages never mutate a record: they build a new one with
`dataclasses.replace`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

STATEMENT_KINDS = ("direct", "indirect", "mixed", "according_to")
SPEAKER_TYPES = ("person", "organization", "government", "media", "anonymous", "unnamed_group", "document")
HEDGE_CATEGORIES = (
    "modal", "adverb", "epistemic", "reporting_verb", "vague", "peacock", "approximator", "conditional",
)  # fmt: skip


class AnalyzerError(Exception):
    """The analyzer's own documented error: bad input or a missing model, with a message to show."""


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(start, end, text[start:end])

    def check(self, article_text: str) -> bool:
        return (
            0 <= self.start <= self.end <= len(article_text)
            and article_text[self.start : self.end] == self.text
        )


@dataclass(frozen=True, slots=True)
class HedgeCue:
    span: Span
    category: str  # one of HEDGE_CATEGORIES, or "negation" / "booster" (recorded, not hedges)

    @property
    def is_hedge(self) -> bool:
        return self.category in HEDGE_CATEGORIES


@dataclass(frozen=True, slots=True)
class ScoreFactor:
    """One named, signed contribution to a score, so that no score is a black box."""

    name: str
    value: float
    reason: str


@dataclass(frozen=True, slots=True)
class Statement:
    content: Span
    kind: str
    cue: tuple[Span, ...]  # empty for a quotation that inherits the previous speaker
    speaker: Span | None
    sentence_index: int
    # filled by speakers
    source_id: int | None = None
    speaker_canonical: str = ""
    speaker_type: str = ""
    speaker_ambiguous: bool = False
    # filled by hedging and credibility
    hedges: tuple[HedgeCue, ...] = ()
    hedging_score: float = 0.0
    hedging_factors: tuple[ScoreFactor, ...] = ()
    attribution_score: float = 0.0
    attribution_factors: tuple[ScoreFactor, ...] = ()

    @property
    def cue_text(self) -> str:
        return " ... ".join(part.text for part in self.cue)

    def spans(self) -> list[Span]:
        found = [self.content, *self.cue, *(h.span for h in self.hedges)]
        if self.speaker is not None:
            found.append(self.speaker)
        return found


@dataclass(frozen=True, slots=True)
class Source:
    source_id: int
    canonical: str
    speaker_type: str
    mentions: tuple[Span, ...]
    role: Span | None = None
    anonymity_reason: Span | None = None
    knowledge_basis: Span | None = None
    flags: tuple[str, ...] = ()  # e.g. "bare_sources", "plural_without_evidence", "ambiguous"

    def spans(self) -> list[Span]:
        return [s for s in (*self.mentions, self.role, self.anonymity_reason, self.knowledge_basis) if s]


@dataclass(frozen=True, slots=True)
class Contradiction:
    a: int  # index into Analysis.statements
    b: int
    score: float
    why: str
    evidence: tuple[tuple[str, Span], ...] = ()  # (label, span) pairs naming the evidence


@dataclass(frozen=True, slots=True)
class Article:
    article_id: str
    text: str
    title: str = ""
    source: str = ""
    metadata: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Analysis:
    article: Article
    statements: tuple[Statement, ...]
    sources: tuple[Source, ...] = ()
    contradictions: tuple[Contradiction, ...] = ()
    profile: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    versions: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    timings: dict[str, float] = field(default_factory=dict, hash=False, compare=False)

    @property
    def text(self) -> str:
        return self.article.text

    def all_spans(self) -> list[Span]:
        spans: list[Span] = []
        for statement in self.statements:
            spans += statement.spans()
        for source in self.sources:
            spans += source.spans()
        for contradiction in self.contradictions:
            spans += [span for _, span in contradiction.evidence]
        return spans
