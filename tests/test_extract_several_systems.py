"""One sentence times several systems ("training X takes 40 hours and Y takes 6 hours"): the time of the system
the paper calls its own (by name, or "our ...") is the run's; sentences of our own, with near-misses where
the sentence does not say which one is ours."""

from __future__ import annotations

import datetime as dt

import pytest

from aicompute.extract import extract_from_sentences
from aicompute.extraction.durations import system_of
from aicompute.hardware import HardwareTable
from aicompute.pdftext import Sentence

PUBLISHED = dt.date(2016, 6, 1)
OURS = "We propose ZetaNet, a sequential model for inference."


@pytest.fixture(scope="module")
def hw():
    return HardwareTable.load()


def hours(hw, *texts, ranker=None):
    sents = [Sentence(4, t, "text", "body", index=i) for i, t in enumerate(texts)]
    f = extract_from_sentences(sents, hw, PUBLISHED, ranker=ranker)["chosen"].get("training_hours")
    return None if f is None else f["value"]


def test_the_words_naming_each_timed_system():
    t = "As for speed, training the Tree-LSTM takes about 40 hours on a K40 GPU and ZetaNet takes about 6 hours."
    assert system_of(t, "40 hours").strip() == "training the Tree-LSTM"
    assert system_of(t, "6 hours", t.find("40 hours") + 8).strip() == "ZetaNet"


@pytest.mark.parametrize("second, want", [
    ("As for speed, training the Tree-LSTM takes about 40 hours on a K40 GPU and ZetaNet takes about 6 hours.", 6),
    ("Training ZetaNet takes 9 hours on a K40 GPU, whereas the Tree-LSTM takes about 40 hours.", 9),
    ("Training Tree-LSTM takes 30 hours on a K40 GPU, while our model takes 5 hours.", 5),
])
@pytest.mark.parametrize("ranker", [None, "default"])
def test_the_time_of_the_system_the_paper_calls_its_own(hw, second, want, ranker):
    assert hours(hw, OURS, second, ranker=ranker) == pytest.approx(want)


@pytest.mark.parametrize("second", [
    # two variants of ours: which is the run the sentence does not say
    "Training ZetaNet takes 30 hours on a K40 GPU, while ZetaNet-small takes 5 hours.",
    # neither is ours / one system not named: unchanged (the penalty of several systems stays on both)
    "Training the parser takes 30 hours on a K40 GPU and our tagger takes 5 hours.",
])
def test_no_pick_when_the_sentence_does_not_say_which_is_ours(hw, second):
    sents = [Sentence(4, t, "text", "body", index=i) for i, t in enumerate((OURS, second))]
    cands = [c for c in extract_from_sentences(sents, hw, PUBLISHED, ranker=None)["candidates"]
             if c["field"] == "training_hours"]
    assert len(cands) == 2 and not any("the one the paper calls its own" in c["why"] for c in cands)
