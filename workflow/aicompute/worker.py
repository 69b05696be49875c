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
import json
import os
import runpy
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

SOCKET_ENV = "AICOMPUTE_WORKER"
# What the per-paper scripts import: loaded once, before the first fork.
PRELOAD = ("aicompute.jobs", "aicompute.stages", "aicompute.extract", "aicompute.pdftext",
           "aicompute.estimate_stage", "aicompute.arxiv", "aicompute.config", "argparse", "ast")
# What the summary steps run through the server import (trend, plot: matplotlib alone takes ~1.5 s):
# loaded once the server has had no job for IDLE_SECONDS, i.e. while `collect` (not run through the
# server) reads the estimates, so the plot job, last but one on the run's critical path, starts warm.
# Not before the first fork: the per-paper jobs need the cores at the start of a run.
PRELOAD_WHEN_IDLE = ("aicompute.trend", "aicompute.report.plot")
IDLE_SECONDS = 0.5
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
    os.environ[SOCKET_ENV] = path
    return proc


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
    return json.loads(data[:size]), fds


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
        conn.sendall(str(code).encode())
    except BaseException:  # noqa: BLE001 - never return into the server's loop
        code = 1
    finally:
        os._exit(code)


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


def serve(path: str, parent_pid: int) -> None:
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(128)  # jobs that come while the imports below run wait here
    _preload(PRELOAD)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    listener.settimeout(IDLE_SECONDS)
    later = list(PRELOAD_WHEN_IDLE)
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
            if os.fork() == 0:
                listener.close()
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                _run_job(conn)
            conn.close()
    finally:
        listener.close()
        _reap()
        for leftover in (path, os.path.dirname(path)):
            try:
                (os.unlink if leftover == path else os.rmdir)(leftover)
            except OSError:
                pass

