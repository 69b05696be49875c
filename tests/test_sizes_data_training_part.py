"""The training part of a total stated in the same sentence (sizes/data.py ``_PORTION_OF_TOTAL_RE``, ``_TRAIN_PART_WHY``,
``_SHARE_FOR_TRAINING_AFTER_RE``): "N items, of which M are used for training" gives M, and the total is then no run's
data; a total whose training part is only a share or a span ("80% for training", "the first six days are used for
training") is no run's data either (the labels record no count the paper does not state). Split cells of a
dataset-statistics table after a row's name ("Seabirds 880 / 120") are sizes, not product numbers. Sentences of our own."""

from __future__ import annotations

import pytest

from aicompute.pdftext import Sentence
from aicompute.sizes.choice import _choose_sizes


def cands(*texts):
    sents = [Sentence(5, t, "text", "body", index=i) for i, t in enumerate(texts)]
    best, all_c = _choose_sizes(sents, None, False, rules_only=True)
    b = best["tokens_or_examples"]
    return {c.value: c for c in all_c["tokens_or_examples"]}, (None if b is None else b.value)


# ------------------------------------------------------------------ "of which M are used for training"


@pytest.mark.parametrize("text, part, total", [
    ("The archive holds 12,500 handwritten word images, of which 10,000 are used for training and the rest for testing.", 10_000, 12_500),
    ("A total of 84,000 clips were recorded, where 60,000 of them were used for training the detector.", 60_000, 84_000),
    ("The web crawl amounts to 2T tokens, of which we pre-train the base model on 400B.", 400e9, 2e12),
    ("We gathered 9,600 dialogues, of which 8,000 are kept for training.", 8_000, 9_600),
    # a subsample of a stated training set (the training set itself is then not the run's data)
    ("The benchmark has 1.5M training examples, but we subsample 100k for fine-tuning.", 100e3, 1.5e6),
    ("Our crawl yields 3.2M captioned photos; we randomly select 500k of them to train the captioner.", 500e3, 3.2e6),
])
def test_the_training_part_of_a_stated_total(text, part, total):
    cs, best = cands(text)
    assert part in cs and "the training part of a stated total" in cs[part].why
    assert best == part
    if total in cs:
        assert cs[total].flagged


@pytest.mark.parametrize("text, part, total", [
    ("We split the 20,000 recordings into 16,000/2,000/2,000 for train/validation/test.", 16_000, 20_000),
    ("The registry contains 3,000 MRI scans of 900 patients; 2,400 scans are used for training, 300 for validation "
     "and 300 for testing.", 2_400, 3_000),
])
def test_a_total_before_its_training_split_is_flagged(text, part, total):
    cs, best = cands(text)
    assert best == part
    assert total not in cs or cs[total].flagged


@pytest.mark.parametrize("text, value", [
    # no training part: the total stays the data
    ("The archive holds 12,500 handwritten word images, of which 2,500 are held out for testing.", 12_500),
    ("Our corpus has 40M sentences, of which 3M are duplicates that we keep, and we train on all of it.", 40e6),
    # a training set and a smaller held-out split: nothing is a part of the other
    ("We train on 1.2M training images and evaluate on 50,000 validation images.", 1.2e6),
    # a subsample for another use than training
    ("The benchmark has 1.5M training examples, and we sample 2,000 of them to visualise the embedding.", 1.5e6),
])
def test_near_misses_of_the_training_part(text, value):
    cs, best = cands(text)
    assert value in cs and not cs[value].flagged
    assert not any("the training part of a stated total" in c.why for c in cs.values())


# ------------------------------------------------------------------ a share or a span for training: no count stated


@pytest.mark.parametrize("text, total", [
    ("The log holds 38 million click records; we use 80% for training and 10% each for validation and test.", 38e6),
    ("The shop logs cover 52 million sessions over 10 days, and the first nine days are used for training.", 52e6),
    ("We collect 6.4 million impressions, randomly split 8:1:1 into training, validation and test sets.", 6.4e6),
])
def test_a_total_with_only_a_share_for_training(text, total):
    cs, best = cands(text)
    assert total in cs and cs[total].flagged and "a total whose training share is a ratio" in cs[total].why
    assert best is None


@pytest.mark.parametrize("text, total", [
    ("We train on 45 million click records and gain 2% in AUC compared to training on 10 million.", 45e6),
    ("The model is trained on 3.5 million images and reaches 81% top-1 accuracy.", 3.5e6),
])
def test_near_misses_of_a_share(text, total):
    cs, _ = cands(text)
    assert total in cs and "a total whose training share is a ratio" not in cs[total].why


# ------------------------------------------------------------------ split cells after a row's name


def test_split_cells_after_a_row_name_are_sizes():
    from aicompute.pdftext import Document
    from aicompute.sizes import extract_sizes
    import datetime as dt
    page = ("3 Experiments\nWe describe the training setup of our model below.\nTable 2: Statistics of the datasets.\n"
            "Dataset Train / Test images Classes\nSeabirds 880 / 120 12\nOwls 2,900 / 600 8\nKestrels 2014 / 2015 3\n")
    doc = Document("x.pdf", 1, [page], [0.0], pages_read_carefully=[], page_sections=["body"])
    _, cs = extract_sizes([], doc, dt.date(2022, 1, 1))
    values = {c["value"] for c in cs if c["field"] == "tokens_or_examples"}
    assert 880 in values and 2_900 in values
    assert 2014 not in values  # a year-like cell stays out


def test_two_parts_of_one_run_are_no_total_and_part():
    # both amounts are trained on (source and target domains): the first is no total of the second
    cs, _ = cands("We used 52,000 source images and 8,000 target images for training, and 2,000 images for testing.")
    assert 52_000 in cs and "a total of which a part is trained on" not in cs[52_000].why


def test_a_distillation_set_drawn_from_a_training_set_is_the_runs_data():
    cs, _ = cands("We distil the teacher on 2M unlabeled images from the training set of a large web corpus.")
    assert 2e6 in cs and "a subset of the training set for another use" not in cs[2e6].why
