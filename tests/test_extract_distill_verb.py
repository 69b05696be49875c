"""(hw19, round 14) A model's distillation is its training: "The student is distilled on 8 GPUs for 2 days" gave
nothing (context._TRAIN_RE had no "distill": no training statement, the count and the duration fell below the choice).
"distill/distills/distilled/distilling/distillation" are now training words (_TRAIN_RE, _STRONG_TRAIN_RE,
_TRAIN_PROPER_RE), except a dataset's distillation ("dataset distillation", "distillation of the data", "the distillation
data": hw18's other activities stay silent) and "the distilled model/student" (a thing, not the act). Sentences of our
own; near-misses must not fire."""

from __future__ import annotations

import pytest

from aicompute.extraction.context import _TRAIN_PROPER_RE, _TRAIN_RE
from test_extract_modal import chosen, hw  # noqa: F401  (hw: the hardware table fixture)


@pytest.mark.parametrize("text, chips, hours", [
    ("The student is distilled on 8 GPUs for 2 days.", 8, 48.0),
    ("We distill the 7B teacher into a 1B student on 16 A100 GPUs for 3 days.", 16, 72.0),
    ("Knowledge distillation runs for 30 hours on 4 V100 GPUs.", 4, 30.0),
    ("Our student network is distilled for 2 days using 8 RTX 3090 GPUs.", 8, 48.0),
])
def test_a_distillation_run_is_a_training_run(hw, text, chips, hours):
    got = chosen(hw, text)
    assert (got["chips"], got["training_hours"]) == (chips, hours)


@pytest.mark.parametrize("text", [
    "Generating the distillation data takes 2 days on 8 A100 GPUs.",
    "Dataset distillation takes 6 hours on a single A100 GPU.",
    "The distillation of the dataset took 10 hours on 4 GPUs.",
    "Inference of the distilled model takes 2 hours on 8 GPUs.",
])
def test_a_datasets_distillation_stays_silent(hw, text):
    got = chosen(hw, text)
    assert got["training_hours"] is None and got["chips"] is None


@pytest.mark.parametrize("text, train", [
    ("The student is distilled from the teacher.", True),
    ("We use knowledge distillation.", True),
    ("We distill the teacher into a student.", True),
    ("We report the accuracy of the distilled model.", False),
    ("The distilled student is small.", False),
    ("Dataset distillation compresses the corpus.", False),
    ("We evaluate on the distillation data.", False),
])
def test_distill_as_a_training_word(text, train):
    assert bool(_TRAIN_PROPER_RE.search(text)) == train
    assert bool(_TRAIN_RE.search(text)) == train


# the other training verbs of the brief already read as training (kept here as the class's regression tests)
@pytest.mark.parametrize("text, chips, hours", [
    ("The model was optimized for 3 days on 4 GPUs.", 4, 72.0),
    ("The embeddings are learned over 2 days on a single GPU.", 1, 48.0),
    ("We ran pre-training for 3 days on 16 TPU v3 chips.", 16, 72.0),
])
def test_other_training_verbs(hw, text, chips, hours):
    got = chosen(hw, text)
    assert (got["chips"], got["training_hours"]) == (chips, hours)


@pytest.mark.parametrize("text", [
    "Inference takes 2 hours on 8 GPUs.",
    "Generating the synthetic data took 2 days on 64 GPUs.",
])
def test_evaluation_and_data_generation_stay_silent(hw, text):
    got = chosen(hw, text)
    assert got["training_hours"] is None and got["chips"] is None
