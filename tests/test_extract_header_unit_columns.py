"""A time column whose unit is in its header ("Training time (h)", "GPU hours", "Train days") over bare numeric
cells: the wall clock goes to training_hours, a device-time column to chip_hours. Tables of our own (none is taken
from a paper of the corpus), and near-misses that must stay silent (latency, per-epoch, data hours, evaluation,
cells that do not line up with the header)."""

from __future__ import annotations

import datetime as dt

import pytest

from aicompute.extract import extract_from_sentences
from aicompute.extraction.durations import _header_columns, _row_cells, header_unit_cands
from aicompute.hardware import HardwareTable
from aicompute.pdftext import Sentence

PUBLISHED = dt.date(2023, 6, 1)


@pytest.fixture(scope="module")
def hw():
    return HardwareTable.load()


def chosen(hw, *rows, header_kind="table"):
    sents = [Sentence(5, t, header_kind if i == 0 else "table", "body", index=i) for i, t in enumerate(rows)]
    ch = extract_from_sentences(sents, hw, PUBLISHED, ranker=None)["chosen"]
    return {f: (ch.get(f) or {}).get("value") for f in ("training_hours", "chip_hours")}


def cands(*rows, header_kind="table"):
    sents = [Sentence(5, t, header_kind if i == 0 else "table", "body", index=i) for i, t in enumerate(rows)]
    from aicompute.extraction.context import make_ctx
    hw = HardwareTable.load()
    return [(c.field, c.value) for c in header_unit_cands(sents, lambda s: make_ctx(s, hw, PUBLISHED))]


# ------------------------------------------------------------------ the pieces: a row's cells, a header's columns


def test_row_cells_keep_products_and_spreads_as_one_cell():
    assert _row_cells("Ours (large) 65M 28.4 12") == ("Ours (large)", ["65M", "28.4", "12"])
    assert _row_cells("Net-B2 8 x 2 40.1 1.25 x 2 3.1") == ("Net-B2", ["8 x 2", "40.1", "1.25 x 2", "3.1"])
    assert _row_cells("Ours 71.2 ± 0.4 - 6") == ("Ours", ["71.2 ± 0.4", "-", "6"])


def test_header_columns_split_at_capitals_and_units():
    h = "Batch size Peak memory (GB) GPU hours Top-1"
    m = h.index("GPU hours")
    cols = [h[a:b] for a, b in _header_columns(h, (m, m + len("GPU hours")))]
    assert cols == ["Batch size", "Peak memory (GB)", "GPU hours", "Top-1"]


# ------------------------------------------------------------------ wall-clock columns


@pytest.mark.parametrize("rows, want", [
    (["Method Params BLEU Training time (h)", "Seq2Seq [4] 40M 25.1 30", "Ours 38M 27.9 9.5"], 9.5),
    (["Model Acc Train (days)", "Ours-base 77.0 2", "Ours-large 79.3 5"], 120),
    (["Params Top-1 Wall-clock (hours)", "OurNet 22M 80.1 14"], 14),  # no label column named: an empty corner
    (["Approach Training days Acc", "Ours 3 81.2"], 72),
    (["Model Time (h) F1", "ProposedNet 11 88.0"], 11),  # a bare "Time" in hours: a run, not a latency
    (["Method Train time (min) Acc", "Ours 45 91.3"], 0.75),
    (["Model Top-1 Train. time (h)", "Ours 80.1 14*"], 14),  # an abbreviated name, a footnote mark on the cell
    (["Model Acc Wall time (h) ↓", "Ours 80.1 7"], 7),  # an arrow after the unit belongs to the column
    (["Model Acc Running time (h)", "Ours 80.1 7"], 7),  # a name of two words before the unit
])
def test_bare_cells_under_a_header_with_the_unit(hw, rows, want):
    assert chosen(hw, *rows)["training_hours"] == pytest.approx(want, rel=0.01)


def test_a_header_left_as_text_right_above_the_rows(hw):
    assert chosen(hw, "Model Params Train time (h)", "Ours 120M 16", header_kind="text")["training_hours"] == pytest.approx(16)


@pytest.mark.parametrize("rows", [
    ["Model Latency (ms) Time (s) Acc", "Ours 12 0.9 81.2"],  # seconds with no training word: a speed
    ["Method Inference time (h) Acc", "Ours 2 81.2"],
    ["Method Test time (h) Acc", "Ours 2 81.2"],
    ["Method Time per epoch (h) Acc", "Ours 2 81.2"],
    ["Method Training time / epoch (h) Acc", "Ours 2 81.2"],
    ["Dataset Hours Speakers Languages", "SpeechSet 960 2484 1"],  # hours of audio
    ["Corpus Domain Hours", "ReadNews news 300"],
    ["Model Params Acc Training time (h) Memory", "Ours 60M 81.2 9.5 12 3"],  # one cell too many: misaligned
    ["Model Params BLEU Time (h)", "Ours 60M 28.4 9.5 3"],  # the last column, but the row has an extra cell
    ["Model Year Epochs Training time (h)", "Ours 2021 90 six"],  # no bare cell under the column
    ["The training time (h) is reported below.", "Ours 12"],  # a sentence, not a header
])
def test_not_a_run_time_column_or_cells_that_do_not_line_up(hw, rows):
    kind = "text" if rows[0].endswith(".") else "table"
    assert chosen(hw, *rows, header_kind=kind)["training_hours"] is None


def test_a_row_with_values_is_no_header():
    # ("Training time (h) 12 14 16" is a row labelled by its first column: table_duration_cands reads it)
    assert cands("Training time (h) 12 14 16", "Ours 3 4 5") == []


def test_a_cited_row_alone_is_not_chosen(hw):
    assert chosen(hw, "Method BLEU Training time (h)", "Seq2Seq [4] 25.1 30")["training_hours"] is None


# ------------------------------------------------------------------ device-time columns


def test_a_gpu_hours_column_is_chip_hours_not_wall_clock(hw):
    got = chosen(hw, "Model GPU hours Top-1", "Ours 420 81.2")
    assert got["training_hours"] is None
    assert got["chip_hours"] == pytest.approx(420)


@pytest.mark.parametrize("rows, want", [
    (["Method Acc Training cost (GPU hours)", "Ours 80.1 1,200"], 1200),  # the device unit inside the parentheses
    (["Model Acc GPU days ↓ Params", "Ours 80.1 7 22M"], 168),
    (["Model Acc TPU-v3 days", "Ours 80.1 7"], 168),
])
def test_device_time_columns(hw, rows, want):
    got = chosen(hw, *rows)
    assert got["training_hours"] is None
    assert got["chip_hours"] == pytest.approx(want)


def test_device_days_column_in_core_days():
    assert ("chip_hours", 2400.0) in cands("Model TPUv3-core-days Acc", "Ours 100 88.1")


def test_device_hours_written_as_hours_times_devices_give_the_wall_clock(hw):
    got = chosen(hw, "Model Batch size Peak memory (GB) GPU hours Top-1",
                 "Ours-small 8 x 2 40.1 1.25 x 2 71.0", "Ours-large 8 x 2 80.5 6.00 x 2 75.2")
    assert got["training_hours"] == pytest.approx(6.0)
    assert ("chip_hours", 12.0) in cands("Model Batch size Peak memory (GB) GPU hours Top-1",
                                         "Ours-large 8 x 2 80.5 6.00 x 2 75.2")


def test_a_product_in_a_wall_clock_column_is_not_read():
    assert cands("Model Training time (h) Acc", "Ours 6 x 2 75.2") == []


def test_cited_rows_only_stay_silent(hw):
    assert chosen(hw, "Method Params Training time (h)", "ConvNet-A [3] 25M 30", "ConvNet-B [8] 40M 52")["training_hours"] is None


# ------------------------------------------------------------------ the row of the paper's own model, by its name


def own_rows(hw, *texts):
    kinds = {i: ("text" if t.endswith(".") else "table") for i, t in enumerate(texts)}
    sents = [Sentence(5, t, kinds[i], "body", index=i) for i, t in enumerate(texts)]
    return extract_from_sentences(sents, hw, PUBLISHED, ranker=None)["chosen"]["training_hours"]


def test_the_row_named_by_the_papers_own_name_is_preferred(hw):
    got = own_rows(hw, "We propose FastNet, a compact network.", "Method Params Acc Train time (h)",
                   "ResNet-50 25M 76.1 30", "FastNet-L 12M 77.0 9")
    assert got["value"] == pytest.approx(9)
    assert "the row of the paper's own model (its name)" in got["why"]


def test_no_own_name_no_preference(hw):
    # another model's name in the row: no bonus (the larger of two equal rows, as before)
    got = own_rows(hw, "We propose FastNet, a compact network.", "Method Params Acc Train time (h)",
                   "ResNet-50 25M 76.1 30", "SlowNet 12M 77.0 9")
    assert "the row of the paper's own model (its name)" not in got["why"]


# ------------------------------------------------------------------ a header merged into its caption by the layout


def test_a_header_at_the_end_of_its_caption(hw):
    got = chosen(hw, "Table 2: Comparison of training cost with prior work Model Params Acc Train time (h)",
                 "Ours 12M 80.1 9", header_kind="caption")
    assert got["training_hours"] == pytest.approx(9)


@pytest.mark.parametrize("header", [
    # the time column is not the header's last: where the row's cell is, the merged header does not say
    "Table 2: Comparison of training cost with prior work Model Params Acc Train time (h) Memory (GB)",
    "Table 2: Comparison. Model Params Acc Train time (h). Memory",  # a sentence ends after the column
    "Table 2: Training time (h) of the models in Table 1 on 8 GPUs with 16 nodes and 4 runs",  # prose, numbers
])
def test_a_caption_that_is_no_header_tail(hw, header):
    assert chosen(hw, header, "Ours 12M 80.1 9 24", header_kind="caption")["training_hours"] is None
