"""Ingest: every input type on a real file under tests/data, and every refused input with its message."""

from __future__ import annotations

import gzip
import io
import sys
from pathlib import Path

import pytest

from analyzer import ingest
from analyzer.ingest import InputError, article_from_bytes, article_from_html, article_from_text, load_inputs

DATA = Path(__file__).parent / "data"


def read_utf8(name: str) -> str:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return handle.read()


def only(articles: list) -> object:
    assert len(articles) == 1
    return articles[0]


# --- plain text -----------------------------------------------------------------------------------


def test_clean_txt_canonical_text_is_the_file_content_unchanged() -> None:
    content = read_utf8("article.txt")
    article = only(article_from_bytes((DATA / "article.txt").read_bytes(), "article.txt"))
    assert article.text == content
    assert article.article_id == "article"
    assert article.text.endswith(".\n")
    # curly quotes and the apostrophe survive, so offsets index the file's characters
    for mark in ("“", "”", "‘", "’", "maker’s"):
        assert mark in article.text
    assert dict(article.metadata) == {"file": "article.txt"}


def test_clean_md_is_unchanged() -> None:
    content = read_utf8("notes.md")
    article = only(article_from_bytes((DATA / "notes.md").read_bytes(), "notes.md"))
    assert article.text == content
    assert article.text.startswith("# Council approves")


def test_utf8_bom_is_dropped_and_nothing_else_changes() -> None:
    content = read_utf8("article.txt")
    article = only(article_from_bytes(b"\xef\xbb\xbf" + content.encode("utf-8"), "bom.txt"))
    assert article.text == content


def test_latin1_txt_is_decoded() -> None:
    article = only(article_from_bytes((DATA / "latin1.txt").read_bytes(), "latin1.txt"))
    assert article.text == (DATA / "latin1.txt").read_bytes().decode("latin-1")
    assert "José Núñez" in article.text and "façade" in article.text and "£3,000" in article.text
    assert "encoding" in dict(article.metadata)


def test_mojibake_txt_is_repaired_and_keeps_curly_quotes() -> None:
    article = only(article_from_bytes((DATA / "mojibake.txt").read_bytes(), "mojibake.txt"))
    assert article.text.startswith("The minister said “it’s over” on Friday, and the café")
    assert "â€" not in article.text and "Ã©" not in article.text
    assert dict(article.metadata)["repaired"] == "mojibake"


def test_article_from_text_keeps_clean_text_identical() -> None:
    text = "  He said “it’s fine.”\r\n\r\nShe disagreed.  \n"
    article = article_from_text(text, "pasted", title="T", source="dashboard", metadata=[("k", "v")])
    assert article.text == text
    assert (article.title, article.source, article.metadata) == ("T", "dashboard", (("k", "v"),))


def test_short_non_english_text_is_accepted() -> None:
    # Too short to judge the language, so it goes through.
    assert article_from_text("Bonjour, a dit le maire.", "short").text == "Bonjour, a dit le maire."


# --- HTML -----------------------------------------------------------------------------------------


def test_news_html_main_text_and_metadata() -> None:
    article = only(article_from_bytes((DATA / "news.html").read_bytes(), "news.html"))
    assert article.article_id == "news"
    assert article.title == "Port strike ends after pay deal"
    metadata = dict(article.metadata)
    assert metadata["author"] == "Jane Whitfield"
    assert metadata["date"] == "2024-03-14"
    text = article.text
    assert "“Our members have won a fair deal,” said Priya Natarajan, the union’s regional secretary." in text
    assert "Two shipping agents, who asked not to be named" in text
    for boilerplate in (
        "Subscribe now",
        "Related stories",
        "All rights reserved",
        "Privacy",
        "track()",
        "font-family",
    ):
        assert boilerplate not in text
    # paragraphs are separated by a blank line, so the headline never runs into the first sentence
    assert "\n\nDock workers" in text


def test_broken_html_still_gives_text() -> None:
    article = only(article_from_bytes((DATA / "broken.html").read_bytes(), "broken.html"))
    assert article.title == "Flood warning issued for river towns"
    assert "“People should move valuables upstairs now,” said the agency’s duty manager" in article.text
    assert "sandbags had been delivered to more than 300 homes" in article.text


def test_html_with_no_text_gives_a_clear_error() -> None:
    # An unclosed <title> swallows the page, as it does in a browser.
    with pytest.raises(InputError, match="no article text found in the HTML"):
        article_from_html("<html><head><title>Oops<body><p>Text</p></body></html>", "oops")


def test_html_charset_declaration_is_used() -> None:
    page = (
        "<html><head><meta charset='windows-1252'><title>Caf\xe9 closes</title></head><body><article>"
        "<p>The owner of the caf\xe9 said on Monday that rising rents had forced her to close after "
        "twenty years, and that she would look for a smaller site in the town centre.</p>"
        "</article></body></html>"
    )
    article = only(article_from_bytes(page.encode("cp1252"), "cafe.html"))
    assert "owner of the café said" in article.text


# --- batches --------------------------------------------------------------------------------------


def test_csv_batch_keeps_good_rows_and_reports_bad_ones_by_line() -> None:
    result = ingest.ingest_bytes((DATA / "batch.csv").read_bytes(), "batch.csv")
    assert [a.article_id for a in result.articles] == ["mill-closure", "budget-row", "school-funding"]
    by_id = {a.article_id: a for a in result.articles}
    mill = by_id["mill-closure"]
    assert mill.title == "Mill to close"
    assert "news was “devastating” for the town." in mill.text
    assert dict(mill.metadata)["url"] == "https://example.org/mill"
    assert dict(mill.metadata)["published"] == "2024-02-05"
    assert dict(mill.metadata)["outlet"] == "Valley Post"
    assert 'the budget "does nothing for renters"' in by_id["budget-row"].text
    assert "staffing.\nThe education secretary" in by_id["school-funding"].text
    assert [(p.origin, p.message.split(":")[0]) for p in result.problems] == [
        ("batch.csv:4", "line 4"),
        ("batch.csv:7", "line 7"),  # after a row spanning lines 5-6
    ]
    assert "missing text" in result.problems[0].message
    assert "8 cells but the header has 6" in result.problems[1].message


def test_article_from_bytes_returns_good_rows_of_a_batch() -> None:
    articles = article_from_bytes((DATA / "batch.csv").read_bytes(), "batch.csv")
    assert len(articles) == 3


def test_csv_with_bad_quoting_reports_the_line() -> None:
    data = b'id,title,text\nok,Fine,"The mayor said the road would reopen."\nbad,Broken,"unterminated\n'
    result = ingest.ingest_bytes(data, "quotes.csv")
    assert [a.article_id for a in result.articles] == ["ok"]
    assert result.problems[0].origin == "quotes.csv:3"
    assert "malformed CSV" in result.problems[0].message


def test_csv_without_text_column_is_a_problem() -> None:
    result = ingest.ingest_bytes(b"id,title,body\na,b,c\n", "cols.csv")
    assert not result.articles
    assert "no text column" in result.problems[0].message


def test_csv_cell_over_the_limit_is_a_problem_and_the_batch_goes_on(tmp_path: Path) -> None:
    huge = "word " * (ingest.MAX_TEXT_CHARS // 5 + 1)
    path = tmp_path / "big.csv"
    path.write_text(
        f'id,title,text\nhuge,Huge,"{huge}"\nsmall,Small,"The council said it agreed."\n', encoding="utf-8"
    )
    result = load_inputs([str(path)])
    assert [a.article_id for a in result.articles] == ["small"]
    assert result.problems[0].origin == f"{path}:2"
    assert "text cell is 1,000,005 characters, over the limit of 1,000,000" in result.problems[0].message


def test_jsonl_batch_skips_a_broken_line() -> None:
    result = ingest.ingest_bytes((DATA / "batch.jsonl").read_bytes(), "batch.jsonl")
    assert [a.article_id for a in result.articles] == ["bridge-repairs", "train-delays"]
    assert "“gradually return to normal”" in result.articles[1].text
    assert dict(result.articles[0].metadata)["outlet"] == "County News"
    assert len(result.problems) == 1
    assert result.problems[0].origin == "batch.jsonl:2"
    assert result.problems[0].message.startswith("line 2: not valid JSON")


def test_batch_duplicate_ids_and_unsafe_ids_are_problems() -> None:
    lines = [
        '{"id": "a", "text": "The minister said yes."}',
        '{"id": "a", "text": "The minister said no."}',
        '{"id": "../etc/passwd", "text": "The minister said maybe."}',
    ]
    result = ingest.ingest_bytes("\n".join(lines).encode(), "ids.jsonl")
    assert [a.article_id for a in result.articles] == ["a"]
    assert "duplicate id 'a' (first on line 1)" in result.problems[0].message
    assert "path separator" in result.problems[1].message


# --- paths ----------------------------------------------------------------------------------------


def test_load_inputs_reads_folders_recursively_and_collects_problems(tmp_path: Path) -> None:
    (tmp_path / "nested" / "deeper").mkdir(parents=True)
    (tmp_path / "nested" / "deeper" / "one.txt").write_bytes((DATA / "article.txt").read_bytes())
    (tmp_path / "two.md").write_bytes((DATA / "notes.md").read_bytes())
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "skip.txt").write_text("The mayor said it was hidden.", encoding="utf-8")
    (tmp_path / "picture.png").write_bytes(b"\x89PNG....")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = load_inputs([str(tmp_path), str(tmp_path / "missing.txt"), str(DATA / "french.txt")])
    assert sorted(a.article_id for a in result.articles) == ["one", "two"]
    assert [a.text for a in result.articles if a.article_id == "one"] == [read_utf8("article.txt")]
    problems = {Path(p.origin).name: p.message for p in result.problems}
    assert set(problems) == {"empty.txt", "missing.txt", "french.txt"}
    assert "empty" in problems["empty.txt"]
    assert problems["missing.txt"] == "no such file or folder"
    assert "'fr', not English" in problems["french.txt"]


def test_load_inputs_reports_duplicate_ids_and_unsupported_files(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for folder in ("a", "b"):
        (tmp_path / folder / "same.txt").write_text(f"The {folder} spokesman said so.", encoding="utf-8")
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4")
    result = load_inputs([str(tmp_path / "a"), str(tmp_path / "b"), str(tmp_path / "report.pdf")])
    assert [a.text for a in result.articles] == ["The a spokesman said so."]
    assert "duplicate article id 'same'" in result.problems[0].message
    assert "unsupported file type '.pdf'" in result.problems[1].message


def test_load_inputs_reads_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    content = read_utf8("article.txt")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(content.encode("utf-8"))))
    result = load_inputs(["-"])
    assert not result.problems
    assert result.articles[0].article_id == "stdin"
    assert result.articles[0].text == content


# --- refused inputs -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "empty or only whitespace"),
        (b" \n\t\r\n  ", "empty or only whitespace"),
        ("  \n".encode("utf-16"), "empty or only whitespace"),
        (b"The mayor\x00\x01\x02 said\x00\x00" * 50, "binary data"),
        (bytes(range(1, 256)) * 20, "binary"),
        (gzip.compress(b"The mayor said so. " * 50), "gzip-compressed data; decompress it first"),
        (b"PK\x03\x04rest of a zip", "ZIP archive"),
    ],
    ids=["empty", "whitespace", "utf16-whitespace", "nul-bytes", "high-bytes", "gzip", "zip"],
)
def test_bad_bytes_are_refused_with_a_message(data: bytes, expected: str) -> None:
    with pytest.raises(InputError, match=expected) as caught:
        article_from_bytes(data, "input.txt")
    assert str(caught.value).startswith("input.txt: ")
    assert "\n" not in str(caught.value)


def test_whitespace_string_is_refused() -> None:
    with pytest.raises(InputError, match="empty or only whitespace"):
        article_from_text(" \n\n ", "blank")


def test_text_over_the_character_limit_is_refused() -> None:
    with pytest.raises(InputError, match=r"1,000,001 characters, over the limit of 1,000,000; split it"):
        article_from_text("a" * (ingest.MAX_TEXT_CHARS + 1), "long")


def test_file_over_the_byte_cap_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(ingest.MAX_FILE_BYTES + 1)  # sparse: no disk used, and never read
    result = load_inputs([str(path)])
    assert not result.articles
    assert (
        result.problems[0].message == "the file is 20,000,001 bytes, over the limit of 20,000,000; split it"
    )


def test_non_english_text_is_refused() -> None:
    with pytest.raises(InputError, match=r"looks like language 'fr', not English .*English news only"):
        article_from_bytes((DATA / "french.txt").read_bytes(), "french.txt")


def test_unsupported_extension_is_refused() -> None:
    with pytest.raises(InputError, match=r"unsupported file type '\.docx'"):
        article_from_bytes(b"text", "letter.docx")


def test_control_characters_in_an_id_are_refused() -> None:
    with pytest.raises(InputError, match="control characters"):
        article_from_text("The mayor said so.", "bad\nid")
