"""The time of an activity named by a gerund subject that is not training (hw15, round 12): "Generating the
pseudo-labels took 3 days on 8 GPUs", "Computing the FID statistics takes 1 hour" time that job, whatever it is,
not the run (the lists of named jobs, durations._NON_TRAIN_JOB and context._JOB_SUBJECT_RE, cover only the
activities someone has seen). Near-misses: gerunds that name training or a run of it (training, pre-training,
fine-tuning, running, distilling, reproducing ...), prepositions ending in -ing (During, Using, Following), a
subject phrase with a training word of its own. Sentences of our own."""

from __future__ import annotations

import pytest

from aicompute.extraction.durations import gerund_job_subject, non_training_job
from test_extract_modal import chosen, hw  # noqa: F401  (hw: the hardware table fixture)


@pytest.mark.parametrize("text", [
    "Generating the pseudo-labels with the teacher took 3 days on 8 GPUs.",
    "Computing the FID statistics takes about 1 hour on a single GPU.",
    "Caching the teacher logits required about 30 hours on 16 GPUs.",
    "Converting the checkpoints to half precision took 3 hours on one GPU.",
    "Scoring all candidate translations with the reranker took 2 days on 8 GPUs.",
    "Processing the whole corpus with our model takes 2 days on 8 GPUs.",
    "Overall, mining the hard negatives from the index consumed roughly 40 hours on 32 V100 GPUs.",
    "Estimating the Fisher information for every layer took approximately 9 hours on 4 GPUs.",
])
def test_a_gerund_job_is_not_the_run(hw, text):
    assert chosen(hw, text)["training_hours"] is None


@pytest.mark.parametrize("text, hours", [
    ("Training the big model took 3.5 days on eight GPUs.", 84.0),
    ("Pre-training the encoder takes 4 days on 16 TPU chips.", 96.0),
    ("Fine-tuning the full model requires about 6 hours on 8 A100 GPUs.", 6.0),
    ("Running all 300 epochs takes about 2 days on 8 GPUs.", 48.0),
    ("Distilling the student from the teacher took 30 hours on 4 A100 GPUs.", 30.0),
    ("During pre-training, the model took 3 days to converge on 64 TPU chips.", 72.0),
    ("Using 8 V100 GPUs the full training takes 3 days.", 72.0),
    ("Reproducing the large model from scratch took 9 days on 32 GPUs.", 216.0),
    ("Optimizing the policy network took 5 days on 16 GPUs.", 120.0),
    ("Learning the joint embedding takes about 20 hours on 4 GPUs.", 20.0),
])
def test_a_training_gerund_keeps_its_time(hw, text, hours):
    assert chosen(hw, text)["training_hours"] == hours


def test_the_run_beside_a_gerund_job_keeps_its_time(hw):
    got = chosen(hw, "We train on 8 GPUs for 3 days.", "Computing the evaluation metrics takes another 5 hours.")
    assert got["training_hours"] == 72.0


@pytest.mark.parametrize("before, expected", [
    ("Generating the pseudo-labels with the teacher took ", True),
    ("Decoding all beams takes about ", True),
    ("Training the big model took ", False),
    ("Following the authors, fitting took ", False),
    ("Building the model took ", False),
    ("Scheduling the 300 training epochs takes ", False),  # a training word in the subject phrase
    ("We train the model, and generating samples takes ", False),  # not the sentence's subject
])
def test_gerund_job_subject(before, expected):
    assert gerund_job_subject(before) is expected
    if expected:
        assert non_training_job(before, "")
