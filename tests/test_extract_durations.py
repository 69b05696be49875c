"""Training durations: classes of sentences seen on unseen papers, each with sentences of our own (none is
taken from a paper of the corpus), and near-misses where the rule must not fire."""

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


def run(hw, *texts, kinds=None):
    sents = [Sentence(4, t, (kinds or {}).get(i, "text"), "body", index=i) for i, t in enumerate(texts)]
    return extract_from_sentences(sents, hw, PUBLISHED, ranker=None)["chosen"]


def hours(hw, *texts, **kw):
    f = run(hw, *texts, **kw).get("training_hours")
    return None if f is None else f["value"]


# ------------------------------------------------------------------ "X trains in A, compared to B for ours"


@pytest.mark.parametrize("sentence, want", [
    ("The model of [12] trains in 2 hours on 4 GPUs, compared to 3 days for ours.", 72),
    ("ResNet-50 needs 29 hours on 8 GPUs, versus 6 hours for our model.", 6),
    ("The previous state of the art required 12 days on 64 GPUs as opposed to 2 days with our method.", 48),
    # near-misses: the value compared with ours is someone else's, "our baseline" is not ours
    ("Our model trains in 3 days on 8 GPUs, compared to 2 weeks for BERT.", 72),
    ("Our model takes 2 days on 8 GPUs, compared with 5 days for our baseline.", 48),
    ("Training takes 4 days on 8 GPUs, compared to 10 days for the original implementation.", 96),
])
def test_in_a_comparison_the_value_for_ours_is_ours(hw, sentence, want):
    assert hours(hw, sentence) == pytest.approx(want)


# ------------------------------------------------------------------ evaluating, sampling, tuning are not training


@pytest.mark.parametrize("texts", [
    ["The whole evaluation takes about 6 hours on 8 GPUs."],
    ["It takes 2 hours to evaluate the model on the test set using 8 GPUs."],
    ["Sampling 50k images from the trained model takes 3 hours on 8 A100 GPUs."],
])
def test_evaluation_and_sampling_times_are_not_the_run(hw, texts):
    assert hours(hw, *texts) is None


@pytest.mark.parametrize("texts, want", [
    (["Training the model took 1 week on 8 GPUs, and the search for hyper-parameters took an additional 2 weeks."], 168),
    (["We train on 8 GPUs for 3 days; the evaluation on all benchmarks then takes another 5 hours."], 72),
    (["Evaluation was done every 2 hours during the 5-day training run on 16 TPU v3 chips."], 120),
    # near-misses: training named together with the other job is still the run's time
    (["Training and evaluation take 3 days on 8 GPUs."], 72),
    (["It takes 12 hours to train and evaluate the model on 4 GPUs."], 12),
])
def test_training_time_beside_evaluation_or_tuning(hw, texts, want):
    assert hours(hw, *texts) == pytest.approx(want)


# ------------------------------------------------------------------ a checkpoint and the run's total in one sentence


def test_the_total_beside_a_checkpoint_is_the_run(hw):
    assert hours(hw, "Our model reaches 76% top-1 accuracy after 6 hours of training, and we train it for 30 hours "
                     "in total on 8 GPUs.") == pytest.approx(30)
    assert hours(hw, "After 10 hours, the model already surpasses the baseline; training takes 20 hours in total "
                     "on 4 GPUs.") == pytest.approx(20)


def test_a_baselines_total_beside_a_checkpoint_is_not_ours(hw):
    assert hours(hw, "After only 5 hours of training, our model outperforms the baseline trained for a total of "
                     "40 hours on 8 GPUs.") is None


# ------------------------------------------------------------------ a fact beside a hypothetical clause


@pytest.mark.parametrize("sentence, want", [
    ("We estimate that learning the task, which trains to convergence in 24 hours on a CPU cluster, would take "
     "40 days on the physical robot.", 24),
    ("It would take 355 years to train GPT-3 on a single V100 GPU, while our model trains in 3 days on 8 GPUs.", 72),
    ("If we trained on one GPU, it would take 3 weeks, whereas with 8 GPUs training takes 3 days.", 72),
])
def test_a_stated_time_beside_a_hypothetical_one(hw, sentence, want):
    assert hours(hw, sentence) == pytest.approx(want)


@pytest.mark.parametrize("sentence", [
    "Training on one GPU would take about 3 weeks.",
    "A single training run would take 2 months on our hardware, which took 5 days just to set up.",
])
def test_only_hypothetical_times_give_nothing(hw, sentence):
    assert hours(hw, sentence) is None


# ------------------------------------------------------------------ "runs, which last N days": the verb, not "the last N days"


def test_which_last_is_a_verb(hw):
    assert hours(hw, "We use a TPU v4-256 pod slice for all pre-training runs, which last 5 days.") == pytest.approx(120)
    assert hours(hw, "Pre-training lasts 5 days on 64 GPUs.") == pytest.approx(120)


@pytest.mark.parametrize("sentence", [
    "We report the loss over the last 5 hours of training on 8 GPUs.",
    "During the last 2 days of training, we lower the learning rate on 8 GPUs.",
])
def test_the_last_hours_of_a_run_are_an_interval(hw, sentence):
    assert hours(hw, sentence) is None


# ------------------------------------------------------------------ collecting or generating data is not training


@pytest.mark.parametrize("texts, want", [
    (["The simulation is run on a 64-core AMD EPYC server for 24 hours to collect data."], None),
    (["We generate 1M trajectories with the simulator, which takes 10 hours on 64 CPU cores."], None),
    (["It takes 5 hours to collect the demonstrations on 4 machines.", "The policy is then trained for 2 days on 8 GPUs."], 48),
    (["Training in simulation for 24 hours on 64 CPU cores yields our final policy."], 24),
    (["We train and evaluate the model on 4 GPUs, which takes 3 days."], 72),
])
def test_data_collection_time_is_not_the_run(hw, texts, want):
    got = hours(hw, *texts)
    assert got == (None if want is None else pytest.approx(want))


# ------------------------------------------------------------------ "...; we instead ...": the time not spent


@pytest.mark.parametrize("sentence, want", [
    ("On a single A100, pre-training takes 13 days; we instead use 16 A100s and finish in under a day.", 24),
    ("Training on one GPU takes about 3 weeks; we instead train on 8 GPUs, which takes 3 days.", 72),
    # near-miss: "instead of" is no counterfactual of the time
    ("Pre-training takes 13 days on 16 A100s; instead of fine-tuning all layers, we tune only the adapters.", 312),
])
def test_the_time_we_avoided_is_not_the_run(hw, sentence, want):
    assert hours(hw, sentence) == pytest.approx(want)


# ------------------------------------------------------------------ time from steps beside a stated duration


def test_time_from_steps_is_kept_beside_a_stated_duration(hw):
    ch = run(hw, "Training stopped after 300,000 iterations.",
             "Each iteration took about 0.6 seconds on one GPU, so the whole run took about 2 days.")
    assert ch["training_hours"]["value"] == pytest.approx(48)
    assert ch["time_from_steps"]["value"] == pytest.approx(50)


def test_per_epoch_time_times_the_epochs_of_the_sentence(hw):
    ch = run(hw, "All networks are optimized with Adam for 200 epochs; one epoch takes about 7 minutes on 2 GPUs.")
    assert ch["training_hours"] is None and ch["time_from_steps"]["value"] == pytest.approx(200 * 7 / 60, rel=0.01)


@pytest.mark.parametrize("rate_sentence", [
    "A single training iteration of the learner lasts 1.5 seconds.",
    "One single training step takes about 1.5 seconds on our setup.",
])
def test_the_rate_of_one_step_is_not_a_run_of_one_step(hw, rate_sentence):
    # "A single training iteration" is the rate's unit (count 1 inside the rate's own words): never 1 x 1.5 s = 0 h;
    # with the run's steps stated elsewhere, those are the count
    assert run(hw, "We train the agent on 8 V100 GPUs.", rate_sentence)["time_from_steps"] is None
    ch = run(hw, "We train on 8 V100 GPUs for 100k iterations.", rate_sentence)
    assert ch["time_from_steps"]["value"] == pytest.approx(100_000 * 1.5 / 3600, rel=0.01)


def test_a_count_beside_the_rate_in_its_sentence_is_still_the_run(hw):
    # near-miss: the run's count stated in the rate's sentence, outside the rate's words
    ch = run(hw, "We train on 8 V100 GPUs.", "Training runs for 90 epochs at 20 minutes per epoch.")
    assert ch["time_from_steps"]["value"] == pytest.approx(30)


# ------------------------------------------------------------------ a time saved is a difference, not a run


@pytest.mark.parametrize("sentence", [
    "Mixed precision saves us about 2 days of training on 8 GPUs.",
    "Our kernel makes training 3 hours faster on 8 GPUs.",
])
def test_a_time_saved_is_not_the_run(hw, sentence):
    assert hours(hw, sentence) is None


def test_a_time_saved_per_epoch_is_not_a_rate(hw):
    ch = run(hw, "The fused implementation saves 20 minutes per epoch.", "We train for 50 epochs on 4 GPUs.")
    assert ch["time_from_steps"] is None
    ch = run(hw, "Training takes 20 minutes per epoch.", "We train for 50 epochs on 4 GPUs.")
    assert ch["time_from_steps"]["value"] == pytest.approx(50 * 20 / 60, rel=0.01)


def test_the_run_beside_the_time_it_saves(hw):
    assert hours(hw, "With 8 GPUs, training is completed in 2 days, saving 5 days compared to a single GPU.") == pytest.approx(48)


# ------------------------------------------------------------------ a training-time column in a table


def test_a_training_time_column_under_its_header(hw):
    ch = run(hw, "Method Accuracy Train time Test time", "Baseline [12] 40.1 3h 1m", "Ours 46.1 13m38 1m37",
             kinds={0: "table", 1: "table", 2: "table"})
    assert ch["training_hours"]["value"] == pytest.approx(13 / 60 + 38 / 3600, rel=0.01)


def test_a_compact_time_in_a_table_row_is_read(hw):
    assert hours(hw, "Train time 13m38", kinds={0: "table"}) == pytest.approx(0.2272, rel=0.01)
    assert hours(hw, "Hardware 8 x A100 GPUs", "Wall-clock 2.5 days", kinds={0: "table", 1: "table"}) == pytest.approx(60)


@pytest.mark.parametrize("texts", [
    ["Method Accuracy Inference time", "Ours 46.1 12 ms", "Baseline 44.0 30 ms"],  # no training-time column
    ["Method Train time Test time", "Ours 46.1 1m37"],  # one duration for two time columns: which is unknown
    ["Training time is reported in Table 5.", "Ours 46.1 3h"],  # a sentence, not a header row
])
def test_no_training_time_column_no_value(hw, texts):
    kinds = {i: ("text" if t.endswith(".") else "table") for i, t in enumerate(texts)}
    assert hours(hw, *texts, kinds=kinds) is None


def test_a_two_level_header_running_time_over_train_test(hw):
    ch = run(hw, "Model Accuracy Running time Train Test", "Ours, h = 200 41.1 10m34 1m29",
             kinds={0: "table", 1: "table"})
    assert ch["training_hours"]["value"] == pytest.approx(10 / 60 + 34 / 3600, rel=0.01)


# ------------------------------------------------------------------ "~2d": days abbreviated, only where a time is meant


@pytest.mark.parametrize("sentence, want", [
    ("Training time: ~2d on 8 V100 GPUs.", 48),
    ("Our model took ~3.5d to train on 4 A100s.", 84),
    ("Our 2D CNN is trained with 3d convolutions on 4 GPUs for 2 days.", 48),  # "3d" here is no time
])
def test_days_abbreviated(hw, sentence, want):
    assert hours(hw, sentence) == pytest.approx(want)


# ------------------------------------------------------------------ device-hours on one device are the wall clock


@pytest.mark.parametrize("sentence, want", [
    ("The training process takes approximately 12 GPU hours on a single V100.", 12),
    ("Training required 24 GPU hours on one NVIDIA A100 GPU.", 24),
    ("Training required 2,000 GPU hours on A100 GPUs.", None),  # how many GPUs is not said
    ("It takes about 4 GPU hours to train each probe on an A6000.", None),  # each probe, not the run
    ("Training took 300 GPU hours in total; a single A100 was used for evaluation.", None),
])
def test_device_hours_on_one_device(hw, sentence, want):
    got = hours(hw, sentence)
    assert got == (None if want is None else pytest.approx(want))


# ------------------------------------------------------------------ windows of measurement, infeasible runs, one trial of a search


@pytest.mark.parametrize("sentence, want", [
    ("Throughput was measured over 10 minutes of training on 64 GPUs.", None),
    ("Training took 3 days on 64 GPUs, as measured over all runs.", 72),
    ("Training on a CPU, which takes 2 weeks, would be infeasible for us.", None),
    ("Training on 8 GPUs, which takes 2 days, is what we do for all experiments.", 48),
    ("We ran a hyperparameter search of 200 trials, each taking 2 hours on one GPU.", None),
    ("We train 5 seeds of the final model, each taking 9 hours on one GPU.", 9),
])
def test_measurement_windows_infeasible_runs_and_trials(hw, sentence, want):
    got = hours(hw, sentence)
    assert got == (None if want is None else pytest.approx(want))


# ------------------------------------------------------------------ a count from one run, a duration from another


@pytest.mark.parametrize("texts, want", [
    (["Our final model is trained on 64 TPU v3 chips.", "The ablation models are trained on 8 GPUs for 12 hours each."], None),
    (["For the small-scale experiments in Section 4.2, training takes 2 hours on a single GPU.",
      "The main model is trained on 128 A100 GPUs."], None),
    (["All ablations take about 6 hours on 4 GPUs.", "Our full model is trained for 5 days on 32 GPUs."], 120),
])
def test_an_ablations_time_is_not_the_main_runs(hw, texts, want):
    got = hours(hw, *texts)
    assert got == (None if want is None else pytest.approx(want))


# ------------------------------------------------------------------ a per-epoch time stated for several variants


@pytest.mark.parametrize("texts, want", [
    # the largest variant's (or the largest data's) time per epoch x the epochs
    (["Each epoch takes 3 hours for the small model and 10 hours for the large one.", "We train for 20 epochs."], 200),
    (["One epoch took from 15 minutes to 1h30 for the shallow network, and from 40 minutes to 5h "
      "(on the biggest corpus) for the deep one.", "We train each model for 8 epochs."], 40),
    (["A training epoch lasts about 2 hours with the base encoder while 6 hours with the large encoder, "
      "and we run 10 epochs."], 60),
    # near-misses: one time per epoch, the other time is the whole run's, another job's, or another rate
    (["One epoch takes 30 minutes, and the full training takes 2 days.", "We train for 40 epochs."], 20),
    (["Each epoch takes 12 minutes and evaluation takes 3 minutes.", "We train for 50 epochs."], 10),
    (["One epoch takes 30 minutes on 4 GPUs and training converges after 2 days.", "We train for 40 epochs."], 20),
    (["Each epoch takes 6 minutes for our model and 9 minutes per epoch for the baseline.", "We train for 100 epochs."], 10),
])
def test_a_per_epoch_time_for_several_variants_takes_the_largest(hw, texts, want):
    ch = run(hw, *texts)
    got = ch["time_from_steps"]
    assert got is not None and got["value"] == pytest.approx(want, rel=0.02)
    # the other variants' times per epoch are not the run's duration
    assert ch["training_hours"] is None or "full training" in ch["training_hours"]["sentence"] \
        or "converges after" in ch["training_hours"]["sentence"]
