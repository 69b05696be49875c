"""The learned choice of the size fields (aicompute.sizes_ranker): its features on sentences of our own,
the choice among near-ties, abstention, the weights file, and the shipped file's shape."""

from __future__ import annotations

import json
import pickle

import pytest
from conftest import tokens_feature_rows

from aicompute import sizes_ranker as sr
from aicompute.extraction.ranker import Logistic
from aicompute.pdftext import Sentence
from aicompute.sizes import _choose_sizes, extract_sizes


def cands_of(*texts, field="epochs"):
    sents = [Sentence(5, t, "text", "body", index=i) for i, t in enumerate(texts)]
    best, all_c = _choose_sizes(sents, None, False, rules_only=True)
    others = sr.sentence_sets(all_c)
    stats = sr.field_stats(all_c[field], others)
    rows = [sr.features(c, all_c[field], best[field], 5, stats) for c in all_c[field]]
    return all_c[field], best[field], rows, others


def row_of(texts, value, field="epochs"):
    cs, _, rows, _ = cands_of(*texts, field=field)
    return next(r for c, r in zip(cs, rows) if c.value == value)


# ------------------------------------------------------------------ features


def test_pronoun_subject_is_a_feature_and_we_is_not_one():
    # "It contains 1.2M images": a dataset described, not the run; near-miss: "We train on 1.2M images"
    r = row_of(["It contains 1.2M images of 1000 classes."], 1.2e6, "tokens_or_examples")
    assert r["pronoun_subject"] == 1.0
    r = row_of(["We train on 1.2M images of 1000 classes."], 1.2e6, "tokens_or_examples")
    assert r.get("pronoun_subject", 0.0) == 0.0 and r["ctx:we"] == 1.0


def test_stated_with_the_data_and_value_rank():
    texts = ["The network is trained for 90 epochs over the 1.28M training images.",
             "The decoder is then trained for 100 epochs."]
    r90, r100 = row_of(texts, 90), row_of(texts, 100)
    assert r90["with:tokens_or_examples"] == 1.0 and r100["with:tokens_or_examples"] == 0.0
    assert r100["v_max"] == 1.0 and r90["v_max"] == 0.0
    assert r90["gap"] == 0.0 and r100["gap"] > 0.5  # the rules prefer the run over the data


def test_table_cells_and_distractors_are_marked():
    r = row_of(["Unlike prior work [3] that trains for 300 epochs, we train for 30 epochs."], 300)
    assert r["flagged"] == 1.0
    r = row_of(["Unlike prior work [3] that trains for 300 epochs, we train for 30 epochs."], 30)
    assert r.get("flagged", 0.0) == 0.0


# ------------------------------------------------------------------ the choice


def _model(weights: dict[str, float], threshold=0.2, calib=(1.0, 0.0), choose=True, prefixes=None):
    names = sorted(weights)
    import numpy as np

    m = Logistic(names, np.zeros(len(names)), np.ones(len(names)), np.array([weights[n] for n in names]), 0.0)
    return sr.FieldModel(m, calib[0], calib[1], threshold, 1.0, prefixes, choose)


def test_the_model_settles_near_ties_but_does_not_overrule_a_clear_preference():
    # two statements the rules score alike (40 by 0.3): the model settles the near-tie its own way
    cs, best, rows, others = cands_of("We train for 30 epochs on the training set.", "In total we train for 40 epochs.")
    assert best.value == 40 and {x.value: r["gap"] for x, r in zip(cs, rows)}[30] <= sr.MAX_GAP
    c, conf = sr.decide_field(_model({"v_max": -3.0}), cs, best, 5, others)
    assert c.value == 30 and 0 < conf < 1
    # the rules clearly prefer 90 (the run over its data) to 100 (a linear probe): the model may not pick 100
    cs, best, rows, others = cands_of("The network is trained for 90 epochs over the 1.28M training images.",
                                      "The linear classifier is then trained for 100 epochs.")
    c, _ = sr.decide_field(_model({"v_max": 5.0}), cs, best, 5, others)
    assert c.value == 90


def test_a_distractor_is_picked_only_when_nothing_else_is_left():
    cs, best, rows, others = cands_of("We train for 50 epochs with a weight decay of 0.2.",
                                      "In contrast, X3D [12] and SlowFast [8] use 128 GPUs for 256 epochs.")
    c, _ = sr.decide_field(_model({"v_max": 5.0, "flagged": 5.0}), cs, best, 5, others)
    assert c.value == 50


def test_abstains_below_the_threshold_and_where_the_rules_see_nothing():
    cs, best, _, others = cands_of("We train for 30 epochs.")
    c, conf = sr.decide_field(_model({"v_max": 1.0}, threshold=0.99, calib=(0.0, 0.0)), cs, best, 5, others)
    assert c is None and conf is None
    c, conf = sr.decide_field(_model({"v_max": 1.0}, threshold=0.2, calib=(0.0, 0.0)), cs, best, 5, others)
    assert c is not None and conf == 0.5
    # the rules give no epochs here: the model ("choose": true) does not invent one
    cs, best, _, others = cands_of("We propose a method.", "Results are in Table 2.")
    assert sr.decide_field(_model({"v_max": 1.0}), cs, best, 5, others) == (None, None)


def test_fit_learns_a_feature_that_marks_the_right_candidate_and_calibrates():
    groups = []
    for i in range(60):
        right_first = i % 3 != 0
        rows = [{"above_floor": 1.0, "gap": 0.0, "ctx:train": 1.0, "v_max": float(i % 2)},
                {"above_floor": 1.0, "gap": 0.2, "ctx:train": 0.0, "v_max": float(1 - i % 2)}]
        groups.append(sr.Group(f"p{i}", "epochs", rows, [int(right_first), 0], 0, True))
    fm = sr.fit_field(groups, l2=1.0, prefixes=["ctx:", "v_"], choose=True, threshold=0.2)
    res = sr.score_groups(fm, groups)
    assert sum(r[3] for r in res) == sum(1 for i in range(60) if i % 3 != 0)  # always the train-word one
    given = [r for r in res if r[2]]
    assert given and all(0 < r[4] < 1 for r in given)


def test_weights_round_trip_and_adopted_fields(tmp_path):
    groups = [sr.Group(f"p{i}", "steps", [{"above_floor": 1.0, "gap": 0.0, "ctx:train": float(i % 2)}], [i % 2], 0, True)
              for i in range(40)]
    r = sr.SizesRanker({"steps": sr.fit_field(groups, 1.0, None, True, 0.2)}, {"fitted_on": "test"}, ("steps",))
    path = tmp_path / "w.json"
    r.save(path)
    back = sr.SizesRanker.load(path)
    assert back.adopted == ("steps",) and back.meta["fitted_on"] == "test"
    rows = [{"above_floor": 1.0, "ctx:train": 1.0}, {"above_floor": 1.0, "ctx:train": 0.0}]
    assert list(back.fields["steps"].logits(rows)) == pytest.approx(list(r.fields["steps"].logits(rows)))
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "something else"}))
    with pytest.raises(ValueError):
        sr.SizesRanker.load(bad)


def test_the_weights_are_loaded_once_per_process_and_again_when_the_file_or_the_variable_changes(tmp_path, monkeypatch):
    # (a warm worker loads them before its first job; a job that names other weights must get those)
    shipped = sr.default_ranker()
    assert shipped is not None and sr.default_ranker() is shipped
    groups = [sr.Group(f"p{i}", "steps", [{"above_floor": 1.0, "ctx:train": float(i % 2)}], [i % 2], 0, True)
              for i in range(40)]
    path = tmp_path / "w.json"
    sr.SizesRanker({"steps": sr.fit_field(groups, 1.0, None, True, 0.2)}, {"fitted_on": "a"}, ("steps",)).save(path)
    monkeypatch.setenv(sr.ENV_FILE, str(path))
    first = sr.default_ranker()
    assert first.meta["fitted_on"] == "a" and sr.default_ranker() is first
    sr.SizesRanker({"steps": sr.fit_field(groups, 1.0, None, True, 0.2)}, {"fitted_on": "bb"}, ()).save(path)
    assert sr.default_ranker().meta["fitted_on"] == "bb"
    monkeypatch.setenv(sr.ENV_FILE, str(tmp_path / "absent.json"))
    assert sr.default_ranker() is None
    monkeypatch.delenv(sr.ENV_FILE)
    assert sr.default_ranker() is shipped


def test_the_shipped_weights_load_and_the_facts_keep_their_shape():
    r = sr.default_ranker()
    assert r is not None and set(r.adopted) <= set(r.fields) <= set(sr.RANKED)
    for fm in r.fields.values():
        assert 0.0 <= fm.threshold < 1.0
    sents = [Sentence(5, "We train the 1.3B model for 3 epochs on 300B tokens with a batch size of 512.", "text", "body", index=0)]
    chosen, cands = extract_sizes(sents)
    for f in sr.RANKED:
        if chosen[f] is not None:
            assert 0.0 < chosen[f]["confidence"] <= 1.0
    assert chosen["epochs"]["value"] == 3
    assert any(c["field"] == "epochs" and c["role"] == "main" for c in cands)


def test_the_cv_command_compares_with_the_rules_and_prints_held_out_calibration(tmp_path, capsys):

    groups = []
    for i in range(30):
        for f in sr.RANKED:
            rows = [{"above_floor": 1.0, "gap": 0.0, "ctx:train": 1.0}, {"above_floor": 1.0, "gap": 0.3, "ctx:train": 0.0}]
            groups.append(vars(sr.Group(f"2301.{i:05d}", f, rows, [1, 0] if i % 2 else [0, 0], 0, bool(i % 2))))
    path = tmp_path / "groups.pkl"
    path.write_bytes(pickle.dumps(groups))
    assert sr.main(["cv", "--pdfs", str(tmp_path), "--labels", str(tmp_path), "--groups", str(path)]) == 0
    out = capsys.readouterr().out
    assert "rules" in out and "ranker" in out and "Held-out calibration" in out
    assert sr.bands([("p", True, True, True, 0.5), ("p", False, True, False, 0.5), ("p", True, False, False, 0.0)])[2] == \
        (0.4, 0.6, 1, 2)


# ------------------------------------------------------------------ below the rules' floor (``floor`` False)


def test_eligible_below_the_floor_only_when_the_field_says_so():
    rows = [{"above_floor": 1.0, "gap": 0.0}, {"above_floor": 0.0, "gap": 3.0}, {"above_floor": 0.0, "gap": 4.0, "flagged": 1.0}]
    assert sr.eligible(rows, 99.0) == [0]
    assert sr.eligible(rows, 99.0, floor=False) == [0, 1]  # the flagged one still only when nothing else is left
    assert sr.eligible(rows, 1.0, floor=False) == [0]  # the gap still bounds it
    assert sr.eligible([rows[2]], 99.0, floor=False) == [0]


def test_a_model_without_the_floor_may_pick_a_value_the_rules_score_low_but_not_invent_one():
    # sentences of our own: the rules prefer the first statement; the second is below their floor
    texts = ("Our model is trained on 120k sentence pairs.", "The corpus has 4.5M sentence pairs.")
    cs, best, rows, others = cands_of(*texts, field="tokens_or_examples")
    assert best.value == 120000 and any(c.value == 4.5e6 and not r["above_floor"] for c, r in zip(cs, rows))
    fm = _model({"log10v": 5.0})  # (a model that prefers the larger value)
    fm.max_gap = 99.0
    assert sr.decide_field(fm, cs, best, 5, others)[0].value == 120000  # with the floor: below it, not eligible
    fm.floor = False
    assert sr.decide_field(fm, cs, best, 5, others)[0].value == 4.5e6
    # near-miss: the rules see no training data at all; without the floor the model still gives nothing
    cs, best, rows, others = cands_of("The corpus has 4.5M sentence pairs.", "Results are in Table 2.", field="tokens_or_examples")
    assert best is None and sr.decide_field(fm, cs, best, 5, others) == (None, None)


def test_the_floor_setting_round_trips_through_the_weights_file(tmp_path):
    groups = [sr.Group(f"p{i}", "tokens_or_examples", [{"above_floor": 1.0, "gap": 0.0, "ctx:train": float(i % 2)},
                                                         {"above_floor": 0.0, "gap": 2.0, "ctx:train": 0.0}], [i % 2, 0], 0, True)
              for i in range(40)]
    fm = sr.fit_field(groups, 1.0, None, True, 0.2, max_gap=99.0, kind="softmax", floor=False)
    r = sr.SizesRanker({"tokens_or_examples": fm, "steps": sr.fit_field(groups, 1.0, None, True, 0.2)}, {}, ())
    r.save(tmp_path / "w.json")
    back = sr.SizesRanker.load(tmp_path / "w.json")
    assert back.fields["tokens_or_examples"].floor is False and back.fields["tokens_or_examples"].max_gap == 99.0
    assert back.fields["steps"].floor is True


def test_the_shipped_choice_of_tokens_and_parameters_reads_below_the_floor():
    r = sr.default_ranker()
    for f in ("tokens_or_examples", "parameters"):
        assert f in r.adopted and r.fields[f].floor is False and r.fields[f].kind == "softmax"
        assert not any(p.startswith(tuple(sr._RULE)) for p in r.fields[f].prefixes)  # no rule score among its features


def test_the_cv_command_over_all_papers_prints_counts_for_the_blind_split(tmp_path, capsys):

    from aicompute.evaluate import is_blind

    ids = [f"2301.{i:05d}" for i in range(400)]
    dev = [i for i in ids if not is_blind(i)][:30]
    blind = [i for i in ids if is_blind(i)][:10]
    groups = []
    for j, pid in enumerate(dev + blind):
        for f in sr.RANKED:
            rows = [{"above_floor": 1.0, "gap": 0.0, "ctx:train": 1.0}, {"above_floor": 0.0, "gap": 2.0, "ctx:train": 0.0}]
            groups.append(vars(sr.Group(pid, f, rows, [1, 0] if j % 2 else [0, 0], 0, bool(j % 2))))
    path = tmp_path / "groups.pkl"
    path.write_bytes(pickle.dumps(groups))
    assert sr.main(["cv", "--all-papers", "--pdfs", str(tmp_path), "--labels", str(tmp_path), "--groups", str(path)]) == 0
    out = capsys.readouterr().out
    assert "over all 40 papers" in out and "blind: ranker" in out and "CV all: ranker" in out


def test_a_value_the_rules_give_to_another_run_is_not_eligible_while_the_runs_own_is():
    # below the floor or not, a count stated beside another model size, or a cited model's size, is picked only
    # when nothing else is left
    fm = _model({"log10v": 5.0})
    fm.max_gap, fm.floor = 99.0, False
    cs, best, rows, others = cands_of("Our main model has 2B parameters and is trained on 300B tokens.",
                                      "For an ablation, we train a separate 400M model on 2 trillion tokens.",
                                      field="tokens_or_examples")
    assert sr.decide_field(fm, cs, best, 5, others)[0].value == 300e9
    cs, best, rows, others = cands_of("The teacher, a VGG-16 network [4] with about 138 million parameters, is frozen.",
                                      "Our student network has 40,000 trainable parameters.", field="parameters")
    assert sr.decide_field(fm, cs, best, 5, others)[0].value == 40000
    # near-miss: the same larger values with nothing marking them as another run's are eligible, and win here
    cs, best, rows, others = cands_of("Our main model has 2B parameters and is trained on 300B tokens.",
                                      "In total, our data holds 2 trillion tokens of text.", field="tokens_or_examples")
    assert sr.decide_field(fm, cs, best, 5, others)[0].value == 2e12


# ------------------------------------------------------------------ which dataset the paper trains on


_data_rows = tokens_feature_rows


_TWO_SETS = ["The Kestrel-7 collection contains 4,210 training images of birds.",
             "The Owlnet-2 collection contains 9,800 training images of owls."]


def test_the_amount_named_with_the_dataset_the_paper_trains_on_is_marked_main_and_the_other_one_other():
    rows = _data_rows(*_TWO_SETS, "We train our network on Kestrel-7 for 40 epochs.",
                      "Fine-tuning on Kestrel-7 takes 20k iterations with a batch of 16.",
                      "Owlnet-2 is used only to test how the features transfer.")
    assert rows[4210].get("data_main") == 1.0 and "data_other" not in rows[4210]
    assert rows[9800].get("data_other") == 1.0 and "data_main" not in rows[9800]


def test_no_main_dataset_when_no_name_is_stated_twice_with_training_words():
    # near-miss: Kestrel-7 named once with training words (and once more without any): nothing is marked
    rows = _data_rows("The Kestrel-7 collection contains 4,210 images of birds.",
                      "The Owlnet-2 collection contains 9,800 images of owls.",
                      "We train our network on Kestrel-7 for 40 epochs.",
                      "Results on Kestrel-7 are in Table 2.")
    assert {4210, 9800} <= set(rows)
    assert not any(k.startswith("data_") for r in rows.values() for k in r)


def test_mentions_without_training_words_or_in_related_work_do_not_make_the_main_dataset():
    # Owlnet-2 is named more often, but in results and in related work; the training is on Kestrel-7
    rows = _data_rows(*_TWO_SETS, "We train on Kestrel-7 for 40 epochs.", "Training on Kestrel-7 uses a batch of 32.",
                      "Owlnet-2 accuracy is reported in Table 3.", "On Owlnet-2 our features transfer well.",
                      "Owlnet-2 results improve by 3 points.",
                      "Prior work trained on Owlnet-2 for 90 epochs.", "Others trained Owlnet-2 models with a batch of 64.",
                      sections={7: "related", 8: "related"})
    assert rows[4210].get("data_main") == 1.0 and rows[9800].get("data_other") == 1.0


def test_an_amount_naming_no_dataset_gets_neither_cue():
    rows = _data_rows(*_TWO_SETS, "We train on Kestrel-7 for 40 epochs.", "Training on Kestrel-7 uses a batch of 32.",
                      "In total we train on 5,000 labelled images.")
    assert rows[4210].get("data_main") == 1.0
    assert not any(k.startswith("data_") for k in rows[5000])


def test_the_main_dataset_cue_is_read_by_the_tokens_choice_and_in_the_shipped_weights():
    assert "data_" in sr.CONFIG["tokens_or_examples"]["prefixes"]
    assert "data_" not in sr.CONFIG["parameters"]["prefixes"] and "data_" not in sr.GENERIC
    r = sr.default_ranker()
    assert r is not None and "data_" in r.fields["tokens_or_examples"].prefixes


def test_abstain_unlinked_gives_no_value_for_a_described_dataset_only():
    # a dataset described with no training words ("The corpus holds 3.2M reviews") is not the run's data: with
    # abstain_unlinked the model leaves the field empty ("not stated, needs review") instead of guessing
    described = ["The Reviews corpus holds 3.2M product reviews in 12 languages.", "We propose a method."]
    cs, best, rows, others = cands_of(*described, field="tokens_or_examples")
    assert cs and all(r.get("unlinked") == 1.0 for r in rows)
    m = _model({"v_max": 1.0}, calib=(0.0, 2.0), choose="always")
    assert sr.decide_field(m, cs, best, 5, others)[0] is not None
    m.abstain_unlinked = True
    assert sr.decide_field(m, cs, best, 5, others) == (None, None)
    # near-miss: the amount the paper trains on is stated with training words and is still given
    cs, best, rows, others = cands_of("We train on 3.2M product reviews in 12 languages.", field="tokens_or_examples")
    c, _ = sr.decide_field(m, cs, best, 5, others)
    assert c is not None and c.value == 3.2e6
    # scoring (cross-validation) applies the same rule to a group's picked row
    g = sr.Group("p", "tokens_or_examples", [{"above_floor": 1.0, "unlinked": 1.0, "v_max": 1.0}], [1], 0, True)
    assert sr.score_groups(m, [g])[0][2] is False


def test_the_shipped_tokens_model_abstains_on_described_datasets():
    r = sr.default_ranker()
    assert r is not None and r.fields["tokens_or_examples"].abstain_unlinked
    assert sr.CONFIG["tokens_or_examples"]["abstain_unlinked"] and not r.fields["parameters"].abstain_unlinked


def test_rule_min_leaves_the_field_empty_when_the_rules_best_is_weak():
    # the rules give a value above their floor (MIN_SCORE) but on weak evidence: with rule_min the model asks for more
    cs, best, rows, others = cands_of("We train on 3.2M product reviews in 12 languages.", field="tokens_or_examples")
    m = _model({"v_max": 1.0}, calib=(0.0, 2.0))
    c, _ = sr.decide_field(m, cs, best, 5, others)
    assert c is not None and c.value == 3.2e6
    m.rule_min = best.score + 0.1
    assert sr.decide_field(m, cs, best, 5, others) == (None, None)
    m.rule_min = best.score - 0.1  # near-miss: at or above rule_min the value is still given
    assert sr.decide_field(m, cs, best, 5, others)[0].value == 3.2e6
    assert not m.rule_gives(None)  # no rules' best: nothing, whatever rule_min says
    # scoring (cross-validation) and fitting gate a group by its rules' choice's score alike
    g = sr.Group("p", "tokens_or_examples", [{"above_floor": 1.0, "score": 2.3, "v_max": 1.0}], [1], 0, True)
    m.rule_min = 2.35
    assert sr.score_groups(m, [g])[0][2] is False and sr._rule_gated(g, 2.35) == -1 and sr._rule_gated(g, 2.3) == 0
    m.rule_min = None
    assert sr.score_groups(m, [g])[0][2] is True


def test_rule_min_round_trips_and_is_shipped_for_tokens_and_steps_only(tmp_path):
    groups = [sr.Group(f"p{i}", "tokens_or_examples", [{"above_floor": 1.0, "gap": 0.0, "score": 3.0, "ctx:train": float(i % 2)},
                                                         {"above_floor": 0.0, "gap": 2.0, "score": 1.0, "ctx:train": 0.0}],
                       [i % 2, 0], 0, True) for i in range(40)]
    fm = sr.fit_field(groups, 1.0, None, True, 0.2, max_gap=99.0, kind="softmax", floor=False, rule_min=2.35)
    sr.SizesRanker({"tokens_or_examples": fm}, {}, ()).save(tmp_path / "w.json")
    assert sr.SizesRanker.load(tmp_path / "w.json").fields["tokens_or_examples"].rule_min == 2.35
    r = sr.default_ranker()
    assert r.fields["tokens_or_examples"].rule_min == sr.CONFIG["tokens_or_examples"]["rule_min"] == 2.35
    assert r.fields["steps"].rule_min == sr.CONFIG["steps"]["rule_min"] == 2.45
    assert all(r.fields[f].rule_min is None for f in r.fields if f not in ("tokens_or_examples", "steps"))


def test_the_shift_check_fits_on_the_first_papers_and_scores_the_added_ones_and_the_reverse(tmp_path, capsys, monkeypatch):

    from aicompute.evaluate import is_blind

    ids = [i for i in (f"2302.{i:05d}" for i in range(400)) if not is_blind(i)][:24]
    blind = [i for i in (f"2302.{i:05d}" for i in range(400)) if is_blind(i)][:4]
    meta = tmp_path / "meta.csv"
    meta.write_text("arxiv_id,title,published\n" + "".join(f"{i},t,2023-02-01\n" for i in ids + blind), encoding="utf-8")
    groups = []
    for j, pid in enumerate(ids + blind):
        rows = [{"above_floor": 1.0, "gap": 0.0, "score": 3.0, "ctx:train": 1.0},
                {"above_floor": 1.0, "gap": 0.0, "score": 3.0, "ctx:train": 0.0}]
        groups.append(sr.Group(pid, "parameters", rows, [1, 0] if j % 3 else [0, 0], 0, bool(j % 3)))
    # the first part (N_FIRST papers of meta.csv) and the added part, development papers only
    first = set(ids[:10])
    r = sr.shift_scores(groups, first)["parameters"]
    lab = lambda part: sum(1 for j, p in enumerate(ids) if (p in first) == part and j % 3)
    assert r["first->added"]["labelled"] == lab(False) and r["added->first"]["labelled"] == lab(True)
    assert r["first->added"]["right"] == lab(False)  # ctx:train marks the right one in both parts
    path = tmp_path / "groups.pkl"
    path.write_bytes(pickle.dumps([vars(g) for g in groups]))
    monkeypatch.setattr(sr, "N_FIRST", 10)
    assert sr.main(["cv", "--shift", "--pdfs", str(tmp_path), "--labels", str(tmp_path), "--meta", str(meta),
                    "--groups", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"parameters          first->added {lab(False)}/{lab(False)}" in out and "added->first" in out


def test_a_pick_far_below_the_rules_floor_with_no_own_model_cue_is_left_empty(tmp_path):
    fm = _model({"log10v": 5.0})  # (a model that prefers the larger value)
    fm.floor, fm.max_gap, fm.abstain_below_unowned = False, 99.0, 1.75
    low = {"above_floor": 0.0, "gap": 2.0, "score": 1.2, "log10v": 2.0}  # the rules score it far under their floor
    high = {"above_floor": 1.0, "gap": 0.0, "score": 3.2, "log10v": 1.5}
    assert fm.abstains_on(low) and not fm.abstains_on(high)
    assert not fm.abstains_on({**low, "own_any": 1.0})  # named as the paper's own model's: kept
    assert not fm.abstains_on({**low, "score": 1.8})  # near the floor: kept
    g = sr.Group("p1", "parameters", [high, low], [1, 0], 0, True)
    assert sr.score_groups(fm, [g])[0][2] is False  # the model's pick (the low one) is not given
    g_own = sr.Group("p2", "parameters", [high, {**low, "own_any": 1.0}], [0, 1], 0, True)
    assert sr.score_groups(fm, [g_own])[0][2:4] == (True, True)
    fm.abstain_below_unowned = None
    assert not fm.abstains_on(low)
    # the setting round-trips through the weights file, and the shipped parameters model has it below the floor
    groups = [sr.Group(f"p{i}", "parameters", [dict(high, **{"ctx:train": float(i % 2)}), low], [i % 2, 0], 0, True)
              for i in range(40)]
    r = sr.SizesRanker({"parameters": sr.fit_field(groups, 1.0, None, True, 0.2, abstain_below_unowned=1.75)}, {}, ())
    r.save(tmp_path / "w.json")
    assert sr.SizesRanker.load(tmp_path / "w.json").fields["parameters"].abstain_below_unowned == 1.75
    shipped = sr.default_ranker().fields["parameters"].abstain_below_unowned
    assert shipped is not None and shipped < sr.field_stats([])["floor"]


def test_a_pick_just_below_the_rules_floor_needs_a_cue_that_it_is_the_papers_own_run():
    # (round 10) between abstain_below_unowned (1.75) and the floor (2.0): own model named, we/our or training words
    # in the value's sentence, or the value stated up front (CLAIM_CUES) keep the pick; none of them: no value
    fm = _model({"log10v": 5.0})  # (a model that prefers the larger value)
    fm.floor, fm.max_gap, fm.abstain_below_unowned, fm.abstain_below_unclaimed = False, 99.0, 1.75, 2.0
    near = {"above_floor": 0.0, "gap": 1.2, "score": 1.9, "log10v": 2.0}  # just under the floor, no claim
    high = {"above_floor": 1.0, "gap": 0.0, "score": 3.1, "log10v": 1.5}
    assert fm.abstains_on(near) and not fm.abstains_on(high)
    for cue in ("own_any", "ctx:we", "ctx:train", "front_value"):
        assert not fm.abstains_on({**near, cue: 1.0}), cue
    # near-misses: cues that do not claim the value for the paper's run, and a score at the floor
    for cue in ("ctx:cite", "ctx:others", "has_model_name", "column_table", "v_max", "clean_max", "front"):
        assert fm.abstains_on({**near, cue: 1.0}), cue
    assert not fm.abstains_on({**near, "score": 2.0})
    assert fm.abstains_on({**near, "score": 1.5, "ctx:we": 1.0})  # far under the floor: the own model named, only
    g = sr.Group("p1", "parameters", [high, near], [1, 0], 0, True)
    assert sr.score_groups(fm, [g])[0][2] is False  # the model's pick (the unclaimed one) is not given
    g_we = sr.Group("p2", "parameters", [high, {**near, "ctx:we": 1.0}], [0, 1], 0, True)
    assert sr.score_groups(fm, [g_we])[0][2:4] == (True, True)
    fm.abstain_below_unclaimed = None
    assert not fm.abstains_on(near)


def test_the_claim_cues_come_from_the_sentence_of_the_value():
    # sentences of our own: training words or we/our claim the value; a bare description or a cited model's does not
    def claims(t):
        cs, _, rows, _ = cands_of(t, field="parameters")
        return {k for r in rows for k in sr.CLAIM_CUES if r.get(k)}
    assert claims("Each student network is trained with SGD and has 4.2M parameters.") == {"ctx:train"}
    assert "ctx:we" in claims("Our compact classifier contains only 3.1M parameters.")
    assert claims("The decoder alone accounts for 48M parameters.") == set()
    assert claims("A wide baseline in [12] uses 48M parameters.") == set()
    assert claims("The larger variant reported by Smith et al. has 48M parameters.") == set()


def test_the_unclaimed_abstention_round_trips_and_is_shipped_for_parameters_only(tmp_path):
    high = {"above_floor": 1.0, "gap": 0.0, "score": 3.1, "log10v": 1.5}
    low = {"above_floor": 0.0, "gap": 1.2, "score": 1.9, "log10v": 2.0}
    groups = [sr.Group(f"p{i}", "parameters", [dict(high, **{"ctx:train": float(i % 2)}), low], [i % 2, 0], 0, True)
              for i in range(40)]
    r = sr.SizesRanker({"parameters": sr.fit_field(groups, 1.0, None, True, 0.2, abstain_below_unclaimed=2.0)}, {}, ())
    r.save(tmp_path / "w.json")
    assert sr.SizesRanker.load(tmp_path / "w.json").fields["parameters"].abstain_below_unclaimed == 2.0
    shipped = sr.default_ranker()
    assert shipped.fields["parameters"].abstain_below_unclaimed == sr.CONFIG["parameters"]["abstain_below_unclaimed"]
    assert shipped.fields["parameters"].abstain_below_unclaimed <= sr.field_stats([])["floor"]
    assert all(m.abstain_below_unclaimed is None for f, m in shipped.fields.items() if f != "parameters")


def test_a_value_with_no_claim_of_the_papers_own_run_is_shown_below_the_medium_band(tmp_path):
    # (round 10) the same value, the same pick: with no cue that it is the paper's own run's (CLAIM_CUES) its shown
    # confidence is capped (its estimate then reads "low confidence" and asks for a person); with one it is not
    fm = _model({"log10v": 5.0})
    fm.floor, fm.max_gap, fm.cap_unclaimed = False, 99.0, 0.45
    row = {"above_floor": 1.0, "gap": 0.0, "score": 3.1, "log10v": 2.0}
    p = fm.prob(2.0 * 5.0)
    assert fm.confidence(p) > 0.45 and fm.shown_confidence(p, row) == 0.45
    for cue in sr.CLAIM_CUES:
        assert fm.shown_confidence(p, {**row, cue: 1.0}) == fm.confidence(p), cue
    for cue in ("ctx:cite", "has_model_name", "column_table", "v_max"):  # not claims of our run
        assert fm.shown_confidence(p, {**row, cue: 1.0}) == 0.45, cue
    g = sr.Group("p1", "parameters", [row], [1], 0, True)
    assert sr.score_groups(fm, [g])[0][2:] == (True, True, 0.45)
    fm.cap_unclaimed = None
    assert fm.shown_confidence(p, row) == fm.confidence(p)
    # kept in the weights file; shipped for parameters only
    fm.cap_unclaimed = 0.45
    sr.SizesRanker({"parameters": fm}, {}, ()).save(tmp_path / "w.json")
    assert sr.SizesRanker.load(tmp_path / "w.json").fields["parameters"].cap_unclaimed == 0.45
    shipped = sr.default_ranker()
    assert shipped.fields["parameters"].cap_unclaimed == sr.CONFIG["parameters"]["cap_unclaimed"] < 0.5
    assert all(m.cap_unclaimed is None for f, m in shipped.fields.items() if f != "parameters")


def test_a_groups_file_collected_by_other_code_is_collected_again(tmp_path, monkeypatch, capsys):
    # (round 14) a --groups file holds the candidates of the code that collected them; a refit read from a stale file
    # ships weights no fresh fit gives, so a file whose source stamp differs is collected again, and said so
    groups = [sr.Group("2301.00001", "parameters", [{"score": 3.0}], [1], 0, True)]
    path = tmp_path / "groups.pkl"
    path.write_bytes(pickle.dumps([vars(g) for g in groups]))
    collected = []
    monkeypatch.setattr(sr, "collect", lambda *a: collected.append(1) or groups)
    args = ["cv", "--pdfs", str(tmp_path), "--labels", str(tmp_path), "--groups", str(path)]
    path.with_name("groups.pkl.source").write_text("collected-by-older-code")
    assert sr.main(args) == 0
    assert collected == [1] and "collecting afresh" in capsys.readouterr().err
    assert path.with_name("groups.pkl.source").read_text() == sr.source_fingerprint()
    assert sr.main(args) == 0  # the same code again: read, not collected
    assert collected == [1] and "read from this file" in capsys.readouterr().err
