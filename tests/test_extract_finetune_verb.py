"""A fine-tuning verb is a training word (hw17, round 13): "We fine-tune the model for 6 hours on 1 A100 GPU" gave the
count but no duration, since context._TRAIN_RE read "train", "pre-train", "learn", "optimize" but not "fine-tune" /
"finetune" / "fine-tuned" (the sentence had no training word, and no time word near its duration). Fine-tuning keeps
its own mark (context "finetune": -0.8, and -0.7 when pre-training is described anywhere), so a paper's pre-training
run still wins. Sentences of our own; near-misses must not fire."""

from __future__ import annotations

import pytest

from test_extract_modal import chosen, hw  # noqa: F401  (hw: the hardware table fixture)


@pytest.mark.parametrize("text, chips, hours", [
    ("We fine-tune the model for 6 hours on 1 A100 GPU.", 1, 6.0),
    ("We finetune all layers for 20 hours on 4 RTX 3090 GPUs.", 4, 20.0),
    ("The detector is fine-tuned for 2 days on 8 V100 GPUs.", 8, 48.0),
])
def test_a_fine_tuning_run_has_its_duration(hw, text, chips, hours):
    got = chosen(hw, text)
    assert got["chips"] == chips
    assert got["training_hours"] == pytest.approx(hours)


def test_the_pre_training_run_still_wins(hw):
    got = chosen(hw, "We pre-train the model for 5 days on 64 TPU v3 chips.",
                 "We then fine-tune it for 3 hours on a single GPU.")
    assert got["chips"] == 64
    assert got["training_hours"] == pytest.approx(120.0)


@pytest.mark.parametrize("text", [
    "The fine-tuned model answers a query in 2 seconds on 1 GPU.",
    "Fine-tuning the retriever for 10 minutes per task is enough, as shown in prior work [12].",
    "Users can fine-tune the released model in 2 hours on a single GPU.",
])
def test_no_run_of_ours(hw, text):
    assert chosen(hw, text)["training_hours"] is None
