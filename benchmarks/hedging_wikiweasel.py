"""Sentence-level hedge detection on the CoNLL-2010 Wikipedia ("WikiWeasel") test set.

Scores `analyzer.hedging.is_hedged_sentence` (the hedge lexicon with its context checks, no parse,
nothing fitted at run time; which lexicon rows count on their own was read off `train.csv`, see
`hedging.WEAK_ALONE`) on `test.csv`, and, for comparison, "any hedge cue" (every row counts). Precision here is optimistic because the file holds only 5,054
of the roughly 7,400 certain test sentences (../shared/hedging/README.md), so F1 is also given with
the false positives scaled by 7400/5054.

With `--learned`, also a scikit-learn Pipeline (word n-gram TF-IDF, the lexicon's verdict as one
more feature, logistic regression) fitted on `train.csv` only, for comparison; it is not saved.

    python benchmarks/hedging_wikiweasel.py [--data DIR] [--split test|train] [--learned]

The data folder defaults to ../shared/hedging relative to the repository root. The last line is
`WikiWeasel test F1: 0.xxx (scaled F1: 0.xxx)`.
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

logger = logging.getLogger(__name__)

DEFAULT_DATA = REPO.parent / "shared" / "hedging"
FULL_NEGATIVES = 7400  # certain sentences in the official test set
FILE_NEGATIVES = 5054  # certain sentences in test.csv


def read(path: Path) -> tuple[list[str], list[int]]:
    import pandas as pd

    frame = pd.read_csv(path)
    return [str(t).strip() for t in frame["text"]], [int(label) for label in frame["label"]]


def scores(gold: list[int], predicted: list[bool], negative_scale: float) -> dict[str, float]:
    tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g and p)
    fp = sum(1 for g, p in zip(gold, predicted, strict=True) if not g and p)
    fn = sum(1 for g, p in zip(gold, predicted, strict=True) if g and not p)

    def f1(false_positives: float) -> tuple[float, float]:
        precision = tp / (tp + false_positives) if tp + false_positives else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        return precision, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)

    precision, f1_plain = f1(fp)
    scaled_precision, f1_scaled = f1(fp * negative_scale)
    recall = tp / (tp + fn) if tp + fn else 0.0
    return {
        "tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1_plain,
        "scaled_precision": scaled_precision, "scaled_f1": f1_scaled,
    }  # fmt: skip


def learned_pipeline():
    """TF-IDF word n-grams plus the lexicon's verdict, into a logistic regression."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline
    from sklearn.preprocessing import FunctionTransformer

    def lexicon_verdict(texts):
        return np.array([[1.0 if hedging.is_hedged_sentence(t) else 0.0] for t in texts])

    features = FeatureUnion(
        [
            ("ngrams", TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, lowercase=True)),
            ("lexicon", FunctionTransformer(lexicon_verdict)),
        ]
    )
    classifier = LogisticRegression(C=1.0, max_iter=3000, class_weight="balanced")
    return Pipeline([("features", features), ("classifier", classifier)])


def report(name: str, result: dict[str, float]) -> None:
    print(
        f"{name}: P {result['precision']:.3f} R {result['recall']:.3f} F1 {result['f1']:.3f} | "
        f"scaled P {result['scaled_precision']:.3f} F1 {result['scaled_f1']:.3f} "
        f"(tp {result['tp']}, fp {result['fp']}, fn {result['fn']})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder with train.csv and test.csv")
    parser.add_argument(
        "--split", choices=("test", "train"), default="test", help="tune on train, report test"
    )
    parser.add_argument("--learned", action="store_true", help="also fit and score a scikit-learn pipeline")
    parser.add_argument("--cues", action="store_true", help="print the cues that fire most, right and wrong")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")

    path = args.data / f"{args.split}.csv"
    if not path.is_file():
        print(f"error: no {path}; give the folder with --data", file=sys.stderr)
        return 2
    texts, gold = read(path)
    # the scaling corrects the missing negatives of test.csv only; train.csv is complete
    scale = FULL_NEGATIVES / FILE_NEGATIVES if args.split == "test" else 1.0
    print(f"{path}: {len(texts)} sentences, {sum(gold)} uncertain")

    cues = [hedging.find_cues_in_text(t) for t in texts]
    predicted = [hedging.is_hedged_sentence(t) for t in texts]
    lexicon_result = scores(gold, predicted, scale)
    report("lexicon (is_hedged_sentence)", lexicon_result)
    any_cue = [any(c.is_hedge for c in found) for found in cues]
    report("lexicon, any hedge cue", scores(gold, any_cue, scale))
    if args.cues:
        right: Counter[str] = Counter()
        wrong: Counter[str] = Counter()
        for found, label in zip(cues, gold, strict=True):
            for word in {c.span.text.lower() for c in found if c.is_hedge}:
                (right if label else wrong)[word] += 1
        ranked = sorted(set(right) | set(wrong), key=lambda w: -(right[w] + wrong[w]))
        print("cue: right/wrong  " + ", ".join(f"{w} {right[w]}/{wrong[w]}" for w in ranked[:60]))

    if args.learned:
        train_texts, train_gold = read(args.data / "train.csv")
        model = learned_pipeline().fit(train_texts, train_gold)
        report("learned (train.csv only)", scores(gold, [bool(p) for p in model.predict(texts)], scale))

    print(
        f"WikiWeasel {args.split} F1: {lexicon_result['f1']:.3f} (scaled F1: {lexicon_result['scaled_f1']:.3f})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
