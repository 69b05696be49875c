"""reports/appendix.html: one self-contained, autoescaped page (PDF text and titles are untrusted)."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2

from ..collect import read_csv
from ..hardware import HardwareTable
from ..io import write_text_atomic
from ..units import PFS_DAY_FLOP, flops_rate, sig

TEMPLATES = Path(__file__).resolve().parent / "templates"


def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,  # every PDF sentence, title and error is text, never markup
        undefined=jinja2.ChainableUndefined,  # optional keys of the JSON documents render as empty
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["sig"] = lambda x, d=3: "" if x is None else sig(float(x), d)
    env.filters["pfs"] = lambda x: "" if x is None else sig(float(x) / PFS_DAY_FLOP)
    env.filters["rate"] = lambda x: "" if x is None else flops_rate(float(x))
    env.filters["pct"] = lambda x: "" if x is None else f"{100 * float(x):.0f}%"
    return env


def page_link(doc: dict[str, Any], page: int | None) -> str | None:
    """A link to the page of the PDF that was read (the fetched version, so page numbers match)."""
    source = doc.get("document") or {}
    if doc.get("arxiv_id"):
        base = f"https://arxiv.org/pdf/{quote(doc['arxiv_id'] + (source.get('version') or ''), safe='/.')}"
    elif str(source.get("source_url", "")).startswith(("http://", "https://")):
        base = source["source_url"]
    else:
        return None
    return f"{base}#page={int(page)}" if page else base


def abs_link(doc: dict[str, Any]) -> str | None:
    if doc.get("arxiv_id"):
        return f"https://arxiv.org/abs/{quote(doc['arxiv_id'], safe='/.')}"
    return page_link(doc, None)


def _evidence(facts: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The chosen facts with page and sentence, in a fixed order."""
    chosen = (facts or {}).get("chosen") or {}
    order = ["chips", "chip_model", "training_hours", "chip_hours", "time_from_steps", "precision", "parameters",
             "tokens_or_examples", "epochs", "steps", "batch_size", "flops_per_forward", "total_training_flop"]
    return [dict(field=k, **chosen[k]) for k in order if isinstance(chosen.get(k), dict)]


def build_context(rows, trend, estimates, facts_by_id, table: HardwareTable, config, title, svg: bytes) -> dict[str, Any]:
    papers = []
    for doc in estimates:
        facts = facts_by_id.get(doc["paper_id"])
        papers.append({
            "doc": doc,
            "facts": facts,
            "evidence": _evidence(facts),
            "abs_link": abs_link(doc),
            "page_link": (lambda page, d=doc: page_link(d, page)),
            "candidates": len((facts or {}).get("candidates") or []),
        })
    verdicts: dict[str, int] = {}
    for r in rows:
        verdicts[r.get("consistency") or "none"] = verdicts.get(r.get("consistency") or "none", 0) + 1
    used_chips = sorted({r["chip_id"] for r in rows if r.get("chip_id")})
    return {
        "title": title,
        "rows": rows,
        "trend": trend,
        "papers": papers,
        "verdicts": verdicts,
        "n_papers": len(rows),
        "n_estimated": sum(1 for r in rows if r.get("compute_flop")),
        "failed": [r for r in rows if r.get("status") not in ("ok", None)],
        "plot_uri": "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii"),
        "settings": config,
        "chips_used": [table.get(c) for c in used_chips if _has(table, c)],
        "chips_all": table.chips,
        "pfs_day_flop": PFS_DAY_FLOP,
    }


def _has(table: HardwareTable, chip_id: str) -> bool:
    try:
        table.get(chip_id)
        return True
    except KeyError:
        return False


def render_report(context: dict[str, Any]) -> str:
    return _env().get_template("appendix.html.j2").render(**context)


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
