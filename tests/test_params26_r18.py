"""Round-18 probe of the epochs CHOICE: a paper that trains on several datasets states a schedule for each (a small
benchmark's and the large one's, in their own paragraphs or in one sentence's clauses), and the corpus labels take the
main run's, the largest model trained in full: the schedule of the chosen training data (the large dataset's).

Documents of our own (several sentences each, competing schedules), with the value the corpus labels would give, and
documents where the mark must say nothing: one dataset only, a schedule that names both datasets, a schedule far from
any dataset's name. ``Cand.sched_data`` (``sizes.choice._mark_schedule_data``) is the cue read: 1 for the chosen
training data's schedule, -1 for another dataset's, 0 when the text does not tell; it moves the rules' score
of the epoch count as ``_with_the_chosen_data`` does for a sentence naming the data (+0.4 / -0.3), which the learned
choice reads (its score and gap features, and which candidates it may pick). As a feature of the learned choice of its
own it lost (10-salt CV right 37.9 -> 37.6)."""

from __future__ import annotations

import pytest

from aicompute.pdftext import Sentence
from aicompute.sizes import _choose_sizes


def _sents(*texts):
    return [Sentence(5, t, "text", "body", index=i) for i, t in enumerate(texts)]


def _marks(*texts) -> dict[float, set[int]]:
    """Per epoch value: the marks its candidates get (a value may be stated more than once)."""
    best, all_c = _choose_sizes(_sents(*texts), None, False, rules_only=True)
    out: dict[float, set[int]] = {}
    for c in all_c["epochs"]:
        out.setdefault(c.value, set()).add(c.sched_data)
    return out


# (document, the schedule the labels take, the other dataset's schedule)
SEVERAL_DATASETS = [
    # vision: a small benchmark's paragraph, then the large dataset's paragraph; the schedule names no dataset
    (["We evaluate our networks on the Petrel-10 and Kestrel-1K image classification benchmarks.",
      "Petrel-10 consists of 50,000 training images and 10,000 test images in 10 classes.",
      "On Petrel-10 we train all networks for 300 epochs with a batch size of 64.",
      "Kestrel-1K contains 1.28 million training images in 1,000 classes.",
      "Images are randomly cropped to 224 x 224 pixels and flipped horizontally.",
      "We use SGD with Nesterov momentum of 0.9 and weight decay of 0.0001.",
      "All networks are trained for 90 epochs with a batch size of 256."], 90.0, 300.0),
    # one sentence with a clause per dataset ("N epochs on X")
    (["The Wrenset-S corpus has 12,000 training clips.",
      "The Wrenset-L corpus has 2.4 million training clips recorded over three years.",
      "We train for 200 epochs on Wrenset-S and for 40 epochs on Wrenset-L."], 40.0, 200.0),
    # NLP: the large corpus's paragraph names it, the fine-tuning set's schedule is in its own sentence
    (["We pre-train our encoder on the Heron-News corpus, which contains 3.3 billion words.",
      "The model is trained for 40 epochs with a batch size of 2,048 sequences.",
      "For the downstream task we use Finch-QA, which has 87,000 training questions.",
      "On Finch-QA we fine-tune for 3 epochs with a learning rate of 0.00003."], 40.0, 3.0),
]


@pytest.mark.parametrize("texts, main, other", SEVERAL_DATASETS)
def test_the_chosen_datas_schedule_is_marked(texts, main, other):
    marks = _marks(*texts)
    assert marks[main] == {1}
    assert marks[other] == {-1}


SILENT = [
    # one dataset only: nothing to tell apart
    ["Kestrel-1K contains 1.28 million training images in 1,000 classes.",
     "We train for 90 epochs with a batch size of 256.",
     "A second run with 120 epochs gives the same accuracy."],
    # the schedule names both datasets
    ["Petrel-10 consists of 50,000 training images.",
     "Kestrel-1K contains 1.28 million training images.",
     "We train for 100 epochs on both Petrel-10 and Kestrel-1K."],
    # no dataset named near the schedule (the datasets are described more than eight sentences before it)
    ["Petrel-10 consists of 50,000 training images.", "Kestrel-1K contains 1.28 million training images."]
    + [f"The design choice number {k} follows the standard practice." for k in range(1, 10)]
    + ["We train for 100 epochs."],
]


@pytest.mark.parametrize("texts", SILENT)
def test_no_mark_where_the_text_does_not_tell(texts):
    for marks in _marks(*texts).values():
        assert marks == {0}


# ------------------------------------------------------------------ the shipped choice on whole documents (a probe)

# (document, the epochs the corpus labels would give; None: the paper states no schedule of its main run)
# Score on main 8c7046c: 5/8 (the clause-per-dataset document and these two fail); with the schedule mark: 6/8 (the
# clause document is right by the rules' score). The two left fail with the shipped weights (fitted before the mark):
# the chosen data's paragraph schedule loses to a "we train all networks" sentence of the small benchmark's.
_SHIPPED_MISSES = {0: "the shipped weights prefer the small benchmark's 'On Petrel-10 we train all networks for 300 epochs' "
                      "(we/our) over the large dataset's paragraph's '90 epochs' (re-measure after the lead's refit)",
                   3: "a teacher's schedule is not read as another run's (no cue yet: one development paper, 1803.10837, "
                      "where a second equal value keeps the pick wrong either way)"}
CHOICE_DOCS = [
    *[(texts, main) for texts, main, _ in SEVERAL_DATASETS],
    # a distillation paper: the teacher's schedule is stated first and more fully
    (["We distill a ResNet-34 teacher into a small student network on the Petrel-10 dataset of 50,000 images.",
      "The teacher network was trained for 200 epochs with a learning rate of 0.1, divided by 10 at epochs 100 and 150.",
      "The student is then trained for 30 epochs with a batch size of 128 using the proposed loss."], 30.0),
    # an RL-free speech paper: a learning-rate milestone and warm-up beside the run's length
    (["Our acoustic model is trained on 4,000 hours of transcribed speech.",
      "We use 2 warm-up epochs, after which the learning rate is decayed by half at epochs 20 and 30.",
      "Training stops after 40 epochs."], 40.0),
    # an ablation on a subset beside the main run
    (["We train our tagger on the Heron-News corpus of 2 million sentences for 12 epochs.",
      "For the ablation in Table 4 we train on a 10% subset for 50 epochs."], 12.0),
    # a linear probe's epochs after self-supervised pre-training (the run is the pre-training)
    (["We pre-train the encoder for 800 epochs on Kestrel-1K without labels, using 1.28 million images.",
      "For linear evaluation, a linear classifier is trained on frozen features for 100 epochs."], 800.0),
    # nothing of the run: only a cited schedule
    (["Prior work trained such networks for 90 epochs (He et al., 2016).",
      "We instead study the loss landscape of pre-trained models without training them."], None),
]


def _chosen_epochs(texts):
    import datetime as dt

    from aicompute.pdftext import Document
    from aicompute.sizes import extract_sizes

    doc = Document("x.pdf", 1, ["4 Experimental Setup\n" + "\n".join(texts) + "\n"], [0.0], pages_read_carefully=[],
                   page_sections=["body"])
    chosen, _ = extract_sizes([], doc, dt.date(2021, 3, 1))
    c = chosen["epochs"]
    return None if c is None else c["value"]


@pytest.mark.parametrize("texts, want", [
    pytest.param(*d, marks=pytest.mark.xfail(strict=True, reason=_SHIPPED_MISSES[i])) if i in _SHIPPED_MISSES else d
    for i, d in enumerate(CHOICE_DOCS)])
def test_shipped_choice_of_the_runs_schedule(texts, want):
    assert _chosen_epochs(texts) == want


# ------------------------------------------------------------------ epochs over a part of a data mixture

PART_OF_DATA = [
    "For most of our corpus each document is used only once, except for the encyclopedia and books domains, over which "
    "we perform approximately two epochs.",
    "Web text is seen once, while the curated code portion is repeated for 4 epochs.",
    "High-quality sources such as papers are upsampled, so the model sees them for about 3 epochs.",
    "Apart from the dialogue subset, which we pass over for 2 epochs, every example is seen only once.",
]

RUN_EPOCHS = [  # the run's length: the mark must not fire
    "We train for 2 epochs over the whole corpus.",
    "We train on the training portion for 30 epochs, while the validation portion is used for early stopping.",
    "The model is trained for 3 epochs, but we found no gain after the second one.",
    "Each sample is seen once per epoch, but we train for 40 epochs.",
    "The decoder upsamples the feature maps by a factor of two, and the network is trained for 50 epochs.",
    "We oversample the minority class and train for 30 epochs.",
]


def _epoch_cands(text):
    best, all_c = _choose_sizes(_sents(text), None, False, rules_only=True)
    return all_c["epochs"], best["epochs"]


@pytest.mark.parametrize("text", PART_OF_DATA)
def test_a_parts_epochs_are_not_the_runs(text):
    cands, best = _epoch_cands(text)
    assert cands and all("epochs over a part of the data mixture" in c.why for c in cands if c.value > 1)
    assert best is None


@pytest.mark.parametrize("text", RUN_EPOCHS)
def test_the_runs_epochs_keep_no_part_mark(text):
    cands, best = _epoch_cands(text)
    assert cands and not any("epochs over a part of the data mixture" in c.why for c in cands)
    assert best is not None
