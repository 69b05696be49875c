"""A count restated in a precise unit ("16 Cloud TPUs (64 TPU chips total)") replaces the vaguer one only when it is
the same devices said again: the same kind of device, in the same clause (choose._restates)."""
import datetime as dt

import pytest

from aicompute.extract import extract_from_sentences
from aicompute.hardware import HardwareTable
from aicompute.pdftext import Sentence


def _chips(text):
    chosen = extract_from_sentences([Sentence(4, text, "text", "body", index=0)], HardwareTable.load(),
                                    dt.date(2023, 6, 1))["chosen"]
    return (chosen.get("chips") or {}).get("value")


@pytest.mark.parametrize("text, want", [
    # the same devices said again in chips or cores
    ("Pre-training used 16 Cloud TPUs (64 TPU chips total) and took 4 days.", 64),
    ("We used 16 TPUs (i.e. 32 TPU cores) for 3 days.", 32),
    ("Training ran on 4 DGX boxes (32 GPUs in all) for a week.", 32),
    # a second run's devices in the next clause are not a restatement of the first run's
    ("We pre-train for 5 days on 64 TPUs, and fine-tune for 2 hours on 1 GPU.", 64),
    ("We pre-train for 5 days on 64 TPUs; fine-tuning takes 2 hours on 1 GPU.", 64),
    ("The encoder trains for 6 days on 32 TPUs, then the decoder for 1 day on 4 GPUs.", 32),
])
def test_restated_unit(text, want):
    assert _chips(text) == want
