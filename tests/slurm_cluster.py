"""A one-node Slurm cluster on this machine, for the Slurm test and benchmark (and by hand).

    python tests/slurm_cluster.py start [--dir /tmp/aicompute-slurm]   # prints the SLURM_CONF to export
    python tests/slurm_cluster.py stop  [--dir /tmp/aicompute-slurm]

Needs root and Debian's `munge`, `slurmctld`, `slurmd` and `slurm-client` (apt-get install ...). No
systemd: munged runs as the munge user (`runuser -u munge -- munged`), slurmctld and slurmd as root.
The slurm.conf goes where every Slurm command looks for it, /etc/slurm/slurm.conf: SLURM_CONF alone
is not enough, because snakemake's jobstep plugin drops SLURM_* variables before its inner `srun`.
It is written only when none is there (or ours is), and removed again by `stop`. No accounting
database (`AccountingStorageType=accounting_storage/none`): sacct has nothing to say, so job states come
from squeue and scontrol, which keep a finished job for MinJobAge seconds (an hour here).
Every daemon is stopped by the pid in its pid file, and only if this helper started it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

MUNGE_DIR = Path("/run/munge")
MUNGE_PID = MUNGE_DIR / "munged.pid"
MUNGE_SOCKET = MUNGE_DIR / "munge.socket.2"
PACKAGES = ("munged", "slurmctld", "slurmd", "sbatch", "squeue", "scontrol", "srun")
PARTITION = "main"
SYSTEM_CONF = Path("/etc/slurm/slurm.conf")
MARKER = "# A one-node cluster for tests (written by tests/slurm_cluster.py)."


class SlurmUnavailable(RuntimeError):
    """This machine cannot run the local cluster (not root, packages missing, a daemon would not start)."""


def missing_requirements() -> str | None:
    """Why the cluster cannot start here, or None."""
    if os.geteuid() != 0:
        return "not running as root (munged must run as the munge user, slurmd as root)"
    missing = [p for p in PACKAGES if shutil.which(p) is None and not Path("/usr/sbin", p).exists()]
    if missing:
        return f"Slurm/munge not installed (missing: {', '.join(missing)}; apt-get install munge slurmctld slurmd slurm-client)"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _alive(pid_file: Path) -> int | None:
    try:
        pid = int(pid_file.read_text().split()[0])
        os.kill(pid, 0)
        return pid
    except (OSError, ValueError, IndexError):
        return None


def _sbin(name: str) -> str:
    return shutil.which(name) or str(Path("/usr/sbin") / name)


class LocalSlurm:
    """munge + slurmctld + slurmd, one node with this machine's cores, a partition `main`.

    A cluster this module started earlier and left running (`python tests/slurm_cluster.py start`) is
    used as it is and left running; otherwise `start` starts one and `stop` stops it again."""

    def __init__(self, state_dir: Path, cpus: int | None = None, memory_mb: int = 4096, min_job_age: int = 3600):
        self.dir = Path(state_dir).resolve()
        self.cpus = cpus or os.cpu_count() or 1
        self.memory_mb = memory_mb
        self.min_job_age = min_job_age
        self.node = socket.gethostname().split(".")[0]
        self.conf = SYSTEM_CONF
        self.started: list[str] = []  # daemons this object started (only these are stopped)
        self.wrote_conf = False

    def env(self) -> dict[str, str]:
        """The environment for Slurm clients (sbatch, squeue, snakemake's plugin) of this cluster."""
        return {**os.environ, "SLURM_CONF": str(self.conf)}

    # ------------------------------------------------------------------ configuration
    def running_state_dir(self) -> Path | None:
        """The state directory of a cluster from this module that is up now, if any."""
        if not self.conf.exists():
            return None
        text = self.conf.read_text()
        if not text.startswith(MARKER):
            raise SlurmUnavailable(f"{self.conf} exists and is not ours: this machine has its own Slurm; not touching it")
        state = next((line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("# state:")), "")
        if state and _alive(Path(state) / "slurmctld.pid") and _alive(Path(state) / "slurmd.pid"):
            return Path(state)
        return None

    def write_conf(self) -> None:
        for sub in ("ctld", "spool", "log"):
            (self.dir / sub).mkdir(parents=True, exist_ok=True)
        self.conf.parent.mkdir(parents=True, exist_ok=True)
        self.conf.write_text(f"""\
{MARKER}
# state: {self.dir}
ClusterName=aicompute
SlurmctldHost={self.node}(127.0.0.1)
# free ports, so this cannot collide with anything else listening here
SlurmctldPort={_free_port()}
SlurmdPort={_free_port()}
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CryptoType=crypto/munge
StateSaveLocation={self.dir}/ctld
SlurmdSpoolDir={self.dir}/spool
SlurmctldPidFile={self.dir}/slurmctld.pid
SlurmdPidFile={self.dir}/slurmd.pid
SlurmctldLogFile={self.dir}/log/slurmctld.log
SlurmdLogFile={self.dir}/log/slurmd.log
# no cgroups, no systemd: plain process tracking
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
# no accounting database: squeue, not sacct, reports job states
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
DefMemPerCPU=1000
# finished jobs stay visible to squeue/scontrol this long (the plugin wants >= 3 x its first poll;
# the test asks scontrol about every job of a run after the run)
MinJobAge={self.min_job_age}
ReturnToService=2
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
KillWait=5
NodeName={self.node} NodeAddr=127.0.0.1 CPUs={self.cpus} RealMemory={self.memory_mb} State=UNKNOWN
PartitionName={PARTITION} Nodes={self.node} Default=YES MaxTime=INFINITE State=UP
""")
        self.wrote_conf = True

    # ------------------------------------------------------------------ daemons
    def start(self, timeout: float = 60) -> "LocalSlurm":
        reason = missing_requirements()
        if reason:
            raise SlurmUnavailable(reason)
        running = self.running_state_dir()
        if running:
            self.dir = running
            self._wait_idle(timeout)
            return self
        self.dir.mkdir(parents=True, exist_ok=True)
        try:
            self.write_conf()
            self._start_munge()
            self._run([_sbin("slurmctld"), "-f", str(self.conf)], "slurmctld")
            self.started.append("slurmctld")
            self._run([_sbin("slurmd"), "-f", str(self.conf), "-N", self.node], "slurmd")
            self.started.append("slurmd")
            self._wait_idle(timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def _start_munge(self) -> None:
        if _alive(MUNGE_PID) and MUNGE_SOCKET.exists():
            return  # a munged is up (ours from before, or the machine's): use it, leave it running
        if not Path("/etc/munge/munge.key").exists():
            self._run(["runuser", "-u", "munge", "--", _sbin("mungekey"), "--create"], "mungekey")
        for d in (MUNGE_DIR, Path("/var/log/munge"), Path("/var/lib/munge")):
            d.mkdir(parents=True, exist_ok=True)
            shutil.chown(d, "munge", "munge")
        MUNGE_DIR.chmod(0o755)
        self._run(["runuser", "-u", "munge", "--", _sbin("munged")], "munged")
        self.started.append("munged")
        deadline = time.monotonic() + 10
        while not MUNGE_SOCKET.exists():
            if time.monotonic() > deadline:
                raise SlurmUnavailable("munged started but its socket did not appear")
            time.sleep(0.1)

    def _run(self, cmd: list[str], what: str) -> None:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=60, env=self.env())
        if proc.returncode != 0:
            raise SlurmUnavailable(f"{what} did not start ({proc.returncode}): {(proc.stderr or proc.stdout).strip()[-500:]}")

    def _wait_idle(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        state = ""
        while time.monotonic() < deadline:
            proc = subprocess.run(["sinfo", "-h", "-N", "-o", "%T"], capture_output=True, text=True, env=self.env())
            state = proc.stdout.strip()
            if proc.returncode == 0 and state.startswith(("idle", "mix", "alloc")):
                return
            if "drain" in state or "down" in state:
                # e.g. the node state saved by a previous cluster: tell slurmctld the node is back
                subprocess.run(["scontrol", "update", f"NodeName={self.node}", "State=RESUME"],
                               capture_output=True, env=self.env())
            time.sleep(0.5)
        logs = "".join((self.dir / "log" / f).read_text()[-1500:] for f in ("slurmctld.log", "slurmd.log")
                       if (self.dir / "log" / f).exists())
        raise SlurmUnavailable(f"the node did not become idle within {timeout:.0f} s (state {state!r}):\n{logs}")

    def stop(self) -> None:
        """Stop the daemons this object started, each by the pid in its pid file; remove the conf it wrote."""
        pid_files = {"slurmd": self.dir / "slurmd.pid", "slurmctld": self.dir / "slurmctld.pid", "munged": MUNGE_PID}
        for name in ("slurmd", "slurmctld", "munged"):
            if name not in self.started:
                continue
            pid = _alive(pid_files[name])
            if pid:
                os.kill(pid, signal.SIGTERM)
                deadline = time.monotonic() + 15
                while _alive(pid_files[name]) == pid and time.monotonic() < deadline:
                    time.sleep(0.1)
            self.started.remove(name)
        if self.wrote_conf and self.conf.exists() and self.conf.read_text().startswith(MARKER):
            self.conf.unlink()
            self.wrote_conf = False

    def __enter__(self) -> "LocalSlurm":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["start", "stop"])
    parser.add_argument("--dir", type=Path, default=Path("/tmp/aicompute-slurm"))
    args = parser.parse_args()
    cluster = LocalSlurm(args.dir)
    if args.action == "start":
        cluster.start()
        print(f"a one-node Slurm cluster is up ({cluster.conf}, state in {cluster.dir}); sinfo:")
        subprocess.run(["sinfo"])
    else:
        cluster.dir = cluster.running_state_dir() or cluster.dir
        cluster.started = ["slurmd", "slurmctld"]  # munged may serve others: leave it running
        cluster.wrote_conf = True
        cluster.stop()


if __name__ == "__main__":
    main()
