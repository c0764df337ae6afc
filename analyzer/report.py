"""Reports: an `Analysis` as gold-schema JSON, JSONL, CSV, pandas tables and a self-contained HTML page.

In: `Analysis`. Out: dicts, DataFrames, strings and files. The JSON export follows
../shared/ANNOTATION-GUIDE.md (so an analysis can be scored against gold with no conversion) and
adds offsets, sources, scores with their factors, hedge cues and the article profile.
CSV cells that a spreadsheet would run as formulas (= + - @ and control characters at the start)
are prefixed with an apostrophe; CSV files carry a UTF-8 BOM so spreadsheets show accents.
"""

from __future__ import annotations

import html
import io
import itertools
import json
from pathlib import Path
from typing import Any

import pandas as pd

from analyzer.records import Analysis, Span, Statement

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _span_dict(span: Span | None) -> dict[str, Any] | None:
    return None if span is None else {"start": span.start, "end": span.end, "text": span.text}


def statement_dict(statement: Statement) -> dict[str, Any]:
    first_cue = statement.cue[0] if statement.cue else None
    return {
        "content": statement.content.text,
        "content_start": statement.content.start,
        "content_end": statement.content.end,
        "speaker": statement.speaker.text if statement.speaker else "",
        "speaker_start": statement.speaker.start if statement.speaker else None,
        "speaker_end": statement.speaker.end if statement.speaker else None,
        "speaker_canonical": statement.speaker_canonical,
        "speaker_type": statement.speaker_type,
        "cue": statement.cue_text,
        "cue_start": first_cue.start if first_cue else None,
        "cue_end": first_cue.end if first_cue else None,
        "cue_parts": [_span_dict(part) for part in statement.cue],
        "kind": statement.kind,
        "sentence_index": statement.sentence_index,
        "source_id": statement.source_id,
        "speaker_ambiguous": statement.speaker_ambiguous,
        "hedges": [
            {"start": h.span.start, "end": h.span.end, "text": h.span.text, "category": h.category}
            for h in statement.hedges
            if h.is_hedge
        ],
        "other_cues": [
            {"start": h.span.start, "end": h.span.end, "text": h.span.text, "category": h.category}
            for h in statement.hedges
            if not h.is_hedge
        ],
        "hedging_score": round(statement.hedging_score, 4),
        "hedging_factors": [
            {"name": f.name, "value": round(f.value, 4), "reason": f.reason}
            for f in statement.hedging_factors
        ],
        "attribution_score": round(statement.attribution_score, 4),
        "attribution_factors": [
            {"name": f.name, "value": round(f.value, 4), "reason": f.reason}
            for f in statement.attribution_factors
        ],
    }


def to_json_dict(analysis: Analysis) -> dict[str, Any]:
    """The analysis in the gold schema, plus the analyzer's extra fields."""
    article = analysis.article
    return {
        "article_id": article.article_id,
        "source": article.source or "analyzer output",
        "title": article.title,
        "text": article.text,
        "statements": [statement_dict(s) for s in analysis.statements],
        "contradictions": [
            {
                "a": c.a,
                "b": c.b,
                "why": c.why,
                "score": round(c.score, 4),
                "evidence": [{"label": label, **_span_dict(span)} for label, span in c.evidence],
            }
            for c in analysis.contradictions
        ],
        "sources": [
            {
                "source_id": s.source_id,
                "canonical": s.canonical,
                "speaker_type": s.speaker_type,
                "mentions": [_span_dict(m) for m in s.mentions],
                "role": _span_dict(s.role),
                "anonymity_reason": _span_dict(s.anonymity_reason),
                "knowledge_basis": _span_dict(s.knowledge_basis),
                "flags": list(s.flags),
                "n_statements": sum(1 for st in analysis.statements if st.source_id == s.source_id),
            }
            for s in analysis.sources
        ],
        "profile": analysis.profile,
        "metadata": dict(article.metadata),
        "versions": analysis.versions,
    }


def statements_frame(analysis: Analysis) -> pd.DataFrame:
    rows = []
    for index, s in enumerate(analysis.statements):
        row = statement_dict(s)
        rows.append(
            {
                "article_id": analysis.article.article_id,
                "statement": index,
                "speaker": row["speaker"],
                "speaker_canonical": row["speaker_canonical"],
                "speaker_type": row["speaker_type"],
                "cue": row["cue"],
                "kind": row["kind"],
                "content": row["content"],
                "content_start": row["content_start"],
                "content_end": row["content_end"],
                "speaker_start": row["speaker_start"],
                "speaker_end": row["speaker_end"],
                "cue_start": row["cue_start"],
                "cue_end": row["cue_end"],
                "hedged": bool(row["hedges"]),
                "hedges": "; ".join(f"{h['text']} ({h['category']})" for h in row["hedges"]),
                "hedging_score": row["hedging_score"],
                "attribution_score": row["attribution_score"],
                "attribution_factors": "; ".join(
                    f"{f['name']} {f['value']:+.2f}" for f in row["attribution_factors"]
                ),
                "anonymous": s.speaker_type == "anonymous",
                "contradicted_by": ", ".join(
                    str(c.b if c.a == index else c.a) for c in analysis.contradictions if index in (c.a, c.b)
                ),
            }
        )
    columns = [
        "article_id", "statement", "speaker", "speaker_canonical", "speaker_type", "cue", "kind", "content",
        "content_start", "content_end", "speaker_start", "speaker_end", "cue_start", "cue_end", "hedged",
        "hedges", "hedging_score", "attribution_score", "attribution_factors", "anonymous", "contradicted_by",
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def sources_frame(analysis: Analysis) -> pd.DataFrame:
    rows = []
    for s in analysis.sources:
        rows.append(
            {
                "article_id": analysis.article.article_id,
                "source_id": s.source_id,
                "canonical": s.canonical,
                "speaker_type": s.speaker_type,
                "mentions": len(s.mentions),
                "mention_texts": "; ".join(dict.fromkeys(m.text for m in s.mentions)),
                "statements": sum(1 for st in analysis.statements if st.source_id == s.source_id),
                "role": s.role.text if s.role else "",
                "anonymity_reason": s.anonymity_reason.text if s.anonymity_reason else "",
                "knowledge_basis": s.knowledge_basis.text if s.knowledge_basis else "",
                "flags": ", ".join(s.flags),
            }
        )
    columns = [
        "article_id", "source_id", "canonical", "speaker_type", "mentions", "mention_texts", "statements",
        "role", "anonymity_reason", "knowledge_basis", "flags",
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def contradictions_frame(analysis: Analysis) -> pd.DataFrame:
    rows = []
    for c in analysis.contradictions:
        a, b = analysis.statements[c.a], analysis.statements[c.b]
        rows.append(
            {
                "article_id": analysis.article.article_id,
                "a": c.a,
                "b": c.b,
                "speaker_a": a.speaker_canonical,
                "speaker_b": b.speaker_canonical,
                "content_a": a.content.text,
                "content_b": b.content.text,
                "score": round(c.score, 3),
                "why": c.why,
            }
        )
    columns = ["article_id", "a", "b", "speaker_a", "speaker_b", "content_a", "content_b", "score", "why"]
    return pd.DataFrame(rows, columns=columns)


def profile_frame(analysis: Analysis) -> pd.DataFrame:
    rows = [
        {"article_id": analysis.article.article_id, "measure": k, "value": v}
        for k, v in analysis.profile.items()
    ]
    return pd.DataFrame(rows, columns=["article_id", "measure", "value"])


def safe_cell(value: Any) -> Any:
    """Neutralise spreadsheet formulas: a text cell starting with = + - @ gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def frame_to_csv(frame: pd.DataFrame) -> str:
    safe = frame.copy()
    for column in safe.columns:
        # pandas may type text columns as object or as its string dtype: neutralise both
        if not pd.api.types.is_numeric_dtype(safe[column]) and not pd.api.types.is_bool_dtype(safe[column]):
            safe[column] = safe[column].astype(object).map(safe_cell)
    buffer = io.StringIO()
    safe.to_csv(buffer, index=False)
    return buffer.getvalue()


def to_csv(analyses: list[Analysis]) -> str:
    """One row per statement (with its source's columns), as CSV text without the BOM."""
    frames = [statements_frame(a) for a in analyses]
    frame = pd.concat(frames, ignore_index=True) if frames else statements_frame_empty()
    return frame_to_csv(frame)


def statements_frame_empty() -> pd.DataFrame:
    from analyzer.records import Article

    return statements_frame(Analysis(article=Article("", ""), statements=()))


def to_jsonl(analyses: list[Analysis]) -> str:
    """One JSON object per statement, each with its article id and index."""
    lines = []
    for analysis in analyses:
        for index, statement in enumerate(analysis.statements):
            row = {"article_id": analysis.article.article_id, "statement": index, **statement_dict(statement)}
            lines.append(json.dumps(row, ensure_ascii=False))
    return "\n".join(lines) + ("\n" if lines else "")


# --- HTML -----------------------------------------------------------------------------------------

# ColorBrewer Set3: twelve pastels distinct enough to tell sources apart behind dark text
PALETTE = [
    "#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3", "#fdb462",
    "#b3de69", "#fccde5", "#d9d9d9", "#bc80bd", "#ccebc5", "#ffed6f",
]  # fmt: skip


def source_colours(analysis: Analysis) -> dict[int | None, str]:
    return {s.source_id: PALETTE[i % len(PALETTE)] for i, s in enumerate(analysis.sources)}


def highlighted_text_html(analysis: Analysis) -> str:
    """The article text, escaped, with every statement, speaker and cue marked.

    Statements become <mark class="statement" data-statement="i">, speakers <span class="speaker">,
    cues <span class="cue">. Overlapping statements (nested attribution) are cut into segments so
    the HTML stays well-formed; each segment lists every statement covering it."""
    text = analysis.text
    colours = source_colours(analysis)
    boundaries = {0, len(text)}
    marks: list[tuple[int, int, str, int]] = []  # start, end, role, statement index
    for i, s in enumerate(analysis.statements):
        marks.append((s.content.start, s.content.end, "statement", i))
        if s.speaker:
            marks.append((s.speaker.start, s.speaker.end, "speaker", i))
        for part in s.cue:
            marks.append((part.start, part.end, "cue", i))
    for start, end, _, _ in marks:
        boundaries.update((start, end))
    points = sorted(boundaries)
    out = []
    for left, right in itertools.pairwise(points):
        if left >= right:
            continue
        covering = [(role, i) for start, end, role, i in marks if start <= left and right <= end]
        chunk = html.escape(text[left:right]).replace("\n", "<br>\n")
        if not covering:
            out.append(chunk)
            continue
        statements = sorted({i for role, i in covering if role == "statement"})
        roles = sorted({role for role, _ in covering})
        owner = statements[-1] if statements else covering[0][1]
        colour = colours.get(analysis.statements[owner].source_id, "#eeeeee")
        ids = " ".join(str(i) for i in sorted({i for _, i in covering}))
        title = html.escape(_statement_title(analysis, owner), quote=True)
        out.append(
            f'<mark class="{" ".join(roles)}" data-statement="{ids}" style="background:{colour}" '
            f'title="{title}">{chunk}</mark>'
        )
    return "".join(out)


def _statement_title(analysis: Analysis, index: int) -> str:
    s = analysis.statements[index]
    return (
        f"#{index} {s.speaker_canonical or (s.speaker.text if s.speaker else '?')} ({s.speaker_type}), "
        f"{s.kind}, cue '{s.cue_text}', attribution {s.attribution_score:.2f}, hedging {s.hedging_score:.2f}"
    )


HTML_STYLE = """
body { font-family: Georgia, serif; max-width: 60rem; margin: 2rem auto; color: #222; line-height: 1.5; }
h1, h2 { font-family: Helvetica, Arial, sans-serif; }
mark { padding: 0 1px; border-radius: 2px; }
mark.speaker { font-weight: bold; }
mark.cue { text-decoration: underline; text-decoration-thickness: 2px; }
.article { border: 1px solid #ccc; padding: 1rem 1.5rem; background: #fff; }
table { border-collapse: collapse; font-family: Helvetica, Arial, sans-serif; font-size: 0.85rem; }
td, th { border: 1px solid #ccc; padding: 4px 6px; vertical-align: top; text-align: left; }
.legend span { margin-right: 1rem; padding: 2px 6px; }
.pair { display: flex; gap: 1rem; } .pair > div { flex: 1; border: 1px solid #ccc; padding: 0.5rem; }
"""


def _table_html(frame: pd.DataFrame) -> str:
    return frame.to_html(index=False, escape=True, border=0)


def to_html(analysis: Analysis) -> str:
    """A self-contained HTML report: highlighted article, legend, tables and contradictions."""
    esc = html.escape
    colours = source_colours(analysis)
    legend = "".join(
        f'<span style="background:{colours[s.source_id]}">{esc(s.canonical)} ({esc(s.speaker_type)})</span>'
        for s in analysis.sources
    )
    pairs = []
    for c in analysis.contradictions:
        a, b = analysis.statements[c.a], analysis.statements[c.b]
        pairs.append(
            f'<div class="contradiction"><p><b>{esc(c.why)}</b> (score {c.score:.2f})</p><div class="pair">'
            f"<div><b>#{c.a} {esc(a.speaker_canonical)}</b>: {esc(a.content.text)}</div>"
            f"<div><b>#{c.b} {esc(b.speaker_canonical)}</b>: {esc(b.content.text)}</div></div></div>"
        )
    statements = statements_frame(analysis)[
        ["statement", "speaker_canonical", "speaker_type", "cue", "kind", "content", "hedges",
         "hedging_score", "attribution_score", "attribution_factors"]
    ]  # fmt: skip
    title = analysis.article.title or analysis.article.article_id
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{esc(title)}: attribution report</title>
<style>{HTML_STYLE}</style></head><body>
<h1>{esc(title)}</h1>
<p>{len(analysis.statements)} statements from {len(analysis.sources)} sources,
{len(analysis.contradictions)} contradictions. Analyzer {esc(str(analysis.versions.get("analyzer", "")))};
{esc(str(analysis.versions.get("models", "")))}.</p>
<h2>Legend</h2><p class="legend">Highlighted: statement content, <b>speaker</b> in bold, <u>cue</u> underlined.
Colour per source: {legend}</p>
<h2>Article</h2><div class="article">{highlighted_text_html(analysis)}</div>
<h2>Contradictions</h2>{"".join(pairs) or "<p>None found.</p>"}
<h2>Statements</h2>{_table_html(statements)}
<h2>Sources</h2>{_table_html(sources_frame(analysis).drop(columns=["article_id"]))}
<h2>Article profile</h2>{_table_html(profile_frame(analysis).drop(columns=["article_id"]))}
</body></html>
"""


def write(analyses: list[Analysis], fmt: str, out: Path) -> list[Path]:
    """Write analyses in one format. json/html: one file per article in the folder `out`;
    jsonl/csv: one file `out` (a folder gets `statements.jsonl` / `statements.csv` inside)."""
    written: list[Path] = []
    if fmt in ("json", "html"):
        out.mkdir(parents=True, exist_ok=True)
        for analysis in analyses:
            path = out / f"{analysis.article.article_id}.{fmt}"
            if fmt == "json":
                path.write_text(
                    json.dumps(to_json_dict(analysis), ensure_ascii=False, indent=1), encoding="utf-8"
                )
            else:
                path.write_text(to_html(analysis), encoding="utf-8")
            written.append(path)
        return written
    if out.is_dir() or not out.suffix:
        out.mkdir(parents=True, exist_ok=True)
        out = out / f"statements.{fmt}"
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "jsonl":
        out.write_text(to_jsonl(analyses), encoding="utf-8")
    elif fmt == "csv":
        out.write_text(to_csv(analyses), encoding="utf-8-sig")
        sources = pd.concat([sources_frame(a) for a in analyses], ignore_index=True) if analyses else None
        if sources is not None:
            src_path = out.with_name(out.stem + "_sources.csv")
            src_path.write_text(frame_to_csv(sources), encoding="utf-8-sig")
            written.append(src_path)
        contra = (
            pd.concat([contradictions_frame(a) for a in analyses], ignore_index=True) if analyses else None
        )
        if contra is not None:
            c_path = out.with_name(out.stem + "_contradictions.csv")
            c_path.write_text(frame_to_csv(contra), encoding="utf-8-sig")
            written.append(c_path)
    else:
        raise ValueError(f"unknown format {fmt!r}")
    written.insert(0, out)
    return written


def from_json_dict(doc: dict[str, Any]) -> Analysis:
    """Rebuild an `Analysis` from `to_json_dict` output (e.g. read back from the store)."""
    from analyzer.records import Article, Contradiction, HedgeCue, ScoreFactor, Source

    text = doc["text"]

    def span(d: dict | None) -> Span | None:
        return None if not d else Span.of(text, d["start"], d["end"])

    statements = []
    for s in doc.get("statements", []):
        speaker = None
        if s.get("speaker_start") is not None:
            speaker = Span.of(text, s["speaker_start"], s["speaker_end"])
        cue = tuple(Span.of(text, c["start"], c["end"]) for c in s.get("cue_parts", []))
        hedges = tuple(
            HedgeCue(Span.of(text, h["start"], h["end"]), h["category"])
            for h in s.get("hedges", []) + s.get("other_cues", [])
        )
        statements.append(
            Statement(
                content=Span.of(text, s["content_start"], s["content_end"]),
                kind=s.get("kind", "indirect"),
                cue=cue,
                speaker=speaker,
                sentence_index=s.get("sentence_index", 0),
                source_id=s.get("source_id"),
                speaker_canonical=s.get("speaker_canonical", ""),
                speaker_type=s.get("speaker_type", ""),
                speaker_ambiguous=bool(s.get("speaker_ambiguous", False)),
                hedges=hedges,
                hedging_score=float(s.get("hedging_score", 0.0)),
                hedging_factors=tuple(
                    ScoreFactor(f["name"], f["value"], f["reason"]) for f in s.get("hedging_factors", [])
                ),
                attribution_score=float(s.get("attribution_score", 0.0)),
                attribution_factors=tuple(
                    ScoreFactor(f["name"], f["value"], f["reason"]) for f in s.get("attribution_factors", [])
                ),
            )
        )
    sources = [
        Source(
            source_id=s["source_id"],
            canonical=s["canonical"],
            speaker_type=s["speaker_type"],
            mentions=tuple(Span.of(text, m["start"], m["end"]) for m in s.get("mentions", [])),
            role=span(s.get("role")),
            anonymity_reason=span(s.get("anonymity_reason")),
            knowledge_basis=span(s.get("knowledge_basis")),
            flags=tuple(s.get("flags", [])),
        )
        for s in doc.get("sources", [])
    ]
    contradictions = [
        Contradiction(
            a=c["a"],
            b=c["b"],
            score=float(c.get("score", 1.0)),
            why=c.get("why", ""),
            evidence=tuple((e["label"], Span.of(text, e["start"], e["end"])) for e in c.get("evidence", [])),
        )
        for c in doc.get("contradictions", [])
    ]
    article = Article(
        article_id=doc.get("article_id", "article"),
        text=text,
        title=doc.get("title", ""),
        source=doc.get("source", ""),
        metadata=tuple((str(k), str(v)) for k, v in (doc.get("metadata") or {}).items()),
    )
    return Analysis(
        article=article,
        statements=tuple(statements),
        sources=tuple(sources),
        contradictions=tuple(contradictions),
        profile=doc.get("profile") or {},
        versions=doc.get("versions") or {},
    )
