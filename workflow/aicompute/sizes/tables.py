"""Size candidates from tables (column tables, row-labelled tables, raw-text rows)."""

from __future__ import annotations

import math
import re

from .core import Cand, RANGE, Unit, _OURS_RE, _cell_value


# ------------------------------------------------------------------ tables

# what a dataset-statistics table counts per split ("Train Pairs", "Test Images")
SPLIT_NOUN = (r"pairs|images|examples|samples|sentences|instances|videos|clips|documents|docs|queries|questions|"
              r"utterances|dialogues")
# a pair label over pair cells: "Params/FLOPs", "#Param./MACs" over "25.6M/4.1G" (the parameter count is the first of each pair)
_PARAMS_PAIR_LABEL = r"#?\s*(?:params?\.?|parameters)\s*/\s*(?:[KMGT]?FLOPs?|[KMGT]?MACs?|M?Adds|MAdds)"
# header labels of the columns we read, with the magnitude they imply
_COL_FIELDS: list[tuple[str, re.Pattern]] = [
    ("parameters", re.compile(r"^(?:#\s*(?:of\s+)?|num\.?\s*|number\s+of\s+|no\.\s*(?:of\s+)?|total\s+|model\s+)?(?:params?\.?|"
                              r"parameters?|param(?:eter)?\s*(?:count|size|number)|(?<=#)\s*paras?\.?|paras?\.(?=\s*[(\[]))"
                              r"(?:\s*\(.*\)|\s*\[.*\])?$|"  # ("Para. (M)": with its unit, no '#')
                              r"^#\s*weights(?:\s*\(.*\))?$|"
                              rf"^{_PARAMS_PAIR_LABEL}$|"
                              # "Model Size" counts parameters when its unit says so or its cells carry a magnitude
                              # ("11.3M"; a bare number there may be megabytes: see _MODEL_SIZE_LABEL_RE)
                              # ("Method Size" / "Network Size": the header's name label and a "Size" column, joined
                              # by the header reader as "Model Size" is)
                              r"^(?:model|method|network|architecture|approach)\s+size(?:\s*[(\[]\s*(?:[KMB]|millions?|billions?|"
                              r"#?\s*params?\.?|parameters)\s*[)\]])?$", re.I)),
    ("flops_per_forward", re.compile(r"^(?:#\s*)?(?:[KMGT]?FLOPs?|[KMGT]?FLOPS|[KMGT]?MACs?|[KMGT]?MAdds?|Mult-?Adds|"
                                     r"MACCs|FLOPs\s*\(.*\)|MACs\s*\(.*\)|MAdds\s*\(.*\))(?:\s*\(.*\)|\s*\[.*\])?$", re.I)),
    ("epochs", re.compile(r"^(?:#\s*)?(?:training\s+)?epochs?$", re.I)),
    ("steps", re.compile(r"^(?:#\s*)?(?:training\s+)?(?:steps|iterations|iters|updates)(?:\s*\(.*\))?$", re.I)),
    ("batch_size", re.compile(r"^(?:(?:mini-?)?batch(?:\s*size)?|bs|BS)(?:\s*\(.*\))?$", re.I)),
    ("tokens_or_examples", re.compile(r"^(?:#\s*)?(?:(?:training|train|pre-?training)\s+)?tokens(?:\s*\(.*\))?$|"
                                      r"^(?:#\s*)?(?:training|train|pre-?training)\s+(?:data|set\s+size|" + SPLIT_NOUN +
                                      r")(?:\s*\(.*\))?$|^#\s*train(?:ing)?$|"
                                      # "Data Size", "Dataset size (M)", "Corpus Size": a table of variants or of datasets
                                      r"^(?:(?:training|train|pre-?training)\s+)?(?:data(?:set)?|corpus)\s+size"
                                      r"(?:\s*\(.*\))?$", re.I)),
    ("total_training_flop", re.compile(r"^(?:(?:training|train\.?|total|pre-?training)\s+)?(?:compute|FLOPs|exa-?FLOPs|"
                                       r"zetta-?FLOPs|PF-?days|pfs?-?days|petaflop(?:/s)?-?days)(?:\s*\(.*\))?$", re.I)),
]
_MODEL_SIZE_LABEL_RE = re.compile(r"(?i)^(?:model|method|network|architecture|approach)\s+size$")
# a row label in a transposed table ("Total Params 2.97B 9.18B ...")
_ROW_LABELS: list[tuple[str, re.Pattern]] = [
    ("active_parameters", re.compile(r"^(?:#\s*)?(?:active|activated)\s+(?:params?\.?|parameters?)"
                                     r"(?:\s*\((?P<u>[^)]*)\)|\s*\[(?P<u2>[^\]]*)\])?\s*[:=]?\s+(?=[~≈]?\d)", re.I)),
    # ("Model size 1.3B": a hyper-parameter table's line; its cells must carry M/B or the label a unit, see _table_cands)
    ("parameters", re.compile(r"^(?:#\s*(?:of\s+)?|num\.?\s*|number\s+of\s+|no\.\s*(?:of\s+)?|total\s+|model\s+)?"
                              r"(?:params?\.?|parameters?|param(?:eter)?\s+(?:count|number)|(?<=^)model\s+size)"
                              r"(?:\s*\((?P<u>[^)]*)\)|\s*\[(?P<u2>[^\]]*)\])?\s*[:=]?\s+(?=[~≈]?\d)", re.I)),
    ("tokens_or_examples", re.compile(r"^(?:#\s*|number\s+of\s+)?(?:(?:training|train|pre-?training)\s+(?:tokens|examples|"
                                      r"samples|images|games|data)|total\s+(?:time\s*steps|env(?:ironment)?\s+steps|frames|"
                                      r"tokens))(?:\s*\((?P<u>[^)]*)\))?\s*[:=]?\s+(?=[~≈]?\d)", re.I)),
    # a bare "# Tokens" / "Tokens seen" row of a hyper-parameter table: read only when its cells are training-data sized
    # (``_BARE_TOKENS_LABEL_RE``: not the patches of a vision model's "#Tokens 196")
    ("tokens_or_examples", re.compile(r"^(?:#\s*|number\s+of\s+)?tokens(?:\s+seen)?(?:\s*\((?P<u>[^)]*)\))?\s*[:=]?\s+"
                                      r"(?=[~≈]?\d)", re.I)),
    # "Dataset size 5M", "Training set size 1.2M", "Corpus size 300B tokens"
    ("tokens_or_examples", re.compile(r"^(?:(?:training|train|pre-?training)\s+)?(?:data(?:set)?|corpus|training\s+set)\s+size"
                                      r"(?:\s*\((?P<u>[^)]*)\))?\s*[:=]?\s+(?=[~≈]?\d)", re.I)),
    # ("Max Steps 500k", "Total training steps 1M", "Pre-training steps 100k"; not "Warmup steps", "Max steps per episode")
    # ("Total updates 125K", "Max updates 500k", "Training updates 1M": fairseq's word; not a bare "Updates", nor
    # "Warmup updates")
    ("steps", re.compile(r"^(?:#\s*|number\s+of\s+)?(?:max(?:imum)?\s+|total\s+)?(?:training\s+|train\s+|pre-?training\s+)?"
                         r"(?:steps|iterations|(?<=\s)updates)"
                         r"(?:\s*\((?P<u>[^)]*)\))?\s*[:=]?\s+(?=[~≈]?\d)", re.I)),
    # (a device's share, "Batch size per GPU 16", "Per-device batch size 32": read, below a global one: _PER_DEVICE_ROW_RE)
    ("batch_size", re.compile(r"^(?:(?:global|total|effective|per-?(?:GPU|device|core|replica))\s+)?(?:training\s+|train\s+|"
                              r"pre-?training\s+)?(?:mini-?)?batch\s*size(?:\s+per\s+(?:GPU|device|core|replica|worker|node))?"
                              r"(?:\s*\((?P<u>[^)]*)\))?\s*[:=]?\s+(?=[~≈]?\d)", re.I)),
    # a configuration file's keys ("global_train_batch_size: 1024", "max_steps: 100000", "num_train_epochs: 3"); not a
    # device's or an evaluation's batch ("device_train_microbatch_size", "eval_batch_size"), nor warm-up ("warmup_steps")
    ("batch_size", re.compile(r"^(?:global_|total_)?(?:train(?:ing)?_)?batch_size\s*[:=]\s*(?=\d)")),
    ("steps", re.compile(r"^(?:(?:max|num|total)_)?(?:train(?:ing)?_)?(?:steps|iters|iterations)\s*[:=]\s*(?=\d)")),
    ("epochs", re.compile(r"^(?:(?:max|num)_)?(?:train(?:ing)?_)?epochs\s*[:=]\s*(?=\d)")),
    # ("# Epoch 2" as a setting's name; not "Epoch 30 75.2 76.1", a row of a learning curve)
    ("epochs", re.compile(r"^(?:(?:#\s*|number\s+of\s+)?(?:max(?:imum)?\s+|total\s+)?(?:training\s+|train\s+|pre-?training\s+)?"
                          r"epochs|(?:#\s*|num\.?\s*|number\s+of\s+)epoch)(?:\s*\((?P<u>[^)]*)\))?\s*[:=]?\s+"
                          r"(?=[~≈]?\d)", re.I)),
    ("total_training_flop", re.compile(r"^(?:training\s+|total\s+)?(?:compute\s+)?(?:PF-?days|pfs?-?days|petaflop(?:/s)?-?days|"
                                       r"FLOPs|exaFLOPs|zettaFLOPs)(?:\s*\((?P<u>[^)]*)\))?\s*[:=]?\s+(?=[~≈]?\d)", re.I)),
]
_PER_DEVICE_ROW_RE = re.compile(r"(?i)\bper[-\s]?(?:GPU|device|core|replica|worker|node)\b")
# a caption that gives the batch sizes in tokens ("learning hyper-parameters (batch size in tokens and learning rate)")
_BATCH_IN_TOKENS_RE = re.compile(r"(?i)batch\s*sizes?\s*(?:is\s+|are\s+|\()?(?:given\s+|measured\s+|counted\s+)?in\s+"
                                 r"(?:number\s+of\s+|#\s*)?tokens")
# a table of the run's hyper-parameters ("Table 9: Hyper-parameters for pre-training", "Training settings of our
# models"), not of fine-tuning or evaluation ones: its settings are stated for the run (``HP_TABLE_BONUS``)
_HP_CAPTION_RE = re.compile(r"(?i)\bhyper-?\s?param\w*|\btraining\s+(?:settings|details|configurations?|setup|recipes?)\b|"
                            r"\bpre-?training\s+(?:settings|details|configurations?|setup|recipes?)\b|"
                            # ("Implementation details of our method", "Optimization settings", "Settings used to train
                            # our models": the same table under other words)
                            r"\bimplementation\s+details\b|\boptimi[sz]ation\s+(?:settings|details|configurations?|setup)\b|"
                            r"\bsettings?\s+(?:used\s+)?(?:to|for)\s+(?:train|pre-?train)\w*|"
                            r"\bconfiguration\s+of\s+the\s+(?:training|optimi[sz]ation)\b")
_FT_CAPTION_RE = re.compile(r"(?i)\bfine-?tun\w*|\bdownstream\b|\bevaluat\w*|\bsearch\b|\bsweep\b|\bablation\b|\bbaselines?\b")
HP_TABLE_BONUS = 0.3
# a value and its unit word in a settings row ("1.4T tokens", "4M tokens", "350k steps"): the word (group 2) goes
_CELL_UNIT_RE = re.compile(r"(\d[\d,]*(?:\.\d+)?\s?[kKMBT]?)\s+(?=(tokens|sequences|examples|samples|images|steps|epochs|"
                           r"iterations)\b)\2", re.I)
_BARE_TOKENS_LABEL_RE = re.compile(r"(?i)^(?:#\s*|number\s+of\s+)?tokens\b")
MIN_BARE_TOKENS = 1e8  # a bare "Tokens" row counts training tokens only from this many (else patches, a sequence)
_UNIT_WORD = {"k": 1e3, "thousand": 1e3, "thousands": 1e3, "m": 1e6, "million": 1e6, "millions": 1e6, "mil": 1e6,
              "b": 1e9, "billion": 1e9, "billions": 1e9, "g": 1e9, "t": 1e12, "trillion": 1e12}


def _header_mult(label: str, fieldname: str, caption: str) -> tuple[float | None, str | None]:
    """The magnitude a column label (or the caption) gives its cells, and the FLOP unit."""
    low = label.lower()
    unit = None
    if fieldname in ("flops_per_forward", "total_training_flop"):
        unit = "multiply-add" if re.search(r"mac|madd|mult", low) or re.search(
            r"(?i)(?:flops?|number)[^.]{0,40}(?:multiply-adds?|multiply-accumulates?|mult-adds|MACs)", caption) else "FLOP"
        if re.search(r"(?i)pf-?days|pfs?-?days|petaflop", label):
            return 1e15 * 86400, "FLOP"
        m = re.match(r"^#?\s*(exa|zetta|peta|tera|giga|mega|[kKMGTPE])-?(?:FLOP|MAC|MAdd|Madd)", label)
        if m:
            p = m.group(1).lower()
            return {"k": 1e3, "m": 1e6, "mega": 1e6, "g": 1e9, "giga": 1e9, "t": 1e12, "tera": 1e12, "p": 1e15, "peta": 1e15,
                    "e": 1e18, "exa": 1e18, "zetta": 1e21}[p], unit
    m = re.search(r"[(\[]\s*(?:in\s+|x\s*)?(?P<u>[kKMBGT]|thousands?|millions?|billions?|mil|10\^?(?P<e>\d+)|1e(?P<e2>\d+))\s*[)\]]", label)
    if m:
        e = m.group("e") or m.group("e2")
        if e:
            return 10.0 ** int(e), unit
        return _UNIT_WORD.get(m.group("u").lower()), unit
    cap = caption.lower()
    if fieldname == "parameters" and re.search(r"(?:params?|parameters)[^.]{0,40}?(?:\(\s*m\s*\)|in\s+millions|\bm\b)|"
                                               r"(?:\(\s*m\s*\)|in\s+millions|millions\s+of)\s+(?:of\s+)?param", cap):
        return 1e6, unit
    if fieldname == "parameters" and re.search(r"(?:params?|parameters)[^.]{0,40}?(?:\(\s*b\s*\)|in\s+billions)", cap):
        return 1e9, unit
    if fieldname == "flops_per_forward":
        if re.search(r"\bgflops?\b|flops\s*\(g\)|\bgmacs?\b|in\s+billions", cap):
            return 1e9, unit
        if re.search(r"\bmflops?\b|\bmadds\b|\bmmacs?\b|flops\s*\(m\)", cap):
            return 1e6, unit
    return None, unit


# leading header labels that name the row rather than hold a number
_NAME_LABEL_RE = re.compile(r"^(?:method|methods|model|models|network|networks|architecture|arch\.?|backbone|name|task|agent|"
                            r"approach|system|PT|pre-?train\w*|dataset|data|setting|type|variant|config\w*|encoder|"
                            r"decoder|teacher|student|layer|unit|size|stage|group|#)$", re.I)


_ALIAS_RE = re.compile(
    r"(?P<what>parameters?|params|FLOPs|MACs|MAdds|multiply-adds)\s*(?:counts?\s+|numbers?\s+)?(?:\(\s*)?"
    r"(?P<a>#\s?[A-Za-z]{1,3}|[A-Z][A-Za-z]?|\|[^\s|]{1,3}\|)(?![A-Za-z])"
    r"(?:\s*\))?\s*(?:\(\s*(?P<u>[KMGBT])\s*\))?", re.I)


def _alias_key(label: str) -> str:
    return re.sub(r"[\s↑↓]+", "", label)


def _caption_aliases(caption: str) -> dict[str, tuple[str, str]]:
    """Column abbreviations a caption defines: 'parameters #P (M), FLOPs #F (G)' -> {'#P': params in M, ...}."""
    out = {}
    for m in _ALIAS_RE.finditer(caption or ""):
        what = m.group("what").lower()
        f = "parameters" if what.startswith("param") else "flops_per_forward"
        out[_alias_key(m.group("a"))] = (f, m.group("u") or "")
    return out


_VALUE_LIKE_RE = re.compile(r"[\d.,]+ \S+|[~≈<>]?[\d.,]+\s*%|[-–—]|[\d.]+[xX×]|N/?A|n/a|[\d.]+±[\d.]+|[\d.]+%?\([^)]*\)|"
                            r"[\d.,]+[KMB]/[\d.,]+[KMGT]?")  # (a pair of cells under a pair label: "25.6M/4.1G")
_PARAMS_PAIR_LABEL_RE = re.compile(rf"(?i)^{_PARAMS_PAIR_LABEL}$")
_PAIR_CELL_RE = re.compile(r"^(?P<a>[\d.,]+[KMB])/[\d.,]+[KMGT]?$")


def _lower_word(t: str) -> bool:
    w = t.rstrip(",.;:")
    return len(w) >= 4 and w.isalpha() and w.islower()


_STOPWORDS = {"the", "of", "and", "is", "are", "to", "in", "a", "an", "we", "for", "with", "that", "this", "on", "by", "as",
              "was", "were", "be", "it", "which", "from", "at", "our", "their", "has", "have", "can", "not"}


def _header_like(text: str) -> bool:
    """A header row names columns: not a caption, not a piece of a sentence (function words)."""
    if _CAPTION_START_RE.match(text):
        return False
    toks = re.sub(r"\([^)]*\)|\[[^\]]*\]|#\s*of\b|\b(?i:no)\.\s*of\b|\b(?i:number)\s+of\b", " ", text).split()  # ("No. of")
    # (an all-capitals label is a metric's abbreviation, not a function word: "FID IS", "Recall AS")
    stop = sum(1 for t in toks if t.lower().strip(",.;:()\"'") in _STOPWORDS and not (len(t) >= 2 and t.isupper()))
    return stop <= (1 if len(toks) >= 6 else 0) and not re.search(r"[a-z]{3,}[.,;]\s*$", text)


_MAGNITUDE_LABEL_RE = re.compile(r"(?i)param|flop|\bmacs?\b|madds?|mult-?adds")


def _wrapped_header(lines: list[str]) -> str | None:
    """A header whose labels' units wrapped onto lines of their own ("Model Resolution Computational Cost" / "(MACs)" /
    "Model Size" / "(Parameters)" / "Avg. Precision (%)"), or whose labels stand one a line (three or more lines of one
    label each): the lines joined; else None."""
    if len(lines) < 2:
        return None
    if any(re.fullmatch(r"\s*[(\[][^()\[\]]{1,24}[)\]]\s*", x) for x in lines[1:]) or \
            len(lines) >= 3 and all(len(_split_header(x)) == 1 for x in lines):
        return " ".join(x.strip() for x in lines)  # (or one label a line: "Method" / "#Params" / "CIFAR-10" / "CIFAR-100")
    return None


def _split_header(header: str) -> list[str]:
    """Column labels of a header row: '(M)', '[in M]' and '#' stay with their label; arrows ('↓') go."""
    toks = _plain_header_tokens(header)
    out: list[str] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        if out and (re.match(r"^[(\[]", tok) and not re.match(r"^[(\[]\s*%?\s*[)\]]?$", tok) and len(tok) <= 14
                    or re.match(r"^(?:in|of)$", tok, re.I) and i + 1 < len(toks) and re.match(r"^[A-Z]\]?\)?$", toks[i + 1])):
            # "(M)", "[in", "M]"
            out[-1] += " " + tok
            while not re.search(r"[)\]]$", out[-1]) and i + 1 < len(toks) and len(out[-1]) < 24:
                i += 1
                out[-1] += " " + toks[i]
        elif out and out[-1] in ("#", "Num.", "No.", "Number", "Total", "Train.", "Training", "#of", "# of") or \
                (out and re.fullmatch(r"(?i)of", tok)) or \
                (out and re.fullmatch(r"(?i)(?:#|no\.|num\.|number)\s*of", out[-1]) and re.fullmatch(r"(?i)params?\.?|parameters", tok)):
            out[-1] += " " + tok  # ("No. of params": the "of" joined "No." already)
        elif out and re.fullmatch(r"(?i)norm\.?|normalization", tok) and \
                re.fullmatch(r"(?i)batch|layer|group|instance", out[-1]):
            out[-1] += " " + tok  # "batch norm": a layer (a figure's diagram), not a batch column
        elif out and re.fullmatch(SPLIT_NOUN, tok, re.I) and \
                re.fullmatch(r"(?i)#?\s*(?:train|val|valid|dev|test)", out[-1]):
            out[-1] += " " + tok  # "Train Pairs Val Pairs": a split's count, one label each
        elif out and re.fullmatch(r"(?i)vs\.?|versus|w/o?|per", out[-1]):
            out[-1] += " " + tok  # "vs. R50", "per GPU"
        elif out and re.fullmatch(r"[↑↓]+|\(%\)|%", tok):
            out[-1] += " " + tok
        elif out and (re.fullmatch(r"(?i)count|size", tok) or re.fullmatch(
                r"(?i)(?:error|err\.?|acc\.?|accuracy|rate|time|speed|ratio|score|loss|length|dim\.?|dimension|budget|cost)", tok)
                and not any(rx.match(out[-1]) for _, rx in _COL_FIELDS)) and not re.search(r"[)\]]$", out[-1]):
            out[-1] += " " + tok  # "Top-1 Error", "Compress Rate" (not "Tokens Loss", "FLOPs Time": a column we read, then
            # a metric's column)
        elif out and re.fullmatch(r"(?i)number", tok) and re.fullmatch(r"(?i)#?\s*(?:params?\.?|parameters?)", out[-1]):
            out[-1] += " " + tok  # "Parameter Number (1e6)": one label (a bar chart's axis read as a table's)
        elif out and re.fullmatch(r"(?i)size", tok) and re.fullmatch(r"(?i)batch|model|data(?:set)?", out[-1]):
            out[-1] += " " + tok
        elif out and re.fullmatch(r"(?i)params?\.?|parameters|tokens|steps|epochs", tok) and re.fullmatch(r"(?i)total|training|#", out[-1]):
            out[-1] += " " + tok
        else:
            out.append(tok)
        i += 1
    return out


# a group label over the columns of one split or stage ("Training" / "Test" over "#Images #Classes #Images #Classes")
_TRAIN_GROUP_RE = re.compile(r"(?i)^(?:train(?:ing)?|pre-?train(?:ing)?)(?:\s+(?:set|split|data))?$")
_OTHER_GROUP_RE = re.compile(r"(?i)^(?:test(?:ing)?|val(?:id(?:ation)?)?|dev(?:elopment)?|eval(?:uation)?|inference|"
                             r"fine-?tun(?:e|ed|ing))(?:\s+(?:set|split|data))?$")


def _grouped_labels(labels: list[str], above: str | None) -> list[str] | None:
    """The labels of a header row under a row of group labels, each named by its group ("Training #Images"), when the
    raw text keeps enough to tell which label is under which group: the value labels (after the leading name labels)
    are k >= 2 repeats of one run of labels, and the line above holds k group labels (after as many name labels), each a
    split or a stage ("Training" / "Test" / "Inference"). The raw text keeps no positions, so groups over runs of
    unlike labels ("Finetuning" over "Batch size GPU hours", "Inference" over "Time (s)") are left as they are: None."""
    if not above or not _header_like(above):
        return None
    n_name = 0
    while n_name < len(labels) and _NAME_LABEL_RE.match(labels[n_name]):
        n_name += 1
    values = labels[n_name:]
    groups = above.split()
    groups = [g for g in groups if not _NAME_LABEL_RE.match(g)]
    k = len(groups)
    if k < 2 or not values or len(values) % k or not all(_TRAIN_GROUP_RE.match(g) or _OTHER_GROUP_RE.match(g) for g in groups):
        return None
    run = len(values) // k
    if any([x.lower() for x in values[j * run:(j + 1) * run]] != [x.lower() for x in values[:run]] for j in range(k)):
        return None
    out = labels[:n_name]
    for j, g in enumerate(groups):
        for lab in values[j * run:(j + 1) * run]:
            # a training group's count: "Training images" (a label the column fields read); another group's: kept apart
            if not _TRAIN_GROUP_RE.match(g):
                out.append(f"{g} {lab}")
            elif any(rx.match(lab) for _, rx in _COL_FIELDS):
                out.append(lab)
            else:
                out.append(f"Training {lab.lstrip('#').strip()}")
    return out


# a label's decorations that say nothing of what the column counts: "Params (M) ↓", "Params↓", "#Param. (↓)" (lower is
# better) are "Params (M)", "Params", "#Param."; a parameter count's unit written after a slash, "Params/M",
# "#Params / B", is the unit in parentheses ("Params (M)")
_ARROWS_RE = re.compile(r"(?:\(\s*[↑↓]+\s*\)|[↑↓]+)+$")
_SLASH_UNIT_RE = re.compile(r"(?i)^(?P<lab>#?\s*(?:params?\.?|parameters))/(?P<u>[KMB]|millions?|billions?)$")


def _plain_header_tokens(header: str) -> list[str]:
    toks = []
    for tok in re.sub(r"(?i)(params?\.?|parameters)\s+/\s*([KMB]|millions?|billions?)(?![\w.])", r"\1/\2", header).split():
        plain = _ARROWS_RE.sub("", tok) if not re.fullmatch(r"[↑↓]+", tok) else ""
        if not plain:
            continue  # an arrow alone ("Acc ↑"): no column of its own
        m = _SLASH_UNIT_RE.match(plain)
        toks += [m.group("lab"), f"({m.group('u')})"] if m else [plain]
    return toks


# a row named by a layer of a network ("conv1", "fire2", "maxpool4", "fc7", "ip1", "dense_1", "Layer 3", "conv2d_1"): a
# per-layer table of an architecture, whose parameter cells are the layers' own, not a model's. A layer with its index,
# or one a network has once (fc, flatten, softmax, output); not a model's name that starts alike ("Inception-v3", "LSTM"
# or "Linear" as a baseline's row) nor a variant named by a method ("Conv ReLU5": fusion by convolution at a layer)
_LAYER_ROW_RE = re.compile(r"(?i)(?:(?:conv|convolution|fire|fc|ip|pool|max-?_?pool|avg-?_?pool|dense|layer|block|bn|batch-?_?norm|"
                           r"conv[123]d|maxpooling[123]d|averagepooling[123]d)[\s_-]?\d+[a-z]?(?:[\s_-]?\d+)?|"
                           r"fc|flatten|softmax|dropout|input|output)")
# a count written in full with thousands separators ("4,640", "1,248,424")
_GROUPED_COUNT_RE = re.compile(r"\d{1,3}(?:,\d{3})+")


def _row_cells(row: str) -> list[tuple[str, float, bool]]:
    """Numeric cells of a row, left to right: (text, value, scaled)."""
    toks = row.split()
    cells = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        nxt = toks[i + 1] if i + 1 < len(toks) else ""
        if re.fullmatch(r"[\d.,]+", tok) and re.fullmatch(r"[kKMBGT]", nxt):
            tok = tok + nxt  # "1,290 M"
            i += 1
        elif re.fullmatch(r"[\d.,]+", tok) and re.fullmatch(r"(?:[KMGT]i?B|bytes|ms|s|sec|h|fps|FPS|GPUs?|TPUs?|days?|hours?)", nxt):
            cells.append((f"{tok} {nxt}", math.nan, False))  # "1720 KB": a size in bytes or a time, not a count
            i += 2
            continue
        if tok in ("≈", "~", "<", ">", "≤", "≥") and re.match(r"\d", nxt):
            i += 1
            continue  # "≈ 168.9 x 10^3": the sign belongs to the next cell
        if re.fullmatch(r"[\d.]+", tok) and nxt in ("x", "×", "·") and i + 2 < len(toks) and re.fullmatch(r"10\^[-+]?\d+", toks[i + 2]):
            tok = f"{tok}x{toks[i + 2]}"
            i += 2
        elif re.fullmatch(r"[1-9](?:\.\d+)?", tok) and nxt in ("x", "×", "·") and i + 2 < len(toks) and \
                re.fullmatch(r"10[2-9]", toks[i + 2].rstrip(",")):
            tok = f"{tok}x10^{toks[i + 2].rstrip(',')[2:]}"  # "5 x 104": 5 x 10^4 whose superscript the raw text lost
            i += 2
        elif re.fullmatch(r"\d+", tok) and nxt in ("x", "×") and i + 2 < len(toks) and re.fullmatch(r"\d+,?", toks[i + 2]):
            cells.append((f"{tok}x{toks[i + 2].rstrip(',')}", math.nan, False))  # "3 x 512": a shape, one cell
            i += 3
            continue
        while re.fullmatch(r"\d{1,3}(?:,\d{3})*,", tok) and i + 1 < len(toks) and re.fullmatch(r"\d{3},?", toks[i + 1]):
            tok = tok + toks[i + 1]  # "1, 352, 969" (a thousands separator followed by a space)
            i += 1
        tok = tok.rstrip(",")
        cv = _cell_value(tok)
        if cv is not None:
            cells.append((tok, cv[0], cv[1]))
        else:
            cells.append((tok, math.nan, False))
        i += 1
    return cells


def _n_value_cells(text: str) -> int:
    """How many cells of a table row follow its name."""
    cells = _row_cells(text)
    first = next((k for k, c in enumerate(cells) if not math.isnan(c[1]) or _VALUE_LIKE_RE.fullmatch(c[0])), len(cells))
    return len(cells) - first


def _own_name_rx(names: list[str]) -> re.Pattern | None:
    """A row names one of the paper's own models when a word of it starts with the name ("DPN-92", "DPN92",
    "CondenseNetlight-94", a variant), not when the name is the inside of another word ("NAS" in "Mnasnet", "CAN" in
    "scan", "BERT" in "RoBERTa" or "ALBERT"); any case ("STRUCTBERT")."""
    names = [n for n in names if n.strip()]
    if not names:
        return None
    return re.compile("|".join(r"(?<![A-Za-z0-9])" + re.escape(n.strip()) for n in names), re.I)


# one setting of a hyper-parameter table that sets two or three side by side on a row ("Max length 50 #Epochs 3",
# "Batch size 512 Dropout 0.1"): a name of one to four words (no number in it), then one value
_SETTING_PAIR_RE = re.compile(r"(?:#\s*)?[A-Za-z][\w./'-]*(?:\s+(?:#\s*)?[A-Za-z(][\w./()'-]*){0,3}\s*:?\s+"
                              r"[~≈]?\d[\d,]*(?:\.\d+)?(?:[kKMBT]|e-?\d+)?(?=\s|$)")


# a configuration file's line with a comment after its value ("global_train_batch_size: 1024 # ~2M tokens"): the
# key and the value (group 1)
_CONFIG_COMMENT_RE = re.compile(r"^(?=[a-z][a-z0-9_]{2,40}:\s*\S+\s+#\s)(\S+\s*\S+)\s+#\s.*$")


def _setting_pairs(text: str) -> list[str]:
    """The settings of a row that is nothing but two or more (name, value) pairs, each as its own text; [] for any other
    row (a name and its columns' values, "Batch size 256 512 1024": one setting across models)."""
    pairs = [m.group(0) for m in _SETTING_PAIR_RE.finditer(text)]
    if len(pairs) < 2 or re.sub(r"\s+", "", "".join(pairs)) != re.sub(r"\s+", "", text):
        return []
    return pairs


def _setting_row(name: str, group: str | None) -> bool:
    """A table row whose name has no word at all (no letter in it nor in its group label): "0/1" (a sweep over two
    regularisation weights), "1e-3", "[12]" (a citation alone), "28-10": a setting of an experiment or another's
    row, not a model the paper names; its parameter count is one of a sweep's (params12, round 11)."""
    name = (name or "").strip()
    return bool(name) and not re.search(r"[A-Za-z]", name) and not re.search(r"[A-Za-z]", group or "")


# a table row that cites its source: "[12]", "et al", "(2019)"
_ROW_CITE_RE = re.compile(r"\[\s*\d+|\bet\s+al\b|\(\s*(?:19|20)\d\d\s*\)")


def _table_cands(units: list[Unit], madd_doc: bool, own_names: list[str],
                 own_names_by_field: dict | None = None) -> list[Cand]:
    """Candidates from table rows: columns named in the header, and rows named by their first cells."""
    out: list[Cand] = []
    col_cells: dict[tuple, list[bool]] = {}
    task_tables: set[int] = set()  # tables whose rows are named by a "Task" column (``_per_task_settings``)
    blocks: dict[int, list[Unit]] = {}
    own_rx = _own_name_rx(own_names)
    own_rxs = {f: _own_name_rx(n) for f, n in (own_names_by_field or {}).items()}  # a field's own list of names
    for u in units:
        if u.kind == "table" and u.block >= 0:
            blocks.setdefault(u.block, []).append(u)
    for rows in blocks.values():
        # the header: the last row above the first data row that names one of our columns
        header_i, header_labels = None, None
        params_only = False  # a header told by its column names' ordinals ("Conv. 1"): read for parameters only
        head_texts = [(-1, h) for h in rows[0].headers] + [(i, r.text) for i, r in enumerate(rows[:6])]
        joined = _wrapped_header(rows[0].headers)
        if joined:
            head_texts.insert(0, (-1, joined))  # (a header on one line, if any, is read after it and wins)
        for n_head, (i, text) in enumerate(head_texts):
            if not text or not _header_like(text):
                continue
            labels = _split_header(text)
            prev_i = head_texts[n_head - 1][0] if n_head > 0 and not (joined and n_head == 1) else None
            above = head_texts[n_head - 1][1] if prev_i is not None and (prev_i == i - 1 or prev_i == i == -1) else None
            labels = _grouped_labels(labels, above) or labels
            if len(labels) >= 2 and any(rx.match(lab) for lab in labels for _, rx in _COL_FIELDS) and \
                    _header_numbers(text) <= max(1, len(labels) // 3):
                header_i, header_labels = i, labels
                params_only = sum(1 for c in _row_cells(text) if not math.isnan(c[1])) > max(1, len(labels) // 3)
        caption = rows[0].caption
        aliases = _caption_aliases(caption)
        own_table = bool(re.search(r"(?i)\b(?:our|we)\b|\bconfigurations?\b|\bvariants\b|\bhyper-?parameters\b|"
                                   r"\bmodel\s+(?:sizes|details|architectures?)\b", caption))
        if header_labels is None and aliases:
            for i, text in head_texts:
                if text and _header_like(text):
                    labels = _split_header(text)
                    if len(labels) >= 3 and any(_alias_key(lab) in aliases for lab in labels):
                        header_i, header_labels = i, labels
        if any(re.match(r"(?i)^tasks?\b", t or "") for _, t in head_texts):
            task_tables.add(id(rows[0]))
        hp_table = bool(_HP_CAPTION_RE.search(caption)) and not _FT_CAPTION_RE.search(caption)
        named_big: set[int] = set()
        n_before = len(out)
        family = ""
        fit_rows: dict[tuple, bool] = {}
        for i, r in enumerate(rows):
            # transposed rows: "Total Params 2.97B 9.18B 27.0B 2.97B"
            pieces = _setting_pairs(r.text) or [_CONFIG_COMMENT_RE.sub(r"\1", r.text)]  # ("Max length 50 #Epochs 3": two
            # settings, read one by one; a configuration line's comment is no cell: "batch_size: 1024 # ~2M tokens")
            for piece, (fname, rx) in ((x, fr) for x in pieces for fr in _ROW_LABELS):
                m = rx.match(piece)
                if not m:
                    continue
                ulabel = m.groupdict().get("u") or m.groupdict().get("u2") or ""
                mult, unit = _header_mult(f"x ({ulabel})" if ulabel else piece[: m.end()], fname, caption)
                # a cell written with its unit ("Batch size 1M tokens 4M tokens"): the unit is no cell of its own
                cell_units = {x.group(2).lower() for x in _CELL_UNIT_RE.finditer(piece[m.end():])}
                cells = [c for c in _row_cells(_CELL_UNIT_RE.sub(r"\1", piece[m.end():]))]
                vals = [(k, c) for k, c in enumerate(cells) if not math.isnan(c[1])]
                if not vals or len(vals) < len(cells) * 0.6:
                    continue
                for k, (txt, v, scaled) in vals:
                    if fname == "parameters" and not scaled and re.fullmatch(r"0?\.\d{3,}", txt):
                        continue  # a metric, not a count
                    if fname == "parameters" and not scaled and mult is None and re.match(r"(?i)model\s+size", piece):
                        continue  # "Model size 350": megabytes as often as millions of parameters (as under a column)
                    vv = v if scaled or mult is None else v * mult
                    if fname == "parameters" and not scaled and mult is None and v < 1e4:
                        vv = v * 1e6  # "#params 2.2 4.3" without a unit: millions, as tables print them
                    if fname == "tokens_or_examples" and not scaled and mult is None and v < 1e4 and \
                            re.search(r"(?i)tokens", piece[:m.end()]):
                        vv = v * 1e9
                    if fname == "tokens_or_examples" and _BARE_TOKENS_LABEL_RE.match(piece) and \
                            ((not scaled and mult is None) or vv < MIN_BARE_TOKENS):
                        continue  # "#Tokens 196 256": patches or a sequence, unless written as a corpus ("1T", "300B")
                    if fname in ("flops_per_forward", "total_training_flop") and mult is not None and not scaled:
                        vv = v * mult
                    lo, hi = RANGE[fname]
                    if not lo <= vv <= hi:
                        continue
                    if fname == "parameters" and _layer_column([x.text for x in rows[:i][::-1]] + rows[0].headers[::-1],
                                                               k, len(cells)):
                        continue  # "Layer ID 0 1 2" / "#Params 1814528 1049600 ...": one layer's count, no model's
                    why = [f"table row {piece[: m.end()].strip()!r}, column {k + 1}"]
                    sc = 2.4 + (0.3 if r.source == "careful" else 0.0)
                    own_col = fname == "parameters" and _own_column([x.text for x in rows[:i][::-1]] + rows[0].headers[::-1],
                                                                    k, len(cells), own_rxs.get(fname, own_rx))
                    if own_col:
                        sc += 0.8
                        why.append("the paper's own model (its name heads the column)")
                    if r.section == "related":
                        sc -= 2.0
                    big = _largest_named_column([x.text for x in rows[:i][::-1]] + rows[0].headers[::-1], len(cells)) \
                        if len(vals) >= 2 else None
                    # (one value, or one column per model size: not one per task or dataset, "RACE SQuAD GLUE", whose
                    # table is a fine-tuning one whatever caption the raw text puts near it)
                    if fname == "batch_size" and re.search(r"(?i)time-?\s?steps|env(?:ironment)?\s+steps|frames", ulabel):
                        continue  # "Batch Size (timesteps) 250K": the environment steps an RL update collects, not examples
                    if fname == "batch_size" and _PER_DEVICE_ROW_RE.search(piece[: m.end()]):
                        sc -= 0.4  # (as a per-device batch in prose: the global one, when stated, is the run's)
                        why.append("per device")
                    if hp_table and fname in ("epochs", "steps", "batch_size", "tokens_or_examples") and \
                            (len(vals) == 1 or big is not None):
                        sc += HP_TABLE_BONUS
                        why.append("a table of the training's hyper-parameters")
                    if fname != "parameters" and big is not None and k == big:
                        named_big.add(len(out))  # (gains unless a Params row tells the largest model: ``_main_columns``)
                    in_tokens = fname in ("tokens_or_examples", "batch_size") and \
                        ("token" in piece[:m.end()].lower() or cell_units == {"tokens"}) or \
                        fname == "batch_size" and bool(_BATCH_IN_TOKENS_RE.search(caption))
                    c = Cand(fname, vv, "tokens" if in_tokens
                             else ("examples" if fname == "tokens_or_examples" else unit if fname.endswith("flop") or
                                   fname == "flops_per_forward" else None), r, f"{piece[: m.end()].strip()} ... {txt}", sc, why,
                             column=k, as_written=txt if "flop" in fname else None, own=own_col)
                    out.append(c)
            if header_labels is None or i <= header_i:
                continue
            # column tables: align the row's cells with the header labels, from the right, or (when the
            # row has more cells than the header has labels: a header of several lines) the numeric
            # cells from the left with the labels after the leading name columns
            cells = _row_cells(r.text)
            nums = [c for c in cells if not math.isnan(c[1])]
            if len(nums) < 1:
                continue
            first_num = next(k for k, c in enumerate(cells) if not math.isnan(c[1]) or _VALUE_LIKE_RE.fullmatch(c[0]))
            name = " ".join(c[0] for c in cells[:first_num])
            # rows of a group name their family once ("ALBERT base ... / large ... / xxlarge ...")
            if first_num >= 2 and re.fullmatch(r"[A-Z][\w.+-]{2,}", cells[0][0]) and not re.fullmatch(r"(?i)total|average|mean", cells[0][0]):
                family = cells[0][0]
            elif first_num == 1 and re.fullmatch(r"(?i)(?:tiny|small|base|medium|large|x+-?large|huge|giant|[a-z]?\d+[a-z]?)", cells[0][0]):
                name = f"{family} {name}".strip()
            if not name and not any(c[2] for c in cells) and (len(cells) < len(header_labels) or _axis_ticks([c[0] for c in cells])):
                continue  # "0 10 20" under a plot's axis label: not a model's row
            value_cells = cells[first_num:]
            n_name_labels = 0
            while n_name_labels < len(header_labels) and _NAME_LABEL_RE.match(header_labels[n_name_labels]):
                n_name_labels += 1
            value_labels = header_labels[n_name_labels:]
            left = n_name_labels > 0 and len(value_cells) > len(value_labels)
            if left:
                # most rows fit the header's value columns: the extra number of this row is part of its name
                # ("Mnasnet 0.5 18.5 86.2 1.68 0.29", a width multiplier), so its cells align from the right
                key = (id(rows[0]), len(value_labels))
                if key not in fit_rows:
                    nv = [_n_value_cells(x.text) for x in rows[header_i + 1:]]
                    fit_rows[key] = sum(n == len(value_labels) for n in nv) >= max(2, sum(n > len(value_labels) for n in nv))
                left = not fit_rows[key]
            for j, lab in enumerate(header_labels):
                fname = next((f for f, rx in _COL_FIELDS if rx.match(lab)), None)
                if params_only and fname != "parameters":
                    continue
                alias_unit = ""
                if fname is None and _alias_key(lab) in aliases:
                    fname, alias_unit = aliases[_alias_key(lab)]
                if fname is None:
                    continue
                if left:
                    if j < n_name_labels or j - n_name_labels >= len(value_cells):
                        continue
                    col = first_num + (j - n_name_labels)
                else:
                    from_right = len(header_labels) - j
                    if from_right > len(cells):
                        continue
                    col = len(cells) - from_right
                txt, v, scaled = cells[col]
                if fname == "parameters" and _PARAMS_PAIR_LABEL_RE.match(lab):
                    pair = _PAIR_CELL_RE.match(txt)
                    if not pair:
                        continue
                    txt = pair.group("a")
                    v, scaled = _cell_value(txt)
                if fname == "epochs" and re.search(r"\d\s*[KMGT]i?B\b|\d\s*(?:bytes|tokens)\b", r.text):
                    continue  # a data mixture's row ("WebCrawl 67.0% 1.10 3.3 TB"): epochs over one source, not the run's
                if fname == "parameters" and not scaled and re.fullmatch(r"0?\.\d{3,}", txt):
                    continue  # "0.4453" under #Params: a metric's column shifted into it, not a count
                if fname == "parameters" and not scaled:
                    # a row with one count written with its magnitude ("28-20 145.8M med. of 2") is read there; so is
                    # a row whose cell under the Params label is no count (a header of several lines: "#Model Params" /
                    # "(Reduction) Top 1 Error", the row "KFC-2 16.9M(3.6x) 43.01% 20.05%")
                    mags = [k for k, c in enumerate(cells[first_num:], first_num)
                            if c[2] and re.search(r"[KMB]$", re.sub(r"\([^)]*\)$", "", c[0]))]
                    # several cells with a magnitude ("1,290 M 5.98 M": MACs, then parameters) under as many labels
                    # that count in magnitudes (params, FLOPs, MACs, in a label or its unit): the same order
                    mag_labels = [x for x in header_labels if _MAGNITUDE_LABEL_RE.search(x)]
                    if len(mags) == 1:
                        col = mags[0]
                        txt, v, scaled = cells[col]
                    elif len(mags) > 1 and len(mags) == len(mag_labels) and lab in mag_labels:
                        col = mags[mag_labels.index(lab)]
                        txt, v, scaled = cells[col]
                if math.isnan(v) or col < first_num:
                    continue
                if fname == "parameters" and name and _LAYER_ROW_RE.fullmatch(name.split()[0]):
                    continue  # "conv2 16x16x32 4,640": one layer's parameters in a per-layer table (its "Total" row is read)
                if fname == "parameters" and not scaled and _MODEL_SIZE_LABEL_RE.match(lab):
                    continue  # "Model Size" over "97.8": megabytes as often as millions of parameters
                mult, unit = _header_mult(f"{lab} ({alias_unit})" if alias_unit else lab, fname, caption)
                vv = v if scaled else v * (mult or 1.0)
                if fname == "parameters" and not scaled and mult is None and v < 1e4 and not _GROUPED_COUNT_RE.fullmatch(txt):
                    vv = v * 1e6  # ("8,298": a count written out in full with its thousands separator, as it is)
                if fname == "tokens_or_examples" and re.match(r"(?i)tokens", lab) and vv < 1e8:
                    continue  # a "Tokens" column of a vision table counts patches, not training data
                if fname == "flops_per_forward" and not scaled and mult is None and v < 1e4:
                    vv = v * (1e9 if v < 100 else 1e6)
                if fname in ("flops_per_forward",) and madd_doc:
                    unit = "multiply-add"
                lo, hi = RANGE[fname]
                if not lo <= vv <= hi:
                    continue
                name_rx = own_rxs.get(fname, own_rx)
                own = bool(_OURS_RE.search(r.text)) or bool(name_rx and name_rx.search(f"{r.group} {name} {r.text}"))
                # (a table of the paper's own configurations cites where an architecture comes from)
                cited = bool(_ROW_CITE_RE.search(r.text)) and not own_table
                ablation_row = bool(re.match(r"^\W*(?:w/o?\b|without\b|with\b|\+|-\s|no\s|only\b)", name) or
                                    re.search(r"(?i)\bablat", caption))
                setting_row = fname == "parameters" and not own and _setting_row(name, r.group)
                sc = 2.5 + (0.3 if r.source == "careful" else 0.0) + (0.8 if own else 0.0) - (1.0 if cited else 0.0) \
                    - (0.8 if ablation_row else 0.0) - (1.0 if setting_row else 0.0)
                why = [f"table column {lab!r}, row {name or r.text[:30]!r}"]
                if ablation_row:
                    why.append("an ablation row")
                if setting_row:
                    why.append("a row named by no word (a setting of a sweep), not a model")
                if own:
                    why.append("the paper's own model")
                if cited:
                    why.append("a cited model's row")
                if r.section == "related":
                    sc -= 2.0
                col_cells.setdefault((id(rows[0]), lab), []).append(scaled)
                toks = [x for x in name.split() if len(x) >= 3 and re.search(r"[\d/-]", x) and not x.startswith(("[", "("))]
                out.append(Cand(fname, vv, unit if fname in ("flops_per_forward", "total_training_flop") else
                                (("tokens" if re.search(r"(?i)token", lab) else "examples") if fname == "tokens_or_examples"
                                 else "tokens" if fname == "batch_size" and (re.search(r"(?i)token", lab) or
                                                                            _BATCH_IN_TOKENS_RE.search(caption))
                                 else None), r, f"{lab} ... {name} ... {txt}",
                                sc, why, own=own, flagged=cited or setting_row, as_written=txt if "flop" in fname else None,
                                column=col, extra_key=(id(rows[0]), lab, scaled), model=toks[0] if toks else None,
                                row_label=name or None))
        # the column named by the largest size ("Base Large Huge", "125M 1.3B 6.7B") is the main run's, when no row
        # of parameter counts or data amounts across the columns says which is the largest (``choice._main_columns``)
        block_c = out[n_before:]
        if not any(c.extra_key is None and c.field in ("parameters", "tokens_or_examples") and
                   sum(1 for d in block_c if d.field == c.field and d.u is c.u) >= 2 for c in block_c):
            for j in named_big:
                out[j].score += 0.3
                out[j].why.append("the column of the table's largest model (by its name)")
        sized = _sized_config_rows(rows, head_texts, own_table, own_rxs.get("parameters", own_rx))
        out.extend(sized or _own_sized_rows(rows, header_i, header_labels, own_rxs.get("parameters", own_rx)))
    # a column whose cells mostly carry their magnitude ("141.7M"): a bare number there is another column's
    keep = []
    for c in out:
        if c.extra_key is not None:
            key, lab, scaled = c.extra_key
            flags = col_cells.get((key, lab), [])
            if not scaled and sum(flags) > len(flags) / 2:
                continue
        keep.append(c)
    _continue_own_rows(keep)
    _per_task_settings(keep, task_tables)
    for c in keep:
        if c.field == "parameters" and _BUDGET_CAPTION_RE.search(c.u.caption or ""):
            c.score -= 1.0
            c.flagged = True
            c.why.append("a table of budgets (a size set for a sweep), not a model")
    return keep


def _per_task_settings(cands: list[Cand], task_tables: set[int]) -> None:
    """A table of settings per task ("Task" heads its rows: "CoLA 3 3e-5 64" / "SST-2 4 2e-5 256" / "RTE 4 2e-5 4"): an
    Epoch, Steps or Batch column that differs between its rows (three or more) gives each task's own run (fine-tuning on
    each in turn), none of them the main run's; the cells are flagged. One value for every task is the setting of all.
    So is a Params column ("Copy ... 17,162" / "Recall ... 146,845" / "Sort ... 508,305"): a network per task (or a
    task's adapter), none of them the paper's model."""
    cols: dict[tuple, list[Cand]] = {}
    for c in cands:
        if c.field in ("epochs", "steps", "batch_size", "parameters") and c.extra_key is not None and \
                c.extra_key[0] in task_tables:
            cols.setdefault((c.field, c.extra_key[0], c.extra_key[1]), []).append(c)  # (a label twice: "Base" / "Large")
    for (f, _, _), cs in cols.items():
        # (a network per task: two rows read of a table headed "Task" tell it; a setting needs three, as a task's
        # schedule differs from the others' more rarely)
        if len({c.u.index for c in cs}) < (2 if f == "parameters" else 3) or len({c.value for c in cs}) < 2:
            continue
        for c in cs:
            if not c.flagged:
                c.flagged = True
                c.score -= 1.0
                c.why.append("one of several tasks' settings in a table of tasks" if c.field != "parameters" else
                             "one of several tasks' networks in a table of tasks")


# a table over parameter or memory budgets: its counts are the sweep's settings, no model's ("Table 3: Best loss
# achieved with various memory budgets", "Accuracy at parameter budgets of 1M-10M"); not a compute or epoch budget
_BUDGET_CAPTION_RE = re.compile(r"(?i)\b(?:memory|parameters?|params?\.?|model[- ]size)\s+budgets?\b|"
                                r"\bbudgets?\s+(?:of|on)\s+(?:the\s+)?(?:number\s+of\s+)?(?:parameters|params)\b")


# the columns of a model's architecture ("Layers", "d_model", "n_heads", "Hidden size", "FFN dim", "Width")
_ARCH_LABEL_RE = re.compile(r"(?i)^(?:#\s*|n_?|num_?|number\s+of\s+)?(?:layers?|blocks?|depth|heads?|d_?model|d_?ff|"
                            r"d_?(?:hidden|head|emb\w*)|hidden(?:\s+(?:size|dim\.?))?|width|dim\.?|(?:embed\w*|model|ffn)\s+dim\.?|"
                            r"ffn|experts?|channels)$")
# a row named by its size: "1.3B 24 2048", "Foo 1.3B 24 2048", "Ours-1.3B 24 2048" (a magnitude M or B, not K/G/T)
_SIZE_NAME_RE = re.compile(r"(?:^|[-_ ])(?P<n>\d+(?:\.\d+)?)\s?(?P<suf>[MB])$")


def _sized_config_rows(rows: list[Unit], head_texts: list[tuple[int, str]], own_table: bool,
                       name_rx: re.Pattern | None) -> list[Cand]:
    """A table of model configurations with no parameters column, whose rows are named by their size: a header of
    architecture columns ("Model Layers d_model Heads", two or more of them) over rows "125M 12 768 12" /
    "Ours-1.3B 24 2048 32": the size in the row's name is the variant's parameter count. Not a row whose size is one
    of its value columns (a header that names a parameters column is read as a column table), nor a row with fewer
    than two numbers after the size (no architecture), nor K/G/T sizes (a vocabulary, FLOPs, tokens)."""
    header_i = None
    for i, text in head_texts:
        if not text or not _header_like(text):
            continue
        labels = _split_header(text)
        if any(rx.match(lab) for lab in labels for f, rx in _COL_FIELDS if f == "parameters"):
            return []
        if sum(1 for lab in labels if _ARCH_LABEL_RE.match(lab)) >= 2 and _header_numbers(text) == 0:
            header_i = i
    if header_i is None:
        return []
    out = []
    for i, r in enumerate(rows):
        if i <= header_i:
            continue
        cells = _row_cells(r.text)
        first_num = next((k for k, c in enumerate(cells) if not math.isnan(c[1])), None)
        if first_num is None:
            continue
        name = " ".join(c[0] for c in cells[:first_num])
        m = _SIZE_NAME_RE.search(name)
        after = cells[first_num:]
        if m is None:
            if first_num > 2 or not re.fullmatch(r"\d+(?:\.\d+)?[MB]", after[0][0]):
                continue
            m = _SIZE_NAME_RE.search(after[0][0])
            after = after[1:]
        if sum(1 for c in after if not math.isnan(c[1]) and not c[2]) < 2 or _ROW_CITE_RE.search(r.text):
            continue
        v = float(m.group("n")) * (1e6 if m.group("suf") == "M" else 1e9)
        lo, hi = RANGE["parameters"]
        if not lo <= v <= hi:
            continue
        own = bool(_OURS_RE.search(r.text)) or bool(name_rx and name_rx.search(f"{r.group} {r.text}"))
        sc = 2.3 + (0.3 if r.source == "careful" else 0.0) + (0.8 if own or own_table else 0.0)
        why = [f"a configuration table's row named by its size ({m.group(0).strip(' -_')!r})"]
        if own or own_table:
            why.append("the paper's own model")
        if r.section == "related":
            sc -= 2.0
        out.append(Cand("parameters", v, None, r, f"{name} ... {m.group(0).strip(' -_')}", sc, why, own=own,
                        row_label=name or m.group(0).strip(" -_")))
    return out


# what a column head carries after its model's name, no column of its own: "FooNet (ours)", "ResNet-50 [12]",
# "DeiT (2021)", "Ours†"
_HEAD_MARK_RE = re.compile(r"^(?:\(\s*ours\s*\)|\(\s*(?:19|20)\d\d[a-z]?\s*\)|\[\s*\d+(?:\s*[,–-]\s*\d+)*\s*\]|[†‡*∗§]+)$", re.I)


def _column_heads(text: str) -> list[str]:
    """The words of a line above a transposed table's rows, one per column: a mark after a name ("(ours)", a citation,
    "†") stays with the name."""
    out: list[str] = []
    for tok in (text or "").split():
        if out and _HEAD_MARK_RE.match(tok):
            out[-1] += " " + tok
        else:
            out.append(tok)
    return out


# a size glued to the own model's name in a row's name: "FooLM-7B", "Ours-1.3B", "FooLM-7B-Chat" (the name, then the size)
_NAME_GLUED_SIZE_RE = re.compile(r"(?P<name>[A-Za-z][\w.]*?)[-_](?P<n>\d+(?:\.\d+)?)(?P<suf>[MB])(?:[-_][A-Za-z][\w.]*)?")


def _own_sized_rows(rows: list[Unit], header_i: int | None, header_labels: list[str] | None,
                    name_rx: re.Pattern | None) -> list[Cand]:
    """A results table with no parameters column whose rows of the paper's own model name its size ("Model MMLU GSM8K" /
    "Llama-2-7B 45.3 14.6" / "FooLM-7B 52.1 30.2", "Ours-1.3B ...", "FooLM-7B (ours) ..."): the size glued to the own
    model's name (or to "Ours", or the row marked ours) is its parameter count. Not a size after another word of the row ("MoCo IG-1B": the data it was pre-trained
    on), nor in parentheses ("ALBERT (1M)": steps), nor a compared model's sized name."""
    if header_labels is not None and any(rx.match(lab) for lab in header_labels for f, rx in _COL_FIELDS if f == "parameters"):
        return []  # (a parameters column is read as a column)
    out = []
    for i, r in enumerate(rows):
        if header_labels is not None and header_i is not None and i <= header_i:
            continue
        cells = _row_cells(r.text)
        first_num = next((k for k, c in enumerate(cells) if not math.isnan(c[1])), None)
        if not first_num or _ROW_CITE_RE.search(r.text):
            continue
        m = _NAME_GLUED_SIZE_RE.fullmatch(cells[0][0])
        if not m or not (re.fullmatch(r"(?i)ours", m.group("name")) or name_rx and name_rx.fullmatch(m.group("name")) or
                         _OURS_RE.search(" ".join(c[0] for c in cells[1:first_num]))):  # ("FooLM-7B (ours)")
            continue
        v = float(m.group("n")) * (1e6 if m.group("suf") == "M" else 1e9)
        lo, hi = RANGE["parameters"]
        if not lo <= v <= hi:
            continue
        name = " ".join(c[0] for c in cells[:first_num])
        sc = 2.3 + (0.3 if r.source == "careful" else 0.0) + 0.8 - (2.0 if r.section == "related" else 0.0)
        out.append(Cand("parameters", v, None, r, f"{name} ... {m.group('n')}{m.group('suf')}", sc,
                        [f"the own model's row named by its size ({cells[0][0]!r})", "the paper's own model"], own=True,
                        row_label=name))
    return out


def _own_column(heads: list[str], k: int, n: int, name_rx: re.Pattern | None) -> bool:
    """A transposed table's column k (of n value columns) is the paper's own model's when the nearest line above whose
    words line up with the columns ("Koala-S Koala-B Koala-L", "Model Koala-S Koala-B Koala-L") names it there, or marks
    it as ours ("ResNet-50 [12] DeiT-S [40] FooNet (ours)", "... Ours"): a configuration table of the own model's sizes
    ("Params 22M 86M 304M" under the size names), a comparison with models as columns. Lines of numbers ("Layers 12 12
    24") are passed over; a name of several words per column does not line up and says nothing."""
    for text in heads:
        toks = _column_heads(text)
        if len(toks) == n:
            tok = toks[k]
        elif len(toks) == n + 1:
            tok = toks[k + 1]
        else:
            continue
        if not re.search(r"[A-Za-z]", tok):
            continue
        if _OURS_RE.search(tok):
            return True
        return bool(name_rx and name_rx.search(tok)) and not _ROW_CITE_RE.search(tok)
    return False


# the label of a line that names a transposed table's columns by the network's layers ("Layer ID 0 1 2 3", "Layer conv1
# conv2 fc1", "Layer name ..."; not "Layers 12 24 36", the depth of each model)
_LAYER_HEAD_RE = re.compile(r"(?i)^layer(?:\s+(?:ID|index|name|no\.?|#))?$")


def _layer_column(heads: list[str], k: int, n: int) -> bool:
    """A transposed table's column k (of n value columns) is one layer of a network: the nearest line above whose words
    line up with the columns after a "Layer" label ("Layer ID 0 1 2 3 4", "Layer conv1 conv2 fc1") or whose words are
    all layers by their index ("conv1 conv2 pool2 fc6"), and the column is not the whole network's ("Total", "All"):
    a per-layer table's "#Params" row counts each layer, no model."""
    for text in heads[:4]:
        toks = (text or "").split()
        for lab_len in (2, 1, 0):
            if len(toks) != n + lab_len:
                continue
            label, cols = " ".join(toks[:lab_len]), toks[lab_len:]
            if lab_len and _LAYER_HEAD_RE.match(label) or \
                    not lab_len and all(_LAYER_ROW_RE.fullmatch(x) for x in cols) and len(cols) >= 2:
                return not re.fullmatch(r"(?i)total|all|overall|sum|model|network", cols[k])
    return False


# model sizes named by a word, smallest first ("ViT-B", "Kite-L", "XXL")
_SIZE_WORDS = ["tiny", "mini", "small", "base", "medium", "large", "xl", "xxl", "huge", "giant"]
_SIZE_LETTER = {"t": "tiny", "s": "small", "b": "base", "m": "medium", "l": "large", "h": "huge", "g": "giant"}


def _size_rank(tok: str) -> float | None:
    """How large a column's model is by its name: a size word ("Large", "x-large", "XXL"), a size letter after a name
    ("Kite-L", "ViT-B"), or a parameter count ("1.3B", "125M"); None for any other name."""
    t = tok.lower().strip("()*,")
    m = re.fullmatch(r"(?:[a-z][\w.]*[-_/])?(\d+(?:\.\d+)?)([mb])", t)
    if m:
        return 100.0 + math.log10(float(m.group(1)) * (1e6 if m.group(2) == "m" else 1e9))
    m = re.fullmatch(r"(?:[a-z][\w.]*[-_/])?(x*-?(?:large|l)|tiny|mini|small|base|medium|large|huge|giant|[tsbmlhg])", t)
    if not m:
        return None
    w = m.group(1).replace("-", "")
    if re.fullmatch(r"x+(?:large|l)", w):
        return len(_SIZE_WORDS) + w.count("x")  # "XL", "XXL", "x-large"
    w = _SIZE_LETTER.get(w, w)
    return float(_SIZE_WORDS.index(w)) if w in _SIZE_WORDS else None


def _largest_named_column(heads: list[str], n: int) -> int | None:
    """The column (of n value columns) whose name above says it is the largest model ("Hyperparameter Base Large Huge"):
    the nearest line above whose words line up with the columns, every one a size (``_size_rank``), at least two sizes."""
    for text in heads:
        toks = (text or "").split()
        if len(toks) == n + 1:
            toks = toks[1:]
        elif len(toks) != n:
            continue
        if not any(re.search(r"[A-Za-z]", x) for x in toks):
            continue  # a row of numbers ("Layers 12 24"): passed over
        ranks = [_size_rank(x) for x in toks]
        if any(r is None for r in ranks) or len(set(ranks)) < 2:
            return None
        return max(range(n), key=lambda k: (ranks[k], k))
    return None


def _continue_own_rows(cands: list[Cand]) -> None:
    """A comparison table that writes a method's name once, on the first of its rows, and only the variant on the
    rows below ("Zeta R18 11 61.0" / "R34 21 64.2" / "R18w2x 44 66.9"): the rows right after a row of the paper's own
    model whose label is the variant alone (one token with a digit, no citation, no name of its own) are its own
    model's rows too, not the baselines' (parameters only)."""
    rows: dict[tuple, list[Cand]] = {}
    for c in cands:
        if c.field == "parameters" and c.u.kind == "table" and c.u.block >= 0:
            rows.setdefault((c.u.block, c.u.row), []).append(c)
    for (block, row), cs in sorted(rows.items()):
        toks = (cs[0].row_label or "").split()
        if not any(c.own for c in cs) or len(toks) < 2 or not re.search(r"\d", toks[-1]):
            continue
        k = row + 1
        while (block, k) in rows:
            nxt = rows[(block, k)]
            lab = (nxt[0].row_label or "").split()
            if len(lab) != 1 or not re.search(r"\d", lab[0]) or _ROW_CITE_RE.search(nxt[0].u.text) or any(c.own for c in nxt):
                break
            for c in nxt:
                c.own = True
                c.score += 0.8
                c.why.append("the paper's own model (a variant row under its named row)")
            k += 1


def _header_numbers(text: str) -> int:
    """How many numbers a would-be header row holds, not counting a column name's ordinal: the "1" of
    "Conv. 1 Conv. 2 F.C. 1 Output Parameters" (a single digit right after a word) names a column."""
    toks = text.split()
    n = 0
    for k, (txt, v, _scaled) in enumerate(_row_cells(text)):
        if math.isnan(v):
            continue
        prev = toks[k - 1] if 0 < k <= len(toks) and len(toks) == len(_row_cells(text)) else ""
        if re.fullmatch(r"[1-9]", txt) and re.fullmatch(r"[A-Za-z][A-Za-z.]*", prev):
            continue
        n += 1
    return n


def _axis_ticks(toks: list[str]) -> bool:
    """'0 500 1000 1500 2000': a figure's axis, not a table row."""
    vals = [_cell_value(t) for t in toks]
    if len(toks) < 3 or any(v is None for v in vals):
        return False
    xs = [v[0] for v in vals]
    d = xs[1] - xs[0]
    return d != 0 and all(abs((b - a) - d) <= 1e-9 * max(1.0, abs(d)) for a, b in zip(xs, xs[1:]))


_CAPTION_START_RE = re.compile(r"^\s*(?:Table|Tab\.|Figure|Fig\.)\s*[A-Z]?\d+\s*[.:|]?")
