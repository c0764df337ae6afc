"""Robustness: the hostile inputs of tests/test_robustness.py with a larger budget, counted.

    python benchmarks/robustness.py [--examples 300] [--seed 20261125] [--threads N]

Runs, with the shipped parser:
- a Hypothesis search (fixed seed) over hostile Unicode text through the whole analysis and its
  reports, plus the explicit texts and the 100,000-character single sentence;
- every adversarial file through `analyzer analyze --db` (in this process) on a store holding an
  earlier analysis and review, and through the dashboard's upload and paste functions;
- report and dashboard HTML of hostile articles, parsed for active markup;
- SIGKILL of a CLI batch then a rerun, SIGKILL during review saves then the rest, and two
  processes saving reviews at once.

Counts: an input is one text, file, paste or scenario; a crash is any exception other than
`AnalyzerError` (or a traceback, or an exit status other than 0 or 1, from the CLI), or a
durability child that failed; an invalid span is one whose offsets do not slice its own text; a lost
row is a stored analysis, article or review missing, changed or duplicated afterwards, or a failed
integrity check. Last line: `robustness: N inputs, C crashes, S invalid spans, L lost rows`.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import importlib.util
import io
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def load_test_module():
    """tests/test_robustness.py by path: the inputs and scenarios live there, shared with the tests."""
    spec = importlib.util.spec_from_file_location("test_robustness", REPO / "tests" / "test_robustness.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@dataclass
class Counts:
    inputs: int = 0
    crashes: list[str] = field(default_factory=list)
    invalid_spans: int = 0
    lost_rows: int = 0
    notes: list[str] = field(default_factory=list)

    def crash(self, what: str, error: BaseException | str) -> None:
        detail = error if isinstance(error, str) else f"{type(error).__name__}: {error}"
        self.crashes.append(f"{what}: {str(detail)[:300]}")


def hypothesis_search(t, parser, counts: Counts, examples: int, seed_value: int) -> None:
    from hypothesis import HealthCheck, given, seed, settings

    from analyzer.records import AnalyzerError

    @settings(
        max_examples=examples,
        database=None,
        deadline=None,
        derandomize=False,
        suppress_health_check=list(HealthCheck),
    )
    @seed(seed_value)
    @given(text=t.HOSTILE_TEXT)
    def search(text: str) -> None:
        counts.inputs += 1
        try:
            counts.invalid_spans += len(t.analyze_hostile(text, parser))
        except AnalyzerError:
            pass
        except Exception as error:  # counted, not raised, so Hypothesis keeps searching
            counts.crash(f"text {text[:60]!r}", error)

    search()


def explicit_texts(t, parser, counts: Counts) -> None:
    for text in (*t.EXPLICIT_TEXTS, t.LONG_SENTENCE):
        counts.inputs += 1
        started = time.perf_counter()
        try:
            counts.invalid_spans += len(t.analyze_hostile(text, parser))
        except Exception as error:
            counts.crash(f"explicit text {text[:40]!r}", error)
        if text is t.LONG_SENTENCE:
            counts.notes.append(
                f"100,000-character sentence: analyzed in {time.perf_counter() - started:.1f} s"
            )


def adversarial_cli(t, counts: Counts, root: Path) -> None:
    from analyzer import cli
    from analyzer import dashboard_support as ds
    from analyzer.ingest import InputError

    as_expected = 0
    for number, case in enumerate(t.ADVERSARIAL):
        folder = root / f"adversarial-{number}"
        folder.mkdir()
        db = folder / "store.sqlite"
        analysis_id, document = t.seed_store(db)
        path = t.write_adversarial(case, folder)
        out = folder / "out" / "statements.csv"
        counts.inputs += 1
        err = io.StringIO()
        tracemalloc.start()
        try:
            with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
                code = cli.main(["analyze", str(path), "--db", str(db), "--format", "csv", "--out", str(out)])
        except BaseException as error:
            counts.crash(f"cli {case.name}", error)
            code = None
        finally:
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
        message = err.getvalue()
        if code is not None and ("Traceback" in message or code not in (0, 1)):
            counts.crash(f"cli {case.name}", f"exit {code}: {message[-300:]}")
        if case.expected in message and (code == 0) == bool(case.good_ids):
            as_expected += 1
        else:
            counts.notes.append(f"cli {case.name}: exit {code}, unexpected message {message[-200:]!r}")
        if case.good_ids and out.exists():
            with out.open(encoding="utf-8-sig", newline="") as handle:
                leaks = t.formula_cells([cell for row in csv.reader(handle) for cell in row])
            if leaks:
                counts.notes.append(f"cli {case.name}: formula cells left in the CSV export: {leaks[:3]}")
        if case.build is not None:
            counts.notes.append(
                f"cli {case.name} ({path.stat().st_size:,} bytes): peak allocation {peak:,} bytes"
            )
        counts.lost_rows += t.lost_rows(db, analysis_id, document)

        counts.inputs += 1
        try:
            ds.articles_from_upload(case.name, path.read_bytes())
        except InputError:
            pass
        except Exception as error:
            counts.crash(f"dashboard upload {case.name}", error)
    counts.notes.append(
        f"adversarial files: {as_expected}/{len(t.ADVERSARIAL)} with the expected message and exit"
    )


def pastes_and_escaping(t, parser, counts: Counts) -> None:
    from analyzer import dashboard_support as ds
    from analyzer import pipeline
    from analyzer.ingest import InputError
    from analyzer.records import Article

    pastes = [
        "",
        " \n\u3000",
        "The mayor\x00 said \x01 so. " * 20,
        "The mayor said \ud800 so.",
        t.HOSTILE_HTML_ARTICLE,
    ]
    for pasted in pastes:
        counts.inputs += 1
        try:
            ds.article_from_paste(pasted)
        except InputError:
            pass
        except Exception as error:
            counts.crash(f"paste {pasted[:30]!r}", error)
    leaks = 0
    for analysis in (
        t._hostile_hand_built(),
        pipeline.analyze(Article("<script>x</script>", t.HOSTILE_HTML_ARTICLE), parser),
    ):
        counts.inputs += 1
        counts.invalid_spans += len(t.invalid_spans(analysis, analysis.text))
        leaks += sum(len(found) for found in t.markup_leaks(analysis).values())
    counts.notes.append(f"markup surviving unescaped in report and dashboard HTML: {leaks}")
    if leaks:
        counts.crash("html escaping", f"{leaks} active markup pieces")


def durability(t, counts: Counts, root: Path) -> None:
    counts.inputs += 1
    try:
        with contextlib.redirect_stderr(io.StringIO()):
            outcome = t.batch_kill_and_rerun(root / "batch-kill")
        counts.lost_rows += outcome.lost + outcome.duplicated
        counts.notes.append(
            f"CLI batch killed after {outcome.killed_after}/{outcome.total} articles; after the rerun "
            f"{outcome.lost} lost, {outcome.duplicated} duplicated"
        )
    except Exception as error:
        counts.crash("CLI batch kill and rerun", error)
    counts.inputs += 1
    try:
        committed, lost, duplicated = t.review_kill_and_resume(root / "review-kill")
        counts.lost_rows += lost + duplicated
        counts.notes.append(
            f"review saves killed after {committed}; after resuming {lost} lost, {duplicated} duplicated"
        )
    except Exception as error:
        counts.crash("review kill and resume", error)
    counts.inputs += 1
    failed, lost = t.concurrent_reviewers(root / "concurrent")
    counts.lost_rows += lost
    if failed:
        counts.crash("concurrent reviewers", f"{failed} of 2 processes failed")
    counts.notes.append(f"two concurrent reviewers: {failed} failed, {lost} reviews lost or duplicated")


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--examples", type=int, default=300, help="Hypothesis examples")
    arguments.add_argument("--seed", type=int, default=20261125)
    arguments.add_argument("--threads", type=int, default=0, help="torch threads (0: torch's default)")
    args = arguments.parse_args()
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)

    from analyzer.nlp import get_parser

    t = load_test_module()
    parser = get_parser()
    counts = Counts()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="robustness-") as tmp:
        root = Path(tmp)
        stage = time.perf_counter()
        hypothesis_search(t, parser, counts, args.examples, args.seed)
        print(
            f"hypothesis search: {counts.inputs} texts, seed {args.seed}, {time.perf_counter() - stage:.0f} s"
        )
        for name, run in (
            ("explicit texts", lambda: explicit_texts(t, parser, counts)),
            ("adversarial files", lambda: adversarial_cli(t, counts, root)),
            ("pastes and escaping", lambda: pastes_and_escaping(t, parser, counts)),
            ("durability", lambda: durability(t, counts, root)),
        ):
            stage = time.perf_counter()
            run()
            print(f"{name}: {time.perf_counter() - stage:.0f} s")
    for note in counts.notes:
        print(note)
    for crash in counts.crashes:
        print(f"CRASH {crash}")
    print(f"total {time.perf_counter() - started:.0f} s")
    print(
        f"robustness: {counts.inputs} inputs, {len(counts.crashes)} crashes, "
        f"{counts.invalid_spans} invalid spans, {counts.lost_rows} lost rows"
    )


if __name__ == "__main__":
    main()
