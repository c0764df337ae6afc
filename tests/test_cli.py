"""The command line: analyze, evaluate and errors, run in-process through `cli.main`."""

from __future__ import annotations

import json

from analyzer import cli

from .conftest import CORPORA, SEED_TEXT


def test_analyze_writes_gold_schema_json_named_after_the_input(tmp_path, parser, capsys):
    assert cli.main(["analyze", str(SEED_TEXT), "--format", "json", "--out", str(tmp_path), "--quiet"]) == 0
    doc = json.loads((tmp_path / "tiktok-bytedance.json").read_text(encoding="utf-8"))
    assert doc["article_id"] == "tiktok-bytedance"
    assert doc["text"] == SEED_TEXT.read_text(encoding="utf-8")
    assert doc["statements"]
    for s in doc["statements"]:
        assert doc["text"][s["content_start"] : s["content_end"]] == s["content"]
        for key in ("speaker_start", "speaker_end", "cue_start", "cue_end"):
            assert key in s


def test_analyze_jsonl_and_csv(tmp_path, parser):
    assert (
        cli.main(
            ["analyze", str(SEED_TEXT), "--format", "jsonl", "--out", str(tmp_path / "s.jsonl"), "--quiet"]
        )
        == 0
    )
    rows = [json.loads(line) for line in (tmp_path / "s.jsonl").read_text(encoding="utf-8").splitlines()]
    assert rows and all(r["article_id"] == "tiktok-bytedance" for r in rows)
    assert (
        cli.main(["analyze", str(SEED_TEXT), "--format", "csv", "--out", str(tmp_path / "s.csv"), "--quiet"])
        == 0
    )
    assert (tmp_path / "s.csv").read_text(encoding="utf-8-sig").startswith("article_id,statement,")


def test_bad_input_gives_one_line_error_and_nonzero_exit(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    assert cli.main(["analyze", str(empty), "--out", str(tmp_path / "out"), "--quiet"]) != 0
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith("analyzer: error:")


def test_missing_file_is_reported(tmp_path, capsys):
    assert cli.main(["analyze", str(tmp_path / "nope.txt"), "--quiet"]) != 0
    assert "Traceback" not in capsys.readouterr().err


def test_evaluate_prints_the_metrics(parser, capsys, tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "tiktok-bytedance.json").write_text(
        (CORPORA / "gold" / "tiktok-bytedance.json").read_text(encoding="utf-8")
    )
    assert cli.main(["evaluate", "--gold", str(gold)]) == 0
    out = capsys.readouterr().out
    assert "statements (overlap)" in out and "end-to-end" in out and "confusion" in out
