"""config.yaml validation: one line naming the entry and the problem, before any job runs."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from aicompute.config import ConfigError, validate_config
from aicompute.ids import InvalidId, check_arxiv_id, paper_key

ROOT = Path(__file__).resolve().parents[1]


def error_of(config) -> str:
    with pytest.raises(ConfigError) as err:
        validate_config(config)
    message = str(err.value)
    assert "\n" not in message
    return message


def test_default_config_is_valid():
    papers = validate_config(yaml.safe_load((ROOT / "config.yaml").read_text()))
    keys = [p.key for p in papers]
    assert len(keys) == len(set(keys)) == 21
    assert {"alexnet", "alphago-zero", "ti7-dota-1v1", "1706.03762", "1712.01815"} <= set(keys)


@pytest.mark.parametrize("arxiv_id", ["1512.03385", "1706.03762v5", "0704.0001", "1409.1556", "cs/0501001",
                                      "math.GT/0309136", "hep-th/9901001v2", "2310.16764"])
def test_good_ids(arxiv_id):
    assert check_arxiv_id(arxiv_id) == arxiv_id


@pytest.mark.parametrize("arxiv_id, why", [
    ("1512.3385", "5 digits"), ("1409.15561", "4 digits"), ("arxiv:1512.03385", "bare id"),
    ("https://arxiv.org/abs/1512.03385", "bare id"), ("../../etc/passwd", "not an arXiv id"),
    ("", "empty"), (" 1512.03385", "whitespace"), ("1513.03385", "YYMM"), ("cs/0513001", "YYMM"),
    ("1512.03385/../x", "not an arXiv id"),
])
def test_bad_ids(arxiv_id, why):
    with pytest.raises(InvalidId, match=why):
        check_arxiv_id(arxiv_id)


def test_old_style_key_has_no_slash():
    assert paper_key("cs/0501001v2") == "cs_0501001v2"


@pytest.mark.parametrize("papers, expected", [
    ([{"arxiv": "1512.3385"}], "papers[0] (arxiv: '1512.3385'): '1512.3385': ids from 2015 have 5 digits"),
    ([{"arxiv": "arxiv:1512.03385"}], "papers[0] (arxiv: 'arxiv:1512.03385'):"),
    ([{"arxiv": "../../etc/passwd"}], "is not an arXiv id"),
    ([{"arxiv": ""}], "papers[0] (arxiv: ''): empty arXiv id"),
    ([{"arxiv": "1512.03385"}, {"arxiv": "1512.03385v2"}], "papers[1] (arxiv: '1512.03385v2'): duplicate of papers[0]"),
    ([{"arxiv": "1512.03385"}, {"arxiv": "1512.03385"}], "papers[1] (arxiv: '1512.03385'): duplicate of papers[0]"),
    ([{"arxiv": "1512.03385", "nmae": "ResNet"}], "unknown key(s) 'nmae'"),
    ([{"arxiv": 1512.03385}], "must be a quoted string"),
    ([{"arxiv": "1512.03385", "inputs": {"chips": {"value": "8", "source": "paper"}}}], "inputs.chips.value: '8' is not of type 'number'"),
    ([{"arxiv": "1512.03385", "inputs": {"chips": {"value": 8}}}], "'source' is a required property"),
    ([{"arxiv": "1512.03385", "inputs": {"epochs": {"value": "1e2", "source": "paper"}}}], "signed exponent"),
    ([{"id": "../evil", "inputs": {}}], "id '../evil' must be"),
    ([{"id": "alexnet", "date": "2012-06-01"}], "needs `pdf_url`, `pdf_path` or `inputs`"),
    ([{"id": "alexnet", "pdf_url": "https://x.org/a.pdf"}], "needs a `date: YYYY-MM-DD`"),
    ([{"id": "alexnet", "date": "2012-02-30", "pdf_url": "https://x.org/a.pdf"}], "not a real date"),
    ([{"arxiv": "1512.03385", "id": "resnet"}], "either `arxiv` or `id`, not both"),
    ([{"name": "ResNet"}], "needs `arxiv:"),
    (["1512.03385"], "each paper must be a mapping"),
    ([], "non-empty list"),
])
def test_bad_entries_give_one_line(papers, expected):
    assert expected in error_of({"papers": papers})


def test_bad_settings_give_one_line():
    assert error_of({"papers": [{"arxiv": "1512.03385"}], "arxiv": {"delay_seconds": "3"}}).startswith(
        "config.yaml: arxiv.delay_seconds: '3' is not of type 'number'")
    assert "unknown key(s) 'fooo'" in error_of({"papers": [{"arxiv": "1512.03385"}], "fooo": 1})
    assert "utilization" in error_of({"papers": [{"arxiv": "1512.03385"}], "estimate": {"utilization": 3}})


def test_unquoted_yaml_date_is_accepted():
    papers = validate_config(yaml.safe_load("papers:\n - id: alexnet\n   date: 2012-06-01\n   pdf_url: https://x.org/a.pdf\n"))
    assert papers[0].date == "2012-06-01"


def test_missing_pdf_path(tmp_path):
    assert "is not a file" in error_of({"papers": [{"id": "local", "date": "2020-01-01", "pdf_path": str(tmp_path / "nope.pdf")}]})
