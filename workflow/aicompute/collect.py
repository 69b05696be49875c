"""One row per paper: estimates.csv, the table trend, plot and report read.

The table is a pandas DataFrame with explicit dtypes (numbers float64, text pandas' "string"), written
with round-trippable numbers (1.23e+19) and empty cells for missing values. ``read_csv`` gives the
rows back as plain dicts (None for empty cells) for code that iterates over papers; ``read_table``
gives the typed DataFrame.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from .io import atomic_write

if TYPE_CHECKING:
    import pandas as pd

# The contract (issue 2): these columns, in this order, first; more may follow, none renamed.
CONTRACT_COLUMNS = [
    "paper_id", "arxiv_id", "title", "published", "chip_model", "chips", "training_hours", "gpu_time_flop",
    "ops_flop", "consistency_ratio", "consistency", "compute_flop", "compute_low_flop", "compute_high_flop",
    "method", "status",
]
EXTRA_COLUMNS = [
    "name", "count_unit", "chip_id", "peak_flops", "precision", "utilization", "chip_hours", "time_from_steps_hours",
    "gpu_time_low_flop", "gpu_time_high_flop", "ops_low_flop", "ops_high_flop", "ops_basis",
    "implied_utilization", "confidence", "compute_pfs_days", "reference_system", "reference_flop",
    "reference_kind", "ours_over_reference",
    # issue 10: review reasons, assumptions, and what the paper's main run gives without config inputs
    "review", "review_checks", "assumed", "ops_lower_bound",
    "paper_main_run_flop", "paper_main_run_method", "paper_main_run_status",
]
COLUMNS = CONTRACT_COLUMNS + EXTRA_COLUMNS
NUMERIC = [
    "chips", "training_hours", "time_from_steps_hours", "gpu_time_flop", "ops_flop", "consistency_ratio",
    "compute_flop", "compute_low_flop", "compute_high_flop", "peak_flops", "utilization", "chip_hours",
    "gpu_time_low_flop", "gpu_time_high_flop", "ops_low_flop", "ops_high_flop", "implied_utilization",
    "compute_pfs_days", "reference_flop", "ours_over_reference", "paper_main_run_flop",
]
DTYPES = {c: ("float64" if c in NUMERIC else "string") for c in COLUMNS}


def row_from_estimate(doc: dict[str, Any]) -> dict[str, Any]:
    gpu, ops, check, compute = doc.get("gpu_time", {}), doc.get("ops", {}), doc.get("consistency", {}), doc.get("compute", {})
    gin = gpu.get("inputs", {})
    chip_model, chips, hours = gin.get("chip_model", {}), gin.get("chips", {}), gin.get("training_hours", {})
    peak = gin.get("peak_flops", {})
    ref = doc.get("reference") or {}
    review = doc.get("review") or []
    main = doc.get("paper_main_run") or {}
    return {
        "paper_id": doc["paper_id"],
        "arxiv_id": doc.get("arxiv_id"),
        "title": doc.get("title"),
        "published": doc.get("published"),
        "chip_model": chip_model.get("value") or gin.get("assumed_chip", {}).get("value"),
        "chips": chips.get("value"),
        "training_hours": hours.get("value"),
        "gpu_time_flop": gpu.get("flop"),
        "ops_flop": ops.get("flop"),
        "consistency_ratio": check.get("ratio"),
        "consistency": check.get("verdict"),
        "compute_flop": compute.get("flop"),
        "compute_low_flop": compute.get("low_flop"),
        "compute_high_flop": compute.get("high_flop"),
        "method": compute.get("method"),
        "status": doc.get("status"),
        "name": doc.get("name"),
        "count_unit": chips.get("unit"),
        "chip_id": peak.get("chip_id"),
        "peak_flops": peak.get("value"),
        "precision": peak.get("precision"),
        "utilization": gin.get("utilization", {}).get("value"),
        "chip_hours": gin.get("chip_hours", {}).get("value"),
        "time_from_steps_hours": gin.get("time_from_steps", {}).get("value"),
        "gpu_time_low_flop": gpu.get("low_flop"),
        "gpu_time_high_flop": gpu.get("high_flop"),
        "ops_low_flop": ops.get("low_flop"),
        "ops_high_flop": ops.get("high_flop"),
        "ops_basis": ops.get("basis"),
        "implied_utilization": check.get("implied_utilization"),
        "confidence": compute.get("confidence"),
        "compute_pfs_days": compute.get("pfs_days"),
        "reference_system": ref.get("system"),
        "reference_flop": ref.get("flop"),
        "reference_kind": ref.get("kind"),
        "ours_over_reference": ref.get("ours_over_reference"),
        "review": "; ".join(dict.fromkeys(r.get("reason", "") for r in review)) or None,
        "review_checks": ";".join(dict.fromkeys(r.get("check", "") for r in review)) or None,
        "assumed": "; ".join(doc.get("assumed") or []) or None,
        "ops_lower_bound": "true" if ops.get("lower_bound") else None,
        "paper_main_run_flop": main.get("flop"),
        "paper_main_run_method": main.get("method"),
        "paper_main_run_status": main.get("status"),
    }


def _number(value: Any) -> float | None:
    if value is None or value == "":
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None  # a stray text in a number column is an unknown number, not a crash


def to_frame(rows: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """The estimates table with its dtypes: float64 numbers (NaN when missing), string text (<NA>)."""
    import pandas as pd  # here, not at import: trend and the estimate jobs read rows without pandas (0.6 s)

    records = [{c: (_number(r.get(c)) if c in NUMERIC else (None if r.get(c) is None else str(r.get(c))))
                for c in COLUMNS} for r in rows]
    return pd.DataFrame.from_records(records, columns=COLUMNS).astype(DTYPES)


def write_csv(rows: Iterable[dict[str, Any]], path: Path) -> None:
    """estimates.csv, written whole under a temporary name and then renamed (never half-written)."""
    path = Path(path)
    frame = to_frame(rows)
    with atomic_write(path, "w", newline="") as fh:  # fsynced, umask mode, complete or not at all
        # float_format=None keeps Python's round-trippable repr (1.23e+19), never locale-formatted
        frame.to_csv(fh, index=False, na_rep="")


def read_table(path: Path) -> pd.DataFrame:
    """estimates.csv as a typed DataFrame (columns this version does not know are kept, as text)."""
    import pandas as pd

    frame = pd.read_csv(path, dtype="string", keep_default_na=False, na_values=[""])
    for c in frame.columns:
        if c in NUMERIC:
            frame[c] = pd.to_numeric(frame[c], errors="coerce").astype("float64")
    return frame


def read_csv(path: Path) -> list[dict[str, Any]]:
    """Rows with numbers parsed back (empty cells -> None), as read_table would give them, without
    pandas: the trend and plot jobs only iterate over rows."""
    rows = []
    with open(path, newline="") as fh:
        for record in csv.DictReader(fh):
            row: dict[str, Any] = {}
            for k, v in record.items():
                if v is None or v == "":
                    row[k] = None
                elif k in NUMERIC:
                    x = _number(v)
                    row[k] = None if x is None or x != x else x  # a stray text or "nan": unknown
                else:
                    row[k] = v
            rows.append(row)
    return rows
