"""A value in the scope of 'would/might + take/require/need/cost ...' is what a run would take, not what the
paper's run took: no count, duration or device-hours from it. A fact stated before the modal stays."""

from __future__ import annotations

import datetime as dt

import pytest

from aicompute.extract import extract_from_sentences
from aicompute.hardware import HardwareTable
from aicompute.pdftext import Sentence


@pytest.fixture(scope="module")
def hw():
    return HardwareTable.load()


def chosen(hw, *texts):
    sents = [Sentence(4, t, "text", "body", index=i) for i, t in enumerate(texts)]
    ch = extract_from_sentences(sents, hw, dt.date(2023, 6, 1))["chosen"]
    return {f: None if ch.get(f) is None else ch[f]["value"] for f in ("chips", "training_hours", "chip_hours")}


@pytest.mark.parametrize("text", [
    "Reproducing the large baseline's pre-training would require 4 days on 16 Cloud TPUs, which is beyond our budget.",
    "Training such a model from scratch would take roughly 3 weeks on 64 V100 GPUs.",
    "A naive implementation might need 128 GPUs for about 10 days.",
    "Without our sampler, convergence would have required 200 GPU-days.",
    "On a single A100, full fine-tuning would cost 9 days of compute.",
])
def test_a_value_in_a_modal_of_cost_is_not_a_run(hw, text):
    got = chosen(hw, text)
    assert got == {"chips": None, "training_hours": None, "chip_hours": None}


@pytest.mark.parametrize("text, chips, hours", [
    # the fact comes before the modal
    ("We calculate that learning this task, which trains to convergence in 24 hours on 8 GPUs, would take 53 days "
     "on the real robot.", None, 24.0),
    # the modal is after the values, about something else
    ("Training takes 3 days on 8 V100 GPUs; a larger batch would reduce this further.", 8, 72.0),
    # a modal in another clause before the values
    ("A larger model would need more memory: we train ours on 4 A100 GPUs for 30 hours.", 4, 30.0),
    # the modal's clause ends at 'whereas' / 'but'
    ("If we trained on one GPU, it would take 3 weeks, whereas with 8 GPUs training takes 3 days.", None, 72.0),
    ("A single GPU would need a month, but on 32 V100 GPUs our training finishes in 20 hours.", None, 20.0),
    # 'would' without a verb of cost
    ("Our model, which would otherwise be costly, trains in 2 days on 4 GPUs.", None, 48.0),
])
def test_facts_beside_a_modal_stay(hw, text, chips, hours):
    """(chips None: the sentence-level hypothetical cue, older than this rule, leaves the count to review.)"""
    got = chosen(hw, text)
    assert got["training_hours"] == pytest.approx(hours)
    if chips is not None:
        assert got["chips"] == chips
