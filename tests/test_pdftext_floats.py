"""(text16) A prose sentence interrupted by a float: the PDF's text order puts a table's rows or a figure's
caption where it was typeset, in the middle of a paragraph, so one sentence was read as two fragments with
the float between. The fragment after the float (a lower-case word, a citation, a number after a
preposition) joins the paragraph again; the float's units come first. Near-misses: a sentence that ends
before the table, a heading after a table, a caption ending with no period followed by a paragraph that
starts with a capital, a short line (not filling the column) before the table, text that follows straight
on with no float between."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from aicompute import pdftext
from aicompute.pdftext import _Word
from test_pdftext_columns import line_words

SIZE = 9.0
CHAR = 0.5 * SIZE
SPACE = 0.3 * SIZE
LEADING = 11.0
PAGE_W = 612.0
X0, X1 = 72.0, 540.0  # one column


def line(text: str, top: float, justify: bool = True, x0: float = X0) -> list[_Word]:
    """One line of the single column; justified lines fill it to X1 (the words as test_pdftext_columns places them)."""
    return line_words(text, x0, top, right=X1 if justify else None)


def table_row(cells: list[str], top: float) -> list[_Word]:
    out, x = [], X0
    for c in cells:
        for t in c.split():
            out.append(_Word(x, x + len(t) * CHAR, top, top + SIZE, t, SIZE))
            x += len(t) * CHAR + SPACE
        x += 24.0  # wide gaps between cells
    return out


PARA = [
    "In this section we describe how the network was set up and which settings were chosen for the",
    "final runs, since the ablations in the previous section compared several variants of the design and",
    "each of them needed its own schedule, its own warmup and its own choice of the weight decay that",
]
ROWS = [["Variant", "Depth", "Width", "Score"], ["small", "12", "512", "71.3"], ["large", "24", "1024", "75.9"]]


def page(before: list[str], after: list[str], caption: str | None = "Table 2: Scores of the two variants.",
         rows=ROWS, last_justified: bool = True) -> list[_Word]:
    words, top = [], 60.0
    for k, t in enumerate(before):
        words += line(t, top, justify=last_justified or k < len(before) - 1)
        top += LEADING
    top += 20
    for r in rows:
        words += table_row(r, top)
        top += LEADING
    if caption:
        top += 6
        words += line(caption, top, justify=False)
        top += LEADING
    top += 20
    for k, t in enumerate(after):
        words += line(t, top, justify=False)
        top += LEADING
    return words


def units(words, monkeypatch):
    monkeypatch.setattr(pdftext, "_words_of", lambda p: p.words)
    got, _ = pdftext._page_units(SimpleNamespace(words=words, width=PAGE_W), 3, "body", set())
    return got


def text_sents(us):
    return [u.text for u in us if u.kind == "text"]


def test_lowercase_fragment_after_a_table_joins_the_sentence(monkeypatch):
    us = units(page(PARA, ["suited it best. We then trained the large variant on 16 accelerators for nine days."]),
               monkeypatch)
    sents = text_sents(us)
    assert any(s.startswith("In this section") and s.endswith("weight decay that suited it best.") for s in sents), sents
    assert "suited it best." not in sents
    # the float's units stay, before the joined paragraph; the next sentence follows the joined one
    kinds = [u.kind for u in us]
    assert kinds.index("table") < kinds.index("text")
    assert sents[-1].startswith("We then trained the large variant")
    assert any(u.kind == "caption" and u.text.startswith("Table 2") for u in us)
    assert sum(u.kind == "table" for u in us) == 3


def test_citation_fragment_after_a_caption_joins_the_sentence(monkeypatch):
    before = PARA[:2] + ["each of them follows the recipe and the schedule of the original encoder as it was described in"]
    us = units(page(before, ["Moreau et al. (2021). We pretrain our model using 64 accelerators for two days."]),
               monkeypatch)
    sents = text_sents(us)
    assert any(s.endswith("as it was described in Moreau et al. (2021).") for s in sents), sents
    assert "Moreau et al. (2021)." not in sents
    # the sentence before the hardware sentence is the joined one
    k = sents.index("We pretrain our model using 64 accelerators for two days.")
    assert sents[k - 1].endswith("Moreau et al. (2021).")


def test_number_after_a_preposition_joins(monkeypatch):
    before = PARA[:2] + ["each of them needed its own schedule and its own warmup, so the large one was trained for roughly"]
    us = units(page(before, ["300K steps with the larger batch. It converged."]), monkeypatch)
    assert any(s.endswith("trained for roughly 300K steps with the larger batch.") for s in text_sents(us))


def test_hyphenated_word_split_by_a_table_is_joined(monkeypatch):
    before = PARA[:2] + ["each of them needed its own schedule, its own warmup and its own value of the dropout and weight de-"]
    us = units(page(before, ["cay, which we tuned on the validation set."]), monkeypatch)
    sents = text_sents(us)
    assert any(re.search(r"and weight de-?cay, which we tuned on the validation set\.$", s) for s in sents), sents


# ------------------------------------------------------------------ near-misses


def test_a_sentence_that_ends_before_the_table_stays_apart(monkeypatch):
    before = PARA[:2] + ["each of them needed its own schedule and its own warmup and its own decay, as listed in the table."]
    us = units(page(before, ["our runs use the same settings otherwise."]), monkeypatch)
    sents = text_sents(us)
    assert "our runs use the same settings otherwise." in sents


def test_a_heading_after_the_table_is_not_joined(monkeypatch):
    us = units(page(PARA, ["4.2 Results on the held-out set", "We report the mean of three seeds here."]), monkeypatch)
    sents = text_sents(us)
    assert not any("weight decay that 4.2" in s or "weight decay that Results" in s for s in sents), sents


def test_a_capital_paragraph_after_a_caption_with_no_period_is_not_joined(monkeypatch):
    us = units(page(PARA, ["Training uses the same data as the baseline in every run."],
                    caption="Table 2: Scores of the two variants on the held-out set"), monkeypatch)
    sents = text_sents(us)
    assert "Training uses the same data as the baseline in every run." in sents
    assert not any(s.endswith("weight decay that Training uses the same data as the baseline in every run.") for s in sents)
    # the caption keeps its text
    assert any(u.kind == "caption" and u.text.startswith("Table 2: Scores of the two variants on the held-out set")
               for u in us)


def test_a_short_line_before_the_table_is_not_held(monkeypatch):
    # the paragraph's last line does not fill the column (the paragraph ended, e.g. a label or a heading)
    before = PARA[:2] + ["the chosen settings"]
    us = units(page(before, ["suited it best. We then trained it."], last_justified=False), monkeypatch)
    assert "suited it best." in text_sents(us)


def test_no_float_between_leaves_the_reading_as_it_was(monkeypatch):
    words, top = [], 60.0
    for t in PARA:
        words += line(t, top)
        top += LEADING
    words += line("suited it best.", top + 30, justify=False)
    sents = text_sents(units(words, monkeypatch))
    assert "suited it best." in sents


@pytest.mark.parametrize("prev, t, want", [
    ("the run was trained with the same configuration as", "Devlin et al. (2019).", True),
    ("the run was trained with the same configuration as", "[14], with a larger batch.", True),
    ("the run was trained with the same configuration as", "Smith and Jones (2020) describe.", True),
    ("the run was trained with the same configuration as", "Results on the test set", False),
    ("the run was trained with the same configuration as", "3 Experiments", False),
    ("the run was trained for", "3 Experiments", False),
    ("the run was trained for", "300 epochs on one node.", True),
    ("the run was trained with the larger model", "300 epochs on one node.", False),
    ("the rate is exponentially decayed by", "60 59.0", False),  # a figure's tick labels
    ("the rate is exponentially decayed by", "0.9 every 30 epochs of the run.", True),
    ("the run was trained with the larger model.", "and then tuned.", False),
    ("Accuracy 0.5", "iterations", False),
])
def test_goes_on_after_float(prev, t, want):
    assert pdftext._goes_on_after_float(prev, t) is want
