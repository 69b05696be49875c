"""(hw18, round 13) A zero is never a count or a time: "training ran for 0 hours", "0 GPUs" (no run has no devices or
no time). Sentences of our own."""

from __future__ import annotations

import pytest

from test_extract_modal import chosen, hw  # noqa: F401  (hw: the hardware table fixture)


# 3. zero values
@pytest.mark.parametrize("text, chips, hours", [
    ("Training ran for 0 hours on 8 GPUs.", 8, None),
    ("The model was trained for 0 days on 4 GPUs.", 4, None),
    ("We train for 3 days on 0 GPUs.", None, 72.0),
    ("We train on 0 x 8 V100 GPUs for 2 days.", None, 48.0),
])
def test_zero_is_never_a_value(hw, text, chips, hours):
    got = chosen(hw, text)
    assert got["chips"] == chips
    assert got["training_hours"] == (None if hours is None else pytest.approx(hours))


def test_zero_device_hours_are_no_product(hw):
    got = chosen(hw, "Training the model took 0 GPU-hours on 1 GPU.")
    assert got["chip_hours"] is None and got["training_hours"] is None
