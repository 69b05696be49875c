"""Classes of error seen on unseen papers, each with sentences of our own (none is taken from a paper of
the corpus), and the sentences where the rule must *not* fire."""

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


def run(hw, *texts, sections=None, kinds=None):
    sents = [Sentence(4, t, (kinds or {}).get(i, "text"), (sections or {}).get(i, "body"), index=i)
             for i, t in enumerate(texts)]
    return extract_from_sentences(sents, hw, PUBLISHED, ranker=None)["chosen"]


def val(chosen, field):
    f = chosen.get(field)
    return None if f is None else f["value"]


# ------------------------------------------------------------------ a card's model number is not a count


@pytest.mark.parametrize("sentence, count", [
    ("We train our network on 4 RTX 2080 GPUs for two days.", 4),
    ("All models were trained on a GeForce RTX 3080 GPU.", 1),
    ("The server has two AMD EPYC 7742 CPUs and 8 NVIDIA A100 GPUs, which we use for training.", 8),
    ("Our detector is trained with 2 GTX 1070 cards.", 2),
])
def test_model_numbers_are_not_counts(hw, sentence, count):
    ch = run(hw, sentence)
    assert val(ch, "chips") == count


def test_unknown_card_is_named_as_written(hw):
    ch = run(hw, "We pre-train the model on 512 NVIDIA GH200 GPUs for 9 days.")
    assert val(ch, "chips") == 512 and ch["chips"]["unit"] == "gpus"
    assert val(ch, "chip_model") == "NVIDIA GH200" and ch["chip_model"]["generic"] is False
    assert ch["chip_model"].get("chip_id") is None  # not in the hardware table: the estimate cannot price it
    ch = run(hw, "Training runs on 16 MI210 GPUs and takes 3 days.")
    assert val(ch, "chips") == 16 and val(ch, "chip_model") == "MI210"


@pytest.mark.parametrize("sentence, count, model, chip_id", [
    ("We train all models on 4 NVIDIA RTX A5000 GPUs for 2 days.", 4, "NVIDIA RTX A5000", "nvidia-rtx-a5000"),
    ("We train the detector with two RTX A4000 cards.", 2, "NVIDIA RTX A4000", "nvidia-rtx-a4000"),
    ("Training runs on 16 A800 GPUs and takes 3 days.", 16, "NVIDIA A800", "nvidia-a800-sxm4-80gb"),
    ("The model was pre-trained on 256 NVIDIA H800 GPUs.", 256, "NVIDIA H800", "nvidia-h800-sxm"),
    ("We trained the policy on 8 GeForce RTX 4080 GPUs.", 8, "NVIDIA RTX 4080", "nvidia-rtx-4080"),
])
def test_recent_cards_are_in_the_table(hw, sentence, count, model, chip_id):
    ch = run(hw, sentence)
    assert val(ch, "chips") == count
    assert val(ch, "chip_model") == model and ch["chip_model"]["chip_id"] == chip_id


def test_misspelt_vendor_does_not_hide_a_count(hw):
    ch = run(hw, "Pre-training was done on a cluster of 32 Telsa V100 GPU cards.")
    assert val(ch, "chips") == 32 and val(ch, "chip_model") == "NVIDIA V100"


# ------------------------------------------------------------------ hypotheticals and other people's numbers


@pytest.mark.parametrize("texts", [
    ("Reproducing such a model would take 1,000 GPUs for a year.",),
    ("A smaller variant could be trained using a standard cloud TPU v3 with 8 cores in about 30 days.",),
    ("We expect that a single-GPU workstation could complete the whole study in 4-7 days.",),
    ("For many large models, training is slow, lasting a week or even a month.",),
    ("Processing the corpus once is equivalent to about 5 days of compute on one Titan V.",),
])
def test_hypotheticals_and_general_claims_give_nothing(hw, texts):
    ch = run(hw, *texts)
    assert ch["chips"] is None and ch["training_hours"] is None


def test_others_clause_against_ours(hw):
    ch = run(hw, "The LSTM baselines of Smith et al. are trained on 4 Tesla K80 GPUs, while our model is trained on a CPU "
                 "with 16 threads.")
    assert val(ch, "chips") == 1 and ch["chips"]["unit"] == "other" and val(ch, "chip_model") == "CPU (unspecified)"


def test_a_contrast_without_another_subject_is_not_others(hw):
    ch = run(hw, "We train the small model for 2 days, while the large model takes 6 days on 64 V100 GPUs.")
    assert val(ch, "chips") == 64 and val(ch, "training_hours") == 144


def test_a_cited_run_loses_to_ours(hw):
    ch = run(hw, "ResNet-152 was trained for about three weeks on 8 GPUs (He et al., 2016).",
             "Our network trains within 4 days on 8 V100 GPUs.")
    assert val(ch, "training_hours") == 96


def test_can_is_our_ability_could_is_hypothetical(hw):
    ch = run(hw, "On this hardware, a complete training run of our model can be completed in less than 10 hours.")
    assert val(ch, "training_hours") == 10
    ch = run(hw, "Such a model could be trained in 10 hours on a single GPU.")
    assert ch["training_hours"] is None


# ------------------------------------------------------------------ inference, benchmark and kernel timings


@pytest.mark.parametrize("texts", [
    ("On a single A100 GPU, our attention layer runs in 3 ms per batch.",),
    ("On 500 test images, it takes 40 seconds to perform detection on a Titan Xp GPU.",),
    ("In the first setting we use a single H100 GPU, generating outputs of 512 tokens.",),
    ("The model was designed to fit in a single 80GB GPU.",),
])
def test_timings_and_capacities_are_not_the_training_run(hw, texts):
    ch = run(hw, *texts)
    assert ch["chips"] is None and ch["training_hours"] is None


# ------------------------------------------------------------------ stages, sizes, variants


def test_stages_of_one_run_are_summed(hw):
    ch = run(hw, "It took 150 hours to train the model on the large mixture, and 30 hours to continue training on "
                 "the curated set.")
    assert val(ch, "training_hours") == 180 and "stages summed" in ch["training_hours"]["why"]
    ch = run(hw, "Stage 1 pre-training takes 5 days on 64 V100 GPUs and stage 2 takes 2 days.")
    assert val(ch, "training_hours") == 168


def test_pre_training_and_fine_tuning_are_not_summed(hw):
    ch = run(hw, "Pre-training takes 4 days on 16 TPU v3 chips, followed by fine-tuning for 3 hours.")
    assert val(ch, "training_hours") == 96


def test_the_largest_model_size_wins(hw):
    ch = run(hw, "The 1.3B models took about 60 hours to train, while the 6.7B models took approximately 200 hours "
                 "on the same cluster.",
             "Each 350M run took about 20 hours on 4 nodes, each with 8 NVIDIA A100 GPUs.")
    assert val(ch, "training_hours") == 200


def test_counts_per_variant(hw):
    ch = run(hw, "Our system is trained on 32 V100 GPUs for the base model and 128 V100 GPUs for the large model.")
    assert val(ch, "chips") == 128


def test_nodes_defined_in_the_next_sentence(hw):
    ch = run(hw, "Training the small models requires a single node with 8 NVIDIA V100 GPUs.",
             "Four nodes are needed for the large models.")
    assert val(ch, "chips") == 32


@pytest.mark.parametrize("sentence, count", [
    ("We train on 16 nodes with 8 A100 GPUs each for 10 days.", 128),
    ("Our model is trained on 64 machines, each of which has 4 GPUs.", 256),
    ("We run 50 workers, each of which uses 12 CPU cores.", 50),
])
def test_machines_times_devices(hw, sentence, count):
    assert val(run(hw, sentence), "chips") == count


def test_aggregate_over_all_experiments(hw):
    ch = run(hw, "Running all the experiments described in this section required between 10 and 40 GPUs during three weeks.",
             "The final models were trained for approximately 4 days.")
    assert ch["chips"] is None and val(ch, "training_hours") == 96


# ------------------------------------------------------------------ TPU slices and pods


@pytest.mark.parametrize("sentence, count, unit", [
    ("We train the model on a TPU v4-1024 slice for 4 days.", 1024, "tpu_cores"),
    ("Our largest model was trained on a 2048-chip TPU v4 pod.", 2048, "tpu_chips"),
    ("All models were trained on Cloud TPU v3-8 for 2 days.", 8, "tpu_cores"),
    ("Training uses a 16x16 TPU v3 slice.", 256, "tpu_chips"),
])
def test_tpu_slices_and_pods(hw, sentence, count, unit):
    ch = run(hw, sentence)
    assert val(ch, "chips") == count and ch["chips"]["unit"] == unit


# ------------------------------------------------------------------ device-hours


@pytest.mark.parametrize("sentence, hours, unit, chip", [
    ("Training the final model required 1.3M GPU hours.", 1.3e6, "gpu-hours", None),
    ("Pre-training consumed about 40,000 A100-hours.", 40000, "gpu-hours", "nvidia-a100"),
    ("The full run took 2.5k TPUv3-core-days.", 60000, "tpu-core-hours", "google-tpu-v3"),
])
def test_device_hours(hw, sentence, hours, unit, chip):
    ch = run(hw, sentence)
    assert ch["chips"] is None and ch["training_hours"] is None
    assert val(ch, "chip_hours") == pytest.approx(hours) and ch["chip_hours"]["unit"] == unit
    if chip:
        assert ch["chip_hours"]["chip_id"].startswith(chip)


def test_hours_of_instance_usage_are_not_wall_clock(hw):
    ch = run(hw, "In total, training required 9,000 hours of p4d usage (72,000 GPU hours).")
    assert ch["training_hours"] is None and val(ch, "chip_hours") == 72000


def test_hours_of_a_training_set_are_data(hw):
    ch = run(hw, "The acoustic model was trained on 3000 hours of our internal training set.")
    assert ch["training_hours"] is None


# ------------------------------------------------------------------ CPU-only training; tables and appendix


def test_cpu_only_training(hw):
    ch = run(hw, "All models were trained on a cluster of 64 CPU cores (Intel Xeon) for 12 hours.")
    assert val(ch, "chips") == 64 and ch["chips"]["unit"] == "cpu_cores" and val(ch, "training_hours") == 12
    assert val(ch, "chip_model") == "CPU (unspecified)"


def test_hardware_only_in_the_appendix(hw):
    ch = run(hw, "We propose a new objective for training detectors.",
             "Hardware. All experiments ran on one machine with 4 NVIDIA Titan Xp GPUs.",
             sections={1: "appendix"})
    assert val(ch, "chips") == 4 and val(ch, "chip_model") == "NVIDIA Titan Xp"


def test_hardware_only_in_a_table(hw):
    ch = run(hw, "Number of GPUs 8 16 32", "Training time 2 days 1 day 14 hours", kinds={0: "table", 1: "table"})
    assert val(ch, "chips") == 8 and val(ch, "training_hours") == 48


def test_generic_gpus_and_the_only_named_card(hw):
    ch = run(hw, "We train all networks with SGD on GPUs.",
             "Our implementation uses PyTorch and a GeForce GTX 1080 Ti.")
    assert val(ch, "chip_model") == "NVIDIA GTX 1080 Ti"
    ch = run(hw, "We train all networks with SGD on 8 GPUs.",
             "At test time, our model runs 2x faster than ResNet-50 on a GTX 1080 Ti GPU.")
    assert val(ch, "chip_model") == "GPU (unspecified)"


def test_a_title_in_title_case_is_not_a_duration(hw):
    ch = run(hw, 'For the history of the method we refer to the survey "Fifteen Years of Boosting" (Doe et al., 2012).')
    assert ch["training_hours"] is None


def test_a_study_of_hardware_configurations_is_not_the_run(hw):
    ch = run(hw, "The throughput test was run on A100 GPUs in 8x and 16x A100 configurations.",
             "During the base model training, we used 128 NVIDIA H100 GPUs.")
    assert val(ch, "chips") == 128


@pytest.mark.parametrize("first_page, survey", [
    ("A SURVEY ON EFFICIENT TRAINING OF TRANSFORMERS\nJane Doe\nExample University\nAbstract", True),
    ("arXiv:2301.00001v1 [cs.LG] 1 Jan 2023\nA REVIEW OF DIFFUSION MODELS FOR AUDIO\nJohn Roe", True),
    ("LEARNING TO ROUTE TOKENS\nJane Doe\nAbstract\nWe train a routed transformer on 64 GPUs." + " filler" * 80
     + "\n2 A REVIEW OF PRIOR WORK\nRouting was studied before.", False),  # a heading in capitals, past the title
    ("Sparse Routing at Scale\nJane Doe\nAbstract\nWe give a review of the costs, then train our model.", False),
])
def test_a_survey_title_in_capitals(first_page, survey):
    """Titles set in capitals name surveys too; a capitalized heading further on does not."""
    from aicompute.extraction import is_survey

    assert is_survey(first_page) is survey


# ------------------------------------------------------------------ the time of a step that is not training


@pytest.mark.parametrize("sentence", [
    "It takes about 2 hours to preprocess the corpus with 32 CPU cores.",
    "Clustering the ten million items takes only 15 minutes on one machine.",
    "Building the retrieval index took 9 hours on a single server.",
    "Feature extraction for the whole dataset took about 3 days on 4 GPUs.",
    "Tokenization of the corpus requires roughly 6 hours on 64 CPU cores.",
])
def test_non_training_steps_are_not_the_run(hw, sentence):
    assert val(run(hw, sentence), "training_hours") is None


@pytest.mark.parametrize("sentence, hours", [
    ("Building the index takes only 20 minutes, and training the ranker takes 3 days on 4 GPUs.", 72),
    ("It takes 2 days to train the model on 8 GPUs.", 48),
    ("After preprocessing, training our network takes about 10 hours on a single V100 GPU.", 10),
])
def test_training_time_beside_a_non_training_step(hw, sentence, hours):
    assert val(run(hw, sentence), "training_hours") == pytest.approx(hours)


# ------------------------------------------------------------------ general statements about training


@pytest.mark.parametrize("sentence", [
    "For many deep models, training is slow, lasting a week or even a month on modern GPUs.",
    "Large language models are typically trained for weeks on thousands of GPUs.",
    "Training such networks usually takes several days on a GPU cluster.",
])
def test_general_statements_are_not_the_run(hw, sentence):
    ch = run(hw, sentence)
    assert val(ch, "training_hours") is None


def test_typical_training_said_of_our_run_still_counts(hw):
    ch = run(hw, "We typically train each model for 3 days on 8 GPUs.")
    assert val(ch, "training_hours") == pytest.approx(72)


# ------------------------------------------------------------------ the time of part of the run


def test_time_of_fewer_epochs_than_the_run_is_not_the_run(hw):
    ch = run(hw, "We train the model for 400 epochs with a batch size of 4096 on 64 GPUs.",
             "With these optimizations, 100 epochs of training take approximately 6 hours on 64 GPUs.")
    assert val(ch, "training_hours") is None


@pytest.mark.parametrize("texts, hours", [
    (("We train the model for 100 epochs, which takes approximately 6 hours on 64 GPUs.",), 6),
    (("Training for 100 epochs takes about 6 hours on 8 GPUs.",), 6),
    (("We train the model for 100 epochs with a batch size of 256.",
      "The 100 epochs of training take approximately 6 hours on 64 GPUs."), 6),
])
def test_time_of_the_whole_run_in_epochs(hw, texts, hours):
    assert val(run(hw, *texts), "training_hours") == pytest.approx(hours)


# ------------------------------------------------------------------ a measurement setup is not the training run


@pytest.mark.parametrize("sentence", [
    "We record the forward time with a batch size of 8 on a single GTX 1080.",
    "Inference speed is recorded on one V100 GPU with a batch size of 1.",
    "Throughput is reported with 8 A100 GPUs and a sequence length of 2048.",
])
def test_measurement_setups_are_not_the_run(hw, sentence):
    assert val(run(hw, sentence), "chips") is None


@pytest.mark.parametrize("sentence, count", [
    ("We train with a batch size of 8 on a single GTX 1080.", 1),
    ("We report results of models trained with 8 A100 GPUs and a sequence length of 2048.", 8),
])
def test_training_setups_beside_measurement_words(hw, sentence, count):
    assert val(run(hw, sentence), "chips") == count


# ------------------------------------------------------------------ another model's time in a comparison


@pytest.mark.parametrize("sentence", [
    "After only 5 hours of training, our model outperforms the baseline trained for 40 hours on 8 GPUs.",
    "Our detector surpasses a ResNet trained for 3 days with the same data.",
])
def test_time_of_the_model_we_beat_is_not_ours(hw, sentence):
    assert val(run(hw, sentence), "training_hours") != pytest.approx(40) and \
        val(run(hw, sentence), "training_hours") != pytest.approx(72)


def test_our_time_before_outperforms_is_ours(hw):
    ch = run(hw, "Our model, trained for 2 days on 8 GPUs, outperforms the baseline.")
    assert val(ch, "training_hours") == pytest.approx(48)


# ------------------------------------------------------------------ two systems timed in one sentence


def test_two_systems_timed_in_one_sentence_are_not_trusted(hw):
    ch = run(hw, "Training the parser takes about 30 hours on a K80 GPU, and the tagger takes about 5 hours.")
    got = ch.get("training_hours")
    assert got is None or got["confidence"] < 0.8


@pytest.mark.parametrize("sentence, hours", [
    ("Pre-training the base model takes about two days on 16 GPUs, and the large model takes about four days on 64 GPUs.", 96),
    ("The 350M model takes 20 hours to train, while the 1.3B model takes 60 hours.", 60),
])
def test_sizes_timed_in_one_sentence_keep_the_largest(hw, sentence, hours):
    assert val(run(hw, sentence), "training_hours") == pytest.approx(hours)


# ------------------------------------------------------------------ the setup shared by every compared method


def test_setup_of_every_compared_method_yields_to_the_main_run(hw):
    ch = run(hw, "For the comparison in Table 2, we train each method on 16 GPUs with a batch size of 1024.",
             "Our final model is trained for 800 epochs on 64 GPUs.")
    assert val(ch, "chips") == 64


def test_each_method_alone_still_gives_its_count(hw):
    ch = run(hw, "We train each method on 16 GPUs with a batch size of 1024.")
    assert val(ch, "chips") == 16


# ------------------------------------------------------------------ a batch spread over the devices is the training setup


@pytest.mark.parametrize("sentence, count", [
    ("The batch size, aggregated over 4 GPUs, is 1024.", 4),
    ("We use a total batch size of 512 across 8 GPUs.", 8),
    ("Each mini-batch of 2048 sentences is split across 16 GPUs during training.", 16),
])
def test_a_batch_spread_over_devices_gives_the_count(hw, sentence, count):
    assert val(run(hw, sentence), "chips") == count


@pytest.mark.parametrize("sentence", [
    "At inference we use a batch size of 1 on 1 GPU to measure latency.",
    "Throughput is reported with a batch size of 32 on 8 GPUs.",
])
def test_a_batch_for_measurement_is_not_the_training_setup(hw, sentence):
    assert val(run(hw, sentence), "chips") is None


# ------------------------------------------------------------------ experiments "run on" devices are the training setup


@pytest.mark.parametrize("sentence, count, model", [
    ("We run our experiments on 4 RTX 3090 GPUs.", 4, "NVIDIA RTX 3090"),
    ("All experiments were run on 8 NVIDIA V100 GPUs.", 8, "NVIDIA V100"),
    ("It took roughly 6 days of wall-clock time on 128 A100 GPUs.", 128, "NVIDIA A100"),
])
def test_experiments_run_on_devices_give_the_count(hw, sentence, count, model):
    ch = run(hw, sentence)
    assert val(ch, "chips") == count and val(ch, "chip_model") == model


def test_experiments_run_on_named_gpus_give_the_model(hw):
    assert val(run(hw, "The experiments were run on our internal cluster with NVIDIA V100 GPUs."), "chip_model") == "NVIDIA V100"


@pytest.mark.parametrize("sentence", [
    "The model runs on 2 GPUs in real time.",
    "Inference was timed on a single V100 GPU.",
    "Our detector runs on a single Titan X at 30 fps.",
])
def test_a_model_that_runs_on_devices_is_deployed_not_trained(hw, sentence):
    assert run(hw, sentence)["chips"] is None


# ------------------------------------------------------------------ "Following X, who ..., we ...": others' clause, then ours


@pytest.mark.parametrize("sentence, count, hours", [
    ("Following Smith et al., who trained on 512 GPUs for 2 weeks, we train on 8 GPUs for 4 days.", 8, 96),
    ("Unlike prior work [12], which required 256 TPU v3 chips for a month, our model trains on 8 TPU v3 chips in 2 days.",
     8, 48),
])
def test_others_relative_clause_then_ours(hw, sentence, count, hours):
    ch = run(hw, sentence)
    assert val(ch, "chips") == count and val(ch, "training_hours") == pytest.approx(hours)


@pytest.mark.parametrize("sentence, count, hours", [
    ("On 64 TPUv3 chips, we train the model for 4 days.", 64, 96),  # no other subject before the comma
    ("Using 4 A100-SXM GPUs, we train for 3 days.", 4, 72),
])
def test_an_opening_phrase_before_we_is_still_ours(hw, sentence, count, hours):
    ch = run(hw, sentence)
    assert val(ch, "chips") == count and val(ch, "training_hours") == pytest.approx(hours)


# ------------------------------------------------------------------ a time cut "from A to B" is not the range A-B


def test_a_reduction_from_to_keeps_the_new_time(hw):
    ch = run(hw, "Our method reduces training time from 3 days to 5 hours.")
    assert val(ch, "training_hours") in (None, 5)  # never the midpoint 38.5
    ch = run(hw, "Using mixed precision cuts training on 8 GPUs from 30 to 10 hours.")
    assert val(ch, "training_hours") == 10


# ------------------------------------------------------------------ "a DGX A100 system", "a V100 server": one machine, not one chip


@pytest.mark.parametrize("sentence, count", [
    ("All models were trained on an NVIDIA DGX A100 system with 8 GPUs.", 8),
    ("We pre-train on a V100 server for 3 days.", None),  # how many GPUs the server has is not said
    ("Our networks are trained on an A100 node for 12 hours.", None),
])
def test_a_machine_named_by_its_chip_is_not_one_chip(hw, sentence, count):
    assert val(run(hw, sentence), "chips") == count


@pytest.mark.parametrize("sentence", [
    "We train the model on a single A100 for 2 days.",
    "The model runs on a workstation (8-core CPU, 64G RAM, GTX Titan X) and trains in 2 days.",
])
def test_one_named_chip_is_still_one(hw, sentence):
    assert val(run(hw, sentence), "chips") == 1


# ------------------------------------------------------------------ "for a total of 4 days" is a duration, not an amount of data


def test_for_a_total_of_is_a_duration(hw):
    ch = run(hw, "We trained on AWS p3.16xlarge instances (8 V100 GPUs each) for a total of 4 days.")
    assert val(ch, "training_hours") == 96
    assert run(hw, "The corpus has a total of 1,000 hours of speech.")["training_hours"] is None
    assert run(hw, "The dataset contains a total of 500 hours.")["training_hours"] is None


def test_a_machine_node_with_gpus_still_multiplies(hw):
    ch = run(hw, "Training the small models requires a machine node with 8 NVIDIA V100 GPUs.",
             "Two nodes are needed for the large models.")
    assert val(ch, "chips") in (8, 16)


# ------------------------------------------------------------------ "after only 6 hours of training, X outperforms": a checkpoint


@pytest.mark.parametrize("sentence", [
    "After only 6 hours of training, our model already outperforms the baseline trained for 2 days.",
    "We observe that after 6 hours of training on 8 GPUs, the model reaches 70% accuracy.",
    "After 6 hours of training, our model reaches 95% of the final model's accuracy.",
    "The model obtained after 6 hours of training on 8 GPUs already beats the baseline.",
])
def test_a_checkpoint_time_is_not_the_run(hw, sentence):
    assert val(run(hw, sentence), "training_hours") not in (6, 54)


@pytest.mark.parametrize("sentence, hours", [
    ("Training converged after 60 hours on 4 GPUs.", 60),
    ("We stop training after 3 days on 8 V100 GPUs.", 72),
    ("Training finished after about 5 days and the final model achieves 80% accuracy.", 120),
    ("The final model was obtained after 11 days of training on 64 GPUs.", 264),
    ("Our final checkpoint is reached after 4 days on 8 TPU v3 chips.", 96),
])
def test_the_end_of_the_run_is_its_length(hw, sentence, hours):
    assert val(run(hw, sentence), "training_hours") == hours


def test_a_result_after_n_epochs_and_their_time_is_a_checkpoint(hw):
    ch = run(hw, "Our method learns faster: it reaches 72% after 200 epochs (102 hours), while the baseline needs 800 epochs.")
    assert val(ch, "training_hours") != 102
    ch = run(hw, "Training converged after 100 epochs (3 days) on 8 GPUs.")
    assert val(ch, "training_hours") == 72


# ------------------------------------------------------------------ common practice and others' runs, said without "we"


@pytest.mark.parametrize("texts, sections", [
    (("Modern detectors are typically trained on 8 GPUs for 12 hours.",), None),
    (("Such models usually take weeks to train on hundreds of GPUs.",), None),
    (("Language models are usually trained on 64 GPUs for a week.",), {0: "introduction"}),
    (("The original BERT-Large was trained on 64 TPU chips for 4 days.",), None),
])
def test_common_practice_and_others_runs_give_nothing(hw, texts, sections):
    ch = run(hw, *texts, sections=sections)
    assert ch["chips"] is None and ch["training_hours"] is None


@pytest.mark.parametrize("texts, hours", [
    (("We typically train for 3 days on 8 GPUs.",), 72),
    (("As an estimate, models above 1B parameters typically take about at least a full day for convergence.",), 24),
    (("Our original model was trained on 8 GPUs for 2 days.",), 48),
])
def test_our_own_typical_run_keeps_its_time(hw, texts, hours):
    assert val(run(hw, *texts), "training_hours") == hours


# ------------------------------------------------------------------ a named model's run, said without "we": others' unless the name is ours


@pytest.mark.parametrize("texts", [
    ("GPT-3 was trained on 10,000 V100 GPUs.",),
    ("Large language models keep growing.", "PaLM-2 was trained on 6144 TPU v4 chips for 50 days."),
    ("BERT-Large took 4 days to train on 16 Cloud TPUs.",),
    ("In comparison, Megatron-LM was pre-trained for 9 days on 512 V100 GPUs.",),
    ("We evaluate on ImageNet.", "AlphaGo Zero, which was trained on 64 GPUs for 40 days, is a strong baseline."),
])
def test_a_named_models_run_is_not_ours(hw, texts):
    ch = run(hw, *texts)
    assert ch["chips"] is None and ch["training_hours"] is None


@pytest.mark.parametrize("texts, count, hours", [
    # the paper names the model as its own: in its title, after "we propose", "our"
    (("We call the resulting detector FooNet.", "Details follow.",
      "FooNet was trained on 8 V100 GPUs for 2 days."), 8, 48),
    (("In this paper we propose BarGAN-XL, a generator for 3D scenes.", "Results are in Table 2.",
      "BarGAN-XL was trained on 32 A100 GPUs for 5 days."), 32, 120),
    (("Our ResNet-50 was trained on 8 GPUs for 2 days.",), 8, 48),
    (("We train ResNet-50 as the backbone.", "ResNet-50 was trained on 8 GPUs for 2 days."), 8, 48),
    # no model name as the subject
    (("The model was trained on 8 V100 GPUs for 2 days.",), 8, 48),
    (("All models were trained on 4 GPUs for 2 days.",), 4, 48),
])
def test_our_named_models_run_is_kept(hw, texts, count, hours):
    ch = run(hw, *texts)
    assert val(ch, "chips") == count and val(ch, "training_hours") == hours


def test_a_name_in_the_title_is_ours():
    from aicompute.extraction.context import own_model_keys
    title = "FooNet-XL: Fast Detection with Sparse Attention\nAnn Author, Bob Writer"
    assert "foonet" in own_model_keys([], title)
    assert own_model_keys([Sentence(3, "GPT-3 was trained on 10,000 GPUs.", "text", "body", index=0)], "") == set()


# ------------------------------------------------------------------ speed measurements are not the training run


@pytest.mark.parametrize("sentence", [
    "On a single V100, our layer runs 3x faster than the baseline.",
    "With 8 A100 GPUs our kernel is 2.1 times faster than cuDNN.",
])
def test_a_speed_claim_is_not_the_run(hw, sentence):
    assert run(hw, sentence)["chips"] is None


@pytest.mark.parametrize("sentence, count", [
    ("We train on 8 V100 GPUs, which is 2x faster than training on 4 GPUs.", 8),
    ("Training takes 1h 45m on 4 GPUs.", 4),
])
def test_a_training_statement_with_a_speed_claim_keeps_its_count(hw, sentence, count):
    assert val(run(hw, sentence), "chips") == count


def test_a_compact_clock_time_is_the_duration(hw):
    assert val(run(hw, "Training takes 1h 45m on 4 GPUs."), "training_hours") == 1.75


# ------------------------------------------------------------------ per-epoch time ranges; setup tables


def test_a_per_epoch_range_is_a_rate_at_its_midpoint(hw):
    ch = run(hw, "Each epoch takes 10-15 minutes on 4 GPUs, and we train for 100 epochs.")
    assert ch["training_hours"] is None  # the time of one epoch is not the run's length
    assert abs(val(ch, "time_from_steps") - 100 * 12.5 / 60) < 0.01
    ch = run(hw, "An epoch takes between 2 and 3 hours, and the model is trained for 10 epochs.")
    assert ch["training_hours"] is None and abs(val(ch, "time_from_steps") - 25.0) < 0.01


def table_run(hw, *rows):
    return run(hw, *rows, kinds={i: "table" for i in range(len(rows))})


@pytest.mark.parametrize("rows, count", [
    (("Optimizer AdamW", "Hardware 8x NVIDIA A100 (40GB)", "Training time 36 hours"), 8),
    (("Learning rate 3e-4", "Accelerators 4 x RTX 3090"), 4),
    (("Compute 256 TPU v3 cores",), 256),
])
def test_the_hardware_row_of_a_setup_table(hw, rows, count):
    assert val(table_run(hw, *rows), "chips") == count


@pytest.mark.parametrize("rows", [
    ("Hardware 8x V100 64x TPUv3 4x A100",),  # one row, several systems: a comparison across columns
    ("Inference hardware 1x T4 GPU",),
    ("Model FooNet BarNet", "Params 25M 60M"),
])
def test_hardware_rows_that_are_not_one_setup(hw, rows):
    assert table_run(hw, *rows)["chips"] is None


@pytest.mark.parametrize("rows, hours", [
    (("Training time (days) 3",), 72.0),
    (("Training time [h] 12.5 30.1",), 12.5),
    (("Total training time (min): 45",), 0.75),
])
def test_a_time_unit_in_the_row_label(hw, rows, hours):
    assert val(table_run(hw, *rows), "training_hours") == hours


@pytest.mark.parametrize("rows", [
    ("Training cost (GPU hours) 120",),  # a device-time product, not the wall clock
    ("Training time (h) 25% 40%",),
])
def test_a_time_unit_label_near_misses(hw, rows):
    assert table_run(hw, *rows)["training_hours"] is None


# ------------------------------------------------------------------ jobs that are not training the model; released models' runs


@pytest.mark.parametrize("sentence", [
    "Training the tokenizer takes 2 hours on a CPU.",
    "Generating the synthetic dataset took 12 hours on 32 CPU cores.",
    "Data generation required 3 days on 64 GPUs.",
    "Rendering all training images took 20 hours on 8 GPUs.",
])
def test_the_time_and_hardware_of_another_job(hw, sentence):
    ch = run(hw, sentence)
    assert ch["chips"] is None and ch["training_hours"] is None


@pytest.mark.parametrize("sentence, count, hours", [
    ("Training the detector takes 5 hours on 4 GPUs.", 4, 5),
    ("Training the model on the generated dataset took 12 hours on 2 GPUs.", 2, 12),
])
def test_training_the_model_is_not_another_job(hw, sentence, count, hours):
    ch = run(hw, sentence)
    assert val(ch, "chips") == count and val(ch, "training_hours") == hours


def test_a_released_models_training_clause_is_not_ours(hw):
    ch = run(hw, "We use the pretrained checkpoint released by the authors, which was trained on 64 TPUs.")
    assert ch["chips"] is None
    ch = run(hw, "We fine-tune the publicly available checkpoint, which was trained on 64 TPUs, with 4 GPUs for 2 hours.")
    assert val(ch, "chips") == 4 and val(ch, "training_hours") == 2


# ------------------------------------------------------------------ one GPU named in the singular, no count


@pytest.mark.parametrize("sentence", [
    "We train the model on Titan X for 2 days.",
    "Our network was trained using NVIDIA Tesla P100 for 30 hours.",
])
def test_one_gpu_named_in_the_singular_is_one(hw, sentence):
    assert val(run(hw, sentence), "chips") == 1


@pytest.mark.parametrize("sentence", [
    "We trained on V100s for 3 days.",  # plural
    "We trained on V100 GPUs for 3 days.",
    "Training takes 2 days on an NVIDIA V100 server.",  # a machine of unstated size
    "The model is trained on TPUv3 for 4 days.",  # a TPU named in the singular is often a slice
    "Inference takes 20 ms on Titan X.",
])
def test_singular_near_misses_give_no_count(hw, sentence):
    assert run(hw, sentence)["chips"] is None


# ------------------------------------------------------------------ a citation in the comparison after our value


def test_a_citation_after_our_value_in_a_comparison_is_not_about_our_value(hw):
    ch = run(hw, "Our model trains in 2 hours on 4 GPUs, compared to 3 days for the method of [12].")
    assert val(ch, "chips") == 4 and val(ch, "training_hours") == 2
    assert "cites other work" not in ch["training_hours"]["why"]


@pytest.mark.parametrize("sentence", [
    "Their model [12] is trained for 3 days on 8 GPUs, compared to our 1 day.",
])
def test_a_citation_before_the_value_still_counts(hw, sentence):
    ch = run(hw, sentence)
    assert val(ch, "training_hours") not in (2, 72)


def test_a_sentence_with_a_citation_and_only_size_cues_does_not_crash(hw):
    # score_inputs (the size fields' context) reads the citation cue without a value's position
    ch = run(hw, "Batch size aggregated over 4 GPUs is 1024, as in [3], with mixed precision on 4 GPUs.")
    assert "chips" in ch


# ------------------------------------------------------------------ a chip named in passing


@pytest.mark.parametrize("texts", [
    ("Inference time per image is 35 ms on a Titan V.",),
    ("Our optimized kernel achieves a 1.8x speedup over cuBLAS on an RTX 3090.", "We thank the reviewers."),
    ("Table 4: throughput (tokens/s) of each kernel on A100 and H100 GPUs.",),
])
def test_a_chip_named_without_any_training_run_is_shown_as_needs_review(hw, texts):
    sents = [Sentence(4, t, "text", "body", index=i) for i, t in enumerate(texts)]
    chosen = extract_from_sentences(sents, hw, PUBLISHED)["chosen"]  # the shipped ranker, as the pipeline runs
    model = chosen.get("chip_model")
    assert model is None or model["confidence"] <= 0.3


@pytest.mark.parametrize("sentence, model", [
    ("We train the model on 8 NVIDIA V100 GPUs for 3 days.", "NVIDIA V100"),
    ("Pre-training our model consumed about 150k A100 GPU-hours.", "NVIDIA A100"),  # a device-hours product is a run
])
def test_a_chip_of_the_training_run_keeps_its_confidence(hw, sentence, model):
    chosen = extract_from_sentences([Sentence(4, sentence, "text", "body", index=0)], hw, PUBLISHED)["chosen"]
    assert chosen["chip_model"]["value"] == model and chosen["chip_model"]["confidence"] > 0.3


# ------------------------------------------------------------------ a run attributed to a cited source


@pytest.mark.parametrize("sentence", [
    "The authors of [12] report training on 2048 TPUs for a month.",
    "According to [22], training took 30 days on 256 GPUs.",
    "In [7], the network was trained on 4 GPUs for 3 days.",
    "In Smith et al. (2020), the detector was trained on 16 GPUs for 5 days.",
    "As reported by the original authors, the model needs 3 days on 8 GPUs.",
    "Lee et al. [9] trained their model on 512 GPUs for two weeks.",
    "The training cost of this system is estimated at 1,000 V100-days.",  # an estimate, said of no run of ours
])
def test_a_run_attributed_to_a_cited_source_is_not_ours(hw, sentence):
    ch = extract_from_sentences([Sentence(4, sentence, "text", "body", index=0)], hw, PUBLISHED)["chosen"]
    assert val(ch, "chips") is None and val(ch, "training_hours") is None and val(ch, "chip_hours") is None


@pytest.mark.parametrize("sentence, count, hours", [
    ("Following [12], the model is trained on 8 GPUs for 3 days.", 8, 72.0),  # a setup borrowed, our run
    ("As in [7], we train on 4 GPUs for 2 days.", 4, 48.0),
    ("According to our logs, training took 30 hours on 16 GPUs.", 16, 30.0),
    ("As reported in Table 3, training takes 20 hours on 8 GPUs.", 8, 20.0),  # our table, not a source
    ("In Section 4, the network is trained on 4 GPUs for 3 days.", 4, 72.0),
    ("The authors of this paper trained the model on 8 GPUs for 2 days.", 8, 48.0),
])
def test_a_borrowed_setup_or_our_own_report_is_still_ours(hw, sentence, count, hours):
    ch = extract_from_sentences([Sentence(4, sentence, "text", "body", index=0)], hw, PUBLISHED)["chosen"]
    assert val(ch, "chips") == count and val(ch, "training_hours") == hours


def test_our_own_estimated_cost_is_kept(hw):
    ch = extract_from_sentences([Sentence(4, "The training cost of our model is estimated at 200 V100-days.", "text", "body",
                                          index=0)], hw, PUBLISHED)["chosen"]
    assert val(ch, "chip_hours") == 4800.0


# ------------------------------------------------------------------ a named model's run in a relative clause


@pytest.mark.parametrize("sentence", [
    "We compare against LLaMA-2, which was trained on 2 trillion tokens using A100 GPUs for 1.7M GPU hours.",
    "Our baseline is ResNet-152 [12], which was trained on 8 GPUs for 3 weeks.",
    "We fine-tune PaLM-540B, which required 6144 TPU v4 chips for 50 days of pre-training.",
])
def test_the_run_of_a_named_model_in_a_which_clause_is_not_ours(hw, sentence):
    ch = extract_from_sentences([Sentence(4, sentence, "text", "body", index=0)], hw, PUBLISHED)["chosen"]
    assert val(ch, "chips") is None and val(ch, "training_hours") is None and val(ch, "chip_hours") is None


@pytest.mark.parametrize("sentence, count, hours", [
    # the value before the clause is ours; a clause that names no model, or names our own, is ours
    ("We train our model on 16 GPUs for 2 days, which was enough for convergence.", 16, 48.0),
    ("We train on 8 V100 GPUs for 3 days, which was sufficient.", 8, 72.0),
])
def test_a_which_clause_after_our_run_keeps_it(hw, sentence, count, hours):
    ch = extract_from_sentences([Sentence(4, sentence, "text", "body", index=0)], hw, PUBLISHED)["chosen"]
    assert val(ch, "chips") == count and val(ch, "training_hours") == hours


def test_a_model_we_compare_against_or_fine_tune_is_not_called_ours():
    from aicompute.extraction.context import own_model_keys
    sents = [Sentence(3, t, "text", "body", index=i) for i, t in enumerate(
        ["We compare against LLaMA-2 and GPT-3.", "We fine-tune BERT-Large on each task.", "We propose FooNet."])]
    assert own_model_keys(sents, "") == {"foonet"}


def test_a_which_clause_naming_our_own_model_is_ours(hw):
    texts = ["FooNet: Fast Training of Detectors", "We propose FooNet, which was trained on 32 GPUs for 4 days."]
    sents = [Sentence(1, texts[0], "text", "body", index=0), Sentence(4, texts[1], "text", "body", index=1)]
    ch = extract_from_sentences(sents, hw, PUBLISHED)["chosen"]
    assert val(ch, "chips") == 32 and val(ch, "training_hours") == 96.0


@pytest.mark.parametrize("first_page, survey", [
    ("JOURNAL OF SOMETHING, VOL. 1\nGraph Neural Networks for Chemistry: A Decade Survey\nJane Doe\nAbstract", True),
    ("Efficient Attention: A Comprehensive Review\nJohn Roe\nAbstract\nWe cover forty methods.", True),
    ("Federated Learning:\nSurvey, Taxonomy and Open Problems\nJane Doe", True),
    ("ReviewNet: Automated Code Review with Transformers\nJane Doe\nAbstract\nWe train a model on 8 GPUs.", False),
    ("SurveyBench: Evaluating Language Models on Questionnaires\nJohn Roe\nAbstract", False),
])
def test_a_subtitle_that_names_a_survey(first_page, survey):
    """'X: A Decade Survey' says what the paper is; a model named for reviewing or a benchmark of surveys does not."""
    from aicompute.extraction import is_survey

    assert is_survey(first_page) is survey
