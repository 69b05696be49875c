"""A rate limit shared by every process of a run: at most one request per `min_interval` seconds.

Snakemake runs fetch jobs as separate processes, so an in-process limiter (or a concurrency limit)
would let two jobs hit arXiv at the same moment. The time of the last request lives in a small state
file; an exclusive flock on it serializes the "wait, then stamp" step across processes. The lock is
held only while waiting, never during the request itself.
"""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path

# Requests leave a little after the slot opens: a margin keeps the gap seen by the server at or above
# the interval despite scheduling jitter between stamping and sending. Measured at the fake server with
# 8 fetch processes on 2 cores (tests/test_faults_ratelimit.py) that jitter reached 43 ms, so 50 ms was
# too thin; 100 ms costs 3% of arXiv's 3 s.
MARGIN_SECONDS = 0.1


class SharedRateLimiter:
    def __init__(self, state_path: str | os.PathLike, min_interval: float):
        self.state_path = Path(state_path)
        self.min_interval = float(min_interval)

    def wait(self) -> float:
        """Block until this process may send a request; return how long it waited (seconds)."""
        if self.min_interval <= 0:
            return 0.0
        self.state_path.parent.mkdir(parents=True, exist_ok=True)
        started = time.time()
        with open(self.state_path, "a+") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                fh.seek(0)
                try:
                    last = float(fh.read().strip() or 0)
                except ValueError:  # a damaged stamp only costs one full interval
                    last = time.time()
                now = time.time()
                if last > now + self.min_interval:  # clock went backwards or bad stamp: don't sleep forever
                    last = now
                delay = last + self.min_interval + MARGIN_SECONDS - now
                if delay > 0:
                    time.sleep(delay)
                fh.seek(0)
                fh.truncate()
                fh.write(f"{time.time():.6f}")
                fh.flush()
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)
        return time.time() - started
