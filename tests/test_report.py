"""Exports: gold-schema JSON, CSV safety, JSONL, and an HTML report that escapes the article."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser

from analyzer import report
from analyzer.records import Analysis, Article, Contradiction, HedgeCue, ScoreFactor, Source, Span, Statement

HOSTILE = (
    'Officials said <script>alert("x")</script> was harmless. '
    '"<img src=x onerror=alert(1)> is fine," the <b>spokesman</b> said. '
    '=HYPERLINK("http://evil") said nothing.'
)


def hostile_analysis() -> Analysis:
    text = HOSTILE
    content_1 = text.index("<script>")
    content_2 = text.index("<img")
    s1 = Statement(
        content=Span.of(text, content_1, text.index(" was harmless") + len(" was harmless")),
        kind="indirect",
        cue=(Span.of(text, 10, 14),),
        speaker=Span.of(text, 0, 9),
        sentence_index=0,
        source_id=0,
        speaker_canonical="=officials",
        speaker_type="unnamed_group",
        hedges=(HedgeCue(Span.of(text, 10, 14), "reporting_verb"),),
        attribution_score=0.4,
        attribution_factors=(ScoreFactor("unnamed group", -0.2, "speaker named by role only"),),
    )
    s2 = Statement(
        content=Span.of(text, content_2, text.index(" is fine") + len(" is fine")),
        kind="direct",
        cue=(Span.of(text, text.index("said.", content_2), text.index("said.", content_2) + 4),),
        speaker=Span.of(text, text.index("the <b>"), text.index("</b>") + 4),
        sentence_index=1,
        source_id=1,
        speaker_canonical="spokesman",
        speaker_type="person",
    )
    sources = (
        Source(0, "=officials", "unnamed_group", (s1.speaker,)),
        Source(1, "spokesman", "person", (s2.speaker,)),
    )
    return Analysis(
        article=Article("hostile", text, title="<i>title</i>"),
        statements=(s1, s2),
        sources=sources,
        contradictions=(Contradiction(0, 1, 0.8, "harmless <vs> fine", (("a", s1.content),)),),
        profile={"n_sources": 2},
    )


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.marked: dict[str, str] = {}
        self._stack: list[str | None] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)
        data = dict(attrs)
        self._stack.append(
            data.get("data-statement") if tag == "mark" and "statement" in (data.get("class") or "") else None
        )

    def handle_endtag(self, tag):
        if self._stack:
            self._stack.pop()

    def handle_data(self, data):
        for ids in filter(None, self._stack):
            for index in ids.split():
                self.marked[index] = self.marked.get(index, "") + data


def test_html_report_escapes_every_piece_of_article_text():
    page = report.to_html(hostile_analysis())
    collector = _Collector()
    collector.feed(page)
    assert "script" not in collector.tags and "img" not in collector.tags and "b" in collector.tags
    assert not any(name.startswith("on") for name, _ in collector.attrs)
    assert "&lt;script&gt;" in page


def test_html_marks_every_statement_span():
    analysis = hostile_analysis()
    collector = _Collector()
    collector.feed(report.highlighted_text_html(analysis))
    for index, statement in enumerate(analysis.statements):
        assert statement.content.text in collector.marked[str(index)].replace("\n", "")


def test_json_export_follows_the_gold_schema():
    doc = report.to_json_dict(hostile_analysis())
    assert set(doc) >= {"article_id", "source", "text", "statements", "contradictions", "sources", "profile"}
    for s in doc["statements"]:
        assert doc["text"][s["content_start"] : s["content_end"]] == s["content"]
        assert doc["text"][s["speaker_start"] : s["speaker_end"]] == s["speaker"]
        assert doc["text"][s["cue_start"] : s["cue_end"]] == s["cue"].split(" ... ")[0]
    assert doc["contradictions"][0]["a"] == 0 and doc["contradictions"][0]["b"] == 1
    json.dumps(doc)


def test_json_round_trip_rebuilds_the_analysis():
    analysis = hostile_analysis()
    again = report.from_json_dict(report.to_json_dict(analysis))
    assert again.statements == analysis.statements
    assert again.sources == analysis.sources
    assert again.contradictions == analysis.contradictions


def test_csv_neutralises_formulas_and_keeps_one_row_per_statement():
    rows = list(csv.DictReader(io.StringIO(report.to_csv([hostile_analysis()]))))
    assert len(rows) == 2
    assert rows[0]["speaker_canonical"] == "'=officials"
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "@"))


def test_csv_file_has_a_bom_and_side_tables(tmp_path):
    written = report.write([hostile_analysis()], "csv", tmp_path / "out.csv")
    assert (tmp_path / "out.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert {p.name for p in written} == {"out.csv", "out_sources.csv", "out_contradictions.csv"}


def test_jsonl_one_line_per_statement():
    lines = report.to_jsonl([hostile_analysis()]).splitlines()
    assert [json.loads(line)["statement"] for line in lines] == [0, 1]
