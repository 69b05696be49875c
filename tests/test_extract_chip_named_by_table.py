"""(lead, round 14) A sentence is read for hardware when it names a chip the hardware table knows, even with no device
word ("GPU", "card", ...) and no code-shaped name ("V100"): "All models are trained with two 1080Ti." was never read
(extraction._worth_reading's word list is a cheap first test, and GeForce names written as bare numbers escaped it), so
its count and chip were lost. The table decides which names are chips; the usual rules then decide what the sentence
states. Sentences of our own; near-misses must stay silent."""

from __future__ import annotations

import datetime as dt

import pytest

from aicompute.extract import extract_from_sentences
from aicompute.extraction import _worth_reading
from aicompute.pdftext import Sentence
from test_extract_modal import hw  # noqa: F401  (hw: the hardware table fixture)


def _chosen(hw, *texts):
    sents = [Sentence(4, t, "text", "body", index=i) for i, t in enumerate(texts)]
    ch = extract_from_sentences(sents, hw, dt.date(2021, 6, 1))["chosen"]
    return {f: None if ch.get(f) is None else ch[f]["value"] for f in ("chips", "chip_model", "training_hours")}


@pytest.mark.parametrize("texts, chips, model", [
    (["All models are trained with two 1080Ti.", "Training converges after 30 hours."], 2, "1080 Ti"),
    (["Our network is trained with 4 × 2080Ti."], 4, "2080 Ti"),
    (["We train the detector with eight 2080 Ti in parallel."], 8, "2080 Ti"),
])
def test_a_chip_named_only_by_the_table_is_read(hw, texts, chips, model):
    got = _chosen(hw, *texts)
    assert got["chips"] == chips and model in (got["chip_model"] or "")


@pytest.mark.parametrize("text", [
    "Latency is measured on one 1080Ti.",
    "The 2080Ti has 11 GB of memory.",
    "We compare ResNet-50 and 1080 variants.",
])
def test_a_chip_outside_a_training_statement_gives_no_count(hw, text):
    assert _chosen(hw, text)["chips"] is None


def test_the_filter_asks_the_table_only_when_its_words_do_not_decide(hw):
    text = "All models are trained with two 1080Ti."
    assert not _worth_reading(text) and _worth_reading(text, hw)
    assert not _worth_reading("Both variants are compared in Table 4.", hw)  # no number, no chip: not read
    assert not _worth_reading("Results improve by 3 points over 1080 baselines.", hw)  # a number that names no chip
