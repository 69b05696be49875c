"""A warm Python for the per-paper jobs of a local run: imports once, forks a process per job.

A fetch, extract or estimate job spends more CPU starting Python and importing the package (pdf
libraries, numpy, requests, the extraction rules: ~1 s for extract) than many papers take to extract.
In a local run the Snakefile's `onstart` starts this server; each job's command
(`python -S workflow/scripts/run.py <script> ...`, stdlib only, ~0.03 s) hands its script, arguments,
working directory, environment and its stdin/stdout/stderr over a Unix socket; the server forks and
the child runs the script exactly as `python <script> ...` would (same argv, files, log, exit
status), with everything already imported. Snakemake still sees one job per paper with its declared
outputs; only the process that does the work is cheaper to start.

Safety:
- A child whose job process goes away (Snakemake stops or kills the job) ends at once, as the job's
  own process would have.
- The server ends with the run (`stop`), or by itself when the Snakemake process that started it is
  gone.
- Without the server (not started, gone, a Slurm job: jobs there run on their node), run.py runs the
  script in its own process, as before.
"""

from __future__ import annotations

import importlib
import os
import resource
import runpy
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

SOCKET_ENV = "AICOMPUTE_WORKER"
# What the per-paper scripts import: loaded once, before the first fork.
# The pdf libraries too: aicompute.pdftext imports them on first use (0.3 s of CPU per extract job).
PRELOAD = ("aicompute.jobs", "aicompute.stages", "aicompute.extract", "aicompute.pdftext",
           "aicompute.estimate_stage", "aicompute.arxiv", "aicompute.config", "argparse", "ast",
           "aicompute.sizes_ranker", "pdfplumber", "pypdfium2")
# What the summary steps run through the server import (trend, plot: matplotlib alone takes ~1.5 s):
# loaded once the server has had no job for IDLE_SECONDS, i.e. while `collect` (not run through the
# server) reads the estimates, so the plot job, last but one on the run's critical path, starts warm.
# Not before the first fork: the per-paper jobs need the cores at the start of a run.
PRELOAD_WHEN_IDLE = ("aicompute.trend", "aicompute.report.plot")
IDLE_SECONDS = 0.5
STARTUP_SECONDS = 5
_HEADER = struct.Struct("!I")
# The server's main: workflow/ on the path (not the package's own folder: its io.py, config.py...).
_MAIN = "import sys; sys.path.insert(0, sys.argv[1]); from aicompute.worker import serve; serve(sys.argv[2], int(sys.argv[3]))"


def start(log_path: str | Path | None = None) -> subprocess.Popen | None:
    """Start a server for this process's jobs: sets $AICOMPUTE_WORKER (jobs inherit it) and returns
    the server process. None (jobs then run in their own processes) if it cannot be started."""
    folder = tempfile.mkdtemp(prefix="aicompute-worker-")
    path = os.path.join(folder, "socket")
    stderr = subprocess.DEVNULL
    if log_path:
        Path(log_path).parent.mkdir(parents=True, exist_ok=True)
        stderr = open(log_path, "w")  # noqa: SIM115 - the server writes to it for the whole run
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}  # no thread pools to fork
    try:
        proc = subprocess.Popen([sys.executable, "-c", _MAIN, str(Path(__file__).resolve().parent.parent), path,
                                 str(os.getpid())], stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=stderr, env=env, start_new_session=True)
    except OSError:
        return None
    # Wait (~0.1 s) until it listens: a job that finds no socket runs in a cold process of its own
    # (0.5 s of CPU more), as the first jobs of a run did.
    deadline = time.monotonic() + STARTUP_SECONDS
    while not os.path.exists(path) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    os.environ[SOCKET_ENV] = path
    return proc


def without_job_rate_limit(workflow) -> None:
    """Drop Snakemake's job rate limit (`--max-jobs-per-timespan`, default 100/1s) in a local run,
    unless the user set one. With a limit, every scheduling round that leaves jobs waiting for a
    core starts a 1 s timer for another round; the timers pile up (one more per job that finishes),
    and each round re-evaluates every waiting job's params and checks every input's size: with a
    queue of papers, tens of rounds a second, most of the Snakemake process's CPU. A local run is
    bounded by its cores; without the limit a round runs when a job finishes or is submitted."""
    limit = getattr(workflow.scheduling_settings, "max_jobs_per_timespan", None)
    if limit is not None and (limit.max_jobs, limit.timespan) != (100, 1):
        return  # (the user's choice)
    scheduler = getattr(workflow, "scheduler", None)
    if scheduler is not None and getattr(scheduler, "job_rate_limiter", None) is not None:
        scheduler.job_rate_limiter = None


def stop(proc: subprocess.Popen | None) -> None:
    """End the server (jobs still running in its children finish on their own)."""
    os.environ.pop(SOCKET_ENV, None)
    if proc is not None and proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()


def _recv_request(conn: socket.socket) -> tuple[dict, list[int]]:
    """A job's request (see workflow/scripts/run.py) and its stdin, stdout, stderr."""
    data, fds, _flags, _addr = socket.recv_fds(conn, 1 << 16, 3)
    while len(data) < _HEADER.size:
        more = conn.recv(1 << 16)
        if not more:
            raise EOFError("the job went away")
        data += more
    (size,) = _HEADER.unpack_from(data)
    data = data[_HEADER.size:]
    while len(data) < size:
        more = conn.recv(1 << 16)
        if not more:
            raise EOFError("the job went away")
        data += more
    fields = [os.fsdecode(f) for f in data[:size].split(b"\0")]
    script, cwd, count = fields[0], fields[1], int(fields[2])
    env = dict(item.split("=", 1) for item in fields[3 + count:] if "=" in item)
    return {"script": script, "cwd": cwd, "args": fields[3:3 + count], "env": env}, fds


def _end_with_the_job(conn: socket.socket) -> None:
    """In the child: end as soon as the job's process is gone (its end of the socket closes)."""
    try:
        while conn.recv(1 << 12):
            pass
    except OSError:
        pass
    os._exit(1)


def _run_job(conn: socket.socket) -> None:
    """In the child: run the job's script as `python <script> <args>` would, then send the exit status."""
    code = 1
    started = time.time()
    log_fd = os.dup(2)  # the worker's log (fd 2 becomes the job's stderr below)
    try:
        request, fds = _recv_request(conn)
        for target, fd in enumerate(fds[:3]):
            os.dup2(fd, target)
            os.close(fd)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        script = request["script"]
        sys.argv = [script, *request["args"]]
        sys.path.insert(0, os.path.dirname(script))  # as for `python <script>`
        threading.Thread(target=_end_with_the_job, args=(conn,), daemon=True).start()
        try:
            runpy.run_path(script, run_name="__main__")
            code = 0
        except SystemExit as exc:
            if exc.code is None or isinstance(exc.code, int):
                code = exc.code or 0
            else:  # sys.exit("message"): Python prints it and exits 1
                print(exc.code, file=sys.stderr)
                code = 1
        except BaseException:  # noqa: BLE001 - reported as Python would (the script's excepthook)
            sys.excepthook(*sys.exc_info())
            code = 1
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:  # noqa: BLE001
                pass
        _note_job(log_fd, code, started)
        conn.sendall(str(code).encode())
    except BaseException:  # noqa: BLE001 - never return into the server's loop
        code = 1
    finally:
        os._exit(code)


def _note_job(log_fd: int, code: int, started: float) -> None:
    """One line per job in the worker's log: script, exit status, CPU, start (epoch) and wall time,
    the job's log (it names the paper). The benchmark sums them by script (where a run's CPU goes)."""
    try:
        usage = resource.getrusage(resource.RUSAGE_SELF)  # this job's process only (a fork starts at 0)
        args = sys.argv[1:]
        log = next((a.split("=", 1)[1] if "=" in a else args[i + 1] for i, a in enumerate(args)
                    if a.split("=", 1)[0] == "--log" and ("=" in a or i + 1 < len(args))), "")
        os.write(log_fd, f"worker job: {os.path.basename(sys.argv[0])} exit {code} "
                         f"cpu {usage.ru_utime + usage.ru_stime:.3f} s wall {time.time() - started:.3f} s "
                         f"from {started:.3f} {log}\n".encode())
    except Exception:  # noqa: BLE001 - a note, never a reason to fail the job
        pass


def _reap() -> None:
    try:
        while os.waitpid(-1, os.WNOHANG)[0]:
            pass
    except ChildProcessError:
        pass


def _preload(names) -> None:
    for name in names:
        try:
            importlib.import_module(name)
        except Exception as exc:  # noqa: BLE001 - the job imports it again and reports the problem
            print(f"worker: cannot preload {name}: {exc}", file=sys.stderr)


def _load_tables() -> None:
    """What every extract and estimate job would build for itself: the project's hardware table (its
    regexes: 0.2 s of CPU), the estimate's default tables and the learned size weights (0.07 s), kept
    by the package per process."""
    try:
        from aicompute.estimate import default_tables
        from aicompute.hardware import DATA_DIR
        from aicompute.sizes_ranker import default_ranker
        from aicompute.stages import hardware_table

        hardware_table(DATA_DIR / "hardware.csv")
        default_tables()
        default_ranker()
    except Exception as exc:  # noqa: BLE001 - the job loads them itself and reports the problem
        print(f"worker: cannot preload the tables: {exc}", file=sys.stderr)


def serve(path: str, parent_pid: int) -> None:
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(128)  # jobs that come while the imports below run wait here
    _preload(PRELOAD)
    _load_tables()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    listener.settimeout(IDLE_SECONDS)
    later = list(PRELOAD_WHEN_IDLE)
    jobs = 0
    try:
        while os.getppid() == parent_pid:
            _reap()  # (waited for, not ignored: their CPU time counts in the run's, as a job's would)
            try:
                conn, _addr = listener.accept()
            except socket.timeout:
                if later:
                    _preload([later.pop(0)])
                continue
            conn.settimeout(None)
            jobs += 1
            if os.fork() == 0:
                listener.close()
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                _run_job(conn)
            conn.close()
    except SystemExit:  # SIGTERM: the run is over (stop())
        pass
    finally:
        listener.close()
        _reap()
        own, done = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        print(f"worker: {jobs} jobs; CPU (user + system): server {own.ru_utime + own.ru_stime:.1f} s, "
              f"jobs {done.ru_utime + done.ru_stime:.1f} s", file=sys.stderr, flush=True)
        for leftover in (path, os.path.dirname(path)):
            try:
                (os.unlink if leftover == path else os.rmdir)(leftover)
            except OSError:
                pass
    # Without the interpreter's teardown (freeing pdf libraries, numpy, matplotlib: up to a second,
    # which the run's stop() would wait for at its very end).
    os._exit(0)

