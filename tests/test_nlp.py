"""The shipped Stanza pipeline: loads offline, parses the seed, fails clearly without its models."""

from __future__ import annotations

import shutil
import socket

import pytest

from analyzer import nlp
from analyzer.records import AnalyzerError

TOLD_SENTENCE = (
    "China opposes the forced sale of TikTok’s United States operations, three people with direct "
    "knowledge of the matter told Reuters press agency on Friday."
)


def test_words_carry_offsets_into_the_text(parser):
    text = "  He said: “We don't know.”\n\nThe company’s spokesman declined to comment.  "
    parsed = parser.parse(text)
    assert parsed.sentences
    for sentence in parsed.sentences:
        assert text[sentence.start : sentence.end].strip()
        for word in sentence.words:
            # multi-word tokens (do + n't) keep offsets inside their token
            assert 0 <= word.start < word.end <= len(text)
            assert word.text == text[word.start : word.end]


def test_told_has_people_as_subject_and_the_reported_clause(parser):
    sentence = parser.parse(TOLD_SENTENCE).sentences[0]
    told = next(w for w in sentence.words if w.text == "told")
    subjects = [w for w in sentence.children(told.index) if w.deprel == "nsubj"]
    assert [w.text for w in subjects] == ["people"]
    opposes = next(w for w in sentence.words if w.text == "opposes")
    # `P, X told Y`: UD hangs the cue off the reported clause as parataxis (or the clause off the cue)
    linked = (told.head == opposes.index and told.deprel == "parataxis") or (
        opposes.head == told.index and opposes.deprel in ("ccomp", "parataxis")
    )
    assert linked, [(w.text, w.head, w.deprel) for w in sentence.words]


def test_empty_text_parses_to_nothing(parser):
    assert parser.parse("   \n").sentences == ()


def test_analysis_needs_no_network(parser, seed_text):
    from analyzer.pipeline import analyze_text

    # the autouse fixture blocks every non-loopback connection: prove it is active here
    with pytest.raises(OSError, match="blocked"):
        socket.create_connection(("203.0.113.1", 80), timeout=1)
    analysis = analyze_text(seed_text, "seed", parser)
    assert analysis.statements


def test_missing_model_gives_a_one_line_error(tmp_path, monkeypatch):
    monkeypatch.setattr(nlp, "SHIPPED_MODEL_DIR", tmp_path)
    with pytest.raises(AnalyzerError) as info:
        nlp.build_pipeline()
    message = str(info.value)
    assert "missing" in message and "train_models.py" in message and "\n" not in message


def test_corrupt_model_gives_a_one_line_error(tmp_path, monkeypatch):
    for filename, _ in nlp.SHIPPED_FILES.values():
        source = nlp.SHIPPED_MODEL_DIR / filename
        target = tmp_path / filename
        if filename == "en_parser.pt":
            target.write_bytes(b"this is not a model")
        else:
            shutil.copyfile(source, target)
    (tmp_path / "resources.json").write_text("{}")
    monkeypatch.setattr(nlp, "SHIPPED_MODEL_DIR", tmp_path)
    with pytest.raises(AnalyzerError) as info:
        nlp.build_pipeline()
    assert "cannot load the parser models" in str(info.value)
    assert "\n" not in str(info.value)


def test_stanza_dir_without_resources_is_refused(tmp_path):
    with pytest.raises(AnalyzerError, match=r"resources\.json"):
        nlp.build_pipeline(tmp_path)


def test_a_sentence_break_inside_a_name_is_undone(parser):
    # the shipped tokenizer splits after `CBC`; news sentences end in punctuation, so it is joined
    text = (
        "A secret document was found on a street in Ottawa. "
        "Environment Canada spokeswoman Sujata Raisinghani told CBC News the department will look into "
        "the incident. The document has been returned."
    )
    parsed = parser.parse(text)
    assert [text[s.start : s.end].split()[0] for s in parsed.sentences] == ["A", "Environment", "The"]


def test_a_missing_full_stop_before_a_sentence_opener_keeps_the_break(parser):
    text = (
        "Zimbabwe was called the breadbasket of southern Africa But during these years, Mugabe ruled alone."
    )
    parsed = parser.parse(text)
    assert any(text[s.start : s.end].startswith("But during") for s in parsed.sentences)


def test_web_text_with_many_unpunctuated_sentences_keeps_its_breaks(parser):
    from analyzer.nlp import _rejoined

    # e-mail style: the tokenizer's breaks without punctuation are right here, none is joined
    text = (
        "Thanks for the help yesterday See you on Monday The shop opens at nine We can meet there I hope so"
    )
    doc = parser.pipeline(text, processors="tokenize,mwt")
    assert len(doc.sentences) == 4
    assert len(_rejoined(doc, text).sentences) == 4
