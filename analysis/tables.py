"""Tables (pandas DataFrames) of an article and its analysis, for notebooks and the CLI: views, never computed here."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .article import Article
from .pipeline import ArticleAnalysis, as_analysis
from .schema import Claim, Cue, DateMention, Event, to_json

if TYPE_CHECKING:
    from .themes import ThemeClustering

_OPENING_WORDS = 8


def opening_words(text: str) -> str:
    """The first words of a text, with an ellipsis when there are more: a readable row label."""
    words = text.split()
    return " ".join(words[:_OPENING_WORDS]) + (" …" if len(words) > _OPENING_WORDS else "")


def structure_table(article: Article) -> pd.DataFrame:
    """One row per paragraph: its section, offsets, sentence and word counts, and opening words."""
    headings = {section.id: section.heading or "(lead)" for section in article.sections}
    rows = [
        {
            "paragraph": p.id,
            "section": headings[p.section_id],
            "start": p.start,
            "end": p.end,
            "sentences": len(p.sentences),
            "words": len(article.text[p.start:p.end].split()),
            "opening": opening_words(article.text[p.start:p.end]),
        }
        for p in article.paragraphs
    ]
    return pd.DataFrame(rows).set_index("paragraph")


def sentence_table(article: Article) -> pd.DataFrame:
    """One row per sentence: its paragraph, offsets, word count and text."""
    rows = [
        {
            "sentence": s.index,
            "paragraph": s.paragraph_id,
            "start": s.start,
            "end": s.end,
            "words": len(article.text[s.start:s.end].split()),
            "text": article.text[s.start:s.end],
        }
        for s in article.sentences
    ]
    return pd.DataFrame(rows).set_index("sentence")


# --- actors ---------------------------------------------------------------------------------


def actor_table(analysis: ArticleAnalysis | Article) -> pd.DataFrame:
    """One row per actor (most mentioned first): type, mentions, roles, affiliation, code, paragraphs."""
    rows = [
        {
            "id": actor.id,
            "name": actor.name,
            "type": actor.type,
            "mentions": actor.mention_count,
            "roles": "; ".join(actor.roles),
            "affiliation": actor.affiliation or "",
            "code": actor.code or "",
            "paragraphs": ", ".join(map(str, actor.paragraph_ids)),
            "aliases": "; ".join(actor.aliases),
        }
        for actor in as_analysis(analysis).actors.actors
    ]
    columns = ["id", "name", "type", "mentions", "roles", "affiliation", "code", "paragraphs", "aliases"]
    return pd.DataFrame(rows, columns=columns).set_index("id")


def mention_table(analysis: ArticleAnalysis | Article) -> pd.DataFrame:
    """One row per mention, in reading order, with its actor's name and its offsets."""
    extraction = as_analysis(analysis).actors
    names = {actor.id: actor.name for actor in extraction.actors}
    rows = [{**to_json(m), "actor": names[m.actor_id]} for m in extraction.mentions]
    columns = ["actor", "actor_id", "text", "start", "end", "paragraph_id", "sentence_index", "adjectival"]
    return pd.DataFrame(rows, columns=columns)


# --- dates, events and claims ---------------------------------------------------------------


def dates_table(dates: list[DateMention]) -> pd.DataFrame:
    """One row per date expression, in reading order."""
    columns = ["text", "value", "precision", "qualifier", "paragraph_id", "sentence_index", "start", "end",
               "range_start", "range_end", "resolved", "rule"]
    return pd.DataFrame(to_json(dates), columns=columns)


def events_table(events: list[Event]) -> pd.DataFrame:
    """One row per event in date order."""
    columns = ["value", "precision", "qualifier", "date_text", "actors", "paragraph_id", "sentence_index", "text"]
    rows = sorted(to_json(events), key=lambda row: (row["range_start"], row["start"]))
    for row in rows:
        row["actors"] = ", ".join(row["actors"])
    return pd.DataFrame(rows, columns=columns)


def _cue_list(cues: tuple[Cue, ...]) -> str:
    return ", ".join(f"{cue.text} ({cue.kind})" for cue in cues)


def claims_table(claims: list[Claim]) -> pd.DataFrame:
    """One row per claim: speaker, verb, content, category and cues; ``speakers`` lists every speaker of a claim
    coordinated speakers make together ("Roe and Doe said …"), empty for one speaker."""
    rows = [{"speaker": c.speaker_name or c.speaker, "speaker_id": c.speaker_id, "unnamed": c.unnamed,
             "affiliation": c.affiliation, "verb": c.verb, "content": c.content, "category": c.category,
             "hedged": c.hedged, "quotation": c.quotation, "paragraph_id": c.paragraph_id,
             "sentence_index": c.sentence_index, "start": c.start, "end": c.end, "cues": _cue_list(c.cues),
             "speaker_rule": c.speaker_rule, "speakers": [s.speaker_name or s.text for s in c.speakers]}
            for c in claims]
    return pd.DataFrame(rows, columns=["speaker", "speaker_id", "unnamed", "affiliation", "verb", "content",
                                       "category", "hedged", "quotation", "paragraph_id", "sentence_index",
                                       "start", "end", "cues", "speaker_rule", "speakers"])


def cue_table(analysis: ArticleAnalysis | Article) -> pd.DataFrame:
    """One row per sentence with a hedging, sourcing or denial cue."""
    analysis = as_analysis(analysis)
    rows = [{"sentence_index": row.sentence_index, "paragraph_id": row.paragraph_id, "hedged": row.hedged,
             "sourced": row.sourced, "denied": row.denied, "cues": _cue_list(row.cues),
             "text": analysis.article.text[row.start:row.end]} for row in analysis.sentence_cues]
    return pd.DataFrame(rows, columns=["sentence_index", "paragraph_id", "hedged", "sourced", "denied", "cues",
                                       "text"])


# --- themes


def theme_table(article: Article, model: ThemeClustering) -> pd.DataFrame:
    """One row per theme: its name, terms, paragraphs, stability and most representative paragraph."""
    rows = []
    for theme in range(model.n_themes_):
        members = np.flatnonzero(model.labels_ == theme)
        best = article.paragraphs[model.representatives_[theme][0]]
        rows.append({
            "theme": theme,
            "label": model.theme_label(theme),
            "terms": ", ".join(model.terms_[theme]),
            "paragraphs": ", ".join(str(article.paragraphs[i].id) for i in members),
            "stability": round(float(model.stability_[theme]), 2),
            "representative": f"¶{best.id}: {opening_words(article.text[best.start:best.end])}",
        })
    return pd.DataFrame(rows).set_index("theme")


def paragraph_theme_table(article: Article, model: ThemeClustering) -> pd.DataFrame:
    """One row per paragraph: its theme, how firmly it belongs (stability) and its opening words."""
    rows = [
        {
            "paragraph": paragraph.id,
            "theme": int(label),
            "theme label": model.theme_label(int(label), 2),
            "stability": round(float(stability), 2),
            "opening": opening_words(article.text[paragraph.start:paragraph.end]),
        }
        for paragraph, label, stability in zip(article.paragraphs, model.labels_, model.sample_stability_)
    ]
    return pd.DataFrame(rows).set_index("paragraph")
