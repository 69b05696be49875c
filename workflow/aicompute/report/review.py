"""What the report may claim: short statuses, why a paper needs a person, and why papers are or
are not in the fit (every count on the page comes from here, so the counts agree with the tables).

Read from the documents other steps write (estimates.csv rows, estimate.json, facts.json, trend.json);
fields that are absent (older documents, a step that does not write them yet) are treated as unknown,
never as an error.
"""

from __future__ import annotations

import math
from typing import Any

from ..estimate import GRADE_RANK  # the trend's min_confidence compares grades by this rank
from ..units import sig

SHORT_STATUSES = ("ok", "needs review", "no estimate", "fetch failed", "extraction failed")
MIN_FIT_POINTS = 5  # fewer papers than this: a line through them is no trend, so it is never the headline
REFERENCE_FACTOR = 3.0  # ours / OpenAI outside [1/3, 3]: flagged (the consistency factor's default)
STATED_FIELDS = ("chips", "chip_model", "training_hours", "chip_hours", "time_from_steps", "parameters",
                 "active_parameters", "tokens_or_examples", "flops_per_forward", "total_training_flop")


def short_status(status: str | None) -> str:
    """`no estimate: GPU time lacks ...` -> `no estimate` (the part before the colon)."""
    text = (status or "").strip()
    return text.split(":", 1)[0].strip() if text else "unknown"


def status_reason(status: str | None) -> str:
    text = (status or "").strip()
    return text.split(":", 1)[1].strip() if ":" in text else ""


def _float(x: Any) -> float | None:
    try:
        v = float(x)
    except (TypeError, ValueError):
        return None
    return v if math.isfinite(v) else None


# a generic chip read below this confidence is a mention ("memory-constrained systems such as a GPU"), not the
# paper's training hardware: on the development papers all 14 "no estimate although the paper states chip model"
# items that such a mention alone made were papers whose labels state nothing. A specific chip named without a run
# ("the Titan Xp used for this research") still asks for a person, who may find the run's count and time
MENTIONED_MODEL_BELOW = 0.5


def stated_facts(facts: dict[str, Any] | None) -> list[str]:
    """The facts the extractor read from the paper (chosen, non-null; not a generic chip it only saw mentioned)."""
    chosen = (facts or {}).get("chosen") or {}
    return [f for f in STATED_FIELDS if isinstance(chosen.get(f), dict) and chosen[f].get("value") not in (None, "")
            and not (f == "chip_model" and chosen[f].get("generic")
                     and (chosen[f].get("confidence") or 1.0) < MENTIONED_MODEL_BELOW)]


def from_config_only(doc: dict[str, Any] | None) -> bool:
    """The chosen estimate uses no value read from the paper (only config inputs, specs and policy)."""
    if not doc:
        return False
    method = (doc.get("compute") or {}).get("method")
    inputs = ((doc.get(method) or {}).get("inputs") or {}) if method else {}
    if not inputs:
        return False
    return not any(isinstance(v, dict) and v.get("origin") == "extracted" for v in inputs.values())


def _mentions(existing: list[str], words: tuple[str, ...]) -> bool:
    """The estimate already gave this reason in its own words (no reason twice)."""
    return any(any(w in e.lower() for w in words) for e in existing)


def review_reasons(row: dict[str, Any], doc: dict[str, Any] | None, facts: dict[str, Any] | None,
                   factor: float = REFERENCE_FACTOR) -> list[str]:
    """Why this paper needs a person (empty: it does not). The estimate's own reasons come first."""
    status = row.get("status") or ""
    short = short_status(status)
    reasons: list[str] = []
    if short == "needs review":
        reasons += [r.strip() for r in status_reason(status).split(";") if r.strip()]
    for r in str(row.get("review") or "").split(";"):
        if r.strip() and r.strip() not in reasons:
            reasons.append(r.strip())
    own = list(reasons)
    estimated = _float(row.get("compute_flop")) is not None
    if short in ("fetch failed", "extraction failed"):
        return reasons  # the failure is the reason; it is listed with the failures
    if not estimated:
        stated = stated_facts(facts)
        if stated:
            reasons.append(f"no estimate although the paper states {', '.join(f.replace('_', ' ') for f in stated)}"
                           f" ({_closest_method(doc) or status_reason(status) or 'an input is missing'})")
        return reasons
    if status == "publication date unknown":
        reasons.append("publication date unknown: give the entry a `date:`")
    ratio = _float(row.get("ours_over_reference"))
    if ratio is not None and ratio > 0 and not _mentions(own, ("openai", "reference")):
        upper = row.get("reference_kind") == "upper bound"
        if ratio > factor or (not upper and ratio < 1 / factor):
            reasons.append(f"{_times(ratio)} OpenAI's figure (outside a factor of {factor:g})")
    if row.get("consistency") == "inconsistent" and not _mentions(own, ("inconsistent", "disagree", "methods")):
        r = _float(row.get("consistency_ratio"))
        reasons.append("the two methods disagree" + (f": counting operations = {_times(r, 'GPU time')}" if r else ""))
    if (row.get("confidence") or "") == "low" and not _mentions(own, ("confidence",)):
        weakest = _weakest_input(doc)
        reasons.append("low confidence" + (f": {weakest}" if weakest else ""))
    return reasons


def _closest_method(doc: dict[str, Any] | None) -> str | None:
    """What the method nearest to an estimate lacks: 'GPU time lacks: training duration not stated'."""
    if not doc:
        return None
    options = [(len(doc.get(k, {}).get("missing") or []), name, doc.get(k, {}).get("missing") or [])
               for k, name in (("gpu_time", "GPU time"), ("ops", "counting operations"))]
    options = [o for o in options if o[0]]
    if not options:
        return None
    _, name, missing = min(options, key=lambda o: o[0])
    return f"{name} lacks: {'; '.join(missing)}"


def _times(ratio: float, of: str = "") -> str:
    text = f"{sig(ratio, 2)}×"
    return f"{text} {of}".strip() if of else f"ours is {text}"


def _weakest_input(doc: dict[str, Any] | None) -> str | None:
    """The least confident value read from the paper that the chosen method used."""
    if not doc:
        return None
    method = (doc.get("compute") or {}).get("method")
    inputs = ((doc.get(method) or {}).get("inputs") or {}) if method else {}
    read = [(k, v) for k, v in inputs.items() if isinstance(v, dict) and v.get("origin") == "extracted"]
    if not read:
        return (doc.get(method) or {}).get("basis")
    name, v = min(read, key=lambda kv: _float(kv[1].get("confidence")) or 0.0)
    conf = _float(v.get("confidence"))
    return f"{name.replace('_', ' ')} read automatically" + (f" (confidence {conf:.2f})" if conf is not None else "")


def display_status(row: dict[str, Any], reasons: list[str]) -> str:
    """The short status shown in the table: `ok` becomes `needs review` when the report finds a reason."""
    short = short_status(row.get("status"))
    if short == "ok" and reasons:
        return "needs review"
    if short not in SHORT_STATUSES and _float(row.get("compute_flop")) is not None and reasons:
        return "needs review"  # e.g. "publication date unknown": estimated, but a person must add the date
    return short


# ------------------------------------------------------------------------------------------- the fit

def fit_accounting(rows: list[dict[str, Any]], trend: dict[str, Any]) -> dict[str, Any]:
    """Why each paper with an estimate is or is not in the fit; the parts add up to the whole."""
    estimated = [r for r in rows if _float(r.get("compute_flop")) is not None]
    points = {p.get("paper_id") for p in trend.get("points") or []}
    in_window = set(trend.get("papers_in_window") or [])
    floor = GRADE_RANK.get(trend.get("min_confidence") or "low", 1)
    groups: dict[str, list[str]] = {"in the fit": [], "outside the window": [], "no publication date": [],
                                    "below the confidence floor": [], "left out for review": [],
                                    "left out by the trend step": []}
    for r in estimated:
        pid = r["paper_id"]
        if pid in in_window:
            groups["in the fit"].append(pid)
        elif pid in points:
            groups["outside the window"].append(pid)
        elif not r.get("published"):
            groups["no publication date"].append(pid)
        elif GRADE_RANK.get(r.get("confidence") or "low", 1) < floor:
            groups["below the confidence floor"].append(pid)
        elif short_status(r.get("status")) == "needs review":
            groups["left out for review"].append(pid)
        else:
            groups["left out by the trend step"].append(pid)
    return {"n_estimated": len(estimated), "groups": groups,
            "why_not": [(k, len(v)) for k, v in groups.items() if k != "in the fit" and v]}


def fit_caveats(trend: dict[str, Any], docs_by_id: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Whether the window's fit may be the headline, and the warnings when it may not."""
    in_window = list(trend.get("papers_in_window") or [])
    n = len(in_window)
    config_only = [pid for pid in in_window if from_config_only(docs_by_id.get(pid))]
    warnings = []
    if trend.get("doubling_months") is None and trend.get("slope_log10_per_year") is None:
        warnings.append(trend.get("problem") or f"no fit on {n} paper(s)")
    elif n < MIN_FIT_POINTS:
        warnings.append(f"a line through only {n} papers (fewer than {MIN_FIT_POINTS}) is not a trend")
    elif trend.get("doubling_months") is None:
        warnings.append(f"the line fitted through {n} papers does not grow: there is no doubling time")
    if n and len(config_only) == n:
        warnings.append("every point of the fit comes from values written in config.yaml, none read from the papers")
    return {"headline": not warnings, "warnings": warnings, "n": n, "config_only": config_only}


def same_papers(a: list[str] | None, b: list[str] | None) -> bool:
    return a is not None and b is not None and set(a) == set(b)
