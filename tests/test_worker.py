"""The warm worker (aicompute.worker) and its client (workflow/scripts/run.py): a job handed over runs
as `python <script> <args>` would (argv, working directory, environment, stdout/stderr, exit status),
and a job whose process is killed does not go on in the worker."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "workflow"))

from aicompute import worker  # noqa: E402

SCRIPTS = ROOT / "workflow" / "scripts"
PROBE = """
import os, sys, time
print("argv", sys.argv[1:], "cwd", os.getcwd(), "env", os.environ.get("PROBE_VALUE"), "pid", os.getpid(), flush=True)
print("to stderr", file=sys.stderr)
if sys.argv[1] == "sleep":
    time.sleep(30)
    open("finished", "w").write("yes")
if sys.argv[1] == "fail":
    sys.exit("aicompute: a one-line reason")
if sys.argv[1] == "crash":
    raise ValueError("boom")
sys.exit(int(sys.argv[2]) if len(sys.argv) > 2 else 0)
"""


@pytest.fixture()
def probe(tmp_path):
    path = tmp_path / "probe.py"  # run.py takes a script beside it or, as here, an absolute path
    path.write_text(PROBE)
    return str(path)


@pytest.fixture()
def server(monkeypatch):
    proc = worker.start()
    assert proc is not None
    path = os.environ[worker.SOCKET_ENV]
    deadline = time.monotonic() + 60
    while not os.path.exists(path):  # bound before the preloads, so jobs may come at once
        assert time.monotonic() < deadline and proc.poll() is None
        time.sleep(0.05)
    yield proc, path
    worker.stop(proc)


def run(script, *args, cwd, env_extra=None, **kw):
    env = {**os.environ, "PROBE_VALUE": "from the job", **(env_extra or {})}
    return subprocess.Popen([sys.executable, "-S", str(SCRIPTS / "run.py"), script, *args], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def test_a_job_runs_in_the_worker_as_it_would_alone(server, probe, tmp_path):
    proc, _ = server
    job = run(probe, "hello", "3", cwd=tmp_path)
    out, err = job.communicate(timeout=60)
    assert job.returncode == 3
    assert f"argv ['hello', '3'] cwd {tmp_path} env from the job" in out and "to stderr" in err
    child_pid = int(out.split("pid ")[1].split()[0])
    assert child_pid not in (job.pid, proc.pid)  # a process forked by the worker, not the job's own


def test_arguments_and_environment_arrive_as_given(server, probe, tmp_path):
    """The request is NUL-separated bytes (run.py imports no json): empty, non-ASCII and '='-holding
    arguments and values arrive unchanged."""
    job = run(probe, "naïve=1 'q'", "4", "", cwd=tmp_path, env_extra={"PROBE_VALUE": "a=b=c é"})
    out, _ = job.communicate(timeout=60)
    assert job.returncode == 4
    assert f"argv [\"naïve=1 'q'\", '4', ''] cwd {tmp_path} env a=b=c é" in out


def test_exit_messages_and_crashes_are_reported_like_python(server, probe, tmp_path):
    job = run(probe, "fail", cwd=tmp_path)
    _, err = job.communicate(timeout=60)
    assert job.returncode == 1 and "aicompute: a one-line reason" in err
    job = run(probe, "crash", cwd=tmp_path)
    _, err = job.communicate(timeout=60)
    assert job.returncode == 1 and "ValueError: boom" in err


def test_without_the_worker_the_job_runs_in_its_own_process(probe, tmp_path, monkeypatch):
    monkeypatch.setenv(worker.SOCKET_ENV, str(tmp_path / "no-such-socket"))
    job = run(probe, "alone", "0", cwd=tmp_path)
    out, _ = job.communicate(timeout=60)
    assert job.returncode == 0 and int(out.split("pid ")[1].split()[0]) == job.pid  # exec'd in place


def test_a_killed_job_does_not_go_on_in_the_worker(server, probe, tmp_path):
    job = run(probe, "sleep", cwd=tmp_path)
    line = job.stdout.readline()
    child_pid = int(line.split("pid ")[1].split()[0])
    job.send_signal(signal.SIGKILL)
    job.wait(timeout=10)
    deadline = time.monotonic() + 10
    while True:
        try:
            os.kill(child_pid, 0)
        except ProcessLookupError:
            break
        # a zombie until the worker reaps it (within its 0.5 s accept timeout) counts as gone
        if Path(f"/proc/{child_pid}/stat").exists() and Path(f"/proc/{child_pid}/stat").read_text().split()[2] == "Z":
            break
        assert time.monotonic() < deadline, "the forked job outlived its job process"
        time.sleep(0.1)
    assert not (tmp_path / "finished").exists()


MODULES_PROBE = """
import sys
print(" ".join(m for m in sys.argv[1:] if m in sys.modules))
"""


def test_the_summary_steps_imports_are_loaded_when_the_worker_is_idle_not_before(server, tmp_path):
    """matplotlib (plot) costs ~1.5 s to import: the worker loads it while it has nothing to do (as
    while collect runs), not at its start when the per-paper jobs need the cores."""
    script = tmp_path / "modules.py"
    script.write_text(MODULES_PROBE)
    later = list(worker.PRELOAD_WHEN_IDLE)
    job = run(str(script), *later, cwd=tmp_path)  # at once: only the per-paper preloads are in
    out, _ = job.communicate(timeout=60)
    assert job.returncode == 0 and "aicompute.report.plot" not in out.split()
    deadline = time.monotonic() + 60
    while True:  # idle now: one module per idle interval
        time.sleep(worker.IDLE_SECONDS)
        job = run(str(script), *later, cwd=tmp_path)
        out, _ = job.communicate(timeout=60)
        if out.split() == later:
            break
        assert time.monotonic() < deadline, out


def test_a_local_run_drops_snakemakes_default_job_rate_limit_but_not_the_users():
    """The default limit (100/1s) makes Snakemake re-run its scheduler on piling-up timers (most of its
    CPU in a run of many papers); a limit the user gave is theirs to keep."""
    from types import SimpleNamespace

    from snakemake.settings.types import MaxJobsPerTimespan

    def workflow(limit):
        return SimpleNamespace(scheduling_settings=SimpleNamespace(max_jobs_per_timespan=limit),
                               scheduler=SimpleNamespace(job_rate_limiter=object()))

    default = workflow(MaxJobsPerTimespan.parse_choice("100/1s"))
    worker.without_job_rate_limit(default)
    assert default.scheduler.job_rate_limiter is None
    chosen = workflow(MaxJobsPerTimespan.parse_choice("5/1s"))
    worker.without_job_rate_limit(chosen)
    assert chosen.scheduler.job_rate_limiter is not None
