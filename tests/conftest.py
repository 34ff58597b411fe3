"""Shared fixtures: the example article and a writer for articles made up inside a test."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.config import DEFAULT_ARTICLE
from analysis.nlp import load_model


@pytest.fixture(scope="session")
def nlp():
    return load_model()


@pytest.fixture(scope="session")
def default_article_path() -> Path:
    return DEFAULT_ARTICLE


@pytest.fixture
def write_article(tmp_path):
    """Write ``content`` (str or bytes) to a file in a temporary folder and return its path."""

    def write(name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
        return path

    return write


def assert_offsets_round_trip(result: dict) -> int:
    """Every span anywhere in an ``analyze`` result gives back its text from ``result['text']``.

    Walks the whole JSON: every object holding ``start``/``end`` or a ``<name>_start``/``<name>_end``
    pair of integers must point inside the text, and when the object also holds the span's text
    (``text`` for ``start``/``end``; ``<name>`` or ``<name>_text`` for a named pair) it must be
    exactly ``text[start:end]``. Sentences must lie inside their paragraph and carry no outer
    whitespace. Returns the number of spans checked.
    """
    text = result["text"]
    checked = 0
    for holder in _objects(result):
        for key, start in holder.items():
            if key != "start" and not key.endswith("_start"):
                continue
            name = key[: -len("_start")] if key != "start" else ""
            end = holder.get(f"{name}_end" if name else "end")
            if start is None and end is None:
                continue
            if not all(isinstance(value, int) and not isinstance(value, bool) for value in (start, end)):
                continue  # e.g. range_start/range_end are ISO dates, not offsets
            assert 0 <= start <= end <= len(text), (key, start, end, holder)
            for text_key in ([name, f"{name}_text"] if name else ["text"]):
                if isinstance(holder.get(text_key), str):
                    assert text[start:end] == holder[text_key], (text_key, start, end, holder[text_key])
            checked += 1
    for paragraph in result["paragraphs"]:
        for sentence in paragraph["sentences"]:
            assert paragraph["start"] <= sentence["start"] < sentence["end"] <= paragraph["end"]
            assert text[sentence["start"]:sentence["end"]].strip() == text[sentence["start"]:sentence["end"]]
    return checked


def assert_tick_labels_apart(figure, axis: str) -> list[str]:
    """No two tick labels of the first axes' ``axis`` ("x" or "y") overlap once drawn; returns the labels' texts."""
    figure.canvas.draw()
    ax = figure.axes[0]
    labels = ax.get_yticklabels() if axis == "y" else ax.get_xticklabels()
    boxes = [label.get_window_extent() for label in labels if label.get_text()]
    for first, second in zip(boxes, boxes[1:]):
        assert not first.overlaps(second)
    return [label.get_text() for label in labels]


def _objects(value):
    """Every dict inside a JSON value, depth first (the top-level object included)."""
    if isinstance(value, dict):
        yield value
        children = value.values()
    elif isinstance(value, list):
        children = value
    else:
        return
    for child in children:
        yield from _objects(child)
