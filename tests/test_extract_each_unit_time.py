"""The time of one unit the run goes through many times, said as the subject (hw15, round 12): "Each episode lasts
30 minutes", "Every self-play game took roughly 3 hours", "A single rollout of the policy takes 5 minutes": one
episode's, game's, rollout's time, not the run's (as "30 minutes per episode" is a rate). Near-misses: a model, a
run or an experiment as the unit ("Each run takes 2 days on 8 GPUs" is a training run's time), an episode clause
after the run's own time. Sentences of our own."""

from __future__ import annotations

import pytest

from aicompute.extraction.durations import each_unit_subject
from test_extract_modal import chosen, hw  # noqa: F401  (hw: the hardware table fixture)


@pytest.mark.parametrize("text", [
    "Each episode lasts 30 minutes of game time on a single GPU.",
    "Each match between the two agents lasts about 2 hours on 8 TPUs.",
    "A single rollout of the policy takes 5 minutes on 64 CPU cores.",
    "Every self-play game took roughly 3 hours on one TPU.",
    "Each training episode lasts 20 minutes on a single GPU.",
    "One dialogue with the simulated user takes about 4 minutes on a V100 GPU.",
])
def test_one_units_time_is_not_the_run(hw, text):
    assert chosen(hw, text)["training_hours"] is None


@pytest.mark.parametrize("text, hours", [
    ("Each model takes 3 days to train on 8 GPUs.", 72.0),
    ("Each run takes 2 days on 8 GPUs.", 48.0),
    ("Each experiment took 3 days on 8 GPUs.", 72.0),
    ("We train for 3 days on 8 GPUs, and each episode lasts 200 steps.", 72.0),
    ("Training on one million episodes takes 4 days on 16 GPUs.", 96.0),
])
def test_a_run_keeps_its_time(hw, text, hours):
    assert chosen(hw, text)["training_hours"] == hours


@pytest.mark.parametrize("text, expected", [
    ("Every video clip takes 2 seconds to decode.", True),
    ("Each scene requires about 3 minutes to render.", True),
    ("Each network takes 2 days to converge.", False),
    ("We train the model for 2 days.", False),
])
def test_each_unit_subject(text, expected):
    assert each_unit_subject(text) is expected
