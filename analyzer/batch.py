"""Batches: analyze many articles with progress, several worker processes and the store.

In: `Article`s. Out: a `BatchOutcome` (analyses, failures, how many were skipped as already
stored, and each worker's peak memory). Each worker process loads the parser once and analyzes
chunks of articles, parsing each chunk in one batched Stanza call (`Parser.parse_many`): Stanza
batches sentences across documents, which is much faster than one call per article. With a
database, articles whose text is already stored are skipped, and each chunk's analyses are saved as
soon as the chunk is done, so a batch killed halfway loses at most the chunks in flight and a rerun
completes it without duplicates. One failing article is reported and skipped; it never ends the
batch.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import resource
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from analyzer.records import Analysis, AnalyzerError, Article

logger = logging.getLogger(__name__)

# Characters of text per batched parse call. Stanza's gain from batching levels off at a few
# thousand words, while smaller chunks keep workers evenly loaded at the end of a batch, lose less
# work when a batch is killed, and move the progress bar more often.
CHUNK_CHARS = 30_000
# At least this many chunks per worker when the corpus allows, so no worker idles at the end.
CHUNKS_PER_WORKER = 4


@dataclass
class BatchOutcome:
    analyses: list[Analysis] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)
    skipped: int = 0
    # process id -> peak resident memory (MB) of each process that analyzed articles
    worker_peak_rss_mb: dict[int, float] = field(default_factory=dict)


Result = tuple[str, Analysis | None, str]

_worker_parser = None


def _init_worker(stanza_dir: str | None, torch_threads: int | None = None) -> None:
    global _worker_parser
    from analyzer.nlp import get_parser

    if torch_threads:
        # several worker processes already use the cores; torch's own threads would fight them
        import torch

        torch.set_num_threads(torch_threads)
    _worker_parser = get_parser(stanza_dir)


def peak_rss_mb() -> float:
    """Peak resident memory of this process in MB (ru_maxrss is in KB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _guarded(article: Article, analyze: Callable[[], Analysis]) -> Result:
    try:
        return article.article_id, analyze(), ""
    except AnalyzerError as exc:
        return article.article_id, None, str(exc)
    except Exception as exc:  # one bad article must not end the batch
        logger.exception("analysis of %s failed", article.article_id)
        return article.article_id, None, f"internal error: {type(exc).__name__}: {exc}"


def analyze_chunk(articles: list[Article], parser=None) -> list[Result]:
    """Analyze articles with one batched parse; results are the same as one `pipeline.analyze` each.

    If the batched parse fails, the chunk is parsed article by article so that only the article
    at fault is reported."""
    from analyzer import pipeline

    parser = parser or _worker_parser
    if parser is None:
        from analyzer.nlp import get_parser

        parser = get_parser()
    started = time.perf_counter()
    try:
        parsed_all = parser.parse_many([a.text for a in articles])
    except Exception:
        logger.warning("batched parse of %d articles failed; parsing them one by one", len(articles))
        return [_guarded(a, lambda a=a: pipeline.analyze(a, parser)) for a in articles]
    parse_seconds = time.perf_counter() - started
    total_chars = sum(len(a.text) for a in articles) or 1
    results = []
    for article, parsed in zip(articles, parsed_all, strict=True):

        def analyze(article=article, parsed=parsed) -> Analysis:
            analysis = pipeline.analyze_parsed(article, parsed, parser.versions)
            # the chunk's parse time shared by length, so per-stage shares stay comparable
            analysis.timings["parse"] = parse_seconds * len(article.text) / total_chars
            return analysis

        results.append(_guarded(article, analyze))
    return results


def _analyze_chunk_in_worker(articles: list[Article]) -> tuple[list[Result], int, float]:
    return analyze_chunk(articles), os.getpid(), peak_rss_mb()


def chunks(articles: list[Article], workers: int = 1, chunk_chars: int | None = None) -> list[list[Article]]:
    """Consecutive runs of articles of about `chunk_chars` characters (one article may exceed it;
    default CHUNK_CHARS, read at call time so that a caller may change it)."""
    chunk_chars = CHUNK_CHARS if chunk_chars is None else chunk_chars
    total = sum(len(a.text) for a in articles)
    if workers > 1:
        chunk_chars = max(1, min(chunk_chars, total // (workers * CHUNKS_PER_WORKER)))
    found: list[list[Article]] = []
    current: list[Article] = []
    size = 0
    for article in articles:
        if current and size + len(article.text) > chunk_chars:
            found.append(current)
            current, size = [], 0
        current.append(article)
        size += len(article.text)
    if current:
        found.append(current)
    return found


def _progress(done: int, total: int, started: float, enabled: bool) -> None:
    if not enabled or total == 0:
        return
    elapsed = time.perf_counter() - started
    width = 30
    filled = int(width * done / total)
    bar = "#" * filled + "-" * (width - filled)
    sys.stderr.write(f"\r[{bar}] {done}/{total} articles, {elapsed:.0f}s")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def _results(
    articles: list[Article], workers: int, stanza_dir: str | None, peaks: dict[int, float]
) -> Iterator[list[Result]]:
    if workers <= 1 or len(articles) <= 1:
        import torch

        # One torch thread, as in a worker process: `--workers N` is how a batch uses N cores, and
        # torch's OpenMP threads slow to a crawl whenever another process holds a core (the seed
        # article took 45 s instead of 0.9 s to parse with 2 threads next to a training run).
        # Restored afterwards, since this is the caller's process.
        threads = torch.get_num_threads()
        torch.set_num_threads(1)
        try:
            _init_worker(stanza_dir)
            for chunk in chunks(articles, 1):
                results = analyze_chunk(chunk)
                peaks[os.getpid()] = peak_rss_mb()
                yield results
        finally:
            torch.set_num_threads(threads)
        return
    context = multiprocessing.get_context("spawn" if sys.platform == "darwin" else "fork")
    with context.Pool(processes=workers, initializer=_init_worker, initargs=(stanza_dir, 1)) as pool:
        for results, pid, peak in pool.imap_unordered(_analyze_chunk_in_worker, chunks(articles, workers)):
            peaks[pid] = max(peak, peaks.get(pid, 0.0))
            yield results


def record(outcome: BatchOutcome, results, store) -> None:
    """Add one chunk's results to the outcome, saving each analysis at once (a kill loses only
    the chunks in flight)."""
    for article_id, analysis, error in results:
        if analysis is None:
            outcome.failures.append((article_id, error))
        else:
            if store is not None:
                store.save_analysis(analysis)
            outcome.analyses.append(analysis)


def run(
    articles: list[Article],
    workers: int = 1,
    db_path: str | os.PathLike | None = None,
    progress: bool = True,
    stanza_dir: str | None = None,
) -> BatchOutcome:
    outcome = BatchOutcome()
    store = None
    if db_path:
        from analyzer.store import Store

        store = Store(db_path)
    try:
        todo = articles
        if store is not None:
            todo = [a for a in articles if not store.has_article(a.text)]
            outcome.skipped = len(articles) - len(todo)
        order = {a.article_id: i for i, a in enumerate(todo)}
        started = time.perf_counter()
        done = 0
        _progress(0, len(todo), started, progress)
        for results in _results(todo, workers, stanza_dir, outcome.worker_peak_rss_mb):
            record(outcome, results, store)
            done += len(results)
            _progress(done, len(todo), started, progress)
        outcome.analyses.sort(key=lambda a: order.get(a.article.article_id, 0))
    finally:
        if store is not None:
            store.close()
    return outcome
