"""What the fetch jobs of one run share about arXiv metadata, so that one API request serves many papers.

arXiv's API takes many ids in one request (`id_list=a,b,c`). The fetch stays one Snakemake job per
paper (its PDF and receipt are its declared outputs), so the jobs share, through files beside the rate
limit's state (`data/raw/.locks/metadata/<run id>/`):

- `wanted.json`: the arXiv ids this run may ask metadata for, written once before the first job
  (the Snakefile's `onstart`, `aicompute.arxiv.plan_metadata_batches`). Not a param or an input of
  the jobs: those would re-run jobs whenever the list changes.
- `<id>.json`: an entry a batch request found (the metadata and where it came from).
- `<id>.missing.json`: an id a batch asked for and did not get a usable entry for; its own job asks
  for it alone, so its failure is its own, with its own message.
- `off.json`: batching was turned off for this run (a batch request failed permanently).
- `lock`: an exclusive flock while a job decides on and makes a batch request; the others wait for it
  (their ids are likely in it) instead of asking again.

Without a run id or a `wanted.json` (the library used alone, a job on a cluster node) nothing is
shared and each paper asks for its own metadata, as before. Files of earlier runs are removed when
a run starts (`sweep`). Every write is atomic: a job that reads an `<id>.json` without the lock sees
a whole file or none.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
import time
from pathlib import Path
from typing import Any, Iterable, Iterator

from .io import read_json, write_json_atomic

FOLDER = "metadata"
# A run's files are removed by the next run that starts once they are this old (Snakemake's lock on
# the working directory keeps two runs from running at once, unless --nolock).
STALE_SECONDS = 600.0


def _safe(name: str) -> str:
    """A file name for a run id or an arXiv id (old-style ids have a '/')."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", name)


class RunMetadataStore:
    def __init__(self, state_dir: str | os.PathLike, run_id: str):
        self.root = Path(state_dir) / FOLDER
        self.dir = self.root / _safe(run_id)
        self.run_id = run_id

    # -- the plan ---------------------------------------------------------------------------
    def plan(self, ids: Iterable[str], batch_size: int) -> Path:
        path = self.dir / "wanted.json"
        write_json_atomic(path, {"run": self.run_id, "batch_size": batch_size, "ids": list(ids)})
        return path

    def planned(self) -> bool:
        return (self.dir / "wanted.json").is_file()

    def wanted(self) -> list[str]:
        data = read_json(self.dir / "wanted.json") or {}
        ids = data.get("ids")
        return [i for i in ids if isinstance(i, str)] if isinstance(ids, list) else []

    # -- what batches found -----------------------------------------------------------------
    def _entry(self, arxiv_id: str) -> Path:
        return self.dir / f"{_safe(arxiv_id)}.json"

    def _missing(self, arxiv_id: str) -> Path:
        return self.dir / f"{_safe(arxiv_id)}.missing.json"

    def cached(self, arxiv_id: str) -> dict[str, Any] | None:
        data = read_json(self._entry(arxiv_id))
        return data if data and data.get("arxiv_id") == arxiv_id and isinstance(data.get("metadata"), dict) else None

    def missing(self, arxiv_id: str) -> dict[str, Any] | None:
        return read_json(self._missing(arxiv_id))

    def off(self) -> dict[str, Any] | None:
        return read_json(self.dir / "off.json")

    def turn_off(self, reason: str) -> None:
        write_json_atomic(self.dir / "off.json", {"reason": reason, "at": time.time()})

    def save(self, found: dict[str, dict], missing: dict[str, str], request: dict[str, Any]) -> None:
        for arxiv_id, metadata in found.items():
            write_json_atomic(self._entry(arxiv_id), {"arxiv_id": arxiv_id, "metadata": metadata})
        for arxiv_id, why in missing.items():
            write_json_atomic(self._missing(arxiv_id), {"arxiv_id": arxiv_id, "why": why, "request": request})

    def pending(self, own: str, limit: int) -> list[str]:
        """`own` and then the wanted ids no batch has asked for yet, at most `limit` in all."""
        try:
            done = {name for name in os.listdir(self.dir) if name.endswith(".json")}
        except OSError:
            done = set()
        ids, seen = [own], {own}
        for arxiv_id in self.wanted():
            if len(ids) >= limit:
                break
            safe = _safe(arxiv_id)
            if arxiv_id in seen or f"{safe}.json" in done or f"{safe}.missing.json" in done:
                continue
            seen.add(arxiv_id)
            ids.append(arxiv_id)
        return ids

    @contextlib.contextmanager
    def locked(self) -> Iterator["RunMetadataStore"]:
        self.dir.mkdir(parents=True, exist_ok=True)
        with open(self.dir / "lock", "a+") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield self
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    # -- housekeeping -----------------------------------------------------------------------
    def sweep(self, older_than: float = STALE_SECONDS, now: float | None = None) -> list[Path]:
        """Remove the files of other runs not touched for `older_than` seconds; return what went."""
        now = time.time() if now is None else now
        gone = []
        try:
            folders = [p for p in self.root.iterdir() if p.is_dir() and p != self.dir]
        except OSError:
            return gone
        for folder in folders:
            try:
                newest = max([folder.stat().st_mtime] + [p.stat().st_mtime for p in folder.iterdir()])
            except OSError:
                continue
            if now - newest >= older_than:
                shutil.rmtree(folder, ignore_errors=True)
                gone.append(folder)
        return gone
