"""pdftext on the cheap (pypdfium2) text, from lines written here: a raised exponent that the text layer
puts on a line of its own is joined back ("1.5e" / "-4 4M 1.4T"), and a numeric line that continues an
open sentence is prose, not a table row. Near-misses: real table rows after prose, rows after a finished
sentence, a line that starts with a signed number for another reason."""

from __future__ import annotations

import pytest

from aicompute import pdftext


def units(text: str):
    out, _ = pdftext.cheap_units(pdftext.normalize(text), 3, "body")
    return out


# ------------------------------------------------------------------ exponents on their own line


@pytest.mark.parametrize("raw, joined", [
    ("7.0B 4096 32 32 2.5e\r\n\u22124 2M 0.8T", "7.0B 4096 32 32 2.5e-4 2M 0.8T"),
    ("with a peak learning rate of 6e\n-4 and a cosine decay", "with a peak learning rate of 6e-4 and a cosine decay"),
    ("weight decay 1.0e\n+2 for the head", "weight decay 1.0e+2 for the head"),
])
def test_exponent_on_its_own_line_is_joined(raw, joined):
    assert pdftext.normalize(raw) == joined


@pytest.mark.parametrize("raw", [
    "the learning rate was set to one\n-4 points below the baseline",  # no mantissa
    "models of size 0.1B/64E\n1.7B/64E",  # 'E' of experts, no sign
    "we use the Adam optimizer with a large\n-batch variant",  # a word, not a number
])
def test_exponent_near_misses(raw):
    assert "\n" in pdftext.normalize(raw)


def test_table_row_with_an_exponent_stays_one_row_with_its_neighbours():
    text = ("params dimension heads layers learning rate batch size tokens\n"
            "7.0B 4096 32 32 2.5e\n-4 2M 0.8T\n"
            "14.0B 5120 40 40 2.0e\n-4 2M 0.8T\n"
            "Table 3: Sizes of the models we trained.\n")
    rows = [u.text for u in units(text) if u.kind == "table"]
    assert rows == ["7.0B 4096 32 32 2.5e-4 2M 0.8T", "14.0B 5120 40 40 2.0e-4 2M 0.8T"]


# ------------------------------------------------------------------ a numeric line inside a sentence


def test_numeric_line_that_continues_a_sentence_is_prose():
    text = ("To separate the effects, we train the large\n"
            "configuration of the same model (L = 48,\n"
            "D = 2048, H = 32, 1.5B parameters). We\n"
            "then compare it with the smaller ones.\n")
    out = units(text)
    assert not [u for u in out if u.kind == "table"]
    assert any("(L = 48, D = 2048, H = 32, 1.5B parameters)." in u.text for u in out)


def test_numeric_line_continuing_with_a_hyphen_is_prose():
    text = ("With six settings, each allowed to take four\n"
            "values, one gets 46 = 4096 configurations). In sec-\n"
            "tion four we consider a random search instead.\n")
    out = units(text)
    assert not [u for u in out if u.kind == "table"]


@pytest.mark.parametrize("before", [
    "The results of all of the baselines and of our models are in the next table",  # open, but the row is a row
    "The results of all of the baselines and of our models are in the next table.",  # a finished sentence
])
def test_table_rows_after_prose_stay_rows(before):
    text = (before + "\n"
            "Baseline 12 GPUs 3.5 days 71.2\n"
            "Ours 8 GPUs 2 days 73.9\n"
            "Table 1: Results.\n")
    rows = [u.text for u in units(text) if u.kind == "table"]
    assert rows == ["Baseline 12 GPUs 3.5 days 71.2", "Ours 8 GPUs 2 days 73.9"]
