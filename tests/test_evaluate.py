"""Scoring against gold: matching rules and the figures they produce, on hand-built documents."""

from __future__ import annotations

import pytest

from analyzer import evaluate

TEXT = "“We will win,” the mayor said. Critics said the plan would fail. Officials denied it."


def statement(content, speaker, canonical, speaker_type="person", kind="indirect"):
    start = TEXT.index(content)
    s_start = TEXT.index(speaker)
    return {
        "content": content,
        "content_start": start,
        "content_end": start + len(content),
        "speaker": speaker,
        "speaker_start": s_start,
        "speaker_end": s_start + len(speaker),
        "speaker_canonical": canonical,
        "speaker_type": speaker_type,
        "kind": kind,
        "cue": "said",
        "hedges": [],
    }


GOLD = {
    "article_id": "t",
    "text": TEXT,
    "statements": [
        statement("We will win", "the mayor", "Ann Lee", kind="direct"),
        statement("the plan would fail", "Critics", "Critics", "unnamed_group"),
    ],
    "contradictions": [{"a": 0, "b": 1, "why": "win vs fail"}],
}


def test_trimming_ignores_quote_marks_and_punctuation():
    assert evaluate.trimmed(TEXT, 0, 14) == (1, 12)


@pytest.mark.parametrize(
    ("a", "b", "expected"), [((0, 10), (0, 10), 1.0), ((0, 10), (5, 15), 1 / 3), ((0, 4), (6, 9), 0.0)]
)
def test_jaccard(a, b, expected):
    assert evaluate.jaccard(a, b) == pytest.approx(expected)


def test_perfect_prediction_scores_one():
    scores = evaluate.evaluate({"t": GOLD}, {"t": GOLD}).summary()
    assert scores["overlap"] == (1.0, 1.0, 1.0)
    assert scores["exact"] == (1.0, 1.0, 1.0)
    assert scores["end_to_end"][2] == 1.0
    assert scores["contradictions"] == (1.0, 1.0, 1.0)


def test_wrong_speaker_counts_as_match_but_not_end_to_end():
    pred = dict(
        GOLD, statements=[GOLD["statements"][0], statement("the plan would fail", "Officials", "Officials")]
    )
    scores = evaluate.evaluate({"t": GOLD}, {"t": pred}).summary()
    assert scores["overlap"][2] == 1.0
    assert scores["speaker_accuracy"] == 0.5
    assert scores["end_to_end"][2] == pytest.approx(0.5)


def test_partial_span_matches_by_overlap_not_exact():
    shorter = statement("the plan would", "Critics", "Critics", "unnamed_group")
    pred = dict(GOLD, statements=[GOLD["statements"][0], shorter], contradictions=[])
    scores = evaluate.evaluate({"t": GOLD}, {"t": pred}).summary()
    assert scores["overlap"][2] == 1.0
    assert scores["exact"][2] == 0.5
    assert scores["contradictions"] == (0.0, 0.0, 0.0)


def test_one_prediction_matches_one_gold_statement_only():
    pred = dict(GOLD, statements=[GOLD["statements"][1]], contradictions=[])
    gold = dict(GOLD, statements=[GOLD["statements"][1], GOLD["statements"][1]], contradictions=[])
    scores = evaluate.evaluate({"t": gold}, {"t": pred}).summary()
    assert scores["overlap"] == (1.0, 0.5, pytest.approx(2 / 3))


def test_missing_prediction_file_counts_as_nothing_found():
    scores = evaluate.evaluate({"t": GOLD}, {}).summary()
    assert scores["overlap"] == (0.0, 0.0, 0.0)


def test_texts_must_agree():
    with pytest.raises(ValueError, match="differs"):
        evaluate.score_article(GOLD, dict(GOLD, text=TEXT + " "))


def test_format_prints_the_headline_metrics():
    printed = evaluate.format_scores(evaluate.evaluate({"t": GOLD}, {"t": GOLD}))
    for label in ("statements (overlap)", "statements (exact)", "end-to-end", "kind accuracy", "confusion"):
        assert label in printed
