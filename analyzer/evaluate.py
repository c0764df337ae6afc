"""Evaluation: score analyses against gold files in the guide's schema.

In: gold JSON files and predicted JSON files (the analyzer's own export, same schema). Out: a
`Scores` summary, overall and per article, printed by `analyzer evaluate`; also
`gold_statements`, a gold file's statements as `Statement`s, for the benchmarks that score one
stage on gold input.

Matching is one-to-one per article. Content spans are trimmed of whitespace, quote marks and
punctuation first. 'overlap' pairs a prediction with a gold statement when the character Jaccard
of their trimmed contents is >= 0.5 (best pairs first); 'exact' needs the same trimmed boundaries.
On overlap-matched pairs we score the speaker mention, the canonical speaker, the speaker type,
the kind and the hedge cues; contradictions are scored as pairs of matched statements.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from analyzer.nlp import ParsedText, Sentence
from analyzer.records import HedgeCue, Span, Statement

TRIM_CHARS = " \t\r\n\"'“”‘’«».,;:!?—–-()[]"
JACCARD_THRESHOLD = 0.5


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in TRIM_CHARS:
        start += 1
    while end > start and text[end - 1] in TRIM_CHARS:
        end -= 1
    return start, end


def jaccard(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union > 0 else 0.0


def _norm_name(name: str) -> str:
    name = re.sub(r"\s+", " ", name or "").strip().lower()
    name = re.sub(r"^(the|a|an) ", "", name)
    return name.replace("’", "'")


def speaker_mention_matches(text: str, gold: dict, pred: dict) -> bool:
    """The predicted speaker mention names the same words as the gold one."""
    g_text, p_text = _norm_name(gold.get("speaker", "")), _norm_name(pred.get("speaker", ""))
    if g_text and g_text == p_text:
        return True
    gs, ge, ps, pe = (
        gold.get("speaker_start"),
        gold.get("speaker_end"),
        pred.get("speaker_start"),
        pred.get("speaker_end"),
    )
    if None in (gs, ge, ps, pe):
        return False
    if min(ge, pe) <= max(gs, ps):
        return False
    g_tokens = set(re.findall(r"\w+", text[gs:ge].lower()))
    p_tokens = set(re.findall(r"\w+", text[ps:pe].lower()))
    return bool(g_tokens) and len(g_tokens & p_tokens) / len(g_tokens | p_tokens) >= 0.5


def canonical_matches(gold: dict, pred: dict) -> bool:
    g, p = _norm_name(gold.get("speaker_canonical", "")), _norm_name(pred.get("speaker_canonical", ""))
    return bool(g) and (g == p or (len(p) > 3 and (g.endswith(" " + p) or p.endswith(" " + g))))


def match(text: str, gold: list[dict], pred: list[dict], exact: bool = False) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, pred index)."""
    g_spans = [trimmed(text, g["content_start"], g["content_end"]) for g in gold]
    p_spans = [trimmed(text, p["content_start"], p["content_end"]) for p in pred]
    candidates = []
    for gi, gs in enumerate(g_spans):
        for pi, ps in enumerate(p_spans):
            if exact:
                if gs == ps:
                    candidates.append((1.0, gi, pi))
            else:
                score = jaccard(gs, ps)
                if score >= JACCARD_THRESHOLD:
                    candidates.append((score, gi, pi))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_g, used_p, pairs = set(), set(), []
    for _, gi, pi in candidates:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    return pairs


@dataclass
class Counts:
    gold: int = 0
    pred: int = 0
    matched: int = 0
    exact: int = 0
    speaker_right: int = 0
    canonical_right: int = 0
    type_right: int = 0
    kind_right: int = 0
    hedge_gold: int = 0
    hedge_pred: int = 0
    hedge_right: int = 0
    contra_gold: int = 0
    contra_pred: int = 0
    contra_right: int = 0
    gold_by_type: Counter = field(default_factory=Counter)
    found_by_type: Counter = field(default_factory=Counter)
    type_confusion: Counter = field(default_factory=Counter)

    def add(self, other: Counts) -> None:
        for name, value in vars(other).items():
            if isinstance(value, Counter):
                getattr(self, name).update(value)
            else:
                setattr(self, name, getattr(self, name) + value)


def prf(right: int, pred: int, gold: int) -> tuple[float, float, float]:
    p = right / pred if pred else 0.0
    r = right / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score_article(gold_doc: dict, pred_doc: dict) -> Counts:
    text = gold_doc["text"]
    if pred_doc.get("text") != text:
        raise ValueError(f"{gold_doc.get('article_id')}: predicted text differs from the gold text")
    gold, pred = gold_doc.get("statements", []), pred_doc.get("statements", [])
    counts = Counts(gold=len(gold), pred=len(pred))
    pairs = match(text, gold, pred)
    counts.matched = len(pairs)
    counts.exact = len(match(text, gold, pred, exact=True))
    for g in gold:
        counts.gold_by_type[g.get("speaker_type", "")] += 1
    for gi, pi in pairs:
        g, p = gold[gi], pred[pi]
        counts.speaker_right += speaker_mention_matches(text, g, p)
        counts.canonical_right += canonical_matches(g, p)
        counts.type_right += g.get("speaker_type") == p.get("speaker_type")
        counts.type_confusion[(g.get("speaker_type", ""), p.get("speaker_type", "") or "-")] += 1
        counts.kind_right += g.get("kind") == p.get("kind")
        if canonical_matches(g, p):
            counts.found_by_type[g.get("speaker_type", "")] += 1
        g_hedges = {(h["start"], h["end"]) for h in g.get("hedges", [])}
        p_hedges = {(h["start"], h["end"]) for h in p.get("hedges", [])}
        counts.hedge_gold += len(g_hedges)
        counts.hedge_pred += len(p_hedges)
        counts.hedge_right += len(g_hedges & p_hedges)
    # contradictions: a predicted pair is right when both sides match the two sides of a gold pair
    to_gold = {pi: gi for gi, pi in pairs}
    gold_pairs = {frozenset((c["a"], c["b"])) for c in gold_doc.get("contradictions", [])}
    pred_pairs = {frozenset((c["a"], c["b"])) for c in pred_doc.get("contradictions", [])}
    counts.contra_gold, counts.contra_pred = len(gold_pairs), len(pred_pairs)
    for pair in pred_pairs:
        a, b = tuple(pair)
        if a in to_gold and b in to_gold and frozenset((to_gold[a], to_gold[b])) in gold_pairs:
            counts.contra_right += 1
    return counts


@dataclass
class Scores:
    per_article: dict[str, Counts]
    total: Counts

    def summary(self) -> dict[str, Any]:
        t = self.total
        overlap = prf(t.matched, t.pred, t.gold)
        exact = prf(t.exact, t.pred, t.gold)
        e2e = prf(t.speaker_right, t.pred, t.gold)
        canonical = prf(t.canonical_right, t.pred, t.gold)
        hedges = prf(t.hedge_right, t.hedge_pred, t.hedge_gold)
        contra = prf(t.contra_right, t.contra_pred, t.contra_gold)
        anon_recall = (
            t.found_by_type["anonymous"] / t.gold_by_type["anonymous"] if t.gold_by_type["anonymous"] else 0.0
        )
        return {
            "articles": len(self.per_article),
            "gold_statements": t.gold,
            "predicted_statements": t.pred,
            "overlap": overlap,
            "exact": exact,
            "speaker_accuracy": t.speaker_right / t.matched if t.matched else 0.0,
            "end_to_end": e2e,
            "canonical_end_to_end": canonical,
            "speaker_type_accuracy": t.type_right / t.matched if t.matched else 0.0,
            "kind_accuracy": t.kind_right / t.matched if t.matched else 0.0,
            "hedge_cues": hedges,
            "contradictions": contra,
            "anonymous_recall": anon_recall,
            "recall_by_type": {
                k: (t.found_by_type[k] / v if v else 0.0, v) for k, v in sorted(t.gold_by_type.items())
            },
        }


def load_docs(folder: Path) -> dict[str, dict]:
    docs = {}
    for path in sorted(Path(folder).glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        docs[doc.get("article_id") or path.stem] = doc
    return docs


# --- gold files as Statements (benchmarks and tests that bypass attribution) ---------------------


def _cue_spans(text: str, item: dict) -> tuple[Span, ...]:
    """The cue's parts: one span from cue_start/cue_end, or one per ` ... ` part found in order (the
    gold offsets of a split cue cover its first part only)."""
    start, end = item.get("cue_start"), item.get("cue_end")
    if start is None or end is None or end <= start:
        return ()
    parts = item.get("cue", "").split(" ... ")
    if len(parts) < 2:
        return (Span.of(text, start, end),)
    spans, cursor = [], start
    for part in parts:
        found = text.find(part, cursor, cursor + 300)
        if found < 0:
            return (Span.of(text, start, end),)
        spans.append(Span.of(text, found, found + len(part)))
        cursor = found + len(part)
    return tuple(spans)


def gold_statements(document: dict, parsed: ParsedText | None = None) -> list[Statement]:
    """Statements from one gold file's spans, with the annotated speakers and hedges."""
    text = document["text"]
    canonical_ids: dict[str, int] = {}
    statements = []
    for item in document["statements"]:
        speaker = None
        if item.get("speaker_start") is not None and item.get("speaker_end") is not None:
            speaker = Span.of(text, item["speaker_start"], item["speaker_end"])
        canonical = item.get("speaker_canonical", "")
        hedges = tuple(
            HedgeCue(Span.of(text, h["start"], h["end"]), h["category"]) for h in item.get("hedges", [])
        )
        sentence = 0
        if parsed is not None:
            sentence = max(
                (s.index for s in parsed.sentences if s.start <= item["content_start"]),
                default=0,
            )
        statements.append(
            Statement(
                content=Span.of(text, item["content_start"], item["content_end"]),
                kind=item.get("kind", "indirect"),
                cue=_cue_spans(text, item),
                speaker=speaker,
                sentence_index=sentence,
                source_id=canonical_ids.setdefault(canonical.lower(), len(canonical_ids)),
                speaker_canonical=canonical,
                speaker_type=item.get("speaker_type", ""),
                hedges=tuple(sorted(hedges, key=lambda h: (h.span.start, h.span.end))),
            )
        )
    return statements


def concatenate_articles(
    parses: list[ParsedText], statement_lists: list[list[Statement]]
) -> tuple[ParsedText, list[Statement]]:
    """All articles joined by blank lines as one text, every offset shifted (to time a stage on long input)."""
    separator = "\n\n"
    text = separator.join(p.text for p in parses)
    sentences: list[Sentence] = []
    statements: list[Statement] = []
    shift = 0
    for parsed, own in zip(parses, statement_lists, strict=True):

        def moved(span: Span, shift: int = shift) -> Span:
            return Span.of(text, span.start + shift, span.end + shift)

        for sentence in parsed.sentences:
            words = tuple(replace(w, start=w.start + shift, end=w.end + shift) for w in sentence.words)
            sentences.append(Sentence(len(sentences), sentence.start + shift, sentence.end + shift, words))
        for st in own:
            statements.append(
                replace(
                    st,
                    content=moved(st.content),
                    cue=tuple(moved(c) for c in st.cue),
                    speaker=moved(st.speaker) if st.speaker else None,
                    hedges=tuple(replace(h, span=moved(h.span)) for h in st.hedges),
                )
            )
        shift += len(parsed.text) + len(separator)
    return ParsedText(text, tuple(sentences)), statements


def evaluate(gold_docs: dict[str, dict], pred_docs: dict[str, dict]) -> Scores:
    per_article: dict[str, Counts] = {}
    total = Counts()
    for article_id, gold in gold_docs.items():
        pred = pred_docs.get(article_id, {"text": gold["text"], "statements": [], "contradictions": []})
        counts = score_article(gold, pred)
        per_article[article_id] = counts
        total.add(counts)
    return Scores(per_article, total)


def format_scores(scores: Scores, per_article: bool = True) -> str:
    s = scores.summary()
    lines = []
    if per_article:
        lines.append(
            f"{'article':60} {'gold':>4} {'pred':>4} {'P':>5} {'R':>5} {'F1':>5} {'exF1':>5} {'e2eF1':>5} {'canF1':>5}"
        )
        for article_id, c in scores.per_article.items():
            p, r, f = prf(c.matched, c.pred, c.gold)
            ef = prf(c.exact, c.pred, c.gold)[2]
            e2e = prf(c.speaker_right, c.pred, c.gold)[2]
            can = prf(c.canonical_right, c.pred, c.gold)[2]
            lines.append(
                f"{article_id[:60]:60} {c.gold:4d} {c.pred:4d} {p:5.2f} {r:5.2f} {f:5.2f} {ef:5.2f} {e2e:5.2f} {can:5.2f}"
            )
        lines.append("")
    t = scores.total
    lines.append(
        f"articles: {s['articles']}  gold statements: {s['gold_statements']}  predicted: {s['predicted_statements']}"
    )
    lines.append("statements (overlap): P {:.3f} R {:.3f} F1 {:.3f}".format(*s["overlap"]))
    lines.append("statements (exact):   P {:.3f} R {:.3f} F1 {:.3f}".format(*s["exact"]))
    lines.append(f"speaker accuracy on matched: {s['speaker_accuracy']:.3f}")
    lines.append(
        "end-to-end (matched + speaker mention): P {:.3f} R {:.3f} F1 {:.3f}".format(*s["end_to_end"])
    )
    lines.append(
        "end-to-end (matched + canonical speaker): P {:.3f} R {:.3f} F1 {:.3f}".format(
            *s["canonical_end_to_end"]
        )
    )
    lines.append(f"speaker type accuracy on matched: {s['speaker_type_accuracy']:.3f}")
    lines.append(f"kind accuracy on matched: {s['kind_accuracy']:.3f}")
    lines.append("hedge cues on matched: P {:.3f} R {:.3f} F1 {:.3f}".format(*s["hedge_cues"]))
    lines.append(
        "contradiction pairs: P {:.3f} R {:.3f} F1 {:.3f}".format(*s["contradictions"])
        + f" (gold {t.contra_gold}, predicted {t.contra_pred})"
    )
    lines.append(f"anonymous-source recall (canonical right): {s['anonymous_recall']:.3f}")
    lines.append("recall per gold speaker_type (canonical right): " + ", ".join(
        f"{k} {v[0]:.2f} (n={v[1]})" for k, v in s["recall_by_type"].items()
    ))  # fmt: skip
    types = sorted({g for g, _ in t.type_confusion} | {p for _, p in t.type_confusion})
    lines.append("speaker type confusion (rows gold, columns predicted):")
    lines.append(" " * 14 + "".join(f"{name[:8]:>9}" for name in types))
    for g in types:
        if any(t.type_confusion[(g, p)] for p in types):
            lines.append(f"{g[:13]:14}" + "".join(f"{t.type_confusion[(g, p)]:9d}" for p in types))
    return "\n".join(lines)
