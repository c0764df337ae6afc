"""Contradiction pairs on our gold files, independent of attribution and speaker resolution.

For every article in corpora/gold/*.json, `Statement`s are built from the gold spans (content; cue
from cue_start/cue_end, split on ` ... ` when the cue has several parts; speaker from
speaker_start/speaker_end; speaker_canonical and speaker_type as annotated; hedges from the gold
`hedges` as `HedgeCue`s). Each article is parsed once with the shipped parser (or the official
models given by --stanza-dir), `contradictions.find_contradictions` runs on it, and its pairs are
compared with the gold pairs (unordered {a, b}). Precision, recall and F1 are printed per article
that has a gold or a predicted pair, then overall. All articles joined into one long text (about
20,000 words) time the detector on a long input, reusing the parses.

    python benchmarks/contradictions_gold.py [--gold DIR] [--stanza-dir DIR] [--show-pairs]

The last line is `contradictions on gold statements: P x R x F1 x`.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from analyzer import contradictions  # noqa: E402
from analyzer.evaluate import concatenate_articles, gold_statements, load_docs  # noqa: E402
from analyzer.nlp import get_parser  # noqa: E402
from analyzer.records import AnalyzerError  # noqa: E402

logger = logging.getLogger(__name__)


def prf(right: int, predicted: int, gold: int) -> tuple[float, float, float]:
    precision = right / predicted if predicted else (1.0 if not gold else 0.0)
    recall = right / gold if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=REPO / "corpora" / "gold")
    parser.add_argument(
        "--stanza-dir", default=None, help="official Stanza models instead of analyzer/models"
    )
    parser.add_argument(
        "--show-pairs", action="store_true", help="print every found, missed and spurious pair"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")

    documents = list(load_docs(args.gold).values())
    if not documents:
        print(f"no gold files in {args.gold}", file=sys.stderr)
        return 2
    try:
        nlp = get_parser(args.stanza_dir)
        started = time.perf_counter()
        parses = nlp.parse_many([d["text"] for d in documents])  # each article parsed once
        parse_seconds = time.perf_counter() - started
    except AnalyzerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1

    total_right = total_predicted = total_gold = 0
    detect_seconds = 0.0
    statement_lists = []
    for document, parsed in zip(documents, parses, strict=True):
        statements = gold_statements(document, parsed)
        statement_lists.append(statements)
        started = time.perf_counter()
        found = contradictions.find_contradictions(parsed, statements)
        detect_seconds += time.perf_counter() - started
        gold = {frozenset((c["a"], c["b"])): c.get("why", "") for c in document.get("contradictions", [])}
        predicted = {frozenset((c.a, c.b)): c for c in found}
        right = len(gold.keys() & predicted.keys())
        total_right += right
        total_predicted += len(predicted)
        total_gold += len(gold)
        if not gold and not predicted:
            continue
        p, r, f = prf(right, len(predicted), len(gold))
        print(
            f"{document['article_id'][:60]:60s} gold {len(gold):2d} found {len(predicted):2d} right {right:2d}"
            f"  P {p:.2f} R {r:.2f} F1 {f:.2f}"
        )
        if args.show_pairs:
            for pair in sorted(gold.keys() | predicted.keys(), key=sorted):
                a, b = sorted(pair)
                mark = "ok  " if pair in gold and pair in predicted else ("miss" if pair in gold else "spur")
                detail = (
                    f"{predicted[pair].score:.2f} {predicted[pair].why}" if pair in predicted else gold[pair]
                )
                print(f"    {mark} {a:2d}-{b:2d} {detail}")

    long_parsed, long_statements = concatenate_articles(parses, statement_lists)
    started = time.perf_counter()
    long_found = contradictions.find_contradictions(long_parsed, long_statements)
    print(
        f"benchmark: all articles as one text, {long_parsed.n_words} words, {len(long_statements)} statements: "
        f"{time.perf_counter() - started:.2f}s, {len(long_found)} pairs"
    )
    precision, recall, f1 = prf(total_right, total_predicted, total_gold)
    print(
        f"{len(documents)} articles, gold pairs {total_gold}, found {total_predicted}, right {total_right}; "
        f"parser: {nlp.versions.get('models', '?')}; parse {parse_seconds:.1f}s, detection {detect_seconds:.2f}s"
    )
    print(f"contradictions on gold statements: P {precision:.3f} R {recall:.3f} F1 {f1:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
