"""A device count written beside a layout or a product (hw17, round 13). "64 TPU v4 chips arranged as a 4x4x4 slice"
lost its count: the word after the noun ("arranged") read the noun as a modifier ("4 core ideas"), so a participle
right after a device noun now keeps the noun the head (not after a machine noun: "1000 nodes sampled from the graph"
are a graph's). "8 nodes x 8 GPUs" read 8: machines times the devices each holds written as a product is the devices'
count, as "8 nodes with 8 GPUs each" is (a model number between, "4 RTX 3090 GPUs", is part of the device's name, not a
list of the machine's parts); "×" reads as "x" does. Sentences of our own; near-misses must not fire."""

from __future__ import annotations

import pytest

from test_extract_modal import chosen, hw  # noqa: F401  (hw: the hardware table fixture)


@pytest.mark.parametrize("text, chips", [
    ("We train on 64 TPU v4 chips arranged as a 4x4x4 slice.", 64),
    ("Pre-training ran for 5 days on 512 TPU v3 cores configured as a 16x16 torus.", 512),
    ("Our models are trained using 32 TPU chips laid out as a 4x8 grid.", 32),
    ("The network is trained on 256 TPU cores forming a 16x16 mesh for two days.", 256),
    ("We trained the detector on 16 accelerators organized in two rings.", 16),
    ("The policy is trained on 8 TPU chips connected as a 2x4 mesh.", 8),
])
def test_a_participle_after_the_device_noun_keeps_the_count(hw, text, chips):
    assert chosen(hw, text)["chips"] == chips


@pytest.mark.parametrize("text, chips, hours", [
    ("We train with 4 nodes x 8 A100 GPUs for 36 hours.", 32, 36.0),
    ("Training used 2 servers × 4 RTX 3090 GPUs.", 8, None),
    ("The model was trained on 16 machines * 8 GPUs for a week.", 128, 168.0),
    ("Our run used 3 hosts x 4 TPU chips.", 12, None),
    ("Training used 2 servers with 4 RTX 3090 GPUs each.", 8, None),
])
def test_machines_times_devices_written_as_a_product(hw, text, chips, hours):
    got = chosen(hw, text)
    assert got["chips"] == chips
    assert got["training_hours"] == (None if hours is None else pytest.approx(hours))


@pytest.mark.parametrize("text, chips", [
    # a product is no count of machines when what follows is not devices
    ("We train on 8 GPUs; the graph has 1000 nodes sampled at random.", 8),
    ("We train on 4 GPUs with a batch of 4 x 64 images.", 4),
    ("We train at 1024 × 1024 resolution on 8 GPUs.", 8),
    ("The model is trained on 8 GPUs, and 50 workers recruited online label the data.", 8),
    # a device-time product is not machines x devices
    ("Training cost 8 GPUs x 3 days.", 8),
    # machines times something else than devices
    ("We train on 8 GPUs and keep the data on 4 servers x 2 disks.", 8),
])
def test_near_misses_keep_their_reading(hw, text, chips):
    assert chosen(hw, text)["chips"] == chips


@pytest.mark.parametrize("text", [
    "We focus on 4 core ideas developed in prior work.",
    "The dataset holds 2600 computer games collected from the web.",
    "The citation graph has 1000 nodes sampled from 12 domains.",
])
def test_a_participle_does_not_make_a_count_of_other_things(hw, text):
    assert chosen(hw, text)["chips"] is None


# (hw17) "of the" before a number vetoed it as a count ("one of the 8 GPUs", "the second of the 2 GPUs"); after
# "each/all/both of the" the number is the devices' count.
@pytest.mark.parametrize("text, chips", [
    ("We train with a batch size of 32 on each of the 8 GPUs.", 8),
    ("We train on all of the 64 TPU chips of the pod for 2 days.", 64),
    ("The model is trained on both of the 2 RTX 3090 GPUs of our workstation.", 2),
    # near-misses: one device of several, an ordinal
    ("We train on one of the 8 GPUs of the server.", None),
    ("The second of the 2 GPUs is used for evaluation, and we train on 4 GPUs.", 4),
])
def test_each_or_all_of_the_n_devices(hw, text, chips):
    assert chosen(hw, text)["chips"] == chips
