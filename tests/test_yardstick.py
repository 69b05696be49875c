"""The second yardstick: our estimates against Epoch AI's for the development papers it covers."""

from __future__ import annotations

from aicompute.yardstick import against_labels_report, agreement, main, report, summary


def result(pid, ours, epoch, status="ok", blind=False):
    return {"arxiv_id": pid, "model": pid, "blind": blind, "epoch_flop": epoch, "ours_flop": ours,
            "ratio": ours / epoch if ours else None, "method": "ops" if ours else None, "status": status}


def test_summary_counts():
    rows = [result("a", 2e18, 1e18), result("b", 5e19, 1e18), result("c", None, 1e18, "no estimate: x"),
            result("d", 1e21, 1e18, "needs review: y"), result("e", 1e21, 1e18, "ok", blind=True)]
    s = summary(rows)
    assert s == {"papers": 5, "estimated": 4, "estimated_ok": 3, "within_3x": 1, "within_10x": 1, "ok_within_3x": 1,
                 "over_100x_ok": 1, "over_100x": 2}
    text = report(rows)
    assert "estimated 4/5 (80%)" in text and "blind" in text
    assert " e " not in text and "1 blind papers' lines hidden" in text  # the blind line is hidden
    assert "!! e" in report(rows, show_blind=True)


def test_yardstick_runs_extraction_and_estimate_on_a_corpus_paper(corpus, tmp_path, capsys):
    from conftest import needs_reference

    epoch = needs_reference() / "epoch_dev.csv"
    assert main(["--pdfs", str(corpus / "pdfs"), "--epoch", str(epoch), "--meta", str(corpus / "meta.csv"),
                 "--ids", "2302.13971", "--jobs", "1", "--cache", str(tmp_path / "cache"),
                 "--json", str(tmp_path / "y.json")]) == 0
    out = capsys.readouterr().out
    assert "papers  1" in out and "2302.13971" in out and "ratio" in out
    assert list((tmp_path / "cache").glob("2302.13971.*.json"))  # facts cached for the next run


def test_a_hand_label_becomes_the_facts_a_perfect_extraction_would_give():
    from aicompute.estimate import EstimateSettings, estimate_paper
    from aicompute.hardware import HardwareTable
    from aicompute.yardstick import facts_from_label

    label = {"arxiv_id": "x", "chip_model": "NVIDIA V100", "chip_count": 8, "count_unit": "gpus",
             "training_hours": 24.0, "training_hours_low": 24.0, "training_hours_high": 24.0,
             "parameters": 1.0e8, "tokens_or_examples": 2.0e9, "training_data": "a corpus of 2B tokens",
             "flops_unit": None}
    facts = facts_from_label(label)
    chosen = facts["chosen"]
    assert chosen["chips"]["value"] == 8 and chosen["tokens_or_examples"]["unit"] == "tokens"
    assert chosen["training_hours"].get("low") is None and chosen["epochs"] is None
    doc = estimate_paper({"key": "x", "arxiv_id": "x", "inputs": {}}, {"status": "ok", "published": "2019-01-01"},
                         facts, EstimateSettings(), HardwareTable.load(), None)
    assert doc["compute"]["flop"] > 0
    # a label naming only the kind of accelerator is generic, as the extraction would say
    generic = facts_from_label({**label, "chip_model": "Google Cloud TPU (version not stated)"})
    assert generic["chosen"]["chip_model"]["generic"] is True
    assert facts_from_label({**label, "training_data": "1.2M images"})["chosen"]["tokens_or_examples"]["unit"] == "examples"


def test_an_estimate_is_set_against_the_labels_one_and_one_the_labels_do_not_give_is_invented():
    assert agreement(2e18, 1e18) == "within 3x" and agreement(5e19, 1e19) == "within 10x"
    assert agreement(1e21, 1e18) == "beyond 10x" and agreement(1e18, 1e21) == "beyond 10x"
    assert agreement(1e18, None) == "invented" and agreement(None, 1e18) == "missed" and agreement(None, None) == "neither"
    rows = [{"arxiv_id": pid, "blind": blind, "ours_flop": o, "labels_flop": t, "ratio": None, "status": status,
             "method": "ops" if o else None, "verdict": agreement(o, t)}
            for pid, blind, o, t, status in [("a", False, 2e18, 1e18, "ok"), ("b", False, 1e18, None, "ok"),
                                             ("c", False, None, None, "no estimate: x"), ("d", True, 1e18, None, "ok"),
                                             ("e", False, 1e18, None, "needs review: y")]]
    text = against_labels_report(rows)
    assert "development (not blind)  papers   4  labels give 1, ours 3 (status ok 2): within 3x 1 (ok 1)" in text
    assert "invented 2 (ok 1)" in text and "blind                    papers   1" in text
    assert "invented by method: ops 2" in text and "invented by method: ops 1" in text  # dev, blind: counts only
    assert "  b " in text and "  d " not in text and "1 blind papers' lines hidden" in text  # blind lines hidden
    assert "  a " not in text and "  c " not in text  # agreements and papers without either are not listed
    assert "  d " in against_labels_report(rows, show_blind=True)


def test_against_labels_runs_on_corpus_papers(corpus, tmp_path, capsys):
    assert main(["--against-labels", "--labels", str(corpus / "labels"), "--pdfs", str(corpus / "pdfs"),
                 "--meta", str(corpus / "meta.csv"), "--ids", "2302.13971", "--jobs", "1",
                 "--cache", str(tmp_path / "cache")]) == 0
    out = capsys.readouterr().out
    assert "papers   1  labels give 1, ours 1" in out
    assert main(["--against-labels", "--pdfs", str(corpus / "pdfs")]) == 2  # without the labels: a one-line error


def test_a_crash_of_the_extractor_is_not_cached_but_a_result_is(tmp_path, monkeypatch):
    """A crash (a module missing from the environment, a bug being fixed) says nothing about the PDF: the
    next run extracts again instead of replaying the error; a real result is replayed."""
    from aicompute import yardstick

    pdf = tmp_path / "2001.00001.pdf"
    pdf.write_bytes(b"%PDF-1.4 not a real paper")
    calls = []

    def crash(args):
        calls.append(args)
        return {"status": "failed", "error": "extraction error (ModuleNotFoundError: No module named 'x')",
                "chosen": {}, "candidates": [], "paper_id": args[1]}

    monkeypatch.setattr(yardstick, "_extract", crash)
    cache = tmp_path / "cache"
    for _ in range(2):
        got = yardstick.facts_for([("2001.00001", pdf, None)], cache, jobs=1)
        assert got["2001.00001"]["status"] == "failed"
    assert len(calls) == 2 and not list(cache.glob("*.json"))

    monkeypatch.setattr(yardstick, "_extract", lambda args: (calls.append(args), {"status": "ok", "chosen": {}})[1])
    yardstick.facts_for([("2001.00001", pdf, None)], cache, jobs=1)
    yardstick.facts_for([("2001.00001", pdf, None)], cache, jobs=1)
    assert len(calls) == 3 and len(list(cache.glob("*.json"))) == 1


def test_the_report_counts_ok_figures_that_are_off_and_which_gates_fire_on_right_and_wrong_figures():
    rows = [{"arxiv_id": pid, "blind": blind, "ours_flop": o, "labels_flop": t, "ratio": None, "status": status,
             "method": method, "verdict": agreement(o, t), "checks": checks}
            for pid, blind, o, t, status, method, checks in [
                ("a", False, 2e18, 1e18, "ok", "ops", []),
                ("b", False, 1e18, None, "ok", "gpu_time", []),                     # invented, ok: counted
                ("c", False, 1e20, 1e18, "ok", "ops", []),                          # beyond 10x, ok: counted
                ("d", False, 1e18, None, "needs review: x", "gpu_time", ["duration_without_training_words"]),
                ("e", False, 1.5e18, 1e18, "needs review: y", "ops", ["implied_utilization"]),
                ("f", True, 1e18, None, "ok", "ops", ["forward_over_parameters"])]]
    text = against_labels_report(rows)
    dev = text.split("development (not blind)")[1].split("\nblind")[0]
    assert "ok but more than 3x off or invented: 2 (gpu_time 1, ops 1)" in dev
    assert "duration_without_training_words on off 1" in dev and "implied_utilization on right 1" in dev
    blind = text.split("\nblind")[1]
    assert "ok but more than 3x off or invented: 1 (ops 1)" in blind and "forward_over_parameters on off 1" in blind
    # which gate alone puts a figure under review (what it costs on right figures)
    assert "the only gate of its figure: duration_without_training_words on off 1, implied_utilization on right 1" in dev
    two = against_labels_report([{**rows[4], "checks": ["implied_utilization", "ours_over_reference"]}])
    assert "the only gate of its figure" not in two
    # a row without review checks (an older results file) still reports
    assert "ok but more than 3x off" in against_labels_report([{**rows[0], "checks": None}])


def test_a_parse_cache_keeps_parsed_pages_so_a_changed_extractor_reads_no_pdf_again(corpus, tmp_path):
    """--parse-cache (evaluate's --cache): the first run stores the pages it parsed; the facts are those of a run
    without it."""
    from aicompute import yardstick

    paper = [("2302.13971", corpus / "pdfs" / "2302.13971.pdf", "2023-02-27")]
    plain = yardstick.facts_for(paper, None, jobs=1)["2302.13971"]
    parsed = tmp_path / "parse"
    cached = yardstick.facts_for(paper, None, jobs=1, parse_cache=parsed)["2302.13971"]
    assert list(parsed.glob("*.pkl"))
    again = yardstick.facts_for(paper, None, jobs=1, parse_cache=parsed)["2302.13971"]
    assert plain["chosen"] == cached["chosen"] == again["chosen"]


def test_the_report_counts_ok_figures_the_report_lists_for_review_and_how_the_two_methods_agree():
    rows = [{"arxiv_id": pid, "blind": blind, "ours_flop": o, "labels_flop": t, "ratio": None, "status": status,
             "method": "ops", "verdict": agreement(o, t), "checks": [], "consistency": verdict, "shown": shown}
            for pid, blind, o, t, status, verdict, shown in [
                ("a", False, 2e18, 1e18, "ok", "consistent", "ok"),
                ("b", False, 2e18, 1e18, "ok", "inconsistent", "needs review"),      # right, listed by the report
                ("c", False, 1e18, None, "ok", "single method", "needs review"),     # invented, low confidence
                ("d", False, 1e20, 1e18, "needs review: x", "inconsistent", "needs review"),  # not `ok`: not counted
                ("e", True, 1e18, None, "ok", "single method", "ok")]]
    text = against_labels_report(rows)
    dev = text.split("development (not blind)")[1].split("\nblind")[0]
    assert "ok, listed as needs review by the report (low confidence / methods disagree; the trend fits them): " \
           "right 1, more than 3x off or invented 1" in dev
    assert "both methods 3: agree 1, disagree 2 (chosen figure within 3x 1, status ok 1)" in dev
    blind = text.split("\nblind")[1]
    assert "listed as needs review" not in blind and "both methods" not in blind
    # an older results file without these fields still reports
    assert "ok but more than 3x off" in against_labels_report([{k: v for k, v in rows[0].items()
                                                                 if k not in ("consistency", "shown")}])


def test_the_status_the_report_shows_is_read_from_the_estimate_document():
    from aicompute.yardstick import shown_status

    doc = {"paper_id": "x", "status": "ok", "compute": {"flop": 1e20, "method": "gpu_time", "confidence": "medium"},
           "consistency": {"verdict": "single method"}, "gpu_time": {"inputs": {}}}
    assert shown_status(doc) == "ok"
    assert shown_status({**doc, "compute": {**doc["compute"], "confidence": "low"}}) == "needs review"
    assert shown_status({**doc, "consistency": {"verdict": "inconsistent", "ratio": 0.2}}) == "needs review"
    assert shown_status({**doc, "status": "needs review: x"}) == "needs review"
