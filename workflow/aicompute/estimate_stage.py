"""The file-level side of the estimate and collect stages: read facts.json and the receipt, call the
estimate, write estimate.json and estimates.csv atomically, and turn any paper-level problem into a
status (never a crash of the run)."""

from __future__ import annotations

import logging
import traceback
from pathlib import Path
from typing import Any

from .estimate import EstimateSettings, document_header, estimate_paper
from .io import read_csv_dicts, read_json, write_json_atomic
from .jobs import one_line
from .stages import facts_stub, hardware_table

log = logging.getLogger(__name__)


def load_reference(path: Path) -> dict[str, dict[str, Any]]:
    rows = {}
    for row in read_csv_dicts(path):
        row["flop"], row["pfs_days"] = float(row["flop"]), float(row["pfs_days"])
        rows[row.pop("key")] = row
    return rows


def estimate_for_paper(
    paper: dict[str, Any],
    meta_path: Path | None,
    facts_path: Path,
    hardware_path: Path,
    reference_path: Path,
    settings: dict[str, Any],
    output: Path,
) -> dict[str, Any]:
    meta = read_json(meta_path) if meta_path else None
    facts = read_json(facts_path) or facts_stub(paper["key"], "failed", "unreadable facts.json")
    reference = load_reference(reference_path)
    ref = reference.get((meta or {}).get("arxiv_id") or "") or reference.get(paper["key"])
    try:
        doc = estimate_paper(paper, meta, facts, EstimateSettings.from_config(settings), hardware_table(hardware_path), ref)
    except Exception as exc:  # one paper's odd inputs must not take the others' report down
        log.error("estimate crashed:\n%s", traceback.format_exc())
        doc = failed_estimate(paper, meta, f"estimate error ({one_line(exc)}); see the estimate log")
    write_json_atomic(output, doc)
    return doc


def failed_estimate(paper: dict[str, Any], meta: dict[str, Any] | None, status: str) -> dict[str, Any]:
    """estimate.json of a paper whose estimate failed (`status` says why)."""
    return {**document_header(paper, meta), "gpu_time": {"available": False, "inputs": {}},
            "ops": {"available": False, "inputs": {}},
            "consistency": {"verdict": "no estimate", "reason": "the estimate failed", "ratio": None},
            "compute": {"method": None, "flop": None, "low_flop": None, "high_flop": None},
            "status": status}


def collect_estimates(paths: list[Path], output: Path) -> list[dict[str, Any]]:
    from .collect import row_from_estimate, write_csv  # pandas (0.45 s): not for every estimate job

    rows = []
    for path in paths:
        doc = read_json(path)
        if doc is None:
            rows.append({"paper_id": path.parent.name, "status": f"unreadable {path}"})
            continue
        rows.append(row_from_estimate(doc))
    write_csv(rows, output)
    return rows
