"""The theme lexicon: user-editable GDELT-style codes, each a list of lemmas, scored per paragraph.

The lexicon ships in ``analysis/data/theme_lexicon.csv`` (columns ``code``, ``name``, ``lemmas``; lemmas are
separated by ``;`` and a lemma of several words matches those lemmas in a row). Every match keeps
its character offsets, so a score can be traced to the words that made it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .article import Article
from .resources import load_reference, packaged_path, read_rows, table_error
from .schema import LexiconCode, LexiconMatch, ThemeLexicon, to_json

DEFAULT_LEXICON = packaged_path("theme_lexicon.csv")


@dataclass(frozen=True)
class LexiconTheme:
    code: str
    name: str
    lemmas: tuple[tuple[str, ...], ...]  # each entry: the lemmas of one word or phrase


def load_lexicon(path: str | os.PathLike = DEFAULT_LEXICON) -> list[LexiconTheme]:
    """Read the lexicon CSV; raises :class:`~analysis.errors.ReferenceTableError` naming the file and the
    line when it is malformed.

    Read once per file version (:func:`~analysis.resources.load_reference`), so a corpus run does not
    parse it for every article while an edited file is read again.
    """
    return list(load_reference(Path(path), _read_lexicon))


def _read_lexicon(path: Path) -> tuple[LexiconTheme, ...]:
    themes = []
    for line, row in read_rows(path, columns=("code", "lemmas"), delimiter=","):
        code, name, lemmas = row["code"], row.get("name", ""), row["lemmas"]
        entries = tuple(tuple(e.lower().split()) for e in lemmas.split(";") if e.strip())
        if not code or not entries:
            raise table_error(path, line, "a row needs a code and at least one lemma")
        themes.append(LexiconTheme(code, name or code, entries))
    return tuple(themes)


def lexicon_matches(article: Article, lexicon: list[LexiconTheme]) -> list[LexiconMatch]:
    """Every lexicon entry found in the paragraphs, by lemma (longest entry first at each token).

    Multi-word entries match the same lemmas in a row ("air defense" matches "air defence systems"
    only when the lexicon lists "air defence" too); a token counts for one entry per code.
    """
    entries_at = _entries_by_first_lemma(lexicon)
    matches = []
    for paragraph in article.paragraphs:
        tokens = [t for t in article.doc.char_span(paragraph.start, paragraph.end, alignment_mode="expand")
                  if not t.is_punct and not t.is_space]
        lemmas = [t.lemma_.lower() for t in tokens]
        found: list[list[LexiconMatch]] = [[] for _ in lexicon]
        free_from = [0] * len(lexicon)  # per code, the first token not inside its previous match
        for position, lemma in enumerate(lemmas):
            for code_index, entries in entries_at.get(lemma, ()):
                if position < free_from[code_index]:
                    continue
                size = next((len(e) for e in entries if tuple(lemmas[position:position + len(e)]) == e), 0)
                if size:
                    last = tokens[position + size - 1]
                    start, end = tokens[position].idx, last.idx + len(last)
                    found[code_index].append(
                        LexiconMatch(lexicon[code_index].code, paragraph.id, start, end, article.text[start:end]))
                    free_from[code_index] = position + size
        matches += [match for code_matches in found for match in code_matches]
    return matches


def _entries_by_first_lemma(lexicon: list[LexiconTheme]) -> dict[str, list[tuple[int, list[tuple[str, ...]]]]]:
    """First lemma → [(code index, the code's entries starting with it, longest first)]: only those can match."""
    groups: dict[str, dict[int, list[tuple[str, ...]]]] = {}
    for code_index, theme in enumerate(lexicon):
        for entry in sorted(theme.lemmas, key=len, reverse=True):
            groups.setdefault(entry[0], {}).setdefault(code_index, []).append(entry)
    return {lemma: list(by_code.items()) for lemma, by_code in groups.items()}


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

    def record(self) -> ThemeLexicon:
        """The ``theme_lexicon`` record of the ``analyze`` result: the codes and every match with offsets."""
        codes = tuple(LexiconCode(t.code, t.name, tuple(" ".join(e) for e in t.lemmas)) for t in self.lexicon)
        return ThemeLexicon(codes, tuple(self.matches))

    def to_dict(self) -> dict:
        """The ``theme_lexicon`` part of the ``analyze`` JSON."""
        return {"theme_lexicon": to_json(self.record())}


def score_lexicon(article: Article, lexicon: list[LexiconTheme] | None = None) -> LexiconScores:
    """Match the lexicon (default: ``analysis/data/theme_lexicon.csv``) in every paragraph and score it."""
    lexicon = load_lexicon() if lexicon is None else lexicon
    matches = lexicon_matches(article, lexicon)
    return LexiconScores(lexicon, matches, lexicon_scores(article, lexicon, matches))
