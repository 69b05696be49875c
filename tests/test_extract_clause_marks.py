"""Marks of a sentence that joins two activities are judged per clause (hw16, round 12): "Preparing the corpus took
1 day, and training the model took 3 days on 8 GPUs" times the corpus job in its first clause and the run in its
second; "Inference runs on 1 GPU, while training uses 8 GPUs" gives the training clause's count. The first clause's
job subject (context._JOB_SUBJECT_RE) and the other clause's inference cue no longer mark a value whose own clause
(cut at ';' and ', and/while/whereas/but') names training. Near-misses: one-clause sentences with a job subject, a
job clause with no training word of its own, a training sentence with a schedule or a compound duration. Sentences
of our own."""

from __future__ import annotations

import pytest

from aicompute.extraction.context import value_clause
from test_extract_modal import chosen, hw  # noqa: F401  (hw: the hardware table fixture)


@pytest.mark.parametrize("text, chips, hours", [
    ("Generating the synthetic scenes took 1 day, and training the model took 3 days on 8 GPUs.", 8, 72.0),
    ("Generating the augmented samples took 14 hours, while training the segmenter took 2 days on 4 GPUs.", 4, 48.0),
    ("Training the tokenizer required 2 hours, and training the language model required 5 days on 16 TPUs.", 16, 120.0),
    ("Collecting the demonstrations took a week, but training the policy took only 10 hours on a single GPU.", 1, 10.0),
    ("Creating the labels took 6 hours; training then took 30 hours on 2 GPUs.", 2, 30.0),
    ("Generating the data took 1 day on 100 CPUs, and the model was then trained on 8 GPUs.", 8, None),
])
def test_training_clause_after_a_job_subject_keeps_its_values(hw, text, chips, hours):
    got = chosen(hw, text)
    assert got["chips"] == chips
    assert got["training_hours"] == (None if hours is None else pytest.approx(hours))


@pytest.mark.parametrize("text, chips", [
    ("Inference runs on 1 GPU, while training uses 8 GPUs.", 8),
    ("Inference is served from 2 GPUs, whereas training uses 16 GPUs.", 16),
    ("Decoding runs on a CPU; we train on 4 GPUs.", 4),
])
def test_training_clause_beside_inference_keeps_its_count(hw, text, chips):
    assert chosen(hw, text)["chips"] == chips


@pytest.mark.parametrize("text", [
    # one clause: the job subject times the whole sentence
    "Generating the synthetic scenes took 1 day on 8 GPUs.",
    "Training the tokenizer takes 2 hours on 64 CPU cores.",
    # the second clause names no training of its own
    "Generating the synthetic scenes took 1 day, and it ran on 8 GPUs.",
    "Collecting the demonstrations took 3 days, while the simulator ran on 32 CPU cores.",
])
def test_job_subject_marks_stay_without_a_training_clause(hw, text):
    assert chosen(hw, text)["training_hours"] is None


@pytest.mark.parametrize("text, hours", [
    ("Training took 3 days and 2 hours on 8 GPUs.", 74.0),
    ("We train for 3 days on 8 GPUs and evaluate every 2 hours.", 72.0),
    ("We train for 3 days on 8 GPUs, and evaluate the checkpoint every 2 hours.", 72.0),
    ("Training takes 3 days on 8 GPUs, and we save a checkpoint every 6 hours.", 72.0),
    ("Training takes 20 hours on 2 GPUs, whereas pre-processing takes 4 hours.", 20.0),
    ("Evaluating the model takes 3 hours, while training it takes 4 days on 16 GPUs.", 96.0),
])
def test_training_sentence_keeps_its_time(hw, text, hours):
    assert chosen(hw, text)["training_hours"] == pytest.approx(hours)


def test_value_clause_spans():
    t = "Generating the data took 1 day, and training took 3 days; inference takes 2 hours."
    a, b = value_clause(t, "3 days")
    assert t[a:b].startswith(", and training")
    assert value_clause("Training took 3 days on 8 GPUs.", "3 days") is None
    assert value_clause(t, "5 weeks") is None


@pytest.mark.parametrize("text, hours", [
    # the other clause's job: not a second system timed beside the run, and its crowd is not the run's
    ("Labelling took 300 hours of crowd work, and training took 16 hours on 4 GPUs.", 16.0),
    ("The demonstrations were collected by 120 CPU workers over 4 days, while training used 8 GPUs for 2 days.", 48.0),
])
def test_a_job_clause_beside_the_training_clause(hw, text, hours):
    assert chosen(hw, text)["training_hours"] == pytest.approx(hours)


@pytest.mark.parametrize("text, chips, hours", [
    # the same count written in both clauses: its clause is not known, the sentence-level reading stays
    ("Sampling 10k images takes 2 hours on 8 GPUs, while training takes 6 days on 8 GPUs.", 8, 144.0),
    # a run clause without a training word keeps its values
    ("Training takes 2 days, and we use 8 GPUs.", 8, 48.0),
    ("We train on 8 GPUs for 3 days, and the model is evaluated on 1 GPU.", 8, 72.0),
])
def test_clause_near_misses(hw, text, chips, hours):
    got = chosen(hw, text)
    assert got["chips"] == chips
    assert got["training_hours"] == pytest.approx(hours)


def test_two_systems_still_two():
    from aicompute.extraction.durations import SEVERAL_SYSTEMS_WHY
    from aicompute.extraction.context import make_ctx
    from aicompute.extraction.durations import duration_cands
    from aicompute.pdftext import Sentence
    t = "Training the parser takes 30 hours on 2 GPUs, and the tagger takes 5 hours."
    out = duration_cands(make_ctx(Sentence(4, t, "text", "body", index=0), None, None))
    assert out and all(SEVERAL_SYSTEMS_WHY in d.why for d in out if d.match in ("30 hours", "5 hours"))
