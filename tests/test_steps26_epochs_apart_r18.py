"""Round-18 (steps26): a step count stated apart from the paper's run stated in epochs (sizes_ranker feature
``st_epochs_elsewhere``, read by ``FieldModel.abstain_epochs_run``), in sentences of our own, with near-misses."""

from __future__ import annotations

import pytest

from aicompute.pdftext import Sentence

INTRO = "We describe a neural network for the task below and report how it is trained."

# ------------------------------------------------ a step count stated apart from the run stated in epochs
# (sizes_ranker feature ``st_epochs_elsewhere``, read by ``FieldModel.abstain_epochs_run``): the run's length is its
# epochs, a step count in another sentence is a downstream task's or a side experiment's (labels record the length once)
EPOCHS_ELSEWHERE = [
    ("We train ResNet-50 for 90 epochs on ImageNet. For detection on COCO we fine-tune the network for 90k iterations.",
     True),
    ("We train our model for 200 epochs with a batch size of 64. The generator is trained for 100,000 iterations in the "
     "preliminary experiments.", True),
    # near-misses: the epochs are a fine-tuning stage's, the same sentence restates the run, no epochs at all, another's
    ("We pre-train the encoder for 500k steps on the web corpus. We then fine-tune it for 3 epochs on each GLUE task.",
     False),
    ("We train the model for 1M steps (about 14 epochs) with a batch size of 4096.", False),
    ("We train the network for 100k iterations with SGD.", False),
    ("Prior work trains such models for 300 epochs [12]. We train ours for 100k iterations.", False),
]


@pytest.mark.parametrize("text, flagged", EPOCHS_ELSEWHERE)
def test_steps_stated_apart_from_the_epochs_run(text, flagged):
    import re

    from aicompute.sizes.choice import _choose_sizes
    from aicompute.sizes_ranker import FieldModel, features, field_stats, sentence_sets

    texts = [INTRO] + re.split(r"(?<=\.)\s+(?=[A-Z])", text)
    _, all_c = _choose_sizes([Sentence(3, t, "text", "body", index=i) for i, t in enumerate(texts)], None, False,
                             rules_only=True)
    steps = [c for c in all_c["steps"] if c.score >= 2.2]
    assert steps
    others = sentence_sets(all_c)
    stats = field_stats(all_c["steps"], others)
    rows = [features(c, all_c["steps"], None, 4, stats) for c in steps]
    assert {bool(r.get("st_epochs_elsewhere")) for r in rows} == {flagged}
    fm = FieldModel(model=None, abstain_epochs_run=True)
    assert all(fm.abstains_on(r) == flagged for r in rows)
    assert not any(FieldModel(model=None).abstains_on(r) for r in rows if r.get("sec:body"))
