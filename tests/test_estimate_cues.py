"""Issue 9, structured provenance: the extraction's and the sizes rules' facts carry `cues` (whose value it
is, whether its sentence is about training, how a derived value was made), and the estimate's review gates
read them instead of the wording of `why`. Sentences and facts of our own, each class with near-misses."""

from __future__ import annotations

import datetime as dt

import pytest

from aicompute import estimate as E
from aicompute.estimate import EstimateSettings, estimate_paper
from aicompute.extract import extract_from_sentences
from aicompute.extraction import core as xcore
from aicompute.hardware import HardwareTable
from aicompute.pdftext import Sentence
from aicompute.sizes import core as score

from test_sizes import run as sizes_run

TABLE = HardwareTable.load()
SETTINGS = EstimateSettings()


def fact(value, **extra):
    return {"value": value, "page": 3, "sentence": "We trained it.", "confidence": 0.9, **extra}


def paper_doc(chosen, published="2021-06-01"):
    paper = {"key": "x", "arxiv_id": "2106.00001", "inputs": {}}
    meta = {"status": "ok", "arxiv_id": "2106.00001", "published": published}
    return estimate_paper(paper, meta, {"status": "ok", "chosen": chosen}, SETTINGS, TABLE, None)


def checks(doc, name):
    return [r for r in doc["review"] if r["check"] == name]


def extracted(*texts):
    sents = [Sentence(4, t, "text", "body", index=i) for i, t in enumerate(texts)]
    return extract_from_sentences(sents, TABLE, dt.date(2022, 3, 1))["chosen"]


# ------------------------------------------------------------------ the contract between the packages


def test_the_estimate_spells_the_cues_as_the_extraction_and_the_sizes_rules_set_them():
    assert E.CUE_TRAINING_STATEMENT == xcore.CUE_TRAINING_STATEMENT
    assert E.CUE_TRAINING_WORD == xcore.CUE_TRAINING_WORD
    assert E.CUE_OTHER_COUNT == xcore.CUE_OTHER_COUNT
    assert E.CUE_COUNT_APART == xcore.CUE_COUNT_APART
    assert E.CUE_COUNT_OTHER_PAGE == xcore.CUE_COUNT_OTHER_PAGE
    assert set(score.ANOTHERS_CUES) | {score.CUE_FLAGGED} == set(E.ANOTHERS_CUES)
    # a cited model's size alone is no other run's: the model a paper fine-tunes is often the cited one
    assert score.CUE_CITED_SIZE not in E.ANOTHERS_CUES


def test_the_training_cues_are_score_contexts_reasons():
    # score_context writes the reasons the cues are read from: renaming them must fail here, not silently
    from aicompute.extraction.context import make_ctx, score_context

    for text, cue in (("We pre-train the network for 11 days on 32 accelerators.", "training statement"),
                      ("Evaluation of the whole benchmark lasts 6 hours.", "no training word")):
        why: list[str] = []
        score_context(make_ctx(Sentence(2, text, "text", "body", index=0), TABLE, None), why)
        c = xcore.Cand("training_hours", 1.0, 2, text, "x", 3.0, why)
        assert cue in xcore.provenance_cues(c), (text, why)


# ------------------------------------------------------------------ the extraction's facts


def test_a_chosen_duration_says_whether_its_sentence_is_about_training():
    ch = extracted("Our detector was trained on 4 RTX 2080 Ti GPUs for 27 hours.")
    assert ch["training_hours"]["value"] == pytest.approx(27)
    assert "training statement" in ch["training_hours"]["cues"]
    assert "no training word" not in ch["training_hours"]["cues"]


def test_a_time_from_steps_says_where_its_count_was_read():
    together = extracted("Our agent is trained with 16 A100 GPUs.",
                         "Each training iteration lasts 1.5 seconds, and we train for 200,000 iterations.")
    t = together["time_from_steps"]
    assert t is not None and "derived: rate x count" in t["cues"] and "count stated apart" not in t["cues"]
    assert t["rate"] and t["count"] and t["value"] == pytest.approx(200000 * 1.5 / 3600, rel=1e-3)


# ------------------------------------------------------------------ the sizes facts


def _cues_of(text, field, value):
    _, cands = sizes_run(text)
    c = next(c for c in cands if c["field"] == field and c["value"] == pytest.approx(value))
    return set(c.get("cues") or ())


def test_the_sizes_rules_mark_another_models_values_in_structure():
    assert "cited model's own training" in _cues_of(
        "The captioner of Okafor et al. (2020), which was trained on 4,500,000 image pairs, labels our photos.",
        "tokens_or_examples", 4.5e6)
    assert "capability statement" in _cues_of("Our runtime supports networks of up to 70B parameters.", "parameters", 70e9)
    assert "another model's size" in _cues_of(
        "Unlike the 175B-parameter baseline of prior work, our decoder keeps 2.7B parameters.", "parameters", 175e9)
    # near-misses: our own model, and a cited model we fine-tune (a cited model's size, not another's run)
    assert not _cues_of("We train a decoder with 2.7B parameters on 300B tokens.", "parameters", 2.7e9) & set(E.ANOTHERS_CUES)
    own = _cues_of("We fine-tune T5-XL [7] (3B parameters) on our dialogue data.", "parameters", 3e9)
    assert not own & set(E.ANOTHERS_CUES)


# ------------------------------------------------------------------ the estimate's gates read the cues


def _ops_facts(param_cues=(), token_cues=(), sentence="We trained it."):
    return {"parameters": fact(2.7e9, cues=list(param_cues), sentence=sentence),
            "tokens_or_examples": fact(3e11, unit="tokens", cues=list(token_cues))}


def test_counting_operations_from_another_models_size_needs_review_naming_its_sentence():
    for cue in ("another model's size", "cited model's own training", "capability statement", "flagged"):
        doc = paper_doc(_ops_facts(param_cues=[cue], sentence="The platform handles 2.7B-parameter networks."))
        hits = checks(doc, "size_of_another_model")
        assert hits and doc["status"].startswith("needs review"), cue
        assert "The platform handles 2.7B-parameter networks." in hits[0]["reason"], cue
    # a distractor flag written before cues existed counts too
    doc = paper_doc({"parameters": fact(2.7e9, distractor=True), "tokens_or_examples": fact(3e11, unit="tokens")})
    assert checks(doc, "size_of_another_model")
    # near-misses: our own sizes, a cited model's size (the model fine-tuned), the training cues of a sentence
    for cues in ((), ("cited model's size",), ("training statement",)):
        doc = paper_doc(_ops_facts(param_cues=cues))
        assert not checks(doc, "size_of_another_model") and doc["status"] == "ok", cues


def test_a_derived_amount_whose_factor_is_another_runs_needs_review():
    # tokens = steps x batch x sequence length, the batch said of other work's run
    chosen = {"parameters": fact(1.3e9), "steps": fact(100000),
              "batch_size": fact(512, unit="sequences", cues=["other work's run"]), "sequence_length": fact(2048)}
    assert checks(paper_doc(chosen), "size_of_another_model")
    chosen["batch_size"] = fact(512, unit="sequences", cues=["we/our"])
    assert not checks(paper_doc(chosen), "size_of_another_model")


def test_the_another_models_gate_does_not_repeat_tokens_of_another_model():
    chosen = {"parameters": fact(5.2e10), "tokens_or_examples": fact(2.5e11, unit="tokens", other_model_size=True,
                                                                      cues=["another model's size"])}
    doc = paper_doc(chosen, published="2024-03-01")
    assert [r["check"] for r in doc["review"]] == ["tokens_of_another_model"]


def _gpu_facts(hour_cues, why="training statement; time word near the duration"):
    return {"chips": fact(64, unit="gpus", cues=["training statement"]), "chip_model": fact("NVIDIA V100"),
            "training_hours": fact(50.0, why=why, cues=list(hour_cues), as_written="50 hours",
                                   sentence="The 8-GPU ablations train for 50 hours.")}


def test_a_duration_stated_with_another_device_count_needs_review():
    doc = paper_doc(_gpu_facts(["training statement", "another device count in its sentence"]))
    hits = checks(doc, "count_and_duration_of_different_runs")
    assert hits and "The 8-GPU ablations train for 50 hours." in hits[0]["reason"] and "64" in hits[0]["reason"]
    assert doc["status"].startswith("needs review")
    # near-miss: the duration with the chosen count (or none) in its sentence
    assert paper_doc(_gpu_facts(["training statement"]))["status"] == "ok"


def test_the_training_words_gate_reads_cues_not_wording():
    # cues say no training word though the wording has "train" in it ...
    doc = paper_doc(_gpu_facts(["no training word"], why="usage word; retrained baseline table"))
    assert checks(doc, "duration_without_training_words")
    # ... and a training word though the wording has none
    doc = paper_doc(_gpu_facts(["training word"], why="time word near the duration"))
    assert not checks(doc, "duration_without_training_words") and doc["status"] == "ok"
    # a fact without cues (written before them) is read by its wording as before
    doc = paper_doc(_gpu_facts([], why="usage/optimization word; no training word") | {
        "training_hours": fact(50.0, why="usage/optimization word; no training word")})
    assert checks(doc, "duration_without_training_words")


def test_the_stated_apart_gate_reads_where_the_count_was_read():
    base = {"chips": fact(1, unit="gpus", cues=["training statement"]), "chip_model": fact("NVIDIA K40")}
    apart = fact(5.0, sentence="An epoch lasts 25 minutes on the small corpus.", as_written="25 minutes x 12 epochs",
                 rate="25 minutes", count="12 epochs", why="training word",
                 cues=["training word", "derived: rate x count", "count stated apart", "count on another page"])
    hits = checks(paper_doc({**base, "time_from_steps": apart}, published="2016-06-01"), "product_of_numbers_stated_apart")
    assert hits and "(25 minutes, p. 3)" in hits[0]["reason"] and "(12 epochs, on another page)" in hits[0]["reason"]
    # near-misses: the count in another sentence of the time's page (the same setup's paragraph), and the count
    # read in the time's own sentence though written there in words ("twelve")
    same_page = {**apart, "cues": ["training word", "derived: rate x count", "count stated apart"]}
    together = {**apart, "sentence": "An epoch lasts 25 minutes and we train twelve epochs.",
                "cues": ["training word", "derived: rate x count"]}
    for t in (same_page, together):
        assert not checks(paper_doc({**base, "time_from_steps": t}, published="2016-06-01"),
                          "product_of_numbers_stated_apart"), t["cues"]


def test_an_extracted_time_from_steps_says_on_which_page_its_count_was_read():
    def cues(count_page):
        sents = [Sentence(3, "Our agent is trained with 16 A100 GPUs.", "text", "body", index=0),
                 Sentence(3, "Each training step took about 0.6 seconds on this machine.", "text", "body", index=1),
                 Sentence(count_page, "We train the learner for 200,000 steps.", "text", "body", index=2)]
        t = extract_from_sentences(sents, TABLE, dt.date(2022, 3, 1))["chosen"]["time_from_steps"]
        assert t["value"] == pytest.approx(200000 * 0.6 / 3600, rel=1e-3)
        return set(t["cues"])

    assert {"count stated apart", "count on another page"} <= cues(7)
    near = cues(3)  # the same page: stated apart, not on another page
    assert "count stated apart" in near and "count on another page" not in near


def test_the_new_gates_are_sourced_rows_of_the_gates_table():
    from aicompute.assumptions import Gates

    gates = Gates.load()
    for check in ("size_of_another_model", "count_and_duration_of_different_runs"):
        g = gates.find(check)
        assert g is not None and g.reason and g.source, check
