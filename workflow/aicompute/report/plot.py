"""The trend plot: training compute against publication date, log scale, one marker per method.

Sane at any size: the axes fit the points (one paper or five hundred), labels never overlap each other
or another paper's marker (a label that finds no free place is left out: the table has every paper),
and the legend sits below the axes, where it covers no point.
"""

from __future__ import annotations

import io
import math
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # no display here or on CI
import matplotlib.pyplot as plt  # noqa: E402
import matplotlib.ticker  # noqa: E402
import numpy as np  # noqa: E402

from ..io import write_bytes_atomic  # noqa: E402
from ..units import PFS_DAY_FLOP, decimal_year  # noqa: E402
from .review import MIN_FIT_POINTS  # noqa: E402

MARKERS = {"ops": ("o", "#1f77b4", "counting operations"), "gpu_time": ("s", "#d62728", "GPU time")}
LABEL_FONT = 7
# Where a label may go around its point (offset in points, alignment), tried in this order.
LABEL_SPOTS = [(5, 3, "left", "bottom"), (5, -3, "left", "top"), (-5, 3, "right", "bottom"),
               (-5, -3, "right", "top"), (0, 8, "center", "bottom"), (0, -8, "center", "top")]


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _power_of_ten(value: float, _pos: Any = None) -> str:
    """A log axis' tick label as plain text: 10¹⁷ (a decade), else the number itself."""
    if value <= 0 or not math.isfinite(value):
        return ""
    exponent = math.log10(value)
    if abs(exponent - round(exponent)) < 1e-9:
        return "10" + str(int(round(exponent))).translate(_SUPERSCRIPT)
    return f"{value:.3g}"


def _label(row: dict[str, Any]) -> str:
    text = row.get("name") or row.get("reference_system") or row.get("title") or row["paper_id"]
    return text if len(text) <= 28 else text[:26] + "…"


def _x_limits(years: list[float]) -> tuple[float, float]:
    """The data's span with a margin; one paper (or one date) gets a year each side."""
    lo, hi = min(years), max(years)
    pad = max(0.5, 0.04 * (hi - lo)) if hi > lo else 1.0
    return lo - pad, hi + pad


def _y_limits(values: list[float]) -> tuple[float, float]:
    lo, hi = math.log10(min(values)), math.log10(max(values))
    pad = max(0.3, 0.05 * (hi - lo))
    return 10.0 ** math.floor(lo - pad), 10.0 ** math.ceil(hi + pad)


def place_labels(fig, ax, points: list[tuple[float, float, str]], marker_px: float = 5.0) -> list:
    """Annotate points (in priority order) where the label overlaps no placed label, no other marker
    and stays inside the axes; returns the text artists placed. Boxes are computed from the text's
    measured size (one artist per placed label, not per try: 500 points take a second, not a minute)."""
    from matplotlib.font_manager import FontProperties

    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    font = FontProperties(size=LABEL_FONT)
    px_per_pt = fig.dpi / 72.0
    xy = ax.transData.transform(np.array([(x, y) for x, y, _ in points])) if points else np.zeros((0, 2))
    placed = np.zeros((0, 4))
    texts = []
    for i, (x, y, text) in enumerate(points):
        w, h, _ = renderer.get_text_width_height_descent(text, font, ismath=False)
        w, h = w + 3, h + 3  # a margin: the artist's own box is a little larger than the glyphs
        others = np.delete(xy, i, axis=0)
        for dx, dy, ha, va in LABEL_SPOTS:
            ax_, ay = xy[i, 0] + dx * px_per_pt, xy[i, 1] + dy * px_per_pt
            x0 = ax_ if ha == "left" else ax_ - w if ha == "right" else ax_ - w / 2
            y0 = ay - 1.5 if va == "bottom" else ay - h + 1.5 if va == "top" else ay - h / 2
            x1, y1 = x0 + w, y0 + h
            if not (frame.x0 <= x0 and x1 <= frame.x1 and frame.y0 <= y0 and y1 <= frame.y1):
                continue
            if len(placed) and np.any((placed[:, 0] < x1) & (x0 < placed[:, 2]) & (placed[:, 1] < y1) & (y0 < placed[:, 3])):
                continue
            if len(others) and np.any((others[:, 0] + marker_px > x0) & (others[:, 0] - marker_px < x1)
                                      & (others[:, 1] + marker_px > y0) & (others[:, 1] - marker_px < y1)):
                continue
            texts.append(ax.annotate(text, (x, y), xytext=(dx, dy), textcoords="offset points", ha=ha, va=va,
                                     fontsize=LABEL_FONT, color="#333", parse_math=False, zorder=4))
            placed = np.vstack([placed, [x0, y0, x1, y1]])
            break
    return texts


def trend_figure(rows: list[dict[str, Any]], trend: dict[str, Any]):
    plt.rcParams["svg.hashsalt"] = "aicompute"  # stable ids: the same inputs give the same file
    plt.rcParams["svg.fonttype"] = "none"
    fig, ax = plt.subplots(figsize=(10, 6.4), dpi=100)
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
                        markersize=6 if len(plotted) < 100 else 4, markerfacecolor="white" if weak else color,
                        zorder=3, elinewidth=1 if len(plotted) < 100 else 0.6,
                        label=f"{label}{', low confidence' if weak else ''} ({len(pts)})")
    slope, intercept = trend.get("slope_log10_per_year"), trend.get("intercept")
    in_window = set(trend.get("papers_in_window") or [])
    years_in = [p["year"] for p in trend.get("points") or [] if p["paper_id"] in in_window]
    if slope is not None and years_in:
        few = len(years_in) < MIN_FIT_POINTS
        band = trend.get("band")
        if band and not few:
            ax.fill_between(band["years"], [10**v for v in band["low_log10"]], [10**v for v in band["high_log10"]],
                            color="#888", alpha=0.18, lw=0, label="95% bootstrap band", zorder=1)
        x0, x1 = min(years_in), max(years_in)
        xs = [x0, x1]
        if few:
            name = f"line through {len(years_in)} papers: too few for a trend"
        elif trend.get("doubling_months"):
            name = f"fit {trend['start'][:4]}–{trend['end'][:4]}: doubling {trend['doubling_months']:.1f} months"
        else:
            name = "fit"
        ax.plot(xs, [10 ** (slope * x + intercept) for x in xs], color="#999" if few else "#111",
                ls="--" if few else "-", lw=1.6, zorder=2, label=name)
        y0 = 10 ** (slope * x0 + intercept)
        if not few:
            for months, style, cname in ((trend["comparison"]["openai_doubling_months"], ":", "OpenAI 3.4 months"),
                                         (trend["comparison"]["moore_doubling_months"], "--", "Moore's law, 24 months")):
                ax.plot(xs, [y0 * 2 ** ((x - x0) * 12 / months) for x in xs], style, color="#555", lw=1, zorder=2,
                        label=cname)
    ax.set_yscale("log")
    ax.set_ylabel("training compute (FLOP)")
    ax.set_xlabel("publication date")
    ax.grid(True, which="major", alpha=0.3)
    if plotted:
        years = [decimal_year(r["published"]) for r in plotted]
        ax.set_xlim(*_x_limits(years))
        values = [v for r in plotted for v in (r["compute_flop"], r.get("compute_low_flop"), r.get("compute_high_flop"))
                  if v and v > 0]
        ax.set_ylim(*_y_limits(values))
        ax.xaxis.get_major_locator().set_params(integer=True)
    else:
        ax.set_xlim(2011.5, 2019.5)
        ax.set_ylim(1e15, 1e24)
        ax.text(0.5, 0.5, "no paper has an estimate yet", transform=ax.transAxes, ha="center")
    secondary = ax.secondary_yaxis("right", functions=(lambda f: f / PFS_DAY_FLOP, lambda p: p * PFS_DAY_FLOP))
    secondary.set_ylabel("petaflop/s-days")
    # Powers of ten as plain text ("10¹⁷"): matplotlib's default "$10^{17}$" goes through its TeX
    # parser, a second of CPU per plot for a dozen labels.
    for axis in (ax.yaxis, secondary.yaxis):
        axis.set_major_formatter(matplotlib.ticker.FuncFormatter(_power_of_ten))
        axis.set_minor_formatter(matplotlib.ticker.NullFormatter())
    handles, labels = ax.get_legend_handles_labels()
    if handles:
        fig.legend(handles, labels, loc="lower center", ncol=3, fontsize=8, frameon=False)
    fig.tight_layout(rect=(0, 0.02 + 0.035 * math.ceil(len(handles) / 3), 1, 1))
    # Named papers (config `name`) first, then the largest: they are the ones a reader looks for.
    order = sorted(plotted, key=lambda r: (not r.get("name"), -r["compute_flop"]))
    place_labels(fig, ax, [(decimal_year(r["published"]), r["compute_flop"], _label(r)) for r in order])
    return fig


def write_trend_plot(rows: list[dict[str, Any]], trend: dict[str, Any], output: Path) -> None:
    fig = trend_figure(rows, trend)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    plt.close(fig)
    write_bytes_atomic(output, buffer.getvalue())
