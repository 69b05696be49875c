"""The extraction's regular expressions stay compiled between papers (aicompute.RE_CACHE_SIZE). One paper's rules use
300-500 distinct patterns, but papers differ in which: with re's own cache of 512 (first in, first out) papers push
each other's patterns out and each compiled tens of them again (on every second corpus paper, 3,033 distinct patterns
were compiled 11,686 times in two passes, 2.7 s of CPU against 1.0 s: about 3% of the extraction's)."""
import re
import re._compiler

import pytest
from conftest import needs_corpus

import aicompute
from aicompute.extraction import decide, default_ranker, generate, page_scorer
from aicompute.hardware import HardwareTable
from aicompute.pdftext import read_pdf

PAPERS = ["1907.11692", "1810.04805", "2302.13971", "1512.03385"]  # four corpus papers of different fields and styles


@pytest.fixture(scope="module")
def papers():
    corpus = needs_corpus()
    hw = HardwareTable.load()
    return hw, [read_pdf(corpus / "pdfs" / f"{p}.pdf", scorer=page_scorer(hw, None)) for p in PAPERS]


def _compiles(monkeypatch, hw, doc) -> int:
    n = [0]
    real = re._compiler.compile

    def counting(*a, **k):
        n[0] += 1
        return real(*a, **k)

    monkeypatch.setattr(re._compiler, "compile", counting)
    try:
        decide(generate(doc.sentences, hw, None, False, doc), default_ranker())
    finally:
        monkeypatch.setattr(re._compiler, "compile", real)
    return n[0]


def _first_paper_again(monkeypatch, papers) -> int:
    hw, docs = papers
    re.purge()
    for doc in docs:
        _compiles(monkeypatch, hw, doc)
    return _compiles(monkeypatch, hw, docs[0])


def test_the_first_paper_again_compiles_no_pattern(monkeypatch, papers):
    assert re._MAXCACHE >= aicompute.RE_CACHE_SIZE
    assert _first_paper_again(monkeypatch, papers) == 0


def test_with_res_own_cache_it_compiles_them_again(monkeypatch, papers):
    # why the cache is larger: re's default does not hold four papers' patterns (36 compiled again here)
    monkeypatch.setattr(re, "_MAXCACHE", 512)
    try:
        assert _first_paper_again(monkeypatch, papers) > 0
    finally:
        re.purge()
