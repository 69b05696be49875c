"""Epochs, steps and batch sizes in prose."""

from __future__ import annotations

import re

from .. import quantities as q

from .core import (
    Cand, RANGE, Unit, _MULT, _NUM, _SUF, _at_numbers, _base_score, _local_others, _value,
    another_works_run, cited_models_own_run, named_clause_without_we, others_or_smaller, reported_others_setup,
    we_in_another_clause,
)
from .flops import _PERF_RE


# ------------------------------------------------------------------ epochs, steps, batch size

_EPOCH_RE = re.compile(
    rf"(?P<n>{_NUM})(?:\s*(?:-|to|–|or)\s*(?P<n2>{_NUM}))?\s*(?:training\s+|total\s+|pre-?training\s+|full\s+|more\s+|"
    r"additional\s+|fine-?tuning\s+)?(?:epochs?|epoches|passes\s+(?:over|through)\s+the\s+(?:\w+\s+)?(?:data|dataset|corpus|"
    r"training\s+(?:set|data)))\b", re.I)
_STEP_RE = re.compile(
    # ("a 100k-step training schedule": the count as an adjective, hyphenated)
    rf"(?P<n>{_NUM}){_SUF}(?:\s*-\s*|\s*)(?:training\s+|gradient\s+|optimi[sz](?:ation|er)\s+|update\s+|SGD\s+|pre-?training\s+|total\s+|"
    r"parameter\s+|fine-?tuning\s+|more\s+|additional\s+|weight\s+|generator\s+)?(?P<w>steps|iterations|iters|updates|mini-?batches|"
    r"batches|step|iteration)\b(?!\s*(?:/|per)\s*(?:s|sec|second)\b)", re.I)
_BATCH_RE = re.compile(
    rf"(?P<pre>(?:global\s+|total\s+|effective\s+|overall\s+|training\s+|per-?(?:GPU|device|core|worker|replica)\s+|local\s+)?"
    # ("batch_size=32" as code writes it, "bs = 64", "batch size B = 256": a symbol named before its value)
    rf"(?:mini-?\s*)?batche?(?:\s+|-)?sizes?|\b(?:[a-z]+_)*(?:micro)?batch_size\b|\b(?-i:bs|BS)\b)\s*(?:\((?:B|N|bs)\)|(?-i:B|N|M)(?=\s*=))?\s*"
    # ("the mini-batch size is fixed to be 256", "the batch size is limited to 24 by the GPU memory")
    rf"(?:(?:of|is|was|were|=|:|to|be|set|fixed|equal|as|at|limited|reduced|increased|chosen|"
    rf"(?:aggregated\s+)?over\s+\w+\s+(?:GPUs|devices|TPUs|cores))\s*){{0,4}}"
    rf"(?:about|around|approximately|~|≈|roughly)?\s*(?P<n>{_NUM}){_SUF}\s*(?P<what>[\w-]+)?"
    # ("a batch of 256 images", "each mini-batch contains 128 triplets", "the batch consists of 1024 samples")
    rf"|(?P<pre2>(?:mini-?)?batch(?:es)?)\s+(?:of|consists?\s+of|contains|comprises|includes|holds)\s+(?:size\s+)?"
    rf"(?:\w\s*=\s*)?(?:about|around|approximately|~)?\s*(?P<n2>{_NUM})(?P<suf2>\s*[kKM]\b)?(?![\d.,]*\s*%)\s*(?P<what2>[\w-]+)?"
    rf"|(?P<n3>{_NUM})(?P<suf3>\s*[kKM]\b)?\s*(?:(?P<what3>(?:tokens|sequences|examples|samples|images|sentences|clips|"
    r"utterances|episodes|pairs))\s*(?:per|in\s+(?:a|each)|/)\s*(?:mini-?)?batch\b|(?:-\s*)?(?:mini-?)?batch(?:\s+|-)size\b"
    # ("dropout 0.1 64 batch size 256" in a key-value list: the number after the key is the batch)
    r"(?!\s*[:=]?\s*\d))",
    re.I)
_PER_DEVICE_RE = re.compile(r"^\s*(?:\w+\s+){0,2}?(?:per|on\s+each|for\s+each|/|each)\s*(?:GPU|TPU|device|core|chip|worker|replica|"
                            r"node|machine|accelerator)s?\b", re.I)
_SCHEDULE_BEFORE_RE = re.compile(
    r"(?:\bat|\bafter|\bevery|\beach|\bper|\bfirst|\blast|\bwarm-?\s*up\s*(?:of|for|phase\s+of)?|\bwarm-?ups?|"
    r"\bbefore|\bwithin|\bby|\bfrom|\bstarting|\bstart|\bsince|\bbegin\w*|\buntil|\bfor\s+the\s+(?:first|last)|"
    r"\binterval\s+of|\bevaluat\w+\s+(?:\w+\s+)?(?:every|each|after)|\bsaved?\s+(?:\w+\s+)?every)\s*$", re.I)
_SCHEDULE_CTX_RE = re.compile(r"\b(?:learning\s+rate|lr|decay\w*|drop\w*|divid\w*|reduc\w*|anneal\w*|multipl\w*|halv\w*|"
                              r"warm-?\s*up|schedule|checkpoint\w*|snapshot\w*|evaluat\w*|increas\w+|decreas\w+)\b", re.I)
_FOR_BEFORE_RE = re.compile(r"(?:\bfor|\bover|\btotal\s+of|\bin\s+total|\bduring|\bbudget\s+of|\bbetween|"
                            r"\b(?:took|takes|lasts|lasted)(?:\s+(?:about|around|approximately|roughly|only|just|nearly))?|"
                            r"\b(?:a\s+)?max(?:imum)?\s+of|\bup\s+to|"
                            r"\brequired|\brequires|\bneeded|\buse[sd]?|\busing|\bfor\s+a\s+total\s+of|\bfor\s+(?:about|"
                            r"around|approximately|roughly|up\s+to|another|additional)|\bwith|\brun|\bran|\bin)\s*$", re.I)
# the same for updates only ("we perform 100k SGD iterations", "loss curves during the 400k training steps"; epochs are
# performed by inner loops, "we performed 4 epochs of PPO", and averaged "over the 5 epochs")
_STEPS_FOR_BEFORE_RE = re.compile(r"(?:\bperform(?:s|ed)?|\b(?:during|throughout|over)\s+the)\s*$", re.I)
# the count after its noun: "the number of training epochs is set to 200", "the max iterations is 90k", "the maximum
# training iteration is set as 70k", "Epochs: 30; Batch size: 64" (a settings list in prose). Only the run's nouns with
# the run's modifiers (a "warm-up steps is 4000", "diffusion steps = 1000", "steps per epoch is 500" never match: the
# modifier must be a training word and the linking word must follow the noun), a bare noun only at a clause's start.
_NOUN_FIRST_RE = re.compile(
    r"(?P<lead>(?:\bthe\s+)?(?:\b(?:max(?:imum|imal)?|total|overall)\s+)?(?:\bnumber\s+of\s+|#\s*)?)"
    r"(?P<mod>(?:training|pre-?training|fine-?tuning|optimi[sz]ation|gradient|SGD)\s+)?"
    r"(?<![A-Za-z_-])(?P<w>epochs?|iterations?|iters|steps|updates)(?:\s+(?P<num>number|count))?\s*(?:\(\s*[A-Za-z]\s*\)\s*)?"
    r"(?P<conn>(?:is|are|was|were)\s+(?:(?:set|fixed|chosen|limited)\s+)?(?:to\s+|as\s+|at\s+)?|"
    r"(?:set|fixed)\s+(?:to|as|at)\s+|[=:]\s*)"
    rf"(?:about|around|approximately|roughly|~|≈)?\s*(?P<n>{_NUM}){_SUF}"
    r"(?![\d%]|[.,]\d|\s*(?:%|times\b|x\b|×|/\s*\d|per\b|of\s+the\b|(?:frames|images|samples|examples|tokens|sequences|"
    r"episodes|steps|iterations|updates|minutes|hours|seconds|days|ms|s)\b))", re.I)
# the run's end as a point: "training is halted at iteration 120k", "early stopping at training step 50,000", "training
# ends at epoch 300" (not "the learning rate drops at epoch 30": a stop, end or halt word before the point)
_STOP_AT_RE = re.compile(
    r"\b(?:stop(?:s|ped|ping)?|terminat\w+|end(?:s|ed)?|halt(?:s|ed)?|finish(?:es|ed)?)\s+(?:\w+\s+){0,2}?at\s+(?:the\s+)?"
    r"(?:training\s+)?(?P<w>step|iteration|epoch)\s+"
    rf"(?P<n>{_NUM}){_SUF}(?![\d%]|[.,]\d)", re.I)
# settings named in a list and their values in another, "respectively": "the learning rate, batch size and number of epochs
# are set to 0.001, 64 and 100, respectively"; a name is read only when it is the whole item (not "warm-up steps", not
# "the batch sizes for pre-training and fine-tuning", whose items are stages, not settings)
_LINK_VERB_RE = re.compile(r"\s+(?:are|were|is|was)\s+(?:(?:set|fixed|chosen|configured)\s+)?(?:(?:to|as|at)\s+)?(?:be\s+)?", re.I)
_LIST_SPLIT_RE = re.compile(r"\s*,\s+(?:and\s+)?|,?\s+and\s+", re.I)  # (not the comma of "10,000")
_RESPECTIVE_NAMES = {
    "batch_size": re.compile(r"(?i)(?:^|\b(?:the|our|a)\s+)(?:(?:global|total|effective|training)\s+)?(?:mini-?\s*)?batch[\s-]?size$"),
    "epochs": re.compile(r"(?i)(?:^|\b(?:the|our|a)\s+)(?:(?:max(?:imum)?|total)\s+)?(?:number\s+of\s+)?(?:training\s+)?"
                         r"epochs?(?:\s+number)?$"),
    "steps": re.compile(r"(?i)(?:^|\b(?:the|our|a)\s+)(?:(?:max(?:imum)?|total)\s+)?(?:number\s+of\s+)?(?:training\s+)?"
                        r"(?:iterations?|steps)(?:\s+number)?$"),
}


def _already_read(out: list, fname: str, v: float, u) -> bool:
    """The same count of the same sentence is a candidate already (read by an earlier form)."""
    return any(c.field == fname and c.value == v and c.u is u for c in out)


def _respective_settings(t: str):
    """(field, value, start, end) of the run's settings stated as "A, B and C are x, y and z, respectively"."""
    for r in re.finditer(r"(?i),?\s*respectively\b", t):
        head = t[max(0, r.start() - 250): r.start()]
        head = re.split(r"[;:]|\.\s+(?=[A-Z])", head)[-1]
        links = list(_LINK_VERB_RE.finditer(head))
        if not links:
            continue
        lk = links[-1]
        names = [x.strip() for x in _LIST_SPLIT_RE.split(head[: lk.start()].strip()) if x.strip()]
        vals_text = head[lk.end():]
        vals = [x for x in _LIST_SPLIT_RE.split(vals_text.strip().rstrip(",")) if x.strip()]
        if len(names) < 2 or len(names) != len(vals):
            continue
        base = r.start() - len(head) + lk.end()  # (head ends where "respectively" starts)
        for name, val in zip(names, vals):
            for fname, rx in _RESPECTIVE_NAMES.items():
                if not rx.search(name):
                    continue
                m = re.fullmatch(rf"\s*(?:about\s+|around\s+|~)?(?P<n>{_NUM}){_SUF}\s*", val)
                if m is None:
                    continue
                v = _value(m)
                pos = vals_text.find(val)
                if v is not None and pos >= 0:
                    yield fname, v, base + pos, base + pos + len(val)


# a batch for real-time use or an energy measurement: "batch size = 1 targeting real-time processing", "when batch size
# = 1, the pruned layer consumes 3x less energy" (a deployment's, not the training's; not an energy-based model)
_DEPLOY_RE = re.compile(r"(?i)\breal[-\s]?time\b|\benergy\b(?!-based|\s+(?:based|functions?|models?|landscapes?|scores?|terms?))")
# a training statement: "we train with a batch size of 32", "models are trained for 90 epochs using ..."
_TRAIN_STATEMENT_RE = re.compile(r"(?i)\b(?:we|models?|networks?)\s+(?:are\s+|were\s+|is\s+|was\s+)?(?:pre-?)?train(?:ed)?\s+"
                                 r"(?:\w+\s+){0,3}?(?:with|using|for|on)\b")
# the environment steps an RL update collects ("a batch of 2048 timesteps", "Batch size (timesteps) 250K")
_ENV_STEPS = r"(?:time-?\s?steps|env(?:ironment)?\s+steps)\b"
# the other keys of a list of training settings ("Optimizer: Adam; Steps: 100k; Batch size: 64")
_SETTING_KEYS = r"optimi[sz]er|learning\s+rate|lr|batch\s*size|weight\s+decay|momentum"
_SETTINGS_RE = re.compile(rf"(?i)\b(?:{_SETTING_KEYS})\s*[:=]")

# the run's other settings named in a list with a step count (two of them make it a list of the run's settings)
_SETTING_WORD_RE = re.compile(rf"(?i)\b(?:{_SETTING_KEYS}|batch|Adam\w*|SGD|dropout)\b")

# a sentence about sampling, attacks, inner loops or an agent's environment: its "number of steps" is not training's
_NOT_TRAINING_STEPS_RE = re.compile(r"(?i)\b(?:diffusion|denois\w*|sampl(?:ing|er)|inference|unroll\w*|PGD|attacks?|MCMC|"
                                    r"inner|adaptation\s+steps|rollouts?|environments?|episodes?|timesteps|frames?)\b")


def _count_cands(u: Unit) -> list[Cand]:
    t = u.text
    out: list[Cand] = []
    base_why: list[str] = []
    base, flagged = _base_score(u, base_why)
    sched = bool(_SCHEDULE_CTX_RE.search(t))

    def ctx_score(start: int, end: int, w: list[str]) -> tuple[float, bool]:
        # "at 60, 120 and 160 epochs": the words before the list
        before = re.sub(r"(?:\d[\d.,]*\s*[kKM]?\s*(?:,|and|or|&)\s*)+$", "", t[max(0, start - 60): start])
        after = t[end: end + 30]
        sc = base
        fl = flagged
        if re.search(r"(?i)\b(?:stop\w*\s+(?:improving|decreasing|increasing|changing)|no\s+improvement|not\s+improv\w+|"
                     r"plateau\w*|patience)\s+(?:\w+\s+){0,2}?(?:for|of|in|after|over)?\s*$", before):
            sc -= 1.5  # "no improvement for 2 epochs": early-stopping patience
            w.append("a patience, not the run's length")
        elif re.search(r"(?i)\b(?:stop(?:ped|s)?|terminat\w+|end(?:ed|s)?|finish\w*|halt\w*|complet\w+|converge[sd]?|"
                     r"trained|training|train)\s+(?:\w+\s+){0,2}?(?:after|at)\s+(?:about\s+|around\s+|approximately\s+|roughly\s+|~)?$",
                     before) \
                or re.search(r"(?i)\b(?:(?:is|are|was|were)\s+trained|we\s+train|training\s+(?:runs|continues|proceeds|lasts))\s+"
                             r"(?:\w+\s+){0,2}?until\s+(?:about\s+|around\s+|approximately\s+|~)?$", before) and \
                not re.match(r"(?i)^\s*(?:\w+\s+){0,2}?(?:,\s*)?(?:and\s+)?(?:then|after\s+which)\b", after):
            # ("the model is trained until 500k steps": the run's end; not "the learning rate is constant until 60k")
            sc += 0.7
            w.append("stopped after N")
        elif re.search(r"(?i)\b(?:model|network|training|net|it|ours)\s+(?:\w+\s+)?converge[sd]?\s+(?:\w+\s+){0,2}?(?:in|within)\s+"
                       r"(?:about\s+|around\s+|approximately\s+|roughly\s+|~)?$", before):
            sc += 0.7  # "the model converges in roughly 15 epochs": the run's end
            w.append("stopped after N")
        elif _SCHEDULE_BEFORE_RE.search(before):
            # "decay at 60 epochs", "warm-up of 4000 steps", "every 1000 iterations": a point, not the length
            sc -= 1.5 if sched or re.search(r"(?i)(?:every|each|per|warm-?\s*up\w*(?:\s+(?:of|for|phase\s+of))?|first|last)\s*$", before) else 0.8
            w.append("a schedule point, not the run's length")
        elif _FOR_BEFORE_RE.search(before) or re.match(r"^\s*(?:in\s+total|total|of\s+training|of\s+(?:pre-?)?training|"
                                                       r"(?:are|were)\s+(?:performed|run|conducted)\b)", after, re.I):
            sc += 0.7
            w.append("for N / in total")
        if re.search(r"(?i)\btotal\b", t[max(0, start - 25): end + 15]):
            sc += 0.3
        clause = re.split(r"[;:]|,\s+|\b(?:then|after\s+which|afterwards)\b", t[max(0, start - 120): start])[-1]
        if re.search(r"(?i)\bwarm(?:ing)?[-\s]?ups?\b|\bwarmed\b|\bramp(?:ed|s|ing)?\s+up\b", clause) and "a schedule point, not the run's length" not in w:
            sc -= 1.5  # "we linearly warm up the learning rate from 0 to 1e-6 over 150 steps": the warm-up's length
            w.append("a warm-up's length")
        raw_before = t[max(0, start - 60): start]
        if re.search(r"(?:\d[\d.,]*\s*[kKM]?\s*(?:,\s*(?:and|or)?|and|or|&)\s*){2,}$", raw_before) or (
                re.search(r"\d[\d.,]*\s*[kKM]?\s*(?:,|and|or|&)\s*$", raw_before) and
                re.search(r"(?i)\brespectively\b", t[end: end + 80])):
            if "a schedule point, not the run's length" not in w:
                sc -= 1.2  # "train for 1, 5, 25, and 100 epochs", "20 and 60 epochs respectively": settings of a sweep
                w.append("one of a list of settings")
        if re.match(r"^\s*(?:\w+\s+){0,2}?(?:per|for\s+each|each|/)\s*(?:task|stage|phase|round|generation|child|architecture|"
                    r"model\s+evaluation|trial|candidate|proposal)\b", after, re.I):
            sc -= 1.0
            w.append("per stage/task")
        sc, other = others_or_smaller(sc, t, start, end, w, cited_runs=True)
        fl = fl or other
        if re.search(r"(?i)\b(?:each|every)\s+(?:\w+\s+)?(?:child|candidate|sampled|proposal|individual)\b[^.;]*$", t[max(0, start - 80): start]) \
                or re.search(r"(?i)\b(?:an?|the)\s+(?:\w+\s+)?(?:child|candidate|sampled)\s+(?:model|network|architecture)s?\b[^.;]*$",
                             t[max(0, start - 80): start]):
            sc -= 1.0  # "every child model is ... trained for 35 epochs": each candidate of a search, not the final run
            w.append("per searched candidate")
        abl = re.search(r"(?i)\bablat\w*\b[^.;]*$", t[max(0, start - 120): start])
        if abl and not re.search(r"(?i)\b(?:based\s+on|following|from|given|after)\s+(?:this|these|the|our)\s+ablat\w*\b[^.;]*$",
                                 t[max(0, start - 120): start]):
            sc -= 1.0  # "for ablation experiments, we fine-tune for 10 epochs", "ablation studies with 120 epochs": not the main run
            w.append("an ablation's run")
        if re.search(r"(?i)\b(?:reward\s+models?|linear\s+(?:classifiers?|probes?|probing|heads?)|probing\s+classifiers?)\b[^.;]*$",
                     t[max(0, start - 100): start]):
            sc -= 1.0  # "the reward model is trained for 1 epoch", "the linear classifier ... for 100 epochs": a secondary model's run
            w.append("a secondary model's run (reward model, linear probe)")
        if re.search(r"(?i)\b(?:our|the)\s+(?:model|network)s?\s+(?:is|are|was|were)\s+trained|we\s+(?:pre-?)?train", t):
            sc += 0.3
        return sc, fl

    low = t.lower()
    for m in (_at_numbers(_EPOCH_RE, u) if "epoch" in low or "passes" in low else ()):
        v = q.parse_number(m.group("n"))
        if v is None or v <= 0:
            continue
        lo = hi = v
        if m.group("n2"):
            v2 = q.parse_number(m.group("n2"))
            if v2 and v2 > v:
                lo, hi = v, v2
                v = (v + v2) / 2
        if not RANGE["epochs"][0] <= v <= RANGE["epochs"][1] or re.search(r"[a-zA-Z]", m.group("n")) and v > 100:
            continue
        before = t[max(0, m.start() - 12): m.start()]
        if re.search(r"(?i)(?:one|an?|each|every|per)\s*$", before) and v == 1 and not re.search(r"(?i)for\s+(?:one|a|1)\s*$", before):
            continue  # "one epoch corresponds to ..." is a unit
        if v == 1 and (re.search(r"(?i)\b(?:in|within|during|of|per)\s*$", before) or
                       re.search(r"(?i)\b(?:stands?\s+for|represents?|corresponds?\s+to|denotes?)\s+$", t[max(0, m.start() - 25): m.start()])):
            continue  # "the largest drop in one epoch", "after one epoch": a unit or a point, not the run's length
        if re.match(r"\s*(?:corresponds?\s+to|consists?\s+of|is\s+(?:defined|equal)|equals?\b|=|means\b|takes|took)", t[m.end():], re.I):
            continue
        w = list(base_why) + ["epoch count"]
        sc, fl = ctx_score(m.start(), m.end(), w)
        if v == 1 and (q.find_durations(t) or re.search(r"(?i)\b(?:time|times|timing|spent|speed|seconds|minutes|hours|cost|"
                                                         r"computation|compute|FLOPs?)\b", t)):
            sc -= 1.5  # "the time to train one epoch": a unit of a measurement, not the run's length
            w.append("one epoch as a unit of time")
        if re.search(r"(?i)(?:steps|iterations|updates|iters)\s*\(\s*(?:about|approximately|roughly|~|≈)?\s*$", t[max(0, m.start() - 30): m.start()]):
            sc += 0.6  # "370K iterations (74 epochs)": the run's length restated
            w.append("restates the step count")
        if re.search(r"(?i)\b\d(?:\.\d)?\s*[x×]\s+(?:training\s+)?schedule\s*\(\s*$", t[max(0, m.start() - 30): m.start()]):
            sc += 0.7  # "the 3x schedule (36 epochs)": a detector's named schedule restated as its length
            w.append("restates the named schedule")
        if re.match(r"\s*(?:over|through|on)\s+(?:the\s+|our\s+|a\s+|all\s+)?(?:\w+\s+){0,2}?(?:\d[\d.,]*\s*"
                    r"(?:[kKMBT]\b|thousand|million|billion|trillion)?)[\s-]*(?:\w+\s+)?(?:tokens?|words?|images?|examples|"
                    r"samples|sentences|pairs|videos|clips|hours|corpus|dataset)\b", t[m.end():], re.I):
            sc += 0.6  # "40 epochs over the 3.3 billion word corpus": the whole run's passes over its data
            w.append("epochs over the stated data")
        out.append(Cand("epochs", v, None, u, m.group(0), sc, w, low=lo, high=hi, flagged=fl))
    for m in (_at_numbers(_STEP_RE, u) if re.search(r"step|iter|update|batch", low) else ()):
        v = _value(m)
        if v is None or not RANGE["steps"][0] <= v <= RANGE["steps"][1]:
            continue
        wd = m.group("w").lower()
        if wd.startswith("batch") and not re.search(r"(?i)mini-?batches", m.group(0)) and v < 1000:
            continue
        lost = re.search(r"(?<![\d.])(?P<a>[1-9]\d?(?:\.\d+)?)\s*[x×]\s*$", t[max(0, m.start() - 8): m.start()])
        start = m.start()
        if lost and re.fullmatch(r"10[2-9]", m.group("n")) and not m.group("suf"):
            v = float(lost.group("a")) * 10.0 ** int(m.group("n")[2])  # "60 x 104 iterations": 60 x 10^4, a superscript lost
            start = m.start() - len(t[max(0, m.start() - 8): m.start()]) + lost.start()
        elif re.search(r"\d\s*[x×]\s*$", t[max(0, m.start() - 6): m.start()]):
            continue  # "3 x 512 iterations": a product, not a count
        if wd in ("step", "iteration") and not re.match(r"^\s*(?:training|pre-?training|run|schedule)", t[m.end():], re.I):
            continue  # "a 100K step schedule", "a 100k-step run" only as an adjective of the run (not "a 1000-step warm-up")
        after = t[m.end(): m.end() + 20]
        if re.match(r"^\s*(?:of\s+warm|per\s+(?:second|sec|s)\b|/\s*s\b)", after, re.I):
            continue
        w = list(base_why) + ["step count"]
        sc, fl = ctx_score(start, m.end(), w)
        adjective = wd in ("step", "iteration") and re.match(r"(?i)^\s*(?:training\s+|pre-?training\s+)?(?:schedule|run)\b",
                                                             t[m.end():])
        # an item of a list of the run's settings: "Optimizer: AdamW, lr 1e-4, 100k steps, batch size 256", "with a
        # learning rate of 1e-4, 50k steps and a batch size of 32" (the count alone between the list's separators)
        item = re.search(r"(?:[,;:]|\band)\s*$", t[max(0, start - 6): start]) and \
            re.match(r"\s*(?:[,;.]|and\b|$)", t[m.end():]) and len(_SETTING_WORD_RE.findall(t)) >= 2
        # ... or of a bracketed one ("Training loss of our model (batch size 256, 200k steps)")
        paren = re.search(r"\(([^()]*)$", t[max(0, start - 60): start])
        close = re.match(r"([^()]*)\)", t[m.end():])
        item = item or paren and close and re.search(r"(?:,|\band)\s*$", paren.group(1)) and \
            _SETTING_WORD_RE.search(paren.group(1) + close.group(1))
        # the training's length restated in brackets: "over the course of training (1M steps)"
        restated = re.search(r"(?i)\btraining\s*\(\s*(?:about\s+|approximately\s+|roughly\s+|~)?$", t[max(0, start - 30): start])
        if (adjective or item or restated or _STEPS_FOR_BEFORE_RE.search(t[max(0, start - 30): start])) and \
                not {"for N / in total", "stopped after N", "a schedule point, not the run's length"} & set(w):
            # ("a 100k-step training schedule" states the run's length as "for 100k steps" does)
            sc += 0.7
            w.append("for N / in total")
        if re.search(r"(?i)\b\d(?:\.\d)?\s*[x×]\s+(?:training\s+)?schedule\s*\(\s*$", t[max(0, start - 30): start]):
            sc += 0.7  # "the 1x schedule (90k iterations)": a detector's named schedule restated as its length
            w.append("restates the named schedule")
        if re.search(r"(?i)\b(?:environments?|env|agents?|simulat\w+|frames?|games?|timesteps|episodes?|rollouts?|"
                     r"policy\b(?!\s+(?:network|model|net)))\b", t[max(0, m.start() - 50): m.end() + 20]) and \
                not re.search(r"(?i)\b(?:gradient|optimi[sz](?:ation|er)|SGD|parameter|weight)\s+(?:steps|updates|iterations)\b", m.group(0)):
            # (not "1e5 gradient steps": the updates are named, whatever the agent's environment)
            sc -= 1.5  # an RL agent's steps are environment steps (the labels count them as data), not updates
            w.append("environment steps")
        if re.search(r"(?i)\b(?:k-?means|clustering|Sinkhorn|power\s+iterations?|EM\s+algorithm|Gibbs)\b", t):
            sc -= 1.0  # "we run k-means for 300 iterations": an algorithm's iterations, not the network's updates
            w.append("iterations of a non-network algorithm")
        # "after 1.2M steps, ... for an additional 800k steps": the run is the stages together
        prev = [c for c in out if c.field == "steps" and c.u is u and c.value != v]
        if prev and (re.search(r"(?i)\b(?:additional|more|another|further)\b", m.group(0)) or
                     re.search(r"(?i)\b(?:an?\s+)?(?:additional|another|further)\s*$", t[max(0, start - 20): start])):
            first = max(prev, key=lambda c: c.value)  # (the longest stage before: not a step "every 200k steps")
            out.append(Cand("steps", first.value + v, None, u, f"{first.match} + {m.group(0)}", max(sc, first.score) + 0.2,
                            w + ["the stages added up"], flagged=fl))
        out.append(Cand("steps", v, None, u, m.group(0), sc, w, flagged=fl))
    stops = list(_STOP_AT_RE.finditer(t)) if re.search(r"stop|terminat|end|halt|finish", low) else []
    for m in [*(_NOUN_FIRST_RE.finditer(t) if re.search(r"epoch|iter|step|update", low) else ()), *stops]:
        wd = m.group("w").lower()
        fname = "epochs" if wd.startswith("epoch") else "steps"
        if m.re is _STOP_AT_RE:
            pass
        elif wd in ("epoch", "iteration"):
            # the singular only as "the maximum/total (number of) iteration", "the epoch number", "the training epoch is
            # set to 100": "a training epoch is 250,000 frames" defines a unit, "(b) Iteration: 2k" labels a figure's panel
            if not (re.search(r"(?i)max|total|overall|number", m.group("lead")) or m.group("num") or
                    re.match(r"(?i)the\b", m.group("lead")) and m.group("mod")):
                continue
        elif not (m.group("lead").strip() or m.group("mod")):
            # a bare noun: only at a clause's start ("Epochs: 30;", "...; iterations = 90k"), never "warm-up steps: 4k"
            if not re.search(r"(?:^|[;,]|\band)\s*$", t[max(0, m.start() - 8): m.start()]):
                continue
            if wd in ("steps", "updates") and not (re.match(r"\s*[:=]", m.group("conn")) and _SETTINGS_RE.search(t)):
                continue  # a bare "steps" only as a key of a settings list ("Optimizer: Adam; Steps: 100k; Batch size: 64")
        if re.search(r"(?i)\brespectively\b", t[m.end(): m.end() + 80]):
            continue  # "the warm-up steps and total steps are 1k and 10k, respectively": read by position below
        if fname == "steps" and _NOT_TRAINING_STEPS_RE.search(t) and not m.groupdict().get("mod"):
            continue
        v = _value(m) if fname == "steps" else q.parse_number(m.group("n"))
        if v is None or not RANGE[fname][0] <= v <= RANGE[fname][1] or fname == "epochs" and v != int(v) and v > 10:
            continue
        if _already_read(out, fname, v, u):
            continue  # the same count read the usual way ("for 90k iterations (max iterations = 90k)")
        w = list(base_why) + ["epoch count" if fname == "epochs" else "step count",
                              "stopped at step N" if m.re is _STOP_AT_RE else "the count after its noun"]
        sc, fl = ctx_score(m.start(), m.end(), w)
        if "for N / in total" not in w and "stopped after N" not in w:
            sc += 0.7  # "the number of epochs is 200" states the run's length as "for 200 epochs" does
        if re.match(r"^\s*(?:,|/|or|and)\s*\d", t[m.end(): m.end() + 8]):
            sc -= 1.2  # "the number of epochs is 30, 50 and 100": a setting per dataset or a sweep
            w.append("one of a list of settings")
        out.append(Cand(fname, float(v), None, u, m.group(0).strip(), sc, w, flagged=fl))
    for fname, v, start, end in (_respective_settings(t) if "respectively" in low else ()):
        if not RANGE[fname][0] <= v <= RANGE[fname][1] or v != int(v) or _already_read(out, fname, v, u):
            continue
        w = list(base_why) + [{"batch_size": "batch size", "epochs": "epoch count", "steps": "step count"}[fname],
                              "named in a list of settings, respectively"]
        sc, fl = others_or_smaller(base + (0.8 if fname == "batch_size" else 0.7), t, start, end, w, cited_runs=True)
        out.append(Cand(fname, float(v), None, u, t[start:end], sc, w, flagged=fl or flagged))
    for m in (_BATCH_RE.finditer(t) if "batch" in low or re.search(r"\b(?:bs|BS)\b", t) else ()):
        if m.group("n") is not None:
            g, sg, wg = "n", "suf", "what"
        elif m.group("n2") is not None:
            g, sg, wg = "n2", "suf2", "what2"
        else:
            g, sg, wg = "n3", "suf3", "what3"
        v = q.parse_number(m.group(g))
        if v is None:
            continue
        suf = (m.group(sg) or "").strip()
        if suf and not re.search(r"[kKM]$", m.group(g)):
            v *= _MULT.get(suf, 1.0)
        if v != int(v) or not RANGE["batch_size"][0] <= v <= RANGE["batch_size"][1]:
            continue
        what = (m.group(wg) or "").lower()
        unit = "tokens" if "token" in what else None
        w = list(base_why) + ["batch size"]
        sc = base + 0.8
        fl = flagged
        after = t[m.end(g): m.end(g) + 40]
        key = t[m.start(): m.start(g)]  # (the setting's name: the words after the value may be the next setting's)
        if "_" in key and re.search(r"(?i)eval|test|infer|valid|micro|device", key):
            continue  # "eval_batch_size: 8", "device_train_microbatch_size: 16": a configuration's other batches
        if re.match(_ENV_STEPS, what, re.I) or re.match(rf"\s*(?:of\s+)?{_ENV_STEPS}", t[m.end(): m.end() + 30], re.I):
            continue  # "a batch of 2048 timesteps": the environment steps an RL update collects (data), not examples
        if _PER_DEVICE_RE.match(after) or re.search(r"(?i)per-?(?:GPU|device|core|worker|replica)|local", m.group(0)):
            sc -= 0.4
            w.append("per device")
        if re.search(r"(?i)global|total|effective|overall|aggregated", m.group(0)):
            sc += 0.3
        if u.evalctx and not u.train:
            sc -= 0.8
            w.append("inference/evaluation context")
        elif _PERF_RE.search(t) and not _TRAIN_STATEMENT_RE.search(t):
            sc -= 1.2  # "a 3x speedup when batch size = 1", "we record forward time with a batch size 8": a measurement
            w.append("a measurement's batch (speed, memory, timing)")
        if _DEPLOY_RE.search(t) and not _TRAIN_STATEMENT_RE.search(t) and "a measurement's batch (speed, memory, timing)" not in w:
            sc -= 1.2  # "batch size = 1 targeting real-time processing", "... consumes 3x less energy": a deployment's
            w.append("a measurement's batch (speed, memory, timing)")
        if re.match(r"^\s*(?:,|/|or)\s*\d", t[m.end(g): m.end(g) + 8]) or \
                re.search(r"(?i)sizes", m.group(0)) and re.match(r"^\s*(?:and|to)\s*\d", t[m.end(g): m.end(g) + 8]) and \
                not re.search(r"(?i)\brespectively\b", t[m.end(g):]) or \
                re.search(r"[{\[]\s*(?:\d+\s*,\s*)*$", t[max(0, m.start(g) - 20): m.start(g)]):
            sc -= 1.2  # "Batch size: 16, 24, 32", "{16, 32}": the options of a search, not the run's batch
            w.append("one of a list of options")
        anothers = another_works_run(t, m.start(g)) or cited_models_own_run(t, m.start(g))
        if _local_others(t, m.start(), m.end()) or anothers or reported_others_setup(t):
            sc -= 1.0
            fl = True
            w.append("in a clause about other work")  # (its reason, as the other counts give it: ANOTHERS_WHY)
            if "we/our" in w and (anothers or named_clause_without_we(t, m.start(g))):
                sc, w = we_in_another_clause(sc, w)  # the "we" of a clause set against the other work's
        out.append(Cand("batch_size", float(v), unit, u, m.group(0).strip(), sc, w, flagged=fl))
    # "a batch of 256 sequences (256 x 512 = 131,072 tokens per batch)": the batch in tokens restates the batch in
    # sequences stated beside it (the run's batch is the count of sequences; the tokens follow from the length)
    seqs = [c for c in out if c.field == "batch_size" and c.unit is None]
    for c in out:
        if c.field == "batch_size" and c.unit == "tokens" and any(o.value < c.value for o in seqs):
            c.score -= 0.6
            c.why.append("the batch restated in tokens beside its count of sequences")
    return out
