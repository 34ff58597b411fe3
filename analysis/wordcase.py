"""Lower-cased text for cheap word tests that decide which regular expressions run at all.

The dates and claims stages search each sentence with long patterns; most sentences hold none of the words
a pattern needs, and a few substring tests on the lowered text cost a fraction of one search.
"""

from __future__ import annotations

# Letters that re.IGNORECASE matches to an ASCII letter but str.lower() does not turn into it (checked
# over every code point: with these, each letter a pattern matches lowers to that one letter).
_IGNORECASE_FOLDS = str.maketrans({"İ": "i", "ı": "i", "ſ": "s"})


def lowered_for_words(text: str) -> str:
    """``text`` in lower case for :func:`holds_word`: every match of a pattern (with or without
    ``re.IGNORECASE``) shows its letters in lower case in it."""
    return text.lower() if text.isascii() else text.translate(_IGNORECASE_FOLDS).lower()


def holds_word(lowered: str, words: tuple[str, ...]) -> bool:
    """Whether a pattern every match of which holds one of ``words`` (lower case) can match the text lowered
    by :func:`lowered_for_words` (no words: it always can). A few substring tests cost a fraction of a
    regular expression's search over the sentence, so they decide which patterns run at all."""
    return not words or any(map(lowered.__contains__, words))  # ~580 calls per article: no generator
