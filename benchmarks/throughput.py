"""End-to-end throughput of the analyzer over a fixed corpus, with 1 and 2 worker processes.

    python benchmarks/throughput.py [--corpus ../shared/corpora/research-only] [--wikinews corpora/wikinews]
                                    [--verify 10] [--long-words 20000]

The corpus is every .txt file of --corpus (the 60 research-only articles) plus --wikinews/*.txt,
read with `ingest.load_inputs` as the CLI reads them. Prints, in order:
- the cold start: a fresh interpreter importing the analyzer and loading the models;
- model load seconds in this process and the seed article's end-to-end time once loaded
  (ingest -> analysis -> report.to_json_dict);
- words/s and articles/s of `batch.run` (the CLI's mechanism) with 1 and 2 workers, and each
  worker's peak RSS. Both runs start with the models already loaded (the 2 workers are forked from
  this process and inherit them), so neither pays for a model load; the cold start is printed apart;
- the share of time per stage, summed over the 1-worker run (parse, attribution, speakers, scores,
  contradictions from `Analysis.timings`; report = `report.to_json_dict` timed here);
- whether 1 worker, 2 workers and (for the first --verify articles) one parse per article give the
  same JSON;
- the post-parse cost on one text of about --long-words words (corpus texts joined), against the
  corpus average per 1,000 words, to show the post-parse stages stay linear.
Words are whitespace-separated tokens of the article texts. Last line:
`throughput: W words/s (1 worker), W2 words/s (2 workers), load S s, peak RSS M MB`.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from analyzer import batch, ingest, pipeline, report  # noqa: E402
from analyzer.records import Analysis, Article  # noqa: E402

STAGES = ("parse", "attribution", "speakers", "scores", "contradictions", "report")
POST_PARSE = STAGES[1:]
SEED = REPO / "corpora" / "tiktok-bytedance.txt"

COLD_START = """
import time
started = time.perf_counter()
import stanza, torch  # noqa  (imported lazily by the analyzer; counted as import here)
from analyzer import pipeline  # noqa
from analyzer.nlp import get_parser
imported = time.perf_counter()
get_parser()
loaded = time.perf_counter()
print(imported - started, loaded - imported)
"""


def words(text: str) -> int:
    return len(text.split())


def comparable(analysis: Analysis) -> dict:
    """The JSON export less the fields that may legitimately differ between two runs."""
    found = report.to_json_dict(analysis)
    found.pop("versions", None)
    return found


def load_corpus(corpus: Path, wikinews: Path) -> list[Article]:
    paths = sorted(str(p) for p in corpus.glob("*.txt")) + sorted(str(p) for p in wikinews.glob("*.txt"))
    loaded = ingest.load_inputs(paths)
    for problem in loaded.problems:
        print(f"skipped {problem.origin}: {problem.message}")
    return loaded.articles


def cold_start() -> tuple[float, float, float]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", COLD_START], cwd=REPO, capture_output=True, text=True, check=True
    )
    wall = time.perf_counter() - started
    imported, loaded = (float(x) for x in done.stdout.split())
    return imported, loaded, wall


def timed_run(articles: list[Article], workers: int) -> tuple[batch.BatchOutcome, float]:
    started = time.perf_counter()
    outcome = batch.run(articles, workers=workers, progress=False)
    elapsed = time.perf_counter() - started
    for article_id, error in outcome.failures:
        print(f"  failed {article_id}: {error}")
    return outcome, elapsed


def print_run(label: str, outcome: batch.BatchOutcome, elapsed: float, n_words: int) -> float:
    rate = n_words / elapsed
    print(
        f"{label}: {len(outcome.analyses)} articles in {elapsed:.1f} s: "
        f"{rate:.0f} words/s, {len(outcome.analyses) / elapsed:.2f} articles/s"
    )
    for pid, peak in sorted(outcome.worker_peak_rss_mb.items()):
        print(f"  worker {pid}: peak RSS {peak:.0f} MB")
    return rate


def stage_seconds(analyses: list[Analysis]) -> dict[str, float]:
    totals = dict.fromkeys(STAGES, 0.0)
    for analysis in analyses:
        for stage, seconds in analysis.timings.items():
            totals[stage] = totals.get(stage, 0.0) + seconds
        started = time.perf_counter()
        report.to_json_dict(analysis)
        totals["report"] += time.perf_counter() - started
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(REPO.parent / "shared" / "corpora" / "research-only"))
    parser.add_argument("--wikinews", default=str(REPO / "corpora" / "wikinews"))
    parser.add_argument(
        "--verify", type=int, default=10, help="check this many articles against one parse each"
    )
    parser.add_argument("--long-words", type=int, default=20_000)
    args = parser.parse_args()

    articles = load_corpus(Path(args.corpus), Path(args.wikinews))
    if not articles:
        raise SystemExit(f"no .txt articles in {args.corpus} or {args.wikinews}")
    n_words = sum(words(a.text) for a in articles)
    print(f"corpus: {len(articles)} articles, {n_words} words, {os.cpu_count()} CPUs")

    imported, loaded, wall = cold_start()
    print(
        f"cold start (fresh process): import {imported:.2f} s + model load {loaded:.2f} s "
        f"= {imported + loaded:.2f} s ({wall:.2f} s with interpreter start)"
    )

    from analyzer.nlp import get_parser

    started = time.perf_counter()
    get_parser()
    load_seconds = time.perf_counter() - started
    print(f"model load: {load_seconds:.2f} s")

    seed_times = []
    for _ in range(3):
        started = time.perf_counter()
        seed = ingest.load_inputs([str(SEED)]).articles[0]
        report.to_json_dict(pipeline.analyze(seed))
        seed_times.append(time.perf_counter() - started)
    print(
        f"seed article end to end, models loaded ({words(seed.text)} words): first {seed_times[0]:.2f} s, "
        f"median of 3 {statistics.median(seed_times):.2f} s"
    )

    one, one_s = timed_run(articles, 1)
    rate_1 = print_run("1 worker", one, one_s, n_words)
    two, two_s = timed_run(articles, 2)
    rate_2 = print_run("2 workers", two, two_s, n_words)
    print(f"2 workers / 1 worker: {rate_2 / rate_1:.2f}x")

    totals = stage_seconds(one.analyses)
    all_seconds = sum(totals.values())
    print("time per stage (1 worker):")
    for stage in STAGES:
        print(f"  {stage:<15}{totals[stage]:8.2f} s {100 * totals[stage] / all_seconds:6.1f} %")
    post = sum(totals[s] for s in POST_PARSE)
    print(f"  post-parse stages: {post:.2f} s = {100 * post / totals['parse']:.1f} % of parse time")

    same = [comparable(a) for a in one.analyses] == [comparable(a) for a in two.analyses]
    print(f"same JSON with 1 and 2 workers: {same}")
    if args.verify:
        checked = one.analyses[: args.verify]
        alone = [pipeline.analyze(a.article) for a in checked]
        same = [comparable(a) for a in checked] == [comparable(a) for a in alone]
        print(f"same JSON batched and parsed one by one ({len(checked)} articles): {same}")

    joined, pieces = [], 0
    while sum(words(t) for t in joined) < args.long_words:
        joined.append(articles[pieces % len(articles)].text.strip())
        pieces += 1
    long_text = "\n\n".join(joined)
    long_parser = get_parser()
    started = time.perf_counter()
    parsed = long_parser.parse(long_text)
    parse_seconds = time.perf_counter() - started
    long_analysis = pipeline.analyze_parsed(Article("long", long_text), parsed)
    started = time.perf_counter()
    report.to_json_dict(long_analysis)
    long_analysis.timings["report"] = time.perf_counter() - started
    long_post = sum(long_analysis.timings.get(s, 0.0) for s in POST_PARSE)
    long_words = words(long_text)
    per_k_long = 1000 * long_post / long_words
    per_k_corpus = 1000 * post / n_words
    stages = ", ".join(f"{s} {long_analysis.timings.get(s, 0.0):.2f}" for s in POST_PARSE)
    print(
        f"long text ({long_words} words, {pieces} articles joined, {len(long_analysis.statements)} statements): "
        f"parse {parse_seconds:.1f} s; post-parse {long_post:.2f} s ({stages}) "
        f"= {100 * long_post / parse_seconds:.1f} % of parse"
    )
    print(
        f"post-parse per 1000 words: {per_k_long:.3f} s on the long text, {per_k_corpus:.3f} s on the "
        f"corpus articles ({per_k_long / per_k_corpus:.2f}x)"
    )

    peaks = [*one.worker_peak_rss_mb.values(), *two.worker_peak_rss_mb.values()]
    print(
        f"throughput: {rate_1:.0f} words/s (1 worker), {rate_2:.0f} words/s (2 workers), "
        f"load {load_seconds:.1f} s, peak RSS {max(peaks):.0f} MB"
    )


if __name__ == "__main__":
    main()
