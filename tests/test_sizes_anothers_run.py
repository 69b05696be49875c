"""Another work's run named in the sentence (others21, round 15): sizes said in a modifier of another work's model (a
relative clause, a parenthesis, a participle) when that model opens the sentence as the object of "Following / Like /
Similar to / we follow" or is a clause's subject beside a clause of ours; a clause whose subject is a cited work's
authors; a named model's past training closed by its citation before a clause of ours. Sentences of our own, each class
with near-misses where the value is ours."""

from __future__ import annotations

import pytest

from aicompute.sizes.core import another_works_run
from test_sizes import run, val

FIELDS = ("parameters", "tokens_or_examples", "epochs", "steps", "batch_size")


def _vals(*texts):
    ch, _ = run(*texts)
    return {f: val(ch, f) for f in FIELDS}


def test_a_relative_clause_of_a_model_the_sentence_follows():
    got = _vals("Following Gopher, which saw 300B tokens over 280B parameters, we pre-train a 1.4B model on 28B tokens.")
    assert got["parameters"] == pytest.approx(1.4e9) and got["tokens_or_examples"] == pytest.approx(28e9)
    got = _vals("Similar to RoBERTa, which was optimized for 500K steps with 8K sequences per batch, we run 125K steps.")
    assert got["steps"] == pytest.approx(125e3) and got["batch_size"] is None
    got = _vals("We follow T5, which pre-trains for 1M steps on 34B tokens, and pre-train our encoder for 200K steps.")
    assert got["steps"] == pytest.approx(200e3) and got["tokens_or_examples"] is None
    # alone, the other work's values give nothing
    assert _vals("As in Megatron-LM, which trained an 8.3B model for 300K iterations, a warm-up is used.") == \
        dict.fromkeys(FIELDS)


def test_a_relative_clause_near_misses_stay_ours():
    # no modifier: "Following X," only borrows a recipe
    got = _vals("Following Gopher, we pre-train a 1.4B model on 28B tokens.")
    assert got["parameters"] == pytest.approx(1.4e9) and got["tokens_or_examples"] == pytest.approx(28e9)
    # the model our clause uses: its size stays (the model fine-tuned)
    assert _vals("We fine-tune XLM-R, which has 550M parameters, on 20K labelled sentences.")["parameters"] == \
        pytest.approx(550e6)
    # "we" in the modifier: our own run of it
    assert _vals("Following DeiT, which we re-train for 400 epochs, the student is distilled.")["epochs"] == 400
    # a recipe we adopt, told in the present or as a bare list, that our clause does not restate: ours too
    assert _vals("Following DeiT (300 epochs, AdamW), we train ViT-B with a batch size of 1024.")["epochs"] == 300
    assert _vals("As in RoBERTa, which uses batches of 8K sequences, we train for 100K steps.")["batch_size"] == 8000
    # the relative clause ended before the value: the main clause is ours
    assert _vals("Following Chinchilla, which is compute-optimal, we train on 140B tokens.")["tokens_or_examples"] == \
        pytest.approx(140e9)


def test_a_parenthesis_or_participle_after_the_followed_model():
    assert _vals("Like PaLM (trained on 780B tokens), our decoder uses SwiGLU activations.")["tokens_or_examples"] is None
    assert _vals("Like PaLM, pre-trained on 780B tokens, our decoder uses SwiGLU activations.")["tokens_or_examples"] is None
    # near-misses: the parenthesis belongs to our own model; a parenthesis of the followed model's name only
    assert _vals("Like PaLM, our decoder (trained on 78B tokens) uses SwiGLU activations.")["tokens_or_examples"] == \
        pytest.approx(78e9)
    assert _vals("Following PaLM (Chowdhery et al., 2022), we train our decoder on 78B tokens.")["tokens_or_examples"] == \
        pytest.approx(78e9)


def test_a_named_subjects_training_beside_a_clause_of_ours():
    assert _vals("BEiT, which pre-trains for 800 epochs, is a strong baseline; we pre-train for 300 epochs.")["epochs"] == 300
    assert _vals("Llama-2-7B, which was trained on 2T tokens, is fine-tuned on our data.")["tokens_or_examples"] is None
    # near-misses: a size (not a training) of the model we fine-tune; a named subject with nothing of ours beside it
    # (it may be the paper's own model)
    assert _vals("XLNet-large, which has 340M parameters, is fine-tuned on our data.")["parameters"] == pytest.approx(340e6)
    assert _vals("FooNet-L, which is trained for 90 epochs, reaches 80% accuracy.")["epochs"] == 90


def test_a_clause_whose_subject_is_a_cited_works_authors():
    assert _vals("Zhang et al. train a 6.7B-parameter decoder on 180B tokens.") == dict.fromkeys(FIELDS)
    assert _vals("Brown and Lee [7] ran 400K updates with a batch size of 2048.") == dict.fromkeys(FIELDS)
    # near-misses: the authors followed by our run; the authors' data that we train on
    got = _vals("Following Zhang et al., we train a 6.7B-parameter decoder on 180B tokens.")
    assert got["parameters"] == pytest.approx(6.7e9) and got["tokens_or_examples"] == pytest.approx(180e9)
    assert another_works_run("Zhang et al. [9] collected 50K dialogues, which we use for training.", 30) is False


def test_a_named_models_cited_training_before_a_clause_of_ours():
    got = _vals("Falcon-40B was trained on 1T tokens (Almazrouei et al., 2023); we continue training Falcon-7B on 20B tokens.")
    assert got["tokens_or_examples"] == pytest.approx(20e9) and got["parameters"] == pytest.approx(7e9)
    got = _vals("OPT-66B was trained on 180B tokens [Zhang et al., 2022], and we adapt OPT-1.3B with 8K dialogues.")
    assert got["parameters"] == pytest.approx(1.3e9) and got["tokens_or_examples"] != pytest.approx(180e9)
    # an earlier release's training, uncited: "the original X"
    assert _vals("The original Swin-B was pre-trained for 90 epochs on ImageNet-22K.")["epochs"] is None
    assert _vals("The original ResNet-50 was trained for 90 epochs; we train ours for 120 epochs.")["epochs"] == 120
    # near-misses: our model's name; the cited model we fine-tune keeps its size
    assert _vals("Our Falcon-7B replica was trained on 20B tokens (see Section 3).")["tokens_or_examples"] == \
        pytest.approx(20e9)
    assert _vals("We fine-tune OPT-1.3B [31] on 8K dialogues.")["parameters"] == pytest.approx(1.3e9)


def test_a_contrast_clause_naming_another_work_loses_our_we():
    # the other work's batch beside our epochs: the "we" belongs to our clause only
    got = _vals("DeiT trains with a batch size of 1024 [35], whereas we train for 100 epochs.")
    assert got["epochs"] == 100 and got["batch_size"] is None
    # near-miss: the same subject goes on after "while"
    got = _vals("Our model has 1.3B parameters, while it is trained on 26B tokens.")
    assert got["tokens_or_examples"] == pytest.approx(26e9)


def test_a_sized_model_name_that_our_training_takes_as_its_object():
    # the model we fine-tune or continue training, named with its size (its source cited after it)
    assert _vals("We fine-tune OPT-1.3B [31] on 8K dialogues.")["parameters"] == pytest.approx(1.3e9)
    assert _vals("We continue training Falcon-7B on 20B tokens.")["parameters"] == pytest.approx(7e9)
    assert _vals("Our Pythia-2.8B replica is trained on 60B tokens.")["parameters"] == pytest.approx(2.8e9)
    # near-misses: a sized model we compare with or evaluate, cited; a model we build on top of
    assert _vals("We compare with OPT-1.3B [31] on 8K dialogues.")["parameters"] is None
    assert _vals("We evaluate the OPT-30B model zero-shot.")["parameters"] is None


def test_a_sized_model_name_as_the_object_of_a_comparison_or_a_distillation():
    # the model compared with, matched or outperformed, and the teacher distilled from, are not the model trained
    assert _vals("We compare our 3B model against Falcon-40B.")["parameters"] == pytest.approx(3e9)
    assert _vals("Our decoder outperforms Pythia-12B while being four times smaller.")["parameters"] is None
    assert _vals("Our decoder is on par with OPT-30B on six benchmarks.")["parameters"] is None
    assert _vals("We distill Falcon-40B into a compact student.")["parameters"] is None
    # near-misses: our own values after the comparison's object, and a comparison stated of our own count
    got = _vals("Our 2.7B model outperforms GPT-J after training on 90B tokens.")
    assert got["parameters"] == pytest.approx(2.7e9) and got["tokens_or_examples"] == pytest.approx(90e9)
    assert _vals("We train Pythia-1.4B [4] on 30B tokens and it rivals larger models.")["parameters"] == \
        pytest.approx(1.4e9)
