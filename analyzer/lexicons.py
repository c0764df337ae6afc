"""Loading the lexicon data files under analyzer/lexicons/ (tab-separated, `#` header comments)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

LEXICON_DIR = Path(__file__).parent / "lexicons"


@cache
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of `lexicons/<name>.tsv`, comments and blank lines skipped."""
    found = []
    with open(LEXICON_DIR / f"{name}.tsv", encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            found.append(tuple(part.strip() for part in line.split("\t")))
    return tuple(found)


@cache
def table(name: str) -> dict[str, tuple[str, ...]]:
    """`lexicons/<name>.tsv` as {first column: the other columns}."""
    return {row[0]: row[1:] for row in rows(name)}


@cache
def words(name: str) -> frozenset[str]:
    return frozenset(row[0] for row in rows(name))
