"""The trend plot: training compute against publication date, log scale, one marker per method."""

from __future__ import annotations

import io
import math
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # no display here or on CI
import matplotlib.pyplot as plt  # noqa: E402

from ..io import write_bytes_atomic  # noqa: E402
from ..units import PFS_DAY_FLOP, decimal_year  # noqa: E402

MARKERS = {"ops": ("o", "#1f77b4", "counting operations"), "gpu_time": ("s", "#d62728", "GPU time")}


def _label(row: dict[str, Any]) -> str:
    text = row.get("name") or row.get("reference_system") or row.get("title") or row["paper_id"]
    return text if len(text) <= 28 else text[:26] + "…"


def trend_figure(rows: list[dict[str, Any]], trend: dict[str, Any]):
    plt.rcParams["svg.hashsalt"] = "aicompute"  # stable ids: the same inputs give the same file
    plt.rcParams["svg.fonttype"] = "none"
    fig, ax = plt.subplots(figsize=(10, 6.2), dpi=100)
    plotted = [r for r in rows if r.get("compute_flop") and r.get("published")]
    for method, (marker, color, label) in MARKERS.items():
        for weak in (False, True):  # low-confidence estimates are drawn hollow
            pts = [r for r in plotted if r.get("method") == method and (r.get("confidence") == "low") == weak]
            if not pts:
                continue
            x = [decimal_year(r["published"]) for r in pts]
            y = [r["compute_flop"] for r in pts]
            lo = [max(0.0, r["compute_flop"] - (r.get("compute_low_flop") or r["compute_flop"])) for r in pts]
            hi = [max(0.0, (r.get("compute_high_flop") or r["compute_flop"]) - r["compute_flop"]) for r in pts]
            ax.errorbar(x, y, yerr=[lo, hi], fmt=marker, color=color, ecolor=color, alpha=0.9, capsize=3,
                        markersize=6, markerfacecolor="white" if weak else color, zorder=3,
                        label=f"{label}{', low confidence' if weak else ''} ({len(pts)})")
            for xi, yi, r in zip(x, y, pts):
                # titles are untrusted text: never let matplotlib read "$...$" in them as mathtext
                ax.annotate(_label(r), (xi, yi), xytext=(4, 4), textcoords="offset points", fontsize=7,
                            color="#333", parse_math=False)
    slope, intercept = trend.get("slope_log10_per_year"), trend.get("intercept")
    if slope is not None:
        band = trend.get("band")
        if band:
            ax.fill_between(band["years"], [10**v for v in band["low_log10"]], [10**v for v in band["high_log10"]],
                            color="#888", alpha=0.18, lw=0, label="95% bootstrap band", zorder=1)
        in_window = set(trend["papers_in_window"])
        years = [p["year"] for p in trend["points"] if p["paper_id"] in in_window]
        x0, x1 = min(years), max(years)
        xs = [x0, x1]
        ax.plot(xs, [10 ** (slope * x + intercept) for x in xs], color="#111", lw=1.6, zorder=2,
                label=f"fit {trend['start'][:4]}–{trend['end'][:4]}: doubling {trend['doubling_months']:.1f} months"
                if trend.get("doubling_months") else "fit")
        y0 = 10 ** (slope * x0 + intercept)
        for months, style, name in ((trend["comparison"]["openai_doubling_months"], ":", "OpenAI 3.4 months"),
                                    (trend["comparison"]["moore_doubling_months"], "--", "Moore's law, 24 months")):
            ax.plot(xs, [y0 * 2 ** ((x - x0) * 12 / months) for x in xs], style, color="#555", lw=1, zorder=2, label=name)
    ax.set_yscale("log")
    ax.set_ylabel("training compute (FLOP)")
    ax.set_xlabel("publication date")
    ax.grid(True, which="major", alpha=0.3)
    if plotted:
        ys = [r["compute_flop"] for r in plotted]
        ax.set_ylim(10.0 ** math.floor(math.log10(min(ys)) - 0.5), 10.0 ** math.ceil(math.log10(max(ys)) + 0.5))
    secondary = ax.secondary_yaxis("right", functions=(lambda f: f / PFS_DAY_FLOP, lambda p: p * PFS_DAY_FLOP))
    secondary.set_ylabel("petaflop/s-days")
    ax.legend(loc="upper left", fontsize=8, framealpha=0.9)
    if not plotted:
        ax.text(0.5, 0.5, "no paper has an estimate yet", transform=ax.transAxes, ha="center")
    fig.tight_layout()
    return fig


def write_trend_plot(rows: list[dict[str, Any]], trend: dict[str, Any], output: Path) -> None:
    fig = trend_figure(rows, trend)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    plt.close(fig)
    write_bytes_atomic(output, buffer.getvalue())
