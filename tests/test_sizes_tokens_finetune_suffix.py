"""Training-data amounts (``tokens_or_examples``), two classes on sentences of our own: (1) a fine-tuning statement's
amount counts as a training statement's when the paper describes no pre-training of its own, and not when it does;
(2) the data unit as a hyphenated suffix of the number before a collection noun ("a 300B-token corpus")."""

from __future__ import annotations

import pytest

from aicompute.pdftext import Sentence
from aicompute.sizes.choice import _choose_sizes


def pick(*texts):
    """The rules' tokens_or_examples value of the sentences, and all candidate values."""
    sents = [Sentence(5, t, "text", "body", index=i) for i, t in enumerate(texts)]
    best, all_c = _choose_sizes(sents, None, False, rules_only=True)
    b = best["tokens_or_examples"]
    return (None if b is None else b.value), sorted(c.value for c in all_c["tokens_or_examples"])


# ------------------------------------------------------------------ (1) fine-tuning data as the run's data


@pytest.mark.parametrize("text, want", [
    ("We fine-tune the segmenter on 3,400 annotated CT slices.", 3400),
    ("The model is fine-tuned on 12,000 sentence pairs.", 12000),
    ("Our parser was fine-tuned with 48,500 annotated invoices.", 48500),
    ("We fine-tune the detector on a 7,200-image subset of the drone footage.", 7200),
    ("Fine-tuning uses 230,000 question-answer pairs collected from the help desk.", 230000),
    ("In total, 15,600 labelled product photos are used to fine-tune the classifier.", 15600),
])
def test_a_fine_tuning_amount_is_the_run_data_when_nothing_is_pre_trained(text, want):
    assert pick(text)[0] == want


@pytest.mark.parametrize("texts", [
    # the paper pre-trains its own model: the fine-tune's data stays below the floor (the README's main run)
    ("We pre-train the encoder on 4.2 million unlabelled web pages.",
     "We fine-tune the segmenter on 3,400 annotated CT slices."),
    ("During pre-training, the model sees 90,000 scanned letters.",
     "The model is fine-tuned on 12,000 sentence pairs."),
])
def test_a_fine_tuning_amount_gives_way_when_pre_training_is_described(texts):
    best, vals = pick(*texts)
    assert best != 3400 and best != 12000


@pytest.mark.parametrize("texts, want", [
    # the paper starts from a pre-trained model (its pre-training is someone else's): the fine-tune is the run
    (("We start from a ResNet-50 pre-trained on ImageNet.",
      "We fine-tune the segmenter on 3,400 annotated CT slices."), 3400),
    (("BERT [4] is pre-trained on BooksCorpus and Wikipedia.",
      "The model is fine-tuned on 12,000 sentence pairs."), 12000),
])
def test_a_fine_tuning_amount_stays_when_only_a_starting_model_was_pre_trained(texts, want):
    assert pick(*texts)[0] == want


@pytest.mark.parametrize("text", [
    "We fine-tune the segmenter with a learning rate of 0.001 for 3,400 steps.",
    "The annotators fine-tuned 3,400 labels by hand.",
    "Hyper-parameters were fine-tuned over 250 random trials.",
    "Fine-tuning takes 36 hours on 8 GPUs.",
    # a fine-tuning word far from the amount (a figure's legend read as a sentence) gives it no training bonus
    "Accuracy with 1,000 samples and 5,000 samples 0.2 0.4 0.6 0.8 1.0 1.2 1.4 1.6 1.8 2.0 2.2 2.4 2.6 2.8 3.0 3.2 3.4 "
    "3.6 3.8 4.0 4.2 4.4 4.6 before and after fine-tuning",
])
def test_fine_tuning_near_misses_give_no_value(text):
    assert pick(text)[0] is None


# ------------------------------------------------------------------ (2) the unit as a hyphenated suffix


@pytest.mark.parametrize("text, want", [
    ("We pre-train on a 300B-token corpus.", 300e9),
    ("The model is trained on a 2.5M-image subset.", 2.5e6),
    ("Our encoder is trained on a 40B-word web crawl.", 40e9),
    ("We train on the 60,000-example training set.", 60000),
    ("The detector is trained on a 1.8T-token mixture of code and text.", 1.8e12),
    ("Our agent is trained on a 750k-episode collection of logged play.", 750000),
])
def test_a_hyphenated_unit_before_a_collection_noun_is_a_data_amount(text, want):
    assert pick(text)[0] == pytest.approx(want)


@pytest.mark.parametrize("text", [
    "We use a 32k-token vocabulary trained on the corpus.",
    "Training uses a 512-token context window.",
    "We evaluate on a 1,000-image test set after training.",
    "We train a 1000-class classifier on our data.",
    "The trained model is scored on a 5,000-sample validation split.",
    "We train with 8-sample batches.",
    "We retrieve neighbours from a 1000-sentence sample of the held-out test set after training.",
])
def test_hyphenated_unit_near_misses_give_no_value(text):
    assert pick(text)[0] is None
