"""Reference tables for actors: states, demonyms, blocs, news media, user aliases and CAMEO sector codes.

The tables ship in ``analysis/data/`` as tab-separated files with a comment header that explains every
column, so an analyst can correct or extend them without touching code (or override any of them from
the folder named by ``$ANALYSIS_DATA_DIR``, see :mod:`analysis.resources`). States join the ISO 3166
country list from :mod:`pycountry` to ``states.tsv`` (short names and demonyms). Every table is read by
:func:`~analysis.resources.load_reference`: parsed once per file version, again after an edit, and a
malformed row raises :class:`~analysis.errors.ReferenceTableError` naming the file and the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .resources import load_reference, packaged_path, read_rows, table_error

STATES_FILE = packaged_path("states.tsv")
BLOCS_FILE = packaged_path("blocs.tsv")
MEDIA_FILE = packaged_path("media.tsv")
ALIASES_FILE = packaged_path("actor_aliases.tsv")
CAMEO_FILE = packaged_path("cameo_sectors.tsv")

ACTOR_TYPES = ("person", "organization", "state", "bloc", "location", "group", "media")
GOVERNMENT_SECTOR = "GOV"  # CAMEO's sector code of a government
MEDIA_SECTOR = "MED"  # CAMEO's sector code of the media
_MIN_CASELESS_CHARS = 5  # shorter names (US, UN, EU) only match with their exact capitals
_ALPHA3 = re.compile(r"[A-Z]{3}")  # not only ISO's: states.tsv may add a code (Kosovo's XKX)


@dataclass(frozen=True)
class Reference:
    """A known actor: a state or its capital (``code`` the state's ISO alpha-3), a bloc (its CAMEO code),
    a news agency or outlet (type media, coded ``<alpha3>MED``), or a name that stands for a state's
    government ("Kremlin": an organisation, its ``state`` set, coded ``<alpha3>GOV``)."""

    name: str
    type: str
    code: str
    state: Reference | None = None


@dataclass(frozen=True)
class ReferenceMatch:
    """What a surface form names; ``adjectival`` for a demonym ("Russian" → Russia)."""

    reference: Reference
    adjectival: bool


@dataclass(frozen=True)
class Alias:
    """A row of the user alias file: ``canonical`` name, and optional type and code overrides."""

    canonical: str
    type: str | None
    code: str | None


def read_table(path: str | Path) -> list[dict[str, str]]:
    """Rows of a tab-separated table whose ``#`` lines are comments and whose first row is the header."""
    return [row for _, row in read_rows(Path(path))]


@lru_cache(maxsize=65536)  # called for every candidate and alias lookup, on the same few names
def normalize_name(text: str) -> str:
    """A surface form reduced for lookups: straight apostrophes, single spaces, no leading "the"."""
    text = " ".join(text.replace("’", "'").split())
    return re.sub(r"^(the|The|THE) ", "", text)


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


class ReferenceIndex:
    """Look up states, demonyms and blocs by the name a text uses.

    Exact matches first (so "US" is the United States and "us" is not); names of five characters
    or more also match whatever their capitals ("the Russian federation").
    """

    def __init__(self, entries: list[tuple[str, ReferenceMatch]]):
        self.exact: dict[str, ReferenceMatch] = {}
        self.caseless: dict[str, ReferenceMatch] = {}
        for surface, match in entries:
            surface = normalize_name(surface)
            self.exact.setdefault(surface, match)
            if len(surface) >= _MIN_CASELESS_CHARS:
                self.caseless.setdefault(surface.casefold(), match)
        self.max_words = max(len(surface.split()) for surface in self.exact)

    def lookup(self, text: str) -> ReferenceMatch | None:
        """The reference a surface form names, or None."""
        surface = normalize_name(text)
        found = self.exact.get(surface)
        if found is None and surface[:1].isupper():
            found = self.caseless.get(surface.casefold())
        return found


def _state_entries(path: Path) -> list[tuple[str, ReferenceMatch]]:
    import pycountry

    rows = {}
    for line, row in read_rows(path, columns=("alpha3", "names")):
        if not _ALPHA3.fullmatch(row["alpha3"]):
            raise table_error(path, line, f"alpha3 {row['alpha3']!r} is not a three-letter code in capitals (e.g. RUS)")
        rows[row["alpha3"]] = row
    entries = []
    countries = {country.alpha_3: country for country in pycountry.countries}
    for alpha3 in sorted(set(countries) | set(rows)):
        row, country = rows.get(alpha3, {}), countries.get(alpha3)
        names = _split(row.get("names", ""))
        if country is not None:
            official = [getattr(country, attr, None) for attr in ("common_name", "name", "official_name")]
            names += [name for name in official if name and "," not in name]
        if not names:
            continue
        reference = Reference(names[0], "state", alpha3)
        entries += [(name, ReferenceMatch(reference, False)) for name in names]
        entries += [(demonym, ReferenceMatch(reference, True)) for demonym in _split(row.get("demonyms", ""))]
        entries += [(capital, ReferenceMatch(Reference(capital, "location", alpha3), False))
                    for capital in _split(row.get("capitals", ""))]
        government = [Reference(seat, "organization", alpha3 + GOVERNMENT_SECTOR, reference)
                      for seat in _split(row.get("government", ""))]
        entries += [(seat.name, ReferenceMatch(seat, False)) for seat in government]
    return entries


def _bloc_entries(path: Path) -> list[tuple[str, ReferenceMatch]]:
    entries = []
    for line, row in read_rows(path, columns=("name",)):
        if not row["name"]:
            raise table_error(path, line, "a bloc needs a name")
        reference = Reference(row["name"], "bloc", row.get("code") or "IGO")
        entries += [(name, ReferenceMatch(reference, False)) for name in [row["name"], *_split(row.get("aliases", ""))]]
    return entries


def _media_entries(path: Path) -> list[tuple[str, ReferenceMatch]]:
    entries = []
    for line, row in read_rows(path, columns=("name", "country")):
        if not row["name"] or not _ALPHA3.fullmatch(row["country"]):
            raise table_error(path, line, "a medium needs a name and a country as an alpha-3 code (e.g. GBR)")
        reference = Reference(row["name"], "media", row["country"] + MEDIA_SECTOR)
        entries += [(name, ReferenceMatch(reference, False)) for name in [row["name"], *_split(row.get("aliases", ""))]]
    return entries


def reference_index(states_path: str | Path = STATES_FILE, blocs_path: str | Path = BLOCS_FILE,
                    media_path: str | Path = MEDIA_FILE) -> ReferenceIndex:
    """The states, blocs and media tables as one lookup (read once per version of the three files)."""
    return load_reference((states_path, blocs_path, media_path), _read_index)


def _read_index(paths: tuple[Path, Path, Path]) -> ReferenceIndex:
    states_path, blocs_path, media_path = paths
    return ReferenceIndex(_bloc_entries(blocs_path) + _media_entries(media_path) + _state_entries(states_path))


def independence_days(path: str | Path = STATES_FILE) -> dict[str, tuple[int, int]]:
    """State code (alpha-3) → (month, day) of its Independence Day, from the ``independence`` column of
    ``states.tsv`` (``MM-DD``); states with an empty cell are left out."""
    return load_reference(path, _read_independence_days)


def _read_independence_days(path: Path) -> dict[str, tuple[int, int]]:
    days = {}
    for line, row in read_rows(path, columns=("alpha3",)):
        if cell := row.get("independence"):
            if not re.fullmatch(r"(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])", cell):
                raise table_error(path, line, f"independence {cell!r} is no month and day written MM-DD (e.g. 08-24)")
            days[row["alpha3"]] = (int(cell[:2]), int(cell[3:]))
    return days


def load_aliases(path: str | Path = ALIASES_FILE) -> dict[str, Alias]:
    """The user alias file as ``{alias casefolded: Alias}``; each canonical name is its own alias too.

    Raises :class:`~analysis.errors.ReferenceTableError` naming the file and the line when a row has
    no alias or canonical name, or a type that is not one of :data:`ACTOR_TYPES`.
    """
    return load_reference(path, _read_aliases)


def _read_aliases(path: Path) -> dict[str, Alias]:
    rows = read_rows(path, columns=("alias", "canonical"))
    types = {row["canonical"]: row["type"] for _, row in rows if row.get("type")}  # rows of one actor share it
    aliases = {}
    for line, row in rows:
        if not row["alias"] or not row["canonical"]:
            raise table_error(path, line, "a row needs an alias and a canonical name")
        kind = row.get("type") or types.get(row["canonical"])
        if kind is not None and kind not in ACTOR_TYPES:
            raise table_error(path, line, f"alias {row['alias']!r} has unknown type {kind!r} "
                                          f"(use one of {', '.join(ACTOR_TYPES)})")
        alias = Alias(row["canonical"], kind, row.get("code") or None)
        aliases[normalize_name(row["alias"]).casefold()] = alias
        aliases.setdefault(normalize_name(row["canonical"]).casefold(), alias)
    return aliases


def cameo_sectors(path: str | Path = CAMEO_FILE) -> list[tuple[re.Pattern, str]]:
    """The CAMEO sector table as ``(compiled pattern, sector code)`` rows, in file order."""
    return load_reference(path, _read_cameo)


def _read_cameo(path: Path) -> list[tuple[re.Pattern, str]]:
    sectors = []
    for line, row in read_rows(path, columns=("pattern", "sector")):
        if not row["pattern"] or not row["sector"]:
            raise table_error(path, line, "a row needs a pattern and a sector code")
        try:
            sectors.append((re.compile(row["pattern"]), row["sector"]))
        except re.error as error:
            raise table_error(path, line, f"the pattern is not a regular expression ({error})") from None
    return sectors


def cameo_sector(text: str, *, path: str | Path = CAMEO_FILE,
                 sectors: list[tuple[re.Pattern, str]] | None = None) -> str | None:
    """The sector code of the first table row whose pattern occurs in ``text`` (lower-cased); ``sectors``:
    the rows of :func:`cameo_sectors` when the caller already has them (read once for many texts)."""
    lowered = text.lower()
    for pattern, sector in sectors if sectors is not None else cameo_sectors(path):
        if pattern.search(lowered):
            return sector
    return None
