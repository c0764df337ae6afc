"""Hostile input, crashes and concurrent reviewers: nothing raises but `AnalyzerError`, every span
indexes its text, no article markup survives unescaped, and nothing stored is lost.

The inputs and scenarios are module-level functions returning counts, so that
benchmarks/robustness.py runs the same set with a larger budget and reports what it found.
This module avoids relative imports for that reason: the benchmark loads it by path.
"""

from __future__ import annotations

import csv
import gzip
import html.parser
import io
import json
import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from analyzer import cli, ingest, pipeline, report
from analyzer import dashboard_support as ds
from analyzer.records import (
    Analysis,
    AnalyzerError,
    Article,
    Contradiction,
    HedgeCue,
    ScoreFactor,
    Source,
    Span,
    Statement,
)
from analyzer.store import Store

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data"
WIKINEWS = REPO / "corpora" / "wikinews"
FORK = multiprocessing.get_context("fork")

# --- hostile text -----------------------------------------------------------------------------------

QUOTE_MARKS = "\"'“”‘’„‚«»‹›「」"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"
BIDI_MARKS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
EMOJI = ("🙂", "👩\u200d👩\u200d👧", "🇺🇸", "❤\ufe0f", "👍🏽", "🧑\u200d🚀", "\U0001f600", "🏳️\u200d🌈")
ODD_SPACE = (" ", "\n", "\n\n", "\t", "\r\n", "\r", "\u00a0", "\u2028", "\u2029", "\u3000", "\x0b", "\x0c")
NEWS_PIECES = (
    "The minister said",
    "“We will rebuild the bridge,” Mayor Ann Lee told reporters.",
    "according to officials",
    "sources familiar with the matter said",
    "the plan could possibly fail",
    "“It is safe",
    "it is not safe,”",
    "he added.",
    "The union said it would strike, according to Reuters.",
    '"Nobody knows," she said',
    "Officials denied the report.",
    "It's the company's view,",
    "O'Brien",
)


def _quote_storm(mark: str, count: int) -> str:
    return mark * count


FRAGMENT = st.one_of(
    st.sampled_from(NEWS_PIECES),
    st.sampled_from(ODD_SPACE),
    st.sampled_from(QUOTE_MARKS),
    st.sampled_from(ZERO_WIDTH),
    st.sampled_from(BIDI_MARKS),
    st.sampled_from(EMOJI),
    st.characters(categories=["Cc"]),  # control characters, NUL included
    st.characters(categories=["Cs"]),  # lone surrogates: legal in a Python str, not in UTF-8
    st.characters(categories=["Mn", "Me"]),  # combining marks with nothing to combine with
    st.text(max_size=12),  # anything else Unicode has
    st.builds(_quote_storm, st.sampled_from(QUOTE_MARKS), st.integers(100, 1000)),  # 3,000: explicit
)
HOSTILE_TEXT = st.lists(FRAGMENT, max_size=40).map("".join)

EXPLICIT_TEXTS = (
    "",
    " \n\t ",
    "\x00\x01\x02 The mayor said \x07 so.\x1b[31m",
    "“Unbalanced, the mayor said. And again “another” “ one ” ”” said he.",
    "He said \ud800 the plan \udfff would \udbff\udc00 work.",
    "\u202eThe minister said \u200f“we will win”\u200e, \u2067officials\u2069 added.\u202c",
    "The\u200b minister\u200d said\u2060 “we\ufeff will\u00ad win,” reporters\u200c were told.",
    "🙂 “We will 👩\u200d👩\u200d👧 win,” the 🇺🇸 minister said 👍🏽.",
    "“" * 3000,
    "\"'" * 2000 + " the mayor said.",
    "“" + "It is safe, the engineers said. " * 50,  # a quotation never closed
)
# One run-on sentence with no full stop until the end, just over 100,000 characters.
LONG_CLAUSE = (
    "the council, which met on Monday in the old town hall, would review the plan to rebuild bridge {}"
)
LONG_SENTENCE = (
    "The minister said that "
    + " and ".join(LONG_CLAUSE.format(i) for i in range(100_000 // len(LONG_CLAUSE) + 1))
)[:99_999] + "."


def invalid_spans(analysis: Analysis, text: str) -> list[Span]:
    """Spans whose offsets do not slice their own text out of `text`."""
    assert analysis.text == text
    return [span for span in analysis.all_spans() if not span.check(text)]


def analyze_hostile(text: str, parser) -> list[Span]:
    """The whole analysis and its reports on one text: the invalid spans found (an `AnalyzerError`
    is an answer, not a failure); any other exception propagates."""
    try:
        analysis = pipeline.analyze_text(text, "hostile", parser)
    except AnalyzerError:
        return []
    for c in analysis.contradictions:
        assert 0 <= c.a < len(analysis.statements) and 0 <= c.b < len(analysis.statements)
    report.to_json_dict(analysis)
    if not ingest._SURROGATE.search(text):
        # Reports build pandas frames, whose Arrow strings must be valid Unicode; ingest refuses
        # text with lone surrogates, so no report, export or store ever receives one.
        report.to_html(analysis)
    return invalid_spans(analysis, text)


HYPOTHESIS_SETTINGS = settings(
    max_examples=25,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
        HealthCheck.function_scoped_fixture,  # the autouse no-network guard; it holds no per-example state
    ],
)


def _with_explicit_examples(test: Callable) -> Callable:
    for text in EXPLICIT_TEXTS:
        test = example(text=text)(test)
    return test


@HYPOTHESIS_SETTINGS
@_with_explicit_examples
@given(text=HOSTILE_TEXT)
def test_any_text_gives_an_analysis_or_an_analyzer_error_and_valid_spans(parser, text: str) -> None:
    assert analyze_hostile(text, parser) == []


def test_a_100k_character_single_sentence_is_analyzed_with_valid_spans(parser) -> None:
    assert len(LONG_SENTENCE) == 100_000 and LONG_SENTENCE.count(".") == 1
    analysis = pipeline.analyze_text(LONG_SENTENCE, "run-on", parser)
    assert invalid_spans(analysis, LONG_SENTENCE) == []
    assert analysis.statements  # "The minister said that ..." is still attributed


def test_overlong_sentences_are_cut_for_the_parser_and_keep_their_offsets(parser, monkeypatch) -> None:
    # Regression: a sentence of thousands of words made the parser's word-pair scores exhaust
    # memory. Cutting happens between tokens, never inside a multi-word token such as "won't".
    from analyzer import nlp

    text = "He said he won't go and they're done and we can't stay, she said. Short one."
    monkeypatch.setattr(nlp, "MAX_SENTENCE_WORDS", 4)
    parsed = parser.parse(text)
    assert all(len(s.words) <= 4 for s in parsed.sentences)
    words = [w for s in parsed.sentences for w in s.words]
    assert [w.text for w in words if w.text in ("wo", "n't", "ca")] == ["wo", "n't", "ca", "n't"]
    for sentence in parsed.sentences:
        assert all(text[w.start : w.end] == w.text for w in sentence.words)
        heads = [w.head for w in sentence.words]
        assert heads.count(0) >= 1 and all(0 <= h <= len(sentence.words) for h in heads)
    [again] = parser.parse_many([text])
    assert again == parsed


# --- escaping -----------------------------------------------------------------------------------

HOSTILE_HTML_ARTICLE = (
    "“<script>alert('quote')</script> is harmless,” said <img src=x onerror=\"alert(2)\"> Smith "
    "on Monday.\n\n"
    'The minister said the plan <a href="javascript:alert(3)">would work</a>, according to '
    '<iframe src="javascript:alert(4)"></iframe> officials.\n\n'
    "“<svg onload=alert(5)>We will not win</svg>,” the spokesman <b onmouseover=alert(6)>told</b> "
    "reporters, but the <body onload=alert(7)> union said “we will win”.\n"
)
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "srcdoc",
    "background",
    "poster",
    "xlink:href",
}
# (the report is a whole page, so <body> and <meta> are ours; an injected one shows by its on* handler)
ACTIVE_TAGS = {"script", "img", "iframe", "svg", "a", "object", "embed", "form", "input", "base", "frame"}


class _Markup(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ACTIVE_TAGS:
            self.problems.append(f"<{tag}> tag")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{name}= on <{tag}>")
            lowered = "".join((value or "").split()).lower()
            if (name in URL_ATTRIBUTES or name == "style") and (
                "javascript:" in lowered or "url(" in lowered or "expression(" in lowered
            ):
                self.problems.append(f"{name}={value!r} on <{tag}>")

    handle_startendtag = handle_starttag


def active_markup(fragment: str) -> list[str]:
    """Tags, event handlers and script URLs in an HTML fragment (none of which our HTML uses)."""
    parser = _Markup()
    parser.feed(fragment)
    parser.close()
    return parser.problems


def _hostile_hand_built() -> Analysis:
    """Markup in every string an HTML view shows: names, types, cues, reasons, explanations, title."""
    text = HOSTILE_HTML_ARTICLE

    def at(needle: str) -> Span:
        start = text.index(needle)
        return Span.of(text, start, start + len(needle))

    evil = '<img src=x onerror="alert(8)"><a href="javascript:alert(9)">x</a>'
    first = Statement(
        content=at("<script>alert('quote')</script> is harmless,"),
        kind="direct",
        cue=(at("said"),),
        speaker=at('<img src=x onerror="alert(2)"> Smith'),
        sentence_index=0,
        source_id=0,
        speaker_canonical=evil,
        speaker_type="<script>t</script>",
        hedges=(HedgeCue(at("<script>"), "modal"),),
        attribution_factors=(ScoreFactor(evil, 0.1, evil),),
    )
    second = Statement(
        content=at("<svg onload=alert(5)>We will not win</svg>,"),
        kind="direct",
        cue=(at("<b onmouseover=alert(6)>told</b>"),),
        speaker=at("the spokesman"),
        sentence_index=2,
        source_id=1,
        speaker_canonical='<iframe src="javascript:alert(10)"></iframe>',
        speaker_type="person",
    )
    sources = (
        Source(0, evil, "<b onclick=x>", (first.speaker,), role=at("<body onload=alert(7)>")),
        Source(1, second.speaker_canonical, "person", (second.speaker,), flags=(evil,)),
    )
    contradiction = Contradiction(0, 1, 0.9, evil, ((evil, at('<a href="javascript:alert(3)">')),))
    article = Article(evil, text, title="<script>alert('title')</script>", source=evil)
    return Analysis(
        article,
        (first, second),
        sources,
        (contradiction,),
        profile={evil: evil},
        versions={"analyzer": evil, "models": evil},
    )


def rendered_html(analysis: Analysis) -> dict[str, str]:
    """Every HTML piece the report and the dashboard build for one analysis."""
    pieces = {"report.to_html": report.to_html(analysis), "article_html": ds.article_html(analysis)}
    pieces["legend_html"] = ds.legend_html(analysis)
    for index in range(len(analysis.contradictions)):
        pieces[f"contradiction_html {index}"] = ds.contradiction_html(analysis, index)
    for card in ds.source_cards(analysis):
        pieces[f"source_card_html {card['source_id']}"] = ds.source_card_html(card)
    return pieces


def markup_leaks(analysis: Analysis) -> dict[str, list[str]]:
    return {name: found for name, piece in rendered_html(analysis).items() if (found := active_markup(piece))}


def test_the_checker_sees_markup_it_should_refuse() -> None:
    assert active_markup('<p title="<script>">fine &lt;script&gt;</p>') == []
    assert len(active_markup(HOSTILE_HTML_ARTICLE)) >= 7


def test_no_markup_survives_in_any_html_piece_of_a_hand_built_analysis() -> None:
    analysis = _hostile_hand_built()
    assert markup_leaks(analysis) == {}
    assert "&lt;script&gt;" in report.to_html(analysis)  # the markup is shown as text, not dropped


def test_no_article_markup_survives_in_the_html_of_an_analyzed_article(parser) -> None:
    analysis = pipeline.analyze(
        Article("<script>x</script>", HOSTILE_HTML_ARTICLE, title="<img src=x onerror=alert(1)>"), parser
    )
    assert analysis.statements, "the hostile article should give statements whose markup is rendered"
    assert markup_leaks(analysis) == {}
    assert "&lt;script&gt;" in report.to_html(analysis)


# --- adversarial files through the CLI and the dashboard ----------------------------------------------

GOOD_TEXT = "“We will reopen the bridge in May,” Mayor Ann Lee told reporters on Monday."
FORMULA_CELLS = ('=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1:A9)", "\t=1", "\r=1")


def _csv_bytes(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _make_huge(path: Path) -> None:
    line = b"The mayor said the bridge would reopen in May, according to officials.\n"
    with path.open("wb") as handle:
        for _ in range(50_000_000 // len(line) + 1):
            handle.write(line)


@dataclass(frozen=True)
class Adversarial:
    name: str  # file name, its extension typing it
    expected: str  # a fragment of the message that refuses the file or a row
    good_ids: tuple[str, ...] = ()  # articles the input still yields
    build: Callable[[Path], None] | None = None  # writes the file; None: `data` is written
    data: bytes = b""


ADVERSARIAL: tuple[Adversarial, ...] = (
    Adversarial("empty.txt", "empty or only whitespace"),
    Adversarial("whitespace.txt", "empty or only whitespace", data=" \n\t\r\n \u3000\u2028 ".encode()),
    Adversarial("binary.txt", "binary", data=b"\x00\x01\x02\xff\xfe\x80" * 5000),
    Adversarial("image.txt", "PNG image", data=b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8),
    Adversarial("archive.txt", "gzip-compressed", data=gzip.compress(GOOD_TEXT.encode() * 20)),
    Adversarial("archive.txt.gz", "unsupported file type '.gz'", data=gzip.compress(GOOD_TEXT.encode())),
    Adversarial("huge.txt", "over the limit of 20,000,000", build=_make_huge),
    Adversarial("french.txt", "not English", data=(DATA / "french.txt").read_bytes()),
    Adversarial(
        "russian.txt",
        "not English",
        data=(
            "Министр заявил во вторник, что план восстановления обойдётся в три миллиарда рублей, "
            "сообщили источники, близкие к правительству. " * 4
        ).encode(),
    ),
    Adversarial(
        "script.html",
        "",
        good_ids=("script",),
        data=(
            "<html><head><title>Bridge <script>alert(1)</script></title>"
            "<script>document.cookie</script></head><body><article>"
            f'<p onclick="alert(2)">{GOOD_TEXT}</p>'
            '<p>“<a href="javascript:alert(3)">Click here</a> for details,” the council said '
            "<img src=x onerror=alert(4)> on Tuesday.</p></article></body></html>"
        ).encode(),
    ),
    Adversarial(
        "formulas.csv",
        "",
        good_ids=("=1+1", "@cmd"),
        data=_csv_bytes(
            [
                ["id", "title", "text", "outlet"],
                ["=1+1", '=HYPERLINK("http://evil")', f"“{FORMULA_CELLS[0]},” the mayor said.", "+cmd"],
                ["@cmd", "-title", "“+1+1,” said -Ann Lee. “@SUM(A1:A9),” she added.", "=x"],
            ]
        ),
    ),
    Adversarial(
        "bigcell.csv",
        "10,000,000 characters, over the limit of 1,000,000",
        good_ids=("small",),
        data=_csv_bytes([["id", "title", "text"], ["big", "", "a" * 10_000_000], ["small", "", GOOD_TEXT]]),
    ),
    Adversarial("binary.jsonl", "binary data", data=b'{"id": "a", "text": "x"}\n\x00\x01\xff\xfe\n'),
    Adversarial(
        "broken.jsonl",
        "not valid JSON",
        good_ids=("good",),
        data=b"\n".join(
            [
                b'{"id": "cut", "text": "The mayor said',
                b"[1, 2, 3]",
                b"not json at all",
                b'{"id": "no-text"}',
                b'{"id": "surrogate", "text": "The mayor said \\ud800 so."}',
                json.dumps({"id": "good", "text": GOOD_TEXT}).encode(),
                b'{"id": "good", "text": "duplicate id"}',
                b'{"id": "trailing", "text": "x"} junk',
            ]
        ),
    ),
)


def write_adversarial(case: Adversarial, folder: Path) -> Path:
    path = folder / case.name
    if case.build is not None:
        case.build(path)
    else:
        path.write_bytes(case.data)
    return path


def _earlier_analysis() -> Analysis:
    text = "Earlier, the council said the road would close, according to a spokesman."
    start = text.index("the road would close")
    statement = Statement(
        content=Span.of(text, start, start + len("the road would close")),
        kind="indirect",
        cue=(Span.of(text, text.index("said"), text.index("said") + 4),),
        speaker=Span.of(text, text.index("the council"), text.index("the council") + 11),
        sentence_index=0,
        source_id=0,
        speaker_canonical="the council",
        speaker_type="government",
    )
    source = Source(0, "the council", "government", (statement.speaker,))
    return Analysis(Article("earlier", text), (statement,), (source,), versions={"analyzer": "test"})


def seed_store(db: Path) -> tuple[int, dict]:
    """A store with one saved analysis and a review: what a bad input must never touch."""
    with Store(db) as store:
        analysis_id = store.save_analysis(_earlier_analysis())
        store.save_review(analysis_id, "statement", 0, "correct", note="kept")
        return analysis_id, store.load_json(analysis_id)


def lost_rows(db: Path, analysis_id: int, document: dict) -> int:
    """How many of the seeded rows (analysis, review) are gone or changed; a failed integrity
    check counts as one more."""
    lost = 0
    with Store(db) as store:
        lost += 0 if store.integrity_ok() else 1
        try:
            lost += 0 if store.load_json(analysis_id) == document else 1
        except AnalyzerError:
            lost += 1
        lost += 0 if [r["note"] for r in store.current_reviews(analysis_id)] == ["kept"] else 1
    return lost


@dataclass
class CliRun:
    code: int
    err: str
    stored_ids: list[str] = field(default_factory=list)
    csv_cells: list[str] = field(default_factory=list)


def run_cli(path: Path, db: Path, out: Path, capsys) -> CliRun:
    """`analyzer analyze PATH --db DB --format csv --out OUT` in this process."""
    code = cli.main(["analyze", str(path), "--db", str(db), "--format", "csv", "--out", str(out), "--quiet"])
    err = capsys.readouterr().err if capsys is not None else ""
    run = CliRun(code, err)
    with Store(db) as store:
        run.stored_ids = [row["article_id"] for row in store.list_analyses()]
    for written in out.parent.glob(out.stem + "*.csv"):
        with written.open(encoding="utf-8-sig", newline="") as handle:
            run.csv_cells += [cell for row in csv.reader(handle) for cell in row]
    return run


def formula_cells(cells: list[str]) -> list[str]:
    """Cells a spreadsheet would run as a formula (numbers such as -0.25 are just numbers)."""
    found = []
    for cell in cells:
        if cell.startswith(report.FORMULA_PREFIXES):
            try:
                float(cell)
            except ValueError:
                found.append(cell)
    return found


@pytest.mark.parametrize("case", ADVERSARIAL, ids=[case.name for case in ADVERSARIAL])
def test_adversarial_file_through_the_cli_gets_a_message_and_loses_nothing(
    case: Adversarial, tmp_path: Path, capsys, request
) -> None:
    if case.good_ids:
        request.getfixturevalue("parser")  # loaded once per session; refused files need no parser
    db = tmp_path / "store.sqlite"
    analysis_id, document = seed_store(db)
    path = write_adversarial(case, tmp_path)
    if case.build is not None:
        # The file is far over the cap; ingest must refuse it from its size, not read it.
        for module in ("batch", "report", "store"):
            __import__(f"analyzer.{module}")
        tracemalloc.start()
        try:
            run = run_cli(path, db, tmp_path / "out" / "statements.csv", capsys)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert peak < 5_000_000
    else:
        run = run_cli(path, db, tmp_path / "out" / "statements.csv", capsys)
    assert "Traceback" not in run.err
    if case.expected:
        assert case.expected in run.err
        skipped = [line for line in run.err.splitlines() if line.startswith("analyzer: skipped")]
        assert skipped and all(line.startswith(f"analyzer: skipped {path}") for line in skipped)
    if case.good_ids:
        assert run.code == 0
        assert sorted(run.stored_ids) == sorted(["earlier", *case.good_ids])
        assert run.csv_cells and formula_cells(run.csv_cells) == []
    else:
        assert run.code == 1
        assert (
            run.err.strip().splitlines()[-1]
            == "analyzer: error: no article to analyze (see the messages above)"
        )
        assert run.stored_ids == ["earlier"]
    assert lost_rows(db, analysis_id, document) == 0


def test_formula_cells_from_a_csv_batch_are_neutralised_in_every_export(tmp_path: Path, capsys) -> None:
    # The batch's own cells: id, title and outlet reach the exports as they were given.
    case = next(c for c in ADVERSARIAL if c.name == "formulas.csv")
    run = run_cli(write_adversarial(case, tmp_path), tmp_path / "db.sqlite", tmp_path / "s.csv", capsys)
    assert run.code == 0
    assert "'=1+1" in run.csv_cells and "'@cmd" in run.csv_cells
    assert formula_cells(run.csv_cells) == []


def test_html_export_of_a_hostile_page_has_no_active_markup(tmp_path: Path, capsys) -> None:
    case = next(c for c in ADVERSARIAL if c.name == "script.html")
    path = write_adversarial(case, tmp_path)
    assert (
        cli.main(["analyze", str(path), "--format", "html", "--out", str(tmp_path / "out"), "--quiet"]) == 0
    )
    page = (tmp_path / "out" / "script.html").read_text(encoding="utf-8")
    assert active_markup(page) == []


def test_a_jsonl_row_with_a_surrogate_escape_is_refused_not_a_crash(tmp_path: Path, capsys) -> None:
    # Regression: json.loads turns "\ud800" into a lone surrogate, which passed ingest and then
    # crashed the store's content hash (UnicodeEncodeError) before the batch began.
    path = tmp_path / "surrogates.jsonl"
    path.write_text(
        '{"id": "a", "text": "The mayor said \\ud800 the bridge would reopen."}\n'
        '{"id": "b", "title": "\\udfff", "text": "The mayor said the bridge would reopen."}\n',
        encoding="utf-8",
    )
    db = tmp_path / "db.sqlite"
    analysis_id, document = seed_store(db)
    assert cli.main(["analyze", str(path), "--db", str(db), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "line 1: the text cell has an unpaired surrogate (\\ud800)" in err
    assert "line 2: the title cell has an unpaired surrogate (\\udfff)" in err
    assert "Traceback" not in err
    assert lost_rows(db, analysis_id, document) == 0
    with pytest.raises(ingest.InputError, match="unpaired surrogate"):
        ingest.article_from_text("The mayor said \udc00 so.", "pasted")


@pytest.mark.parametrize("case", ADVERSARIAL, ids=[case.name for case in ADVERSARIAL])
def test_adversarial_upload_through_the_dashboard_gets_a_message(case: Adversarial, tmp_path: Path) -> None:
    data = write_adversarial(case, tmp_path).read_bytes()
    if case.good_ids:
        articles, problems = ds.articles_from_upload(case.name, data)
        assert sorted(a.article_id for a in articles) == sorted(case.good_ids)
        assert all(case.expected in p for p in problems[:1])
        assert all("\n" not in p for p in problems)
    else:
        with pytest.raises(ingest.InputError) as caught:
            ds.articles_from_upload(case.name, data)
        assert case.expected in str(caught.value) and "\n" not in str(caught.value)
        assert ds.friendly_error("load the file", caught.value).startswith("Could not load the file: ")


@pytest.mark.parametrize(
    ("pasted", "expected"),
    [
        ("", "empty"),
        (" \n\u3000\t", "empty"),
        ("The mayor\x00\x01\x02 said \x03\x04 so. " * 20, "binary"),
        ("The mayor said \ud800 so.", "unpaired surrogate"),
        ((DATA / "french.txt").read_text(encoding="utf-8") * 2, "not English"),
        ("<html><body><script>alert(1)</script><style>p {}</style></body></html>", "no article text"),
    ],
    ids=["empty", "whitespace", "binary", "surrogate", "french", "script-only-html"],
)
def test_adversarial_paste_gets_a_message(pasted: str, expected: str) -> None:
    with pytest.raises(ingest.InputError, match=expected):
        ds.article_from_paste(pasted)


def test_hostile_paste_is_kept_as_text_and_escaped(parser) -> None:
    article = ds.article_from_paste(HOSTILE_HTML_ARTICLE)  # starts with a quote: plain text, not HTML
    assert article.text == HOSTILE_HTML_ARTICLE
    assert markup_leaks(pipeline.analyze(article, parser)) == {}


def run_cli_subprocess(
    args: list[str], stdin: bytes = b"", timeout: float = 300
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "analyzer.cli", *args],
        input=stdin,
        capture_output=True,
        timeout=timeout,
        cwd=REPO,
    )


def test_cli_subprocess_refuses_binary_stdin_and_bad_files_with_one_line_each(tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite"
    analysis_id, document = seed_store(db)
    bad = [write_adversarial(c, tmp_path) for c in ADVERSARIAL if c.name in ("empty.txt", "binary.txt")]
    result = run_cli_subprocess(
        ["analyze", "-", *map(str, bad), "--db", str(db), "--quiet"], stdin=gzip.compress(b"x" * 1000)
    )
    err = result.stderr.decode("utf-8")
    assert result.returncode == 1, err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert lines[0].startswith("analyzer: skipped stdin: the input looks like gzip-compressed data")
    assert len(lines) == 4 and lines[-1].startswith("analyzer: error: no article to analyze")
    assert lost_rows(db, analysis_id, document) == 0


# --- store durability ------------------------------------------------------------------------------


def batch_folder(folder: Path, count: int = 8) -> list[Path]:
    """`count` real articles (the shortest Wikinews ones), so each takes the parser a moment."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = sorted(WIKINEWS.glob("*.txt"), key=lambda p: p.stat().st_size)[:count]
    copies = []
    for source in sources:
        copy = folder / source.name
        copy.write_bytes(source.read_bytes())
        copies.append(copy)
    return copies


def _stored_count(db: Path) -> int:
    try:
        connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1)
        try:
            return connection.execute("SELECT count(*) FROM analyses").fetchone()[0]
        finally:
            connection.close()
    except sqlite3.Error:
        return 0  # not created or not migrated yet


# `analyzer analyze FOLDER --db DB --quiet`, saving after every article: the batch saves per chunk of
# text, and with chunks as large as a whole small corpus there would be no "midway" to kill it at;
# each record is followed by a pause so the parent sees the first save before the batch is over.
BATCH_CHILD = """
import sys
import time
import analyzer.batch
from analyzer.cli import main
analyzer.batch.CHUNK_CHARS = 1
record = analyzer.batch.record
def paced_record(*args):  # a fast machine stored all 8 before the parent could kill it (CI, 2026-11-25)
    record(*args)
    time.sleep(0.5)
analyzer.batch.record = paced_record
sys.exit(main(["analyze", sys.argv[1], "--db", sys.argv[2], "--quiet"]))
"""


@dataclass
class KillOutcome:
    killed_after: int  # analyses stored when the batch was killed
    total: int
    lost: int  # articles missing after the rerun, plus one per failed integrity check or torn analysis
    duplicated: int
    rerun_skipped_line: bool  # the rerun said it skipped the stored ones


def batch_kill_and_rerun(tmp_path: Path, capsys=None, count: int = 8) -> KillOutcome:
    """`analyzer analyze FOLDER --db` in a child process, SIGKILLed once some articles are stored
    and before all are; then the same command again, in this process."""
    folder = tmp_path / "articles"
    files = batch_folder(folder, count)
    db = tmp_path / "batch.sqlite"
    Store(db).close()
    log = (tmp_path / "child.log").open("wb")
    child = subprocess.Popen(
        [sys.executable, "-c", BATCH_CHILD, str(folder), str(db)],
        cwd=REPO,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 300
        while _stored_count(db) < 1 and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        if child.poll() is not None:
            raise AssertionError(f"the batch ended before it could be killed: {child.returncode}")
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=60)
    finally:
        if child.poll() is None:
            os.kill(child.pid, signal.SIGKILL)
            child.wait(timeout=60)
        log.close()
    outcome = KillOutcome(killed_after=0, total=len(files), lost=0, duplicated=0, rerun_skipped_line=False)
    with Store(db) as store:
        outcome.lost += 0 if store.integrity_ok() else 1
        stored = store.list_analyses(all_versions=True)
        outcome.killed_after = len(stored)
        for row in stored:  # a committed analysis is whole: its JSON and its statement rows agree
            outcome.lost += 0 if len(store.load_json(row["id"])["statements"]) == row["n_statements"] else 1
        ids_before = {row["article_id"]: row["id"] for row in stored}
    code = cli.main(["analyze", str(folder), "--db", str(db), "--quiet"])
    err = capsys.readouterr().err if capsys is not None else ""
    outcome.rerun_skipped_line = f"{outcome.killed_after} article(s) already in the database, skipped" in err
    outcome.lost += 0 if code == 0 else 1
    with Store(db) as store:
        outcome.lost += 0 if store.integrity_ok() else 1
        stored = store.list_analyses(all_versions=True)
        article_ids = [row["article_id"] for row in stored]
        expected = {path.stem for path in files}
        outcome.lost += len(expected - set(article_ids))
        outcome.duplicated += len(article_ids) - len(set(article_ids))
        texts = store._connection.execute(
            "SELECT count(*), count(DISTINCT content_hash) FROM articles"
        ).fetchone()
        outcome.duplicated += texts[0] - texts[1] + max(0, texts[0] - len(expected))
        kept = {row["article_id"]: row["id"] for row in stored}
        outcome.lost += sum(1 for article_id, row_id in ids_before.items() if kept.get(article_id) != row_id)
    return outcome


def test_sigkill_during_a_cli_batch_then_a_rerun_loses_and_duplicates_nothing(
    tmp_path: Path, parser, capsys
) -> None:
    outcome = batch_kill_and_rerun(tmp_path, capsys)
    assert 1 <= outcome.killed_after < outcome.total
    assert outcome.rerun_skipped_line
    assert (outcome.lost, outcome.duplicated) == (0, 0)


def _save_reviews_forever(path: str, analysis_id: int, count: int, saved) -> None:
    with Store(path) as store:
        for index in range(count):
            store.save_review(analysis_id, "statement", 0, "unsure", note=f"r{index}")
            saved.value = index + 1


def review_kill_and_resume(tmp_path: Path, count: int = 400) -> tuple[int, int, int]:
    """A child saving reviews is SIGKILLed midway; the reviewer then saves the rest.
    (reviews committed at the kill, lost, duplicated)."""
    db = tmp_path / "reviews.sqlite"
    with Store(db) as store:
        analysis_id = store.save_analysis(_earlier_analysis())
    saved = FORK.Value("i", 0)
    child = FORK.Process(target=_save_reviews_forever, args=(str(db), analysis_id, count, saved))
    child.start()
    deadline = time.monotonic() + 120
    while saved.value < 10 and child.is_alive() and time.monotonic() < deadline:
        time.sleep(0.002)
    if not child.is_alive():
        raise AssertionError("the reviews were all saved before they could be interrupted")
    os.kill(child.pid, signal.SIGKILL)
    child.join(timeout=30)
    lost = duplicated = 0
    with Store(db) as store:
        lost += 0 if store.integrity_ok() else 1
        notes = [r["note"] for r in store.review_history(analysis_id, "statement", 0)]
        committed = len(notes)
        # Every save that returned is there, at most the one in flight besides, in order, once.
        lost += max(0, saved.value - committed)
        duplicated += len(notes) - len(set(notes))
        lost += 0 if notes == [f"r{i}" for i in range(committed)] else 1
        for index in range(committed, count):
            store.save_review(analysis_id, "statement", 0, "unsure", note=f"r{index}")
        notes = [r["note"] for r in store.review_history(analysis_id, "statement", 0)]
        lost += count - len(set(notes))
        duplicated += len(notes) - len(set(notes))
        lost += 0 if store.integrity_ok() else 1
    return committed, lost, duplicated


def test_sigkill_during_review_saves_loses_and_duplicates_no_review(tmp_path: Path) -> None:
    committed, lost, duplicated = review_kill_and_resume(tmp_path)
    assert 10 <= committed < 400
    assert (lost, duplicated) == (0, 0)


def _reviewer(path: str, analysis_id: int, worker: int, count: int) -> None:
    with Store(path) as store:
        for index in range(count):
            store.save_review(analysis_id, "statement", 0, "correct", note=f"w{worker}-{index}")


def concurrent_reviewers(tmp_path: Path, count: int = 50) -> tuple[int, int]:
    """Two processes save reviews on one file at once (tests/test_store.py asserts this case;
    the benchmark counts it). (failed processes, lost or duplicated reviews)."""
    db = tmp_path / "concurrent.sqlite"
    with Store(db) as store:
        analysis_id = store.save_analysis(_earlier_analysis())
    workers = [FORK.Process(target=_reviewer, args=(str(db), analysis_id, w, count)) for w in (1, 2)]
    for process in workers:
        process.start()
    for process in workers:
        process.join(timeout=120)
    failed = sum(1 for process in workers if process.exitcode != 0)
    with Store(db) as store:
        notes = [r["note"] for r in store.review_history(analysis_id, "statement", 0)]
        bad = 0 if store.integrity_ok() else 1
    expected = {f"w{w}-{i}" for w in (1, 2) for i in range(count)}
    return failed, bad + len(expected ^ set(notes)) + len(notes) - len(set(notes))
