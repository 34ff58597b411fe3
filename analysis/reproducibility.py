"""The reproducibility record that ends every rendered page: versions, model, seed, input hash.

The input is named by its file name and SHA-256 only: a shared page carries no local path.
"""

from __future__ import annotations

import hashlib
import platform
from importlib import metadata
from pathlib import Path

import pandas as pd

from . import __version__
from .nlp import load_model, model_description

LIBRARIES = ("spacy", "pandas", "numpy", "scikit-learn", "matplotlib", "networkx", "nbclient", "nbconvert")


def file_sha256(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def reproducibility_record(input_path: str | Path | None, random_state: int, *,
                           model: str | None = None) -> pd.DataFrame:
    """A two-column table (item, value) saying exactly what produced the page.

    ``model`` describes the spaCy model that made the analysis (the report passes the one it loaded);
    without it the model is loaded here to name it.
    """
    rows = [("analysis package", __version__), ("python", platform.python_version())]
    for name in LIBRARIES:
        try:
            rows.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            rows.append((name, "not installed"))
    rows.append(("spaCy model", model or model_description(load_model())))
    rows.append(("random seed", str(random_state)))
    if input_path is not None:
        path = Path(input_path)
        rows.append(("input file", path.name))
        rows.append(("input sha256", file_sha256(path) if path.is_file() else "(folder: see corpus tables)"))
    return pd.DataFrame(rows, columns=["item", "value"]).set_index("item")
