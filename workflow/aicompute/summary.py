"""The console summary at the end of a run (the Snakefile's `onsuccess`/`onerror`): what this run
fetched, what failed and why (papers counted by cause), which failures from earlier runs still stand,
how many papers have an estimate and where the report is; and the exit status: a run that tried to
fetch papers and got none exits 1, so a script or CI notices that the network was not there.

It reads only files (the receipts under data/raw, estimates.csv, trend.json): the fetch jobs are
separate processes. A receipt belongs to this run when its `run` is this run's id
($AICOMPUTE_RUN_ID, which the Snakefile's `onstart` sets before any job starts).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .io import read_csv_dicts, read_json
from .ratelimit import RUN_ID_ENV

# Papers named per cause before "and N more": a line stays readable with 19 papers behind it.
NAMED_PER_CAUSE = 6


def new_run_id() -> str:
    """An id for one run of the workflow: its start time and something random (two runs that start
    in the same second on one machine are still two runs)."""
    return f"{dt.datetime.now(dt.timezone.utc):%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


def start_run(run: dict) -> None:
    """Name this run for the jobs it starts (they inherit the environment); `run` (the Snakefile's
    record of the run) gets the id and the start time."""
    os.environ[RUN_ID_ENV] = run["id"] = new_run_id()
    run["started"] = time.time()


def print_summary(papers: Iterable, run: dict, succeeded: bool, stream=None) -> int:
    """Print the summary of `run` (see start_run) to stderr; return the exit status it asks for.
    Never raises: a summary must not hide how the run ended."""
    try:
        summary = summarize(papers, run_id=run.get("id"), started=run.get("started"), succeeded=succeeded)
    except Exception as exc:  # noqa: BLE001
        print(f"(no run summary: {type(exc).__name__}: {exc})", file=stream or sys.stderr)
        return 0
    print(summary.text(), file=stream or sys.stderr)
    return summary.exit_code


@dataclass
class RunSummary:
    lines: list[str] = field(default_factory=list)
    exit_code: int = 0
    fetched: list[str] = field(default_factory=list)  # fetched by this run
    already: list[str] = field(default_factory=list)  # fetched by an earlier run
    failed: dict[str, list[str]] = field(default_factory=dict)  # this run's failures, by cause
    failed_before: dict[str, list[str]] = field(default_factory=dict)  # earlier failures not tried again

    def text(self) -> str:
        return "\n".join(self.lines)


def _cause(receipt: dict) -> str:
    from .arxiv import short_cause  # receipts of earlier versions have no `cause`

    return str(receipt.get("cause") or short_cause(receipt.get("error") or "unknown"))


def _names(keys: list[str]) -> str:
    shown = ", ".join(keys[:NAMED_PER_CAUSE])
    return shown + (f" and {len(keys) - NAMED_PER_CAUSE} more" if len(keys) > NAMED_PER_CAUSE else "")


def _papers(n: int) -> str:
    return f"{n} paper{'s' if n != 1 else ''}"


def _when(iso: str | None) -> str:
    try:
        return dt.datetime.fromisoformat(str(iso)).astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    except ValueError:
        return "the cool-down (arxiv.retry_failed_after_minutes)"


def _estimates(csv_path: Path) -> tuple[int, int, dict[str, int]] | None:
    """(rows, rows with an estimate, rows per short status) of estimates.csv, None when absent. The
    status is the one the report's table shows (an `ok` the report flags counts as needs review), so
    the console and the report give the same counts."""
    from .report.review import display_status, review_reasons

    try:
        rows = read_csv_dicts(csv_path)
    except (OSError, ValueError):
        return None
    statuses: dict[str, int] = defaultdict(int)
    for row in rows:
        statuses[display_status(row, review_reasons(row, None, None))] += 1
    return len(rows), sum(1 for r in rows if (r.get("compute_flop") or "").strip()), dict(statuses)


def summarize(
    papers: Iterable,
    raw_dir: str | os.PathLike = "data/raw",
    estimates_csv: str | os.PathLike = "data/processed/estimates.csv",
    trend_json: str | os.PathLike = "data/processed/trend.json",
    report_html: str | os.PathLike = "reports/appendix.html",
    run_id: str | None = None,
    started: float | None = None,
    succeeded: bool = True,
) -> RunSummary:
    """The summary of the run `run_id` over the config's `papers` (aicompute.config.Paper).
    `started` (time.time() at the run's start) tells outputs of this run from older ones when the
    run failed; `succeeded`: whether every job of the run succeeded (onsuccess) or not (onerror)."""
    run_id = run_id if run_id is not None else os.environ.get(RUN_ID_ENV)
    raw_dir = Path(raw_dir)
    s = RunSummary()
    failed: dict[str, list[str]] = defaultdict(list)
    before: dict[str, list[str]] = defaultdict(list)
    permanent: list[tuple[str, str]] = []
    cooling: list[tuple[str, str]] = []  # (key, retry_after) of transient failures of this run
    missing: list[str] = []
    total = 0
    for paper in papers:
        if not paper.has_document:
            continue
        total += 1
        receipt = read_json(raw_dir / f"{paper.key}.meta.json")
        if not receipt:
            missing.append(paper.key)
            continue
        this_run = bool(run_id) and receipt.get("run") == run_id
        if receipt.get("status") == "ok":
            (s.fetched if this_run else s.already).append(paper.key)
            continue
        cause = _cause(receipt)
        if receipt.get("permanent"):
            permanent.append((paper.key, str(receipt.get("error") or cause)))
        (failed if this_run else before)[cause].append(paper.key)
        if this_run and not receipt.get("permanent"):
            cooling.append((paper.key, receipt.get("retry_after")))
    s.failed, s.failed_before = dict(failed), dict(before)
    n_failed = sum(len(v) for v in failed.values())

    out = s.lines
    out.append("Run summary" + ("" if succeeded else " (the run stopped early: see the error above)") + ":")
    fetched = f"  fetched {_papers(len(s.fetched))}"
    extra = [f"{len(s.already)} already here"] if s.already else []
    if missing:
        extra.append(f"{len(missing)} not fetched yet")
    line = fetched + (f" ({', '.join(extra)})" if extra else "") + f", {n_failed} failed"
    out.append(line + (":" if failed else ""))
    for cause, keys in sorted(failed.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        out.append(f"    {len(keys)} x {cause}: {_names(keys)}")
    for key, error in permanent:
        if key in sum(failed.values(), []):
            out.append(f"  {key}: {error} (permanent: {_permanent_hint(error)})")
    if cooling:
        due = max((r for _, r in cooling if r), default=None)
        keys = [k for k, _ in cooling]
        force = (" ".join(f"data/raw/{k}.meta.json" for k in keys) if len(keys) <= 3
                 else "$(grep -l '\"status\": \"failed\"' data/raw/*.meta.json)")
        out.append(f"  the failed fetches are tried again by the first run after {_when(due)}; to try now: "
                   f"snakemake --cores 8 --forcerun {force}")
    earlier = sum(len(v) for v in before.values())
    if earlier:
        out.append(f"  {_papers(earlier)} failed in an earlier run and {'was' if earlier == 1 else 'were'} not tried again:")
        for cause, keys in sorted(before.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            error = next((e for k, e in permanent if k in keys), None)
            hint = f" (permanent: {_permanent_hint(error)})" if error and len(keys) == 1 else ""
            out.append(f"    {len(keys)} x {error if hint else cause}{hint}: {_names(keys)}")

    est = _estimates(Path(estimates_csv))
    stale = lambda p: started is not None and (not Path(p).exists() or Path(p).stat().st_mtime < started)  # noqa: E731
    if est is not None:
        rows, with_estimate, statuses = est
        try:
            in_fit = json.loads(Path(trend_json).read_text()).get("n")
        except (OSError, ValueError, AttributeError):
            in_fit = None
        fit = f", {in_fit} in the trend fit" if isinstance(in_fit, int) else ""
        by_status = ", ".join(f"{n} {k}" for k, n in sorted(statuses.items(), key=lambda kv: -kv[1]))
        old = " (from an earlier run)" if not succeeded and stale(estimates_csv) else ""
        out.append(f"  papers with an estimate: {with_estimate} of {rows}{fit} ({by_status}){old}")
    if Path(report_html).exists():
        old = " (not updated by this run)" if not succeeded and stale(report_html) else ""
        out.append(f"  report: {report_html}{old}")
    else:
        out.append(f"  report: not written ({report_html} does not exist)")

    attempted = len(s.fetched) + n_failed
    if succeeded and attempted and not s.fetched:
        s.exit_code = 1
        out.append(f"  nothing could be fetched ({n_failed} of {n_failed} failed): exit status 1")
    return s


def _permanent_hint(error: str) -> str:
    text = error.lower()
    if "has no paper" in text or "api error" in text:
        return "check the id in config.yaml: it must be the id as printed on arXiv"
    if "withdrawn" in text:
        return "the authors withdrew it; pin an earlier version (\"<id>v1\") to use it"
    if "larger than" in text:
        return "raise arxiv.max_pdf_megabytes to fetch it"
    return "not asked again until the entry or an arxiv: setting changes"
