"""The debug path that keeps hard-vetoed phrases as candidates (``core.keep_vetoed``), used to measure what
the vetoes cost in recall: off (the shipped behaviour) a vetoed phrase is no candidate; on, it is one, with
its reason in ``why`` (a ranker feature) and a score too low to be chosen by the rules. Sentences of our own;
near-misses are phrases that are candidates either way (no veto applies)."""

from __future__ import annotations

import datetime as dt

import pytest

from aicompute.extraction import generate
from aicompute.extraction.core import KEEP_VETOED, VETO_PREFIX, keep_vetoed
from aicompute.hardware import HardwareTable
from aicompute.pdftext import Sentence

PUBLISHED = dt.date(2023, 6, 1)


@pytest.fixture(scope="module")
def hw():
    return HardwareTable.load()


def cands(hw, text, field):
    gen = generate([Sentence(4, text, "text", "body", index=0)], hw, PUBLISHED)
    return gen.all_c.get(field, [])


def vetoed(c):
    return [w for w in c.why if w.startswith(VETO_PREFIX)]


# durations dropped outright: an amount of data, an interval, a rate, seconds, the old time of a reduction
@pytest.mark.parametrize("sentence, value, reason", [
    ("We pre-train the acoustic model on 960 hours of speech using 8 GPUs.", 960, "an amount of data"),
    ("A checkpoint of the model is saved every 30 minutes while training on 4 GPUs.", 0.5, "an interval"),
    ("Training on 8 GPUs takes 2 hours per epoch.", 2, "rate"),
    ("Our fused kernel reduces the training time from 3 weeks to 5 days on 16 GPUs.", 504, "reduction"),
])
def test_a_vetoed_duration_is_a_candidate_only_on_the_debug_path(hw, sentence, value, reason):
    assert not any(c.value == pytest.approx(value) for c in cands(hw, sentence, "training_hours"))
    with keep_vetoed():
        kept = [c for c in cands(hw, sentence, "training_hours") if c.value == pytest.approx(value)]
    assert kept and all(vetoed(c) for c in kept)
    assert reason in vetoed(kept[0])[0]
    assert kept[0].score < 1.5  # never above the rules' floor
    assert not KEEP_VETOED.on  # the switch is restored


@pytest.mark.parametrize("sentence, value", [
    ("Training the full model on 8 GPUs takes 3 days.", 72),
    ("Our fused kernel reduces the training time to 5 days on 16 GPUs.", 120),
    ("The model was trained for 36 hours on 4 GPUs.", 36),
])
def test_near_miss_an_unvetoed_duration_is_the_same_either_way(hw, sentence, value):
    off = [(c.value, c.score, tuple(c.why)) for c in cands(hw, sentence, "training_hours")]
    with keep_vetoed():
        on = [(c.value, c.score, tuple(c.why)) for c in cands(hw, sentence, "training_hours")]
    assert any(v == pytest.approx(value) for v, _, _ in off)
    assert on == off


# counts dropped outright: one machine, a product, a machine's description
@pytest.mark.parametrize("sentence, value", [
    ("All experiments were run on one machine with a recent Intel processor.", 1),
    ("Training consumed 512 GPU hours in total on our cluster.", 512),
])
def test_a_vetoed_count_is_a_candidate_only_on_the_debug_path(hw, sentence, value):
    assert not any(c.value == value for c in cands(hw, sentence, "chips"))
    with keep_vetoed():
        kept = [c for c in cands(hw, sentence, "chips") if c.value == value]
    assert kept and all(vetoed(c) for c in kept)
    assert kept[0].score < 1.5


@pytest.mark.parametrize("sentence, value", [
    ("We train the network on 16 NVIDIA V100 GPUs for two days.", 16),
    ("The model is trained on four TPU v3 chips.", 4),
])
def test_near_miss_an_unvetoed_count_is_chosen_the_same_either_way(hw, sentence, value):
    off = cands(hw, sentence, "chips")
    with keep_vetoed():
        on = cands(hw, sentence, "chips")
    assert max(off, key=lambda c: c.score).value == value
    assert max(on, key=lambda c: c.score).value == value
    assert [(c.value, c.score) for c in on if not vetoed(c)] == [(c.value, c.score) for c in off]
