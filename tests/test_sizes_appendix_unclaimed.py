"""The learned tokens choice leaves the field empty when its pick is stated in an appendix with no we/our and no own
model named beside it (``FieldModel.abstain_appendix_unclaimed``): an appendix's benchmark descriptions and side
experiments. Sentences of our own, with near-misses that must still give a value."""

from __future__ import annotations

import numpy as np
import pytest

from aicompute import sizes_ranker as sr
from aicompute.extraction.ranker import Logistic
from aicompute.pdftext import Sentence
from aicompute.sizes import _choose_sizes


def _model(weights, appendix=None):
    names = sorted(weights)
    m = Logistic(names, np.zeros(len(names)), np.ones(len(names)), np.array([weights[n] for n in names]), 0.0)
    return sr.FieldModel(m, 0.0, 2.0, 0.2, 1.0, None, "always", max_gap=99.0, floor=False,
                         abstain_appendix_unclaimed=appendix)


def _decide(texts, sections, appendix=True):
    sents = [Sentence(5, t, "text", sections.get(i, "body"), index=i) for i, t in enumerate(texts)]
    best, all_c = _choose_sizes(sents, None, False, rules_only=True)
    cs = all_c["tokens_or_examples"]
    c, _ = sr.decide_field(_model({"log10v": 3.0}, appendix), cs, best["tokens_or_examples"], 5, sr.sentence_sets(all_c))
    return c


_BODY = "Our detector is trained on 4,210 annotated training images of birds."


@pytest.mark.parametrize("text", [
    "The Owlnet-2 benchmark comprises 98,000 training images in 14 categories.",
    "All the models were trained using 98,000 training data points.",  # training words, no claim
    "The auxiliary task's dataset is composed of 98,000 training images and 5,000 test images.",
])
def test_an_appendix_amount_without_we_or_our_model_gives_no_value(text):
    c = _decide([_BODY, text], {1: "appendix"})
    assert c is None
    # the same model without the setting picks it (the largest amount)
    c = _decide([_BODY, text], {1: "appendix"}, appendix=None)
    assert c is not None and c.value == 98000


@pytest.mark.parametrize("text, sections", [
    # near-misses: the appendix says we/our, or the amount is in the body
    ("We train the final detector on 98,000 training images of birds.", {1: "appendix"}),
    ("Our training set holds 98,000 annotated images.", {1: "appendix"}),
    ("The Owlnet-2 benchmark comprises 98,000 training images in 14 categories.", {}),
])
def test_a_claimed_appendix_amount_or_a_body_amount_is_given(text, sections):
    c = _decide([_BODY, text], sections)
    assert c is not None and c.value == 98000


def test_scoring_applies_the_same_rule_and_the_shipped_tokens_model_has_it():
    row = {"above_floor": 1.0, "sec:appendix": 1.0, "ctx:train": 1.0, "v_max": 1.0}
    g = sr.Group("p", "tokens_or_examples", [row], [1], 0, True)
    assert sr.score_groups(_model({"log10v": 3.0}, True), [g])[0][2] is False
    for claim in ("ctx:we", "own_any"):
        g = sr.Group("p", "tokens_or_examples", [{**row, claim: 1.0}], [1], 0, True)
        assert sr.score_groups(_model({"log10v": 3.0}, True), [g])[0][2] is True
    r = sr.default_ranker()
    assert r is not None and r.fields["tokens_or_examples"].abstain_appendix_unclaimed
    assert r.fields["epochs"].abstain_appendix_unclaimed and r.fields["steps"].abstain_appendix_unclaimed
    assert not r.fields["parameters"].abstain_appendix_unclaimed and not r.fields["batch_size"].abstain_appendix_unclaimed
    # the cue is read by the abstention only, by no field's learned weights
    assert not any("claimed_value" in m.model.names for m in r.fields.values())
    assert sr.CONFIG["tokens_or_examples"]["abstain_appendix_unclaimed"]


def test_an_appendix_value_the_body_claims_is_given():
    # the same amount stated in the body with we/our: the appendix's restatement is the run's
    texts = ["The Owlnet-2 benchmark comprises 98,000 training images in 14 categories.",
             "We fine-tune the detector on all 98,000 images of it."]
    c = _decide([_BODY, texts[0], texts[1]], {1: "appendix"})
    assert c is not None and c.value == 98000
    # near-miss: the body claims another amount: the appendix's largest one stays unclaimed
    c = _decide([_BODY, texts[0], "We fine-tune the detector on 50,000 images of it."], {1: "appendix"})
    assert c is None


def test_a_value_stated_with_the_chosen_parameter_count_is_claimed():
    row = {"above_floor": 1.0, "sec:appendix": 1.0, "why:stated with the chosen": 1.0, "v_max": 1.0}
    g = sr.Group("p", "tokens_or_examples", [row], [1], 0, True)
    assert sr.score_groups(_model({"log10v": 3.0}, True), [g])[0][2] is True
