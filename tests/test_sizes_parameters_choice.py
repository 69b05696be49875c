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
