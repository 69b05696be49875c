"""Tests for the accelerator table (workflow/data/hardware.csv) and aicompute.hardware."""

import csv
from datetime import date
from pathlib import Path

import pytest

from aicompute import DATA_DIR
from aicompute.hardware import COLUMNS, Chip, HardwareTable

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="module")
def table():
    return HardwareTable.load()


def ids(table, text, published=None):
    return [m.chip.chip_id for m in table.find(text, published)]


# ---------------------------------------------------------------- the table itself


def test_header_is_exactly_the_documented_columns():
    with open(DATA_DIR / "hardware.csv", newline="") as f:
        assert tuple(next(csv.reader(f))) == COLUMNS


def test_every_family_has_exactly_one_default(table):
    for family in table.families():
        rows = [c for c in table.chips if c.family == family]
        assert sum(c.family_default for c in rows) == 1, family
        assert table.family_default(family).family == family


def test_rows_are_complete(table):
    for c in table.chips:
        assert c.source_url.startswith("https://"), c.chip_id
        assert c.notes, c.chip_id
        assert c.fp32_flops or c.tensor_flops or c.int8_ops, c.chip_id
        assert isinstance(c.release_date, date) and date(2008, 1, 1) <= c.release_date <= date(2025, 12, 31)
        assert c.kind == "tpu" or c.cores_per_chip == 1
        # plausible magnitudes: catches a missing exponent or a per-pod/per-board slip
        for p in ("fp32", "fp16", "tensor", "int8"):
            v = c.peak_flops(p)
            assert v is None or 1e11 < v < 1e16, (c.chip_id, p, v)


def test_required_chips_are_present(table):
    for f in ["GTX 280", "GTX 580", "GTX 680", "GTX 770", "GTX 780", "GTX 980", "GTX 980 Ti", "GTX Titan (Kepler)",
              "Titan Black", "Titan X (Maxwell)", "Titan X (Pascal)", "Titan Xp", "Titan V", "Titan RTX",
              "GTX 1080", "GTX 1080 Ti", "RTX 2080", "RTX 2080 Ti", "RTX 3080", "RTX 3090", "RTX 4090", "Quadro K6000", "Quadro P6000",
              "Quadro RTX 6000", "Quadro RTX 8000", "K10", "K20", "K40", "K80", "GRID K520", "M40", "M60", "P40",
              "P100", "V100", "T4", "A10", "A40", "A100", "H100", "H200", "L4", "L40S"]:
        table.family_default(f"NVIDIA {f}")
    for f in ["MI50", "MI100", "MI250X", "MI300X"]:
        table.family_default(f"AMD {f}")
    for v in ["v1", "v2", "v3", "v4", "v5e", "v5p", "v6e"]:
        table.family_default(f"Google TPU {v}")
    for chip_id in ["nvidia-p100-pcie-12gb", "nvidia-p100-pcie-16gb", "nvidia-p100-sxm2", "nvidia-v100-pcie",
                    "nvidia-v100-sxm2", "nvidia-v100s-pcie", "nvidia-a100-pcie-40gb", "nvidia-a100-sxm4-40gb",
                    "nvidia-a100-pcie-80gb", "nvidia-a100-sxm4-80gb", "nvidia-h100-sxm", "nvidia-h100-pcie",
                    "nvidia-k80-board", "nvidia-k80-die", "nvidia-k20x"]:
        table.get(chip_id)


def test_judgement_calls_in_the_data(table):
    k80 = table.family_default("NVIDIA K80")
    assert (k80.chip_id, k80.count_unit, k80.dies_per_board) == ("nvidia-k80-board", "board", 2)
    die = table.get("nvidia-k80-die")
    assert die.count_unit == "gpu_die" and die.fp32_flops == pytest.approx(k80.fp32_flops / 2, rel=0.01)
    assert table.family_default("NVIDIA V100").chip_id == "nvidia-v100-sxm2"
    assert table.family_default("NVIDIA P100").chip_id == "nvidia-p100-pcie-16gb"
    cores = {v: table.family_default(f"Google TPU {v}").cores_per_chip for v in ["v1", "v2", "v3", "v4", "v5e", "v5p", "v6e"]}
    assert cores == {"v1": 1, "v2": 2, "v3": 2, "v4": 2, "v5e": 1, "v5p": 2, "v6e": 1}
    v1 = table.family_default("Google TPU v1")
    assert v1.tensor_flops is None and v1.int8_ops == pytest.approx(92e12, rel=0.01)


# OpenAI "AI and Compute" (2018) appendix: per-GPU peaks it used; the family default must be within 5%.
OPENAI_ANCHORS = [
    ("NVIDIA GTX 580", 1.58e12), ("NVIDIA K20", 3.5e12), ("NVIDIA Titan Black", 5.1e12), ("NVIDIA K40", 4.2e12),
    ("NVIDIA Titan X (Maxwell)", 6e12), ("NVIDIA K80", 8.5e12), ("NVIDIA P100", 9.3e12),
]


@pytest.mark.parametrize("family,flops", OPENAI_ANCHORS)
def test_openai_2018_anchors(table, family, flops):
    assert table.family_default(family).fp32_flops == pytest.approx(flops, rel=0.05)


def test_p100_range_and_known_exact_figures(table):
    assert table.get("nvidia-p100-sxm2").fp32_flops == pytest.approx(10.6e12, rel=0.01)
    assert table.get("nvidia-k40").fp32_flops == pytest.approx(4.29e12, rel=0.01)  # base clock
    assert table.get("nvidia-k80-board").fp32_flops == pytest.approx(8.73e12, rel=0.01)  # boost


def test_peak_flops(table):
    v100 = table.get("nvidia-v100-sxm2")
    assert v100.peak_flops("tensor") == 125e12 and v100.peak_flops("fp32") == 15.7e12
    assert table.get("nvidia-gtx-580").peak_flops("tensor") is None
    with pytest.raises(ValueError):
        v100.peak_flops("bf16")


def test_lookup_errors_are_clear(table):
    with pytest.raises(KeyError, match="unknown chip_id 'nvidia-v1000'"):
        table.get("nvidia-v1000")
    with pytest.raises(KeyError, match="unknown family"):
        table.family_default("NVIDIA V1000")


# ---------------------------------------------------------------- validation of bad tables


def write_table(tmp_path, edit):
    rows = list(csv.DictReader(open(DATA_DIR / "hardware.csv", newline="")))
    edit(rows)
    path = tmp_path / "hw.csv"
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS)
        w.writeheader()
        w.writerows(rows)
    return path


def _row(rows, chip_id):
    return next(r for r in rows if r["chip_id"] == chip_id)


@pytest.mark.parametrize("edit,message", [
    (lambda rows: _row(rows, "nvidia-p100-sxm2").update(family_default="true"), "nvidia-p100-sxm2.*second family_default"),
    (lambda rows: _row(rows, "nvidia-k40").update(family_default="false"), "nvidia-k40.*no family_default"),
    (lambda rows: _row(rows, "nvidia-t4").update(fp32_flops="8.1 TFLOPS"), "nvidia-t4.*fp32_flops is not a number"),
    (lambda rows: _row(rows, "nvidia-t4").update(release_date="Sept 2018"), "nvidia-t4.*release_date"),
    (lambda rows: _row(rows, "nvidia-t4").update(fp32_flops="", tensor_flops="", int8_ops=""), "nvidia-t4.*at least one"),
    (lambda rows: _row(rows, "nvidia-t4").update(source_url=""), "nvidia-t4.*source_url"),
    (lambda rows: _row(rows, "nvidia-m40").update(aliases="Tesla M40;Tesla K40"), "nvidia-m40.*alias 'Tesla K40' duplicates .* of nvidia-k40"),
    (lambda rows: _row(rows, "nvidia-k80-board").update(dies_per_board="1"), "nvidia-k80-board.*dies_per_board"),
])
def test_bad_tables_raise_naming_the_row(tmp_path, edit, message):
    with pytest.raises(ValueError, match=message):
        HardwareTable.load(write_table(tmp_path, edit))


def test_bad_header_raises(tmp_path):
    path = tmp_path / "hw.csv"
    path.write_text("chip_id,name\nx,y\n")
    with pytest.raises(ValueError, match="header"):
        HardwareTable.load(path)


# ---------------------------------------------------------------- matching


@pytest.mark.parametrize("text,chip_id", [
    # case and vendor prefixes
    ("nvidia tesla v100", "nvidia-v100-sxm2"),
    ("NVIDIA GeForce GTX 1080 Ti", "nvidia-gtx-1080-ti"),
    ("a single RTX 2080 GPU", "nvidia-rtx-2080"),
    ("four GeForce RTX 3080s", "nvidia-rtx-3080"),
    ("Tesla K40m", "nvidia-k40"),
    ("NVIDIA K40 GPU", "nvidia-k40"),
    ("K40c", "nvidia-k40"),
    ("a Tesla K40t card", "nvidia-k40"),
    ("Radeon Instinct MI50", "amd-mi50"),
    ("AMD Instinct MI250X", "amd-mi250x"),
    # hyphens / spaces / nothing
    ("V100-SXM2", "nvidia-v100-sxm2"),
    ("TPUv3", "google-tpu-v3"),
    ("TPU-v3", "google-tpu-v3"),
    ("TPU v3", "google-tpu-v3"),
    ("1080Ti", "nvidia-gtx-1080-ti"),
    ("GTX1080 Ti", "nvidia-gtx-1080-ti"),
    ("RTX3090", "nvidia-rtx-3090"),
    ("A100-SXM4-80GB", "nvidia-a100-sxm4-80gb"),
    ("A100 80 GB", "nvidia-a100-sxm4-80gb"),
    ("Tesla P100-PCIE-12GB", "nvidia-p100-pcie-12gb"),
    # plural s vs the V100S / L40S products
    ("V100s", "nvidia-v100-sxm2"),
    ("P100s", "nvidia-p100-pcie-16gb"),
    ("K80s", "nvidia-k80-board"),
    ("V100S", "nvidia-v100s-pcie"),
    ("Tesla V100S PCIe 32GB", "nvidia-v100s-pcie"),
    ("8 NVIDIA L40S GPUs", "nvidia-l40s"),
    ("8 NVIDIA L40s", "nvidia-l40"),
    # counts
    ("8x V100", "nvidia-v100-sxm2"),
    ("8×V100", "nvidia-v100-sxm2"),
    ("8xV100", "nvidia-v100-sxm2"),
    ("V100 GPUs", "nvidia-v100-sxm2"),
    # Titans
    ("TITAN X", "nvidia-titan-x-maxwell"),
    ("GTX TITAN X", "nvidia-titan-x-maxwell"),
    ("NVIDIA GeForce GTX TITAN X", "nvidia-titan-x-maxwell"),
    ("TitanX", "nvidia-titan-x-maxwell"),
    ("TITAN X (Pascal)", "nvidia-titan-x-pascal"),
    ("Titan X Pascal", "nvidia-titan-x-pascal"),
    ("Titan Xp", "nvidia-titan-xp"),
    ("NVIDIA TITAN XP", "nvidia-titan-xp"),
    ("Titan Black", "nvidia-titan-black"),
    ("GTX Titan", "nvidia-gtx-titan"),
    ("NVIDIA Titan V", "nvidia-titan-v"),
    # TPU generations, pods and slices
    ("second-generation TPUs", "google-tpu-v2"),
    ("second generation TPU", "google-tpu-v2"),
    ("third-generation TPU", "google-tpu-v3"),
    ("Cloud TPU v3 Pod", "google-tpu-v3"),
    ("TPU v3-512", "google-tpu-v3"),
    ("Cloud TPU v2-8", "google-tpu-v2"),
    ("TPU v4", "google-tpu-v4"),
    ("a v5litepod-16 TPU slice", "google-tpu-v5e"),
    ("Google Trillium", "google-tpu-v6e"),
    ("TPU v6e", "google-tpu-v6e"),
    # spellings seen in real papers (shared/corpus)
    ("RNNsearch-50 Quadro K-6000 40.7", "nvidia-quadro-k6000"),
    ("trained on V-100 GPUs", "nvidia-v100-sxm2"),
    ("We train our models in TPUs (v3)", "google-tpu-v3"),
    ("run using third generation Google Cloud TPUs", "google-tpu-v3"),
    ("two NVIDIA\nGTX 580 3GB GPUs", "nvidia-gtx-580"),
    ("NVIDIA GTX1080TI", "nvidia-gtx-1080-ti"),
    ("512 TPUv2s", "google-tpu-v2"),
    ("on 64 AWS Trainium chips", "aws-trainium"),
    ("served on Inferentia2 chips", "aws-inferentia2"),
    ("trained on 512 Huawei Ascend 910 NPUs", "huawei-ascend-910"),
    ("16 Graphcore Colossus MK2 GC200 IPUs", "graphcore-gc200"),
    # consumer cards of one-GPU papers: a "Ti"/"Super" card is its own row, not its base card's
    ("an NVIDIA GeForce RTX 3080 Ti (12 GB)", "nvidia-rtx-3080-ti"), ("2x RTX 3090 Ti", "nvidia-rtx-3090-ti"),
    ("a GeForce RTX 2070 SUPER GPU", "nvidia-rtx-2070-super"), ("one RTX 2070", "nvidia-rtx-2070"),
    ("a laptop RTX 3060 GPU", "nvidia-rtx-3060"), ("RTX 3070", "nvidia-rtx-3070"), ("RTX 4070", "nvidia-rtx-4070"),
    ("GTX 1070", "nvidia-gtx-1070"), ("RTX 2060", "nvidia-rtx-2060"),
    ("2 RTX Titan GPUs", "nvidia-titan-rtx"),  # the Titan RTX named in the other order, not the 2013 GTX Titan
])
def test_single_mentions(table, text, chip_id):
    assert ids(table, text) == [chip_id]


@pytest.mark.parametrize("text", [
    "We train on GPUs.", "8 GPUs", "a Cloud TPU", "TPU pods", "Google's TPU",      # generic: not a mention
    "K400", "MK40", "T40", "A100B", "XV100",                                          # word boundaries
    "see Table T4 and Figure A10", "Section L4", "results in P40 and M40 rows",       # guarded short names
    "K10 clusters", "the Titan supercomputer", "AMD A10-7850K APU", "Trillium",
    "v3-8",                                                                           # slice without TPU nearby
    "GTX 780 Ti", "RTX 2080 Super", "RTX 3060 Ti", "RTX 4070 Ti", "RTX 2060 Super",  # other cards, not misread
    "Ascend 910B", "Ascend 910C", "Graphcore IPUs", "Inferentia chips",             # other generations (no vendor peak)
])
def test_non_mentions(table, text):
    assert table.find(text) == []


@pytest.mark.parametrize("text,chip_id", [
    ("T4 GPU", "nvidia-t4"), ("NVIDIA T4", "nvidia-t4"), ("Tesla T4", "nvidia-t4"), ("a T4 Tensor Core GPU", "nvidia-t4"),
    ("NVIDIA A10", "nvidia-a10"), ("4 A10 (24GB) GPUs", "nvidia-a10"), ("NVIDIA L4 GPUs", "nvidia-l4"),
    ("Tesla P40", "nvidia-p40"), ("M40 GPUs", "nvidia-m40"), ("Tesla K10", "nvidia-k10-board"),
    ("NVIDIA Titan GPU", "nvidia-gtx-titan"), ("Trillium TPUs", "google-tpu-v6e"),
    ("we used v3-8 TPU slices", "google-tpu-v3"), ("TPU pods: we used a v4-128 slice", "google-tpu-v4"),
])
def test_guarded_names_with_context(table, text, chip_id):
    assert ids(table, text) == [chip_id]


def test_find_returns_all_mentions_in_text_order(table):
    text = ("Models were trained on 8x NVIDIA V100-SXM2-32GB GPUs, evaluated on a T4 GPU, and the large model "
            "used a TPU v3-512 pod; Titan X (Pascal) cards were used for ablations (see Table T4).")
    mentions = table.find(text)
    assert [m.chip.chip_id for m in mentions] == ["nvidia-v100-sxm2", "nvidia-t4", "google-tpu-v3", "nvidia-titan-x-pascal"]
    assert [m.text for m in mentions] == ["NVIDIA V100-SXM2-32GB", "T4", "TPU v3-512 pod", "Titan X (Pascal)"]
    for m in mentions:
        assert text[m.start:m.end] == m.text and m.family == m.chip.family
    assert all(a.end <= b.start for a, b in zip(mentions, mentions[1:]))


def test_longest_match_wins(table):
    assert ids(table, "GeForce GTX Titan Black") == ["nvidia-titan-black"]
    assert ids(table, "RTX 6000 Ada Generation") == ["nvidia-rtx-6000-ada"]
    assert ids(table, "Quadro RTX 6000") == ["nvidia-quadro-rtx-6000"]
    assert ids(table, "A100 PCIe 80GB") == ["nvidia-a100-pcie-80gb"]


def test_exact_variant(table):
    exact = {m.text: m.exact_variant for m in table.find("V100, V100 SXM2, A100, A100 80GB, P100 PCIe, K80, TPU v3, V100S")}
    assert exact == {"V100": False, "V100 SXM2": True, "A100": False, "A100 80GB": True, "P100 PCIe": True,
                     "K80": False, "TPU v3": False, "V100S": True}


# ---------------------------------------------------------------- dates


def test_family_name_falls_back_to_a_variant_released_by_then(table):
    # P100 default (PCIe, 2016-06-20) did not exist in May 2016; the SXM2 part did (2016-04-05).
    assert ids(table, "8 P100 GPUs", date(2016, 5, 15)) == ["nvidia-p100-sxm2"]
    assert ids(table, "8 P100 GPUs", date(2016, 9, 1)) == ["nvidia-p100-pcie-16gb"]
    # an explicitly named variant is kept even when the date looks wrong
    assert ids(table, "A100 80GB", date(2020, 7, 1)) == ["nvidia-a100-sxm4-80gb"]
    # no older variant: keep the match
    assert ids(table, "H100", date(2020, 1, 1)) == ["nvidia-h100-sxm"]


def test_titan_x_and_titan_xp_dates(table):
    assert ids(table, "Titan X", date(2016, 3, 1)) == ["nvidia-titan-x-maxwell"]
    assert ids(table, "Titan X", date(2017, 6, 1)) == ["nvidia-titan-x-maxwell"]  # documented: still Maxwell
    assert ids(table, "Titan X Pascal", date(2017, 6, 1)) == ["nvidia-titan-x-pascal"]
    assert ids(table, "Titan XP", date(2016, 12, 1)) == ["nvidia-titan-x-pascal"]  # before the real Xp
    assert ids(table, "Titan Xp", date(2017, 8, 1)) == ["nvidia-titan-xp"]
    assert table.match("TITAN XP", "2016-11-20").chip_id == "nvidia-titan-x-pascal"


# ---------------------------------------------------------------- match()


@pytest.mark.parametrize("name,chip_id", [
    ("Tesla K40m", "nvidia-k40"), ("8x V100", "nvidia-v100-sxm2"), ("NVIDIA A100-SXM4-40GB", "nvidia-a100-sxm4-40gb"),
    ("T4", "nvidia-t4"), ("A10", "nvidia-a10"),  # a hardware field needs no GPU context
    ("TPUv3-8", "google-tpu-v3"), ("K80 GPU", "nvidia-k80-board"), ("GK210", "nvidia-k80-die"),
])
def test_match(table, name, chip_id):
    assert table.match(name).chip_id == chip_id


def test_match_nothing(table):
    assert table.match("GPU") is None and table.match("Xeon E5-2690") is None


# ---------------------------------------------------------------- cross-check against Epoch AI

# Our chip_id -> Epoch AI "Hardware name" (../shared/reference/ml_hardware.csv, CC-BY; read, never copied).
EPOCH_NAMES = {
    "nvidia-gtx-280": "NVIDIA GeForce GTX 280", "nvidia-gtx-580": "NVIDIA GeForce GTX 580",
    "nvidia-gtx-780": "NVIDIA GeForce GTX 780", "nvidia-gtx-980": "NVIDIA GeForce GTX 980",
    "nvidia-gtx-titan": "NVIDIA GeForce GTX TITAN", "nvidia-titan-black": "NVIDIA GeForce GTX Titan Black",
    "nvidia-titan-x-maxwell": "NVIDIA GeForce GTX TITAN X", "nvidia-titan-xp": "NVIDIA TITAN Xp",
    "nvidia-titan-v": "NVIDIA Titan V", "nvidia-gtx-1080": "NVIDIA GeForce GTX 1080",
    "nvidia-gtx-1080-ti": "NVIDIA GeForce GTX 1080 Ti", "nvidia-rtx-2080-ti": "NVIDIA GeForce RTX 2080 Ti 11GB",
    "nvidia-rtx-3090": "NVIDIA GeForce RTX 3090", "nvidia-rtx-3080": "NVIDIA GeForce RTX 3080", "nvidia-rtx-4090": "NVIDIA GeForce RTX 4090",
    "nvidia-quadro-k6000": "NVIDIA Quadro K6000", "nvidia-quadro-p6000": "NVIDIA Quadro P6000",
    "nvidia-quadro-rtx-6000": "NVIDIA Quadro RTX 6000", "nvidia-quadro-rtx-8000": "NVIDIA Quadro RTX 8000",
    "nvidia-rtx-a6000": "NVIDIA RTX A6000", "nvidia-rtx-6000-ada": "NVIDIA RTX 6000 Ada Generation",
    "nvidia-k20": "NVIDIA Tesla K20c", "nvidia-k20x": "NVIDIA Tesla K20X", "nvidia-k40": "NVIDIA Tesla K40t",
    "nvidia-k80-board": "NVIDIA Tesla K80", "nvidia-m40": "NVIDIA M40", "nvidia-m60-board": "NVIDIA TESLA M60",
    "nvidia-p100-pcie-16gb": "NVIDIA Tesla P100 PCIe 16GB", "nvidia-p100-pcie-12gb": "NVIDIA Tesla P100 PCIe 12GB",
    "nvidia-p100-sxm2": "NVIDIA Tesla P100 SXM2", "nvidia-p40": "NVIDIA P40",
    "nvidia-v100-sxm2": "NVIDIA Tesla V100 SXM2 16 GB", "nvidia-v100-pcie": "NVIDIA Tesla V100 PCIe 16 GB",
    "nvidia-v100s-pcie": "NVIDIA Tesla V100S PCIe 32 GB", "nvidia-t4": "NVIDIA Tesla T4",
    "nvidia-a10": "NVIDIA A10 PCIe", "nvidia-a40": "NVIDIA A40 PCIe",
    "nvidia-a100-sxm4-40gb": "NVIDIA A100 SXM4 40 GB", "nvidia-a100-pcie-40gb": "NVIDIA A100 PCIe",
    "nvidia-a100-sxm4-80gb": "NVIDIA A100 SXM4 80 GB", "nvidia-h100-sxm": "NVIDIA H100 SXM5 80GB",
    "nvidia-h100-pcie": "NVIDIA H100 PCIe", "nvidia-h200-sxm": "NVIDIA H200 SXM", "nvidia-l4": "NVIDIA L4",
    "nvidia-l40": "NVIDIA L40", "amd-mi250x": "AMD Radeon Instinct MI250X", "amd-mi300x": "AMD Instinct MI300X",
    "google-tpu-v2": "Google TPU v2", "google-tpu-v3": "Google TPU v3", "google-tpu-v4": "Google TPU v4",
    "google-tpu-v5e": "Google TPU v5e", "google-tpu-v5p": "Google TPU v5p", "google-tpu-v6e": "Google TPU v6e Trillium",
    "aws-trainium": "Amazon Trainium1", "aws-inferentia2": "AWS Inferentia2", "huawei-ascend-910": "Huawei Ascend 910",
}
EPOCH_COLUMNS = {"fp32": "FP32 (single precision) performance (FLOP/s)",
                 "tensor": "Tensor-FP16/BF16 performance (FLOP/s)"}
# Where we keep the vendor's figure and Epoch differs by more than 10% (reasons also in the rows' notes).
WHITELIST = {
    ("nvidia-k40", "fp32"): "base clock 745 MHz (boards ship at base; NVIDIA's 4.29 TFLOP/s, OpenAI's 4.2); Epoch uses 875 MHz boost",
    ("nvidia-rtx-2080-ti", "tensor"): "FP16 with FP32 accumulate (half rate on GeForce, what AMP training uses); Epoch lists FP16-accumulate at FE clocks",
    ("nvidia-rtx-4090", "tensor"): "FP16 with FP32 accumulate (half rate on GeForce); Epoch lists FP16-accumulate",
}


def test_numbers_agree_with_epoch_ai(table):
    path = SHARED / "reference" / "ml_hardware.csv"
    if not path.exists():
        pytest.skip(f"{path} not available")
    epoch = {r["Hardware name"]: r for r in csv.DictReader(open(path, newline="", encoding="utf-8"))}
    missing = sorted(set(EPOCH_NAMES.values()) - set(epoch))
    assert not missing, f"Epoch rows not found (renamed?): {missing}"
    mismatches, compared, stale = [], 0, []
    for chip_id, name in EPOCH_NAMES.items():
        ours = table.get(chip_id)
        for precision, column in EPOCH_COLUMNS.items():
            theirs = float(epoch[name][column]) if epoch[name][column] else None
            mine = ours.peak_flops(precision)
            if theirs is None or mine is None:
                continue
            compared += 1
            off = abs(mine - theirs) / theirs > 0.10
            if off and (chip_id, precision) not in WHITELIST:
                mismatches.append(f"{chip_id} {precision}: ours {mine:.4g}, Epoch {theirs:.4g} ({mine / theirs - 1:+.0%})")
            if not off and (chip_id, precision) in WHITELIST:
                stale.append((chip_id, precision))
    assert compared >= 60
    assert not mismatches, "differ from Epoch by >10%:\n" + "\n".join(mismatches)
    assert not stale, f"whitelisted but now agree, remove from WHITELIST: {stale}"


def test_chip_is_frozen(table):
    with pytest.raises(Exception):
        table.chips[0].fp32_flops = 1.0  # type: ignore[misc]
    assert isinstance(table.chips[0], Chip)


def test_other_vendors_accelerators_are_priced_by_their_matrix_units(table):
    from aicompute.estimate import choose_peak

    ascend = table.get("huawei-ascend-910")  # no FP32 figure published
    peak, _, low = choose_peak(ascend, None, {})
    assert peak.value == 2.56e14 and low is None
    trainium = table.get("aws-trainium")
    peak, _, low = choose_peak(trainium, None, {})
    assert peak.value == 1.9e14 and low == 4.75e13
    assert table.family_default("AWS Trainium").kind == "npu" and trainium.count_unit == "chip"
