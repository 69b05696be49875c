"""Reading config.yaml: validation with one-line errors that name the entry, and the paper list."""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import difflib
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .ids import InvalidId, check_arxiv_id, check_local_id, split_version

# "1e9" or "0.75e9" are strings to YAML 1.1 (it wants "1.0e+9"): catch them with a helpful message.
_YAML_TEXT_NUMBER = re.compile(r"[-+]?\d+(\.\d*)?[eE][-+]?\d+")

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schemas" / "config.schema.yaml"


class ConfigError(ValueError):
    """A config problem, phrased as one line that names the entry and what is wrong."""


@dataclass(frozen=True)
class Paper:
    """One config entry, normalized."""

    key: str  # the {paper} wildcard: arXiv id with '/' -> '_', or the entry's id
    arxiv_id: str | None = None  # as written, with version suffix if pinned
    name: str | None = None
    date: str | None = None  # YYYY-MM-DD override of the arXiv v1 date
    pdf_url: str | None = None
    pdf_path: str | None = None
    inputs: dict[str, dict[str, Any]] = field(default_factory=dict)
    notes: str | None = None

    @property
    def has_document(self) -> bool:
        return bool(self.arxiv_id or self.pdf_url or self.pdf_path)

    @property
    def arxiv_base_id(self) -> str | None:
        return split_version(self.arxiv_id)[0] if self.arxiv_id else None

    def as_params(self) -> dict[str, Any]:
        """A plain dict for Snakemake params (changes to an entry re-run that paper's jobs)."""
        return {
            "key": self.key,
            "arxiv_id": self.arxiv_id,
            "name": self.name,
            "date": self.date,
            "pdf_url": self.pdf_url,
            "pdf_path": self.pdf_path,
            "inputs": self.inputs,
        }


def _label(i: int, entry: Any) -> str:
    if isinstance(entry, dict):
        for k in ("arxiv", "id", "name"):
            if k in entry:
                return f"papers[{i}] ({k}: {entry[k]!r})"
    return f"papers[{i}]"


def _unquoted_number(key: str, value: Any) -> str:
    """What to say when YAML read an id as a number. Never suggest digits: `1706.03760` unquoted is
    the float 1706.0376, and only the user (or arXiv) knows how many zeros were lost."""
    if isinstance(value, float):
        lost = "a number drops trailing zeros, so digits may be missing"
    else:
        lost = "a number drops leading zeros and the version"
    return (f"{key} must be in quotes: YAML read it as the number {value!r} ({lost}); copy the id exactly as "
            f"printed on arXiv, in quotes: {key}: \"<id as on arXiv>\"")


def _normalize_dates(node: Any) -> Any:
    """YAML reads an unquoted 2012-09-30 as a date object; the schema wants the string."""
    if isinstance(node, dict):
        return {k: _normalize_dates(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_normalize_dates(v) for v in node]
    if isinstance(node, (dt.date, dt.datetime)):
        return node.strftime("%Y-%m-%d")
    return node


def _check_entry(i: int, entry: Any, base_dir: Path | None) -> None:
    """Entry-level checks the schema would only report as an opaque 'oneOf' failure."""
    label = _label(i, entry)
    if not isinstance(entry, dict):
        raise ConfigError(f"{label}: each paper must be a mapping like `- arxiv: \"1512.03385\"`, got {entry!r}")
    has_arxiv, has_id = "arxiv" in entry, "id" in entry
    if has_arxiv and has_id:
        raise ConfigError(f"{label}: give either `arxiv` or `id`, not both")
    if not has_arxiv and not has_id:
        raise ConfigError(f"{label}: needs `arxiv: \"<id>\"` (or `id:` plus `pdf_url`, `pdf_path` or `inputs`)")
    try:
        if has_arxiv:
            if isinstance(entry["arxiv"], (int, float)) and not isinstance(entry["arxiv"], bool):
                raise InvalidId(_unquoted_number("arxiv", entry["arxiv"]))
            if not isinstance(entry["arxiv"], str):
                raise InvalidId(f"arxiv must be the id in quotes, like arxiv: \"1512.03385\" (YAML read {entry['arxiv']!r})")
            check_arxiv_id(entry["arxiv"])
        else:
            if not isinstance(entry["id"], str):
                raise InvalidId(f"id must be text in quotes, like id: \"alexnet\" (YAML read {entry['id']!r})")
            check_local_id(entry["id"])
    except InvalidId as exc:
        raise ConfigError(f"{label}: {exc}") from None
    if has_arxiv and ("pdf_url" in entry or "pdf_path" in entry):
        raise ConfigError(f"{label}: `pdf_url`/`pdf_path` are for entries with an `id`, not an arXiv id")
    if "pdf_url" in entry and "pdf_path" in entry:
        raise ConfigError(f"{label}: give `pdf_url` or `pdf_path`, not both")
    if has_id and not any(k in entry for k in ("pdf_url", "pdf_path", "inputs")):
        raise ConfigError(f"{label}: an entry without arXiv id needs `pdf_url`, `pdf_path` or `inputs`")
    if has_id and "date" not in entry:
        raise ConfigError(f"{label}: an entry without arXiv id needs a `date: YYYY-MM-DD`")
    if "date" in entry:
        try:
            dt.date.fromisoformat(str(entry["date"]))
        except ValueError:
            raise ConfigError(f"{label}: date {entry['date']!r} is not a real date (YYYY-MM-DD)") from None
    for name, item in (entry.get("inputs") or {}).items() if isinstance(entry.get("inputs"), dict) else ():
        value = item.get("value") if isinstance(item, dict) else None
        if isinstance(value, str) and _YAML_TEXT_NUMBER.fullmatch(value.strip()):
            raise ConfigError(
                f"{label}: inputs.{name}.value {value!r} was read as text: YAML needs a signed exponent, "
                f"write e.g. 1.0e+9 or 1000000000"
            )
    if "pdf_path" in entry and isinstance(entry["pdf_path"], str):
        path = Path(entry["pdf_path"])
        if base_dir is not None and not path.is_absolute():
            path = base_dir / path
        if not path.is_file():
            raise ConfigError(f"{label}: pdf_path {entry['pdf_path']!r} is not a file")


def _describe(error: jsonschema.ValidationError, papers: list) -> str:
    """'papers[3] (arxiv: '1512.3385') inputs.chips.value: -1 is less than ...' from a schema error."""
    path = list(error.absolute_path)
    where = "config.yaml"
    if len(path) >= 2 and path[0] == "papers" and isinstance(path[1], int):
        where, path = _label(path[1], papers[path[1]]), path[2:]
    if path:
        where += (" " if where != "config.yaml" else ": ") + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")
    if error.validator == "additionalProperties":
        known = error.schema.get("properties", {})
        extra = ", ".join(repr(k) for k in sorted(set(error.instance) - set(known)))
        return f"{where}: unknown key(s) {extra} (allowed: {', '.join(sorted(known))})"
    return f"{where}: {error.message}"


def _resolve(schema: dict, root: dict) -> dict:
    ref = schema.get("$ref") if isinstance(schema, dict) else None
    if isinstance(ref, str) and ref.startswith("#/"):
        node = root
        for part in ref[2:].split("/"):
            node = node[part]
        return _resolve(node, root)
    return schema if isinstance(schema, dict) else {}


def _unknown_keys(node: Any, schema: dict, root: dict, path: tuple = ()):
    """(path, unknown keys, allowed keys) for every mapping of `node` with keys its schema does not
    allow, in document order: a misspelt key anywhere (an entry, its inputs, a settings section)."""
    schema = _resolve(schema, root)
    if isinstance(node, dict):
        props = schema.get("properties") or {}
        if schema.get("additionalProperties") is False:
            extra = [k for k in node if k not in props]
            if extra:
                yield path, extra, sorted(props)
        for key, value in node.items():
            if key in props:
                yield from _unknown_keys(value, props[key], root, path + (key,))
    elif isinstance(node, list) and isinstance(schema.get("items"), dict):
        for i, item in enumerate(node):
            yield from _unknown_keys(item, schema["items"], root, path + (i,))


def _where(path: tuple, config: dict) -> str:
    """'papers[3] (arxiv: '1706.03762') inputs' / 'config.yaml: arxiv' / 'config.yaml' for a path."""
    if len(path) >= 2 and path[0] == "papers" and isinstance(path[1], int):
        where, rest = _label(path[1], config["papers"][path[1]]), path[2:]
    else:
        where, rest = "config.yaml", path
    if rest:
        dotted = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in rest).lstrip(".")
        where += (" " if where != "config.yaml" else ": ") + dotted
    return where


def _check_unknown_keys(config: dict, schema: dict) -> None:
    for path, extra, allowed in _unknown_keys(config, schema, schema):
        names = ", ".join(repr(k) for k in extra)
        close = {k: m[0] for k in extra if isinstance(k, str) and (m := difflib.get_close_matches(k, allowed, n=1, cutoff=0.6))}
        if len(extra) == 1 and close:
            hint = f"did you mean {next(iter(close.values()))!r}? "
        else:
            hint = f"did you mean {', '.join(f'{v!r} for {k!r}' for k, v in close.items())}? " if close else ""
        raise ConfigError(f"{_where(path, config)}: unknown key(s) {names} ({hint}allowed: {', '.join(allowed)})")


def _yaml_hint(problem: str) -> str:
    if "\\t" in problem or "\t" in problem:
        return "YAML indents with spaces, not tabs"
    if "mapping values are not allowed" in problem:
        return "a ': ' where YAML expects none: quote a value that contains ': ', or check the indentation"
    if "found '<scalar>'" in problem:
        return "check the indentation of this line, and for a quote left open on a line above"
    if "<block end>" in problem or "expected key" in problem:
        return "check the indentation of this line against the lines above: an entry's keys align under its first key"
    if "found unexpected end of stream" in problem or "'}'" in problem or "']'" in problem:
        return "a quote or bracket opened above is not closed"
    return "YAML syntax"


def yaml_syntax_error(path: str | Path) -> str | None:
    """None when `path` is absent or parses as YAML; otherwise one line with the file, the line and
    column of the problem, and what usually causes it. Snakemake's own message names neither."""
    fast = getattr(yaml, "CSafeLoader", None)  # libyaml: ~10x faster on a config of 10,000 papers
    try:
        with open(path, encoding="utf-8") as fh:
            for _ in yaml.compose_all(fh, Loader=fast or yaml.SafeLoader):  # syntax only: nothing is constructed
                pass
        return None
    except FileNotFoundError:
        return None
    except (UnicodeDecodeError, yaml.YAMLError):
        if fast is None:
            raise
    # a problem: parsed again by the pure-Python parser, whose messages the hints below know
    try:
        with open(path, encoding="utf-8") as fh:
            for _ in yaml.compose_all(fh, Loader=yaml.SafeLoader):
                pass
    except FileNotFoundError:
        return None
    except UnicodeDecodeError as exc:
        return f"{path}: not UTF-8 text (byte {exc.start})"
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = " ".join(str(exc.problem or exc.context or "not valid YAML").split())
        where = f"{path}, line {mark.line + 1}, column {mark.column + 1}" if mark else str(path)
        context = ""
        if exc.context and exc.context_mark and mark and exc.context_mark.line != mark.line:
            context = f" ({exc.context} from line {exc.context_mark.line + 1})"
        return f"{where}: {problem}{context}; {_yaml_hint(problem)}"
    except yaml.YAMLError as exc:
        return f"{path}: not valid YAML ({' '.join(str(exc).split())})"
    return None


@contextlib.contextmanager
def fast_yaml_configfile():
    """While the Snakefile's `configfile:` directive runs: Snakemake reads the YAML config with PyYAML's
    pure-Python loader (through yte), ~3 s for a config of 10,000 papers; libyaml (CSafeLoader) reads
    the same document in a tenth of that. Same result: both resolve plain YAML alike (dates, numbers);
    JSON files, YTE templates (`__use_yte__`) and anything libyaml refuses (Python tags, bad syntax) go
    to Snakemake's own loader, and so does everything when libyaml or that hook is missing."""
    fast = getattr(yaml, "CSafeLoader", None)
    try:
        from snakemake.common import configfile as snakemake_configfile
        original = snakemake_configfile.load_configfile
    except (ImportError, AttributeError):
        fast = None
    if fast is None:
        yield
        return

    def load_configfile(path):
        if str(path).endswith(".json"):
            return original(path)
        try:
            with open(path, encoding="utf-8") as fh:
                doc = yaml.load(fh, Loader=fast)
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            return original(path)
        return doc if isinstance(doc, dict) and "__use_yte__" not in doc else original(path)

    snakemake_configfile.load_configfile = load_configfile
    try:
        yield
    finally:
        snakemake_configfile.load_configfile = original


def load_schema(path: Path = SCHEMA_PATH) -> dict:
    with open(path) as fh:
        return yaml.safe_load(fh)


@functools.lru_cache(maxsize=None)
def _schema_defaults() -> dict[str, dict[str, Any]]:
    props = load_schema()["properties"]
    return {name: {k: v["default"] for k, v in (section.get("properties") or {}).items() if "default" in v}
            for name, section in props.items() if section.get("type") == "object"}


def schema_defaults(section: str) -> dict[str, Any]:
    """The defaults of a config section (`arxiv`, `estimate`, `trend`, `report`) as the schema states
    them: the one place defaults live. The settings dataclasses and `.get` fallbacks read them here."""
    return copy.deepcopy(_schema_defaults()[section])


def with_defaults(section: str, given: dict[str, Any] | None) -> dict[str, Any]:
    """A config section with the schema's defaults for the keys it does not set."""
    return {**schema_defaults(section), **(given or {})}


def _fill_defaults(instance: Any, schema: dict) -> None:
    """Add the schema's `default` of every absent property, recursively (what Snakemake's
    validate(..., set_default=True) does, without validating a second time)."""
    if not isinstance(instance, dict):
        return
    for key, sub in (schema.get("properties") or {}).items():
        if key not in instance and "default" in sub:
            instance[key] = copy.deepcopy(sub["default"])
        if key in instance:
            _fill_defaults(instance[key], sub)


def _real_date(value: str, where: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"config.yaml: {where}: {value!r} is not a real date (YYYY-MM-DD)") from None


def _check_settings(config: dict) -> None:
    """Checks between fields, which a JSON schema cannot express: each would otherwise crash a later
    job or silently give wrong bounds."""
    est = config["estimate"]
    low, mid, high = est["utilization_low"], est["utilization"], est["utilization_high"]
    if not low <= mid <= high:
        raise ConfigError(
            f"config.yaml: estimate: need utilization_low <= utilization <= utilization_high, got {low:g}, {mid:g}, {high:g}"
        )
    trend = config["trend"]
    start = _real_date(trend["window_start"], "trend.window_start")
    end = _real_date(trend["window_end"], "trend.window_end")
    if start >= end:
        raise ConfigError(f"config.yaml: trend: window_start {trend['window_start']} is not before window_end {trend['window_end']}")
    eras = [_real_date(e, f"trend.eras[{i}]") for i, e in enumerate(trend["eras"])]
    for i, (a, b) in enumerate(zip(eras, eras[1:])):
        if a >= b:
            raise ConfigError(f"config.yaml: trend.eras: breakpoints must be in increasing order, "
                              f"{trend['eras'][i]} then {trend['eras'][i + 1]}")


def _check_ranges(i: int, entry: dict) -> None:
    """A paper's own range must contain its value (the bounds of the estimate come from it)."""
    inputs = entry.get("inputs") or {}
    value = lambda name: (inputs.get(name) or {}).get("value")  # noqa: E731
    for low_name, name, high_name in (("training_hours_low", "training_hours", "training_hours_high"),):
        bounds = [(n, value(n)) for n in (low_name, name, high_name) if value(n) is not None]
        for (a, x), (b, y) in zip(bounds, bounds[1:]):
            if x > y:
                raise ConfigError(f"{_label(i, entry)}: inputs.{a} ({x:g}) is larger than inputs.{b} ({y:g})")


def validate_config(config: dict, schema: dict | None = None, base_dir: Path | None = None) -> list[Paper]:
    """Check `config` and return the papers; ConfigError on the first problem. In place: dates become
    strings and every setting the config leaves out gets the schema's default."""
    import jsonschema  # here, not at the top: the settings dataclasses import this module for its defaults

    if not isinstance(config, dict):
        raise ConfigError("config.yaml must be a mapping with a `papers:` list")
    config.update(_normalize_dates(config))
    schema = schema if schema is not None else load_schema()
    _check_unknown_keys(config, schema)  # first: `arxiv_id:` is a typo, not a missing `arxiv:`
    papers = config.get("papers")
    if not isinstance(papers, list) or not papers:
        raise ConfigError("config.yaml: `papers:` must be a non-empty list")
    for i, entry in enumerate(papers):
        _check_entry(i, entry, base_dir)
    validator = jsonschema.Draft202012Validator(schema)
    # Entries that are only `arxiv: "<id>"` (checked above) pass or fail the schema alike: one stands
    # for all of them (10,000 papers: 4 s less). On an error, the full check names the right entry.
    bare = {id(e): e for e in papers if e.keys() == {"arxiv"} and isinstance(e["arxiv"], str)}
    others = [e for e in papers if id(e) not in bare]
    if len(bare) > 1 and validator.is_valid({**config, "papers": others + [next(iter(bare.values()))]}):
        error = None
    else:
        error = jsonschema.exceptions.best_match(validator.iter_errors(config))
    if error is not None:
        raise ConfigError(_describe(error, papers))
    _fill_defaults(config, schema)
    _check_settings(config)
    result: list[Paper] = []
    seen: dict[str, int] = {}
    for i, entry in enumerate(papers):
        key = entry["arxiv"].replace("/", "_") if "arxiv" in entry else entry["id"]
        base = split_version(entry["arxiv"])[0] if "arxiv" in entry else key
        for k in {key, base}:
            if k in seen:
                raise ConfigError(f"{_label(i, entry)}: duplicate of papers[{seen[k]}] (each paper once)")
        seen[key] = seen[base] = i
        _check_ranges(i, entry)
        result.append(
            Paper(
                key=key,
                arxiv_id=entry.get("arxiv"),
                name=entry.get("name"),
                date=entry.get("date"),
                pdf_url=entry.get("pdf_url"),
                pdf_path=entry.get("pdf_path"),
                inputs=entry.get("inputs", {}),
                notes=entry.get("notes"),
            )
        )
    return result
