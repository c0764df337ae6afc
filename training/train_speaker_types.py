"""Train the speaker-type classifier on GUM's entity annotation and write analyzer/models/speaker_types.json.

Every GUM mention whose head is a noun or proper noun becomes one example: the features of
`analyzer.speakers.mention_features` (head word, its suffixes and shape, the other words of the
phrase) and GUM's entity type folded into the four classes a speaker can have there: person,
organization, place (a place that speaks is its government) and other (objects, events, abstract
things: as speakers they are documents, `the report`).

Training uses only the GUM documents whose sources are CC BY or public domain (the genres in
training/train_models.PERMISSIVE_GUM_GENRES; ../shared/ud/README.md), so the model ships without
GUM's non-commercial restriction. Accuracy is reported on GUM test: all documents and the
permissive ones. The fitted scikit-learn Pipeline (DictVectorizer + LogisticRegression) is saved
as JSON (vocabulary, coefficients, provenance) rather than a pickle, so it loads under any
scikit-learn version. Classes are balanced in training: GUM's mentions are two-thirds things,
while the phrases we type are speakers, mostly people (GUM dev: accuracy 0.871 -> 0.864, person
recall 0.765 -> 0.833, with the word vectors; 0.862 without them).

    python training/train_speaker_types.py [--out analyzer/models/speaker_types.json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from analyzer.nlp import Word  # noqa: E402
from analyzer.speakers import SPEAKER_CLASSES, _head, mention_features  # noqa: E402
from training.train_models import PERMISSIVE_GUM_GENRES, SEED, SHARED_UD  # noqa: E402

GUM = SHARED_UD / "UD_English-GUM"
FOLD = {"person": "person", "organization": "organization", "place": "place"}  # the rest: other
# One opening `(id-type-...` (closed at once when it ends in `)`), or a closing `id)`.
ENTITY = re.compile(r"\((\d+)-([a-z]+)[^()]*?(\))?(?=\(|\d|$)|(\d+)\)")


def sentences(path: Path):
    """(genre, [(Word, entity field)]) per sentence of a GUM CoNLL-U file."""
    genre = ""
    rows: list[tuple[Word, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# newdoc id = GUM_"):
            genre = line.split("GUM_", 1)[1].split("_", 1)[0]
        elif not line.strip():
            if rows:
                yield genre, rows
            rows = []
        elif not line.startswith("#"):
            cols = line.split("\t")
            if not cols[0].isdigit():
                continue  # multi-word token ranges and empty nodes
            misc = dict(part.split("=", 1) for part in cols[9].split("|") if "=" in part)
            word = Word(
                int(cols[0]), cols[1], cols[2], cols[3], cols[4], cols[5], int(cols[6]), cols[7], 0, 0
            )
            rows.append((word, misc.get("Entity", "")))
    if rows:
        yield genre, rows


def mentions(rows: list[tuple[Word, str]]):
    """(words, GUM entity type) for each entity mention of one sentence."""
    open_spans: dict[str, list[tuple[int, str]]] = {}
    words = [w for w, _ in rows]
    for k, (_, field) in enumerate(rows):
        for match in ENTITY.finditer(field):
            if match.group(1):
                if match.group(3):
                    yield words[k : k + 1], match.group(2)
                else:
                    open_spans.setdefault(match.group(1), []).append((k, match.group(2)))
            elif match.group(4) and open_spans.get(match.group(4)):
                start, etype = open_spans[match.group(4)].pop()
                yield words[start : k + 1], etype


def examples(path: Path, genres: tuple[str, ...] | None):
    features, labels = [], []
    for genre, rows in sentences(path):
        if genres is not None and genre not in genres:
            continue
        for words, etype in mentions(rows):
            head = _head(words)
            if head is None or head.upos not in ("NOUN", "PROPN"):
                continue
            features.append(mention_features(words, head))
            labels.append(FOLD.get(etype, "other"))
    return features, labels


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "analyzer" / "models" / "speaker_types.json")
    parser.add_argument("--C", type=float, default=1.0, help="inverse regularisation strength")
    args = parser.parse_args()

    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    train_x, train_y = examples(GUM / "en_gum-ud-train.conllu", PERMISSIVE_GUM_GENRES)
    model = Pipeline(
        [
            ("features", DictVectorizer()),
            (
                "classifier",
                LogisticRegression(C=args.C, max_iter=3000, class_weight="balanced", random_state=SEED),
            ),
        ]
    )
    model.fit(train_x, train_y)
    assert tuple(model.classes_) == SPEAKER_CLASSES, model.classes_

    scores = {}
    for name, genres in (
        ("GUM test, all documents", None),
        ("GUM test, CC BY documents", PERMISSIVE_GUM_GENRES),
    ):
        test_x, test_y = examples(GUM / "en_gum-ud-test.conllu", genres)
        predicted = model.predict(test_x)
        right = sum(p == g for p, g in zip(predicted, test_y, strict=True))
        majority = Counter(test_y).most_common(1)[0][1]
        scores[name] = {"mentions": len(test_y), "accuracy": round(right / len(test_y), 4)}
        print(
            f"{name}: {len(test_y)} mentions, accuracy {right / len(test_y):.3f} "
            f"(majority class {majority / len(test_y):.3f})"
        )
        for label in SPEAKER_CLASSES:
            gold_n = sum(g == label for g in test_y)
            hit = sum(p == g == label for p, g in zip(predicted, test_y, strict=True))
            print(f"  {label:12s} recall {hit / gold_n if gold_n else 0:.3f} (n={gold_n})")

    vectorizer, classifier = model.named_steps["features"], model.named_steps["classifier"]
    keep = [k for k in range(len(vectorizer.feature_names_)) if abs(classifier.coef_[:, k]).max() >= 1e-3]
    saved = {
        "provenance": {
            "data": "UD English GUM train, CC BY / public-domain genres only: "
            + ", ".join(PERMISSIVE_GUM_GENRES),
            "labels": "GUM Entity= types folded into person, organization, place, other",
            "commit": (GUM / "COMMIT").read_text(encoding="utf-8").strip()
            if (GUM / "COMMIT").exists()
            else "",
            "trained": date.today().isoformat(),
            "script": "training/train_speaker_types.py",
            "examples": len(train_y),
            "model": f"DictVectorizer + LogisticRegression(C={args.C}, class_weight=balanced)",
            "scores": scores,
        },
        "classes": list(classifier.classes_),
        "features": [vectorizer.feature_names_[k] for k in keep],
        "coef": [
            [round(float(classifier.coef_[c, k]), 4) for k in keep] for c in range(len(classifier.classes_))
        ],
        "intercept": [round(float(b), 4) for b in classifier.intercept_],
    }
    args.out.write_text(json.dumps(saved, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e3:.0f} kB, {len(keep)} features)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
