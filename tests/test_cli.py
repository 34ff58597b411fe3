"""The command-line interface: JSON contract, table output, and one-line errors with exit code 2."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .conftest import assert_offsets_round_trip


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True, text=True, timeout=300)


def test_analyze_json_contract(default_article_path):
    completed = run_cli("analyze", str(default_article_path))
    assert completed.returncode == 0, completed.stderr
    result = json.loads(completed.stdout)
    assert isinstance(result["title"], str) and isinstance(result["text"], str)
    for section in result["sections"]:
        assert {"id", "heading", "start", "end", "paragraph_ids"} <= set(section)
    for paragraph in result["paragraphs"]:
        assert {"id", "section_id", "start", "end", "text", "sentences"} <= set(paragraph)
        assert all({"start", "end"} <= set(sentence) for sentence in paragraph["sentences"])
    assert sorted(p for s in result["sections"] for p in s["paragraph_ids"]) == [p["id"] for p in result["paragraphs"]]
    assert_offsets_round_trip(result)


def test_analyze_table(default_article_path):
    completed = run_cli("analyze", str(default_article_path), "--format", "table")
    assert completed.returncode == 0, completed.stderr
    lines = completed.stdout.splitlines()
    assert lines[0].startswith("Joint Tactical Flight Exercises")
    assert any("NATO Response" in line for line in lines)


@pytest.mark.parametrize(
    "name, content, expected",
    [
        ("empty.txt", b"", "empty article"),
        ("blank.txt", b"  \n \t\n", "empty article"),
        ("binary.bin", bytes(range(256)) * 4, "binary"),
        ("missing.txt", None, "no such file"),
        ("folder", "dir", "is a directory"),
    ],
)
def test_bad_input_one_line_exit_2(tmp_path, name, content, expected):
    path = tmp_path / name
    if content == "dir":
        path.mkdir()
    elif content is not None:
        path.write_bytes(content)
    completed = run_cli("analyze", str(path))
    assert completed.returncode == 2
    assert completed.stdout == ""
    lines = completed.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0] and "Traceback" not in completed.stderr


def test_usage_error_is_one_line():
    completed = run_cli("analyze")
    assert completed.returncode == 2
    assert len(completed.stderr.strip().splitlines()) == 1


def test_report_bad_article_fails_fast(tmp_path):
    completed = run_cli("report", "--article", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "out"))
    assert completed.returncode == 2
    assert "no such file" in completed.stderr and "Traceback" not in completed.stderr


def test_analyze_random_state_reaches_the_themes(default_article_path):
    from analysis import analyze, load_article
    from analysis.themes import article_themes

    completed = run_cli("analyze", str(default_article_path), "--random-state", "7")
    assert completed.returncode == 0, completed.stderr
    article = load_article(default_article_path)
    seeded = article_themes(article, random_state=7)
    from_cli = json.loads(completed.stdout)
    assert [p["theme_stability"] for p in from_cli["paragraphs"]] == [
        round(float(s), 4) for s in seeded.sample_stability_]
    assert from_cli["themes"] == analyze(article, random_state=7)["themes"]


def test_importing_the_package_leaves_the_widget_stack_unloaded():
    code = ("import sys, analysis; assert 'ipywidgets' not in sys.modules; "
            "assert analysis.explore.__module__ == 'analysis.explorer'")
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert completed.returncode == 0, completed.stderr
