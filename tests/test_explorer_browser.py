"""End to end: JupyterLab in headless Chromium runs the actors notebook and its explorer reacts to a click.

The server runs on a free localhost port with a random token, on a copy of the notebooks (so running
them never writes outputs into the committed files), and is always stopped.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from analysis import extract_actors, load_article
from analysis.config import DEFAULT_ARTICLE, NOTEBOOKS_DIR, PROJECT_ROOT

NOTEBOOK = "03_actors_and_themes.ipynb"
SERVER_START_SECONDS = 90
RUN_ALL_MS = 240_000
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_server(url: str, process: subprocess.Popen) -> None:
    """Poll the server's status API until it answers (or fail with its exit code)."""
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        assert process.poll() is None, f"JupyterLab exited with code {process.returncode} (see its log)"
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"JupyterLab did not answer within {SERVER_START_SECONDS} s")


@pytest.fixture
def jupyterlab(tmp_path):
    """A JupyterLab server on a copy of the notebooks: yields (base url, token); stopped afterwards."""
    root = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOKS_DIR, root)
    port, token = free_port(), secrets.token_hex(16)
    # Never ask about Jupyter news (the question covers part of the page), and attach every cell to
    # the page, so the screenshot shows no blank space where cells out of view would be.
    for plugin, settings in [("apputils-extension/notification", '{"fetchNews": "false", "checkForUpdates": false}'),
                             ("notebook-extension/tracker", '{"windowingMode": "none"}')]:
        path = tmp_path / "settings" / "@jupyterlab" / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(settings, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")])),
               JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"), JUPYTER_DATA_DIR=str(tmp_path / "data"))
    command = [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
               f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
               f"--LabApp.user_settings_dir={tmp_path / 'settings'}",
               f"--LabApp.workspaces_dir={tmp_path / 'workspaces'}", "--LabApp.extension_manager=readonly",
               "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
               "--ServerApp.terminals_enabled=False", "--allow-root"]
    log = (tmp_path / "jupyterlab.log").open("w")
    process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for_server(f"{base}/api/status?token={token}", process)
        yield base, token
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        log.close()


@pytest.mark.browser
@pytest.mark.notebooks
def test_actor_dropdown_changes_highlight_in_jupyterlab(jupyterlab, tmp_path):
    from playwright.sync_api import sync_playwright

    base, token = jupyterlab
    extraction = extract_actors(load_article(DEFAULT_ARTICLE))
    first = extraction.actors[0]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(60_000)
            page.goto(f"{base}/lab/tree/{NOTEBOOK}?token={token}")
            page.wait_for_selector(".jp-Notebook .jp-Cell")
            page.wait_for_selector(".jp-StatusBar-Widget:has-text('| Idle')")  # the kernel is up
            page.click("li.lm-MenuBar-item:has-text('Run')")
            page.click("li.lm-Menu-item[data-command='runmenu:run-all']")
            dropdown = page.locator(".widget-dropdown select").first
            dropdown.wait_for(timeout=RUN_ALL_MS)
            explorer = page.locator(".jp-OutputArea-output:has(.widget-dropdown)").first
            marks = explorer.locator(".widget-html .entities mark")
            page.wait_for_function("n => document.querySelectorAll('.widget-html .entities mark').length === n",
                                   arg=len(extraction.mentions))
            before = marks.count()
            dropdown.select_option(index=1)
            page.wait_for_function("n => document.querySelectorAll('.widget-html .entities mark').length === n",
                                   arg=first.mention_count)
            after = marks.count()
            listed = explorer.locator("ol.mentions li").count()
            explorer.evaluate("output => output.closest('.jp-Cell').scrollIntoView({block: 'start'})")
            screenshot = tmp_path / "explorer.png"
            page.screenshot(path=str(screenshot))
            if os.environ.get("EXPLORER_SCREENSHOT"):
                shutil.copyfile(screenshot, os.environ["EXPLORER_SCREENSHOT"])
        finally:
            browser.close()
    assert before == len(extraction.mentions) != after == first.mention_count == listed
    assert screenshot.read_bytes().startswith(b"\x89PNG")
