"""Names that moved to another module stay importable from where people's scripts found them.

Views (tables, HTML, colours) left the stage modules so that a stage imports no pandas or
matplotlib; ``from analysis.actors import actor_table`` still works, loading the view on first use.
"""

from __future__ import annotations

import importlib


def moved_names(module: str, names: dict[str, str]):
    """A module ``__getattr__`` that imports each moved name from its new module (``{name: ".tables"}``)."""

    def __getattr__(name: str):
        if name in names:
            return getattr(importlib.import_module(names[name], "analysis"), name)
        raise AttributeError(f"module {module!r} has no attribute {name!r}")

    return __getattr__
