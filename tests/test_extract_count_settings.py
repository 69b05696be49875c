"""(hw19, round 14) Counts written in three ways the generators did not read (no candidate, or a wrong one):

1. parallelism written as settings ("DP=8, TP=4 on H100 GPUs", "a data-parallel size of 64", "a data parallel degree
   of 16", "world size 32"): as hw18's N-way rule, only with the devices named, no count of its own in the sentence,
   a data-parallel degree or the world size among the settings (TP/PP alone: silent), no sweep, not within a machine;
   "DP=8" alone needs a second setting or the word parallel (differential privacy, dropout);
2. a count after the device as a multiplier ("A100 x 8", "V100 × 4", "NVIDIA A100 (80GB) ×8"): before, the device
   read as one GPU named in the singular (1);
3. "two DGX A100 systems" / "one DGX H100": the systems are counted (8 GPUs each), not the chip inside the system's
   name (2, 1 before).

Sentences of our own; near-misses must not fire."""

from __future__ import annotations

import pytest

from test_extract_modal import chosen, hw  # noqa: F401  (hw: the hardware table fixture)


# 1. settings
@pytest.mark.parametrize("text, chips", [
    ("We train with DP=8, TP=4 on H100 GPUs for 3 days.", 32),
    ("Our run uses a data-parallel size of 64 on A100 GPUs and lasts 6 days.", 64),
    ("We train with a data parallel degree of 16 on TPU v4 chips for 2 weeks.", 16),
    ("The model is trained on V100 GPUs with a world size of 32 for 5 days.", 32),
    ("Pre-training runs on H100 GPUs with tensor parallel size 8 and data parallel size 16 for 20 days.", 128),
    ("We set DP=16, TP=2, PP=2 and train on A800 GPUs for 12 days.", 64),
    ("We train for 4 days on A100 GPUs with data parallelism (world size 64) and tensor parallel size 2.", 64),
])
def test_parallelism_settings_give_the_count(hw, text, chips):
    assert chosen(hw, text)["chips"] == chips


@pytest.mark.parametrize("text", [
    "We use TP=4 on H100 GPUs and train for 3 days.",  # tensor parallel only: the replicas are not said
    "Tensor parallel size is 8 and pipeline parallel size is 4 on A100 GPUs, and training takes 9 days.",
    "We train with DP=8, TP=4 for 3 days.",  # no device named
    "We vary the data-parallel size from 8 to 64 on A100 GPUs in our training runs.",  # a sweep
    "Data-parallel sizes of 8 and 16 are compared while training on V100 GPUs.",
    "We train with a data parallel degree of 8 within each node of our A100 cluster for 2 days.",  # within a machine
    "With a privacy budget DP=8 we train the model on GPUs for 2 days.",  # differential privacy
    "We train with a world size of 32 and tensor parallel size 3 on A100 GPUs for 2 days.",  # 3 does not divide 32
])
def test_no_count_from_other_settings(hw, text):
    assert chosen(hw, text)["chips"] is None


def test_a_stated_count_wins_over_the_setting(hw):
    assert chosen(hw, "We train with DP=8 and TP=2 on 16 A100 GPUs for 3 days.")["chips"] == 16


def test_grid_world_size_is_no_count(hw):
    got = chosen(hw, "The grid world size is 32 cells, and we train the agent on V100 GPUs for 3 days.")
    assert got["chips"] != 32


# 2. a count after the device
@pytest.mark.parametrize("text, chips", [
    ("We train on A100 x 8 for 3 days.", 8),
    ("Training was done on V100 × 4 for 20 hours.", 4),
    ("Our model is trained using NVIDIA A100 (80GB) ×8 for 36 hours.", 8),
    ("All experiments are run on NVIDIA GeForce RTX 3090 GPU × 4 and take 10 hours.", 4),
    ("We train on a server with GPU x 8 (V100) for 2 days.", 8),
    ("Training took 2 days on RTX 4090 (x2).", 2),
])
def test_count_after_the_device(hw, text, chips):
    assert chosen(hw, text)["chips"] == chips


@pytest.mark.parametrize("text", [
    "The A100 x 2 faster than the V100 in our training runs of 3 days.",  # a speed ratio
    "We train with a batch of 32 per GPU x 8 on A100 GPUs for 2 days.",  # a per-device amount times a factor
    "The V100 x 32GB card trains the model for 2 days.",  # a memory size
])
def test_no_count_after_the_device(hw, text):
    assert chosen(hw, text)["chips"] is None


def test_product_before_and_after_is_not_reread(hw):
    assert chosen(hw, "Our model trained on 8 x A100 x 2 nodes for 3 days.")["chips"] != 2


# 3. systems named by their chip
@pytest.mark.parametrize("text, chips", [
    ("We train on two DGX A100 systems for 5 days.", 16),
    ("We train on one DGX H100 for 5 days.", 8),
    ("We train on one DGX A100 (8 GPUs) for 5 days.", 8),
    ("We train on 2 DGX-1 nodes for 5 days.", 16),
])
def test_systems_named_by_their_chip(hw, text, chips):
    assert chosen(hw, text)["chips"] == chips


def test_gpus_of_a_dgx_are_still_gpus(hw):
    assert chosen(hw, "We train on 8 DGX A100 GPUs for 5 days.")["chips"] == 8


# 4. (hw19) a device noun inside another word is no noun: "32 Graphcore IPUs" bound "core" in "Graphcore" and gave no
# count; a table row "#GPUs 16" (no space after '#') was not read as a count row; a setup table's hardware row with
# two words before the count ("Device NVIDIA A100 × 8") was not marked as one.
def test_noun_inside_a_word_is_no_noun(hw):
    assert chosen(hw, "Training is run on 32 Graphcore IPUs for 3 days.")["chips"] == 32


@pytest.mark.parametrize("text", [
    "Training is run on 32 microchip designs for 3 days on a CPU.",
    "We hire 12 coworkers to label data for 3 days on a GPU.",
])
def test_word_ends_are_still_no_count(hw, text):
    assert chosen(hw, text)["chips"] in (None, 1)


def test_count_row_without_space_after_hash():
    import datetime as dt

    from aicompute.extraction import generate
    from aicompute.hardware import HardwareTable
    from aicompute.pdftext import Sentence

    rows = ["#GPUs 16", "GPU type V100"]
    g = generate([Sentence(4, t, "table", "body", index=i) for i, t in enumerate(rows)], HardwareTable.load(), dt.date(2023, 1, 1))
    assert [c.value for c in g.all_c["chips"]] == [16]
    g = generate([Sentence(4, "#layers 16", "table", "body", index=0)], HardwareTable.load(), dt.date(2023, 1, 1))
    assert g.all_c["chips"] == []


def test_setup_row_with_a_vendor_word():
    import datetime as dt

    from aicompute.extraction import generate
    from aicompute.hardware import HardwareTable
    from aicompute.pdftext import Sentence

    g = generate([Sentence(4, "Device NVIDIA A100 × 8", "table", "body", index=0)], HardwareTable.load(), dt.date(2023, 1, 1))
    assert any("the hardware row of a setup table" in c.why for c in g.all_c["chips"] if c.value == 8)


# 5. (hw19) the count as the value of "the number of <devices>"; trademark signs between a count and its chip
@pytest.mark.parametrize("text, chips", [
    ("In all runs the number of GPUs used for training is 8, and training takes 2 days.", 8),
    ("The total number of TPU chips was 256 and training took 4 days.", 256),
    ("The number of GPUs is set to 4 and we train for 2 days.", 4),
    ("We train for 2 days with 8 NVIDIA® Tesla® V100 GPUs.", 8),
    ("We train for 2 days on 4 NVIDIA(R) RTX(TM) 3090 GPUs.", 4),
])
def test_number_of_devices_as_a_value(hw, text, chips):
    assert chosen(hw, text)["chips"] == chips


@pytest.mark.parametrize("text", [
    "The number of GPUs is increased from 8 to 16 during training.",
    "The number of GPUs is 4 times larger than in the baseline, and training takes 2 days.",
    "The number of GPUs is 8 or 16 depending on the model size.",
    "The number of GPUs is not stated in the training details of [3].",
    "The number of layers is 12 and we train on GPUs for 2 days.",
    "The number of GPUs is proportional to the batch size of 256.",
])
def test_no_count_from_other_numbers_of(hw, text):
    assert chosen(hw, text)["chips"] is None


# 6. (hw19) machines times devices named by a product code ("2 nodes × 8 A100" gave 2); devices "N in total" after
# them; a machines count beside the devices it holds says less ("a 2-node, 16-GPU cluster" gave 2)
@pytest.mark.parametrize("text, chips", [
    ("We ran training for 3 days on 2 nodes × 8 A100.", 16),
    ("We ran training for 3 days on 4 servers with 8 H100s each.", 32),
    ("We train on V100 GPUs (8 in total) for 3 days.", 8),
    ("The model is trained for 3 days on A100 GPUs, 64 in total.", 64),
    ("We train on TPU v3 chips (128 total) for 3 days.", 128),
    ("We ran training for 3 days on a 2-node, 16-GPU cluster.", 16),
    ("We used 64 GPUs (8 nodes) to train for 6 days.", 64),
])
def test_machines_and_totals(hw, text, chips):
    assert chosen(hw, text)["chips"] == chips


@pytest.mark.parametrize("text", [
    "We train on V100 GPUs for 3 days (300 epochs in total).",
    "We train on V100 GPUs, 3 days in total.",
])
def test_other_totals_are_no_count(hw, text):
    assert chosen(hw, text)["chips"] is None


def test_a_product_code_that_is_a_precision_is_no_device(hw):
    assert chosen(hw, "We ran training for 3 days on 4 machines with 8 FP16 units.")["chips"] != 32


# 7. (hw19) one GPU named in the singular after "on our/the", or as "on GPU (name)"
@pytest.mark.parametrize("text", [
    "The model was trained on GPU (Nvidia GTX 1080Ti) for 10 hours.",
    "Training took 10 hours on our RTX 3090.",
    "The network is trained for 10 hours on the Titan X.",
])
def test_one_gpu_named_in_the_singular(hw, text):
    assert chosen(hw, text)["chips"] == 1


@pytest.mark.parametrize("text", [
    "The model was trained on the V100 cluster for 10 hours.",
    "Training took 10 hours on the RTX 3090 GPUs.",
    "Training took 10 hours on our V100 servers.",
])
def test_machines_and_plurals_named_by_a_gpu_are_not_one(hw, text):
    assert chosen(hw, text)["chips"] is None


# 8. (hw19) processes of a distributed run, one per device
@pytest.mark.parametrize("text, chips", [
    ("Training runs as 32 processes, one per GPU, on A100s for 3 days.", 32),
    ("We launch 64 GPU processes on V100s for 3 days of training.", 64),
    ("We train for 3 days with 8 ranks (one on each GPU).", 8),
])
def test_processes_one_per_device(hw, text, chips):
    assert chosen(hw, text)["chips"] == chips


@pytest.mark.parametrize("text, chips", [
    ("We use 4 data-loading processes and train on 8 GPUs for 3 days.", 8),
    ("We use 16 worker processes for data loading and train on GPUs for 3 days.", None),
    ("Training on GPUs takes 3 days with 8 processes.", None),
])
def test_other_processes_are_no_device_count(hw, text, chips):
    assert chosen(hw, text)["chips"] == chips
