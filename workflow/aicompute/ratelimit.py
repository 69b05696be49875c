"""arXiv's terms, held by every process of a run: one connection at a time, and at least
`min_interval` seconds between the starts of two requests, retries included.

Snakemake runs fetch jobs as separate processes, so an in-process limiter (or a concurrency limit
such as `resources: arxiv=1`) would let two jobs hit arXiv at the same moment. Each host group (all
of arXiv's hosts form one group) has a small state file; an exclusive `flock` on it is held from the
moment a request may start until its body has been read, so no two processes talk to the group at
once, and the time of the last request start is stamped in the file. A backoff or Retry-After pause
releases the lock, so other papers' requests go on meanwhile (still spaced by the interval).

Where it holds: among processes that share the state file on one machine (a project's `data/raw`).
flock over NFS is not reliable across machines, and two checkouts of the project have two files:
on a cluster, fetching runs on the submit host (`fetch` is a localrule).

The same file remembers hosts that cannot be reached (their name does not resolve, no route, the
connection is refused): after UNREACHABLE_AFTER such failures in a row in one run, no process of
that run asks the host again (`HostUnreachable`), so an outage costs a few failed connections
instead of every paper discovering it alone. The run is named by $AICOMPUTE_RUN_ID, which the
Snakefile sets for each run (`onstart`); a later run has another id, so it tries the host again.
Without it (the library used on its own), each process is its own run.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import time
from pathlib import Path
from typing import Iterator

# Requests leave a little after the slot opens: a margin keeps the gap seen by the server at or above
# the interval despite scheduling jitter between stamping and sending. Measured at the fake server with
# 8 fetch processes on 2 cores (tests/test_faults_ratelimit.py) that jitter reached 43 ms, so 50 ms was
# too thin; 100 ms costs 3% of arXiv's 3 s.
MARGIN_SECONDS = 0.1

# Failures in a row that make a host unreachable for the rest of the run: one can be a blip, three
# against the same host with nothing in between is an outage (each costs milliseconds, not retries).
UNREACHABLE_AFTER = 3
RUN_ID_ENV = "AICOMPUTE_RUN_ID"


def current_run_id() -> str:
    """This run's id: $AICOMPUTE_RUN_ID (set by the Snakefile for the fetch jobs of one run), else
    one per process."""
    return os.environ.get(RUN_ID_ENV) or f"process-{os.getpid()}-{int(time.time())}"


class HostUnreachable(Exception):
    """The host failed UNREACHABLE_AFTER times in a row in this run for network reasons: not asked."""

    def __init__(self, host: str, cause: str, failures: int):
        super().__init__(f"{cause} (not tried: the last {failures} requests to {host} in this run failed)")
        self.host, self.cause, self.failures = host, cause, failures


class SharedRateLimiter:
    def __init__(self, state_path: str | os.PathLike, min_interval: float, run_id: str | None = None):
        self.state_path = Path(state_path)
        self.min_interval = float(min_interval)
        self.run_id = run_id or current_run_id()
        self._fh = None  # the locked state file while a request is in progress
        self.requests = 0  # request starts granted to this process

    # -- the state file -----------------------------------------------------------------------
    def _read_state(self) -> dict:
        self._fh.seek(0)
        raw = self._fh.read().strip()
        try:
            state = json.loads(raw) if raw else {}
            if isinstance(state, (int, float)):  # the format of earlier versions: the bare time
                state = {"last_request": float(state)}
            return state if isinstance(state, dict) else {}
        except ValueError:  # a damaged stamp only costs one full interval
            return {"last_request": time.time()}

    def _write_state(self, state: dict) -> None:
        self._fh.seek(0)
        self._fh.truncate()
        self._fh.write(json.dumps(state))
        self._fh.flush()

    def _acquire(self) -> None:
        self.state_path.parent.mkdir(parents=True, exist_ok=True)
        self._fh = open(self.state_path, "a+")
        fcntl.flock(self._fh, fcntl.LOCK_EX)

    def _release(self) -> None:
        if self._fh is not None:
            try:
                fcntl.flock(self._fh, fcntl.LOCK_UN)
            finally:
                self._fh.close()
                self._fh = None

    def _update_state(self, change) -> None:
        """Apply `change(state) -> bool (changed)` to the state, under the lock (held or taken briefly)."""
        held = self._fh is not None
        if not held:
            self._acquire()
        try:
            state = self._read_state()
            if change(state):
                self._write_state(state)
        finally:
            if not held:
                self._release()

    def _unreachable(self, state: dict, host: str) -> dict | None:
        entry = (state.get("unreachable") or {}).get(host)
        if isinstance(entry, dict) and entry.get("run") == self.run_id and int(entry.get("failures") or 0) >= UNREACHABLE_AFTER:
            return entry
        return None

    def _wait_for_slot(self, host: str | None = None) -> None:
        """With the lock held: sleep until the interval since the last request start has passed, then
        stamp this request's start. HostUnreachable (no wait, no stamp) for a host this run gave up."""
        state = self._read_state()
        if host and (down := self._unreachable(state, host)):
            raise HostUnreachable(host, str(down.get("cause") or "unreachable"), int(down["failures"]))
        last = float(state.get("last_request") or 0.0)
        now = time.time()
        if last > now + self.min_interval:  # clock went backwards or a bad stamp: don't sleep forever
            last = now
        if self.min_interval > 0:
            delay = last + self.min_interval + MARGIN_SECONDS - now
            if delay > 0:
                time.sleep(delay)
        state["previous_request"] = state.get("last_request")
        state["last_request"] = time.time()
        self._write_state(state)
        self.requests += 1

    # -- public -------------------------------------------------------------------------------
    @contextlib.contextmanager
    def request(self) -> Iterator["SharedRateLimiter"]:
        """Hold the host group for one request (its retries and the reading of its body included).
        Each request start inside takes a slot: `slot()` (the HTTP adapter calls it)."""
        if self._fh is not None:
            raise RuntimeError("SharedRateLimiter.request() is not re-entrant")
        self._acquire()
        try:
            yield self
        finally:
            self._release()

    def slot(self, host: str | None = None) -> None:
        """Inside `request()`: wait until a request (to `host`) may start, and stamp its start."""
        if self._fh is None:
            raise RuntimeError("slot() outside request()")
        self._wait_for_slot(host)

    def note_unreachable(self, host: str, cause: str) -> int:
        """A request to `host` failed for a network reason (`cause`, in plain words); return how many
        did in a row in this run. A count left by another run starts again from zero. Called inside
        `request()`, the failed request gives its slot back: it never reached the server, so the next
        one need not wait for it."""
        count = 0
        in_request = self._fh is not None

        def change(state: dict) -> bool:
            nonlocal count
            if in_request and "previous_request" in state:  # nobody stamped since: the lock is held
                state["last_request"] = state.pop("previous_request")
            hosts = state.get("unreachable")
            hosts = state["unreachable"] = hosts if isinstance(hosts, dict) else {}
            entry = hosts.get(host)
            if not isinstance(entry, dict) or entry.get("run") != self.run_id:
                entry = {"run": self.run_id, "failures": 0}
            count = int(entry.get("failures") or 0) + 1
            hosts[host] = {**entry, "failures": count, "cause": cause, "last": time.time()}
            return True

        self._update_state(change)
        return count

    def note_reachable(self, host: str) -> None:
        """`host` answered (any HTTP status): its count of failures in a row is over."""

        def change(state: dict) -> bool:
            hosts = state.get("unreachable")
            return isinstance(hosts, dict) and hosts.pop(host, None) is not None

        self._update_state(change)

    def unreachable(self, host: str) -> dict | None:
        """The record of `host` when this run gave it up (else None)."""
        found = None

        def change(state: dict) -> bool:
            nonlocal found
            found = self._unreachable(state, host)
            return False

        self._update_state(change)
        return found

    def retry_after(self, seconds: float) -> None:
        """Inside `request()`: pause before a retry without blocking the others, then take the next
        slot (the retry is a new request start)."""
        if self._fh is None:
            raise RuntimeError("retry_after() outside request()")
        self._release()
        if seconds > 0:
            time.sleep(seconds)
        self._acquire()
        self._wait_for_slot()

    def wait(self) -> float:
        """Take one request slot and release the group at once; return how long it waited."""
        started = time.time()
        with self.request():
            self.slot()
        return time.time() - started
