"""The two estimates of training compute, their bounds, and the consistency check between them.

Method 1, counting operations (OpenAI's preferred method):
    stated total; or FLOP per forward pass x examples x epochs x passes (forward + backward ~ 3x
    forward; a multiply-add is 2 FLOP); or 6 x parameters x tokens for dense transformers.
Method 2, GPU time:
    chips x peak FLOP/s x training seconds x utilization (OpenAI assumed 0.33).

Every input carries where it came from: `extracted` (page + sentence of the paper), `config` (a value a
human derived, with its source note), `hardware table` (the spec row and its source) or `policy`
(utilization, passes, precision: settings in config.yaml). Bounds come from stated ranges, unit
ambiguities (TPU chips vs cores, K80 board vs die) and the utilization band; precision not stated on
a tensor-core GPU widens the high bound to the tensor peak.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

from .config import schema_defaults
from .hardware import Chip, HardwareTable
from .ids import split_version
from .units import SECONDS_PER_HOUR, flops_rate, pfs_days, sig

SCHEMA = "aicompute.estimate/1"


_DEFAULTS = schema_defaults("estimate")  # the schema is the one place defaults live


@dataclass(frozen=True)
class EstimateSettings:
    utilization: float = _DEFAULTS["utilization"]
    utilization_low: float = _DEFAULTS["utilization_low"]
    utilization_high: float = _DEFAULTS["utilization_high"]
    consistency_factor: float = _DEFAULTS["consistency_factor"]
    passes: float = _DEFAULTS["passes"]

    @classmethod
    def from_config(cls, section: dict[str, Any] | None) -> "EstimateSettings":
        known = cls.__dataclass_fields__
        return cls(**{k: v for k, v in (section or {}).items() if k in known})


@dataclass
class Value:
    """An input of a calculation and where it came from."""

    value: Any
    origin: str  # extracted | config | hardware table | policy | derived
    confidence: float = 1.0
    page: int | None = None
    sentence: str | None = None
    source: str | None = None  # config source note, spec source URL, or policy description
    note: str | None = None
    low: float | None = None
    high: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        d = {k: v for k, v in self.__dict__.items() if v is not None and k != "extra"}
        d.update(self.extra)
        return d


def _from_fact(fact: dict | None) -> Value | None:
    if not fact or fact.get("value") is None:
        return None
    return Value(
        value=fact["value"],
        origin="extracted",
        confidence=float(fact.get("confidence", 0.5)),
        page=fact.get("page"),
        sentence=fact.get("sentence"),
        note=fact.get("why"),
        low=fact.get("low"),
        high=fact.get("high"),
        extra={k: fact[k] for k in ("unit", "as_written", "generic", "chip_id") if fact.get(k) is not None},
    )


def _from_input(inputs: dict, name: str) -> Value | None:
    item = inputs.get(name)
    if not item:
        return None
    return Value(value=item["value"], origin="config", confidence=1.0, source=item.get("source"))


def _pick(inputs: dict, facts: dict, name: str, fact_name: str | None = None) -> Value | None:
    """A config input (a human's reading) wins over the extracted fact of the same meaning."""
    return _from_input(inputs, name) or _from_fact(facts.get(fact_name or name))


# Confidence grades, weakest first; choose() and the trend's min_confidence compare them by this rank.
GRADE_RANK = {"low": 1, "medium": 2, "high": 3}


def _grade(confidence: float) -> str:
    return "high" if confidence >= 0.8 else "medium" if confidence >= 0.5 else "low"


def _num(x: float) -> str:
    return sig(x)


# ---------------------------------------------------------------------------------------------
# Method 2: GPU time


def _resolve_chip(chip_value: Value | None, table: HardwareTable, published: dt.date | None) -> Chip | None:
    if chip_value is None or chip_value.extra.get("generic"):
        return None
    if chip_value.extra.get("chip_id"):
        try:
            return table.get(chip_value.extra["chip_id"])
        except KeyError:
            pass
    return table.match(str(chip_value.value), published=published)


def choose_peak(chip: Chip, precision: Value | None, inputs: dict) -> tuple[Value, float | None]:
    """The peak FLOP/s used, and a higher peak for the upper bound when precision is not stated.

    Policy: TPUs compute on their matrix units in bf16 (v1: int8); GPUs use FP32 unless the paper
    states mixed/half precision, then the tensor-core peak where the chip has one (else its FP16
    peak). On a tensor-core GPU with precision not stated, FP32 is the estimate and the tensor peak
    the high bound.
    """
    spec = {"source": chip.source_url, "extra": {"chip_id": chip.chip_id, "chip": chip.name}}
    if "peak_flops" in inputs:
        v = _from_input(inputs, "peak_flops")
        v.extra.update(spec["extra"], precision="as given in config")
        return v, None
    stated = precision.value if precision else None
    if chip.kind == "tpu":
        if chip.tensor_flops:
            return Value(chip.tensor_flops, "hardware table", source=chip.source_url,
                         note="TPU matrix units, bf16 peak", extra={**spec["extra"], "precision": "bf16"}), None
        return Value(chip.int8_ops, "hardware table", source=chip.source_url,
                     note="TPU v1 computes in int8: its int8 peak", extra={**spec["extra"], "precision": "int8"}), None
    if stated in ("fp16", "bf16", "mixed", "tensor"):
        if chip.tensor_flops:
            return Value(chip.tensor_flops, "hardware table", source=chip.source_url,
                         note=f"{stated} precision stated: tensor-core peak",
                         extra={**spec["extra"], "precision": "tensor"}), None
        if chip.fp16_flops:
            return Value(chip.fp16_flops, "hardware table", source=chip.source_url,
                         note=f"{stated} precision stated: FP16 peak (no tensor cores)",
                         extra={**spec["extra"], "precision": "fp16"}), None
    note = "FP32 peak (precision not stated)" if stated is None else f"FP32 peak ({stated} stated)"
    value = Value(chip.fp32_flops, "hardware table", source=chip.source_url, note=note,
                  extra={**spec["extra"], "precision": "fp32"})
    high = chip.tensor_flops if (stated is None and chip.tensor_flops) else None
    if high:
        value.note += "; tensor-core peak taken as the upper bound"
    return value, high


def gpu_time_estimate(
    facts: dict, inputs: dict, settings: EstimateSettings, table: HardwareTable, published: dt.date | None
) -> dict[str, Any]:
    chips = _pick(inputs, facts, "chips")
    unit_input = _from_input(inputs, "count_unit")
    if chips is not None and unit_input is not None:
        chips.extra["unit"] = unit_input.value
    chip_value = _pick(inputs, facts, "chip_model")
    hours = _pick(inputs, facts, "training_hours")
    if hours is not None and hours.origin == "config":
        lo, hi = _from_input(inputs, "training_hours_low"), _from_input(inputs, "training_hours_high")
        hours.low, hours.high = (lo.value if lo else None), (hi.value if hi else None)
    chip_hours = _pick(inputs, facts, "chip_hours")
    from_steps = _from_fact(facts.get("time_from_steps"))
    utilization = _from_input(inputs, "utilization") or Value(
        settings.utilization, "policy", source="config estimate.utilization (OpenAI assumed 0.33)")
    multiplier = _from_input(inputs, "gpu_time_multiplier")
    precision = _pick(inputs, facts, "precision")

    out: dict[str, Any] = {"method": "gpu_time", "available": False, "inputs": {}}
    missing = []
    chip = _resolve_chip(chip_value, table, published)
    if chip_value is None:
        missing.append("accelerator model not stated")
    elif chip is None:
        what = "only generic accelerators named" if chip_value.extra.get("generic") else "not in the hardware table"
        missing.append(f"accelerator model {chip_value.value!r}: {what}")
    if chip_value is not None:
        out["inputs"]["chip_model"] = chip_value.as_dict()

    # Device count in units of table rows (chips, boards); a product of chip-time replaces both.
    devices = devices_low = devices_high = None
    if chips is not None:
        out["inputs"]["chips"] = chips.as_dict()
    if chip_hours is None and chips is None:
        missing.append("number of accelerators not stated")
    if chips is not None and chip is not None:
        unit = chips.extra.get("unit", "gpus")
        n = float(chips.value)
        devices = devices_low = devices_high = n
        if unit == "tpu_cores":
            devices = devices_low = devices_high = n / chip.cores_per_chip
            chips.note = (chips.note or "") + f" [{sig(n)} cores / {chip.cores_per_chip} cores per chip]"
        elif unit == "other" and chip.kind == "tpu" and chip.cores_per_chip > 1:
            devices_low = n / chip.cores_per_chip  # 'TPUs' may have meant cores
        elif unit in ("machines", "cpu_cores"):
            missing.append(f"accelerators counted as {unit}; devices per machine not stated")
            devices = None
        elif chip.dies_per_board > 1 and unit == "gpus":
            devices_low = n / chip.dies_per_board  # a 'K80 GPU' may be one die of a board
    if chip is not None:
        peak, peak_high = choose_peak(chip, precision, inputs)
        if peak.value is None:
            missing.append(f"no peak for {chip.name} at {peak.extra.get('precision')}")
        out["inputs"]["peak_flops"] = peak.as_dict()
    seconds = seconds_low = seconds_high = None
    time_value = hours or None
    if chip_hours is None:
        if hours is None and from_steps is not None:
            time_value = from_steps
            time_value.confidence = min(time_value.confidence, 0.6)
            time_value.note = (time_value.note or "") + " [duration derived from per-step/epoch time]"
        if time_value is None:
            missing.append("training duration not stated")
        else:
            h = float(time_value.value)
            seconds = h * SECONDS_PER_HOUR
            seconds_low = float(time_value.low if time_value.low is not None else h) * SECONDS_PER_HOUR
            seconds_high = float(time_value.high if time_value.high is not None else h) * SECONDS_PER_HOUR
            # a derived duration keeps its own name: `training_hours` is what the paper states
            out["inputs"]["training_hours" if time_value is hours else "time_from_steps"] = time_value.as_dict()
    else:
        out["inputs"]["chip_hours"] = chip_hours.as_dict()
    out["inputs"]["utilization"] = utilization.as_dict()
    if multiplier is not None:
        out["inputs"]["gpu_time_multiplier"] = multiplier.as_dict()
    if missing:
        out["missing"] = missing
        return out

    mult = float(multiplier.value) if multiplier else 1.0
    u, u_lo, u_hi = float(utilization.value), settings.utilization_low, settings.utilization_high
    if utilization.origin == "config":  # a per-paper utilization keeps the band's relative width
        u_lo, u_hi = u * settings.utilization_low / settings.utilization, min(1.0, u * settings.utilization_high / settings.utilization)
    p = float(peak.value)
    p_hi = float(peak_high) if peak_high else p
    if chip_hours is not None:
        unit = chip_hours.extra.get("unit", "")
        ch = float(chip_hours.value)
        per_chip = chip.cores_per_chip if "core" in unit else 1
        chip_seconds = ch / per_chip * SECONDS_PER_HOUR
        flop = chip_seconds * p * u * mult
        low, high = chip_seconds * p * u_lo * mult, chip_seconds * p_hi * u_hi * mult
        formula = f"{sig(ch)} {unit or 'chip-hours'}" + (f" / {per_chip} cores per chip" if per_chip > 1 else "")
        formula += f" × {flops_rate(p)} × 3600 s/h × {sig(u)}"
    else:
        flop = devices * p * seconds * u * mult
        low = devices_low * p * seconds_low * u_lo * mult
        high = devices_high * p_hi * seconds_high * u_hi * mult
        unit_word = {"gpus": "GPUs", "tpu_chips": "TPU chips", "tpu_cores": "TPU chips", "other": "devices"}.get(
            chips.extra.get("unit", "gpus"), "devices")
        formula = (f"{sig(devices)} {unit_word} × {flops_rate(p)} × {sig(seconds / SECONDS_PER_HOUR)} h"
                   f" × 3600 s/h × {sig(u)}")
    if mult != 1.0:
        formula += f" × {sig(mult)}"
    formula += f" = {sig(flop)} FLOP"
    confidences = [v.confidence for v in (chips, chip_value, time_value, chip_hours) if v is not None]
    confidence = min(confidences) if confidences else 0.5
    out.update(
        available=True,
        flop=flop,
        low_flop=min(low, flop),
        high_flop=max(high, flop),
        pfs_days=pfs_days(flop),
        formula=formula,
        confidence=_grade(confidence),
        bounds_from=_bounds_notes(chips, chip, time_value, u_lo, u_hi, peak_high, devices_low != devices),
    )
    return out


def _bounds_notes(chips, chip, time_value, u_lo, u_hi, peak_high, device_ambiguity) -> list[str]:
    notes = [f"utilization {sig(u_lo)}–{sig(u_hi)}"]
    if time_value is not None and time_value.low is not None and time_value.high is not None and time_value.low != time_value.high:
        notes.append(f"stated duration range {sig(time_value.low)}–{sig(time_value.high)} h")
    if device_ambiguity and chip is not None:
        if chip.kind == "tpu":
            notes.append(f"'TPUs' read as chips (high) or cores (low, {chip.cores_per_chip} per chip)")
        else:
            notes.append(f"a '{chip.family} GPU' read as a board (high) or one of its {chip.dies_per_board} dies (low)")
    if peak_high:
        notes.append(f"precision not stated: tensor-core peak {flops_rate(peak_high)} as high")
    return notes


# ---------------------------------------------------------------------------------------------
# Method 1: counting operations


def ops_estimate(facts: dict, inputs: dict, settings: EstimateSettings) -> dict[str, Any]:
    out: dict[str, Any] = {"method": "ops", "available": False, "inputs": {}}
    passes = _from_input(inputs, "passes") or Value(
        settings.passes, "policy", source="config estimate.passes: forward + backward ~ 3x forward")

    total = _from_input(inputs, "total_training_flop") or _from_fact(facts.get("total_training_flop"))
    fwd_flop = _from_input(inputs, "flops_per_forward")
    fwd_madd = _from_input(inputs, "multiply_adds_per_forward")
    if fwd_flop is None and fwd_madd is None:
        fact = _from_fact(facts.get("flops_per_forward"))
        if fact is not None and fact.extra.get("unit") == "multiply-add":
            fwd_madd = fact
        else:
            fwd_flop = fact
    examples = _pick(inputs, facts, "examples", "tokens_or_examples")
    epochs = _pick(inputs, facts, "epochs")
    params = _pick(inputs, facts, "parameters")
    tokens = _from_input(inputs, "tokens")
    if tokens is None:
        fact = _from_fact(facts.get("tokens_or_examples"))
        if fact is not None and fact.extra.get("unit") == "tokens":
            tokens = fact

    def done(flop, formula, used, confidence, basis):
        out.update(available=True, flop=flop, low_flop=flop, high_flop=flop, pfs_days=pfs_days(flop),
                   formula=f"{formula} = {sig(flop)} FLOP", basis=basis, confidence=_grade(confidence))
        out["inputs"].update({k: v.as_dict() for k, v in used.items() if v is not None})
        return out

    # A config total is a human's decision; a stated total is the paper's own figure.
    if total is not None and (total.origin == "config" or (fwd_flop is None and fwd_madd is None)):
        return done(float(total.value), f"{sig(float(total.value))} FLOP (stated total)", {"total_training_flop": total},
                    total.confidence, "stated total" if total.origin == "extracted" else "total given in config")
    per_forward = fwd_flop or fwd_madd
    if per_forward is not None and examples is not None:
        madd = fwd_flop is None
        f = float(per_forward.value) * (2 if madd else 1)
        n, e, k = float(examples.value), float(epochs.value) if epochs else 1.0, float(passes.value)
        flop = f * n * e * k
        formula = (f"{sig(float(per_forward.value))} {'multiply-adds × 2 FLOP' if madd else 'FLOP'} per forward"
                   f" × {sig(n)} examples × {sig(e)} epochs × {sig(k)} (forward + backward)")
        conf = min(v.confidence for v in (per_forward, examples, epochs) if v is not None)
        if epochs is None:
            conf = min(conf, 0.4)
            formula = formula.replace(" epochs", " epoch (epochs not stated)")
        return done(flop, formula, {"flops_per_forward" if not madd else "multiply_adds_per_forward": per_forward,
                                    "examples": examples, "epochs": epochs, "passes": passes}, conf,
                    "FLOP per forward pass × examples × epochs × passes")
    if params is not None and tokens is not None:
        n, d = float(params.value), float(tokens.value)
        # An epoch count read automatically is often the fine-tuning one: use it only when it is
        # confident or a person gave it; otherwise count one pass over the data, and say so.
        use_epochs = epochs is not None and (epochs.origin == "config" or epochs.confidence >= 0.6)
        e = float(epochs.value) if use_epochs else 1.0
        flop = 6 * n * d * e
        formula = f"6 × {sig(n)} parameters × {sig(d)} tokens" + (
            f" × {sig(e)} epochs" if use_epochs else " (one pass over the data assumed)")
        conf = min(v.confidence for v in (params, tokens))
        if "extracted" in (params.origin, tokens.origin):
            conf = min(conf, 0.45)  # an automatic reading of two numbers, each often from a table: low
        return done(flop, formula, {"parameters": params, "tokens": tokens, "epochs": epochs if use_epochs else None},
                    conf, "6 × parameters × tokens (dense transformer approximation)")
    if total is not None:
        return done(float(total.value), f"{sig(float(total.value))} FLOP (stated total)", {"total_training_flop": total},
                    total.confidence, "stated total")
    missing = []
    if per_forward is None:
        missing.append("FLOP per forward pass not stated")
    elif examples is None:
        missing.append("number of training examples not stated")
    if params is None or tokens is None:
        missing.append("parameters × tokens not both stated")
    out["inputs"].update({k: v.as_dict() for k, v in {"parameters": params, "epochs": epochs}.items() if v})
    out["missing"] = missing
    return out


# ---------------------------------------------------------------------------------------------
# The check and the verdict


def consistency(ops: dict, gpu: dict, settings: EstimateSettings) -> dict[str, Any]:
    factor = settings.consistency_factor
    if ops.get("available") and gpu.get("available"):
        ratio = ops["flop"] / gpu["flop"]
        # ops / (chips x peak x seconds) = ratio x assumed utilization: what would make the two agree
        implied = ratio * float(gpu["inputs"]["utilization"]["value"])
        ok = 1 / factor <= ratio <= factor
        return {
            "ratio": ratio,
            "implied_utilization": implied,
            "factor": factor,
            "verdict": "consistent" if ok else "inconsistent",
            "reason": (
                f"counting operations / GPU time = {sig(ratio)}, "
                f"{'within' if ok else 'outside'} the factor of {sig(factor)}; implied utilization {sig(implied)}"
                + (" (above 1: impossible, one of the inputs is off)" if implied > 1 else "")
            ),
        }
    if ops.get("available") or gpu.get("available"):
        which = "counting operations" if ops.get("available") else "GPU time"
        other = gpu if ops.get("available") else ops
        return {"ratio": None, "implied_utilization": None, "factor": factor, "verdict": "single method",
                "reason": f"only {which}; the other method lacks: {'; '.join(other.get('missing', []))}"}
    return {"ratio": None, "implied_utilization": None, "factor": factor, "verdict": "no estimate",
            "reason": f"GPU time lacks: {'; '.join(gpu.get('missing', []))}; "
                      f"counting operations lacks: {'; '.join(ops.get('missing', []))}"}


def choose(ops: dict, gpu: dict, check: dict) -> dict[str, Any]:
    """OpenAI preferred counting operations when it could; GPU time otherwise."""
    if ops.get("available") and gpu.get("available"):
        if GRADE_RANK[ops["confidence"]] < GRADE_RANK[gpu["confidence"]]:
            pick, why = gpu, "GPU time: counting operations rests on weaker inputs here"
        else:
            pick, why = ops, "counting operations, preferred as in OpenAI's analysis"
    elif ops.get("available"):
        pick, why = ops, "counting operations (the only method with inputs)"
    elif gpu.get("available"):
        pick, why = gpu, "GPU time (the only method with inputs)"
    else:
        return {"method": None, "flop": None, "low_flop": None, "high_flop": None, "pfs_days": None,
                "confidence": None, "why": "no estimate"}
    low, high = pick["low_flop"], pick["high_flop"]
    if check["verdict"] in ("consistent", "inconsistent"):  # the other method widens the band
        other = gpu if pick is ops else ops
        low, high = min(low, other["low_flop"]), max(high, other["high_flop"])
    return {"method": pick["method"], "flop": pick["flop"], "low_flop": low, "high_flop": high,
            "pfs_days": pfs_days(pick["flop"]), "confidence": pick["confidence"], "why": why}


def _iso_date(value: Any) -> str | None:
    """YYYY-MM-DD or None: an empty or unreadable date is an unknown date, never a crash."""
    try:
        return dt.date.fromisoformat(str(value)[:10]).isoformat() if value else None
    except ValueError:
        return None


def _status(meta: dict, facts: dict | None, compute: dict, check: dict, published: str | None) -> str:
    """`ok` or the one reason that matters most (a failed fetch explains everything after it)."""
    only_config = "; estimate from config inputs only" if compute["flop"] is not None else ""
    if meta.get("status") == "failed":
        return f"fetch failed: {meta.get('error')}{only_config}"
    if facts and facts.get("status") == "failed":
        return f"extraction failed: {facts.get('error')}{only_config}"
    if compute["flop"] is None:
        return "no estimate: " + check["reason"]
    if published is None:
        return "publication date unknown"
    return "ok"


def document_header(paper: dict, meta: dict | None) -> dict[str, Any]:
    """Who the paper is: the first fields of estimate.json (also of one whose estimate failed)."""
    meta = meta or {}
    return {
        "schema": SCHEMA,
        "paper_id": paper["key"],
        "arxiv_id": meta.get("arxiv_id") or (split_version(paper["arxiv_id"])[0] if paper.get("arxiv_id") else None),
        "title": meta.get("title") or paper.get("name") or paper["key"],
        "name": paper.get("name"),
        "published": _iso_date(paper.get("date")) or _iso_date(meta.get("published")),
        # what was read, so page numbers can link to the same version of the PDF
        "document": {k: meta.get(k) for k in ("version", "source_url", "abs_url", "sha256") if meta.get(k)},
    }


def estimate_paper(
    paper: dict,
    meta: dict | None,
    facts: dict,
    settings: EstimateSettings,
    table: HardwareTable,
    reference: dict | None = None,
) -> dict[str, Any]:
    """Both methods, the check and the chosen figure for one paper (the estimate.json document)."""
    meta = meta or {}
    result = document_header(paper, meta)
    published = result["published"]
    published_date = dt.date.fromisoformat(published) if published else None
    inputs = paper.get("inputs") or {}
    chosen = (facts or {}).get("chosen") or {}
    gpu = gpu_time_estimate(chosen, inputs, settings, table, published_date)
    ops = ops_estimate(chosen, inputs, settings)
    check = consistency(ops, gpu, settings)
    compute = choose(ops, gpu, check)
    result.update(gpu_time=gpu, ops=ops, consistency=check, compute=compute)
    if reference:
        ref = dict(reference)
        if compute["flop"]:
            ref["ours_over_reference"] = compute["flop"] / float(ref["flop"])
        result["reference"] = ref
    result["status"] = _status(meta, facts, compute, check, published)
    return result
