"""CPU-only runs and machines as the counted unit (round 11), with sentences of our own (none from a corpus
paper) and near-misses that must stay silent or keep the accelerator count.

- a machine's cores are CPU cores when the sentence names no accelerator: "16 machines of 32 cores each" counts
  16 machines (as "100 workers, each of which uses 12 CPU cores" did), "a single machine with 24 cores" counts
  24 CPU cores, and the chip model is "CPU (unspecified)" (the estimate has no CPU peak: it says so);
- the per-machine clause after a machine noun ("with 8 cards each", "of 32 cores each") says the noun is a
  machine (no other hardware word is needed), but not when it lists the machine's parts ("a server with 2
  Xeon CPUs and 8 V100 GPUs": 8 GPUs, not 1 x 2);
- adjectives between a count and a machine noun ("32 asynchronous workers", "8 independent nodes").
The hand-set rules are tested (``ranker=None``) and the shipped ranker's choice."""

from __future__ import annotations

import datetime as dt

import pytest

from aicompute.extract import extract_from_sentences
from aicompute.hardware import HardwareTable
from aicompute.pdftext import Sentence

PUBLISHED = dt.date(2019, 6, 1)


@pytest.fixture(scope="module")
def hw():
    return HardwareTable.load()


def chosen(hw, *texts, rules=False):
    sents = [Sentence(3, t, "text", "body", index=i) for i, t in enumerate(texts)]
    kw = {"ranker": None} if rules else {}
    return extract_from_sentences(sents, hw, PUBLISHED, **kw)["chosen"]


def val(ch, field):
    f = ch.get(field)
    return None if f is None else f["value"]


def unit(ch):
    f = ch.get("chips")
    return None if f is None else f.get("unit")


# ------------------------------------------------------------------ CPU machines counted by machines or cores


@pytest.mark.parametrize("sentence, count, count_unit", [
    ("Our solver was trained on 12 servers with 40 cores each for 4 days.", 12, "machines"),
    ("Training the forest took 30 hours on 6 nodes of 64 cores each.", 6, "machines"),
    ("We train the embeddings on 20 machines, each equipped with 16 cores, for 9 hours.", 20, "machines"),
    ("The agent is trained for 5 days on a single server with 48 cores.", 48, "cpu_cores"),
    ("Training the tagger took 7 hours on one workstation with 12 cores.", 12, "cpu_cores"),
    ("The baseline is trained for 2 days on a machine having 28 cores.", 28, "cpu_cores"),
])
@pytest.mark.parametrize("rules", [True, False])
def test_cpu_machines_counted(hw, sentence, count, count_unit, rules):
    ch = chosen(hw, sentence, rules=rules)
    assert val(ch, "chips") == count
    assert unit(ch) == count_unit
    assert val(ch, "chip_model") == "CPU (unspecified)"


@pytest.mark.parametrize("sentence, count", [
    # the machine's cores beside its accelerators: the accelerators are counted
    ("Training took 3 days on a server with 8 Titan V cards and 36 cores.", 8),
    ("We train for 40 hours on 4 nodes with 4 A100 GPUs and 128 CPU cores each.", 16),
    # a list of the machine's parts: not 1 x the first number
    ("We train for 2 days on a server with 2 Xeon CPUs and 8 V100 GPUs.", 8),
    ("The network is trained on a box with 4 CPUs plus 2 GTX 1080 GPUs for 10 hours.", 2),
])
def test_machine_parts_keep_the_accelerator_count(hw, sentence, count):
    ch = chosen(hw, sentence)
    assert val(ch, "chips") == count
    assert unit(ch) == "gpus"


@pytest.mark.parametrize("sentence", [
    # a graph's or a tree's nodes with no device after them
    "The model is trained for 3 hours on graphs of 500 nodes with 12 features each.",
    "Each tree has 16 nodes with 4 children each, and training takes 2 hours.",
    # CUDA cores are a GPU's, not a count of CPU cores
    "Each of the 2 machines with 5120 CUDA cores trains a copy for 3 days.",
])
def test_no_cpu_count_from_non_machines(hw, sentence):
    ch = chosen(hw, sentence)
    assert unit(ch) not in ("cpu_cores",)
    assert val(ch, "chip_model") != "CPU (unspecified)"


def test_cuda_cores_are_not_cpu_cores(hw):
    ch = chosen(hw, "We train on 2 servers with 5120 CUDA cores each for 3 days.")
    assert unit(ch) != "cpu_cores"
    assert val(ch, "chip_model") != "CPU (unspecified)"


# ------------------------------------------------------------------ the per-machine clause makes a machine noun


@pytest.mark.parametrize("sentence, count", [
    ("Training runs for 2 days on 4 nodes with 8 cards each.", 32),
    ("The model is trained on 3 hosts, each equipped with 4 accelerators, for 20 hours.", 12),
])
def test_per_machine_devices_read_without_other_hardware_words(hw, sentence, count):
    assert val(chosen(hw, sentence), "chips") == count


# ------------------------------------------------------------------ adjectives before a machine noun


@pytest.mark.parametrize("sentence, count", [
    ("We ran 24 asynchronous workers, each with a P100 GPU, for 6 days.", 24),
    ("Training used 8 independent nodes with 4 V100 GPUs each for 3 days.", 32),
    ("The policy was optimised for a week on 16 distributed workers, each with one K80 GPU.", 16),
])
def test_adjective_before_machine_noun(hw, sentence, count):
    assert val(chosen(hw, sentence), "chips") == count


@pytest.mark.parametrize("sentence", [
    # workers of another job, nouns (not adjectives) before the machine noun
    "We use 16 data-loading workers and train the model for 3 days.",
    "The model is trained for 3 days with 8 rollout workers per environment.",
    "We train for 2 days and use 4 parameter servers to store the embeddings.",
    # devices named before the job they serve ("for data loading"), not the training run's
    "We employ 12 CPU workers for data loading.",
    "Our setup uses 8 CPU cores for the input pipeline.",
    "We trained the model for 3 days and used 20 CPU workers for data loading.",
    "We rely on 32 CPU threads for image decoding.",
])
def test_other_workers_stay_silent(hw, sentence):
    assert val(chosen(hw, sentence), "chips") is None


# ------------------------------------------------------------------ CPU near-misses beside accelerators


@pytest.mark.parametrize("sentence, count", [
    ("Our model was trained for 2 days on one V100 GPU, using 8 CPU cores for data loading.", 1),
    ("We train on 4 RTX 3090 GPUs for 30 hours; a 32-core Threadripper prepares the batches.", 4),
    ("The network is trained on 2 A100 GPUs with 16 CPU workers for data loading.", 2),
])
def test_host_cpus_beside_gpus(hw, sentence, count):
    ch = chosen(hw, sentence)
    assert val(ch, "chips") == count
    assert unit(ch) == "gpus"


def test_inference_on_cpu_gives_no_count(hw):
    ch = chosen(hw, "At test time the detector runs on a single CPU core at 20 frames per second.")
    assert val(ch, "chips") is None


# ------------------------------------------------------------------ "an N-core machine"


@pytest.mark.parametrize("sentence, count", [
    ("Training the parser takes 10 hours on a 36-core server.", 36),
    ("We train for 4 days on two 20-core workstations.", 40),
])
def test_n_core_machine_counts_cpu_cores(hw, sentence, count):
    ch = chosen(hw, sentence)
    assert val(ch, "chips") == count
    assert unit(ch) == "cpu_cores"
    assert val(ch, "chip_model") == "CPU (unspecified)"


@pytest.mark.parametrize("sentence, count, count_unit", [
    # beside a GPU the machine's cores are the host's: the GPU is counted
    ("Training takes 10 hours on a 36-core server with one RTX 2080 GPU.", 1, "gpus"),
    # a TPU pod's cores are TPU cores
    ("We train for 4 days on a 128-core TPU v3 pod.", 128, "tpu_cores"),
])
def test_n_core_machine_near_misses(hw, sentence, count, count_unit):
    ch = chosen(hw, sentence)
    assert val(ch, "chips") == count
    assert unit(ch) == count_unit


@pytest.mark.parametrize("sentence", [
    # a speed-up on a multi-core machine, no training run
    "Parallel code gives roughly a 3x speed-up on an 8-core machine.",
    "On 256-core servers the solver answers queries 10 times faster.",
])
def test_n_core_machine_outside_training_stays_silent(hw, sentence):
    sents = [Sentence(3, sentence, "text", "body", index=0)]
    got = extract_from_sentences(sents, hw, PUBLISHED)
    assert val(got["chosen"], "chips") is None
    assert not [c for c in got["candidates"] if c.get("field") == "chips" and c.get("unit") == "cpu_cores"]


# ------------------------------------------------------------------ a training run on N machines, no other hardware word


@pytest.mark.parametrize("sentence, count", [
    ("We trained the ranking model on 6 servers for 30 hours.", 6),
    ("The forecaster was trained on 12 identical machines for 2 days.", 12),
    ("Training the planner across 3 workstations took 5 days.", 3),
])
def test_training_run_on_machines(hw, sentence, count):
    ch = chosen(hw, sentence)
    assert val(ch, "chips") == count
    assert unit(ch) == "machines"


@pytest.mark.parametrize("sentence", [
    # nodes, workers, hosts of no device: a graph's, a pool's
    "The GNN is trained for 3 hours on graphs with 50 nodes.",
    "We train the scheduler for 2 days on traces of 40 hosts.",
    # machines that are the data, not the run
    "We train the anomaly detector for 6 hours on logs collected from 300 servers.",
    # machines of inference, not training
    "After training, the model is served on 20 servers with a latency of 4 ms.",
])
def test_machines_that_are_not_the_run_stay_silent(hw, sentence):
    assert val(chosen(hw, sentence), "chips") is None


def test_machines_of_the_data_right_after_on_stay_silent(hw):
    assert val(chosen(hw, "We train the detector for 6 hours on logs from 300 servers."), "chips") is None


# ------------------------------------------------------------------ CPU product lines and vCPUs


@pytest.mark.parametrize("sentence, count", [
    ("The classifier is trained for 7 hours on an AMD Threadripper 3970X (32 cores).", 32),
    ("We train for 3 days on 6 cores of an Intel Core i9 workstation.", 6),
    ("Training the tree ensemble took 11 hours on 96 vCPUs.", 96),
])
def test_cpu_product_lines_make_cpu_cores(hw, sentence, count):
    ch = chosen(hw, sentence)
    assert val(ch, "chips") == count
    assert unit(ch) == "cpu_cores"


@pytest.mark.parametrize("sentence, count", [
    ("We train for 2 days on a Ryzen 7 desktop with one RTX 3080 GPU.", 1),
    ("The model is trained for 30 hours on an instance with 96 vCPUs and 8 A100 GPUs.", 8),
    ("Training took 4 days on 2 RTX 2080 Ti GPUs hosted by an i7-9700K processor with 8 cores.", 2),
])
def test_cpu_products_beside_gpus_keep_the_gpu_count(hw, sentence, count):
    ch = chosen(hw, sentence)
    assert val(ch, "chips") == count
    assert unit(ch) == "gpus"


# ------------------------------------------------------------------ the estimate of a CPU run says what it lacks


@pytest.mark.parametrize("sentence", [
    "Our solver was trained on 12 servers with 40 cores each for 4 days.",
    "The agent is trained for 5 days on a single server with 48 cores.",
])
def test_cpu_run_estimate_is_unavailable_and_says_why(hw, sentence):
    from aicompute.estimate import EstimateSettings, estimate_paper

    ch = chosen(hw, sentence)
    doc = estimate_paper({"key": "x", "arxiv_id": "1906.00001", "inputs": {}},
                         {"status": "ok", "arxiv_id": "1906.00001", "published": "2019-06-01"},
                         {"status": "ok", "chosen": ch}, EstimateSettings(), hw, None)
    gpu = doc["gpu_time"]
    assert gpu["available"] is False  # no CPU peak in the hardware table, no GPU assumed in its place
    assert "assumed_chip" not in gpu["inputs"]
    assert any("CPU (unspecified)" in m for m in gpu["missing"])


@pytest.mark.parametrize("sentence", [
    "We train the GNN on a single GPU for 2 hours, sampling 100 labeled nodes per class.",
    "Training on one GPU takes 2 hours; the graph has 2000 connected nodes.",
    "We train for 2 hours on a GPU using 25 sampled neighbor nodes.",
])
def test_graph_nodes_with_adjectives_are_no_machines(hw, sentence):
    sents = [Sentence(3, sentence, "text", "body", index=0)]
    got = extract_from_sentences(sents, hw, PUBLISHED)
    assert val(got["chosen"], "chips") == 1
    assert not [c for c in got["candidates"] if c.get("field") == "chips" and c.get("unit") == "machines"]


@pytest.mark.parametrize("sentence, count", [
    # near-misses of "for data loading": a training run's devices "for" training, "for data-parallel training"
    ("We use 8 GPUs for data-parallel training over 3 days.", 8),
    ("The model is trained on 64 CPU cores for 5 days.", 64),
    ("We train with 4 V100 GPUs for the full 90 epochs.", 4),
    ("We train the model on 64 GPUs for pipeline parallelism over 3 days.", 64),
    ("Training uses 16 A100 GPUs for load balancing across experts for 2 days.", 16),
    ("We use 8 GPUs for augmentation-free training for 20 hours.", 8),
])
def test_devices_for_the_run_itself_still_count(hw, sentence, count):
    assert val(chosen(hw, sentence), "chips") == count
