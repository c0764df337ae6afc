"""Store: analyses and human reviews in one SQLite file.

In: `Analysis` objects (saved as `report.to_json_dict` JSON plus queryable rows for statements,
sources and contradictions) and reviews of single statements or contradictions. Out: the saved
JSON, review history, and `export_gold`: the analysis in the gold schema of
../shared/ANNOTATION-GUIDE.md with the current reviews applied.

Several processes (the CLI, the dashboard) may share one file: WAL mode, a busy timeout, every
write in one `BEGIN IMMEDIATE` transaction and a retry loop on "database is locked". Articles are
unique by content hash, so saving the same text twice gives back the first analysis. Reviews are
never updated in place: each save is a new row and the latest per target is the current one.
The schema version is `PRAGMA user_version`; `MIGRATIONS[n]` takes a file from version n to n+1.
"""

from __future__ import annotations

import hashlib
import json
import logging
import random
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from analyzer import report
from analyzer.records import SPEAKER_TYPES, Analysis, AnalyzerError

logger = logging.getLogger(__name__)

BUSY_TIMEOUT_S = 30.0
LOCK_RETRIES = 5
TARGET_KINDS = ("statement", "contradiction")
VERDICTS = ("correct", "wrong", "unsure")
MAX_NOTE_CHARS = 10_000

# The fields of a gold statement (ANNOTATION-GUIDE.md) plus the offsets that make it checkable.
GOLD_STATEMENT_FIELDS = (
    "content", "content_start", "content_end", "speaker", "speaker_start", "speaker_end",
    "speaker_canonical", "speaker_type", "cue", "cue_start", "cue_end", "kind",
)  # fmt: skip

MIGRATIONS: list[tuple[str, ...]] = [
    # v1
    (
        """CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL,
            content_hash TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL,
            metadata TEXT NOT NULL DEFAULT '{}',
            added_at TEXT NOT NULL
        )""",
        "CREATE INDEX articles_by_article_id ON articles(article_id)",
        """CREATE TABLE analyses (
            id INTEGER PRIMARY KEY,
            article_row_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            analyzer_version TEXT NOT NULL DEFAULT '',
            models_version TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            json TEXT NOT NULL
        )""",
        "CREATE INDEX analyses_by_article ON analyses(article_row_id, id)",
        """CREATE TABLE statements (
            analysis_id INTEGER NOT NULL REFERENCES analyses(id) ON DELETE CASCADE,
            statement_index INTEGER NOT NULL,
            sentence_index INTEGER NOT NULL,
            kind TEXT NOT NULL,
            content TEXT NOT NULL,
            content_start INTEGER NOT NULL,
            content_end INTEGER NOT NULL,
            speaker TEXT NOT NULL,
            speaker_start INTEGER,
            speaker_end INTEGER,
            speaker_canonical TEXT NOT NULL,
            speaker_type TEXT NOT NULL,
            speaker_ambiguous INTEGER NOT NULL,
            source_id INTEGER,
            cue TEXT NOT NULL,
            cue_start INTEGER,
            cue_end INTEGER,
            n_hedges INTEGER NOT NULL,
            hedging_score REAL NOT NULL,
            attribution_score REAL NOT NULL,
            PRIMARY KEY (analysis_id, statement_index)
        )""",
        "CREATE INDEX statements_by_speaker ON statements(speaker_canonical)",
        "CREATE INDEX statements_by_type ON statements(speaker_type)",
        """CREATE TABLE sources (
            analysis_id INTEGER NOT NULL REFERENCES analyses(id) ON DELETE CASCADE,
            source_id INTEGER NOT NULL,
            canonical TEXT NOT NULL,
            speaker_type TEXT NOT NULL,
            n_mentions INTEGER NOT NULL,
            n_statements INTEGER NOT NULL,
            flags TEXT NOT NULL,
            PRIMARY KEY (analysis_id, source_id)
        )""",
        """CREATE TABLE contradictions (
            analysis_id INTEGER NOT NULL REFERENCES analyses(id) ON DELETE CASCADE,
            contradiction_index INTEGER NOT NULL,
            statement_a INTEGER NOT NULL,
            statement_b INTEGER NOT NULL,
            speaker_a TEXT NOT NULL,
            speaker_b TEXT NOT NULL,
            score REAL NOT NULL,
            why TEXT NOT NULL,
            PRIMARY KEY (analysis_id, contradiction_index)
        )""",
        """CREATE TABLE reviews (
            id INTEGER PRIMARY KEY,
            analysis_id INTEGER NOT NULL REFERENCES analyses(id) ON DELETE CASCADE,
            target_kind TEXT NOT NULL CHECK (target_kind IN ('statement', 'contradiction')),
            target_index INTEGER NOT NULL CHECK (target_index >= 0),
            verdict TEXT NOT NULL CHECK (verdict IN ('correct', 'wrong', 'unsure')),
            corrected_speaker TEXT,
            corrected_type TEXT,
            corrected_start INTEGER,
            corrected_end INTEGER,
            note TEXT NOT NULL DEFAULT '',
            reviewer TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        )""",
        "CREATE INDEX reviews_by_target ON reviews(analysis_id, target_kind, target_index, id)",
    ),
]
SCHEMA_VERSION = len(MIGRATIONS)

_T = TypeVar("_T")


class StoreError(AnalyzerError):
    """A refused store operation (unknown id, invalid review, newer schema), with a message to show."""


def content_hash(text: str) -> str:
    """The identity of an article: SHA-256 of its canonical text as UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _is_lock_error(error: sqlite3.OperationalError) -> bool:
    message = str(error).lower()
    return "locked" in message or "busy" in message


def _json_default(value: Any) -> Any:
    # numpy scalars in profiles and scores; anything else is a bug worth seeing
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(f"cannot store {type(value).__name__} as JSON")


class Store:
    """One SQLite file of analyses and reviews. Use as a context manager, or call `close()`.

    A `Store` may be shared between threads (Streamlit reruns a script in new threads): calls are
    serialised by a lock. Each process opens its own `Store`."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        # isolation_level=None: transactions are begun explicitly (BEGIN IMMEDIATE), never implicitly.
        self._connection = sqlite3.connect(
            str(self.path), timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
        )
        self._connection.row_factory = sqlite3.Row
        try:
            self._retry(self._configure)
            self._retry(self._migrate)
        except BaseException:
            self._connection.close()
            raise

    content_hash = staticmethod(content_hash)

    # --- connection -------------------------------------------------------------------------------

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            self._connection.close()

    def _configure(self) -> None:
        db = self._connection
        db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            logger.warning(
                "%s: journal mode is %s, not WAL; concurrent writers will wait longer", self.path, mode
            )
        # FULL: a committed review survives a power cut, not only a crash of this process.
        db.execute("PRAGMA synchronous = FULL")
        db.execute("PRAGMA foreign_keys = ON")

    def _retry(self, operation: Callable[[], _T]) -> _T:
        """Run `operation`, again after a short random pause while another writer holds the lock.

        The busy timeout already waits up to BUSY_TIMEOUT_S; this covers the cases SQLite reports
        as busy without waiting (e.g. switching to WAL while another connection is opening)."""
        for attempt in range(LOCK_RETRIES):
            try:
                with self._lock:
                    return operation()
            except sqlite3.OperationalError as error:
                if not _is_lock_error(error) or attempt == LOCK_RETRIES - 1:
                    raise
                pause = 0.05 * (2**attempt) * (1 + random.random())
                logger.info("%s: %s; retrying in %.2f s", self.path, error, pause)
                time.sleep(pause)
        raise AssertionError("unreachable")

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        db = self._connection
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
            db.execute("COMMIT")
        except BaseException:
            # A failed COMMIT leaves the transaction open; the next BEGIN would fail on it.
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise

    def _migrate(self) -> None:
        with self._transaction() as db:
            # Read inside the write transaction so two processes opening a new file migrate it once.
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"{self.path} has schema version {version}, newer than this analyzer's {SCHEMA_VERSION}; "
                    "upgrade the analyzer"
                )
            for number in range(version, SCHEMA_VERSION):
                for statement in MIGRATIONS[number]:
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {number + 1}")
                logger.info("%s: migrated schema to version %d", self.path, number + 1)

    @property
    def schema_version(self) -> int:
        with self._lock:
            return self._connection.execute("PRAGMA user_version").fetchone()[0]

    def integrity_ok(self) -> bool:
        with self._lock:
            rows = self._connection.execute("PRAGMA integrity_check").fetchall()
        ok = [tuple(row) for row in rows] == [("ok",)]
        if not ok:
            logger.error("%s: integrity check failed: %s", self.path, [tuple(row) for row in rows][:5])
        return ok

    # --- analyses ---------------------------------------------------------------------------------

    def has_article(self, text: str) -> bool:
        with self._lock:
            row = self._connection.execute(
                "SELECT 1 FROM articles WHERE content_hash = ?", (content_hash(text),)
            ).fetchone()
        return row is not None

    def save_analysis(self, analysis: Analysis, *, replace: bool = False) -> int:
        """Save an analysis in one transaction and return its id.

        An article already stored (same text) keeps its first analysis: its id is returned and
        nothing is written. With `replace=True` the new analysis is added and becomes the
        article's current one; earlier analyses stay, with their reviews, since review indices
        refer to the statements of the analysis they were made on."""
        bad = [span for span in analysis.all_spans() if not span.check(analysis.text)]
        if bad:
            raise StoreError(
                f"analysis of {analysis.article.article_id!r} has {len(bad)} spans that do not match "
                f"its text (first: {bad[0]}); not saved"
            )
        document = report.to_json_dict(analysis)
        document_json = json.dumps(document, ensure_ascii=False, default=_json_default)
        return self._retry(lambda: self._save_analysis(analysis, document, document_json, replace))

    def _save_analysis(
        self, analysis: Analysis, document: dict[str, Any], document_json: str, replace: bool
    ) -> int:
        article = analysis.article
        digest = content_hash(article.text)
        now = _now()
        with self._transaction() as db:
            row = db.execute("SELECT id FROM articles WHERE content_hash = ?", (digest,)).fetchone()
            if row is None:
                article_row_id = db.execute(
                    "INSERT INTO articles (article_id, content_hash, title, source, text, metadata, added_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        article.article_id,
                        digest,
                        article.title,
                        article.source,
                        article.text,
                        json.dumps(dict(article.metadata), ensure_ascii=False),
                        now,
                    ),
                ).lastrowid
            else:
                article_row_id = row["id"]
                existing = db.execute(
                    "SELECT max(id) FROM analyses WHERE article_row_id = ?", (article_row_id,)
                ).fetchone()[0]
                if existing is not None and not replace:
                    logger.info("article %s already stored: analysis %d", article.article_id, existing)
                    return int(existing)
            analysis_id = db.execute(
                "INSERT INTO analyses (article_row_id, analyzer_version, models_version, created_at, json)"
                " VALUES (?, ?, ?, ?, ?)",
                (
                    article_row_id,
                    str(analysis.versions.get("analyzer", "")),
                    str(analysis.versions.get("models", "")),
                    now,
                    document_json,
                ),
            ).lastrowid
            assert analysis_id is not None
            self._insert_rows(db, analysis_id, analysis, document)
        logger.info("saved analysis %d of article %s", analysis_id, article.article_id)
        return int(analysis_id)

    @staticmethod
    def _insert_rows(
        db: sqlite3.Connection, analysis_id: int, analysis: Analysis, document: dict[str, Any]
    ) -> None:
        statement_rows = []
        for index, (statement, row) in enumerate(
            zip(analysis.statements, document["statements"], strict=True)
        ):
            statement_rows.append(
                {
                    **{column: row[column] for column in _STATEMENT_COLUMNS_FROM_JSON},
                    "analysis_id": analysis_id,
                    "statement_index": index,
                    # not in the JSON export, so taken from the record
                    "sentence_index": statement.sentence_index,
                    "speaker_ambiguous": int(row["speaker_ambiguous"]),
                    "n_hedges": len(row["hedges"]),
                }
            )
        _insert_many(db, "statements", statement_rows)
        source_rows = [
            {
                "analysis_id": analysis_id,
                "source_id": row["source_id"],
                "canonical": row["canonical"],
                "speaker_type": row["speaker_type"],
                "n_mentions": len(row["mentions"]),
                "n_statements": row["n_statements"],
                "flags": ",".join(row["flags"]),
            }
            for row in document["sources"]
        ]
        _insert_many(db, "sources", source_rows)
        statements = analysis.statements
        contradiction_rows = [
            {
                "analysis_id": analysis_id,
                "contradiction_index": index,
                "statement_a": c.a,
                "statement_b": c.b,
                "speaker_a": statements[c.a].speaker_canonical,
                "speaker_b": statements[c.b].speaker_canonical,
                "score": float(c.score),
                "why": c.why,
            }
            for index, c in enumerate(analysis.contradictions)
        ]
        _insert_many(db, "contradictions", contradiction_rows)

    def list_analyses(self, *, all_versions: bool = False) -> list[dict[str, Any]]:
        """One row per article (its current analysis), newest first; every analysis with `all_versions`."""
        latest_only = (
            ""
            if all_versions
            else "WHERE an.id = (SELECT max(id) FROM analyses WHERE article_row_id = ar.id)"
        )
        query = f"""
            SELECT an.id, ar.article_id, ar.title, an.created_at, an.analyzer_version, an.models_version,
                   (SELECT count(*) FROM statements s WHERE s.analysis_id = an.id) AS n_statements,
                   (SELECT count(*) FROM contradictions c WHERE c.analysis_id = an.id) AS n_contradictions
            FROM analyses an JOIN articles ar ON ar.id = an.article_row_id
            {latest_only}
            ORDER BY an.id DESC
        """
        with self._lock:
            return [dict(row) for row in self._connection.execute(query)]

    def load_json(self, analysis_id: int) -> dict[str, Any]:
        with self._lock:
            row = self._connection.execute(
                "SELECT json FROM analyses WHERE id = ?", (analysis_id,)
            ).fetchone()
        if row is None:
            raise StoreError(f"no analysis with id {analysis_id}; see list_analyses() for the stored ones")
        return json.loads(row["json"])

    def load_analysis(self, analysis_id: int) -> Analysis:
        return report.from_json_dict(self.load_json(analysis_id))

    # --- reviews ----------------------------------------------------------------------------------

    def save_review(
        self,
        analysis_id: int,
        target_kind: str,
        target_index: int,
        verdict: str,
        *,
        corrected_speaker: str | None = None,
        corrected_type: str | None = None,
        corrected_start: int | None = None,
        corrected_end: int | None = None,
        note: str = "",
        reviewer: str = "",
    ) -> int:
        """Record one review (a new row; earlier ones stay as history) and return its id.

        Corrections apply to statements only: `corrected_speaker` is the speaker's canonical name,
        `corrected_type` one of SPEAKER_TYPES, and `corrected_start`/`corrected_end` (both or
        neither) the content span in the article text."""
        if target_kind not in TARGET_KINDS:
            raise StoreError(f"unknown review target {target_kind!r}; use one of {', '.join(TARGET_KINDS)}")
        if verdict not in VERDICTS:
            raise StoreError(f"unknown verdict {verdict!r}; use one of {', '.join(VERDICTS)}")
        if isinstance(target_index, bool) or not isinstance(target_index, int) or target_index < 0:
            raise StoreError(f"target index must be a non-negative integer, not {target_index!r}")
        corrections = (corrected_speaker, corrected_type, corrected_start, corrected_end)
        if target_kind == "contradiction" and any(value is not None for value in corrections):
            raise StoreError("a contradiction review takes a verdict and a note only, not corrections")
        if corrected_type is not None and corrected_type not in SPEAKER_TYPES:
            raise StoreError(
                f"unknown speaker type {corrected_type!r}; use one of {', '.join(SPEAKER_TYPES)}"
            )
        if corrected_speaker is not None and not corrected_speaker.strip():
            raise StoreError("the corrected speaker is empty; leave it out to keep the analyzer's speaker")
        if (corrected_start is None) != (corrected_end is None):
            raise StoreError("give both corrected_start and corrected_end, or neither")
        if len(note) > MAX_NOTE_CHARS:
            raise StoreError(f"the note is {len(note):,} characters; keep it under {MAX_NOTE_CHARS:,}")

        def insert() -> int:
            with self._transaction() as db:
                self._check_target(db, analysis_id, target_kind, target_index, corrected_start, corrected_end)
                review_id = db.execute(
                    "INSERT INTO reviews (analysis_id, target_kind, target_index, verdict, corrected_speaker,"
                    " corrected_type, corrected_start, corrected_end, note, reviewer, created_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        analysis_id,
                        target_kind,
                        target_index,
                        verdict,
                        corrected_speaker.strip() if corrected_speaker else None,
                        corrected_type,
                        corrected_start,
                        corrected_end,
                        note,
                        reviewer,
                        _now(),
                    ),
                ).lastrowid
            assert review_id is not None
            return int(review_id)

        return self._retry(insert)

    @staticmethod
    def _check_target(
        db: sqlite3.Connection,
        analysis_id: int,
        target_kind: str,
        target_index: int,
        start: int | None,
        end: int | None,
    ) -> None:
        row = db.execute(
            "SELECT length(ar.text) AS text_length,"
            " (SELECT count(*) FROM statements WHERE analysis_id = an.id) AS n_statements,"
            " (SELECT count(*) FROM contradictions WHERE analysis_id = an.id) AS n_contradictions"
            " FROM analyses an JOIN articles ar ON ar.id = an.article_row_id WHERE an.id = ?",
            (analysis_id,),
        ).fetchone()
        if row is None:
            raise StoreError(f"no analysis with id {analysis_id}; see list_analyses() for the stored ones")
        count = row["n_statements"] if target_kind == "statement" else row["n_contradictions"]
        if target_index >= count:
            raise StoreError(
                f"analysis {analysis_id} has {count} {target_kind}s; index {target_index} is out of range"
            )
        if start is not None and end is not None and not 0 <= start < end <= row["text_length"]:
            raise StoreError(
                f"corrected span {start}:{end} is not inside the article (0:{row['text_length']}) or is empty"
            )

    def current_reviews(self, analysis_id: int) -> list[dict[str, Any]]:
        """The latest review of each reviewed target, ordered by kind and index."""
        query = """
            SELECT * FROM reviews r
            WHERE r.analysis_id = ? AND r.id = (
                SELECT max(id) FROM reviews
                WHERE analysis_id = r.analysis_id AND target_kind = r.target_kind
                  AND target_index = r.target_index
            )
            ORDER BY r.target_kind DESC, r.target_index
        """
        with self._lock:
            return [dict(row) for row in self._connection.execute(query, (analysis_id,))]

    def review_history(self, analysis_id: int, target_kind: str, target_index: int) -> list[dict[str, Any]]:
        """Every review of one target, oldest first."""
        with self._lock:
            rows = self._connection.execute(
                "SELECT * FROM reviews WHERE analysis_id = ? AND target_kind = ? AND target_index = ?"
                " ORDER BY id",
                (analysis_id, target_kind, target_index),
            )
            return [dict(row) for row in rows]

    # --- gold export ------------------------------------------------------------------------------

    def export_gold(self, analysis_id: int) -> dict[str, Any]:
        """The analysis in the gold schema with the current reviews applied.

        A statement reviewed 'wrong' with no correction is dropped; corrections replace its
        speaker_canonical (and the surface speaker, when that name occurs in the text), its type and
        its content span, re-sliced from the text. A contradiction reviewed 'wrong', one whose
        statement was dropped, or one whose two sides now share a speaker is dropped; the others
        are renumbered. Scores, hedges and sources are left out: they describe the unreviewed
        analysis."""
        document = self.load_json(analysis_id)
        text: str = document["text"]
        reviews = {(r["target_kind"], r["target_index"]): r for r in self.current_reviews(analysis_id)}
        statements: list[dict[str, Any]] = []
        new_index: dict[int, int] = {}
        for index, original in enumerate(document["statements"]):
            review = reviews.get(("statement", index))
            statement = {key: original.get(key) for key in GOLD_STATEMENT_FIELDS}
            if review is not None:
                corrected = any(
                    review[key] is not None
                    for key in ("corrected_speaker", "corrected_type", "corrected_start", "corrected_end")
                )
                if review["verdict"] == "wrong" and not corrected:
                    continue
                _apply_correction(statement, review, text)
                statement["review_verdict"] = review["verdict"]
            new_index[index] = len(statements)
            statements.append(statement)
        contradictions = []
        for index, original in enumerate(document["contradictions"]):
            review = reviews.get(("contradiction", index))
            if review is not None and review["verdict"] == "wrong":
                continue
            a, b = original["a"], original["b"]
            if a not in new_index or b not in new_index:
                continue
            a, b = new_index[a], new_index[b]
            if statements[a]["speaker_canonical"] == statements[b]["speaker_canonical"]:
                logger.info("contradiction %d dropped: both sides are now by the same speaker", index)
                continue
            contradiction = {"a": a, "b": b, "why": original["why"]}
            if review is not None:
                contradiction["review_verdict"] = review["verdict"]
            contradictions.append(contradiction)
        for statement in statements:
            if text[statement["content_start"] : statement["content_end"]] != statement["content"]:
                raise StoreError(
                    f"analysis {analysis_id}: exported span does not match the text; not exported"
                )
        return {
            "article_id": document["article_id"],
            "source": document["source"],
            "title": document.get("title", ""),
            "text": text,
            "statements": statements,
            "contradictions": contradictions,
            "metadata": document.get("metadata", {}),
            "reviewed_from": {
                "analysis_id": analysis_id,
                "versions": document.get("versions", {}),
                "n_reviews": len(reviews),
            },
        }


_STATEMENT_COLUMNS_FROM_JSON = (
    "kind", "content", "content_start", "content_end", "speaker", "speaker_start", "speaker_end",
    "speaker_canonical", "speaker_type", "source_id", "cue", "cue_start", "cue_end", "hedging_score",
    "attribution_score",
)  # fmt: skip


def _insert_many(db: sqlite3.Connection, table: str, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    columns = list(rows[0])
    db.executemany(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(':' + c for c in columns)})",
        rows,
    )


def _apply_correction(statement: dict[str, Any], review: dict[str, Any], text: str) -> None:
    if review["corrected_start"] is not None:
        start, end = review["corrected_start"], review["corrected_end"]
        statement.update(content=text[start:end], content_start=start, content_end=end)
    if review["corrected_type"] is not None:
        statement["speaker_type"] = review["corrected_type"]
    name = review["corrected_speaker"]
    if name is not None:
        statement["speaker_canonical"] = name
        # The surface speaker must be a substring of the text (gold rule); take the mention nearest
        # the content, and keep the analyzer's noun phrase (say, a pronoun) when the name is absent.
        starts = _occurrences(text, name)
        if starts:
            anchor = statement["content_start"]
            start = min(starts, key=lambda s: abs(s - anchor))
            statement.update(speaker=name, speaker_start=start, speaker_end=start + len(name))


def _occurrences(text: str, needle: str) -> list[int]:
    found, start = [], text.find(needle)
    while start != -1:
        found.append(start)
        start = text.find(needle, start + 1)
    return found
