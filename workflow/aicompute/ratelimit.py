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


class SharedRateLimiter:
    def __init__(self, state_path: str | os.PathLike, min_interval: float):
        self.state_path = Path(state_path)
        self.min_interval = float(min_interval)
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

    def _wait_for_slot(self) -> None:
        """With the lock held: sleep until the interval since the last request start has passed, then
        stamp this request's start."""
        state = self._read_state()
        last = float(state.get("last_request") or 0.0)
        now = time.time()
        if last > now + self.min_interval:  # clock went backwards or a bad stamp: don't sleep forever
            last = now
        if self.min_interval > 0:
            delay = last + self.min_interval + MARGIN_SECONDS - now
            if delay > 0:
                time.sleep(delay)
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

    def slot(self) -> None:
        """Inside `request()`: wait until a request may start, and stamp its start."""
        if self._fh is None:
            raise RuntimeError("slot() outside request()")
        self._wait_for_slot()

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
