"""Facts about a paper's main training run (facts.json): see ``aicompute.extraction``, one module per
fact. This module keeps the entry points where the rule script, ``stages`` and the tests import them."""

from __future__ import annotations

from .extraction import SCHEMA, DocumentError, extract_facts, extract_from_sentences, is_survey

__all__ = ["extract_facts", "extract_from_sentences", "is_survey", "DocumentError", "SCHEMA"]
