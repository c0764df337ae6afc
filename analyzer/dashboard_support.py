"""Logic behind dashboard.py, kept out of the Streamlit script so that it can be tested without a page.

In: analyses, stored reviews, user input (pasted text, uploaded bytes, filter choices). Out: articles,
filtered tables, escaped HTML fragments, Altair charts and export files. Nothing here imports
Streamlit: the script stays a thin layer of widgets over these functions.

Every HTML fragment built here escapes article text, speaker names and explanations; the only raw
HTML comes from `report.highlighted_text_html`, which escapes the text itself.
"""

from __future__ import annotations

import hashlib
import html
import itertools
import json
import logging
import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pandas as pd

from analyzer import ingest, report
from analyzer.records import Analysis, AnalyzerError, Article, Span

logger = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parent.parent
CORPORA = REPO_ROOT / "corpora"
SEED_PATH = CORPORA / "tiktok-bytedance.txt"
DB_ENV = "ANALYZER_DB"
DEFAULT_DB = "analyzer.sqlite"
UPLOAD_TYPES = ("txt", "html", "htm", "csv", "jsonl", "md")
CONTEXT_CHARS = 300  # at most this much text either side of a span in a contradiction view

ANY, YES, NO = "any", "yes", "no"


def db_path(environ: Mapping[str, str] | None = None) -> Path:
    """The SQLite file for analyses and reviews: $ANALYZER_DB, else analyzer.sqlite in the working dir."""
    environ = os.environ if environ is None else environ
    return Path(environ.get(DB_ENV) or DEFAULT_DB)


# --- input ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Sample:
    label: str
    path: Path
    title: str = ""


def sample_articles(corpora: Path = CORPORA) -> list[Sample]:
    """The bundled articles: the seed first, then corpora/*.txt and corpora/wikinews/*.txt by title."""
    titles: dict[str, str] = {}
    index = corpora / "wikinews" / "_index.json"
    try:
        for entry in json.loads(index.read_text(encoding="utf-8")):
            titles[str(entry["id"])] = str(entry.get("title") or "")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        # Titles only make the list nicer; the file names still work without them.
        logger.info("no Wikinews titles from %s: %s", index, exc)
    found = [
        Sample(f"{p.stem} (seed)" if p == SEED_PATH else p.stem, p) for p in sorted(corpora.glob("*.txt"))
    ]
    found.sort(key=lambda s: s.path != SEED_PATH)
    for path in sorted((corpora / "wikinews").glob("*.txt")):
        title = titles.get(path.stem, "")
        found.append(Sample(f"Wikinews: {title or path.stem}", path, title))
    return found


def load_sample(sample: Sample | Path) -> Article:
    """A bundled article read the way the CLI reads a file, so its offsets index the file's text."""
    path = sample.path if isinstance(sample, Sample) else sample
    article = ingest.article_from_bytes(path.read_bytes(), path.name)[0]
    title = sample.title if isinstance(sample, Sample) else ""
    return replace(article, title=title) if title and not article.title else article


_HTML_TAG = re.compile(r"<(?:!doctype|html|head|body|article|main|section|div|p|br|h[1-6])\b[^>]*>", re.I)


def looks_like_html(text: str) -> bool:
    """Pasted text is HTML when it starts with a tag and has block-level markup; a story that merely
    mentions "<b>" in passing stays plain text."""
    return text.lstrip().startswith("<") and bool(_HTML_TAG.search(text[:20_000]))


def pasted_article_id(text: str) -> str:
    # Stable per text, so pasting the same article twice reopens the same stored analysis.
    # surrogatepass: a lone surrogate must reach ingest's check and its message, not crash here.
    return "pasted-" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]


def article_from_paste(text: str, article_id: str = "") -> Article:
    """An article from the paste box: HTML is reduced to its main text, plain text is kept as it is."""
    if not text or not text.strip():
        raise ingest.InputError("the paste box is empty; paste an article's text or HTML first")
    article_id = article_id.strip() or pasted_article_id(text)
    if looks_like_html(text):
        return ingest.article_from_html(text, article_id)
    return ingest.article_from_text(text, article_id)


def articles_from_upload(name: str, data: bytes) -> tuple[list[Article], list[str]]:
    """Articles from one uploaded file and a line per skipped batch row.

    A single text or HTML file that cannot be used raises `InputError`, as does a batch with no
    usable row; in a batch, bad rows are reported and the good ones kept."""
    result = ingest.ingest_bytes(data, name)
    problems = [f"{p.origin}: {p.message}" for p in result.problems]
    if not result.articles:
        first = result.problems[0] if result.problems else None
        message = first.message if first else "no articles found in the file"
        raise ingest.InputError(message, origin=first.origin if first else name)
    return result.articles, problems


@dataclass
class BatchResult:
    analyses: list[Analysis]
    failures: list[tuple[str, str]]  # (article id, message)


def analyze_articles(
    articles: list[Article],
    analyze_one: Callable[[Article], Analysis],
    progress: Callable[[int, int, str], None] | None = None,
) -> BatchResult:
    """Analyze articles one by one, reporting progress after each; one failure never ends the batch."""
    result = BatchResult([], [])
    total = len(articles)
    for done, article in enumerate(articles, start=1):
        try:
            result.analyses.append(analyze_one(article))
        except AnalyzerError as exc:
            result.failures.append((article.article_id, str(exc)))
        except Exception as exc:  # a bug on one article must not lose the rest of the batch
            logger.exception("analysis of %s failed", article.article_id)
            result.failures.append((article.article_id, f"unexpected error ({type(exc).__name__})"))
        if progress is not None:
            progress(done, total, article.article_id)
    return result


def friendly_error(action: str, exc: BaseException) -> str:
    """One line for the page: the analyzer's own message, or a pointer to the server log for a bug."""
    if isinstance(exc, AnalyzerError):
        return f"Could not {action}: {exc}"
    return (
        f"Could not {action}: an unexpected error occurred ({type(exc).__name__}). "
        "Your input is kept; the details are in the server log."
    )


# --- statements table and filters -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StatementFilter:
    sources: tuple[str, ...] = ()  # canonical names; empty: all
    types: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    hedged: str = ANY  # ANY, YES or NO
    anonymous: str = ANY
    attribution: tuple[float, float] | None = None  # inclusive range; None: all
    hedging: tuple[float, float] | None = None


def source_label(row: Mapping[str, Any]) -> str:
    return str(row.get("speaker_canonical") or row.get("speaker") or "(no speaker)")


def statements_table(analysis: Analysis, reviews: Iterable[Mapping[str, Any]] = ()) -> pd.DataFrame:
    """`report.statements_frame` plus a `source` label and the current review verdict of each row."""
    frame = report.statements_frame(analysis)
    frame.insert(2, "source", [source_label(row) for row in frame.to_dict("records")])
    verdicts = {r["target_index"]: r["verdict"] for r in reviews if r["target_kind"] == "statement"}
    frame["review"] = [verdicts.get(i, "") for i in frame["statement"]]
    return frame


def filter_options(frame: pd.DataFrame) -> dict[str, list[str]]:
    return {column: sorted({str(v) for v in frame[column]}) for column in ("source", "speaker_type", "kind")}


def score_bounds(frame: pd.DataFrame, column: str) -> tuple[float, float]:
    """Slider bounds: [0, 1] widened to any score outside it, so a filter never hides a row by default."""
    values = frame[column].astype(float) if len(frame) else pd.Series([0.0])
    return min(0.0, float(values.min())), max(1.0, float(values.max()))


def filter_statements(frame: pd.DataFrame, chosen: StatementFilter) -> pd.DataFrame:
    keep = pd.Series(True, index=frame.index)
    for column, values in (
        ("source", chosen.sources),
        ("speaker_type", chosen.types),
        ("kind", chosen.kinds),
    ):
        if values:
            keep &= frame[column].astype(str).isin(values)
    for column, choice in (("hedged", chosen.hedged), ("anonymous", chosen.anonymous)):
        if choice != ANY:
            keep &= frame[column].astype(bool) == (choice == YES)
    for column, bounds in (("attribution_score", chosen.attribution), ("hedging_score", chosen.hedging)):
        if bounds is not None:
            low, high = bounds
            # scores are rounded to 4 places in the frame; the slack keeps an edge value inside
            keep &= frame[column].astype(float).between(low - 1e-9, high + 1e-9)
    return frame[keep]


def statement_label(analysis: Analysis, index: int, width: int = 70) -> str:
    s = analysis.statements[index]
    who = s.speaker_canonical or (s.speaker.text if s.speaker else "?")
    content = " ".join(s.content.text.split())
    if len(content) > width:
        content = content[: width - 1] + "…"
    return f"#{index} {who}: {content}"


def statement_details(analysis: Analysis, index: int) -> dict[str, Any]:
    """What the details panel shows for one statement: spans with offsets, scores and their factors."""
    s = analysis.statements[index]
    return {
        "statement": index,
        "speaker": s.speaker.text if s.speaker else "",
        "speaker_offsets": (s.speaker.start, s.speaker.end) if s.speaker else None,
        "speaker_canonical": s.speaker_canonical,
        "speaker_type": s.speaker_type,
        "speaker_ambiguous": s.speaker_ambiguous,
        "kind": s.kind,
        "cue": s.cue_text,
        "cue_offsets": [(c.start, c.end) for c in s.cue],
        "content": s.content.text,
        "content_offsets": (s.content.start, s.content.end),
        "hedges": [f"{h.span.text} ({h.category})" for h in s.hedges if h.is_hedge],
        "other_cues": [f"{h.span.text} ({h.category})" for h in s.hedges if not h.is_hedge],
        "hedging_score": round(s.hedging_score, 4),
        "hedging_factors": [(f.name, round(f.value, 4), f.reason) for f in s.hedging_factors],
        "attribution_score": round(s.attribution_score, 4),
        "attribution_factors": [(f.name, round(f.value, 4), f.reason) for f in s.attribution_factors],
        "contradicted_by": sorted(
            c.b if c.a == index else c.a for c in analysis.contradictions if index in (c.a, c.b)
        ),
    }


# --- HTML fragments ---------------------------------------------------------------------------------

ARTICLE_STYLE = """
.analyzer-article { font-family: Georgia, serif; line-height: 1.65; font-size: 1.02rem;
  border: 1px solid #ddd; border-radius: 6px; padding: 1rem 1.25rem; background: #fff; color: #222; }
.analyzer-article mark { padding: 0 1px; border-radius: 2px; color: inherit; cursor: help; }
.analyzer-article mark.speaker { font-weight: bold; }
.analyzer-article mark.cue { text-decoration: underline; text-decoration-thickness: 2px; }
.analyzer-legend span { display: inline-block; margin: 0 0.5rem 0.3rem 0; padding: 1px 6px;
  border-radius: 3px; font-size: 0.85rem; color: #222; }
.analyzer-pair { display: flex; gap: 1rem; }
.analyzer-pair > div { flex: 1; border: 1px solid #ddd; border-radius: 6px; padding: 0.5rem 0.75rem;
  background: #fff; color: #222; font-family: Georgia, serif; line-height: 1.55; }
.analyzer-pair mark { padding: 0 1px; border-radius: 2px; color: inherit; }
.analyzer-pair mark.evidence { outline: 2px solid #d62728; }
.analyzer-pair .who { font-family: Helvetica, Arial, sans-serif; font-size: 0.85rem; color: #555; }
"""


def legend_html(analysis: Analysis) -> str:
    colours = report.source_colours(analysis)
    chips = "".join(
        f'<span style="background:{colours[s.source_id]}">{html.escape(s.canonical)} '
        f"({html.escape(s.speaker_type)})</span>"
        for s in analysis.sources
    )
    return (
        '<div class="analyzer-legend">Statement content highlighted in its source\'s colour, '
        "<b>speaker</b> in bold, <u>cue</u> underlined; hover a highlight for its details.<br>"
        f"{chips}</div>"
    )


def article_html(analysis: Analysis) -> str:
    """The highlighted article with its legend and style, ready for st.html."""
    return (
        f"<style>{ARTICLE_STYLE}</style>{legend_html(analysis)}"
        f'<div class="analyzer-article">{report.highlighted_text_html(analysis)}</div>'
    )


def marked_html(text: str, start: int, end: int, marks: list[tuple[int, int, str, str]]) -> str:
    """text[start:end], escaped, with each (start, end, css class, colour) mark wrapped in <mark>.

    Overlapping marks are cut into segments (as in report.highlighted_text_html), so the HTML stays
    well-formed; a segment takes the classes of every mark covering it and the innermost colour."""
    points = {start, end}
    inside = [
        (max(a, start), min(b, end), cls, colour) for a, b, cls, colour in marks if a < end and b > start
    ]
    for a, b, _, _ in inside:
        points.update((a, b))
    ordered = sorted(points)
    out = []
    for left, right in itertools.pairwise(ordered):
        chunk = html.escape(text[left:right]).replace("\n", "<br>")
        covering = [(b - a, cls, colour) for a, b, cls, colour in inside if a <= left and right <= b]
        if not covering:
            out.append(chunk)
            continue
        classes = " ".join(sorted({cls for _, cls, _ in covering}))
        colour = min(covering)[2]
        style = html.escape(colour, quote=True)
        out.append(f'<mark class="{html.escape(classes)}" style="background:{style}">{chunk}</mark>')
    return "".join(out)


def context_bounds(text: str, span: Span, limit: int = CONTEXT_CHARS) -> tuple[int, int]:
    """The paragraph around a span, cut to `limit` characters either side at a word boundary."""
    left = text.rfind("\n", 0, span.start) + 1
    right = text.find("\n", span.end)
    right = len(text) if right < 0 else right
    if span.start - left > limit:
        cut = text.find(" ", span.start - limit, span.start)
        left = cut + 1 if cut >= 0 else span.start - limit
    if right - span.end > limit:
        cut = text.rfind(" ", span.end, span.end + limit)
        right = cut if cut >= 0 else span.end + limit
    return left, right


def contradiction_html(analysis: Analysis, index: int) -> str:
    """Both statements of a contradiction side by side, each in its paragraph with the content and
    speaker highlighted and the detector's evidence spans outlined."""
    c = analysis.contradictions[index]
    colours = report.source_colours(analysis)
    text = analysis.text
    sides = []
    for position in (c.a, c.b):
        s = analysis.statements[position]
        colour = colours.get(s.source_id, "#eeeeee")
        marks = [(s.content.start, s.content.end, "statement", colour)]
        if s.speaker:
            marks.append((s.speaker.start, s.speaker.end, "speaker", colour))
        marks += [(part.start, part.end, "cue", colour) for part in s.cue]
        marks += [(span.start, span.end, "evidence", colour) for _, span in c.evidence]
        lo, hi = context_bounds(text, s.content)
        if s.speaker:
            lo, hi = min(lo, s.speaker.start), max(hi, s.speaker.end)
        prefix = "…" if lo > 0 and text[lo - 1] != "\n" else ""
        suffix = "…" if hi < len(text) and text[hi] != "\n" else ""
        who = f"#{position} {s.speaker_canonical or '?'} ({s.speaker_type or 'unknown'}), {s.kind}"
        who = html.escape(who)
        sides.append(
            f'<div class="side" data-statement="{position}"><div class="who">{who}</div>'
            f"{prefix}{marked_html(text, lo, hi, marks)}{suffix}</div>"
        )
    evidence = "; ".join(f"{label}: “{span.text}”" for label, span in c.evidence)
    evidence_line = f'<p class="who">Evidence: {html.escape(evidence)}</p>' if evidence else ""
    return (
        f"<style>{ARTICLE_STYLE}</style>"
        f'<div class="analyzer-contradiction" data-contradiction="{index}">'
        f"<p><b>{html.escape(c.why or 'No explanation given.')}</b> (score {c.score:.2f})</p>"
        f'<div class="analyzer-pair">{"".join(sides)}</div>{evidence_line}</div>'
    )


# --- sources and profile ----------------------------------------------------------------------------


def source_cards(analysis: Analysis) -> list[dict[str, Any]]:
    """One card per canonical source, in the analysis order (the colour order)."""
    colours = report.source_colours(analysis)
    cards = []
    for s in analysis.sources:
        cards.append(
            {
                "source_id": s.source_id,
                "canonical": s.canonical,
                "speaker_type": s.speaker_type,
                "colour": colours[s.source_id],
                "mentions": len(s.mentions),
                "mention_texts": list(dict.fromkeys(m.text for m in s.mentions)),
                "statements": sum(1 for st in analysis.statements if st.source_id == s.source_id),
                "role": s.role.text if s.role else "",
                "anonymity_reason": s.anonymity_reason.text if s.anonymity_reason else "",
                "knowledge_basis": s.knowledge_basis.text if s.knowledge_basis else "",
                "flags": list(s.flags),
            }
        )
    return cards


def source_card_html(card: Mapping[str, Any]) -> str:
    def row(label: str, value: str) -> str:
        return f"<div><b>{html.escape(label)}:</b> {html.escape(value) if value else '<i>none</i>'}</div>"

    mentions = ", ".join(card["mention_texts"][:8]) + (" …" if len(card["mention_texts"]) > 8 else "")
    mention_line = f"{card['mentions']}: {mentions}"
    return (
        f'<div class="analyzer-source" data-source="{int(card["source_id"])}" style="border-left:8px solid '
        f'{html.escape(card["colour"])};padding:0.25rem 0.75rem;font-size:0.9rem">'
        f'<div style="font-size:1.05rem"><b>{html.escape(card["canonical"])}</b> '
        f"({html.escape(card['speaker_type'] or 'unknown')})</div>"
        f"{row('Mentions', mention_line)}"
        f"{row('Statements', str(card['statements']))}"
        f"{row('Role', card['role'])}"
        f"{row('Anonymity reason', card['anonymity_reason'])}"
        f"{row('Knowledge basis', card['knowledge_basis'])}"
        f"{row('Flags', ', '.join(card['flags']))}</div>"
    )


def type_counts(analysis: Analysis) -> pd.DataFrame:
    counts: dict[str, int] = {}
    for s in analysis.statements:
        key = s.speaker_type or "unknown"
        counts[key] = counts.get(key, 0) + 1
    frame = pd.DataFrame(sorted(counts.items()), columns=["speaker_type", "statements"])
    return frame.astype({"speaker_type": str, "statements": int})


def profile_charts(analysis: Analysis) -> list[tuple[str, Any]]:
    """(title, Altair chart): statements per source type, attribution and hedging score distributions."""
    import altair as alt

    charts: list[tuple[str, Any]] = []
    counts = type_counts(analysis)
    charts.append(
        (
            "Statements per source type",
            alt.Chart(counts)
            .mark_bar()
            .encode(
                x=alt.X("statements:Q", title="statements", axis=alt.Axis(tickMinStep=1, format="d")),
                y=alt.Y("speaker_type:N", sort="-x", title="source type"),
                tooltip=[alt.Tooltip("speaker_type:N"), alt.Tooltip("statements:Q")],
            ),
        )
    )
    scores = pd.DataFrame(
        {
            "attribution_score": [float(s.attribution_score) for s in analysis.statements],
            "hedging_score": [float(s.hedging_score) for s in analysis.statements],
        },
        dtype=float,
    )
    for column, title in (("attribution_score", "Attribution scores"), ("hedging_score", "Hedging scores")):
        charts.append(
            (
                title,
                alt.Chart(scores)
                .mark_bar()
                .encode(
                    x=alt.X(f"{column}:Q", bin=alt.Bin(extent=[0, 1], step=0.1), title=title.lower()),
                    y=alt.Y("count():Q", title="statements", axis=alt.Axis(tickMinStep=1, format="d")),
                    tooltip=[alt.Tooltip("count():Q", title="statements")],
                ),
            )
        )
    return charts


# --- reviews and exports ----------------------------------------------------------------------------


def correction_arguments(
    analysis: Analysis,
    index: int,
    speaker: str,
    speaker_type: str,
    start: int,
    end: int,
) -> dict[str, Any]:
    """The corrections a statement review form asks the store to record: only fields the reviewer
    changed, so an untouched form records a verdict without corrections."""
    s = analysis.statements[index]
    arguments: dict[str, Any] = {}
    if speaker.strip() and speaker.strip() != s.speaker_canonical:
        arguments["corrected_speaker"] = speaker.strip()
    if speaker_type and speaker_type != s.speaker_type:
        arguments["corrected_type"] = speaker_type
    if (start, end) != (s.content.start, s.content.end):
        arguments["corrected_start"] = int(start)
        arguments["corrected_end"] = int(end)
    return arguments


def reviews_frame(reviews: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    columns = [
        "target_kind", "target_index", "verdict", "corrected_speaker", "corrected_type", "corrected_start",
        "corrected_end", "note", "reviewer", "created_at",
    ]  # fmt: skip
    return pd.DataFrame([{c: r.get(c) for c in columns} for r in reviews], columns=columns)


@dataclass(frozen=True, slots=True)
class ExportFile:
    label: str
    file_name: str
    data: bytes
    mime: str


def export_files(
    analysis: Analysis, gold: Mapping[str, Any] | None, batch: list[Analysis] | None = None
) -> list[ExportFile]:
    """The download buttons' files. CSV and JSONL cover the batch when one is loaded; the gold JSON
    (reviews applied, from the store) and the HTML report cover the article on screen."""
    many = batch if batch and len(batch) > 1 else [analysis]
    stem = _safe_stem(analysis.article.article_id) if len(many) == 1 else "batch"
    # the BOM makes spreadsheets read the CSV as UTF-8 (as `analyzer analyze --format csv` does)
    csv_data = report.to_csv(many).encode("utf-8-sig")
    jsonl_data = report.to_jsonl(many).encode("utf-8")
    files = [
        ExportFile("CSV (statements)", f"{stem}.csv", csv_data, "text/csv"),
        ExportFile("JSONL (statements)", f"{stem}.jsonl", jsonl_data, "application/jsonl"),
    ]
    article_stem = _safe_stem(analysis.article.article_id)
    if gold is not None:
        gold_data = json.dumps(gold, ensure_ascii=False, indent=1).encode("utf-8")
        files.append(
            ExportFile("JSON (gold, reviewed)", f"{article_stem}.json", gold_data, "application/json")
        )
    html_data = report.to_html(analysis).encode("utf-8")
    files.append(ExportFile("HTML report", f"{article_stem}.html", html_data, "text/html"))
    return files


def _safe_stem(article_id: str) -> str:
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", article_id).strip("-.")
    return stem[:100] or "article"
