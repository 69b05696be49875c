"""reports/appendix.html: one self-contained, autoescaped page (PDF text and titles are untrusted).

A reviewer's worktable: a short-status paper table (filter and sort by the page's one inline script),
a "needs review" list, and per paper the evidence for each fact (the chosen value and the runners-up,
each with page, sentence and confidence) beside the config.yaml lines that confirm or replace it.
"""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2

from ..collect import read_csv
from ..hardware import HardwareTable
from ..io import write_text_atomic
from ..units import PFS_DAY_FLOP, flops_rate, sig
from . import paste, review

TEMPLATES = Path(__file__).resolve().parent / "templates"

# The facts a reviewer decides on, in the order of the calculation (label, shown when absent too?).
FACTS = [
    ("chips", "chips", True),
    ("chip_model", "chip model", True),
    ("training_hours", "training time (hours)", True),
    ("chip_hours", "device-hours", False),
    ("time_from_steps", "time from steps (hours)", False),
    ("parameters", "parameters", False),
    ("active_parameters", "active parameters", False),
    ("tokens_or_examples", "tokens / examples", False),
    ("epochs", "epochs", False),
    ("flops_per_forward", "FLOP per forward pass", False),
    ("total_training_flop", "total training compute stated", False),
    ("precision", "precision", False),
    ("steps", "steps", False),
    ("batch_size", "batch size", False),
]
RUNNERS_UP = 3  # candidates shown after the chosen one, per fact
MIN_RUNNER_UP_CONFIDENCE = 0.1  # below this a runner-up is noise (an equation, a table's debris): counted, not shown
# estimate.json input names -> the fact row that shows their sentence (the same name when absent)
INPUT_FACTS = {"tokens": "tokens_or_examples", "examples": "tokens_or_examples",
               "multiply_adds_per_forward": "flops_per_forward"}


def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,  # every PDF sentence, title and error is text, never markup
        undefined=jinja2.ChainableUndefined,  # optional keys of the JSON documents render as empty
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # Numbers may be absent (a field a step does not write yet) or not numbers: they render as empty.
    env.filters["sig"] = lambda x, d=3: "" if _num(x) is None else sig(_num(x), d)
    env.filters["pfs"] = lambda x: "" if _num(x) is None else sig(_num(x) / PFS_DAY_FLOP)
    env.filters["rate"] = lambda x: "" if _num(x) is None else flops_rate(_num(x))
    env.filters["pct"] = lambda x: "" if _num(x) is None else f"{100 * _num(x):.0f}%"
    env.filters["conf"] = _conf
    return env


def _num(x: Any) -> float | None:
    if isinstance(x, jinja2.Undefined) or x is None or isinstance(x, bool):
        return None
    try:
        v = float(x)
    except (TypeError, ValueError):
        return None
    return v if v == v else None  # NaN: absent


def _conf(x: Any) -> str:
    if _num(x) is not None:
        return f"{_num(x):.2f}"
    return "" if isinstance(x, jinja2.Undefined) or x is None else str(x)


def page_link(doc: dict[str, Any], page: int | None) -> str | None:
    """A link to the page of the PDF that was read (the fetched version, so page numbers match)."""
    source = doc.get("document") or {}
    if doc.get("arxiv_id"):
        base = f"https://arxiv.org/pdf/{quote(doc['arxiv_id'] + (source.get('version') or ''), safe='/.')}"
    elif str(source.get("source_url", "")).startswith(("http://", "https://")):
        base = source["source_url"]
    else:
        return None
    try:
        return f"{base}#page={int(page)}" if page else base
    except (TypeError, ValueError):
        return base


def abs_link(doc: dict[str, Any]) -> str | None:
    if doc.get("arxiv_id"):
        return f"https://arxiv.org/abs/{quote(doc['arxiv_id'], safe='/.')}"
    return page_link(doc, None)


def _shown_value(fact: dict[str, Any]) -> str:
    """What the paper wrote (as_written or the match), else the value."""
    text = fact.get("as_written") or fact.get("match")
    if text:
        return str(text)
    value = fact.get("value")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return sig(float(value))
    return "" if value is None else str(value)


def _same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return all(a.get(k) == b.get(k) for k in ("value", "page", "sentence"))


def fact_evidence(facts: dict[str, Any] | None, entry: dict[str, Any] | None, doc: dict[str, Any],
                  cores_per_chip) -> list[dict[str, Any]]:
    """Per fact: the value used (config or extracted), the chosen candidate and the runners-up, each
    with page link, sentence, confidence and the config lines that make it the value used."""
    facts = facts or {}
    chosen_all = facts.get("chosen") or {}
    candidates = [c for c in facts.get("candidates") or [] if isinstance(c, dict)]
    inputs = (entry or {}).get("inputs") or {}
    read = facts.get("status") == "ok"
    out = []
    for field, label, always in FACTS:
        chosen = chosen_all.get(field) if isinstance(chosen_all.get(field), dict) else None
        pool = [c for c in candidates if c.get("field") == field]
        config = {k: inputs[k] for k in paste.FACT_KEYS.get(field, ()) if isinstance(inputs.get(k), dict)}
        if not (chosen or pool or config or (always and read)):
            continue
        items = []
        if chosen:
            items.append({**chosen, "chosen": True})
        seen = {(chosen.get("value"), chosen.get("unit"))} if chosen else set()
        more = 0
        for c in pool:
            if chosen and (_same(c, chosen) or c.get("role") == "main"):
                continue
            key = (c.get("value"), c.get("unit"))
            if key in seen:
                continue
            seen.add(key)
            low = _num(c.get("confidence")) is not None and _num(c.get("confidence")) < MIN_RUNNER_UP_CONFIDENCE
            if low or len(items) - (1 if chosen else 0) >= RUNNERS_UP:
                more += 1
                continue
            items.append({**c, "chosen": False})
        for item in items:
            item["shown"] = _shown_value(item)
            item["link"] = page_link(doc, item.get("page"))
            item["lines"], item["no_lines"] = paste.fact_inputs(field, item, cores_per_chip)
        out.append({
            "field": field,
            "label": label,
            "other": _used_otherwise(doc, field),
            "config": [{"key": k, **v} for k, v in config.items()],
            "items": items,
            "more": more,
            "read": read,
        })
    return out


# Which estimate inputs carry each fact (estimate.json `gpu_time.inputs` / `ops.inputs`).
FACT_INPUTS = {"chips": ("chips",), "chip_model": ("chip_model",), "training_hours": ("training_hours", "time_from_steps"),
               "chip_hours": ("chip_hours",), "parameters": ("parameters",), "tokens_or_examples": ("tokens", "examples"),
               "epochs": ("epochs",), "flops_per_forward": ("flops_per_forward", "multiply_adds_per_forward"),
               "total_training_flop": ("total_training_flop",)}


def _used_otherwise(doc: dict[str, Any], field: str) -> dict[str, Any] | None:
    """An input the estimate used that neither the paper nor config gave (e.g. an assumed accelerator)."""
    for method in ("gpu_time", "ops"):
        inputs = (doc.get(method) or {}).get("inputs") or {}
        for name in FACT_INPUTS.get(field, ()):
            v = inputs.get(name)
            if isinstance(v, dict) and v.get("origin") not in (None, "extracted", "config"):
                return v
    return None


def _failure(doc: dict[str, Any], facts: dict[str, Any] | None) -> str | None:
    """Why the paper could not be read (then the methods' "not stated" lines mean nothing)."""
    short = review.short_status(doc.get("status"))
    if short in ("fetch failed", "extraction failed"):
        return doc.get("status")
    if facts and facts.get("status") == "failed":
        return f"extraction failed: {facts.get('error')}"
    return None


def build_context(rows, trend, estimates, facts_by_id, table: HardwareTable, config, title, svg: bytes) -> dict[str, Any]:
    config = config or {}
    entries = {paste.entry_key(e): e for e in config.get("papers") or [] if isinstance(e, dict)}
    docs_by_id = {d["paper_id"]: d for d in estimates}
    rows_by_id = {r["paper_id"]: r for r in rows}
    factor = float((config.get("estimate") or {}).get("consistency_factor") or review.REFERENCE_FACTOR)

    def cores_per_chip(chip_id):
        try:
            return table.get(chip_id).cores_per_chip
        except KeyError:
            return None

    papers, needs_review = [], []
    for doc in estimates:
        pid = doc["paper_id"]
        facts = facts_by_id.get(pid)
        row = rows_by_id.get(pid) or {"paper_id": pid, "status": doc.get("status")}
        reasons = review.review_reasons(row, doc, facts, factor)
        entry = entries.get(pid)
        head = paste.entry_head(entry) if entry else None
        existing = paste.existing_inputs(entry) if entry else {}
        paper = {
            "doc": doc,
            "row": row,
            "facts": facts,
            "evidence": (evidence := fact_evidence(facts, entry, doc, cores_per_chip)),
            "fields": {e["field"] for e in evidence if e["items"]},
            "abs_link": abs_link(doc),
            "page_link": (lambda page, d=doc: page_link(d, page)),
            "candidates": len((facts or {}).get("candidates") or []),
            "reasons": reasons,
            "status": review.display_status(row, reasons),
            "failure": _failure(doc, facts),
            "entry": {"head": head, "inputs": existing, "text": paste.entry_yaml(head, existing)} if head else None,
            "config_only": review.from_config_only(doc),
        }
        papers.append(paper)
        row["_status"], row["_reasons"] = paper["status"], reasons
        if reasons:
            needs_review.append(paper)
    for r in rows:  # rows without an estimate.json (should not happen) still get a short status
        r.setdefault("_status", review.short_status(r.get("status")))
        r.setdefault("_reasons", [])
        r["_search"] = " ".join(str(x) for x in (r.get("name"), r.get("title"), r.get("paper_id"), r.get("arxiv_id"),
                                                 r["_status"], r.get("chip_model"), r.get("method"),
                                                 "review" if r["_reasons"] else "") if x).lower()
    failed = [r for r in rows if r["_status"] in ("fetch failed", "extraction failed")]
    unestimated = [r for r in rows if r not in failed and r.get("compute_flop") is None]
    verdicts: dict[str, int] = {}
    for r in rows:
        verdicts[r.get("consistency") or "none"] = verdicts.get(r.get("consistency") or "none", 0) + 1
    statuses: dict[str, int] = {s: 0 for s in review.SHORT_STATUSES}
    for r in rows:
        statuses[r["_status"]] = statuses.get(r["_status"], 0) + 1
    statuses = {s: k for s, k in statuses.items() if k or s == "ok"}
    used_chips = sorted({r["chip_id"] for r in rows if r.get("chip_id")})
    all_papers = trend.get("all_papers") or {}
    return {
        "title": title,
        "rows": rows,
        "trend": trend,
        "papers": papers,
        "needs_review": needs_review,
        "verdicts": verdicts,
        "statuses": statuses,
        "n_papers": len(rows),
        "n_estimated": sum(1 for r in rows if r.get("compute_flop") is not None),
        "failed": failed,
        "unestimated": unestimated,
        "n_failed_estimated": sum(1 for r in failed if r.get("compute_flop") is not None),
        "accounting": review.fit_accounting(rows, trend),
        "caveats": review.fit_caveats(trend, docs_by_id),
        "all_same_as_window": review.same_papers(all_papers.get("papers"), trend.get("papers_in_window")),
        "factor": factor,
        "plot_uri": "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii"),
        "settings": config,
        "chips_used": [table.get(c) for c in used_chips if cores_per_chip(c) is not None],
        "chips_all": table.chips,
        "pfs_day_flop": PFS_DAY_FLOP,
        "input_facts": INPUT_FACTS,
    }


# Line breaks the template's layout leaves next to a block-level tag are whitespace text nodes in the
# page: a third of its nodes at 500 papers. Removing them changes nothing on screen.
_BLOCK = r"(?:tr|td|th|table|thead|tbody|div|section|p|h[1-4]|ul|li|blockquote|details|summary)"
_GAP_AFTER_BLOCK = re.compile(rf"(</?{_BLOCK}\b[^>]*>)[ \t]*\n\s*(?=<)")
_GAP_BEFORE_BLOCK = re.compile(rf">[ \t]*\n\s*(?=</?{_BLOCK}\b)")


def _tighten(html: str) -> str:
    """The body without layout-only whitespace between block tags (never inside the script)."""
    start, end = html.find("<body"), html.find("<script>")
    if start < 0 or end < 0:
        return html
    body = _GAP_BEFORE_BLOCK.sub(">", _GAP_AFTER_BLOCK.sub(r"\1", html[start:end]))
    return html[:start] + body + html[end:]


def render_report(context: dict[str, Any]) -> str:
    return _tighten(_env().get_template("appendix.html.j2").render(**context))


def write_report(csv_path, trend_path, svg_path, estimate_paths, facts_paths, hardware_path, config, title, output: Path):
    rows = read_csv(csv_path)
    trend = json.loads(Path(trend_path).read_text())
    estimates = [json.loads(Path(p).read_text()) for p in estimate_paths]
    facts_by_id = {}
    for p in facts_paths:
        facts = json.loads(Path(p).read_text())
        facts_by_id[facts.get("paper_id") or Path(p).parent.name] = facts
    context = build_context(rows, trend, estimates, facts_by_id, HardwareTable.load(hardware_path), config, title,
                            Path(svg_path).read_bytes())
    html = render_report(context)
    write_text_atomic(output, html)
