"""Command-line interface: ``python -m analysis analyze|report|corpus``.

Input that cannot be analysed gives one line on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .errors import ArticleError, ModelNotFoundError, NotebookFailed


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2, as for every other bad input
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m analysis", description="Turn a news article into an analyst's briefing.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    analyze = commands.add_parser("analyze", help="analyse one article and print JSON or a table")
    analyze.add_argument("path", help="article file: .txt, .md or .html")
    analyze.add_argument("--format", choices=("json", "table"), default="json", help="output format (default json)")
    analyze.add_argument("--published", help="publication date YYYY-MM-DD: anchors years and relative dates")
    analyze.add_argument("--random-state", type=int, default=0, help="random seed of the themes (default 0)")

    report = commands.add_parser("report", help="run every notebook and write the rendered HTML report")
    report.add_argument("--article", help="article file (default: the embedded example article)")
    report.add_argument("--out", help="output folder (default: reports/)")
    report.add_argument("--random-state", type=int, default=0, help="random seed for every stage (default 0)")
    report.add_argument("--cache", metavar="DIR", help="analysis cache folder (default ~/.cache/analysis)")
    report.add_argument("--workers", type=int, help="kernels running the notebooks (default: one per core)")

    corpus = commands.add_parser("corpus", help="analyse a folder or JSON-Lines file of articles into Parquet tables")
    corpus.add_argument("paths", nargs="+", metavar="PATH", help="folder of .txt/.md/.html files, or .jsonl file")
    corpus.add_argument("--out", required=True, help="output folder for articles/*.json and the *.parquet tables")
    corpus.add_argument("--engine", choices=("local", "dask"), default="local", help="where to run (default local)")
    corpus.add_argument("--scheduler", metavar="ADDRESS", help="existing Dask scheduler (default: a LocalCluster)")
    corpus.add_argument("--workers", type=int, default=2, help="LocalCluster worker processes (default 2)")
    corpus.add_argument("--n-process", type=int, metavar="N",
                        help="local engine: worker processes that parse and analyse (default $ANALYSIS_N_PROCESS, "
                             "else one per usable core; 1 = in this process)")
    corpus.add_argument("--batch-size", type=int, default=32, help="docs per nlp.pipe batch (default 32)")
    corpus.add_argument("--cache", metavar="DIR", help="cache folder (default OUT/cache)")
    corpus.add_argument("--no-cache", action="store_true", help="analyse every article afresh, store nothing")
    corpus.add_argument("--no-progress", action="store_true", help="no progress bar")
    return parser


def run_corpus(args) -> int:
    from .corpus import run_corpus as analyse_corpus

    summary = analyse_corpus(
        args.paths, args.out, engine=args.engine, scheduler=args.scheduler, workers=args.workers,
        n_process=args.n_process, batch_size=args.batch_size, cache=args.cache, use_cache=not args.no_cache,
        progress=not args.no_progress,
    )
    print(f"corpus: {summary.records} records -> {summary.articles} articles ({summary.cached} from cache), "
          f"{summary.errors} errors (see errors.parquet), in {summary.seconds:.1f} s; tables in {summary.out}")
    return 0


def run_analyze(args) -> int:
    from .pipeline import ArticleAnalysis

    analysis = ArticleAnalysis.load(Path(args.path), published=args.published, random_state=args.random_state)
    if args.format == "json":
        json.dump(analysis.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        from .tables import actor_table, structure_table

        print(f"{analysis.article.title}\n")
        print(structure_table(analysis.article).to_string())
        print("\nActors\n")
        print(actor_table(analysis).set_index("name").drop(columns=["aliases"]).to_string())
    return 0


def run_report(args) -> int:
    # nbformat's jsonschema compiles some 35 Lark grammars on import for rfc3987_syntax's optional ``iri`` format
    # checker (~1.5 s of CPU; jsonschema issue #1428), a format no notebook schema uses: this process goes without.
    sys.modules.setdefault("rfc3987_syntax", None)
    from .report import build_report

    build_report(Path(args.article) if args.article else None, args.out, random_state=args.random_state,
                 cache=args.cache, workers=args.workers)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return {"analyze": run_analyze, "report": run_report, "corpus": run_corpus}[args.command](args)
    except (ArticleError, ModelNotFoundError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except NotebookFailed as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
