"""What every rule script needs: logging into the rule's log, and the code version of what it runs."""

from __future__ import annotations

import ast
import functools
import hashlib
import json
import logging
import os
import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PACKAGE = PACKAGE_DIR.name  # "aicompute"
WORKFLOW_DIR = PACKAGE_DIR.parent  # workflow/: scripts, data, schemas beside the package
# Beside the modules: files a module may name (data tables, weights, the config schema, templates).
DATA_DIRS = ("data", "schemas")


def _module_file(name: str) -> Path | None:
    """aicompute.x.y -> its file (module or package __init__), None outside the package."""
    parts = name.split(".")
    if parts[0] != PACKAGE:
        return None
    base = PACKAGE_DIR.joinpath(*parts[1:])
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE_DIR).with_suffix("")
    parts = [PACKAGE, *rel.parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@functools.lru_cache(maxsize=None)
def _scan(path: Path) -> tuple[frozenset[str], frozenset[str]]:
    """The package modules `path` imports (anywhere in it: a lazy import inside a function counts)
    and the string constants it holds (to find the data files it names)."""
    tree = ast.parse(path.read_bytes(), filename=str(path))
    package = PACKAGE  # a rule script imports absolutely; a module's relative imports start from its package
    if path.is_relative_to(PACKAGE_DIR):
        name = _module_name(path)
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    imported, strings = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: from .x import y / from .. import z
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join(anchor + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            imported.add(base)
            imported.update(f"{base}.{a.name}" for a in node.names)  # `from pkg import module`
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) < 200:
            strings.add(node.value)
    # importing a.b.c runs a/__init__ and a/b/__init__ too
    with_parents = set()
    for name in imported:
        parts = name.split(".")
        with_parents.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
    return frozenset(with_parents), frozenset(strings)


# Parsing every module (ast) for the code versions costs ~0.5 s of CPU per `snakemake` start (every
# run, dry run and cluster job): the results are kept by file content in the project's .snakemake/
# (when it exists, i.e. in a Snakemake working directory).
SCAN_CACHE = Path(".snakemake") / "aicompute-code-scan.json"
_SCAN_CACHE_LIMIT = 2000  # entries; older contents are dropped past it
_scan_cache: dict[str, list[list[str]]] | None = None


def _cached_scan(path: Path) -> tuple[frozenset[str], frozenset[str]]:
    global _scan_cache
    if not SCAN_CACHE.parent.is_dir():
        return _scan(path)
    if _scan_cache is None:
        try:
            _scan_cache = json.loads(SCAN_CACHE.read_text())
        except (OSError, ValueError):
            _scan_cache = {}
    key = f"{path}\0{hashlib.sha256(path.read_bytes()).hexdigest()}"
    if key in _scan_cache:
        modules, strings = _scan_cache[key]
        return frozenset(modules), frozenset(strings)
    modules, strings = _scan(path)
    if len(_scan_cache) >= _SCAN_CACHE_LIMIT:
        _scan_cache = {}
    _scan_cache[key] = [sorted(modules), sorted(strings)]
    try:  # a lost update (two processes at once) only costs a parse next time
        tmp = SCAN_CACHE.with_name(f".{SCAN_CACHE.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(_scan_cache))
        os.replace(tmp, SCAN_CACHE)
    except OSError:
        pass
    return modules, strings


def code_files(script: str | Path) -> list[Path]:
    """Every file whose edit changes what `script` does: the script, the package modules it imports
    (followed transitively), the non-Python files inside the packages it uses (templates), and the
    files under workflow/data and workflow/schemas whose names those modules mention."""
    script = Path(script).resolve()
    seen: set[Path] = set()
    strings: set[str] = set()
    todo = [script]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        modules, names = _cached_scan(path)
        strings |= names
        todo.extend(f for f in map(_module_file, modules) if f is not None and f not in seen)
    files = set(seen)
    for init in [p for p in seen if p.name == "__init__.py" and p.parent != PACKAGE_DIR]:
        for p in init.parent.rglob("*"):  # e.g. report/templates/appendix.html.j2, named by render.py
            if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts \
                    and strings.intersection(p.relative_to(init.parent).parts):
                files.add(p)
    for folder in DATA_DIRS:
        for p in (WORKFLOW_DIR / folder).rglob("*"):
            if p.is_file() and p.name in strings:
                files.add(p)
    return sorted(files)


def code_version(script: str | Path) -> str:
    """A short hash of `code_files(script)`, for a rule param (an edit of any of them re-runs the rule)."""
    digest = hashlib.sha256()
    for path in code_files(script):
        digest.update(str(path.relative_to(WORKFLOW_DIR)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
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
