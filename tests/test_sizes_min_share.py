"""The learned choice leaves a field empty where its candidates disagree (``FieldModel.min_share``): the picked value
holds no more than that share of the model's probability over the candidates it may pick (``pick_share``: the softmax of
their logits, the candidates stating the same value pooled). Sentences of our own, with near-misses that must still give
a value."""

from __future__ import annotations

import math

import numpy as np
import pytest

from aicompute import sizes_ranker as sr
from aicompute.extraction.ranker import Logistic
from aicompute.pdftext import Sentence
from aicompute.sizes import _choose_sizes


def _model(weights, min_share=None):
    names = sorted(weights)
    m = Logistic(names, np.zeros(len(names)), np.ones(len(names)), np.array([weights[n] for n in names]), 0.0)
    return sr.FieldModel(m, 0.0, 2.0, 0.2, 1.0, None, True, max_gap=99.0, floor=False, min_share=min_share)


def _decide(texts, weights, min_share=0.5, field="epochs"):
    sents = [Sentence(5, t, "text", "body", index=i) for i, t in enumerate(texts)]
    best, all_c = _choose_sizes(sents, None, False, rules_only=True)
    return sr.decide_field(_model(weights, min_share), all_c[field], best[field], 5, sr.sentence_sets(all_c))[0]


def _row(v):
    return {"log10v": math.log10(v) / 4}


def test_the_share_pools_the_candidates_stating_the_same_value():
    rows = [_row(90), _row(90.5), _row(30)]  # 90 and 90.5: one value (within 2%)
    z = np.array([1.0, 1.0, 0.0])
    e = math.e
    assert sr.pick_share(z, [0, 1, 2], rows, 0) == pytest.approx(2 * e / (2 * e + 1))
    assert sr.pick_share(z, [0, 1, 2], rows, 2) == pytest.approx(1 / (2 * e + 1))
    # one value only: nothing competes
    assert sr.pick_share(z[:2], [0, 1], rows[:2], 0) == pytest.approx(1.0)
    # a pick outside the candidates the model may pick (the rules' pick) is counted with them
    assert sr.pick_share(z, [0, 1], rows, 2) == pytest.approx(1 / (2 * e + 1))


# two schedules a model with no preference scores alike: no value (a pre-training and a fine-tuning schedule, two tasks)
_TWO = [["We pre-train the encoder for 300 epochs on the unlabeled frames.",
         "The linear classifier on top is then trained for 40 epochs."],
        ["The detector is trained for 24 epochs on the street scenes.",
         "The segmentation head is trained for 60 epochs on the aerial tiles."]]


@pytest.mark.parametrize("texts", _TWO)
def test_two_schedules_scored_alike_give_no_value(texts):
    assert _decide(texts, {"log10v": 0.0}) is None
    # the same model without the setting picks one of them
    assert _decide(texts, {"log10v": 0.0}, min_share=None) is not None


@pytest.mark.parametrize("texts, value", [
    # near-misses: one schedule only, or stated twice against one other, or a model that prefers one clearly
    (["We train the policy network for 75 epochs with a cosine schedule."], 75),
    (["We train the policy network for 75 epochs with a cosine schedule.",
      "After the 75 epochs of training, the policy is frozen."], 75),
])
def test_one_schedule_or_a_repeated_one_is_given(texts, value):
    c = _decide(texts, {"log10v": 0.0})
    assert c is not None and c.value == value


def test_a_model_that_separates_the_schedules_gives_its_pick():
    c = _decide(_TWO[0], {"log10v": 8.0})  # strongly the larger
    assert c is not None and c.value == 300


def test_scoring_applies_the_same_rule_and_the_shipped_schedule_models_have_it(tmp_path):
    rows = [{**_row(300), "above_floor": 1.0}, {**_row(40), "above_floor": 1.0}]
    g = sr.Group("p", "epochs", rows, [1, 0], 0, True)
    assert sr.score_groups(_model({"log10v": 0.0}, 0.5), [g])[0][2] is False
    assert sr.score_groups(_model({"log10v": 8.0}, 0.5), [g])[0][2] is True
    # written and read back with the weights
    r = sr.SizesRanker({"epochs": _model({"log10v": 1.0}, 0.5)})
    r.save(tmp_path / "w.json")
    assert sr.SizesRanker.load(tmp_path / "w.json").fields["epochs"].min_share == 0.5
    shipped = sr.default_ranker()
    assert shipped is not None
    assert shipped.fields["epochs"].min_share == 0.5
    # (steps: the rules pick since round 18, so no share applies)
    assert all(shipped.fields[f].min_share is None for f in ("parameters", "tokens_or_examples", "steps", "batch_size"))


def test_coverage_counts_what_any_choice_could_reach():
    a = {"above_floor": 1.0}
    gs = [sr.Group("p1", "epochs", [a, a], [0, 1], 0, True),          # right among candidates, rules wrong
          sr.Group("p2", "epochs", [a, {"flagged": 1.0}], [0, 1], 0, True),  # right only flagged: not eligible
          sr.Group("p3", "epochs", [a], [1], 0, True),                 # rules right
          sr.Group("p4", "epochs", [a], [0], 0, False)]                # unlabelled: not counted
    c = sr.coverage(gs, {"max_gap": 99.0, "floor": True})
    assert c == {"labelled": 3, "right_among_candidates": 3, "right_among_eligible": 2, "rules_right": 1}
