"""Numeric precision of training (mixed, bf16, fp16, fp32)."""

from __future__ import annotations

import re

from .context import Ctx, score_inputs
from .core import Cand


_PRECISION_RES = [
    (re.compile(r"\bmixed[- ]precision|\bAMP\b|\bapex\b", re.I), "mixed"),
    (re.compile(r"\bbfloat-?16|\bbf16\b", re.I), "bf16"),
    (re.compile(r"\b(?:fp16|float16|half[- ]precision|16-bit\s+(?:float|precision))\b", re.I), "fp16"),
    (re.compile(r"\b(?:fp32|float32|single[- ]precision|32-bit\s+(?:float|precision))\b", re.I), "fp32"),
]


def precision_cands(c: Ctx) -> list[Cand]:
    out = []
    for rx, val in _PRECISION_RES:
        m = rx.search(c.text)
        if m:
            why: list[str] = []
            sc = score_inputs(c, why) + (1.0 if c.train else -1.0)
            why.append(f"precision {m.group(0)!r}")
            out.append(Cand("precision", val, c.s.page, c.text, m.group(0), sc, why, sent_index=c.s.index))
    return out
