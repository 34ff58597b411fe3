"""``ArticleAnalysis``: one article, its one parse, its options, and each stage computed once.

The data flow: source → :func:`~analysis.article.load_article` (layout + one spaCy parse) →
:class:`ArticleAnalysis`, whose stages (actors, themes, theme lexicon, dates, events, claims, cues,
warnings) are computed on first use from the parse and from each other → :meth:`ArticleAnalysis.result`,
the typed record of :mod:`analysis.schema` → :func:`analyze`'s JSON. Tables, charts, HTML views, the
explorer, the report and corpus mode all read the stages from this one object, so what they show is
what ``analyze`` computed, with the same options.
"""

from __future__ import annotations

import os
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .article import Article, load_article
from .config import DEFAULT_RANDOM_STATE
from .schema import (
    SCHEMA_VERSION,
    ActorExtraction,
    AnalysisResult,
    Claim,
    Cue,
    Dateline,
    DateMention,
    Event,
    ParagraphEntry,
    SentenceCues,
    SourceFields,
    Timex,
    TitleSpan,
    to_json,
)

if TYPE_CHECKING:
    from spacy.language import Language


class ArticleAnalysis:
    """The analysis of one article: stages are computed once, on first use, and shared by every view.

    Parameters
    ----------
    article : Article
        The parsed article (its one spaCy parse is reused by every stage).
    aliases_path : path, optional
        The actor alias file (default: the packaged ``actor_aliases.tsv``).
    theme_lexicon_path : path, optional
        The theme lexicon CSV (default: the packaged ``theme_lexicon.csv``).
    claim_lexicon_path : path, optional
        The claim word lists (default: the packaged ``claim_lexicon.json``).
    published : str or date, optional
        Publication date ``YYYY-MM-DD``; anchors years and relative dates (default: the HTML metadata).
    random_state : int
        Seed of the theme clustering, the only random step.
    n_themes : int, optional
        Number of paragraph themes; None chooses it.

    >>> from analysis import load_article
    >>> analysis = ArticleAnalysis(load_article("Talks\\n\\nPresident Putin spoke on May 3, 2022. He left."))
    >>> [actor.name for actor in analysis.actors.actors], [d.value for d in analysis.dates]
    (['Putin'], ['2022-05-03'])
    """

    def __init__(self, article: Article, *, aliases_path: str | os.PathLike | None = None,
                 theme_lexicon_path: str | os.PathLike | None = None,
                 claim_lexicon_path: str | os.PathLike | None = None, published: str | date | None = None,
                 random_state: int = DEFAULT_RANDOM_STATE, n_themes: int | None = None):
        from .dates import parse_published

        self.article = article
        self.aliases_path = Path(aliases_path) if aliases_path is not None else None
        self.theme_lexicon_path = Path(theme_lexicon_path) if theme_lexicon_path is not None else None
        self.claim_lexicon_path = Path(claim_lexicon_path) if claim_lexicon_path is not None else None
        self.published = parse_published(published)  # a bad date fails here, before any stage runs
        self.random_state = random_state
        self.n_themes = n_themes

    @classmethod
    def load(cls, source: str | os.PathLike | bytes | Article, *, nlp: Language | None = None, format: str = "auto",
             **options) -> ArticleAnalysis:
        """Read and parse ``source`` (a path, text or bytes; an Article is used as it is) and wrap it."""
        article = source if isinstance(source, Article) else load_article(source, format=format, nlp=nlp)
        return cls(article, **options)

    def __repr__(self) -> str:
        return f"ArticleAnalysis({self.article.title!r}, random_state={self.random_state})"

    # --- the stages, each computed once ---------------------------------------------------------

    @cached_property
    def actors(self) -> ActorExtraction:
        """Canonical actors and their mentions (:func:`analysis.actors.extract_actors`)."""
        from .actors import extract_actors

        options = {"aliases_path": self.aliases_path} if self.aliases_path is not None else {}
        return extract_actors(self.article, **options)

    @cached_property
    def themes(self):
        """The paragraphs' themes: a fitted :class:`~analysis.themes.ThemeClustering`."""
        from .themes import article_themes

        return article_themes(self.article, n_themes=self.n_themes, random_state=self.random_state)

    @cached_property
    def theme_lexicon(self):
        """The theme-lexicon matches and scores per paragraph (:class:`~analysis.lexicon.LexiconScores`)."""
        from .lexicon import load_lexicon, score_lexicon

        lexicon = load_lexicon(self.theme_lexicon_path) if self.theme_lexicon_path is not None else None
        return score_lexicon(self.article, lexicon)

    @cached_property
    def claim_lexicon(self):
        """The claims stage's word lists (:class:`~analysis.claims.Lexicon`)."""
        from .claims import load_lexicon

        return load_lexicon(self.claim_lexicon_path) if self.claim_lexicon_path is not None else load_lexicon()

    @cached_property
    def _stated_publication(self) -> date | None:
        """The publication date given as an option, else the one in the HTML metadata."""
        from .dates import parse_published

        return self.published or parse_published(self.article.source.published)

    @cached_property
    def _file_name_date(self) -> date | None:
        """The date a GDELT-style file name opens with (:func:`analysis.dates.file_name_date`), or None."""
        from .dates import file_name_date

        return file_name_date(self.article.source.path)

    @cached_property
    def dateline(self) -> Dateline | None:
        """The wire dateline opening the text, or None (:func:`analysis.dateline.article_dateline`)."""
        from .dateline import article_dateline

        return article_dateline(self.article, published=self._stated_publication or self._file_name_date)

    @cached_property
    def publication_date(self) -> date | None:
        """The date relative expressions count from: given, from the HTML metadata, the dateline's, else the
        file name's."""
        from .dates import parse_published

        dateline = self.dateline
        return self._stated_publication or (parse_published(dateline.date_value)
                                            if dateline and dateline.date_value else None) or self._file_name_date

    @cached_property
    def _times(self) -> tuple[list[DateMention], list[Timex]]:
        """Dates and time expressions from one pass (:func:`analysis.dates.analyse_times`)."""
        from .dates import analyse_times

        return analyse_times(self.article, published=self.publication_date, dateline=self.dateline)

    @cached_property
    def dates(self) -> list[DateMention]:
        """Every date expression, normalised (:func:`analysis.dates.extract_dates`)."""
        return self._times[0]

    @cached_property
    def timexes(self) -> list[Timex]:
        """Every TimeML time expression: dates, times, durations, sets (:func:`analysis.dates.extract_timexes`)."""
        return self._times[1]

    @cached_property
    def events(self) -> list[Event]:
        """Each dated sentence with the actors in it (:func:`analysis.events.extract_events`)."""
        from .events import extract_events

        return extract_events(self.article, self.dates, mentions=self.actors.mentions, actors=self.actors.actors)

    @cached_property
    def claims(self) -> list[Claim]:
        """Who said what, speakers resolved through the actor mentions (:func:`analysis.claims.extract_claims`)."""
        from .claims import extract_claims

        return extract_claims(self.article, mentions=self.actors.mentions, actors=self.actors.actors,
                              lexicon=self.claim_lexicon, cues_of=self._cues)

    @cached_property
    def _cues(self) -> list[list[Cue]]:
        """Each sentence's hedging, sourcing and denial cues (:func:`analysis.claims.article_cues`): searched
        once for the claims and the sentence cues."""
        from .claims import article_cues

        return article_cues(self.article, lexicon=self.claim_lexicon)

    @cached_property
    def sentence_cues(self) -> list[SentenceCues]:
        """Every sentence with a hedging, sourcing or denial cue."""
        from .claims import sentence_cue_records

        return sentence_cue_records(self.article, lexicon=self.claim_lexicon, cues_of=self._cues)

    @cached_property
    def warnings(self) -> list[str]:
        """What could not be computed or is unreliable for this article (:mod:`analysis.quality`)."""
        from .quality import analysis_warnings

        return analysis_warnings(self)

    # --- the contract ---------------------------------------------------------------------------

    def paragraph_entries(self) -> list[ParagraphEntry]:
        """Each paragraph with its text, its theme and its theme-lexicon scores, as the JSON gives it."""
        from .themes import paragraph_theme_fields

        article = self.article
        return [
            ParagraphEntry(p.id, p.section_id, p.start, p.end, article.text[p.start:p.end], p.sentences,
                           theme_id, theme_stability, scores)
            for p, (theme_id, theme_stability), scores in zip(article.paragraphs, paragraph_theme_fields(self.themes),
                                                              self.theme_lexicon.paragraph_scores)
        ]

    def result(self) -> AnalysisResult:
        """Everything the analysis says, as one typed record (the ``analyze`` JSON is its :func:`to_json`)."""
        from .themes import theme_records

        article, source, name_date = self.article, self.article.source, self._file_name_date
        themes, choice = theme_records(article, self.themes)
        return AnalysisResult(
            schema_version=SCHEMA_VERSION, package_version=__version__, title=article.title,
            title_span=TitleSpan(article.title_start, article.title_end, article.title_source), text=article.text,
            source=SourceFields(source.path, source.format, source.encoding, source.sha256, source.published,
                                self.dateline, name_date.isoformat() if name_date else None),
            sections=tuple(article.sections), paragraphs=tuple(self.paragraph_entries()),
            actors=tuple(self.actors.actors), mentions=tuple(self.actors.mentions), themes=tuple(themes),
            theme_choice=choice, theme_lexicon=self.theme_lexicon.record(), dates=tuple(self.dates),
            timexes=tuple(self.timexes), events=tuple(self.events), claims=tuple(self.claims),
            sentence_cues=tuple(self.sentence_cues),
            warnings=tuple(self.warnings), boilerplate=tuple(article.boilerplate),
        )

    def to_dict(self) -> dict:
        """The ``analyze`` JSON (see the README for every field)."""
        return to_json(self.result())


def as_analysis(item: ArticleAnalysis | Article) -> ArticleAnalysis:
    """The analysis behind a view's argument: an ArticleAnalysis as it is, an Article with default options."""
    return item if isinstance(item, ArticleAnalysis) else ArticleAnalysis(item)


def analyze(source: str | os.PathLike | bytes | Article | ArticleAnalysis, *, nlp: Language | None = None,
            format: str = "auto", published: str | None = None, random_state: int = DEFAULT_RANDOM_STATE,
            **options) -> dict:
    """The full analysis of one article as a JSON-ready dict.

    ``source`` is a path, text, bytes, an already loaded :class:`Article` or an :class:`ArticleAnalysis`
    (used with its own options). ``published`` (``YYYY-MM-DD``) anchors years and relative dates; it
    defaults to the HTML page's metadata. ``random_state`` seeds the theme clustering (the only random
    step); other ``options`` are those of :class:`ArticleAnalysis` (``aliases_path`` …).
    """
    if isinstance(source, ArticleAnalysis):
        return source.to_dict()
    return ArticleAnalysis.load(source, nlp=nlp, format=format, published=published, random_state=random_state,
                                **options).to_dict()
