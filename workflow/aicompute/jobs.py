"""What every rule script needs: logging into the rule's log, and the code version of its modules."""

from __future__ import annotations

import hashlib
import logging
import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def code_version(*modules: str) -> str:
    """A short hash of the named modules' source, for a rule param (code edits re-run the rule)."""
    digest = hashlib.sha256()
    for name in modules:
        path = PACKAGE_DIR / f"{name}.py"
        digest.update(name.encode())
        digest.update(path.read_bytes() if path.exists() else b"<missing>")
    return digest.hexdigest()[:12]


def setup_logging(log_path: str | None) -> logging.Logger:
    """Log to the rule's log file (and to stderr when there is none)."""
    handlers: list[logging.Handler] = []
    if log_path:
        Path(log_path).parent.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.FileHandler(log_path, mode="w"))
    else:
        handlers.append(logging.StreamHandler(sys.stderr))
    logging.basicConfig(level=logging.INFO, handlers=handlers, force=True,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logger = logging.getLogger("aicompute.job")

    def report_crash(kind, exc, tb):
        # The traceback goes to the rule's log; the terminal gets one line that says where it is.
        logger.critical("crashed", exc_info=(kind, exc, tb))
        print(f"aicompute: {one_line(exc)} (traceback in {log_path or 'the log'})", file=sys.stderr)

    sys.excepthook = report_crash
    return logger


def one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
