"""The analysis in order: parse -> attribution -> speakers -> hedging + credibility ->
contradictions -> article profile.

In: an `Article` (or plain text). Out: an `Analysis` whose every span indexes `article.text`.
The parser is loaded once per process (`nlp.get_parser`); everything after parsing is cheap and
linear in the article length, and its time per stage is kept in `Analysis.timings`.
"""

from __future__ import annotations

import logging
import time

from analyzer import attribution, contradictions, credibility, hedging, speakers
from analyzer.nlp import ParsedText, Parser, get_parser
from analyzer.records import Analysis, Article

logger = logging.getLogger(__name__)

ANALYZER_VERSION = "0.1.0"


def analyze_parsed(article: Article, parsed: ParsedText, versions: dict[str, str] | None = None) -> Analysis:
    """Run every stage after parsing."""
    timings: dict[str, float] = {}

    def timed(stage: str, started: float) -> float:
        now = time.perf_counter()
        timings[stage] = timings.get(stage, 0.0) + now - started
        return now

    t = time.perf_counter()
    statements = attribution.extract_statements(parsed)
    t = timed("attribution", t)
    statements, sources = speakers.resolve(parsed, statements)
    t = timed("speakers", t)
    statements = hedging.annotate(parsed, statements)
    statements = credibility.score_statements(statements, sources)
    t = timed("scores", t)
    found = contradictions.find_contradictions(parsed, statements)
    t = timed("contradictions", t)
    profile = credibility.article_profile(statements, sources)
    timed("scores", t)
    return Analysis(
        article=article,
        statements=tuple(statements),
        sources=tuple(sources),
        contradictions=tuple(found),
        profile=profile,
        versions={"analyzer": ANALYZER_VERSION, **(versions or {})},
        timings=timings,
    )


def analyze(article: Article, parser: Parser | None = None) -> Analysis:
    """Parse and analyze one article."""
    parser = parser or get_parser()
    started = time.perf_counter()
    parsed = parser.parse(article.text)
    parse_seconds = time.perf_counter() - started
    analysis = analyze_parsed(article, parsed, parser.versions)
    analysis.timings["parse"] = parse_seconds
    return analysis


def analyze_many(articles: list[Article], parser: Parser | None = None) -> list[Analysis]:
    """Parse several articles in one batched parser call, then analyze each."""
    parser = parser or get_parser()
    started = time.perf_counter()
    parsed_all = parser.parse_many([a.text for a in articles])
    parse_seconds = time.perf_counter() - started
    total_chars = sum(len(a.text) for a in articles) or 1
    results = []
    for article, parsed in zip(articles, parsed_all, strict=True):
        analysis = analyze_parsed(article, parsed, parser.versions)
        # shared by length rather than evenly, so a short article's parse share is not inflated
        analysis.timings["parse"] = parse_seconds * len(article.text) / total_chars
        results.append(analysis)
    return results


def analyze_text(text: str, article_id: str = "article", parser: Parser | None = None) -> Analysis:
    return analyze(Article(article_id=article_id, text=text), parser)
