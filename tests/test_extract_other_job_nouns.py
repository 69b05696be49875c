"""(hw18, round 13) Jobs that make or prepare data or study a system, named by a noun or gerund (gathering, crawling,
scraping, labelling, preprocessing, profiling, dataset generation/creation/curation/distillation ...), are another activity
than training: "Data gathering used 64 CPU workers for 3 days" gave 64 and 72 h. Training sentences that name such a
word keep their values. Sentences of our own."""

from __future__ import annotations

import pytest

from test_extract_modal import chosen, hw  # noqa: F401  (hw: the hardware table fixture)


# 4. other jobs named by a noun or gerund
@pytest.mark.parametrize("text", [
    "Data gathering used 64 CPU workers for 3 days.",
    "Crawling the web took 5 days on 32 machines.",
    "Labelling by annotators took 2 months on 4 workstations.",
    "Preprocessing ran for 12 hours on 32 CPU cores.",
    "Profiling took 2 hours on 1 GPU.",
    "Dataset generation took 6 days on 64 TPU v3 chips.",
    "Distillation of the dataset took 20 hours on 8 GPUs.",
    "Synthetic data creation ran for 4 days on 16 A100 GPUs.",
])
def test_other_jobs_are_not_the_run(hw, text):
    assert chosen(hw, text) == {"chips": None, "training_hours": None, "chip_hours": None}


@pytest.mark.parametrize("text, chips, hours", [
    ("Training used 64 GPUs for 3 days.", 64, 72.0),
    ("Training with data augmentation used 8 GPUs for 3 days.", 8, 72.0),
    ("Distillation training used 8 GPUs for 2 days.", 8, 48.0),
    ("We train on the labelled data using 8 GPUs for 3 days.", 8, 72.0),
    ("The student is trained by distillation from the teacher on 8 GPUs for 2 days.", 8, 48.0),
])
def test_training_sentences_keep_their_values(hw, text, chips, hours):
    got = chosen(hw, text)
    assert got["chips"] == chips
    assert got["training_hours"] == pytest.approx(hours)
