"""The rendered report: run every notebook on a fresh kernel and write self-contained HTML.

Each notebook has a cell tagged ``parameters`` (the papermill convention); the report injects a
cell after it that sets ``ARTICLE_PATH`` and ``RANDOM_STATE``, runs the notebook top to bottom
with nbclient, appends the reproducibility record and exports HTML with figures embedded.
"""

from __future__ import annotations

import os
import re
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from html import escape
from pathlib import Path

import nbformat

from . import __version__
from .config import DEFAULT_ARTICLE, DEFAULT_RANDOM_STATE, NOTEBOOKS_DIR, PROJECT_ROOT, REPORTS_DIR
from .errors import NotebookFailed
from .pipeline import ArticleAnalysis

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
CELL_TIMEOUT_SECONDS = 900
PARAMETERS_TAG = "parameters"
INJECTED_TAG = "injected-parameters"


@dataclass(frozen=True)
class RenderedPage:
    notebook: Path
    html: Path
    title: str
    summary: str
    seconds: float


def notebook_paths(directory: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The notebooks of the report, in the order of their numbered names."""
    return sorted(path for path in directory.glob("*.ipynb") if not path.name.startswith("."))


def inject_parameters(notebook, parameters: dict) -> None:
    """Insert a cell setting ``parameters`` right after the ``parameters``-tagged cell (or first).

    With a tagged cell, only the parameters it declares are set: the report offers every notebook
    the same set (the article, the seed, the corpus output folder) and each takes what it uses.
    """
    tagged = [i for i, c in enumerate(notebook.cells) if PARAMETERS_TAG in c.get("metadata", {}).get("tags", [])]
    if tagged:
        declared = set(re.findall(r"^(\w+)\s*=", notebook.cells[tagged[0]].source, flags=re.MULTILINE))
        parameters = {name: value for name, value in parameters.items() if name in declared}
    source = "# Parameters injected by `python -m analysis report`\n" + "\n".join(
        f"{name} = {value!r}" for name, value in parameters.items()
    )
    # Cells the report adds get fixed ids: random ones would make two reports of one input differ.
    cell = nbformat.v4.new_code_cell(source, id=INJECTED_TAG, metadata={"tags": [INJECTED_TAG]})
    notebook.cells.insert(tagged[0] + 1 if tagged else 0, cell)


def append_reproducibility_record(notebook, parameter_name: str) -> None:
    notebook.cells.append(nbformat.v4.new_markdown_cell(
        "## Reproducibility record\n\nWhat produced this page: package and library versions, the spaCy "
        "model, the random seed and the SHA-256 of the input.",
        id="reproducibility-heading",
    ))
    notebook.cells.append(nbformat.v4.new_code_cell(
        "import pandas as pd\n"
        "from analysis.reproducibility import reproducibility_record\n\n"
        'with pd.option_context("display.max_colwidth", None):\n'
        f"    display(reproducibility_record({parameter_name}, RANDOM_STATE))",
        id="reproducibility-record",
    ))


def execute_notebook(path: Path, parameters: dict, *, record_input: str = "ARTICLE_PATH"):
    """Run a notebook top to bottom on a fresh kernel; return the executed notebook.

    The kernel imports this very package (its root goes first on PYTHONPATH), runs in the
    notebooks folder, and a failing cell raises :class:`NotebookFailed` naming it.
    """
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    notebook = nbformat.read(path, as_version=4)
    inject_parameters(notebook, parameters)
    append_reproducibility_record(notebook, record_input)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_ROOT), env.get("PYTHONPATH")]))
    env["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"  # figures inline, whatever the caller uses
    client = NotebookClient(
        notebook, timeout=CELL_TIMEOUT_SECONDS, kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        extra_arguments=["--IPKernelApp.log_level=ERROR"],  # no start-up chatter in the progress output
    )
    try:
        client.execute(env=env)
    except CellExecutionError as error:
        raise NotebookFailed(_failure_message(path, notebook, error)) from None
    return notebook


def _failure_message(path: Path, notebook, error) -> str:
    code_cells = [  # numbered as the author sees them: without the injected parameters cell
        c for c in notebook.cells if c.cell_type == "code" and INJECTED_TAG not in c.metadata.get("tags", [])
    ]
    for number, cell in enumerate(code_cells, start=1):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                first_line = (cell.source.strip().splitlines() or [""])[0][:80]
                return (f"notebook {path.name} failed in code cell {number} ({first_line!r}): "
                        f"{output.get('ename')}: {output.get('evalue')}")
    return f"notebook {path.name} failed: {str(error).strip().splitlines()[-1] if str(error).strip() else error}"


def export_html(notebook, destination: Path, *, title: str) -> None:
    """Write the executed notebook as one self-contained, script-free HTML page.

    Figures are embedded as data URIs and the ``offline`` template (in ``analysis/templates``)
    drops every script and external resource, so the page works offline and is safe to share.
    """
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(extra_template_basedirs=[str(TEMPLATES_DIR)], template_name="offline", embed_images=True)
    body, _ = exporter.from_notebook_node(notebook, resources={"metadata": {"name": title}})
    destination.write_text(body, encoding="utf-8")


def notebook_summary(notebook) -> tuple[str, str]:
    """The first ``#`` heading and the first paragraph after it, for the index page."""
    for cell in notebook.cells:
        if cell.cell_type != "markdown":
            continue
        lines = cell.source.strip().splitlines()
        if lines and lines[0].startswith("#"):
            summary = next((line for line in lines[1:] if line.strip()), "")
            return lines[0].lstrip("# ").strip(), summary.strip()
    return "", ""


def build_report(
    article: str | Path | None = None,
    out: str | Path | None = None,
    *,
    random_state: int = DEFAULT_RANDOM_STATE,
    notebooks: list[Path] | None = None,
    progress=None,
) -> list[RenderedPage]:
    """Render every notebook on ``article`` into ``out`` and write ``index.html``.

    The article is parsed once first, so bad input fails in a second with a clear
    :class:`~analysis.errors.ArticleError` instead of inside a kernel.
    """
    article_path = Path(article or DEFAULT_ARTICLE).resolve()
    analysis = ArticleAnalysis.load(article_path, random_state=random_state)
    out_dir = Path(out or REPORTS_DIR)
    out_dir.mkdir(parents=True, exist_ok=True)
    progress = progress or (lambda message: print(message, file=sys.stderr, flush=True))
    paths = notebooks if notebooks is not None else notebook_paths()
    pages = []
    for number, path in enumerate(paths, start=1):
        progress(f"[{number}/{len(paths)}] {path.name}: running …")
        started = time.perf_counter()
        executed = execute_notebook(path, {"ARTICLE_PATH": str(article_path), "RANDOM_STATE": random_state,
                                           "CORPUS_OUT": str((out_dir / "corpus").resolve())})
        html_path = out_dir / (path.stem + ".html")
        title, summary = notebook_summary(executed)
        export_html(executed, html_path, title=title or path.stem)
        seconds = time.perf_counter() - started
        pages.append(RenderedPage(path, html_path, title or path.stem, summary, seconds))
        progress(f"[{number}/{len(paths)}] {path.name}: done in {seconds:.1f} s → {html_path}")
    write_index(out_dir, pages, article_title=analysis.article.title, article_path=article_path,
                warnings=analysis.warnings)
    progress(f"report: {len(pages)} pages, index at {out_dir / 'index.html'}")
    return pages


def write_index(out_dir: Path, pages: list[RenderedPage], *, article_title: str, article_path: Path,
                warnings: list[str] = ()) -> Path:
    """The landing page: the article's title, what each notebook shows, links, version and build time.

    ``warnings`` (:attr:`ArticleAnalysis.warnings`) say what could not be computed for this article, e.g. no theme
    clustering for one paragraph; they are listed above the notebooks.
    """
    built = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    items = "\n".join(
        f'<li><a href="{escape(page.html.name)}">{escape(page.title)}</a><br>'
        f"<span>{escape(page.summary)}</span></li>"
        for page in pages
    )
    notes = "".join(f"<li>{escape(warning)}</li>" for warning in warnings)
    notes = f"<h2>What could not be computed or is unreliable</h2>\n<ul>{notes}</ul>\n" if notes else ""
    html = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Briefing: {escape(article_title)}</title>
<style>body{{font-family:sans-serif;max-width:50em;margin:2em auto;line-height:1.5}}
li{{margin-bottom:1em}} span{{color:#444}} footer{{color:#666;font-size:90%}}</style></head>
<body><h1>Briefing: {escape(article_title)}</h1>
<p>Source: <code>{escape(article_path.name)}</code></p>
{notes}<ol>
{items}
</ol>
<footer>analysis {escape(__version__)} · built {escape(built)}</footer>
</body></html>
"""
    index = out_dir / "index.html"
    index.write_text(html, encoding="utf-8")
    return index
