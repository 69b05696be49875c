"""Candidates and the choice of the main run, on sentences of our own that mimic the hard cases."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from aicompute.extract import extract_facts, extract_from_sentences
from aicompute.hardware import HardwareTable
from aicompute.pdftext import Sentence

PUBLISHED = dt.date(2019, 6, 1)


@pytest.fixture(scope="module")
def hw():
    return HardwareTable.load()


def run(hw, *texts, sections=None, kinds=None, page=5, survey=False):
    sents = []
    for i, t in enumerate(texts):
        sents.append(Sentence(page, t, (kinds or {}).get(i, "text"), (sections or {}).get(i, "body"), index=i))
    return extract_from_sentences(sents, hw, PUBLISHED, survey=survey)["chosen"]


def val(chosen, field):
    f = chosen.get(field)
    return None if f is None else f["value"]


# ------------------------------------------------------------------ counts, models, durations


def test_spelled_out_count_with_chip_and_duration(hw):
    ch = run(hw, "We trained the final model on eight NVIDIA V100 GPUs for about two weeks.")
    assert val(ch, "chips") == 8 and ch["chips"]["unit"] == "gpus"
    assert val(ch, "chip_model") == "NVIDIA V100" and ch["chip_model"]["generic"] is False
    assert val(ch, "training_hours") == 336
    for f in ("chips", "chip_model", "training_hours"):
        assert ch[f]["page"] == 5 and ch[f]["sentence"].startswith("We trained") and 0 < ch[f]["confidence"] <= 1


def test_generic_gpus_give_a_generic_model(hw):
    ch = run(hw, "Training takes five to six days on a machine with 4 GPUs.")
    assert val(ch, "chips") == 4
    assert val(ch, "chip_model") == "GPU (unspecified)" and ch["chip_model"]["generic"] is True
    t = ch["training_hours"]
    assert t["value"] == 132 and t["low"] == 120 and t["high"] == 144


def test_a_single_gpu_and_took_weeks(hw):
    ch = run(hw, "The network was trained on a single GeForce GTX 1080 Ti GPU, and training took 2.5 weeks.")
    assert val(ch, "chips") == 1 and val(ch, "chip_model") == "NVIDIA GTX 1080 Ti" and val(ch, "training_hours") == 420


def test_machines_times_devices(hw):
    ch = run(hw, "Pre-training was distributed over 4 machines with 8 GPUs each and lasted 3 days.")
    assert val(ch, "chips") == 32 and ch["chips"]["unit"] == "gpus" and "4 x 8" in ch["chips"]["why"]


def test_n_gpu_machine(hw):
    ch = run(hw, "To speed it up, we parallelized the training of our network using an 8-GPU machine.")
    assert val(ch, "chips") == 8


def test_restated_chip_count_wins(hw):
    ch = run(hw, "Training of the large model was performed on 16 Cloud TPUs (64 TPU chips total).",
             "Each pre-training run took 4 days to complete.")
    assert val(ch, "chips") == 64 and ch["chips"]["unit"] == "tpu_chips"
    assert val(ch, "chip_model") == "TPU (unspecified)" and val(ch, "training_hours") == 96


@pytest.mark.parametrize("sentence, count", [
    ("All models were trained on a TPU v3-8 for 3 days.", 8),
    ("Our largest network was pre-trained on a TPU v3-512 pod for 40 hours.", 512),
])
def test_tpu_slice_names_count_cores(hw, sentence, count):
    ch = run(hw, sentence)
    assert val(ch, "chips") == count and ch["chips"]["unit"] == "tpu_cores"
    assert val(ch, "chip_model") == "Google TPU v3"


def test_count_range_is_the_midpoint(hw):
    ch = run(hw, "Our training hardware consists of 128-256 TPUv4 chips for the largest models.")
    assert val(ch, "chips") == 192 and ch["chips"]["low"] == 128 and ch["chips"]["high"] == 256


def test_alternatives_take_the_first(hw):
    ch = run(hw, "We typically train each model on either 8 or 16 GPUs with synchronous SGD.")
    assert val(ch, "chips") == 8


def test_hyphenated_and_glued_text_from_a_pdf(tmp_path, hw):
    from test_pdftext import column_lines, make_pdf

    lines = ["Our model is a deep network with attention. We train-", "ed the final model on eight NVIDIA P100 GPUs",
             "for 3.5 days, with the usual learning rate schedule."] + ["Further prose about the results."] * 20
    path = make_pdf(tmp_path / "paper.pdf", [column_lines(60, 720, lines, size=10, leading=12)], kerned=True)
    facts = extract_facts(path, published=PUBLISHED, hardware=hw)
    ch = facts["chosen"]
    assert val(ch, "chips") == 8 and val(ch, "chip_model") == "NVIDIA P100" and val(ch, "training_hours") == 84
    assert "trained the final model on eight NVIDIA P100 GPUs" in ch["chips"]["sentence"]
    assert facts["document"]["pages"] == 1 and facts["document"]["pages_read_carefully"] == [1]
    json.dumps(facts)  # the facts dict is JSON


# ------------------------------------------------------------------ products, rates, method-1 inputs


@pytest.mark.parametrize("sentence, hours, unit", [
    ("Pre-training our largest model took 2.5k TPUv3-core-days.", 60000, "tpu-core-hours"),
    ("Training the final network costs only 4 GPU days on our cluster.", 96, "gpu-hours"),
    ("In total, training used 1,000 GPU-hours.", 1000, "gpu-hours"),
])
def test_chip_time_products(hw, sentence, hours, unit):
    ch = run(hw, sentence)
    assert val(ch, "chip_hours") == pytest.approx(hours) and ch["chip_hours"]["unit"] == unit
    assert ch["training_hours"] is None


def test_product_table_row(hw):
    ch = run(hw, "TPUv3-core-days 2.5k 0.68k 0.23k", kinds={0: "table"})
    assert val(ch, "chip_hours") == 60000


def test_time_from_steps(hw):
    ch = run(hw, "We trained our models on one machine with 8 GPUs.",
             "Each training step took about 0.4 seconds, and we trained for 300,000 steps.")
    t = ch["time_from_steps"]
    assert t is not None and t["value"] == pytest.approx(300000 * 0.4 / 3600, rel=1e-3)
    assert "0.4 seconds" in t["as_written"] and "300,000 steps" in t["as_written"]


def test_time_from_epochs_with_a_rate_per_hundred_epochs(hw):
    ch = run(hw, "The huge model takes 9.8 hours per 100 epochs using 512 TPUs, and we train it for 300 epochs.")
    assert ch["time_from_steps"]["value"] == pytest.approx(29.4)


def test_method1_inputs(hw):
    ch = run(hw, "Our largest model has 340M parameters and is trained with a batch size of 256 for 90 epochs.",
             "A forward pass of the network costs 11.3 billion FLOPs per image.",
             "The total training compute of the largest model is 3.14E+23 flops.",
             "We use mixed precision training throughout.")
    assert val(ch, "parameters") == 340e6 and val(ch, "batch_size") == 256 and val(ch, "epochs") == 90
    assert val(ch, "flops_per_forward") == pytest.approx(11.3e9) and ch["flops_per_forward"]["unit"] == "FLOP"
    assert val(ch, "total_training_flop") == pytest.approx(3.14e23)
    assert val(ch, "precision") == "mixed"


def test_billions_of_parameters(hw):
    ch = run(hw, "We pre-train a 1.5B parameter transformer on 40GB of text.",
             "The model has 1.5B parameters in 48 layers.")
    assert val(ch, "parameters") == 1.5e9


# ------------------------------------------------------------------ distractors


def test_baseline_with_citation_is_not_the_main_run(hw):
    ch = run(hw, "The original system [12] trained their model on 64 GPUs for three weeks.",
             "In contrast, we train our model on 4 GPUs in 2 days.")
    assert val(ch, "chips") == 4 and val(ch, "training_hours") == 48


def test_inference_timing_is_not_training(hw):
    ch = run(hw, "At test time, inference takes 30 ms per image on a single Titan X GPU.",
             "Decoding a sentence takes 2 seconds on one CPU.")
    assert ch["chips"] is None and ch["training_hours"] is None


def test_related_work_hardware_is_ignored(hw):
    ch = run(hw, "Earlier work trained a similar network on 800 GPUs for 28 days (Author et al., 2017).",
             sections={0: "related"})
    assert ch["chips"] is None and ch["training_hours"] is None


def test_hours_of_audio_are_data(hw):
    ch = run(hw, "Our English system is trained on 11,940 hours of speech, the Mandarin one on 9,400 hours.")
    assert ch["training_hours"] is None


def test_hypothetical_is_not_stated(hw):
    ch = run(hw, "A rough estimate suggests that the network could be trained on a few GPUs within a week.",
             "Training on a single GPU would take about three weeks.")
    assert ch["chips"] is None and ch["training_hours"] is None


def test_ablation_and_fine_tuning_lose_to_pre_training(hw):
    ch = run(hw, "For fine-tuning, each run takes about 1 hour on a single GPU.",
             "Our ablations use a smaller model trained for 12 hours.",
             "Pre-training the full model took 6 days on 16 TPU v3 chips.")
    assert val(ch, "training_hours") == 144 and val(ch, "chips") == 16 and ch["chips"]["unit"] == "tpu_chips"


def test_donation_names_a_model_but_no_count(hw):
    ch = run(hw, "We thank NVIDIA for the donation of the Titan Xp GPU used for this research.",
             sections={0: "acknowledgements"})
    assert ch["chips"] is None and ch["training_hours"] is None
    assert val(ch, "chip_model") == "NVIDIA Titan Xp"


def test_data_split_in_days_is_not_training_time(hw):
    ch = run(hw, "The log dataset covers 11 days (10 days for training and 1 day for test) of clicks.")
    assert ch["training_hours"] is None


def test_a_paper_that_states_nothing_yields_nothing(hw):
    ch = run(hw, "We propose a new objective for generative models.",
             "Experiments on three image datasets show that the samples are sharp.",
             "The results in Table 2 improve on the state of the art by 3 points.")
    for f in ("chips", "chip_model", "training_hours", "chip_hours", "time_from_steps"):
        assert ch[f] is None, f


def test_survey_does_not_report_others_runs(hw):
    ch = run(hw, "Nevertheless, training took 10 days to complete.",
             "The implementation which achieved these results involved eight GPUs.", survey=True)
    assert ch["chips"] is None and ch["training_hours"] is None


def test_counts_of_non_devices(hw):
    ch = run(hw, "Each hidden layer of the LSTM contained 1000 nodes, and we trained it on Atari 2600 computer games.")
    assert ch["chips"] is None


def test_a_rate_defined_per_one_epoch_is_not_a_run_length(hw):
    ch = run(hw, "We use the GPU implementation of convolutions throughout.",
             "One epoch corresponds to 20000 minibatch updates or roughly 40 minutes of training time.",
             "The agent is evaluated after every epoch.")
    assert val(ch, "epochs") is None
    assert ch["time_from_steps"] is None
