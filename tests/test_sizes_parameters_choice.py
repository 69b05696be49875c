"""The learned parameters choice (round 13): it reads only cues that fire on enough papers to be learned, not cues
seen in a handful of papers; sentences and tables of our own."""

from __future__ import annotations

import pytest

from aicompute import sizes_ranker as sr
from aicompute.pdftext import Sentence
from aicompute.sizes import _choose_sizes

# cues that fired on a handful of the papers the weights are fitted on (or, for v_round, on 4 of ~1,000 candidates):
# their standardized weights fitted those papers, so the parameters choice does not read them
NOT_READ = ("v_round", "own_name", "near_eval", "near_train", "front", "early_page", "ctx:ablation", "ctx:pretrain",
            "ctx:hypo", "ctx:main", "ctx:evalctx", "ctx:others")


def param_rows(*texts):
    sents = [Sentence(5, t, "text", "body", index=i) for i, t in enumerate(texts)]
    best, all_c = _choose_sizes(sents, None, False, rules_only=True)
    others = sr.sentence_sets(all_c)
    cs = all_c["parameters"]
    stats = sr.field_stats(cs, others)
    return cs, [sr.features(c, cs, best["parameters"], 5, stats) for c in cs]


def test_each_name_the_parameters_choice_reads_is_one_whole_feature():
    names = sr.CONFIG["parameters"]["prefixes"]
    assert not set(NOT_READ) & set(names)
    # a row with every cue the features can give: each kept name selects itself only, no dropped cue gets through
    _, rows = param_rows("In the introduction we note that our 1,352,969-parameter model beats GPT-2 [4] (1.5B parameters).",
                         "For example, a hypothetical model with 7 million parameters would be evaluated on the test set.",
                         "We pre-train our main model, which has 45.3 million parameters.")
    fm = sr.FieldModel(None, prefixes=names)
    for r in rows:
        kept = fm.rows([r])[0]
        assert set(kept) <= set(names)
        assert not set(kept) & set(NOT_READ)


def test_the_shipped_parameters_weights_read_the_configured_cues_only():
    r = sr.default_ranker()
    assert r is not None
    fm = r.fields["parameters"]
    assert fm.prefixes == sr.CONFIG["parameters"]["prefixes"]
    assert not set(fm.model.names) & set(NOT_READ)


@pytest.mark.parametrize("exact, rounded", [
    ("23,851,784", "23.9 million"),
    ("8,300,000", "8.3M"),
])
def test_a_count_written_in_full_scores_as_its_rounded_form(exact, rounded):
    # how a count is written (every digit, or rounded with a magnitude) says nothing about whose it is
    fm = sr.default_ranker().fields["parameters"]
    z = []
    for written in (exact, rounded):
        cs, rows = param_rows(f"Our network has {written} parameters and is trained for 90 epochs.",
                              "The encoder of the baseline is smaller.")
        assert len(cs) == 1
        z.append(float(fm.logits(rows)[0]))
    assert z[0] == pytest.approx(z[1], abs=0.05)


def test_the_own_models_size_is_still_chosen_over_a_cited_one():
    # near-miss of dropping cues: the kept ones (we/train words, a cited model's size) still separate the two
    from aicompute.sizes import extract_sizes

    sents = [Sentence(5, t, "text", "body", index=i) for i, t in enumerate((
        "GPT-2 [4] has 1.5 billion parameters and needs far more compute than our approach.",
        "We train our model, which has 124 million parameters, on 8 GPUs for two days.",
    ))]
    chosen, _ = extract_sizes(sents)
    assert chosen["parameters"] is not None and chosen["parameters"]["value"] == 124_000_000


# ------------------------------------------------------------------ own variants in a table (brief item 3)


def table_choice(caption, header_rows, rows, prose=()):
    """(chosen parameters candidate, all parameters candidates) of a page of prose and one table, by the shipped choice."""
    sents, seen = [], []
    for t in prose:
        sents.append(Sentence(2, t, "text", "body", index=len(sents)))
    for i, t in enumerate([caption, *header_rows, *rows]):
        kind = "caption" if i == 0 else "table"
        sents.append(Sentence(6, t, kind, "body", index=len(sents), context=" / ".join(seen[-2:]) if kind == "table" else ""))
        if kind == "table":
            seen.append(t)
    chosen, all_c = _choose_sizes(sents, None, False)
    return chosen.get("parameters"), all_c["parameters"]


@pytest.mark.parametrize("header, rows", [
    (["Model Params Top-1"], ["Lynx-S 21M 79.0", "Lynx-B 87M 81.4", "Lynx-L 305M 83.1"]),  # rows named by the own name
    (["Model #Params Top-1"], ["DenseNet-121 [14] 8.0M 74.9", "Lynx-S (ours) 21M 79.0", "Lynx-B (ours) 87M 81.4",
                               "Lynx-L (ours) 305M 83.1"]),  # beside a cited baseline
    (["Lynx-S Lynx-B Lynx-L"], ["Depth 12 12 24", "Params 21M 87M 305M"]),  # a column per size
    (["Model Lynx-S Lynx-B Lynx-L"], ["Width 384 768 1024", "Parameters 21M 87M 305M"]),
])
def test_the_largest_of_the_own_models_sizes_in_a_table_is_chosen(header, rows):
    chosen, cands = table_choice("Table 2: Image classification results.", header, rows,
                                 ["We introduce Lynx, a vision transformer for image classification."])
    assert chosen is not None and chosen.value == 305e6
    assert all(c.own for c in cands if c.value in (21e6, 87e6, 305e6))


def test_a_column_per_size_names_the_own_model_only_where_its_name_heads_the_column():
    from aicompute.sizes.tables import _own_column, _own_name_rx

    rx = _own_name_rx(["Lynx"])
    heads = ["Depth 12 12 24", "ViT-B Swin-B Lynx-B"]  # nearest line first: numbers are passed over
    assert [_own_column(heads, k, 3, rx) for k in range(3)] == [False, False, True]
    assert [_own_column(["Model ViT-B Swin-B Lynx-B"], k, 3, rx) for k in range(3)] == [False, False, True]
    # near-misses: names of several words do not line up; a cited column; no own name known; "Lynx" inside a word
    assert not _own_column(["Lynx Small Lynx Base Lynx Large"], 0, 3, rx)
    assert not _own_column(["ViT-B Lynx-B[7] Swin-B"], 1, 3, rx)
    assert not _own_column(["ViT-B Lynx-B Swin-B"], 1, 3, None)
    assert not _own_column(["ViT-B Polynx-B Swin-B"], 1, 3, rx)


def test_a_transposed_row_under_baselines_names_is_not_the_own_models():
    chosen, cands = table_choice("Table 4: Sizes of the compared backbones.", ["ViT-H Swin-L ConvNeXt-XL"],
                                 ["Params 632M 197M 350M"], ["We introduce Lynx, a vision transformer for image classification."])
    assert cands and not any(c.own for c in cands)
