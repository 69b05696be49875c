"""Fetching papers: arXiv API metadata (Atom) and PDFs over HTTP, politely and safely.

- arXiv's terms across all parallel jobs (SharedRateLimiter): one connection at a time, one request
  start per `delay_seconds`, retries included.
- Metadata comes from the API in batches: the fetch jobs of one run share requests for up to
  `metadata_batch_size` ids (`fetch_metadata`, aicompute.metadata_store); a paper missing from a
  batch's answer asks for itself alone. The PDF is one request per paper.
- A request is retried by urllib3's `Retry` on 408/425/429/5xx and timed-out connections, with
  exponential backoff; Retry-After is honoured (seconds or HTTP date) up to
  `max_retry_after_seconds`, beyond which the paper is given up for this run at once.
- A failure that is clearly the network (the host name does not resolve, no route, the connection is
  refused) is not retried: it fails in milliseconds and waiting seconds would not bring the network
  back. After a few in a row against a host, no job of the run asks that host again
  (`ratelimit.HostUnreachable`); the receipt says why in plain words ("cannot resolve
  export.arxiv.org (no network?)").
- The body is checked here (urllib3 cannot): cut short, reset or stalled mid-transfer, HTML instead
  of a PDF, no %%EOF, too slow, too large. A failed transfer is worth another attempt: the fetch job
  raises `TryAgain` and Snakemake's `retries:` runs it again (see `fetch_paper`).
- A permanent problem (404, 410, empty feed, withdrawn, oversized) is asked once; a transient one
  that outlives the attempts is recorded with a time after which the next run tries again
  (`refetch_token`).
- The PDF is streamed to a temporary file beside its destination and renamed into place only once it
  is complete and looks like a PDF: no half file is ever under the final name. A PDF whose receipt
  vouches for it (same source, same sha256) is never downloaded again nor deleted.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import errno
import hashlib
import json
import logging
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlsplit

import defusedxml.ElementTree as SafeET
import requests
import urllib3
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from .config import Paper, schema_defaults
from .ids import InvalidId, split_version
from .io import atomic_write, clean_partial_files, read_json, sha256_file, write_bytes_atomic, write_json_atomic
from .metadata_store import RunMetadataStore
from .ratelimit import HostUnreachable, SharedRateLimiter, current_run_id

log = logging.getLogger(__name__)
logging.getLogger("urllib3.connectionpool").setLevel(logging.ERROR)  # _PoliteRetry logs each retry in plain words

ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV_NS = "{http://arxiv.org/schemas/atom}"
OPENSEARCH = "{http://a9.com/-/spec/opensearch/1.1/}"
TRANSIENT_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})
MAX_FEED_BYTES = 5_000_000

_DEFAULTS = schema_defaults("arxiv")  # the schema is the one place defaults live


@dataclass(frozen=True)
class ArxivSettings:
    api_url: str = _DEFAULTS["api_url"]
    pdf_url: str = _DEFAULTS["pdf_url"]
    delay_seconds: float = _DEFAULTS["delay_seconds"]
    metadata_batch_size: int = _DEFAULTS["metadata_batch_size"]
    timeout_seconds: float = _DEFAULTS["timeout_seconds"]
    max_download_seconds: float = _DEFAULTS["max_download_seconds"]
    max_pdf_megabytes: float = _DEFAULTS["max_pdf_megabytes"]
    retries: int = _DEFAULTS["retries"]
    backoff_seconds: float = _DEFAULTS["backoff_seconds"]
    max_retry_after_seconds: float = _DEFAULTS["max_retry_after_seconds"]
    retry_failed_after_minutes: float = _DEFAULTS["retry_failed_after_minutes"]
    user_agent: str = _DEFAULTS["user_agent"]

    @classmethod
    def from_config(cls, section: dict[str, Any] | None) -> "ArxivSettings":
        known = cls.__dataclass_fields__
        return cls(**{k: v for k, v in (section or {}).items() if k in known})

    def digest(self) -> str:
        """A short hash of every setting that can change what a fetch gets: a failed paper is asked
        again when any of them changes. Not `metadata_batch_size`: how many papers share a metadata
        request changes nothing about any of them."""
        settings = dataclasses.asdict(self)
        settings.pop("metadata_batch_size")
        text = json.dumps(settings, sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()[:12]

    @property
    def attempts(self) -> int:
        """Attempts of a request (urllib3) and of a transfer (the fetch job, Snakemake's `retries:`)."""
        return int(self.retries) + 1


def short_cause(message: str) -> str:
    """A failure's message without its URLs and attempt counts: what failures of many papers share
    ("cannot resolve export.arxiv.org (no network?)", "HTTP 503"), for the run summary."""
    text = re.sub(r"\s*\(gave up after \d+ attempts?\)", "", str(message))
    text = re.sub(r"\s+(?:from|for|at)\s+\S+://\S+", "", text)
    text = re.sub(r"\s*\(\S+://[^)]*\)", "", text)
    return " ".join(text.split()) or "unknown"


class FetchError(Exception):
    """A paper could not be fetched. `permanent`: trying again later cannot help. `retry_now`: a
    failed transfer, worth another attempt at once (the request-level retries are spent otherwise).
    `cause`: the message without URLs, which the failures of many papers share (the run summary
    counts papers by it)."""

    def __init__(self, message: str, permanent: bool, retry_now: bool = False, cause: str | None = None):
        super().__init__(message)
        self.permanent = permanent
        self.retry_now = retry_now and not permanent
        self.cause = cause or short_cause(message)


class TryAgain(Exception):
    """Raised by fetch_paper on an attempt before the last after a failed transfer: the fetch job
    fails, Snakemake restores the previous outputs and runs the job again (`retries:`)."""


class _RetryAfterTooLong(Exception):
    def __init__(self, status: int | None, seconds: float):
        super().__init__(f"Retry-After {seconds:.0f} s")
        self.status, self.seconds = status, seconds


# ---------------------------------------------------------------------------------------------
# HTTP: urllib3's Retry, with every retry taking a slot of the shared rate limit


class _PoliteRetry(Retry):
    """urllib3's Retry with three changes: each retry waits for the shared rate limit (and lets
    others use arXiv while it pauses); a Retry-After beyond `max_retry_after` ends the request at once
    instead of sleeping for hours; backoff is `backoff_factor x 2^(n-1)` from the first retry on
    (urllib3 waits nothing before the first one)."""

    limiter: SharedRateLimiter | None = None
    max_retry_after: float = 300.0
    url: str = "?"  # what the log names

    def new(self, **kw: Any) -> "_PoliteRetry":
        retry = super().new(**kw)
        retry.limiter, retry.max_retry_after, retry.url = self.limiter, self.max_retry_after, self.url
        return retry

    def increment(self, method=None, url=None, response=None, error=None, _pool=None, _stacktrace=None):  # noqa: ANN001
        if error is not None and _network_cause(error):
            # clearly the network: no retry and no backoff (PoliteClient.get counts it for the run)
            raise urllib3.exceptions.MaxRetryError(_pool, url, error) from error
        return super().increment(method, url, response, error, _pool, _stacktrace)

    def get_backoff_time(self) -> float:
        n = 0
        for item in reversed(self.history):
            if item.redirect_location is not None:
                break
            n += 1
        return 0.0 if n < 1 else float(min(self.backoff_max, self.backoff_factor * 2 ** (n - 1)))

    def sleep(self, response: Any = None) -> None:
        wait = None
        if response is not None and self.respect_retry_after_header:
            try:
                wait = self.get_retry_after(response)
            except urllib3.exceptions.InvalidHeader:
                wait = None
            if wait is not None and wait > self.max_retry_after:
                raise _RetryAfterTooLong(getattr(response, "status", None), wait)
        if wait is None:
            wait = self.get_backoff_time()
        last = self.history[-1] if self.history else None
        why = f"HTTP {last.status}" if last and last.status else _describe_error(last.error) if last else "?"
        log.warning("%s: %s; retry %d in %.1f s", self.url, why, len(self.history), wait)
        if self.limiter is not None:
            self.limiter.retry_after(wait)
        else:
            time.sleep(wait)


class _RateLimitedAdapter(HTTPAdapter):
    """Every request start (redirects included) takes a slot of the shared rate limit."""

    def __init__(self, limiter: SharedRateLimiter, **kw: Any):
        self.limiter = limiter
        super().__init__(**kw)

    def send(self, request, **kw):  # noqa: ANN001
        self.limiter.slot(host=_host(request.url))  # HostUnreachable when this run gave the host up
        return super().send(request, **kw)


def _host_key(host: str | None, port: int | None) -> str:
    """How the shared state names a host: 'export.arxiv.org', '127.0.0.1:8765' (ports other than
    the web's defaults count: two local servers are two hosts)."""
    host = (host or "").lower()
    return f"{host}:{port}" if port and port not in (80, 443) else host


def _host(url: str) -> str:
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = None
    return _host_key(parts.hostname, port)


_NO_ROUTE = frozenset({errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ENETDOWN, errno.EHOSTDOWN})


def _causes(exc: BaseException | None):
    """The exception and what it wraps (requests -> urllib3 MaxRetryError -> reason -> OSError)."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        if isinstance(exc, urllib3.exceptions.MaxRetryError) and exc.reason is not None:
            exc = exc.reason
        elif exc.args and isinstance(exc.args[0], BaseException):
            exc = exc.args[0]
        else:
            exc = exc.__cause__ or exc.__context__


def _network_cause(exc: BaseException | None) -> tuple[str, str] | None:
    """(host, cause in plain words) when a failure is clearly the network: the host name does not
    resolve, there is no route to it, or it refuses the connection. None for anything else
    (timeouts, resets, HTTP errors), which may well pass and is retried."""
    for item in _causes(exc):
        if isinstance(item, urllib3.exceptions.NewConnectionError):  # NameResolutionError is one too
            conn = getattr(item, "conn", None)
            key = _host_key(getattr(conn, "host", None), getattr(conn, "port", None))
            name = (getattr(conn, "host", None) or "the host").lower()
            if isinstance(item, urllib3.exceptions.NameResolutionError):
                return key, f"cannot resolve {name} (no network?)"
            reason = item.__cause__ or item.__context__
            if isinstance(reason, ConnectionRefusedError):
                return key, f"connection refused by {key or name}"
            if isinstance(reason, OSError) and reason.errno in _NO_ROUTE:
                return key, f"no route to {name} (no network?)"
            return None
    return None


def _describe_error(exc: BaseException | None) -> str:
    """A failed connection in plain words (the cause, not the wrapper's name)."""
    network = _network_cause(exc)
    if network:
        return network[1]
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, urllib3.exceptions.NewConnectionError):  # a subclass of ConnectTimeoutError
            cause = exc.__cause__ or exc.__context__
            host = getattr(getattr(exc, "conn", None), "host", None) or "the host"
            return f"cannot connect to {host} ({type(cause).__name__ if cause else 'no route?'})"
        if isinstance(exc, (urllib3.exceptions.ReadTimeoutError, urllib3.exceptions.ConnectTimeoutError, requests.Timeout)):
            return "timed out"
        if isinstance(exc, ConnectionRefusedError):
            return "connection refused"
        if isinstance(exc, urllib3.exceptions.MaxRetryError):
            exc = exc.reason
            continue
        nxt = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc.__cause__ or exc.__context__
        if nxt is None:
            break
        exc = nxt
    return f"connection failed ({type(exc).__name__ if exc is not None else 'unknown'})"


def limiter_for(url: str, settings: ArxivSettings, state_dir: Path, run_id: str | None = None) -> SharedRateLimiter:
    """One rate limit per host group: arXiv's API and PDF hosts (as configured) share one."""
    host = (urlsplit(url).hostname or "local").lower()
    arxiv_hosts = {(urlsplit(u.replace("{id}", "x")).hostname or "").lower() for u in (settings.api_url, settings.pdf_url)}
    group = "arxiv" if host in arxiv_hosts or host.endswith("arxiv.org") else re.sub(r"[^a-z0-9.-]", "_", host)
    return SharedRateLimiter(state_dir / f"{group}.lock", settings.delay_seconds, run_id=run_id)


class PoliteClient:
    """requests with arXiv's terms and urllib3's retries. One instance per job is enough.
    `run_id`: the run whose jobs share what they learn about unreachable hosts (default: this
    process's $AICOMPUTE_RUN_ID, see aicompute.ratelimit)."""

    def __init__(self, settings: ArxivSettings, state_dir: Path, session_factory: Callable[[], requests.Session] = requests.Session,
                 run_id: str | None = None):
        self.settings = settings
        self.state_dir = Path(state_dir)
        self.run_id = run_id or current_run_id()
        self._session_factory = session_factory
        self._limiters: dict[str, SharedRateLimiter] = {}

    @property
    def requests_made(self) -> int:
        return sum(lim.requests for lim in self._limiters.values())

    def _limiter(self, url: str) -> SharedRateLimiter:
        lim = limiter_for(url, self.settings, self.state_dir, run_id=self.run_id)
        return self._limiters.setdefault(str(lim.state_path), lim)

    def _session(self, limiter: SharedRateLimiter, url: str) -> requests.Session:
        s = self.settings
        retry = _PoliteRetry(
            total=s.retries, status_forcelist=TRANSIENT_STATUS, allowed_methods=frozenset({"GET"}),
            backoff_factor=s.backoff_seconds, backoff_max=max(s.backoff_seconds * 2 ** max(s.retries - 1, 0), 1.0),
            raise_on_status=False, respect_retry_after_header=True,
        )
        retry.limiter, retry.max_retry_after, retry.url = limiter, s.max_retry_after_seconds, url
        session = self._session_factory()
        adapter = _RateLimitedAdapter(limiter, max_retries=retry)
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        # one connection at a time: none is kept open between requests
        session.headers.update({"User-Agent": s.user_agent, "Connection": "close"})
        return session

    def get(self, url: str, consume: Callable[[requests.Response], Any], params: dict | None = None) -> Any:
        """GET `url` and hand the streamed response to `consume`, holding the host group meanwhile.

        `consume` reads the body and returns the result; it raises FetchError (retry_now for a body
        worth fetching again). Request-level failures are retried here (urllib3) and then raised as
        FetchError(permanent=False).
        """
        s = self.settings
        limiter = self._limiter(url)
        gave_up = f"gave up after {s.attempts} attempts"
        try:
            with limiter.request(), self._session(limiter, url) as session:
                try:
                    resp = session.get(url, params=params, stream=True, timeout=(s.timeout_seconds, s.timeout_seconds))
                except requests.RequestException as exc:
                    network = _network_cause(exc)
                    if network:  # counted while the group is still held: the next job sees it
                        limiter.note_unreachable(network[0] or _host(url), network[1])
                    raise
                limiter.note_reachable(_host(resp.url or url))
                with resp:
                    if resp.status_code == 200:
                        try:
                            return consume(resp)
                        except requests.RequestException as exc:  # reset, stalled or cut mid-transfer
                            what = _describe_error(exc)
                            if what == "timed out":
                                what = f"timed out after {s.timeout_seconds:g} s"
                            raise FetchError(f"{what} in the middle of the transfer from {url}", permanent=False,
                                             retry_now=True) from None
                    if resp.status_code in TRANSIENT_STATUS:
                        raise FetchError(f"HTTP {resp.status_code} from {url} ({gave_up})", permanent=False)
                    reason = f"HTTP {resp.status_code} {resp.reason or ''}".strip()
                    raise FetchError(f"{reason} for {resp.url}", permanent=True)
        except HostUnreachable as exc:
            raise FetchError(str(exc), permanent=False, cause=exc.cause) from None
        except _RetryAfterTooLong as exc:
            raise FetchError(
                f"HTTP {exc.status} from {url}: server asks to retry after {exc.seconds:.0f} s "
                f"(more than max_retry_after_seconds={s.max_retry_after_seconds:g}); try again later",
                permanent=False,
            ) from None
        except requests.RequestException as exc:  # the connection failed, retries spent
            network = _network_cause(exc)
            if network:  # not retried: see _PoliteRetry.increment
                raise FetchError(f"{network[1]} ({url})", permanent=False, cause=network[1]) from None
            what = _describe_error(exc)
            if what == "timed out":
                what = f"timed out after {s.timeout_seconds:g} s"
            raise FetchError(f"{what} from {url} ({gave_up})", permanent=False) from None


# ---------------------------------------------------------------------------------------------
# arXiv API (Atom feed)


def _read_limited(resp: requests.Response, limit: int) -> bytes:
    chunks, size = [], 0
    for chunk in resp.iter_content(65536):
        size += len(chunk)
        if size > limit:
            raise FetchError(f"response from {resp.url} is larger than {limit} bytes", permanent=True)
        chunks.append(chunk)
    body = b"".join(chunks)
    expected = resp.headers.get("Content-Length")
    if expected and expected.isdigit() and int(expected) != len(body) and not resp.headers.get("Content-Encoding"):
        raise FetchError(f"body cut short ({len(body)} of {expected} bytes) from {resp.url}", permanent=False, retry_now=True)
    return body


def _text(node: Any) -> str:
    return " ".join((node.text or "").split()) if node is not None else ""


def _iso_date(value: str) -> str | None:
    """'2017-06-12T17:57:34Z' -> '2017-06-12'; None (unknown) when absent or not a real date, so the
    report says the date is unknown instead of a later step failing on it."""
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        if value:
            log.warning("arXiv API gave an unreadable date %r; ignored", value[:40])
        return None


def match_key(arxiv_id: str) -> str:
    """What a requested id and an API entry are matched on: the id without its version, an old-style
    id without its subject class (arXiv answers `math.GT/0309136` with `.../abs/math/0309136v1`)."""
    base = re.sub(r"v\d+$", "", arxiv_id.strip())
    return re.sub(r"^([a-z]+(?:-[a-z]+)?)\.[A-Za-z]{2}/", r"\1/", base)


def _feed_root(feed_xml: bytes) -> Any:
    """The feed's root element. The feed is untrusted XML: defusedxml refuses DTDs, entity expansion
    and external references."""
    try:
        root = SafeET.fromstring(feed_xml, forbid_dtd=True)
    except SafeET.ParseError as exc:
        raise FetchError(f"arXiv API returned unreadable XML ({exc})", permanent=False, retry_now=True) from None
    except ValueError as exc:  # defusedxml's DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
        raise FetchError(f"arXiv API returned XML that was refused ({type(exc).__name__})", permanent=False,
                         retry_now=True) from None
    if root.tag != f"{ATOM}feed":
        raise FetchError(f"arXiv API returned <{root.tag[:80]}>, not an Atom feed", permanent=False, retry_now=True)
    return root


def _is_error_entry(entry: Any) -> bool:
    return "/api/errors" in _text(entry.find(f"{ATOM}id")) or _text(entry.find(f"{ATOM}title")) == "Error"


def _entry_metadata(entry: Any, version: str | None) -> dict[str, Any]:
    return {
        "title": _text(entry.find(f"{ATOM}title")),
        "authors": [_text(a.find(f"{ATOM}name")) for a in entry.findall(f"{ATOM}author")],
        "published": _iso_date(_text(entry.find(f"{ATOM}published"))),
        "updated": _iso_date(_text(entry.find(f"{ATOM}updated"))),
        "latest_version": version,
        "abs_url": _text(entry.find(f"{ATOM}id")),
        "comment": _text(entry.find(f"{ARXIV_NS}comment")),
    }


def _withdrawn(comment: str, arxiv_id: str) -> bool:
    """A withdrawn paper, unless the config pins a version (an earlier version stays readable)."""
    return "withdrawn" in comment.lower() and not re.search(r"v\d+$", arxiv_id)


def parse_atom_entry(feed_xml: bytes, arxiv_id: str) -> dict[str, Any]:
    """Metadata of `arxiv_id` from an arXiv API Atom feed; FetchError if absent, an error, or withdrawn."""
    root = _feed_root(feed_xml)
    key = match_key(arxiv_id)
    for entry in root.findall(f"{ATOM}entry"):
        if _is_error_entry(entry):
            summary = _text(entry.find(f"{ATOM}summary"))
            raise FetchError(f"arXiv API error for {arxiv_id}: {summary or _text(entry.find(f'{ATOM}title'))}",
                             permanent=True)
        found = _text(entry.find(f"{ATOM}id")).rsplit("/abs/", 1)[-1]
        try:
            found_base, found_version = split_version(found)
        except InvalidId:  # a garbled entry must not crash the job: try again later
            raise FetchError(f"arXiv API returned an entry with an unreadable id {found[:80]!r}", permanent=False,
                             retry_now=True) from None
        if match_key(found_base) != key:
            continue
        info = _entry_metadata(entry, found_version)
        if _withdrawn(info["comment"], arxiv_id):
            raise FetchError(f"arXiv {arxiv_id} was withdrawn (arXiv comment: {info['comment'][:200]})", permanent=True)
        return info
    total = _text(root.find(f"{OPENSEARCH}totalResults"))
    raise FetchError(f"arXiv has no paper {arxiv_id} (empty feed, totalResults={total or 0})", permanent=True)


def parse_atom_entries(feed_xml: bytes, arxiv_ids: list[str]) -> tuple[dict[str, dict], dict[str, str]]:
    """The answer to a request for many ids: (found, missing). `found[id]` is the metadata of each
    requested id (as written, a pinned version included) whose entry the feed has; `missing[id]` says
    why an id has none usable: absent, withdrawn, or an error entry in the feed (which arXiv does not
    tie to an id reliably). A missing id is asked for alone, which gives its failure its own message.
    FetchError only when the feed as a whole is unreadable."""
    root = _feed_root(feed_xml)
    wanted: dict[str, str] = {}
    for arxiv_id in arxiv_ids:
        wanted.setdefault(match_key(arxiv_id), arxiv_id)
    found: dict[str, dict] = {}
    missing: dict[str, str] = {}
    errors: list[str] = []
    for entry in root.findall(f"{ATOM}entry"):
        if _is_error_entry(entry):
            errors.append(_text(entry.find(f"{ATOM}summary")) or _text(entry.find(f"{ATOM}title")))
            continue
        try:
            found_base, found_version = split_version(_text(entry.find(f"{ATOM}id")).rsplit("/abs/", 1)[-1])
        except InvalidId:
            continue  # a garbled entry: whichever id it was is asked for alone
        requested = wanted.get(match_key(found_base))
        if requested is None or requested in found or requested in missing:
            continue  # not asked for, or a second entry for the same id: the first one counts
        info = _entry_metadata(entry, found_version)
        if _withdrawn(info["comment"], requested):
            missing[requested] = "withdrawn"
        else:
            found[requested] = info
    for arxiv_id in arxiv_ids:
        if arxiv_id not in found and arxiv_id not in missing:
            missing[arxiv_id] = "not in the answer" + (f" (the feed has an error entry: {errors[0][:200]})" if errors else "")
    return found, missing


def _request_record(url: str, ids: int) -> dict[str, Any]:
    """Where a receipt's metadata came from: the API request (its URL lists the ids it carried)."""
    return {"url": url, "ids": ids, "at": _utc(dt.datetime.now(dt.timezone.utc))}


def _fetch_one(client: PoliteClient, arxiv_id: str) -> dict[str, Any]:
    def consume(resp: requests.Response) -> dict[str, Any]:
        info = parse_atom_entry(_read_limited(resp, MAX_FEED_BYTES), arxiv_id)
        return {**info, "metadata_request": _request_record(resp.url, 1)}

    return client.get(client.settings.api_url, consume, params={"id_list": arxiv_id, "max_results": 1})


def fetch_metadata_batch(client: PoliteClient, arxiv_ids: list[str]) -> tuple[dict[str, dict], dict[str, str], dict]:
    """One API request for many ids: (found, missing, the request's record); see parse_atom_entries.
    `max_results` is the number of ids (arXiv's default, 10, would cut the answer short)."""
    # the ids unescaped: the URL a receipt records stays readable (they are letters, digits, . - / only)
    query = f"id_list={','.join(arxiv_ids)}&max_results={len(arxiv_ids)}"

    def consume(resp: requests.Response) -> tuple[dict, dict, str]:
        return (*parse_atom_entries(_read_limited(resp, MAX_FEED_BYTES), arxiv_ids), resp.url)

    found, missing, url = client.get(client.settings.api_url, consume, params=query)
    record = _request_record(url, len(arxiv_ids))
    for info in found.values():
        info["metadata_request"] = record
    return found, missing, record


def _from_run_batches(client: PoliteClient, arxiv_id: str) -> dict[str, Any] | None:
    """The metadata of `arxiv_id` from this run's shared batches (aicompute.metadata_store): cached,
    or by a new batch request for it and up to `metadata_batch_size` - 1 other ids this run wants.
    None when the paper is to ask alone: no batches planned for this run, the id was missing from a
    batch's answer, batching is off, or no other id is left to ask with it.

    A batch request that fails transiently fails this paper (as its own request would have); the other
    ids stay unasked, so their jobs try again. One that fails permanently (a URL too long, an id the
    API rejects) may be the batch's own fault: batching is turned off for the run, the paper asks alone."""
    size = int(client.settings.metadata_batch_size)
    if size < 2:
        return None
    store = RunMetadataStore(client.state_dir, client.run_id)
    found: dict[str, dict] = {}
    try:
        if not store.planned():
            return None
        if hit := store.cached(arxiv_id):
            return hit["metadata"]
        with store.locked():
            if hit := store.cached(arxiv_id):  # a batch made while this job waited for the lock
                return hit["metadata"]
            if store.missing(arxiv_id) or store.off():
                return None
            ids = store.pending(arxiv_id, size)
            if len(ids) < 2:
                return None
            try:
                found, missing, record = fetch_metadata_batch(client, ids)
            except FetchError as exc:
                if exc.permanent:
                    log.warning("%s: a metadata request for %d papers failed (%s): each paper of this run asks alone",
                                arxiv_id, len(ids), exc)
                    store.turn_off(str(exc))
                    return None
                raise FetchError(f"{exc} (a metadata request for {len(ids)} papers)", permanent=False,
                                 retry_now=exc.retry_now, cause=exc.cause) from None
            log.info("%s: metadata of %d papers in one request, %d not in its answer (they ask alone)",
                     arxiv_id, len(ids), len(missing))
            store.save(found, missing, record)
    except OSError as exc:  # the run's shared files are gone or unwritable: nothing is lost but a request
        log.warning("%s: the run's shared metadata is not usable (%s)", arxiv_id, exc)
    return found.get(arxiv_id)


def fetch_metadata(client: PoliteClient, arxiv_id: str) -> dict[str, Any]:
    """A paper's metadata: from this run's metadata batches when the run planned them
    (`plan_metadata_batches`), else by a request for it alone."""
    info = _from_run_batches(client, arxiv_id)
    return info if info is not None else _fetch_one(client, arxiv_id)


def _papers_fetched_by(jobs: Any) -> set[str]:
    """The paper keys whose receipt (data/raw/<key>.meta.json) a planned fetch job writes: a per-paper
    `fetch` job or a batch mode `fetch_<batch>` job (aicompute.batches), which writes many (its
    `sources` param names them all: it declares only the missing ones, workflow/rules/common.smk)."""
    keys = set()
    for job in jobs:
        if job.rule.name == "fetch" or job.rule.name.startswith("fetch_"):
            keys.update(Path(str(f)).name[: -len(".meta.json")] for f in job.output if str(f).endswith(".meta.json"))
            sources = getattr(job.params, "sources", None)
            if isinstance(sources, dict):
                keys.update(sources)
    return keys


def plan_metadata_batches(raw_dir: str | Path, run_id: str, papers: Any, settings: ArxivSettings,
                          workflow: Any = None) -> Path | None:
    """Before a run's first fetch job (the Snakefile's `onstart`): write the arXiv ids whose metadata
    this run may ask for, so its fetch jobs can share batch requests (see `_from_run_batches`), and
    remove the shared files of earlier runs. The ids: papers whose fetch job runs (from Snakemake's
    plan when `workflow` is given, else papers without a receipt or whose failure is due for another
    try) and whose receipt does not already hold their metadata. Returns the file, or None when there
    is nothing to share. Never raises: without the file each paper asks for its metadata alone."""
    try:
        raw_dir = Path(raw_dir)
        store = RunMetadataStore(raw_dir / ".locks", run_id)
        store.sweep()
        if int(settings.metadata_batch_size) < 2:
            return None
        fetching = None
        if workflow is not None:
            try:  # Snakemake's plan, as the onstart handler sees it (the DAG is built by then)
                fetching = _papers_fetched_by(workflow.dag.needrun_jobs())
            except Exception:  # noqa: BLE001 - another Snakemake version: the receipts decide
                fetching = None
        ids = []
        for paper in papers:
            if not paper.arxiv_id or (fetching is not None and paper.key not in fetching):
                continue
            previous = read_json(raw_dir / f"{paper.key}.meta.json")
            if previous and _receipt_source(previous, paper, settings) == source_of(paper):
                if previous.get("abs_url") and previous.get("arxiv_id") == paper.arxiv_base_id:
                    continue  # its metadata is in its receipt
                if fetching is None and (previous.get("status") == "ok"
                                         or refetch_token(previous, settings) == previous.get("rerun_token", "")):
                    continue  # not fetched again by this run
            ids.append(paper.arxiv_id)
        return store.plan(ids, int(settings.metadata_batch_size)) if len(ids) > 1 else None
    except Exception as exc:  # noqa: BLE001 - a run must not fail for want of a shortcut
        log.warning("metadata batches not planned (%s: %s): each paper asks for its metadata alone", type(exc).__name__, exc)
        return None


# ---------------------------------------------------------------------------------------------
# PDFs


def _looks_like_pdf(head: bytes) -> bool:
    return b"%PDF-" in head[:1024]


def download_pdf(client: PoliteClient, url: str, dest: Path) -> dict[str, Any]:
    """Stream `url` into `dest` atomically; return sha256 and size. Raises FetchError."""
    s = client.settings
    limit = int(s.max_pdf_megabytes * 1_000_000)

    def consume(resp: requests.Response) -> dict[str, Any]:
        ctype = resp.headers.get("Content-Type", "").split(";")[0].strip().lower()
        started = time.monotonic()
        digest, size, head, tail = hashlib.sha256(), 0, b"", b""

        def transfer_failed(why: str) -> FetchError:
            return FetchError(why, permanent=False, retry_now=True)

        # The checks raise inside atomic_write: the partial file is removed, `dest` is untouched.
        with atomic_write(dest, "wb") as out:
            for chunk in resp.iter_content(1 << 16):
                if len(head) < 1024:
                    head += chunk[: 1024 - len(head)]
                    if len(head) == 1024 and not _looks_like_pdf(head):
                        break  # an HTML page or similar: no need to read the rest
                tail = (tail + chunk)[-2048:]
                size += len(chunk)
                if size > limit:
                    raise FetchError(f"PDF at {url} is larger than {s.max_pdf_megabytes:g} MB", permanent=True)
                if time.monotonic() - started > s.max_download_seconds:
                    raise transfer_failed(f"download of {url} took longer than {s.max_download_seconds:g} s")
                digest.update(chunk)
                out.write(chunk)
            if not _looks_like_pdf(head):
                what = "an empty body" if size == 0 else ctype or "no content type"
                if what == "application/pdf":
                    what = "application/pdf that does not start with %PDF-"
                raise transfer_failed(f"server sent {what} instead of a PDF ({url})")
            expected = resp.headers.get("Content-Length")
            if expected and expected.isdigit() and int(expected) != size and not resp.headers.get("Content-Encoding"):
                raise transfer_failed(f"PDF cut short ({size} of {expected} bytes) from {url}")
            if b"%%EOF" not in tail:
                raise transfer_failed(f"PDF is incomplete (no %%EOF trailer at its end) from {url}")
        return {"sha256": digest.hexdigest(), "bytes": size}

    return client.get(url, consume)


def copy_local_pdf(source: Path, dest: Path) -> dict[str, Any]:
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise FetchError(f"cannot read {source} ({exc.strerror or exc})", permanent=True) from None
    if not _looks_like_pdf(data[:1024]):
        raise FetchError(f"{source} is not a PDF", permanent=True)
    write_bytes_atomic(dest, data)
    return {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}


# ---------------------------------------------------------------------------------------------
# One paper: the receipt (meta.json) and the PDF


def pdf_url_for(paper: Paper, settings: ArxivSettings) -> str:
    if paper.arxiv_id:
        return settings.pdf_url.replace("{id}", paper.arxiv_id)
    return paper.pdf_url or ""


def source_of(paper: Paper) -> str:
    """What a paper's PDF is, independent of mirrors: the arXiv id as written (a pinned version
    included), the entry's pdf_url, or its pdf_path. A receipt of another source never vouches."""
    if paper.arxiv_id:
        return f"arXiv:{paper.arxiv_id}"
    return paper.pdf_url or f"file:{paper.pdf_path}"


def _receipt_source(receipt: dict, paper: Paper, settings: ArxivSettings) -> str | None:
    """The source a receipt records; receipts of earlier versions have only the URL they fetched."""
    if receipt.get("source"):
        return receipt["source"]
    url = receipt.get("source_url")
    return source_of(paper) if url and url == (paper.pdf_path or pdf_url_for(paper, settings)) else url


def _vouched(receipt: dict | None, pdf_path: Path, source: str | None, paper: Paper, settings: ArxivSettings) -> bool:
    """The receipt says ok for this source, and the PDF on disk is the one it describes."""
    return bool(
        receipt
        and source
        and receipt.get("status") == "ok"
        and _receipt_source(receipt, paper, settings) == source
        and pdf_path.is_file()
        and pdf_path.stat().st_size == receipt.get("bytes")
        and sha256_file(pdf_path) == receipt.get("sha256")
    )


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).isoformat(timespec="seconds")


def refetch_token(receipt: dict | None, settings: ArxivSettings, now: dt.datetime | None = None) -> str:
    """The fetch rule's param that decides when Snakemake fetches a paper again although its outputs
    exist (Snakemake re-runs a job whose params changed).

    It stays what the last fetch recorded (`rerun_token`) while trying again cannot help: the paper
    is fetched, or it failed permanently with the same settings, or it failed transiently less than
    `retry_failed_after_minutes` ago. It changes, once, when a transient failure has cooled down or
    when any `arxiv:` setting differs from the failed fetch's. The job records the value it ran with,
    so a finished run leaves nothing to do. Depends on the receipt and the clock only (no per-run
    memo): Snakemake evaluates params when it plans and again before the job, and the fetch outputs
    are `update()` outputs, so the receipt is still there the second time.
    """
    if receipt is None:
        return ""
    recorded = str(receipt.get("rerun_token", ""))
    if receipt.get("status") == "ok":
        return recorded
    failed_at = receipt.get("fetched_at")
    if receipt.get("settings_digest") != settings.digest():
        return f"arxiv settings changed since the failure of {failed_at}"
    if receipt.get("permanent"):
        return recorded
    retry_after = receipt.get("retry_after")
    try:
        due = dt.datetime.fromisoformat(retry_after) if retry_after else None
    except ValueError:
        due = None
    if due is not None and (now or dt.datetime.now(dt.timezone.utc)) < due:
        return recorded
    # the failure count makes the value new even when two failures share a timestamp
    return f"transient failure {receipt.get('failures', 1)} of {failed_at}, retried after {retry_after}"


_METADATA_FIELDS = ("title", "authors", "published", "updated", "latest_version", "abs_url", "comment", "metadata_request")


def fetch_paper(
    paper: Paper,
    raw_dir: Path,
    settings: ArxivSettings,
    attempt: int = 1,
    rerun_token: str = "",
    base_dir: Path | None = None,
    client: PoliteClient | None = None,
) -> dict[str, Any]:
    """Fetch one paper into raw_dir/{key}.pdf and write raw_dir/{key}.meta.json; return the receipt.

    A paper-level problem does not raise: the receipt gets status "failed", the error, whether it is
    permanent and (transient) when to try again, and an empty placeholder stands in for a PDF that
    was never fetched (the PDF is a declared output; the receipt says it is not one). The exception
    is a failed transfer on an attempt before the last: TryAgain, for Snakemake's `retries:`.
    A PDF the receipt vouches for is never downloaded again; a PDF already on disk is replaced only
    by a complete new one and never deleted.
    """
    raw_dir = Path(raw_dir)
    pdf_path, meta_path = raw_dir / f"{paper.key}.pdf", raw_dir / f"{paper.key}.meta.json"
    previous = read_json(meta_path)
    source = source_of(paper)
    digest = settings.digest()
    if not paper.pdf_path and _vouched(previous, pdf_path, source, paper, settings):
        log.info("%s: cached (%s), nothing fetched", paper.key, pdf_path)
        # the params it ran with; an entry without arXiv metadata takes its title and date from the config
        update = {"rerun_token": rerun_token, "settings_digest": digest}
        if not paper.arxiv_id:
            update.update(title=paper.name, published=paper.date)
        if any(previous.get(k) != v for k, v in update.items()):
            previous.update(update)
            write_json_atomic(meta_path, previous)
        return previous
    clean_partial_files(pdf_path)
    if client is None:
        client = PoliteClient(settings, raw_dir / ".locks")
    source_url = str(paper.pdf_path) if paper.pdf_path else pdf_url_for(paper, settings)
    meta: dict[str, Any] = {
        "paper_id": paper.key,
        "arxiv_id": paper.arxiv_base_id,
        "version": split_version(paper.arxiv_id)[1] if paper.arxiv_id else None,
        "title": paper.name,
        "authors": [],
        "published": paper.date,
        "source": source,
        "source_url": source_url,
        "pdf_file": pdf_path.name,
    }
    try:
        if paper.arxiv_id:
            if previous and previous.get("abs_url") and previous.get("arxiv_id") == paper.arxiv_base_id:
                info = {k: previous.get(k) for k in _METADATA_FIELDS}  # metadata already fetched once
            else:
                info = fetch_metadata(client, paper.arxiv_id)
            meta.update(info)  # "published" is arXiv's v1 date; a config `date` overrides it downstream
            meta["title"] = info["title"] or paper.name
            meta["version"] = meta["version"] or info.get("latest_version")
        if paper.pdf_path:
            local = Path(paper.pdf_path)
            if base_dir is not None and not local.is_absolute():
                local = base_dir / local
            got = copy_local_pdf(local, pdf_path)
        else:
            got = download_pdf(client, source_url, pdf_path)
        meta.update(got, status="ok", error=None, permanent=None)
    except FetchError as exc:
        if exc.retry_now and attempt < settings.attempts:
            # the same backoff as a failed request's (no connection is held meanwhile)
            wait = settings.backoff_seconds * 2 ** (attempt - 1)
            log.warning("%s: %s; attempt %d of %d failed, the next in %.1f s", paper.key, exc, attempt, settings.attempts, wait)
            time.sleep(wait)
            raise TryAgain(f"{paper.key}: {exc} (attempt {attempt} of {settings.attempts})") from None
        meta.update(status="failed", error=str(exc), cause=exc.cause, permanent=exc.permanent,
                    failures=(previous or {}).get("failures", 0) + 1 if (previous or {}).get("status") == "failed" else 1)
        if not exc.permanent:
            due = dt.datetime.now(dt.timezone.utc) + dt.timedelta(minutes=settings.retry_failed_after_minutes)
            meta["retry_after"] = _utc(due)
        log.error("%s: %s (%s)", paper.key, exc,
                  "permanent" if exc.permanent else f"transient: tried again by a run after {meta['retry_after']}")
        if pdf_path.exists():  # kept, never deleted: say what it is
            if previous and _vouched(previous, pdf_path, _receipt_source(previous, paper, settings), paper, settings):
                meta["kept_pdf"] = {k: previous.get(k) for k in ("source", "source_url", "sha256", "bytes", "fetched_at")}
        else:  # the declared output must exist: an empty placeholder, which the receipt disowns
            write_bytes_atomic(pdf_path, b"")
    meta.update(
        fetched_at=_utc(dt.datetime.now(dt.timezone.utc)),
        attempt=attempt,
        requests=client.requests_made,
        run=client.run_id,  # the run summary counts what this run fetched
        rerun_token=rerun_token,
        settings_digest=digest,
    )
    write_json_atomic(meta_path, meta)
    return meta
