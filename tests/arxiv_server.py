"""A real HTTP server on 127.0.0.1 that plays arXiv: the Atom API (/api/query) and PDFs (/pdf/<id>).

Used by the end-to-end and fault tests (the pipeline talks to it over real HTTP with `requests`), and
runnable by hand for an offline demo:

    python tests/arxiv_server.py --corpus ../shared/corpus --port 8765 &
    snakemake --cores 8 --configfile config.yaml tests/offline_arxiv.yaml

A request for many ids (`id_list=a,b,c`, a metadata batch) is answered as arXiv does: one entry per
id it knows, in the order asked, at most `max_results` (arXiv's default: 10). Unknown ids are left out,
as an unknown id alone gets an empty feed.

Faults are scripted per paper id and endpoint ("api" or "pdf"), consumed one per request:
    ok | 404 | 500 | 503 | 429 | 429:retry-after=2 | 503:retry-after-date=2 | 404:reason=<any text>
    | hang (no response at all) | stall (headers and a third of the PDF, then nothing) | reset | html
    | truncated (the PDF cut in half, served whole with a matching length) | empty (200, no body)
    | empty-feed | withdrawn | slow (the PDF in 4 KB pieces, `slow_seconds` apart)
A paper's API faults are about its own request: a batch leaves a paper whose API script still has
a fault out of its answer (the fault is not used up), so the paper's job asks for it alone and meets
the fault there. The batch requests themselves have a script of their own, under the name BATCH:
`server.fault(BATCH, "api", "503", ...)` (status faults, hang, empty-feed).
Every request is logged with the server's own clock, so tests can measure request spacing.
"""

from __future__ import annotations

import argparse
import csv
import email.utils
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse
from xml.sax.saxutils import escape

BATCH = "*batch*"  # the fault script of requests for many ids
ARXIV_DEFAULT_MAX_RESULTS = 10

ATOM_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" '
    'xmlns:arxiv="http://arxiv.org/schemas/atom">\n'
    "<title>arXiv Query</title>\n<id>http://arxiv.org/api/fake</id>\n"
)


@dataclass
class FakePaper:
    arxiv_id: str  # without version
    title: str
    published: str  # YYYY-MM-DD
    pdf: bytes | Path
    authors: list[str] = field(default_factory=lambda: ["A. Author", "B. Author"])
    comment: str = ""
    version: str = "v1"

    def pdf_bytes(self) -> bytes:
        return self.pdf if isinstance(self.pdf, bytes) else Path(self.pdf).read_bytes()


@dataclass
class Request:
    at: float  # time.time() when the request line was read
    endpoint: str  # "api" | "pdf" | "other"
    paper: str  # the id asked for (without version); for a batch, its ids joined by ","
    path: str
    user_agent: str = ""
    ended: float | None = None  # time.time() when the response was written (or the handler gave up)
    papers: tuple[str, ...] = ()  # every id asked for (one but for a batch)

    @property
    def batch(self) -> bool:
        return len(self.papers) > 1


class FakeArxiv:
    def __init__(self, papers: dict[str, FakePaper] | None = None, host: str = "127.0.0.1", port: int = 0):
        self.papers: dict[str, FakePaper] = dict(papers or {})
        self.faults: dict[tuple[str, str], list[str]] = {}
        self.requests: list[Request] = []
        self.hang_seconds = 60.0
        self.slow_seconds = 0.05  # pause between 4 KB pieces of a "slow" PDF
        self._lock = threading.Lock()
        self._closing = threading.Event()
        handler = self._make_handler()
        self.httpd = ThreadingHTTPServer((host, port), handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    # -- control ------------------------------------------------------------------------
    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/query"

    @property
    def pdf_url(self) -> str:
        return f"{self.url}/pdf/{{id}}"

    def add(self, paper: FakePaper) -> None:
        self.papers[paper.arxiv_id] = paper

    def fault(self, paper: str, endpoint: str, *script: str) -> None:
        self.faults[(paper, endpoint)] = list(script)

    def start(self) -> "FakeArxiv":
        self.thread.start()
        return self

    def stop(self) -> None:
        self._closing.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> "FakeArxiv":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def requests_for(self, paper: str | None = None, endpoint: str | None = None, batches: bool = False) -> list[Request]:
        """Requests for `paper` alone (its own metadata request, its PDF); with `batches`, also the
        metadata batches that named it. Without `paper`: every request (batches included)."""
        with self._lock:
            return [r for r in self.requests
                    if (paper is None or r.papers == (paper,) or (batches and paper in r.papers))
                    and (endpoint is None or r.endpoint == endpoint)]

    def batch_requests(self) -> list[Request]:
        """The API requests for more than one id."""
        return [r for r in self.requests_for(endpoint="api") if r.batch]

    def min_gap(self) -> float | None:
        """Smallest time between two consecutive requests, as this server saw them."""
        times = sorted(r.at for r in self.requests_for())
        return min((b - a for a, b in zip(times, times[1:])), default=None)

    # -- serving ------------------------------------------------------------------------
    def _next_fault(self, paper: str, endpoint: str) -> str:
        with self._lock:
            script = self.faults.get((paper, endpoint))
            return script.pop(0) if script else "ok"

    def _has_fault(self, paper: str, endpoint: str) -> bool:
        with self._lock:
            return bool(self.faults.get((paper, endpoint)))

    @staticmethod
    def _entry(paper: FakePaper, fault: str = "ok") -> str:
        comment = paper.comment
        if fault == "withdrawn":
            comment = "This paper has been withdrawn by the author"
        authors = "".join(f"<author><name>{escape(a)}</name></author>" for a in paper.authors)
        return (
            "<entry>\n"
            f"<id>http://arxiv.org/abs/{escape(paper.arxiv_id)}{paper.version}</id>\n"
            f"<updated>{escape(paper.published)}T00:00:00Z</updated>\n<published>{escape(paper.published)}T00:00:00Z</published>\n"
            f"<title>{escape(paper.title)}</title>\n<summary>Abstract.</summary>\n{authors}\n"
            + (f"<arxiv:comment>{escape(comment)}</arxiv:comment>\n" if comment else "")
            + f'<link title="pdf" href="http://arxiv.org/pdf/{escape(paper.arxiv_id)}" rel="related" type="application/pdf"/>\n'
            "</entry>\n"
        )

    def _feed(self, paper: FakePaper | None, fault: str) -> bytes:
        entries = [] if paper is None or fault == "empty-feed" else [self._entry(paper, fault)]
        return self._feed_of(entries)

    def _batch_feed(self, ids: list[str], max_results: int, fault: str) -> bytes:
        entries = []
        for base_id in ids:
            paper = self.papers.get(base_id)
            if paper is None or fault == "empty-feed" or self._has_fault(base_id, "api"):
                continue  # unknown, or its scripted fault waits for its own request
            entries.append(self._entry(paper))
        return self._feed_of(entries[:max(max_results, 0)])

    @staticmethod
    def _feed_of(entries: list[str]) -> bytes:
        head = f"<opensearch:totalResults>{len(entries)}</opensearch:totalResults>\n"
        return (ATOM_HEAD + head + "".join(entries) + "</feed>\n").encode()

    def _make_handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet
                pass

            def handle(self):
                try:
                    super().handle()
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a test killed it, or it timed out): not a server error

            def _send(self, status: int, body: bytes, ctype: str, headers: dict | None = None, length: int | None = None,
                      reason: str | None = None):
                self.send_response(status, reason)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body) if length is None else length))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(body)
                self.wfile.flush()

            def _send_part(self, data: bytes, upto: int):
                """Headers promising all of `data` (a PDF), then only its first `upto` bytes."""
                self.send_response(200)
                self.send_header("Content-Type", "application/pdf")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data[:upto])
                self.wfile.flush()

            def do_GET(self):  # noqa: N802
                at = time.time()
                url = urlparse(self.path)
                query = parse_qs(url.query)
                if url.path == "/api/query":
                    endpoint = "api"
                    ids = [i.strip() for i in query.get("id_list", [""])[0].split(",") if i.strip()] or [""]
                elif url.path.startswith("/pdf/"):
                    endpoint = "pdf"
                    ids = [unquote(url.path[len("/pdf/"):])]
                else:
                    endpoint, ids = "other", [""]
                bases = tuple(i.rsplit("v", 1)[0] if i.rsplit("v", 1)[-1].isdigit() and "v" in i else i for i in ids)
                request = Request(at, endpoint, ",".join(bases), self.path, self.headers.get("User-Agent", ""),
                                  papers=bases)
                with server._lock:
                    server.requests.append(request)
                try:
                    if request.batch:
                        try:
                            max_results = int(query.get("max_results", [ARXIV_DEFAULT_MAX_RESULTS])[0])
                        except ValueError:
                            max_results = ARXIV_DEFAULT_MAX_RESULTS
                        self._respond(request, endpoint, BATCH, batch=(list(bases), max_results))
                    else:
                        self._respond(request, endpoint, bases[0])
                finally:
                    request.ended = time.time()

            def _respond(self, request, endpoint, base_id, batch=None):
                fault = server._next_fault(base_id, endpoint)
                paper = server.papers.get(base_id)
                status = fault.split(":")[0]
                if status.isdigit() and status != "200":
                    headers = {}
                    if "retry-after=" in fault:
                        headers["Retry-After"] = fault.split("retry-after=")[1]
                    if "retry-after-date=" in fault:
                        seconds = float(fault.split("retry-after-date=")[1])
                        headers["Retry-After"] = email.utils.formatdate(time.time() + seconds, usegmt=True)
                    reason = fault.split("reason=", 1)[1] if "reason=" in fault else None
                    return self._send(int(status), f"error {status}".encode(), "text/plain", headers, reason=reason)
                if fault == "hang":
                    server._closing.wait(server.hang_seconds)
                    self.close_connection = True
                    return
                if endpoint == "api":
                    feed = server._batch_feed(*batch, fault) if batch else server._feed(paper, fault)
                    return self._send(200, feed, "application/atom+xml; charset=utf-8")
                if endpoint == "pdf":
                    if paper is None:
                        return self._send(404, b"not found", "text/plain")
                    if fault == "html":
                        page = b"<!DOCTYPE html><html><body>Please verify you are a human</body></html>"
                        return self._send(200, page, "text/html")
                    data = paper.pdf_bytes()
                    if fault == "empty":
                        return self._send(200, b"", "application/pdf")
                    if fault == "stall":
                        # promise the whole file, send a third, then go quiet with the connection open
                        self._send_part(data, len(data) // 3)
                        server._closing.wait(server.hang_seconds)
                        self.close_connection = True
                        return
                    if fault == "truncated":
                        return self._send(200, data[: len(data) // 2], "application/pdf")
                    if fault == "reset":
                        # promise the whole file, send a third, then drop the connection
                        self._send_part(data, len(data) // 3)
                        self.close_connection = True
                        return
                    if fault == "slow":
                        self._send_part(data, 0)
                        for i in range(0, len(data), 4096):
                            if server._closing.is_set():
                                return
                            self.wfile.write(data[i:i + 4096])
                            self.wfile.flush()
                            time.sleep(server.slow_seconds)
                        return
                    return self._send(200, data, "application/pdf")
                return self._send(404, b"not found", "text/plain")

        return Handler


def corpus_papers(corpus: Path, ids: list[str] | None = None) -> dict[str, FakePaper]:
    """FakePapers for the corpus PDFs, with titles and dates from its meta.csv."""
    papers = {}
    with open(corpus / "meta.csv", newline="") as fh:
        for row in csv.DictReader(fh):
            if ids is not None and row["arxiv_id"] not in ids:
                continue
            pdf = corpus / "pdfs" / f"{row['arxiv_id']}.pdf"
            if pdf.is_file():
                papers[row["arxiv_id"]] = FakePaper(row["arxiv_id"], row["title"], row["published"], pdf)
    return papers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "corpus")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    server = FakeArxiv(corpus_papers(args.corpus), port=args.port)
    print(f"serving {len(server.papers)} papers: api_url={server.api_url} pdf_url={server.pdf_url}", flush=True)
    try:
        server.httpd.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
