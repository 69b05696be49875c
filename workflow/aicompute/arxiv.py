"""Fetching papers: arXiv API metadata (Atom) and PDFs over HTTP, politely and safely.

- One request per `delay_seconds` across all parallel jobs (SharedRateLimiter), retries included.
- Retries with exponential backoff on 429, 5xx, timeouts, resets and truncated bodies; Retry-After
  is honoured (seconds or HTTP date) up to `max_retry_after_seconds`.
- A permanent problem (404, empty feed, withdrawn, oversized) is not retried; a transient one that
  outlives the retries is recorded as transient so the next run tries again.
- The PDF is streamed to a temporary file beside its destination and renamed into place only once it
  is complete and looks like a PDF: no half file is ever under the final name.
- Nothing is downloaded again when a valid copy is cached.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import requests
import urllib3

from .config import Paper
from .ids import InvalidId, split_version
from .ratelimit import SharedRateLimiter

log = logging.getLogger(__name__)

ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV_NS = "{http://arxiv.org/schemas/atom}"
OPENSEARCH = "{http://a9.com/-/spec/opensearch/1.1/}"
TRANSIENT_STATUS = {408, 425, 429, 500, 502, 503, 504}
MAX_FEED_BYTES = 5_000_000


@dataclass(frozen=True)
class ArxivSettings:
    api_url: str = "https://export.arxiv.org/api/query"
    pdf_url: str = "https://arxiv.org/pdf/{id}"
    delay_seconds: float = 3.0
    timeout_seconds: float = 30.0
    max_download_seconds: float = 600.0
    max_pdf_megabytes: float = 100.0
    retries: int = 4
    backoff_seconds: float = 5.0
    max_retry_after_seconds: float = 300.0
    user_agent: str = "aicompute-pipeline/0.1"

    @classmethod
    def from_config(cls, section: dict[str, Any] | None) -> "ArxivSettings":
        known = cls.__dataclass_fields__
        return cls(**{k: v for k, v in (section or {}).items() if k in known})


class FetchError(Exception):
    """A paper could not be fetched. `permanent` says whether trying again later could help."""

    def __init__(self, message: str, permanent: bool):
        super().__init__(message)
        self.permanent = permanent


class _Transient(Exception):
    """Internal: a failed attempt worth retrying (with the server's Retry-After, if any)."""

    def __init__(self, message: str, retry_after: float | None = None):
        super().__init__(message)
        self.retry_after = retry_after


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Retry-After is either delta-seconds or an HTTP date; None if absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


class PoliteClient:
    """requests with the shared rate limit, retries and backoff. One instance per job is enough."""

    def __init__(
        self,
        settings: ArxivSettings,
        limiter: SharedRateLimiter,
        session: requests.Session | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.settings = settings
        self.limiter = limiter
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = settings.user_agent
        self.sleep = sleep
        self.requests_made = 0

    def get(self, url: str, consume: Callable[[requests.Response], Any], params: dict | None = None) -> Any:
        """GET `url` and hand the streamed response to `consume`; retry transient failures.

        `consume` reads the body and returns the result; it raises _Transient for a body worth
        fetching again (reset, truncated, HTML instead of PDF) and FetchError for a permanent problem.
        """
        s = self.settings
        last_problem = ""
        for attempt in range(s.retries + 1):
            self.limiter.wait()
            self.requests_made += 1
            retry_after = None
            try:
                with self.session.get(
                    url, params=params, stream=True, timeout=(s.timeout_seconds, s.timeout_seconds)
                ) as resp:
                    if resp.status_code == 200:
                        return consume(resp)
                    if resp.status_code in TRANSIENT_STATUS:
                        retry_after = parse_retry_after(resp.headers.get("Retry-After"))
                        raise _Transient(f"HTTP {resp.status_code}", retry_after)
                    raise FetchError(f"HTTP {resp.status_code} {resp.reason or ''} for {resp.url}".strip(), permanent=True)
            except _Transient as exc:
                last_problem, retry_after = str(exc), exc.retry_after
            except requests.Timeout:
                last_problem = f"timed out after {s.timeout_seconds:g} s"
            except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError) as exc:
                if exc.args and isinstance(exc.args[0], urllib3.exceptions.ReadTimeoutError):
                    # requests reports a read timeout while streaming the body as a ConnectionError
                    last_problem = f"timed out after {s.timeout_seconds:g} s in the middle of the transfer"
                else:
                    last_problem = f"connection failed ({type(exc).__name__})"
            if attempt == s.retries:
                break
            if retry_after is not None and retry_after > s.max_retry_after_seconds:
                raise FetchError(
                    f"{last_problem} from {url}: server asks to retry after {retry_after:.0f} s "
                    f"(more than max_retry_after_seconds={s.max_retry_after_seconds:g}); try again later",
                    permanent=False,
                )
            wait = retry_after if retry_after is not None else s.backoff_seconds * 2**attempt
            log.warning("%s: %s; retry %d/%d in %.1f s", url, last_problem, attempt + 1, s.retries, wait)
            self.sleep(wait)
        raise FetchError(f"{last_problem} from {url} (gave up after {s.retries + 1} attempts)", permanent=False)


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
        raise _Transient(f"body cut short ({len(body)} of {expected} bytes)")
    return body


def _text(node: ET.Element | None) -> str:
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


def parse_atom_entry(feed_xml: bytes, arxiv_id: str) -> dict[str, Any]:
    """Metadata of `arxiv_id` from an arXiv API Atom feed; FetchError if absent, an error, or withdrawn."""
    try:
        root = ET.fromstring(feed_xml)
    except ET.ParseError as exc:
        raise _Transient(f"arXiv API returned unreadable XML ({exc})") from None
    if root.tag != f"{ATOM}feed":
        raise _Transient(f"arXiv API returned <{root.tag}>, not an Atom feed")
    base_id, _ = split_version(arxiv_id)
    for entry in root.findall(f"{ATOM}entry"):
        entry_url = _text(entry.find(f"{ATOM}id"))
        title = _text(entry.find(f"{ATOM}title"))
        if "/api/errors" in entry_url or title == "Error":
            summary = _text(entry.find(f"{ATOM}summary"))
            raise FetchError(f"arXiv API error for {arxiv_id}: {summary or title}", permanent=True)
        found = entry_url.rsplit("/abs/", 1)[-1]
        try:
            found_base, found_version = split_version(found)
        except InvalidId:  # a garbled entry must not crash the job: try again later
            raise _Transient(f"arXiv API returned an entry with an unreadable id {found[:80]!r}") from None
        if found_base != base_id:
            continue
        comment = _text(entry.find(f"{ARXIV_NS}comment"))
        if "withdrawn" in comment.lower() and not split_version(arxiv_id)[1]:
            raise FetchError(f"arXiv {arxiv_id} was withdrawn (arXiv comment: {comment[:200]})", permanent=True)
        return {
            "title": title,
            "authors": [_text(a.find(f"{ATOM}name")) for a in entry.findall(f"{ATOM}author")],
            "published": _iso_date(_text(entry.find(f"{ATOM}published"))),
            "updated": _iso_date(_text(entry.find(f"{ATOM}updated"))),
            "latest_version": found_version,
            "abs_url": entry_url,
            "comment": comment,
        }
    total = _text(root.find(f"{OPENSEARCH}totalResults"))
    raise FetchError(f"arXiv has no paper {arxiv_id} (empty feed, totalResults={total or 0})", permanent=True)


def fetch_metadata(client: PoliteClient, arxiv_id: str) -> dict[str, Any]:
    def consume(resp: requests.Response) -> dict[str, Any]:
        return parse_atom_entry(_read_limited(resp, MAX_FEED_BYTES), arxiv_id)

    return client.get(client.settings.api_url, consume, params={"id_list": arxiv_id, "max_results": 1})


# ---------------------------------------------------------------------------------------------
# PDFs


def _looks_like_pdf(head: bytes) -> bool:
    return b"%PDF-" in head[:1024]


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _atomic_tmp(dest: Path) -> tuple[int, str]:
    dest.parent.mkdir(parents=True, exist_ok=True)
    return tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".part", dir=dest.parent)


def clean_partial_files(dest: Path) -> None:
    """Remove leftovers of an interrupted download of `dest` (never the file itself)."""
    for stale in dest.parent.glob(f".{dest.name}.*.part"):
        stale.unlink(missing_ok=True)


def download_pdf(client: PoliteClient, url: str, dest: Path) -> dict[str, Any]:
    """Stream `url` into `dest` atomically; return sha256 and size. Raises FetchError."""
    s = client.settings
    limit = int(s.max_pdf_megabytes * 1_000_000)

    def consume(resp: requests.Response) -> dict[str, Any]:
        ctype = resp.headers.get("Content-Type", "").split(";")[0].strip().lower()
        started = time.monotonic()
        fd, tmp = _atomic_tmp(dest)
        digest, size, head, tail = hashlib.sha256(), 0, b"", b""
        try:
            with os.fdopen(fd, "wb") as out:
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
                        raise _Transient(f"download took longer than {s.max_download_seconds:g} s")
                    digest.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            if not _looks_like_pdf(head):
                what = "an empty body" if size == 0 else ctype or "no content type"
                if what == "application/pdf":
                    what = "application/pdf that does not start with %PDF-"
                raise _Transient(f"server sent {what} instead of a PDF")
            expected = resp.headers.get("Content-Length")
            if expected and expected.isdigit() and int(expected) != size and not resp.headers.get("Content-Encoding"):
                raise _Transient(f"PDF cut short ({size} of {expected} bytes)")
            if b"%%EOF" not in tail:
                raise _Transient("PDF is incomplete (no %%EOF trailer at its end)")
            os.replace(tmp, dest)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return {"sha256": digest.hexdigest(), "bytes": size}

    return client.get(url, consume)


def copy_local_pdf(source: Path, dest: Path) -> dict[str, Any]:
    with open(source, "rb") as fh:
        if not _looks_like_pdf(fh.read(1024)):
            raise FetchError(f"{source} is not a PDF", permanent=True)
    fd, tmp = _atomic_tmp(dest)
    os.close(fd)
    try:
        shutil.copyfile(source, tmp)
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return {"sha256": sha256_file(dest), "bytes": dest.stat().st_size}


# ---------------------------------------------------------------------------------------------
# One paper: the receipt (meta.json) and the PDF


def write_json_atomic(path: Path, data: Any) -> None:
    fd, tmp = _atomic_tmp(path)
    try:
        with os.fdopen(fd, "w") as fh:
            json.dump(data, fh, indent=1, ensure_ascii=False)
            fh.write("\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_json(path: Path) -> dict[str, Any] | None:
    try:
        with open(path) as fh:
            data = json.load(fh)
        return data if isinstance(data, dict) else None
    except (OSError, ValueError):
        return None


def retry_token(meta_path: Path, pdf_path: Path) -> str:
    """What should make Snakemake fetch a paper again although its meta.json exists.

    Used as a rule param (params changes re-run a job): empty while the receipt is good or the failure
    permanent; a fresh value after a transient failure or when the PDF went missing. A successful
    fetch records the token it ran with, so the value stays stable afterwards.
    """
    meta = read_json(meta_path)
    if meta is None:
        return ""
    if meta.get("status") == "ok" and not pdf_path.is_file():
        return f"PDF missing (fetched {meta.get('fetched_at')})"
    if meta.get("status") == "failed" and not meta.get("permanent", False):
        return f"transient failure at {meta.get('fetched_at')}: {meta.get('error', '')[:80]}"
    return meta.get("retry_token", "")


def pdf_url_for(paper: Paper, settings: ArxivSettings) -> str:
    if paper.arxiv_id:
        return settings.pdf_url.replace("{id}", paper.arxiv_id)
    return paper.pdf_url or ""


def _cached(meta: dict | None, pdf_path: Path) -> bool:
    """The receipt says ok and the PDF on disk is the one it describes."""
    return bool(
        meta
        and meta.get("status") == "ok"
        and pdf_path.is_file()
        and pdf_path.stat().st_size == meta.get("bytes")
        and sha256_file(pdf_path) == meta.get("sha256")
    )


def _reusable_pdf(previous: dict | None, pdf_path: Path, source_url: str) -> bool:
    """A complete PDF from an earlier run of the same source (downloads are atomic, so a file under
    the final name is whole) whose receipt is missing or records a later failure."""
    if not pdf_path.is_file() or (previous and previous.get("source_url") != source_url):
        return False
    with open(pdf_path, "rb") as fh:
        return _looks_like_pdf(fh.read(1024))


_METADATA_FIELDS = ("title", "authors", "published", "updated", "latest_version", "abs_url", "comment")


def fetch_paper(
    paper: Paper,
    raw_dir: Path,
    settings: ArxivSettings,
    client: PoliteClient | None = None,
    token: str = "",
    base_dir: Path | None = None,
) -> dict[str, Any]:
    """Fetch one paper into raw_dir/{key}.pdf and write raw_dir/{key}.meta.json; return the meta.

    Never raises for a paper-level problem: the receipt then has status "failed", the error and
    whether it is permanent. A cached, intact PDF is never downloaded again nor deleted.
    """
    raw_dir = Path(raw_dir)
    pdf_path, meta_path = raw_dir / f"{paper.key}.pdf", raw_dir / f"{paper.key}.meta.json"
    previous = read_json(meta_path)
    if _cached(previous, pdf_path) and previous.get("retry_token", "") == token:
        log.info("%s: cached (%s), nothing fetched", paper.key, pdf_path)
        return previous
    clean_partial_files(pdf_path)
    if client is None:
        client = PoliteClient(settings, SharedRateLimiter(raw_dir / ".ratelimit", settings.delay_seconds))
    source_url = str(paper.pdf_path) if paper.pdf_path else pdf_url_for(paper, settings)
    meta: dict[str, Any] = {
        "paper_id": paper.key,
        "arxiv_id": paper.arxiv_base_id,
        "version": split_version(paper.arxiv_id)[1] if paper.arxiv_id else None,
        "title": paper.name,
        "authors": [],
        "published": paper.date,
        "source_url": source_url,
        "pdf_file": pdf_path.name,
        "retry_token": token,
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
        if _cached(previous, pdf_path) or _reusable_pdf(previous, pdf_path, source_url):
            log.info("%s: reusing the PDF already in %s", paper.key, pdf_path)
            got = {"sha256": sha256_file(pdf_path), "bytes": pdf_path.stat().st_size}
        elif paper.pdf_path:
            source = Path(paper.pdf_path)
            if base_dir is not None and not source.is_absolute():
                source = base_dir / source
            got = copy_local_pdf(source, pdf_path)
        else:
            got = download_pdf(client, source_url, pdf_path)
        meta.update(got, status="ok", error=None, permanent=None)
    except FetchError as exc:
        meta.update(status="failed", error=str(exc), permanent=exc.permanent)
        log.error("%s: %s (%s)", paper.key, exc, "permanent" if exc.permanent else "transient: retried next run")
    meta["fetched_at"] = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    meta["requests"] = client.requests_made
    write_json_atomic(meta_path, meta)
    return meta
