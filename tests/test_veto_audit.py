"""The veto audit's classes (aicompute.veto_audit): where a missed chips/hours value was lost."""

from aicompute.extraction.core import VETO_PREFIX
from aicompute.veto_audit import KEPT, NEVER_READ, audit_counts, classify, format_counts


def _c(value, *why):
    return {"value": value, "low": None, "high": None, "unit": "gpus", "why": list(why)}


def _is8(c):
    return c["value"] == 8


def test_kept_without_veto():
    assert classify([_c(4, "training statement"), _c(8, "count '8'")], [], _is8) == KEPT


def test_capped_by_a_disqualifying_reason():
    kept = [_c(8, "count '8'", "in the scope of 'would/might take ...': what a run would take")]
    assert classify(kept, [], _is8) == "read, capped: in the scope of 'would/might take"


def test_one_free_right_candidate_is_kept_not_capped():
    kept = [_c(8, "hearsay about another run"), _c(8, "training statement")]
    assert classify(kept, [], _is8) == KEPT


def test_flagged_by_a_distractor_cue():
    assert classify([_c(8, "cites other work [3]")], [], _is8) == "read, flagged: cites other work"


def test_vetoed_by_name_when_no_kept_candidate_has_it():
    vetoed = [_c(8, VETO_PREFIX + "an interval (before)")]
    assert classify([_c(4)], vetoed, _is8) == "read, vetoed: an interval (before)"


def test_never_read():
    assert classify([_c(4)], [_c(2, VETO_PREFIX + "seconds")], _is8) == NEVER_READ


def test_counts_by_field_class_split():
    rows = [{"field": "chips", "split": "blind", "class": NEVER_READ},
            {"field": "chips", "split": "not blind", "class": NEVER_READ},
            {"field": "chips", "split": "blind", "class": NEVER_READ},
            {"field": "training_hours", "split": "blind", "class": KEPT}]
    counts = audit_counts(rows)
    assert counts["chips"][NEVER_READ] == {"blind": 2, "not blind": 1}
    lines = format_counts(counts)
    assert any(line.split()[-2:] == ["1", "2"] for line in lines if "never read" in line)


def test_reason_names_drop_particulars():
    from aicompute.veto_audit import reason_names

    assert reason_names("count '8' + 'GPUs'; training statement; stated 3 times; upper bound (less than)") == [
        "count", "training statement", "stated", "upper bound"]


def test_given_counts_right_and_wrong_per_reason():
    from aicompute.veto_audit import given_counts

    rows = [{"split": "blind", "right": False, "why": "no training word; hardware in the sentence"},
            {"split": "blind", "right": True, "why": "training statement; hardware in the sentence"},
            {"split": "not blind", "right": True, "why": "training statement"}]
    c = given_counts(rows)
    assert c["hardware in the sentence"] == {"blind wrong": 1, "blind right": 1}
    assert c["(all given)"] == {"blind wrong": 1, "blind right": 1, "not blind right": 1}
    assert c["no training word"] == {"blind wrong": 1}


def test_never_read_split_by_whether_the_value_is_written():
    from aicompute.veto_audit import NOT_WRITTEN, WRITTEN, split_never_read, written_values

    w = written_values(["Training took 3 days.", "We used 8 GPUs in our lab.", "Table 2 has 8 rows."])
    hours = lambda c: abs(c["value"] - 72) < 1  # noqa: E731
    assert split_never_read(NEVER_READ, w["training_hours"], hours) == WRITTEN
    assert split_never_read(NEVER_READ, w["training_hours"], lambda c: c["value"] == 5) == NOT_WRITTEN
    assert split_never_read(NEVER_READ, w["chips"], _is8) == WRITTEN
    assert split_never_read(KEPT, w["chips"], _is8) == KEPT


def test_never_read_on_a_page_not_read():
    from aicompute.veto_audit import NOT_WRITTEN, UNREAD_PAGE, split_never_read, unread_pages_values

    cheap = ["Intro: we train on 4 GPUs.", "Offline time (unit: hour):\nSwing (~ 3.5h)", "Training took\n2 days."]
    unread = unread_pages_values(cheap, read_pages={1})
    near = lambda want: (lambda c: abs(c["value"] - want) < 0.1)  # noqa: E731
    assert split_never_read(NEVER_READ, [], near(3.5), unread["training_hours"]) == UNREAD_PAGE
    assert split_never_read(NEVER_READ, [], near(48), unread["training_hours"]) == UNREAD_PAGE  # broken over lines
    assert split_never_read(NEVER_READ, [], lambda c: c["value"] == 4, unread["chips"]) == NOT_WRITTEN  # page 1 is read
