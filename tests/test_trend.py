"""The trend fit: least squares, bootstrap interval (seeded), Theil-Sen, eras."""

from __future__ import annotations

import math

import pytest

from aicompute.trend import doubling_months, fit_trend, theil_sen


def rows_doubling_every(months: float, n: int = 12, start=2012.0, noise=None):
    import datetime as dt

    rows = []
    for i in range(n):
        year = start + i * 0.5
        log_flop = 17 + (year - start) * 12 / months * math.log10(2) + (noise[i] if noise else 0)
        date = dt.date(int(year), 1, 1) + dt.timedelta(days=round((year % 1) * 365))
        rows.append({"paper_id": f"p{i}", "published": date.isoformat(), "compute_flop": 10**log_flop, "method": "ops",
                     "confidence": "high"})
    return rows


SETTINGS = {"window_start": "2012-01-01", "window_end": "2018-12-31", "bootstrap_samples": 500, "seed": 7}


def test_exact_exponential_gives_its_doubling_time():
    trend = fit_trend(rows_doubling_every(3.4), SETTINGS)
    assert trend["n"] == 12
    assert trend["doubling_months"] == pytest.approx(3.4, rel=0.01)
    assert trend["theil_sen"]["doubling_months"] == pytest.approx(3.4, rel=0.01)
    assert trend["ci_low_months"] <= trend["doubling_months"] <= trend["ci_high_months"]
    assert trend["growth_per_year"] == pytest.approx(2 ** (12 / 3.4), rel=0.02)
    assert set(trend) >= {"n", "doubling_months", "ci_low_months", "ci_high_months", "start", "end"}


def test_bootstrap_is_seeded():
    noise = [0.3, -0.2, 0.5, -0.4, 0.1, 0.0, -0.3, 0.2, 0.4, -0.1, -0.5, 0.3]
    a = fit_trend(rows_doubling_every(4, noise=noise), SETTINGS)
    b = fit_trend(rows_doubling_every(4, noise=noise), SETTINGS)
    assert a["ci_low_months"] == b["ci_low_months"] and a["ci_high_months"] == b["ci_high_months"]
    assert a["ci_low_months"] < a["doubling_months"] < a["ci_high_months"]


def test_window_and_all_papers():
    rows = rows_doubling_every(6, n=20, start=2010.0)
    trend = fit_trend(rows, SETTINGS)
    assert trend["n"] == sum(1 for r in rows if "2012-01-01" <= r["published"] <= "2018-12-31")
    assert trend["all_papers"]["n"] == 20


def test_papers_without_estimate_are_left_out_and_too_few_points_say_so():
    rows = rows_doubling_every(3.4, n=2) + [{"paper_id": "x", "published": "2015-01-01", "compute_flop": None}]
    trend = fit_trend(rows, SETTINGS)
    assert trend["n"] == 2 and trend["ci_low_months"] is None and "no confidence interval" in trend["problem"]
    empty = fit_trend([], SETTINGS)
    assert empty["n"] == 0 and empty["doubling_months"] is None and "need at least 2" in empty["problem"]


def test_eras_fit_separately():
    rows = rows_doubling_every(20, n=10, start=2005.0) + rows_doubling_every(4, n=10, start=2013.0)
    trend = fit_trend(rows, {**SETTINGS, "eras": ["2012-06-01"]})
    assert [e["n"] for e in trend["eras"]] == [10, 10]
    assert trend["eras"][1]["doubling_months"] == pytest.approx(4, rel=0.01)


def test_theil_sen_resists_an_outlier():
    import numpy as np

    x = np.arange(10.0)
    y = 2 * x + 1
    y[3] = 100
    slope, intercept = theil_sen(x, y)
    assert slope == pytest.approx(2) and intercept == pytest.approx(1)


def test_shrinking_compute_has_no_doubling_time():
    assert doubling_months(-0.1) is None and doubling_months(0) is None


def test_min_confidence_leaves_weak_estimates_out_of_the_fit():
    rows = rows_doubling_every(3.4)
    for r in rows[:4]:
        r["confidence"] = "low"
    assert fit_trend(rows, SETTINGS)["n"] == 12
    strict = fit_trend(rows, {**SETTINGS, "min_confidence": "medium"})
    assert strict["n"] == 8 and strict["min_confidence"] == "medium"


def test_needs_review_estimates_stay_out_of_the_fit_unless_asked():
    rows = rows_doubling_every(3.4)
    rows[0]["compute_flop"] *= 1e6  # a misread that would bend the fit
    rows[0]["status"] = "needs review: training compute 1e23 FLOP is above ..."
    rows[0]["review"] = "training compute 1e23 FLOP is above ..."
    for r in rows[1:]:
        r["status"] = "ok"
    trend = fit_trend(rows, SETTINGS)
    assert trend["n"] == 11 and trend["doubling_months"] == pytest.approx(3.4, rel=0.01)
    assert trend["left_out"] == [{"paper_id": "p0", "why": "needs review (trend.include_needs_review: false)",
                                  "review": "training compute 1e23 FLOP is above ..."}]
    assert trend["include_needs_review"] is False
    everything = fit_trend(rows, {**SETTINGS, "include_needs_review": True})
    assert everything["n"] == 12 and everything["left_out"] == []


def test_two_papers_a_day_apart_do_not_overflow_the_growth_factor():
    # Papers published a day apart with 10^4 between them: a slope of ~1460 decades per year, whose
    # growth factor (10**slope) is beyond a float. The fit must still be written (strict JSON: no
    # Infinity), with the growth left unstated rather than a crash or an infinite number.
    import json

    rows = [{"paper_id": "a", "published": "2015-03-01", "compute_flop": 1e17, "confidence": "high"},
            {"paper_id": "b", "published": "2015-03-02", "compute_flop": 1e21, "confidence": "high"},
            {"paper_id": "c", "published": "2015-03-02", "compute_flop": 2e21, "confidence": "high"}]
    trend = fit_trend(rows, SETTINGS)
    assert trend["n"] == 3 and trend["doubling_months"] > 0
    assert trend["growth_per_year"] is None and trend["theil_sen"]["growth_per_year"] is None
    json.dumps(trend, allow_nan=False)  # raises on inf/nan
