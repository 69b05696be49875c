"""(hw18, round 13) How a run's length is said: a battery of verbs and quantifiers ("lasted over a month", "the better
part of two days", "completed after", "a fortnight", "in under", "stopped after" ...). The class that was missing: a verb
of extent ("Training spanned 3 weeks"), which quantities reads as the extent of data ("the corpus spans 3 weeks of
recordings"); with training or a run of it as the subject and no data after the value, it is the run's. Sentences of
our own; spans of data must stay silent."""

from __future__ import annotations

import pytest

from test_extract_modal import chosen, hw  # noqa: F401  (hw: the hardware table fixture)


# 2. how a run's length is said
@pytest.mark.parametrize("text, hours", [
    ("Training spanned 3 weeks on 8 V100 GPUs.", 504.0),
    ("Training spanned roughly 3 weeks on 8 V100 GPUs.", 504.0),
    ("The pre-training phase spanned 10 days on 128 TPU v4 chips.", 240.0),
    ("The full training schedule spans 72 hours on 8 GPUs.", 72.0),
    ("The training run spanned 6 days on 8 GPUs.", 144.0),
    # the rest of the battery (already read; kept so the lexicon stays whole)
    ("Training lasted over a month on 64 TPU v3 chips.", 730.5),
    ("The training ran for the better part of two days on 8 GPUs.", 48.0),
    ("Training completed after 40 hours on 4 A100 GPUs.", 40.0),
    ("Training required roughly a fortnight on 16 GPUs.", 336.0),
    ("We train the model in under 12 hours on 8 GPUs.", 12.0),
    ("Training was stopped after 6 days on 32 GPUs.", 144.0),
    ("Our training run went on for 5 days using 8 A100 GPUs.", 120.0),
    ("Training extended over 3 weeks on 8 GPUs.", 504.0),
    ("Training proceeded over the course of 5 days on 8 GPUs.", 120.0),
])
def test_ways_of_saying_a_run_length(hw, text, hours):
    assert chosen(hw, text)["training_hours"] == pytest.approx(hours)


@pytest.mark.parametrize("text", [
    "Our dataset spans 3 weeks of recordings from 8 microphones.",
    "The training logs span 3 weeks.",
    "Our training data spans 10 years of news.",
    "The collected data spanned 6 days.",
    "The corpus spans 12 hours of speech.",
])
def test_a_span_of_data_is_no_run(hw, text):
    assert chosen(hw, text)["training_hours"] is None
