"""The two estimates of training compute, their bounds, the consistency check, and the review gates.

Method 1, counting operations (OpenAI's preferred method):
    stated total (a total in multiply-adds counts 2 FLOP each); or FLOP per forward pass x examples x
    epochs x passes (forward + backward ~ 3x forward; a multiply-add is 2 FLOP; per-example FLOP
    needs a count of examples, not tokens); or 6 x parameters x tokens (active parameters for a
    mixture-of-experts; tokens as stated, or steps x batch tokens, or steps x batch x sequence length).
Method 2, GPU time:
    chips x peak FLOP/s x training seconds x utilization (OpenAI assumed 0.33), or a stated product of
    device-time ("1.3M GPU hours") x peak x utilization. A paper that names only "GPUs"/"TPUs" gets
    the accelerator typical of its date (data/typical_accelerators.csv), marked "assumed", with bounds
    spanning the plausible devices and low confidence.

Every input carries where it came from: `extracted` (page + sentence of the paper), `config` (a value a
human derived, with its source note), `hardware table` (the spec row and its source), `assumed` (the
typical accelerator of the date, with the table row's reason and source) or `policy` (utilization,
passes, precision: settings in config.yaml). Bounds come from stated ranges, unit ambiguities (TPU
chips vs cores vs 4-chip devices, K80 board vs die), the utilization band and, for assumed hardware,
the slowest and fastest plausible devices; precision not stated on a tensor-core GPU widens the high
bound to the tensor peak.

Values read from the PDF pass plausibility gates (data/plausibility.csv: a range per input, an
envelope for the result by publication date, cross-checks between inputs, and agreement with the
project's reference figures). A failed gate is a review reason: the status becomes `needs review:
<reason>` (never `ok`), the estimate stays in the table, and the trend leaves it out by default.
Values a person wrote under `inputs:` in config.yaml are trusted and not gated.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .assumptions import Gates, TpuPods, TypicalAccelerators, failure
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
    # GPUs released from this date on (NVIDIA Ampere, 2020-05-14) train on their tensor cores even when
    # a paper states no precision: TF32 is the default for FP32 matmuls (TensorFlow >= 2.4, PyTorch
    # 1.7-1.11, cuDNN convolutions) and large runs use bf16/fp16. Their tensor peak is the estimate
    # then, FP32 the low bound. Earlier tensor-core GPUs (V100, T4, RTX 20xx): FP32, tensor as high.
    tensor_by_default_from: str = _DEFAULTS["tensor_by_default_from"]

    @classmethod
    def from_config(cls, section: dict[str, Any] | None) -> "EstimateSettings":
        known = cls.__dataclass_fields__
        return cls(**{k: v for k, v in (section or {}).items() if k in known})


@dataclass
class Value:
    """An input of a calculation and where it came from."""

    value: Any
    origin: str  # extracted | config | hardware table | assumed | policy | derived
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

    @property
    def from_pdf(self) -> bool:
        """Read (or derived) from the paper by the program, so it is gated; config values are not."""
        return self.origin in ("extracted", "derived")


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
        extra={k: fact[k] for k in ("unit", "as_written", "match", "generic", "chip_id", "per", "kind", "other_model_size",
                                    "cues", "distractor", "rate", "count")
               if fact.get(k) is not None},
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
ASSUMED_CONFIDENCE = 0.3  # an accelerator assumed from the date: low grade


def _grade(confidence: float) -> str:
    return "high" if confidence >= 0.8 else "medium" if confidence >= 0.5 else "low"


@lru_cache(maxsize=None)
def default_tables() -> tuple[Gates, TypicalAccelerators, TpuPods]:
    """The gates, typical-accelerator and pod tables under workflow/data (read once per process)."""
    return Gates.load(), TypicalAccelerators.load(hardware=HardwareTable.load()), TpuPods.load()


# ---------------------------------------------------------------------------------------------
# Method 2: GPU time


GENERIC_KIND = {"gpus": "gpu", "tpu_chips": "tpu", "tpu_cores": "tpu", "gpu-hours": "gpu", "tpu-core-hours": "tpu",
                "tpu-chip-hours": "tpu", "tpu-hours": "tpu"}
CPU_TIME_UNITS = ("cpu-hours", "cpu-core-hours", "machine-hours")


def _resolve_chip(chip_value: Value | None, table: HardwareTable, published: dt.date | None) -> Chip | None:
    if chip_value is None or chip_value.extra.get("generic"):
        return None
    if chip_value.extra.get("chip_id"):
        try:
            return table.get(chip_value.extra["chip_id"])
        except KeyError:
            pass
    return table.match(str(chip_value.value), published=published)


def _generic_kind(chip_value: Value | None, chips: Value | None, chip_hours: Value | None) -> str | None:
    """'gpu' or 'tpu' when the paper names only the kind of accelerator (or none, with a count of GPUs)."""
    if chip_value is not None:
        if not chip_value.extra.get("generic"):
            return None  # a named chip that is not in the table is not replaced by an assumption
        text = str(chip_value.value).lower()
        return "tpu" if "tpu" in text else "gpu" if "gpu" in text else None
    for v in (chip_hours, chips):
        if v is not None and GENERIC_KIND.get(v.extra.get("unit", "")):
            return GENERIC_KIND[v.extra["unit"]]
    return None


def choose_peak(chip: Chip, precision: Value | None, inputs: dict,
                settings: EstimateSettings | None = None) -> tuple[Value, float | None, float | None]:
    """The peak FLOP/s used, and a higher and a lower peak for the bounds when precision is not stated.

    Policy: TPUs compute on their matrix units in bf16 (v1: int8); GPUs use FP32 unless the paper
    states mixed/half precision, then the tensor-core peak where the chip has one (else its FP16
    peak). On a tensor-core GPU with precision not stated, FP32 is the estimate and the tensor peak
    the high bound, except on GPUs released from `settings.tensor_by_default_from` on (Ampere and
    later), where frameworks use the tensor cores by default: tensor peak, FP32 as the low bound.
    """
    settings = settings or EstimateSettings()
    spec = {"source": chip.source_url, "extra": {"chip_id": chip.chip_id, "chip": chip.name}}
    if "peak_flops" in inputs:
        v = _from_input(inputs, "peak_flops")
        v.extra.update(spec["extra"], precision="as given in config")
        return v, None, None
    stated = precision.value if precision else None
    if chip.kind == "tpu":
        if chip.tensor_flops:
            return Value(chip.tensor_flops, "hardware table", source=chip.source_url,
                         note="TPU matrix units, bf16 peak", extra={**spec["extra"], "precision": "bf16"}), None, None
        return Value(chip.int8_ops, "hardware table", source=chip.source_url,
                     note="TPU v1 computes in int8: its int8 peak", extra={**spec["extra"], "precision": "int8"}), None, None
    if chip.kind == "npu" and chip.tensor_flops and stated != "fp32":
        # Trainium, Ascend, IPUs train on their matrix units in 16-bit formats (some publish no FP32 peak at all)
        return Value(chip.tensor_flops, "hardware table", source=chip.source_url,
                     note="matrix-unit FP16/BF16 peak (an accelerator built for 16-bit training)",
                     extra={**spec["extra"], "precision": "tensor"}), None, chip.fp32_flops
    if stated in ("fp16", "bf16", "mixed", "tensor"):
        if chip.tensor_flops:
            return Value(chip.tensor_flops, "hardware table", source=chip.source_url,
                         note=f"{stated} precision stated: tensor-core peak",
                         extra={**spec["extra"], "precision": "tensor"}), None, None
        if chip.fp16_flops:
            return Value(chip.fp16_flops, "hardware table", source=chip.source_url,
                         note=f"{stated} precision stated: FP16 peak (no tensor cores)",
                         extra={**spec["extra"], "precision": "fp16"}), None, None
    modern = chip.release_date is not None and chip.release_date >= dt.date.fromisoformat(settings.tensor_by_default_from)
    if stated is None and chip.tensor_flops and modern:
        return Value(chip.tensor_flops, "hardware table", source=chip.source_url,
                     note=(f"tensor-core peak (precision not stated; GPUs released from {settings.tensor_by_default_from} "
                           "on train on tensor cores by default: TF32 for FP32 matmuls, bf16/fp16 mixed precision); "
                           "FP32 peak taken as the lower bound"),
                     extra={**spec["extra"], "precision": "tensor"}), None, chip.fp32_flops
    note = "FP32 peak (precision not stated)" if stated is None else f"FP32 peak ({stated} stated)"
    value = Value(chip.fp32_flops, "hardware table", source=chip.source_url, note=note,
                  extra={**spec["extra"], "precision": "fp32"})
    high = chip.tensor_flops if (stated is None and chip.tensor_flops) else None
    if high:
        value.note += "; tensor-core peak taken as the upper bound"
    return value, high, None


def _devices(n: float, unit: str, chip: Chip, pods: TpuPods | None) -> tuple[float, float, float, str | None]:
    """A count in the paper's unit as (devices, low, high) in units of the chip's table row, and why
    the low and high differ (None when they do not)."""
    if unit == "tpu_cores":
        d = n / chip.cores_per_chip
        return d, d, d, None
    if unit == "other" and chip.kind == "tpu":
        pod = pods.get(chip) if pods else None
        device = pod.device_chips if pod else 1
        low = n / chip.cores_per_chip
        return n, low, n * device, (f"'TPUs' read as chips; as cores ({chip.cores_per_chip} per chip) for the low bound"
                                    + (f", as {device}-chip Cloud TPU devices for the high bound" if device > 1 else ""))
    if chip.dies_per_board > 1 and unit == "gpus":
        return n, n / chip.dies_per_board, n, f"a '{chip.family} GPU' read as a board (high) or one of its {chip.dies_per_board} dies (low)"
    return n, n, n, None


def _chip_seconds(ch: float, unit: str, chip: Chip) -> tuple[float, float, float, str | None]:
    """Device-seconds (in units of the chip's row) from a stated product of device-time, with bounds."""
    s = ch * SECONDS_PER_HOUR
    if "core" in unit and chip.kind == "tpu":
        d = s / chip.cores_per_chip
        return d, d, d, None
    if unit in ("tpu-hours", "accelerator-hours") and chip.kind == "tpu" and chip.cores_per_chip > 1:
        return s, s / chip.cores_per_chip, s, f"'{unit}' read as chip-hours; as core-hours for the low bound"
    if chip.dies_per_board > 1 and unit in ("gpu-hours", "accelerator-hours", ""):
        return s, s / chip.dies_per_board, s, f"'{chip.family}' hours read as board-hours (high) or die-hours (low)"
    return s, s, s, None


def _unit_peaks(chip: Chip, precision: Value | None, inputs: dict,
                settings: EstimateSettings) -> tuple[Value, float, float, float]:
    """The peak used and the low and high peaks for the bounds."""
    peak, peak_high, peak_low = choose_peak(chip, precision, inputs, settings)
    p = float(peak.value) if peak.value is not None else math.nan
    return peak, p, float(peak_high) if peak_high else p, float(peak_low) if peak_low else p


def gpu_time_estimate(
    facts: dict, inputs: dict, settings: EstimateSettings, table: HardwareTable, published: dt.date | None,
    typical: TypicalAccelerators | None = None, pods: TpuPods | None = None,
) -> dict[str, Any]:
    if typical is None or pods is None:
        _, default_typical, default_pods = default_tables()
        typical, pods = typical or default_typical, pods or default_pods
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
    ch_unit_input = _from_input(inputs, "chip_hours_unit")
    if chip_hours is not None and chip_hours.origin == "config" and ch_unit_input is not None:
        chip_hours.extra["unit"] = ch_unit_input.value
    from_steps = _from_fact(facts.get("time_from_steps"))
    utilization = _from_input(inputs, "utilization") or Value(
        settings.utilization, "policy", source="config estimate.utilization (OpenAI assumed 0.33)")
    multiplier = _from_input(inputs, "gpu_time_multiplier")
    precision = _pick(inputs, facts, "precision")

    out: dict[str, Any] = {"method": "gpu_time", "available": False, "inputs": {}}
    missing = []
    time_value = hours
    if chip_hours is None and hours is None and from_steps is not None:
        time_value = from_steps
        time_value.confidence = min(time_value.confidence, 0.6)
        time_value.note = (time_value.note or "") + " [duration derived from per-step/epoch time]"
    ch_unit = (chip_hours.extra.get("unit", "") if chip_hours is not None else "")

    # The chip: the one a device-time product names, else the stated model, else (only "GPUs"/"TPUs"
    # named, with a count and a time) the accelerator typical of the publication date.
    chip = None
    if chip_hours is not None and chip_hours.extra.get("chip_id"):
        try:
            chip = table.get(chip_hours.extra["chip_id"])
        except KeyError:
            chip = None
    chip = chip or _resolve_chip(chip_value, table, published)
    assumed = None
    kind = _generic_kind(chip_value, chips, chip_hours) if chip is None else None
    has_amount = chip_hours is not None or (chips is not None and time_value is not None)
    if chip is None and kind and has_amount and ch_unit not in CPU_TIME_UNITS:
        row = typical.for_date(kind, published)
        if row is None:
            missing.append(f"only generic {kind.upper()}s named and no publication date to assume one by")
        else:
            chip = table.get(row.chip_id)
            assumed = {"kind": kind, "chip_id": row.chip_id, "chip": chip.name, "period": row.period(),
                       "low_chip_id": row.low_chip_id, "high_chip_id": row.high_chip_id,
                       "low_chip": table.get(row.low_chip_id).name, "high_chip": table.get(row.high_chip_id).name,
                       "reason": row.reason, "source": row.source}
            out["inputs"]["assumed_chip"] = Value(
                chip.name, "assumed", confidence=ASSUMED_CONFIDENCE, source=row.source,
                note=f"assumed: the paper names only {kind.upper()}s; {chip.name} is typical of {row.period()} "
                     f"({row.reason}); bounds from {assumed['low_chip']} to {assumed['high_chip']}",
                extra={"chip_id": chip.chip_id}).as_dict()
            out["assumed_hardware"] = assumed
    if chip is None and not missing:
        if chip_value is None:
            missing.append("accelerator model not stated")
        elif chip_value.extra.get("generic"):
            missing.append(f"accelerator model {chip_value.value!r}: only generic accelerators named")
        else:
            missing.append(f"accelerator model {chip_value.value!r}: not in the hardware table")
    if chip_value is not None:
        if chip is not None and not assumed and chip.release_date:
            chip_value.extra["released"] = chip.release_date.isoformat()
        out["inputs"]["chip_model"] = chip_value.as_dict()

    # A pod or slice named with the chip ("TPU v3-512", "a TPU v3 Pod") gives the count when none is stated.
    if chips is None and chip_hours is None and chip is not None and chip.kind == "tpu" and chip_value is not None:
        written = " ".join(str(x) for x in (chip_value.extra.get("as_written"), chip_value.extra.get("match"),
                                            chip_value.value) if x)
        slice_ = pods.devices(chip, written)
        if slice_:
            chips = Value(slice_["value"], chip_value.origin if chip_value.origin == "config" else "derived",
                          confidence=min(chip_value.confidence, 0.6), page=chip_value.page,
                          sentence=chip_value.sentence, source=slice_["source"], note=slice_["why"],
                          low=slice_.get("low"), extra={"unit": slice_["unit"]})

    if chips is not None:
        out["inputs"]["chips"] = chips.as_dict()
    if chip_hours is None and chips is None:
        missing.append("number of accelerators not stated")
    unit = chips.extra.get("unit", "gpus") if chips is not None else None
    if chips is not None and chip_hours is None and unit in ("machines", "cpu_cores"):
        missing.append(f"accelerators counted as {unit}; devices per machine not stated")
    if chip_hours is not None and ch_unit in CPU_TIME_UNITS:
        missing.append(f"device time stated in {ch_unit}: CPU time is not converted (no CPU peaks in the hardware table)")

    peak = None
    if chip is not None:
        peak, p, p_hi, p_lo = _unit_peaks(chip, precision, inputs, settings)
        if peak.value is None:
            missing.append(f"no peak for {chip.name} at {peak.extra.get('precision')}")
        if assumed:
            peak.origin = "assumed"
            peak.note = f"assumed {chip.name}: " + (peak.note or "")
        out["inputs"]["peak_flops"] = peak.as_dict()

    seconds = seconds_low = seconds_high = None
    if chip_hours is None:
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
    notes = [f"utilization {sig(u_lo)}–{sig(u_hi)}"]

    # Device-seconds at the chip's peak: the capacity of the described hardware (before utilization).
    bound_chips = [chip]
    if assumed:
        bound_chips += [table.get(assumed["low_chip_id"]), table.get(assumed["high_chip_id"])]
    rates_low, rates_high = [], []
    if chip_hours is not None:
        ch = float(chip_hours.value)
        ch_low = float(chip_hours.low) if chip_hours.low is not None else ch
        ch_high = float(chip_hours.high) if chip_hours.high is not None else ch
        dev_s, _, _, _ = _chip_seconds(ch, ch_unit, chip)
        for c in bound_chips:
            _, pc, pc_hi, pc_lo = _unit_peaks(c, precision, inputs, settings)
            _, lo_s, _, why = _chip_seconds(ch_low, ch_unit, c)
            hi_s = _chip_seconds(ch_high, ch_unit, c)[2]
            rates_low.append(lo_s * pc_lo)
            rates_high.append(hi_s * pc_hi)
            if why and c is chip:
                notes.append(why)
        capacity = dev_s * p
        per = f" / {chip.cores_per_chip} cores per chip" if "core" in ch_unit and chip.kind == "tpu" else ""
        formula = f"{sig(ch)} {ch_unit or 'chip-hours'}{per} × {flops_rate(p)} × 3600 s/h × {sig(u)}"
        if ch_low != ch or ch_high != ch:
            notes.append(f"stated device-time range {sig(ch_low)}–{sig(ch_high)}")
    else:
        n = float(chips.value)
        devices, _, _, _ = _devices(n, unit, chip, pods)
        n_low = float(chips.low) if chips.low is not None else n
        for c in bound_chips:
            _, pc, pc_hi, pc_lo = _unit_peaks(c, precision, inputs, settings)
            _, d_lo, _, why = _devices(n_low, unit, c, pods)
            d_hi = _devices(n, unit, c, pods)[2]
            rates_low.append(d_lo * pc_lo * seconds_low)
            rates_high.append(d_hi * pc_hi * seconds_high)
            if why and c is chip:
                notes.append(why)
        capacity = devices * p * seconds
        unit_word = {"gpus": "GPUs", "tpu_chips": "TPU chips", "tpu_cores": "TPU chips", "other": "devices"}.get(unit, "devices")
        formula = (f"{sig(devices)} {unit_word} × {flops_rate(p)} × {sig(seconds / SECONDS_PER_HOUR)} h"
                   f" × 3600 s/h × {sig(u)}")
        if chips.low is not None and chips.low != n:
            notes.append(f"device count from {sig(n_low)}")
        if time_value.low is not None and time_value.high is not None and time_value.low != time_value.high:
            notes.append(f"stated duration range {sig(time_value.low)}–{sig(time_value.high)} h")
    flop = capacity * u * mult
    low, high = min(rates_low) * u_lo * mult, max(rates_high) * u_hi * mult
    if mult != 1.0:
        formula += f" × {sig(mult)}"
    formula += f" = {sig(flop)} FLOP"
    if assumed:
        formula = f"[assumed {chip.name}] " + formula
        notes.append(f"accelerator assumed: {assumed['low_chip']} (low) to {assumed['high_chip']} (high)")
    if p_hi != p and not assumed:
        notes.append(f"precision not stated: tensor-core peak {flops_rate(p_hi)} as high")
    if p_lo != p and not assumed:
        notes.append(f"precision not stated: FP32 peak {flops_rate(p_lo)} as low")
    confidences = [v.confidence for v in (chips, chip_value, time_value if chip_hours is None else None, chip_hours)
                   if v is not None]
    confidence = min(confidences) if confidences else 0.5
    if assumed:
        confidence = min(confidence, ASSUMED_CONFIDENCE)
    out.update(
        available=True,
        confidence_score=round(confidence, 3),
        flop=flop,
        low_flop=min(low, flop),
        high_flop=max(high, flop),
        pfs_days=pfs_days(flop),
        capacity_flop=capacity,
        # the hardware's capacity at its slowest and fastest plausible reading (for the implied-utilization check)
        capacity_low_flop=min(min(rates_low), capacity),
        capacity_high_flop=max(max(rates_high), capacity),
        formula=formula,
        confidence=_grade(confidence),
        bounds_from=notes,
    )
    return out


# ---------------------------------------------------------------------------------------------
# Method 1: counting operations


def _per_token(v: Value | None) -> bool:
    """A FLOP-per-forward figure stated per token ("per token", "/token")."""
    if v is None:
        return False
    if str(v.extra.get("per", "")).lower().startswith("token"):
        return True
    text = " ".join(str(v.extra.get(k, "")) for k in ("as_written", "match"))
    return bool(re.search(r"(?:per|/)\s*(?:token|word)\b", text, re.I))


def _tokens_from_steps(facts: dict) -> Value | None:
    """Training tokens = steps x batch (in tokens), or steps x batch (in sequences) x sequence length."""
    steps, batch, seq = (_from_fact(facts.get(k)) for k in ("steps", "batch_size", "sequence_length"))
    if steps is None or batch is None:
        return None
    b_unit = str(batch.extra.get("unit") or "").lower()
    if b_unit == "tokens":
        n, how, used = float(steps.value) * float(batch.value), f"{sig(float(steps.value))} steps × {sig(float(batch.value))} tokens per batch", (steps, batch)
    elif seq is not None and b_unit in ("", "sequences", "examples", "samples"):
        n = float(steps.value) * float(batch.value) * float(seq.value)
        how = (f"{sig(float(steps.value))} steps × {sig(float(batch.value))} sequences per batch"
               f" × {sig(float(seq.value))} tokens per sequence")
        used = (steps, batch, seq)
    else:
        return None
    return Value(n, "derived", confidence=min(min(v.confidence for v in used), 0.45), page=batch.page,
                 sentence=batch.sentence, note=f"tokens processed = {how}",
                 extra={"unit": "tokens", "from": {k: v.as_dict() for k, v in zip(("steps", "batch_size", "sequence_length"), used)}})


def _examples_from_steps(facts: dict) -> Value | None:
    """Examples processed = steps x batch (a batch of examples, not of tokens): "600k iterations with
    a mini-batch of 256"."""
    steps, batch = _from_fact(facts.get("steps")), _from_fact(facts.get("batch_size"))
    if steps is None or batch is None or str(batch.extra.get("unit") or "").lower() == "tokens":
        return None
    n = float(steps.value) * float(batch.value)
    how = f"{sig(float(steps.value))} steps × {sig(float(batch.value))} examples per batch"
    return Value(n, "derived", confidence=min(steps.confidence, batch.confidence, 0.45), page=steps.page,
                 sentence=steps.sentence, note=f"examples processed = {how}",
                 extra={"unit": "examples", "how": how,
                        "from": {"steps": steps.as_dict(), "batch_size": batch.as_dict()}})


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
    per_forward = fwd_flop or fwd_madd
    examples = _from_input(inputs, "examples")
    data_fact = _from_fact(facts.get("tokens_or_examples"))
    data_in_tokens = data_fact is not None and data_fact.extra.get("unit") == "tokens"
    if examples is None and data_fact is not None and (not data_in_tokens or _per_token(per_forward)):
        examples = data_fact  # per-example FLOP needs a count of examples; per-token FLOP, of tokens
    epochs = _pick(inputs, facts, "epochs")
    if epochs is None and (examples is None or examples.origin != "config") and not _per_token(per_forward):
        # No epoch count: steps x batch counts the examples processed (all passes), where stated.
        examples = _examples_from_steps(facts) or examples
    params = _from_input(inputs, "parameters")
    moe = None
    if params is None:
        active, total_params = _from_fact(facts.get("active_parameters")), _from_fact(facts.get("parameters"))
        params = active or total_params
        if active is not None:
            moe = total_params
            params.note = ((params.note or "") + " [mixture-of-experts: the parameters active per token"
                           + (f" of {sig(float(total_params.value))} in all" if total_params else "") + "]").strip()
    tokens = _from_input(inputs, "tokens")
    from_steps = _tokens_from_steps(facts) if tokens is None else None
    if tokens is None and data_in_tokens:
        tokens = data_fact

    def done(flop, formula, used, confidence, basis, lower_bound=False):
        out.update(available=True, flop=flop, low_flop=flop, high_flop=flop, pfs_days=pfs_days(flop),
                   formula=f"{formula} = {sig(flop)} FLOP", basis=basis, confidence=_grade(confidence),
                   confidence_score=round(confidence, 3))
        if lower_bound:
            out["lower_bound"] = True
        out["inputs"].update({k: v.as_dict() for k, v in used.items() if v is not None})
        return out

    def stated_total():
        madd = total.extra.get("unit") == "multiply-add"
        value = float(total.value) * (2 if madd else 1)
        text = (f"{sig(float(total.value))} multiply-adds × 2 FLOP (stated total)" if madd
                else f"{sig(value)} FLOP (stated total)")
        return done(value, text, {"total_training_flop": total}, total.confidence,
                    "stated total" if total.origin == "extracted" else "total given in config")

    # A config total is a human's decision; a stated total is the paper's own figure.
    if total is not None and (total.origin == "config" or per_forward is None):
        return stated_total()
    if per_forward is not None and examples is not None:
        madd = fwd_flop is None
        f = float(per_forward.value) * (2 if madd else 1)
        n, e, k = float(examples.value), float(epochs.value) if epochs else 1.0, float(passes.value)
        flop = f * n * e * k
        what = "tokens" if examples.extra.get("unit") == "tokens" else "examples"
        per_fwd = f"{sig(float(per_forward.value))} {'multiply-adds × 2 FLOP' if madd else 'FLOP'} per forward"
        formula = f"{per_fwd} × {sig(n)} {what} × {sig(e)} epochs × {sig(k)} (forward + backward)"
        conf = min(v.confidence for v in (per_forward, examples, epochs) if v is not None)
        if examples.origin == "derived":  # steps x batch: every pass counted, no epoch factor
            formula = f"{per_fwd} × {sig(n)} examples ({examples.extra['how']}) × {sig(k)} (forward + backward)"
            return done(flop, formula, {"flops_per_forward" if not madd else "multiply_adds_per_forward": per_forward,
                                        "examples": examples, "passes": passes}, conf,
                        "FLOP per forward pass × examples processed (steps × batch) × passes")
        if epochs is None:
            conf = min(conf, 0.4)
            formula = formula.replace(" epochs", " epoch (epochs not stated)")
        return done(flop, formula, {"flops_per_forward" if not madd else "multiply_adds_per_forward": per_forward,
                                    "examples": examples, "epochs": epochs, "passes": passes}, conf,
                    f"FLOP per forward pass × {what} × epochs × passes", lower_bound=epochs is None)
    if params is not None and (tokens is not None or from_steps is not None):
        n = float(params.value)
        # An epoch count read automatically is often the fine-tuning one: use it only when it is
        # confident or a person gave it; otherwise count one pass over the data, and say so.
        use_epochs = tokens is not None and epochs is not None and (epochs.origin == "config" or epochs.confidence >= 0.6)
        if tokens is not None and (use_epochs or tokens.origin == "config" or from_steps is None):
            d, e, used_tokens = float(tokens.value), float(epochs.value) if use_epochs else 1.0, tokens
            lower = not use_epochs and tokens.origin != "config"
            tail = f" × {sig(e)} epochs" if use_epochs else (" (one pass over the data assumed)" if lower else "")
        else:  # tokens processed, counted from steps and batch: passes over the data are included
            d, e, used_tokens, lower, tail = float(from_steps.value), 1.0, from_steps, False, f" ({from_steps.note})"
        flop = 6 * n * d * e
        word = "active parameters" if moe is not None else "parameters"
        formula = f"6 × {sig(n)} {word} × {sig(d)} tokens" + tail
        conf = min(v.confidence for v in (params, used_tokens))
        if params.from_pdf or used_tokens.from_pdf:
            conf = min(conf, 0.45)  # an automatic reading of two numbers, each often from a table: low
        basis = "6 × parameters × tokens (dense transformer approximation)"
        if moe is not None:
            basis = "6 × active parameters × tokens (mixture-of-experts: parameters active per token)"
        used = {"parameters": params, "tokens": used_tokens, "epochs": epochs if use_epochs else None}
        if moe is not None:
            used["total_parameters"] = moe
        return done(flop, formula, used, conf, basis, lower_bound=lower)
    if total is not None:
        return stated_total()
    missing = []
    if per_forward is None:
        missing.append("FLOP per forward pass not stated")
    elif examples is None:
        missing.append("number of training examples not stated" if not data_in_tokens else
                       "FLOP per forward pass is per example but the data is counted in tokens")
    if params is None or (tokens is None and from_steps is None):
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
        # Implied utilization = ops / (chips x peak x seconds): what the described hardware must have
        # sustained to do the counted operations (a GPU-time multiplier scales the estimate, not the hardware).
        capacity = gpu.get("capacity_flop") or gpu["flop"] / float(gpu["inputs"]["utilization"]["value"])
        implied = ops["flop"] / capacity
        ok = 1 / factor <= ratio <= factor
        return {
            "ratio": ratio,
            "implied_utilization": implied,
            # over the hardware's plausible readings (bounds of count, duration, peak)
            "implied_utilization_low": ops["flop"] / (gpu.get("capacity_high_flop") or capacity),
            "implied_utilization_high": ops["flop"] / (gpu.get("capacity_low_flop") or capacity),
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


# When both methods give a figure and disagree, a method wins on confidence only by a clear margin of
# its weakest input's confidence: the grades' boundaries (0.5, 0.8) split near-equal confidences, and a
# refit that moves a confidence by a few hundredths must not flip the figure users read (0.5 vs 0.64
# once flipped a paper from counting operations, within 3x of its labels, to GPU time, 5.7x off).
CHOICE_MARGIN = 0.25


def choose(ops: dict, gpu: dict, check: dict, flagged: set[str] | frozenset = frozenset(),
           corroborated: dict[str, str] | None = None, impossible: bool = False) -> dict[str, Any]:
    """OpenAI preferred counting operations when it could; GPU time otherwise.

    When both methods give a figure: counting operations that assumed one pass over the data is a
    lower bound, so a GPU time above it wins; a method whose own inputs failed a plausibility gate
    (`flagged`) gives way to one whose inputs passed. Two methods that agree (within the consistency
    factor) give counting operations, graded by the stronger of the two (two independent readings
    agree). Two that disagree: the method that another reading of the other method's inputs
    reproduces (`corroborated`: method -> how) wins; else the one whose weakest input is clearly
    more confident (by CHOICE_MARGIN); else counting operations, as OpenAI. The disagreement is
    reported in `disagreement`.
    """
    corroborated = corroborated or {}
    disagreement = None
    both = ops.get("available") and gpu.get("available")
    confidence = None
    if both:
        s_ops, s_gpu = _score(ops), _score(gpu)
        if ops.get("lower_bound") and gpu["flop"] >= ops["flop"]:
            pick, why = gpu, (f"GPU time: counting operations assumed one pass over the data (a lower bound), "
                              f"and GPU time is {sig(gpu['flop'] / ops['flop'])}x above it")
        elif ("ops" in flagged) != ("gpu_time" in flagged):
            pick = gpu if "ops" in flagged else ops
            why = f"{'GPU time' if pick is gpu else 'counting operations'}: the other method's inputs failed a plausibility check"
        elif check.get("verdict") == "consistent":
            pick = ops
            why = (f"counting operations, preferred as in OpenAI's analysis; GPU time agrees "
                   f"(ratio {sig(check['ratio'])})")
            confidence = max((ops["confidence"], gpu["confidence"]), key=GRADE_RANK.get)
        elif len(corroborated) == 1:
            method, how = next(iter(corroborated.items()))
            pick = ops if method == "ops" else gpu
            why = (f"{'counting operations' if pick is ops else 'GPU time'}: the two methods disagree, and {how}")
        elif impossible:
            pick = ops if ops["flop"] >= gpu["flop"] else gpu
            why = (f"{'counting operations' if pick is ops else 'GPU time'}, the larger figure: the two disagree beyond "
                   f"any utilization (one belongs to another run, and a paper's other runs are mostly smaller)")
        elif s_gpu - s_ops >= CHOICE_MARGIN:
            pick, why = gpu, (f"GPU time: counting operations rests on clearly weaker inputs here "
                              f"(weakest input {sig(s_ops)} against {sig(s_gpu)})")
        elif s_ops - s_gpu >= CHOICE_MARGIN:
            pick, why = ops, (f"counting operations: GPU time rests on clearly weaker inputs here "
                              f"(weakest input {sig(s_gpu)} against {sig(s_ops)})")
        else:
            pick, why = ops, "counting operations, preferred as in OpenAI's analysis"
        if check.get("verdict") == "inconsistent":
            other = gpu if pick is ops else ops
            disagreement = {"ratio": check["ratio"], "other_method": other["method"], "other_flop": other["flop"],
                            "factor": check.get("factor")}
            why += (f" (the methods disagree: counting operations / GPU time = {sig(check['ratio'])}; "
                    f"{'GPU time' if other is gpu else 'counting operations'} gives {sig(other['flop'])} FLOP)")
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
    result = {"method": pick["method"], "flop": pick["flop"], "low_flop": low, "high_flop": high,
              "pfs_days": pfs_days(pick["flop"]), "confidence": confidence or pick["confidence"], "why": why}
    if disagreement:
        result["disagreement"] = disagreement
    if pick.get("assumed_hardware"):
        result["assumed"] = True
    return result


def _score(block: dict) -> float:
    """A method's weakest input's confidence (its grade's lower edge when only the grade is known)."""
    if block.get("confidence_score") is not None:
        return float(block["confidence_score"])
    return {"high": 0.8, "medium": 0.5, "low": 0.0}.get(block.get("confidence"), 0.0)


# Fields whose other readings (the extraction's runner-up candidates) may corroborate the other method.
OPS_FIELDS = ("total_training_flop", "flops_per_forward", "tokens_or_examples", "parameters", "epochs")
GPU_FIELDS = ("chips", "training_hours", "chip_hours")
ALTERNATIVES_PER_FIELD = 3


def _alternatives(chosen: dict, candidates: list[dict], fields: tuple[str, ...], inputs: dict):
    """`chosen` with one field replaced by one of its next-best candidates (a config value is never replaced)."""
    for name in fields:
        if name in inputs:
            continue
        current = (chosen.get(name) or {}).get("value")
        seen, alts = {current}, []
        for c in sorted((c for c in candidates if c.get("field") == name and c.get("value") is not None),
                        key=lambda c: -float(c.get("confidence") or 0)):
            if c["value"] in seen:
                continue
            seen.add(c["value"])
            alts.append(c)
            if len(alts) == ALTERNATIVES_PER_FIELD:
                break
        for c in alts:
            yield name, c, {**chosen, name: c}


def corroboration(ops: dict, gpu: dict, chosen: dict, candidates: list[dict], inputs: dict,
                  settings: EstimateSettings, table: HardwareTable, published: dt.date | None, gates: Gates,
                  typical: TypicalAccelerators, pods: TpuPods) -> dict[str, str]:
    """Which method's figure another reading of the OTHER method's inputs reproduces (within the
    consistency factor), and how: 'prefer agreement' when the two methods disagree. One other reading
    at a time, of the extraction's next-best candidates; a reading that fails a plausibility gate does
    not count. Method name -> a sentence saying which reading agrees."""
    out: dict[str, str] = {}
    if not (ops.get("available") and gpu.get("available") and candidates):
        return out
    factor = settings.consistency_factor

    def agrees(a: float, b: float) -> bool:
        return 1 / factor <= a / b <= factor

    for name, c, alt in _alternatives(chosen, candidates, OPS_FIELDS, inputs):
        o = ops_estimate(alt, inputs, settings)
        if o.get("available") and agrees(o["flop"], gpu["flop"]) and not input_review(o, gates, published):
            out["gpu_time"] = (f"counting operations with another reading of its {name} ({sig(float(c['value']))}, "
                               f"p. {c.get('page')}) gives {sig(o['flop'])} FLOP, within {sig(factor)}x of GPU time")
            break
    for name, c, alt in _alternatives(chosen, candidates, GPU_FIELDS, inputs):
        g = gpu_time_estimate(alt, inputs, settings, table, published, typical, pods)
        if g.get("available") and agrees(g["flop"], ops["flop"]) and not input_review(g, gates, published):
            out["ops"] = (f"GPU time with another reading of its {name} ({sig(float(c['value']))}, "
                          f"p. {c.get('page')}) gives {sig(g['flop'])} FLOP, within {sig(factor)}x of counting operations")
            break
    return out


# ---------------------------------------------------------------------------------------------
# Plausibility gates


# estimate input name -> (gate check, how to turn the input into the gated quantity)
_INPUT_GATES = {
    "chips": "chips", "training_hours": "training_hours", "time_from_steps": "training_hours",
    "chip_hours": "chip_hours", "flops_per_forward": "flops_per_forward", "multiply_adds_per_forward": "flops_per_forward",
    "epochs": "epochs", "parameters": "parameters", "total_parameters": "parameters", "tokens": "tokens",
    "total_training_flop": "compute_flop",
}


def _where(name: str, item: dict, method: str) -> dict[str, Any]:
    return {"input": name, "method": method, "origin": item.get("origin"), "page": item.get("page"),
            "sentence": item.get("sentence")}


def _count_is_model_number(chips: dict, chip_model: dict | None) -> bool:
    """'RTX 2080' read as 2,080 GPUs: the count appears in the sentence only glued to a model name."""
    try:
        n = float(chips.get("value"))
    except (TypeError, ValueError):
        return False
    if n < 10 or n != int(n) or not chips.get("sentence"):
        return False
    digits = str(int(n))
    sentence = chips["sentence"]
    spots = [m.start() for m in re.finditer(rf"(?<![\d.,]){digits}(?!\d)(?![.,]\d)", sentence)]
    if not spots:
        return False
    glued = re.compile(r"(?:[A-Za-z]-?|(?:RTX|GTX|GT|Titan|Quadro|Tesla|Radeon|MI|TPU\s?v?)\s)$", re.I)
    return all(glued.search(sentence[max(0, i - 8):i]) for i in spots)


# The extraction's structured provenance: a fact's "cues" (extraction.core and sizes.core CUE_*, spelled
# here so that the estimate imports no extraction code; tests/test_estimate_cues.py checks they agree).
CUE_TRAINING_STATEMENT, CUE_TRAINING_WORD = "training statement", "training word"
CUE_OTHER_COUNT = "another device count in its sentence"
CUE_COUNT_APART, CUE_COUNT_OTHER_PAGE = "count stated apart", "count on another page"
# a size the sizes rules mark as another's: stated for / beside another model, a cited model's own training,
# a capability or bound, other work's run, or any distractor cue ("flagged": eligible only when nothing else is)
ANOTHERS_CUES = {"another model's size": "stated for another model than the one chosen",
                 "cited model's own training": "a cited model's own training",
                 "capability statement": "a capability or a bound, not a run",
                 "other work's run": "said of other work's run",
                 "flagged": "a distractor (said of others, hypothetical, related work or a baseline)"}
# method-1 inputs read from the sizes facts (a derived input carries its factors under "from")
_SIZE_INPUTS = ("parameters", "total_parameters", "tokens", "examples", "epochs", "flops_per_forward",
                "multiply_adds_per_forward", "total_training_flop")

# Facts written before cues existed: the extraction's reasons for a duration say "training statement" /
# "training word" when its sentence (or table row) is about training ("no training word" is one of those
# reasons, not a training word).
_TRAINING_WORD = re.compile(r"(?<!\bno )\b(?:pre-?)?train", re.I)


def _cues(item: dict) -> set[str] | None:
    """A fact's structured cues, or None for one written before the extraction gave cues."""
    cues = item.get("cues")
    return set(cues) if isinstance(cues, (list, tuple, set)) else None


def _without_training_words(item: dict) -> bool:
    """A duration whose sentence (or table row) the extraction found no training words in."""
    cues = _cues(item)
    if cues is not None:
        return not cues & {CUE_TRAINING_STATEMENT, CUE_TRAINING_WORD}
    return bool(item.get("note")) and not _TRAINING_WORD.search(str(item["note"]))


def _stated_apart(name: str, item: dict) -> str | None:
    """A derived input whose factors were read from different places, or None: a duration counted as a
    per-step/epoch time x a number of steps/epochs stated on another page than the time (one model's
    epoch time with another run's epoch count). (Data counted as steps x batch from different pages was
    tried too: it flagged right figures as often as wrong ones. A count in another sentence of the same
    page, "One epoch took 7h ... It took 10 to 15 epochs to converge.", is the same setup's: gating it
    fired on 1 right figure and no wrong one of 261 papers.)"""
    if name != "time_from_steps":
        return None
    cues = _cues(item)
    rate, _, count = str(item.get("as_written") or "").partition(" x ")
    rate, count = item.get("rate") or rate, item.get("count") or count
    if cues is not None:
        apart = CUE_COUNT_OTHER_PAGE in cues
    else:
        apart = bool(count) and bool(item.get("sentence")) and count not in item["sentence"]
    if apart:
        return (f"the duration multiplies a per-step/epoch time ({rate}, p. {item.get('page')}) by a count "
                f"stated elsewhere ({count}{'' if cues is None else ', on another page'})")
    return None


def _anothers(item: dict) -> list[tuple[str, dict]]:
    """(cue, the fact carrying it) for an input, or for a derived input's factors, that the sizes rules
    mark as another model's or another work's value."""
    out = []
    for fact in [item] + [f for f in (item.get("from") or {}).values() if isinstance(f, dict)]:
        cues = _cues(fact) or set()
        if fact.get("distractor"):
            cues.add("flagged")
        out += [(c, fact) for c in ANOTHERS_CUES if c in cues]
    return out


def _quote(sentence: Any, n: int = 160) -> str:
    text = " ".join(str(sentence or "").split())
    return f"\"{text[:n]}{'...' if len(text) > n else ''}\""


def input_review(block: dict, gates: Gates, published: dt.date | None) -> list[dict[str, Any]]:
    """Failed gates on one method's inputs read from the PDF (config values are trusted)."""
    method = block.get("method", "?")
    out = []
    for name, item in (block.get("inputs") or {}).items():
        if item.get("origin") not in ("extracted", "derived") or name not in _INPUT_GATES and name not in ("examples", "chip_model"):
            continue
        check = _INPUT_GATES.get(name)
        value = item.get("value") if name != "chip_model" else None
        if name == "examples":
            check = "tokens" if item.get("unit") == "tokens" else "examples"
        if name in ("multiply_adds_per_forward",) or (name == "total_training_flop" and item.get("unit") == "multiply-add"):
            value = float(value) * 2
        if name == "flops_per_forward" and item.get("unit") == "multiply-add":
            value = float(value) * 2
        hit = gates.check(check, value, published if check == "compute_flop" else None, **_where(name, item, method))
        if hit:
            out.append(hit)
        if name == "chip_model" and item.get("released") and published is not None:
            late = (dt.date.fromisoformat(item["released"]) - published).days
            hit = gates.check("chip_released_after_paper", late, **_where(name, item, method))
            if hit:
                hit["reason"] = (f"{item.get('value')} was released on {item['released']}, {late} days after the paper "
                                 f"({published.isoformat()}): {hit.get('gate_reason')}")
                out.append(hit)
        if method == "ops" and name in _SIZE_INPUTS:
            whose = _anothers(item)
            if name == "tokens" and item.get("other_model_size"):  # (tokens_of_another_model below says it)
                whose = [(c, f) for c, f in whose if c != "another model's size"]
            if whose:
                cue, src = whose[0]
                out.append(gates.flag("size_of_another_model",
                                      f"the {name.replace('_', ' ')} {sig(float(src.get('value') or item['value']))} "
                                      f"(p. {src.get('page')}) is {ANOTHERS_CUES[cue]}: {_quote(src.get('sentence'))}",
                                      "another run than the one estimated", value=item.get("value"),
                                      **_where(name, item, method)))
        if name == "training_hours" and CUE_OTHER_COUNT in (_cues(item) or ()):
            chips = (block.get("inputs") or {}).get("chips") or {}
            out.append(gates.flag("count_and_duration_of_different_runs",
                                  f"the duration {item.get('as_written') or sig(float(item['value']))} (p. {item.get('page')}) "
                                  f"is stated with another device count than the {sig(float(chips.get('value') or 0))} used: "
                                  f"{_quote(item.get('sentence'))}", "two runs multiplied", value=item.get("value"),
                                  **_where(name, item, method)))
        params = (block.get("inputs") or {}).get("parameters") or {}
        if name == "tokens" and item.get("other_model_size") and params.get("origin") != "config":
            # "the 1.3B ablation models are trained for 250B tokens" beside a 52B model: 6 x N x D of two runs
            out.append(failure("tokens_of_another_model",
                               f"the {sig(float(item['value']))} tokens were stated beside another model size than the "
                               f"{sig(float(params.get('value') or 0))} parameters used (p. {params.get('page')}): "
                               f"6 × parameters × tokens would mix two runs", None, value=item["value"],
                               **_where(name, item, method)))
        if name == "chips" and _count_is_model_number(item, (block.get("inputs") or {}).get("chip_model")):
            out.append(gates.flag("count_is_model_number",
                                  f"device count {sig(float(item['value']))} appears in the sentence only as part of an "
                                  f"accelerator's name", "a model number read as a count", value=item["value"],
                                  **_where(name, item, method)))
    return out


def provenance_review(block: dict | None, gates: Gates) -> list[dict[str, Any]]:
    """Estimate-level gates on where the chosen method's inputs were read: a duration with no training
    words, a product of numbers stated apart. They mark the estimate for review but, unlike a failed
    input range, do not make the choice give way to the other method (the reading may be right)."""
    out = []
    if not block:
        return out
    method = block.get("method", "?")
    for name, item in (block.get("inputs") or {}).items():
        # (a device-time product, "2.5k TPUv3-core-days", names accelerator time in its unit: papers state it
        # for the compute they trained with, in a table row as often as in a sentence; it is not gated here)
        if name in ("training_hours", "time_from_steps") and item.get("origin") == "extracted" \
                and _without_training_words(item):
            out.append(gates.flag("duration_without_training_words",
                                  f"the duration {item.get('as_written') or sig(float(item['value']))} (p. {item.get('page')}) "
                                  f"is stated with no training words", "maybe not a training run", value=item["value"],
                                  **_where(name, item, method)))
        apart = _stated_apart(name, item)
        if apart:
            out.append(gates.flag("product_of_numbers_stated_apart", apart, "the numbers may belong to different runs",
                                  value=item.get("value"), **_where(name, item, method)))
    return out


def _uses_pdf(block: dict) -> bool:
    return any(v.get("origin") in ("extracted", "derived", "assumed") for v in (block.get("inputs") or {}).values())


def cross_review(ops: dict, gpu: dict, check: dict, facts: dict, inputs: dict, gates: Gates) -> list[dict[str, Any]]:
    """Checks between inputs that catch a class of misreading."""
    out = []
    oin = ops.get("inputs") or {}
    if ops.get("available") and gpu.get("available") and (_uses_pdf(ops) or _uses_pdf(gpu)):
        gate = gates.find("implied_utilization")
        lo, hi = check.get("implied_utilization_low"), check.get("implied_utilization_high")
        # Impossible even at the fastest reading of the hardware, or idle even at the slowest; a one-pass
        # lower bound far below the hardware's capacity is explained by the passes, not an error.
        if gate is not None and lo is not None and hi is not None:
            if gate.high is not None and lo > gate.high:
                out.append(failure("implied_utilization", f"implied utilization {sig(lo)} is above {sig(gate.high)} "
                                   f"even at the hardware's fastest reading: {gate.reason}", gate, value=lo, method="both"))
            elif gate.low is not None and hi < gate.low and not ops.get("lower_bound"):
                out.append(failure("implied_utilization", f"implied utilization {sig(hi)} is below {sig(gate.low)} "
                                   f"even at the hardware's slowest reading: {gate.reason}", gate, value=hi, method="both"))
    fwd = oin.get("flops_per_forward") or oin.get("multiply_adds_per_forward")
    params = _pick(inputs, facts, "parameters")
    if ops.get("available") and fwd is not None and params is not None and (fwd.get("origin") != "config" or params.from_pdf):
        f = float(fwd["value"]) * (2 if "multiply_adds_per_forward" in oin or fwd.get("unit") == "multiply-add" else 1)
        hit = gates.check("forward_over_parameters", f / (2 * float(params.value)), method="ops",
                          input="flops_per_forward", page=fwd.get("page"), sentence=fwd.get("sentence"))
        if hit:
            hit["reason"] += f" (FLOP per forward {sig(f)}, parameters {sig(float(params.value))}" + (
                f", p. {params.page}" if params.page else "") + ")"
            out.append(hit)
    tok, par = oin.get("tokens"), oin.get("parameters")
    if ops.get("available") and tok and par and "tokens" in (ops.get("formula") or "") and (
            tok.get("origin") != "config" or par.get("origin") != "config"):
        hit = gates.check("tokens_over_parameters", float(tok["value"]) / float(par["value"]), method="ops",
                          input="tokens", page=tok.get("page"), sentence=tok.get("sentence"))
        if hit:
            out.append(hit)
    return out


def result_review(compute: dict, chosen: dict | None, reference: dict | None, gates: Gates,
                  published: dt.date | None) -> list[dict[str, Any]]:
    """The result against the envelope of its year and against the project's reference figure."""
    out = []
    flop = compute.get("flop")
    if not flop or chosen is None or not _uses_pdf(chosen):
        return out
    hit = gates.check("compute_flop", flop, published, method=compute.get("method"))
    if hit:
        out.append(hit)
    if reference and reference.get("flop"):
        ratio = flop / float(reference["flop"])
        upper = str(reference.get("kind", "")).startswith("upper")
        gate = gates.find("ours_over_reference")
        if gate is not None and ((not upper and gate.low is not None and ratio < gate.low)
                                 or (gate.high is not None and ratio > gate.high)):
            who = reference.get("system") or "the reference"
            out.append(failure("ours_over_reference",
                               f"{sig(ratio)}x {'the upper bound' if upper else 'the figure'} OpenAI published for "
                               f"{who} ({sig(float(reference['flop']))} FLOP): differs by more than "
                               f"{sig(gate.high)}x", gate, value=ratio, method=compute.get("method")))
    return out


# ---------------------------------------------------------------------------------------------
# One paper


def _iso_date(value: Any) -> str | None:
    """YYYY-MM-DD or None: an empty or unreadable date is an unknown date, never a crash."""
    try:
        return dt.date.fromisoformat(str(value)[:10]).isoformat() if value else None
    except ValueError:
        return None


def _unread(meta: dict, facts: dict | None) -> str | None:
    """Why the paper itself could not be read (fetch or extraction failure), or None."""
    if meta.get("status") == "failed":
        return f"fetch failed: {meta.get('error')}"
    if facts and facts.get("status") == "failed":
        error = str(facts.get("error") or "")
        if error.startswith("not fetched"):  # the extraction only relays the fetch's failure
            return f"fetch failed: {error.removeprefix('not fetched:').strip()}"
        return f"extraction failed: {error}"
    return None


def _status(unread: str | None, compute: dict, check: dict, review: list[dict]) -> str:
    """`ok` or the one reason that matters most (a failed fetch explains everything after it)."""
    if unread:
        return unread + ("; estimate from config inputs only" if compute["flop"] is not None else "")
    if compute["flop"] is None:
        return "no estimate: " + check["reason"]
    if review:
        return "needs review: " + "; ".join(dict.fromkeys(r["reason"] for r in review))
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


def _run(chosen: dict, inputs: dict, settings: EstimateSettings, table: HardwareTable, published: dt.date | None,
         reference: dict | None, gates: Gates, typical: TypicalAccelerators, pods: TpuPods,
         candidates: list[dict] | None = None) -> dict[str, Any]:
    """Both methods, the check, the gates and the chosen figure from one set of inputs."""
    gpu = gpu_time_estimate(chosen, inputs, settings, table, published, typical, pods)
    ops = ops_estimate(chosen, inputs, settings)
    check = consistency(ops, gpu, settings)
    own = {m["method"]: input_review(m, gates, published) for m in (gpu, ops) if m.get("available")}
    agree = {}
    if check["verdict"] == "inconsistent":
        agree = corroboration(ops, gpu, chosen, candidates or [], inputs, settings, table, published, gates,
                              typical, pods)
    cross = cross_review(ops, gpu, check, chosen, inputs, gates)
    impossible = any(r.get("check") == "implied_utilization" for r in cross)
    compute = choose(ops, gpu, check, frozenset(k for k, v in own.items() if v), agree, impossible)
    picked = {"ops": ops, "gpu_time": gpu}.get(compute["method"])
    review = [r for v in own.values() for r in v]
    review += provenance_review(picked, gates)
    review += cross
    review += result_review(compute, picked, reference, gates, published)
    if compute["flop"] is not None and published is None:
        review.append(failure("published", "publication date unknown (the estimate cannot be placed on the trend)", None))
    assumed = []
    if gpu.get("assumed_hardware"):
        a = gpu["assumed_hardware"]
        assumed.append(f"accelerator assumed: {a['chip']} (typical of {a['period']}; "
                       f"bounds {a['low_chip']} to {a['high_chip']})")
    return {"gpu_time": gpu, "ops": ops, "consistency": check, "compute": compute, "review": review, "assumed": assumed}


def estimate_paper(
    paper: dict,
    meta: dict | None,
    facts: dict,
    settings: EstimateSettings,
    table: HardwareTable,
    reference: dict | None = None,
    gates: Gates | None = None,
    typical: TypicalAccelerators | None = None,
    pods: TpuPods | None = None,
) -> dict[str, Any]:
    """Both methods, the check, the review gates and the chosen figure for one paper (estimate.json).

    For an entry with config `inputs`, `paper_main_run` also gives what the paper's own main run
    yields from extraction alone (e.g. Xception: OpenAI counted the JFT run, the paper's main run is
    the ImageNet one), so the report can show both.
    """
    if gates is None or typical is None or pods is None:
        g, t, p = default_tables()
        gates, typical, pods = gates or g, typical or t, pods or p
    meta = meta or {}
    result = document_header(paper, meta)
    published = result["published"]
    published_date = dt.date.fromisoformat(published) if published else None
    inputs = paper.get("inputs") or {}
    unread = _unread(meta, facts)
    chosen = {} if unread else ((facts or {}).get("chosen") or {})
    candidates = [] if unread else ((facts or {}).get("candidates") or [])
    run = _run(chosen, inputs, settings, table, published_date, reference, gates, typical, pods, candidates)
    if unread:  # nothing was read: say so instead of listing every fact as "not stated"
        for block in (run["gpu_time"], run["ops"]):
            if not block.get("available"):
                block["missing"] = [f"the paper was not read ({unread})"]
        if run["compute"]["flop"] is None:
            run["consistency"]["reason"] = f"the paper was not read ({unread})"
    result.update(gpu_time=run["gpu_time"], ops=run["ops"], consistency=run["consistency"], compute=run["compute"])
    compute = run["compute"]
    if reference:
        ref = dict(reference)
        if compute["flop"]:
            ref["ours_over_reference"] = compute["flop"] / float(ref["flop"])
        result["reference"] = ref
    result["review"] = run["review"]
    result["assumed"] = run["assumed"]
    result["status"] = _status(unread, compute, run["consistency"], run["review"])
    if inputs:
        result["paper_main_run"] = _main_run(chosen, unread, settings, table, published_date, reference,
                                             gates, typical, pods, candidates)
    return result


def _main_run(chosen, unread, settings, table, published, reference, gates, typical, pods, candidates=None) -> dict[str, Any]:
    """What the paper's own main run gives from extraction alone (no config inputs)."""
    if unread:
        return {"flop": None, "low_flop": None, "high_flop": None, "method": None, "status": unread}
    run = _run(chosen, {}, settings, table, published, reference, gates, typical, pods, candidates)
    c = run["compute"]
    picked = {"ops": run["ops"], "gpu_time": run["gpu_time"]}.get(c["method"]) or {}
    return {"flop": c["flop"], "low_flop": c["low_flop"], "high_flop": c["high_flop"], "pfs_days": c.get("pfs_days"),
            "method": c["method"], "confidence": c.get("confidence"), "formula": picked.get("formula"),
            "why": c.get("why"), "review": run["review"], "assumed": run["assumed"],
            "status": _status(None, c, run["consistency"], run["review"])}
