"""Turning text into index terms: normalisation, tokens and character bigrams.

Text is normalised (NFKC, so full-width ＴＳ１２３ becomes ts123; lower case) and split into
tokens wherever there is whitespace or punctuation, so that no term crosses a comma or a
line break. A token is either a run of ASCII letters and digits (an English word, a
work-order number), indexed whole, or a run of other letters (Chinese), indexed as its
overlapping character bigrams: 服务态度恶劣 gives 服务 务态 态度 度恶 恶劣. A query is cut
the same way; every one of its terms must be in a matter's index for it to be a candidate.
"""

from __future__ import annotations

import unicodedata

# The longest term stored; longer ASCII tokens are cut (the text check after the index
# lookup keeps results exact).
MAX_TERM = 32


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").lower()


def tokens(text: str) -> list[str]:
    """The ASCII words and the runs of other letters in `text`, normalised, in order."""
    found: list[str] = []
    current: list[str] = []
    ascii_run = False
    for ch in normalise(text):
        kind = ch.isascii() if ch.isalnum() else None  # None: a separator
        if current and kind is not ascii_run:
            found.append("".join(current))
            current = []
        if kind is not None:
            current.append(ch)
            ascii_run = kind
    if current:
        found.append("".join(current))
    return found


def terms_of_token(token: str) -> list[str]:
    """Index terms of one token: itself if ASCII, its bigrams otherwise (none for one character)."""
    if token.isascii():
        return [token[:MAX_TERM]]
    return [token[i:i + 2] for i in range(len(token) - 1)]


def index_terms(text: str) -> set[str]:
    """The distinct terms a matter with this searchable text is indexed under."""
    terms: set[str] = set()
    for token in tokens(text):
        terms.update(terms_of_token(token))
    return terms


def query_terms(token_list: list[str]) -> list[str]:
    """The distinct index terms a query's tokens need, in first-seen order."""
    seen: dict[str, None] = {}
    for token in token_list:
        for term in terms_of_token(token):
            seen.setdefault(term, None)
    return list(seen)
