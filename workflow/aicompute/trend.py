"""The exponential trend: least squares on log10(training FLOP) against decimal year.

Doubling time = 12 x log10(2) / slope months. The confidence interval comes from a seeded bootstrap
over papers (a rerun gives the same figures); Theil-Sen (median of pairwise slopes) is the robust fit
beside it. OpenAI's 3.4 months and Moore's law (24 months) are carried for comparison.

Estimates whose status is `needs review: ...` (a failed plausibility gate, a disagreement with the
reference figure) stay out of the fits unless `trend.include_needs_review` is true; estimates below
`trend.min_confidence` likewise. `left_out` lists each with why.
"""

from __future__ import annotations

import math
from typing import Any, Iterable

import numpy as np

from .config import with_defaults
from .estimate import GRADE_RANK
from .units import decimal_year

OPENAI_DOUBLING_MONTHS = 3.4  # OpenAI, AI and Compute (2018), 2012-2018 fit
MOORE_DOUBLING_MONTHS = 24.0  # Moore's law as usually quoted (transistor counts, ~2 years)
LOG10_2 = math.log10(2)


def doubling_months(slope: float | None) -> float | None:
    """Months per doubling for a slope in log10(FLOP) per year; None when the trend does not grow."""
    if slope is None or not math.isfinite(slope) or slope <= 0:
        return None
    return 12 * LOG10_2 / slope


def growth_factor(log10_growth: float | None) -> float | None:
    """10**x, or None when it is beyond a float: two papers dated a day apart can give a slope of
    thousands of decades per year, and trend.json must stay strict JSON (no Infinity)."""
    if log10_growth is None or not math.isfinite(log10_growth) or log10_growth > 300:
        return None
    return float(10 ** float(log10_growth))


def theil_sen(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    i, j = np.triu_indices(len(x), k=1)
    dx = x[j] - x[i]
    keep = dx != 0
    slope = float(np.median((y[j] - y[i])[keep] / dx[keep]))
    return slope, float(np.median(y - slope * x))


def fit(years: Iterable[float], log_flop: Iterable[float], samples: int, seed: int, ci: float = 0.95) -> dict[str, Any]:
    """Least squares, bootstrap interval and Theil-Sen for one set of points."""
    x, y = np.asarray(list(years), float), np.asarray(list(log_flop), float)
    n = len(x)
    out: dict[str, Any] = {"n": n}
    if n < 2 or np.ptp(x) == 0:
        out["problem"] = f"{n} paper(s) with an estimate and distinct dates; need at least 2 to fit a trend"
        return out
    slope, intercept = np.polyfit(x, y, 1)
    residuals = y - (slope * x + intercept)
    ss_tot = float(np.sum((y - y.mean()) ** 2))
    out.update(
        slope_log10_per_year=float(slope),
        intercept=float(intercept),
        r2=1 - float(np.sum(residuals**2)) / ss_tot if ss_tot > 0 else None,
        residual_sd_log10=float(np.std(residuals, ddof=2)) if n > 2 else None,
        doubling_months=doubling_months(slope),
        growth_per_year=growth_factor(slope),
    )
    ts_slope, ts_intercept = theil_sen(x, y)
    out["theil_sen"] = {"slope_log10_per_year": ts_slope, "intercept": ts_intercept,
                        "doubling_months": doubling_months(ts_slope), "growth_per_year": growth_factor(ts_slope)}
    if n >= 3:
        rng = np.random.default_rng(seed)
        slopes, intercepts = [], []
        for _ in range(samples):
            idx = rng.integers(0, n, n)
            if np.ptp(x[idx]) == 0:
                continue
            b, a = np.polyfit(x[idx], y[idx], 1)
            slopes.append(b)
            intercepts.append(a)
        slopes_arr = np.asarray(slopes)
        alpha = (1 - ci) / 2
        lo_slope, hi_slope = np.quantile(slopes_arr, [alpha, 1 - alpha])
        # A steeper slope means a shorter doubling time: the interval's ends swap.
        out["ci_low_months"] = doubling_months(hi_slope)
        out["ci_high_months"] = doubling_months(lo_slope)  # None: the interval reaches no growth
        out["bootstrap"] = {"samples": len(slopes), "seed": seed, "level": ci,
                            "slope_low": float(lo_slope), "slope_high": float(hi_slope)}
        grid = np.linspace(x.min(), x.max(), 40)
        preds = np.outer(slopes_arr, grid) + np.asarray(intercepts)[:, None]
        band_lo, band_hi = np.quantile(preds, [alpha, 1 - alpha], axis=0)
        out["band"] = {"years": grid.round(4).tolist(), "low_log10": band_lo.round(4).tolist(),
                       "high_log10": band_hi.round(4).tolist()}
    else:
        out["ci_low_months"] = out["ci_high_months"] = None
        out["problem"] = "only 2 papers: no confidence interval"
    return out


def fit_trend(rows: list[dict[str, Any]], settings: dict[str, Any]) -> dict[str, Any]:
    """trend.json from estimate rows (dicts with paper_id, published, compute_flop)."""
    settings = with_defaults("trend", settings)  # the schema's defaults for what the caller left out
    start, end = settings["window_start"], settings["window_end"]
    samples, seed = int(settings["bootstrap_samples"]), int(settings["seed"])
    floor = GRADE_RANK[settings["min_confidence"]]
    include_review = bool(settings["include_needs_review"])
    points, left_out = [], []
    for r in rows:
        flop, published = r.get("compute_flop"), r.get("published")
        if flop is None or not (isinstance(flop, (int, float)) and flop > 0 and math.isfinite(flop)):
            continue  # no estimate: nothing to leave out
        status = str(r.get("status") or "")
        if status.startswith("needs review") and not include_review:
            left_out.append({"paper_id": r["paper_id"], "why": "needs review (trend.include_needs_review: false)",
                             "review": r.get("review") or status.partition(": ")[2]})
            continue
        if GRADE_RANK.get(r.get("confidence") or "low", 1) < floor:
            left_out.append({"paper_id": r["paper_id"], "why": f"confidence {r.get('confidence') or 'low'} is below "
                                                                f"trend.min_confidence {settings.get('min_confidence')}"})
            continue
        if published in (None, ""):
            left_out.append({"paper_id": r["paper_id"], "why": "publication date unknown"})
            continue
        points.append({"paper_id": r["paper_id"], "published": published, "year": decimal_year(published),
                       "log10_flop": math.log10(flop), "method": r.get("method")})
    in_window = [p for p in points if start <= p["published"] <= end]
    main = fit([p["year"] for p in in_window], [p["log10_flop"] for p in in_window], samples, seed)
    x0, x1 = decimal_year(start), decimal_year(end)
    if main.get("slope_log10_per_year") is not None:
        span = [p["year"] for p in in_window]
        main["growth_over_window"] = growth_factor(main["slope_log10_per_year"] * (max(span) - min(span)))
    result = {
        "n": main["n"],
        "doubling_months": main.get("doubling_months"),
        "ci_low_months": main.get("ci_low_months"),
        "ci_high_months": main.get("ci_high_months"),
        "start": start,
        "end": end,
        **{k: v for k, v in main.items() if k not in {"n", "doubling_months", "ci_low_months", "ci_high_months"}},
        "first_paper": min((p["published"] for p in in_window), default=None),
        "last_paper": max((p["published"] for p in in_window), default=None),
        "window_years": [x0, x1],
        "min_confidence": settings["min_confidence"],
        "include_needs_review": include_review,
        "points": points,
        "left_out": left_out,
        "papers_in_window": [p["paper_id"] for p in in_window],
        "comparison": {"openai_doubling_months": OPENAI_DOUBLING_MONTHS, "moore_doubling_months": MOORE_DOUBLING_MONTHS},
    }
    result["all_papers"] = fit([p["year"] for p in points], [p["log10_flop"] for p in points], samples, seed)
    result["all_papers"]["papers"] = [p["paper_id"] for p in points]
    eras = sorted(settings["eras"])
    if eras:
        bounds = ["0000-01-01", *eras, "9999-12-31"]
        result["eras"] = []
        for lo, hi in zip(bounds, bounds[1:]):
            chosen = [p for p in points if lo <= p["published"] < hi]
            era = fit([p["year"] for p in chosen], [p["log10_flop"] for p in chosen], samples, seed)
            era.pop("band", None)
            era.update(start=None if lo.startswith("0000") else lo, end=None if hi.startswith("9999") else hi,
                       papers=[p["paper_id"] for p in chosen])
            result["eras"].append(era)
    return result
