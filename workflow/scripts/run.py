"""Runs a rule's script: `python -S run.py <script> <args...>` (the per-paper rules' shell commands).

In a local run the work goes to the run's warm worker (aicompute.worker: the package is imported
once, each job a forked process); otherwise, or if the worker cannot be reached, this process becomes
`python <script> <args...>`. Started with -S (no site-packages) and importing nothing but `_socket`
(json and socket would take twice as long as Python's own start), so handing a job over costs
~0.015 s of CPU. The request: a 4-byte length, then script, working directory, the number of
arguments, the arguments and the environment's NAME=value items, NUL-separated (none of them can
hold a NUL), with this job's stdin, stdout and stderr passed along (SCM_RIGHTS)."""
import os
import sys

import _socket


def main() -> None:
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), sys.argv[1])
    args = sys.argv[2:]
    path = os.environ.get("AICOMPUTE_WORKER")
    if path and "SLURM_JOB_ID" not in os.environ:  # a Slurm job does its work on its node
        try:
            conn = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
            conn.connect(path)
        except OSError:
            conn = None
        if conn is not None:
            fields = [script, os.getcwd(), str(len(args)), *args]
            request = b"\0".join([*map(os.fsencode, fields), *(k + b"=" + v for k, v in os.environb.items())])
            fds = b"".join(fd.to_bytes(4, sys.byteorder) for fd in (0, 1, 2))  # C ints, as socket.send_fds packs them
            conn.sendmsg([len(request).to_bytes(4, "big")], [(_socket.SOL_SOCKET, _socket.SCM_RIGHTS, fds)])
            conn.sendall(request)
            answer = b""
            while chunk := conn.recv(64):
                answer += chunk
            if answer.strip().lstrip(b"-").isdigit():
                sys.exit(int(answer))
            sys.exit(f"aicompute: the worker running {sys.argv[1]} {' '.join(args)[:200]} ended without an exit status")
    os.execv(sys.executable, [sys.executable, script, *args])


main()
