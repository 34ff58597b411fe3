"""Themes: clustering, stability, names, the lexicon, the JSON fields, the charts and notebook 02."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.figure import Figure

from analysis import ThemeClustering, analyze, cluster_texts, clustering, load_article
from analysis.charts import themes as theme_charts
from analysis.config import NOTEBOOKS_DIR
from analysis.errors import ArticleError
from analysis.lexicon import load_lexicon, score_lexicon
from analysis.themes import (
    ARTICLE_OPTIONS,
    CORPUS_OPTIONS,
    CORPUS_TERM_TEXTS,
    Partition,
    _by_silhouette,
    _confidence,
    _label_terms,
    article_themes,
    batched_kmeans,
    max_feasible_themes,
    multinomial_refine,
    paragraph_terms_and_nameable,
    shared_terms,
    span_nameable_terms,
    span_terms,
    texts_terms,
    word_terms,
)

SPORT = [
    "The striker scored a goal as the home team won the league match; the coach praised the team.",
    "The goalkeeper saved a penalty and the coach praised the team's defence after the cup match.",
    "Fans cheered when the team's midfielder scored the winning goal late in the league match.",
    "The coach said the team trained hard for the match and the players want another goal.",
]
WEATHER = [
    "Heavy rain and strong wind are in the forecast for the coast as the storm arrives tonight.",
    "Forecasters expect the storm to bring snow, rain and wind to the hills, the forecast says.",
    "The storm brought rain and wind gusts to the coast, and the forecast warns of flooding.",
    "After the storm, the forecast is for lighter wind and rain, with fog on the coast.",
]


def two_topic_article(write_article):
    """Sport and weather paragraphs in alternating pairs, under a title: topic of paragraph i is (i // 2) % 2
    (each theme returns, and neighbours share one, as in an article)."""
    paragraphs = [*SPORT[:2], *WEATHER[:2], *SPORT[2:], *WEATHER[2:]]
    return load_article(write_article("mixed.txt", "Sport and Weather Roundup\n\n" + "\n\n".join(paragraphs)))


def same_partition(labels, truth) -> bool:
    pairs = {(a, b) for a, b in zip(labels, truth)}
    return len(pairs) == len(set(labels)) == len(set(truth))


def test_two_topic_article_is_split_along_its_topics(write_article):
    article = two_topic_article(write_article)
    model = article_themes(article)
    assert model.n_themes_ == 2, model.k_reason_
    assert same_partition(model.labels_.tolist(), [(i // 2) % 2 for i in range(len(article.paragraphs))])
    assert model.labels_[0] == 0  # themes are numbered in order of first appearance
    sport_theme = int(model.labels_[0])
    assert {"match", "coach"} & set(model.terms_[sport_theme][:5])
    assert {"rain", "forecaster", "storm", "wind"} & set(model.terms_[1 - sport_theme][:5])


def test_same_input_same_themes(write_article):
    article = two_topic_article(write_article)
    first, second = article_themes(article, random_state=3), article_themes(article, random_state=3)
    assert first.labels_.tolist() == second.labels_.tolist()
    assert np.array_equal(first.sample_stability_, second.sample_stability_)
    assert first.terms_ == second.terms_
    texts = SPORT + WEATHER
    assert cluster_texts(texts, k=2) == cluster_texts(texts, k=2)


def test_stability_scores_are_in_range_and_clear_topics_are_firm(write_article):
    model = article_themes(two_topic_article(write_article))
    assert np.all((model.sample_stability_ >= 0) & (model.sample_stability_ <= 1))
    assert np.all((model.stability_ >= 0) & (model.stability_ <= 1))
    assert model.stability_.min() >= 0.8


def run_of(labels) -> Partition:
    """A stability re-clustering that found ``labels`` (its other fields unused by ``_confidence``)."""
    return Partition(np.array(labels), "", {}, {}, np.zeros((len(labels), 1)), np.zeros((len(labels), 1)))


@pytest.mark.parametrize(("runs", "expected"), [
    ([[0, 0, 1, 1], [1, 1, 0, 0]], 1.0),  # the same partition every time (numbering aside), silhouette 1
    ([[0, 1, 0, 1]], 0.25),  # a crossing partition: adjusted Rand index -0.5, so (-0.5 + 1) / 2
    ([[0, 0, 1, 1], [0, 1, 0, 1]], 0.625),  # the mean of 1 and -0.5, then with the silhouette
])
def test_confidence_is_the_mean_of_agreement_and_silhouette(runs, expected):
    vectors = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.0, 1.0]])  # two themes, each a direction
    assert _confidence(np.array([0, 0, 1, 1]), vectors, [run_of(run) for run in runs]) == pytest.approx(expected)


def test_confidence_is_undefined_for_one_theme_or_no_rerun():
    vectors = np.eye(4)
    assert np.isnan(_confidence(np.zeros(4, int), vectors, [run_of([0, 0, 1, 1])]))
    assert np.isnan(_confidence(np.array([0, 0, 1, 1]), vectors, []))


def test_a_fitted_model_carries_its_confidence(write_article):
    article = two_topic_article(write_article)
    assert 0 <= article_themes(article).confidence_ <= 1
    assert np.isnan(article_themes(article, n_resamples=0).confidence_)


def test_one_paragraph_is_one_theme_with_its_reason(write_article):
    article = load_article(write_article("one.txt", "Title Here\n\n" + SPORT[0]))
    model = article_themes(article)
    assert model.labels_.tolist() == [0]
    assert "one text" in model.k_reason_
    assert model.stability_.tolist() == [1.0] and model.sample_stability_.tolist() == [1.0]


@pytest.mark.parametrize(("texts", "expected"), [
    ([SPORT[0], SPORT[2]], [0, 0]),
    ([SPORT[0], WEATHER[0]], [0, 1]),
])
def test_two_paragraphs_join_only_when_they_share_words(texts, expected):
    model = ThemeClustering().fit(texts_terms(texts))
    assert model.labels_.tolist() == expected
    assert "two texts, cosine similarity" in model.k_reason_


def test_three_paragraphs_pair_the_related_two():
    model = ThemeClustering().fit(texts_terms([SPORT[0], WEATHER[1], SPORT[2]]))
    assert model.labels_.tolist() == [0, 1, 0]
    assert "silhouette" in model.k_reason_


def test_user_override_and_too_many_themes():
    texts = SPORT + WEATHER
    assert len(set(cluster_texts(texts, k=3))) == 3
    model = ThemeClustering(20, n_resamples=0).fit(texts_terms(texts[:3]))
    assert model.n_themes_ == 3 and "at most 3 texts" in model.k_reason_
    assert cluster_texts([]) == []
    with pytest.raises(ValueError, match="n_themes"):
        ThemeClustering(0).fit(texts_terms(texts))


def test_another_vectorizer_on_raw_strings():
    from sklearn.feature_extraction.text import CountVectorizer

    model = ThemeClustering(vectorizer=CountVectorizer(stop_words="english")).fit(SPORT + WEATHER)
    assert same_partition(model.labels_.tolist(), [0] * 4 + [1] * 4)
    assert "match" in model.feature_names_


def test_texts_without_content_words_are_one_theme():
    model = ThemeClustering().fit(texts_terms(["It is what it is.", "And so on, and so on.", "Was it?"]))
    assert model.labels_.tolist() == [0, 0, 0]
    assert "no content words" in model.k_reason_


def test_cluster_texts_separates_a_small_corpus_without_k():
    assert same_partition(cluster_texts(SPORT + WEATHER), [0] * 4 + [1] * 4)


def test_a_large_collection_chooses_its_number_of_topics_by_half_sample_agreement():
    rng = np.random.RandomState(0)
    topics = [[f"topic{t}word{w}" for w in range(15)] for t in range(3)]
    shared = [f"common{w}" for w in range(30)]
    truth = [i % 3 for i in range(120)]
    documents = [list(rng.choice(topics[t], 8)) + list(rng.choice(shared, 6)) for t in truth]
    model = ThemeClustering(n_resamples=0).fit(documents)
    assert model.n_themes_ == 3, model.k_reason_
    assert "random halves" in model.k_reason_ and set(model.k_stability_) == set(model.silhouette_)
    assert same_partition(model.labels_.tolist(), truth)


@pytest.mark.parametrize(("min_texts", "max_share", "expected"), [
    (2, 0.75, [["rain"], ["rain", "goal"], ["goal"], ["goal"]]),  # "snow" and "cup" are in one list each
    (2, 0.5, [["rain"], ["rain"], [], []]),  # "goal", in three of four, too
    (1, 1.0, [["rain", "snow"], ["rain", "goal"], ["goal", "cup"], ["goal"]]),
])
def test_shared_terms_leave_out_terms_of_too_few_or_too_many_texts(min_texts, max_share, expected):
    documents = [["rain", "snow"], ["rain", "goal"], ["goal", "cup"], ["goal"]]
    assert shared_terms(documents, min_texts, max_share) == expected


def test_a_corpus_is_clustered_on_the_terms_it_shares():
    rng = np.random.RandomState(1)
    topics = [["harbour", "ferry", "cargo", "sailor", "dock"], ["violin", "choir", "concert", "opera", "tenor"]]
    truth = [i % 2 for i in range(120)]
    # Each text: words of its topic, a word of its own (made of letters) and one word every text holds.
    texts = [" ".join([*rng.choice(topics[t], 6), "".join(chr(97 + int(d)) for d in f"{i:03d}") + "zz", "today"])
             for i, t in enumerate(truth)]
    labels = cluster_texts(texts, k=2)
    expected = ThemeClustering(2, n_resamples=0, **CORPUS_OPTIONS)._fit(
        shared_terms(word_terms(texts), *CORPUS_TERM_TEXTS), describe=False).labels_.tolist()
    assert labels == expected
    assert same_partition(labels, truth)


def test_merged_clusters_rejoin_the_parts_of_a_large_theme_before_two_small_themes():
    rng = np.random.RandomState(0)
    directions = np.eye(3)
    # A large theme near the first axis cut in three parts, two small themes near the others.
    parts = [directions[0] + 0.3 * rng.randn(3) * [0, 1, 1] for _ in range(30)]
    vectors = np.array(parts + [directions[1] + 0.05 * rng.randn(3) for _ in range(4)]
                       + [directions[2] + 0.05 * rng.randn(3) for _ in range(4)])
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    labels = np.array([2 + i % 3 for i in range(30)] + [0] * 4 + [1] * 4)
    merged = clustering.merge_clusters(vectors[None], labels[None], 3)[0]
    assert merged.tolist() == [2] * 30 + [0] * 4 + [1] * 4
    assert clustering.merge_clusters(vectors[None], labels[None], 5)[0].tolist() == labels.tolist()


def test_terms_keep_multi_word_names_and_compounds(nlp):
    terms = span_terms(nlp("The Union State strengthened its air defense near the border."))
    assert "union state" in terms and "air defense" in terms
    assert "the" not in terms and "." not in terms and "strengthen" in terms


def test_feasible_range_stops_at_two_texts_per_theme():
    assert [max_feasible_themes(n, 8) for n in (3, 4, 7, 11, 40)] == [2, 2, 3, 5, 8]
    assert [max_feasible_themes(n) for n in (8, 40, 100, 2000)] == [4, 12, 8, 8]  # 2 √n; 8 in collections


def test_analyze_json_carries_themes_and_lexicon(default_article_path):
    result = analyze(default_article_path)
    themes, paragraphs = result["themes"], result["paragraphs"]
    assert sorted(i for theme in themes for i in theme["paragraph_ids"]) == [p["id"] for p in paragraphs]
    for theme in themes:
        assert theme["label"] and theme["terms"] and 0 <= theme["stability"] <= 1
        assert all(paragraphs[i]["theme_id"] == theme["id"] for i in theme["paragraph_ids"])
    assert all(0 <= p["theme_stability"] <= 1 for p in paragraphs)
    choice = result["theme_choice"]
    assert choice["n_themes"] == len(themes) and choice["reason"]
    assert set(choice["stability"]) == set(choice["silhouette"])
    assert all(0 <= value <= 1 for value in choice["stability"].values())
    assert choice["confidence"] is None if len(themes) == 1 else 0 <= choice["confidence"] <= 1
    codes = {c["code"] for c in result["theme_lexicon"]["codes"]}
    assert all(set(p["lexicon_scores"]) == codes for p in paragraphs)
    for match in result["theme_lexicon"]["matches"]:
        assert result["text"][match["start"]:match["end"]] == match["text"]
    # the default article speaks of air defense systems and a joint exercise
    assert any(m["code"] == "AIR_DEFENSE" and m["text"] == "air defense" for m in result["theme_lexicon"]["matches"])
    assert sum(p["lexicon_scores"]["MIL_EXERCISE"] for p in paragraphs) > 0


def test_lexicon_matches_multi_word_lemmas(write_article, tmp_path):
    lexicon_path = tmp_path / "lexicon.csv"
    lexicon_path.write_text("code,name,lemmas\nDEF,Defence,air defense; missile\nSEA,Sea,ship\n", encoding="utf-8")
    lexicon = load_lexicon(lexicon_path)
    article = load_article(write_article("a.txt", "Title Line\n\nThe air defenses fired two missiles.\n\nNo ships."))
    scored = score_lexicon(article, lexicon)
    assert [(m.code, m.text, m.paragraph_id) for m in scored.matches] == [
        ("DEF", "air defenses", 0), ("DEF", "missiles", 0), ("SEA", "ships", 1)]
    assert scored.paragraph_scores[0] == {"DEF": 50.0, "SEA": 0.0}
    assert scored.paragraph_scores[1] == {"DEF": 0.0, "SEA": 50.0}


def test_an_edited_lexicon_is_read_again(tmp_path):
    import os

    path = tmp_path / "lexicon.csv"
    path.write_text("code,name,lemmas\nSEA,Sea,ship\n", encoding="utf-8")
    assert [t.code for t in load_lexicon(path)] == ["SEA"]
    path.write_text("code,name,lemmas\nAIR,Air,plane\nSEA,Sea,ship\n", encoding="utf-8")
    os.utime(path, ns=(os.stat(path).st_atime_ns, os.stat(path).st_mtime_ns + 10**9))  # a later version
    assert [t.code for t in load_lexicon(path)] == ["AIR", "SEA"]


def test_malformed_lexicon_names_the_row(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("code,name,lemmas\nOK,Fine,word\n,Missing code,word\n", encoding="utf-8")
    with pytest.raises(ArticleError, match="line 3"):
        load_lexicon(path)


def test_actor_theme_counts_from_a_hand_built_mentions_list():
    mentions = [
        {"actor_id": 7, "actor": "Ministry of Defence", "paragraph_id": 0},
        {"actor_id": 7, "actor": "Ministry of Defence", "paragraph_id": 2},
        {"actor_id": 3, "actor": "Jane Doe", "paragraph_id": 1},
        {"actor_id": 7, "actor": "Ministry of Defence", "paragraph_id": 1},
        {"actor_id": 3, "actor": "Jane Doe", "paragraph_id": None},  # in the title: no paragraph, no theme
    ]
    names, table = theme_charts.actor_theme_counts(mentions, [0, 1, 0])
    assert names == ["Ministry of Defence", "Jane Doe"]
    assert table.tolist() == [[2, 1], [0, 1]]
    as_frame = theme_charts.actor_theme_counts(pd.DataFrame(mentions).set_index("actor_id"), [0, 1, 0])
    assert as_frame[0] == names and as_frame[1].tolist() == table.tolist()
    figure = theme_charts.plot_actor_themes(mentions, [0, 1, 0], ["sport", "weather"])
    assert isinstance(figure, Figure) and figure.axes[0].get_title()


def test_every_theme_chart_returns_a_titled_figure(write_article):
    article = two_topic_article(write_article)
    model = article_themes(article)
    figures = [
        theme_charts.plot_theme_map(model),
        theme_charts.plot_top_terms(model),
        theme_charts.plot_similarity(model, article),
        theme_charts.plot_theme_flow(model, article),
        theme_charts.plot_k_choice(model),
    ]
    for figure in figures:
        assert isinstance(figure, Figure)
        assert any(ax.get_title() for ax in figure.axes) or figure._suptitle is not None
    legend = figures[0].axes[0].get_legend()
    assert [t.get_text() for t in legend.get_texts()] == [f"T{t}: {model.theme_label(t)}" for t in range(2)]


def test_theme_map_joins_the_labels_of_texts_on_one_spot_and_keeps_the_k_legend_off_the_points():
    model = ThemeClustering().fit(texts_terms([SPORT[0], WEATHER[0], SPORT[0], WEATHER[1], SPORT[1], WEATHER[2]]))
    labels = sorted(text.get_text() for text in theme_charts.plot_theme_map(model).axes[0].texts)
    assert "¶0, ¶2" in labels  # the same text twice: one spot, one label
    assert sorted(part for label in labels for part in label.split(", ")) == sorted(f"¶{i}" for i in range(6))
    figure = theme_charts.plot_k_choice(model)
    figure.canvas.draw()
    left = figure.axes[0]
    legend_box, axes_box = left.get_legend().get_window_extent(), left.get_window_extent()
    assert legend_box.y1 <= axes_box.y0  # below the plotting area


@pytest.mark.notebooks
def test_notebook_02_runs_top_to_bottom():
    from analysis.report import execute_notebook

    notebook = execute_notebook(NOTEBOOKS_DIR / "02_topic_clustering.ipynb", {"ARTICLE_PATH": None, "RANDOM_STATE": 0})
    outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    data = [o.get("data", {}) for o in outputs]
    figures = [d for d in data if "image/png" in d or d.get("text/plain", "").startswith("<Figure")]
    assert len(figures) >= 6
    printed = "".join(o.get("text", "") for o in outputs)
    assert "agreement with the article's themes (ARI): 1" in printed


def random_views(seed: int, views: int = 4, texts: int = 12, terms: int = 30):
    """Random sparse TF-IDF-like weights and the terms of each view: a random 80 % of them."""
    from scipy.sparse import csr_matrix

    rng = np.random.RandomState(seed)
    weights = csr_matrix(rng.rand(texts, terms) * (rng.rand(texts, terms) < 0.3))
    column_sets = [np.flatnonzero(rng.rand(terms) < 0.8) for _ in range(views)]
    return weights, column_sets


def one_view_at_a_time(monkeypatch):
    """Make every view too large to hold densely: :func:`view_chunks` then yields one sparse view per chunk."""
    monkeypatch.setattr(clustering, "CHUNK_FLOATS", 1)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_stack_of_views_gives_each_view_its_own_lsa_smoothing_silhouette_and_refinement(seed, monkeypatch):
    weights, column_sets = random_views(seed)
    (stack, _), = clustering.view_chunks(weights, column_sets)
    labels = np.random.RandomState(seed).randint(3, size=(len(column_sets), weights.shape[0]))
    labels[0] = 0  # a view not split at all scores -1
    vectors = clustering.lsa(stack, 100)
    smoothed = clustering.smooth(vectors, 2)
    scores = clustering.silhouette(smoothed, labels)
    refined = clustering.refine(stack, labels, 3)
    assert scores[0] == -1 and np.all(scores[1:] > -1)
    one_view_at_a_time(monkeypatch)
    singles = list(clustering.view_chunks(weights, column_sets))
    assert [columns for _, columns in singles] == [[columns] for columns in column_sets]
    for view, (single, _) in enumerate(singles):
        assert single.sparse and not stack.sparse
        alone = clustering.lsa(single, 100)
        alone_smoothed = clustering.smooth(alone, 2)
        # the same geometry (the components may differ in sign and zero padding)
        assert np.allclose(alone[0] @ alone[0].T, vectors[view] @ vectors[view].T)
        assert np.allclose(alone_smoothed[0] @ alone_smoothed[0].T, smoothed[view] @ smoothed[view].T)
        assert np.array_equal(clustering.smooth(vectors[view:view + 1], 2)[0], smoothed[view])
        assert clustering.silhouette(alone_smoothed, labels[view:view + 1])[0] == pytest.approx(scores[view])
        assert clustering.refine(single, labels[view:view + 1], 3).tolist() == refined[view:view + 1].tolist()


@pytest.mark.parametrize("sample_size", [2000, 25])
def test_silhouette_equals_scikit_learns_cosine_silhouette(sample_size):
    from sklearn.metrics import silhouette_score

    rng = np.random.RandomState(sample_size)
    vectors = rng.randn(3, 40, 5)
    labels = rng.randint(4, size=(3, 40))
    labels[1, :3] = [3, 3, 3]
    labels[1, labels[1] == 3] = 2
    labels[1, 0] = 3  # a theme of one text
    scores = clustering.silhouette(vectors, labels, random_state=7, sample_size=sample_size)
    for view in range(3):
        expected = silhouette_score(vectors[view], labels[view], metric="cosine",
                                    sample_size=sample_size if sample_size < 40 else None, random_state=7)
        assert scores[view] == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize("seed", [0, 7])
def test_seeded_random_draws_as_a_new_random_state_even_when_reused_or_nested(seed):
    def draws(rng):
        return [rng.permutation(30), rng.standard_normal((2, 3)), rng.randint(9, size=4), rng.random_sample(3),
                rng.choice(20, 5, replace=False)]

    expected = draws(np.random.RandomState(seed))
    for _ in range(2):  # the second time re-seeds the generator the first one gave back
        with clustering.seeded_random(seed) as rng:
            with clustering.seeded_random(seed + 1) as inner:  # a nested use gets its own generator
                inner.permutation(30)
            found = draws(rng)
        assert inner is not rng and all(np.array_equal(got, want) for got, want in zip(found, expected))


def test_smoothing_averages_the_nearest_neighbours_in_row_blocks(monkeypatch):
    from sklearn.neighbors import NearestNeighbors
    from sklearn.preprocessing import normalize

    vectors = np.random.RandomState(0).randn(2, 30, 4)
    whole = clustering.smooth(vectors, 3)
    for view in range(2):
        index = NearestNeighbors(n_neighbors=4).fit(vectors[view]).kneighbors(vectors[view], return_distance=False)
        expected = normalize(vectors[view] + vectors[view][index[:, 1:]].mean(axis=1))
        assert np.allclose(whole[view], expected)
    monkeypatch.setattr(clustering, "CHUNK_FLOATS", 2 * 30 * 7)  # blocks of 7 rows
    assert np.array_equal(clustering.smooth(vectors, 3), whole)


def test_the_threaded_steps_give_what_one_thread_gives(monkeypatch):
    vectors = np.random.RandomState(5).randn(1, 60, 6)
    monkeypatch.setattr(clustering, "CHUNK_FLOATS", 2 * 60 * 7)  # several blocks of rows
    monkeypatch.setattr(clustering, "THREADS", 1)
    alone = (clustering.batched_kmeans(vectors, 4, n_init=5, random_state=3, hartigan=2), clustering.smooth(vectors, 3))
    monkeypatch.setattr(clustering, "THREADS", 2)
    monkeypatch.setattr(clustering, "PARALLEL_MIN_TEXTS", 10)
    threaded = (clustering.batched_kmeans(vectors, 4, n_init=5, random_state=3, hartigan=2),
                clustering.smooth(vectors, 3))
    for one, two in zip(alone, threaded):
        assert np.array_equal(one, two)


def test_refinement_stops_at_the_step_a_labelling_has_lost_two_themes(monkeypatch):
    weights = np.random.RandomState(4).rand(12, 8) ** 4
    start = np.zeros(12, int)
    start[0] = 1  # themes 2 and 3 of 4 empty: the first step's labels are the result
    stopped = multinomial_refine(weights, start, 4)
    assert stopped.tolist() == multinomial_refine(weights, start, 4, n_iter=1).tolist() == [1] + [0] * 11
    monkeypatch.setattr(clustering, "EM_LOST_THEMES", 5)  # never: ten steps take text 0 to theme 0 as well
    assert multinomial_refine(weights, start, 4).tolist() == [0] * 12
    assert clustering.themes_used(np.array([[0, 0, 2], [1, 0, 2]]), 3).tolist() == [2, 3]


def test_smallest_values_are_found_as_a_stable_sort_finds_them():
    values = np.random.RandomState(1).randint(5, size=(6, 40)).astype(float)  # many ties
    for count in (1, 4, 40):
        expected = np.argsort(values, axis=-1, kind="stable")[:, :count]
        assert np.array_equal(clustering._smallest(values, count), expected)


def test_lsa_beyond_the_exact_size_is_a_randomized_svd_of_the_same_geometry(monkeypatch):
    from scipy.sparse import csr_matrix

    rng = np.random.RandomState(3)
    weights = csr_matrix(rng.rand(30, 6) @ rng.rand(6, 50))  # rank 6: few components hold everything
    (views, _), = clustering.view_chunks(weights, [np.arange(50)])
    exact = clustering.lsa(views, 6)
    monkeypatch.setattr(clustering, "EXACT_LSA_MAX_TEXTS", 10)
    randomized = clustering.lsa(views, 6)
    assert randomized.shape == (1, 30, 6)
    assert np.allclose(exact[0] @ exact[0].T, randomized[0] @ randomized[0].T)


def test_randomized_left_vectors_find_the_leading_singular_values_and_vectors():
    from scipy.sparse import csr_matrix

    rng = np.random.RandomState(4)
    left, right = np.linalg.qr(rng.randn(300, 40))[0], np.linalg.qr(rng.randn(2000, 40))[0]
    values = 0.8 ** np.arange(40)  # a decaying spectrum, as a TF-IDF's
    matrix = csr_matrix((left * values) @ right.T)
    found = clustering.randomized_left_vectors(matrix, 5, random_state=0)
    assert np.allclose(np.linalg.norm(found, axis=0), values[:5], rtol=1e-6)
    assert np.allclose(np.abs(left[:, :5].T @ (found / values[:5])), np.eye(5), atol=1e-6)  # same axes, any sign


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_refinement_of_a_stack_equals_the_refinement_of_each_view_alone(seed):
    from sklearn.preprocessing import normalize

    weights, column_sets = random_views(seed)
    (stack, _), = clustering.view_chunks(weights, column_sets)
    labels = np.random.RandomState(seed).randint(3, size=(len(column_sets), weights.shape[0]))
    batched = multinomial_refine(stack.tfidf, labels, 3, vocabulary=stack.vocabulary)
    for view, columns in enumerate(column_sets):
        alone = multinomial_refine(normalize(weights[:, columns]), labels[view], 3)
        assert batched[view].tolist() == alone.tolist()


def test_refinement_moves_a_mislabelled_text_to_the_theme_of_its_words():
    rng = np.random.RandomState(0)
    truth = np.repeat([0, 1], 10)
    weights = rng.rand(20, 12) * 0.05
    weights[truth == 0, :6] += 1
    weights[truth == 1, 6:] += 1
    start = truth.copy()
    start[[0, 15]] = [1, 0]
    assert multinomial_refine(weights, start, 2).tolist() == truth.tolist()


def test_adjusted_rand_index_matches_hand_computed_values():
    ari = clustering.adjusted_rand_index
    # [[2, 0, 0], [0, 1, 1]]: 1 pair together in both, 2 in the first, 1 in the second, of 6 → (1 - 1/3) / (3/2 - 1/3)
    assert ari([0, 0, 1, 1], [0, 0, 1, 2]) == pytest.approx(4 / 7)
    # every cell 1: no pair together in both; 6 and 3 of 15 → (0 - 6/5) / (9/2 - 6/5)
    assert ari([0, 0, 0, 1, 1, 1], [0, 1, 2, 0, 1, 2]) == pytest.approx(-4 / 11)
    assert ari([0, 0, 1, 1, 2], ["b", "b", "a", "a", "c"]) == 1.0  # the same partition, other names
    assert ari([0, 0, 0], [0, 1, 2]) == 0.0  # one group against each text its own
    assert ari([0, 0, 0], [5, 5, 5]) == ari([7], [3]) == 1.0  # nothing to disagree on
    with pytest.raises(ValueError):
        ari([0, 1], [0, 1, 1])


def test_adjusted_rand_indices_of_a_stack_of_tables_are_those_of_each_pair():
    pairs = [([0, 0, 1, 1], [0, 0, 1, 2]), ([0, 0, 0, 1, 1, 1], [0, 1, 2, 0, 1, 2]), ([0, 0, 0], [0, 1, 2]),
             ([0, 0, 0], [5, 5, 5]), ([0, 1, 1, 0], [1, 0, 0, 1])]
    tables = np.zeros((len(pairs), 3, 6))  # padded: the empty rows and columns count nothing
    for table, (a, b) in zip(tables, pairs):
        np.add.at(table, (np.unique(a, return_inverse=True)[1], np.unique(b, return_inverse=True)[1]), 1)
    expected = [clustering.adjusted_rand_index(a, b) for a, b in pairs]
    assert clustering.adjusted_rand_indices(tables) == pytest.approx(expected)


def test_batched_kmeans_finds_separated_groups_in_every_view_and_is_seeded():
    rng = np.random.RandomState(0)
    truth = np.repeat(np.arange(3), 7)
    centres = rng.randn(3, 5) * 5
    stack = np.stack([centres[truth] + rng.randn(len(truth), 5) for _ in range(6)])
    labels = batched_kmeans(stack, 3, n_init=10, random_state=1)
    assert labels.shape == (6, len(truth))
    assert all(clustering.adjusted_rand_index(truth, row) == 1.0 for row in labels)
    assert np.array_equal(labels, batched_kmeans(stack, 3, n_init=10, random_state=1))


def test_a_collection_too_large_for_a_dense_chunk_is_clustered_one_sparse_view_at_a_time(monkeypatch):
    dense = ThemeClustering(2, n_resamples=3).fit(texts_terms(SPORT + WEATHER))
    one_view_at_a_time(monkeypatch)
    sparse = ThemeClustering(2, n_resamples=3).fit(texts_terms(SPORT + WEATHER))
    assert same_partition(sparse.labels_.tolist(), [0] * 4 + [1] * 4)
    assert sparse.labels_.tolist() == dense.labels_.tolist() and np.allclose(sparse.stability_, dense.stability_)


def test_theme_tables_live_in_tables_and_the_old_import_still_works(write_article):
    from analysis import tables, themes

    assert themes.theme_table is tables.theme_table
    assert themes.paragraph_theme_table is tables.paragraph_theme_table
    with pytest.raises(AttributeError):
        themes.no_such_name  # noqa: B018
    article = two_topic_article(write_article)
    model = article_themes(article)
    assert tables.theme_table(article, model).index.tolist() == list(range(model.n_themes_))
    assert tables.paragraph_theme_table(article, model)["theme"].tolist() == model.labels_.tolist()


def test_two_similar_paragraphs_are_one_theme_represented_in_reading_order():
    model = ThemeClustering().fit(texts_terms([SPORT[0], SPORT[1]]))
    assert model.labels_.tolist() == [0, 0] and model.representatives_ == [[0, 1]]
    assert model.stability_.tolist() == [1.0]


@given(st.lists(st.lists(st.sampled_from("ab cd ef gh ij kl mn".split()), max_size=12), min_size=1, max_size=12))
@settings(max_examples=60, deadline=None)
def test_term_weights_are_scikit_learns_tfidf_exactly(documents):
    from sklearn.feature_extraction.text import TfidfVectorizer

    from analysis.theme_terms import TermWeights

    theirs = TfidfVectorizer(analyzer=lambda terms: terms, sublinear_tf=True)
    ours = TermWeights()
    if not any(documents):
        for vectorizer in (theirs, ours):
            with pytest.raises(ValueError, match="empty vocabulary"):
                vectorizer.fit_transform(documents)
        return
    assert (ours.fit_transform(documents).toarray() == theirs.fit_transform(documents).toarray()).all()
    assert list(ours.get_feature_names_out()) == list(theirs.get_feature_names_out())


@given(st.integers(1, 7), st.integers(1, 7), st.integers(1, 6), st.integers(0, 2**32 - 1))
@settings(max_examples=300, deadline=None)
def test_linear_assignment_is_scipys_ties_included(n_rows, n_columns, levels, seed):
    from scipy.optimize import linear_sum_assignment

    cost = -np.random.default_rng(seed).integers(0, levels, size=(n_rows, n_columns)).astype(float)
    ours, theirs = clustering.linear_assignment(cost), linear_sum_assignment(cost)
    assert all(np.array_equal(a, b) for a, b in zip(ours, theirs))


def test_theme_clustering_has_scikit_learns_parameter_interface():
    from sklearn.base import clone

    model = ThemeClustering(3, n_init=5, random_state=4)
    assert model.get_params()["n_themes"] == 3 and model.get_params()["max_themes"] is None
    assert repr(model) == "ThemeClustering(n_themes=3, n_init=5, random_state=4)"
    copy = clone(model.set_params(keep_terms=0.5))
    assert copy is not model and copy.get_params() == model.get_params()
    with pytest.raises(ValueError, match="invalid parameter 'colour'"):
        model.set_params(colour="red")
    labels = ThemeClustering(2, n_resamples=0).fit_predict([["rain", "snow"], ["rain", "hail"], ["goal", "match"],
                                                           ["goal", "score"]])
    assert labels[0] == labels[1] != labels[2] == labels[3]


def test_sequence_smoothing_adds_the_neighbours_in_reading_order_with_their_weight():
    vectors = np.random.RandomState(1).randn(2, 5, 3)
    leaned = clustering.sequence_smooth(vectors, 0.5)
    for view in range(2):
        v = vectors[view]
        expected = v.copy()
        expected[1:] += 0.5 * v[:-1]
        expected[:-1] += 0.5 * v[1:]
        expected /= np.linalg.norm(expected, axis=1, keepdims=True)
        assert np.allclose(leaned[view], expected)
    assert clustering.sequence_smooth(vectors, 0.0) is vectors


def test_a_theme_that_returns_later_in_the_article_is_found_again(write_article):
    order = [*SPORT[:2], *WEATHER, *SPORT[2:]]
    article = load_article(write_article("returning.txt", "Roundup\n\n" + "\n\n".join(order)))
    model = article_themes(article)
    assert model.switch_penalty > 0  # the article path uses reading order ...
    assert same_partition(model.labels_.tolist(), [0, 0, 1, 1, 1, 1, 0, 0])  # ... without forcing runs


def test_order_means_nothing_to_a_collection_of_texts():
    texts = [*SPORT, *WEATHER]
    permutation = [3, 6, 0, 5, 1, 7, 2, 4]
    labels = cluster_texts(texts, k=2)
    shuffled = cluster_texts([texts[i] for i in permutation], k=2)
    assert same_partition(shuffled, [labels[i] for i in permutation])


def test_kmeans_labels_of_a_view_do_not_depend_on_the_views_beside_it():
    vectors = np.random.RandomState(2).randn(4, 15, 3)
    together = batched_kmeans(vectors, 3, n_init=4, random_state=5)
    for view in range(4):
        alone = batched_kmeans(vectors[view:view + 1], 3, n_init=4, random_state=5)
        assert together[view].tolist() == alone[0].tolist()


def test_theme_names_leave_out_reporting_verbs_and_titles(write_article):
    from analysis.themes import label_stopwords

    said = [f"Mr Okoro said the {p}" for p in ("storm brought rain and wind to the coast, he said.",
                                              "forecast warns of flooding after the storm, he added.",
                                              "wind and rain will ease on the coast, he told reporters.")]
    article = load_article(write_article("said.txt", "Storm\n\n" + "\n\n".join([*said, *SPORT[:3]])))
    model = article_themes(article)
    named = [term for terms in model.terms_ for term in terms]
    assert named and {"storm", "rain"} & set(named)
    assert not [term for term in named if set(term.split()) & {"say", "add", "tell", "mr"}]
    assert {"say", "mr"} <= label_stopwords()


def test_a_malformed_label_stopword_row_names_its_line(tmp_path):
    from analysis.errors import ReferenceTableError
    from analysis.themes import label_stopwords

    table = tmp_path / "stop.tsv"
    table.write_text("word\tkind\nsay\tverb\ntwo words\toops\n", encoding="utf-8")
    with pytest.raises(ReferenceTableError, match="line 3"):
        label_stopwords(table)


def test_contiguous_segments_is_the_best_cut_into_runs():
    from itertools import combinations as cuts_of

    vectors = np.random.RandomState(3).randn(9, 4)

    def cost(labels):
        return sum(((vectors[labels == run] - vectors[labels == run].mean(axis=0)) ** 2).sum() for run in set(labels))

    for k in (2, 3, 4):
        found = clustering.contiguous_segments(vectors, k)
        best = min(cost(np.repeat(np.arange(k), np.diff([0, *cut, 9]))) for cut in cuts_of(range(1, 9), k - 1))
        assert np.all(np.diff(found) == np.diff(found).clip(0, 1)) and len(set(found)) == k
        assert np.isclose(cost(found), best)


def test_a_switch_penalty_trades_distance_for_fewer_changes_of_theme():
    rng = np.random.RandomState(4)
    vectors = rng.randn(1, 12, 3)
    labels = batched_kmeans(vectors, 3, n_init=4)
    free = clustering.sequence_labels(vectors, labels, 3, 1e-9)[0]
    strict = clustering.sequence_labels(vectors, labels, 3, 1e6)[0]
    assert np.count_nonzero(np.diff(strict)) <= 2 < np.count_nonzero(np.diff(free))
    for penalty, found in ((1e-9, free), (1e6, strict)):  # the chosen one costs least of the candidates
        candidates = [labels[0], clustering.contiguous_segments(vectors[0], 3)]
        assert all(clustering.sequence_cost(vectors[0], found, penalty)
                   <= clustering.sequence_cost(vectors[0], c, penalty) + 1e-9 for c in candidates)


def test_theme_labels_are_nouns_names_and_phrases_not_verbs(nlp, write_article):
    nameable = span_nameable_terms(nlp("Officials quickly announced new drills of the air defense near the border."))
    assert {"air defense", "drill", "border"} <= nameable and not {"announce", "new", "quickly"} & nameable
    assert _label_terms(["air", "air defense", "defense", "drill", "border"], 3) == [
        "air defense", "drill", "border"]
    # a rarer phrase of two words taken before replaces both, and the label fills up again; a phrase that
    # holds only part of a term taken before ("minister drill") does not
    assert _label_terms(["minister", "prime", "india", "prime minister", "drill", "minister drill"], 3) == [
        "prime minister", "india", "drill"]
    article = two_topic_article(write_article)
    model = article_themes(article)
    allowed = {term for p in article.paragraphs
               for term in span_nameable_terms(article.doc.char_span(p.start, p.end, alignment_mode="expand"))}
    for theme in range(model.n_themes_):
        assert model.label_terms_[theme] and set(model.label_terms_[theme]) <= allowed
        assert model.theme_label(theme) == " / ".join(model.label_terms_[theme][:3])
    assert not {"praise", "score", "bring", "expect"} & {t for terms in model.label_terms_ for t in terms}


def test_in_reading_order_the_number_of_themes_is_the_fewer_of_the_two_silhouette_choices():
    candidates = {k: np.arange(6) % k for k in (2, 3, 4)}
    vectors = np.eye(6)
    scores = {2: 0.10, 3: 0.30, 4: 0.20}
    fewer = _by_silhouette(scores, candidates, vectors, vectors, {2: 0.40, 3: 0.20, 4: 0.10})
    assert (fewer.labels == candidates[2]).all() and "reading order" in fewer.reason
    more = _by_silhouette(scores, candidates, vectors, vectors, {2: 0.10, 3: 0.20, 4: 0.40})
    assert (more.labels == candidates[3]).all() and "reading order" not in more.reason


@pytest.mark.parametrize("shape", [(3, 2), (11, 11), (40, 6), (5, 30)])
def test_principal_components_are_scikit_learns_pca(shape):
    """The theme map's projection is PCA's, signs included, without scikit-learn."""
    from sklearn.decomposition import PCA

    vectors = np.random.default_rng(sum(shape)).normal(size=shape)
    expected = PCA(2, svd_solver="full").fit_transform(vectors)
    np.testing.assert_allclose(clustering.principal_components(vectors, 2), expected, atol=1e-10)



def test_word_terms_read_lemmas_names_and_compounds_without_a_parse():
    from analysis.theme_terms import word_terms

    terms, = word_terms(["Sales rose by 5bn in years when Mary Okoro said the air defenses held."])
    assert terms[:8] == ["sale", "rise", "year", "mary", "okoro", "say", "air", "defense"]
    assert "bn" not in terms and "the" not in terms  # glued to digits, a stop word
    assert {"mary okoro", "air defense"} <= set(terms) and "okoro say" not in terms  # a verb ends a compound


def test_the_evidence_of_term_counts_favours_the_split_the_words_support():
    """Two vocabularies in two runs: two themes are more probable than one; one vocabulary throughout:
    one theme is more probable than any split of it."""
    two = np.array([[3, 2, 0, 0], [2, 3, 0, 0], [3, 3, 0, 0], [0, 0, 3, 2], [0, 0, 2, 3], [0, 0, 3, 3]])
    halves, alone = np.array([0, 0, 0, 1, 1, 1]), np.zeros(6, int)
    assert clustering.sequence_evidence(two, halves) > clustering.sequence_evidence(two, alone)
    one = np.array([[2, 2, 1, 1]] * 6)
    alternating = np.arange(6) % 2
    assert clustering.sequence_evidence(one, alone) > max(clustering.sequence_evidence(one, halves),
                                                          clustering.sequence_evidence(one, alternating))


def test_in_reading_order_the_evidence_bounds_the_number_of_themes():
    candidates = {k: np.arange(6) % k for k in (2, 3, 4)}
    vectors = np.eye(6)
    scores, order = {2: 0.10, 3: 0.30, 4: 0.20}, {2: 0.10, 3: 0.20, 4: 0.40}
    bounded = _by_silhouette(scores, candidates, vectors, vectors, order, {1: -9.0, 2: -5.0, 3: -7.0, 4: -8.0})
    assert (bounded.labels == candidates[2]).all() and "evidence" in bounded.reason
    single = _by_silhouette(scores, candidates, vectors, vectors, order, {1: -1.0, 2: -5.0, 3: -7.0, 4: -8.0})
    assert (single.labels == 0).all() and "evidence" in single.reason
    free = _by_silhouette(scores, candidates, vectors, vectors, order, {1: -9.0, 2: -8.0, 3: -7.0, 4: -5.0})
    assert (free.labels == candidates[3]).all() and "evidence" not in free.reason


def test_hartigan_moves_lower_the_inertia_where_lloyd_stops_and_never_raise_it():
    """Many small clusters: Lloyd's fixed points still leave single-text moves that lower the inertia."""
    rng = np.random.RandomState(3)
    vectors = clustering.normalize_rows(rng.randn(2, 80, 6))  # two views
    runs = np.stack([batched_kmeans(vectors, 12, n_init=1, random_state=seed) for seed in range(4)], axis=1)

    def inertia(view, labels):
        centres = np.stack([vectors[view, labels == c].mean(axis=0) for c in range(12)])
        return float(((vectors[view] - centres[labels]) ** 2).sum())

    moved, found = clustering.hartigan_moves(vectors, runs, 12)
    before = np.array([[inertia(v, runs[v, r]) for r in range(4)] for v in range(2)])
    after = np.array([[inertia(v, moved[v, r]) for r in range(4)] for v in range(2)])
    np.testing.assert_allclose(found, after)
    assert (after <= before + 1e-9).all() and (after < before - 1e-6).any()
    best = batched_kmeans(vectors, 12, n_init=4, random_state=0, hartigan=2)
    assert np.array_equal(best, batched_kmeans(vectors, 12, n_init=4, random_state=0, hartigan=2))
    assert all(inertia(v, best[v]) <= inertia(v, batched_kmeans(vectors, 12, n_init=4)[v]) + 1e-9 for v in range(2))


@pytest.mark.parametrize(("word", "parts"), [
    ("saidPutin", ("said", "Putin")), ("othersSituation", ("others", "Situation")), ("inDonbas", ("in", "Donbas")),
    ("fitzJohn", None), ("McDonald", None), ("iPhone", None), ("deGrasse", None), ("RussiaUkraine", None),
    ("said", None),
])
def test_words_a_scraper_glued_are_split_only_after_an_english_word(word, parts):
    from analysis.theme_terms import glued_words

    assert glued_words(word) == parts


def test_glued_words_give_their_own_terms_with_and_without_a_parse(nlp):
    from analysis.theme_terms import word_terms

    text = "Officials from the ministry saidPutin met othersSituation reports with fitzJohn."
    for terms in (word_terms([text])[0], span_terms(nlp(text))):
        assert {"putin", "situation", "fitzjohn"} <= set(terms)
        assert not {"saidputin", "otherssituation", "others situation"} & set(terms)
    nameable = span_nameable_terms(nlp(text))
    assert {"putin", "situation"} <= nameable and "say" not in nameable


def test_label_specificity_is_inverse_document_frequency_against_the_background(tmp_path):
    from analysis.themes import label_background, label_specificity

    table = tmp_path / "background.tsv"
    table.write_text("term\tdocuments\n*\t100\nlook\t50\nrain\t10\n", encoding="utf-8")
    assert label_background(table) == (100, {"look": 50, "rain": 10})
    np.testing.assert_allclose(label_specificity(["look", "rain", "storm"], table), [np.log(2) / np.log(10), 1, 1])
    assert label_specificity(["say", "look", "ukraine"]).tolist() == sorted(label_specificity(["say", "look",
                                                                                               "ukraine"]))


@pytest.mark.parametrize("rows, line", [("*\t100\nlook\tmany\n", 3), ("*\t10\nlook\t50\n", 1)])
def test_a_malformed_background_table_names_its_line(tmp_path, rows, line):
    from analysis.errors import ReferenceTableError
    from analysis.themes import label_background

    table = tmp_path / "background.tsv"
    table.write_text("term\tdocuments\n" + rows, encoding="utf-8")
    with pytest.raises(ReferenceTableError, match=f"line {line}"):
        label_background(table)


def test_a_label_puts_a_term_rare_in_news_before_an_equally_distinctive_common_one():
    texts = [["look", "zephyrcraft", "hangar", "pilot"], ["look", "zephyrcraft", "pilot", "wing"],
             ["look", "zephyrcraft", "hangar", "wing"], ["soup", "recipe", "onion"], ["soup", "recipe", "pepper"],
             ["soup", "onion", "pepper"]]
    model = ThemeClustering(2, random_state=0).fit(texts, nameable={t for text in texts for t in text})
    flight = int(model.labels_[0])
    assert model.terms_[flight][:2] == ["look", "zephyrcraft"]  # the same class TF-IDF, ties in name order
    assert model.label_terms_[flight][0] == "zephyrcraft"


def test_the_outlet_an_article_credits_names_no_theme(write_article):
    from analysis.themes import credited_outlet_terms

    article = load_article(write_article("outlets.txt", "Media\n\nHe told Fox News Digital on Monday. "
                                         "CNN reported it. The news was bad, and the fox ran. TikTok videos spread. "
                                         "Talks went well, BelTA learned. A ban came (a new rule - PAP)."))
    terms = {"fox news digital", "fox news", "fox", "news", "digital", "cnn", "cnn camera", "tiktok", "fox ran",
             "belta", "pap"}
    assert credited_outlet_terms(article, terms) == {"fox news digital", "fox news", "digital", "cnn", "cnn camera",
                                                     "belta", "pap"}
    weather = ["Heavy rain hit the coast, a forecaster told Fox News Digital.",
               "Fox News Digital heard that the storm brought wind.",
               "Snow and fog came with the storm, a forecaster told Fox News Digital.",
               "Fox News Digital was told the flooding will ease."]
    paragraphs = weather + SPORT[:3]
    article = load_article(write_article("fox.txt", "Storm\n\n" + "\n\n".join(paragraphs)))
    terms, nameable = paragraph_terms_and_nameable(article)
    for model, outlet_named in ((article_themes(article), False),
                                (ThemeClustering(**ARTICLE_OPTIONS).fit(terms, nameable=nameable), True)):
        labels = {word for terms in model.label_terms_ for term in terms for word in term.split()}
        assert labels and bool({"fox", "digital"} & labels) == outlet_named
