"""Chip-count classes seen on unseen papers (round 5), each with sentences of our own (none from a corpus
paper) and near-misses where the rule must not fire. The hand-set rules are tested (``ranker=None``); the
shipped ranker reads their scores."""

from __future__ import annotations

import datetime as dt

import pytest

from aicompute.extract import extract_from_sentences
from aicompute.hardware import HardwareTable
from aicompute.pdftext import Sentence

PUBLISHED = dt.date(2023, 6, 1)


@pytest.fixture(scope="module")
def hw():
    return HardwareTable.load()


def run(hw, *texts, sections=None, ranker=None):
    sents = [Sentence(4, t, "text", (sections or {}).get(i, "body"), index=i) for i, t in enumerate(texts)]
    return extract_from_sentences(sents, hw, PUBLISHED, ranker=ranker)["chosen"]


def val(chosen, field):
    f = chosen.get(field)
    return None if f is None else f["value"]


# ------------------------------------------------------------------ hearsay about another run


@pytest.mark.parametrize("sentence", [
    "GPT-4 is rumored to have been trained on 25,000 A100 GPUs for about 100 days.",
    "Training GPT-3 reportedly required 10,000 V100 GPUs.",
    "PaLM is said to have used 6144 TPU v4 chips.",
    "Prior work used 512 TPU v3 chips to train a comparable model.",
    "Earlier studies trained such detectors on 64 GPUs for a week.",
])
def test_hearsay_gives_no_count(hw, sentence):
    ch = run(hw, sentence)
    assert val(ch, "chips") is None


@pytest.mark.parametrize("texts, count", [
    (("Prior work used 512 TPU v3 chips, while we train on 8 GPUs for 2 days.",), 8),
    (("GPT-3 was reportedly trained on thousands of GPUs.", "We train our model on 4 A100 GPUs for 30 hours."), 4),
    (("Our model is trained on 16 V100 GPUs for 3 days, as reported in Table 2.",), 16),
])
def test_our_run_beside_hearsay_keeps_its_count(hw, texts, count):
    assert val(run(hw, *texts), "chips") == count


# ------------------------------------------------------------------ the devices of a measurement


@pytest.mark.parametrize("sentence", [
    "The training time is measured with 64 GPUs running in parallel.",
    "The training speed is reported on 8 V100 GPUs.",
    "All training times are reported for 8 A100 GPUs.",
    "We report training throughput on 64 TPU v3 chips.",
    "Timings (in seconds) are measured on a single RTX 3090 GPU.",
])
def test_a_measurement_setup_is_not_the_run(hw, sentence):
    assert val(run(hw, sentence), "chips") is None


@pytest.mark.parametrize("texts, count", [
    (("Training time is measured with 64 GPUs.", "We train our model on 8 GPUs for 3 days."), 8),
    (("We train our model on 8 V100 GPUs; all timings are measured on a single GPU.",), 8),
    (("Our model is trained on 16 GPUs, and training time is measured in GPU hours.",), 16),
    (("The time is measured on 4 GPUs, and our final model is trained on 32 GPUs for 2 days.",), 32),
])
def test_the_run_beside_a_measurement_keeps_its_count(hw, texts, count):
    assert val(run(hw, *texts), "chips") == count


# ------------------------------------------------------------------ which run is the main one


@pytest.mark.parametrize("sentence, count", [
    ("We train the base model on 8 GPUs and the large model on 64 GPUs.", 64),
    ("The large model is trained on 64 GPUs and the small model on 8 GPUs.", 64),
    ("Our small variant uses 4 V100 GPUs, and our largest variant uses 32 V100 GPUs.", 32),
    ("The final model was trained on 128 GPUs, and each ablation model on 16 GPUs.", 128),
    ("Baselines are trained on 4 GPUs, and our model on 16 GPUs.", 16),
    ("Ablations are run on 4 GPUs, while the final model is trained on 32 GPUs.", 32),
])
def test_the_count_of_the_main_variant(hw, sentence, count):
    assert val(run(hw, sentence), "chips") == count


@pytest.mark.parametrize("texts, count", [
    (("Our final model is trained on 128 GPUs for 5 days.", "For ablations we use 64 GPUs."), 128),
    (("All experiments are conducted on 8 NVIDIA V100 GPUs.", "Fine-tuning uses 4 GPUs."), 8),
    (("The model was pre-trained on 256 GPUs.", "Fine-tuning is performed on a single GPU."), 256),
    (("We use 8 GPUs for training and 1 GPU for evaluation.",), 8),
])
def test_main_run_across_sentences(hw, texts, count):
    assert val(run(hw, *texts), "chips") == count


# ------------------------------------------------------------------ device-hours are not one device


@pytest.mark.parametrize("sentence", [
    "It takes about 4 GPU hours to train each probe on an A6000.",
    "Training consumed 300 GPU-hours on a V100.",
])
def test_device_hours_with_a_named_card_give_no_count(hw, sentence):
    assert val(run(hw, sentence), "chips") is None


def test_a_named_card_without_a_product_is_still_one(hw):
    assert val(run(hw, "Training takes 40 hours on a Tesla K80."), "chips") == 1


# ------------------------------------------------------------------ what the code can do, jobs that are not training


@pytest.mark.parametrize("sentence", [
    "The code is available and supports training on 1 to 8 GPUs.",
    "Our implementation supports distributed training on up to 256 GPUs.",
    "Training scales to 512 GPUs with 90% efficiency.",
    "We use 4 GPUs to compute the FID.",
    "Hyperparameter search was run on 16 GPUs.",
    "For evaluation, we use 2 GPUs.",
])
def test_capabilities_and_other_jobs_give_no_count(hw, sentence):
    assert val(run(hw, sentence), "chips") is None


@pytest.mark.parametrize("sentence, count", [
    ("We train on 8 GPUs to compute gradients in parallel.", 8),
    ("We train with up to 64 GPUs.", 64),
    ("After evaluation on the validation set, we train the final model on 8 GPUs.", 8),
    ("We follow the evaluation protocol of [3] and train on 16 GPUs.", 16),
    ("We tune hyperparameters on 4 GPUs and train the final model on 32 GPUs.", 32),
    ("We train our model on 8 GPUs and use 1 GPU for evaluation.", 8),
])
def test_training_beside_other_jobs_keeps_its_count(hw, sentence, count):
    assert val(run(hw, sentence), "chips") == count


@pytest.mark.parametrize("sentence, count", [
    ("We use TPUv3-32 for training.", 32),
    ("We trained on a v3-128 TPU pod for 10 days.", 128),
    ("The model is trained on TPU v3-256 for 4 days.", 256),
])
def test_slice_names_written_together(hw, sentence, count):
    assert val(run(hw, sentence), "chips") == count


# ------------------------------------------------------------------ cards the hardware table does not know, pairs


@pytest.mark.parametrize("sentence, count", [
    ("All experiments were run on a single NVIDIA RTX 3050.", 1),
    ("We train on an RTX 3050 for 2 days.", 1),
    ("We trained on a pair of GTX 1080 Ti GPUs.", 2),
    ("The model is trained on dual RTX 2080 Ti GPUs.", 2),
])
def test_unknown_cards_and_pairs_are_counted(hw, sentence, count):
    assert val(run(hw, sentence), "chips") == count


@pytest.mark.parametrize("sentence", [
    "Inference runs on an RTX 3050 at 30 fps.",
    "We use a pair of stereo cameras and train on the recorded data.",
    "A dual-branch network is trained on the images.",
])
def test_unknown_cards_and_pairs_near_misses(hw, sentence):
    assert val(run(hw, sentence), "chips") is None


def test_a_or_an_before_an_unknown_card_is_not_a_count(hw):
    # "a"/"an" + a card the hardware table does not know is left silent: allowing it added an invented count on
    # held-out papers (the blind split's invented figure rose by one), so only explicit counts bind unknown cards
    ch = run(hw, "The training took 3 hours on a GeForce RTX 3050.")
    assert val(ch, "chips") is None and val(ch, "chip_model") == "NVIDIA RTX 3050"


# ------------------------------------------------------------------ the cluster, each run, exceptions, the teacher


@pytest.mark.parametrize("texts, count", [
    (("The experiments were performed on a cluster with 512 GPUs.", "Each training job used 8 GPUs."), 8),
    (("We train on a cluster with 64 V100 GPUs for 3 days.",), 64),
    (("All experiments are run on a cluster with 16 A100 GPUs.",), 16),
    (("We train our model on 8 GPUs, while the teacher was trained on 64 GPUs.",), 8),
    (("We train on 8 GPUs, while the large model is trained on 64 GPUs.",), 64),
    (("We run all experiments on 1 GPU (NVIDIA RTX A6000), except the scaling study which uses 8 GPUs.",), 1),
    (("We trained for 2 days on 8 GPUs; the original paper used 32 GPUs for 5 days.",), 8),
])
def test_which_count_is_the_run(hw, texts, count):
    assert val(run(hw, *texts), "chips") == count


@pytest.mark.parametrize("texts, count", [
    (("Except for the kNN baseline, we ran all experiments on a machine with 4 Titan Xp GPUs.",), 4),
    (("We implement the networks using TensorFlow on a cluster with 24 P100 GPUs.",
      "Speed is compared on a single node with 2 P100 GPUs."), 24),
    (("Evaluations are conducted on a node with 2 K80 cards.", "We train on a cluster with 32 K80 cards."), 32),
])
def test_exceptions_and_clusters_near_misses(hw, texts, count):
    assert val(run(hw, *texts), "chips") == count


# ------------------------------------------------------------------ NPUs and HPUs (Ascend, Gaudi): named as written, unit 'other'


@pytest.mark.parametrize("sentence, count, model", [
    ("Our model is trained on 32 Ascend 910B NPUs for 7 days.", 32, "Huawei Ascend 910B"),
    ("Training was performed on 4 Huawei Ascend 910B accelerators.", 4, "Huawei Ascend 910B"),
    ("We used 4 Gaudi2 accelerators for training.", 4, "Intel Gaudi2"),
    ("The model was trained on 8 Intel Gaudi HPUs.", 8, "Intel Gaudi"),
])
def test_npus_and_hpus(hw, sentence, count, model):
    ch = run(hw, sentence)
    assert val(ch, "chips") == count and ch["chips"]["unit"] == "other"
    assert val(ch, "chip_model") == model and ch["chip_model"].get("chip_id") is None


# other vendors' accelerators (Graphcore, AWS, Cerebras, Baidu, Cambricon): named as written, counted as unit 'other'
@pytest.mark.parametrize("sentence, count, model", [
    ("Pre-training ran on 32 Graphcore Bow IPUs for 5 days.", 32, "Graphcore Bow"),
    ("We trained the network with 16 IPUs (Graphcore Bow) for a day.", 16, "Graphcore Bow"),
    ("Our model was trained on 4 Graphcore IPUs.", 4, "Graphcore IPU"),
    ("The model was trained on 64 AWS Trainium2 chips for a week.", 64, "AWS Trainium2"),
    ("We trained the encoder on a single Cerebras CS-2 system.", 1, "Cerebras CS-2"),
    ("The model is trained on 128 Baidu Kunlun chips.", 128, "Baidu Kunlun"),
    ("We pre-train on 24 Cambricon MLU370 cards for three days.", 24, "Cambricon MLU370"),
])
def test_other_vendors_accelerators(hw, sentence, count, model):
    ch = run(hw, sentence)
    assert val(ch, "chips") == count and ch["chips"]["unit"] == "other"
    assert val(ch, "chip_model") == model and ch["chip_model"].get("chip_id") is None


# the ones the hardware table knows (a vendor's published peak) come with their chip_id
@pytest.mark.parametrize("sentence, count, chip_id", [
    ("Our model is trained on 32 Ascend 910 NPUs for 7 days.", 32, "huawei-ascend-910"),
    ("Pre-training ran on 32 Graphcore GC200 IPUs for 5 days.", 32, "graphcore-gc200"),
    ("Training used one trn1 instance with 16 Trainium accelerators.", 16, "aws-trainium"),
])
def test_other_vendors_accelerators_in_the_table(hw, sentence, count, chip_id):
    ch = run(hw, sentence)
    assert val(ch, "chips") == count and ch["chips"]["unit"] == "other"
    assert ch["chip_model"]["chip_id"] == chip_id


@pytest.mark.parametrize("sentence", [
    "The archer draws the bow while 12 targets move across the field.",  # "bow" without Graphcore or IPU
    "The dataset has 300 photographs of the Kunlun mountains.",  # a place, no chip word after it
    "Our MLU layer has 256 hidden units.",  # an acronym of the paper's, no model number
    "The CS-2 split of the benchmark has 40 classes.",  # no Cerebras, no system word
])
def test_other_vendors_names_that_are_not_chips(hw, sentence):
    ch = run(hw, sentence, ranker="default")
    assert val(ch, "chip_model") is None and val(ch, "chips") is None


def test_a_gaudi_that_is_not_a_chip(hw):
    ch = run(hw, "The Gaudi architecture inspired the shape of our dataset's scenes.", ranker="default")
    assert val(ch, "chip_model") is None and val(ch, "chips") is None


@pytest.mark.parametrize("sentence, count", [
    ("Our 4-GPU implementation is publicly available.", None),
    ("The released code includes an 8-GPU version of the trainer.", None),
    ("We train on an 8-GPU machine for 3 days.", 8),
    ("Training uses two 8-GPU servers.", 16),
])
def test_an_n_gpu_implementation_is_code_not_a_run(hw, sentence, count):
    assert val(run(hw, sentence), "chips") == count


@pytest.mark.parametrize("sentence", [
    "Our model is small enough to run on a single GPU.",
    "Training with 8 GPUs gives a 7.5x speedup over 1 GPU.",
    "We use the open-source checkpoint, which was trained on 8 GPUs.",
])
def test_abilities_scaling_studies_and_released_checkpoints_give_no_count(hw, sentence):
    assert val(run(hw, sentence), "chips") is None


@pytest.mark.parametrize("sentence, count", [
    ("We train our model on 8 GPUs, which gives a 7.5x speedup over the baseline.", 8),
    ("Training with 8 GPUs takes 10 hours, a 7x speedup over 1 GPU.", 8),
    ("We train the model on 16 GPUs and save a checkpoint every epoch.", 16),
    ("The model is small enough to fit on a single GPU, and we train it on 4 GPUs for speed.", 4),
])
def test_abilities_scaling_and_checkpoints_near_misses(hw, sentence, count):
    assert val(run(hw, sentence), "chips") == count


# ------------------------------------------------------------------ a count per unit of another ("each with ...")


@pytest.mark.parametrize("sentence, count", [
    # the devices, not the cores each has
    ("The model was trained on 16 TPUv3 devices (each with 2 cores) for 4 days.", 16),
    ("Pre-training ran on 32 Cloud TPUs, each having 8 cores, for 5 days.", 32),
    ("Our network is trained on 64 TPU v4 chips, each with 2 cores, for 3 days.", 64),
    # the machines counted in 'each of our N servers has M GPUs'
    ("Each of our 8 servers has 8 V100 GPUs; the model is trained for a week.", 64),
    ("Training takes 3 days, and each of the 4 nodes is equipped with 4 A100 GPUs.", 16),
    ("We train for 2 days on a cluster where each of its 16 machines hosts 8 Titan RTX cards.", 128),
    # near-misses: 'each' of models or runs, or memory per device, is not a count per machine
    ("We train each of the 3 models on 8 V100 GPUs for 2 days.", 8),
    ("We train on 16 V100 GPUs, each with 32 GB of memory, for 3 days.", 16),
    ("We use 64 GPUs in total for 5 days, and each GPU processes 32 images per step.", 64),
    ("The model is trained on 8 machines, each with 4 GPUs, for 6 days.", 32),
])
def test_a_count_per_unit_of_another(hw, sentence, count):
    assert val(run(hw, sentence), "chips") == count


# ------------------------------------------------------------------ a count stated with the time of another job


@pytest.mark.parametrize("sentence", [
    "Evaluating all checkpoints took 3 days on 4 A100 GPUs.",
    "Sampling 50k images for the FID computation takes 6 hours on 8 V100 GPUs.",
    "The hyper-parameter search lasted 4 days on 32 GPUs.",
    "Decoding the full test set takes about 2 hours with 4 Titan V cards.",
])
def test_a_count_stated_with_another_job_s_time_is_that_job_s(hw, sentence):
    assert val(run(hw, sentence), "chips") is None


@pytest.mark.parametrize("texts, count", [
    # near-misses: training named with the job, or in the count's own clause, or the time is the training's
    (["Training and evaluation take 3 days on 4 A100 GPUs."], 4),
    (["We train on 8 GPUs for 2 days, and evaluating all checkpoints takes 5 hours."], 8),
    (["Preprocessing takes 2 hours, and the model is trained on 16 GPUs."], 16),
    (["The model is trained on 8 V100 GPUs for 3 days.", "Evaluating it takes 2 hours on 1 GPU."], 8),
])
def test_the_training_count_beside_another_job_s_time_is_kept(hw, texts, count):
    assert val(run(hw, *texts), "chips") == count


# ------------------------------------------------------------------ thanks for hardware outside an acknowledgements section


@pytest.mark.parametrize("sentence", [
    # a footnote or an unheaded closing paragraph: read as the acknowledgements are (the labels give no count)
    "We thank NVIDIA for the donation of two Titan Xp GPUs used for this research.",
    "The two Titan X GPUs used for this research were donated by NVIDIA.",
    "We are grateful to Google for providing access to 512 TPU v3 chips through the TFRC program.",
    "We acknowledge the generous support of the cluster team, who gave us 64 A100 GPUs for two weeks.",
])
def test_thanks_for_hardware_in_the_body_gives_no_count(hw, sentence):
    ch = run(hw, sentence)
    assert val(ch, "chips") is None and val(ch, "training_hours") is None


@pytest.mark.parametrize("sentence, count", [
    # near-misses: 'acknowledge' as 'admit', 'thanks to' a technique, thanks in another clause
    ("We acknowledge that training takes 3 days on 8 GPUs.", 8),
    ("Thanks to mixed precision, training takes 3 days on 8 GPUs.", 8),
    ("We thank the reviewers; the model is trained on 8 GPUs for 2 days.", 8),
])
def test_thanks_near_misses_keep_the_count(hw, sentence, count):
    assert val(run(hw, sentence), "chips") == count


# ------------------------------------------------------------------ systems of a fixed size (DGX, EC2 instance types)


@pytest.mark.parametrize("sentence, count", [
    ("We train on two DGX-2 nodes for 4 days.", 32),
    ("The network was trained on 4 DGX-1 machines for a week.", 32),
    ("Training used a DGX A100 for 36 hours.", 8),
    ("We use 2 p4d.24xlarge instances for 3 days of training.", 16),
    ("Our model trains in 11 hours on a single p3.8xlarge instance.", 4),
    # near-misses: a count stated with the system is the count; other machines are machines
    ("We train on a DGX-1 with 4 V100 GPUs for 2 days.", 4),
    ("Training runs on a DGX-1 (8 V100s) for 30 hours.", 8),
    ("We train on 4 machines with 8 GPUs each for 2 days.", 32),
])
def test_systems_of_a_fixed_size_count_their_accelerators(hw, sentence, count):
    assert val(run(hw, sentence), "chips") == count


def test_a_named_system_in_passing_is_no_count(hw):
    assert val(run(hw, "Inference latency is measured on a DGX A100 with batch size 1."), "chips") is None


# ------------------------------------------------------------------ a machine's name is no other model (round 10)
# a clause naming a machine or platform ("DGX-2", "an HGX node", "RTX") is not "about another model" because the name
# has capitals: the run's count and duration there stay ours (found by the lead's hidden probe)


@pytest.mark.parametrize("texts, chips, hours", [
    (["Our policy sees 2 billion frames; on a DGX-1 with its 8 P100 GPUs this takes 5 days of wall-clock time."], 8, 120),
    (["We pretrain our encoder for 300k steps; an HGX node with its 8 H100 GPUs finishes this in 30 hours."], 8, 30),
])
def test_a_machine_name_in_the_other_clause_is_not_another_model(hw, texts, chips, hours):
    ch = run(hw, *texts)
    assert val(ch, "chips") == chips and val(ch, "training_hours") == hours


def test_a_model_name_in_the_other_clause_still_is(hw):
    # near-miss: the other clause names another model: its count is not ours
    ch = run(hw, "We train our agent on 8 GPUs; BigGAN-deep was trained on 512 TPU cores.")
    assert val(ch, "chips") == 8


@pytest.mark.parametrize("sentence, count, unit", [
    ("We trained the model on two trn1.32xlarge instances for 3 days.", 32, "other"),  # Trainium chips, not GPUs
    ("We train on two p3.16xlarge instances.", 16, "gpus"),
])
def test_instances_count_their_accelerators_in_the_chips_unit(hw, sentence, count, unit):
    ch = run(hw, sentence)
    assert val(ch, "chips") == count and ch["chips"]["unit"] == unit


# (hw21) machines and devices per machine in an aside after the devices, with no device noun of its own
@pytest.mark.parametrize("sentence, count, unit", [
    ("Models were trained on A100 GPUs (8 per node, 4 nodes) for 3 days.", 32, "gpus"),
    ("We train on V100s (4 nodes, 8 per node).", 32, "gpus"),
    ("Training used TPUv3 chips (4 per host, 16 hosts).", 64, "tpu_chips"),
    ("We use GPUs (2 nodes with 8 each).", 16, "gpus"),
])
def test_devices_per_machine_in_an_aside(hw, sentence, count, unit):
    ch = run(hw, sentence)
    assert val(ch, "chips") == count and ch["chips"]["unit"] == unit


@pytest.mark.parametrize("sentence", [
    "The data (8 per node, 4 nodes) is split evenly.",  # no device before the aside
    "We use GPUs (8 per node) for training.",  # no number of machines: no product
])
def test_devices_per_machine_aside_near_misses(hw, sentence):
    assert val(run(hw, sentence), "chips") is None
