"""Open the report in headless Chromium: the plot must decode, the table must be there, and the
console must stay silent (no script errors, no blocked loads). Also saves a screenshot.

    python -m aicompute.report.browser reports/appendix.html --screenshot reports/appendix.png

Needs Debian's `chromium` (apt install chromium); exits 2 when it is not installed.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

# Flags for a sandbox without a display or network (as root, no background services).
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--hide-scrollbars"]


@dataclass
class BrowserCheck:
    plot_rendered: bool
    table_rows: int
    console: list[str] = field(default_factory=list)
    screenshot: Path | None = None

    @property
    def ok(self) -> bool:
        return self.plot_rendered and self.table_rows > 0 and not self.console


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def _run(chromium: str, profile: str, args: list[str], timeout: float) -> subprocess.CompletedProcess:
    return subprocess.run([chromium, *FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=timeout)


def check_report(html: Path, screenshot: Path | None = None, chromium: str | None = None,
                 timeout: float = 90, width: int = 1280, height: int = 2400) -> BrowserCheck:
    chromium = chromium or find_chromium()
    if chromium is None:
        raise FileNotFoundError("no chromium found (Debian: apt install chromium)")
    url = Path(html).resolve().as_uri()
    with tempfile.TemporaryDirectory() as profile:
        dom = _run(chromium, profile, ["--enable-logging=stderr", "--v=0", "--dump-dom", url], timeout)
        if screenshot is not None:
            Path(screenshot).parent.mkdir(parents=True, exist_ok=True)
            _run(chromium, profile, [f"--window-size={width},{height}", f"--screenshot={Path(screenshot).resolve()}", url],
                 timeout)
    # Console messages (console.*, uncaught errors, CSP blocks) are logged as ...:CONSOLE...] "text"
    console = [line.split("] ", 1)[-1] for line in dom.stderr.splitlines() if ":CONSOLE" in line]
    body = re.search(r"<body[^>]*>", dom.stdout)
    rows = re.search(r'<table class="sortable" id="paper-table">.*?<tbody>(.*?)</tbody>', dom.stdout, re.S)
    return BrowserCheck(
        plot_rendered=bool(body and 'data-plot="rendered"' in body.group(0)),
        table_rows=rows.group(1).count("<tr>") if rows else 0,
        console=console,
        screenshot=Path(screenshot) if screenshot is not None and Path(screenshot).exists() else None,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check the HTML report in headless Chromium.")
    parser.add_argument("html", type=Path, nargs="?", default=Path("reports/appendix.html"))
    parser.add_argument("--screenshot", type=Path, default=None, help="save a PNG of the page here")
    args = parser.parse_args(argv)
    try:
        result = check_report(args.html, args.screenshot)
    except FileNotFoundError as exc:
        print(f"browser check skipped: {exc}", file=sys.stderr)
        return 2
    print(f"plot rendered: {result.plot_rendered}; table rows: {result.table_rows}; "
          f"console messages: {len(result.console)}" + (f"; screenshot: {result.screenshot}" if result.screenshot else ""))
    for line in result.console:
        print(f"  console: {line}")
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
