"""A run's stages summed (hw9, round 8): "N more days" is a duration; a continuation of the same run in one
sentence ("... and needed 2 more days to converge") or in the next sentence ("The first stage takes 3 days
... The second stage takes another 2 days") adds up, marked in `why` and `as_written`. Near-misses: a
fine-tuning stage, inference or evaluation time, a baseline's or another variant's time, another model in
the same sentence. Sentences of our own."""

from __future__ import annotations

import datetime as dt

import pytest

from aicompute.extract import extract_from_sentences
from aicompute.pdftext import Sentence
from test_extract_modal import chosen, hw  # noqa: F401  (hw: the hardware table fixture)


@pytest.mark.parametrize("texts, hours", [
    (["In the first stage, we train the model for 3 days on 8 V100 GPUs, and the second stage takes 2 more days."], 120.0),
    (["We trained for 3 days on 8 GPUs and needed 2 more days to converge."], 120.0),
    (["The first stage of training takes 3 days on 8 V100 GPUs.", "The second stage takes another 2 days."], 120.0),
    (["In stage 1 we train the model for 3 days on 8 V100 GPUs.", "In stage 2 the model is trained for 1 day at a higher resolution."], 96.0),
    (["We train the model for 3 days on 8 V100 GPUs.", "Training then continues for another 12 hours with a lower learning rate."], 84.0),
    (["The first stage of training takes 3 days on 8 V100 GPUs.", "The second stage takes another 2 days on the same 8 GPUs."], 120.0),
])
def test_stages_of_one_run_are_summed(hw, texts, hours):
    assert chosen(hw, *texts) == {"chips": 8, "training_hours": hours, "chip_hours": None}


@pytest.mark.parametrize("texts", [
    ["We train the model for 3 days on 8 V100 GPUs.", "We then fine-tune it for another 12 hours."],
    ["We train the model for 3 days on 8 V100 GPUs.", "Inference takes another 2 hours."],
    ["We train the model for 3 days on 8 V100 GPUs.", "Evaluation on the test set takes another 2 hours."],
    ["We train the model for 3 days on 8 V100 GPUs.", "The baseline takes 2 days."],
    ["We train the model for 3 days on 8 V100 GPUs.", "The second stage of our pipeline, data filtering, takes 2 days."],
    ["The first stage of training takes 3 days on 8 V100 GPUs.", "The second stage takes 2 days on 16 GPUs for the large model."],
    ["The first stage of training takes 3 days on 8 V100 GPUs.", "For the large model, the second stage takes 4 days."],
    ["Model A trains in 3 days on 8 GPUs, while model B takes another 2 days."],
    ["Pre-training takes 3 days on 8 GPUs and fine-tuning takes another 12 hours."],
])
def test_near_misses_are_not_summed(hw, texts):
    assert chosen(hw, *texts)["training_hours"] == 72.0


def test_more_hours_of_data_is_no_duration(hw):
    assert chosen(hw, "We train on 8 GPUs after collecting 500 more hours of speech.")["training_hours"] is None


def test_a_sum_across_sentences_shows_its_arithmetic(hw):
    sents = [Sentence(4, t, "text", "body", index=i) for i, t in enumerate(
        ["The first stage of training takes 3 days on 8 V100 GPUs.", "The second stage takes another 2 days."])]
    h = extract_from_sentences(sents, hw, dt.date(2023, 6, 1))["chosen"]["training_hours"]
    assert h["value"] == 120.0 and h["as_written"] == "3 days (p.4) + 2 days"
    assert "stages summed across sentences: 3 days + 2 days" in h["why"]


@pytest.mark.parametrize("text, hours", [
    ("Training lasts a fortnight on 8 GPUs.", 336.0),
    ("Training took 2h 15m on 8 GPUs.", 2.25),
    ("Training took 3d12h on 8 GPUs.", 84.0),
    ("Training takes 10+ hours on 8 GPUs.", 10.0),
    ("Training took 1h30m on 8 GPUs.", 1.5),
])
def test_compact_and_unusual_duration_forms(hw, text, hours):
    assert chosen(hw, text) == {"chips": 8, "training_hours": hours, "chip_hours": None}


@pytest.mark.parametrize("text", [
    "We train on 8 GPUs with a 3d conv and 15m parameters.",
])
def test_near_misses_of_compact_forms(hw, text):
    assert chosen(hw, text)["training_hours"] is None


def test_a_compact_form_with_impossible_minutes_is_not_read(hw):
    # "3d99m" is no time (99 minutes would be written 1h39m): the run's 3 days stay
    assert chosen(hw, "We train on 8 GPUs for 3 days; checkpoints are named 3d99m.")["training_hours"] == 72.0


def test_an_interval_in_a_compact_form_stays_an_interval(hw):
    assert chosen(hw, "We train on 8 GPUs for 3 days, evaluating every 2h 15m.")["training_hours"] == 72.0
