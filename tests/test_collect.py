"""estimates.csv: the contract columns first, pandas with explicit dtypes, rows back as dicts."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from aicompute.collect import COLUMNS, CONTRACT_COLUMNS, DTYPES, read_csv, read_table, row_from_estimate, write_csv


def doc(paper_id="1409.1556", flop=8.5248e18, status="ok", review=(), main=None):
    d = {"paper_id": paper_id, "arxiv_id": paper_id, "title": 'A "quoted", title\nover two lines', "published": "2014-09-04",
         "gpu_time": {"available": True, "flop": 1.02e19, "inputs": {"chips": {"value": 4, "unit": "gpus"},
                                                                     "chip_model": {"value": "NVIDIA Titan Black"},
                                                                     "utilization": {"value": 0.33}}},
         "ops": {"available": True, "flop": flop, "lower_bound": True},
         "consistency": {"ratio": 0.83, "verdict": "consistent", "implied_utilization": 0.27},
         "compute": {"method": "ops", "flop": flop, "low_flop": flop / 2, "high_flop": flop * 2, "confidence": "high"},
         "status": status, "review": list(review), "assumed": ["accelerator assumed: NVIDIA P100"]}
    if main:
        d["paper_main_run"] = main
    return d


def test_contract_columns_first_then_the_new_ones_at_the_end():
    assert COLUMNS[:len(CONTRACT_COLUMNS)] == CONTRACT_COLUMNS
    assert COLUMNS[-7:] == ["review", "review_checks", "assumed", "ops_lower_bound", "paper_main_run_flop",
                            "paper_main_run_method", "paper_main_run_status"]


def test_round_trip_with_dtypes(tmp_path):
    review = [{"check": "chips", "reason": "device count 5e6 is above 1e6: ..."},
              {"check": "compute_flop", "reason": "training compute 1e23 FLOP is above ..."}]
    rows = [row_from_estimate(doc()),
            row_from_estimate(doc("x", 1.0e23, "needs review: ...", review,
                                  {"flop": 4.49e19, "method": "gpu_time", "status": "ok"})),
            {"paper_id": "broken", "status": "unreadable data/processed/broken/estimate.json"}]
    path = tmp_path / "estimates.csv"
    write_csv(rows, path)
    assert path.read_text().splitlines()[0] == ",".join(COLUMNS)
    frame = read_table(path)
    assert frame["compute_flop"].dtype == "float64" and frame["status"].dtype == "string"
    assert all(str(frame[c].dtype) == DTYPES[c] for c in COLUMNS)
    back = read_csv(path)
    assert back[0]["compute_flop"] == 8.5248e18 and back[0]["chips"] == 4.0 and back[0]["title"] == rows[0]["title"]
    assert back[0]["review"] is None and back[0]["ops_lower_bound"] == "true"
    assert back[1]["review"] == "device count 5e6 is above 1e6: ...; training compute 1e23 FLOP is above ..."
    assert back[1]["review_checks"] == "chips;compute_flop"
    assert back[1]["paper_main_run_flop"] == 4.49e19 and back[1]["paper_main_run_status"] == "ok"
    assert back[2]["compute_flop"] is None and back[2]["status"].startswith("unreadable")
    assert all(not (isinstance(v, float) and math.isnan(v)) for r in back for v in r.values())


def test_a_file_from_an_older_version_still_reads(tmp_path):
    path = tmp_path / "estimates.csv"
    pd.DataFrame([{c: "" for c in CONTRACT_COLUMNS} | {"paper_id": "a", "compute_flop": "1e18", "status": "ok"}]).to_csv(path, index=False)
    assert read_csv(path)[0]["compute_flop"] == pytest.approx(1e18)


def test_rows_read_without_pandas_equal_the_typed_table(tmp_path):
    # read_csv (csv module, for the trend and plot jobs) must give what read_table (pandas) gives:
    # numbers as floats, empty or unreadable numbers as None, text as text, unknown columns kept.
    path = tmp_path / "estimates.csv"
    path.write_text(
        "paper_id,title,chips,compute_flop,status,a_future_column\n"
        'p1,"A, quoted title",8,1.23e+19,ok,x\n'
        "p2,,,nan,needs review: y,\n"
        "p3,T,lots,inf,ok,3\n"
    )
    rows = read_csv(path)
    frame = read_table(path)
    expected = [{k: (None if v is pd.NA or (isinstance(v, float) and v != v) else v) for k, v in r.items()}
                for r in frame.to_dict(orient="records")]
    assert rows == expected
    assert rows[0]["chips"] == 8.0 and rows[0]["title"] == "A, quoted title" and rows[1]["compute_flop"] is None
    assert rows[2]["chips"] is None and rows[2]["a_future_column"] == "3"
