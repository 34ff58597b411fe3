"""Every input of the README table "Inputs tried and what each gets", through the command line.

Input that cannot be analysed gets one line on stderr and exit code 2, never a traceback; a
degenerate but valid article is analysed and its JSON ``warnings`` say what could not be computed.
"""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from analysis.reading import MAX_ARTICLE_CHARS
from analysis.report import write_briefing

from .test_cli import run_cli

ENGLISH = ("Minister Meets Envoy\n\nThe minister met the envoy in Zürich on Monday, the café owner said. "
           "“We talked for an hour,” he said.\n\nThe talks will continue next week in the capital.\n")
CYRILLIC_NAME = ("Kyiv Talks Resume\n\nThe mayor, Виталий Кличко, said on Monday that the talks would resume. "
                 "“We are ready,” he said.\n\nThe talks will continue next week.\n")
HTML_PAGE = """<!DOCTYPE html><html><head><title>Storm Hits the Coast</title>
<style>body { color: red } .secret-style-rule { display: none }</style>
<script>alert("page script"); var secretScriptVariable = 1;</script></head>
<body><nav><a href="/">Home</a> | <a href="/news">News</a></nav><article>
<h1>Storm Hits the Coast</h1>
<p>A powerful storm hit the northern coast on Tuesday, cutting power to thousands of homes, officials said.</p>
<script>document.write("inline script in the body")</script>
<p>The national weather service said the winds would ease by Thursday, but warned of flooding in low areas.</p>
<h2>Damage</h2>
<p>Emergency crews worked through the night to clear fallen trees from the main roads, the mayor said.</p>
</article><footer>Copyright 2024</footer></body></html>"""
GERMAN = ("Berlin Trifft Paris\n\nDer deutsche Bundeskanzler hat am Montag in Paris den französischen Präsidenten "
          "getroffen. Die beiden Politiker sprachen über die Lage in der Ukraine und über die Energiepreise.\n\n"
          "Es war das erste Treffen der beiden seit dem Sommer, hieß es aus Regierungskreisen.\n")
HUGE_PARAGRAPH = "The minister said on Monday that the exercises would continue next week in the north. " * 20 + "\n\n"


def _huge(path: Path) -> None:
    """About 20 MB of plain English text, written without holding 20 MB of article objects."""
    with path.open("w", encoding="utf-8") as handle:
        handle.write("A Very Long Article\n\n")
        for _ in range(20_000_000 // len(HUGE_PARAGRAPH)):
            handle.write(HUGE_PARAGRAPH)


# name, file content (str: UTF-8 text, bytes as they are, a callable writes the path, None: no file,
# "<dir>": a folder), then the stderr words that name the problem.
REFUSED = [
    ("missing.txt", None, ["no such file"]),
    ("folder", "<dir>", ["is a directory"]),
    ("empty.txt", b"", ["empty article"]),
    ("whitespace.txt", b" \n\t\n   \r\n", ["empty article"]),
    ("binary.bin", bytes(range(256)) * 8, ["binary data"]),
    ("invalid_utf8.txt", ENGLISH.encode("utf-8") + b"\n\nA stray \xff byte and a cut \xc3(", ["invalid UTF-8 at byte"]),
    ("huge.txt", _huge, ["too long", f"{MAX_ARTICLE_CHARS:,}", "python -m analysis corpus"]),
]

# name, content, the encoding the JSON reports (None: not checked), words the text must hold,
# words no part of the text may hold, and words some warning must hold.
ANALYSED = [
    ("cp1251.txt", CYRILLIC_NAME.encode("cp1251"), "cp1251", ["Виталий Кличко", "“We are ready,”"], [], []),
    ("latin1.txt", ENGLISH.replace("“", '"').replace("”", '"').encode("latin-1"), "cp1252", ["Zürich", "café"], [], []),
    ("utf16_bom.txt", codecs.BOM_UTF16_LE + ENGLISH.encode("utf-16-le"), "utf-16", ["Zürich", "“We talked"], [], []),
    ("one_paragraph.txt", "The minister met the envoy in Paris on Monday, officials said.\n", None, ["envoy"], [],
     ["1 paragraph: no theme clustering", "no title line"]),
    ("headings_only.md", "# First Heading\n\n## Second Heading\n\n## Third Heading\n", None, ["Second Heading"], [],
     ["no theme clustering", "no actors found"]),
    ("title_only.txt", "Only A Title Here\n", None, ["Only A Title Here"], [],
     ["no title line", "no theme clustering", "no dates found"]),
    ("page.html", HTML_PAGE, None, ["powerful storm", "Emergency crews"],
     ["secretScriptVariable", "secret-style-rule", "page script", "inline script", "Copyright"], []),
    ("german.txt", GERMAN, None, ["Bundeskanzler"], [], ["does not look like English"]),
]


@pytest.mark.parametrize("name, content, expected", REFUSED, ids=[case[0] for case in REFUSED])
def test_what_cannot_be_analysed_gets_one_line_and_exit_2(tmp_path, name, content, expected):
    path = tmp_path / name
    if content == "<dir>":
        path.mkdir()
    elif callable(content):
        content(path)
    elif content is not None:
        path.write_bytes(content)
    completed = run_cli("analyze", str(path))
    assert completed.returncode == 2, completed.stderr[-500:]
    assert completed.stdout == ""
    lines = completed.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in completed.stderr, completed.stderr[-500:]
    assert lines[0].startswith("error: ") and str(path) in lines[0]
    for words in expected:
        assert words in lines[0]


@pytest.mark.parametrize("name, content, encoding, present, absent, warned", ANALYSED,
                         ids=[case[0] for case in ANALYSED])
def test_valid_input_is_analysed_and_warns_what_it_could_not_compute(tmp_path, name, content, encoding, present,
                                                                     absent, warned):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    completed = run_cli("analyze", str(path))
    assert completed.returncode == 0, completed.stderr[-500:]
    result = json.loads(completed.stdout)
    if encoding:
        assert result["source"]["encoding"] == encoding
    for words in present:
        assert words in result["text"]
    for words in absent:
        assert words not in result["text"]
    for words in warned:
        assert any(words in warning for warning in result["warnings"]), result["warnings"]
    if not warned:
        assert not any("English" in warning for warning in result["warnings"]), result["warnings"]


def test_the_example_article_has_no_warnings(default_article_path):
    completed = run_cli("analyze", str(default_article_path))
    assert json.loads(completed.stdout)["warnings"] == []


def test_the_briefing_lists_warnings_escaped(tmp_path):
    """The briefing says what could not be computed, escaped, and says so when everything was."""
    from analysis import ArticleAnalysis

    one = ArticleAnalysis.load("The minister <b>met</b> the envoy in Paris on Monday, officials said.\n")
    html = write_briefing(tmp_path, one, [], []).read_text(encoding="utf-8")
    assert "What could not be computed" in html and "1 paragraph: no theme clustering" in html
    assert "&lt;b&gt;met&lt;/b&gt;" in html and "<b>met</b>" not in html
    several = ArticleAnalysis.load("Ministers Meet in Oslo\n\n" + "\n\n".join(
        f"The {who} minister met the envoy in Oslo on {day} May 2023 to discuss {topic}, officials said."
        for who, day, topic in [("trade", 3, "tariffs and exports"), ("energy", 4, "gas prices and pipelines"),
                                ("trade", 5, "tariffs on steel exports"), ("energy", 6, "gas storage and pipelines"),
                                ("defence", 7, "border patrols and drills"), ("defence", 8, "drills at the border")]))
    assert not several.warnings, several.warnings
    html = write_briefing(tmp_path, several, [], []).read_text(encoding="utf-8")
    assert "None: every stage could be computed." in html and "0 warnings" in html


def test_the_briefing_shows_the_dateline_when_the_analysis_has_one(tmp_path):
    import dataclasses
    from types import SimpleNamespace

    from analysis import ArticleAnalysis

    analysis = ArticleAnalysis.load(ENGLISH)
    assert "dateline" not in write_briefing(tmp_path, analysis, [], []).read_text(encoding="utf-8")
    fields = dataclasses.asdict(analysis.article.source)
    analysis.article.source = SimpleNamespace(**fields, dateline="ZÜRICH, <Monday>")
    assert "dateline ZÜRICH, &lt;Monday&gt;" in write_briefing(tmp_path, analysis, [], []).read_text(encoding="utf-8")
