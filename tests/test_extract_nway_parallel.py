"""(hw18, round 13) The degree of parallelism as the device count: "8-way data parallelism on A100 GPUs" gave no
count; kinds multiply ("32-way data and 4-way tensor parallelism"). Only with an accelerator named and no count of its
own in the sentence, one degree per kind, not within a machine. Near-misses: "a 3-way split", "5-way 1-shot", "2-way
interaction". Sentences of our own."""

from __future__ import annotations

import pytest

from test_extract_modal import chosen, hw  # noqa: F401  (hw: the hardware table fixture)


# 1. N-way parallelism
@pytest.mark.parametrize("text, chips", [
    ("We train with 8-way data parallelism on A100 GPUs.", 8),
    ("The model is trained with 64-way data parallelism over TPU v3 cores for 3 days.", 64),
    ("We train with 16-way parallel training over V100 GPUs for 2 weeks.", 16),
    ("Training uses 32-way data parallelism and 4-way tensor parallelism on A100 GPUs.", 128),
    ("Our largest model is trained with 12-way FSDP sharding on H100 GPUs for 9 days.", 12),
])
def test_degree_of_parallelism_is_the_count(hw, text, chips):
    assert chosen(hw, text)["chips"] == chips


@pytest.mark.parametrize("text, chips", [
    # a count stated with its noun says more than the degree
    ("We use 4-way tensor parallelism within each 8-GPU node.", 8),
    ("We train with 8-way data parallelism across 4 nodes with 8 A100 GPUs each.", 32),
    ("We use a 3-way split of the data on 4 GPUs.", 4),
])
def test_a_stated_count_wins_over_the_degree(hw, text, chips):
    assert chosen(hw, text)["chips"] == chips


@pytest.mark.parametrize("text", [
    "We evaluate in the 5-way 1-shot setting on a GPU cluster.",
    "We model 2-way interaction terms between the features.",
    "The model uses 8-way model parallelism to fit in memory.",  # no device named
    "We use 4-way tensor parallelism within each node of our A100 cluster.",  # the machines' count is not said
    "We compare 8-way and 16-way data parallelism on V100 GPUs.",  # two degrees of one kind
    # a model-parallel degree alone: the data-parallel replicas (and so the devices) are more
    "We use 16-way model parallelism on V100 GPUs and train for 2 weeks.",
    "We use a 4-way tensor parallelism on A100 GPUs.",
    "Our largest model is trained with 12-way pipeline parallel stages on H100 GPUs for 9 days.",
    "Throughput scales from 8-way to 64-way data parallelism on TPU v3.",
    "The corpus is divided by a 3-way split into train, dev and test sets, processed on GPUs.",
])
def test_no_count_from_other_n_way(hw, text):
    assert chosen(hw, text)["chips"] is None
