"""Reference tables for actors: states, demonyms, blocs, user aliases and CAMEO sector codes.

The tables live in ``data/`` as tab-separated files with a comment header that explains every
column, so an analyst can correct or extend them without touching code. States join the ISO 3166
country list from :mod:`pycountry` to ``data/states.tsv`` (short names and demonyms).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .config import DATA_DIR

STATES_FILE = DATA_DIR / "states.tsv"
BLOCS_FILE = DATA_DIR / "blocs.tsv"
ALIASES_FILE = DATA_DIR / "actor_aliases.tsv"
CAMEO_FILE = DATA_DIR / "cameo_sectors.tsv"

ACTOR_TYPES = ("person", "organization", "state", "bloc", "location", "group")
GOVERNMENT_SECTOR = "GOV"  # CAMEO's sector code of a government
_MIN_CASELESS_CHARS = 5  # shorter names (US, UN, EU) only match with their exact capitals


@dataclass(frozen=True)
class Reference:
    """A known actor: a state or its capital (``code`` the state's ISO alpha-3), a bloc (its CAMEO code),
    or a name that stands for a state's government ("Kremlin": an organisation, its ``state`` set,
    coded ``<alpha3>GOV``)."""

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


def read_table(path: Path) -> list[dict[str, str]]:
    """Rows of a tab-separated table whose ``#`` lines are comments and whose first row is the header."""
    with open(path, encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return [
        {key: (value or "").strip() for key, value in row.items()}
        for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    ]


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

    rows = {row["alpha3"]: row for row in read_table(path)}
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
    for row in read_table(path):
        reference = Reference(row["name"], "bloc", row.get("code") or "IGO")
        entries += [(name, ReferenceMatch(reference, False)) for name in [row["name"], *_split(row.get("aliases", ""))]]
    return entries


@lru_cache(maxsize=4)
def reference_index(states_path: Path = STATES_FILE, blocs_path: Path = BLOCS_FILE) -> ReferenceIndex:
    """The states and blocs tables as one lookup (cached; read once per process)."""
    return ReferenceIndex(_bloc_entries(blocs_path) + _state_entries(states_path))


@lru_cache(maxsize=8)
def load_aliases(path: Path = ALIASES_FILE) -> dict[str, Alias]:
    """The user alias file as ``{alias casefolded: Alias}``; each canonical name is its own alias too.

    Raises ValueError naming the row when a type is not one of :data:`ACTOR_TYPES`.
    """
    rows = read_table(Path(path))
    types = {row["canonical"]: row["type"] for row in rows if row.get("type")}  # rows of one actor share it
    aliases = {}
    for row in rows:
        kind = row.get("type") or types.get(row["canonical"])
        if kind is not None and kind not in ACTOR_TYPES:
            raise ValueError(f"{path}: alias {row['alias']!r} has unknown type {kind!r} (use one of {ACTOR_TYPES})")
        alias = Alias(row["canonical"], kind, row.get("code") or None)
        aliases[normalize_name(row["alias"]).casefold()] = alias
        aliases.setdefault(normalize_name(row["canonical"]).casefold(), alias)
    return aliases


@lru_cache(maxsize=4)
def cameo_sectors(path: Path = CAMEO_FILE) -> list[tuple[re.Pattern, str]]:
    """The CAMEO sector table as ``(compiled pattern, sector code)`` rows, in file order."""
    return [(re.compile(row["pattern"]), row["sector"]) for row in read_table(path)]


def cameo_sector(text: str, *, path: Path = CAMEO_FILE) -> str | None:
    """The sector code of the first table row whose pattern occurs in ``text`` (lower-cased)."""
    lowered = text.lower()
    for pattern, sector in cameo_sectors(path):
        if pattern.search(lowered):
            return sector
    return None
