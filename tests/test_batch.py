"""Batches: chunks parsed in one Stanza call give the same analyses as one parse per article."""

from __future__ import annotations

from analyzer import batch, pipeline, report
from analyzer.records import Article

ARTICLES = [
    Article(
        "a",
        'The minister said the plan "will cut costs by a third." Critics disagreed.\n\n'
        "According to Reuters, the vote may be delayed until March.",
    ),
    Article(
        "b", "Officials told reporters that the bridge was safe. The mayor denied that any cracks were found."
    ),
    Article(
        "c",
        "\u201cWe will appeal,\u201d a lawyer for the company said on Tuesday.\n\n"
        "Analysts said the ruling could cost the firm billions.",
    ),
]


def comparable(analysis) -> dict:
    found = report.to_json_dict(analysis)
    found.pop("versions")
    return found


def test_chunks_keep_the_order_and_bound_the_size():
    articles = [Article(str(i), "x" * size) for i, size in enumerate([10, 10, 25, 5, 40])]
    found = batch.chunks(articles, 1, chunk_chars=30)
    assert [[a.article_id for a in chunk] for chunk in found] == [["0", "1"], ["2", "3"], ["4"]]
    # several workers: smaller chunks, so that none idles at the end
    assert len(batch.chunks(articles, 2, chunk_chars=1000)) > 1


def test_one_batched_parse_gives_the_same_json_as_one_parse_each(parser):
    outcome = batch.run(ARTICLES, workers=1, progress=False)
    assert not outcome.failures
    alone = [pipeline.analyze(a, parser) for a in ARTICLES]
    assert [comparable(a) for a in outcome.analyses] == [comparable(a) for a in alone]
    assert all(a.timings["parse"] > 0 for a in outcome.analyses)
    assert all(mb > 0 for mb in outcome.worker_peak_rss_mb.values())


def test_two_workers_give_the_same_json_and_report_their_memory(parser):
    one = batch.run(ARTICLES, workers=1, progress=False)
    two = batch.run(ARTICLES, workers=2, progress=False)
    assert [a.article.article_id for a in two.analyses] == ["a", "b", "c"]
    assert [comparable(a) for a in two.analyses] == [comparable(a) for a in one.analyses]
    assert two.worker_peak_rss_mb and all(mb > 0 for mb in two.worker_peak_rss_mb.values())


def test_a_failing_article_is_reported_and_the_chunk_goes_on(parser, monkeypatch):
    real = pipeline.analyze_parsed

    def failing(article, parsed, versions=None):
        if article.article_id == "b":
            raise ValueError("boom")
        return real(article, parsed, versions)

    monkeypatch.setattr(pipeline, "analyze_parsed", failing)
    outcome = batch.run(ARTICLES, workers=1, progress=False)
    assert [a.article.article_id for a in outcome.analyses] == ["a", "c"]
    assert outcome.failures == [("b", "internal error: ValueError: boom")]
