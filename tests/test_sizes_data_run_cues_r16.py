"""Cues that tie a data amount to the run (sizes/data.py, round 16): the amount seen "during (pre-)training"
(``_SEEN_IN_TRAINING_AFTER_RE``), an amount in a clause whose subject is the training set ("The training set comprises
1,000 hours of speech (about 700k utterances)": ``_TRAINING_SET_OPENS_RE``), "for instruction tuning" as a training
role (not "an instruction tuning dataset": a dataset's description), and 3D models / meshes as data nouns. Sentences of
our own, with near-misses."""

from __future__ import annotations

import pytest

from aicompute.pdftext import Sentence
from aicompute.sizes.choice import _choose_sizes


def cands(*texts):
    sents = [Sentence(5, t, "text", "body", index=i) for i, t in enumerate(texts)]
    _, all_c = _choose_sizes(sents, None, False, rules_only=True)
    return {c.value: c for c in all_c["tokens_or_examples"]}


@pytest.mark.parametrize("text, value", [
    ("Every model in the suite sees 420B tokens during pre-training.", 420e9),
    ("The policy observes about 80 million frames throughout training.", 80e6),
    ("The training corpus comprises 3,200 hours of read speech (about 1.1M utterances).", 1.1e6),
    ("Our training data consists of 14 months of logs with roughly 2.6 billion impressions.", 2.6e9),
    ("We curate 310k conversations for instruction tuning.", 310e3),
])
def test_an_amount_tied_to_the_run(text, value):
    c = cands(text)[value]
    assert "training split" in c.why and not c.unlinked


@pytest.mark.parametrize("text, value", [
    # an evaluation split in the same clause as the training set's subject
    ("Our training set contains 60,000 images and the test set 12,000 images.", 12_000),
    # a dataset's description: "instruction tuning dataset" is a kind of dataset, not a training statement
    ("We release a Chinese instruction tuning dataset of 52,000 pairs.", 52_000),
])
def test_near_misses_not_tied_to_the_run(text, value):
    cs = cands(text)
    assert value not in cs or "training split" not in cs[value].why


def test_instruction_tuning_dataset_stays_a_description():
    c = cands("We release a Chinese instruction tuning dataset of 52,000 pairs.")
    assert 52_000 not in c or c[52_000].unlinked


@pytest.mark.parametrize("text, value", [
    ("We pre-train the point encoder on 51,300 3D models from ShapeNet.", 51_300),
    ("The reconstruction network is trained on 12,000 meshes of human bodies.", 12_000),
])
def test_3d_models_and_meshes_are_data(text, value):
    assert value in cands(text)


def test_a_count_of_3d_models_compared_is_no_data():
    # "models" alone stays a network count
    assert 3 not in cands("We train 3 models on the training set and average them.")


# ------------------------------------------------------------------ "trained on a dataset of N", "trained on X (N images)"


@pytest.mark.parametrize("text, value", [
    ("The property predictor is trained on a dataset of 250k molecules from ZINC.", 250e3),
    ("We pre-train the encoder on a filtered corpus of 2B tokens.", 2e9),
    ("The detector is trained on COCO train2017 (118k images).", 118e3),
    ("Pre-training uses 4.5M image-text pairs from four public sources.", 4.5e6),
])
def test_the_object_of_a_training_verb_through_its_set_or_name(text, value):
    assert "trained on" in cands(text)[value].why


@pytest.mark.parametrize("text, value", [
    ("We train on ImageNet (1.28M images) and evaluate on ObjectNet (50k images).", 50e3),   # the evaluated one
    ("We report the loss at the end of training on a held-out set of 130k images.", 130e3),  # a held-out set
    ("The dataset of 2M images was collected by Smith et al. (2019).", 2e6),                # no training verb
    # a noun of no data kind (read only as a training verb's object, scored low): the set cue does not lift it
    ("The n-gram model is trained on an internal corpus of 6 billion lines of text.", 6e9),
])
def test_near_misses_of_the_object_of_a_training_verb(text, value):
    cs = cands(text)
    assert value not in cs or "trained on" not in cs[value].why
