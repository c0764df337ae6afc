"""Ingest: files, uploads and strings in; `Article`s with one canonical text each out, or clear problems.

In: plain text (.txt, .md), HTML (.html, .htm), batches (.csv, .jsonl with columns id, title, text and
optional url, published, outlet), as strings, bytes (uploads), paths, folders or "-" for stdin.
Out: `Article`s whose `text` is the canonical text every later offset indexes. Single inputs raise
`InputError` with a one-line message; `load_inputs` and `ingest_bytes` collect `IngestProblem`s
instead, so one bad file or row never stops a batch.

Canonical text: a clean UTF-8 text file's text is its decoded content unchanged (whitespace, quotes
and the final newline kept; only a UTF-8 byte-order mark, an encoding marker, is dropped), so offsets
index the file's characters. Repairs happen only where needed: other encodings are decoded,
mojibake is fixed with ftfy when the text looks broken (curly quotes kept), HTML is reduced to its
main text with trafilatura (run on the string, never fetching anything).
"""

from __future__ import annotations

import csv
import io
import json
import logging
import re
import sys
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from analyzer.records import AnalyzerError, Article

logger = logging.getLogger(__name__)

MAX_TEXT_CHARS = 1_000_000
MAX_FILE_BYTES = 20_000_000  # one text or HTML document
MAX_BATCH_BYTES = 100_000_000  # one CSV or JSONL batch
MAX_ID_CHARS = 200

TEXT_EXTENSIONS = (".txt", ".md")
HTML_EXTENSIONS = (".html", ".htm")
BATCH_EXTENSIONS = (".csv", ".jsonl")
SUPPORTED_EXTENSIONS = TEXT_EXTENSIONS + HTML_EXTENSIONS + BATCH_EXTENSIONS

BATCH_METADATA_COLUMNS = ("url", "published", "outlet")

# Below this many letters a language guess is noise (names, headlines), so such texts always pass.
LANGUAGE_CHECK_MIN_LETTERS = 200
# A longer text is refused only when the detector is this sure of another language.
NON_ENGLISH_MIN_CONFIDENCE = 0.9
LANGUAGE_SAMPLE_CHARS = 20_000
# Share of control characters (other than tab and line breaks) above which decoded text is binary.
MAX_CONTROL_SHARE = 0.01

_BINARY_SIGNATURES = (
    (b"\x1f\x8b", "gzip-compressed data; decompress it first (gunzip) and give the text inside"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx); extract or export the text first"),
    (b"%PDF-", "a PDF; convert it to text first (e.g. pdftotext)"),
    (b"\x89PNG", "a PNG image; give the article text instead"),
    (b"\xff\xd8\xff", "a JPEG image; give the article text instead"),
)
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_HTML_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_LINE_BREAKS_AND_TAB = frozenset("\t\n\r\f\v")
# A lone UTF-16 surrogate is a valid Python string character but not Unicode text: it cannot be
# encoded as UTF-8, so the store's content hash, SQLite and every UTF-8 export would fail on it.
# Decoded bytes never hold one; a JSON escape such as "\ud800" in a JSONL row does.
_SURROGATE = re.compile("[\ud800-\udfff]")


class InputError(AnalyzerError):
    """An input the analyzer refuses, with a one-line message saying what is wrong and what to do."""

    def __init__(self, message: str, origin: str = "") -> None:
        self.message = message
        self.origin = origin
        super().__init__(f"{origin}: {message}" if origin else message)


@dataclass(frozen=True, slots=True)
class IngestProblem:
    origin: str  # file path, "name.csv:LINE" for a batch row, or "stdin"
    message: str


@dataclass(frozen=True, slots=True)
class IngestResult:
    articles: list[Article] = field(default_factory=list)
    problems: list[IngestProblem] = field(default_factory=list)


# --- checks ---------------------------------------------------------------------------------------


def check_article_id(article_id: str) -> str:
    """Article ids become file names in exports, so they must be short, printable and path-free."""
    if not isinstance(article_id, str) or not article_id.strip():
        raise InputError("the article id is empty; give each article a non-empty id")
    if len(article_id) > MAX_ID_CHARS:
        raise InputError(
            f"the article id is {len(article_id)} characters long; keep ids under {MAX_ID_CHARS}"
        )
    if any(sep in article_id for sep in ("/", "\\")) or article_id in (".", ".."):
        raise InputError(f"the article id {article_id!r} contains a path separator; use a plain name")
    if any(unicodedata.category(ch) == "Cc" for ch in article_id):
        raise InputError(f"the article id {article_id!r} contains control characters; use a plain name")
    return article_id


def check_text(text: str) -> str:
    """Refuse text the analyzer cannot use; return it unchanged otherwise."""
    if not text or not text.strip():
        raise InputError("the text is empty or only whitespace; give an article with some text")
    _check_length(text)
    _check_surrogates(text, "text")
    if "\x00" in text or _control_share(text) > MAX_CONTROL_SHARE:
        raise InputError("the input looks like binary data, not text; give a text, HTML, CSV or JSONL file")
    _check_english(text)
    return text


def _check_length(text: str) -> None:
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(
            f"the text is {len(text):,} characters, over the limit of {MAX_TEXT_CHARS:,}; "
            "split it into articles"
        )


def _check_surrogates(value: str, what: str) -> None:
    found = _SURROGATE.search(value)
    if found:
        raise InputError(
            f"the {what} has an unpaired surrogate (\\u{ord(found.group()):04x}) at character "
            f"{found.start():,}, which is not valid Unicode; give UTF-8 text"
        )


def _control_share(text: str) -> float:
    sample = text[:100_000]
    controls = sum(1 for ch in sample if ch not in _LINE_BREAKS_AND_TAB and unicodedata.category(ch) == "Cc")
    return controls / len(sample)


_language_identifier: Any = None
_language_lock = threading.Lock()


def _identifier() -> Any:
    global _language_identifier
    with _language_lock:
        if _language_identifier is None:
            # The model ships inside the py3langid package, so loading it never touches the network.
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            _language_identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        return _language_identifier


def detect_language(text: str) -> tuple[str, float] | None:
    """(ISO 639-1 code, confidence) for a text long enough to judge, or None for a short one."""
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    if sum(1 for ch in sample if ch.isalpha()) < LANGUAGE_CHECK_MIN_LETTERS:
        return None
    language, confidence = _identifier().classify(sample)
    return str(language), float(confidence)


def _check_english(text: str) -> None:
    guess = detect_language(text)
    if guess is None:
        return
    language, confidence = guess
    if language != "en" and confidence >= NON_ENGLISH_MIN_CONFIDENCE:
        raise InputError(
            f"the text looks like language '{language}', not English (confidence {confidence:.2f}); "
            "the analyzer's models are for English news only"
        )


# --- decoding and repair --------------------------------------------------------------------------


def decode_bytes(data: bytes, declared_encoding: str | None = None) -> tuple[str, str]:
    """(text, encoding name). UTF-8 first, as-is; then a BOM, a declared charset, then detection."""
    for signature, what in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise InputError(f"the input looks like {what}")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as error:
                raise InputError(
                    f"the input starts with a {encoding} byte-order mark but is not {encoding}"
                ) from error
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:65536]:
        raise InputError(
            "the input looks like binary data (it has NUL bytes); give a text, HTML, CSV or JSONL file"
        )
    if declared_encoding:
        try:
            return data.decode(declared_encoding), declared_encoding.lower()
        except (LookupError, UnicodeDecodeError):
            logger.info(
                "declared encoding %r does not decode the input; detecting instead", declared_encoding
            )
    import charset_normalizer

    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise InputError(
            "the input is not text in any encoding recognised (binary data?); save the article as UTF-8 text"
        )
    return str(best), best.encoding


def looks_like_mojibake(text: str) -> bool:
    from ftfy.badness import is_bad

    return is_bad(text)


def repair_text(text: str) -> tuple[str, bool]:
    """(text, repaired?). Only mojibake is fixed, and only when the text looks broken; anything
    else (quotes, widths, ligatures, line breaks, normalisation) is left as it was."""
    if not looks_like_mojibake(text):
        return text, False
    import ftfy

    config = ftfy.TextFixerConfig(
        unescape_html=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        remove_control_chars=False,
        normalization=None,
        explain=False,
    )
    fixed = ftfy.fix_text(text, config)
    return fixed, fixed != text


# --- single articles ------------------------------------------------------------------------------


def article_from_text(
    text: str,
    article_id: str,
    title: str = "",
    source: str = "",
    metadata: Iterable[tuple[str, str]] = (),
) -> Article:
    """An article from a string: the string itself is the canonical text unless it is mojibake."""
    check_article_id(article_id)
    if not isinstance(text, str):
        raise InputError(f"the text is a {type(text).__name__}, not a string; decode it first")
    _check_length(text)  # before any repair work on an oversized text
    repaired, changed = repair_text(text) if text.strip() else (text, False)
    meta = list(metadata)
    if changed:
        logger.info("article %s: repaired mojibake", article_id)
        meta.append(("repaired", "mojibake"))
    check_text(repaired)
    return Article(article_id=article_id, text=repaired, title=title, source=source, metadata=_metadata(meta))


def article_from_html(
    html: str,
    article_id: str,
    title: str = "",
    source: str = "",
    metadata: Iterable[tuple[str, str]] = (),
) -> Article:
    """An article from an HTML page: the main text (paragraphs separated by a blank line) with the
    page's title, author, date, site name and URL kept. Broken markup is parsed leniently."""
    check_article_id(article_id)
    if not html or not html.strip():
        raise InputError("the HTML is empty; give a page with article text")
    if len(html) > MAX_FILE_BYTES:
        raise InputError(f"the HTML is {len(html):,} characters, over the limit of {MAX_FILE_BYTES:,}")
    if "\x00" in html:
        raise InputError("the input looks like binary data (it has NUL bytes), not HTML")
    body, page = _extract_html(html)
    if not body.strip():
        raise InputError(
            "no article text found in the HTML (no paragraphs outside navigation, scripts or an unclosed "
            "<title>); save the article as plain text instead"
        )
    text, changed = repair_text(body)
    meta = [(key, value) for key, value in page.items() if key != "title"]
    if changed:
        meta.append(("repaired", "mojibake"))
    meta += list(metadata)
    check_text(text)
    return Article(
        article_id=article_id,
        text=text,
        title=title or page.get("title", ""),
        source=source,
        metadata=_metadata(meta),
    )


def _extract_html(html: str) -> tuple[str, dict[str, str]]:
    import trafilatura

    page: dict[str, str] = {}
    body = ""
    try:
        document = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
        )
    except Exception as error:  # trafilatura and lxml raise many types on pathological markup
        logger.info("trafilatura failed (%s); falling back to the page's plain text", error)
        document = None
    if document is not None:
        body = document.text or ""
        for key in ("title", "author", "date", "sitename", "url", "description"):
            value = getattr(document, key, None)
            if value:
                page[key] = str(value)
    if not body.strip():
        # Pages too short or too unusual for trafilatura's article heuristics still have text.
        try:
            body = trafilatura.html2txt(html) or ""
        except Exception as error:
            logger.info("plain-text fallback failed: %s", error)
            body = ""
    paragraphs = [line.strip() for line in body.splitlines()]
    # Blank lines between paragraphs, as in the project's text files, so the parser starts a new
    # paragraph at each and a headline never runs into the first sentence.
    return "\n\n".join(p for p in paragraphs if p), page


def _metadata(pairs: Iterable[tuple[str, Any]]) -> tuple[tuple[str, str], ...]:
    return tuple((str(key), str(value)) for key, value in pairs if value not in (None, ""))


# --- bytes (uploads) and batches ------------------------------------------------------------------


def _unsupported_message(extension: str) -> str:
    return f"unsupported file type {extension or '(none)'!r}; give one of {', '.join(SUPPORTED_EXTENSIONS)}"


def _extension(name: str) -> str:
    return Path(name).suffix.lower()


def _stem(name: str) -> str:
    return Path(name).stem


def article_from_bytes(data: bytes, name: str) -> list[Article]:
    """Articles from an uploaded file, typed by the extension of `name`.

    A text or HTML file gives one article (id: the file stem) or raises `InputError`. A CSV or
    JSONL batch gives its good rows; bad rows are logged as warnings (use `ingest_bytes` to get
    them as problems), and a batch with no good row raises `InputError`."""
    result = _ingest_bytes(data, name, raise_single=True)
    for problem in result.problems:
        logger.warning("%s: %s", problem.origin, problem.message)
    if not result.articles and result.problems:
        first = result.problems[0]
        raise InputError(f"no usable rows; first problem: {first.message}", origin=first.origin)
    return result.articles


def ingest_bytes(data: bytes, name: str, origin: str = "") -> IngestResult:
    """Like `article_from_bytes`, but every problem, whole-file or per row, comes back as an
    `IngestProblem` whose origin is `origin` (default: `name`), with ":LINE" for a batch row."""
    return _ingest_bytes(data, name, origin=origin or name, raise_single=False)


def _ingest_bytes(data: bytes, name: str, *, origin: str = "", raise_single: bool) -> IngestResult:
    origin = origin or name
    extension = _extension(name)
    try:
        if extension not in SUPPORTED_EXTENSIONS:
            raise InputError(_unsupported_message(extension))
        limit = MAX_BATCH_BYTES if extension in BATCH_EXTENSIONS else MAX_FILE_BYTES
        if len(data) > limit:
            raise InputError(f"the file is {len(data):,} bytes, over the limit of {limit:,}; split it")
        if extension in BATCH_EXTENSIONS:
            return _read_batch(data, name, origin)
        return IngestResult(articles=[_single_from_bytes(data, name)])
    except InputError as error:
        if raise_single:
            raise InputError(error.message, origin=error.origin or origin) from None
        return IngestResult(problems=[IngestProblem(error.origin or origin, error.message)])


def _single_from_bytes(data: bytes, name: str) -> Article:
    extension = _extension(name)
    article_id = _stem(name)
    if not data.strip():
        raise InputError("the file is empty or only whitespace; give a file with article text")
    if extension in HTML_EXTENSIONS:
        declared = _HTML_CHARSET.search(data[:4096])
        html, _ = decode_bytes(data, declared.group(1).decode("ascii") if declared else None)
        return article_from_html(
            html, article_id, source=Path(name).name, metadata=[("file", Path(name).name)]
        )
    text, encoding = decode_bytes(data)
    metadata = [("file", Path(name).name)]
    if encoding not in ("utf-8", "utf-8-sig"):
        metadata.append(("encoding", encoding))
        logger.info("%s: decoded as %s", name, encoding)
    return article_from_text(text, article_id, source=Path(name).name, metadata=metadata)


def _read_batch(data: bytes, name: str, origin: str) -> IngestResult:
    text, encoding = decode_bytes(data)
    if encoding not in ("utf-8", "utf-8-sig"):
        logger.info("%s: decoded as %s", name, encoding)
    rows = _csv_rows(text) if _extension(name) == ".csv" else _jsonl_rows(text)
    articles: list[Article] = []
    problems: list[IngestProblem] = []
    seen: dict[str, int] = {}
    for line, row in rows:
        row_origin = f"{origin}:{line}"
        if isinstance(row, InputError):
            problems.append(IngestProblem(row_origin, f"line {line}: {row.message}"))
            continue
        try:
            article = _article_from_row(row, name, line)
            if article.article_id in seen:
                raise InputError(
                    f"duplicate id {article.article_id!r} (first on line {seen[article.article_id]}); "
                    "ids must be unique"
                )
        except InputError as error:
            problems.append(IngestProblem(row_origin, f"line {line}: {error.message}"))
            continue
        seen[article.article_id] = line
        articles.append(article)
    if not articles and not problems:
        problems.append(IngestProblem(origin, "the batch has no rows; give one article per row"))
    return IngestResult(articles=articles, problems=problems)


def _article_from_row(row: dict[str, Any], name: str, line: int) -> Article:
    for column, value in row.items():
        if isinstance(value, str) and len(value) > MAX_TEXT_CHARS:
            raise InputError(
                f"the {column} cell is {len(value):,} characters, over the limit of {MAX_TEXT_CHARS:,}; "
                "split the article"
            )
        if isinstance(value, str):
            _check_surrogates(value, f"{column} cell")
    article_id = row.get("id")
    if article_id is None or str(article_id).strip() == "":
        raise InputError("missing id; every row needs an id")
    text = row.get("text")
    if text is None or text == "":
        raise InputError("missing text; every row needs the article text")
    if not isinstance(text, str):
        raise InputError(f"text is a {type(text).__name__}, not a string")
    title = row.get("title") or ""
    if not isinstance(title, str):
        title = str(title)
    metadata = [("batch", Path(name).name), ("line", str(line))]
    metadata += [(key, row[key]) for key in BATCH_METADATA_COLUMNS if row.get(key) not in (None, "")]
    source = str(row.get("url") or row.get("outlet") or Path(name).name)
    return article_from_text(text, str(article_id).strip(), title=title, source=source, metadata=metadata)


RowOrError = tuple[int, "dict[str, Any] | InputError"]


def _csv_rows(text: str) -> Iterator[RowOrError]:
    # Cells are measured against MAX_TEXT_CHARS below, with a message; the csv module's own
    # smaller limit would only raise a bare error and lose the row's line number.
    csv.field_size_limit(max(csv.field_size_limit(), MAX_BATCH_BYTES))
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as error:
        yield (
            1,
            InputError(
                f"no readable CSV header ({error or 'empty file'}); the first row must be id,title,text"
            ),
        )
        return
    columns = [column.strip().lower() for column in header]
    missing = [column for column in ("id", "text") if column not in columns]
    if missing:
        yield (
            1,
            InputError(
                f"the CSV header has no {' or '.join(missing)} column; "
                "expected id,title,text[,url,published,outlet]"
            ),
        )
        return
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield line, InputError(f"malformed CSV ({error}); check the quoting of this row")
            # After an unterminated quote the reader has consumed the rest of the file.
            if "end of data" in str(error) or "EOF" in str(error):
                return
            continue
        if not cells or all(not cell.strip() for cell in cells):
            continue
        if len(cells) != len(columns):
            yield (
                line,
                InputError(
                    f"{len(cells)} cells but the header has {len(columns)}; quote cells that contain commas"
                ),
            )
            continue
        yield line, dict(zip(columns, cells, strict=True))


def _jsonl_rows(text: str) -> Iterator[RowOrError]:
    for line, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            row = json.loads(raw)
        except json.JSONDecodeError as error:
            yield (
                line,
                InputError(f"not valid JSON ({error.msg}, column {error.colno}); one object per line"),
            )
            continue
        if not isinstance(row, dict):
            yield line, InputError(f"a JSON {type(row).__name__}, not an object; one object per line")
            continue
        yield line, row


# --- paths ----------------------------------------------------------------------------------------


def _read_capped(path: Path, limit: int) -> bytes:
    # stat() first so a huge file is refused without reading it; the capped read guards files
    # that grow, and special files whose size stat() does not know.
    size = path.stat().st_size
    if size > limit:
        raise InputError(f"the file is {size:,} bytes, over the limit of {limit:,}; split it")
    with path.open("rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise InputError(f"the file is over the limit of {limit:,} bytes; split it")
    return data


def _files_in(folder: Path) -> list[Path]:
    found = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue  # hidden files and folders (.git, editor swap files) are never articles
        if path.is_file() and path.suffix.lower() in SUPPORTED_EXTENSIONS:
            found.append(path)
    return found


def load_inputs(paths: list[str]) -> IngestResult:
    """Articles from files, folders (searched recursively for supported extensions) and "-" (stdin).

    Never raises for bad input: every unreadable file, refused text, bad batch row and duplicate
    article id is an `IngestProblem`, and the rest goes on."""
    articles: list[Article] = []
    problems: list[IngestProblem] = []
    origins: dict[str, str] = {}

    def add(result: IngestResult, origin: str) -> None:
        problems.extend(result.problems)
        for article in result.articles:
            if article.article_id in origins:
                problems.append(
                    IngestProblem(
                        origin,
                        f"duplicate article id {article.article_id!r} (already read from "
                        f"{origins[article.article_id]}); rename one of them",
                    )
                )
                continue
            origins[article.article_id] = origin
            articles.append(article)

    for raw in paths:
        if raw == "-":
            add(_read_stdin(), "stdin")
            continue
        path = Path(raw)
        if path.is_dir():
            files = _files_in(path)
            if not files:
                problems.append(
                    IngestProblem(raw, f"no {', '.join(SUPPORTED_EXTENSIONS)} files in this folder")
                )
            for file in files:
                add(_load_file(file), str(file))
        elif path.exists():
            add(_load_file(path), raw)
        else:
            problems.append(IngestProblem(raw, "no such file or folder"))
    return IngestResult(articles=articles, problems=problems)


def _load_file(path: Path) -> IngestResult:
    origin = str(path)
    extension = path.suffix.lower()
    if extension not in SUPPORTED_EXTENSIONS:
        return IngestResult(problems=[IngestProblem(origin, _unsupported_message(extension))])
    limit = MAX_BATCH_BYTES if extension in BATCH_EXTENSIONS else MAX_FILE_BYTES
    try:
        data = _read_capped(path, limit)
    except InputError as error:
        return IngestResult(problems=[IngestProblem(origin, error.message)])
    except OSError as error:
        return IngestResult(
            problems=[IngestProblem(origin, f"cannot read the file ({error.strerror or error})")]
        )
    return ingest_bytes(data, path.name, origin=origin)


def _read_stdin() -> IngestResult:
    data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        return IngestResult(
            problems=[IngestProblem("stdin", f"the input is over the limit of {MAX_FILE_BYTES:,} bytes")]
        )
    head = data[:1024].lstrip().lower()
    name = "stdin.html" if head.startswith((b"<!doctype html", b"<html")) else "stdin.txt"
    result = ingest_bytes(data, name, origin="stdin")
    articles = [
        replace(
            article, source="stdin", metadata=tuple(pair for pair in article.metadata if pair[0] != "file")
        )
        for article in result.articles
    ]
    return IngestResult(articles=articles, problems=result.problems)
