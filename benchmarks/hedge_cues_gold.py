"""Hedge-cue F1 on our gold files, independent of the analyzer's attribution.

For every gold statement in corpora/gold/*.json a `Statement` is built from the gold spans (content,
the first cue part, speaker), `analyzer.hedging.find_cues` runs on it with a parse of the article,
and its hedge cues are compared with the gold `hedges` by exact span (`hedging.cue_f1`; negation
and boosters are not scored). Each article is parsed once.

Without the parser models (`AnalyzerError`) the script stops with the error, unless
`--plain-if-no-parser` is given: then the plain tokenizer (`hedging.tokenize_plain`) stands in and
the parse-based checks fall back on neighbouring words; the printout says which was used. `--plain`
uses the plain tokenizer from the start.

    python benchmarks/hedge_cues_gold.py [--gold DIR] [--stanza-dir DIR] [--plain | --plain-if-no-parser]
                                         [--show-errors]

The last line is `hedge cues gold F1: 0.xxx`.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from analyzer import hedging  # noqa: E402
from analyzer.evaluate import gold_statements, load_docs  # noqa: E402
from analyzer.nlp import ParsedText, get_parser  # noqa: E402
from analyzer.records import AnalyzerError, HedgeCue  # noqa: E402

logger = logging.getLogger(__name__)


def parse_articles(texts: list[str], plain: bool, stanza_dir: str | None) -> tuple[list[ParsedText], str]:
    if plain:
        return [hedging.tokenize_plain(t) for t in texts], "plain tokens (no parse)"
    parser = get_parser(stanza_dir)
    return parser.parse_many(texts), f"parser: {parser.versions.get('models', '?')}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=REPO / "corpora" / "gold")
    parser.add_argument(
        "--stanza-dir", default=None, help="official Stanza models instead of analyzer/models"
    )
    parser.add_argument("--plain", action="store_true", help="use the plain tokenizer instead of the parser")
    parser.add_argument(
        "--plain-if-no-parser",
        action="store_true",
        help="use plain tokens when the parser models are missing",
    )
    parser.add_argument("--show-errors", action="store_true", help="print every missed and spurious cue")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")

    documents = list(load_docs(args.gold).values())
    if not documents:
        print(f"no gold files in {args.gold}", file=sys.stderr)
        return 2
    texts = [d["text"] for d in documents]
    try:
        parses, how = parse_articles(texts, args.plain, args.stanza_dir)
    except AnalyzerError as exc:
        if not args.plain_if_no_parser:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        print(f"parser unavailable ({exc}); falling back to plain tokens")
        parses, how = parse_articles(texts, True, None)

    pairs = []
    misses: Counter[str] = Counter()
    spurious: Counter[str] = Counter()
    for document, parsed in zip(documents, parses, strict=True):
        text = document["text"]
        for statement in gold_statements(document, parsed):
            predicted = hedging.find_cues(parsed, statement)
            gold = statement.hedges
            pairs.append((predicted, gold))
            p = {(c.span.start, c.span.end): c for c in predicted if c.is_hedge}
            g = {(c.span.start, c.span.end): c for c in gold}
            for key in g.keys() - p.keys():
                misses[f"{g[key].span.text.lower()} ({g[key].category})"] += 1
                if args.show_errors:
                    print(f"  missed   {_context(text, g[key])}  [{document['article_id'][:40]}]")
            for key in p.keys() - g.keys():
                spurious[f"{p[key].span.text.lower()} ({p[key].category})"] += 1
                if args.show_errors:
                    print(f"  spurious {_context(text, p[key])}  [{document['article_id'][:40]}]")

    spans = hedging.cue_f1(pairs)
    strict = hedging.cue_f1(pairs, match_category=True)
    print(f"{len(documents)} articles, {len(pairs)} statements, {how}")
    print(
        f"gold cues {spans['tp'] + spans['fn']}, predicted {spans['tp'] + spans['fp']}, right {spans['tp']}"
    )
    print("most missed:   " + ", ".join(f"{k} x{v}" for k, v in misses.most_common(8)))
    print("most spurious: " + ", ".join(f"{k} x{v}" for k, v in spurious.most_common(8)))
    print(f"span and category: P {strict['precision']:.3f} R {strict['recall']:.3f} F1 {strict['f1']:.3f}")
    print(f"span only:         P {spans['precision']:.3f} R {spans['recall']:.3f} F1 {spans['f1']:.3f}")
    print(f"hedge cues gold F1: {spans['f1']:.3f}")
    return 0


def _context(text: str, cue: HedgeCue) -> str:
    left = text[max(0, cue.span.start - 50) : cue.span.start].replace("\n", " ")
    right = text[cue.span.end : cue.span.end + 40].replace("\n", " ")
    return f"{cue.category:14s} ...{left}[[{cue.span.text}]]{right}"


if __name__ == "__main__":
    sys.exit(main())
