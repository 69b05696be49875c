"""A table of the paper's variants, one column each: when the chosen parameter count is a cell of one column, a data
row's cells in the other columns are other variants' runs ("stated with another model size", a distractor cue the
learned choice does not pick while a clean cell is left), and the row's cell in the chosen column is the run's data,
also where another column holds more data (a long-token run of a small variant). Near-misses: no parameter row, the
chosen count in prose only, a data row with no cell in the chosen column. Tables of our own."""

from __future__ import annotations

import datetime as dt

import pytest

from aicompute.pdftext import Sentence
from aicompute.sizes import extract_sizes
from aicompute.sizes.choice import _choose_sizes

PUBLISHED = dt.date(2024, 3, 1)


def sents(*rows, prose=()):
    out = [Sentence(7, t, "text", "body", index=i) for i, t in enumerate(prose)]
    out += [Sentence(7, t, "table", "body", index=len(prose) + i) for i, t in enumerate(rows)]
    return out


def tokens_whys(ss):
    _, all_c = _choose_sizes(ss, None, False, rules_only=True)
    return {c.value: c.why for c in all_c["tokens_or_examples"]}


def chosen(ss, f="tokens_or_examples"):
    ch, _ = extract_sizes(ss, None, PUBLISHED)
    return None if ch.get(f) is None else ch[f]["value"]


VARIANTS = ("Model Wren-S Wren-M Wren-S-long", "Parameters 1.3B 6.7B 1.3B", "Training tokens 26B 134B 520B",
            "Learning rate 3e-4 1.5e-4 3e-4")


def test_the_other_columns_of_a_data_row_are_other_variants_runs():
    ss = sents(*VARIANTS)
    whys = tokens_whys(ss)
    assert "stated with another model size" in whys[520e9] and "stated with another model size" in whys[26e9]
    assert "stated with another model size" not in whys[134e9]
    assert chosen(ss, "parameters") == pytest.approx(6.7e9)
    assert chosen(ss) == pytest.approx(134e9)  # not the row's largest cell (the small variant's long run)


def test_the_largest_model_column_when_it_holds_the_most_data():
    ss = sents("Model Tern-1 Tern-2 Tern-3", "Params 410M 1.4B 7B", "Training tokens 40B 90B 300B")
    whys = tokens_whys(ss)
    assert "stated with another model size" in whys[40e9] and "stated with another model size" not in whys[300e9]
    assert chosen(ss) == pytest.approx(300e9)


def test_no_parameter_row_marks_nothing():
    ss = sents("Dataset Pretrain Finetune Distill", "Training tokens 26B 134B 520B")
    assert not any("stated with another model size" in w for w in tokens_whys(ss).values())


def test_the_chosen_count_in_prose_only_marks_no_column():
    ss = sents("Stage Warmup Main Cooldown", "Training tokens 20B 400B 30B",
               prose=("We train Petrel, a 7B-parameter model, from scratch.",))
    assert not any("stated with another model size" in w for w in tokens_whys(ss).values())


def test_a_row_with_no_cell_in_the_chosen_column_is_left_alone():
    # the chosen count (6.7B) is in column 2; the data row has a single cell
    ss = sents("Model Wren-S Wren-M", "Parameters 1.3B 6.7B", "Training tokens 520B")
    assert not any("stated with another model size" in w for w in tokens_whys(ss).values())


# ------------------------------------------------------------------ one row per variant


def test_one_row_per_variant_the_chosen_models_row_is_the_runs_data():
    ss = sents("Model Params Training tokens", "Wren-S 1.3B 26B", "Wren-M 6.7B 134B", "Wren-S-long 1.3B 520B")
    whys = tokens_whys(ss)
    assert "stated with another model size" in whys[520e9] and "stated with another model size" in whys[26e9]
    # a table whose rows carry their models' sizes is no table of datasets: the chosen row's cell is not flagged
    assert "the chosen model's row of a table of models" in whys[134e9]
    assert "one of several datasets' sizes in a table of datasets" not in whys[134e9]
    assert chosen(ss) == pytest.approx(134e9)


def test_a_comparison_table_of_models_gives_our_rows_data():
    ss = sents("Model Params (B) Tokens (B)", "Gannet [4] 175 300", "Skua [9] 70 1400", "Heron (ours) 7 1000")
    whys = tokens_whys(ss)
    assert all("stated with another model size" in whys[v] for v in (300e9, 1400e9))
    assert chosen(ss) == pytest.approx(1000e9)


def test_a_table_of_datasets_stays_one():
    # no parameter count in the table's rows: its cells stay several datasets' sizes
    ss = sents("Task #Train #Test", "Alpha 12,000 1,000", "Beta 50,000 2,000", "Gamma 8,000 500",
               prose=("We train Petrel, a 7B-parameter model.",))
    whys = tokens_whys(ss)
    assert set(whys) == {12000, 50000, 8000}
    assert all("one of several datasets' sizes in a table of datasets" in w for w in whys.values())
    assert not any("stated with another model size" in w or "table of models" in w for w in whys.values())


def test_a_cited_row_keeps_its_flag_in_a_table_of_models():
    # the cited row's cell stays flagged as the cited row's (the chosen count is Skua's, a row of the table)
    ss = sents("Model Params Training tokens", "Gannet [4] 175B 300B", "Skua 12B 40B", "Tern 1.3B 9B")
    _, all_c = _choose_sizes(ss, None, False, rules_only=True)
    for c in all_c["tokens_or_examples"]:
        if "a cited model's row" in " ".join(c.why):
            assert c.flagged and "the chosen model's row of a table of models" not in c.why
