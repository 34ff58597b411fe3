"""Reading an article source: bytes → decoded text, its format, and (for HTML) its main text.

Everything here runs before any language model: it turns whatever a user has (a path, a string,
bytes in some encoding) into one Unicode text and a format name the structure parser understands.
"""

from __future__ import annotations

import codecs
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from .errors import ArticleError

FORMATS = ("text", "markdown", "html")
_EXTENSION_FORMATS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)

MAX_ARTICLE_CHARS = 1_000_000
"""The longest article text analysed, in characters (about 25 times a long news feature).

The spaCy parse of an article takes about a minute per million characters (and the stages after
it grow with its length), so a longer text is refused with an :class:`ArticleError` instead of
tying up the machine: it is most likely a collection of articles, which corpus mode streams one by one.
"""


@dataclass(frozen=True)
class Source:
    """A decoded article source, before structure parsing.

    ``text`` is the decoded text with a byte-order mark removed and line breaks normalised to
    ``\\n``; every offset of the analysis points into the text built from it.
    """

    text: str
    format: str
    encoding: str | None = None
    path: str | None = None
    sha256: str | None = None
    published: str | None = None  # ISO date from HTML metadata, when the page gives one
    html_title: str | None = None


def read_source(source: str | os.PathLike | bytes, *, format: str = "auto") -> Source:
    """Read an article from a path, a string of text, or raw bytes.

    A ``str`` is taken as a path when it is one line naming an existing file, otherwise as the
    article text itself. ``format`` is ``"auto"`` (by file extension, then by content) or one of
    :data:`FORMATS`.

    >>> read_source("Title\\n\\nFirst paragraph.").format
    'text'
    """
    if format != "auto" and format not in FORMATS:
        raise ArticleError(f"unknown format {format!r}: use one of auto, {', '.join(FORMATS)}")
    path = _as_path(source)
    if path is not None:
        raw = _read_file(path)
        text, encoding = decode_bytes(raw, name=str(path))
        fmt = format if format != "auto" else _EXTENSION_FORMATS.get(path.suffix.lower()) or sniff_format(text)
        digest = hashlib.sha256(raw).hexdigest()
        return _finish(text, fmt, encoding=encoding, path=str(path), sha256=digest)
    if isinstance(source, bytes):
        text, encoding = decode_bytes(source, name="the input bytes")
        digest = hashlib.sha256(source).hexdigest()
    else:
        text, encoding = source, None
        digest = hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()
    fmt = format if format != "auto" else sniff_format(text)
    return _finish(text, fmt, encoding=encoding, path=None, sha256=digest)


def _as_path(source) -> Path | None:
    if isinstance(source, os.PathLike):
        return Path(source)
    if isinstance(source, str) and "\n" not in source and len(source) < 4096:
        candidate = Path(source)
        try:
            if candidate.exists():
                return candidate
        except (OSError, ValueError):  # a name too long or with NUL is text, not a path
            return None
        if " " not in source and candidate.suffix.lower() in (".txt", *_EXTENSION_FORMATS):
            raise ArticleError(f"{source}: no such file")
    return None


def _read_file(path: Path) -> bytes:
    if not path.exists():
        raise ArticleError(f"{path}: no such file")
    if path.is_dir():
        raise ArticleError(f"{path}: is a directory, not an article file")
    try:
        return path.read_bytes()
    except OSError as error:
        raise ArticleError(f"{path}: cannot be read ({error.strerror or error})") from None


def decode_bytes(raw: bytes, *, name: str = "input") -> tuple[str, str]:
    """Decode article bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else detected.

    Binary data (NUL bytes outside UTF-16, or mostly control characters) raises ArticleError.
    """
    if raw.startswith(codecs.BOM_UTF8):
        return _decode(raw[len(codecs.BOM_UTF8):], "utf-8", name), "utf-8-sig"
    if raw.startswith(_UTF16_BOMS):
        return _decode(raw, "utf-16", name), "utf-16"
    if b"\x00" in raw:
        raise ArticleError(f"{name}: binary data (NUL bytes), not a text article")
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        _refuse_broken_utf8(raw, error, name)
    text, encoding = _guess_legacy_encoding(raw, name)
    if _control_ratio(text) > 0.05:
        raise ArticleError(f"{name}: binary data (control characters), not a text article")
    return text, encoding


def _refuse_broken_utf8(raw: bytes, error: UnicodeDecodeError, name: str) -> None:
    """Raise when bytes are UTF-8 with a few broken sequences rather than another encoding.

    Guessing a legacy encoding would turn every accent and quote of such a file into mojibake,
    and replacing the bad bytes would silently drop what the user gave: better to say where it is.
    """
    decoded = raw.decode("utf-8", errors="replace")
    broken = decoded.count("\ufffd")
    valid = sum(1 for ch in decoded if ord(ch) > 127 and ch != "\ufffd")
    if valid > broken:
        raise ArticleError(f"{name}: invalid UTF-8 at byte {error.start} ({broken} broken sequence"
                           f"{'s' if broken != 1 else ''} in UTF-8 text): re-save the file as UTF-8")


def _guess_legacy_encoding(raw: bytes, name: str) -> tuple[str, str]:
    """charset-normalizer's guess, unless Windows-1252 (the Western default) reads with fewer broken words.

    On short English texts with a few accents the detector may pick a code page that makes
    "Zürich" into "Z³rich"; a symbol inside a word is the tell-tale of such a misreading.
    """
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    guesses = [(str(best), best.encoding)] if best is not None else []
    try:
        guesses.append((raw.decode("cp1252"), "cp1252"))
    except UnicodeDecodeError:
        pass
    if not guesses:
        raise ArticleError(f"{name}: binary or undecodable data, not a text article")
    return min(guesses, key=lambda guess: _symbols_inside_words(guess[0]))  # ties: the detector's guess


def _symbols_inside_words(text: str) -> int:
    return sum(1 for before, ch, after in zip(text, text[1:], text[2:])
               if ord(ch) > 127 and not ch.isalpha() and before.isalpha() and after.isalpha())


def _decode(raw: bytes, encoding: str, name: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as error:
        raise ArticleError(f"{name}: invalid {encoding} at byte {error.start}") from None


def _control_ratio(text: str) -> float:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return controls / max(len(text), 1)


def sniff_format(text: str) -> str:
    """Guess the format of article text: an HTML page, Markdown with ``#`` headings, or plain text."""
    head = text.lstrip()[:512].lower()
    if head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text):
        return "html"
    if any(_markdown_heading_level(line) for line in text.splitlines()):
        return "markdown"
    return "text"


def _markdown_heading_level(line: str) -> int:
    stripped = line.lstrip(" ")
    if len(line) - len(stripped) > 3:
        return 0
    level = len(stripped) - len(stripped.lstrip("#"))
    if 1 <= level <= 6 and stripped[level:level + 1] in (" ", "\t") and stripped[level:].strip(" #\t"):
        return level
    return 0


def normalise_newlines(text: str) -> str:
    """Remove a leading BOM and turn CRLF / CR line breaks into ``\\n``."""
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _finish(text: str, fmt: str, *, encoding, path, sha256) -> Source:
    text = normalise_newlines(text)
    if _control_ratio(text) > 0.05:
        raise ArticleError(f"{path or 'input'}: binary data (control characters), not a text article")
    published = html_title = None
    if fmt == "html":
        text, html_title, published = extract_html(text, name=path or "input")
    if not text.strip():
        raise ArticleError(f"{path or 'input'}: empty article (no text)")
    if len(text) > MAX_ARTICLE_CHARS:
        raise ArticleError(
            f"{path or 'input'}: article too long ({len(text):,} characters, the limit is {MAX_ARTICLE_CHARS:,}); "
            "for a collection of articles use corpus mode: python -m analysis corpus PATH --out DIR"
        )
    return Source(text, fmt, encoding, path, sha256, published, html_title)


def extract_html(html: str, *, name: str = "input") -> tuple[str, str | None, str | None]:
    """Main text of a saved HTML page, as Markdown-shaped text, with its title and date.

    trafilatura finds the article body (dropping navigation, scripts and styles); its XML
    output keeps headings and paragraphs apart, which we write back as ``## heading`` /
    paragraph blocks so the Markdown parser recovers the structure.
    """
    import trafilatura
    from lxml import etree

    xml = trafilatura.extract(html, output_format="xml", favor_recall=True, include_comments=False)
    metadata = trafilatura.extract_metadata(html)
    title = metadata.title if metadata else None
    published = metadata.date if metadata else None
    if not xml:
        raise ArticleError(f"{name}: no article text found in the HTML page")
    root = etree.fromstring(xml.encode("utf-8"))
    blocks = []
    if title:
        blocks.append("# " + " ".join(title.split()))
    for element in root.iter("head", "p", "item", "quote", "cell"):
        words = " ".join("".join(element.itertext()).split())
        if not words or (element.tag == "p" and element.getparent().tag in ("item", "quote")):
            continue
        if element.tag == "head":
            if title and words == " ".join(title.split()):
                continue
            blocks.append("## " + words)
        else:
            blocks.append(words)
    return "\n\n".join(blocks), title, published
