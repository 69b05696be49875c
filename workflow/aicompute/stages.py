"""The file-level side of each per-paper stage: read inputs, call the domain function, write the
output atomically, and turn any paper-level problem into a status (never a crash of the run)."""

from __future__ import annotations

import csv
import datetime as dt
import logging
import time
import traceback
from pathlib import Path
from typing import Any

from .arxiv import read_json, sha256_file, write_json_atomic
from .collect import row_from_estimate, write_csv
from .estimate import EstimateSettings, document_header, estimate_paper
from .hardware import HardwareTable
from .jobs import one_line

log = logging.getLogger(__name__)


def _facts_stub(paper_id: str, status: str, error: str | None = None) -> dict[str, Any]:
    return {"schema": "aicompute.facts/1", "paper_id": paper_id, "status": status, "error": error,
            "document": None, "candidates": [], "chosen": {}}


def extract_for_paper(paper_id: str, meta_path: Path | None, hardware_path: Path, output: Path) -> dict[str, Any]:
    """facts.json for one paper. A failed fetch, an unreadable PDF or an extraction bug becomes
    status "failed" with a one-line error (the traceback goes to the log)."""
    if meta_path is None:
        facts = _facts_stub(paper_id, "no_document")
    else:
        meta = read_json(meta_path) or {}
        pdf_file = str(meta.get("pdf_file") or f"{paper_id}.pdf")
        pdf = meta_path.parent / pdf_file
        if meta.get("status") != "ok":
            facts = _facts_stub(paper_id, "failed", f"not fetched: {meta.get('error') or 'unreadable receipt'}")
        elif Path(pdf_file).name != pdf_file or pdf_file.startswith("."):
            # the receipt is data: it may name a file in data/raw, never a path elsewhere ("../x", "/x")
            facts = _facts_stub(paper_id, "failed", f"receipt names a file outside data/raw ({pdf_file[:80]!r}); "
                                                    f"delete {meta_path.name} and re-run to fetch it again")
        elif not pdf.is_file() or sha256_file(pdf) != meta.get("sha256"):
            facts = _facts_stub(paper_id, "failed", f"{pdf.name} is missing or differs from its receipt; re-run to fetch it again")
        else:
            from .extract import extract_facts  # pdf libraries load only where needed
            from .pdftext import DocumentError

            published = dt.date.fromisoformat(meta["published"]) if meta.get("published") else None
            started = time.perf_counter()
            try:
                facts = extract_facts(pdf, published=published, hardware=HardwareTable.load(hardware_path))
                facts.setdefault("status", "ok")
            except DocumentError as exc:
                facts = _facts_stub(paper_id, "failed", f"unusable PDF: {exc}")
            except Exception as exc:  # a bug must not take the other papers' report down
                log.error("extraction crashed:\n%s", traceback.format_exc())
                facts = _facts_stub(paper_id, "failed", f"extraction error ({one_line(exc)}); see the extract log")
            facts["paper_id"] = paper_id
            facts.setdefault("document", {})
            if facts["document"] is not None:
                facts["document"].update(pdf_file=pdf.name, sha256=meta.get("sha256"),
                                         total_seconds=round(time.perf_counter() - started, 3))
    write_json_atomic(output, facts)
    return facts


def load_reference(path: Path) -> dict[str, dict[str, Any]]:
    with open(path, newline="") as fh:
        rows = {}
        for row in csv.DictReader(fh):
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
    facts = read_json(facts_path) or _facts_stub(paper["key"], "failed", "unreadable facts.json")
    reference = load_reference(reference_path)
    ref = reference.get((meta or {}).get("arxiv_id") or "") or reference.get(paper["key"])
    try:
        doc = estimate_paper(paper, meta, facts, EstimateSettings.from_config(settings), HardwareTable.load(hardware_path), ref)
    except Exception as exc:  # one paper's odd inputs must not take the others' report down
        log.error("estimate crashed:\n%s", traceback.format_exc())
        doc = {**document_header(paper, meta), "gpu_time": {"available": False, "inputs": {}},
               "ops": {"available": False, "inputs": {}},
               "consistency": {"verdict": "no estimate", "reason": "the estimate failed", "ratio": None},
               "compute": {"method": None, "flop": None, "low_flop": None, "high_flop": None},
               "status": f"estimate error ({one_line(exc)}); see the estimate log"}
    write_json_atomic(output, doc)
    return doc


def collect_estimates(paths: list[Path], output: Path) -> list[dict[str, Any]]:
    rows = []
    for path in paths:
        doc = read_json(path)
        if doc is None:
            rows.append({"paper_id": path.parent.name, "status": f"unreadable {path}"})
            continue
        rows.append(row_from_estimate(doc))
    write_csv(rows, output)
    return rows
