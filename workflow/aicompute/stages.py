"""The file-level side of the extract stage: read the receipt and the PDF, call the extraction, write
facts.json atomically, and turn any paper-level problem into a status (never a crash of the run).

The estimate and collect stages live in `estimate_stage` so that this module, and with it the
extract rule's code version (aicompute.jobs.code_files), does not depend on the estimate: an edit
of estimate.py re-runs the estimates, not the extraction.
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
import time
import traceback
from pathlib import Path
from typing import Any

from .hardware import HardwareTable
from .io import kept_while_unchanged, read_json, sha256_file, write_json_atomic
from .jobs import one_line

log = logging.getLogger(__name__)


def facts_stub(paper_id: str, status: str, error: str | None = None) -> dict[str, Any]:
    return {"schema": "aicompute.facts/1", "paper_id": paper_id, "status": status, "error": error,
            "document": None, "candidates": [], "chosen": {}}


_facts_stub = facts_stub  # the name earlier versions used


def hardware_table(path: str | Path) -> HardwareTable:
    """HardwareTable.load(path), kept in this process while the file is unchanged: compiling its
    aliases' regexes costs ~0.2 s of CPU, more than many papers' estimate."""
    return kept_while_unchanged(path, HardwareTable.load)


def publication_date(config_date: str | None, meta: dict | None) -> tuple[str | None, str | None]:
    """The date a paper is placed at, and where it comes from: the config `date` over arXiv's v1 date
    (the same rule as the estimate's, so hardware variants are chosen for the date the estimate uses)."""
    for value, origin in ((config_date, "config"), ((meta or {}).get("published"), "arXiv v1")):
        try:
            if value:
                return dt.date.fromisoformat(str(value)[:10]).isoformat(), origin
        except ValueError:
            continue
    return None, None


def extract_for_paper(paper_id: str, meta_path: Path | None, hardware_path: Path, output: Path,
                      date: str | None = None) -> dict[str, Any]:
    """facts.json for one paper. A failed fetch, an unreadable PDF or an extraction bug becomes
    status "failed" with a one-line error (the traceback goes to the log). `date`: the config's."""
    if meta_path is None:
        facts = facts_stub(paper_id, "no_document")
    else:
        meta = read_json(meta_path) or {}
        pdf_file = str(meta.get("pdf_file") or f"{paper_id}.pdf")
        pdf = meta_path.parent / pdf_file
        if meta.get("status") != "ok":
            facts = facts_stub(paper_id, "failed", f"not fetched: {meta.get('error') or 'unreadable receipt'}")
        elif Path(pdf_file).name != pdf_file or pdf_file.startswith("."):
            # the receipt is data: it may name a file in data/raw, never a path elsewhere ("../x", "/x")
            facts = facts_stub(paper_id, "failed", f"receipt names a file outside data/raw ({pdf_file[:80]!r}); "
                                                   f"delete {meta_path.name} and re-run to fetch it again")
        elif not pdf.is_file() or sha256_file(pdf) != meta.get("sha256"):
            facts = facts_stub(paper_id, "failed", f"{pdf.name} is missing or differs from its receipt; "
                                                   f"delete it and re-run to fetch it again")
        else:
            from .extract import extract_facts  # pdf libraries load only where needed
            from .pdftext import DocumentError

            published, origin = publication_date(date, meta)
            started = time.perf_counter()
            try:
                facts = extract_facts(pdf, published=dt.date.fromisoformat(published) if published else None,
                                      hardware=hardware_table(hardware_path))
                facts.setdefault("status", "ok")
            except DocumentError as exc:
                facts = facts_stub(paper_id, "failed", f"unusable PDF: {exc}")
            except Exception as exc:  # a bug must not take the other papers' report down
                log.error("extraction crashed:\n%s", traceback.format_exc())
                facts = facts_stub(paper_id, "failed", f"extraction error ({one_line(exc)}); see the extract log")
            facts["paper_id"] = paper_id
            facts.setdefault("document", {})
            if facts["document"] is not None:
                facts["document"].update(pdf_file=pdf.name, sha256=meta.get("sha256"), published=published,
                                         published_from=origin, total_seconds=round(time.perf_counter() - started, 3))
    write_json_atomic(output, facts)
    return facts


# Earlier versions had the estimate and collect stages here; they are in estimate_stage now. Imported
# on first use only (importlib, not an import statement, so that the extract rule's code version does
# not include the estimate's modules).
_MOVED = {"estimate_for_paper": "estimate_stage", "collect_estimates": "estimate_stage", "load_reference": "estimate_stage"}


def __getattr__(name: str) -> Any:
    if name in _MOVED:
        return getattr(importlib.import_module(f"{__package__}.{_MOVED[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
