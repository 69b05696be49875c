"""Round 18 probe (hw26): durations a paper states that are NOT its main training run (inference, one epoch or
iteration, data collection / preprocessing / simulation, a human study or annotation, a baseline's run, a "would
take" estimate, a smaller variant, a time budget / timeout / limit, the whole project's compute, evaluation), each
in a short document of our own, with and without the real training time beside it. The duration readers must
give the training time when it is stated and nothing when it is not (silence over invention: a wrong duration
multiplies straight into the estimate). Written from scratch (no sentence copied from a corpus paper).

Conventions (the corpus labels' rules): the main run, the largest model trained in full; a per-epoch / per-step
time is not a training time (time_from_steps); a product of devices and time is chip_hours, not hours."""

from __future__ import annotations

import datetime as dt

import pytest

from aicompute.extract import extract_from_sentences
from aicompute.pdftext import Sentence

from test_hardware_forms_r16 import ANY, check_hardware_form

N = None

# (class, sentences, chips, chip model substring, training hours)
DOCS = [
    # inference
    ("inference", ["We train the tagger on one NVIDIA RTX 2080 Ti for 7 hours.",
                   "Tagging the full 2M-sentence test corpus takes 25 minutes on the same card."], 1, "2080", 7),
    ("inference", ["Our retrieval model is a dual encoder with 110M parameters.",
                   "Encoding the 21M passages of the index takes 9 hours on 8 V100 GPUs.",
                   "Query latency is 30 ms on a single CPU core."], ANY, ANY, N),
    ("inference", ["The diffusion sampler produces 50k images in 14 hours on 4 A100 GPUs, which we use to compute FID.",
                   "The denoiser itself was trained for 5 days on the same machine."], ANY, ANY, 120),
    ("inference", ["Decoding the whole development set with beam size 10 needs about 2 hours on a Titan X.",
                   "We report BLEU on newstest2014."], ANY, ANY, N),
    # one epoch / one iteration
    ("per-epoch", ["We train ResNet-18 on CIFAR-10 for 200 epochs with SGD.",
                   "One epoch takes about 40 seconds on a single RTX 3090."], ANY, ANY, N),
    ("per-epoch", ["Each training iteration of the GAN takes 1.2 seconds on 2 GPUs.",
                   "We run 300k iterations with a batch size of 32."], ANY, ANY, N),
    ("per-epoch", ["An epoch over the 1.2M ImageNet images takes roughly 25 minutes on 16 V100 GPUs.",
                   "The full schedule of 90 epochs therefore completes in about 38 hours."], ANY, ANY, 38),
    ("per-epoch", ["Table 4 reports training time per epoch: 12 minutes for ours and 30 minutes for the baseline."], ANY, ANY, N),
    ("per-epoch", ["Our model trains for 100 epochs in 20 hours on 2 GPUs; the time per epoch is therefore about 12 minutes."],
     2, ANY, 20),
    # the window of a measurement
    ("measurement", ["We measure throughput over 10 minutes of training on 8 GPUs.", "Results are in Table 2."], ANY, ANY, N),
    ("measurement", ["Peak memory and speed are averaged over the first 30 minutes of training.",
                     "The full run takes 2 days on 4 A100 GPUs."], ANY, ANY, 48),
    ("measurement", ["We report the total training time: 30 hours on 8 RTX 3090 GPUs."], 8, "3090", 30),
    # data collection, preprocessing, simulation
    ("data collection", ["Collecting the 500 teleoperated demonstrations took three weeks with two operators.",
                         "The policy network is then trained on a single GPU."], ANY, ANY, N),
    ("data collection", ["Generating the synthetic training scenes with the physics simulator took 4 days on 64 CPU cores.",
                         "The perception network was trained on these scenes for 20 hours on 2 GPUs."], ANY, ANY, 20),
    ("preprocessing", ["Tokenizing and deduplicating the crawl required 36 hours on a 96-core machine.",
                       "Model details are given in Section 4."], ANY, ANY, N),
    ("simulation", ["Every environment instance simulates 10 minutes of traffic.",
                    "Running the 2,000 simulations for the dataset took about 6 days on the cluster."], ANY, ANY, N),
    ("preprocessing", ["Feature extraction for all videos took approximately 2 days on 4 GPUs.",
                       "The temporal model trains in 3 hours on one GPU using these cached features."], ANY, ANY, 3),
    # human study, annotation
    ("annotation", ["Three annotators spent about 120 hours labelling the 8,000 dialogues.",
                    "We fine-tune a T5-base model on the labelled dialogues."], ANY, ANY, N),
    ("human study", ["Each participant completed a 45-minute session with the assistant.",
                     "In total the user study lasted two weeks."], ANY, ANY, N),
    ("annotation", ["Labelling the 3D boxes took our annotation team roughly 600 hours.",
                    "The detector was trained for 30 hours on 8 A100 GPUs."], ANY, ANY, 30),
    # a baseline's run
    ("baseline", ["The Transformer baseline requires 3.5 days on 8 P100 GPUs to reach its reported BLEU.",
                  "Our lightweight model is trained in 12 hours on a single P100 and comes within 0.3 BLEU of it."], ANY, ANY, 12),
    ("baseline", ["Training the BERT-large baseline on our corpus took 4 days on 16 TPUs.",
                  "We compare our pruning method against it on GLUE."], ANY, ANY, N),
    ("baseline", ["For comparison, the original NeRF needs about 1-2 days of optimization per scene on a V100.",
                  "Our method converges in 15 minutes per scene."], ANY, ANY, N),
    # a "would take" estimate
    ("would take", ["Training on the full 300M-image set would take an estimated 3 months on our 8 GPUs.",
                    "We therefore train on a 10M-image subset for 4 days."], ANY, ANY, 96),
    ("would take", ["A brute-force search over all architectures would require about 2,000 GPU days.",
                    "Our search costs a fraction of that."], ANY, ANY, N),
    ("would take", ["We estimate that training the model to convergence on a single GPU would take roughly 6 weeks."],
     ANY, ANY, N),
    # a smaller variant
    ("smaller variant", ["The small model (60M parameters) trains in 9 hours on 8 GPUs.",
                         "The large model (1.2B parameters) is trained on 64 GPUs for 11 days."], ANY, ANY, 264),
    ("smaller variant", ["For the ablations we use a reduced 12-layer model that trains in 5 hours on one GPU.",
                         "The full 48-layer model is described in Section 3."], ANY, ANY, N),
    # time budget, timeout, time limit
    ("time budget", ["Each hyper-parameter configuration is given a time budget of 24 hours on one GPU.",
                     "The final model is retrained with the best configuration."], ANY, ANY, N),
    ("timeout", ["The solver is called with a timeout of 10 minutes per instance.",
                 "The neural guide is trained with supervised learning on the solved instances."], ANY, ANY, N),
    ("time limit", ["Jobs on the shared cluster have a time limit of 48 hours, so training is checkpointed and resumed.",
                    "The model trains on 4 V100 GPUs for 6 days in total."], ANY, ANY, 144),
    ("time limit", ["Every submission must finish within a wall-clock limit of 8 hours on a single T4 GPU.",
                    "We describe our entry below."], ANY, ANY, N),
    # the whole project's compute
    ("whole project", ["All experiments in this paper, including ablations and tuning, took about 3 months on 8 A100 GPUs.",
                       "The main model is a 350M-parameter Transformer."], ANY, ANY, N),
    ("whole project", ["Across the whole project we ran on our lab's 4 GPUs for roughly half a year.",
                       "The final model was trained for 2 days on those 4 GPUs."], ANY, ANY, 48),
    # evaluation
    ("evaluation", ["Evaluating a checkpoint on all 57 tasks of the benchmark takes about 6 hours on one A100.",
                    "We evaluate every 10k steps."], ANY, ANY, N),
    ("evaluation", ["The model was trained on 32 TPU v3 cores for 3 days.",
                    "Running the full evaluation suite takes another 9 hours."], ANY, ANY, 72),
    # near-misses of the rules above: the run's own time in their neighbourhood must still be read
    ("gerund of training", ["Training the detector on the rendered scenes took 20 hours on 2 GPUs."], 2, ANY, 20),
    ("gerund of training", ["Fine-tuning on the training images takes 3 hours on one RTX 3090."], 1, "3090", 3),
    ("gerund of training", ["Pre-training the encoder on the training corpus took 6 days on 16 V100 GPUs."], 16, "V100", 144),
    ("within a limit", ["Training finishes in 30 hours on 4 A100 GPUs, well inside the 48-hour time limit of our cluster."],
     4, "A100", 30),
    pytest.param("budget", ["We train each model for a fixed budget of 24 hours on a single A6000 GPU."], 1, "A6000", 24,
                 marks=pytest.mark.xfail(strict=True, reason="'budget of N' is a hard veto (durations._INTERVAL_BEFORE_RE: "
                                         "an interval); a run trained for a fixed budget is that long: left alone")),
    ("one epoch is the run", ["Training for one epoch over the 300B-token corpus takes 21 days on 1024 A100 GPUs."],
     1024, "A100", 504),
    ("one epoch is the run", ["We train for a single epoch, which takes 9 hours on 8 V100 GPUs."], 8, "V100", 9),
    ("main beside ablations", ["The full model is trained for 4 days on 8 GPUs, while the ablation models train for 10 hours each."],
     8, ANY, 96),
    ("main beside ablations", ["Unlike the ablation models, the final model is trained for 3 days on 16 TPU v3 chips."],
     16, "v3", 72),
    ("main beside ablations", ["For all experiments including the ablations, training takes 2 days on 8 GPUs."], 8, ANY, 48),
    ("main beside ablations", ["Apart from the ablations, every model is trained for 3 days on 4 GPUs."], 4, ANY, 72),
    ("main beside ablations", ["Our proxy for the final model is trained for 6 hours; the final model is trained for 5 days "
                               "on 32 GPUs."], 32, ANY, 120),
    ("ablation study", ["The ablation study shows that training for 3 days on 4 GPUs is enough."], ANY, ANY, N),
    ("one run", ["A single run of our method takes 5 hours on one A100."], 1, "A100", 5),
    ("one run", ["An entire training run takes roughly 2 weeks on 64 TPUv3 chips."], 64, ANY, 336),
    ("main beside ablations", ["We run all ablations on a single GPU.",
                               "Our main model is trained for 5 days on 8 Titan RTX GPUs."], 8, "Titan RTX", 120),
    # near-misses: the real training time, stated plainly, must still be read
    ("training", ["Our network was trained for 26 hours on 4 Titan Xp GPUs."], 4, "Titan Xp", 26),
    ("training", ["Pre-training took 9 days on 128 TPU v4 chips."], 128, "v4", 216),
    ("training", ["The agent learns for 40 hours of wall-clock time on a single machine with 8 GPUs."], 8, ANY, 40),
]


def _id(doc):
    return f"{doc[0]}: {doc[1][0][:50]}"


@pytest.mark.parametrize("cls, texts, chips, model, hours", DOCS,
                         ids=[_id(d.values if hasattr(d, "values") else d) for d in DOCS])
def test_duration_not_the_run(hw, cls, texts, chips, model, hours):
    sents = [Sentence(5, t, "text", "body", index=i) for i, t in enumerate(texts)]
    chosen = extract_from_sentences(sents, hw, dt.date(2022, 3, 1))["chosen"]
    check_hardware_form(chosen, chips, None if model is ANY else model, hours, {})


# (chips) "a/an" + words that say what class of device the one card is: one device of the run (counts.py
# _DEVICE_CLASS_ADJ_RE); words that set the device apart from the run's ("separate", "different", "dedicated") stay
# vetoed. (evaluate --veto-audit: one blind count was read and dropped by the "a/an + a lower-case word" veto.)
ONE_CARD = [
    (["We train the model on a consumer-grade NVIDIA RTX 3060 GPU for 10 hours."], 1, "3060", 10),
    (["All networks were trained on a commodity GPU (GTX 1080) in under a day."], 1, "1080", 24),
    (["Training takes about 2 days on a modern NVIDIA GPU."], 1, "GPU", 48),
    (["We trained the classifier on a high-end NVIDIA A100 GPU for 3 hours."], 1, "A100", 3),
    (["Our segmentation model is trained on an inexpensive gaming GPU, a GeForce RTX 2060, for 20 hours."], 1, "2060", 20),
    # near-misses: the one card set apart from the run, or a card of another job
    (["We train on 4 A100 GPUs for 2 days.", "The replay buffer is kept on a separate GPU."], 4, "A100", 48),
    (["Training uses 8 V100 GPUs; evaluation runs on a different GPU."], 8, "V100", N),
    (["Training uses 8 V100 GPUs for 3 days.", "Inference on a modern GPU takes 12 ms per image."], 8, "V100", 72),
    (["The model is trained for 5 days.", "A larger GPU would allow bigger batches."], N, ANY, 120),
    (["The encoder runs on a dedicated GPU while the decoder is trained with the rest of the pipeline."], N, N, N),
]


@pytest.mark.parametrize("texts, chips, model, hours", ONE_CARD, ids=[t[0][:60] for t, *_ in ONE_CARD])
def test_one_card_of_a_class(hw, texts, chips, model, hours):
    sents = [Sentence(5, t, "text", "body", index=i) for i, t in enumerate(texts)]
    chosen = extract_from_sentences(sents, hw, dt.date(2022, 3, 1))["chosen"]
    if model is ANY:  # (the chip model is not what the case probes)
        chosen = {**chosen, "chip_model": None}
    check_hardware_form(chosen, chips, None if model is ANY else model, hours, {})


# "can be trained on <devices> in <time>": our model's stated run (the labels take it) when the subject is ours, the
# time after the devices too and vague ("in a few hours"); a class of models as the subject ("Models of this size",
# "Such networks") is a claim about models in general, its time no run (context._GENERIC_CLAIM_RE).
CAPABILITY = [
    (["Our network can be trained on a single GPU in a few hours."], 1, N),
    (["Our detector can be trained on 4 GPUs in about 2 days."], 4, 48),
    (["The whole pipeline can be trained on 2 V100 GPUs within a day."], 2, 24),
    (["Our models can be trained in 3 days on 4 GPUs."], 4, 72),
    (["Both models can be trained in 2 days on 8 GPUs."], ANY, 48),  # ("both": the count keeps its capability penalty)
    (["Transformer models can be trained in 12 hours on 8 P100 GPUs, as we show in Section 5."], 8, 12),
    # near-misses: no run of ours
    (["BERT can be trained on a single TPU pod in a few days [4]."], N, N),
    (["Our code supports training on up to 64 GPUs."], N, N),
    (["Our model can be trained on any modern GPU."], N, N),
    (["Models of this size can be trained on 8 GPUs in about a week."], N, N),
    (["Such networks can be trained in a day on a single GPU [12]."], N, N),
    (["Deep networks can be trained in hours on modern GPUs."], N, N),
]


@pytest.mark.parametrize("texts, chips, hours", CAPABILITY, ids=[t[0][:60] for t, *_ in CAPABILITY])
def test_capability_statements(hw, texts, chips, hours):
    sents = [Sentence(5, t, "text", "body", index=i) for i, t in enumerate(texts)]
    chosen = extract_from_sentences(sents, hw, dt.date(2022, 3, 1))["chosen"]
    check_hardware_form({**chosen, "chip_model": None}, chips, None, hours, {})


# A reproducibility checklist's label before the hardware ("Computing infrastructure: ...", "Computational resources:
# ..."): the experiments' hardware, as "Hardware: ..." is (counts._SETUP_LABEL); a line about inference is not.
SETUP_LABELS = [
    (["Computing infrastructure: 4 NVIDIA RTX 3090 GPUs.", "Average runtime per experiment is reported in Table 6."], 4),
    (["Computational resources: 64 TPU v3 chips.", "We report results averaged over 3 seeds."], 64),
    (["Hardware setup: 2 x A100 80GB", "Software: PyTorch 2.0"], 2),
    (["Computing infrastructure: inference runs on 1 T4 GPU."], N),
    (["Resources: 3 annotators and 2 GPUs were used."], N),
]


@pytest.mark.parametrize("texts, chips", SETUP_LABELS, ids=[t[0][:60] for t, _ in SETUP_LABELS])
def test_checklist_hardware_labels(hw, texts, chips):
    sents = [Sentence(5, t, "text", "body", index=i) for i, t in enumerate(texts)]
    chosen = extract_from_sentences(sents, hw, dt.date(2022, 3, 1))["chosen"]
    assert (chosen.get("chips") or {}).get("value") == chips
