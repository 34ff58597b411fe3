"""Running the report's notebooks: inject parameters, execute, export script-free HTML.

Each notebook has a cell tagged ``parameters`` (the papermill convention); the report injects a
cell after it that sets ``ARTICLE_PATH``, ``RANDOM_STATE`` …, appends the reproducibility record, runs the
notebook top to bottom with nbclient (on a kernel of the report's pool, :mod:`analysis.report.kernels`;
:func:`execute_notebook` on a fresh kernel of its own) and exports HTML with figures embedded: once with
the code cells (for those who check the method) and once without them (the reader's page).
"""

from __future__ import annotations

import os
import re
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import nbformat

from ..config import NOTEBOOKS_DIR, PROJECT_ROOT
from ..errors import NotebookFailed

TEMPLATES_DIR = Path(__file__).resolve().parents[1] / "templates"
CELL_TIMEOUT_SECONDS = 900
PARAMETERS_TAG = "parameters"
INJECTED_TAG = "injected-parameters"
READER_SUFFIX = ".reader.html"
# The parameter naming a page's input in its reproducibility record: the first one the notebook declares.
RECORD_INPUTS = ("ARTICLE_PATH", "CORPUS_PATH")
_EXPORTING = threading.Lock()  # the exporter keeps state while it converts: one conversion at a time


@dataclass(frozen=True)
class RenderedPage:
    """One rendered notebook: its page with code (``html``), its reader's page without (``reader``)."""

    notebook: Path
    html: Path
    title: str
    summary: str
    seconds: float
    reader: Path | None = None


def notebook_paths(directory: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The notebooks of the report, in the order of their numbered names."""
    return sorted(path for path in directory.glob("*.ipynb") if not path.name.startswith("."))


def declared_parameters(notebook) -> set[str]:
    """The names the ``parameters``-tagged cell assigns (empty without one)."""
    for cell in notebook.cells:
        if PARAMETERS_TAG in cell.get("metadata", {}).get("tags", []):
            return set(re.findall(r"^(\w+)\s*=", cell.source, flags=re.MULTILINE))
    return set()


def inject_parameters(notebook, parameters: dict) -> None:
    """Insert a cell setting ``parameters`` right after the ``parameters``-tagged cell (or first).

    With a tagged cell, only the parameters it declares are set: the report offers every notebook
    the same set (the article, the seed, the corpus output folder) and each takes what it uses.
    """
    tagged = [i for i, c in enumerate(notebook.cells) if PARAMETERS_TAG in c.get("metadata", {}).get("tags", [])]
    if tagged:
        declared = declared_parameters(notebook)
        parameters = {name: value for name, value in parameters.items() if name in declared}
    source = "# Parameters injected by `python -m analysis report`\n" + "\n".join(
        f"{name} = {value!r}" for name, value in parameters.items()
    )
    # Cells the report adds get fixed ids: random ones would make two reports of one input differ.
    cell = nbformat.v4.new_code_cell(source, id=INJECTED_TAG, metadata={"tags": [INJECTED_TAG]})
    notebook.cells.insert(tagged[0] + 1 if tagged else 0, cell)


def append_reproducibility_record(notebook, parameter_name: str, *, model: str | None = None) -> None:
    """The record's heading and cell; ``model`` (the description of the spaCy model the report used) spares
    the kernel loading the model only to name it."""
    notebook.cells.append(nbformat.v4.new_markdown_cell(
        "## Reproducibility record\n\nWhat produced this page: package and library versions, the spaCy "
        "model, the random seed and the SHA-256 of the input.",
        id="reproducibility-heading",
    ))
    notebook.cells.append(nbformat.v4.new_code_cell(
        "import pandas as pd\n"
        "from analysis.reproducibility import reproducibility_record\n\n"
        'with pd.option_context("display.max_colwidth", None):\n'
        f"    display(reproducibility_record({parameter_name}, RANDOM_STATE{_keyword('model', model)}))",
        id="reproducibility-record",
    ))


def _keyword(name: str, value) -> str:
    """``, name=value`` for a call's source, nothing when ``value`` is None."""
    return "" if value is None else f", {name}={value!r}"


def prepared_notebook(path: Path, parameters: dict, *, record_input: str | None = None, model: str | None = None):
    """The notebook at ``path`` with ``parameters`` injected and the reproducibility record appended.

    ``record_input`` is the parameter the record names as the input (default: the first of
    :data:`RECORD_INPUTS` the notebook declares).
    """
    notebook = nbformat.read(path, as_version=4)
    inject_parameters(notebook, parameters)
    if record_input is None:
        declared = declared_parameters(notebook)
        record_input = next((name for name in RECORD_INPUTS if name in declared), "None")
    append_reproducibility_record(notebook, record_input, model=model)
    return notebook


def kernel_environment(environment: dict | None = None) -> dict:
    """The environment of a notebook kernel: this process's, plus ``environment``, with this very package first
    on PYTHONPATH and figures drawn inline whatever backend the caller uses."""
    env = dict(os.environ, **(environment or {}))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_ROOT), env.get("PYTHONPATH")]))
    env["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    return env


@contextmanager
def failures_named(path: Path, notebook):
    """A failing cell of ``notebook`` (read from ``path``) raises :class:`NotebookFailed` naming it."""
    from nbclient.exceptions import CellExecutionError

    try:
        yield
    except CellExecutionError as error:
        raise NotebookFailed(_failure_message(path, notebook, error)) from None


def execute_notebook(path: Path, parameters: dict, *, record_input: str | None = None,
                     cwd: Path | None = None, environment: dict | None = None, model: str | None = None):
    """Run a notebook top to bottom on a fresh kernel; return the executed notebook.

    The kernel imports this very package (its root goes first on PYTHONPATH) and runs in ``cwd``
    (default: the notebooks folder), so path parameters may be names relative to it; ``environment``
    adds variables (the report's analysis cache). A failing cell raises :class:`NotebookFailed` naming it.
    """
    from nbclient import NotebookClient

    from .kernels import KERNEL_ARGUMENTS

    notebook = prepared_notebook(path, parameters, record_input=record_input, model=model)
    client = NotebookClient(
        notebook, timeout=CELL_TIMEOUT_SECONDS, kernel_name="python3",
        resources={"metadata": {"path": str(cwd or path.parent)}}, extra_arguments=KERNEL_ARGUMENTS,
    )
    with failures_named(path, notebook):
        client.execute(env=kernel_environment(environment))
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


def export_html(notebook, destination: Path, *, title: str, code: bool = True) -> None:
    """Write the executed notebook as one self-contained, script-free HTML page.

    Figures are embedded as data URIs and the ``offline`` template (in ``analysis/templates``)
    drops every script and external resource, so the page works offline and is safe to share.
    ``code=False`` leaves out the code cells (nbconvert's ``exclude_input``): the reader's page,
    results and their explanations only.
    """
    with _EXPORTING:
        exporter = html_exporter()
        exporter.exclude_input = exporter.exclude_input_prompt = exporter.exclude_output_prompt = not code
        body, _ = exporter.from_notebook_node(notebook, resources={"metadata": {"name": title}})
    destination.write_text(body, encoding="utf-8")


@cache
def html_exporter():
    """The one exporter of every page, with or without code (the ``exclude_…`` options are set per page and
    touch no template): made once, since compiling its templates costs more than a conversion. Call it
    holding ``_EXPORTING``."""
    from nbconvert import HTMLExporter

    return HTMLExporter(extra_template_basedirs=[str(TEMPLATES_DIR)], template_name="offline", embed_images=True)


def notebook_summary(notebook) -> tuple[str, str]:
    """The first ``#`` heading and the first paragraph after it, for the briefing's list of pages."""
    for cell in notebook.cells:
        if cell.cell_type != "markdown":
            continue
        heading, _, rest = cell.source.strip().partition("\n")
        if heading.startswith("#"):
            first_paragraph = rest.strip().split("\n\n")[0]
            return heading.lstrip("# ").strip(), " ".join(first_paragraph.split())
    return "", ""
