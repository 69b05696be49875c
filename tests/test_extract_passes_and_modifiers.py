"""Two classes a hidden probe of the lead's found (sentences here are others of the same class):
a hyphenated adjective between a count and its device ("12 liquid-cooled A100 GPUs") is a modifier like
"identical" or "32GB"; a number of epochs/iterations/steps with the time they take ("the 200-epoch run
finishes in 3 days") is a training statement even without the word "train"."""

from __future__ import annotations

import datetime as dt

import pytest

from aicompute.pdftext import Sentence
from test_extract_modal import chosen, hw  # noqa: F401  (hw: the hardware table fixture)


@pytest.mark.parametrize("text, chips", [
    ("Our models are trained on 12 liquid-cooled NVIDIA A100 GPUs for 5 days.", 12),
    ("Pre-training runs on 6 factory-overclocked NVIDIA RTX 3090 cards for 5 days.", 6),
    ("We trained the network on 2 off-the-shelf GeForce RTX 4090 GPUs for 5 days.", 2),
    ("Training used 32 InfiniBand-connected H100 GPUs for 5 days.", 32),
])
def test_a_hyphenated_adjective_between_count_and_device_keeps_the_count(hw, text, chips):
    assert chosen(hw, text) == {"chips": chips, "training_hours": 120.0, "chip_hours": None}


@pytest.mark.parametrize("text", [
    "We train on 6 CPU-only servers for 5 days.",        # not accelerators
    "We compare 7 well-known baselines on GPUs for 5 days.",  # the noun is not a device
])
def test_near_misses_of_hyphenated_adjectives_give_no_device_count(hw, text):
    assert chosen(hw, text)["chips"] is None


@pytest.mark.parametrize("texts, hours", [
    (["Each model is optimized with LAMB on 8 TPU v3 chips.", "The 120-epoch schedule finishes in about 2 days."], 48.0),
    (["Setup: 4 V100 GPUs.", "Completing 250k iterations required approximately 30 hours."], 30.0),
    (["Running all 400 epochs lasted 11 hours on our machine."], 11.0),
])
def test_passes_with_the_time_they_take_are_a_training_duration(hw, texts, hours):
    assert chosen(hw, *texts)["training_hours"] == hours


@pytest.mark.parametrize("text, is_run", [
    ("The 120-epoch schedule finishes in about 2 days.", True),
    ("Completing 250k iterations required approximately 30 hours.", True),
    ("Each epoch takes 12 minutes on our machine.", False),                    # a rate, not the run
    ("We validate after 3 epochs, which takes 4 minutes.", False),             # a comma ends the passes' clause
    ("The questionnaire's 30 questions took 20 minutes to answer.", False),    # not passes over data
    ("We report results at 5 epochs and the loss curves in Figure 3.", False),  # no time taken
])
def test_passes_with_their_time_are_a_training_statement_and_near_misses_are_not(hw, text, is_run):
    # the sentence-level cue itself (what the durations' scores rest on): "took" alone was and stays a
    # weaker training word, so a questionnaire's "took 20 minutes" is a separate, older class
    from aicompute.extraction.context import make_ctx
    assert bool(make_ctx(Sentence(4, text, "text", "body", index=0), hw, dt.date(2023, 6, 1)).strong_train) is is_run


def test_a_rate_per_epoch_gives_no_training_duration(hw):
    assert chosen(hw, "Each epoch takes 12 minutes on our machine.")["training_hours"] is None
