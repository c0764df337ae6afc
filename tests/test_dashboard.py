"""The dashboard: dashboard_support's logic directly, and dashboard.py driven by Streamlit's AppTest.

AppTest runs the script in this process, so the parser the `parser` fixture loads is the one the
dashboard uses (nlp.get_parser memoizes it) and each run takes seconds, not a model load.
"""

from __future__ import annotations

import html
import io
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analyzer import dashboard_support as ds
from analyzer.ingest import InputError
from analyzer.records import Analysis, Article, Contradiction, ScoreFactor, Source, Span, Statement
from analyzer.store import Store

REPO = Path(__file__).resolve().parent.parent
DASHBOARD = REPO / "dashboard.py"
DATA = Path(__file__).resolve().parent / "data"
TIMEOUT = 180  # a first run may load the models (5-10 s) on a busy machine

PASTED = (
    '"We will rebuild the bridge before the winter," Mayor Jane Okafor said on Monday. '
    "The council's engineers said the repairs could cost <b>more</b> than £2 million & take a year.\n"
)


# --- dashboard_support without a parser --------------------------------------------------------------


def _toy_analysis() -> Analysis:
    text = 'Officials said the <plan> "would work". The union said it would fail, sources told us.'

    def span(fragment: str, after: int = 0) -> Span:
        start = text.index(fragment, after)
        return Span.of(text, start, start + len(fragment))

    s0 = Statement(
        content=span('the <plan> "would work"'),
        kind="indirect",
        cue=(span("said"),),
        speaker=span("Officials"),
        sentence_index=0,
        source_id=0,
        speaker_canonical="Officials",
        speaker_type="government",
        attribution_score=0.4,
        attribution_factors=(ScoreFactor("named", -0.2, "unnamed officials"),),
    )
    s1 = Statement(
        content=span("it would fail"),
        kind="indirect",
        cue=(span("said", text.index("union")),),
        speaker=span("The union"),
        sentence_index=1,
        source_id=1,
        speaker_canonical="The union",
        speaker_type="organization",
        hedging_score=0.35,
        attribution_score=0.8,
    )
    sources = (
        Source(0, "Officials", "government", (span("Officials"),), knowledge_basis=span("sources told us")),
        Source(1, "The union", "organization", (span("The union"),)),
    )
    contradiction = Contradiction(0, 1, 0.9, "work <-> fail", (("verb", span("fail")),))
    article = Article("toy", text, title="Toy <story>")
    return Analysis(article, (s0, s1), sources, (contradiction,))


def test_db_path_from_environment(tmp_path):
    assert ds.db_path({}) == Path("analyzer.sqlite")
    assert ds.db_path({"ANALYZER_DB": str(tmp_path / "x.sqlite")}) == tmp_path / "x.sqlite"


def test_sample_articles_lists_seed_first_and_wikinews():
    samples = ds.sample_articles()
    assert samples[0].path == ds.SEED_PATH
    wikinews = [s for s in samples if s.path.parent.name == "wikinews"]
    assert len(wikinews) == len(list((ds.CORPORA / "wikinews").glob("*.txt")))
    assert all(s.label.startswith("Wikinews: ") for s in wikinews)
    seed = ds.load_sample(ds.SEED_PATH)
    assert seed.text == ds.SEED_PATH.read_text(encoding="utf-8")


def test_paste_detects_html_and_keeps_plain_text():
    assert ds.looks_like_html("<html><body><p>Hi</p></body></html>")
    assert not ds.looks_like_html("The <b>tag</b> is mentioned in passing.")
    assert not ds.looks_like_html("<not a tag> only")
    article = ds.article_from_paste(PASTED)
    assert article.text == PASTED and article.article_id.startswith("pasted-")
    assert ds.article_from_paste(PASTED).article_id == article.article_id
    page = (DATA / "news.html").read_text(encoding="utf-8")
    from_html = ds.article_from_paste(page, "port")
    assert (
        from_html.article_id == "port" and "<p>" not in from_html.text and "Priya Natarajan" in from_html.text
    )
    with pytest.raises(InputError, match="empty"):
        ds.article_from_paste("   \n")


def test_upload_batch_reports_bad_rows():
    articles, problems = ds.articles_from_upload("batch.csv", (DATA / "batch.csv").read_bytes())
    assert "mill-closure" in [a.article_id for a in articles]
    assert any("batch.csv:" in p for p in problems)
    with pytest.raises(InputError):
        ds.articles_from_upload("picture.png", b"\x89PNG\r\n")


def test_analyze_articles_keeps_going_after_a_failure():
    def analyze_one(article: Article) -> Analysis:
        if article.article_id == "bad":
            raise RuntimeError("boom")
        return Analysis(article, ())

    calls = []
    result = ds.analyze_articles(
        [Article("a", "x"), Article("bad", "y"), Article("c", "z")],
        analyze_one,
        lambda done, total, article_id: calls.append((done, total, article_id)),
    )
    assert [a.article.article_id for a in result.analyses] == ["a", "c"]
    assert result.failures == [("bad", "unexpected error (RuntimeError)")]
    assert calls == [(1, 3, "a"), (2, 3, "bad"), (3, 3, "c")]


def test_friendly_error_never_shows_internals():
    assert ds.friendly_error("do it", InputError("bad input")) == "Could not do it: bad input"
    message = ds.friendly_error("do it", KeyError("secret/path"))
    assert "KeyError" in message and "secret/path" not in message and "server log" in message


def test_filter_statements():
    analysis = _toy_analysis()
    frame = ds.statements_table(
        analysis, [{"target_kind": "statement", "target_index": 1, "verdict": "wrong"}]
    )
    assert list(frame["review"]) == ["", "wrong"]
    assert ds.filter_options(frame)["source"] == ["Officials", "The union"]
    assert len(ds.filter_statements(frame, ds.StatementFilter())) == 2
    by_type = ds.filter_statements(frame, ds.StatementFilter(types=("organization",)))
    assert list(by_type["statement"]) == [1]
    assert list(ds.filter_statements(frame, ds.StatementFilter(sources=("Officials",)))["statement"]) == [0]
    assert list(ds.filter_statements(frame, ds.StatementFilter(attribution=(0.5, 1.0)))["statement"]) == [1]
    assert list(ds.filter_statements(frame, ds.StatementFilter(hedging=(0.0, 0.35)))["statement"]) == [0, 1]
    assert ds.filter_statements(frame, ds.StatementFilter(anonymous=ds.YES)).empty
    assert ds.score_bounds(frame, "attribution_score") == (0.0, 1.0)


def test_html_fragments_escape_article_text():
    analysis = _toy_analysis()
    page = ds.article_html(analysis)
    assert "&lt;plan&gt;" in page and "<plan>" not in page
    assert 'class="statement"' in page and "Officials (government)" in page
    pair = ds.contradiction_html(analysis, 0)
    assert "work &lt;-&gt; fail" in pair and "<plan>" not in pair
    assert pair.count('class="side"') == 2 and 'class="evidence' in pair
    card = ds.source_card_html(ds.source_cards(analysis)[0])
    assert "sources told us" in card and "Anonymity reason:</b> <i>none</i>" in card
    marked = ds.marked_html("a <b> c", 0, 7, [(2, 5, "statement", "#fff")])
    assert marked == 'a <mark class="statement" style="background:#fff">&lt;b&gt;</mark> c'


def test_context_bounds_stays_in_paragraph():
    text = "First paragraph.\n" + "word " * 200 + "TARGET " + "word " * 200 + "\nLast."
    start = text.index("TARGET")
    lo, hi = ds.context_bounds(text, Span.of(text, start, start + 6), limit=50)
    assert start - 50 <= lo < start and start + 6 < hi <= start + 56
    lo, hi = ds.context_bounds("a\nb said c\nd", Span.of("a\nb said c\nd", 2, 3))
    assert (lo, hi) == (2, 10)


def test_correction_arguments_only_changed_fields():
    analysis = _toy_analysis()
    s = analysis.statements[0]
    assert (
        ds.correction_arguments(analysis, 0, "Officials", "government", s.content.start, s.content.end) == {}
    )
    assert ds.correction_arguments(analysis, 0, " City officials ", "person", 0, 9) == {
        "corrected_speaker": "City officials",
        "corrected_type": "person",
        "corrected_start": 0,
        "corrected_end": 9,
    }


def test_export_files_content():
    analysis = _toy_analysis()
    files = {f.label: f for f in ds.export_files(analysis, {"article_id": "toy", "statements": []})}
    assert files["CSV (statements)"].data.startswith("\ufeff".encode())
    assert files["CSV (statements)"].file_name == "toy.csv"
    assert len(files["JSONL (statements)"].data.decode().splitlines()) == 2
    assert json.loads(files["JSON (gold, reviewed)"].data)["article_id"] == "toy"
    assert b"&lt;plan&gt;" in files["HTML report"].data
    batch = ds.export_files(analysis, None, [analysis, analysis])
    assert [f.file_name for f in batch] == ["batch.csv", "batch.jsonl", "toy.html"]


def test_profile_charts_build():
    charts = ds.profile_charts(_toy_analysis())
    assert [title for title, _ in charts] == [
        "Statements per source type",
        "Attribution scores",
        "Hedging scores",
    ]
    for _, chart in charts:
        assert chart.to_dict()["mark"]["type"] == "bar"


# --- dashboard.py through AppTest --------------------------------------------------------------------


@pytest.fixture
def db(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "reviews.sqlite"
    monkeypatch.setenv("ANALYZER_DB", str(path))
    return path


@pytest.fixture
def media(monkeypatch) -> list:
    """The in-memory stores AppTest keeps download-button files in, so a test can read a download."""
    import streamlit.testing.v1.app_test as app_test_module

    storages = []

    class RecordingStorage(app_test_module.MemoryMediaFileStorage):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            storages.append(self)

    monkeypatch.setattr(app_test_module, "MemoryMediaFileStorage", RecordingStorage)
    return storages


def run_app(parser) -> AppTest:
    del parser  # loaded by the fixture, so the dashboard's get_parser() call is instant
    at = AppTest.from_file(str(DASHBOARD), default_timeout=TIMEOUT)
    at.run()
    check_clean(at)
    return at


def check_clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def article_html(at: AppTest) -> str:
    bodies = [e.value for e in at.get("html") if 'class="analyzer-legend"' in e.value]
    assert len(bodies) == 1
    return bodies[0]


def marked_statements(page: str) -> set[int]:
    found: set[int] = set()
    for match in re.finditer(r'<mark class="[^"]*\bstatement\b[^"]*" data-statement="([\d ]+)"', page):
        found.update(int(i) for i in match.group(1).split())
    return found


def statements_table(at: AppTest) -> pd.DataFrame:
    tables = [d.value for d in at.dataframe if "content" in d.value.columns and "review" in d.value.columns]
    assert len(tables) == 1
    return tables[0]


def widget(widgets, label: str):
    found = [w for w in widgets if w.label == label]
    assert len(found) == 1, [w.label for w in widgets]
    return found[0]


def keyed(widgets, prefix: str):
    """The one widget whose key starts with `prefix` (review widgets are keyed per analysis and target)."""
    found = [w for w in widgets if (w.key or "").startswith(prefix)]
    assert len(found) == 1, [w.key for w in widgets]
    return found[0]


def test_default_view_shows_seed_statements(db, parser, seed_analysis):
    at = run_app(parser)
    assert at.title[0].value == "tiktok-bytedance"
    page = article_html(at)
    n = len(seed_analysis.statements)
    assert n > 0
    assert marked_statements(page) == set(range(n))
    assert 'class="speaker' in page or 'speaker"' in page
    for statement in seed_analysis.statements[:3]:
        first_words = statement.content.text.split(" ")[0]
        assert html.escape(first_words) in page
    table = statements_table(at)
    assert list(table["statement"]) == list(range(n))
    assert list(table["content"]) == [s.content.text for s in seed_analysis.statements]
    assert len(at.get("vega_lite_chart")) == 3
    with Store(db) as store:
        assert [row["article_id"] for row in store.list_analyses()] == ["tiktok-bytedance"]


def test_paste_text_is_analyzed_and_escaped(db, parser):
    at = run_app(parser)
    at.text_area(key="paste_text").set_value(PASTED)
    at.button(key="analyze_paste").click().run()
    check_clean(at)
    assert at.title[0].value.startswith("pasted-")
    page = article_html(at)
    assert "&lt;b&gt;more&lt;/b&gt;" in page and "<b>more" not in page
    assert "&amp; take a year" in page or "&amp;" in page
    table = statements_table(at)
    assert len(table) >= 1
    # what is found depends on the models; that it indexes the pasted text does not
    assert all(content in PASTED for content in table["content"])


def test_paste_html_is_reduced_to_text(db, parser):
    at = run_app(parser)
    at.text_area(key="paste_text").set_value((DATA / "news.html").read_text(encoding="utf-8"))
    at.text_input(key="paste_id").set_value("harbour")
    at.button(key="analyze_paste").click().run()
    check_clean(at)
    assert at.title[0].value == "Port strike ends after pay deal"
    page = article_html(at)
    assert "Priya Natarajan" in page and "Subscribe now" not in page and "window.dataLayer" not in page


def test_bad_input_shows_a_message_and_keeps_the_work(db, parser, monkeypatch):
    at = run_app(parser)
    french = (DATA / "french.txt").read_text(encoding="utf-8")
    at.text_area(key="paste_text").set_value(french)
    at.button(key="analyze_paste").click().run()
    assert not at.exception
    assert len(at.error) == 1 and "Could not analyze the pasted text" in at.error[0].value
    assert at.text_area(key="paste_text").value == french
    assert at.title[0].value == "tiktok-bytedance"  # the article on screen stays

    def broken(*args, **kwargs):
        raise RuntimeError("internal detail")

    monkeypatch.setattr(ds, "article_from_paste", broken)
    at.button(key="analyze_paste").click().run()
    assert not at.exception
    assert "unexpected error occurred (RuntimeError)" in at.error[0].value
    assert "internal detail" not in at.error[0].value and "Traceback" not in at.error[0].value
    assert at.title[0].value == "tiktok-bytedance"


def test_upload_batch_with_progress_and_skipped_rows(db, parser):
    at = run_app(parser)
    uploader = at.get("file_uploader")[0]
    uploader.set_value(
        [
            ("batch.csv", (DATA / "batch.csv").read_bytes(), "text/csv"),
            ("news.html", (DATA / "news.html").read_bytes(), "text/html"),
        ]
    )
    at.run()
    at.button(key="analyze_upload").click().run()
    check_clean(at)
    expected, problems = ds.articles_from_upload("batch.csv", (DATA / "batch.csv").read_bytes())
    batch = widget(at.selectbox, "Article in this batch")
    assert len(batch.options) == len(expected) + 1
    assert any("batch.csv:" in w.value for w in at.warning)  # the skipped rows are reported
    assert problems
    batch.set_value(len(expected)).run()
    check_clean(at)
    assert at.title[0].value == "Port strike ends after pay deal"
    with Store(db) as store:
        assert len(store.list_analyses()) == len(expected) + 2  # the seed, the rows and the page


def test_statement_filters(db, parser, seed_analysis):
    at = run_app(parser)
    full = statements_table(at)
    a_type = full["speaker_type"].value_counts().index[0]
    widget(at.multiselect, "Source type").set_value([a_type]).run()
    check_clean(at)
    by_type = statements_table(at)
    assert set(by_type["speaker_type"]) == {a_type}
    assert len(by_type) == (full["speaker_type"] == a_type).sum()
    widget(at.multiselect, "Source type").set_value([]).run()
    widget(at.selectbox, "Hedged").set_value(ds.YES).run()
    hedged = statements_table(at)
    assert len(hedged) == sum(1 for s in seed_analysis.statements if any(h.is_hedge for h in s.hedges))
    widget(at.selectbox, "Hedged").set_value(ds.ANY).run()
    widget(at.slider, "Attribution score").set_value((0.95, 1.0)).run()
    high = statements_table(at)
    assert all(score >= 0.95 for score in high["attribution_score"])
    assert len(high) == sum(1 for s in seed_analysis.statements if round(s.attribution_score, 4) >= 0.95)
    check_clean(at)


def test_review_is_saved_and_found_after_a_restart(db, parser, seed_analysis):
    at = run_app(parser)
    index = min(1, len(seed_analysis.statements) - 1)
    widget(at.selectbox, "Statement").set_value(index).run()
    keyed(at.radio, "rs_verdict_").set_value("wrong")
    keyed(at.text_area, "rs_note_").set_value("speaker is the agency, not the paper")
    keyed(at.selectbox, "rs_type_").set_value("media")
    widget(at.button, "Save statement review").click().run()
    check_clean(at)
    assert any("Saved: statement" in s.value for s in at.success)
    with Store(db) as store:
        (analysis_row,) = store.list_analyses()
        (review,) = store.current_reviews(analysis_row["id"])
    assert (review["target_index"], review["verdict"], review["corrected_type"]) == (index, "wrong", "media")
    assert review["note"] == "speaker is the agency, not the paper"

    fresh = run_app(parser)  # a new session on the same database: a reload or a restart
    assert statements_table(fresh)["review"][index] == "wrong"
    reviews = [d.value for d in fresh.dataframe if "verdict" in d.value.columns]
    assert reviews and reviews[0]["note"].tolist() == ["speaker is the agency, not the paper"]
    widget(fresh.selectbox, "Statement").set_value(index).run()
    assert keyed(fresh.radio, "rs_verdict_").value == "wrong"
    history = fresh.sidebar.selectbox[-1]
    assert history.label == "Analyzed articles" and len(history.options) == 1
    fresh.button(key="open_history").click().run()
    check_clean(fresh)
    assert fresh.title[0].value == "tiktok-bytedance"
    assert statements_table(fresh)["review"][index] == "wrong"


def test_exports(db, parser, seed_analysis, media):
    at = run_app(parser)
    widget(at.selectbox, "Statement").set_value(0).run()
    keyed(at.radio, "rs_verdict_").set_value("wrong")
    widget(at.button, "Save statement review").click().run()
    check_clean(at)

    def download(label: str) -> bytes:
        button = widget(at.get("download_button"), label)
        filename = button.proto.url.rsplit("/", 1)[-1]
        for storage in reversed(media):
            try:
                return storage.get_file(filename).content
            except Exception:
                continue
        raise AssertionError(f"no file behind {label}")

    n = len(seed_analysis.statements)
    csv_text = download("CSV (statements)").decode("utf-8-sig")
    rows = pd.read_csv(io.StringIO(csv_text))
    assert len(rows) == n and rows["article_id"].eq("tiktok-bytedance").all()
    lines = download("JSONL (statements)").decode("utf-8").splitlines()
    assert len(lines) == n and json.loads(lines[0])["content"] == seed_analysis.statements[0].content.text
    gold = json.loads(download("JSON (gold, reviewed)"))
    # statement 0 was reviewed "wrong" with no correction, so the reviewed gold leaves it out
    assert gold["reviewed_from"]["n_reviews"] == 1 and len(gold["statements"]) == n - 1
    assert gold["text"] == seed_analysis.text
    page = download("HTML report").decode("utf-8")
    assert page.startswith("<!DOCTYPE html>") and 'class="statement' in page


def test_contradiction_side_by_side_and_review(db, parser, monkeypatch):
    """Through a stub analysis, so that this does not depend on what the detector finds in a text."""
    from analyzer import pipeline

    toy = _toy_analysis()
    real_analyze = pipeline.analyze

    def analyze(article, parser=None):
        if article.text == toy.text:
            return Analysis(article, toy.statements, toy.sources, toy.contradictions)
        return real_analyze(article, parser)

    monkeypatch.setattr(pipeline, "analyze", analyze)
    at = run_app(parser)
    at.text_area(key="paste_text").set_value(toy.text)
    at.button(key="analyze_paste").click().run()
    check_clean(at)
    (pair,) = [e.value for e in at.get("html") if 'class="analyzer-contradiction"' in e.value]
    assert pair.count('class="side"') == 2 and "work &lt;-&gt; fail" in pair and "<plan>" not in pair
    keyed(at.radio, "rc_verdict_").set_value("wrong")
    keyed(at.text_input, "rc_note_").set_value("not the same claim")
    widget(at.button, "Save contradiction review").click().run()
    check_clean(at)
    assert any("Saved: contradiction #0 is wrong" in s.value for s in at.success)
    with Store(db) as store:
        analysis_id = next(r["id"] for r in store.list_analyses() if r["article_id"].startswith("pasted-"))
        (review,) = store.current_reviews(analysis_id)
        assert (review["target_kind"], review["verdict"], review["note"]) == (
            "contradiction",
            "wrong",
            "not the same claim",
        )
        assert store.export_gold(analysis_id)["contradictions"] == []
