"""Hostile content in a rendered report: opened in headless Chromium, nothing from the article runs.

One report is rendered (about half a minute) on an article whose title, a heading, paragraphs,
quotations and names carry script tags, event handlers, ``javascript:`` links and Markdown/HTML
injection. Every page (the briefing, the article page, each notebook's page with code and its
reader's page) is then opened in a real browser that records dialogs, console errors, page errors
and every request leaving the page's own file; every evidence link of the briefing is followed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from analysis.report import build_report

pytestmark = [pytest.mark.browser, pytest.mark.notebooks]

HOSTILE_ARTICLE = """\
Minister <script>alert(1)</script> Warns of <img src=x onerror=alert(1)> Drills

Defence Minister John Smith said on Monday, 12 December 2022, that the army of Ruritania would hold \
joint exercises with Russia. "<script>alert('quote')</script> We are ready," Smith told reporters in Moscow.

The Ruritanian Ministry of Defence said the drills would start on 19 December. <img src=x onerror=alert(2)> \
A spokesperson for NATO, Maria Jones, said the alliance was watching [click](javascript:alert(3)) closely.

Reaction <a href="javascript:alert(4)">in Brussels</a>

NATO Secretary General Jens Stoltenberg said that "<b onmouseover=alert(5)>bold</b> statements" would not \
change the plan. </div><script>alert(6)</script><div> The European Union said it was concerned.

Officials in Berlin said on 20 December 2022 that `<iframe src=javascript:alert(7)>` and \
![img](x onerror=alert(8)) were no threat. Germany's Foreign Minister <u>Annalena</u> Baerbock said \
Russia and Belarus must stop.

| col | <svg onload=alert(9)> |
|---|---|
| $x$ | {{7*7}} ${alert(10)} |
"""

# Each must be read on some page exactly as written, i.e. shown as text, never interpreted.
HOSTILE_STRINGS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<img src=x onerror=alert(2)>",
    "[click](javascript:alert(3))",
    '<a href="javascript:alert(4)">in Brussels</a>',
    "<b onmouseover=alert(5)>bold</b>",
    "</div><script>alert(6)</script><div>",
    "![img](x onerror=alert(8))",
    "<svg onload=alert(9)>",
]
BROWSER_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

# What the page holds that only an interpreted injection could create.
DOM_PROBE = """() => ({
    scripts: document.querySelectorAll('script').length,
    handlers: Array.from(document.querySelectorAll('*')).flatMap(
        el => Array.from(el.attributes).filter(a => a.name.startsWith('on')).map(a => el.tagName + ' ' + a.name)),
    jsLinks: Array.from(document.querySelectorAll('[href], [src]'))
        .map(el => el.getAttribute('href') || el.getAttribute('src')).filter(url => /^\\s*javascript:/i.test(url)),
    frames: document.querySelectorAll('iframe, object, embed, svg[onload]').length,
    images: Array.from(document.images).map(img => ({src: img.src.slice(0, 40), complete: img.complete,
                                                     width: img.naturalWidth})),
    text: document.body.innerText,
})"""


@dataclass
class PageVisit:
    """What one page did in the browser, and what its DOM holds."""

    dialogs: list = field(default_factory=list)
    console_errors: list = field(default_factory=list)
    page_errors: list = field(default_factory=list)
    outside_requests: list = field(default_factory=list)
    dom: dict = field(default_factory=dict)


def _launch_chromium(playwright):
    """The system chromium when there is one, else Playwright's own (installed on demand)."""
    system = shutil.which("chromium") or shutil.which("chromium-browser")
    if system:
        return playwright.chromium.launch(executable_path=system, args=BROWSER_ARGS)
    try:
        return playwright.chromium.launch(args=BROWSER_ARGS)
    except Exception:  # noqa: BLE001 - Playwright's browser is not downloaded yet: fetch it once
        installed = subprocess.run([sys.executable, "-m", "playwright", "install", "chromium"],
                                   capture_output=True, text=True)
        if installed.returncode != 0:
            pytest.fail("no Chromium: install Debian's chromium and chromium-driver (.ci/run does as root) or run "
                        f"`python -m playwright install chromium` ({installed.stderr.strip()[-300:]})")
        return playwright.chromium.launch(args=BROWSER_ARGS)


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory):
    """The report of the hostile article: its output folder."""
    folder = tmp_path_factory.mktemp("hostile")
    article = folder / "hostile_article.txt"
    article.write_text(HOSTILE_ARTICLE, encoding="utf-8")
    out = folder / "report"
    build_report(article, out, progress=lambda message: None, cache=folder / "cache")
    return out


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = _launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def visits(hostile_report, browser) -> dict[str, PageVisit]:
    """Every page of the report opened in headless Chromium: page name → what happened."""
    return {path.name: _visit(browser, path.resolve().as_uri()) for path in sorted(hostile_report.glob("*.html"))}


def _visit(browser, url: str) -> PageVisit:
    visit = PageVisit()
    page = browser.new_page()
    page.on("dialog", lambda dialog: (visit.dialogs.append(dialog.message), dialog.dismiss()))
    page.on("console", lambda message: message.type == "error" and visit.console_errors.append(message.text))
    page.on("pageerror", lambda error: visit.page_errors.append(str(error)))

    def only_local(route):
        if route.request.url.startswith(("file:", "data:")):
            route.continue_()
        else:
            visit.outside_requests.append(route.request.url)
            route.abort()

    page.route("**/*", only_local)
    page.goto(url, wait_until="load")
    page.mouse.move(200, 200)  # hover handlers would fire now
    page.wait_for_timeout(300)
    visit.dom = page.evaluate(DOM_PROBE)
    page.close()
    return visit


def test_the_probe_sees_an_injection_that_runs(browser, tmp_path):
    """The same visit on a page that does let the article in: the harness must notice."""
    page = tmp_path / "unsafe.html"
    page.write_text("<html><body><p>text</p><img src=x onerror=alert(1)>"
                    "<img src='https://example.invalid/pixel.png'></body></html>", encoding="utf-8")
    visit = _visit(browser, page.as_uri())
    assert visit.dialogs == ["1"]
    assert visit.outside_requests == ["https://example.invalid/pixel.png"]
    assert visit.dom["handlers"] == ["IMG onerror"]
    assert any(not image["width"] for image in visit.dom["images"])


def test_every_page_is_rendered(visits):
    assert {"index.html", "article.html"} <= set(visits)
    readers = [name for name in visits if name.endswith(".reader.html")]
    assert len(readers) >= 3 and all(name.replace(".reader.html", ".html") in visits for name in readers)


def test_nothing_from_the_article_runs_or_loads(visits):
    for name, visit in visits.items():
        assert visit.dialogs == [], name
        assert visit.page_errors == [], name
        assert visit.console_errors == [], name
        assert visit.outside_requests == [], name
        assert visit.dom["scripts"] == 0, name
        assert visit.dom["handlers"] == [], name
        assert visit.dom["jsLinks"] == [], name
        assert visit.dom["frames"] == 0, name


def test_every_figure_decodes(visits):
    images = [(name, image) for name, visit in visits.items() for image in visit.dom["images"]]
    assert len(images) >= 5  # the notebooks draw charts
    for name, image in images:
        assert image["complete"] and image["width"] > 0, (name, image)
        assert image["src"].startswith("data:image/"), (name, image)


def test_hostile_strings_are_shown_as_text(visits):
    shown = "\n".join(visit.dom["text"] for visit in visits.values())
    for hostile in HOSTILE_STRINGS:
        assert hostile in shown, hostile


def test_claims_and_actor_pages_show_hostile_quotes_as_text(visits):
    pages = {name[:3]: visit.dom["text"] for name, visit in visits.items()}
    assert "<b onmouseover=alert(5)>bold</b> statements" in pages["04_"]  # a claim's content
    assert "<script>alert(1)</script>" in pages["03_"]


def test_index_shows_the_hostile_title_as_text(visits):
    text = visits["index.html"].dom["text"]
    assert "Briefing: Minister <script>alert(1)</script> Warns of <img src=x onerror=alert(1)>" in text
    assert "analysis " in text and "built " in text


def test_briefing_and_article_page_show_hostile_text_as_text(visits):
    briefing, article = visits["index.html"].dom["text"], visits["article.html"].dom["text"]
    assert "<b onmouseover=alert(5)>bold</b> statements" in briefing  # in who said what
    for hostile in ("<img src=x onerror=alert(2)>", "[click](javascript:alert(3))",
                    "</div><script>alert(6)</script><div>"):
        assert hostile in article, hostile


LINKS = "() => Array.from(document.querySelectorAll('a[href]')).map(a => a.href)"
# Whether the element a link points at is there and shown (visible: laid out with a size, not hidden).
TARGET = """id => { const el = document.getElementById(id); if (!el) return 'missing';
    const box = el.getBoundingClientRect(), style = getComputedStyle(el);
    return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && style.display !== 'none'
        ? 'visible' : 'hidden'; }"""


def test_every_evidence_link_of_the_briefing_leads_to_something_visible(hostile_report, browser):
    """Each link of the briefing is followed: the page opens, the paragraph or section it names is shown,
    a table file exists."""
    page = browser.new_page()
    page.goto((hostile_report / "index.html").resolve().as_uri(), wait_until="load")
    links = page.evaluate(LINKS)
    paragraph_links = [link for link in links if "article.html#p" in link]
    assert len(paragraph_links) >= 5 and any(link.endswith(".reader.html") for link in links)
    followed = {}
    for link in sorted(set(links)):
        parts = urlsplit(link)
        assert parts.scheme == "file", link
        target = Path(unquote(parts.path))
        assert target.is_file() and hostile_report.resolve() in target.parents, link
        if target.suffix != ".html":
            continue  # the CSV and Parquet tables: present is what a link needs
        page.goto(link, wait_until="load")
        assert page.evaluate("document.body.innerText.trim().length") > 0, link
        if parts.fragment:
            assert page.evaluate(TARGET, unquote(parts.fragment)) == "visible", link
        followed[link] = True
    page.close()
    assert len(followed) >= len(set(paragraph_links))
