"""Determinism: the same input gives the same JSON, tables and figures, run after run.

``analyze`` runs in separate processes with different hash seeds (so set and dict orders built
from hashed strings differ); the report is rendered twice (each with its own analysis cache, so both
analyse the article) and its tables and embedded figures compared page by page, its CSV and Parquet
tables file by file.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pandas as pd
import pytest

from analysis.report import build_report

pytestmark = pytest.mark.notebooks

TABLE = re.compile(r"<table.*?</table>", re.S)
IMAGE = re.compile(r'<img[^>]*src="(data:image/[^"]+)"')
BUILD_TIME = re.compile(r"built \d{4}-\d\d-\d\d \d\d:\d\d UTC")


def analyze_in_new_process(path, hash_seed: int) -> bytes:
    environment = dict(os.environ, PYTHONHASHSEED=str(hash_seed))
    completed = subprocess.run([sys.executable, "-m", "analysis", "analyze", str(path)], capture_output=True,
                               env=environment, timeout=300)
    assert completed.returncode == 0, completed.stderr.decode()[-500:]
    return completed.stdout


@pytest.mark.parametrize("name", ["example", "written"])
def test_analyze_json_is_byte_identical_across_processes(name, default_article_path, write_article):
    path = default_article_path if name == "example" else write_article("talks.txt", (
        "Leaders Meet in Geneva\n\nPresident Anna Berg of Norland met Prime Minister Tom Reyes of Sudia in Geneva "
        "on 3 March 2023, officials said. “We agreed on a plan,” Berg told reporters.\n\nReyes said the plan "
        "would be signed by the end of April. The United Nations welcomed the talks, a spokesperson said.\n\n"
        "Energy\n\nBoth countries said gas prices had risen since January. Critics said the deal was vague.\n"))
    first, second = analyze_in_new_process(path, 1), analyze_in_new_process(path, 2)
    assert b'"claims"' in first and b'"actors"' in first
    assert first == second


@pytest.fixture(scope="module")
def two_reports(tmp_path_factory, default_article_path):
    """The example article's report rendered twice, into two folders, each from its own empty cache."""
    folders = [tmp_path_factory.mktemp(f"report{run}") for run in (1, 2)]
    for folder in folders:
        build_report(default_article_path, folder, progress=lambda message: None,
                     cache=tmp_path_factory.mktemp("cache"))
    return folders


def test_report_tables_and_figures_are_identical(two_reports):
    first, second = two_reports
    pages = sorted(path.name for path in first.glob("*.html") if path.name != "index.html")
    assert pages == sorted(path.name for path in second.glob("*.html") if path.name != "index.html")
    assert len(pages) >= 7 and "article.html" in pages and any(name.endswith(".reader.html") for name in pages)
    tables = images = 0
    for name in pages:
        html_first, html_second = ((folder / name).read_text(encoding="utf-8") for folder in two_reports)
        assert TABLE.findall(html_first) == TABLE.findall(html_second), name
        assert IMAGE.findall(html_first) == IMAGE.findall(html_second), name
        tables, images = tables + len(TABLE.findall(html_first)), images + len(IMAGE.findall(html_first))
    assert tables >= len(pages) - 1 and images >= len(pages) - 1  # the article page has neither


def test_report_table_files_are_identical(two_reports):
    first, second = two_reports
    names = sorted(path.name for path in (first / "tables").iterdir())
    assert names == sorted(path.name for path in (second / "tables").iterdir())
    assert {"actors.csv", "claims.csv", "dates.csv", "themes.csv", "actors.parquet", "claims.parquet"} <= set(names)
    for name in names:
        if name.endswith(".csv"):
            assert (first / "tables" / name).read_bytes() == (second / "tables" / name).read_bytes(), name
        else:
            pd.testing.assert_frame_equal(pd.read_parquet(first / "tables" / name),
                                          pd.read_parquet(second / "tables" / name))


def test_report_index_differs_only_in_build_time(two_reports):
    first, second = (BUILD_TIME.sub("built <time>", (folder / "index.html").read_text(encoding="utf-8"))
                     for folder in two_reports)
    assert "built <time>" in first and "data:image/png;base64," in first  # the briefing's two charts
    assert first == second
