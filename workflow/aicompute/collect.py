"""One row per paper: estimates.csv, the table other tools read."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any, Iterable

from .io import atomic_write

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
]
COLUMNS = CONTRACT_COLUMNS + EXTRA_COLUMNS


def row_from_estimate(doc: dict[str, Any]) -> dict[str, Any]:
    gpu, ops, check, compute = doc.get("gpu_time", {}), doc.get("ops", {}), doc.get("consistency", {}), doc.get("compute", {})
    gin = gpu.get("inputs", {})
    chip_model, chips, hours = gin.get("chip_model", {}), gin.get("chips", {}), gin.get("training_hours", {})
    peak = gin.get("peak_flops", {})
    ref = doc.get("reference") or {}
    return {
        "paper_id": doc["paper_id"],
        "arxiv_id": doc.get("arxiv_id"),
        "title": doc.get("title"),
        "published": doc.get("published"),
        "chip_model": chip_model.get("value"),
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
    }


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)  # plain, round-trippable numbers (1.23e+19), never locale-formatted
    return str(value)


def write_csv(rows: Iterable[dict[str, Any]], path: Path) -> None:
    with atomic_write(path, "w", newline="") as fh:  # complete under its name, or not at all
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(row.get(k)) for k in COLUMNS})


def read_csv(path: Path) -> list[dict[str, Any]]:
    """Rows with numbers parsed back (empty cells -> None)."""
    numeric = {"chips", "training_hours", "time_from_steps_hours", "gpu_time_flop", "ops_flop", "consistency_ratio", "compute_flop",
               "compute_low_flop", "compute_high_flop", "peak_flops", "utilization", "chip_hours",
               "gpu_time_low_flop", "gpu_time_high_flop", "ops_low_flop", "ops_high_flop", "implied_utilization",
               "compute_pfs_days", "reference_flop", "ours_over_reference"}
    with open(path, newline="") as fh:
        rows = []
        for raw in csv.DictReader(fh):
            rows.append({k: (None if v == "" else float(v) if k in numeric else v) for k, v in raw.items()})
        return rows
