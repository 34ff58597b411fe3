"""Time expressions on TempEval-3 (TimeBank + AQUAINT): span and value scores per TIMEX3 type.

Usage (from the project root)::

    python benchmarks/bench_dates.py                    # all 256 documents, a few minutes
    python benchmarks/bench_dates.py --limit 40         # the first 40 documents while developing
    python benchmarks/bench_dates.py --field dates      # score the `dates` field (all taken as DATE)
    python benchmarks/bench_dates.py --errors DATE      # also list the DATE value errors
    python benchmarks/bench_dates.py --cache /tmp/tbaq.pkl  # parse once, reuse the parses next run
    python benchmarks/bench_dates.py --cache /tmp/tbaq.pkl --half odd  # the documents at odd indexes only
    python benchmarks/bench_dates.py --real-news --errors DATE  # hand-annotated scraped news, see below
    python benchmarks/bench_dates.py --real-news benchmarks/real_news_dates_heldout_gold.json  # the held-out set
    python benchmarks/bench_dates.py --undated ../shared/data/gdelt_news/articles --limit 60  # see below

Each document's plain ``text`` is parsed with :func:`~analysis.load_article` and analysed with its
creation time (DCT) as the publication date. Scoring follows TempEval-3: each system expression is
matched to at most one gold TIMEX3 by overlap (the one sharing most characters); relaxed span = any
overlap, strict span = the same offsets, value = a relaxed match whose TimeML value is exactly the
gold one. Per type, only gold and system expressions of that type are matched; "all" matches every
expression whatever its type (value F1 there is TempEval-3's value F1). Recall per value form
groups the gold DATE expressions by the form of their value (day, month, ... reference word) and,
across forms, those written without a year or month name ("relative": "Friday", "last year").
DATE value P/R/F1 is also printed per subset (TimeBank, AQUAINT), and the DATE value errors are
counted by form and kind (span missed, value wrong, spurious: a system DATE matching no gold DATE) and,
per subset, by cause (a gold value form the stage never writes, a reference word, a spurious DATE on a
gold expression of another type, other).

``--real-news [GOLD ...]`` scores instead scraped GDELT articles annotated by hand in TimeML (offsets, types and
values only): by default the ten of ``benchmarks/real_news_dates_gold.json``, which the rules were written on;
``benchmarks/real_news_dates_heldout_gold.json`` holds 14 more, annotated before the stage's output on them was
read (the held-out figure). Each file is read as a user's file is, with the corpus record's date given as the
publication date; the same matching and scores, and DATE value P/R/F1 per gold file.

``--undated DIR`` instead reads every fifth article file of DIR (``--limit`` of them) with no
publication date given and counts the relative dates resolved: on GDELT-found files it is the file
name's timestamp that dates them (see the README's "the publication date").
"""

from __future__ import annotations

import argparse
import json
import pickle
import re
import sys
import time
from collections import Counter
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_ROOT))

DEFAULT_DATA = Path("/work/shared/data/tempeval3/tbaq.jsonl")
REAL_NEWS_GOLD = Path(__file__).resolve().parent / "real_news_dates_gold.json"
TYPES = ("DATE", "TIME", "DURATION", "SET")
FORMS = [("day", re.compile(r"^\d{4}-\d\d-\d\d$")), ("month", re.compile(r"^\d{4}-\d\d$")),
         ("year", re.compile(r"^\d{4}$")), ("quarter", re.compile(r"-Q\d$|-H\d$")),
         ("season", re.compile(r"-(SP|SU|FA|WI)$")), ("week", re.compile(r"-W\d\d$")),
         ("reference word", re.compile(r"_REF$"))]
WRITTEN_ANCHOR = re.compile(r"\d|January|February|March|April|June|July|August|September|October|November"
                            r"|December|Jan\b|Feb\b|Aug\b|Sept?\b|Oct\b|Nov\b|Dec\b")


def system_expressions(analysis, field: str) -> list[dict]:
    """(start, end, type, value) of every expression the analysis gives in ``field`` (``timexes``: and the
    dateline's date)."""
    if field == "dates":
        return [{"start": d.start, "end": d.end, "type": "DATE", "value": d.value} for d in analysis.dates]
    found = [{"start": t.start, "end": t.end, "type": t.type, "value": t.value} for t in analysis.timexes]
    dateline = analysis.dateline
    if dateline is not None and dateline.date_text:  # the dateline's date is in `source.dateline`
        found.append({"start": dateline.date_start, "end": dateline.date_end, "type": "DATE",
                      "value": dateline.date_value})
    return found


def match(system: list[dict], gold: list[dict]) -> list[tuple[dict, dict]]:
    """Pairs (system, gold): each system expression to the unmatched gold one it overlaps most."""
    pairs, taken = [], set()
    for item in system:
        best, best_overlap = None, 0
        for index, timex in enumerate(gold):
            overlap = min(item["end"], timex["end"]) - max(item["start"], timex["start"])
            if index not in taken and overlap > best_overlap:
                best, best_overlap = index, overlap
        if best is not None:
            taken.add(best)
            pairs.append((item, gold[best]))
    return pairs


def prf(correct: int, system: int, gold: int) -> tuple[float, float, float]:
    precision = correct / system if system else 0.0
    recall = correct / gold if gold else 0.0
    return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)


# Gold values in forms the stage never writes (an unknown week or quarter, an unpadded week, a part of the
# day on a DATE, unknown digits after a known year or decade): annotation conventions rather than rules.
GOLD_CONVENTION = re.compile(r"W(?:XX|\d)(?:-|$)|QX$|T(?:MO|AF|EV|NI)$|\d-XX|^\d{2,3}X+$")
CAUSES = ("gold value form", "reference word", "spurious: other-type gold", "other")


def error_cause(timex: dict | None, value: str | None, other_type: bool) -> str:
    """Why a DATE value error is one: a gold value form the stage never writes ("1989-WXX", "2000-W7",
    "2000-01-05TNI"), a reference word on either side (annotated unevenly), a spurious DATE on a gold
    expression of another type ("last week" as a DURATION), or other."""
    if timex is not None and GOLD_CONVENTION.search(timex["value"]):
        return CAUSES[0]
    if (timex is not None and timex["value"].endswith("_REF")) or (value or "").endswith("_REF"):
        return CAUSES[1]
    return CAUSES[2] if other_type else CAUSES[3]


def value_form(value: str) -> str:
    return next((name for name, pattern in FORMS if pattern.search(value or "")), "other")


def error_form(timex: dict, value: str | None) -> str:
    """The form of a DATE value error: of the gold value (or of the system's, for a spurious one);
    "relative" when the gold expression is written without a year or month name."""
    form = value_form(timex["value"] if timex is not None else value)
    if timex is not None and not WRITTEN_ANCHOR.search(timex["text"]) and form != "reference word":
        return f"{form}, relative"
    return form


def parsed_articles(documents: list[dict], cache: Path | None, load_article) -> list:
    """The parsed documents, from ``cache`` when it holds them all (parsing is most of the run time)."""
    if cache is not None and cache.exists():
        articles = pickle.loads(cache.read_bytes())
        if [a.text for a in articles[:len(documents)]] == [d["text"] for d in documents]:
            return articles[:len(documents)]
    articles = [load_article(document["text"]) for document in documents]
    if cache is not None:
        cache.write_bytes(pickle.dumps(articles))
    return articles


def undated_files(folder: Path, limit: int) -> None:
    """Print how many articles get a publication date and how many relative dates are resolved."""
    from analysis import ArticleAnalysis, ArticleError

    files = sorted(p for p in folder.glob("*.txt") if "README" not in p.name.upper())[::5]
    articles = dated = relative = resolved = 0
    for path in files[:limit] if limit else files:
        try:
            analysis = ArticleAnalysis.load(path)
            dates = analysis.dates
        except ArticleError:  # a file with no body text
            continue
        articles += 1
        dated += analysis.publication_date is not None
        relative += sum(d.relative for d in dates)
        resolved += sum(d.relative and d.resolved for d in dates)
    print(f"{articles} articles of {folder} (every fifth file), no publication date given: {dated} dated "
          f"(given, metadata, dateline or file name); relative dates {relative}, resolved {resolved}")


def real_news(gold_paths: list[Path], limit: int) -> tuple[list[dict], list]:
    """The hand-annotated scraped articles of each gold file as TempEval-3-like documents (the file's name, without
    ``.json``, as their subset), and each one's analysis.

    Each file is read as a user's file is (``ArticleAnalysis.load``), with the gold's ``published`` (the corpus
    record's date) as the publication date, as ``analyze --published`` gives it. The gold stores only offsets,
    so each gold expression's ``text`` is read back from the article.
    """
    from analysis.pipeline import ArticleAnalysis

    documents, analyses = [], []
    for gold_path in gold_paths:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        folder = DEFAULT_DATA.parents[1] / gold["data"]
        for entry in gold["articles"][:limit] if limit else gold["articles"]:
            analysis = ArticleAnalysis.load(folder / entry["file"], published=entry["published"])
            text = analysis.article.text
            timexes = [dict(timex, text=text[timex["start"]:timex["end"]]) for timex in entry["timexes"]]
            documents.append({"id": entry["file"].removesuffix(".txt"), "subset": gold_path.stem,
                              "dct": entry["published"], "text": text, "timexes": timexes})
            analyses.append(analysis)
    return documents, analyses


def main() -> None:
    from analysis import load_article
    from analysis.pipeline import ArticleAnalysis

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="tbaq.jsonl")
    parser.add_argument("--limit", type=int, default=0, help="documents to use (0: all)")
    parser.add_argument("--field", choices=("timexes", "dates"), default="timexes", help="the JSON field scored")
    parser.add_argument("--errors", choices=TYPES,
                        help="list the value errors, misses and spurious expressions of this type")
    parser.add_argument("--half", choices=("even", "odd"), help="only the documents at even or odd indexes "
                        "(0, 2, ... or 1, 3, ...): write a rule from one half's errors, confirm it on the other")
    parser.add_argument("--cache", type=Path, help="pickle of the parsed articles: written once, then reused")
    parser.add_argument("--undated", type=Path, help="a folder of article files: count the relative dates resolved "
                        "without a publication date given (no TempEval-3 scores)")
    parser.add_argument("--real-news", type=Path, nargs="*", metavar="GOLD",
                        help="score the hand-annotated GDELT articles of each GOLD (default "
                        "benchmarks/real_news_dates_gold.json; the held-out set is "
                        "benchmarks/real_news_dates_heldout_gold.json) instead of TempEval-3")
    args = parser.parse_args()
    if args.undated is not None:
        undated_files(args.undated, args.limit)
        return

    started = time.perf_counter()
    if args.real_news is not None:
        gold_paths = args.real_news or [REAL_NEWS_GOLD]
        documents, analyses = real_news(gold_paths, args.limit)
        source = " + ".join(path.name for path in gold_paths)
    else:
        documents = [json.loads(line) for line in args.data.open(encoding="utf-8")]
        documents = documents[:args.limit] if args.limit else documents
        source = args.data.name
    counts: Counter = Counter()
    forms_gold: Counter = Counter()
    forms_found: Counter = Counter()
    error_groups: Counter = Counter()
    causes: Counter = Counter()
    errors = []
    stage_seconds = 0.0
    if args.real_news is None:
        articles = parsed_articles(documents, args.cache, load_article)
        if args.half:  # after parsing, so that the cache of all the documents is reused
            kept = range(args.half == "odd", len(documents), 2)
            documents, articles = [documents[i] for i in kept], [articles[i] for i in kept]
        analyses = (ArticleAnalysis(article, published=document["dct"])
                    for document, article in zip(documents, articles))
    for document, analysis in zip(documents, analyses):
        assert analysis.article.text == document["text"], document["id"]
        stage_started = time.perf_counter()
        system = system_expressions(analysis, args.field)
        stage_seconds += time.perf_counter() - stage_started
        gold = document["timexes"]
        for kind in ("all",) + TYPES:
            kind_system = system if kind == "all" else [s for s in system if s["type"] == kind]
            kind_gold = gold if kind == "all" else [g for g in gold if g["type"] == kind]
            pairs = match(kind_system, kind_gold)
            counts[kind, "system"] += len(kind_system)
            counts[kind, "gold"] += len(kind_gold)
            counts[kind, "relaxed"] += len(pairs)
            counts[kind, "strict"] += sum(s["start"] == g["start"] and s["end"] == g["end"] for s, g in pairs)
            counts[kind, "value"] += sum(s["value"] == g["value"] for s, g in pairs)
            if kind == "DATE":
                subset = document.get("subset", "all")
                counts[subset, "system"] += len(kind_system)
                counts[subset, "gold"] += len(kind_gold)
                counts[subset, "value"] += sum(s["value"] == g["value"] for s, g in pairs)
                found_gold = {id(g): s for s, g in pairs}
                for timex in kind_gold:
                    item = found_gold.get(id(timex))
                    if item is None or item["value"] != timex["value"]:
                        error_groups[error_form(timex, None), "value wrong" if item else "span missed"] += 1
                        causes[subset, error_cause(timex, item and item["value"], False)] += 1
                matched_system = {id(s) for s, _ in pairs}
                for item in kind_system:
                    if id(item) not in matched_system:
                        error_groups[error_form(None, item["value"]), "spurious"] += 1
                        other_type = any(g["type"] != "DATE" and min(item["end"], g["end"])
                                         > max(item["start"], g["start"]) for g in gold)
                        causes[subset, error_cause(None, item["value"], other_type)] += 1
                right = {id(g) for s, g in pairs if s["value"] == g["value"]}
                for timex in kind_gold:
                    forms = [value_form(timex["value"])]
                    if not WRITTEN_ANCHOR.search(timex["text"]):
                        forms.append("relative")
                    for form in forms:
                        forms_gold[form] += 1
                        forms_found[form] += id(timex) in right
            if kind == args.errors:
                found = {id(g): s for s, g in pairs}
                text = document["text"]
                for timex in kind_gold:
                    item = found.get(id(timex))
                    if item is None or item["value"] != timex["value"]:
                        shown = f"{text[item['start']:item['end']]!r} {item['value']}" if item else "-"
                        errors.append(f"{document['id']} dct={document['dct']} gold {timex['text']!r} "
                                      f"{timex['value']} | system {shown}")
                matched = {id(s) for s, _ in pairs}
                errors += [f"{document['id']} dct={document['dct']} gold - | system "
                           f"{text[item['start']:item['end']]!r} {item['value']}"
                           for item in kind_system if id(item) not in matched]
    seconds = time.perf_counter() - started
    print(f"{len(documents)} documents of {source}, field `{args.field}`; "
          f"{seconds:.0f} s in all, dates stage {stage_seconds:.1f} s")
    print(f"{'type':9} {'gold':>5} {'sys':>5} | {'strict P/R/F1':^17} | {'relaxed P/R/F1':^17} | {'value P/R/F1':^17}")
    for kind in ("all",) + TYPES:
        row = [counts[kind, "gold"], counts[kind, "system"]]
        scores = [prf(counts[kind, name], counts[kind, "system"], counts[kind, "gold"])
                  for name in ("strict", "relaxed", "value")]
        print(f"{kind:9} {row[0]:5d} {row[1]:5d} | " + " | ".join(" ".join(f"{x:.3f}" for x in s) for s in scores))
    print("DATE value recall per form:")
    for form in [name for name, _ in FORMS] + ["other", "relative"]:
        if forms_gold[form]:
            print(f"  {form:15} {forms_found[form]:4d} / {forms_gold[form]:4d} = "
                  f"{forms_found[form] / forms_gold[form]:.3f}")
    print("DATE value P/R/F1 per subset:")
    subsets = sorted({d.get("subset", "all") for d in documents})
    for subset in subsets:
        scores = prf(counts[subset, "value"], counts[subset, "system"], counts[subset, "gold"])
        print(f"  {subset:15} gold {counts[subset, 'gold']:4d} sys {counts[subset, 'system']:4d} | "
              + " ".join(f"{x:.3f}" for x in scores))
    kinds = ("span missed", "value wrong", "spurious")
    print("DATE value errors by form and kind:" + " " * 17 + " ".join(f"{k:>11}" for k in kinds))
    for form in sorted({f for f, _ in error_groups}, key=lambda f: (-sum(error_groups[f, k] for k in kinds), f)):
        print(f"  {form:50} " + " ".join(f"{error_groups[form, k]:11d}" for k in kinds))
    print("DATE value errors by cause, per subset: " + "; ".join(
        f"{cause} " + " / ".join(str(causes[subset, cause]) for subset in subsets) for cause in CAUSES)
        + f" ({' / '.join(subsets)})")
    for line in errors:
        print(line)


if __name__ == "__main__":
    main()
