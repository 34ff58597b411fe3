"""Boilerplate: the lines of a scraped page that are not the article's body.

Scrapers keep promotional headlines of other stories, "CLICK HERE TO GET THE … APP", "Advertisement",
newsletter boxes, photo captions and credits, bylines. Each line of the text is tested against the
rules of ``analysis/data/boilerplate_patterns.tsv`` (kind, regular expression, where it applies,
comment), in file order; the first rule found in a line gives its kind. A line that is only a dateline
("CNN —", :func:`analysis.dateline.is_dateline_line`, the one dateline pattern) is of kind ``dateline``.
The rules read the line's shape and known calls to action, never an article's facts, and a reader can
edit them (or override the table with ``$ANALYSIS_DATA_DIR``).

A boilerplate line is kept in the text with its offsets (:class:`~analysis.schema.Boilerplate`)
but is no paragraph, so actors, themes, dates and claims do not read it.

>>> boilerplate_kind("CLICK HERE TO GET THE NEWS APP", first_line=False)
'call'
>>> boilerplate_kind("The minister said the talks had failed.", first_line=False) is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .dateline import is_dateline_line
from .resources import load_reference, packaged_path, read_rows, table_error

PATTERNS_FILE = packaged_path("boilerplate_patterns.tsv")
KINDS = ("promo", "call", "advertisement", "navigation", "share", "caption", "credit", "byline", "dateline",
         "separator")
_WHERE = ("any", "body")
MAX_LINE_CHARS = 400  # a longer line is body text, whatever it contains


@dataclass(frozen=True)
class BoilerplateRule:
    """A row of the table: lines where ``pattern`` is found are of ``kind``; ``body_only`` spares the first line."""

    kind: str
    pattern: re.Pattern
    body_only: bool


def boilerplate_rules(path: str | Path = PATTERNS_FILE) -> list[BoilerplateRule]:
    """The rules of the boilerplate table, in file order (read once per file version)."""
    return load_reference(Path(path), _read_rules)


def _read_rules(path: Path) -> list[BoilerplateRule]:
    rules = []
    for line, row in read_rows(path, columns=("kind", "pattern", "where")):
        if row["kind"] not in KINDS:
            raise table_error(path, line, f"unknown kind {row['kind']!r} (use one of {', '.join(KINDS)})")
        if row["where"] not in _WHERE:
            raise table_error(path, line, f"where must be one of {', '.join(_WHERE)}, not {row['where']!r}")
        try:
            pattern = re.compile(row["pattern"])
        except re.error as error:
            raise table_error(path, line, f"the pattern is not a regular expression ({error})") from None
        rules.append(BoilerplateRule(row["kind"], pattern, row["where"] == "body"))
    return rules


def boilerplate_kind(line: str, *, first_line: bool, rules: list[BoilerplateRule] | None = None) -> str | None:
    """The kind of boilerplate a line is (the first matching rule's), or None for body text."""
    line = line.strip()
    if not line or len(line) > MAX_LINE_CHARS:
        return None
    for rule in boilerplate_rules() if rules is None else rules:
        if not (rule.body_only and first_line) and rule.pattern.search(line):
            return rule.kind
    return "dateline" if is_dateline_line(line) else None
