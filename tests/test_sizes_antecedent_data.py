"""A data amount whose sentence points back at a dataset named just before it ("The dataset consists of ...", "It
contains ..."): ``sizes.data.antecedent_dataset_names`` and its use in ``sizes.choice._mark_run_data`` (the amount is the
run's data when the pointed-at dataset is one a training statement names, another dataset's otherwise, which the learned
tokens choice abstains on). Sentences of our own, each class with near-misses."""

from __future__ import annotations

import pytest
from conftest import tokens_feature_rows

from aicompute.pdftext import Sentence
from aicompute.sizes.data import antecedent_dataset_names



def _rows(*texts, pages=None) -> dict:
    """``tokens_feature_rows`` with each sentence's page (default: all on page 5)."""
    if pages is None:
        return tokens_feature_rows(*texts)
    from aicompute import sizes_ranker as sr
    from aicompute.sizes import _choose_sizes

    sents = [Sentence(p, t, "text", "body", index=i) for i, (t, p) in enumerate(zip(texts, pages))]
    best, all_c = _choose_sizes(sents, None, False, rules_only=True)
    cs = all_c["tokens_or_examples"]
    stats = sr.field_stats(cs, sr.sentence_sets(all_c))
    return {c.value: sr.features(c, cs, best["tokens_or_examples"], max(pages), stats) for c in cs}


@pytest.mark.parametrize("text, previous, names", [
    ("The dataset consists of 8,000 training and 2,700 test sentences.",
     ["Wrenbank-3 defines 12 relation types between nouns.", "We treat the last type as negative."], {"Wrenbank-3"}),
    ("This corpus contains 1.2M documents in four languages.", ["We also report results on PolyNews-4."], {"PolyNews-4"}),
    ("It comprises 50,000 images of street signs.", ["Our second benchmark is SignSet-9."], {"SignSet-9"}),
    ("In total, the benchmark holds 3,000 dialogues.", ["ChatEval-2 was released last year."], {"ChatEval-2"}),
    # the nearest sentence that names a dataset wins
    ("The dataset has 9,000 clips.", ["Kestrel-7 is our main dataset.", "Owlnet-2 is a video benchmark."], {"Owlnet-2"}),
])
def test_a_pointing_subject_takes_the_dataset_named_before_it(text, previous, names):
    assert antecedent_dataset_names(text, previous) == names


@pytest.mark.parametrize("text, previous", [
    # near-misses: the paper's own data, a sentence naming its dataset itself, several datasets, no pointing subject
    ("Our dataset consists of 8,000 training sentences.", ["We compare with Wrenbank-3."]),
    ("The new dataset contains 8,000 training sentences.", ["We compare with Wrenbank-3."]),
    ("The proposed corpus contains 1.2M documents.", ["PolyNews-4 is smaller."]),
    ("The Owlnet-2 dataset has 9,000 clips.", ["Kestrel-7 is our main dataset."]),
    ("The datasets contain 9,000 clips in total.", ["We use Kestrel-7 and Owlnet-2."]),
    ("Both datasets contain 9,000 clips.", ["We use Kestrel-7 and Owlnet-2."]),
    ("The training set of the dataset contains 9,000 clips.", ["Kestrel-7 is our main dataset."]),
    ("We collect 9,000 clips for training.", ["Kestrel-7 is our main dataset."]),
    ("The dataset of [12] has 9,000 clips.", ["Kestrel-7 is our main dataset."]),
    ("The dataset has 9,000 clips.", ["We describe it below.", "Nothing is named here."]),  # no name before it
])
def test_no_antecedent_without_a_pointing_subject_and_a_name_before_it(text, previous):
    assert antecedent_dataset_names(text, previous) == set()


def test_a_pointed_at_benchmark_the_paper_never_trains_on_is_another_datasets_amount():
    rows = _rows("We train our network on Kestrel-7 for 40 epochs.",
                 "The Kestrel-7 collection contains 4,210 training images of birds.",
                 "We also test on Owlnet-2, a benchmark of owls.",
                 "The dataset consists of 9,800 training and 2,000 test images.")
    assert rows[4210].get("run_data") == 1.0
    assert rows[9800].get("run_other") == 1.0 and "run_data" not in rows[9800]


def test_a_pointed_at_training_dataset_is_the_runs():
    rows = _rows("We train our network on Kestrel-7 for 40 epochs.",
                 "Kestrel-7 is a collection of bird photographs.",
                 "The dataset consists of 9,800 training and 2,000 test images.")
    assert rows[9800].get("run_data") == 1.0


def test_near_miss_the_pointing_sentence_on_another_page_reads_nothing_before_it():
    rows = _rows("We train our network on Kestrel-7 for 40 epochs.", "We also test on Owlnet-2, a benchmark of owls.",
                 "The dataset consists of 9,800 training and 2,000 test images.", pages=[5, 5, 6])
    assert not any(k.startswith("run_") for k in rows[9800])


def test_near_miss_our_dataset_after_a_benchmark_keeps_no_run_cue():
    rows = _rows("We train our network on Kestrel-7 for 40 epochs.", "We also test on Owlnet-2, a benchmark of owls.",
                 "Our dataset consists of 9,800 training and 2,000 test images.")
    assert not any(k.startswith("run_") for k in rows[9800])
