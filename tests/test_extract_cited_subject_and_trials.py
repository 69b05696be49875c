"""Two classes of a duration that is not the run's (hw15, round 12), sentences of our own:

- a cited work as the sentence's subject, reporting or running ("Devlin et al. (2019) report that pre-training took
  4 days on 64 TPU chips", "[7] uses 8 GPUs for 3 days"): the cited run's time and devices (context._HEARSAY_RE).
  Near-misses: a borrowed setup said with we ("Following X (2019), we pre-train ...", "As in [7], we train ..."),
  our clause beside the citation's.
- one trial of a search as the subject ("Each trial of the random search ran for at most 12 hours"): the time of
  a trial (as "200 trials, each taking 2 hours" already was). Near-misses: each configuration/model trained with no
  search named, "each trial was run for 5 days" with no search named.
"""

from __future__ import annotations

import pytest

from test_extract_modal import chosen, hw  # noqa: F401  (hw: the hardware table fixture)


@pytest.mark.parametrize("text", [
    "Devlin et al. (2019) report that pre-training took 4 days on 64 TPU chips.",
    "Radford et al. [22] trained the model for 30 days on 256 GPUs.",
    "[7] uses 8 GPUs for 3 days.",
    "Kim and Park (2021) estimated that the run needed 9 days on 32 A100 GPUs.",
    "Zhou et al. (2020) note that their model converged in 2 weeks on 16 GPUs.",
])
def test_a_cited_subjects_run_is_not_ours(hw, text):
    got = chosen(hw, text)
    assert got["training_hours"] is None and got["chips"] is None


@pytest.mark.parametrize("text, chips, hours", [
    ("Following Devlin et al. (2019), we pre-train for 4 days on 64 TPU chips.", 64, 96.0),
    ("As in [7], we train for 3 days on 8 GPUs.", 8, 72.0),
    ("We pre-train for 4 days on 64 TPU chips, as Devlin et al. (2019) did.", 64, 96.0),
    ("Devlin et al. (2019) report that pre-training took 4 days; we train ours for 3 days on 8 GPUs.", 8, 72.0),
])
def test_our_run_beside_a_citation_keeps_its_values(hw, text, chips, hours):
    got = chosen(hw, text)
    assert (got["chips"], got["training_hours"]) == (chips, hours)


@pytest.mark.parametrize("text", [
    "Each trial of the random search ran for at most 12 hours on a single GPU.",
    "Every configuration in the hyperparameter sweep was trained for 2 days on 4 GPUs.",
    "Each candidate setting of the grid search takes about 6 hours on 8 GPUs.",
])
def test_one_trial_of_a_search_is_not_the_run(hw, text):
    assert chosen(hw, text)["training_hours"] is None


@pytest.mark.parametrize("text, hours", [
    ("Each configuration is trained for 3 days on 8 GPUs.", 72.0),
    ("Every model was trained for 3 days on 8 GPUs.", 72.0),
    ("Each trial was run for 5 days on 16 GPUs.", 120.0),
])
def test_each_model_with_no_search_keeps_its_time(hw, text, hours):
    assert chosen(hw, text)["training_hours"] == hours
