"""Batches: analyze many articles with progress, several worker processes and the store.

In: `Article`s. Out: a `BatchOutcome` (analyses, failures, how many were skipped as already
stored). Each worker process loads the parser once. With a database, articles whose text is
already stored are skipped, and each analysis is saved as soon as it is done, so a batch killed
halfway loses at most the articles in flight and a rerun completes it without duplicates.
One failing article is reported and skipped; it never ends the batch.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

from analyzer.records import Analysis, AnalyzerError, Article

logger = logging.getLogger(__name__)


@dataclass
class BatchOutcome:
    analyses: list[Analysis] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)
    skipped: int = 0


_worker_parser = None


def _init_worker(stanza_dir: str | None) -> None:
    global _worker_parser
    # one torch thread per worker process: the workers themselves use the cores
    import torch

    from analyzer.nlp import get_parser

    torch.set_num_threads(1)
    _worker_parser = get_parser(stanza_dir)


def _analyze_one(article: Article) -> tuple[str, Analysis | None, str]:
    from analyzer import pipeline

    try:
        return article.article_id, pipeline.analyze(article, _worker_parser), ""
    except AnalyzerError as exc:
        return article.article_id, None, str(exc)
    except Exception as exc:  # one bad article must not end the batch
        logger.exception("analysis of %s failed", article.article_id)
        return article.article_id, None, f"internal error: {type(exc).__name__}: {exc}"


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
    articles: list[Article], workers: int, stanza_dir: str | None
) -> Iterator[tuple[str, Analysis | None, str]]:
    if workers <= 1 or len(articles) <= 1:
        _init_worker(stanza_dir)
        for article in articles:
            yield _analyze_one(article)
        return
    context = multiprocessing.get_context("spawn" if sys.platform == "darwin" else "fork")
    with context.Pool(processes=workers, initializer=_init_worker, initargs=(stanza_dir,)) as pool:
        yield from pool.imap_unordered(_analyze_one, articles, chunksize=1)


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
        _progress(0, len(todo), started, progress)
        for done, (article_id, analysis, error) in enumerate(_results(todo, workers, stanza_dir), start=1):
            if analysis is None:
                outcome.failures.append((article_id, error))
            else:
                if store is not None:
                    store.save_analysis(analysis)
                outcome.analyses.append(analysis)
            _progress(done, len(todo), started, progress)
        outcome.analyses.sort(key=lambda a: order.get(a.article.article_id, 0))
    finally:
        if store is not None:
            store.close()
    return outcome
