"""Parsing: the one place that builds the Stanza pipeline.

In: article text. Out: a `ParsedText`, sentences of `Word`s with character offsets into that text,
POS, lemma, head and dependency relation.

Models come from `analyzer/models/` (trained here from UD, see its MODEL_CARD.md), or from a folder
of official Stanza models given by `--stanza-dir` / the `ANALYZER_STANZA_DIR` environment variable.
Stanza is always built with `download_method=None`, so nothing here touches the network; a missing
or corrupt model raises `AnalyzerError` with a one-line message saying what to do.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from analyzer.records import AnalyzerError

logger = logging.getLogger(__name__)

SHIPPED_MODEL_DIR = Path(__file__).parent / "models"
STANZA_DIR_ENV = "ANALYZER_STANZA_DIR"
PROCESSORS = "tokenize,mwt,pos,lemma,depparse"
# The biaffine parser scores every word pair of a sentence against every relation, so its memory
# grows with the square of the sentence length, and its tree decoding (Chu-Liu-Edmonds, in Python)
# faster still: a run-on "sentence" of thousands of words (a text with no full stops, thousands of
# quote marks) would exhaust memory or take hours. Longer sentences from the tokenizer are cut into
# pieces of at most this many words before tagging and parsing. News sentences rarely pass 60
# words; at 250 a 100,000-character run-on sentence took 2.5 times as long to parse as at 100.
MAX_SENTENCE_WORDS = 100
# Words per depparse batch (Stanza's default is 5000). The biaffine scorer's intermediate tensors
# take about 0.1 MB per padded word slot, and one batch is padded to its longest sentence: parsing
# five news articles (2,700 words) in one call peaked at 1.4 GB of RSS with 5000 and 0.74 GB with
# 1000, with identical parses; shorter batches also carry less padding, so they are no slower.
DEPPARSE_BATCH_WORDS = 1000

# processor -> (file under SHIPPED_MODEL_DIR, Stanza pipeline keyword)
SHIPPED_FILES = {
    "tokenize": ("en_tokenizer.pt", "tokenize_model_path"),
    "mwt": ("en_mwt.pt", "mwt_model_path"),
    "pos": ("en_tagger.pt", "pos_model_path"),
    "lemma": ("en_lemmatizer.pt", "lemma_model_path"),
    "depparse": ("en_parser.pt", "depparse_model_path"),
    "pretrain": ("en_vectors.pt", None),
}

_FIX_HINT = (
    "reinstall the analyzer from a full checkout (git lfs is not used; the models live in analyzer/models), "
    "retrain them with `python training/train_models.py`, or point --stanza-dir / "
    f"{STANZA_DIR_ENV} at a folder of official Stanza English models"
)


@dataclass(frozen=True, slots=True)
class Word:
    index: int  # 1-based position in its sentence, as in CoNLL-U
    text: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    head: int  # 0 for the root
    deprel: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    words: tuple[Word, ...]

    def word(self, index: int) -> Word | None:
        """The word with this 1-based index, None for the root (0) or past the sentence's end."""
        return self.words[index - 1] if 0 < index <= len(self.words) else None

    def children(self, index: int) -> list[Word]:
        return [w for w in self.words if w.head == index]


@dataclass(frozen=True, slots=True)
class ParsedText:
    text: str
    sentences: tuple[Sentence, ...]

    @property
    def n_words(self) -> int:
        return sum(len(s.words) for s in self.sentences)


def model_versions(stanza_dir: str | os.PathLike | None = None) -> dict[str, str]:
    """What produced a parse: shown in exports and stored with every analysis."""
    import stanza

    chosen = stanza_dir or os.environ.get(STANZA_DIR_ENV)
    if chosen:
        return {"stanza": stanza.__version__, "models": f"official Stanza models at {chosen}"}
    card = SHIPPED_MODEL_DIR / "model_card.json"
    version = "unknown"
    if card.exists():
        with contextlib.suppress(OSError, json.JSONDecodeError):
            version = json.loads(card.read_text(encoding="utf-8")).get("version", "unknown")
    return {"stanza": stanza.__version__, "models": f"analyzer shipped models {version}"}


def _shipped_kwargs() -> dict[str, object]:
    kwargs: dict[str, object] = {}
    for processor, (filename, keyword) in SHIPPED_FILES.items():
        path = SHIPPED_MODEL_DIR / filename
        if not path.is_file() or path.stat().st_size == 0:
            raise AnalyzerError(f"parser model missing: {path}; {_FIX_HINT}")
        if keyword:
            kwargs[keyword] = str(path)
        if processor == "pretrain":
            kwargs["pos_pretrain_path"] = str(path)
            kwargs["depparse_pretrain_path"] = str(path)
    return kwargs


def build_pipeline(stanza_dir: str | os.PathLike | None = None):
    """Build the Stanza pipeline from the shipped models, or from official models in `stanza_dir`."""
    import stanza

    chosen = stanza_dir or os.environ.get(STANZA_DIR_ENV)
    common = {
        "lang": "en",
        "processors": PROCESSORS,
        "download_method": None,
        "use_gpu": False,
        # "unsupported language" is expected for our own models; real load failures raise
        "logging_level": "ERROR",
        "tokenize_no_ssplit": False,
        "depparse_resolve_head_constraints": True,
        "depparse_batch_size": DEPPARSE_BATCH_WORDS,
    }
    try:
        if chosen:
            if not (Path(chosen) / "resources.json").is_file():
                raise AnalyzerError(
                    f"no resources.json in --stanza-dir {chosen}; give the folder that holds "
                    "resources.json and en/ from an official Stanza download"
                )
            return stanza.Pipeline(dir=str(chosen), **common)
        return stanza.Pipeline(
            dir=str(SHIPPED_MODEL_DIR), allow_unknown_language=True, **common, **_shipped_kwargs()
        )
    except AnalyzerError:
        raise
    except Exception as exc:  # Stanza raises many types for unreadable or mismatched model files
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise AnalyzerError(f"cannot load the parser models ({first_line[:200]}); {_FIX_HINT}") from exc


def _word_offsets(token_text: str, token_start: int, words: list) -> list[tuple[int, int]]:
    """Character offsets for the words of one token (several for a multi-word token like "don't")."""
    if len(words) == 1:
        return [(token_start, token_start + len(token_text))]
    offsets = []
    cursor = 0
    for word in words:
        found = token_text.find(word.text, cursor)
        if found < 0:  # e.g. "wo" + "n't" -> "will" + "not": no clean split; share the token span
            return [(token_start, token_start + len(token_text))] * len(words)
        offsets.append((token_start + found, token_start + found + len(word.text)))
        cursor = found + len(word.text)
    return offsets


def convert(text: str, doc) -> ParsedText:
    """Stanza Document -> ParsedText with offsets into `text`."""
    sentences = []
    for s_index, sentence in enumerate(doc.sentences):
        words: list[Word] = []
        for token in sentence.tokens:
            spans = _word_offsets(token.text, token.start_char, token.words)
            # Stanza's start_char indexes the text it was given; verify rather than trust.
            if text[token.start_char : token.end_char] != token.text:
                spans = [(token.start_char, token.end_char)] * len(token.words)
            for word, (start, end) in zip(token.words, spans, strict=True):
                words.append(
                    Word(
                        index=word.id,
                        text=text[start:end],
                        lemma=(word.lemma or word.text).lower()
                        if word.upos != "PROPN"
                        else (word.lemma or word.text),
                        upos=word.upos or "X",
                        xpos=word.xpos or "",
                        feats=word.feats or "",
                        head=word.head or 0,
                        deprel=word.deprel or "dep",
                        start=start,
                        end=end,
                    )
                )
        if words:
            sentences.append(Sentence(len(sentences), words[0].start, words[-1].end, tuple(words)))
        del s_index
    return ParsedText(text, tuple(sentences))


def _bounded(doc, text: str):
    """A tokenized Stanza Document whose sentences have at most MAX_SENTENCE_WORDS words each.

    The same document when no sentence is longer (the common case); otherwise a new one in which
    each long sentence is cut between tokens (never inside a multi-word token such as "won't"),
    keeping every token's character offsets."""
    import stanza

    if all(len(sentence.words) <= MAX_SENTENCE_WORDS for sentence in doc.sentences):
        return doc
    pieces: list[list[dict]] = []
    for sentence in doc.to_dict():
        # One group per token: a multi-word token's entry (id a-b) followed by its words' entries.
        groups: list[list[dict]] = []
        for entry in sentence:
            covered = groups and isinstance(groups[-1][0]["id"], tuple)
            if covered and isinstance(entry["id"], int) and entry["id"] <= groups[-1][0]["id"][1]:
                groups[-1].append(entry)
            else:
                groups.append([entry])
        piece: list[list[dict]] = []
        n_words = 0
        for group in groups:
            size = max(1, len(group) - 1) if isinstance(group[0]["id"], tuple) else 1
            if piece and n_words + size > MAX_SENTENCE_WORDS:
                pieces.append(_renumbered(piece))
                piece, n_words = [], 0
            piece.append(group)
            n_words += size
        if piece:
            pieces.append(_renumbered(piece))
    logger.info("cut sentences over %d words into %d pieces", MAX_SENTENCE_WORDS, len(pieces))
    return stanza.Document(pieces, text=text)


# A sentence of edited prose ends in one of these (or a token ending in `.`, as `U.S.` does)
_SENTENCE_END_TOKENS = frozenset({".", "!", "?", ":", ";", "…", '"', "”", "’", "'", ")", "]", "»"})
# Capitalised, these open a new sentence even after a missing full stop (`southern Africa But during`)
_SENTENCE_OPENERS = frozenset(
    [
        *("but", "and", "however", "the", "a", "an", "this", "that", "these", "those", "it", "he"),
        *("she", "they", "we", "i", "in", "on", "at", "after", "before", "when", "while", "although"),
        *("though", "if", "as", "since", "meanwhile", "also", "yet", "so", "there"),
    ]
)
# Only a text with few unpunctuated breaks within a line (at most this share of its sentences) is
# edited prose (news); web text and e-mail end many sentences without punctuation, and there the
# breaks are right (on EWT test, joining every such break cost 3.5 points of sentence F1).
UNPUNCTUATED_BREAKS_SHARE = 0.15


def _rejoined(doc, text: str):
    """The tokenized Document with wrong sentence breaks undone: a break after a token that cannot
    end a sentence of edited prose, with no line break between the two pieces, between two
    capitalised words, is the tokenizer cutting inside a name (`told CBC | News the department will
    ...`). News sentences end in punctuation; headlines and datelines, which do not, stand on their
    own lines. The same document when there is nothing to join."""
    import stanza

    sentences = doc.sentences

    def unpunctuated(i: int) -> bool:
        last = sentences[i].tokens[-1].text
        return last not in _SENTENCE_END_TOKENS and not last.endswith(".")

    breaks = [
        i
        for i in range(len(sentences) - 1)
        if unpunctuated(i)
        and "\n" not in text[sentences[i].tokens[-1].end_char : sentences[i + 1].tokens[0].start_char]
    ]
    if len(breaks) > UNPUNCTUATED_BREAKS_SHARE * len(sentences):
        return doc
    # inside a name (`CBC | News`, `Senate Minority | Whip`): a capitalised word on both sides
    joins = {
        i
        for i in breaks
        if sentences[i].tokens[-1].text[:1].isupper()
        and sentences[i + 1].tokens[0].text[:1].isupper()
        and sentences[i + 1].tokens[0].text.lower() not in _SENTENCE_OPENERS
    }
    if not joins:
        return doc
    merged: list[list[dict]] = []
    joined_to_previous = False
    for i, sentence in enumerate(doc.to_dict()):
        if joined_to_previous:
            shift = sum(1 for entry in merged[-1] if isinstance(entry["id"], int))
            for entry in sentence:
                ident = entry["id"]
                merged[-1].append(
                    {
                        **entry,
                        "id": tuple(k + shift for k in ident) if isinstance(ident, tuple) else ident + shift,
                    }
                )
        else:
            merged.append(list(sentence))
        joined_to_previous = i in joins
    logger.debug("joined %d sentence breaks inside a sentence", len(joins))
    return stanza.Document(merged, text=text)


def _renumbered(groups: list[list[dict]]) -> list[dict]:
    first = groups[0][0]["id"]
    shift = (first[0] if isinstance(first, tuple) else first) - 1
    entries = []
    for group in groups:
        for entry in group:
            ident = entry["id"]
            ident = tuple(i - shift for i in ident) if isinstance(ident, tuple) else ident - shift
            entries.append({**entry, "id": ident})
    return entries


def parse_document(pipeline, text: str):
    """Run a Stanza pipeline over one text the way the analyzer does: tokenize, undo wrong sentence
    breaks (`_rejoined`), cut run-on sentences (`_bounded`), then tag, lemmatize and parse.
    benchmarks/parse_accuracy.py scores exactly this."""
    doc = pipeline(text, processors="tokenize,mwt")
    return pipeline(_sentences_repaired(doc, text), processors="pos,lemma,depparse")


def _sentences_repaired(doc, text: str):
    """A tokenized Document made ready for tagging: wrong breaks undone, run-on sentences cut."""
    return _bounded(_rejoined(doc, text), text)


class Parser:
    """A loaded pipeline; load once per process and reuse (`get_parser`)."""

    def __init__(self, stanza_dir: str | os.PathLike | None = None):
        self.stanza_dir = stanza_dir
        self.pipeline = build_pipeline(stanza_dir)
        self.versions = model_versions(stanza_dir)
        self._lock = threading.Lock()

    def parse(self, text: str) -> ParsedText:
        if not text.strip():
            return ParsedText(text, ())
        with self._lock:  # Stanza pipelines are not safe to call from two threads at once
            doc = parse_document(self.pipeline, text)
        return convert(text, doc)

    def parse_many(self, texts: list[str]) -> list[ParsedText]:
        """Parse several texts in one batched Stanza call (faster than one by one)."""
        import stanza

        results: list[ParsedText | None] = [None] * len(texts)
        todo = [i for i, t in enumerate(texts) if t.strip()]
        with self._lock:
            docs = self.pipeline.bulk_process(
                [stanza.Document([], text=texts[i]) for i in todo], processors="tokenize,mwt"
            )
            docs = [_sentences_repaired(doc, texts[i]) for i, doc in zip(todo, docs, strict=True)]
            docs = self.pipeline.bulk_process(docs, processors="pos,lemma,depparse")
        for i, doc in zip(todo, docs, strict=True):
            results[i] = convert(texts[i], doc)
        return [r if r is not None else ParsedText(t, ()) for r, t in zip(results, texts, strict=True)]


_PARSERS: dict[str, Parser] = {}
_PARSERS_LOCK = threading.Lock()


def get_parser(stanza_dir: str | os.PathLike | None = None) -> Parser:
    key = str(stanza_dir or os.environ.get(STANZA_DIR_ENV) or "")
    with _PARSERS_LOCK:
        if key not in _PARSERS:
            _PARSERS[key] = Parser(stanza_dir)
        return _PARSERS[key]
