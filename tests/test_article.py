"""Parsing articles into title, sections, paragraphs and sentences, in every input format."""

from __future__ import annotations

import pickle

import pytest

from analysis import ArticleError, analyze, load_article
from analysis.claims import extract_claims
from analysis.nlp import doc_text
from analysis.structure import HEADING, PARAGRAPH, TITLE, layout_blocks, looks_like_heading

from .conftest import assert_offsets_round_trip

PLAIN_ONE_LINE_PER_PARAGRAPH = """Harbour Strike Enters Second Week
Dock workers in Rotterdam extended their strike on Monday. The union said talks had stalled.
Shipping lines diverted vessels to Antwerp, according to port officials.
Talks Resume
Negotiators for both sides met again on Thursday. A mediator from the labour ministry chaired the session.
"""

PLAIN_BLANK_LINES_WRAPPED = """City Council Approves New Budget

The council voted 7 to 2 on Tuesday to approve a budget that
raises spending on schools and public transport. The mayor called
it a fair compromise.

Opponents said the plan relied on optimistic revenue forecasts.

What Happens Next

The budget takes effect in January. Departments must submit
spending plans by March.
"""

MARKDOWN = """# Storm Closes Mountain Passes

Heavy snow closed three passes in the Alps overnight. Police advised drivers to stay home.

## Travel disruption
Rail services were suspended between two valleys. Operators expect delays until Friday.

## Outlook

Forecasters expect the snow to ease by the weekend.
"""

HTML_PAGE = """<!DOCTYPE html><html><head><title>Researchers Map Ocean Floor | Science Desk</title>
<meta property="article:published_time" content="2023-03-14T08:00:00Z">
<script>alert("should never run")</script><style>p { color: red }</style></head>
<body><nav><a href="/">Home</a> <a href="/science">Science</a></nav>
<article><h1>Researchers Map Ocean Floor</h1>
<p>A team of oceanographers has completed the most detailed map yet of a deep trench in the Pacific, the
institute said on Tuesday.</p>
<h2>New Methods</h2>
<p>The survey used autonomous submarines that spent four months at depth. Each vessel carried sonar and
cameras.</p>
<p>The data will be published openly next year, according to the project lead.</p>
</article><footer>© Science Desk</footer></body></html>
"""


def test_default_article_real_structure(default_article_path):
    article = load_article(default_article_path)
    assert article.title == "Joint Tactical Flight Exercises Between Belarus and Russia Planned on Belarusian Territory"
    assert article.title_source == "title line"
    assert [s.heading for s in article.sections] == [None, "NATO Response", "Speculation About a Special Operation"]
    assert [len(s.paragraph_ids) for s in article.sections] == [5, 4, 2]
    assert len(article.paragraphs) == 11
    assert article.text[article.paragraphs[0].start:].startswith("The press service of the Belarusian")
    assert article.text[article.paragraphs[-1].end - 20:article.paragraphs[-1].end].endswith("discussions.")
    assert all(len(p.sentences) >= 2 for p in article.paragraphs)
    assert_offsets_round_trip(analyze(article))


def test_plain_text_one_paragraph_per_line(write_article):
    article = load_article(write_article("strike.txt", PLAIN_ONE_LINE_PER_PARAGRAPH))
    assert article.title == "Harbour Strike Enters Second Week"
    assert [s.heading for s in article.sections] == [None, "Talks Resume"]
    assert [len(s.paragraph_ids) for s in article.sections] == [2, 1]
    assert [len(p.sentences) for p in article.paragraphs] == [2, 1, 2]


def test_plain_text_blank_line_paragraphs_keep_wrapped_lines_together(write_article):
    article = load_article(write_article("budget.txt", PLAIN_BLANK_LINES_WRAPPED))
    assert article.title == "City Council Approves New Budget"
    assert [s.heading for s in article.sections] == [None, "What Happens Next"]
    assert len(article.paragraphs) == 3
    first = article.text[article.paragraphs[0].start:article.paragraphs[0].end]
    assert first.startswith("The council voted") and first.endswith("a fair compromise.")
    assert len(article.paragraphs[0].sentences) == 2


def test_markdown_headings(write_article):
    article = load_article(write_article("storm.md", MARKDOWN))
    assert article.source.format == "markdown"
    assert article.title == "Storm Closes Mountain Passes"
    assert [s.heading for s in article.sections] == [None, "Travel disruption", "Outlook"]
    assert [len(p.sentences) for p in article.paragraphs] == [2, 2, 1]
    assert "#" not in article.title + "".join(s.heading or "" for s in article.sections)


def test_html_page_main_text_without_scripts_or_navigation(write_article):
    article = load_article(write_article("ocean.html", HTML_PAGE))
    assert article.source.format == "html"
    assert article.title.startswith("Researchers Map Ocean Floor")
    assert [s.heading for s in article.sections] == [None, "New Methods"]
    assert len(article.paragraphs) == 3
    assert "alert" not in article.text and "Home" not in article.text and "color" not in article.text
    assert article.source.published == "2023-03-14"
    assert_offsets_round_trip(analyze(article))


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1251", "latin-1", "utf-16"])
def test_encodings_are_detected(write_article, encoding):
    body = {
        "cp1251": "Переговоры в Минске\n\nДелегации встретились во вторник. Итоги пока не объявлены.\n",
        "latin-1": "Café Owners Protest\n\nThe café owners of Montréal protested on Monday. They want lower rents.\n",
    }.get(encoding, "Prices Rise Again\n\nThe bank’s “core” rate rose — again — to 5%. Markets fell.\n")
    article = load_article(write_article("enc.txt", body, encoding=encoding))
    assert article.text == body
    assert article.paragraphs and article.title == body.split("\n")[0]


def test_crlf_and_bom_are_normalised(write_article):
    raw = "\ufeffTitle Of Story\r\n\r\nFirst line of text. Second sentence.\r\nAnother paragraph here.\r\n"
    article = load_article(write_article("crlf.txt", raw))
    assert "\r" not in article.text and not article.text.startswith("\ufeff")
    assert article.title == "Title Of Story"
    assert [article.text[p.start:p.end] for p in article.paragraphs] == [
        "First line of text. Second sentence.\nAnother paragraph here."
    ]


def test_single_line_is_a_paragraph_with_a_derived_title():
    article = load_article("Only one line of text here, ending with a full stop.")
    assert len(article.paragraphs) == 1
    assert article.title_source == "first sentence"
    assert article.text[article.title_start:article.title_end] == article.title


@pytest.mark.parametrize(
    "line, expected",
    [
        ("NATO Response", True),
        ("Speculation About a Special Operation", True),
        ("Reaction in Brussels", True),
        ("The minister said talks had failed.", False),
        ("what happened next", False),
        ("Is this a heading?", False),
        ("A very long line that goes on and on with many words and would never be a heading in a news piece", False),
        ("– Dockers cry ‘sabotage’ in the port –", True),
        ("-Chapter 2: the long winter-", True),
        ("— Ferry talks stall? —", True),
        ("- We will not give up - said the mayor", False),
        ("- The mayor said the talks had failed. -", False),
        ("- 30 -", False),
        ("– one two three four five six seven eight nine ten eleven twelve thirteen –", False),
    ],
)
def test_heading_shape(line, expected):
    assert looks_like_heading(line) is expected


@pytest.mark.parametrize("text, expected", [
    pytest.param("– Dockers strike in the port –\n\nThe union said talks had stalled.\n\n"
                 "—Ferry operator warns of cancellations—\n\nThe operator cut sailings.\n\n– Closing note –",
                 [(TITLE, "Dockers strike in the port"), (PARAGRAPH, "The union said talks had stalled."),
                  (HEADING, "Ferry operator warns of cancellations"), (PARAGRAPH, "The operator cut sailings."),
                  (PARAGRAPH, "– Closing note –")], id="a line framed by dashes is a heading narrowed to its words"),
    pytest.param("Dock Strike Spreads\n\nThe strike spread, the union has learned.“The port is closed. “We wait,” he "
                 "said.“Never!”“Talks resume,” she said.\n\nShe said, “The talks.“the end” came.",
                 [(TITLE, "Dock Strike Spreads"), (PARAGRAPH, "The strike spread, the union has learned."),
                  (PARAGRAPH, "“The port is closed. “We wait,” he said."), (PARAGRAPH, "“Never!”"),
                  (PARAGRAPH, "“Talks resume,” she said."), (PARAGRAPH, "She said, “The talks.“the end” came.")],
                 id="a sentence end glued to an opening quotation separates paragraphs"),
])
def test_plain_text_layout(text, expected):
    assert [(b.kind, text[b.start:b.end]) for b in layout_blocks(text)] == expected


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty"),
        (b"   \n\t\n  ", "empty"),
        (b"\x00\x01\x02\x03binary\x00data", "binary"),
        (bytes(range(256)) * 8, "binary"),
    ],
)
def test_bad_input_raises_the_documented_error(write_article, content, message):
    with pytest.raises(ArticleError, match=message):
        load_article(write_article("bad.txt", content))


def test_missing_path_and_directory(tmp_path):
    with pytest.raises(ArticleError, match="no such file"):
        load_article(tmp_path / "missing.txt")
    with pytest.raises(ArticleError, match="directory"):
        load_article(tmp_path)


def test_a_markdown_heading_with_no_body_after_it_becomes_body_text_without_its_marks(write_article):
    article = load_article(write_article("notes.md", "# Budget Notes\n\nThe council met on Monday.\n\n## Next steps"))
    last = article.paragraphs[-1]
    assert article.text[last.start:last.end] == "Next steps"
    assert [s.heading for s in article.sections] == [None]


def test_the_dateline_opening_the_body_is_in_no_sentence_so_no_claim_reads_it():
    text = "Talks\n\nHARBOURTON, May 3 (Harbour Wire) - The mayor said the port would reopen. Ships waited."
    article = load_article(text)
    assert article.dateline is not None and article.dateline.agency == "Harbour Wire"
    first = article.sentences[0]
    assert article.text[first.start:first.end].startswith("The mayor said")
    assert article.paragraphs[0].start == article.dateline.start  # the paragraph keeps every character
    claims = extract_claims(article)
    assert claims and all(claim.start >= article.dateline.end for claim in claims)


def test_doc_text_is_the_parse_text_joined_once_per_doc(nlp):
    first, second = nlp("Rome is old.  It rained\non Monday."), nlp("Another text.")
    text = doc_text(first)
    assert text == first.text and doc_text(first) is text  # the same string, not joined again
    assert doc_text(second) == "Another text."


@pytest.fixture(scope="module")
def shipped(nlp):
    """The same model as spaCy ships it, without load_model's look-up tables."""
    import spacy

    return spacy.load(nlp.path)


def test_the_lemmatizer_base_forms_are_sets_and_give_spacys_own_lemmas(nlp, shipped):
    index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    assert index.get("noun") and all(isinstance(forms, frozenset) for forms in index.values())
    assert isinstance(shipped.get_pipe("lemmatizer").lookups.get_table("lemma_index").get("noun"), list)
    text = "The geese were flying faster; two children ran, and the mice hid under wolves' houses in crises."
    assert [t.lemma_ for t in nlp(text)] == [t.lemma_ for t in shipped(text)]



def test_the_attribute_rules_found_by_look_up_match_as_spacys_matcher_does(nlp, shipped):
    text = ("I ain't gonna say it, but you did. There is a deal: y'all let's go, c'mon!  It was done as\n"
            "they had hoped, and that which she said was what I told you. Do it; he has done it. Gotta run.")
    with nlp.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        doc = nlp(text)
    ours, theirs = nlp.get_pipe("attribute_ruler"), shipped.get_pipe("attribute_ruler")
    assert "match" in vars(ours)  # the look-up, not the class's Matcher
    assert ours.match(doc) == theirs.match(doc) and len(ours.match(doc)) > len(doc)
    assert [(t.pos_, t.lemma_, str(t.morph)) for t in nlp(text)] == [(t.pos_, t.lemma_, str(t.morph))
                                                                       for t in shipped(text)]


def test_the_indexed_model_pickles_as_spawned_workers_receive_it(nlp, shipped):
    """``nlp.pipe(n_process=…)`` pickles the pipeline where processes are spawned (macOS, Windows)."""
    copy = pickle.loads(pickle.dumps(nlp))
    assert "match" in vars(copy.get_pipe("attribute_ruler"))
    text = "She didn't say they'd gone; the mice were hidden, and that which he told us was true."
    assert [(t.pos_, t.lemma_, str(t.morph)) for t in copy(text)] == [(t.pos_, t.lemma_, str(t.morph))
                                                                        for t in shipped(text)]
