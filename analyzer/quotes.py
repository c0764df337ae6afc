"""Quotation marks: which characters open and close quotations, and where each quotation runs.

In: article text. Out: `Quotation`s (outer and inner character offsets), in text order.

Straight and curly, double and single marks are handled. An apostrophe (`ByteDance’s`, `don't`,
`the sources’ view`) is never a quote mark, even when it is the same character as a closing single
quote. A quotation left open at the end of a paragraph continues when the next paragraph opens
with a quote mark (newspaper style for multi-paragraph quotes); otherwise it ends with its
paragraph, so an odd number of marks never breaks the analysis.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‚"
SINGLE_CLOSE = "’"
QUOTE_CHARS = frozenset(DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE + "\"'")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass(frozen=True, slots=True)
class Quotation:
    start: int  # offset of the opening mark
    end: int  # offset just after the closing mark (or the paragraph end when left open)
    inner_start: int
    inner_end: int
    closed: bool

    def contains(self, position: int) -> bool:
        return self.inner_start <= position < self.inner_end


def _is_word_char(ch: str) -> bool:
    return ch.isalnum()


def _role(text: str, i: int) -> tuple[str, str] | None:
    """('open'|'close'|'either', 'double'|'single') for a quote character at i, None if not a mark."""
    ch = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if ch in DOUBLE_OPEN:
        return ("open", "double")
    if ch in DOUBLE_CLOSE:
        return ("close", "double")
    if ch in SINGLE_OPEN:
        return ("open", "single")
    if ch == '"':
        if before.isspace() or before in "([{—–-/" or i == 0:
            return ("open", "double")
        if after.isspace() or after in ".,;:!?)]}—–-" or i + 1 == len(text):
            return ("close", "double")
        return ("either", "double")
    if ch in SINGLE_CLOSE + "'":
        # between two letters (don't, ByteDance’s) it is an apostrophe
        if _is_word_char(before) and _is_word_char(after):
            return None
        if ch == "'" and (before.isspace() or i == 0 or before in '([{—–-"“') and not after.isspace():
            return ("open", "single")
        if not before.isspace() and (after.isspace() or after in '.,;:!?)]}—–-"”' or i + 1 == len(text)):
            # sources’ (plural possessive) vs a closing mark: decided by whether a single quote is open
            return ("close", "single")
        return None
    return None


def find_quotations(text: str) -> list[Quotation]:
    """Every quotation in `text`, outermost only (a single-quoted passage inside a double-quoted one
    belongs to it), in text order."""
    quotes: list[Quotation] = []
    paragraph_ends = [m.start() for m in _PARAGRAPH_BREAK.finditer(text)] + [len(text)]

    def paragraph_end(pos: int) -> int:
        for end in paragraph_ends:
            if end >= pos:
                return end
        return len(text)

    open_at: int | None = None
    open_kind = ""
    open_paragraph_end = 0  # end of the paragraph the open quotation has reached
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch not in QUOTE_CHARS:
            if open_at is not None and ch == "\n" and i >= open_paragraph_end:
                # paragraph ended with the quotation open: continue only if the next paragraph opens one
                j = i
                while j < n and text[j].isspace():
                    j += 1
                role = _role(text, j) if j < n and text[j] in QUOTE_CHARS else None
                if role and role[0] in ("open", "either") and role[1] == open_kind:
                    open_paragraph_end = paragraph_end(j)
                    i = j + 1
                    continue
                quotes.append(Quotation(open_at, i, open_at + 1, i, closed=False))
                open_at = None
            i += 1
            continue
        role = _role(text, i)
        if role is None:
            i += 1
            continue
        direction, kind = role
        if open_at is None:
            if direction in ("open", "either"):
                open_at, open_kind = i, kind
                open_paragraph_end = paragraph_end(i)
        elif kind == open_kind and direction in ("close", "either"):
            quotes.append(Quotation(open_at, i + 1, open_at + 1, i, closed=True))
            open_at = None
        i += 1
    if open_at is not None:
        end = len(text.rstrip())
        quotes.append(Quotation(open_at, end, open_at + 1, end, closed=False))
    return [q for q in quotes if q.inner_end > q.inner_start]


def quotation_at(quotes: list[Quotation], position: int) -> Quotation | None:
    for quote in quotes:
        if quote.start <= position < quote.end:
            return quote
    return None
