"""A number whose unit is device time or compute written as one word ("6,144 TPU-chip-hours", "A100-hours",
"V100-days", "TPUv4-core-days", "node-hours", "PF-days", "petaflop/s-days", "PFLOPs") is no ``tokens_or_examples``
candidate, though a training verb or a training frame's use verb makes its place the data's ("Pre-training consumes N
...", "trained with N ..."). Near-misses that stay data: a compound whose last part is no plural time or compute unit
("multi-turn dialogues", "half-hour recordings", "user-item interactions"). Sentences of our own."""

from __future__ import annotations

import pytest

from aicompute.pdftext import Sentence
from aicompute.sizes.choice import _choose_sizes
from aicompute.sizes.data import _COMPUTE_UNIT_WORD_RE


def values(*texts):
    sents = [Sentence(5, t, "text", "body", index=i) for i, t in enumerate(texts)]
    _, all_c = _choose_sizes(sents, None, False, rules_only=True)
    return sorted(c.value for c in all_c["tokens_or_examples"])


@pytest.mark.parametrize("text", [
    "Pre-training the retriever consumes 6,144 TPU-chip-hours.",
    "Training uses about 18,500 A100-hours in total.",
    "For training, we use 3,072 H100-hours on our cluster.",
    "The segmenter is trained with 640 V100-days of compute.",
    "We trained the policy using 7,800 TPUv4-core-days.",
    "We trained the tagger on 2,300 node-hours of a shared cluster.",
    "Training consumed 2.4 million GPU-hours.",
    "Training uses 1,250 PF-days.",
    "Our largest run used 4,500 petaflop/s-days.",
    "We train the ensemble with 9,000 TFLOPs.",
    "Training consumes 2,200 PFLOPS.",
    "The final run consumed 1,100 exaFLOPs.",
    "We train on 900 RTX3090-days.",
    "Pre-training consumes 1,600 accelerator-weeks.",
    "Training uses 4,000 CPU-hours.",
])
def test_device_time_and_compute_are_no_data(text):
    assert values(text) == []


@pytest.mark.parametrize("text, want", [
    ("We fine-tune the tagger on 4,200 multi-turn dialogues.", 4200),
    ("We train on 21,000 half-hour recordings of bird song.", 21000),
    ("The recommender is trained on 35,000 user-item interactions.", 35000),
    ("We train the planner using 48,000 state-action pairs.", 48000),
    ("Training uses 7,500 ten-minute clips.", 7500),
    ("We train on 6,000 one-day trajectories of the rover.", 6000),
    ("Training uses 13,000 hand-labelled tiles.", 13000),
])
def test_compound_nouns_that_are_data_stay_candidates(text, want):
    assert want in values(text)


def test_data_and_compute_in_one_sentence_keep_the_data():
    assert values("We train on 2.5M annotated receipts, which takes 1,800 GPU-hours.") == [2.5e6]


@pytest.mark.parametrize("word, unit", [
    ("TPU-chip-hours", True), ("A100-hours", True), ("PF-days", True), ("s-days", True), ("GPU-weeks", True),
    ("zettaFLOPs", True), ("GFLOPS", True), ("MACs", True), ("node-h", True),
    ("half-hour", False), ("multi-turn", False), ("day-long", False), ("dialogues", False), ("hours", False),
    ("user-item", False), ("ten-minute", False), ("flippers", False),
])
def test_the_compute_unit_word(word, unit):
    assert bool(_COMPUTE_UNIT_WORD_RE.match(word)) is unit
