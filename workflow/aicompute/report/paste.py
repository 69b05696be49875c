"""The config.yaml lines a reviewer pastes to confirm or replace an extracted fact.

A fact of facts.json (chosen or a candidate) becomes one or more `inputs:` lines of the paper's entry,
e.g. ``chips: {value: 64, source: "p.5: We trained on 64 GPUs ..."}``; values a person put under
`inputs:` are trusted by the estimate and shown as "from config" with their source. The lines are
written here, in Python, so they are exact and tested (yaml round trip, schema); the page's script only
copies them into the entry box.

Keys: the `inputs` properties of workflow/schemas/config.schema.yaml.
"""

from __future__ import annotations

import json
import math
import unicodedata
from typing import Any, Callable

INDENT = "  "  # config.yaml's style: `papers:` then `  - arxiv: "..."`
ENTRY_KEYS_FIRST = ("arxiv", "id")
SOURCE_CHARS = 110  # the sentence is cut here in a source note (the page link says where the rest is)

# units a chip count may have in config (count_unit's enum); `gpus` is the default and needs no line
COUNT_UNITS = {"gpus", "tpu_chips", "tpu_cores", "machines"}
PRECISIONS = {"fp32": "fp32", "fp16": "fp16", "mixed": "tensor", "bf16": "tensor", "tensor": "tensor"}


def yaml_number(x: float | int) -> str:
    """A number YAML 1.1 reads as a number: 8, 3.5, 1.2e+6 (never `1e6`, which YAML reads as text)."""
    x = float(x)
    if not math.isfinite(x):
        raise ValueError(f"not a finite number: {x!r}")
    if x.is_integer() and abs(x) < 1e6:
        return str(int(x))
    text = f"{x:.6g}"
    if "e" not in text:
        return text
    mantissa, exponent = text.split("e")
    if "." not in mantissa:
        mantissa += ".0"
    sign = "-" if exponent.startswith("-") else "+"
    return f"{mantissa}e{sign}{exponent.lstrip('+-').lstrip('0') or '0'}"


def yaml_string(text: str) -> str:
    """A double-quoted YAML scalar (JSON's escapes are YAML's; ASCII only, so no stray line breaks)."""
    return json.dumps(unicodedata.normalize("NFKC", str(text)), ensure_ascii=True)


def yaml_scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return yaml_number(value)
    return yaml_string(value)


def source_note(fact: dict[str, Any], extra: str = "") -> str:
    """`p.5: We trained the base models on 8 P100 GPUs ...`: where a reviewer can check it again."""
    sentence = " ".join(str(fact.get("sentence") or fact.get("match") or "").split())
    if len(sentence) > SOURCE_CHARS:
        cut = sentence[:SOURCE_CHARS].rsplit(" ", 1)[0]
        sentence = (cut or sentence[:SOURCE_CHARS]) + " ..."
    page = fact.get("page")
    note = f"p.{page}: {sentence}" if page else sentence or "read from the paper"
    return (note + extra).strip()


def input_line(key: str, value: Any, source: str) -> str:
    """One `inputs:` line: `key: {value: V, source: "S"}`."""
    return f"{key}: {{value: {yaml_scalar(value)}, source: {yaml_string(source)}}}"


def _number(fact: dict[str, Any]) -> float | None:
    try:
        v = float(fact.get("value"))
    except (TypeError, ValueError):
        return None
    return v if math.isfinite(v) and v > 0 else None


def fact_inputs(field: str, fact: dict[str, Any], cores_per_chip: Callable[[str], int | None] | None = None,
                ) -> tuple[dict[str, str], str | None]:
    """The `inputs` lines ({key: line}) that make `fact` the value used, or ({}, why not).

    A chip count keeps its unit (count_unit) and a duration its range, so a pasted value means what
    the paper said; a multiply-add total is doubled (config totals are FLOP)."""
    if field not in FACT_KEYS and field not in ("time_from_steps", "active_parameters", "precision"):
        return {}, "no config key for this fact"
    value = _number(fact) if field not in ("chip_model", "precision") else fact.get("value")
    if value is None or value == "":
        return {}, "no usable value"
    src = source_note(fact)
    lines: dict[str, str] = {}
    if field == "chips":
        lines["chips"] = input_line("chips", value, src)
        unit = fact.get("unit") or "gpus"
        if unit in COUNT_UNITS - {"gpus"}:
            lines["count_unit"] = input_line("count_unit", unit, src)
        elif unit not in COUNT_UNITS:
            return {}, f"counted in {unit}: config counts gpus, tpu_chips, tpu_cores or machines"
    elif field == "chip_model":
        if fact.get("generic"):
            return {}, "the paper names no model: write the chip (a name in hardware.csv) yourself"
        lines["chip_model"] = input_line("chip_model", str(value), src)
    elif field in ("training_hours", "time_from_steps"):
        extra = " (derived from step/epoch time)" if field == "time_from_steps" else ""
        lines["training_hours"] = input_line("training_hours", value, source_note(fact, extra))
        low, high = fact.get("low"), fact.get("high")
        if low is not None and high is not None and low != high:
            lines["training_hours_low"] = input_line("training_hours_low", low, src)
            lines["training_hours_high"] = input_line("training_hours_high", high, src)
    elif field == "chip_hours":
        unit = fact.get("unit") or ""
        if "core" in unit:  # config's chip_hours are chip-hours: convert core-hours when the chip is known
            per_chip = cores_per_chip(fact.get("chip_id")) if cores_per_chip and fact.get("chip_id") else None
            if not per_chip:
                return {}, f"{unit}: give chip_hours in chip-hours (core-hours / cores per chip)"
            value = value / per_chip
            src = source_note(fact, f" (= {yaml_number(fact['value'])} {unit} / {per_chip} cores per chip)")
        lines["chip_hours"] = input_line("chip_hours", value, src)
    elif field in ("parameters", "active_parameters"):
        extra = " (active parameters per token)" if field == "active_parameters" else ""
        lines["parameters"] = input_line("parameters", value, source_note(fact, extra))
    elif field == "tokens_or_examples":
        key = "tokens" if fact.get("unit") == "tokens" else "examples"
        lines[key] = input_line(key, value, src)
    elif field == "flops_per_forward":
        key = "multiply_adds_per_forward" if fact.get("unit") == "multiply-add" else "flops_per_forward"
        lines[key] = input_line(key, value, src)
    elif field == "epochs":
        lines["epochs"] = input_line("epochs", value, src)
    elif field == "total_training_flop":
        if fact.get("unit") == "multiply-add":
            value, src = value * 2, source_note(fact, " (multiply-adds x 2 FLOP)")
        lines["total_training_flop"] = input_line("total_training_flop", value, src)
    elif field == "precision":
        # config's precision: fp32 | fp16 | tensor (mixed and bf16 train on the tensor cores)
        key = PRECISIONS.get(str(value).lower())
        if key is None:
            return {}, "config's precision is fp32, fp16 or tensor"
        lines["precision"] = input_line("precision", key, src)
    return lines, None


# The config keys each fact can be given by (what the report looks for under `inputs:`).
FACT_KEYS = {
    "chips": ("chips", "count_unit"),
    "chip_model": ("chip_model",),
    "training_hours": ("training_hours", "training_hours_low", "training_hours_high"),
    "chip_hours": ("chip_hours",),
    "parameters": ("parameters",),
    "tokens_or_examples": ("tokens", "examples"),
    "flops_per_forward": ("flops_per_forward", "multiply_adds_per_forward"),
    "epochs": ("epochs",),
    "total_training_flop": ("total_training_flop",),
    "precision": ("precision",),
}


def entry_key(entry: dict[str, Any]) -> str | None:
    """The paper key of a config entry (as aicompute.config gives it: arXiv id with / -> _, or id)."""
    if isinstance(entry.get("arxiv"), str):
        return entry["arxiv"].replace("/", "_")
    return entry.get("id") if isinstance(entry.get("id"), str) else None


def entry_head(entry: dict[str, Any]) -> str:
    """The entry's lines before `inputs:` (arxiv/id first, then its other keys as written)."""
    keys = [k for k in ENTRY_KEYS_FIRST if k in entry] + [k for k in entry if k not in ENTRY_KEYS_FIRST and k != "inputs"]
    lines = []
    for i, k in enumerate(keys):
        lead = f"{INDENT}- " if i == 0 else f"{INDENT}  "
        lines.append(f"{lead}{k}: {yaml_scalar(entry[k])}")
    return "\n".join(lines)


def existing_inputs(entry: dict[str, Any]) -> dict[str, str]:
    """The entry's `inputs:` as lines, in its own order."""
    out = {}
    for key, item in (entry.get("inputs") or {}).items():
        if isinstance(item, dict) and "value" in item:
            out[key] = input_line(key, item["value"], str(item.get("source", "")))
    return out


def entry_yaml(head: str, inputs: dict[str, str]) -> str:
    """The whole entry: the head, then `inputs:` with one line per key (the page's script does the same)."""
    if not inputs:
        return head
    pad = INDENT + "    "
    return head + f"\n{INDENT}  inputs:\n" + "\n".join(pad + line for line in inputs.values())


def merge(inputs: dict[str, str], lines: dict[str, str]) -> dict[str, str]:
    """Existing inputs with `lines` replacing or added (what a click on "use" does on the page)."""
    out = dict(inputs)
    out.update(lines)
    return out
