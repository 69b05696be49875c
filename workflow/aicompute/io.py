"""Files, safely: atomic writes (a reader or a crash never sees half a file) and lenient reading.

Every output of the pipeline goes through `atomic_write`: the data goes to a temporary file beside
the destination, is flushed and fsynced, and only then renamed over the final name (a rename within
one directory is atomic on POSIX). The temporary file gets the mode a plain `open()` would give
(0666 minus the umask), not `tempfile.mkstemp`'s 0600, so a group sharing the project directory can
read what the pipeline wrote. Leftovers of an interrupted write are named `.<name>.<random>.part`.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import json
import os
import secrets
from pathlib import Path
from typing import IO, Any, Callable, Iterator

PART_SUFFIX = ".part"


def partial_name(dest: Path) -> Path:
    """Where a write of `dest` in progress lives (hidden, beside it, unique per writer)."""
    return dest.parent / f".{dest.name}.{secrets.token_hex(6)}{PART_SUFFIX}"


def partial_files(dest: Path) -> list[Path]:
    """Leftovers of interrupted writes of `dest` (never `dest` itself)."""
    return sorted(dest.parent.glob(f".{dest.name}.*{PART_SUFFIX}"))


def clean_partial_files(dest: Path) -> None:
    for stale in partial_files(dest):
        stale.unlink(missing_ok=True)


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # some filesystems do not let a directory be opened: the rename is still atomic
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_write(dest: str | os.PathLike, mode: str = "w", encoding: str | None = "utf-8", newline: str | None = None) -> Iterator[IO]:
    """Open a temporary file for writing; on success it replaces `dest`, on any error it is removed.

        with atomic_write(path, "wb") as fh:
            fh.write(data)
    """
    if mode not in ("w", "wb"):
        raise ValueError(f"atomic_write mode must be 'w' or 'wb', not {mode!r}")
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = partial_name(dest)
    # O_EXCL: never write into someone else's file; 0o666: the umask decides, as for open()
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        kwargs = {} if mode == "wb" else {"encoding": encoding, "newline": newline}
        with os.fdopen(fd, mode, **kwargs) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(dest.parent)


def write_bytes_atomic(path: str | os.PathLike, data: bytes) -> None:
    with atomic_write(path, "wb") as fh:
        fh.write(data)


def write_text_atomic(path: str | os.PathLike, text: str) -> None:
    with atomic_write(path, "w") as fh:
        fh.write(text)


def write_json_atomic(path: str | os.PathLike, data: Any) -> None:
    with atomic_write(path, "w") as fh:
        json.dump(data, fh, indent=1, ensure_ascii=False)
        fh.write("\n")


def read_json(path: str | os.PathLike | None) -> dict[str, Any] | None:
    """The JSON object in `path`, or None when it is absent, unreadable or not an object (a damaged
    receipt or document is treated as missing, never as a crash)."""
    if path is None:
        return None
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def read_csv_dicts(path: str | os.PathLike) -> list[dict[str, str]]:
    """The rows of a CSV file with a header, as dicts of strings."""
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def sha256_file(path: str | os.PathLike) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# (resolved path, loader) -> ((mtime_ns, size), what the loader gave)
_KEPT: dict[tuple[str, Callable[[Path], Any]], tuple[tuple[int, int], Any]] = {}


def kept_while_unchanged(path: str | Path, load: Callable[[Path], Any]) -> Any:
    """load(path), kept in this process while the file's modification time and size are unchanged:
    tables whose loading costs more than a paper's work (the hardware table's regexes, the learned
    size weights) are loaded once by the warm worker (aicompute.worker) for all its forked jobs, once
    by a batch job, and again when the file changes. Raises OSError when the file is missing."""
    path = Path(path).resolve()
    stat = path.stat()
    stamp = (stat.st_mtime_ns, stat.st_size)
    kept = _KEPT.get((str(path), load))
    if kept is None or kept[0] != stamp:
        kept = _KEPT[str(path), load] = (stamp, load(path))
    return kept[1]
