"""Units of this field and how numbers are written in formulas."""

from __future__ import annotations

import datetime as dt
import math

SECONDS_PER_HOUR = 3600.0
# A petaflop/s-day (pfs-day): 1e15 FLOP/s sustained for one day, OpenAI's unit.
PFS_DAY_FLOP = 1e15 * 86400.0


def pfs_days(flop: float | None) -> float | None:
    return None if flop is None else flop / PFS_DAY_FLOP


def sig(x: float, digits: int = 3) -> str:
    """A number with `digits` significant figures, without trailing zeros: 9.3, 84, 0.33, 1.2e+06."""
    if x is None:
        return ""
    if x == 0:
        return "0"
    if 1e-3 <= abs(x) < 1e6:
        text = f"{x:.{digits}g}"
        if "e" in text:  # e.g. 1.2e+05 from %g at the range end
            text = f"{x:.0f}"
        return text
    mantissa, exponent = f"{x:.{digits - 1}e}".split("e")
    mantissa = mantissa.rstrip("0").rstrip(".")
    return f"{mantissa}e{int(exponent)}"


def flops_rate(x: float) -> str:
    """A peak rate in the unit a datasheet would use: 1.58 TFLOP/s, 312 TFLOP/s, 92 TOP/s."""
    for scale, unit in ((1e15, "PFLOP/s"), (1e12, "TFLOP/s"), (1e9, "GFLOP/s")):
        if abs(x) >= scale:
            return f"{sig(x / scale)} {unit}"
    return f"{sig(x)} FLOP/s"


def flop(x: float | None) -> str:
    return "" if x is None else f"{sig(x)} FLOP"


def decimal_year(date: dt.date | str) -> float:
    if isinstance(date, str):
        date = dt.date.fromisoformat(date[:10])
    start = dt.date(date.year, 1, 1)
    days = (dt.date(date.year + 1, 1, 1) - start).days
    return date.year + (date - start).days / days


def log10_or_none(x: float | None) -> float | None:
    return math.log10(x) if x and x > 0 else None
