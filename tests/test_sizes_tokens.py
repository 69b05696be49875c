"""Training-data amounts (``tokens_or_examples``): forms the candidate generator reads, on sentences of our own,
each class with near-misses that must give nothing."""

from __future__ import annotations

import pytest

from aicompute.pdftext import Sentence
from aicompute.sizes.choice import _choose_sizes


def cands(*texts, kind="text"):
    """All tokens_or_examples candidates (value, unit) of the sentences, and the rules' pick."""
    sents = [Sentence(5, t, kind, "body", index=i) for i, t in enumerate(texts)]
    best, all_c = _choose_sizes(sents, None, False, rules_only=True)
    b = best["tokens_or_examples"]
    return [(c.value, c.unit) for c in all_c["tokens_or_examples"]], (None if b is None else b.value)


def values(*texts, kind="text"):
    return sorted(v for v, _ in cands(*texts, kind=kind)[0])


# ------------------------------------------------------------------ a list of splits with their sizes


@pytest.mark.parametrize("text, want, unit", [
    ("The data set comes with a 7,200/800/2,000 train/dev/test split of labelled reviews.", 7200, "reviews"),
    ("Following prior work we use train/dev/test partitions of 31,000/1,500/3,000 examples.", 31000, "examples"),
    ("The corpus holds 12,404/1,000 training/validation dialogues.", 12404, "examples"),
    ("Training, validation and test sets hold 18,000, 2,000 and 4,000 clips, respectively.", 18000, "videos"),
    ("The train, dev and test portions contain 90K, 4K and 4K questions respectively for our training.", 90000, "examples"),
])
def test_the_training_split_of_a_list_of_splits(text, want, unit):
    cs, best = cands(text)
    assert (want, unit) in [(v, u) for v, u in cs] or any(v == want for v, _ in cs)
    assert best == want
    # the held-out splits' sizes are not candidates
    assert all(v == want for v, _ in cs)


@pytest.mark.parametrize("text", [
    "Our tagger reaches 96.2/95.8 train/test accuracy after fine-tuning.",  # scores, not sizes
    "We keep an 80/20 train/test ratio for every language.",  # a proportion
    "Results on the 2016/2017 train/test editions are in Table 3.",  # years
    "The corpus holds 12, 404/1, 000 training/validation dialogues.",  # a thousands group broken by the PDF
    "The learning rates for training and testing are 0.1 and 0.01 respectively.",
    "Test images 4,000 and 2,000 validation images are held out respectively.",  # no training split named
])
def test_lists_that_are_no_split_sizes_give_nothing(text):
    assert values(text) == []


# ------------------------------------------------------------------ the amount after its label


@pytest.mark.parametrize("text, want", [
    ("Number of training examples: 64,000", 64000),
    ("Training set size = 2.5M", 2.5e6),
    ("#Train images 96K, #Test images 8K", 96000),
    ("Training tokens: 450B", 450e9),
    ("Training Games 12 million 9 million Search Time 400 sims 400 sims", 12e6),  # a table row read as a sentence
])
def test_the_training_amount_after_its_label(text, want):
    cs, best = cands(text)
    assert any(v == pytest.approx(want) for v, _ in cs)
    assert best == pytest.approx(want)


@pytest.mark.parametrize("text", [
    "Training examples 3 times longer than the test ones were rejected.",  # no amount: a small bare number
    "test images: 10,000",  # an evaluation split
    "We discuss the training images 2 and 3 in Figure 4.",  # a label in running prose, no ':'
])
def test_labels_that_are_no_amount_give_nothing(text):
    assert values(text) == []


def test_a_table_row_is_left_to_the_table_reader():
    # the same row as a table row: the table reader reads its columns (not the first cell as the amount)
    sents = [Sentence(5, "Training tokens 40B 110B 260B", "table", "body", index=0)]
    _, all_c = _choose_sizes(sents, None, False, rules_only=True)
    whys = [w for c in all_c["tokens_or_examples"] for w in c.why]
    assert not any("after its label" in w for w in whys)
    assert {c.value for c in all_c["tokens_or_examples"]} >= {40e9, 110e9, 260e9}


# ------------------------------------------------------------------ an agent's environment steps


@pytest.mark.parametrize("text, want", [
    ("We train the PPO agents for 30 million steps in each environment.", 30e6),
    ("Each policy is trained for 2M steps of simulated interaction.", 2e6),
])
def test_an_agents_steps_are_its_data(text, want):
    cs, best = cands(text)
    assert (want, "frames") in cs and best == want


@pytest.mark.parametrize("text", [
    "The agent is trained with Adam for 400K gradient steps on the replay data.",  # optimizer steps
    "Training proceeded for 600,000 steps (mini-batches of 2,048 positions) using self-play games.",
    "The policy learning rate decays every 1 million steps during training.",  # a schedule point
    "We train the language model for 300K steps on 8 GPUs.",  # no agent or environment
    "The agent reaches its best reward after 20 million steps.",  # no training words: silence
])
def test_steps_that_are_no_environment_steps_give_nothing(text):
    assert all(u != "frames" for _, u in cands(text)[0])


# ------------------------------------------------------------------ a count of classes before the training set


def test_a_count_of_classes_is_no_amount_of_data():
    assert values("We train the networks on the standard 200-class TinyNet training set.") == []
    assert values("A 12-layer model is trained on the 10-way training data.") == []
    # near-misses: the amount stated beside the classes is still read
    assert values("We train on the 200-class TinyNet training set of 90,000 images.") == [90000]
    assert values("The 100 class training set contains 60,000 images used for training.") == [60000]


# ------------------------------------------------------------------ a table column of split sizes


def _table_cands(*texts, kinds=None):
    sents = [Sentence(5, t, (kinds or {}).get(i, "table"), "body", index=i) for i, t in enumerate(texts)]
    _, all_c = _choose_sizes(sents, None, False, rules_only=True)
    return sorted((c.value, c.unit) for c in all_c["tokens_or_examples"])


@pytest.mark.parametrize("texts, kinds, want", [
    # the header as a table row (careful pass), "A / B" cells with a magnitude suffix
    (("Table 4: Corpora we fine-tune on.", "Corpus Task Train/Test Samples", "Topics Classification 41.7K / 6.2K",
      "Intents Tagging 9.9K / 1.1K"), {0: "caption"}, [(9900.0, "examples"), (41700.0, "examples")]),
    # three splits, a common power of ten after the cell (as written, and with its superscript flattened)
    (("Log #samples (train/val/test)", "A 2.07/0.31/0.30 x 10^9", "B 1.1/0.2/0.2 x 109"), None,
     [(1.1e9, "examples"), (2.07e9, "examples")]),
    # the header a short line above the rows, the noun from the header
    (("Name # images (train / val / test) labels", "CityScenes 12,400/1,300/2,600 45"), {0: "text"}, [(12400.0, "images")]),
])
def test_the_training_split_of_a_table_column_of_split_sizes(texts, kinds, want):
    assert _table_cands(*texts, kinds=kinds) == want


@pytest.mark.parametrize("texts", [
    ("Model Train/Test accuracy", "Ours 91.2/88.3", "Baseline 93.1/90.0"),  # scores, not sizes
    ("Model Train/Test time (s)", "Ours 120/30", "Baseline 1200/300"),  # no amount named in the header
    ("Corpus Samples Tokens", "Topics 41.7K / 6.2K 3M"),  # no splits named: which one is training is not said
    ("Corpus # pairs (train/test) ratio", "Ours 8.5K/1.5K 85/15%"),  # the ratio cell is a proportion ...
])
def test_cells_that_are_no_training_split_sizes_give_nothing(texts):
    got = _table_cands(*texts)
    assert all(v == 8500.0 for v, _ in got)  # (... only the size cell of the last table is read)


def test_the_tokens_ranker_is_fitted_on_the_papers_it_decides():
    from aicompute import sizes_ranker as sr

    # papers where the rules give a value (rule >= 0): the right one has ctx:train; papers the rules leave empty
    # (rule -1) prefer the opposite: fitted on all, the weight of ctx:train falls; on the decided ones it is kept
    decided = [sr.Group(f"d{i}", "tokens_or_examples", [{"ctx:train": 1.0}, {"ctx:train": 0.0}], [1, 0], 0, True)
               for i in range(10)]
    undecided = [sr.Group(f"u{i}", "tokens_or_examples", [{"ctx:train": 1.0}, {"ctx:train": 0.0}], [0, 1], -1, True)
                 for i in range(30)]
    w_all = sr.fit_softmax(decided + undecided, 1.0)
    w_dec = sr.fit_softmax(decided + undecided, 1.0, decided_only=True)
    x = [{"ctx:train": 1.0}, {"ctx:train": 0.0}]
    assert w_all.logit(x)[0] < w_all.logit(x)[1]
    assert w_dec.logit(x)[0] > w_dec.logit(x)[1]
    assert sr.CONFIG["tokens_or_examples"].get("decided_only") is True
    assert not sr.CONFIG["parameters"].get("decided_only")


# ------------------------------------------------------------------ an amount per class times the number of classes


@pytest.mark.parametrize("text, want, unit", [
    ("We gathered 400 clips per class for 51 classes, all of them used for training.", 20400, "videos"),
    ("For training we keep 120 photos for each of the 2,000 classes.", 240000, "images"),
    ("The training split spans 64 categories, each with 600 images.", 38400, "images"),
    ("We train on 300 classes with about 1,100 images each.", 330000, "images"),
])
def test_an_amount_per_class_times_the_classes_is_derived(text, want, unit):
    (cs, best) = cands(text)
    assert (want, unit) in cs and best == want
    sents = [Sentence(5, text, "text", "body", index=0)]
    _, all_c = _choose_sizes(sents, None, False, rules_only=True)
    c = next(c for c in all_c["tokens_or_examples"] if c.value == want)
    assert any(w.startswith("derived:") for w in c.why)


@pytest.mark.parametrize("text", [
    "The corpus has 10 classes with 48,000 training images.",  # a total, not per class: no product
    "Each class has 700 training images.",  # the classes are not counted
    "We train with 8 images per class in every mini-batch of 40 classes.",  # a batch's composition
    "The test set holds 30 images per class for 500 classes.",  # a held-out split
    "The collection has 900 images per class in 12 classes.",  # no training words
])
def test_per_class_amounts_that_give_no_product(text):
    assert not any(v in (480000, 320, 15000, 10800) for v in values(text))


# ------------------------------------------------------------------ the total of every split is no training data


@pytest.mark.parametrize("text", [
    "The benchmark holds over 180K images across 8 categories in the combined training, validation and test splits.",
    "In all, 75K frames are found in the whole train/val/test collection.",
    "The suite offers 64K clips over 30 activity classes in the training, validation and testing partitions.",
])
def test_the_total_of_all_splits_is_no_training_amount(text):
    assert values(text) == []


@pytest.mark.parametrize("text, want", [
    ("We train on 120K images across 8 categories in the training split and test on 10K.", 120000),
    ("We fit the model to 90K images from the training set.", 90000),
    ("The combined corpus of 2.1M training images serves to train all models.", 2.1e6),
])
def test_a_training_amount_near_split_names_is_kept(text, want):
    assert want in values(text)


def test_the_shipped_tokens_model_abstains_below_its_threshold():
    from aicompute import sizes_ranker as sr

    fm = sr.default_ranker().fields["tokens_or_examples"]
    assert fm.threshold == sr.CONFIG["tokens_or_examples"]["threshold"] == 0.33
    assert sr.CONFIG["parameters"]["threshold"] == 0.2  # (the other fields keep theirs)


# ------------------------------------------------------------------ a data amount by its place, whatever its noun


@pytest.mark.parametrize("text, want", [
    ("We fine-tune the classifier on 12,000 annotated radiographs collected at two hospitals.", 12000),
    ("The tagger is trained on 40,000 hand-labelled receipts.", 40000),
    ("We pre-train on about 2.5 million protein chains from the archive.", 2.5e6),
    ("Our ranker is trained using 850K anonymised search logs.", 850000),
    ("The policy is learned from 30,000 recorded teleoperation traces.", 30000),
    ("We train with 6,400 synthetic floor plans.", 6400),
])
def test_the_object_of_a_training_verb_is_data_whatever_its_noun(text, want):
    assert want in values(text)


@pytest.mark.parametrize("text, want", [
    ("Of the collected forms, 4,200 scanned invoices are used for training and 600 for testing.", 4200),
    ("We keep 9,500 transcribed voicemails as the training set and the rest for evaluation.", 9500),
    ("In each fold 1,800 labelled floor plans are reserved for training.", 1800),
])
def test_the_training_part_of_a_split_in_prose_whatever_its_noun(text, want):
    assert want in values(text)


@pytest.mark.parametrize("text", [
    "We train the detector on 8 GPUs for 3 days.",  # hardware and time
    "We trained a two-layer recurrent network with 2048 memory cells and 512 hidden units.",  # the model's sizes
    "The acoustic models are trained with 9k tied states.",  # a model's output units
    "We train on 64 TPU chips with 300 warmup steps.",
    "We fine-tune with 5 random seeds and report the mean over 10 runs.",
    "We train the tagger on 40,000 held-out receipts from the validation split.",  # held out
    "We trained it on 120 subjects and 300 speakers.",  # people, not data items
    "Training on 2,000 dimensional features is slow.",
    "We train on 1,000 hours of transcribed speech.",  # a duration of audio is another fact's form
    "The encoder is trained jointly with 256 learned prototypes.",
    "There are 3,000 labelled pages, and the learning rate is fixed for training.",  # no split, no training object
    "The 1,200 scanned invoices are used for testing the trained model.",  # a test part
])
def test_no_data_amount_from_other_units_after_a_training_verb(text):
    assert values(text) == []


# ------------------------------------------------------------------ an amount written with a power of ten


@pytest.mark.parametrize("text, want", [
    ("Our language model is pre-trained on 4.6 x 10^10 tokens of web text.", 4.6e10),
    ("We train on 2.5 × 10^7 labelled sentences.", 2.5e7),
    ("The training set has 3.1 × 10^5 images.", 3.1e5),
])
def test_an_amount_with_a_power_of_ten_is_read_whole(text, want):
    assert want in values(text)


@pytest.mark.parametrize("text", [
    "We train on 512 x 512 images.",  # a resolution, not an amount
    "All models use 32×32 crops for training.",
])
def test_a_resolution_is_still_no_amount(text):
    assert values(text) == []
