"""A statement carried over two adjacent sentences by an explicit link: the devices named again as
"they/them" ("We use eight GPUs. Each of them is an NVIDIA V100."), the run named again as "this/it/the whole
process" ("We train the model on 4 K40 GPUs. This takes about 3 days."). Sentences of our own (none from a
corpus paper), with near-misses where the link must not be made: the previous sentence is someone else's setup,
is not about training, or the pronouns name people."""

from __future__ import annotations

import datetime as dt

import pytest

from aicompute.extraction.context import continues_previous_run, previous_sentence_cues, things_pronouns_only
from conftest import chosen_values

PUBLISHED = dt.date(2017, 6, 1)


def chosen(hw, *texts, ranker="default"):
    return chosen_values(hw, texts, PUBLISHED, ("training_hours", "chips", "chip_model"), ranker=ranker)


# ------------------------------------------------------------------ the pieces


@pytest.mark.parametrize("text, want", [
    ("Each of them is an NVIDIA V100 with 32 GB of memory.", True),
    ("They are all Tesla P40 cards.", True),
    ("Both of them have 24 GB of memory.", True),
    ("They trained on 8 V100 GPUs.", False),  # people doing something
    ("Their model was trained on 8 V100 GPUs.", False),
    ("Each of them is an NVIDIA V100, as in their setup.", False),
    ("The GPUs are NVIDIA V100s.", False),  # no pronoun at all
])
def test_pronouns_that_name_things(text, want):
    assert things_pronouns_only(text) is want


@pytest.mark.parametrize("text, want", [
    ("This takes about 3 days.", True),
    ("It took roughly two weeks on 8 GPUs.", True),
    ("Overall, this required 40 hours.", True),
    ("The whole process takes about 5 days.", True),
    ("This is done on 8 GPUs.", False),
    ("It is known that training takes long.", False),
    ("The process of data collection is slow and takes weeks.", False),
])
def test_a_subject_pointing_back_with_a_time_verb(text, want):
    assert continues_previous_run(text) is want


@pytest.mark.parametrize("text, ours, trains", [
    ("We train our model with Adam on 4 GPUs.", True, True),
    ("Our networks are optimized with SGD.", True, True),
    ("We evaluate the model on the held-out set.", True, False),
    ("Smith et al. [3] trained their model on 512 GPUs.", False, False),
    ("We follow the setup of the original paper and train for 10 epochs.", False, False),
    ("We compare with BERT, which was trained on 16 TPUs.", False, False),
    ("The model is trained on 8 GPUs.", False, False),  # no we/our: whose is not said
])
def test_the_previous_sentence_is_our_training(text, ours, trains):
    assert previous_sentence_cues(text) == (ours, trains)


# ------------------------------------------------------------------ end to end


def test_the_chip_named_for_our_devices_in_the_next_sentence(hw):
    got = chosen(hw, "We use eight GPUs for all our experiments.", "Each of them is an NVIDIA V100 with 32 GB of memory.")
    assert got["chip_model"] == "NVIDIA V100" and got["chips"] == 8


@pytest.mark.parametrize("texts, want", [
    (["Our model is trained on 4 K40 GPUs.", "This takes about 3 days."], 72),
    (["We train our networks with SGD on 4 GPUs.", "The whole process takes about 5 days."], 120),
    (["We train the model with Adam on 2 GPUs.", "It took roughly 30 hours."], 30),
])
def test_the_time_of_the_run_named_in_the_previous_sentence(hw, texts, want):
    assert chosen(hw, *texts)["training_hours"] == pytest.approx(want)


@pytest.mark.parametrize("texts", [
    ["Smith et al. [3] trained on 512 GPUs.", "This took 2 weeks."],  # someone else's run
    ["We train our model on the data of [4].", "This takes about 3 days."],  # a citation in the previous sentence
    ["We build on prior work.", "They trained on 8 V100 GPUs for 3 weeks."],  # they = people
    ["We train the model for 100 epochs.", "This takes 20 ms per step."],  # a rate
    ["We train the model with Adam.", "It takes 2 hours to run inference on the test set."],  # another job
    ["We train our model on 8 GPUs.", "It took two weeks to collect the data with annotators."],
    ["We describe our data in Section 3.", "This takes about 3 days."],  # the previous sentence is not training
])
def test_no_link_to_a_run_that_is_not_ours_or_not_training(hw, texts):
    assert chosen(hw, *texts)["training_hours"] is None


def test_two_adjacent_runs_stay_apart(hw):
    got = chosen(hw, "The baseline was trained on 8 GPUs for 5 days.", "Our model is trained for 2 days on 4 GPUs.")
    assert got["training_hours"] == pytest.approx(48) and got["chips"] == 4


def test_others_devices_named_as_them_stay_others(hw):
    # the P100 of someone else's setup is read as theirs (it would be the only chip named: silence is not required,
    # but the link must not make it ours with a count)
    got = chosen(hw, "Smith et al. [2] used eight GPUs.", "Each of them is an NVIDIA P100 with 16 GB.")
    assert got["chips"] is None
