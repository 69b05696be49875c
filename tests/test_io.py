"""aicompute.io: what a process keeps of a table file between jobs."""

from __future__ import annotations

import os

import pytest

from aicompute.io import kept_while_unchanged


def test_a_loaded_file_is_kept_until_it_changes_and_each_loader_keeps_its_own(tmp_path):
    path = tmp_path / "table.csv"
    path.write_text("a\n")
    calls = []

    def load(p):
        calls.append(p)
        return p.read_text()

    assert kept_while_unchanged(path, load) == "a\n"
    assert kept_while_unchanged(str(path), load) == "a\n" and len(calls) == 1  # same file, same loader: kept
    path.write_text("bb\n")
    assert kept_while_unchanged(path, load) == "bb\n" and len(calls) == 2  # changed: loaded again
    assert kept_while_unchanged(path, lambda p: "other") == "other"  # another loader, its own result
    os.utime(path, ns=(1, 1))
    assert kept_while_unchanged(path, load) == "bb\n" and len(calls) == 3  # a new mtime alone reloads
    with pytest.raises(OSError):
        kept_while_unchanged(tmp_path / "absent.csv", load)
