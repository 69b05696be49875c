"""A count in a clause about another job beside the training clause (hw17, round 13). hw16's clause mark lowered the
count's hand-set score, but the duration of the training clause still lifted it as "stated with a duration", the
ranker (which reads the score's rank and the rules' choice) kept a lone count, and the shown confidence read the
duration: "We train the model for 3 days, and the simulation runs on 64 CPU cores" gave 64 at 0.92. Now the duration
gives such a count no support (counts.OTHER_JOB_COUNT_PENALTY), and the marks that say "another job's value" reach
the ranker (ranker.other_job: feature "job:other", and the shown confidence's "dur_run"/"cnt_run" leave it out).
Sentences of our own; near-misses keep their count."""

from __future__ import annotations

import datetime as dt

import pytest

from aicompute.extract import extract_from_sentences
from aicompute.extraction import generate
from aicompute.extraction.core import Cand
from aicompute.extraction.ranker import TOP_BAND, other_job
from aicompute.pdftext import Sentence
from test_extract_modal import chosen, hw  # noqa: F401  (hw: the hardware table fixture)


@pytest.mark.parametrize("text, hours", [
    ("We train the model for 3 days, and the simulation runs on 64 CPU cores.", 72.0),
    ("We train the policy for 12 hours, while the simulator runs on 32 CPU cores.", 12.0),
    ("Inference runs on 4 GPUs, and we train for 10 hours.", 10.0),
    ("The rendering farm has 256 GPUs, and our model is trained for 2 days.", 48.0),
])
def test_another_jobs_lone_count_is_not_the_runs(hw, text, hours):
    got = chosen(hw, text)
    assert got["chips"] is None
    assert got["training_hours"] == pytest.approx(hours)


@pytest.mark.parametrize("text, chips, hours", [
    # the training clause has its own count
    ("We train the model for 2 days on 8 GPUs, and the simulation runs on 64 CPU cores.", 8, 48.0),
    ("Data collection used 200 CPU workers for 3 days, while training used 8 GPUs for 2 days.", 8, 48.0),
    # the second clause is the run's ("it"), not another job's
    ("We train the model for 3 days, and it runs on 64 GPUs.", 64, 72.0),
    # one clause
    ("We train the model for 3 days on 64 GPUs.", 64, 72.0),
])
def test_counts_of_the_run_stay(hw, text, chips, hours):
    got = chosen(hw, text)
    assert got["chips"] == chips
    assert got["training_hours"] == pytest.approx(hours)


def test_a_count_with_its_duration_keeps_the_top_band(hw):
    r = extract_from_sentences([Sentence(4, "We train the model for 3 days on 64 GPUs.", "text", "body", index=0)], hw,
                               dt.date(2023, 6, 1))
    assert r["chosen"]["chips"]["confidence"] >= TOP_BAND


def _gen(hw, text):
    return generate([Sentence(4, text, "text", "body", index=0)], hw, dt.date(2023, 6, 1))


@pytest.mark.parametrize("text, job, dur_run", [
    ("We train the model for 3 days, and the simulation runs on 64 CPU cores.", 1.0, 0.0),
    ("We train the model for 3 days on 64 CPU cores.", 0.0, 1.0),
])
def test_the_mark_reaches_the_ranker_features(hw, text, job, dur_run):
    gen = _gen(hw, text)  # (generate annotates the candidates: Cand.feats)
    (c,) = [c for c in gen.all_c["chips"] if c.value == 64]
    assert c.feats["job:other"] == job and c.feats["dur_run"] == dur_run


@pytest.mark.parametrize("why, expected", [
    (["training statement", "in a clause about another activity (inference, data collection ...) beside a training clause"], 1.0),
    (["the time of a non-training step (preprocessing, clustering, indexing ...)"], 1.0),
    (["the devices of a job that is not training (search, preprocessing, evaluation ...)"], 1.0),
    (["training statement", "duration in the same sentence"], 0.0),
    (["cites other work"], 0.0),  # another run's, not another job's: other features read it
])
def test_other_job(why, expected):
    assert other_job(Cand("chips", 8, 1, "s", "8 GPUs", 1.0, why)) == expected
