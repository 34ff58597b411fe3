"""Notebooks: committed without outputs, each executed top to bottom, rendered into the report."""

from __future__ import annotations

import hashlib

import nbformat
import pytest

from analysis.config import DEFAULT_ARTICLE
from analysis.errors import NotebookFailed
from analysis.report import build_report, execute_notebook, notebook_paths

NOTEBOOKS = notebook_paths()


def test_there_are_notebooks():
    assert [p.name for p in NOTEBOOKS][:1] == ["01_parse_article.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_committed_without_outputs_and_with_parameters(path):
    notebook = nbformat.read(path, as_version=4)
    code_cells = [c for c in notebook.cells if c.cell_type == "code"]
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in code_cells)
    assert any("parameters" in c.get("metadata", {}).get("tags", []) for c in code_cells)
    assert notebook.cells[0].cell_type == "markdown" and notebook.cells[0].source.startswith("# ")


@pytest.fixture(scope="module")
def rendered_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    messages = []
    pages = build_report(DEFAULT_ARTICLE, out, progress=messages.append)
    return out, pages, messages


@pytest.mark.notebooks
def test_report_renders_every_notebook(rendered_report):
    out, pages, messages = rendered_report
    assert [page.notebook for page in pages] == NOTEBOOKS
    digest = hashlib.sha256(DEFAULT_ARTICLE.read_bytes()).hexdigest()
    for page in pages:
        html = page.html.read_text(encoding="utf-8")
        assert "Reproducibility record" in html and digest in html
        assert html.rfind("Reproducibility record") > html.rfind("Results, limitations")
        assert "data:image/png;base64," in html, f"{page.html.name} has no embedded figure"
        assert 'class="jp-OutputArea-output" data-mime-type="application/vnd.jupyter.stderr"' not in html
    index = (out / "index.html").read_text(encoding="utf-8")
    assert all(page.html.name in index for page in pages)
    assert "Joint Tactical Flight Exercises" in index
    assert any("done in" in message for message in messages)
    assert (out / "corpus" / "articles.parquet").is_file()  # the corpus notebook writes inside --out


def test_injected_parameters_are_those_the_notebook_declares():
    from analysis.report import INJECTED_TAG, inject_parameters

    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell("ARTICLE_PATH = None\nRANDOM_STATE = 0",
                                                metadata={"tags": ["parameters"]})]
    inject_parameters(notebook, {"ARTICLE_PATH": "a.txt", "RANDOM_STATE": 3, "CORPUS_OUT": "elsewhere"})
    injected = notebook.cells[1]
    assert INJECTED_TAG in injected.metadata["tags"]
    assert "ARTICLE_PATH = 'a.txt'" in injected.source and "RANDOM_STATE = 3" in injected.source
    assert "CORPUS_OUT" not in injected.source


@pytest.mark.notebooks
def test_failing_cell_is_named(tmp_path):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell("ARTICLE_PATH = None\nRANDOM_STATE = 0", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_code_cell("raise ValueError('deliberate failure')"),
    ]
    path = tmp_path / "broken.ipynb"
    nbformat.write(notebook, path)
    with pytest.raises(NotebookFailed, match=r"broken.ipynb failed in code cell 3 .*deliberate failure"):
        execute_notebook(path, {"ARTICLE_PATH": str(DEFAULT_ARTICLE), "RANDOM_STATE": 0})
