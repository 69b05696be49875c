"""Training-data amounts (``tokens_or_examples``) written in forms no rule read before (tokens20's battery of its own
sentences): a power of ten whose superscript the text lost, the amount as the complement of "the number of ... is",
and "(image, text) pairs"; each class with near-misses that must give nothing."""

from __future__ import annotations

import pytest

from aicompute.pdftext import Sentence
from aicompute.sizes.choice import _choose_sizes


def cands(*texts, kind="text"):
    sents = [Sentence(5, t, kind, "body", index=i) for i, t in enumerate(texts)]
    best, all_c = _choose_sizes(sents, None, False, rules_only=True)
    b = best["tokens_or_examples"]
    return sorted(c.value for c in all_c["tokens_or_examples"]), (None if b is None else b.value)


# ------------------------------------------------------------------ a flattened superscript: "1.2 × 10 9 tokens"


@pytest.mark.parametrize("text, want", [
    ("We pretrain the encoder on 1.2 × 10 9 tokens of filtered web text.", 1.2e9),
    ("The language model was trained on 3 x 10 8 words from news articles.", 3e8),
    ("Our training corpus holds 4.5 · 10 10 subword tokens.", 4.5e10),
    ("The detector is trained on 2 × 10 6 labelled images.", 2e6),
    ("In total the agent consumes 5 × 10 9 frames during training.", 5e9),
])
def test_a_power_of_ten_written_flat(text, want):
    cs, best = cands(text)
    assert want in cs
    assert best == want


@pytest.mark.parametrize("text", [
    "Training the model costs about 3.1 × 10 21 FLOPs on our cluster.",          # compute, not data
    "We use a vocabulary of 3 × 10 4 tokens for the decoder.",                     # a vocabulary
    "The test set of 1 × 10 5 images is kept for evaluation only.",                # a test set
    "Each training image is 2 × 10 2 pixels wide.",                               # no data noun, no exponent 4+
])
def test_a_flat_power_near_misses(text):
    cs, best = cands(text)
    assert best is None
    assert not any(v >= 1e4 for v in cs)


# ------------------------------------------------------------------ "the number of training tokens is 16B"


@pytest.mark.parametrize("text, want", [
    ("The total number of training tokens is 16B.", 1.6e10),
    ("The number of tokens used for pre-training was about 600 billion.", 6e11),
    ("For the final run, the number of training images is 3.2 million.", 3.2e6),
    ("The overall amount of training sentences is roughly 45M after deduplication.", 4.5e7),
    ("In our setting the number of episodes seen during training is 250,000.", 2.5e5),
])
def test_the_number_of_training_data_is_n(text, want):
    cs, best = cands(text)
    assert want in cs
    assert best == want


@pytest.mark.parametrize("text", [
    "The number of test images is 20,000.",                                          # a test set
    "The number of training images is 10 times larger than in the previous release.",  # a ratio
    "The number of training examples is 40% of the full collection of 2M records.".replace(" of 2M records", ""),
    "The number of tokens in the vocabulary is 64,000.",                             # a vocabulary
    "The number of training tokens per batch is 4M.",                                # a batch
])
def test_the_number_of_is_near_misses(text):
    cs, best = cands(text)
    assert best is None
    assert cs == []


# ------------------------------------------------------------------ "60M (image, text) pairs"


@pytest.mark.parametrize("text, want", [
    ("The contrastive model is trained on 60M (image, text) pairs gathered from alt-text.", 6e7),
    ("We pretrain our dual encoder on 400M ⟨image, caption⟩ pairs.", 4e8),
])
def test_image_text_pairs_in_brackets(text, want):
    cs, best = cands(text)
    assert want in cs
    assert best == want


@pytest.mark.parametrize("text", [
    "Retrieval is evaluated on 5K (image, text) pairs of the test split.",   # a test set
    "Each batch holds 32K (image, text) pairs.",                             # a batch
])
def test_image_text_pairs_near_misses(text):
    cs, best = cands(text)
    assert best is None
