"""Build ``analysis/data/theme_label_background.tsv``: how common each term is in a background of news.

Usage::

    python benchmarks/build_label_background.py [--corpus ../shared/data/bbc] [--min-share 0.01]

Reads every ``.txt`` article of the corpus (default: the 2,225 BBC articles beside the project), takes
the terms the themes stage takes (:func:`analysis.theme_terms.texts_terms`: lemmas of content words
and multi-word compounds) and writes, for every term in at least ``--min-share`` of the articles, the
number of articles holding it. A theme label weighs a term by how rare it is in this background
(:func:`analysis.themes.label_background`), so "look", "line" and "account" give way to names.
Deterministic: the same corpus writes the same file.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from analysis.config import PROJECT_ROOT
from analysis.theme_terms import texts_terms
from analysis.themes import LABEL_BACKGROUND


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=PROJECT_ROOT.parent / "shared" / "data" / "bbc")
    parser.add_argument("--min-share", type=float, default=0.01)
    parser.add_argument("--out", type=Path, default=LABEL_BACKGROUND)
    args = parser.parse_args()
    paths = sorted(args.corpus.glob("*/*.txt"))
    texts = [path.read_text(encoding="utf-8", errors="replace") for path in paths]
    frequency = Counter(term for terms in texts_terms(texts) for term in set(terms))
    least = max(2, round(args.min_share * len(texts)))
    rows = sorted(((term, n) for term, n in frequency.items() if n >= least), key=lambda row: (-row[1], row[0]))
    with args.out.open("w", encoding="utf-8") as out:
        out.write("# How many articles of a background of news hold each term (lemmas and multi-word compounds,\n"
                  "# as the themes stage reads them): built by benchmarks/build_label_background.py from the\n"
                  f"# {len(texts)} BBC News articles (UCD, 2004-2005); terms in at least {least} of them.\n"
                  "# Columns (tab-separated):\n"
                  "#   term        a term (lower-case lemma or lemma phrase).\n"
                  "#   documents   articles holding it; the first row, term '*', is the number of articles.\n"
                  "term\tdocuments\n")
        out.write(f"*\t{len(texts)}\n")
        out.writelines(f"{term}\t{n}\n" for term, n in rows)
    print(f"{len(rows)} terms in at least {least} of {len(texts)} articles -> {args.out}")


if __name__ == "__main__":
    main()
