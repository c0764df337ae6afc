"""Command line: thin wrappers over the library.

    analyzer analyze PATH... [--format json|jsonl|csv|html] [--out PATH] [--db FILE] [--workers N]
                     [--cluster [ADDRESS|local]]
    analyzer evaluate --gold DIR [--pred DIR]
    analyzer export --db FILE [--format ...] [--out PATH] [--gold]
    analyzer dashboard [--db FILE]
    analyzer models

Only this module configures logging. Errors the user can fix end with a one-line message on
stderr and exit status 1 (2 for usage errors); never a traceback.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

from analyzer.records import AnalyzerError

logger = logging.getLogger("analyzer.cli")

FORMATS = ("json", "jsonl", "csv", "html")


def _fail(message: str, code: int = 1) -> int:
    print(f"analyzer: error: {message}", file=sys.stderr)
    return code


def _set_stanza_dir(args: argparse.Namespace) -> None:
    if getattr(args, "stanza_dir", None):
        from analyzer.nlp import STANZA_DIR_ENV

        os.environ[STANZA_DIR_ENV] = str(args.stanza_dir)


def cmd_analyze(args: argparse.Namespace) -> int:
    from analyzer import batch, ingest, report

    _set_stanza_dir(args)
    loaded = ingest.load_inputs(args.paths)
    for problem in loaded.problems:
        print(f"analyzer: skipped {problem.origin}: {problem.message}", file=sys.stderr)
    if not loaded.articles:
        return _fail("no article to analyze" + (" (see the messages above)" if loaded.problems else ""))
    if args.cluster:
        from analyzer import cluster

        if args.cluster != cluster.LOCAL and ":" not in args.cluster:
            # `--cluster a.txt` would otherwise take a path for an address
            return _fail(
                f"--cluster {args.cluster}: give a scheduler address (tcp://HOST:8786) or 'local', "
                "or put --cluster after the paths",
                2,
            )
        outcome = cluster.run(
            loaded.articles,
            args.cluster,
            n_workers=args.workers,
            db_path=args.db,
            progress=not args.quiet,
            stanza_dir=args.stanza_dir,
        )
    else:
        outcome = batch.run(
            loaded.articles,
            workers=args.workers,
            db_path=args.db,
            progress=not args.quiet,
            stanza_dir=args.stanza_dir,
        )
    for origin, message in outcome.failures:
        print(f"analyzer: failed {origin}: {message}", file=sys.stderr)
    if outcome.skipped:
        print(f"analyzer: {outcome.skipped} article(s) already in the database, skipped", file=sys.stderr)
    if args.out or not args.db:
        out = Path(args.out) if args.out else Path("analysis")
        written = report.write(outcome.analyses, args.format, out)
        for path in written:
            print(path)
    if outcome.failures and not outcome.analyses and not outcome.skipped:
        return 1
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from analyzer import evaluate, ingest, pipeline, report

    _set_stanza_dir(args)
    gold = evaluate.load_docs(Path(args.gold))
    if not gold:
        return _fail(f"no gold JSON files in {args.gold}")
    if args.pred:
        pred = evaluate.load_docs(Path(args.pred))
    else:
        articles = [ingest.article_from_text(doc["text"], article_id) for article_id, doc in gold.items()]
        analyses = pipeline.analyze_many(articles)
        pred = {a.article.article_id: report.to_json_dict(a) for a in analyses}
        if args.save_pred:
            report.write(analyses, "json", Path(args.save_pred))
    scores = evaluate.evaluate(gold, pred)
    if args.json:
        print(json.dumps(scores.summary(), indent=1))
    else:
        print(evaluate.format_scores(scores, per_article=not args.summary))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from analyzer import report, store

    if not Path(args.db).is_file():
        return _fail(f"no database at {args.db}")
    with store.Store(args.db) as db:
        rows = db.list_analyses()
        if args.gold:
            out = Path(args.out or "gold-export")
            out.mkdir(parents=True, exist_ok=True)
            for row in rows:
                doc = db.export_gold(row["id"])
                path = out / f"{doc['article_id']}.json"
                path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
                print(path)
            return 0
        analyses = [report.from_json_dict(db.load_json(row["id"])) for row in rows]
    for path in report.write(analyses, args.format, Path(args.out or "export")):
        print(path)
    return 0


def cmd_dashboard(args: argparse.Namespace) -> int:
    dashboard = Path(__file__).resolve().parent.parent / "dashboard.py"
    if not dashboard.is_file():
        return _fail(f"dashboard.py not found next to the analyzer package ({dashboard})")
    env = dict(os.environ)
    if args.db:
        env["ANALYZER_DB"] = str(args.db)
    _set_stanza_dir(args)
    cmd = [sys.executable, "-m", "streamlit", "run", str(dashboard), "--server.headless", "true"]
    cmd += ["--browser.gatherUsageStats", "false", "--server.port", str(args.port)]
    return subprocess.call(cmd, env=env)


def cmd_models(args: argparse.Namespace) -> int:
    from analyzer import nlp

    _set_stanza_dir(args)
    print(json.dumps(nlp.model_versions(args.stanza_dir), indent=1))
    parser = nlp.get_parser(args.stanza_dir)
    sample = "Officials said the plan would work, according to Reuters."
    parsed = parser.parse(sample)
    for word in parsed.sentences[0].words:
        print(f"{word.index}\t{word.text}\t{word.upos}\t{word.head}\t{word.deprel}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="analyzer", description="Source attribution and credibility analyzer."
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    parser.add_argument(
        "--stanza-dir", help="use official Stanza models from this folder instead of the shipped ones"
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("analyze", help="analyze articles (.txt .md .html .csv .jsonl, folders, - for stdin)")
    p.add_argument("paths", nargs="+")
    p.add_argument("--format", choices=FORMATS, default="json")
    p.add_argument("--out", help="output folder (json, html) or file (jsonl, csv)")
    p.add_argument(
        "--db", help="also store the analyses in this SQLite file; articles already there are skipped"
    )
    p.add_argument(
        "--workers", type=int, default=1, help="parallel worker processes (each loads the models once)"
    )
    p.add_argument(
        "--cluster",
        nargs="?",
        const="local",
        metavar="ADDRESS|local",
        help="run on a Dask cluster: a scheduler address, or 'local' (the default) for a local cluster "
        "of --workers processes; needs the `cluster` extra",
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_analyze)

    p = sub.add_parser("evaluate", help="score analyses against gold JSON files")
    p.add_argument("--gold", required=True, help="folder of gold JSON files")
    p.add_argument("--pred", help="folder of predicted JSON files (default: analyze the gold texts now)")
    p.add_argument("--save-pred", help="with no --pred: also write the predictions to this folder")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.add_argument("--summary", action="store_true", help="no per-article table")
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("export", help="export stored analyses")
    p.add_argument("--db", required=True)
    p.add_argument("--format", choices=FORMATS, default="json")
    p.add_argument("--out")
    p.add_argument("--gold", action="store_true", help="gold-schema JSON with editors' reviews applied")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("dashboard", help="start the Streamlit dashboard")
    p.add_argument("--db", help="SQLite file for analyses and reviews (default: analyzer.sqlite)")
    p.add_argument("--port", type=int, default=8501)
    p.set_defaults(func=cmd_dashboard)

    p = sub.add_parser("models", help="show which parser models are used and parse a sample sentence")
    p.set_defaults(func=cmd_models)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    try:
        return args.func(args)
    except AnalyzerError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return _fail("interrupted", 130)
    except BrokenPipeError:
        return 0
    except OSError as exc:
        return _fail(f"{exc.strerror or exc}: {exc.filename or ''}".strip())


if __name__ == "__main__":
    sys.exit(main())
