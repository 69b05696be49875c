"""The schedule stated with the chosen training data (``choice._with_the_chosen_data``: epochs, steps, batch) reads the
paper's cleaned dataset names (``choice._not_names_of``, ``data.not_dataset_names``): a model's or a chip's name links
no schedule. Sentences of our own, each with a near-miss that must still link."""

from __future__ import annotations

from aicompute.pdftext import Sentence
from aicompute.sizes.choice import _choose_sizes, _not_names_of, _with_the_chosen_data


def _run(*texts):
    sents = [Sentence(5, t, "text", "body", index=i) for i, t in enumerate(texts)]
    return _choose_sizes(sents, None, False, rules_only=True)


def _why(all_c, field, value):
    return [w for c in all_c[field] if c.value == value for w in c.why]


MODEL_DOC = (
    "The Zephyrnet-4 model stacks residual blocks, and the Zephyrnet-4 network is wide.",
    "We train Zephyrnet-4 on Kestrel-7, which holds 120,000 training images.",
    "On Kestrel-7 we train for 90 epochs.",
    "Zephyrnet-4 is then fine-tuned on Marlin-2, with 8,000 training images, for 30 epochs.",
)


def test_a_models_name_links_no_schedule_to_the_chosen_data():
    best, all_c = _run(*MODEL_DOC)
    assert best["tokens_or_examples"].value == 120000
    # the chosen data's own dataset still links its schedule (near-miss: must keep firing)
    assert "stated with the chosen training data" in _why(all_c, "epochs", 90)
    # the model's name, shared with the fine-tuning sentence, is no dataset: that schedule is another dataset's
    assert "stated with the chosen training data" not in _why(all_c, "epochs", 30)
    assert "stated with another dataset" in _why(all_c, "epochs", 30)


def test_the_name_set_of_the_chosen_data():
    sents = [Sentence(5, t, "text", "body", index=i) for i, t in enumerate(MODEL_DOC)]
    _, all_c = _run(*MODEL_DOC)
    bad = _not_names_of(sents, all_c)
    assert "Zephyrnet-4" in bad and "Kestrel-7" not in bad and "Marlin-2" not in bad


def test_a_chips_name_links_no_schedule():
    best, all_c = _run(
        "We train on Osprey-5, which holds 64,000 training clips, using V100 GPUs.",
        "With V100 GPUs, each of the baselines trains for 12 epochs.",
        "On Osprey-5 we train for 40 epochs.",
    )
    assert best["tokens_or_examples"].value == 64000
    assert "stated with the chosen training data" not in _why(all_c, "epochs", 12)
    assert "stated with the chosen training data" in _why(all_c, "epochs", 40)


def test_without_the_cleaned_set_the_old_names_are_read():
    # (the function's default keeps the raw names: a caller without the paper's text)
    _, all_c = _run(*MODEL_DOC)
    for f in ("epochs", "steps", "batch_size"):
        for c in all_c[f]:
            c.why = [w for w in c.why if "dataset" not in w and "training data" not in w]
    tk = next(c for c in all_c["tokens_or_examples"] if c.value == 120000)
    _with_the_chosen_data(tk, all_c)
    assert "stated with the chosen training data" in _why(all_c, "epochs", 30)
