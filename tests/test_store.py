"""Store: round trips, idempotent saves, review history, gold export, concurrency and crash safety.

Analyses are built by hand from records, so no parser is loaded."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from analyzer import report
from analyzer import store as store_module
from analyzer.records import Analysis, Article, Contradiction, HedgeCue, ScoreFactor, Source, Span, Statement
from analyzer.store import Store, StoreError, content_hash

TEXT = (
    "Officials said the bridge was safe. "
    "“It will not fall,” Mayor Ann Lee told reporters on Monday.\n\n"
    "But engineers said the bridge was unsafe, according to a report by the city council’s own staff.\n"
)

# fork: the children need no re-import, and the parent holds no open connection when it forks
FORK = multiprocessing.get_context("fork")


def span(text: str, needle: str, occurrence: int = 0) -> Span:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    return Span.of(text, start, start + len(needle))


def make_analysis(text: str = TEXT, article_id: str = "bridge") -> Analysis:
    statements = (
        Statement(
            content=span(text, "the bridge was safe"),
            kind="indirect",
            cue=(span(text, "said"),),
            speaker=span(text, "Officials"),
            sentence_index=0,
            source_id=0,
            speaker_canonical="Officials",
            speaker_type="unnamed_group",
            attribution_score=0.4,
            attribution_factors=(ScoreFactor("unnamed", -0.2, "no name given"),),
        ),
        Statement(
            content=span(text, "It will not fall,"),
            kind="direct",
            cue=(span(text, "told"),),
            speaker=span(text, "Mayor Ann Lee"),
            sentence_index=1,
            source_id=1,
            speaker_canonical="Ann Lee",
            speaker_type="person",
            hedges=(HedgeCue(span(text, "not"), "negation"),),
            attribution_score=0.9,
        ),
        Statement(
            content=span(text, "the bridge was unsafe"),
            kind="indirect",
            cue=(span(text, "said", 1),),
            speaker=span(text, "engineers"),
            sentence_index=2,
            source_id=2,
            speaker_canonical="engineers",
            speaker_type="unnamed_group",
            hedging_score=0.1,
            attribution_score=0.5,
        ),
    )
    sources = (
        Source(0, "Officials", "unnamed_group", (span(text, "Officials"),)),
        Source(1, "Ann Lee", "person", (span(text, "Mayor Ann Lee"),)),
        Source(
            2, "engineers", "unnamed_group", (span(text, "engineers"),), flags=("plural_without_evidence",)
        ),
    )
    contradictions = (
        Contradiction(
            0, 2, 0.8, "safe versus unsafe", (("a", span(text, "safe")), ("b", span(text, "unsafe")))
        ),
        Contradiction(1, 2, 0.3, "will not fall versus unsafe"),
    )
    return Analysis(
        article=Article(
            article_id, text, title="Bridge safety", source="test", metadata=(("outlet", "Gazette"),)
        ),
        statements=statements,
        sources=sources,
        contradictions=contradictions,
        profile={"n_statements": 3, "share_anonymous": 0.0},
        versions={"analyzer": "0.1.0", "models": "test models 1"},
    )


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "nested" / "analyses.sqlite"


# --- analyses -------------------------------------------------------------------------------------


def test_new_store_is_wal_with_current_schema(store_path: Path) -> None:
    with Store(store_path) as store:
        assert store_path.exists()
        assert store.schema_version == 1
        assert store.integrity_ok()
    with sqlite3.connect(store_path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_newer_schema_is_refused(store_path: Path) -> None:
    Store(store_path).close()
    with sqlite3.connect(store_path) as db:
        db.execute("PRAGMA user_version = 99")
    with pytest.raises(StoreError, match="schema version 99, newer than this analyzer's 1"):
        Store(store_path)


def test_save_and_load_round_trip(store_path: Path) -> None:
    analysis = make_analysis()
    with Store(store_path) as store:
        assert not store.has_article(TEXT)
        analysis_id = store.save_analysis(analysis)
        assert store.has_article(TEXT)
        assert store.load_json(analysis_id) == json.loads(json.dumps(report.to_json_dict(analysis)))
        [listed] = store.list_analyses()
        assert listed["id"] == analysis_id
        assert (listed["article_id"], listed["title"], listed["n_statements"]) == (
            "bridge",
            "Bridge safety",
            3,
        )
        assert listed["created_at"]
        rebuilt = store.load_analysis(analysis_id)
        assert [s.content for s in rebuilt.statements] == [s.content for s in analysis.statements]
        rows = store._connection.execute(
            "SELECT statement_index, speaker_canonical, speaker_type, content_start, content_end,"
            " sentence_index FROM statements WHERE analysis_id = ? ORDER BY statement_index",
            (analysis_id,),
        ).fetchall()
        assert [tuple(r) for r in rows] == [
            (i, s.speaker_canonical, s.speaker_type, s.content.start, s.content.end, s.sentence_index)
            for i, s in enumerate(analysis.statements)
        ]
        contradiction = store._connection.execute(
            "SELECT statement_a, statement_b, speaker_a, speaker_b, score FROM contradictions"
            " WHERE analysis_id = ? AND contradiction_index = 0",
            (analysis_id,),
        ).fetchone()
        assert tuple(contradiction) == (0, 2, "Officials", "engineers", 0.8)
        article = store._connection.execute("SELECT content_hash, metadata FROM articles").fetchone()
        assert article["content_hash"] == content_hash(TEXT)
        assert json.loads(article["metadata"]) == {"outlet": "Gazette"}


def test_load_json_of_unknown_id_raises(store_path: Path) -> None:
    with Store(store_path) as store, pytest.raises(StoreError, match="no analysis with id 42"):
        store.load_json(42)


def test_save_is_idempotent_per_text_unless_replaced(store_path: Path) -> None:
    with Store(store_path) as store:
        first = store.save_analysis(make_analysis())
        assert store.save_analysis(make_analysis(article_id="renamed")) == first
        assert len(store.list_analyses()) == 1
        replaced = store.save_analysis(make_analysis(), replace=True)
        assert replaced != first
        assert [row["id"] for row in store.list_analyses()] == [replaced]
        assert [row["id"] for row in store.list_analyses(all_versions=True)] == [replaced, first]
        assert store.save_analysis(make_analysis()) == replaced
        assert store._connection.execute("SELECT count(*) FROM articles").fetchone()[0] == 1


def test_analysis_with_a_span_off_its_text_is_refused(store_path: Path) -> None:
    analysis = make_analysis()
    broken = Statement(Span(0, 5, "XXXXX"), "indirect", (), None, 0)
    bad = Analysis(analysis.article, (*analysis.statements, broken))
    with Store(store_path) as store:
        with pytest.raises(StoreError, match="do not match its text"):
            store.save_analysis(bad)
        assert store.list_analyses() == []


# --- reviews --------------------------------------------------------------------------------------


def test_reviews_keep_history_and_survive_reopening(store_path: Path) -> None:
    with Store(store_path) as store:
        analysis_id = store.save_analysis(make_analysis())
        store.save_review(analysis_id, "statement", 0, "unsure", note="check the officials", reviewer="ann")
        store.save_review(analysis_id, "statement", 0, "wrong", corrected_type="government", reviewer="bob")
        store.save_review(analysis_id, "contradiction", 1, "wrong", note="not a contradiction")
    with Store(store_path) as store:
        current = store.current_reviews(analysis_id)
        assert [(r["target_kind"], r["target_index"], r["verdict"]) for r in current] == [
            ("statement", 0, "wrong"),
            ("contradiction", 1, "wrong"),
        ]
        assert current[0]["corrected_type"] == "government"
        history = store.review_history(analysis_id, "statement", 0)
        assert [(r["verdict"], r["reviewer"], r["note"]) for r in history] == [
            ("unsure", "ann", "check the officials"),
            ("wrong", "bob", ""),
        ]
        assert store.review_history(analysis_id, "statement", 2) == []


@pytest.mark.parametrize(
    ("arguments", "keywords", "message"),
    [
        (("statement", 0, "maybe"), {}, "unknown verdict 'maybe'"),
        (("sentence", 0, "wrong"), {}, "unknown review target 'sentence'"),
        (("statement", 3, "wrong"), {}, "has 3 statements; index 3 is out of range"),
        (("contradiction", 2, "wrong"), {}, "has 2 contradictions; index 2 is out of range"),
        (("statement", -1, "wrong"), {}, "non-negative integer"),
        (("statement", 0, "wrong"), {"corrected_type": "alien"}, "unknown speaker type 'alien'"),
        (("statement", 0, "wrong"), {"corrected_start": 3}, "both corrected_start and corrected_end"),
        (
            ("statement", 0, "wrong"),
            {"corrected_start": 5, "corrected_end": 10_000},
            "not inside the article",
        ),
        (("contradiction", 0, "wrong"), {"corrected_speaker": "X"}, "verdict and a note only"),
    ],
)
def test_bad_review_raises_and_loses_nothing(
    store_path: Path, arguments: tuple, keywords: dict, message: str
) -> None:
    with Store(store_path) as store:
        analysis_id = store.save_analysis(make_analysis())
        store.save_review(analysis_id, "statement", 0, "correct", reviewer="ann")
        before = store.current_reviews(analysis_id)
        with pytest.raises(StoreError, match=message):
            store.save_review(analysis_id, *arguments, **keywords)
        assert store.current_reviews(analysis_id) == before
        assert len(store.review_history(analysis_id, "statement", 0)) == 1
    with Store(store_path) as store:
        assert store.current_reviews(analysis_id) == before


def test_review_of_unknown_analysis_raises(store_path: Path) -> None:
    with Store(store_path) as store, pytest.raises(StoreError, match="no analysis with id 7"):
        store.save_review(7, "statement", 0, "correct")


# --- gold export ----------------------------------------------------------------------------------


def test_export_gold_applies_the_current_reviews(store_path: Path) -> None:
    with Store(store_path) as store:
        analysis_id = store.save_analysis(make_analysis())
        # statement 0: first corrected, then judged plainly wrong -> dropped
        store.save_review(analysis_id, "statement", 0, "wrong", corrected_type="government")
        store.save_review(analysis_id, "statement", 0, "wrong")
        # statement 2: span, speaker and type corrected
        start = TEXT.index("the bridge was unsafe, according to a report")
        end = TEXT.index(" by the city")
        store.save_review(
            analysis_id,
            "statement",
            2,
            "wrong",
            corrected_speaker="city council",
            corrected_type="government",
            corrected_start=start,
            corrected_end=end,
        )
        store.save_review(analysis_id, "statement", 1, "correct")
        store.save_review(analysis_id, "contradiction", 1, "correct", note="mayor versus engineers")
        gold = store.export_gold(analysis_id)
    text = gold["text"]
    assert text == TEXT
    assert [s["speaker_canonical"] for s in gold["statements"]] == ["Ann Lee", "city council"]
    for statement in gold["statements"]:
        assert text[statement["content_start"] : statement["content_end"]] == statement["content"]
        if statement["speaker_start"] is not None:
            assert text[statement["speaker_start"] : statement["speaker_end"]] == statement["speaker"]
        assert statement["speaker"] in text
    corrected = gold["statements"][1]
    assert corrected["content"] == "the bridge was unsafe, according to a report"
    assert (corrected["speaker"], corrected["speaker_type"], corrected["review_verdict"]) == (
        "city council",
        "government",
        "wrong",
    )
    assert gold["statements"][0]["review_verdict"] == "correct"
    # contradiction 0 lost its statement 0; contradiction 1 (1, 2) is renumbered to (0, 1)
    assert gold["contradictions"] == [
        {"a": 0, "b": 1, "why": "will not fall versus unsafe", "review_verdict": "correct"}
    ]
    assert gold["reviewed_from"]["analysis_id"] == analysis_id
    assert "sources" not in gold and "profile" not in gold


def test_export_gold_drops_contradictions_reviewed_wrong(store_path: Path) -> None:
    with Store(store_path) as store:
        analysis_id = store.save_analysis(make_analysis())
        store.save_review(analysis_id, "contradiction", 0, "wrong")
        gold = store.export_gold(analysis_id)
    assert len(gold["statements"]) == 3
    assert [(c["a"], c["b"]) for c in gold["contradictions"]] == [(1, 2)]
    gold_fields = {"content", "content_start", "content_end", "speaker", "speaker_canonical", "speaker_type"}
    assert set(gold["statements"][0]) >= gold_fields | {"cue", "kind"}


# --- concurrency and crashes ----------------------------------------------------------------------


def _save_reviews(path: str, analysis_id: int, worker: int, count: int) -> None:
    with Store(path) as store:
        for index in range(count):
            store.save_review(analysis_id, "statement", index % 3, "unsure", note=f"w{worker}-{index}")


def test_two_processes_saving_reviews_concurrently_lose_nothing(store_path: Path) -> None:
    with Store(store_path) as store:
        analysis_id = store.save_analysis(make_analysis())
    count = 40
    workers = [
        FORK.Process(target=_save_reviews, args=(str(store_path), analysis_id, w, count)) for w in (1, 2)
    ]
    for process in workers:
        process.start()
    for process in workers:
        process.join(timeout=120)
    assert [process.exitcode for process in workers] == [0, 0]
    with Store(store_path) as store:
        notes = [r["note"] for i in range(3) for r in store.review_history(analysis_id, "statement", i)]
        assert store.integrity_ok()
    assert sorted(notes) == sorted(f"w{w}-{i}" for w in (1, 2) for i in range(count))


def test_a_write_retries_while_another_connection_holds_the_lock(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store(store_path) as store:
        analysis_id = store.save_analysis(make_analysis())
    # A busy timeout far shorter than the lock is held, so only the retry loop can get the write in.
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_S", 0.05)
    blocker = sqlite3.connect(store_path, isolation_level=None, check_same_thread=False)
    blocker.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.3, lambda: blocker.execute("COMMIT"))
    release.start()
    try:
        with Store(store_path) as store:
            store.save_review(analysis_id, "statement", 1, "correct", note="after the lock")
            assert [r["note"] for r in store.current_reviews(analysis_id)] == ["after the lock"]
    finally:
        release.join()
        blocker.close()


def _batch_texts(n: int) -> list[str]:
    return [TEXT + f"Update {i}: the council said inspections would continue.\n" for i in range(n)]


def _save_batch(path: str, texts: list[str], saved: multiprocessing.sharedctypes.Synchronized) -> None:
    with Store(path) as store:
        for i, text in enumerate(texts):
            store.save_analysis(make_analysis(text, f"bridge-{i}"))
            saved.value = i + 1


def test_sigkill_during_a_batch_leaves_a_sound_file_without_duplicates(store_path: Path) -> None:
    texts = _batch_texts(60)
    Store(store_path).close()
    saved = FORK.Value("i", 0)
    child = FORK.Process(target=_save_batch, args=(str(store_path), texts, saved))
    child.start()
    deadline = time.monotonic() + 60
    while saved.value < 5 and child.is_alive() and time.monotonic() < deadline:
        time.sleep(0.005)
    assert child.is_alive(), "the batch finished before it could be interrupted"
    os.kill(child.pid, signal.SIGKILL)
    child.join(timeout=30)
    assert child.exitcode == -signal.SIGKILL
    with Store(store_path) as store:
        assert store.integrity_ok()
        stored = store.list_analyses(all_versions=True)
        assert len(stored) >= 5
        # every analysis that was committed is whole: its JSON and its statement rows
        for row in stored:
            assert len(store.load_json(row["id"])["statements"]) == row["n_statements"] == 3
        # the rerun saves the rest and returns the first ids for the ones already there
        ids_before = {row["article_id"]: row["id"] for row in stored}
        ids = [store.save_analysis(make_analysis(text, f"bridge-{i}")) for i, text in enumerate(texts)]
        for i, analysis_id in enumerate(ids):
            assert ids_before.get(f"bridge-{i}", analysis_id) == analysis_id
        assert len(set(ids)) == len(texts)
        assert len(store.list_analyses(all_versions=True)) == len(texts)
        assert store._connection.execute("SELECT count(*) FROM articles").fetchone()[0] == len(texts)
        assert store.integrity_ok()
