"""Bad config through the real command line: `snakemake` stops before any job, with one line that
names the entry and the problem, and nothing appears under data/ (nor at the fake arXiv).

tests/test_config.py checks the validator as a unit; these run the `snakemake` process a user runs."""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml

from arxiv_server import FakeArxiv
from conftest import ROOT

GOOD = {"arxiv": "1512.03385"}
# `name:` one space short of `arxiv:`: YAML cannot parse it (Snakemake's own message names no file or line)
BAD_YAML = 'papers:\n  - arxiv: "1512.03385"\n   name: ResNet\n'

# name: (papers, other config sections, extra command-line args, words the one line must contain)
CASES = {
    "short id": ([{"arxiv": "1512.3385"}], {}, [], ["papers[0] (arxiv: '1512.3385')", "5 digits"]),
    "prefixed id": ([GOOD, {"arxiv": "arxiv:1512.03385"}], {}, [], ["papers[1] (arxiv: 'arxiv:1512.03385')", "bare id"]),
    "path as id": ([{"arxiv": "../../etc/passwd"}], {}, [], ["papers[0] (arxiv: '../../etc/passwd')", "not an arXiv id"]),
    "empty id": ([{"arxiv": ""}], {}, [], ["papers[0] (arxiv: '')", "empty arXiv id"]),
    "newline in id": ([{"arxiv": "1512.03385\n../x"}], {}, [], ["papers[0] (arxiv: '1512.03385\\n../x')", "not an arXiv id"]),
    "non-ascii digits": ([{"arxiv": "١٥١٢.٠٣٣٨٥"}], {}, [], ["papers[0] (arxiv: '١٥١٢.٠٣٣٨٥')", "not an arXiv id"]),
    "duplicate": ([GOOD, {"arxiv": "1706.03762"}, GOOD], {}, [], ["papers[2] (arxiv: '1512.03385')", "duplicate of papers[0]"]),
    "duplicate version": ([GOOD, {"arxiv": "1512.03385v2"}], {}, [], ["papers[1] (arxiv: '1512.03385v2')", "duplicate of papers[0]"]),
    "local id as path": ([{"id": "../evil", "date": "2017-01-01", "inputs": {}}], {}, [], ["papers[0] (id: '../evil')", "must be"]),
    "unknown entry key": ([{"arxiv": "1512.03385", "nmae": "ResNet"}], {}, [], ["papers[0] (arxiv: '1512.03385')", "unknown key(s) 'nmae'"]),
    "unknown section key": ([GOOD], {"arxiv": {"delay_secs": 1}}, [], ["arxiv", "unknown key(s) 'delay_secs'"]),
    "unknown top-level key": ([GOOD], {"paper": []}, [], ["config.yaml", "unknown key(s) 'paper'"]),
    "unquoted id": ([{"arxiv": 1512.03385}], {}, [], ["papers[0] (arxiv: 1512.03385)", "in quotes", "as printed on arXiv"]),
    "string as number": ([{"arxiv": "1512.03385", "inputs": {"chips": {"value": "8", "source": "paper"}}}], {}, [],
                         ["papers[0] (arxiv: '1512.03385') inputs.chips.value", "not of type 'number'"]),
    "no papers": ([], {}, [], ["papers:", "non-empty list"]),
    "command-line override": ([GOOD], {}, ["--config", 'arxiv={"retries": "many"}'], ["arxiv.retries", "not of type 'integer'"]),
    # issue 14: a newcomer's first mistakes
    "unquoted id that lost a digit": ([{"arxiv": 1706.0376}], {}, [],  # what YAML makes of `arxiv: 1706.03760`
                                      ["papers[0] (arxiv: 1706.0376)", "in quotes", "digits may be missing", "as printed on arXiv"]),
    "misspelt arxiv key": ([{"arxiv_id": "1706.03762"}], {}, [], ["papers[0]: unknown key(s) 'arxiv_id'", "did you mean 'arxiv'?"]),
    "unknown key in inputs": ([{"arxiv": "1512.03385", "inputs": {"chip": {"value": 8, "source": "paper"}}}], {}, [],
                              ["papers[0] (arxiv: '1512.03385') inputs: unknown key(s) 'chip'", "did you mean 'chips'?"]),
    "yaml syntax error": (BAD_YAML, {}, [], ["config.yaml, line 3, column 4: ", "indentation"]),
    "yaml syntax error, settings from a second file": (BAD_YAML, {}, ["--configfile", "{workdir}/overlay.yaml"],
                                                       ["config.yaml, line 3, column 4: ", "indentation"]),
}

# What snakemake itself says before the Snakefile runs (not errors)
INFO_PREFIXES = ("Using workflow specific profile", "Config file config.yaml is extended by additional config")


def _run_case(server: FakeArxiv, workdir: Path, papers, sections, args):
    workdir.mkdir(parents=True)
    arxiv = {"api_url": server.api_url, "pdf_url": server.pdf_url, "delay_seconds": 0.1}
    if isinstance(papers, str):  # the text of config.yaml as a user typed it
        (workdir / "config.yaml").write_text(papers)
        (workdir / "overlay.yaml").write_text(yaml.safe_dump({"arxiv": arxiv}))
    else:
        config = {"papers": papers, "arxiv": arxiv}
        for key, value in sections.items():
            config[key] = {**config[key], **value} if isinstance(config.get(key), dict) and isinstance(value, dict) else value
        (workdir / "config.yaml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    cmd = [sys.executable, "-m", "snakemake", "--snakefile", str(ROOT / "Snakefile"), "--directory", str(workdir),
           "--cores", "2", *(a.replace("{workdir}", str(workdir)) for a in args)]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, env=env)


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    """All cases at once (each is a separate snakemake process in its own directory)."""
    base = tmp_path_factory.mktemp("config_cli")
    with FakeArxiv() as server:
        with ThreadPoolExecutor(max_workers=4) as pool:
            futures = {name: pool.submit(_run_case, server, base / f"case{i}", *case[:3])
                       for i, (name, case) in enumerate(CASES.items())}
            out = {name: f.result() for name, f in futures.items()}
        requests = list(server.requests)
    return {"base": base, "procs": out, "names": list(CASES), "requests": requests}


def error_lines(proc) -> list[str]:
    lines = [ln for ln in (proc.stdout + proc.stderr).splitlines() if ln.strip()]
    return [ln for ln in lines if not ln.startswith(INFO_PREFIXES)]


@pytest.mark.parametrize("name", list(CASES))
def test_bad_config_stops_with_one_line_naming_the_entry(results, name):
    proc = results["procs"][name]
    assert proc.returncode != 0
    lines = error_lines(proc)
    assert len(lines) == 1, "\n".join(lines)
    line = lines[0]
    assert line.startswith("config error: "), line
    for words in CASES[name][3]:
        assert words in line, line


@pytest.mark.parametrize("name", list(CASES))
def test_bad_config_runs_no_job(results, name):
    workdir = results["base"] / f"case{results['names'].index(name)}"
    assert not (workdir / "data").exists() or not any(p.is_file() for p in (workdir / "data").rglob("*"))
    assert not (workdir / "reports").exists()
    assert not list(workdir.glob(".snakemake/log/*.log")) or "Job stats" not in results["procs"][name].stdout


def test_no_request_reached_arxiv(results):
    assert results["requests"] == []


def test_a_good_config_gets_past_validation(tmp_path):
    """The control: the same harness with a valid entry plans the jobs (so the checks above can fail)."""
    with FakeArxiv() as server:
        proc = _run_case(server, tmp_path / "good", [GOOD], {}, ["-n"])
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert not [ln for ln in error_lines(proc) if ln.startswith("config error")]
    assert "fetch" in proc.stdout
