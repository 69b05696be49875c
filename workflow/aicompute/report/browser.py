"""Open the report in headless Chromium: the plot must decode, the table must be there, the page must
fit the window without horizontal scrolling, and the console must stay silent (no script errors, no
blocked loads). Optionally opens it with a filter (`?q=...`, as a reviewer's link would) and counts
the rows left, and saves screenshots.

    python -m aicompute.report.browser reports/appendix.html --screenshot reports/appendix.png
    python -m aicompute.report.browser reports/appendix.html --filter "needs review" --width 1400

Needs Debian's `chromium` (apt install chromium); exits 2 when it is not installed.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

# Flags for a sandbox without a display or network (as root, no background services).
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--hide-scrollbars"]
SCROLLBAR_PX = 16  # a desktop window's vertical scrollbar: a 1280 px window leaves 1264 px for the page


@dataclass
class BrowserCheck:
    plot_rendered: bool
    table_rows: int
    visible_rows: int = 0
    shown: str = ""  # the page's own "N of M papers" line
    overflow_x: int | None = None  # px of horizontal scrolling at the window width (0: fits)
    load_ms: int | None = None  # navigation start to the load event, as the page measured it
    wall_seconds: float | None = None  # the whole Chromium run (start, load, dump)
    width: int = 1280
    console: list[str] = field(default_factory=list)
    screenshot: Path | None = None
    dom: str = field(default="", repr=False)

    @property
    def ok(self) -> bool:
        return self.plot_rendered and self.table_rows > 0 and not self.console and self.overflow_x == 0


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def _run(chromium: str, profile: str, args: list[str], timeout: float) -> subprocess.CompletedProcess:
    return subprocess.run([chromium, *FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=timeout)


def _attr(tag: str, name: str) -> str | None:
    m = re.search(rf'\b{name}="([^"]*)"', tag)
    return m.group(1) if m else None


def check_report(html: Path, screenshot: Path | None = None, chromium: str | None = None,
                 timeout: float = 90, width: int = 1280, height: int = 2400, query: str | None = None,
                 status: str | None = None) -> BrowserCheck:
    chromium = chromium or find_chromium()
    if chromium is None:
        raise FileNotFoundError("no chromium found (Debian: apt install chromium)")
    url = Path(html).resolve().as_uri()
    params = {k: v for k, v in (("q", query), ("status", status)) if v}
    if params:
        url += "?" + urlencode(params)
    inner = width - SCROLLBAR_PX  # scrollbars are hidden headless: leave their width out
    with tempfile.TemporaryDirectory() as profile:
        t0 = time.perf_counter()
        dom = _run(chromium, profile, ["--enable-logging=stderr", "--v=0", f"--window-size={inner},900",
                                       "--dump-dom", url], timeout)
        wall = time.perf_counter() - t0
        if screenshot is not None:
            Path(screenshot).parent.mkdir(parents=True, exist_ok=True)
            _run(chromium, profile, [f"--window-size={width},{height}", f"--screenshot={Path(screenshot).resolve()}", url],
                 timeout)
    # Console messages (console.*, uncaught errors, CSP blocks) are logged as ...:CONSOLE...] "text"
    console = [line.split("] ", 1)[-1] for line in dom.stderr.splitlines() if ":CONSOLE" in line]
    body = re.search(r"<body[^>]*>", dom.stdout)
    tbody = re.search(r'<table class="sortable" id="paper-table">.*?<tbody>(.*?)</tbody>', dom.stdout, re.S)
    trs = re.findall(r"<tr\b[^>]*>", tbody.group(1)) if tbody else []
    shown = re.search(r'<span id="shown">([^<]*)</span>', dom.stdout)
    overflow = _attr(body.group(0), "data-overflow-x") if body else None
    load_ms = _attr(body.group(0), "data-load-ms") if body else None
    return BrowserCheck(
        plot_rendered=bool(body and 'data-plot="rendered"' in body.group(0)),
        table_rows=len(trs),
        visible_rows=sum(1 for t in trs if not re.search(r"\shidden(=|\s|>)", t)),
        shown=shown.group(1) if shown else "",
        overflow_x=int(overflow) if overflow and overflow.isdigit() else None,
        load_ms=int(load_ms) if load_ms and load_ms.isdigit() else None,
        wall_seconds=round(wall, 2),
        width=width,
        console=console,
        screenshot=Path(screenshot) if screenshot is not None and Path(screenshot).exists() else None,
        dom=dom.stdout,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check the HTML report in headless Chromium.")
    parser.add_argument("html", type=Path, nargs="?", default=Path("reports/appendix.html"))
    parser.add_argument("--screenshot", type=Path, default=None, help="save a PNG of the page here")
    parser.add_argument("--width", type=int, default=1280, help="window width in px (default 1280)")
    parser.add_argument("--height", type=int, default=2400, help="screenshot height in px (default 2400)")
    parser.add_argument("--filter", dest="query", default=None, help="open with this filter (?q=...)")
    parser.add_argument("--status", default=None, help="open with this status chosen (?status=...)")
    args = parser.parse_args(argv)
    try:
        result = check_report(args.html, args.screenshot, width=args.width, height=args.height,
                              query=args.query, status=args.status)
    except FileNotFoundError as exc:
        print(f"browser check skipped: {exc}", file=sys.stderr)
        return 2
    print(f"plot rendered: {result.plot_rendered}; table rows: {result.table_rows}; shown: {result.shown or '?'}; "
          f"horizontal overflow at {result.width} px: {result.overflow_x} px; load event: {result.load_ms} ms; "
          f"chromium run: {result.wall_seconds} s; console messages: {len(result.console)}"
          + (f"; screenshot: {result.screenshot}" if result.screenshot else ""))
    for line in result.console:
        print(f"  console: {line}")
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
