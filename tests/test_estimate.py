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
