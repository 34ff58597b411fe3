"""The theme lexicon: user-editable GDELT-style codes, each a list of lemmas, scored per paragraph.

The lexicon lives in ``data/theme_lexicon.csv`` (columns ``code``, ``name``, ``lemmas``; lemmas are
separated by ``;`` and a lemma of several words matches those lemmas in a row). Every match keeps
its character offsets, so a score can be traced to the words that made it.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass

from .article import Article
from .config import DATA_DIR
from .errors import ArticleError

DEFAULT_LEXICON = DATA_DIR / "theme_lexicon.csv"


@dataclass(frozen=True)
class LexiconTheme:
    code: str
    name: str
    lemmas: tuple[tuple[str, ...], ...]  # each entry: the lemmas of one word or phrase


@dataclass(frozen=True)
class LexiconMatch:
    code: str
    paragraph_id: int
    start: int
    end: int
    text: str


def load_lexicon(path: str | os.PathLike = DEFAULT_LEXICON) -> list[LexiconTheme]:
    """Read the lexicon CSV; raises :class:`ArticleError` naming the file and the row when it is malformed."""
    themes = []
    with open(path, encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            code, name, lemmas = (row.get(key) or "" for key in ("code", "name", "lemmas"))
            entries = tuple(tuple(e.lower().split()) for e in lemmas.split(";") if e.strip())
            if not code.strip() or not entries:
                raise ArticleError(f"{path}: row {line} needs a code and at least one lemma")
            themes.append(LexiconTheme(code.strip(), name.strip() or code.strip(), entries))
    return themes


def lexicon_matches(article: Article, lexicon: list[LexiconTheme]) -> list[LexiconMatch]:
    """Every lexicon entry found in the paragraphs, by lemma (longest entry first at each token).

    Multi-word entries match the same lemmas in a row ("air defense" matches "air defence systems"
    only when the lexicon lists "air defence" too); a token counts for one entry per code.
    """
    by_first_lemma = [_entries_by_first_lemma(theme) for theme in lexicon]
    matches = []
    for paragraph in article.paragraphs:
        tokens = [t for t in article.doc.char_span(paragraph.start, paragraph.end, alignment_mode="expand")
                  if not t.is_punct and not t.is_space]
        lemmas = [t.lemma_.lower() for t in tokens]
        for theme, entries_at in zip(lexicon, by_first_lemma):
            position = 0
            while position < len(tokens):
                entries = entries_at.get(lemmas[position], ())
                size = next((len(e) for e in entries if tuple(lemmas[position:position + len(e)]) == e), 0)
                if size:
                    last = tokens[position + size - 1]
                    start, end = tokens[position].idx, last.idx + len(last)
                    matches.append(LexiconMatch(theme.code, paragraph.id, start, end, article.text[start:end]))
                position += max(size, 1)
    return matches


def _entries_by_first_lemma(theme: LexiconTheme) -> dict[str, list[tuple[str, ...]]]:
    """The theme's entries grouped by their first lemma, longest first: only those can match at a token."""
    groups: dict[str, list[tuple[str, ...]]] = {}
    for entry in sorted(theme.lemmas, key=len, reverse=True):
        groups.setdefault(entry[0], []).append(entry)
    return groups


def lexicon_scores(article: Article, lexicon: list[LexiconTheme], matches: list[LexiconMatch]) -> list[dict]:
    """Per paragraph, per code: matched words per 100 words of the paragraph (0 when nothing matched)."""
    scores = []
    for paragraph in article.paragraphs:
        words = max(len(article.text[paragraph.start:paragraph.end].split()), 1)
        row = {theme.code: 0.0 for theme in lexicon}
        for match in matches:
            if match.paragraph_id == paragraph.id:
                row[match.code] += 100 * len(match.text.split()) / words
        scores.append({code: round(value, 2) for code, value in row.items()})
    return scores


@dataclass(frozen=True)
class LexiconScores:
    """An article scored against the lexicon: the codes, every match and the scores per paragraph."""

    lexicon: list[LexiconTheme]
    matches: list[LexiconMatch]
    paragraph_scores: list[dict]

    def to_dict(self) -> dict:
        """The ``theme_lexicon`` part of the ``analyze`` JSON: the codes and every match with offsets."""
        return {
            "theme_lexicon": {
                "codes": [{"code": t.code, "name": t.name, "lemmas": [" ".join(e) for e in t.lemmas]}
                          for t in self.lexicon],
                "matches": [
                    {"code": m.code, "paragraph_id": m.paragraph_id, "start": m.start, "end": m.end, "text": m.text}
                    for m in self.matches
                ],
            }
        }

    def paragraph_fields(self) -> list[dict]:
        """``lexicon_scores`` ({code: matched words per 100 words}) for each paragraph, in order."""
        return [{"lexicon_scores": scores} for scores in self.paragraph_scores]


def score_lexicon(article: Article, lexicon: list[LexiconTheme] | None = None) -> LexiconScores:
    """Match the lexicon (default: ``data/theme_lexicon.csv``) in every paragraph and score it."""
    lexicon = load_lexicon() if lexicon is None else lexicon
    matches = lexicon_matches(article, lexicon)
    return LexiconScores(lexicon, matches, lexicon_scores(article, lexicon, matches))
