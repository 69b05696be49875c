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
    """Valid, whatever papers the user added (the README says: add one line)."""
    papers = validate_config(yaml.safe_load((ROOT / "config.yaml").read_text()))
    keys = [p.key for p in papers]
    assert keys and len(keys) == len(set(keys))


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
    ([{"arxiv": 1512.03385}], "must be in quotes"),
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


GOOD = {"papers": [{"arxiv": "1512.03385"}]}


@pytest.mark.parametrize("section, values, expected", [
    ("estimate", {"utilization": 0.6}, "need utilization_low <= utilization <= utilization_high, got 0.2, 0.6, 0.5"),
    ("estimate", {"utilization_low": 0.4, "utilization": 0.3}, "utilization_low <= utilization"),
    ("trend", {"window_start": "2018-02-30"}, "trend.window_start: '2018-02-30' is not a real date"),
    ("trend", {"window_end": "2018-13-01"}, "trend.window_end: '2018-13-01' is not a real date"),
    ("trend", {"window_start": "2019-01-01"}, "window_start 2019-01-01 is not before window_end 2018-12-31"),
    ("trend", {"eras": ["2015-09-01", "2010-01-01"]}, "trend.eras: breakpoints must be in increasing order"),
    ("trend", {"eras": ["2015-09-31"]}, "trend.eras[0]: '2015-09-31' is not a real date"),
])
def test_settings_that_would_crash_a_later_job_or_give_wrong_bounds(section, values, expected):
    message = error_of({**GOOD, section: values})
    assert message.startswith("config.yaml: ") and expected in message


def test_a_papers_range_must_contain_its_value():
    entry = {"arxiv": "1512.03385", "inputs": {"training_hours": {"value": 100, "source": "paper"},
                                               "training_hours_high": {"value": 50, "source": "paper"}}}
    assert "inputs.training_hours (100) is larger than inputs.training_hours_high (50)" in error_of({"papers": [entry]})


def test_defaults_come_from_the_schema_and_fill_the_config():
    from aicompute.arxiv import ArxivSettings
    from aicompute.config import load_schema, schema_defaults
    from aicompute.estimate import EstimateSettings

    schema = load_schema()
    for section, cls in (("arxiv", ArxivSettings), ("estimate", EstimateSettings)):
        props = schema["properties"][section]["properties"]
        assert set(cls.__dataclass_fields__) == set(props), section  # every setting, and only those
        assert {k: f.default for k, f in cls.__dataclass_fields__.items()} == schema_defaults(section)
    config = {"papers": [{"arxiv": "1512.03385"}], "trend": {"seed": 7}}
    validate_config(config)
    assert config["arxiv"] == schema_defaults("arxiv") and config["estimate"] == schema_defaults("estimate")
    assert config["trend"] == {**schema_defaults("trend"), "seed": 7}
    assert config["report"]["title"]


def test_the_trend_uses_the_schemas_seed_when_none_is_given():
    from aicompute.config import schema_defaults
    from aicompute.trend import fit_trend

    rows = [{"paper_id": f"p{i}", "published": f"{2012 + i}-06-01", "compute_flop": 10.0 ** (17 + i * 0.9 + (i % 2) * 0.3)}
            for i in range(6)]
    assert fit_trend(rows, {"bootstrap_samples": 200}) == fit_trend(rows, {"bootstrap_samples": 200, "seed": schema_defaults("trend")["seed"]})


# ---------------------------------------------------------------- issue 14: messages that help a newcomer


def test_unquoted_id_that_lost_a_digit_asks_for_the_id_as_on_arxiv():
    """`arxiv: 1706.03760` unquoted is the float 1706.0376: say so, and never suggest those digits."""
    config = yaml.safe_load("papers:\n  - arxiv: 1706.03760\n")
    assert config["papers"][0]["arxiv"] == 1706.0376  # what YAML does (the premise)
    message = error_of(config)
    assert "in quotes" in message and "as printed on arXiv" in message and "digits may be missing" in message
    # the digits appear only as what was read (the entry's label, "the number ..."), never as the fix
    assert message.count("1706.0376") == 2 and "the number 1706.0376 " in message, message
    assert '"1706.0376"' not in message and '"<id as on arXiv>"' in message, message


@pytest.mark.parametrize("text, where, key, suggestion", [
    ("papers:\n  - arxiv_id: \"1706.03762\"\n", "papers[0]:", "'arxiv_id'", "did you mean 'arxiv'?"),
    ("papers:\n  - arxiv: \"1706.03762\"\n    arxiv_id: \"x\"\n", "papers[0] (arxiv: '1706.03762'):", "'arxiv_id'", "did you mean 'arxiv'?"),
    ("papers:\n  - id: alexnet\n    date: \"2012-06-01\"\n    pdfurl: \"https://x.org/a.pdf\"\n", "papers[0] (id: 'alexnet'):", "'pdfurl'", "did you mean 'pdf_url'?"),
    ("papers:\n  - arxiv: \"1706.03762\"\n    inputs:\n      chip: {value: 8, source: paper}\n",
     "papers[0] (arxiv: '1706.03762') inputs:", "'chip'", "did you mean 'chips'?"),
    ("papers:\n  - arxiv: \"1706.03762\"\n    inputs:\n      chips: {value: 8, sorce: paper}\n",
     "papers[0] (arxiv: '1706.03762') inputs.chips:", "'sorce'", "did you mean 'source'?"),
    ("papers:\n  - arxiv: \"1706.03762\"\narxiv:\n  delay_secs: 1\n", "config.yaml: arxiv:", "'delay_secs'", "did you mean 'delay_seconds'?"),
    ("paper:\n  - arxiv: \"1706.03762\"\n", "config.yaml:", "'paper'", "did you mean 'papers'?"),
    ("papers:\n  - arxiv: \"1706.03762\"\ntrend:\n  windowstart: \"2012-01-01\"\n", "config.yaml: trend:", "'windowstart'", "did you mean 'window_start'?"),
])
def test_an_unknown_key_is_named_wherever_it_appears(text, where, key, suggestion):
    message = error_of(yaml.safe_load(text))
    assert message.startswith(where), message
    assert f"unknown key(s) {key}" in message and suggestion in message, message


def test_an_unknown_key_without_a_close_match_lists_the_allowed_ones():
    message = error_of({"papers": [{"arxiv": "1706.03762", "zzzz": 1}]})
    assert "unknown key(s) 'zzzz' (allowed: arxiv, date, id," in message and "did you mean" not in message


def test_a_number_as_local_id_is_named():
    assert "id must be text in quotes" in error_of({"papers": [{"id": 12, "date": "2012-01-01", "inputs": {}}]})


@pytest.mark.parametrize("text, line, column, hint", [
    ('papers:\n  - arxiv: "1512.03385"\n     name: x\n', 3, 6, "indentation"),
    ('papers:\n  - arxiv: "1512.03385"\n   name: x\n', 3, 4, "indentation"),
    ('papers:\n\t- arxiv: "1512.03385"\n', 2, 1, "not tabs"),
    ('papers:\n  - arxiv: "1512.03385"\n    name: ResNet: deep\n', 3, 17, "quote a value"),
    ('papers:\n  - arxiv: "1512.03385"\n    inputs:\n      chips: {value: 8, source: "x"\n', 5, 1, "not closed"),
])
def test_yaml_syntax_error_names_file_line_and_column(tmp_path, text, line, column, hint):
    from aicompute.config import yaml_syntax_error

    path = tmp_path / "config.yaml"
    path.write_text(text)
    message = yaml_syntax_error(path)
    assert message.startswith(f"{path}, line {line}, column {column}: "), message
    assert hint in message and "\n" not in message


def test_valid_or_absent_yaml_has_no_syntax_error(tmp_path):
    from aicompute.config import yaml_syntax_error

    assert yaml_syntax_error(ROOT / "config.yaml") is None
    assert yaml_syntax_error(tmp_path / "absent.yaml") is None
