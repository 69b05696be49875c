"""Which dataset the run trains on (``tokens_or_examples``): dataset-shaped names that are something else (a model, a
chip, a section number, a heading's word), the datasets the paper's training statements name, the ``run_data`` cue of
each data amount, and the learned choice's abstention on an amount stated only for another dataset. Sentences of our
own, each class with near-misses."""

from __future__ import annotations

import pytest
from conftest import tokens_feature_rows

from aicompute import sizes_ranker as sr
from aicompute.extraction.ranker import Logistic
from aicompute.pdftext import Sentence
from aicompute.sizes import _choose_sizes
from aicompute.sizes.data import dataset_names, not_dataset_names, run_datasets, trains_on


def _sents(*texts, sections=None):
    return [Sentence(5, t, "text", (sections or {}).get(i, "body"), index=i) for i, t in enumerate(texts)]


# ------------------------------------------------------------------ names that are no dataset


@pytest.mark.parametrize("name, texts", [
    ("C.4", ["Details of the augmentation are in Appendix C.4 with 2,000 extra images."]),  # a section number
    ("GRUs", ["Both GRUs see 40,000 sentences."]),  # an acronym's plural
    ("V100", ["We train on 30,000 images with one V100 card."]),  # an accelerator
    ("TPU-v4", ["Training on 2M clips runs on a TPU-v4 slice."]),
    ("CURATED", ["CURATED SUBSETS", "We use the curated subset of 50,000 captions."]),  # a heading's word in capitals
    ("Heronet-3", ["The Heronet-3 model is trained on 12,000 images.", "Heronet-3 layers are frozen.",
                   "We compare with Heronet-3 on Kestrel-7."]),  # a model: its noun after it
    ("Quill-13B", ["Quill-13B was trained on 900B tokens."]),  # a size in billions, never called data
    ("AdamW", ["We train the model with the AdamW optimizer on 8,000 clips."]),  # an optimizer
    ("ProLM-based", ["A ProLM-based ranker reads 3,000 queries."]),  # a compound adjective
])
def test_names_of_another_kind_are_no_dataset(name, texts):
    assert name in not_dataset_names(texts, {name})
    assert name not in dataset_names(" ".join(texts), not_dataset_names(texts, {name}))


@pytest.mark.parametrize("name, texts", [
    ("Kestrel-7", ["The Kestrel-7 dataset holds 4,210 images.", "We train on Kestrel-7 for 40 epochs."]),
    ("SkyPix-2B", ["We pre-train on the SkyPix-2B dataset of 2 billion images."]),  # a size suffix, yet data
    ("MNIST", ["MNIST has 60,000 training images of digits."]),  # capitals, but not a word of the text
    # a dataset also named as a modifier of models ("the Kestrel-7 models"), trained on more often
    ("Kestrel-7", ["We train on Kestrel-7 for 40 epochs.", "Fine-tuning on Kestrel-7 takes a day.",
                   "The Kestrel-7 models are then frozen."]),
    ("LLM", ["An LLM answers 300 prompts."]),  # one capitalised word, no plural
])
def test_dataset_names_are_kept(name, texts):
    assert name not in not_dataset_names(texts, {name})


# ------------------------------------------------------------------ the datasets a training statement names


@pytest.mark.parametrize("text, name", [
    ("We train our network on Kestrel-7 for 40 epochs.", "Kestrel-7"),
    ("All models are fine-tuned using the full Owlnet-2 corpus.", "Owlnet-2"),
    ("Owlnet-2 is used for training and Kestrel-7 for testing.", "Owlnet-2"),
    ("We report results with the training set of Owlnet-2.", "Owlnet-2"),
    ("The Owlnet-2 training split has no duplicates.", "Owlnet-2"),
    ("During pre-training, we utilize the Larkset-5 corpus of web pages.", "Larkset-5"),
    ("We use Larkset-5 for pre-training.", "Larkset-5"),
])
def test_a_training_statement_names_its_dataset(text, name):
    assert trains_on(text, name)
    assert run_datasets(_sents(text), {name}) == {name}


@pytest.mark.parametrize("text, name", [
    ("We evaluate our network on Kestrel-7.", "Kestrel-7"),  # evaluation, not training
    ("Owlnet-2 is used for testing the trained model.", "Owlnet-2"),
    ("Kestrel-7 is used for training time measurements only.", "Kestrel-7"),  # a measurement of time
    ("Our model, trained on our own data, beats the Kestrel-7 baseline.", "Kestrel-7"),  # too far, not the object
])
def test_near_misses_name_no_training_dataset(text, name):
    assert not trains_on(text, name)
    assert run_datasets(_sents(text), {name}) == set()


def test_training_statements_in_related_work_do_not_count():
    sents = _sents("Prior systems were trained on Owlnet-2 for 90 epochs.", "We report results on Owlnet-2.",
                   sections={0: "related"})
    assert run_datasets(sents, {"Owlnet-2"}) == set()


def test_pre_training_and_fine_tuning_datasets_both_count_and_most_keeps_the_most_linked():
    sents = _sents("We pre-train on Larkset-5.", "We fine-tune on Kestrel-7.", "Fine-tuning on Kestrel-7 takes 2 hours.")
    assert run_datasets(sents, {"Larkset-5", "Kestrel-7", "Owlnet-2"}) == {"Larkset-5", "Kestrel-7"}
    assert run_datasets(sents, {"Larkset-5", "Kestrel-7"}, most=True) == {"Kestrel-7"}


# ------------------------------------------------------------------ the run_data cue of each data amount


_rows = tokens_feature_rows


_TWO_SETS = ["The Kestrel-7 collection contains 4,210 training images of birds.",
             "The Owlnet-2 collection contains 9,800 images of owls."]


def test_the_amount_of_the_dataset_the_paper_trains_on_is_the_runs_and_the_other_one_other():
    rows = _rows(*_TWO_SETS, "We train our network on Kestrel-7 for 40 epochs.", "Owlnet-2 is used only to test transfer.")
    assert rows[4210].get("run_data") == 1.0 and "run_other" not in rows[4210]
    assert rows[9800].get("run_other") == 1.0 and "run_data" not in rows[9800]


def test_an_amount_in_its_own_training_statement_is_the_runs():
    # Owlnet-2's amount is stated in a sentence that trains on it, though another sentence names Kestrel-7 as well
    rows = _rows("We train our network on Kestrel-7 for 40 epochs.", "The Kestrel-7 collection contains 4,210 images.",
                 "The encoder is pre-trained on Owlnet-2, 9,800 images of owls.")
    assert rows[9800].get("run_data") == 1.0
    assert rows[4210].get("run_data") == 1.0


def test_no_run_cue_without_a_training_statement_naming_a_dataset():
    # near-miss: two datasets described, nothing says which one the model trains on
    rows = _rows(*_TWO_SETS, "We train our network for 40 epochs.", "Results on Owlnet-2 are in Table 2.")
    assert {4210, 9800} <= set(rows)
    assert not any(k.startswith("run_") for r in rows.values() for k in r)


def test_polluting_names_make_no_run_dataset():
    # "V100" and "AdamW" are the objects of "on" / "with" in training sentences: no dataset, so no amount is other
    rows = _rows("We train on one V100 with AdamW for 3 days.", "The Kestrel-7 collection contains 4,210 images.")
    assert not any(k.startswith("run_") for r in rows.values() for k in r)


def test_an_amount_naming_no_dataset_gets_no_run_cue():
    rows = _rows(*_TWO_SETS, "We train on Kestrel-7 for 40 epochs.", "In total we train on 5,000 labelled images.")
    assert rows[4210].get("run_data") == 1.0
    assert not any(k.startswith("run_") for k in rows[5000])


# ------------------------------------------------------------------ the learned choice abstains on another dataset's amount


def _model(weights, abstain_other_data=None):
    import numpy as np

    names = sorted(weights)
    m = Logistic(names, np.zeros(len(names)), np.ones(len(names)), np.array([weights[n] for n in names]), 0.0)
    return sr.FieldModel(m, 0.0, 2.0, 0.2, 1.0, None, "always", max_gap=99.0, floor=False,
                         abstain_other_data=abstain_other_data)


def _cands(*texts):
    best, all_c = _choose_sizes(_sents(*texts), None, False, rules_only=True)
    return all_c["tokens_or_examples"], best["tokens_or_examples"], sr.sentence_sets(all_c)


def test_abstain_other_data_leaves_the_field_empty_when_the_pick_is_another_datasets():
    # the model prefers the largest amount (log10v), and the largest is the dataset the paper does not train on
    cs, best, others = _cands("We train our network on Kestrel-7 for 40 epochs.",
                              "The Kestrel-7 collection contains 4,210 images of birds.",
                              "The Owlnet-2 collection contains 9,800 images of owls.")
    assert {c.value: c.run_data for c in cs} == {4210: 1, 9800: -1}
    c, _ = sr.decide_field(_model({"log10v": 3.0}), cs, best, 5, others)
    assert c is not None and c.value == 9800
    assert sr.decide_field(_model({"log10v": 3.0}, True), cs, best, 5, others) == (None, None)
    # near-miss: the largest amount is the one stated for the dataset the paper trains on, and is given
    cs, best, others = _cands("We train our network on Kestrel-7 for 40 epochs.",
                              "The Kestrel-7 collection contains 9,800 images of birds.",
                              "The Owlnet-2 collection contains 4,210 images of owls.")
    c, _ = sr.decide_field(_model({"log10v": 3.0}, True), cs, best, 5, others)
    assert c is not None and c.value == 9800
    # scoring (cross-validation) applies the same rule to a group's picked row
    g = sr.Group("p", "tokens_or_examples", [{"above_floor": 1.0, "run_other": 1.0, "v_max": 1.0}], [1], 0, True)
    assert sr.score_groups(_model({"log10v": 3.0}, True), [g])[0][2] is False


def test_the_shipped_tokens_model_abstains_on_another_datasets_amount_and_reads_no_run_feature():
    r = sr.default_ranker()
    assert r is not None and r.fields["tokens_or_examples"].abstain_other_data
    assert not r.fields["parameters"].abstain_other_data
    assert sr.CONFIG["tokens_or_examples"]["abstain_other_data"]
    assert not any(p.startswith("run") for p in r.fields["tokens_or_examples"].prefixes)


def test_other_data_next_gives_the_runs_amount_scored_near_another_datasets_pick():
    # the model prefers the largest amount (log10v): 9,800 (Owlnet-2, not trained on) by 3 * log10(9800/4210) / 4 = 0.28
    texts = ("We train our network on Kestrel-7 for 40 epochs.", "The Kestrel-7 collection contains 4,210 images of birds.",
             "The Owlnet-2 collection contains 9,800 images of owls.")
    cs, best, others = _cands(*texts)
    m = _model({"log10v": 3.0}, True)
    m.other_data_next = 0.3
    c, _ = sr.decide_field(m, cs, best, 5, others)
    assert c is not None and c.value == 4210
    # near-miss: the run's amount is far below the pick (a tighter gap): no value rather than a weak second choice
    m.other_data_next = 0.1
    assert sr.decide_field(m, cs, best, 5, others) == (None, None)
    # near-miss: every candidate is another dataset's: still no value
    m.other_data_next = 5.0
    g = sr.Group("p", "tokens_or_examples", [{"above_floor": 1.0, "run_other": 1.0, "log10v": 1.0},
                                             {"above_floor": 1.0, "run_other": 1.0, "log10v": 0.95}], [0, 1], 0, True)
    assert sr.score_groups(m, [g])[0][2] is False
    # scoring (cross-validation) takes the same next candidate
    m.other_data_next = 0.3
    g = sr.Group("p", "tokens_or_examples", [{"above_floor": 1.0, "run_other": 1.0, "log10v": 1.0},
                                             {"above_floor": 1.0, "log10v": 0.95}], [0, 1], 0, True)
    assert sr.score_groups(m, [g])[0][2:4] == (True, True)
    m.other_data_next = None
    assert sr.score_groups(m, [g])[0][2] is False


def test_the_shipped_tokens_model_takes_the_next_candidate_within_the_configured_gap():
    assert sr.CONFIG["tokens_or_examples"]["other_data_next"] == sr.default_ranker().fields["tokens_or_examples"].other_data_next


# ------------------------------------------------------------------ names led by a number, names of several words


@pytest.mark.parametrize("text, name", [
    ("We fit the landmark model on the 7Q-Faces set.", "7Q-Faces"),  # led by a number, a hyphened part
    ("Scores on 5DScan are lower.", "5DScan"),  # led by a number, two more capitals
    ("The Quiet Harbor Speech corpus is public.", "Quiet Harbor Speech"),  # several capitalised words before a data noun
    ("We use the 40 Lanterns dataset.", "40 Lanterns"),
    ("Results on the Two Million Verse Benchmark follow.", "Two Million Verse Benchmark"),  # ending in the data noun
])
def test_names_led_by_a_number_or_of_several_words_are_dataset_names(text, name):
    assert name in dataset_names(text)


@pytest.mark.parametrize("text", [
    "We train on 300W of power and 350GT with 16GB and 8-GPU nodes.",  # units and counts, no name
    "The Experimental Setup follows the Related Work.",  # a heading's words with no data noun after them
    "Training Dataset statistics are in Table 2.",  # a role and a data noun are no name
    "The Proposed Dataset is described in Section 3.",
    "We use 4 V100 GPUs for 2 days.",
])
def test_numbers_units_headings_and_roles_are_no_dataset_names(text):
    assert not {n for n in dataset_names(text) if " " in n or n[:1].isdigit()}


def test_a_pointing_sentence_links_its_amount_to_a_number_led_or_several_word_dataset():
    rows = _rows("We train our detector on the 7Q-Faces dataset.", "It contains 52,310 samples.",
                 "The Owlnet-2 collection contains 9,800 images of owls.")
    assert rows[52310].get("run_data") == 1.0 and rows[9800].get("run_other") == 1.0
    rows = _rows("We pre-train the acoustic model on the Quiet Harbor Speech corpus.", "It contains 41,700 utterances.",
                 "The Owlnet-2 collection contains 9,800 images of owls.")
    assert rows[41700].get("run_data") == 1.0 and rows[9800].get("run_other") == 1.0
    # near-miss: the several-word name is only evaluated on: its amount is another dataset's
    rows = _rows("We train our network on Kestrel-7 for 40 epochs.", "The Kestrel-7 collection contains 4,210 images.",
                 "We evaluate on the Quiet Harbor Speech corpus.", "It contains 41,700 utterances.")
    assert rows[4210].get("run_data") == 1.0 and rows[41700].get("run_other") == 1.0
