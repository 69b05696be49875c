"""Device-time products ("1.3M GPU hours", "2.5k TPUv3-core-days", "A100-hours"), also as a table row
label, into ``chip_hours`` with their unit."""

from __future__ import annotations

import re

from .. import quantities as q
from .context import Ctx, score_context, table_like
from .core import Cand


_ONE_DEVICE_RE = re.compile(r"(?i)\b(?:on|using|with)\s+(?:a\s+single|one|1|a)\s+(?:[\w-]+\s+){0,3}?(?:GPU|TPU|accelerator|card|device|"
                            r"[A-Z]{1,3}\d{2,4}[A-Za-z]*)s?\b(?!\s*(?:node|server|machine|host|pod|slice))")


def device_hour_cands(c: Ctx) -> list[Cand]:
    t = c.text
    out = []
    for p in q.find_chip_time(t):
        if not p.hours > 0:
            continue  # (hw18) "0 GPU-hours": no product of a run
        why = [f"chip-time product {p.text!r}"]
        sc = score_context(c, why, p.text, p.start) + 0.5  # chip-time is a cost of training, rarely of anything else
        if re.search(r"(?i)\b(?:budget|search\w*|up\s+to\s*$)", t[max(0, p.start - 40): p.start]):
            sc -= 0.5
        extra = {"as_written": p.text}
        chip = next((mm for mm in c.mentions if p.start <= mm.start < p.end), None)
        if chip is not None:  # "40,000 A100-hours", "2.5k TPUv3-core-days": the product names the chip
            extra["chip_id"] = chip.chip.chip_id
            why.append(f"names {chip.family}")
        out.append(Cand("chip_hours", round(p.hours, 3), c.s.page, t, p.text, sc, why, unit=p.unit,
                        extra=extra, sent_index=c.s.index))
        one = _ONE_DEVICE_RE.search(t[p.end: p.end + 60]) or _ONE_DEVICE_RE.search(t[max(0, p.start - 60): p.start])
        if one and p.unit in ("gpu-hours", "tpu-chip-hours", "accelerator-hours", "tpu-hours") and not re.search(
                r"(?i)\b(?:each|per|every)\s+(?:run|experiment|seed|model|probe|trial|task|configuration)\b", t):
            # "12 GPU hours on a single V100": on one device, the device-time is the wall clock
            out.append(Cand("training_hours", round(p.hours, 4), c.s.page, t, p.text, sc - 0.3,
                            why + ["device-hours on one device: the wall clock"], unit="hours",
                            low=round(p.hours, 4), high=round(p.hours, 4), extra={"as_written": p.text, "qualifier": ""},
                            sent_index=c.s.index))
    if table_like(c):
        # a row label that is a product unit followed by values: "TPUv3-core-days 2.5k 0.68k ..."
        m = re.match(r"^\s*(?P<label>[\w-]*(?:GPU|TPU|core|chip|accelerator)[\w-]*[\s-]*(?:hours?|days?|years?))\s*(?:\([^)]*\))?\s+(?P<v>\d[\d.,]*[kKMB]?)\b", t, re.I)
        if m:
            v = q.parse_number(m.group("v"))
            unit_word = re.search(r"(?i)(hours?|days?|years?)\s*$", m.group("label")).group(1)
            if v:
                hours = v * q._time_unit_hours(unit_word)
                why = [f"table row {m.group('label')!r}: first column"]
                sc = score_context(c, why) + 2.0
                out.append(Cand("chip_hours", round(hours, 3), c.s.page, t, m.group(0), sc, why,
                                unit=q.product_unit(m.group("label")), extra={"as_written": f"{m.group('v')} {m.group('label')}", "table": True},
                                sent_index=c.s.index))
    return out
