"""Real news as users get it: boilerplate and actors on scraped article bodies, against a hand-made gold set.

Usage (from the project root)::

    python benchmarks/bench_real_news.py              # the 319 articles and the gold set, about two minutes
    python benchmarks/bench_real_news.py --limit 50   # the first 50 articles (the gold set always runs)
    python benchmarks/bench_real_news.py --gold FILE  # another gold file (an earlier version of the gold)
    python benchmarks/bench_real_news.py --claims-only --show  # the claims figures only, with each miss

Reads ``../shared/data/gdelt_news/articles/`` (scraped bodies on the Russia-Ukraine war from US, UK,
Ukrainian, Polish and Belarusian outlets, noise included; read its README) through the project's
batched path (layout, one parse, actors) and prints what a reader would check:

- over the corpus: boilerplate lines by kind, texts with no body at all, the wire datelines opening a
  body (with an agency, with a date), actors per article and the share of actors mentioned once;
- against ``benchmarks/real_news_gold.json`` (20 of those articles annotated by hand: boilerplate
  lines by their offsets, the people and organisations of the body by the forms that name them):
  boilerplate recall and precision (a line counts when its exact span is found), actors that exist
  only because of boilerplate (every mention inside a gold boilerplate line), people found as one
  person actor (recall), people split over several actors, person actors that are no gold person,
  organisations (types organization, media or bloc) found as one actor and split, and the theme terms
  found only in boilerplate (terms of the article's themes that the text has in gold boilerplate lines
  and nowhere else; a term is found where a word starts with it, case ignored);
- against the gold's ``claims`` (attributions of a few articles annotated by hand: words of the content and
  the speaker's canonical name): attributions found, speaker right, second claims of one attribution and
  unresolved pronouns, for all of them and apart for the held-out articles (annotated before the stage ran on
  them; also the claims holding no gold attribution).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
from collections import Counter
from pathlib import Path

from bench_actors import PROJECT_ROOT, analysed_articles

sys.path.insert(0, str(PROJECT_ROOT))

from analysis.nlp import load_model, model_description  # noqa: E402
from analysis.pipeline import ArticleAnalysis  # noqa: E402
from analysis.references import normalize_name  # noqa: E402
from analysis.themes import theme_records  # noqa: E402

DATA_CANDIDATES = [folder / "shared" / "data" / "gdelt_news" for folder in PROJECT_ROOT.parents[:2]]
DEFAULT_DATA = next((path for path in DATA_CANDIDATES if path.is_dir()), DATA_CANDIDATES[0])
GOLD = Path(__file__).resolve().parent / "real_news_gold.json"
ORGANISATION_TYPES = ("organization", "media", "bloc")


def corpus_figures(nlp, files: list[Path]) -> None:
    """Print the corpus-wide figures of the module docstring."""
    kinds, kind_articles, actors_per_article, mention_counts, no_body = Counter(), Counter(), [], [], 0
    datelines = Counter()
    texts = [path.read_text(encoding="utf-8") for path in files]
    for article, extraction in analysed_articles(nlp, texts):
        if article is None:
            no_body += 1
            continue
        lines = getattr(article, "boilerplate", [])
        if article.dateline is not None:
            datelines.update(["found", *(["agency"] if article.dateline.agency else []),
                              *(["date"] if article.dateline.date_text else [])])
        kinds.update(line.kind for line in lines)
        kind_articles.update({line.kind for line in lines})
        actors_per_article.append(len(extraction.actors))
        mention_counts.extend(actor.mention_count for actor in extraction.actors)
    print(f"corpus: {len(files)} articles; {no_body} with no body text (every line boilerplate)")
    print(f"boilerplate lines: {sum(kinds.values())} — " + ", ".join(
        f"{kind} {count} (in {kind_articles[kind]} articles)" for kind, count in kinds.most_common()))
    print(f"wire datelines opening the body: {datelines['found']} ({datelines['agency']} with an agency, "
          f"{datelines['date']} with a date)")
    print(f"actors per article: mean {statistics.mean(actors_per_article):.1f}, median "
          f"{statistics.median(actors_per_article):.0f}; actors with one mention: "
          f"{sum(1 for n in mention_counts if n == 1) / max(len(mention_counts), 1):.1%} of {len(mention_counts)}")


def _forms(actor) -> set[str]:
    return {normalize_name(form).casefold() for form in (actor.name, *actor.aliases)}


def _matching(entity: dict, actors) -> list:
    forms = {normalize_name(form).casefold() for form in entity["forms"]}
    return [actor for actor in actors if _forms(actor) & forms]


def boilerplate_only_terms(article, gold_lines: set[tuple[int, int]]) -> tuple[int, int]:
    """Theme terms of the article found only in its gold boilerplate lines, and all its theme terms."""
    themes, _ = theme_records(article, ArticleAnalysis(article).themes)
    terms = {term for theme in themes for term in theme.terms}
    text, cuts = article.text.casefold(), sorted(gold_lines)
    gaps = zip([0] + [end for _, end in cuts], [start for start, _ in cuts] + [len(text)])
    body = " ".join(text[a:b] for a, b in gaps)
    lines = " ".join(text[a:b] for a, b in cuts)

    def found(term: str, where: str) -> bool:
        return re.search(r"\b" + re.escape(term.casefold()), where) is not None

    return sum(1 for term in terms if found(term, lines) and not found(term, body)), len(terms)


def gold_figures(nlp, data: Path, gold: dict, name: str = GOLD.name) -> None:
    """Print the gold-set figures of the module docstring."""
    entries = gold["articles"]
    texts = [(data / entry["file"]).read_text(encoding="utf-8") for entry in entries]
    counts = Counter()
    only_boilerplate, false_persons = [], []
    for entry, (article, extraction) in zip(entries, analysed_articles(nlp, texts)):
        gold_lines = {(line["start"], line["end"]) for line in entry["boilerplate"]}
        found_lines = {(line.start, line.end) for line in getattr(article, "boilerplate", [])}
        counts["gold lines"] += len(gold_lines)
        counts["found lines"] += len(found_lines)
        counts["lines right"] += len(gold_lines & found_lines)
        only, terms = boilerplate_only_terms(article, gold_lines)
        counts["boilerplate terms"] += only
        counts["terms"] += terms
        mentions_of = {}
        for mention in extraction.mentions:
            mentions_of.setdefault(mention.actor_id, []).append(mention)
        for actor in extraction.actors:
            counts["actors"] += 1
            if all(any(a <= m.start < b for a, b in gold_lines) for m in mentions_of[actor.id]):
                only_boilerplate.append(f"{actor.name} ({actor.type})")
        people = [actor for actor in extraction.actors if actor.type == "person"]
        organisations = [actor for actor in extraction.actors if actor.type in ORGANISATION_TYPES]
        for kind, entities, found in (("people", entry["people"], people),
                                      ("organisations", entry["organizations"], organisations)):
            for entity in entities:
                matches = _matching(entity, found)
                counts[f"{kind}"] += 1
                counts[f"{kind} found"] += len(matches) == 1
                counts[f"{kind} split"] += len(matches) > 1
        false_persons.extend(actor.name for actor in people
                             if not any(_matching(entity, [actor]) for entity in entry["people"]))
    print(f"gold: {name} — {len(entries)} articles, {counts['gold lines']} boilerplate lines, "
          f"{counts['people']} people, {counts['organisations']} organisations")
    print(f"boilerplate lines: recall {counts['lines right'] / max(counts['gold lines'], 1):.3f}, "
          f"precision {counts['lines right'] / max(counts['found lines'], 1):.3f} "
          f"({counts['lines right']} of {counts['gold lines']} found, {counts['found lines']} marked)")
    print(f"actors that exist only because of boilerplate: {len(only_boilerplate)} of {counts['actors']}"
          + (f" ({', '.join(only_boilerplate[:12])}{' …' if len(only_boilerplate) > 12 else ''})"
             if only_boilerplate else ""))
    print(f"theme terms found only in boilerplate: {counts['boilerplate terms']} of {counts['terms']}")
    print(f"people found as one person actor: {counts['people found'] / max(counts['people'], 1):.3f}; "
          f"split: {counts['people split']}; person actors that are no gold person: {len(false_persons)}"
          + (f" ({', '.join(false_persons)})" if false_persons else ""))
    print(f"organisations found as one actor: {counts['organisations found'] / max(counts['organisations'], 1):.3f}; "
          f"split: {counts['organisations split']}")


def _speaker_right(claim, attribution: dict) -> bool:
    """A claim's speaker is the gold one: its ``speaker_name`` is the gold speaker or one of its ``speaker_forms``
    (actors the actors stage split that person into), or both have none."""
    if attribution["speaker"] is None:
        return claim.speaker_id is None
    return claim.speaker_name in {attribution["speaker"], *attribution.get("speaker_forms", ())}


def claim_figures(nlp, data: Path, gold: dict, show: bool = False) -> None:
    """Print who said what on the gold's hand-annotated attributions (``claims``): an attribution is found when
    a claim's content holds its words, and its speaker is right when that claim's speaker is the gold speaker
    (``_speaker_right``); unresolved pronouns are counted over every claim of those articles. The figures are
    printed for all entries, then for the earlier entries and the ``held_out`` ones (annotated before the stage
    ran on them, every attribution listed; each ``set`` of them apart); for the held-out ones also the claims
    holding no gold attribution's words (``unmatched``: spurious claims or nested attributions the gold leaves
    out), each printed with ``show``."""
    entries = gold.get("claims", [])
    if not entries:
        return
    texts = [(data / entry["file"]).read_text(encoding="utf-8") for entry in entries]
    counts = {"all": Counter(), "earlier": Counter(), "held-out": Counter()}  # and one per further held-out set
    unmatched = []
    for entry, (article, _) in zip(entries, analysed_articles(nlp, texts)):
        claims = ArticleAnalysis(article).claims
        part = ("held-out" + (f", {entry['set']}" if "set" in entry else "")) if entry.get("held_out") else "earlier"
        counts.setdefault(part, Counter())
        for name in ("all", part):
            counts[name]["articles"] += 1
            counts[name]["claims"] += len(claims)
            counts[name]["unresolved pronouns"] += sum(claim.speaker_rule.startswith("pronoun;") for claim in claims)
        for attribution in entry["attributions"]:
            holding = [claim for claim in claims if attribution["words"] in claim.content]
            right = any(_speaker_right(claim, attribution) for claim in holding)
            for name in ("all", part):
                counts[name]["gold"] += 1
                counts[name]["found"] += bool(holding)
                counts[name]["right"] += right
                counts[name]["duplicates"] += max(len(holding) - 1, 0)
            if show and holding and not right:
                print(f"  wrong speaker ({entry['file']}): {attribution['words']!r} — gold {attribution['speaker']}, "
                      f"found {[(c.speaker_name, c.speaker_rule) for c in holding]}")
            if show and not holding:
                print(f"  missed ({entry['file']}): {attribution['words']!r} ({attribution['speaker']})")
        if entry.get("held_out"):
            extra = [claim for claim in claims
                     if not any(attribution["words"] in claim.content for attribution in entry["attributions"])]
            counts[part]["unmatched"] += len(extra)
            unmatched.extend((entry["file"], claim) for claim in extra)
    for name, count in counts.items():
        if not count["articles"]:
            continue
        label = "claims" if name == "all" else f"claims ({name})"
        print(f"{label}: {count['articles']} articles, {count['gold']} hand-annotated attributions, "
              f"{count['claims']} claims; found {count['found']}, speaker right {count['right']} (who said what "
              f"recall {count['right'] / max(count['gold'], 1):.3f}); a second claim of one attribution: "
              f"{count['duplicates']}; unresolved pronouns: {count['unresolved pronouns']}"
              + (f"; claims holding no gold attribution: {count['unmatched']}" if name.startswith("held-out") else ""))
    for file, claim in unmatched if show else ():
        print(f"  unmatched ({file}): {claim.speaker_name} [{claim.verb}] {claim.content[:100]!r}")


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the gdelt_news folder")
    parser.add_argument("--limit", type=int, default=0, help="number of corpus articles (0 = all)")
    parser.add_argument("--gold", type=Path, default=GOLD, help="the gold file (default: %(default)s)")
    parser.add_argument("--claims-only", action="store_true", help="print only the claims figures")
    parser.add_argument("--show", action="store_true", help="print the missed, wrong and unmatched claims")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args, nlp = _arguments(argv), load_model()
    files = sorted((args.data / "articles").glob("*.txt"))
    if not files:
        raise SystemExit(f"bench_real_news: no articles in {args.data / 'articles'}; give the gdelt_news folder "
                         "with --data")
    print(f"model: {model_description(nlp)}")
    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    if not args.claims_only:
        corpus_figures(nlp, files[:args.limit] if args.limit else files)
        gold_figures(nlp, args.data, gold, args.gold.name)
    claim_figures(nlp, args.data, gold, args.show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
