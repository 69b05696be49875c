"""(lead, round 14) Machines times devices named by their chip ("a single node of 8 A100s") is worth what the plain
count of named devices ("8 A100s") is: the product replaced the plain count once hw19 read product codes as the devices
of a machine, and scored lower (no chip-named bonus), so in a sentence with no training word the duration lost the
support a device count gives it. Sentences of our own."""

from __future__ import annotations

import pytest

from test_extract_modal import chosen, hw  # noqa: F401  (hw: the hardware table fixture)


@pytest.mark.parametrize("text, chips, hours", [
    ("The compute budget was 16 A100-days, that is a single node of 8 A100s for two days.", 8, 48.0),
    ("Our budget: one server of 4 H100s for 30 hours.", 4, 30.0),
    ("The budget amounted to 2 nodes with 8 V100s each for 3 days.", 16, 72.0),
])
def test_machines_of_named_chips_keep_the_duration(hw, text, chips, hours):
    got = chosen(hw, text)
    assert (got["chips"], got["training_hours"]) == (chips, hours)


@pytest.mark.parametrize("text", [
    "Inference is served by a single node of 8 A100s.",
    "Each node of 8 A100s costs about 30 dollars per hour.",
])
def test_machines_of_named_chips_outside_training_stay_silent(hw, text):
    assert chosen(hw, text)["training_hours"] is None
