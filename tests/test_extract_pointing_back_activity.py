"""A sentence that points back ("This takes about 3 hours on 2 GPUs", "The whole process takes ...") times the
previous sentence's activity. After our training sentence it inherits the training cues (test_extract_adjacent_links);
after a sentence about evaluation/inference or another activity (rendering, a service, data collection) with no
training word, it inherits that sense instead: its take-verb is not a training word, and its hardware and time are
that activity's. Sentences of our own (none from a corpus paper), with near-misses that keep their value: the
sentence's own training word, a previous sentence that also trains, a sentence that does not point back."""

from __future__ import annotations

import datetime as dt

import pytest

from aicompute.extraction.context import previous_sentence_activity
from conftest import chosen_values

PUBLISHED = dt.date(2019, 6, 1)


def chosen(hw, *texts, ranker="default"):
    return chosen_values(hw, texts, PUBLISHED, ranker=ranker)


@pytest.mark.parametrize("text, want", [
    ("We evaluate our model on the held-out set.", (True, False)),  # the object between the verb and "on"
    ("The model was evaluated on the test set of 10k images.", (True, False)),
    ("We measure the decoding latency of every model.", (True, False)),
    ("We render the scenes with Blender.", (False, True)),
    ("We host a public demo of the system.", (False, True)),
    ("We train on the train split and evaluate on the test split.", (False, False)),  # a training word: its own run
    ("We describe our data in Section 3.", (False, False)),  # neither
    ("The test set has 5k images.", (False, False)),  # a split named, no activity
])
def test_the_activity_of_the_previous_sentence(text, want):
    assert previous_sentence_activity(text) == want


@pytest.mark.parametrize("texts", [
    ["We evaluate our model on the held-out set of 10k images.", "This takes about 3 hours on 2 GPUs."],
    ["The model was evaluated on the test set of 10k images.", "This takes about 3 hours on 2 GPUs."],
    ["We run inference on the whole test split.", "It took roughly 2 days on 4 GPUs."],
    ["We measure the decoding latency of every model on the test split.", "The whole process takes about 5 hours on 8 GPUs."],
    ["We render the scenes with Blender.", "This takes about 3 days on 2 GPUs."],
])
def test_the_time_and_devices_of_an_activity_pointed_back_to(hw, texts):
    for ranker in ("default", None):
        got = chosen(hw, *texts, ranker=ranker)
        assert got["training_hours"] is None and got["chips"] is None, (ranker, got)


@pytest.mark.parametrize("texts, hours, chips", [
    (["We evaluate our model on the test set.", "Training takes about 3 hours on 2 GPUs."], 3, 2),  # its own training word
    (["We evaluate our model on the test set.", "Our model is trained for 3 days on 8 GPUs."], 72, 8),  # no pointing back
    (["We train on the train split and evaluate on the test split.", "This takes about 3 hours on 2 GPUs."], 3, 2),
    (["We train the model with Adam on 2 GPUs.", "It took roughly 30 hours."], 30, 2),  # the training sentence's run
])
def test_the_run_keeps_its_time(hw, texts, hours, chips):
    for ranker in ("default", None):
        got = chosen(hw, *texts, ranker=ranker)
        assert got["training_hours"] == pytest.approx(hours) and got["chips"] == chips, (ranker, got)
