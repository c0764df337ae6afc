"""Parse speed of the shipped pipeline over the research-only news corpus.

    python benchmarks/parse_speed.py [--corpus ../shared/corpora/research-only] [--threads 2]

Prints model load seconds, words/s and sentences/s (texts parsed one by one, as the dashboard does,
and in one batched call, as a batch run does) and peak RSS. Last line:
`parse speed: W words/s, load S s, peak RSS M MB` (W from the batched call).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(REPO.parent / "shared" / "corpora" / "research-only"))
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    import torch

    torch.set_num_threads(args.threads)
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(args.corpus).glob("*.txt"))]
    if not texts:
        raise SystemExit(f"no .txt files in {args.corpus}")

    from analyzer.nlp import Parser

    started = time.perf_counter()
    parser_ = Parser()
    load_seconds = time.perf_counter() - started
    parser_.parse("Warm-up sentence, the spokesman said.")

    started = time.perf_counter()
    parsed = [parser_.parse(t) for t in texts]
    one_by_one = time.perf_counter() - started
    words = sum(p.n_words for p in parsed)
    sentences = sum(len(p.sentences) for p in parsed)

    started = time.perf_counter()
    parser_.parse_many(texts)
    batched = time.perf_counter() - started

    print(f"{len(texts)} texts, {words} words, {sentences} sentences, {args.threads} threads")
    print(f"model load: {load_seconds:.2f} s")
    print(f"one by one: {words / one_by_one:.0f} words/s, {sentences / one_by_one:.1f} sentences/s")
    print(f"batched:    {words / batched:.0f} words/s, {sentences / batched:.1f} sentences/s")
    print(
        f"parse speed: {words / batched:.0f} words/s, load {load_seconds:.1f} s, peak RSS {peak_rss_mb():.0f} MB"
    )


if __name__ == "__main__":
    main()
