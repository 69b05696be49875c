"""Round 8 (hw9) classes, each with sentences of our own and near-misses: machines x devices written as a
product before the devices ("2x8 A100 GPUs"); a machine-like noun that begins a hyphenated adjective
("16 server-grade A100 GPUs"); a take-verb timing nothing trained or run ("the survey took 20 minutes")."""

from __future__ import annotations

import pytest

from test_extract_modal import chosen, hw  # noqa: F401  (hw: the hardware table fixture)


@pytest.mark.parametrize("text, chips", [
    ("Training used 2x8 A100 GPUs and took 3 days.", 16),
    ("We train on 8x4 V100 GPUs for 3 days.", 32),
    ("The network was trained for 3 days on 4 x 8 NVIDIA Tesla V100 GPUs.", 32),
    ("Our largest model is trained on 16*8 H100 GPUs for 3 days.", 128),
    ("Pre-training runs for 3 days on 2 x 4 RTX 3090 cards.", 8),
])
def test_machines_times_devices_written_as_a_product(hw, text, chips):
    assert chosen(hw, text) == {"chips": chips, "training_hours": 72.0, "chip_hours": None}


@pytest.mark.parametrize("text", [
    "We train with a batch of 32 x 8 GPUs for 3 days.",          # a batch per device x devices
    "Images are cropped to 224x224 and we train on GPUs for 3 days.",  # a resolution
    "We train a 3x3 kernel network for 3 days.",                  # a kernel, no devices
    "We train on 2 x 8 cores for 3 days.",                        # cores of no accelerator
    "We train on 2x8x8 nodes for 3 days.",                        # a mesh of machines, not devices
])
def test_near_misses_of_products_give_no_product_count(hw, text):
    assert chosen(hw, text)["chips"] is None


def test_a_product_with_a_memory_size_is_not_a_product(hw):
    # "8 x 32GB V100": the second factor is the memory, the count is 8
    assert chosen(hw, "We train on 8 x 32GB V100 GPUs for 3 days.")["chips"] == 8


@pytest.mark.parametrize("text, chips", [
    ("We trained our model on 16 server-grade A100 GPUs for 5 days.", 16),
    ("Training ran on 4 workstation-class RTX 4090 cards for 5 days.", 4),
    ("The model was trained for 5 days on 24 node-local NVIDIA V100 GPUs.", 24),
    ("Training took 5 days on 8 desktop-class RTX 3090 cards.", 8),
])
def test_a_machine_noun_inside_a_hyphenated_adjective_keeps_the_count(hw, text, chips):
    assert chosen(hw, text) == {"chips": chips, "training_hours": 120.0, "chip_hours": None}


@pytest.mark.parametrize("text", [
    "We trained for 5 days using 32 node-local NVMe disks.",  # no device after the adjective
    "We train on 6 CPU-only servers for 5 days.",            # not accelerators
    "We trained the model for 5 days with 64 core-hours.",   # a product, not a count
])
def test_near_misses_of_machine_noun_adjectives(hw, text):
    assert chosen(hw, text)["chips"] is None


@pytest.mark.parametrize("text", [
    "The 30-question survey took 20 minutes to complete.",
    "The interview lasted 45 minutes.",
    "Each annotation session took about two hours.",
    "The field study took 3 days.",
])
def test_a_take_verb_timing_nothing_trained_gives_no_duration(hw, text):
    assert chosen(hw, text)["training_hours"] is None


@pytest.mark.parametrize("text, hours", [
    ("Each run took 20 minutes to complete.", 0.3333),
    ("The 200-epoch schedule took 3 days.", 72.0),
    ("The whole procedure took 3 days on 8 GPUs.", 72.0),
    ("Training took 20 minutes.", 0.3333),
])
def test_a_take_verb_timing_a_run_still_gives_the_duration(hw, text, hours):
    assert chosen(hw, text)["training_hours"] == hours
