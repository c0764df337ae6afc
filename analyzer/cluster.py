"""Scale-out: analyze a corpus on a Dask cluster (optional extra `cluster`: `pip install -e ".[cluster]"`).

In: `Article`s and a scheduler address (`tcp://HOST:8786`), or none / "local" for a LocalCluster of
worker processes on this machine. Out: the same `BatchOutcome` as `batch.run`, so the CLI writes the
same reports. Each Dask worker loads the parser once (`ParserPlugin`, and `nlp.get_parser` caches it
per process) and analyzes chunks of articles with one batched parse per chunk (`batch.analyze_chunk`),
exactly as a local worker does. Only this client writes to the store: results are gathered here as
they complete and saved one chunk at a time, so SQLite never sees two writers and a rerun skips what
was saved.

Every machine of the cluster needs the analyzer installed (with the same models, or the same
`stanza_dir` path); nothing else is shipped to the workers.
"""

from __future__ import annotations

import logging
import os
import time
from typing import Any

from analyzer import batch
from analyzer.records import AnalyzerError, Article

logger = logging.getLogger(__name__)

LOCAL = "local"
INSTALL_HINT = 'the cluster mode needs Dask: pip install -e ".[cluster]" (dask[distributed])'


def _distributed():
    try:
        import distributed
    except ImportError as exc:
        raise AnalyzerError(INSTALL_HINT) from exc
    return distributed


try:
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:  # the extra is optional; `run` says how to install it
    WorkerPlugin = object


class ParserPlugin(WorkerPlugin):
    """Loads the parser when a worker starts, so the first chunk does not pay for it and a missing
    model shows up at once in the worker's log."""

    name = "analyzer-parser"

    def __init__(self, stanza_dir: str | None = None, torch_threads: int = 1) -> None:
        self.stanza_dir = stanza_dir
        self.torch_threads = torch_threads

    def setup(self, worker) -> None:
        # a Dask deployment runs about one worker process per core; torch's own threads would
        # compete with the other workers for those cores
        import torch

        from analyzer.nlp import get_parser

        torch.set_num_threads(self.torch_threads)
        get_parser(self.stanza_dir)


def _analyze_chunk_task(articles: list[Article], stanza_dir: str | None) -> tuple[list, str, float]:
    from analyzer.nlp import get_parser

    results = batch.analyze_chunk(articles, get_parser(stanza_dir))
    return results, f"{os.uname().nodename}:{os.getpid()}", batch.peak_rss_mb()


def _client(address: str | None, n_workers: int):
    distributed = _distributed()
    if address in (None, "", LOCAL):
        # loopback only, no dashboard: a local run opens no port to the network (the scheduler's
        # small HTTP endpoint listens on 127.0.0.1 too)
        cluster = distributed.LocalCluster(
            n_workers=max(1, n_workers),
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        return distributed.Client(cluster), cluster
    try:
        return distributed.Client(address, timeout="30s"), None
    except OSError as exc:
        raise AnalyzerError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc


def run(
    articles: list[Article],
    address: str | None = None,
    *,
    n_workers: int = 2,
    db_path: str | os.PathLike | None = None,
    progress: bool = True,
    stanza_dir: str | None = None,
    torch_threads: int = 1,
    client: Any = None,
) -> batch.BatchOutcome:
    """Analyze `articles` on a Dask cluster; the outcome is the same as `batch.run`'s.

    `n_workers` sizes a LocalCluster only; `client` reuses an open `distributed.Client` instead of
    `address`. `worker_peak_rss_mb` is keyed by "host:pid" strings here."""
    distributed = _distributed()
    outcome = batch.BatchOutcome()
    store = None
    if db_path:
        from analyzer.store import Store

        store = Store(db_path)
    own_client = own_cluster = None
    try:
        todo = articles
        if store is not None:
            todo = [a for a in articles if not store.has_article(a.text)]
            outcome.skipped = len(articles) - len(todo)
        if not todo:
            return outcome
        if client is None:
            own_client, own_cluster = _client(address, n_workers)
            client = own_client
        client.register_plugin(ParserPlugin(stanza_dir, torch_threads))
        # threads, not workers: each worker thread analyzes one chunk at a time
        slots = max(1, sum(client.nthreads().values()))
        chunks = batch.chunks(todo, slots)
        logger.info("%d articles in %d chunks on %d Dask worker threads", len(todo), len(chunks), slots)
        futures = client.map(_analyze_chunk_task, chunks, stanza_dir=stanza_dir, pure=False)
        order = {a.article_id: i for i, a in enumerate(todo)}
        started = time.perf_counter()
        done = 0
        batch._progress(0, len(todo), started, progress)
        for future in distributed.as_completed(futures):
            results, worker, peak = future.result()
            outcome.worker_peak_rss_mb[worker] = max(peak, outcome.worker_peak_rss_mb.get(worker, 0.0))
            batch.record(outcome, results, store)
            done += len(results)
            future.release()  # the analyses are here now; the workers need not keep them
            batch._progress(done, len(todo), started, progress)
        outcome.analyses.sort(key=lambda a: order.get(a.article.article_id, 0))
    finally:
        if own_client is not None:
            own_client.close()
        if own_cluster is not None:
            own_cluster.close()
        if store is not None:
            store.close()
    return outcome
