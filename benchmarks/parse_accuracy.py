"""Parse accuracy of the shipped pipeline from raw text on EWT test and GUM test.

    python benchmarks/parse_accuracy.py [--ud ../shared/ud] [--card]

Rebuilds each test file's raw text from its `# text` lines (paragraphs from `# newpar`/`# newdoc`),
runs the whole pipeline on it as the analyzer does (`analyzer.nlp.parse_document`: tokenize, mwt,
the sentence-break repair, pos, lemma, depparse) and scores the output with the
CoNLL 2018 shared-task evaluation script (udtools.udeval, which Stanza ships). Also scores the arcs
attribution depends on: arcs whose gold head is a reporting or stance verb (lexicons/
reporting_verbs.tsv, plus `according`) with relation nsubj, nsubj:pass, obl:agent, ccomp, parataxis,
xcomp or obj; labeled accuracy = gold arcs whose word gets the same head and label.
Last line: `parse accuracy: EWT UPOS x UAS x LAS x | GUM UPOS x UAS x LAS x | reporting arcs LAS x | sentences F1 x`
(reporting arcs and sentences on EWT test). `--card` also writes the scores into
analyzer/models/model_card.json.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

REPORTING_RELS = {"nsubj", "nsubj:pass", "obl:agent", "ccomp", "parataxis", "xcomp", "obj"}


def raw_text(conllu: str) -> str:
    paragraphs: list[list[str]] = [[]]
    for line in conllu.splitlines():
        if line.startswith("# newdoc") or line.startswith("# newpar"):
            if paragraphs[-1]:
                paragraphs.append([])
        elif line.startswith("# text = "):
            paragraphs[-1].append(line[len("# text = ") :])
    return "\n\n".join(" ".join(p) for p in paragraphs if p) + "\n"


def reporting_arc_accuracy(gold_ud, system_ud) -> tuple[int, int]:
    from udtools import udeval

    from analyzer import lexicons

    lemmas = set(lexicons.table("reporting_verbs")) | {"accord", "according"}
    system_by_span = {(w.span.start, w.span.end): w for w in system_ud.words if not w.is_multiword}
    total = correct = 0
    for word in gold_ud.words:
        if word.is_multiword or word.parent is None:
            continue
        deprel = word.columns[udeval.DEPREL]
        if deprel not in REPORTING_RELS:
            continue
        head = word.parent
        if head.columns[udeval.LEMMA].lower() not in lemmas:
            continue
        total += 1
        system = system_by_span.get((word.span.start, word.span.end))
        if system is None or system.parent is None:
            continue
        same_head = (system.parent.span.start, system.parent.span.end) == (head.span.start, head.span.end)
        if same_head and system.columns[udeval.DEPREL] == deprel:
            correct += 1
    return correct, total


def _restore_token_text(doc, text: str) -> None:
    """The evaluation aligns on the characters of the text: where the multi-word-token expander
    wrote words that do not spell their token (`<UNK>` for a long URL), share the input's
    characters out among its words so the output still spells the input."""
    for sentence in doc.sentences:
        for token in sentence.tokens:
            words = token.words
            chars = text[token.start_char : token.end_char].replace(" ", "") or token.text
            if "".join(w.text for w in words) == chars:
                continue
            size = max(1, len(chars) // len(words))
            for i, word in enumerate(words):
                piece = chars[i * size :] if i == len(words) - 1 else chars[i * size : (i + 1) * size]
                word.text = piece or chars[-1]


def score(pipeline, gold_path: Path) -> dict[str, float]:
    from udtools import udeval

    from analyzer.nlp import parse_document

    gold_text = gold_path.read_text(encoding="utf-8")
    text = raw_text(gold_text)
    started = time.perf_counter()
    doc = parse_document(pipeline, text)
    seconds = time.perf_counter() - started
    _restore_token_text(doc, text)
    system_text = f"{doc:C}\n\n"
    gold_ud = udeval.load_conllu(io.StringIO(gold_text), "", {})
    system_ud = udeval.load_conllu(io.StringIO(system_text), "", {})
    result = udeval.evaluate(gold_ud, system_ud)
    right, total = reporting_arc_accuracy(gold_ud, system_ud)
    n_words = sum(len(s.words) for s in doc.sentences)
    return {
        "Tokens": 100 * result["Tokens"].f1,
        "Sentences": 100 * result["Sentences"].f1,
        "Words": 100 * result["Words"].f1,
        "UPOS": 100 * result["UPOS"].f1,
        "XPOS": 100 * result["XPOS"].f1,
        "Lemmas": 100 * result["Lemmas"].f1,
        "UAS": 100 * result["UAS"].f1,
        "LAS": 100 * result["LAS"].f1,
        "reporting_arcs_LAS": 100 * right / total if total else 0.0,
        "reporting_arcs": total,
        "words_per_second": n_words / seconds,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ud", default=str(REPO.parent / "shared" / "ud"))
    parser.add_argument(
        "--card", action="store_true", help="record the scores in analyzer/models/model_card.json"
    )
    args = parser.parse_args()
    import torch

    from analyzer.nlp import build_pipeline

    torch.set_num_threads(2)
    pipeline = build_pipeline()
    ud = Path(args.ud)
    results = {}
    for name, path in (
        ("EWT", ud / "UD_English-EWT" / "en_ewt-ud-test.conllu"),
        ("GUM", ud / "UD_English-GUM" / "en_gum-ud-test.conllu"),
    ):
        results[name] = score(pipeline, path)
        r = results[name]
        print(
            f"{name} test from raw text: tokens {r['Tokens']:.2f} sentences {r['Sentences']:.2f} words {r['Words']:.2f} "
            f"UPOS {r['UPOS']:.2f} XPOS {r['XPOS']:.2f} lemmas {r['Lemmas']:.2f} UAS {r['UAS']:.2f} LAS {r['LAS']:.2f} "
            f"reporting arcs LAS {r['reporting_arcs_LAS']:.2f} (n={r['reporting_arcs']}) "
            f"{r['words_per_second']:.0f} words/s"
        )
    if args.card:
        card_path = REPO / "analyzer" / "models" / "model_card.json"
        card = json.loads(card_path.read_text(encoding="utf-8")) if card_path.exists() else {}
        card["scores_raw_text"] = {k: {m: round(v, 2) for m, v in r.items()} for k, r in results.items()}
        card_path.write_text(json.dumps(card, indent=1) + "\n", encoding="utf-8")
    e, g = results["EWT"], results["GUM"]
    print(
        f"parse accuracy: EWT UPOS {e['UPOS']:.1f} UAS {e['UAS']:.1f} LAS {e['LAS']:.1f} | "
        f"GUM UPOS {g['UPOS']:.1f} UAS {g['UAS']:.1f} LAS {g['LAS']:.1f} | "
        f"reporting arcs LAS {e['reporting_arcs_LAS']:.1f} | sentences F1 {e['Sentences']:.1f}"
    )


if __name__ == "__main__":
    main()
