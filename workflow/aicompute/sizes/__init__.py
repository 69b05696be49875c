"""Size facts of a paper's main training run, with evidence: the method-1 inputs.

``extract_sizes(sentences, doc, published)`` returns ``(chosen, candidates)``: one fact dict (or None)
per size field and the best few candidates per field, best first (same dict shape as the other facts
of ``facts.json``: ``value, unit, page, sentence, match, confidence, why``, ``as_written`` for FLOP
amounts, ``low``/``high`` for ranges, ``kind`` = "table" for a table cell).

Fields and units:
- ``parameters``: the model's parameter count (for a mixture of experts, the total);
- ``active_parameters``: parameters active per token of a mixture of experts ("12B active parameters");
- ``tokens_or_examples``: the training data's size, unit tokens | words | characters | images | videos |
  sentences | frames | examples (only ``tokens`` feeds 6 x N x D);
- ``epochs``, ``steps`` (optimizer steps/iterations), ``batch_size`` (unit sequences/examples, or
  ``tokens`` when the batch is stated in tokens);
- ``flops_per_forward``: the cost of one forward pass, unit FLOP | multiply-add, value as stated (a
  paper that defines its "FLOPs" as multiply-adds gets multiply-add: the estimate doubles it);
- ``total_training_flop``: a total training compute the paper states for its own run, unit FLOP |
  multiply-add, as stated;
- ``sequence_length``: tokens per training sequence ("a sequence length of 512"), unit tokens: with
  steps and a batch in sequences the estimate counts the tokens processed (no label scores it yet).

Where the values come from (every one is a class of sentences, never a paper):
- text: "a 2.8B model trained on 300B tokens", "1.4T tokens", "LLaMA-65B", "340M parameters",
  "#params = 79.5 x 10^6", "1.28 million training images", "50,000 train and 10,000 test images",
  "for 90 epochs", "370K iterations", "1 million mini-batches of size 2048", "a batch size of 4M tokens",
  "11.3 billion FLOPs (multiply-adds)", "524 MFLOPs", "11.3 GFLOPS" as a model's cost (not a rate when
  nothing around it is hardware), "182 PF-days", "4262 exaFLOPs";
- tables: a column headed Params / #Params / FLOPs / MAdds / Epochs / Batch / Steps (units from the
  header or caption, "(M)"); a row labelled "Total Params 2.97B 9.18B 27.0B" (one column per model);
  the careful pass marks table rows, and pages it did not read are read from the cheap text
  (``doc.cheap_text``) line by line, so appendix tables count too.

What is not a value: a formula or a variable ("an M/2-FLOP cost", "N x 2 FLOPs"), FLOP/s of hardware,
sequence lengths ("512 tokens"), per-class/per-batch/per-second amounts, validation and test splits,
learning-rate schedule points ("dropped at 60 and 120 epochs", "warm-up of 4,000 steps"), sizes of
other people's models ("compared with GPT-3 (175B)", cited or in related work; "GPT-3 has 175B
parameters, while our model has only 1.3B": the clause set against ours), models evaluated, prompted or
served but not trained in the sentence ("we evaluate the LLaMA-65B model zero-shot"), hypotheticals.
Raw-text table cells: "5 x 104" is 5 x 10^4 (a superscript lost), "3 x 512" a shape.

Confidence: a logistic model over the candidate's evidence (weights are data, refitted by
``python -m aicompute.sizes fit-confidence``); the top band (>= 0.8) is allowed only when its
cross-validated values are >= 95% right, else every size is capped below 0.8 (shown as needs review).

Choice ("the largest model trained in full" is the labels' rule for the main run): the best-scoring
candidate above a floor; among near-ties the larger value for parameters, data and totals, the one
from the training/pre-training context for epochs, steps and batch size. A table row marked as the
paper's own model ("(ours)", or the name the title gives the model) beats other rows. Values stated
with the chosen parameter count (same sentence or same table column/row) gain.

Learned choice (``aicompute.sizes_ranker``, weights ``data/sizes_ranker.json``): for the fields the weights
file adopts (epochs and parameters, where 5-fold cross-validation showed it at least as good as the rules'
in-sample figure), a model over generic features of the candidates (for parameters a conditional logit over
the paper's candidates: the largest clean value, stated up front, beside the paper's own model's name, more
than once) settles the near-ties among the rules' candidates and gives the confidence; the rules still
generate, score and decide whether the field is stated at all.
"""

from __future__ import annotations

# (a package of modules by fact over one candidate-and-choice core; every name stays importable from here)
from .core import (  # noqa: F401
    SIZE_FIELDS, MAX_CANDIDATES, TABLES_FROM_RAW_TEXT, MAX_RAW_PROSE_PAGES, MIN_SCORE, MARGIN,
    PREFER_LARGER, RANGE, _MULT, _NUM, _SUF, _value,
    _CELL_RE, _cell_value, _TRAIN_RE, _WE_RE, _OURS_RE, _CITE_RE,
    _OTHERS_RE, _HYPO_RE, _EXAMPLE_RE, _FINETUNE_RE, _PRETRAIN_RE, _PRETRAINED_ADJ_RE,
    _ABLATION_RE, _SMALLER_RE, _local_smaller, _MAIN_RE, _EVAL_RE, _DEF_MADD_RE,
    _MOE_RE, Unit, _HINT_NUM_RE, _HINT_WORDS, _HINT_SIZE_RE, _hint,
    _flags, Cand, CONFIDENCE_FILE, TOP_BAND_PRECISION, _CONF_FIELDS, _FEATURES,
    _WEIGHTS, feature_vector, fact_features, _weights, confidence_of, fit_logistic,
    _clean, _base_score, _local_others, _COMPARE_OPEN_RE, _CONTRAST_SPLIT_RE, _OTHER_SUBJECT_RE,
    _contrast_other, _CITED_BEFORE_RE, _MODEL_TOKEN_RE, _at_numbers, _PREVIOUS_WORK_RE,
)
from .parameters import (  # noqa: F401
    _USE_ONLY_RE, _PARAM_AFTER_RE, _PARAM_BEFORE_RE, _SIZE_MODEL_RE, _NAME_SIZE_RE, _OUR_MODEL_HAS_RE,
    _DATA_NOUN_AFTER_RE, _param_cands,
)
from .data import (  # noqa: F401
    _DATA_NOUNS, _NOUN_ALT, _DATA_ADJ, _DATA_RE, _GT_RE, _SPLIT_RE,
    _N_SET_RE, _SET_OF_RE, _NOT_TRAIN_DATA_BEFORE_RE, _EVAL_SUBJECT_RE, _ALL_SPLITS_AFTER_RE, _DATA_TRAIN_WORDS_RE,
    _HELD_OUT_AFTER_RE, UNLINKED_PENALTY, _EVAL_ADJ_RE, _year_like, _data_cands, _SEQ_RE,
    _seq_cands,
)
from .counts import (  # noqa: F401
    _EPOCH_RE, _STEP_RE, _BATCH_RE, _PER_DEVICE_RE, _SCHEDULE_BEFORE_RE, _SCHEDULE_CTX_RE,
    _FOR_BEFORE_RE, _count_cands,
)
from .flops import (  # noqa: F401
    _PERF_RE, _HW_CTX_RE, _TOTAL_CTX_RE, _VARIABLE_BEFORE_RE, _FLOP_BEFORE_RE, _flops_before,
    _flop_cands,
)
from .tables import (  # noqa: F401
    _COL_FIELDS, _ROW_LABELS, _UNIT_WORD, _header_mult, _NAME_LABEL_RE, _ALIAS_RE,
    _alias_key, _caption_aliases, _VALUE_LIKE_RE, _lower_word, _STOPWORDS, _header_like,
    _split_header, _row_cells, _n_value_cells, _table_cands, _axis_ticks, _CAPTION_START_RE,
)
from .text import (  # noqa: F401
    _TABLE_LINE_RE, _NUM_TOKEN_RE, _CELL_TOKEN_RE, _WORD_TOKEN_RE, _is_table_line, _join,
    _REFERENCE_LINE_RE, _cheap_units, _attach_table_context, _fix_separators, _HEADING_LINE_RE, _FT_HEADING_RE,
    _PT_HEADING_RE, _squash, _Headings, _units, _TITLE_NAME_RE, _CAMEL_RE,
    _NAME_STOP, own_model_names, _SIZE_PAGE_PATTERNS, size_page_score,
)
from .choice import (  # noqa: F401
    _main_columns, _DATASET_NAME_RE, _NOT_A_DATASET, _SIZED_NAME_RE, _DATASET_USE_RE, _DATASET_NOUN_AFTER_RE,
    _dataset_named_sizes, _relink_datasets, _BASELINE_ROW_RE, _baseline_rows, _dataset_tables, _mark_own_names,
    _best, _repeat_bonus, _key, _same_place, extract_sizes, _name_pattern,
    _choose_sizes, _data_names, _with_the_chosen_data, _learned_choice,
)
from .fit_confidence import (  # noqa: F401
    LABEL_FIELDS, choose_in_labelled_pdf, _paper_records, _calibration_table, fit_confidence_main,
)

__all__ = ["extract_sizes", "size_page_score", "SIZE_FIELDS", "fact_features", "fit_logistic"]
