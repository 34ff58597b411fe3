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


def assert_offsets_round_trip(result: dict) -> None:
    """Every span in an ``analyze`` result gives back its text from ``result['text']``."""
    text = result["text"]
    for paragraph in result["paragraphs"]:
        assert text[paragraph["start"]:paragraph["end"]] == paragraph["text"]
        for sentence in paragraph["sentences"]:
            assert paragraph["start"] <= sentence["start"] < sentence["end"] <= paragraph["end"]
            assert text[sentence["start"]:sentence["end"]].strip() == text[sentence["start"]:sentence["end"]]
    for section in result["sections"]:
        if section["heading"] is not None:
            assert text[section["heading_start"]:section["heading_end"]] == section["heading"]
