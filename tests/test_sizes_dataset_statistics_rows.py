"""Rows of dataset-statistics tables (aicompute.sizes.choice._dataset_tables): a table whose rows are a corpus's splits
("Train" / "Dev" / "Test" / "Total") gives the training data in its Train row, never in a held-out row nor in the Total
(which adds the held-out splits in); a table of benchmarks with a held-out column ("#Train #Test") gives no run's data in
its Total row (the sum of datasets trained on one at a time). A Total row over the sources of one training mixture (no
held-out split in sight) stays the run's data. Tables of our own."""

from __future__ import annotations

import datetime as dt

from aicompute.pdftext import Document
from aicompute.sizes import extract_sizes

PUBLISHED = dt.date(2023, 3, 1)
PROSE = "Introduction\nWe describe a sequence tagger and report how it is trained in the tables below.\n"


def raw_page(page: str):
    doc = Document("x.pdf", 1, [PROSE + page], [0.0], pages_read_carefully=[], page_sections=["body"])
    return extract_sizes([], doc, PUBLISHED)


def cand(cands, value):
    return next(c for c in cands if c["field"] == "tokens_or_examples" and round(c["value"]) == value)


def flagged(c) -> bool:
    return any("held-out" in w or "several datasets" in w for w in c["why"].split("; "))


SPLIT_ROWS = ("Table 1: Statistics of the corpus.\nSplit #Sentences #Tokens\n"
              "Train 12000 310000\nDev 1500 40000\nTest 1600 41000\nTotal 15100 391000\n")


def test_the_train_row_of_a_table_of_splits_not_the_total_or_a_held_out_row():
    ch, cands = raw_page(SPLIT_ROWS)
    assert not flagged(cand(cands, 310_000))
    for v in (40_000, 41_000, 391_000):
        assert flagged(cand(cands, v)), v
    assert ch["tokens_or_examples"] is None or ch["tokens_or_examples"]["value"] in (12_000, 310_000)


def test_the_total_of_a_table_of_benchmarks_with_a_test_column_is_no_runs_data():
    _, cands = raw_page("Table 1: Statistics of the corpora.\nCorpus #Train #Test\n"
                        "Quokka 7400 1100\nWombat 12000 1500\nNumbat 3100 800\nTotal 22500 3400\n")
    assert flagged(cand(cands, 22_500))


def test_the_total_of_a_training_mixture_is_kept():
    # near-misses: the sources of one mixture (no held-out split) and rows that are no splits
    _, cands = raw_page("Table 2: The sources of our training data.\nSource Documents Tokens\n"
                        "Quokka 120M 300B\nWombat 40M 120B\nNumbat 30M 80B\nTotal 190M 500B\n")
    assert not flagged(cand(cands, 500_000_000_000))
    _, cands = raw_page("Table 1: Statistics of the corpora.\nCorpus #Train #Test\n"
                        "Trainline 7400 1100\nTestbed 12000 1500\nDevon 3100 800\n")
    assert flagged(cand(cands, 7_400)) and flagged(cand(cands, 12_000))


# ------------------------------------------------------------------ group labels over the columns of a split or a stage

def values(cands, field):
    return {round(c["value"]) for c in cands if c["field"] == field}


def test_group_labels_name_repeated_columns():
    from aicompute.sizes.tables import _grouped_labels, _split_header
    labels = _split_header("Dataset #Images #Classes #Images #Classes")
    assert _grouped_labels(labels, "Dataset Training Testing") == ["Dataset", "Training Images", "Training Classes",
                                                                   "Testing #Images", "Testing #Classes"]
    # near-misses: runs of unlike labels (the raw text keeps no positions: which label is under which group is
    # unknown), group labels that are no split or stage (model sizes), no line of groups
    assert _grouped_labels(_split_header("Model Batch size GPU hours Time (s)"), "Model Finetuning Inference") is None
    assert _grouped_labels(_split_header("Task Epoch Batch Size Epoch Batch Size"), "Task BASE LARGE") is None
    assert _grouped_labels(labels, None) is None


def test_the_training_groups_image_count_not_the_test_groups():
    _, cands = raw_page("Table 1: Statistics of the image collections.\nDataset Training Testing\n"
                        "Dataset #Images #Classes #Images #Classes\n"
                        "Quokka 52000 120 9000 120\nWombat 18400 45 3100 45\nNumbat 7700 30 1900 30\n")
    assert values(cands, "tokens_or_examples") == {52_000, 18_400, 7_700}
    # near-miss: no group line, no count of training images
    _, cands = raw_page("Table 1: Statistics of the image collections.\nDataset #Images #Classes #Images #Classes\n"
                        "Quokka 52000 120 9000 120\nWombat 18400 45 3100 45\nNumbat 7700 30 1900 30\n")
    assert values(cands, "tokens_or_examples") == set()


def test_an_inference_groups_batch_is_not_the_trainings():
    _, cands = raw_page("Table 3: Cost of our adapters.\nModel Training Inference\nModel Batch size Batch size\n"
                        "Quokka 32 8\nWombat 16 4\n")
    assert values(cands, "batch_size") == {32, 16}
