"""A duration whose run length is stated in the sentence before (hw15, round 12): "We pretrain for 100K steps on
the shorter corpus. We pretrain our model using 256 TPU chips for about one day." The day is the time of those
100K steps; when the paper's run is longer (the chosen steps/epochs), the day is part of the run, not the run
(choose.part_of_run, as for "100 epochs take 6 hours" in one sentence). Near-misses: the same run length, a
schedule ("every 1000 steps"), two run lengths in the sentence before, a run length in the duration's own
sentence, another's run ("The baseline is trained for 100 epochs"). Sentences of our own."""

from __future__ import annotations

import datetime as dt

import pytest

from aicompute.extract import extract_from_sentences
from aicompute.pdftext import Sentence
from test_extract_modal import hw  # noqa: F401  (hw: the hardware table fixture)


def hours(hw, *texts):
    sents = [Sentence(4, t, "text", "body", index=i) for i, t in enumerate(texts)]
    h = extract_from_sentences(sents, hw, dt.date(2023, 6, 1))["chosen"]["training_hours"]
    return None if h is None else h["value"]


@pytest.mark.parametrize("texts", [
    ["We first train for 50 epochs on the small split.", "We train our model on 8 GPUs for about 2 days.",
     "The final model is trained for 300 epochs."],
    ["We pretrain for 100K steps on the shorter corpus.", "We pretrain our model using 256 TPU chips for about one day.",
     "Our final model is pretrained for 1M steps."],
    ["In the comparison with [4], we train the network for 20 epochs.", "Training takes 9 hours on 4 GPUs.",
     "For the main results we train for 90 epochs."],
])
def test_the_time_of_a_shorter_run_before_is_part_of_the_run(hw, texts):
    assert hours(hw, *texts) is None


@pytest.mark.parametrize("texts, expected", [
    (["We train the network for 300 epochs.", "We train our model on 8 GPUs for about 2 days.",
      "The final model is trained for 300 epochs."], 48.0),
    (["We evaluate every 1000 steps.", "Training takes 3 days on 8 GPUs.", "The model is trained for 300K steps."], 72.0),
    (["We train for 50 epochs on CIFAR and for 100 epochs on ImageNet.", "Training takes 3 days on 8 GPUs.",
      "The final model is trained for 400 epochs."], 72.0),
    (["We first train for 50 epochs.", "Training for 300 epochs takes 2 days on 8 GPUs.",
      "The final model is trained for 300 epochs."], 48.0),
    (["The baseline is trained for 100 epochs.", "Our model trains in 2 days on 8 GPUs.", "We train for 400 epochs."], 48.0),
])
def test_near_misses_keep_the_time(hw, texts, expected):
    assert hours(hw, *texts) == expected
