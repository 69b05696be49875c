"""Another work's run said in a modifier of its model's name (others21, round 15): the hardware and time in a relative
clause, a parenthesis or a participle of a model the sentence follows or compares with ("Following X, which trained on
..., we ...", "Like X (trained on ...), our ..."), and our own values after such a clause; a numbered stage of our own
schedule is no model's name. Sentences of our own, with near-misses."""

from __future__ import annotations

import pytest

from test_extract_modal import chosen, hw  # noqa: F401  (hw: the hardware table fixture)


@pytest.mark.parametrize("text, chips, hours", [
    # the followed model's run in its relative clause (active or passive), ours after it
    ("Following PaLM, which trained on 6144 TPU v4 chips for 50 days, we train on 16 A100 GPUs for 4 days.", 16, 96.0),
    ("As in Gopher, which was trained on 4096 TPUv3 chips for 38 days, we use 32 A100 GPUs for 6 days.", 32, 144.0),
    ("Similar to XLNet, which was trained for 2.5 days on 512 TPU chips, we train on 8 V100 GPUs for 5 days.", 8, 120.0),
    # a parenthesis after the compared model
    ("Like OPT (trained on 992 A100 GPUs), our decoder is trained on 24 A100 GPUs for 2 days.", 24, 48.0),
])
def test_the_followed_models_run_yields_to_ours(hw, text, chips, hours):
    got = chosen(hw, text)
    assert got["chips"] == chips
    assert got["training_hours"] == pytest.approx(hours)


@pytest.mark.parametrize("text", [
    "Like OPT (trained on 992 A100 GPUs for 33 days), our decoder uses learned positional embeddings.",
    "Unlike BLOOM, which trained on 384 A100 GPUs for 3.5 months, the encoder keeps absolute positions.",
])
def test_the_followed_models_run_alone_gives_nothing(hw, text):
    got = chosen(hw, text)
    assert got["chips"] is None and got["training_hours"] is None


def test_near_misses_stay_ours(hw):
    # no modifier: "Following X," borrows a recipe; the run is ours
    assert chosen(hw, "Following PaLM, we train on 16 A100 GPUs for 4 days.")["chips"] == 16
    # a parenthesis of our own model
    got = chosen(hw, "Like OPT, our decoder (trained on 24 A100 GPUs for 2 days) uses learned positions.")
    assert got["chips"] == 24 and got["training_hours"] == pytest.approx(48.0)


def test_a_numbered_stage_is_no_models_name(hw):
    # "Stage 1 took ..." is our schedule's first part, not the run of a model called "Stage 1"
    got = chosen(hw, "Phase 1 took 6 days and phase 2 took 2 days, both on 32 H100 GPUs.")
    assert got["chips"] == 32 and got["training_hours"] is not None
