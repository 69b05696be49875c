"""Data the estimate checks against or assumes, each row with its reason and source.

* ``data/plausibility.csv``: ranges for every input read from a PDF and for the result given the
  publication date, plus cross-checks between inputs (``Gates``). A value outside its range does not
  stop the estimate: it becomes a review reason (status ``needs review: ...``).
* ``data/typical_accelerators.csv``: the accelerator typical of a period, with the slowest and
  fastest plausible devices, for papers that name only "GPUs" or "TPUs" (``TypicalAccelerators``).
* ``data/tpu_pods.csv``: chips per TPU pod and whether slice names count cores or chips (``TpuPods``).
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import DATA_DIR
from .units import sig

GATES_FILE = DATA_DIR / "plausibility.csv"
TYPICAL_FILE = DATA_DIR / "typical_accelerators.csv"
PODS_FILE = DATA_DIR / "tpu_pods.csv"


def _date(text: str | None, where: str) -> dt.date | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{where}: not a YYYY-MM-DD date: {text!r}") from None


def _number(text: str | None, where: str) -> float | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{where}: not a number: {text!r}") from None
    if not math.isfinite(value):
        raise ValueError(f"{where}: not a finite number: {text!r}")
    return value


def _rows(path: Path, columns: tuple[str, ...]) -> list[tuple[str, dict[str, str]]]:
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        if tuple(reader.fieldnames or ()) != columns:
            raise ValueError(f"{path}: header must be {','.join(columns)}")
        return [(f"{path.name} line {reader.line_num}", row) for row in reader]


def _in_period(day: dt.date | None, start: dt.date | None, end: dt.date | None) -> bool:
    return day is not None and (start is None or start <= day) and (end is None or day <= end)


# ---------------------------------------------------------------------------------------------
# Plausibility gates


@dataclass(frozen=True)
class Gate:
    check: str
    unit: str
    date_from: dt.date | None
    date_to: dt.date | None
    low: float | None
    high: float | None
    reason: str
    source: str

    def period(self) -> str:
        if self.date_from is None and self.date_to is None:
            return "any date"
        return f"{self.date_from or '…'} to {self.date_to or '…'}"


GATE_COLUMNS = ("check", "unit", "date_from", "date_to", "low", "high", "reason", "source")
LABELS = {  # how a failed gate names what it checked
    "flops_per_forward": "FLOP per forward pass", "parameters": "parameter count", "tokens": "training tokens",
    "examples": "training examples", "epochs": "epochs", "chips": "device count", "training_hours": "training hours",
    "chip_hours": "device-hours", "compute_flop": "training compute",
    "forward_over_parameters": "FLOP per forward / (2 x parameters)", "tokens_over_parameters": "tokens / parameters",
    "implied_utilization": "implied utilization", "ours_over_reference": "ours / reference",
}


class Gates:
    def __init__(self, gates: list[Gate]):
        self.gates = list(gates)
        self.by_check: dict[str, list[Gate]] = {}
        for g in self.gates:
            self.by_check.setdefault(g.check, []).append(g)

    @classmethod
    def load(cls, path: str | Path | None = None) -> "Gates":
        path = Path(path) if path else GATES_FILE
        gates = []
        for where, row in _rows(path, GATE_COLUMNS):
            check = (row["check"] or "").strip()
            if not check or not (row["reason"] or "").strip() or not (row["source"] or "").strip():
                raise ValueError(f"{where}: check, reason and source are required")
            gate = Gate(check, (row["unit"] or "").strip(), _date(row["date_from"], where), _date(row["date_to"], where),
                        _number(row["low"], where), _number(row["high"], where), row["reason"].strip(), row["source"].strip())
            if gate.low is not None and gate.high is not None and gate.low > gate.high:
                raise ValueError(f"{where}: low {gate.low} is above high {gate.high}")
            gates.append(gate)
        return cls(gates)

    def find(self, check: str, published: dt.date | None = None) -> Gate | None:
        """The row for this check and date; without a date, the most lenient dated row."""
        rows = self.by_check.get(check) or []
        undated = [g for g in rows if g.date_from is None and g.date_to is None]
        if undated:
            return undated[0]
        if published is None:
            return max(rows, key=lambda g: g.high or math.inf, default=None)
        return next((g for g in rows if _in_period(published, g.date_from, g.date_to)), None)

    def flag(self, check: str, text: str, default_reason: str, **where: Any) -> dict[str, Any]:
        """A review item for a cue-based check (no value range): ``text``, then the gate's reason (or
        ``default_reason`` when gates.csv has no row for it)."""
        gate = self.find(check)
        return failure(check, f"{text}: {gate.reason if gate else default_reason}", gate, **where)

    def check(self, check: str, value: float | None, published: dt.date | None = None,
              **where: Any) -> dict[str, Any] | None:
        """None when `value` is inside the range (or nothing is checked); else a review item."""
        gate = self.find(check, published)
        if gate is None or value is None:
            return None
        try:
            value = float(value)
        except (TypeError, ValueError):
            return None
        below = gate.low is not None and value < gate.low
        above = gate.high is not None and value > gate.high
        if not (below or above) and math.isfinite(value):
            return None
        label = LABELS.get(check, check)
        unit = f" {gate.unit}" if gate.unit and gate.unit not in ("ratio", "fraction of peak") else ""
        bound = f"below {sig(gate.low)}" if below else f"above {sig(gate.high)}"
        when = "" if gate.date_from is None and gate.date_to is None else f" for {gate.period()}"
        return failure(check, f"{label} {sig(value)}{unit} is {bound}{when}: {gate.reason}", gate,
                       value=value, **where)


def failure(check: str, text: str, gate: Gate | None, **where: Any) -> dict[str, Any]:
    item = {"check": check, "reason": text, **{k: v for k, v in where.items() if v is not None}}
    if gate is not None:
        item.update(low=gate.low, high=gate.high, unit=gate.unit, source=gate.source, gate_reason=gate.reason)
    return item


# ---------------------------------------------------------------------------------------------
# Typical accelerators by date


@dataclass(frozen=True)
class Typical:
    kind: str
    date_from: dt.date | None
    date_to: dt.date | None
    chip_id: str
    low_chip_id: str
    high_chip_id: str
    reason: str
    source: str

    def period(self) -> str:
        if self.date_from is None:
            return f"papers up to {self.date_to}"
        return f"papers from {self.date_from}" + (f" to {self.date_to}" if self.date_to else "")


TYPICAL_COLUMNS = ("kind", "date_from", "date_to", "chip_id", "low_chip_id", "high_chip_id", "reason", "source")


class TypicalAccelerators:
    def __init__(self, rows: list[Typical]):
        self.rows = list(rows)

    @classmethod
    def load(cls, path: str | Path | None = None, hardware=None) -> "TypicalAccelerators":
        path = Path(path) if path else TYPICAL_FILE
        rows = []
        for where, row in _rows(path, TYPICAL_COLUMNS):
            if row["kind"] not in ("gpu", "tpu"):
                raise ValueError(f"{where}: kind must be gpu or tpu, not {row['kind']!r}")
            t = Typical(row["kind"], _date(row["date_from"], where), _date(row["date_to"], where),
                        row["chip_id"].strip(), row["low_chip_id"].strip(), row["high_chip_id"].strip(),
                        (row["reason"] or "").strip(), (row["source"] or "").strip())
            if not t.reason or not t.source:
                raise ValueError(f"{where}: reason and source are required")
            if hardware is not None:
                for cid in (t.chip_id, t.low_chip_id, t.high_chip_id):
                    try:
                        hardware.get(cid)
                    except KeyError:
                        raise ValueError(f"{where}: {cid!r} is not a chip_id of the hardware table") from None
            rows.append(t)
        return cls(rows)

    def for_date(self, kind: str, published: dt.date | None) -> Typical | None:
        """The row of this kind whose period holds the date (without a date: none; we do not guess an era)."""
        return next((r for r in self.rows if r.kind == kind and _in_period(published, r.date_from, r.date_to)), None)


# ---------------------------------------------------------------------------------------------
# TPU pods and slices


@dataclass(frozen=True)
class Pod:
    chip_id: str
    pod_chips: int
    slice_counts: str  # cores | chips: what the number in a slice name ("v3-512") counts
    device_chips: int  # chips of one "Cloud TPU" device (v2-8 / v3-8: 4), what a bare "TPU" may have meant
    source: str


_SLICE = re.compile(r"\b(?:TPU[\s\-]*)?(v[2-6][a-z]*|v5litepod)-(\d+)\b", re.I)
_POD = re.compile(r"\bpods?\b", re.I)


class TpuPods:
    def __init__(self, pods: list[Pod]):
        self.by_chip = {p.chip_id: p for p in pods}

    @classmethod
    def load(cls, path: str | Path | None = None) -> "TpuPods":
        path = Path(path) if path else PODS_FILE
        pods = []
        for where, row in _rows(path, ("chip_id", "pod_chips", "slice_counts", "device_chips", "source")):
            n, d = _number(row["pod_chips"], where), _number(row["device_chips"], where)
            if not n or n != int(n) or not d or d != int(d) or row["slice_counts"] not in ("cores", "chips") \
                    or not row["source"].strip():
                raise ValueError(f"{where}: pod_chips and device_chips must be positive integers, "
                                 f"slice_counts cores|chips, and a source given")
            pods.append(Pod(row["chip_id"].strip(), int(n), row["slice_counts"], int(d), row["source"].strip()))
        return cls(pods)

    def get(self, chip) -> Pod | None:
        return self.by_chip.get(getattr(chip, "chip_id", None))

    def devices(self, chip, written: str | None) -> dict[str, Any] | None:
        """Devices named by a slice ("TPU v3-512") or a pod ("TPU v3 Pod") in the chip's own words.

        Returns {value, unit, why, low?, source} with the count in the unit the slice name uses
        (cores or chips), or None when the text names neither.
        """
        pod = self.by_chip.get(getattr(chip, "chip_id", None))
        if pod is None or not written:
            return None
        m = _SLICE.search(written)
        if m:
            n = int(m.group(2))
            unit = "tpu_cores" if pod.slice_counts == "cores" else "tpu_chips"
            return {"value": n, "unit": unit, "source": pod.source,
                    "why": f"slice '{m.group(0)}': {n} {'TensorCores' if unit == 'tpu_cores' else 'chips'}"}
        if _POD.search(written):
            return {"value": pod.pod_chips, "unit": "tpu_chips", "source": pod.source, "low": pod.pod_chips / 8,
                    "why": f"'{written}': a full pod is {pod.pod_chips} chips (low bound: a slice of an eighth of it)"}
        return None
