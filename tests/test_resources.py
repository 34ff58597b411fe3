"""Reference tables: packaged defaults, the override folder, the one cached loader, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from analysis import claims, lexicon, references
from analysis.errors import ArticleError, ReferenceTableError
from analysis.resources import DATA_ENV_VAR, PACKAGE_DATA, load_reference, read_rows, reference_path

ALIAS_HEADER = "alias\tcanonical\ttype\tcode\n"
STATES_HEADER = "alpha3\tnames\tdemonyms\tcapitals\tgovernment\n"
CLAIM_LEXICON = json.loads((PACKAGE_DATA / "claim_lexicon.json").read_text(encoding="utf-8"))


DENIALS_NOT_A_LIST = json.dumps({**CLAIM_LEXICON, "denials": "deny"}, indent=2)
DENIALS_LINE = DENIALS_NOT_A_LIST.splitlines().index('  "denials": "deny"') + 1


def _json_without(key: str) -> str:
    return json.dumps({k: v for k, v in CLAIM_LEXICON.items() if k != key}, indent=2)


def _states(path):
    return references.reference_index(states_path=path)


def _blocs(path):
    return references.reference_index(blocs_path=path)


# (loader, file name, content, line named, words the message must hold)
BAD_TABLES = [
    (references.load_aliases, "actor_aliases.tsv", ALIAS_HEADER + "X\tY\tplanet\t\n", 2, "unknown type 'planet'"),
    (references.load_aliases, "actor_aliases.tsv", "# comment\n\n" + ALIAS_HEADER + "A\tB\t\t\nX\tY\tplanet\t\n", 5,
     "unknown type"),
    (references.load_aliases, "actor_aliases.tsv", "alias\ttype\tcode\nX\tstate\t\n", 1, "lacks column(s) canonical"),
    (references.load_aliases, "actor_aliases.tsv", ALIAS_HEADER + "\tY\t\t\n", 2, "needs an alias"),
    (references.load_aliases, "actor_aliases.tsv", ALIAS_HEADER + "A\tB\tstate\tX\textra\n", 2, "5 cells"),
    (references.load_aliases, "actor_aliases.tsv", (ALIAS_HEADER + "A\tB\t\t\nC\xff\tD\t\t\n").encode("latin-1"), 3,
     "not UTF-8"),
    (_states, "states.tsv", STATES_HEADER + "RUS\tRussia\tRussian\tMoscow\tKremlin\nRU\tRuthenia\t\t\t\n", 3,
     "alpha3 'RU'"),
    (_states, "states.tsv", "# states\nnames\tdemonyms\nRussia\tRussian\n", 2, "lacks column(s) alpha3"),
    (references.independence_days, "states.tsv", "alpha3\tnames\tindependence\nUKR\tUkraine\t24-08\n", 2,
     "MM-DD"),
    (_blocs, "blocs.tsv", "name\taliases\tcode\n\tNATO\tIGO\n", 2, "needs a name"),
    (references.cameo_sectors, "cameo_sectors.tsv", "pattern\tsector\tmeaning\n(unclosed\tGOV\tx\n", 2,
     "not a regular expression"),
    (lexicon.load_lexicon, "theme_lexicon.csv", "code,name,lemmas\nOK,Fine,word\n,Missing code,word\n", 3,
     "needs a code and at least one lemma"),
    (lexicon.load_lexicon, "theme_lexicon.csv", "code,name,lemmas\nSEA,Sea, ; \n", 2, "at least one lemma"),
    (lexicon.load_lexicon, "theme_lexicon.csv", "code,name\nSEA,Sea\n", 1, "lacks column(s) lemmas"),
    (claims.load_lexicon, "claim_lexicon.json", '{\n  "speech_verbs": [\n    "say",\n  ]\n}\n', 4, "not valid JSON"),
    (claims.load_lexicon, "claim_lexicon.json", _json_without("hedges"), 1, "no key 'hedges'"),
    (claims.load_lexicon, "claim_lexicon.json", DENIALS_NOT_A_LIST, DENIALS_LINE, "'denials' must be a list"),
]


@pytest.mark.parametrize(("load", "name", "content", "line", "words"), BAD_TABLES)
def test_a_malformed_table_names_the_file_and_the_line(tmp_path, load, name, content, line, words):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    with pytest.raises(ReferenceTableError) as raised:
        load(path)
    message = str(raised.value)
    assert message.startswith(f"{path}, line {line}: "), message
    assert words in message and "\n" not in message
    assert isinstance(raised.value, ArticleError)  # so the CLI's one-line handling applies


def test_a_missing_table_is_one_line_too(tmp_path):
    with pytest.raises(ReferenceTableError, match="missing.tsv: cannot read the reference table"):
        references.load_aliases(tmp_path / "missing.tsv")


@pytest.mark.parametrize(
    ("name", "content", "line"),
    [("actor_aliases.tsv", ALIAS_HEADER + "X\tY\tplanet\t\n", 2),
     ("claim_lexicon.json", _json_without("speech_verbs"), 1)],
)
def test_cli_exits_2_with_one_line_for_a_malformed_table(tmp_path, name, content, line):
    override = tmp_path / "tables"
    override.mkdir()
    (override / name).write_text(content, encoding="utf-8")
    article = tmp_path / "article.txt"
    article.write_text("Talks\n\nThe Kremlin said Russia would attend the talks.\n", encoding="utf-8")
    completed = subprocess.run([sys.executable, "-m", "analysis", "analyze", str(article)], capture_output=True,
                               text=True, timeout=300, env={**os.environ, DATA_ENV_VAR: str(override)})
    assert completed.returncode == 2 and completed.stdout == ""
    lines = completed.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in completed.stderr, completed.stderr
    assert lines[0].startswith(f"error: {override / name}, line {line}: ")


def test_public_paths_are_the_packaged_tables():
    assert PACKAGE_DATA.parent == Path(references.__file__).parent
    for path in (references.STATES_FILE, references.BLOCS_FILE, references.ALIASES_FILE, references.CAMEO_FILE,
                 claims.LEXICON_PATH, lexicon.DEFAULT_LEXICON):
        assert path.parent == PACKAGE_DATA and path.is_file()


def test_the_override_folder_replaces_a_packaged_table_by_name(tmp_path, monkeypatch):
    (tmp_path / "actor_aliases.tsv").write_text(ALIAS_HEADER + "the gas giant\tGazprom\torganization\tRUSBUS\n",
                                                encoding="utf-8")
    explicit = tmp_path / "mine.tsv"
    explicit.write_text(ALIAS_HEADER + "Moskva\tMoscow\tlocation\t\n", encoding="utf-8")
    packaged = references.load_aliases()
    monkeypatch.setenv(DATA_ENV_VAR, str(tmp_path))

    assert reference_path(references.ALIASES_FILE) == tmp_path / "actor_aliases.tsv"
    assert reference_path(references.STATES_FILE) == references.STATES_FILE  # not in the folder: packaged
    aliases = references.load_aliases()
    assert aliases["gas giant"].code == "RUSBUS" and aliases != packaged
    assert "moskva" in references.load_aliases(explicit)  # an explicit path is read as given
    assert "moskva" not in aliases

    monkeypatch.delenv(DATA_ENV_VAR)
    assert references.load_aliases() == packaged


_parses: list[Path] = []


def _counting_parse(path: Path) -> list:
    _parses.append(path)
    return read_rows(path)


def test_an_unchanged_table_is_parsed_once_and_an_edited_one_again(tmp_path):
    path = tmp_path / "table.tsv"
    path.write_text("name\tcode\nNATO\tIGO\n", encoding="utf-8")
    _parses.clear()
    first = load_reference(path, _counting_parse)
    assert load_reference(path, _counting_parse) is first and len(_parses) == 1

    path.write_text("name\tcode\nOSCE\tIGO\n", encoding="utf-8")  # same size: only the time tells
    stat = os.stat(path)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    assert load_reference(path, _counting_parse)[0][1]["name"] == "OSCE" and len(_parses) == 2
    path.write_text("name\tcode\nOSCE\tIGO\nAU\tIGO\n", encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))  # same time: the size tells
    assert len(load_reference(path, _counting_parse)) == 2 and len(_parses) == 3


def test_an_edited_alias_file_is_read_again_by_extract_actors(tmp_path):
    from analysis import load_article
    from analysis.actors import extract_actors

    path = tmp_path / "aliases.tsv"
    path.write_text(ALIAS_HEADER + "Gazprom\tGazprom\torganization\tRUSBUS\n", encoding="utf-8")
    text = "Gas\n\nGazprom raised prices on Monday."
    assert references.load_aliases(path) is references.load_aliases(path)
    assert {a.code for a in extract_actors(load_article(text), aliases_path=path).actors} == {"RUSBUS"}
    path.write_text(ALIAS_HEADER + "Gazprom\tGazprom\torganization\tRUSGOVBUS\n", encoding="utf-8")
    assert {a.code for a in extract_actors(load_article(text), aliases_path=path).actors} == {"RUSGOVBUS"}


def test_corpus_cache_keys_change_with_a_table_and_a_bad_table_stops_the_run(tmp_path, monkeypatch):
    from analysis.corpus import ResultCache, run_corpus
    from analysis.reading import read_source

    source = read_source(b"Talks\n\nThe Kremlin said Russia would attend.")
    before = ResultCache(tmp_path / "cache", model="m").key(source)
    override = tmp_path / "tables"
    override.mkdir()
    (override / "states.tsv").write_text(STATES_HEADER + "RUS\tRussia\tRussian\tMoscow\tKremlin\n", encoding="utf-8")
    monkeypatch.setenv(DATA_ENV_VAR, str(override))
    assert ResultCache(tmp_path / "cache", model="m").key(source) != before  # an edited table: analysed again

    (override / "states.tsv").write_text(STATES_HEADER + "R\tRussia\t\t\t\n", encoding="utf-8")
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("Talks\n\nThe Kremlin said Russia would attend.\n", encoding="utf-8")
    with pytest.raises(ReferenceTableError, match=r"states.tsv, line 2: alpha3 'R'"):  # not one error per article
        run_corpus([folder], tmp_path / "out", progress=False)


def test_independence_days_are_read_from_the_states_table(tmp_path):
    path = tmp_path / "states.tsv"
    path.write_text("alpha3\tnames\tindependence\nUKR\tUkraine\t08-24\nLTU\tLithuania\t\n", encoding="utf-8")
    assert references.independence_days(path) == {"UKR": (8, 24)}  # an empty cell: no day known
