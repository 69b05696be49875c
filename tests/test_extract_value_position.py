"""The sentence marks of a value are read at the value's own position (hw17, round 13): score_context and its clause
readers took the value's text and looked it up with str.find, so a value whose text also sits inside an earlier value
("8 GPUs" inside "128 GPUs", "6 hours" inside "16 hours") or is written twice ("8 GPUs ... 8 GPUs") got the marks of
the first occurrence's clause. The generators now pass where the value starts. Sentences of our own."""

from __future__ import annotations

import datetime as dt

import pytest

from aicompute.extraction import generate
from aicompute.extraction.context import OTHER_CLAUSE_WHY, value_clause, value_pos
from aicompute.pdftext import Sentence
from test_extract_modal import chosen, hw  # noqa: F401  (hw: the hardware table fixture)


def _cands(hw, text, field):
    gen = generate([Sentence(4, text, "text", "body", index=0)], hw, dt.date(2023, 6, 1))
    return gen.all_c.get(field, [])


def _one(cands, value):
    got = [c for c in cands if c.value == value]
    assert len(got) == 1, [(c.value, c.match) for c in cands]
    return got[0]


@pytest.mark.parametrize("text, value", [
    ("Serving the demo needs 64 GPUs, whereas we train on 4 GPUs.", 4),
    ("Inference is served from 128 GPUs, while training uses 8 GPUs.", 8),
])
def test_a_count_inside_an_earlier_count_takes_its_own_clause(hw, text, value):
    c = _one(_cands(hw, text, "chips"), value)
    assert "inference/timing context" not in c.why
    assert OTHER_CLAUSE_WHY not in c.why


def test_a_training_count_after_a_larger_inference_count_is_chosen(hw):
    assert chosen(hw, "Inference is served from 128 GPUs, while training uses 8 GPUs.")["chips"] == 8


def test_a_duration_inside_an_earlier_duration_takes_its_own_clause(hw):
    c = _one(_cands(hw, "Inference takes 16 hours, while training takes 6 hours on 2 GPUs.", "training_hours"), 6.0)
    assert "inference/timing context" not in c.why


@pytest.mark.parametrize("text, field, value", [
    ("Training took 3 days on 8 GPUs, while inference took 3 days on 8 GPUs.", "chips", 8),
    ("Training took 3 days on 8 GPUs, while inference took 3 days on 8 GPUs.", "training_hours", 72.0),
    ("Rendering the scenes took 2 days on 8 GPUs, while training the network took 5 days on 8 GPUs.", "chips", 8),
])
def test_a_value_written_twice_gets_each_clause_its_own_marks(hw, text, field, value):
    both = [c for c in _cands(hw, text, field) if c.value == value]
    assert len(both) == 2
    marked = [OTHER_CLAUSE_WHY in c.why or any("not training" in w for w in c.why) for c in both]
    assert sorted(marked) == [False, True]  # one clause is the run's, the other another job's
    assert max(c.score for c in both) > min(c.score for c in both)


@pytest.mark.parametrize("text", [
    # one clause: the value's marks are the sentence's, wherever it is written
    "We train on 8 GPUs and evaluate on 8 GPUs.",
    "Training takes 3 days on 8 GPUs.",
])
def test_one_clause_sentences_read_alike(hw, text):
    cands = _cands(hw, text, "chips")
    assert cands and all(OTHER_CLAUSE_WHY not in c.why for c in cands)


def test_value_pos_and_value_clause():
    t = "Inference runs on 128 GPUs, while training uses 8 GPUs."
    assert value_pos(t, "8 GPUs") == t.find("8 GPUs")  # (no position given: the first occurrence, inside "128 GPUs")
    assert value_pos(t, "8 GPUs", t.rfind("8 GPUs")) == t.rfind("8 GPUs")
    assert value_pos(t, "8 GPUs", 3) == t.find("8 GPUs")  # (a wrong position: the first occurrence)
    assert value_clause(t, "8 GPUs") is None  # written twice, position unknown: no clause
    a, b = value_clause(t, "8 GPUs", t.rfind("8 GPUs"))
    assert "training" in t[a:b] and "Inference" not in t[a:b]
