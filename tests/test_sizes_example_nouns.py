"""A training statement's count of items named by a domain noun after adjectives ("412,000 annotated product reviews",
"3,400 annotated CT slices") is a ``tokens_or_examples`` candidate by the amount's place in the sentence, whatever its
noun: the object of a training verb (also through "a dataset / corpus / collection of N ..."), the object of a use verb
in a training frame ("For training, we use N ...", "Training uses N ..."), the subject of "used to train", the size a
training split states ("The training split includes N ..."), and such a sentence is read though it has no size word.
Near-misses: the same nouns for a human study, an evaluation or a test set. Sentences of our own."""

from __future__ import annotations

import pytest

from aicompute.pdftext import Sentence
from aicompute.sizes.choice import _choose_sizes


def values(*texts):
    sents = [Sentence(5, t, "text", "body", index=i) for i, t in enumerate(texts)]
    _, all_c = _choose_sizes(sents, None, False, rules_only=True)
    return sorted(c.value for c in all_c["tokens_or_examples"])


@pytest.mark.parametrize("text, want", [
    ("We train the sentiment model on 412,000 annotated product reviews.", 412000),
    ("The network is trained on 150,000 molecular graphs from the training partition.", 150000),
    ("We fine-tune the segmenter on 3,400 annotated CT slices.", 3400),
    ("Our encoder is pre-trained on 2.3 million image-caption pairs.", 2.3e6),
    ("The detector is trained using 95,000 labelled aerial tiles.", 95000),
    ("We train on 1.2 million anonymised clinical notes.", 1.2e6),
])
def test_the_object_of_a_training_verb_whatever_its_noun(text, want):
    assert want in values(text)


@pytest.mark.parametrize("text, want", [
    ("The model is trained on a dataset of 75,000 annotated floor plans.", 75000),
    ("We train on a collection of 410,000 labelled chest radiographs.", 410000),
    ("The tagger is fine-tuned on a small corpus of 6,200 transcribed voicemails.", 6200),
    ("We pre-train on a subset of about 900K scraped recipes.", 900000),
])
def test_the_size_of_a_set_a_training_verb_names(text, want):
    assert want in values(text)


@pytest.mark.parametrize("text, want", [
    ("For training, we use 12,000 labelled satellite tiles.", 12000),
    ("During pre-training we collected 3.1 million unlabelled street scenes.", 3.1e6),
    ("Training uses 64,000 annotated sketches.", 64000),
    ("Pre-training relies on 2.4M crawled product listings.", 2.4e6),
])
def test_the_object_of_a_use_verb_in_a_training_frame(text, want):
    assert want in values(text)


@pytest.mark.parametrize("text, want", [
    ("A corpus of 310,000 annotated radiology reports is used to train the classifier.", 310000),
    ("We use 150,000 molecular graphs to train the model.", 150000),
    ("The training split includes 3,400 annotated CT slices.", 3400),
    ("The training partition holds 52,000 labelled bird calls.", 52000),
])
def test_used_to_train_and_a_training_splits_size_are_read_without_a_size_word(text, want):
    assert want in values(text)


@pytest.mark.parametrize("text", [
    "We recruited annotators to label 100 examples for the human study of the trained model.",
    "We evaluate on 5,000 held-out dialogues.",
    "We use 5,000 held-out dialogues for evaluation.",
    "The test set has 10,000 images from 100 classes.",
    "The trained model is evaluated on 2,500 annotated CT slices from the test split.",
    "A corpus of 2,000 annotated reports is used to evaluate the trained classifier.",
    "Each annotator labelled 300 product reviews.",
    "After training, we sample 1,000 molecular graphs from the model.",
    "For training, we use 8 GPUs and 512 hidden units.",  # other facts' units
    "Training uses 400 warm-up steps and 16 layers.",
    "During training we use 3 random seeds.",
    "For training, we use the test split of 4,000 clips only for model selection.",
])
def test_no_training_amount_from_these(text):
    assert values(text) == []
