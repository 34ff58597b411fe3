"""The ``analyze`` JSON contract: one typed record per stage result, and everything derived from them.

Each record is a frozen dataclass whose fields carry their meaning (``doc``). From these definitions,
and nowhere else, follow:

- the JSON: :func:`to_json` turns any record into JSON-ready values (tuples become lists, nested
  records objects; fields marked ``json=False`` stay in Python only);
- the corpus Parquet tables: :func:`table_columns` gives each item table's documented columns and
  their kinds, from the fields marked ``column``;
- the README's field tables: :func:`markdown_tables` (``python -m analysis.schema`` prints them, and a
  test checks the README holds exactly these).

A new field is written once, here, with its meaning; fields are only ever added (``SCHEMA_VERSION``).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field

SCHEMA_VERSION = 1
AUTO = "auto"  # a column whose kind follows from the field's type


def spec(doc: str, *, default=dataclasses.MISSING, json: bool = True, column: str | None = None):
    """A record field with its meaning; ``json=False`` keeps it out of the JSON, ``column`` puts it in
    its corpus table (``AUTO``, or a kind of :data:`COLUMN_KINDS` when the table stores it otherwise)."""
    return field(default=default, metadata={"doc": doc, "json": json, "column": column})


class Record:
    """Base of the schema's records: ``record.to_dict()`` is its JSON (see :func:`to_json`)."""

    def to_dict(self) -> dict:
        return to_json(self)


# --- structure ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sentence(Record):
    """A sentence: ``index`` counts sentences through the whole article, in reading order."""

    index: int = spec("position of the sentence in the whole article, from 0")
    start: int = spec("offset of its first character")
    end: int = spec("offset after its last character")
    paragraph_id: int = spec("the paragraph it belongs to", json=False)


@dataclass(frozen=True)
class Paragraph(Record):
    """A paragraph of the article's layout, with its sentences."""

    id: int
    section_id: int
    start: int
    end: int
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True)
class Section(Record):
    """A section: the lead (``heading`` None) or the paragraphs under one heading."""

    id: int = spec("position of the section, from 0")
    heading: str | None = spec("the heading text; null for the lead")
    heading_start: int | None = spec("offset of the heading; null for the lead")
    heading_end: int | None = spec("offset after the heading; null for the lead")
    start: int = spec("offset where the section starts (its heading, else its first paragraph)")
    end: int = spec("offset after its last paragraph")
    paragraph_ids: tuple[int, ...] = spec("its paragraphs")


@dataclass(frozen=True)
class Boilerplate(Record):
    """A line of the text that is not the article's body: no paragraph, no actors, themes, dates or claims."""

    start: int = spec("offset of its first character")
    end: int = spec("offset after its last character")
    text: str = spec("the line, `text[start:end]`")
    kind: str = spec("`promo`, `call`, `advertisement`, `navigation`, `share`, `caption`, `credit`, `byline`, "
                     "`dateline` or `separator` (rules in `analysis/data/boilerplate_patterns.tsv`)")


@dataclass(frozen=True)
class TitleSpan(Record):
    start: int = spec("offset of the title")
    end: int = spec("offset after the title")
    source: str = spec('`"title line"`, or `"first sentence"` when the text has no title line')


@dataclass(frozen=True)
class Dateline(Record):
    """A wire dateline at the start of the first paragraph: place, date and agency, each where the text has it."""

    text: str = spec("the dateline with its closing dash, `text[start:end]`")
    start: int = spec("offset of the dateline")
    end: int = spec("offset after it (the body text starts after the following space)")
    place: str | None = spec('the place, `text[place_start:place_end]` ("WASHINGTON", "NAIROBI, Kenya")')
    place_start: int | None = spec("offset of the place")
    place_end: int | None = spec("offset after it")
    agency: str | None = spec('the news agency in brackets ("Xinhua", "Reuters"), or null')
    date_text: str | None = spec('the date as written ("August 8"), or null')
    date_start: int | None = spec("offset of the date")
    date_end: int | None = spec("offset after it")
    date_value: str | None = spec("its ISO date when the publication date or the text gives its year, else null")


@dataclass(frozen=True)
class SourceFields(Record):
    path: str | None = spec("the file read; null for text or bytes given directly")
    format: str = spec("`text`, `markdown` or `html`")
    encoding: str | None = spec("the encoding the bytes were decoded with")
    sha256: str | None = spec("SHA-256 of the input bytes")
    published: str | None = spec("publication date from the HTML metadata (or the corpus record), or null")
    dateline: Dateline | None = spec('the wire dateline opening the text ("ROME, May 3 (Reuters) -"), or null',
                                     default=None)
    file_name_date: str | None = spec("the date of the UTC timestamp the file name opens with "
                                      "(`20220314T081500Z_...`, GDELT's seendate), or null; the publication date "
                                      "only when none is given, in the HTML metadata or in the dateline",
                                      default=None)


@dataclass(frozen=True)
class ParagraphEntry(Record):
    """A paragraph as the JSON gives it: its layout, its text and what the theme stages say of it."""

    id: int = spec("position of the paragraph, from 0", column="int")
    section_id: int = spec("its section", column=AUTO)
    start: int = spec("offset of its first character", column=AUTO)
    end: int = spec("offset after its last character", column=AUTO)
    text: str = spec("the paragraph, `text[start:end]`", column=AUTO)
    sentences: tuple[Sentence, ...] = spec("its sentences (`index`, `start`, `end`)", column="count")
    theme_id: int = spec("its theme (an id of `themes`)", column="str")
    theme_stability: float | None = spec("share of stability re-clusterings keeping it in its theme", column=AUTO)
    lexicon_scores: dict[str, float] = spec("per theme-lexicon code, matched words per 100 words")


# --- actors ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mention(Record):
    """One mention of an actor: ``text == article.text[start:end]``.

    ``paragraph_id`` and ``sentence_index`` are None for mentions in the title or a heading;
    ``adjectival`` marks demonyms ("Russian forces") counted as mentions of their state.
    """

    actor_id: str = spec("the actor mentioned (an id of `actors`)", column="str")
    text: str = spec("the words of the mention, `text[start:end]`", column=AUTO)
    start: int = spec("offset of the mention", column=AUTO)
    end: int = spec("offset after the mention", column=AUTO)
    paragraph_id: int | None = spec("its paragraph; null in the title or a heading", column=AUTO)
    sentence_index: int | None = spec("its sentence; null in the title or a heading", column=AUTO)
    adjectival: bool = spec('a demonym counted as a mention of its state ("Russian forces")', default=False)


@dataclass(frozen=True)
class Actor(Record):
    """A canonical actor: one real-world entity, with every name the article gives it.

    ``type`` is one of person, organization, state, bloc (alliance or bloc), location, group, media (news
    agency or outlet).
    ``affiliation`` names the state, bloc or organisation the actor belongs to (from its name,
    title or apposition); ``code`` is its CAMEO-style actor code (None when nothing is known).
    """

    id: str = spec("stable readable id, e.g. `person:vladimir-putin`")
    name: str = spec("the canonical name")
    type: str = spec("`person`, `organization`, `state`, `bloc`, `location` or `group`")
    aliases: tuple[str, ...] = spec("the other names the article gives it")
    mention_count: int = spec("how many mentions it has")
    roles: tuple[str, ...] = spec('titles and roles from the text ("Defense Minister")')
    affiliation: str | None = spec("the state, bloc or organisation it belongs to")
    code: str | None = spec("CAMEO-style actor code (`BLRGOVMIL`), null when nothing is known")
    paragraph_ids: tuple[int, ...] = spec("the paragraphs that mention it")
    affiliation_id: str | None = spec("the affiliation's actor id, when the article mentions it", default=None)


@dataclass
class ActorExtraction:
    """The actors of one article and their mentions (in reading order)."""

    actors: list[Actor]
    mentions: list[Mention]

    def actor(self, actor_id: str) -> Actor:
        """The actor with this id (KeyError if none)."""
        for actor in self.actors:
            if actor.id == actor_id:
                return actor
        raise KeyError(actor_id)

    def mentions_of(self, actor_id: str) -> list[Mention]:
        """The mentions of one actor, in reading order."""
        return [mention for mention in self.mentions if mention.actor_id == actor_id]

    def to_dict(self) -> dict:
        """The ``actors`` and ``mentions`` parts of the ``analyze`` JSON."""
        return {"actors": to_json(self.actors), "mentions": to_json(self.mentions)}


# --- themes ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Theme(Record):
    id: int = spec("the theme's number, in order of first appearance", column="str")
    label: str = spec("its three most distinctive terms, ` / `-joined", column=AUTO)
    terms: tuple[str, ...] = spec("its most distinctive terms (class-based TF-IDF)", column=AUTO)
    paragraph_ids: tuple[int, ...] = spec("its paragraphs", column=AUTO)
    representative_paragraph_ids: tuple[int, ...] = spec("the paragraphs closest to its centre (two at most)")
    stability: float | None = spec("mean Jaccard overlap with its best match in each re-clustering", column=AUTO)


@dataclass(frozen=True)
class ThemeChoice(Record):
    n_themes: int = spec("the number of themes")
    reason: str = spec("why this number, in words")
    silhouette: dict[str, float] = spec("cosine silhouette per number of themes tried")
    stability: dict[str, float] = spec("stability of the partition per number of themes tried")
    confidence: float | None = spec("mean of the themes' adjusted Rand index with the stability re-clusterings and "
                                    "their silhouette, at least 0: low when they are likely wrong; null with one theme")


@dataclass(frozen=True)
class LexiconCode(Record):
    code: str = spec("the code (`MIL_EXERCISE`)")
    name: str = spec("its readable name")
    lemmas: tuple[str, ...] = spec("the words and phrases it matches, as lemmas")


@dataclass(frozen=True)
class LexiconMatch(Record):
    code: str = spec("the code matched")
    paragraph_id: int = spec("the paragraph")
    start: int = spec("offset of the matched words")
    end: int = spec("offset after them")
    text: str = spec("the matched words, `text[start:end]`")


@dataclass(frozen=True)
class ThemeLexicon(Record):
    codes: tuple[LexiconCode, ...] = spec("the lexicon's codes")
    matches: tuple[LexiconMatch, ...] = spec("every match, in paragraph order")


# --- dates and events -----------------------------------------------------------------------


@dataclass(frozen=True)
class DateMention(Record):
    """A date expression: its text and offsets, ISO ``value``, ``precision`` and the ``rule`` used.

    ``range_start``/``range_end`` are the first and last day the expression covers (a month, the
    days around "around December 19"), so a timeline can draw its precision as a span.
    ``qualifier`` is a leading "since", "until", "by" ...; ``resolved`` is False when the text
    gives no year or no anchor (then ``value`` is None or starts with ``XXXX``).
    """

    text: str = spec("the expression, `text[start:end]`", column=AUTO)
    start: int = spec("offset of the expression", column=AUTO)
    end: int = spec("offset after it", column=AUTO)
    value: str | None = spec("ISO 8601 / TimeML value (`2022-12-22`, `2022-12`, `2023-Q1`, `XXXX-12-22`)",
                             column=AUTO)
    precision: str | None = spec("`day`, `month`, `year` or `approximate`", column=AUTO)
    rule: str = spec("how the value was found, in words")
    paragraph_id: int = spec("its paragraph", column=AUTO)
    sentence_index: int = spec("its sentence")
    range_start: str | None = spec("first day it covers (ISO date)", default=None)
    range_end: str | None = spec("last day it covers (ISO date)", default=None)
    qualifier: str | None = spec('a leading "since", "until", "by", "around" …', default=None)
    relative: bool = spec('counted from another date ("the next day", "two weeks ago")', default=False)
    resolved: bool = spec("false when the text gives no year or no anchor", default=True)
    source: str = spec("`pattern`, or `spacy` for a DATE entity the patterns do not normalise", default="pattern")


@dataclass(frozen=True)
class Timex(Record):
    """A TimeML time expression (TIMEX3): a date, a time, a duration or a set, with its normalised value.

    Spans follow TimeML: a leading signal word ("since", "by", "from") stays outside and is kept in
    ``qualifier``. Dates and times are also in ``dates`` (``date_index``); durations and sets are not
    on the timeline.
    """

    text: str = spec("the expression, `text[start:end]`")
    start: int = spec("offset of the expression")
    end: int = spec("offset after it")
    type: str = spec("`DATE`, `TIME`, `DURATION` or `SET`")
    value: str | None = spec("TimeML value (`2022-12-22`, `1989-Q3`, `2000-01-05TEV`, `P3D`, `PRESENT_REF`); null "
                             "when not normalised")
    mod: str | None = spec("TimeML `mod`: `START`, `MID`, `END`, `APPROX`, `EQUAL_OR_MORE`, `LESS_THAN` …")
    quant: str | None = spec("for a set: `EVERY` or `EACH`")
    anchor: str | None = spec("what a relative value is counted from: `publication`, `text` (an earlier "
                              "expression; `rule` names it) or null")
    qualifier: str | None = spec('the signal word before it ("since", "by", "until" …), outside the span')
    paragraph_id: int = spec("its paragraph")
    sentence_index: int = spec("its sentence")
    rule: str = spec("how the value was found, in words")
    date_index: int | None = spec("its position in `dates` (dates and times); null for durations, sets and "
                                  "reference words")


@dataclass(frozen=True)
class Event(Record):
    """A dated sentence: its date (value, precision, day range) and the actors it mentions."""

    sentence_index: int = spec("the sentence")
    paragraph_id: int = spec("its paragraph")
    start: int = spec("offset of the sentence")
    end: int = spec("offset after it")
    text: str = spec("the sentence, `text[start:end]`")
    date_text: str = spec("the date that dates it (its most precise), `text[date_start:date_end]`")
    date_start: int = spec("offset of that date")
    date_end: int = spec("offset after it")
    value: str = spec("the date's value")
    precision: str = spec("the date's precision")
    range_start: str = spec("first day the date covers")
    range_end: str = spec("last day the date covers")
    qualifier: str | None = spec("the date's qualifier")
    actor_ids: tuple = spec("the actors mentioned in the sentence")
    actors: tuple[str, ...] = spec("their names")


# --- claims ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cue(Record):
    """A hedging, sourcing or denial word or phrase in a sentence."""

    text: str = spec("the cue, `text[start:end]`")
    start: int = spec("offset of the cue")
    end: int = spec("offset after it")
    kind: str = spec("`hedge`, `sourcing` or `denial`")
    sentence_index: int = spec("its sentence", json=False)
    paragraph_id: int = spec("its paragraph", json=False)


@dataclass(frozen=True)
class ContentPart(Record):
    """One continuous piece of a claim's content (an interrupted quotation has several)."""

    text: str = spec("the piece, `text[start:end]`")
    start: int = spec("offset of the piece")
    end: int = spec("offset after it")


@dataclass(frozen=True)
class ClaimSpeaker(Record):
    """One of the speakers a claim's text coordinates ("Roe and Doe said …")."""

    text: str = spec("the speaker as written, `text[start:end]`")
    speaker_id: object = spec("the actor it resolves to; null when none does")
    speaker_name: str | None = spec("the actor's name, else the speaker text")
    start: int | None = spec("offset of the speaker")
    end: int | None = spec("offset after the speaker")


@dataclass(frozen=True)
class Claim(Record):
    """An attributed statement.

    ``start``/``end`` cover speaker, verb and content; ``speaker_start``/``speaker_end``,
    ``verb_start``/``verb_end`` and ``content_start``/``content_end`` locate each part.
    ``speaker_id`` is the actor the speaker resolves to (None when no mention resolves it, and
    for unnamed sources such as "officials", whose ``affiliation`` names the actor the text ties
    them to). ``speaker_rule`` says how the speaker was resolved; ``category`` is ``asserted``,
    ``reported`` (second-hand, unnamed or hedged) or ``denied``.
    """

    speaker: str | None = spec("the speaker as written, `text[speaker_start:speaker_end]`; null if none", column=AUTO)
    speaker_id: object = spec("the actor the speaker resolves to; null when none does", column="str")
    speaker_name: str | None = spec("the actor's name, else the speaker text")
    speaker_start: int | None = spec("offset of the speaker")
    speaker_end: int | None = spec("offset after the speaker")
    speaker_rule: str = spec("how the speaker was resolved, in words")
    unnamed: bool = spec('a generic source ("officials", "reports")')
    affiliation: str | None = spec('the actor an unnamed source is tied to ("Belarusian officials" → Belarus)')
    affiliation_id: object = spec("that actor's id")
    verb: str = spec("the speech or cognition verb (or the cue noun of a `noun` claim), `text[verb_start:verb_end]`",
                     column=AUTO)
    verb_lemma: str = spec("its lemma")
    verb_start: int = spec("offset of the verb")
    verb_end: int = spec("offset after the verb")
    content: str = spec("what was said, `text[content_start:content_end]`", column=AUTO)
    content_start: int = spec("offset of the content")
    content_end: int = spec("offset after the content")
    start: int = spec("offset where speaker, verb and content start", column=AUTO)
    end: int = spec("offset where they end", column=AUTO)
    paragraph_id: int = spec("its paragraph", column=AUTO)
    sentence_index: int = spec("its sentence")
    pattern: str = spec('the construction: a verb pattern, `"according to"`, `"label"` (a name and a colon or '
                        'dash), `"signature"` (a quotation signed "― Name"), `"noun"` (a claim noun with a possessor: '
                        '"his claim that …"), `"source phrase"` ("In the latest poll, …"), '
                        '`"headline"` ("Roe Vows To …" as a first-sentence title), `"adverb"` ("X has reportedly '
                        'left": nobody named) or `"quotation"`')
    quotation: bool = spec("the content is a direct quotation", default=False)
    hedged: bool = spec("a hedging cue in the claim", default=False, column=AUTO)
    negated: bool = spec('the cue verb is negated ("has not claimed", "would not comment", "did not rule out"): '
                         'the content is what the speaker did not say', default=False)
    category: str = spec("`asserted`, `reported` (second-hand, unnamed or hedged) or `denied`", default="asserted")
    cues: tuple[Cue, ...] = spec("the sentence's cues up to the claim's end (`text`, `start`, `end`, `kind`)",
                                 default=(), column="strlist")
    content_parts: tuple[ContentPart, ...] = spec(
        "the content's pieces without the words that interrupt it (“…,” he said. “…”: two pieces); "
        "`content_start`/`content_end` span them all", default=())
    sentence_indexes: tuple[int, ...] = spec("every sentence the claim spans (a quotation of several)", default=())
    kind: str = spec("`direct` (all quoted), `mixed` (partly quoted) or `indirect` (reported speech)",
                     default="indirect", column=AUTO)
    speakers: tuple[ClaimSpeaker, ...] = spec(
        "every speaker when the text coordinates several (“Roe and Doe said …”: one claim, not one per speaker), "
        "the first being `speaker`; empty for a single speaker", default=(), column="strlist")


@dataclass(frozen=True)
class SentenceCues(Record):
    sentence_index: int = spec("the sentence")
    paragraph_id: int = spec("its paragraph")
    start: int = spec("offset of the sentence")
    end: int = spec("offset after it")
    hedged: bool = spec("it holds a hedging cue")
    sourced: bool = spec("it holds a sourcing cue")
    denied: bool = spec("it holds a denial cue")
    cues: tuple[Cue, ...] = spec("its cues (`text`, `start`, `end`, `kind`)")


# --- the whole analysis ---------------------------------------------------------------------


@dataclass(frozen=True)
class AnalysisResult(Record):
    """Everything ``analyze`` says about one article; its JSON is :func:`to_json` of this record."""

    schema_version: int = spec("version of this schema (fields are only ever added)")
    package_version: str = spec("version of `analysis` that wrote it")
    title: str = spec("the title (whitespace collapsed)")
    title_span: TitleSpan = spec("where the title is")
    text: str = spec("the article text every offset points into (decoded, BOM removed, `\\n` line breaks)")
    source: SourceFields = spec("where the text came from")
    sections: tuple[Section, ...] = spec("the lead (`heading` null) and each headed section")
    paragraphs: tuple[ParagraphEntry, ...] = spec("paragraphs in reading order")
    actors: tuple[Actor, ...] = spec("canonical actors, most mentioned first")
    mentions: tuple[Mention, ...] = spec("every actor mention in reading order")
    themes: tuple[Theme, ...] = spec("the paragraph themes")
    theme_choice: ThemeChoice = spec("how the number of themes was chosen")
    theme_lexicon: ThemeLexicon = spec("the theme-lexicon codes and every match")
    dates: tuple[DateMention, ...] = spec("every date expression, normalised, in reading order")
    timexes: tuple[Timex, ...] = spec("every time expression (dates, times, durations, sets), TimeML-normalised")
    events: tuple[Event, ...] = spec("each dated sentence, with the actors in it")
    claims: tuple[Claim, ...] = spec("who said what, in reading order")
    sentence_cues: tuple[SentenceCues, ...] = spec("every sentence with a hedging, sourcing or denial cue")
    warnings: tuple[str, ...] = spec("what could not be computed or is unreliable for this article, in plain words")
    boilerplate: tuple[Boilerplate, ...] = spec("lines that are not body (promotions, calls, captions …), in reading "
                                                "order; kept in `text`, read by no stage")


# --- the one serialiser ---------------------------------------------------------------------

_SCALARS = (str, int, float, bool, type(None))
_SCALAR_TYPES = frozenset(_SCALARS)  # exactly these types (a subclass goes through to_json's isinstance)


def _json_fields(cls) -> tuple[str, ...]:
    names = _JSON_FIELDS.get(cls)
    if names is None:
        names = _JSON_FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls) if f.metadata.get("json", True))
    return names


_JSON_FIELDS: dict[type, tuple[str, ...]] = {}


def to_json(value):
    """A record (or a list, tuple or dict of them) as JSON-ready values: the one serialiser of the contract.

    Scalar items are taken as they are without a call (most of an article's ~1,300 values)."""
    if isinstance(value, _SCALARS):
        return value
    if isinstance(value, list | tuple):
        return [item if type(item) in _SCALAR_TYPES else to_json(item) for item in value]
    if isinstance(value, dict):
        return {key: item if type(item) in _SCALAR_TYPES else to_json(item) for key, item in value.items()}
    if dataclasses.is_dataclass(value):
        return {name: item if type(item := getattr(value, name)) in _SCALAR_TYPES else to_json(item)
                for name in _json_fields(type(value))}
    raise TypeError(f"{type(value).__name__} is not part of the analyze schema")


# --- corpus tables --------------------------------------------------------------------------

COLUMN_KINDS = ("str", "int", "float", "bool", "count", "strlist", "intlist")
# The corpus item tables: the JSON list each one holds, and the column its items' ``id`` goes to.
ITEM_TABLES = {"paragraphs": "paragraph_id", "mentions": None, "dates": None, "claims": None, "themes": "theme_id"}


def _item_record(table: str) -> type:
    return _element_type(typing.get_type_hints(AnalysisResult)[table])


def table_columns(table: str) -> dict[str, str]:
    """The documented columns of a corpus item table (after ``article_id``) and their kinds, in field order."""
    hints = typing.get_type_hints(_item_record(table))
    columns = {}
    for item in dataclasses.fields(_item_record(table)):
        kind = item.metadata.get("column")
        if kind is None:
            continue
        name = ITEM_TABLES[table] if item.name == "id" else item.name
        columns[name] = _column_kind(hints[item.name]) if kind == AUTO else kind
    return columns


def _column_kind(annotation) -> str:
    base = _without_none(annotation)
    if typing.get_origin(base) is tuple:
        return {str: "strlist", int: "intlist"}[typing.get_args(base)[0]]
    return {str: "str", int: "int", float: "float", bool: "bool"}[base]


def _without_none(annotation):
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        return options[0] if len(options) == 1 else annotation
    return annotation


def _element_type(annotation):
    return typing.get_args(annotation)[0] if typing.get_origin(annotation) in (tuple, list) else annotation


# --- documentation --------------------------------------------------------------------------


def _type_name(annotation) -> str:
    if annotation is object:
        return "any"
    nullable = _without_none(annotation) is not annotation
    base = _without_none(annotation)
    origin = typing.get_origin(base)
    if origin in (tuple, list):
        element = typing.get_args(base)[0] if typing.get_args(base) else object
        name = f"list of {_type_name(element)}"
    elif origin is dict:
        name = f"{{{_type_name(typing.get_args(base)[0])}: {_type_name(typing.get_args(base)[1])}}}"
    elif dataclasses.is_dataclass(base):
        name = f"`{base.__name__}`"
    else:
        name = getattr(base, "__name__", str(base))
    return f"{name} or null" if nullable else name


def documented_records() -> list[type]:
    """The records of the JSON, the whole result first, each after the record that holds it."""
    found, pending = [], [AnalysisResult]
    while pending:
        record = pending.pop(0)
        if record in found:
            continue
        found.append(record)
        for annotation in typing.get_type_hints(record).values():
            element = _element_type(_without_none(annotation))
            if dataclasses.is_dataclass(element) and element not in found:
                pending.append(element)
    return found


def markdown_tables() -> str:
    """One Markdown table per record of the JSON (field, type, meaning): the README's reference."""
    parts = []
    for record in documented_records():
        hints = typing.get_type_hints(record)
        rows = [f"| `{f.name}` | {_type_name(hints[f.name])} | {f.metadata.get('doc', '')} |"
                for f in dataclasses.fields(record) if f.metadata.get("json", True)]
        name = "the whole result" if record is AnalysisResult else f"`{record.__name__}`"
        parts.append(f"**{name}**\n\n| field | type | meaning |\n|---|---|---|\n" + "\n".join(rows))
    return "\n\n".join(parts) + "\n"


if __name__ == "__main__":
    print(markdown_tables(), end="")
