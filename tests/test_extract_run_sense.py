"""Whether a sentence speaks of training the paper's model or of another activity. A count and a duration stated
together read as the training run only when the sentence speaks of training (a training word, or a run or
experiments named as such): the hardware and time of a deployed service, a user study or data collection, a
solver/simulation/rendering job or a benchmark's time limit are not the run's, and are never shown as sure.
Sentences of our own; training sentences that must keep their value (and their top-band confidence)."""

from __future__ import annotations

import datetime as dt

import pytest

from aicompute.extract import extract_from_sentences
from aicompute.extraction.context import make_ctx
from aicompute.hardware import HardwareTable
from aicompute.pdftext import Sentence


@pytest.fixture(scope="module")
def hw():
    return HardwareTable.load()


def chosen(hw, *texts):
    sents = [Sentence(4, t, "text", "body", index=i) for i, t in enumerate(texts)]
    return extract_from_sentences(sents, hw, dt.date(2023, 6, 1))["chosen"]


def ctx(hw, text):
    return make_ctx(Sentence(4, text, "text", "body", index=0), hw, dt.date(2023, 6, 1))


OTHER_ACTIVITY = [
    "The public demo has been served from 4 NVIDIA A100 GPUs for the last six months.",
    "Our hosted assistant answered user requests on 2 RTX 3090 GPUs over 90 days.",
    "Field recordings were gathered with 3 Jetson Orin boards during 2 weeks of driving.",
    "Each volunteer spent 40 minutes with the interface, which ran on 10 laptops with RTX 4060 GPUs.",
    "The finite-element solver ran on 64 CPU cores for 12 hours per mesh.",
    "Rendering the indoor scenes took 3 days on 8 NVIDIA V100 GPUs.",
    "The fluid simulation ran for 48 hours on 4 A100 GPUs.",
    "Every planner had a time limit of 1 hour on 16 Xeon cores.",
    "Annotation with the labelling tool was hosted on 2 NVIDIA T4 GPUs for 3 weeks.",
]


@pytest.mark.parametrize("text", OTHER_ACTIVITY)
def test_another_activity_is_not_the_training_run(hw, text):
    ch = chosen(hw, text)
    for f in ("chips", "training_hours"):
        assert ch[f] is None or ch[f]["confidence"] < 0.8, (f, ch[f])
    # (a chip named there is shown, if at all, as needing review)
    assert ch["chip_model"] is None or ch["chip_model"]["confidence"] < 0.8


@pytest.mark.parametrize("text, chips, hours", [
    ("We train our model on 8 NVIDIA V100 GPUs for 3 days.", 8, 72.0),
    ("Training takes about 20 hours on 4 A100 GPUs.", 4, 20.0),
    ("The full model was trained for 2 weeks on 64 TPU v3 chips.", 64, 336.0),
    ("Our network converges after 36 hours on 2 RTX 2080 Ti GPUs.", 2, 36.0),
    ("Pre-training on 16 A100 GPUs took 5 days.", 16, 120.0),
    # near-misses of the other-activity words: training in simulation, a rendering model trained, deployed after
    ("We train the policy in simulation for 2 days on 8 V100 GPUs.", 8, 48.0),
    ("Training the neural renderer took 2 days on 4 A100 GPUs.", 4, 48.0),
    ("Our model is trained on 8 A100 GPUs for 3 days and later deployed behind an API.", 8, 72.0),
    # a run or experiments named as such, no training word
    ("All experiments were conducted on 4 A100 GPUs and took about 30 hours in total.", 4, 30.0),
])
def test_a_training_sentence_keeps_its_values_and_its_top_band(hw, text, chips, hours):
    ch = chosen(hw, text)
    assert ch["chips"]["value"] == chips and ch["chips"]["confidence"] >= 0.8
    assert ch["training_hours"]["value"] == pytest.approx(hours)


def test_a_count_with_a_duration_but_no_sense_of_training_is_not_sure(hw):
    # nothing says what ran: the count may be chosen, but the duration beside it does not make it sure
    ch = chosen(hw, "The pipeline is executed for 3 days on 8 A100 GPUs.")
    assert ch["chips"]["value"] == 8 and 0.5 <= ch["chips"]["confidence"] < 0.8


@pytest.mark.parametrize("text, trains, other", [
    ("We train the model for 3 days.", True, False),
    ("Each 1B-parameter run took 2 days.", True, False),
    ("All experiments are performed on one GPU.", True, False),
    ("The solver runs for 12 hours.", False, True),
    ("Simulating the scenes took 2 days.", False, True),
    ("We trained the policy in simulation.", True, False),  # a training word: training
    ("Inference takes 2 hours on one GPU.", False, True),
    ("The server ran for 3 days.", False, False),  # neither: no sense of training, no other activity named
    ("The pre-trained model was deployed on a T4.", False, True),  # a pre-trained model is not a training run
    # near-misses of the activity words: a provider's product, an optimizer called a solver, collective communication
    ("We used Amazon Web Services with 8 V100 GPUs for 3 days.", False, False),
    ("We rent a cloud service with 8 V100 GPUs.", False, False),
    ("We use the SGD solver on 4 GPUs for 2 days.", True, False),
    ("NCCL collective operations span 64 GPUs.", False, False),
])
def test_the_run_sense_cues(hw, text, trains, other):
    c = ctx(hw, text)
    assert (bool(c.trains), bool(c.other_job)) == (trains, other)


# ---------------------------------------------------------------- a count and its chip apart
# A provider's or platform's name between the number and the chip it counts (memory size, form factor and
# interconnect words were read already: kept here as the class's guard).

@pytest.mark.parametrize("text, n", [
    ("Our encoder was trained on 8 AWS p4d A100 GPUs for 2 days.", 8),
    ("We fit the model on 4 Lambda Labs RTX 6000 GPUs over 30 hours.", 4),
    ("Training used 16 Azure NC-series V100 GPUs.", 16),
    ("We trained with 8 GCP A100 GPUs for a week.", 8),
    ("The detector is trained on 2 Paperspace A6000 GPUs.", 2),
    ("Pre-training ran on 32 Oracle Cloud H100 GPUs.", 32),
    # modifiers read before (memory size, form factor, interconnect)
    ("We train on 8 NVIDIA A100 SXM4 80GB GPUs for 2 days.", 8),
    ("We train on 8 NVLink-connected H100 GPUs for 2 days.", 8),
    ("We train on 4 NVIDIA RTX A6000 48 GB GPUs for 2 days.", 4),
])
def test_a_platform_name_between_the_count_and_the_chip(hw, text, n):
    assert chosen(hw, text)["chips"]["value"] == n


@pytest.mark.parametrize("text", [
    "We train on A100 GPUs with 80 GB of memory for 2 days.",  # no count
    "The model stacks 12 Transformer layers and is trained on A100 GPUs.",  # a count of layers, words apart
    "After 3 Epochs A100 GPUs reach full utilization during training.",  # not a name
    "We train with 2048 tokens per batch on A100 GPUs.",
])
def test_words_between_that_are_not_a_platform_do_not_make_a_count(hw, text):
    assert chosen(hw, text)["chips"] is None


@pytest.mark.parametrize("kind", ["table", "text"])
def test_cells_between_a_number_and_a_chip_are_not_platform_names(hw, kind):
    # a table row (or one read as text): no device noun after the chip, or laid out as a table
    for text in ("ResNet-50 8 Adam V100 12h", "ResNet-50 8 Adam V100 GPUs 12h" if kind == "table" else "ResNet-50 8 Adam V100 12h"):
        sents = [Sentence(6, text, kind, "body", index=0)]
        assert extract_from_sentences(sents, hw, dt.date(2023, 6, 1))["chosen"]["chips"] is None


def test_another_activity_in_another_clause_leaves_the_run_alone(hw):
    from aicompute.extraction.context import OTHER_ACTIVITY_WHY
    for text in ("All experiments are conducted on 4 A100 GPUs over 30 hours, and the physics simulator runs on 32 CPU cores.",
                 "The physics simulator runs on 32 CPU cores, while all experiments are conducted on 4 A100 GPUs."):
        sents = [Sentence(4, text, "text", "body", index=0)]
        out = extract_from_sentences(sents, hw, dt.date(2023, 6, 1))
        assert out["chosen"]["chips"]["value"] == 4
        why = {c["value"]: c["why"] for c in out["candidates"] if c["field"] == "chips"}
        assert OTHER_ACTIVITY_WHY not in why[4] and OTHER_ACTIVITY_WHY in why[32]


# ---------------------------------------------------------------- hours where the label has none
# A row of results each with its time in parentheses (a time-to-accuracy curve, settings compared): which one is
# the paper's run the row does not say.

def hours(hw, *texts):
    ch = chosen(hw, *texts)
    return None if ch["training_hours"] is None else ch["training_hours"]["value"]


@pytest.mark.parametrize("text", [
    "epochs 100 200 400 800 top-1 acc. 70.2 (5h) 72.8 (10h) 74.1 (20h) 75.0 (40h) 32 V100 GPUs",
    "Method acc (time): A 70.1 (2 days), B 71.3 (3 days), ours 74.0 (1 day), on 8 V100 GPUs",
    "mAP 41.0 (9 hours) 42.3 (18 hours) 43.1 (36 hours) with 16 A100 GPUs",
])
def test_a_series_of_results_with_their_times_is_not_the_run(hw, text):
    assert hours(hw, text) is None


@pytest.mark.parametrize("text, h", [
    ("Our model reaches 76.4% top-1 (12 hours) on 8 GPUs.", 12.0),  # one result with its time
    ("We train for 300 epochs (about 40 hours) on 8 A100 GPUs.", 40.0),
    ("Training takes 3 days (72 hours) on 8 GPUs, reaching 78.2 (top-1) and 94.0 (top-5).", 72.0),
])
def test_one_result_with_its_time_keeps_the_time(hw, text, h):
    assert hours(hw, text) == pytest.approx(h)
