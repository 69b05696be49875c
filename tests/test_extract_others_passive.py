"""Someone else's run said in the passive (hw16, round 12): the agent names the others ("The reward model was
trained for 4 days on 32 GPUs by its original authors", "... by Lee et al.") or the subject is a model obtained from
elsewhere ("The encoder weights we downloaded were pre-trained for 3 weeks on 128 TPU cores", "The off-the-shelf
detector was trained for ..."): its time and devices are not the paper's run. Near-misses: our release, our model,
'by' + a gerund (a method), 'by us'. Sentences of our own."""

from __future__ import annotations

import pytest

from aicompute.extraction.context import others_passive_run
from test_extract_modal import chosen, hw  # noqa: F401  (hw: the hardware table fixture)


@pytest.mark.parametrize("text", [
    "The reward model was trained for 4 days on 32 GPUs by its original authors.",
    "The speech encoder had been trained for 6 days on 16 GPUs by the developers.",
    "The encoder weights we downloaded were pre-trained for 3 weeks on 128 TPU cores.",
    "The public checkpoints that we obtained were trained for 9 days.",
    "The off-the-shelf detector was trained for 20 hours on 8 GPUs.",
    "The vision backbone was trained for 5 days on 64 GPUs by Lee et al. before we froze it.",
])
def test_others_passive_run_gives_nothing(hw, text):
    got = chosen(hw, text)
    assert got["training_hours"] is None
    assert got["chips"] is None


@pytest.mark.parametrize("text, chips, hours", [
    ("The checkpoints we release were trained for 3 days on 8 GPUs.", 8, 72.0),
    ("Our teacher was trained for 2 days on 16 GPUs.", 16, 48.0),
    ("The model was trained for 3 days on 8 GPUs by minimizing the cross-entropy loss.", 8, 72.0),
    ("The student is trained for 12 hours on 4 GPUs by distilling the teacher.", 4, 12.0),
    ("Each model was trained for 2 days on 8 GPUs by us.", 8, 48.0),
])
def test_our_passive_run_keeps_its_values(hw, text, chips, hours):
    got = chosen(hw, text)
    assert got["chips"] == chips
    assert got["training_hours"] == pytest.approx(hours)


def test_value_before_the_passive_is_not_marked():
    t = "We fine-tune for 2 hours on 4 GPUs; the backbone was trained for 5 days by its authors."
    assert not others_passive_run(t, "2 hours")
    assert others_passive_run(t, "5 days")
