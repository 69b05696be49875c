"""Paper identifiers: arXiv ids (new and old style) and the safe keys used in file paths."""

from __future__ import annotations

import re

# New-style ids: YYMM.NNNN (2007-04 .. 2014-12) or YYMM.NNNNN (2015-01 on), optional version.
# re.ASCII throughout: \d alone also matches other scripts' digits ("١٥١٢.٠٣٣٨٥"), which are no arXiv id.
_NEW_STYLE = re.compile(r"(?P<yymm>\d{4})\.(?P<num>\d{4,5})(?P<version>v\d+)?", re.ASCII)
# Old-style ids: archive[.SUBJECT]/YYMMNNN, e.g. cs/0501001, math.GT/0309136, hep-th/9901001v2.
_OLD_STYLE = re.compile(r"(?P<archive>[a-z]+(?:-[a-z]+)?)(?:\.[A-Z]{2})?/(?P<yymm>\d{4})\d{3}(?P<version>v\d+)?", re.ASCII)
# Ids of entries without an arXiv paper: a plain file-name-safe word, never a path.
_LOCAL_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*")
# What a {paper} wildcard may be: the union of the above after "/" -> "_".
PAPER_KEY_PATTERN = r"[A-Za-z0-9][A-Za-z0-9._-]*"


class InvalidId(ValueError):
    """An identifier that is not a well-formed arXiv id (or local id); the message says why."""


def check_arxiv_id(arxiv_id: str) -> str:
    """Return the id unchanged if it is a well-formed arXiv id, else raise InvalidId saying why."""
    if not isinstance(arxiv_id, str) or not arxiv_id.strip():
        raise InvalidId("empty arXiv id")
    if arxiv_id != arxiv_id.strip():
        raise InvalidId(f"arXiv id {arxiv_id!r} has surrounding whitespace")
    if arxiv_id.lower().startswith(("arxiv:", "http://", "https://")):
        raise InvalidId(f"{arxiv_id!r}: give the bare id (e.g. '1512.03385'), without a prefix or URL")
    m = _NEW_STYLE.fullmatch(arxiv_id)
    if m:
        yy, mm = int(m["yymm"][:2]), int(m["yymm"][2:])
        if not 1 <= mm <= 12 or yy < 7:
            raise InvalidId(f"{arxiv_id!r}: {m['yymm']} is not a valid YYMM (new-style ids start in 0704)")
        digits = 5 if yy >= 15 else 4
        if len(m["num"]) != digits:
            raise InvalidId(
                f"{arxiv_id!r}: ids from 20{yy:02d} have {digits} digits after the dot (YYMM.{'N' * digits})"
            )
        return arxiv_id
    m = _OLD_STYLE.fullmatch(arxiv_id)
    if m:
        mm = int(m["yymm"][2:])
        if not 1 <= mm <= 12:
            raise InvalidId(f"{arxiv_id!r}: {m['yymm']} is not a valid YYMM")
        return arxiv_id
    raise InvalidId(
        f"{arxiv_id!r} is not an arXiv id (expected YYMM.NNNNN like '1512.03385' or archive/YYMMNNN like 'cs/0501001')"
    )


def check_local_id(paper_id: str) -> str:
    """Ids of entries without an arXiv paper: letters, digits, '-', '_' and inner dots; never a path."""
    if not isinstance(paper_id, str) or not paper_id:
        raise InvalidId("empty id")
    if len(paper_id) > 64 or not _LOCAL_ID.fullmatch(paper_id):
        raise InvalidId(
            f"id {paper_id!r} must be 1-64 letters, digits, '-', '_' or inner dots (it names files under data/)"
        )
    return paper_id


def split_version(arxiv_id: str) -> tuple[str, str | None]:
    """'1706.03762v5' -> ('1706.03762', 'v5'); no version -> (id, None)."""
    m = re.search(r"v(\d+)$", arxiv_id, re.ASCII)
    if m and check_arxiv_id(arxiv_id):
        return arxiv_id[: m.start()], m.group(0)
    return arxiv_id, None


def paper_key(arxiv_id: str) -> str:
    """The {paper} key used in file names: the arXiv id with '/' replaced by '_'."""
    return check_arxiv_id(arxiv_id).replace("/", "_")
