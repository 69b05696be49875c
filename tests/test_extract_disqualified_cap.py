"""A value the rules say is not the run's (a point during training, a time saved, what a run would take, someone
else's run, ...) stays below every choice floor however many cues of a run its sentence stacks: its score is capped
(core.cap_disqualified), it is not added to. Sentences of our own (none from a corpus paper): checkpoints and
savings that stacked "main/all models", a count and a time word past their penalty must stay silent; run
sentences with the same words must keep their value."""

from __future__ import annotations

import datetime as dt
import inspect

import pytest

from aicompute import extraction
from aicompute.extraction import choose, context, core, durations
from aicompute.extraction.core import DISQUALIFIED_CAP, DISQUALIFYING_WHYS, Cand, cap_disqualified
from conftest import chosen_values

PUBLISHED = dt.date(2019, 6, 1)


def chosen(hw, *texts, ranker="default"):
    return chosen_values(hw, texts, PUBLISHED, ranker=ranker)


# ------------------------------------------------------------------ the mechanism


def _cand(field, score, *why):
    return Cand(field, 6.0, 1, "s", "6 hours", score, list(why))


def test_a_disqualified_value_is_capped_whatever_else_its_sentence_says():
    c = _cand("training_hours", 7.0, "training statement", "main/all models",
              "a point during training ('after N hours ... reaches'), not the run's length")
    low = _cand("training_hours", -2.0, "a time saved or a difference ('saves 2 days', '3 hours faster'), not a run")
    run = _cand("training_hours", 7.0, "training statement", "main/all models")
    model = _cand("chip_model", 7.0, "hearsay about another run (reportedly, ...)")
    cap_disqualified({"training_hours": [c, low, run], "chip_model": [model]})
    assert c.score == DISQUALIFIED_CAP
    assert low.score == -2.0  # a cap, not a floor
    assert run.score == 7.0  # no disqualifying reason
    assert model.score == 7.0  # the chip model is not a run's value (its choice is anchored to the count)


def test_the_cap_is_below_every_choice_floor():
    src = inspect.getsource(choose.choose_rules) + inspect.getsource(choose.best_chip_hours)
    floors = [float(x) for x in __import__("re").findall(r"min_score=([\d.]+)", src)]
    assert floors and DISQUALIFIED_CAP < min(floors)


def test_every_disqualifying_reason_is_one_the_rules_write():
    # (a reason reworded where it is written would silently lose its cap)
    src = "".join(inspect.getsource(m) for m in (context, durations, choose, extraction))
    for prefix in DISQUALIFYING_WHYS:
        assert prefix in src, prefix


# ------------------------------------------------------------------ end to end: silent


@pytest.mark.parametrize("text", [
    # a checkpoint that names the final model (the cue that stacked past the penalty: was 6 h at 0.78)
    "After 6 hours of training on 8 GPUs, our final model already reaches 95% of its best accuracy.",
    # a saving, stated with the run's cues (was 48 h at 0.78)
    "Training our final model on 8 GPUs saves 2 days compared with the standard recipe.",
    # the same classes that were already silent and must stay so
    "After only 5 hours of training on 4 V100 GPUs, the main model matches the accuracy of the full schedule.",
    "On 16 GPUs, the whole training of all our models finishes 3 days faster than with the original code.",
    "Using 16 V100 GPUs, all our models match the baseline's accuracy after only 10 hours of training.",
    "Training all our final models on 8 GPUs would take about 10 days.",
    "The final model could be trained on 4 GPUs in 3 days.",
])
def test_not_the_runs_time_even_with_the_cues_of_a_run(hw, text):
    assert chosen(hw, text)["training_hours"] is None
    assert chosen(hw, text, ranker=None)["training_hours"] is None


def test_the_count_of_a_checkpoint_sentence_is_still_the_runs(hw):
    # the devices are the run's; only the time is a point during it
    assert chosen(hw, "After 6 hours of training on 8 GPUs, our final model already reaches 95% of its best accuracy.")[
        "chips"] == 8


# ------------------------------------------------------------------ end to end: the run keeps its value


@pytest.mark.parametrize("text, want", [
    ("We train the final model for 3 days on 8 GPUs.", 72),
    ("Training all our models took 2 days on 4 GPUs.", 48),
    ("After pre-training, we fine-tune the final model for 6 hours on 8 GPUs.", 6),
    ("The final model reaches convergence after 6 hours of training on 8 GPUs.", 6),  # the run's end, not a point in it
    ("After 2 hours our final model already reaches 90% accuracy, and training takes 10 hours in total on 8 GPUs.", 10),
    ("Our final model is trained for 20 hours on 8 GPUs and reaches 95% accuracy.", 20),
])
def test_the_run_keeps_its_time(hw, text, want):
    assert chosen(hw, text)["training_hours"] == pytest.approx(want)
    assert chosen(hw, text, ranker=None)["training_hours"] == pytest.approx(want)


# ------------------------------------------------------------------ a time in a clause about others (round 10, lead)
# "we train on 8 GPUs, whereas AlphaStar used 384 TPUs for 14 days [3]": our count and another run's time in one
# sentence; the time (in the clause with its own subject: a name, a citation, they) is not our run's length


@pytest.mark.parametrize("text", [
    "We train our agent on 8 GPUs, whereas MuZero used 1,000 TPUs for 12 hours [5].",
    "We fine-tune on 4 GPUs; the original BERT-large was pre-trained on 64 TPU chips for 4 days.",
])
def test_a_time_in_a_clause_about_others_is_not_our_run(hw, text):
    got = chosen(hw, text)
    assert got["training_hours"] is None and got["chips"] in (8, 4)


@pytest.mark.parametrize("text, hours", [
    ("We train our model for 3 days on 8 GPUs, whereas the baseline [4] needs 2 weeks.", 72),  # ours in our clause
    ("We train on 8 GPUs for 2 days.", 48),
])
def test_our_time_beside_a_clause_about_others_stays(hw, text, hours):
    assert chosen(hw, text)["training_hours"] == hours
