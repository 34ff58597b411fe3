"""The built wheel, installed alone in a fresh environment, analyses an article from outside the repo.

Builds with the test environment's setuptools (``--no-build-isolation``: nothing is downloaded) from a
copy of the package, installs the wheel with ``--no-deps`` into a new venv that sees the test
environment's dependencies through a ``.pth`` line, and checks that the repo's ``analysis`` is not what
the venv imports (the editable install's finder lives in a ``.pth`` that a ``.pth`` line does not run).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from analysis.config import DEFAULT_ARTICLE, PROJECT_ROOT

pytestmark = pytest.mark.slow


def _run(*args, **kwargs) -> subprocess.CompletedProcess:
    completed = subprocess.run(args, capture_output=True, text=True, timeout=600, **kwargs)
    assert completed.returncode == 0, completed.stderr
    return completed


@pytest.fixture(scope="module")
def wheel_python(tmp_path_factory) -> Path:
    """The python of a fresh venv holding only the built wheel (and the test environment's dependencies)."""
    root = tmp_path_factory.mktemp("wheel")
    source = root / "source"  # a copy, so that the build leaves no build/ or egg-info in the repo
    shutil.copytree(PROJECT_ROOT / "analysis", source / "analysis", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(PROJECT_ROOT / name, source / name)
    _run(sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "--no-build-isolation", "--no-index",
         "-q", "-w", str(root / "dist"))
    (wheel,) = (root / "dist").glob("analysis-*.whl")

    venv.create(root / "env", with_pip=False)
    python = root / "env" / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    # without PYTHONPATH: pip would take a repo on it (with its egg-info) for the package already installed
    _run(sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", "--no-index", str(wheel),
         env=_outside_env(root)["env"])
    site = Path(_run(str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip())
    paths = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site / "test-environment.pth").write_text("".join(f"{p}\n" for p in sorted(paths)), encoding="utf-8")
    return python


def _outside_env(tmp_path: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "ANALYSIS_DATA_DIR", "VIRTUAL_ENV")}
    return {"cwd": tmp_path, "env": env}


def test_the_venv_imports_the_wheel_not_the_repo(wheel_python, tmp_path):
    shown = _run(str(wheel_python), "-c", "import analysis.resources as r; print(r.__file__); print(r.PACKAGE_DATA)",
                 **_outside_env(tmp_path)).stdout.split()
    venv_root = wheel_python.parent.parent
    assert all(Path(path).is_relative_to(venv_root) for path in shown), shown
    assert not Path(shown[0]).is_relative_to(PROJECT_ROOT)
    assert (Path(shown[1]) / "states.tsv").is_file()


def test_the_installed_wheel_analyses_an_article_from_any_folder(wheel_python, tmp_path):
    article = tmp_path / "article.txt"
    shutil.copy(DEFAULT_ARTICLE, article)
    completed = _run(str(wheel_python), "-m", "analysis", "analyze", article.name, **_outside_env(tmp_path))
    result = json.loads(completed.stdout)
    states = {actor["name"]: actor["code"] for actor in result["actors"] if actor["type"] == "state"}
    assert states.get("Belarus") == "BLR" and states.get("Russia") == "RUS"  # from states.tsv + pycountry
    assert any(code["code"] == "AIR_DEFENSE" for code in result["theme_lexicon"]["codes"])  # theme_lexicon.csv
    assert result["claims"], "the claim lexicon was read"
