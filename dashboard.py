"""Streamlit dashboard: analyze news articles, review attributions and contradictions, export the results.

Run with `analyzer dashboard [--db FILE]` or `streamlit run dashboard.py`. Analyses and reviews live in
the SQLite file named by $ANALYZER_DB (default analyzer.sqlite in the working directory), so reviews
survive a reload or restart. This script only lays out widgets: the logic is in
`analyzer.dashboard_support` and the analyzer modules, where it is tested.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import streamlit as st

from analyzer import dashboard_support as ds
from analyzer import nlp, pipeline, report
from analyzer.ingest import InputError
from analyzer.records import SPEAKER_TYPES, Analysis, AnalyzerError, Article
from analyzer.store import VERDICTS, Store

logger = logging.getLogger("analyzer.dashboard")

st.set_page_config(page_title="Source attribution analyzer", layout="wide")
# Errors are caught and shown as one line (`guarded`); this is the backstop for any that escape.
st.set_option("client.showErrorDetails", "none")
# An editorial tool, not a Streamlit project: no Deploy button or developer menu.
st.set_option("client.toolbarMode", "viewer")


@st.cache_resource(show_spinner="Loading the parser models…")
def load_parser() -> nlp.Parser:
    # A failed load raises and is not cached, so the next rerun tries again (e.g. once models land).
    return nlp.get_parser()


@st.cache_data(show_spinner=False, max_entries=256)
def analyze_text_cached(text: str) -> Analysis:
    # Keyed on the text alone: the same article pasted under another id reuses the analysis.
    return pipeline.analyze(Article(article_id="cached", text=text), load_parser())


def analyze_article(article: Article) -> Analysis:
    return dataclasses.replace(analyze_text_cached(article.text), article=article)


@contextmanager
def guarded(action: str, where: Any = None) -> Iterator[None]:
    """Show a failure as one friendly line instead of a traceback; the session state is untouched."""
    try:
        yield
    except Exception as exc:
        if not isinstance(exc, AnalyzerError):
            logger.exception("dashboard: could not %s", action)
        (where or st).error(ds.friendly_error(action, exc))


def open_store() -> Store | None:
    path = ds.db_path()
    try:
        return Store(path)
    except Exception as exc:
        logger.exception("cannot open %s", path)
        st.error(ds.friendly_error(f"open the review database {path}", exc) + " Reviews are off.")
        return None


# --- loading articles ---------------------------------------------------------------------------------


def show_loaded(store: Store | None, analyses: list[Analysis], problems: list[str]) -> None:
    """Save analyses and make them the current batch. The stored copy is shown, so that review
    indices refer to exactly the statements the database holds."""
    loaded = []
    problems = list(problems)
    for analysis in analyses:
        analysis_id = None
        if store is not None:
            try:
                analysis_id = store.save_analysis(analysis, replace=bool(st.session_state.get("replace")))
                analysis = store.load_analysis(analysis_id)
            except AnalyzerError as exc:
                # still worth showing; it just cannot be reviewed
                problems.append(
                    f"{analysis.article.article_id} is shown but not saved, so it cannot be reviewed: {exc}"
                )
        loaded.append({"id": analysis_id, "analysis": analysis})
    if loaded:
        st.session_state["loaded"] = loaded
        st.session_state["current"] = 0
    st.session_state["problems"] = problems


def analyze_and_show(store: Store | None, articles: list[Article], problems: list[str], status: Any) -> None:
    if len(articles) == 1:
        with status, st.spinner(f"Analyzing {articles[0].article_id}…"):
            result = ds.analyze_articles(articles, analyze_article)
    else:
        bar = status.progress(0.0, text=f"Analyzing {len(articles)} articles…")

        def progress(done: int, total: int, article_id: str) -> None:
            bar.progress(done / total, text=f"Analyzed {done} of {total} articles (last: {article_id})")

        result = ds.analyze_articles(articles, analyze_article, progress)
        bar.empty()
    failures = [f"{article_id}: {message}" for article_id, message in result.failures]
    if not result.analyses:
        raise AnalyzerError(failures[0] if failures else "nothing was analyzed")
    problems = problems + [f"Not analyzed: {failure}" for failure in failures]
    show_loaded(store, result.analyses, problems)


def open_stored(store: Store, analysis_id: int) -> None:
    st.session_state["loaded"] = [{"id": analysis_id, "analysis": store.load_analysis(analysis_id)}]
    st.session_state["current"] = 0
    st.session_state["problems"] = []


def sidebar(store: Store | None, status: Any) -> None:
    with st.sidebar:
        st.header("Load an article")
        samples_tab, paste_tab, upload_tab, history_tab = st.tabs(["Samples", "Paste", "Upload", "History"])
        with samples_tab:
            samples = ds.sample_articles()
            choice = st.selectbox(
                "Bundled article", range(len(samples)), format_func=lambda i: samples[i].label
            )
            if st.button("Analyze sample", key="analyze_sample") and choice is not None:
                with guarded("analyze the sample", status):
                    analyze_and_show(store, [ds.load_sample(samples[choice])], [], status)
        with paste_tab:
            st.text_area("Article text or HTML", key="paste_text", height=220)
            st.text_input("Article id (optional)", key="paste_id")
            if st.button("Analyze pasted text", key="analyze_paste"):
                with guarded("analyze the pasted text", status):
                    article = ds.article_from_paste(
                        st.session_state.get("paste_text", ""), st.session_state.get("paste_id", "")
                    )
                    analyze_and_show(store, [article], [], status)
        with upload_tab:
            uploads = st.file_uploader(
                "Text, HTML, CSV or JSONL (CSV/JSONL: columns id, title, text)",
                type=list(ds.UPLOAD_TYPES),
                accept_multiple_files=True,
                key="upload",
            )
            if st.button("Analyze upload", key="analyze_upload", disabled=not uploads):
                with guarded("analyze the upload", status):
                    articles, problems = [], []
                    for upload in uploads or []:
                        try:
                            found, skipped = ds.articles_from_upload(upload.name, upload.getvalue())
                        except AnalyzerError as exc:
                            found, skipped = [], [str(exc)]
                        articles += found
                        problems += [f"Skipped {problem}" for problem in skipped]
                    if not articles:
                        raise InputError(
                            problems[0].removeprefix("Skipped ") if problems else "no articles in the upload"
                        )
                    analyze_and_show(store, articles, problems, status)
        with history_tab:
            if store is None:
                st.caption("No review database: history is off.")
            else:
                with guarded("list the stored analyses"):
                    rows = store.list_analyses()
                    if not rows:
                        st.caption("Nothing analyzed yet.")
                    else:
                        labels = {
                            r["id"]: f"#{r['id']} {r['title'] or r['article_id']} "
                            f"({r['n_statements']} statements, {r['created_at'][:16].replace('T', ' ')})"
                            for r in rows
                        }
                        picked = st.selectbox("Analyzed articles", list(labels), format_func=labels.get)
                        if st.button("Open", key="open_history") and picked is not None:
                            open_stored(store, int(picked))
        st.divider()
        st.checkbox(
            "Re-analyze articles already stored",
            key="replace",
            help="Stored articles normally reopen with their first analysis and its reviews.",
        )
        st.text_input("Reviewer name", key="reviewer")
        path = ds.db_path()
        st.caption(f"Review database: {path.name}", help=f"{path.resolve()} (set ANALYZER_DB to change it)")


# --- the article on screen ----------------------------------------------------------------------------


def article_tab(analysis: Analysis) -> None:
    st.html(ds.article_html(analysis))


def statements_tab(
    store: Store | None, analysis_id: int | None, analysis: Analysis, reviews: list[dict]
) -> None:
    frame = ds.statements_table(analysis, reviews)
    if frame.empty:
        st.info("No attributed statements found in this article.")
        return
    options = ds.filter_options(frame)
    key = f"{analysis_id}-{analysis.article.article_id}"
    c1, c2, c3 = st.columns(3)
    sources = c1.multiselect("Source", options["source"], key=f"f_source_{key}")
    types = c2.multiselect("Source type", options["speaker_type"], key=f"f_type_{key}")
    kinds = c3.multiselect("Kind", options["kind"], key=f"f_kind_{key}")
    c4, c5, c6, c7 = st.columns(4)
    choices = [ds.ANY, ds.YES, ds.NO]
    hedged = c4.selectbox("Hedged", choices, key=f"f_hedged_{key}")
    anonymous = c5.selectbox("Anonymous", choices, key=f"f_anon_{key}")
    a_bounds = ds.score_bounds(frame, "attribution_score")
    h_bounds = ds.score_bounds(frame, "hedging_score")
    attribution = c6.slider("Attribution score", *a_bounds, value=a_bounds, step=0.05, key=f"f_attr_{key}")
    hedging = c7.slider("Hedging score", *h_bounds, value=h_bounds, step=0.05, key=f"f_hedge_{key}")
    chosen = ds.StatementFilter(
        tuple(sources), tuple(types), tuple(kinds), hedged, anonymous, tuple(attribution), tuple(hedging)
    )
    shown = ds.filter_statements(frame, chosen)
    st.caption(f"{len(shown)} of {len(frame)} statements. Select a row to see its details and review it.")
    columns = [
        "statement", "source", "speaker_type", "kind", "cue", "content", "hedged", "hedges",
        "attribution_score", "hedging_score", "anonymous", "contradicted_by", "review",
    ]  # fmt: skip
    table_key = f"table_{key}"
    detail_key = f"detail_{key}"
    shown_indices = [int(i) for i in shown["statement"]]

    def pick_row() -> None:
        rows = st.session_state[table_key]["selection"]["rows"]
        if rows:
            st.session_state[detail_key] = shown_indices[rows[0]]

    st.dataframe(
        shown[columns],
        hide_index=True,
        key=table_key,
        on_select=pick_row,
        selection_mode="single-row",
        column_config={
            "content": st.column_config.TextColumn(width="large"),
            "attribution_score": st.column_config.NumberColumn("attribution", format="%.2f"),
            "hedging_score": st.column_config.NumberColumn("hedging", format="%.2f"),
        },
    )
    if not shown_indices:
        return
    st.subheader("Statement details and review")
    index = st.selectbox(
        "Statement", shown_indices, key=detail_key, format_func=lambda i: ds.statement_label(analysis, i)
    )
    if index is None:
        return
    left, right = st.columns([3, 2])
    with left:
        statement_details(analysis, index)
    with right:
        statement_review(store, analysis_id, analysis, index, reviews)


def statement_details(analysis: Analysis, index: int) -> None:
    d = ds.statement_details(analysis, index)
    s = analysis.statements[index]
    colour = report.source_colours(analysis).get(s.source_id, "#eeeeee")
    marks = [(s.content.start, s.content.end, "statement", colour)]
    if s.speaker:
        marks.append((s.speaker.start, s.speaker.end, "speaker", colour))
    marks += [(c.start, c.end, "cue", colour) for c in s.cue]
    lo, hi = ds.context_bounds(analysis.text, s.content)
    if s.speaker:
        lo, hi = min(lo, s.speaker.start), max(hi, s.speaker.end)
    st.html(
        f"<style>{ds.ARTICLE_STYLE}</style>"
        f'<div class="analyzer-article">{ds.marked_html(analysis.text, lo, hi, marks)}</div>'
    )
    speaker = d["speaker"] or "(none)"
    offsets = d["speaker_offsets"]
    rows = {
        "Speaker": f"{speaker} [{offsets[0]}:{offsets[1]}]" if offsets else speaker,
        "Canonical source": f"{d['speaker_canonical'] or '?'} ({d['speaker_type'] or 'unknown'})"
        + (", ambiguous" if d["speaker_ambiguous"] else ""),
        "Kind": d["kind"],
        "Cue": f"{d['cue'] or '(inherited from the previous quotation)'} "
        + " ".join(f"[{start}:{end}]" for start, end in d["cue_offsets"]),
        "Content offsets": f"{d['content_offsets'][0]}:{d['content_offsets'][1]}",
        "Hedges": ", ".join(d["hedges"]) or "none",
        "Other cues": ", ".join(d["other_cues"]) or "none",
        "Attribution score": f"{d['attribution_score']:.2f}",
        "Hedging score": f"{d['hedging_score']:.2f}",
        "Contradicted by": ", ".join(f"#{i}" for i in d["contradicted_by"]) or "none",
    }
    st.dataframe([{"field": k, "value": v} for k, v in rows.items()], hide_index=True)
    factors = [("attribution", *f) for f in d["attribution_factors"]] + [
        ("hedging", *f) for f in d["hedging_factors"]
    ]
    if factors:
        st.caption("Score factors")
        st.dataframe(
            [{"score": s, "factor": n, "value": v, "reason": r} for s, n, v, r in factors], hide_index=True
        )


def current_review(reviews: list[dict], kind: str, index: int) -> dict | None:
    return next((r for r in reviews if r["target_kind"] == kind and r["target_index"] == index), None)


def statement_review(
    store: Store | None, analysis_id: int | None, analysis: Analysis, index: int, reviews: list[dict]
) -> None:
    if store is None or analysis_id is None:
        st.caption("Reviews need the review database.")
        return
    s = analysis.statements[index]
    previous = current_review(reviews, "statement", index)
    if previous:
        st.caption(
            f"Current review: **{previous['verdict']}**"
            + (f" by {previous['reviewer']}" if previous["reviewer"] else "")
            + f" ({previous['created_at'][:16].replace('T', ' ')})"
        )
    key = f"{analysis_id}_{index}"
    types = list(SPEAKER_TYPES)
    speaker_type = (previous or {}).get("corrected_type") or s.speaker_type
    start = (previous or {}).get("corrected_start")
    end = (previous or {}).get("corrected_end")
    with st.form(f"review_statement_{key}"):
        verdict = st.radio(
            "Verdict",
            VERDICTS,
            index=VERDICTS.index(previous["verdict"]) if previous else None,
            horizontal=True,
            key=f"rs_verdict_{key}",
        )
        speaker = st.text_input(
            "Speaker (canonical name)",
            value=(previous or {}).get("corrected_speaker") or s.speaker_canonical,
            key=f"rs_speaker_{key}",
        )
        chosen_type = st.selectbox(
            "Speaker type",
            types,
            index=types.index(speaker_type) if speaker_type in types else None,
            key=f"rs_type_{key}",
        )
        c1, c2 = st.columns(2)
        new_start = c1.number_input(
            "Content start", 0, len(analysis.text), start if start is not None else s.content.start,
            key=f"rs_start_{key}",
        )  # fmt: skip
        new_end = c2.number_input(
            "Content end", 0, len(analysis.text), end if end is not None else s.content.end,
            key=f"rs_end_{key}",
        )  # fmt: skip
        note = st.text_area("Note", value=(previous or {}).get("note", ""), key=f"rs_note_{key}")
        submitted = st.form_submit_button("Save statement review")
    if submitted:
        if verdict is None:
            st.warning("Choose a verdict (correct, wrong or unsure) before saving.")
            return
        with guarded("save the review"):
            corrections = ds.correction_arguments(
                analysis, index, speaker or "", chosen_type or "", int(new_start), int(new_end)
            )
            store.save_review(
                analysis_id, "statement", index, verdict, **corrections, note=note or "",
                reviewer=st.session_state.get("reviewer", ""),
            )  # fmt: skip
            st.session_state["flash"] = f"Saved: statement #{index} is {verdict}."
            # the table's review column and the current-review line must show the new review now
            st.rerun()
    history = store.review_history(analysis_id, "statement", index)
    if len(history) > 1:
        with st.expander(f"Review history ({len(history)})"):
            st.dataframe(ds.reviews_frame(history), hide_index=True)


def sources_tab(analysis: Analysis) -> None:
    cards = ds.source_cards(analysis)
    if not cards:
        st.info("No sources found in this article.")
        return
    columns = st.columns(3)
    for position, card in enumerate(cards):
        with columns[position % 3].container(border=True):
            st.html(ds.source_card_html(card))


def contradictions_tab(
    store: Store | None, analysis_id: int | None, analysis: Analysis, reviews: list[dict]
) -> None:
    st.caption("Statements from different sources that the analyzer found to disagree, side by side.")
    if not analysis.contradictions:
        st.info("No contradictions found between the sources of this article.")
        return
    for index, _ in enumerate(analysis.contradictions):
        with st.container(border=True):
            st.html(ds.contradiction_html(analysis, index))
            if store is None or analysis_id is None:
                continue
            previous = current_review(reviews, "contradiction", index)
            key = f"{analysis_id}_{index}"
            with st.form(f"review_contradiction_{key}"):
                c1, c2 = st.columns([1, 2])
                verdict = c1.radio(
                    "Verdict",
                    VERDICTS,
                    index=VERDICTS.index(previous["verdict"]) if previous else None,
                    horizontal=True,
                    key=f"rc_verdict_{key}",
                )
                note = c2.text_input("Note", value=(previous or {}).get("note", ""), key=f"rc_note_{key}")
                submitted = st.form_submit_button("Save contradiction review")
            if submitted:
                if verdict is None:
                    st.warning("Choose a verdict before saving.")
                    continue
                with guarded("save the review"):
                    store.save_review(
                        analysis_id, "contradiction", index, verdict, note=note or "",
                        reviewer=st.session_state.get("reviewer", ""),
                    )  # fmt: skip
                    st.session_state["flash"] = f"Saved: contradiction #{index} is {verdict}."
                    st.rerun()


def profile_tab(analysis: Analysis) -> None:
    frame = report.statements_frame(analysis)
    c1, c2, c3, c4, c5 = st.columns(5)
    c1.metric("Statements", len(analysis.statements))
    c2.metric("Sources", len(analysis.sources))
    c3.metric("Contradictions", len(analysis.contradictions))
    c4.metric("Anonymous statements", int(frame["anonymous"].sum()) if len(frame) else 0)
    c5.metric("Hedged statements", int(frame["hedged"].sum()) if len(frame) else 0)
    charts = ds.profile_charts(analysis)
    columns = st.columns(len(charts))
    for column, (title, chart) in zip(columns, charts, strict=True):
        with column:
            st.markdown(f"**{title}**")
            st.altair_chart(chart, width="stretch")
    profile = report.profile_frame(analysis)
    if not profile.empty:
        st.markdown("**Article profile**")
        st.dataframe(
            profile.drop(columns=["article_id"]).astype({"value": str}),
            hide_index=True,
            height=36 * (len(profile) + 1) + 2,  # every measure at once, no inner scrolling
        )


def reviews_tab(store: Store | None, reviews: list[dict]) -> None:
    if store is None:
        st.caption("Reviews need the review database.")
    elif not reviews:
        st.caption("No reviews of this analysis yet: review statements in the Statements tab.")
    else:
        st.dataframe(ds.reviews_frame(reviews), hide_index=True)


def export_tab(
    store: Store | None, analysis_id: int | None, analysis: Analysis, batch: list[Analysis]
) -> None:
    gold = None
    if store is not None and analysis_id is not None:
        with guarded("build the reviewed gold export"):
            gold = store.export_gold(analysis_id)
    if gold is None:
        st.caption("The gold JSON export needs the review database.")
    if len(batch) > 1:
        st.caption(
            f"CSV and JSONL cover all {len(batch)} articles of this batch; JSON and HTML this article."
        )
    files = ds.export_files(analysis, gold, batch)
    for column, file in zip(st.columns(len(files)), files, strict=True):
        with column:
            st.download_button(
                file.label, file.data, file_name=file.file_name, mime=file.mime, key=f"download_{file.file_name}",
                on_click="ignore", icon=":material/download:",
            )  # fmt: skip
            st.caption(EXPORT_NOTES.get(file.mime, ""))


EXPORT_NOTES = {
    "text/csv": "One row per statement with offsets, scores and factors; opens in a spreadsheet.",
    "application/jsonl": "One JSON object per statement, for scripts.",
    "application/json": "The gold schema with this article's reviews applied: corrections in, wrong statements out.",
    "text/html": "A self-contained report to share: highlighted article, tables and contradictions.",
}


def main_view(store: Store | None) -> None:
    loaded = st.session_state.get("loaded") or []
    if not loaded:
        st.info("Load an article from the sidebar: a bundled sample, pasted text or HTML, or an upload.")
        return
    flash = st.session_state.pop("flash", None)
    if flash:
        st.success(flash)
    for problem in st.session_state.get("problems") or []:
        st.warning(problem)
    if len(loaded) > 1:
        st.selectbox(
            "Article in this batch",
            range(len(loaded)),
            key="current",
            format_func=lambda i: (
                loaded[i]["analysis"].article.title or loaded[i]["analysis"].article.article_id
            ),
        )
    position = min(int(st.session_state.get("current") or 0), len(loaded) - 1)
    analysis_id: int | None = loaded[position]["id"]
    analysis: Analysis = loaded[position]["analysis"]
    article = analysis.article
    st.title(article.title or article.article_id)
    stored = f"stored analysis #{analysis_id}" if analysis_id is not None else "not stored"
    st.caption(
        f"{article.article_id} · {len(analysis.statements)} statements from {len(analysis.sources)} sources · "
        f"{len(analysis.contradictions)} contradictions · {stored} · "
        f"analyzer {analysis.versions.get('analyzer', '?')}, {analysis.versions.get('models', 'models ?')}"
    )
    reviews: list[dict] = []
    if store is not None and analysis_id is not None:
        with guarded("read the reviews"):
            reviews = store.current_reviews(analysis_id)
    tabs = st.tabs(["Article", "Statements", "Sources", "Contradictions", "Profile", "Reviews", "Export"])
    with tabs[0], guarded("show the article"):
        article_tab(analysis)
    with tabs[1], guarded("show the statements"):
        statements_tab(store, analysis_id, analysis, reviews)
    with tabs[2], guarded("show the sources"):
        sources_tab(analysis)
    with tabs[3], guarded("show the contradictions"):
        contradictions_tab(store, analysis_id, analysis, reviews)
    with tabs[4], guarded("show the article profile"):
        profile_tab(analysis)
    with tabs[5], guarded("show the reviews"):
        reviews_tab(store, reviews)
    with tabs[6], guarded("prepare the exports"):
        export_tab(store, analysis_id, analysis, [entry["analysis"] for entry in loaded])


def main() -> None:
    store = open_store()
    try:
        status = st.container()
        sidebar(store, status)
        if "loaded" not in st.session_state:
            # The embedded default: the seed article, analyzed, so the page opens on a real example.
            with guarded("analyze the seed article", status):
                analyze_and_show(store, [ds.load_sample(ds.SEED_PATH)], [], status)
        main_view(store)
    finally:
        if store is not None:
            store.close()


main()
