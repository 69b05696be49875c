"""Both methods, bounds and the check; OpenAI's appendix worked examples reproduced from its inputs."""

from __future__ import annotations

import datetime as dt

import pytest

from aicompute.estimate import EstimateSettings, consistency, estimate_paper, gpu_time_estimate, ops_estimate
from aicompute.hardware import HardwareTable
from aicompute.units import PFS_DAY_FLOP

TABLE = HardwareTable.load()
SETTINGS = EstimateSettings()
DAY = 24.0


def src(value, note="test"):
    return {"value": value, "source": note}


def fact(value, **extra):
    return {"value": value, "page": 3, "sentence": "We trained it.", "confidence": 0.9, **extra}


def gpu_time(chips, chip, hours, peak=None, utilization=None, multiplier=None, published=None, **facts):
    """Method 2 from config-style inputs (OpenAI's readings); `peak` pins OpenAI's own FLOP/s."""
    inputs = {"chips": src(chips), "chip_model": src(chip), "training_hours": src(hours)}
    if peak is not None:
        inputs["peak_flops"] = src(peak)
    if utilization is not None:
        inputs["utilization"] = src(utilization)
    if multiplier is not None:
        inputs["gpu_time_multiplier"] = src(multiplier)
    return gpu_time_estimate(facts, inputs, SETTINGS, TABLE, published)


def ops(**inputs):
    return ops_estimate({}, {k: src(v) for k, v in inputs.items()}, SETTINGS)


# OpenAI's appendix (AI and Compute, 2018): (system, method-2 inputs, OpenAI's stated result in petaflop/s-days)
OPENAI_GPU_TIME = [
    ("AlexNet", dict(chips=2, chip="GTX 580", hours=5.5 * DAY, peak=1.58e12), 0.0058),
    ("Dropout", dict(chips=1, chip="GTX 580", hours=4 * DAY, peak=1.54e12), 0.0021),
    ("Visualizing and Understanding Conv Nets", dict(chips=1, chip="GTX 580", hours=12 * DAY, peak=1.54e12), 0.0062),
    ("Seq2Seq", dict(chips=8, chip="K20", hours=10 * DAY, peak=3.5e12), 0.093),
    ("DeepSpeech2", dict(chips=16, chip="Titan X", hours=5 * DAY, peak=6e12, utilization=0.5), 0.24),
    ("Neural Architecture Search", dict(chips=800, chip="K40", hours=28 * DAY, peak=4.2e12), 31),
    ("Neural Machine Translation", dict(chips=96, chip="K80", hours=9 * DAY, peak=8.5e12, multiplier=(10 * 100) ** 0.5), 79),
    ("Xception", dict(chips=60, chip="K80", hours=30 * DAY, peak=8.5e12), 5.0),
]

# (system, method-1 inputs, OpenAI's stated result in pfs-days)
OPENAI_OPS = [
    ("AlexNet", dict(multiply_adds_per_forward=0.75e9, examples=1.2e6, epochs=90), 0.0054),
    ("DQN", dict(multiply_adds_per_forward=2.5e6, examples=5e6 * 32, epochs=1), 2.7e-5),
    ("VGG", dict(multiply_adds_per_forward=16e9, examples=1.2e6, epochs=74), 0.098),
    ("DeepSpeech2", dict(multiply_adds_per_forward=98e6, examples=12_000 * 3600 * 50, epochs=20), 0.30),
    ("ResNets", dict(multiply_adds_per_forward=11.4e9, examples=1.2e6, epochs=128), 0.117),
    ("Neural Architecture Search", dict(multiply_adds_per_forward=10e9, examples=50_000 * 12_800, epochs=50), 22),
]


@pytest.mark.parametrize("system, inputs, openai_pfs_days", OPENAI_GPU_TIME, ids=[r[0] for r in OPENAI_GPU_TIME])
def test_gpu_time_reproduces_openai(system, inputs, openai_pfs_days):
    result = gpu_time(**inputs)
    assert result["available"], result.get("missing")
    assert result["flop"] / PFS_DAY_FLOP == pytest.approx(openai_pfs_days, rel=0.05)


@pytest.mark.parametrize("system, inputs, openai_pfs_days", OPENAI_GPU_TIME, ids=[r[0] for r in OPENAI_GPU_TIME])
def test_gpu_time_with_our_hardware_table_is_within_5_percent_of_openai(system, inputs, openai_pfs_days):
    inputs = dict(inputs)
    inputs.pop("peak")  # our spec table instead of OpenAI's rounded peaks
    result = gpu_time(**inputs, published=dt.date(2016, 1, 1) if system != "Neural Machine Translation" else None)
    assert result["inputs"]["peak_flops"]["precision"] == "fp32"  # pre-2017 GPUs: FP32
    assert result["flop"] / PFS_DAY_FLOP == pytest.approx(openai_pfs_days, rel=0.05)


@pytest.mark.parametrize("system, inputs, openai_pfs_days", OPENAI_OPS, ids=[r[0] for r in OPENAI_OPS])
def test_counting_operations_reproduces_openai(system, inputs, openai_pfs_days):
    result = ops(**inputs)
    assert result["available"]
    assert result["flop"] / PFS_DAY_FLOP == pytest.approx(openai_pfs_days, rel=0.05)
    assert "multiply-adds × 2 FLOP" in result["formula"]


def test_openai_errata_are_reproduced_as_arithmetic_not_as_printed():
    # Two of the appendix's printed products do not follow from its own inputs; we keep the arithmetic.
    seq2seq = ops(multiply_adds_per_forward=0.380e9, examples=348e6 + 304e6, epochs=7.5)
    assert seq2seq["flop"] == pytest.approx(652e6 * 0.38e9 * 2 * 3 * 7.5)
    assert seq2seq["flop"] / 7.3e18 == pytest.approx(1.53, rel=0.01)  # printed: 7,300 PF
    vgg = gpu_time(chips=4, chip="Titan Black", hours=15 * DAY, peak=5.1e12)
    assert vgg["flop"] == pytest.approx(4 * 5.1e12 * 15 * 86400 * 0.33)
    assert vgg["flop"] / 1.0e19 == pytest.approx(0.87, rel=0.01)  # printed: 10,000 PF


def test_formula_is_written_out_with_units():
    result = gpu_time(chips=8, chip="P100", hours=84, published=dt.date(2017, 6, 12))
    assert result["formula"].startswith("8 GPUs × ")
    assert "TFLOP/s × 84 h × 3600 s/h × 0.33 = " in result["formula"]


def test_extracted_facts_carry_their_page_and_sentence():
    facts = {"chips": fact(8, unit="gpus"), "chip_model": fact("NVIDIA P100"), "training_hours": fact(84.0, low=84.0, high=84.0)}
    result = gpu_time_estimate(facts, {}, SETTINGS, TABLE, dt.date(2017, 6, 12))
    assert result["available"]
    chips = result["inputs"]["chips"]
    assert chips["origin"] == "extracted" and chips["page"] == 3 and chips["sentence"] == "We trained it."
    peak = result["inputs"]["peak_flops"]
    assert peak["origin"] == "hardware table" and peak["source"].startswith("http")
    assert result["inputs"]["utilization"]["origin"] == "policy"


def test_config_input_overrides_extracted_fact():
    facts = {"chips": fact(8, unit="gpus"), "chip_model": fact("GPU (unspecified)", generic=True), "training_hours": fact(10.0)}
    missing = gpu_time_estimate(facts, {}, SETTINGS, TABLE, None)
    assert not missing["available"] and "generic" in missing["missing"][0]
    result = gpu_time_estimate(facts, {"chip_model": src("NVIDIA K40", "later paper")}, SETTINGS, TABLE, None)
    assert result["available"] and result["inputs"]["chip_model"]["origin"] == "config"


def test_bounds_from_range_and_utilization_band():
    facts = {"chips": fact(4, unit="gpus"), "chip_model": fact("NVIDIA Titan Black"),
             "training_hours": fact(420.0, low=336.0, high=504.0)}
    r = gpu_time_estimate(facts, {}, SETTINGS, TABLE, dt.date(2014, 9, 4))
    peak = r["inputs"]["peak_flops"]["value"]
    assert r["low_flop"] == pytest.approx(4 * peak * 336 * 3600 * 0.2)
    assert r["high_flop"] == pytest.approx(4 * peak * 504 * 3600 * 0.5)
    assert any("336–504" in note for note in r["bounds_from"])


def test_tpu_cores_become_chips_and_use_the_bf16_peak():
    facts = {"chips": fact(512, unit="tpu_cores"), "chip_model": fact("Google TPU v3"), "training_hours": fact(10.0)}
    r = gpu_time_estimate(facts, {}, SETTINGS, TABLE, dt.date(2020, 1, 1))
    chip = TABLE.match("TPU v3")
    assert r["inputs"]["peak_flops"]["precision"] == "bf16"
    assert r["flop"] == pytest.approx(512 / chip.cores_per_chip * chip.tensor_flops * 36000 * 0.33)


def test_mixed_precision_uses_tensor_peak_and_unstated_precision_widens_the_high_bound():
    base = {"chips": fact(8, unit="gpus"), "chip_model": fact("NVIDIA V100"), "training_hours": fact(24.0)}
    v100 = TABLE.match("V100")
    mixed = gpu_time_estimate({**base, "precision": fact("mixed")}, {}, SETTINGS, TABLE, dt.date(2019, 1, 1))
    assert mixed["inputs"]["peak_flops"]["value"] == v100.tensor_flops
    unstated = gpu_time_estimate(base, {}, SETTINGS, TABLE, dt.date(2019, 1, 1))
    assert unstated["inputs"]["peak_flops"]["value"] == v100.fp32_flops
    assert unstated["high_flop"] == pytest.approx(8 * v100.tensor_flops * 24 * 3600 * 0.5)


def test_chip_hours_product_is_taken_as_it_is():
    facts = {"chip_model": fact("Google TPU v3"), "chip_hours": fact(60000.0, unit="tpu-core-hours")}
    r = gpu_time_estimate(facts, {}, SETTINGS, TABLE, dt.date(2020, 10, 22))
    chip = TABLE.match("TPU v3")
    assert r["available"]
    assert r["flop"] == pytest.approx(60000 / chip.cores_per_chip * 3600 * chip.tensor_flops * 0.33)


def test_machines_without_devices_per_machine_cannot_be_estimated():
    facts = {"chips": fact(16, unit="machines"), "chip_model": fact("NVIDIA V100"), "training_hours": fact(720.0)}
    r = gpu_time_estimate(facts, {}, SETTINGS, TABLE, dt.date(2020, 6, 5))
    assert not r["available"] and "machines" in r["missing"][0]


def test_six_n_d_for_tokens():
    facts = {"parameters": fact(1.5e9), "tokens_or_examples": fact(3e11, unit="tokens")}
    r = ops_estimate(facts, {}, SETTINGS)
    assert r["flop"] == pytest.approx(6 * 1.5e9 * 3e11) and "6 × parameters × tokens" in r["basis"]
    # examples that are not tokens never feed 6ND
    facts["tokens_or_examples"]["unit"] = "images"
    assert not ops_estimate(facts, {}, SETTINGS)["available"]


def test_stated_total_and_check():
    o = ops_estimate({"total_training_flop": fact(2.3e19)}, {}, SETTINGS)
    g = gpu_time(chips=8, chip="P100", hours=84, published=dt.date(2017, 6, 12))
    check = consistency(o, g, SETTINGS)
    assert check["ratio"] == pytest.approx(2.3e19 / g["flop"])
    assert check["implied_utilization"] == pytest.approx(check["ratio"] * 0.33)
    assert check["verdict"] == ("consistent" if 1 / 3 <= check["ratio"] <= 3 else "inconsistent")


def test_consistency_verdicts():
    a = {"available": True, "flop": 1e18, "inputs": {"utilization": {"value": 0.33}}}
    b = {"available": True, "flop": 2e18, "inputs": {"utilization": {"value": 0.33}}}
    far = {"available": True, "flop": 1e20, "inputs": {"utilization": {"value": 0.33}}}
    assert consistency(a, b, SETTINGS)["verdict"] == "consistent"
    assert consistency(a, far, SETTINGS)["verdict"] == "inconsistent"
    assert consistency(a, {"available": False, "missing": ["x"]}, SETTINGS)["verdict"] == "single method"
    assert consistency({"available": False}, {"available": False}, SETTINGS)["verdict"] == "no estimate"


def test_estimate_paper_prefers_counting_operations_and_keeps_the_reference():
    paper = {"key": "1409.1556", "arxiv_id": "1409.1556", "name": "VGG", "date": None,
             "inputs": {"multiply_adds_per_forward": src(16e9), "examples": src(1.2e6), "epochs": src(74)}}
    facts = {"status": "ok", "chosen": {"chips": fact(4, unit="gpus"), "chip_model": fact("NVIDIA Titan Black"),
                                        "training_hours": fact(420.0, low=336.0, high=504.0)}}
    meta = {"status": "ok", "arxiv_id": "1409.1556", "title": "Very Deep ConvNets", "published": "2014-09-04"}
    ref = {"system": "VGG", "flop": 8.467e18, "pfs_days": 0.098, "kind": "estimate"}
    doc = estimate_paper(paper, meta, facts, SETTINGS, TABLE, ref)
    assert doc["status"] == "ok"
    assert doc["compute"]["method"] == "ops"
    assert doc["consistency"]["verdict"] == "consistent"
    assert doc["reference"]["ours_over_reference"] == pytest.approx(1.0, rel=0.02)
    assert doc["compute"]["low_flop"] <= doc["compute"]["flop"] <= doc["compute"]["high_flop"]


def test_paper_stating_nothing_gets_no_estimate():
    paper = {"key": "1412.6980", "arxiv_id": "1412.6980", "inputs": {}}
    doc = estimate_paper(paper, {"status": "ok", "published": "2014-12-22"}, {"status": "ok", "chosen": {}},
                         SETTINGS, TABLE)
    assert doc["compute"]["flop"] is None
    assert doc["status"].startswith("no estimate")


def test_failed_fetch_is_the_status():
    paper = {"key": "1512.03385", "arxiv_id": "1512.03385", "inputs": {}}
    doc = estimate_paper(paper, {"status": "failed", "error": "HTTP 404"}, {"status": "failed", "error": "not fetched"},
                         SETTINGS, TABLE)
    assert doc["status"].startswith("fetch failed: HTTP 404")


# ---------------------------------------------------------------------------------------------
# Issue 13 point 4: numbers that went wrong silently


def paper_doc(chosen, inputs=None, published="2019-06-01", reference=None, meta=None, facts_status="ok"):
    paper = {"key": "x", "arxiv_id": "1901.00001", "inputs": inputs or {}}
    meta = meta if meta is not None else {"status": "ok", "arxiv_id": "1901.00001", "published": published}
    return estimate_paper(paper, meta, {"status": facts_status, "chosen": chosen}, SETTINGS, TABLE, reference)


def test_a_stated_total_in_multiply_adds_counts_two_flop_each():
    r = ops_estimate({"total_training_flop": fact(1e18, unit="multiply-add")}, {}, SETTINGS)
    assert r["flop"] == pytest.approx(2e18)
    assert "multiply-adds × 2 FLOP" in r["formula"]
    assert ops_estimate({"total_training_flop": fact(1e18, unit="FLOP")}, {}, SETTINGS)["flop"] == pytest.approx(1e18)


def test_flop_per_example_is_never_multiplied_by_tokens():
    facts = {"flops_per_forward": fact(4e9, unit="FLOP"), "tokens_or_examples": fact(1e11, unit="tokens")}
    r = ops_estimate(facts, {}, SETTINGS)
    assert not r["available"]
    assert any("per example but the data is counted in tokens" in m for m in r["missing"])
    # per-example FLOP x examples is the formula; per-token FLOP x tokens too
    facts["tokens_or_examples"] = fact(1.2e6, unit="images")
    assert ops_estimate(facts, {}, SETTINGS)["flop"] == pytest.approx(4e9 * 1.2e6 * 3)
    per_token = {"flops_per_forward": fact(2e9, unit="FLOP", per="token"), "tokens_or_examples": fact(1e11, unit="tokens")}
    r = ops_estimate(per_token, {}, SETTINGS)
    assert r["flop"] == pytest.approx(2e9 * 1e11 * 3) and "tokens" in r["formula"]


def test_chip_hours_keep_the_k80_die_and_tpu_core_ambiguities_and_the_precision_bound():
    k80 = TABLE.get("nvidia-k80-board")
    r = gpu_time_estimate({"chip_model": fact("NVIDIA K80", chip_id=k80.chip_id), "chip_hours": fact(1000.0, unit="gpu-hours")},
                          {}, SETTINGS, TABLE, dt.date(2016, 1, 1))
    assert r["flop"] == pytest.approx(1000 * 3600 * k80.fp32_flops * 0.33)
    assert r["low_flop"] == pytest.approx(1000 * 3600 * k80.fp32_flops / 2 * 0.2)  # die-hours
    assert any("die" in n for n in r["bounds_from"])
    v3 = TABLE.get("google-tpu-v3")
    r = gpu_time_estimate({"chip_model": fact("Google TPU v3"), "chip_hours": fact(1000.0, unit="tpu-hours")},
                          {}, SETTINGS, TABLE, dt.date(2020, 1, 1))
    assert r["flop"] == pytest.approx(1000 * 3600 * v3.tensor_flops * 0.33)
    assert r["low_flop"] == pytest.approx(1000 * 3600 * v3.tensor_flops / 2 * 0.2)  # core-hours
    v100 = TABLE.get("nvidia-v100-sxm2")
    r = gpu_time_estimate({"chip_model": fact("NVIDIA V100"), "chip_hours": fact(1000.0, unit="gpu-hours", low=800.0, high=1200.0)},
                          {}, SETTINGS, TABLE, dt.date(2019, 1, 1))
    assert r["high_flop"] == pytest.approx(1200 * 3600 * v100.tensor_flops * 0.5)
    assert r["low_flop"] == pytest.approx(800 * 3600 * v100.fp32_flops * 0.2)


def test_implied_utilization_is_over_the_described_hardware_whatever_the_multiplier():
    g = gpu_time(chips=96, chip="K80", hours=144, peak=8.5e12, multiplier=10.0)
    o = {"available": True, "flop": 1e21, "low_flop": 1e21, "high_flop": 1e21}
    check = consistency(o, g, SETTINGS)
    assert check["implied_utilization"] == pytest.approx(1e21 / (96 * 8.5e12 * 144 * 3600))
    assert check["ratio"] == pytest.approx(1e21 / g["flop"])


# ---------------------------------------------------------------------------------------------
# Issue 14: the status says what holds


def test_a_figure_3x_away_from_openais_needs_review_with_the_ratio():
    ref = {"system": "VGG", "flop": 8.467e18, "kind": "estimate"}
    chosen = {"chips": fact(4, unit="gpus"), "chip_model": fact("NVIDIA Titan Black"), "training_hours": fact(24.0)}
    doc = paper_doc(chosen, published="2014-09-04", reference=ref)
    ratio = doc["compute"]["flop"] / 8.467e18
    assert ratio < 1 / 3
    assert doc["status"].startswith("needs review: ") and f"{ratio:.3g}"[:4] in doc["status"]
    assert doc["review"][0]["check"] == "ours_over_reference"
    # the same figure from a person's inputs is trusted
    inputs = {k: src(v) for k, v in (("chips", 4), ("chip_model", "NVIDIA Titan Black"), ("training_hours", 24.0))}
    assert paper_doc({}, inputs=inputs, published="2014-09-04", reference=ref)["status"] == "ok"


def test_an_upper_bound_is_only_exceeded_not_undercut():
    bound = {"system": "GANs", "flop": 5.184e17, "kind": "upper bound"}
    chosen = {"chips": fact(1, unit="gpus"), "chip_model": fact("NVIDIA K40"), "training_hours": fact(10.0)}
    assert paper_doc(chosen, published="2014-06-10", reference=bound)["status"] == "ok"  # far below the bound: fine
    chosen["training_hours"] = fact(2000.0)
    assert "upper bound" in paper_doc(chosen, published="2014-06-10", reference=bound)["status"]


def test_a_failed_fetch_is_the_status_whatever_else_is_missing():
    doc = estimate_paper({"key": "x", "arxiv_id": "1901.00001", "inputs": {}}, None,
                         {"status": "failed", "error": "not fetched: HTTP 404 Not Found"}, SETTINGS, TABLE)
    assert doc["status"] == "fetch failed: HTTP 404 Not Found"
    assert doc["gpu_time"]["missing"] == ["the paper was not read (fetch failed: HTTP 404 Not Found)"]
    assert "not stated" not in doc["consistency"]["reason"]


# ---------------------------------------------------------------------------------------------
# Issue 10: plausibility gates (data/plausibility.csv)


def test_every_input_read_from_the_pdf_is_gated_and_a_failure_is_never_ok():
    base = {"chips": fact(8, unit="gpus"), "chip_model": fact("NVIDIA V100"), "training_hours": fact(24.0)}
    assert paper_doc(base)["status"] == "ok"
    for name, bad in (("chips", fact(5e6, unit="gpus")), ("training_hours", fact(1e6))):
        doc = paper_doc({**base, name: bad})
        assert doc["status"].startswith("needs review: ") and doc["compute"]["flop"] is not None
        item = doc["review"][0]
        assert item["input"] == name and item["page"] == 3 and item["source"] and item["gate_reason"]
    tiny = paper_doc({"flops_per_forward": fact(2.0), "tokens_or_examples": fact(1e6, unit="examples"),
                      "epochs": fact(1, confidence=0.9)})
    assert "FLOP per forward pass 2 FLOP is below" in tiny["status"]


def test_values_a_person_wrote_are_trusted():
    inputs = {"chips": src(5e6), "chip_model": src("NVIDIA V100"), "training_hours": src(24.0)}
    doc = paper_doc({}, inputs=inputs)
    assert not [r for r in doc["review"] if r["check"] == "chips"]


def test_the_result_is_checked_against_the_envelope_of_its_year():
    # 1,000 Titan Blacks for a year is far beyond any system of 2014
    chosen = {"chips": fact(1000.0, unit="gpus"), "chip_model": fact("NVIDIA Titan Black"), "training_hours": fact(8000.0)}
    doc = paper_doc(chosen, published="2014-06-01")
    assert any(r["check"] == "compute_flop" and "for 2014-01-01 to 2014-12-31" in r["reason"] for r in doc["review"])
    assert "Seq2Seq" in doc["status"]  # the envelope names its system and source
    assert paper_doc(chosen, published="2023-06-01")["status"] == "ok"


def test_a_count_that_is_the_model_number_needs_review():
    sentence = "Inference runs on a single RTX 2080 in 30 ms; we trained for 5 days."
    chosen = {"chips": fact(2080, unit="gpus", sentence=sentence), "chip_model": fact("NVIDIA RTX 2080 Ti"),
              "training_hours": fact(120.0, sentence=sentence)}
    doc = paper_doc(chosen)
    assert any(r["check"] == "count_is_model_number" for r in doc["review"])
    ok = "We train on 100 V100 GPUs for 5 days."
    chosen = {"chips": fact(100, unit="gpus", sentence=ok), "chip_model": fact("NVIDIA V100"), "training_hours": fact(120.0)}
    assert not [r for r in paper_doc(chosen)["review"] if r["check"] == "count_is_model_number"]


def test_flop_per_forward_far_below_two_per_parameter_needs_review():
    # "... giving 11B parameters and an M/2-FLOP cost" read as 2e3 FLOP per forward pass
    chosen = {"flops_per_forward": fact(2e4), "parameters": fact(11e9), "tokens_or_examples": fact(1e6, unit="examples")}
    doc = paper_doc(chosen)
    assert any(r["check"] == "forward_over_parameters" for r in doc["review"]) and doc["status"].startswith("needs review")


def test_fewer_tokens_than_a_tenth_of_the_parameters_needs_review():
    chosen = {"parameters": fact(11e9), "tokens_or_examples": fact(1e8, unit="tokens")}
    doc = paper_doc(chosen, published="2021-06-01")
    assert [r["check"] for r in doc["review"]] == ["tokens_over_parameters"]


def test_far_more_tokens_per_parameter_than_any_model_trained_on_needs_review():
    # a 300k-parameter tree model beside "word vectors trained on 840 billion tokens" (a pretrained embedding's corpus)
    chosen = {"parameters": fact(3.0e5), "tokens_or_examples": fact(8.4e11, unit="tokens")}
    doc = paper_doc(chosen, published="2015-03-01")
    assert [r["check"] for r in doc["review"]] == ["tokens_over_parameters"] and "above" in doc["review"][0]["reason"]
    # near-misses: a small language model trained long (Qwen2-0.5B: 12T tokens, ~24,000 per parameter) and a
    # compute-optimal one pass the gate
    for par, tok in ((5.0e8, 1.2e13), (7.0e10, 1.4e12)):
        assert paper_doc({"parameters": fact(par), "tokens_or_examples": fact(tok, unit="tokens")},
                         published="2024-06-01")["status"] == "ok"


def test_tokens_stated_beside_another_model_size_are_not_multiplied_by_the_chosen_parameters():
    # "We train 1.3B-parameter ablation models for 250B tokens" in a paper whose model has 52B parameters
    chosen = {"parameters": fact(52e9), "tokens_or_examples": fact(2.5e11, unit="tokens", other_model_size=True)}
    doc = paper_doc(chosen, published="2024-03-01")
    assert doc["status"].startswith("needs review") and "another model size" in doc["status"]
    assert [r["check"] for r in doc["review"]] == ["tokens_of_another_model"]
    # the same tokens stated for the chosen model pass; a person's parameter count in config is trusted
    assert paper_doc({**chosen, "tokens_or_examples": fact(2.5e11, unit="tokens")}, published="2024-03-01")["status"] == "ok"
    ours = paper_doc(chosen, published="2024-03-01", inputs={"parameters": {"value": 52e9, "source": "p. 3"}})
    assert not [r for r in ours["review"] if r["check"] == "tokens_of_another_model"]


def test_counted_operations_the_hardware_could_not_do_need_review():
    # "on one A100 ..." (a benchmark sentence) taken as the training hardware of a 7B model on 1T tokens
    chosen = {"chips": fact(1, unit="gpus"), "chip_model": fact("NVIDIA A100"), "training_hours": fact(10.0),
              "parameters": fact(7e9), "tokens_or_examples": fact(1e12, unit="tokens"), "epochs": fact(1, confidence=0.9)}
    doc = paper_doc(chosen, published="2023-03-01")
    assert any(r["check"] == "implied_utilization" and "fastest" in r["reason"] for r in doc["review"])


def test_a_one_pass_lower_bound_gives_way_to_a_higher_gpu_time_and_is_not_flagged_for_it():
    chosen = {"chips": fact(64, unit="gpus"), "chip_model": fact("NVIDIA V100"), "training_hours": fact(96.0),
              "parameters": fact(3.4e8), "tokens_or_examples": fact(2.5e9, unit="tokens")}
    doc = paper_doc(chosen)
    assert doc["ops"]["lower_bound"] and "one pass over the data assumed" in doc["ops"]["formula"]
    assert doc["compute"]["method"] == "gpu_time" and "lower bound" in doc["compute"]["why"]
    assert not [r for r in doc["review"] if r["check"] == "implied_utilization"]


# ---------------------------------------------------------------------------------------------
# Issue 10: modern papers (6ND, device-hours, pods) and assumed hardware


def test_mixture_of_experts_uses_active_parameters_and_says_so():
    facts = {"parameters": fact(1.6e12), "active_parameters": fact(1.3e10), "tokens_or_examples": fact(1e12, unit="tokens")}
    r = ops_estimate(facts, {}, SETTINGS)
    assert r["flop"] == pytest.approx(6 * 1.3e10 * 1e12)
    assert "mixture-of-experts" in r["basis"] and "active parameters" in r["formula"]
    assert r["inputs"]["total_parameters"]["value"] == 1.6e12


def test_tokens_from_steps_and_batch():
    base = {"parameters": fact(3.4e8), "steps": fact(1e6)}
    r = ops_estimate({**base, "batch_size": fact(128000, unit="tokens")}, {}, SETTINGS)
    assert r["flop"] == pytest.approx(6 * 3.4e8 * 1e6 * 128000) and not r.get("lower_bound")
    r = ops_estimate({**base, "batch_size": fact(256, unit="sequences"), "sequence_length": fact(512)}, {}, SETTINGS)
    assert r["flop"] == pytest.approx(6 * 3.4e8 * 1e6 * 256 * 512)
    assert "steps" in r["inputs"]["tokens"]["note"] and r["confidence"] == "low"
    assert not ops_estimate({**base, "batch_size": fact(256, unit="sequences")}, {}, SETTINGS)["available"]


def test_device_hours_give_gpu_time_directly_with_the_chip_the_product_names():
    a100 = TABLE.get("nvidia-a100-sxm4-80gb")
    facts = {"chip_hours": fact(1.3e6, unit="gpu-hours", chip_id=a100.chip_id)}
    r = gpu_time_estimate(facts, {}, SETTINGS, TABLE, dt.date(2023, 1, 1))
    assert r["flop"] == pytest.approx(1.3e6 * 3600 * a100.tensor_flops * 0.33)  # Ampere: tensor cores by default
    assert r["low_flop"] == pytest.approx(1.3e6 * 3600 * a100.fp32_flops * 0.2)
    assert r["inputs"]["peak_flops"]["chip_id"] == a100.chip_id
    cpu = gpu_time_estimate({"chip_hours": fact(5e4, unit="cpu-hours")}, {}, SETTINGS, TABLE, dt.date(2023, 1, 1))
    assert not cpu["available"] and "CPU time" in " ".join(cpu["missing"])


def test_a_pod_slice_gives_the_count():
    v3 = TABLE.get("google-tpu-v3")
    facts = {"chip_model": fact("Google TPU v3", as_written="TPU v3-512"), "training_hours": fact(10.0)}
    r = gpu_time_estimate(facts, {}, SETTINGS, TABLE, dt.date(2020, 1, 1))
    assert r["inputs"]["chips"]["value"] == 512 and r["inputs"]["chips"]["unit"] == "tpu_cores"
    assert r["flop"] == pytest.approx(256 * v3.tensor_flops * 36000 * 0.33)
    pod = gpu_time_estimate({"chip_model": fact("Google TPU v3", as_written="TPU v3 Pod"), "training_hours": fact(10.0)},
                            {}, SETTINGS, TABLE, dt.date(2020, 1, 1))
    assert pod["flop"] == pytest.approx(1024 * v3.tensor_flops * 36000 * 0.33) and pod["low_flop"] < pod["flop"] / 8


def test_only_gpus_named_assumes_the_typical_accelerator_of_the_date():
    facts = {"chips": fact(8, unit="gpus"), "chip_model": fact("GPU (unspecified)", generic=True), "training_hours": fact(24.0)}
    r = gpu_time_estimate(facts, {}, SETTINGS, TABLE, dt.date(2019, 6, 1))
    v100, low, high = TABLE.get("nvidia-v100-sxm2"), TABLE.get("nvidia-k80-die"), TABLE.get("nvidia-a100-sxm4-40gb")
    assert r["available"] and r["confidence"] == "low"
    assert r["assumed_hardware"]["chip_id"] == v100.chip_id and r["assumed_hardware"]["source"]
    assert r["inputs"]["assumed_chip"]["origin"] == "assumed" and "assumed" in r["formula"]
    assert r["flop"] == pytest.approx(8 * v100.fp32_flops * 24 * 3600 * 0.33)
    assert r["low_flop"] == pytest.approx(8 * low.fp32_flops * 24 * 3600 * 0.2)
    assert r["high_flop"] == pytest.approx(8 * high.tensor_flops * 24 * 3600 * 0.5)
    doc = paper_doc(facts)
    assert doc["assumed"] and "V100" in doc["assumed"][0] and doc["compute"]["assumed"]
    # the date picks the era; without a date nothing is assumed
    assert gpu_time_estimate(facts, {}, SETTINGS, TABLE, dt.date(2013, 6, 1))["assumed_hardware"]["chip_id"] == "nvidia-k20"
    assert not gpu_time_estimate(facts, {}, SETTINGS, TABLE, None)["available"]
    # a count of GPUs with no model named at all is the same case; a named chip not in the table is not
    assert gpu_time_estimate({k: facts[k] for k in ("chips", "training_hours")}, {}, SETTINGS, TABLE,
                             dt.date(2019, 6, 1))["available"]
    unknown = {**facts, "chip_model": fact("Graphcore IPU")}
    assert not gpu_time_estimate(unknown, {}, SETTINGS, TABLE, dt.date(2019, 6, 1))["available"]


def test_only_tpus_named_assumes_the_tpu_of_the_date():
    facts = {"chips": fact(64, unit="tpu_chips"), "chip_model": fact("TPU (unspecified)", generic=True),
             "training_hours": fact(96.0)}
    r = gpu_time_estimate(facts, {}, SETTINGS, TABLE, dt.date(2018, 10, 11))
    v2, v3 = TABLE.get("google-tpu-v2"), TABLE.get("google-tpu-v3")
    assert r["assumed_hardware"]["chip_id"] == v2.chip_id
    assert r["flop"] == pytest.approx(64 * v2.tensor_flops * 96 * 3600 * 0.33)
    assert r["high_flop"] == pytest.approx(64 * v3.tensor_flops * 96 * 3600 * 0.5)


def test_entries_with_config_inputs_also_show_the_papers_main_run():
    chosen = {"chips": fact(60, unit="gpus"), "chip_model": fact("NVIDIA K80"), "training_hours": fact(72.0)}
    inputs = {"training_hours": src(720, "OpenAI appendix: the JFT run, 30 days")}
    doc = paper_doc(chosen, inputs=inputs, published="2016-10-07")
    main = doc["paper_main_run"]
    assert doc["compute"]["flop"] == pytest.approx(10 * main["flop"])
    assert main["method"] == "gpu_time" and main["status"] == "ok" and "72 h" in main["formula"]
    assert "paper_main_run" not in paper_doc(chosen, published="2016-10-07")


# ---------------------------------------------------------------------------------------------
# The data tables themselves


def test_gates_and_typical_accelerators_are_sourced_data():
    from aicompute.assumptions import Gates, TpuPods, TypicalAccelerators

    gates = Gates.load()
    for check in ("flops_per_forward", "parameters", "tokens", "examples", "epochs", "chips", "training_hours",
                  "chip_hours", "compute_flop", "forward_over_parameters", "tokens_over_parameters",
                  "implied_utilization", "count_is_model_number", "chip_released_after_paper", "ours_over_reference"):
        assert gates.by_check.get(check), check
    assert all(g.reason and g.source for g in gates.gates)
    # the result envelope covers every date from the start to the open end, without gaps
    rows = sorted(gates.by_check["compute_flop"], key=lambda g: g.date_from or dt.date.min)
    assert rows[0].date_from is None and rows[-1].date_to is None
    for a, b in zip(rows, rows[1:]):
        assert a.date_to + dt.timedelta(days=1) == b.date_from
        assert a.high <= b.high  # the frontier never shrinks
    typical = TypicalAccelerators.load(hardware=TABLE)  # every chip_id is a hardware-table row
    for kind in ("gpu", "tpu"):
        for year in range(2010, 2027):
            assert typical.for_date(kind, dt.date(year, 6, 1)) is not None, (kind, year)
    assert TpuPods.load().get(TABLE.get("google-tpu-v3")).pod_chips == 1024


def test_precision_not_stated_on_ampere_and_later_uses_the_tensor_peak_with_fp32_as_low():
    base = {"chips": fact(8, unit="gpus"), "training_hours": fact(24.0)}
    a100 = TABLE.get("nvidia-a100-sxm4-40gb")
    r = gpu_time_estimate({**base, "chip_model": fact("NVIDIA A100")}, {}, SETTINGS, TABLE, dt.date(2021, 1, 1))
    assert r["inputs"]["peak_flops"]["precision"] == "tensor"
    assert r["flop"] == pytest.approx(8 * a100.tensor_flops * 24 * 3600 * 0.33)
    assert r["low_flop"] == pytest.approx(8 * a100.fp32_flops * 24 * 3600 * 0.2)
    assert any("FP32 peak" in n and "low" in n for n in r["bounds_from"])
    # stated FP32 stays FP32; a V100 (2017) keeps FP32 with the tensor peak as the high bound
    fp32 = gpu_time_estimate({**base, "chip_model": fact("NVIDIA A100"), "precision": fact("fp32")}, {}, SETTINGS, TABLE,
                             dt.date(2021, 1, 1))
    assert fp32["inputs"]["peak_flops"]["precision"] == "fp32"
    v100 = gpu_time_estimate({**base, "chip_model": fact("NVIDIA V100")}, {}, SETTINGS, TABLE, dt.date(2019, 1, 1))
    assert v100["inputs"]["peak_flops"]["precision"] == "fp32"
    # the cut-off is a setting
    later = EstimateSettings(tensor_by_default_from="2030-01-01")
    assert gpu_time_estimate({**base, "chip_model": fact("NVIDIA A100")}, {}, later, TABLE,
                             dt.date(2021, 1, 1))["inputs"]["peak_flops"]["precision"] == "fp32"


def test_an_accelerator_released_long_after_the_paper_needs_review():
    chosen = {"chips": fact(8, unit="gpus"), "chip_model": fact("NVIDIA H100 SXM", chip_id="nvidia-h100-sxm"),
              "training_hours": fact(24.0)}
    doc = paper_doc(chosen, published="2019-06-01")
    assert any(r["check"] == "chip_released_after_paper" and "2022-03-22" in r["reason"] for r in doc["review"])
    assert not [r for r in paper_doc(chosen, published="2022-01-15")["review"] if r["check"] == "chip_released_after_paper"]


def test_device_hours_from_config_may_say_what_they_count():
    v3 = TABLE.get("google-tpu-v3")
    inputs = {"chip_model": src("Google TPU v3"), "chip_hours": src(60000.0, "paper: 2.5k TPUv3-core-days"),
              "chip_hours_unit": src("tpu-core-hours")}
    r = gpu_time_estimate({}, inputs, SETTINGS, TABLE, dt.date(2020, 10, 22))
    assert r["flop"] == pytest.approx(30000 * 3600 * v3.tensor_flops * 0.33)


def test_examples_seen_from_steps_and_batch_when_epochs_are_not_stated():
    # "trained for 600k iterations with a mini-batch of 256" on a 1.28M-image dataset, no epoch count:
    # the examples processed are steps x batch (120 passes), not one pass over the dataset.
    per_forward = fact(11.3e9, unit="multiply-add")
    base = {"flops_per_forward": per_forward, "tokens_or_examples": fact(1.28e6, unit="images"),
            "steps": fact(6e5), "batch_size": fact(256)}
    r = ops_estimate(base, {}, SETTINGS)
    assert r["flop"] == pytest.approx(11.3e9 * 2 * 6e5 * 256 * 3) and not r.get("lower_bound")
    assert "steps" in r["formula"] and r["inputs"]["examples"]["note"].startswith("examples processed")
    assert r["confidence"] == "low"  # two numbers read automatically, often from different runs
    # stated epochs keep precedence over steps x batch
    r = ops_estimate({**base, "epochs": fact(90)}, {}, SETTINGS)
    assert r["flop"] == pytest.approx(11.3e9 * 2 * 1.28e6 * 90 * 3)
    # a batch counted in tokens is not a number of examples: one pass over the dataset, a lower bound
    r = ops_estimate({**base, "batch_size": fact(5e5, unit="tokens")}, {}, SETTINGS)
    assert r["flop"] == pytest.approx(11.3e9 * 2 * 1.28e6 * 3) and r["lower_bound"]
    # with no dataset size at all, steps x batch is the count of examples
    no_data = {k: v for k, v in base.items() if k != "tokens_or_examples"}
    assert ops_estimate(no_data, {}, SETTINGS)["flop"] == pytest.approx(11.3e9 * 2 * 6e5 * 256 * 3)


# ---------------------------------------------------------------------------------------------
# Issue 9: a method choice that does not hinge on small confidence differences


def _block(method, flop, grade, score, **extra):
    return {"method": method, "available": True, "flop": flop, "low_flop": flop / 2, "high_flop": flop * 2,
            "confidence": grade, "confidence_score": score, **extra}


def _check(ops_flop, gpu_flop, factor=3.0):
    ratio = ops_flop / gpu_flop
    return {"ratio": ratio, "factor": factor, "verdict": "consistent" if 1 / factor <= ratio <= factor else "inconsistent"}


def test_confidences_either_side_of_a_grade_boundary_give_the_same_method():
    from aicompute.estimate import choose

    gpu = _block("gpu_time", 2e21, "medium", 0.64)
    for score, grade in ((0.49, "low"), (0.50, "medium"), (0.55, "medium")):
        ops_ = _block("ops", 4e20, grade, score)
        c = choose(ops_, gpu, _check(4e20, 2e21))
        assert c["method"] == "ops", score
        assert c["disagreement"]["other_method"] == "gpu_time" and "disagree" in c["why"]


def test_a_clearly_weaker_method_gives_way_whichever_it_is():
    from aicompute.estimate import choose

    c = choose(_block("ops", 4e20, "low", 0.3), _block("gpu_time", 2e21, "medium", 0.79), _check(4e20, 2e21))
    assert c["method"] == "gpu_time" and "clearly weaker" in c["why"]
    c = choose(_block("ops", 4e20, "high", 0.9), _block("gpu_time", 2e21, "low", 0.4), _check(4e20, 2e21))
    assert c["method"] == "ops" and "clearly weaker" in c["why"]


def test_two_methods_that_agree_give_counting_operations_at_the_stronger_grade():
    from aicompute.estimate import choose

    c = choose(_block("ops", 5.5e23, "low", 0.45), _block("gpu_time", 3.8e23, "medium", 0.79), _check(5.5e23, 3.8e23))
    assert c["method"] == "ops" and c["confidence"] == "medium" and "agrees" in c["why"]
    assert "disagreement" not in c


def test_methods_apart_beyond_any_utilization_give_the_larger_figure():
    from aicompute.estimate import choose

    # a smaller model's stated total against the main run's device-time: GPU time is the larger
    c = choose(_block("ops", 5.5e19, "low", 0.44), _block("gpu_time", 4.4e21, "medium", 0.54),
               _check(5.5e19, 4.4e21), impossible=True)
    assert c["method"] == "gpu_time" and "larger" in c["why"]
    # a per-node count read as the GPU count: counting operations is the larger
    c = choose(_block("ops", 2.9e21, "low", 0.45), _block("gpu_time", 3.5e20, "medium", 0.79),
               _check(2.9e21, 3.5e20), impossible=True)
    assert c["method"] == "ops"
    # the same disagreement within what utilization can explain keeps the ordinary order
    c = choose(_block("ops", 5.5e19, "low", 0.44), _block("gpu_time", 4.4e21, "medium", 0.54), _check(5.5e19, 4.4e21))
    assert c["method"] == "ops"


def test_the_method_another_reading_corroborates_wins():
    from aicompute.estimate import choose

    c = choose(_block("ops", 4e20, "medium", 0.6), _block("gpu_time", 2e21, "medium", 0.6), _check(4e20, 2e21),
               corroborated={"gpu_time": "counting operations with another reading agrees"})
    assert c["method"] == "gpu_time" and "another reading" in c["why"]
    # both corroborated: no side is preferred, the ordinary order decides
    c = choose(_block("ops", 4e20, "medium", 0.6), _block("gpu_time", 2e21, "medium", 0.6), _check(4e20, 2e21),
               corroborated={"gpu_time": "a", "ops": "b"})
    assert c["method"] == "ops"


def _cand(field, value, confidence, **extra):
    return {"field": field, "value": value, "confidence": confidence, "page": 5, "sentence": "Other sentence.", **extra}


def test_corroboration_reads_the_next_candidates_of_the_other_method():
    # 16 GPUs x 20 days (the chosen count) against 6ND of 1.3B x 26B tokens; a runner-up count of 128 GPUs
    # in the paper makes GPU time agree with counting operations
    chosen = {"chips": fact(16, unit="gpus", confidence=0.6), "chip_model": fact("NVIDIA V100"),
              "training_hours": fact(480.0, confidence=0.6),
              "parameters": fact(1.3e9, confidence=0.6), "tokens_or_examples": fact(2.6e10, unit="tokens", confidence=0.6),
              "epochs": fact(10, confidence=0.7)}
    cands = [_cand("chips", 128, 0.3, unit="gpus"), _cand("chips", 2, 0.2, unit="gpus")]
    paper = {"key": "x", "arxiv_id": "1901.00001", "inputs": {}}
    meta = {"status": "ok", "arxiv_id": "1901.00001", "published": "2019-06-01"}
    doc = estimate_paper(paper, meta, {"status": "ok", "chosen": chosen, "candidates": cands}, SETTINGS, TABLE)
    assert doc["consistency"]["verdict"] == "inconsistent"
    assert doc["compute"]["method"] == "ops" and "another reading of its chips (128" in doc["compute"]["why"]
    # near-miss: the only runner-up is implausible (above the device-count gate), so nothing is corroborated
    doc = estimate_paper(paper, meta, {"status": "ok", "chosen": chosen,
                                       "candidates": [_cand("chips", 5e7, 0.3, unit="gpus")]}, SETTINGS, TABLE)
    assert "another reading" not in doc["compute"]["why"]
    # near-miss: a fourth-best reading is not tried (a table of many sizes would corroborate anything)
    far = [_cand("chips", n, 0.3 - i / 100, unit="gpus") for i, n in enumerate((1, 2, 3, 128))]
    doc = estimate_paper(paper, meta, {"status": "ok", "chosen": chosen, "candidates": far}, SETTINGS, TABLE)
    assert "another reading" not in doc["compute"]["why"]


def test_small_confidence_shifts_do_not_flip_the_method_of_a_paper():
    # the same paper, its counting-operations inputs read 0.05 less or more confidently
    def doc(shift):
        chosen = {"chip_model": fact("Google TPU v3"), "chips": fact(512, unit="tpu_chips", confidence=0.79),
                  "training_hours": fact(29.4, confidence=0.64),
                  "flops_per_forward": fact(1.667e11, unit="multiply-add", confidence=0.5 + shift),
                  "tokens_or_examples": fact(1.28e6, unit="images", confidence=0.61 + shift),
                  "epochs": fact(300, confidence=0.54 + shift)}
        return paper_doc(chosen, published="2021-04-05")
    methods = {doc(s)["compute"]["method"] for s in (-0.05, -0.02, 0.0, 0.02, 0.05)}
    assert methods == {"ops"}


# ---------------------------------------------------------------------------------------------
# Issue 9: estimate-level gates on where the chosen method's inputs were read


def _gpu_facts(hours_note, **hours_extra):
    return {"chips": fact(64, unit="gpus", why="count '64' + 'GPUs'; training statement"),
            "chip_model": fact("NVIDIA V100"),
            "training_hours": fact(50.0, why=hours_note, **hours_extra)}


def test_a_duration_read_with_no_training_words_needs_review_but_keeps_its_method():
    doc = paper_doc(_gpu_facts("usage/optimization word; hardware in the sentence", as_written="50h"))
    hits = [r for r in doc["review"] if r["check"] == "duration_without_training_words"]
    assert hits and "50h" in hits[0]["reason"] and doc["status"].startswith("needs review")
    assert doc["compute"]["method"] == "gpu_time" and doc["compute"]["flop"]
    # the extraction's own "no training word" reason is no training word
    doc = paper_doc(_gpu_facts("usage/optimization word; no training word; device count in the next/previous sentence"))
    assert [r for r in doc["review"] if r["check"] == "duration_without_training_words"]
    # near-misses: a training statement or a training word in the extraction's reasons
    for why in ("training statement; time word near the duration", "table row 'Training Time': first column",
                "pre-training word; device count in the same sentence"):
        doc = paper_doc(_gpu_facts(why))
        assert not [r for r in doc["review"] if r["check"] == "duration_without_training_words"], why
        assert doc["status"] == "ok", why


def test_a_device_time_product_from_a_table_row_is_not_gated_for_training_words():
    # "TPUv3-core-days 2.5k 0.68k ..." in a results table: the unit names accelerator time
    chosen = {"chip_model": fact("Google TPU v3"),
              "chip_hours": fact(60000.0, unit="tpu-core-hours", why="table row 'TPUv3-core-days': first column",
                                 as_written="2.5k TPUv3-core-days")}
    doc = paper_doc(chosen, published="2020-10-22")
    assert not [r for r in doc["review"] if r["check"] == "duration_without_training_words"]


def test_a_duration_a_person_wrote_or_a_hand_label_is_not_gated_for_training_words():
    chosen = _gpu_facts("usage/optimization word")
    doc = paper_doc(chosen, inputs={"training_hours": src(50.0, "p.8: 50 hours")})
    assert not [r for r in doc["review"] if r["check"] == "duration_without_training_words"]
    from aicompute.yardstick import facts_from_label
    label = {"chip_model": "NVIDIA V100", "chip_count": 64, "count_unit": "gpus", "training_hours": 50.0}
    doc = paper_doc(facts_from_label(label)["chosen"])
    assert doc["status"] == "ok"


def _rate_facts(sentence, as_written):
    return {"chips": fact(1, unit="gpus", why="count 'a single' + 'GPU'; training statement"),
            "chip_model": fact("NVIDIA K40"),
            "time_from_steps": fact(5.0, sentence=sentence, as_written=as_written,
                                    why="rate 'One epoch took 24 minutes'; training word; x 10 to 15 epoch")}


def test_a_per_epoch_time_times_an_epoch_count_from_another_sentence_needs_review():
    doc = paper_doc(_rate_facts("One epoch took 24 minutes for the small model.", "One epoch took 24 minutes x 10 to 15 epoch"),
                    published="2016-06-01")
    hits = [r for r in doc["review"] if r["check"] == "product_of_numbers_stated_apart"]
    assert hits and "stated elsewhere (10 to 15 epoch)" in hits[0]["reason"]
    assert doc["compute"]["method"] == "gpu_time"
    # near-miss: the count is in the time's own sentence
    doc = paper_doc(_rate_facts("One epoch took 24 minutes and we trained for 12 epochs.", "One epoch took 24 minutes x 12 epochs"),
                    published="2016-06-01")
    assert not [r for r in doc["review"] if r["check"] == "product_of_numbers_stated_apart"]


def test_the_provenance_gates_are_sourced_rows_of_the_gates_table():
    from aicompute.assumptions import Gates

    gates = Gates.load()
    for check in ("duration_without_training_words", "product_of_numbers_stated_apart"):
        g = gates.find(check)
        assert g is not None and g.reason and g.source, check


def test_a_flop_per_forward_ten_times_below_two_per_parameter_needs_review():
    # a table's "2" read as 2 GFLOP per example for a 27B-parameter language model (0.04 x 2N)
    chosen = {"flops_per_forward": fact(2e9), "parameters": fact(2.7e10), "tokens_or_examples": fact(6.4e7, unit="examples")}
    assert any(r["check"] == "forward_over_parameters" for r in paper_doc(chosen)["review"])
    # near-misses: a convolutional network (FLOP far above 2N) and a model with a large embedding table (0.3 x 2N)
    for fwd, params in ((1.13e10, 6e7), (6e7, 1e8)):
        chosen = {"flops_per_forward": fact(fwd), "parameters": fact(params), "tokens_or_examples": fact(1.2e6, unit="examples")}
        assert not [r for r in paper_doc(chosen)["review"] if r["check"] == "forward_over_parameters"], (fwd, params)
