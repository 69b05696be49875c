"""Numbers and quantities as papers write them (sentences of our own, mimicking the hard cases)."""

from __future__ import annotations

import pytest

from aicompute import quantities as q


@pytest.mark.parametrize("text, value", [
    ("1,024", 1024), ("2.5k", 2500), ("340M", 340e6), ("1.5B", 1.5e9), ("3.14E+23", 3.14e23),
    ("2.3 · 10^19", 2.3e19), ("2.3 x 10^19", 2.3e19), ("1.0 10^20", 1e20), ("10^21", 1e21), ("11.3 billion", 11.3e9),
    ("eight", 8), ("twenty-four", 24), ("twenty four", 24), ("a single", 1), ("a dozen", 12), ("two hundred", 200),
    ("one thousand and twenty", 1020), ("sixteen", 16), ("71.8K", 71800),
])
def test_parse_number(text, value):
    assert q.parse_number(text) == pytest.approx(value)


def test_find_numbers_spans_and_kinds():
    nums = q.find_numbers("We used eight GPUs, 1,024 TPU cores and a single host for a 340M model; 16GB each.")
    got = [(n.text, n.value, n.spelled) for n in nums]
    assert ("eight", 8, True) in got and ("1,024", 1024, False) in got and ("a single", 1, True) in got
    assert ("340M", 340e6, False) in got
    # "16GB": a number glued to a unit is still a number; the caller decides what it counts
    assert any(n.value == 16 for n in nums)


@pytest.mark.parametrize("text, hours, low, high", [
    ("the network was trained for 3.5 days", 84, 84, 84),
    ("training took about two weeks in total", 336, 336, 336),
    ("it took 2.5 weeks to converge", 420, 420, 420),
    ("the run finished in 12 hours", 12, 12, 12),
    ("each run lasted 9h", 9, 9, 9),
    ("pre-training ran for 1.5 months", 1.5 * 730.5, 1.5 * 730.5, 1.5 * 730.5),
    ("fine-tuning needs only 30 minutes", 0.5, 0.5, 0.5),
    ("the model trains in five to six days", 132, 120, 144),
    ("convergence takes 2-3 weeks", 420, 336, 504),
    ("it takes 3 to 5 days", 96, 72, 120),
    ("training times range between 10 and 35 hours", 22.5, 10, 35),
    ("we stopped after 1 day and 6 hours", 30, 30, 30),
    ("roughly a day and a half of compute", 36, 36, 36),
    ("about half a day", 12, 12, 12),
    ("our 3-day-long schedule", 72, 72, 72),
])
def test_durations(text, hours, low, high):
    ds = q.find_durations(text)
    assert ds, text
    d = ds[0]
    assert d.hours == pytest.approx(hours) and d.low == pytest.approx(low) and d.high == pytest.approx(high)


def test_duration_qualifiers():
    (d,) = q.find_durations("the larger runs took over one month each")
    assert d.qualifier == "over" and d.hours == pytest.approx(730.5)
    (d,) = q.find_durations("it needs about at least a full day")
    assert d.hours == 24 and "at least" in d.qualifier


def test_two_durations_with_and_are_not_a_range():
    ds = q.find_durations("the two variants need about 40 and 50 minutes, respectively")
    assert [round(d.hours * 60) for d in ds] == [40, 50]


@pytest.mark.parametrize("text", [
    "our corpus has 11,940 hours of speech",
    "the system is trained on 9,400 hours",
    "the dataset consists of 300 hours of transcribed audio",
    "we collected 2,000 hours of driving footage",
])
def test_amounts_of_data_in_hours_are_flagged(text):
    ds = q.find_durations(text)
    assert ds and all(d.data_amount for d in ds)


def test_training_time_of_is_not_data():
    (d,) = q.find_durations("after 2 days of training the loss plateaus")
    assert not d.data_amount


@pytest.mark.parametrize("text", [
    "we use 500 hours of speech for training",
    "we keep 120 hours of unlabeled audio for pre-training",
    "the 40 hours of lectures of the training split",
])
def test_data_for_training_stays_data(text):
    # a purpose ("for training") or another noun ("of the training split") after the data noun: still data
    ds = q.find_durations(text)
    assert ds and all(d.data_amount for d in ds)


@pytest.mark.parametrize("text", [
    "the model needs 10 hours of total training",
    "it takes 3 days of GPU time",
    "72 hours of wall-clock time",
])
def test_time_of_training_or_compute_is_not_data(text):
    (d,) = q.find_durations(text)
    assert not d.data_amount


def test_decades_are_not_seconds():
    assert q.find_durations("recurrent networks were studied in the 1980s") == []


@pytest.mark.parametrize("text, hours, unit", [
    ("pre-training used 2.5k TPUv3-core-days", 60000, "tpu-core-hours"),
    ("the search cost 4 GPU days", 96, "gpu-hours"),
    ("about 1,000 GPU-hours in total", 1000, "gpu-hours"),
    ("this amounts to ~625 TPU·days of training", 15000, "tpu-hours"),
    ("roughly 110k TPU-v4 core hours", 110000, "tpu-core-hours"),
    ("71.8K total accelerator hours", 71800, "accelerator-hours"),
    ("8,000 V100 GPU-hours", 8000, "gpu-hours"),
])
def test_chip_time_products(text, hours, unit):
    (p,) = q.find_chip_time(text)
    assert p.hours == pytest.approx(hours) and p.unit == unit


def test_count_and_duration_is_not_a_product():
    assert q.find_chip_time("we used 8 GPUs for 5 days") == []


@pytest.mark.parametrize("text, value, unit, rate", [
    ("the network needs 11.3 billion FLOPs per image", 11.3e9, "FLOP", False),
    ("training used 3.14E+23 flops", 3.14e23, "FLOP", False),
    ("a total of 4262 exaFLOPs", 4.262e21, "FLOP", False),
    ("the backbone costs 16 GFLOPs", 16e9, "FLOP", False),
    ("3.6 billion multiply-adds per forward pass", 3.6e9, "multiply-add", False),
    ("our estimate is 3.6 pfs-days", 3.6 * 8.64e19, "FLOP", False),
    ("the cluster sustains 24 TFLOP/s", 24e12, "FLOP", True),
])
def test_flops(text, value, unit, rate):
    f = q.find_flops(text)[0]
    assert f.value == pytest.approx(value) and f.unit == unit and f.rate == rate


@pytest.mark.parametrize("text, hours_per_unit, per", [
    ("each training step took about 0.4 seconds", 0.4 / 3600, "step"),
    ("for the large model the step time was 1.0 seconds", 1 / 3600, "step"),
    ("which takes 9.8 hours per 100 epochs on the pod", 0.098, "epoch"),
    ("it took around 30 minutes to train each epoch", 0.5, "epoch"),
    ("we process 28 steps/s on the cluster", 1 / 28 / 3600, "step"),
])
def test_rates(text, hours_per_unit, per):
    (r,) = q.find_rates(text)
    assert r.hours_per_unit == pytest.approx(hours_per_unit) and r.per == per


def test_counts_of_steps_and_epochs():
    counts = q.find_counts("The big models were trained for 300,000 steps; the small ones for 90 epochs and 1M iterations, "
                           "at 9.8 hours per 100 epochs.")
    got = [(c.value, c.per) for c in counts]
    assert (300000, "step") in got and (90, "epoch") in got and (1e6, "step") in got
    assert (100, "epoch") not in got  # part of a rate


def test_fmt_hours():
    assert q.fmt_hours(84) == "3.5 days" and q.fmt_hours(12) == "12 h" and q.fmt_hours(0.5) == "30 min"


@pytest.mark.parametrize("text, values", [
    ("our method reduces training time from 3 days to 5 hours", [72, 5]),
    ("mixed precision cuts training from 30 to 10 hours", [30, 10]),
])
def test_a_descending_from_to_is_a_change_not_a_range(text, values):
    ds = q.find_durations(text)
    assert [d.hours for d in ds] == values and all(d.low == d.high for d in ds)


@pytest.mark.parametrize("text, low, high", [
    ("it takes 3 to 5 days", 72, 120),
    ("one epoch takes from 50 minutes to 7h", 50 / 60, 7),
])
def test_an_ascending_from_to_is_still_a_range(text, low, high):
    (d,) = q.find_durations(text)
    assert (d.low, d.high) == (pytest.approx(low), pytest.approx(high))


def test_days_of_real_time_are_wall_clock_hours_of_real_time_video_are_data():
    (d, *rest) = q.find_durations("the agent was trained for 5 days of real time, corresponding to 200 days of game play")
    assert d.hours == 120 and not d.data_amount and rest[0].data_amount
    (d,) = q.find_durations("we collected 40 hours of real-time driving data")
    assert d.data_amount


@pytest.mark.parametrize("text, hours, as_written", [
    ("Training takes 1h 45m on 4 GPUs.", 1.75, "1h 45m"),
    ("train time 6h15", 6.25, "6h15"),
    ("fastText-big 46.1 13m38", 13 / 60 + 38 / 3600, "13m38"),
    ("wall clock 2h30min", 2.5, "2h30min"),
    ("took 13m 38s", 13 / 60 + 38 / 3600, "13m 38s"),
])
def test_compact_clock_durations(text, hours, as_written):
    ds = q.find_durations(text)
    assert len(ds) == 1 and abs(ds[0].hours - hours) < 1e-6 and ds[0].text == as_written


@pytest.mark.parametrize("text", ["a 3m2 room", "h = 200 hidden units", "layer 4h3", "see 1m37x", "epoch 3h8"])
def test_compact_clock_near_misses(text):
    assert q.find_durations(text) == []


@pytest.mark.parametrize("text, hours", [
    ("training takes thirty-six hours", 36.0),  # one spelled number, not the range 30-6
    ("about twenty-four hours on one GPU", 24.0),
    ("the run lasted 2:30 hours", 2.5),  # hours:minutes with the unit after
    ("wall clock 5d 12h", 132.0),  # days and hours, compact
    ("time 3 d 4 h", 76.0),
])
def test_spelled_compound_and_compact_durations(text, hours):
    ds = q.find_durations(text)
    assert len(ds) == 1 and ds[0].hours == pytest.approx(hours) and ds[0].low == ds[0].high


@pytest.mark.parametrize("text", [
    "the 3D 4-layer encoder",  # not "3 d 4 h"
    "at 12:30 pm",  # a time of day, no duration unit
    "10-20 hours",  # digits stay a range
])
def test_compact_forms_do_not_overreach(text):
    ds = q.find_durations(text)
    assert all(d.hours != pytest.approx(76.0) and d.hours != pytest.approx(12.5) for d in ds)
    if text.startswith("10-20"):
        assert ds[0].low == 10 and ds[0].high == 20


@pytest.mark.parametrize("text", ["trained for 2\u20133 days", "trained for 2\u20143 days", "trained for 2\u22123 days",
                                  "trained for 2-3 days"])
def test_a_range_written_with_any_dash_is_a_range(text):
    (d,) = q.find_durations(text)
    assert (d.low, d.high, d.hours) == (48.0, 72.0, 60.0)


def test_a_spelled_number_with_an_en_dash_is_still_one_number():
    (d,) = q.find_durations("training took thirty\u2013six hours")
    assert d.hours == 36.0 and d.low == d.high


@pytest.mark.parametrize("text,low,high", [
    ("Our model trains in a day or two on a single GPU.", 24, 48),
    ("Pre-training takes one or two weeks.", 168, 336),
    ("Each run finishes in 2 or 3 hours.", 2, 3),
    ("Fine-tuning needs an hour or two.", 1, 2),
])
def test_a_hedge_of_consecutive_amounts_is_a_range(text, low, high):
    (d,) = q.find_durations(text)
    assert (d.low, d.high, d.hours) == (low, high, (low + high) / 2)


@pytest.mark.parametrize("text,values", [
    ("Training takes 6 or 12 hours depending on the dataset.", [6, 12]),  # alternatives, not a hedge
    ("The small and large models take 2 or 3 hours, respectively.", [2, 3]),
    ("We train for a day.", [24]),
])
def test_alternatives_and_plain_amounts_are_not_hedged_ranges(text, values):
    assert [d.hours for d in q.find_durations(text)] == values


# ------------------------------------------------------------------ hw21: fractions, unit-glued ranges, grouped digits


@pytest.mark.parametrize("text, hours", [
    ("The network converged after 4 1/2 days of training.", 108.0),
    ("Each run needs 1/2 day on one card.", 12.0),
    ("Fine-tuning takes 2½ hours.", 2.5),
    ("It trains in 1 3/4 hours.", 1.75),
    ("Our largest model took one-and-a-half weeks.", 252.0),
])
def test_fractions_of_a_unit(text, hours):
    ds = q.find_durations(text)
    assert len(ds) == 1 and ds[0].hours == pytest.approx(hours)


@pytest.mark.parametrize("text", [
    "The loss fell by 2/3 days later.",  # "2/3": two thirds or two-to-three: unread
    "Support is staffed 24/7 hours.",  # a denominator, not a count of hours
    "The ratio is 1/2 h of the total.",  # a bare "1/2 h" is too short to tell from a ratio
])
def test_fractions_that_are_not_durations(text):
    assert q.find_durations(text) == []


@pytest.mark.parametrize("text, low, high", [
    ("Each run took 6h-8h on the cluster.", 6.0, 8.0),
    ("Training lasts 2 days - 3 days depending on the seed.", 48.0, 72.0),
])
def test_a_range_with_the_unit_on_both_ends(text, low, high):
    ds = q.find_durations(text)
    assert len(ds) == 1 and (ds[0].low, ds[0].high) == (low, high)


@pytest.mark.parametrize("text, values", [
    ("The corpus holds 250 000 images.", [250000.0]),
    ("We sample 2 048 000 tokens per batch.", [2048000.0]),
    ("The set has 1.200.000 sentences.", [1200000.0]),
    ("We saw 30 000 steps and 3.5 days.", [30000.0, 3.5]),
    # near-misses: a list of numbers (no group starts with 0), one dot (a decimal), a decimal after a number
    ("Widths 64 128 256 are tried.", [64.0, 128.0, 256.0]),
    ("The score is 100.000 points.", [100.0]),
    ("Scores: 100 0.5 and 12 045.5", [100.0, 0.5, 12.0, 45.5]),
])
def test_thousands_grouped_by_spaces_or_dots(text, values):
    assert [n.value for n in q.find_numbers(text)] == values


@pytest.mark.parametrize("text, values", [
    ("The model has 20-30M parameters.", [20e6, 30e6]),
    ("We use 2 to 4 billion tokens.", [2e9, 4e9]),
    ("Sequences of 512-8K tokens.", [512.0, 8e3]),  # 512 is not below 8: no shared suffix
    ("We compare GPT-2-1.5B.", [2.0, 1.5e9]),  # a name's number
    ("Models of 10M-15M parameters.", [10e6, 15e6]),
])
def test_a_range_writes_its_suffix_once(text, values):
    assert [n.value for n in q.find_numbers(text)] == pytest.approx(values)


@pytest.mark.parametrize("text, hours", [
    ("Pre-training finished in a quarter of an hour.", 0.25),
    ("The search ran for three quarters of a day.", 18.0),
    ("Each epoch needs 3/4 of an hour.", 0.75),
    ("Training took 3:15:00 on one card.", 3.25),
    ("Wall-clock time (hh:mm:ss): 27:40:12", 27 + 40 / 60 + 12 / 3600),
])
def test_fractions_of_one_unit_and_clock_times(text, hours):
    ds = q.find_durations(text)
    assert len(ds) == 1 and ds[0].hours == pytest.approx(hours)


@pytest.mark.parametrize("text", [
    "The mixing ratio 1:10:20 worked best.",  # no word of time before it
    "Half of an epoch is spent on warm-up.",  # an epoch is no unit of time
])
def test_clock_and_fraction_near_misses(text):
    assert q.find_durations(text) == []


@pytest.mark.parametrize("text, hours", [("The run cost 350 GPU-h.", 350.0), ("about 90 TPU·h in total", 90.0)])
def test_chip_time_with_h_joined_to_the_device(text, hours):
    ps = q.find_chip_time(text)
    assert len(ps) == 1 and ps[0].hours == hours


def test_chip_time_h_needs_the_joining_sign():
    assert q.find_chip_time("We use 8 GPU h100 nodes.") == []


@pytest.mark.parametrize("text", [
    "AlexNet 61M 11.2 57.1",  # a table's parameter count, not 61 minutes 11 seconds
    "Params 4M 25 layers",
    "Scores 238.0 H and 2 S",  # upper-case letters after numbers are columns or names
    "We evaluate on 2 MS COCO splits.",
])
def test_upper_case_letters_and_table_sizes_are_not_time(text):
    assert q.find_durations(text) == []


@pytest.mark.parametrize("text, hours", [("took 13m 38s", 13 / 60 + 38 / 3600), ("took 13m38", 13 / 60 + 38 / 3600)])
def test_minutes_and_seconds_still_read(text, hours):
    ds = q.find_durations(text)
    assert len(ds) == 1 and ds[0].hours == pytest.approx(hours)


@pytest.mark.parametrize("text, hours", [
    ("The sweep used 1.5 k GPU hours.", 1500.0),
    ("Pre-training cost 2.5 M GPU hours.", 2.5e6),
    ("It took 8 K80 GPU hours.", 8.0),  # a model code, not a suffix
    ("It took 2 x 10^3 GPU hours.", 2000.0),
])
def test_chip_time_with_a_suffix_written_apart(text, hours):
    ps = q.find_chip_time(text)
    assert len(ps) == 1 and ps[0].hours == hours


@pytest.mark.parametrize("text", [
    "All runs use 4 RTX 3090s.",  # a plural of cards, not 3090 seconds
    "We had two GTX 1080s and a Titan.",
    "Our lab owns 8 Quadro 6000s.",
])
def test_plural_of_a_card_is_not_seconds(text):
    assert q.find_durations(text) == []


@pytest.mark.parametrize("text, hours", [("Training took 3600s.", 1.0), ("Time 7200s per run", 2.0)])
def test_seconds_glued_to_a_number_still_read(text, hours):
    ds = q.find_durations(text)
    assert len(ds) == 1 and ds[0].hours == hours


@pytest.mark.parametrize("text", [
    "We let the model train overnight.",  # vague: no number of hours (silence, not a guess)
    "Training takes several days on our cluster.",
    "Each run lasts a few hours.",
])
def test_vague_durations_stay_unread(text):
    assert q.find_durations(text) == []


@pytest.mark.parametrize("text, low, high", [
    ("Pre-training takes 2~3 days.", 48.0, 72.0),  # a tilde between two numbers: a range
    ("Each run needs 12 ~ 15 hours.", 12.0, 15.0),
    ("Training lasts 2-to-3 days.", 48.0, 72.0),
])
def test_a_tilde_between_numbers_is_a_range(text, low, high):
    ds = q.find_durations(text)
    assert len(ds) == 1 and (ds[0].low, ds[0].high) == (low, high)


def test_a_tilde_before_one_number_is_about():
    ds = q.find_durations("See Table 2 ~3 days of training.")
    assert len(ds) == 1 and ds[0].hours == 72.0 and ds[0].qualifier == "~"


def test_a_decimal_comma_is_left_unread_not_read_as_its_fraction():
    assert q.find_durations("Training took 12,5 hours.") == []  # not "5 hours"
    assert [d.hours for d in q.find_durations("Training took 1,500 hours.")] == [1500.0]
