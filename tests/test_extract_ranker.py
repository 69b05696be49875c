"""The learned candidate ranker: the logistic model, calibration, thresholds, weights as data, and the
choice it makes inside the extraction (synthetic data; the corpus figures come from the evaluation)."""

from __future__ import annotations

import datetime as dt
import json
import random

import numpy as np
import pytest

from aicompute.extraction import decide, generate
from aicompute.extraction.ranker import (CONFIG, FieldModel, Group, Logistic, Ranker, default_ranker, fit_field,
                                         fit_ranker, fold_of, why_key)
from aicompute.hardware import HardwareTable
from aicompute.pdftext import Sentence


def test_logistic_learns_the_sign_of_a_feature():
    rng = random.Random(0)
    rows, y = [], []
    for _ in range(400):
        good = rng.random() < 0.5
        rows.append({"signal": float(good) + rng.gauss(0, 0.3), "noise": rng.gauss(0, 1)})
        y.append(int(good))
    m = Logistic.fit(rows, y, l2=1.0)
    coef = dict(zip(m.names, m.coef))
    assert coef["signal"] > 1.0 and abs(coef["noise"]) < 0.3
    z = m.logit([{"signal": 1.0, "noise": 0.0}, {"signal": 0.0, "noise": 0.0}])
    assert z[0] > 0 > z[1]


def _groups(n=120, seed=1):
    """Papers with 3 candidates each; the right one (if any) has a higher 'score'; a third state nothing."""
    rng = random.Random(seed)
    out = []
    for k in range(n):
        silent = k % 3 == 0
        rows, right = [], []
        best = rng.randrange(3)
        for j in range(3):
            ok = (not silent) and j == best
            rows.append({"score": (3.0 if ok else 1.0) + rng.gauss(0, 0.8), "rank0": 0.0})
            right.append(int(ok))
        out.append(Group(f"p{k}", rows, right))
    return out


def test_fit_field_chooses_abstains_and_calibrates():
    groups = _groups()
    fm = fit_field(groups, l2=1.0, cost_wrong=1.0, features=["score"])
    assert fm.calib_a > 0 and fm.threshold == 0.5
    p = fm.probs([{"score": 4.0}, {"score": 0.0}])
    assert p[0] > 0.8 and p[1] < 0.5
    # calibrated on held-out choices: among chosen candidates given p >= 0.5, most are right
    test = _groups(seed=7)
    given = right = 0
    for g in test:
        z = fm.logits(g.rows)
        k = int(np.argmax(z))
        if fm.calibrate(z[k]) >= fm.threshold:
            given += 1
            right += g.right[k]
    assert given > 0 and right / given > 0.75


def test_degenerate_calibration_never_inverts_the_ranking():
    # every chosen value right: the calibration cannot tell right from wrong; it must keep the order
    groups = [Group(f"q{k}", [{"score": 3.0 + k % 5}, {"score": 0.0}], [1, 0]) for k in range(40)]
    fm = fit_field(groups, l2=1.0, features=["score"])
    z = fm.logits([{"score": 5.0}, {"score": 0.0}])
    assert z[0] > z[1] and fm.calib_a >= 0


def test_weights_are_data_and_round_trip(tmp_path):
    ranker = fit_ranker({"chips": _groups(), "training_hours": _groups(seed=3)},
                        config={f: {"features": ["score"], "l2": 1.0, "cost_wrong": 1.5} for f in ("chips", "training_hours")},
                        meta={"fitted_on": "synthetic"})
    path = tmp_path / "ranker.json"
    ranker.save(path)
    data = json.loads(path.read_text())
    assert data["format"] == "aicompute.extraction-ranker/1" and data["fitted_on"] == "synthetic"
    assert set(data["fields"]) == {"chips", "training_hours"} and data["fields"]["chips"]["threshold"] == 0.6
    back = Ranker.load(path)
    rows = [{"score": 2.5}, {"score": 0.5}]
    assert np.allclose(back.fields["chips"].probs(rows), ranker.fields["chips"].probs(rows), atol=1e-4)


def test_folds_are_fixed_by_the_id():
    ids = [f"2101.{k:05d}" for k in range(500)]
    folds = [fold_of(i, 5) for i in ids]
    assert folds == [fold_of(i, 5) for i in ids] and set(folds) == set(range(5))
    assert all(60 < folds.count(k) < 140 for k in range(5))


def test_why_cues_become_feature_names():
    assert why_key("count '8' + 'GPUs'") == "why:count q + q"
    assert why_key("stated 3 times") == "why:stated # times"


def test_the_shipped_weights_load_and_cover_the_ranked_fields():
    ranker = default_ranker()
    if ranker is None:
        pytest.skip("no shipped ranker weights (workflow/data/extraction_ranker.json)")
    assert set(ranker.fields) == set(CONFIG)
    for fm in ranker.fields.values():
        assert 0.0 < fm.threshold < 1.0 and fm.calib_a >= 0


def test_the_ranker_chooses_inside_the_extraction():
    hw = HardwareTable.load()
    sents = [Sentence(3, t, index=i) for i, t in enumerate([
        "We trained the final model on 16 NVIDIA V100 GPUs for 5 days.",
        "For the ablations we use 2 GPUs.",
    ])]
    gen = generate(sents, hw, dt.date(2020, 1, 1))
    # a ranker that trusts the hand-set score, and one that prefers the smaller count
    trust = Ranker({"chips": FieldModel(Logistic(["score"], np.zeros(1), np.ones(1), np.array([2.0]), -4.0),
                                        features=["score"])})
    chosen = decide(gen, trust)
    assert chosen["chips"]["value"] == 16 and 0 < chosen["chips"]["confidence"] <= 1
    contrary = Ranker({"chips": FieldModel(Logistic(["score"], np.zeros(1), np.ones(1), np.array([-2.0]), 20.0),
                                           features=["score"])})
    assert decide(gen, contrary)["chips"]["value"] == 2
    # below the threshold: nothing
    shy = Ranker({"chips": FieldModel(Logistic(["score"], np.zeros(1), np.ones(1), np.array([0.0]), -5.0),
                                      features=["score"])})
    assert decide(gen, shy)["chips"] is None
    # the hand-set rules again, unchanged by the rankers' passes
    assert decide(gen, None)["chips"]["value"] == 16


def test_the_top_band_is_earned_on_held_out_choices():
    from aicompute.extraction.ranker import earned_top_band
    # 30 held-out choices, the 20 most probable all right, then errors: the band starts at the 20th
    p = [0.99 - 0.01 * i for i in range(30)]
    y = [1] * 20 + [0, 1, 0, 1, 0, 1, 1, 0, 1, 0]
    assert earned_top_band(p, y) == pytest.approx(p[19])
    # an error among the most probable: no level is right 95% of the time, the band stays empty
    assert earned_top_band(p, [0] + [1] * 12 + [0] * 17) == 1.0
    # a few right choices are not enough to earn it (1 of 1, 5 of 5)
    assert earned_top_band([0.97] * 5, [1] * 5) == 1.0


def test_the_top_band_guard_only_lowers_confidence_and_keeps_the_order():
    from aicompute.extraction.ranker import TOP_BAND, guard_top_band
    ps = [0.3, 0.6, 0.79, 0.85, 0.9, 0.95, 0.99]
    for top_from in (TOP_BAND, 0.9, 1.0):
        shown = [guard_top_band(p, top_from) for p in ps]
        assert all(s <= p + 1e-9 for s, p in zip(shown, ps))
        assert shown == sorted(shown)
        assert all((s >= TOP_BAND) == (p >= top_from) for s, p in zip(shown, ps))
    assert [guard_top_band(p, TOP_BAND) for p in ps] == pytest.approx(ps)  # an old weights file: unchanged


def test_an_unearned_top_band_shows_the_choice_as_needing_review():
    hw = HardwareTable.load()
    sents = [Sentence(3, "We trained the final model on 16 NVIDIA V100 GPUs for 5 days.", index=0)]
    gen = generate(sents, hw, dt.date(2020, 1, 1))
    sure = Logistic(["score"], np.zeros(1), np.ones(1), np.array([2.0]), 0.0)
    earned = Ranker({"chips": FieldModel(sure, features=["score"], top_from=0.8)})
    assert decide(gen, earned)["chips"]["confidence"] >= 0.8
    unearned = Ranker({"chips": FieldModel(sure, features=["score"], top_from=1.0)})
    ch = decide(gen, unearned)["chips"]
    assert ch["value"] == 16 and 0.5 <= ch["confidence"] < 0.8


def _with_a_sure_class(n=200, seed=3):
    """Papers with 2 candidates; the higher-scored one is right, except in a quarter of the papers without
    'dur_same' (a count stated with no duration), where the other one is: a chosen count with a duration in its
    sentence is always right, one without is right ~70% of the time, whatever its score."""
    rng = random.Random(seed)
    out = []
    for k in range(n):
        sure = k % 2 == 0
        top_right = sure or rng.random() < 0.6
        s_hi, s_lo = 3.0 + rng.gauss(0, 0.5), 1.0 + rng.gauss(0, 0.5)
        rows = [{"score": s_hi, "dur_same": float(sure), "has_chip": 1.0},
                {"score": s_lo, "dur_same": 0.0, "has_chip": 1.0}]
        out.append(Group(f"q{k}", rows, [int(top_right), int(not top_right)]))
    return out


def test_confidence_features_earn_a_top_band_without_changing_the_choice(tmp_path):
    groups = _with_a_sure_class()
    plain = fit_field(groups, l2=1.0, cost_wrong=1.0, features=["score"])
    conf = fit_field(groups, l2=1.0, cost_wrong=1.0, features=["score"], confidence_features=["dur_same", "has_chip"],
                     confidence_score=False)
    # the choice and the threshold are those of the score alone
    rows = [{"score": 3.2, "dur_same": 1.0, "has_chip": 1.0}, {"score": 3.2, "dur_same": 0.0, "has_chip": 1.0}]
    assert np.allclose(plain.logits(rows), conf.logits(rows)) and plain.threshold == conf.threshold
    assert (plain.calib_a, plain.calib_b) == (conf.calib_a, conf.calib_b)
    # the score alone cannot tell the sure class apart: no top band; with the feature, the sure class gets it
    z = conf.logits(rows)
    p = conf.calibrate(z)
    assert plain.confidence(p[0], z[0], rows[0]) < 0.8
    assert conf.confidence(p[0], z[0], rows[0]) >= 0.8 > conf.confidence(p[1], z[1], rows[1])
    # (without the row, or for a model without confidence features, the calibrated probability as before)
    assert conf.confidence(p[0]) == plain.confidence(p[0])
    # stored with the weights
    Ranker({"chips": conf}).save(tmp_path / "r.json")
    back = Ranker.load(tmp_path / "r.json").fields["chips"]
    assert back.conf_ab is not None and set(back.conf_features) == {"dur_same", "has_chip"}
    assert abs(back.confidence(p[0], z[0], rows[0]) - conf.confidence(p[0], z[0], rows[0])) < 1e-3
    old = json.loads((tmp_path / "r.json").read_text())
    del old["fields"]["chips"]["confidence_calibration"]
    (tmp_path / "old.json").write_text(json.dumps(old))
    assert Ranker.load(tmp_path / "old.json").fields["chips"].conf_ab is None  # weights of before still load


def test_a_feature_that_is_not_always_right_earns_no_top_band():
    groups = _with_a_sure_class()
    for g in groups:  # the 'sure' class is now wrong one time in six
        if g.rows[0]["dur_same"] and int(g.paper_id[1:]) % 12 == 0:
            g.right = [0, 1]
    fm = fit_field(groups, l2=1.0, cost_wrong=1.0, features=["score"], confidence_features=["dur_same"],
                   confidence_score=False)
    row = {"score": 3.2, "dur_same": 1.0}
    z = fm.logits([row])[0]
    assert fm.confidence(fm.calibrate(z), z, row) < 0.8


def test_the_shipped_chip_count_confidence_reads_the_count_s_duration():
    # (the duration only in a sentence that speaks of training: "dur_run", tests/test_extract_run_sense.py)
    assert CONFIG["chips"]["confidence_features"][0] == "dur_run" and CONFIG["chips"]["confidence_score"] is False
    fm = default_ranker().fields["chips"]
    assert fm.conf_ab is not None and fm.conf_features["dur_run"] > 0
