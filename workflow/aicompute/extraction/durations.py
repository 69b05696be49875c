"""Training durations ("3.5 days", "about two weeks", "7-10 days") that are not amounts of data ("hours of
speech"), rates ("per epoch"), intervals ("every 10 minutes") or timings of inference; per-step /
per-epoch rates and the time they imply with the number of steps or epochs (``time_from_steps``)."""

from __future__ import annotations

import re

from .. import quantities as q
from .context import (OTHER_CLAUSE_WHY, _HUMAN_RE, Ctx, cue_in_other_clause, elliptic_numbers,
                      in_comparison, own_training_clause, score_context, setup_table, table_like)
from .core import KEEP_VETOED, VETO_PENALTY, VETO_PREFIX, Cand
from .core import CUE_COUNT_APART, CUE_COUNT_OTHER_PAGE, CUE_DERIVED_RATE, provenance_cues  # structured provenance (est9)


DUR_TRAIN_RE = re.compile(r"\b(?:train\w*|pre-?train\w*|took|takes|converge\w*|lasted|learn\w*|optimi[sz]\w*)\b", re.I)


# what a take-verb ("took", "lasted") times when it times a training run: something trained, run or
# computed (a model, an epoch, a job, a device ...); "the survey took 20 minutes" names none
_RUN_OBJECT_RE = re.compile(
    r"(?i)\b(?:train\w*|pre-?train\w*|fine-?tun\w*|learn\w*|converge\w*|optimi[sz]\w*|fit(?:s|ted|ting)?|models?|network\w*|"
    r"nets?|epochs?|iterations?|steps?|updates?|runs?|experiments?|jobs?|agents?|polic(?:y|ies)|weights|"
    r"GPUs?|TPUs?|CPUs?|devices?|machines?|nodes?|clusters?|servers?|cores?|compute|computation|simulations?|"
    r"stages?|phases?|process|procedure)\b")


INCOMPLETE_RE = re.compile(
    r"\b(?:rather\s+than|without|before|not|never|prior\s+to)\s+(?:\w+\s+){0,3}?(?:full(?:y)?\s+)?(?:convergence|converged|converging)\b|"
    r"\bnot\s+(?:\w+\s+)?(?:trained|run)\s+(?:\w+\s+)?to\s+convergence\b|\bearly[- ]stopp?ed\b|\btruncated\s+(?:training|run)",
    re.I,
)


_INTERVAL_BEFORE_RE = re.compile(r"(?:\bevery|\beach|\bper|/|\bafter|\bfirst|\b(?:the|its|their|our|his|her)\s+last|^last|[.,;:]\s*last|\bwarm-?up\s+(?:of|for)?|\bintervals?\s+of|\btime\s*limit\s+of|\btimeout\s+of|\bbudget\s+of|\bup\s+to|\bsaved|\bcheckpoint\w*(?:\s+\w+){0,3}|\b(?:measured|averaged|profiled|timed|benchmarked|recorded|logged)\s+(?:over|for|during|across)(?:\s+the\s+(?:first|last))?)\s*$", re.I)


_INTERVAL_AFTER_RE = re.compile(r"^\s*(?:-?\s*intervals?|window|per\b|/|of\s+(?:each|every)|time\s*limit|timeout|long\s+(?:videos?|clips?|audio|recordings?|segments?)|clips?|segments?|videos?|recordings?|ahead|horizon|old|later|earlier|before|after\b|apart|budget|of\s+(?:wall[- ]?clock\s+)?time\s+per|of\s+gameplay|of\s+play|of\s+experience)", re.I)


_RATE_AFTER_RE = re.compile(r"^\s*(?:\w+\s+){0,3}?(?:per|each|every|for\s+(?:each|every|one|a))\s+(?:\w+\s+)?(?:step|iteration|epoch|batch|mini-?batch|update|image|frame|sample|example|sentence|query|token|episode|game|move|task|fold|run|trial|individual|child|architecture|network|model\s+evaluation)s?\b|^\s*/\s*(?:step|iter|epoch|it|img|image|frame)", re.I)


# (hw23) The time of one training run of several (a model, a seed, a fold, an experiment): "taking 11 hours per model",
# "3 hours per seed", "about a day for each fold" is a run's time (labels read it so), not a rate of a unit the run
# goes through many times ("per epoch", "per image") nor a search's per-candidate time ("per trial", "per network",
# "per model evaluation").
_PER_RUN_AFTER_RE = re.compile(
    r"^\s*(?:of\s+training\s+)?(?:per|for\s+(?:each|every|one)|each)\s+(?:training\s+)?(?:models?|runs?|seeds?|folds?|experiments?)\b"
    r"(?!\s+evaluations?)", re.I)


# (hw23) The carbon-emissions template (the ML CO2 Impact calculator): "A cumulative of 300 hours of computation was
# performed on hardware of type A100 PCIe 40GB (TDP of 250W)": the hours summed over the paper's experiments and
# devices, not the wall-clock time of the run (nor, with no device count, a product the estimate can split).
_CUMULATIVE_BEFORE_RE = re.compile(r"(?i)\bcumulative(?:\s+total)?(?:\s+of)?\s+(?:about\s+|around\s+|roughly\s+|approximately\s+|~\s*)?$")
_COMPUTATION_AFTER_RE = re.compile(r"(?i)^\s*of\s+(?:total\s+)?computation\s+(?:was|were|has\s+been|have\s+been)\s+(?:performed|carried\s+out|done|run)\b")


# (hw25) A run's length, then how it ended: "It took 3 days before the model converged", "trained for 5 days before we
# stopped it", "trained for 3 days, after which the loss plateaued" (not "3 days before the deadline", "2 hours after the
# release": a take-verb or "trained for" before the time, and the run's end or its next step after "before/after")
_RUN_VERB_BEFORE_RE = re.compile(r"(?i)\b(?:took|takes|take|taking|lasted|lasts|(?:trained|train|trains|training|ran|run|runs)"
                                 r"(?:\s+\w+){0,3}?\s+for)\s+(?:about\s+|around\s+|roughly\s+|approximately\s+|nearly\s+|over\s+|~\s*)*$")
_RUN_END_AFTER_RE = re.compile(r"(?i)^\s*,?\s*(?:before|after)\s+(?:which|we|it|(?:the|our)\s+(?:model|network|training|loss|run|"
                               r"validation|accuracy|agent|policy)|convergen\w*|converging|stopping|reaching)\b")
_USAGE_AFTER_RE = re.compile(r"^\s*of\s+(?:[\w-]+\s+){1,2}?(?:usage|use|utili[sz]ation)\b", re.I)
_EQUIVALENT_BEFORE_RE = re.compile(
    r"\b(?:equivalent|equal|comparable|corresponds?|corresponding|amounts?|amounting)\s+(?:to|with)\s+(?:\w+\s+){0,2}$", re.I)
# a run in stages: "It took 160 hours to train X, and 40 hours to continue training on Y", "stage 1 takes
# 5 days and stage 2 takes 2 days" (the main run is the sum of its stages)
_STAGE_RE = re.compile(
    r"\b(?:stages?|phases?)\s*(?:\d|one|two|I{1,2})\b|\b(?:first|second|third|final|last)\s+(?:training\s+)?(?:stage|phase)\b|"
    r"\bcontinu(?:e|ed|ing)\s+(?:the\s+)?(?:pre-?)?training\b|\bfollowed\s+by\b|\bthen\s+(?:\w+\s+){0,3}?(?:trained|train|fine-?tuned)\b|"
    # a continuation of the same run: "... and needed 2 more days to converge", "another 12 hours"
    r"\b(?:another|an\s+additional|a\s+further)\s+(?:[\d.]+|one|two|three|four|five|six|seven|eight|nine|ten|twelve)\s+(?:days?|hours?|weeks?)\b|"
    r"\b(?:[\d.]+|one|two|three|four|five|six|seven|eight|nine|ten|twelve)\s+(?:more|additional|extra|further)\s+(?:days?|hours?|weeks?)\b",
    re.I)


# The time of a step that is not training: "it takes 2 hours to preprocess the corpus", "building the index
# took 9 hours", "clustering ... takes 15 minutes" (the job is named right before or right after the value).
_NON_TRAIN_JOB = (r"(?:pre-?process\w*|tokeni[sz]\w*|cluster(?:s|ed|ing)?|index(?:es|ed|ing)?|build(?:s|ing)?\s+(?:the\s+)?(?:\w+\s+)?"
                  r"(?:index|graph|vocabular\w+|dataset|corpus|cache)|construct\w*\s+(?:the\s+)?(?:\w+\s+)?(?:index|graph|dataset)|"
                  r"(?:feature|data)\s+(?:extraction|generation|collection|preparation)|extract(?:ing)?\s+(?:the\s+)?features|"
                  r"annotat\w+|label(?:l?ing)|render\w*|compil\w+|download\w*|crawl\w*|dedup\w*|filter(?:ing)?\s+(?:the\s+)?(?:data|corpus)|"
                  r"encod(?:e|ing)\s+(?:the\s+)?(?:whole\s+|entire\s+)?(?:corpus|dataset|database)|"
                  r"(?:the\s+)?(?:retrieval\s+)?index\s+construction|graph\s+construction|"
                  # evaluating, sampling from or tuning a model is not training it ("the whole evaluation takes
                  # 6 hours", "the search for hyper-parameters took another 2 weeks", "it takes 2 hours to sample")
                  r"(?:whole\s+|full\s+|entire\s+)?(?:evaluat(?:e|es|ed|ing|ion)|inference|testing|sampling|decoding)|"
                  r"(?:hyper-?\s?parameter|HP)\s+(?:search\w*|tuning|sweeps?|optimi[sz]ation)|"
                  r"(?:collect|gather|generat|synthesi[sz])\w*\s+(?:the\s+|our\s+|more\s+)?(?:[\w-]+\s+)?(?:data|dataset|samples|"
                  r"trajectories|experience|rollouts|demonstrations|episodes)|"
                  r"set(?:ting)?\s*up|install\w*|(?:grid|random)\s+search|search(?:ing)?\s+(?:for|over)\s+(?:the\s+)?(?:best\s+)?hyper-?\s?parameters)")
_NON_TRAIN_BEFORE_RE = re.compile(
    rf"(?i)(?:^|[,;:(]\s*|\b(?:and|while|but|whereas|we|they)\s+(?:then\s+|first\s+)?)(?:the\s+|our\s+)?"
    rf"(?:(?:whole|full|entire|complete|overall)\s+)?{_NON_TRAIN_JOB}\b[^,;:()]{{0,60}}?(?:,\s*(?:which|this|that)\s+)?"
    r"\b(?:takes?|took|taking|requires?|required|needs?|needed|lasts?|lasted|costs?|runs?\s+(?:in|for)|is\s+done\s+in|completes?\s+in)"
    r"\s+(?:only\s+|about\s+|around\s+|approximately\s+|roughly\s+|nearly\s+|less\s+than\s+|under\s+|~\s*|"
    r"an?\s+additional\s+|additional\s+|another\s+|a\s+further\s+)*$")
_NON_TRAIN_AFTER_RE = re.compile(rf"(?i)^\s*(?:\w+\s+){{0,3}}?to\s+(?:\w+\s+)?{_NON_TRAIN_JOB}\b")


# "after only 6 hours of training, our model already outperforms X": a checkpoint of the run and a result
# reached there, not the length of the run (which "converged/stopped/finished after 60 hours" is)
_AFTER_BEFORE_RE = re.compile(r"(?i)\bafter\s+(?:only\s+|just\s+|merely\s+)?(?:[\d.,]+\s*[kKM]?\s+(?:epochs?|steps?|iterations?|updates?)\s*"
                              r"[(,]\s*)?(?:only\s+|just\s+|merely\s+|about\s+|around\s+|roughly\s+|approximately\s+|~\s*)*$")
_CHECKPOINT_RE = re.compile(r"(?i)\b(?:outperform\w*|surpass\w*|reach(?:es|ed)?|achiev\w+|attain\w*|obtain\w*|match(?:es|ed)?|"
                            r"already|exceed\w*|beat\w*|gets?|got)\b")
_RUN_END_RE = re.compile(r"(?i)\b(?:converg\w+|stop(?:s|ped)?|finish\w*|complet\w+|terminat\w+|ends?|ended|halt\w*)\b"
                         # "the final model was obtained after 11 days of training": the final model itself is what is
                         # reached (not "reaches 95% of the final model's accuracy after 6 hours")
                         r"|\bfinal\s+(?:model|checkpoint|network|weights|policy|agent)s?\s+(?:is|was|were|are)\s+"
                         r"(?:\w+\s+)?(?:obtained|reached|produced|attained)\s+after\b")


# "X trains in 2 hours, compared to 3 days for ours": the value right before "for ours" is ours, the one
# compared with it is the other model's (whatever the cue words of the clause around it say)
_OURS_NOT = r"(?!(?:baselines?|previous|prior|earlier|original|old|reference|teacher)\b)"
_OURS_AFTER_RE = re.compile(
    rf"(?i)^\s*(?:of\s+(?:training|compute)\s+)?(?:for|with|by|in)\s+(?:the\s+case\s+of\s+)?(?:ours\b|our\s+{_OURS_NOT}[\w-]+)")
_THEIRS_BEFORE_OURS_RE = re.compile(
    rf"(?i)^[^;.]{{0,60}}?\b(?:compared\s+(?:to|with)|versus|vs\.?|as\s+opposed\s+to|against)\s+[^;.]{{0,40}}?"
    rf"\b(?:for|with|by|in)\s+(?:ours\b|our\s+{_OURS_NOT}[\w-]+)")


_HYPO_WORD_RE = re.compile(r"(?i)\b(?:would|could|might|if\s+(?:we|one|you|it)\b)")
_FACT_VERB_RE = re.compile(r"(?i)\b(?:trains|trained|took|takes|converges|converged|requires|required|ran|runs|lasted|lasts|finishes|finished)\b")
_CLAUSE_SPLIT_RE = re.compile(r"[,;]|\b(?:whereas|while|but)\b")


# (hw23) The time of all runs of a set, in its own clause beside one run's time: "each run takes 2 hours, so all 5 runs
# take 10 hours", "a single model takes 6 hours; the full sweep of 20 models took 5 days". The run is one of them.
_ALL_RUNS_RE = re.compile(
    r"(?i)\b(?:all\s+(?:the\s+|of\s+the\s+|our\s+)?(?:\d+|two|three|four|five|ten|twenty)?\s*(?:runs|seeds|repetitions|repeats|trials)|"
    r"(?:full|whole|entire|complete)\s+(?:hyper-?parameter\s+)?(?:sweep|grid|search)|(?:sweep|grid\s+search)\s+(?:of|over)\s+\d+)\b")


def total_of_runs_beside_one(t: str, start: int, durations) -> bool:
    """The duration at ``start`` is in a clause naming all runs of a set (``_ALL_RUNS_RE``), and another duration of
    the sentence is in a clause that does not."""
    bounds = [0] + [m.end() for m in _CLAUSE_SPLIT_RE.finditer(t)] + [len(t) + 1]
    spans = list(zip(bounds, bounds[1:]))
    own = next(((a, b) for a, b in spans if a <= start < b), None)
    if own is None or not _ALL_RUNS_RE.search(t[own[0]: start]):
        return False
    return any(not (own[0] <= d.start < own[1]) and not _ALL_RUNS_RE.search(t[a: d.start])
               for d in durations for a, b in spans if a <= d.start < b)


def factual_beside_hypothetical(t: str, start: int, durations) -> bool:
    """ "X, which trains to convergence in 24 hours on a cluster, would take 53 days on the real robot", "it would
    take 3 weeks on one GPU, whereas with 8 GPUs training takes 3 days": the duration's own clause is stated as
    fact and the hypothetical ('would', 'if we') is another clause with its own duration."""
    bounds = [0] + [m.end() for m in _CLAUSE_SPLIT_RE.finditer(t)] + [len(t) + 1]
    spans = list(zip(bounds, bounds[1:]))
    own = next(((a, b) for a, b in spans if a <= start < b), None)
    clause = t[own[0]: own[1]] if own else ""
    if (own is None or _HYPO_WORD_RE.search(clause) or not _FACT_VERB_RE.search(clause)
            or not re.search(r"(?i)\b(?:train\w*|pre-?train\w*|converge\w*|learn\w*)", clause)):
        return False
    for a, b in spans:
        if (a, b) != own and _HYPO_WORD_RE.search(t[a:b]) and any(a <= d.start < b for d in durations):
            return True
    return False


# "On one GPU, training takes 13 days; we instead use 16 GPUs and finish in under a day": the first time is
# what the run would have taken, the one after "we instead" is the run's
_INSTEAD_AFTER_RE = re.compile(r"(?i)^[^;.]*?(?:;|\.\s|,\s*(?:but|so)\s)\s*(?:but\s+|however,?\s+|so\s+)?"
                               r"(?:we\s+(?:instead|rather|actually)\b|instead,?\s+we\b|in\s+practice,?\s+we\b)")


def run_length_near(t: str, start: int, end: int) -> tuple[float, str] | None:
    """The number of epochs/steps a duration is the time of, when the sentence ties them ("100 epochs of
    training take 6 hours", "for 60000 steps (about four hours)"): (value, "epochs" | "steps")."""
    best = None
    for cnt in q.find_counts(t):
        if cnt.per not in ("epoch", "step"):
            continue
        gap = start - cnt.end if cnt.end <= start else cnt.start - end
        if gap < 0 or gap > 70 or re.search(r"[;]", t[min(cnt.end, end): max(cnt.start, start)]):
            continue
        if re.search(r"(?i)(?:every|each|per|first|after|warm-?up\s*(?:of)?|last)\s*$", t[max(0, cnt.start - 30): cnt.start]):
            continue
        if best is None or gap < best[0]:
            best = (gap, cnt.value, "epochs" if cnt.per == "epoch" else "steps")
    return None if best is None else (best[1], best[2])


# The subject of the take-verb is an activity named by a gerund that is not training ("Generating the pseudo-labels
# with the teacher took 3 days", "Computing the FID statistics takes 1 hour", "Caching the teacher's logits required
# 30 hours"): whatever the activity, its time is not the run's. The gerunds that name training or a run of it, and
# the prepositions that end in -ing ("During", "Following", "Using"), are not such subjects; nor is a subject
# phrase with a training word of its own ("Using 8 GPUs the full training takes 3 days").
_GERUND_SUBJECT_RE = re.compile(
    r"^\W*(?:\d{1,2}\s+)?(?:(?:In\s+total|In\s+practice|Overall|Finally|Then|First|Second|Next|Also|However)\s*,?\s*)?"
    r"(?P<g>[A-Za-z]+(?:-[A-Za-z]+)?ing)\s+(?P<obj>[^,;:()]{0,80}?)\s*\b(?:takes?|took|requires?|required|needs?|needed|"
    r"lasts?|lasted|costs?|consumes?|consumed|(?:runs?|ran)\s+(?:in|for)|(?:is|was)\s+done\s+in|completes?\s+in|completed\s+in)"
    r"\s+(?:only\s+|just\s+|about\s+|around\s+|approximately\s+|roughly\s+|nearly\s+|almost\s+|less\s+than\s+|under\s+|"
    r"over\s+|more\s+than\s+|up\s+to\s+|at\s+most\s+|~\s*|≈\s*|an?\s+additional\s+|another\s+)*$")
_RUN_GERUND_RE = re.compile(
    r"(?i)^(?:(?:re-?|pre-?|self-?|co-?)?train|(?:fine|finetun|fine-tun)|\w*tun|learn|relearn|fitt|optimi[sz]|runn|re-?runn|"
    r"distill|updat|adapt|continu|scal|do|perform|execut|repeat|conduct|complet|finish|reproduc|replicat|iterat|"
    r"bootstrapp|model|develop|build|play|explor|converg|us|during|follow|accord|includ|exclud|regard|consider|"
    r"assum|noth|everyth|someth|anyth|be|hav|compar|start|begin|beginn|initializ|initialis|warm)ing$")
_GERUND_TRAIN_WORD_RE = re.compile(
    r"(?i)\b(?:train\w*|pre-?train\w*|fine-?tun\w*|learn\w*|epochs?|iterations?|steps|updates|converge\w*|runs?)\b")


# (hw26) "training" as a modifier of data ("Generating the synthetic training scenes took 4 days", "Rendering the
# training images required 2 days"): the object is data the job makes, not a run of training
_TRAINING_DATA_NOUN_RE = re.compile(
    r"(?i)\btraining\s+(?:data(?:sets?)?|sets?|splits?|scenes?|images?|examples?|samples?|corpus|corpora|pairs?|videos?|"
    r"clips?|labels?|targets?|trajectories|instances?|sentences?|documents?|texts?|shards?|records?|features?|frames?)\b")


def gerund_job_subject(before: str) -> bool:
    """The duration's take-verb has a gerund subject naming another activity than training (see _GERUND_SUBJECT_RE)."""
    m = _GERUND_SUBJECT_RE.match(before)
    return bool(m) and not _RUN_GERUND_RE.match(m.group("g")) and not _GERUND_TRAIN_WORD_RE.search(
        _TRAINING_DATA_NOUN_RE.sub(" ", m.group("obj")))


# "We pretrain for 100K steps on BookCorpus. We pretrain our model using 1024 GPUs for about one day.": the day is
# the time of the 100K steps the sentence before states of the same run of ours (when the run is longer, the day is
# part of it: choose.part_of_run). Only one run length in that sentence, said as a training length ("for N steps",
# not "every N steps" or "after N epochs"), and none in the duration's own sentence.
_RUN_FOR_BEFORE_RE = re.compile(r"(?i)\bwe\s+(?:first\s+|then\s+|initially\s+)?(?:pre-?train|train|fine-?tune|run)\s+(?:[\w-]+\s+){0,4}?(?:for|over)\s+"
                                r"(?:a\s+total\s+of\s+|about\s+|around\s+|roughly\s+|approximately\s+|~\s*)?$")


def run_length_before(c: Ctx, t: str) -> tuple[float, str] | None:
    prev = getattr(c, "prev_text", "")
    if not prev or not re.search(r"(?i)epoch|step", prev) or any(cnt.per in ("epoch", "step") for cnt in q.find_counts(t)):
        return None
    found, run = set(), None
    for cnt in q.find_counts(prev):
        if cnt.per not in ("epoch", "step"):
            continue
        if re.search(r"(?i)(?:every|each|per|after|warm-?up\s*(?:of)?)\s*$", prev[max(0, cnt.start - 30): cnt.start]):
            continue  # a schedule or a point during the run, not its length
        found.add(cnt.value)
        if _RUN_FOR_BEFORE_RE.search(prev[max(0, cnt.start - 60): cnt.start]):
            run = (cnt.value, "epochs" if cnt.per == "epoch" else "steps")
    return run if len(found) == 1 else None


def non_training_job(before: str, after: str) -> bool:
    """The duration is the time of a non-training step named next to it (not when training is named with it:
    "training and evaluation take 3 days")."""
    if gerund_job_subject(before):
        return True
    m = _NON_TRAIN_BEFORE_RE.search(before)
    if m and not re.search(r"(?i)\btrain\w*\s*(?:and|&|\+|/)\s*(?:the\s+)?\w+", before[max(0, m.start() - 30): m.end()]):
        return True
    m = _NON_TRAIN_AFTER_RE.match(after)
    return bool(m) and not re.search(r"(?i)\b(?:train|pre-?train|fine-?tune)\s+(?:\w+\s+){0,3}?(?:and|&)\s*$", after[:m.end()])


_OTHER_SYSTEM_BETWEEN_RE = re.compile(
    r"(?i)\b(?:while|whereas|compared|versus|vs\.?|unlike)\b|\b(?:models?|networks?|variants?|baselines?)\s+[A-Z0-9]\b|"
    r"\b(?:the|our|a)\s+(?:\w+\s+)?(?:models?|networks?|variants?|baselines?|versions?)\s+(?:takes?|took|requires?|required|needs?|needed)\b")


# the reason duration_cands gives the time of a non-training step (stage sums leave such a time out)
NON_TRAINING_STEP_WHY = "the time of a non-training step (preprocessing, clustering, indexing ...)"
# "3 and 5 days, respectively", "2 or 3 days": alternatives or a list, not stages of one run
_ALTERNATIVES_RE = re.compile(r"(?i)\brespectively\b|\bor\b")


def _stage_part(d: Cand) -> bool:
    """A duration that may be one stage of a run: a single value scored as a run's time."""
    return d.score > 1.5 and d.low == d.high


def stage_sum_cands(c: Ctx, found: list[Cand]) -> list[Cand]:
    """Durations of the stages of one run, stated in one sentence, summed (with the stages' evidence)."""
    if not _STAGE_RE.search(c.text) or _ALTERNATIVES_RE.search(c.text) or c.finetune:
        return []
    parts = [d for d in found if _stage_part(d) and NON_TRAINING_STEP_WHY not in d.why]
    if len(parts) < 2 or len(parts) > 4:
        return []
    t = c.text
    a, b = t.find(parts[0].match), t.rfind(parts[-1].match)
    if a >= 0 and b > a and _OTHER_SYSTEM_BETWEEN_RE.search(t[a:b]):
        return []  # "model A trains in 3 days, while model B takes another 2 days": two systems, not two stages
    total = sum(d.value for d in parts)
    top = max(parts, key=lambda d: d.score)
    why = list(top.why) + [f"stages summed: {' + '.join(d.match for d in parts)}"]
    return [Cand("training_hours", round(total, 4), c.s.page, c.text, " + ".join(d.match for d in parts), top.score + 0.3,
                 why, unit="hours", low=round(total, 4), high=round(total, 4),
                 extra={"as_written": " + ".join(d.match for d in parts), "qualifier": ""}, sent_index=c.s.index)]


# A run's stages stated in consecutive sentences: "The first stage takes 3 days on 8 GPUs. The second stage takes
# another 2 days." (the main run is the sum; a fine-tuning stage is not part of it, nor a second model's time)
_FIRST_STAGE_RE = re.compile(r"(?i)\b(?:first|initial)\s+(?:training\s+|pre-?training\s+)?(?:stage|phase)\b|\b(?:stage|phase)\s*(?:1|one|I)\b")
_LATER_STAGE_RE = re.compile(r"(?i)\b(?:second|final|last|next|later|subsequent)\s+(?:training\s+|pre-?training\s+)?(?:stage|phase)\b|"
                             r"\b(?:stage|phase)\s*(?:2|two|II)\b")
_MORE_BEFORE_RE = re.compile(r"(?i)\b(?:another|an\s+additional|a\s+further)\s*$")


_VARIANT_NAMED_RE = re.compile(r"(?i)\b(?:base|small|smaller|large|larger|tiny|medium|big|bigger|huge|baseline)\s+"
                               r"(?:models?|variants?|versions?|networks?|configurations?)\b")
_DEVICE_COUNT_RE = re.compile(r"(?i)\b(\d+)\s+(?:[\w-]+\s+){0,3}?(?:GPUs?|TPUs?|chips|cores|cards|accelerators|nodes|machines)\b")


def stage_sum_across(hours: list[Cand]) -> list[Cand]:
    """Durations of a run's stages stated in consecutive sentences (one or two apart, same page), summed: the
    later one names a later stage or is "another / N more" time after a training duration. ``hours``: the
    training_hours candidates with their ``ctx``."""
    out: list[Cand] = []
    by_sent: dict[int, list[Cand]] = {}
    for d in hours:
        if d.ctx is not None and not d.extra.get("table"):
            by_sent.setdefault(d.sent_index, []).append(d)
    for i, ds in by_sent.items():
        if len(ds) != 1:
            continue  # (several in one sentence: stage_sum_cands)
        b = ds[0]
        cb = b.ctx
        if not _stage_part(b) or NON_TRAINING_STEP_WHY in b.why or cb.finetune or _ALTERNATIVES_RE.search(cb.text):
            continue
        more = bool(_MORE_BEFORE_RE.search(cb.text[:max(0, cb.text.find(b.match))])) or bool(
            re.search(r"(?i)\b(?:more|additional|extra|further)\s+\w+$", b.match))
        later = bool(_LATER_STAGE_RE.search(cb.text))
        if not (more or later) or _FIRST_STAGE_RE.search(cb.text):
            continue
        prev = []
        for j in (i - 1, i - 2):
            for a in by_sent.get(j, ()):
                ca = a.ctx
                if a.page != b.page or not _stage_part(a) or ca.finetune or _ALTERNATIVES_RE.search(ca.text):
                    continue
                if later and not _FIRST_STAGE_RE.search(ca.text) and not (more and ca.strong_train):
                    continue
                if not later and not ca.strong_train:
                    continue
                prev.append(a)
            if prev:
                break
        if len(prev) != 1:
            continue  # none, or which of several the sentence continues is not said
        a = prev[0]
        if _VARIANT_NAMED_RE.search(cb.text) or any(
                m.group(1) not in re.findall(r"\d+", a.sentence) for m in _DEVICE_COUNT_RE.finditer(cb.text)):
            continue  # "the second stage takes 2 days on 16 GPUs for the large model": another run's time
        total = round(a.value + b.value, 4)
        written = f"{a.match} (p.{a.page}) + {b.match}"
        top = max((a, b), key=lambda x: x.score)
        why = list(top.why) + [f"stages summed across sentences: {a.match} + {b.match}"]
        # (stated from the first stage's sentence, where the run's devices usually are, with the later one after it)
        out.append(Cand("training_hours", total, a.page, f"{a.sentence} … {b.sentence}", f"{a.match} + {b.match}",
                        top.score + 0.3, why, unit="hours", low=total, high=total,
                        extra={"as_written": written, "qualifier": ""}, sent_index=a.sent_index, ctx=a.ctx))
    return out


# the verbs that time something ("training takes 3 days", "the tagger needed 5 hours"): one list for the readings below
_TAKE_VERB = r"(?:takes?|took|requires?|required|needs?|needed|lasts?|lasted)"
_TAKE_BEFORE_RE = re.compile(r"(?i)\b" + _TAKE_VERB + r"\s+"
                             r"(?:only\s+|about\s+|around\s+|approximately\s+|roughly\s+|nearly\s+|~\s*)*$")
_SIZE_WORD_RE = re.compile(r"(?i)\b(?:base|small|smaller|tiny|medium|large|larger|largest|big|huge|full)\b|(?<![\w.])\d+(?:\.\d+)?\s*[MBK]\b")


SEVERAL_SYSTEMS_WHY = "several systems timed in one sentence"
SEVERAL_SYSTEMS_PENALTY = 1.5
OWN_SYSTEM_WHY = "of several systems timed in one sentence, the one the paper calls its own"


def system_of(t: str, match: str, start_at: int = 0) -> str:
    """The words that name what a duration times in a sentence timing several systems: from the previous
    clause break (or ``start_at``) to the take-verb before the duration ("training tree-LSTM takes about 40
    hours ... and ESIM takes about 6 hours": "training tree-LSTM", "ESIM")."""
    at = t.find(match, start_at)
    if at < 0:
        return ""
    head = t[start_at:at]
    m = re.search(r"(?i)\b" + _TAKE_VERB + r"\b[^,;]*$", head)
    head = head[:m.start()] if m else head
    return re.split(r"(?i)[,;]|\band\b|\bwhile\b|\bwhereas\b|\bbut\b", head)[-1]


def several_systems(t: str, found: list[Cand]) -> bool:
    """ "Training the parser takes 30 hours ..., and the tagger takes 5 hours": two systems, each with its own
    take-verb and subject, timed in one sentence (not sizes of one model, not stages of one run): which is
    the paper's run the sentence does not say."""
    timed = [d for d in found if _TAKE_BEFORE_RE.search(t[max(0, t.find(d.match) - 30): t.find(d.match)])]
    if len(timed) < 2 or _STAGE_RE.search(t):
        return False
    a, b = sorted(timed, key=lambda d: t.find(d.match))[:2]
    pa, pb = t.find(a.match), t.find(b.match)
    between = t[pa + len(a.match): pb]
    if _SIZE_WORD_RE.search(t[max(0, pa - 60): pa]) or _SIZE_WORD_RE.search(between):
        return False  # the sizes of one model ("the base model takes 2 days, the large one 4")
    return bool(re.search(r"(?i)(?:,|\band\b|\bwhile\b|\bwhereas\b)\s*(?:the\s+|our\s+)?[\w-]+(?:\s+[\w-]+)?\s+"
                          + _TAKE_VERB + r"\b", between))


# "top-1 72.1 (6h15) 73.9 (12h30) 74.6 (25h) 75.3 (50h)": a series of results, each with its time in parentheses
# (a time-to-accuracy curve, or settings compared): which of them is the paper's run the row does not say.
_RESULT_TIME_RE = re.compile(r"(?<![\w.])\d+(?:\.\d+)?\s*%?\s*\(\s*[~≈]?\s*(?P<d>[^()]{1,14}?)\s*\)")
RESULT_SERIES_MIN = 3
RESULT_SERIES_PENALTY = 2.5
RESULT_SERIES_WHY = "one of a series of results each with its time ('72.1 (6h15) 73.9 (12h30) ...'): not said which is the run"


def result_time_series(t: str, durations) -> list[tuple[int, int]]:
    """The spans of the durations that sit in parentheses right after a result, when there are at least
    RESULT_SERIES_MIN of them in the sentence (else [])."""
    spans = []
    for m in _RESULT_TIME_RE.finditer(t):
        a, b = m.span("d")
        if any(a <= d.start and d.end <= b + 1 for d in durations):
            spans.append((a, b))
    return spans if len(spans) >= RESULT_SERIES_MIN else []


# (hw18) A run's length said with a verb of extent ("Training spanned 3 weeks", "the pre-training phase spans 10 days",
# "the training run has spanned about 6 days"): quantities reads "spans N weeks" as the extent of data ("the corpus spans
# 3 weeks of recordings"); when the subject right before the verb is training or a run of it, and no data follows the
# value, the time is the run's.
_RUN_SPAN_BEFORE_RE = re.compile(
    # (hw25) also "Training, which spanned about 5 days", "Training consisted of 3 days on 8 GPUs"
    r"(?i)\b(?:training|pre-?training|fine-?tuning|runs?|phases?|stages?|schedules?|process|jobs?)\s*,?\s+(?:(?:which|that)\s+)?"
    r"(?:(?:has|had|have)\s+)?"
    r"(?:spann(?:ed|ing)|spans?|consist(?:ed|s)?\s+of|compris(?:ed|es)(?:\s+of)?)\s+(?:over\s+|across\s+)?"
    r"(?:about\s+|around\s+|roughly\s+|approximately\s+|nearly\s+|almost\s+|"
    r"just\s+|over\s+|more\s+than\s+|~\s*)*$")


def run_spans(before: str, after: str) -> bool:
    return bool(_RUN_SPAN_BEFORE_RE.search(before)) and not q._DATA_AFTER_RE.match(after)


def _title_cased(t: str) -> bool:
    """Most words capitalized: a title or heading ("Scaling to 3 Days of Video"), not a sentence."""
    words = re.findall(r"[A-Za-z][A-Za-z-]*", t)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _duration_veto(t: str, d, before: str, after: str, products, rates) -> str | None:
    """Why a duration is not a candidate at all (an amount of data, a product, an interval, a rate, ...), or None."""
    if d.data_amount and not run_spans(before, after):
        return "an amount of data"
    if any(p.start <= d.start < p.end for p in products):
        return "part of a device-time product"
    if _INTERVAL_BEFORE_RE.search(before) and not re.search(r"(?i)\b(?:up\s+to|after)\s*$", before):
        return "an interval (before)"
    if (_INTERVAL_AFTER_RE.match(after) or _RATE_AFTER_RE.match(after)) and not _PER_RUN_AFTER_RE.match(after) \
            and not (_RUN_VERB_BEFORE_RE.search(before) and _RUN_END_AFTER_RE.match(after)):
        return "an interval or rate (after)"
    if any(r.start <= d.start < r.end for r in rates):
        return "inside a rate"
    if any(a <= d.start < b for r in rates for a, b in variant_rate(t, r)[1]):
        return "another variant's time of the rate before it"  # "each epoch takes 3 hours for A and 10 hours for B"
    if (re.match(r"(?i)^\s*(?:of\s+\w+\s+)?(?:for|as)\s+(?:the\s+)?(?:training|train|test|testing|validation|evaluation)\b", after)
            and re.search(r"(?i)\b(?:for|as)\s+(?:the\s+)?(?:test|testing|validation|evaluation|dev)\b", t)):
        return "a split of the data"  # "11 days (10 days for training and 1 day for test)"
    if re.search(r"(?i)(?:\bin|\bof|\bat|-)\s*$", before) and re.match(r"(?i)^\s*(?:intervals?|increments?|windows?|steps)", after):
        return "an interval"
    if d.unit in ("second", "millisecond") and d.hours < 1 / 60 and not re.search(r"(?i)\btrain\w*\s+(?:\w+\s+){0,3}?(?:in|within)\s*$", before):
        return "seconds"
    if re.search(r"(?i)\b(?:from|reduc\w+|down)\s+(?:\w+\s+){0,3}$", before) and re.match(r"(?i)^\s*to\b", after):
        return "the old time of a reduction"  # "reduces training from 3 weeks to 5 days"
    if d.start > 0 and re.search(r"\b[A-Z][a-z]+$", d.text) and not re.match(r"\s*$", t[:d.start]) \
            and (not d.text[:1].isdigit() or _title_cased(t)):
        return "title case"  # "Twenty Years of Mixture-of-Experts" (but "Training took 3 Days on 8 GPUs" is a time)
    if _USAGE_AFTER_RE.match(after):
        return "node-time usage"  # "17,304 hours of p4de usage": a product (device_hours reads the GPU hours)
    return None


# "Each trial of the random search ran for at most 12 hours", "Every configuration in the sweep was trained for 2
# days": the subject is one trial of a search, its time not the run's (as "200 trials, each taking 2 hours")
_EACH_TRIAL_SUBJECT_RE = re.compile(
    r"(?i)^\W*(?:each|every)\s+(?:[\w-]+\s+){0,2}?(?:trials?|configurations?|candidates?|settings?|sweep\s+runs?|search\s+runs?)\b")
_SEARCH_WORD_RE = re.compile(r"(?i)\b(?:search\w*|sweeps?|hyper-?parameter\s+(?:tuning|optimi[sz]ation)|tuning\s+runs?)\b")


# "Each episode lasts 30 minutes", "Every match between the agents takes about 2 hours", "A single rollout takes 5
# minutes": the subject is one unit the run goes through many times (an episode, game, session, query ...), its
# time not the run's (the time-per-unit rates "30 minutes per episode" are read as rates, not durations). A model, a
# run or an experiment as the unit is not such a subject ("Each run takes 2 days": each run is a training run).
_EACH_UNIT_SUBJECT_RE = re.compile(
    r"(?i)^\W*(?:each|every|one|a\s+single)\s+(?:[\w-]+\s+){0,2}?(?:episodes?|games?|matche?s?|sessions?|rollouts?|"
    r"trajector(?:y|ies)|dialog(?:ue)?s?|conversations?|recordings?|videos?|clips?|levels?|scenes?|queries|query|requests?|"
    r"images?|samples?|frames?)\b[^,;:]{0,60}?\b(?:takes?|took|lasts?|lasted|requires?|required|needs?|needed|runs?\s+for|ran\s+for)\b")


def each_unit_subject(t: str) -> bool:
    return _EACH_UNIT_SUBJECT_RE.match(t) is not None


# (hw26) A limit set on a job, not the time a run took: "a timeout of 10 minutes per instance", "jobs have a time
# limit of 48 hours", "within a wall-clock limit of 8 hours", "a 24-hour time limit". ("limited to N" and "a budget of
# N" are left alone: a run trained for a fixed budget is that long.)
_LIMIT_BEFORE_RE = re.compile(
    r"(?i)\b(?:time-?outs?|(?:(?:wall-?clock|wall|run-?time|job|time|hard|maximum|max\.?)\s+)?(?:limits?|cut-?offs?|deadlines?))"
    r"\s+(?:of|is|was|set\s+to|=|:)?\s*(?:about\s+|around\s+|roughly\s+|approximately\s+|~\s*)?$")
_LIMIT_AFTER_RE = re.compile(r"(?i)^\s*(?:wall-?clock\s+|time\s+|run-?time\s+|job\s+)?(?:limits?|time-?outs?|cut-?offs?|deadlines?)\b")
LIMIT_WHY = "a limit set on a job (timeout, time limit), not the time a run took"


def a_limit(before: str, after: str) -> bool:
    return bool(_LIMIT_BEFORE_RE.search(before) or _LIMIT_AFTER_RE.match(after))


# (hw26) The subject is one pass of the run: "An epoch over the 1.2M images takes roughly 25 minutes", "A single
# training iteration takes 1.2 s" (the rate readers take "each epoch takes N"; a phrase between the pass and its verb
# hid it): the time of one epoch/iteration, not of the run.
_ONE_PASS_SUBJECT_RE = re.compile(
    r"(?i)^\W*(?:(?:in\s+practice|on\s+average|typically)\s*,?\s*)?(?:each|every|one|an?|a\s+single|a\s+full|one\s+full)\s+"
    r"(?:full\s+|complete\s+|single\s+|training\s+|forward-backward\s+)?(?:epochs?|iterations?|steps?|updates?|pass(?:es)?)\b"
    r"[^,;:]{0,60}?\b(?:takes?|took|lasts?|lasted|requires?|required|needs?|needed|costs?)\b[^,;:]{0,30}$")
ONE_PASS_WHY = "the time of one epoch/iteration (its subject, or a per-pass time named before it), not the run"
# ... and the time named per pass before its values: "training time per epoch: 12 minutes for ours", "the per-iteration
# time is 0.8 s", "epoch time of 40 s" (the value in the same clause, not after a full stop or ';')
_PER_PASS_NOUN_BEFORE_RE = re.compile(
    r"(?i)(?:\b(?:time|duration|cost|wall-?clock)\s+(?:per|for\s+(?:each|one|a\s+single))\s+(?:training\s+)?"
    r"(?:epochs?|iterations?|steps?|updates?|batch(?:es)?|mini-?batch(?:es)?)\b|"
    r"\bper-(?:epoch|iteration|step|batch|update)\s+(?:training\s+)?(?:time|duration|cost|wall-?clock)\b|"
    r"\b(?:epoch|iteration|step)\s+(?:times?|durations?)\b)[^.;]{0,60}$")


def one_pass_time(t: str, start: int) -> bool:
    """The duration at ``start`` is one epoch's/iteration's (its subject, or a per-pass time named before it)."""
    return bool(_ONE_PASS_SUBJECT_RE.match(t[:start]) or _PER_PASS_NOUN_BEFORE_RE.search(t[max(0, start - 120): start]))


# (hw26) The window of a measurement: "We measure throughput over 10 minutes of training", "GPU memory and speed are
# averaged over 5 minutes of training", "profiled during the first 30 minutes": not the run's length.
_MEASURED_WINDOW_BEFORE_RE = re.compile(
    r"(?i)\b(?:measur\w*|benchmark\w*|profil\w*|averag\w*|record\w*|monitor\w*|report\w*|comput\w*|estimat\w*)\s+"
    r"(?:(?:the|its|our|their|average|mean|peak)\s+)*(?:[\w/-]+\s+){0,2}?(?:throughput|speed|latency|memory|utili[sz]ation|power|"
    r"energy|FLOPS|MFU|samples/s|tokens/s|images/s|step\s+time)\b[^.;]{0,30}?\b(?:over|for|during|across|in)\s+"
    r"(?:the\s+(?:first|last)\s+)?(?:about\s+|around\s+|roughly\s+|~\s*)?$")
MEASURED_WINDOW_WHY = "the window of a measurement (throughput over N minutes of training), not the run"


# (hw26) A time in a clause whose subject is an ablation / pilot / proxy run: "For the ablations we use a reduced
# 12-layer model that trains in 5 hours on one GPU", "Ablation models are trained for 10 hours each", "our pilot
# experiments took 3 hours": not the main run's (a clause naming the full/main/final model keeps its time).
_SIDE_RUN_SUBJECT_RE = re.compile(
    r"(?i)\b(?:for\s+(?:the\s+|our\s+|all\s+|these\s+)?ablations?|in\s+(?:the\s+|our\s+|all\s+)?ablations?|"
    r"ablation\s+(?:models?|runs?|experiments?|stud(?:y|ies)|variants?|settings?)|(?:the|our|all)\s+ablations|"
    r"(?:pilot|preliminary|proxy|toy)\s+(?:[\w-]+\s+)?(?:models?|runs?|experiments?|studies|study|tasks?|settings?|versions?)|"
    # (hw27) a check of the code, not a run of the model: "As a sanity check, training on a 1% subset takes 20 minutes"
    r"(?:as\s+a|for\s+a|in\s+a)\s+sanity[- ]check|sanity[- ]check(?:ing)?\s+(?:runs?|experiments?)|"
    r"(?:debug(?:ging)?|smoke[- ]test)\s+runs?)\b")
_MAIN_RUN_WORD_RE = re.compile(r"(?i)\b(?:full|final|main|whole|complete|largest|headline|"
                               r"(?:all|every|each)\s+(?:other\s+)?(?:models?|experiments?|runs?|networks?)|"
                               # "For all experiments including the ablations", "Apart from the ablations, ...": the
                               # ablations named beside the main runs, not as the subject
                               r"including|except|excluding|apart\s+from|aside\s+from|besides|other\s+than|as\s+well\s+as)\b")
SIDE_RUN_WHY = "the run of an ablation / pilot / proxy model (its clause's subject), not the main run"


def side_run_clause(t: str, start: int) -> bool:
    """The value's clause, up to the value, names an ablation/pilot/proxy run and no full/main/final model."""
    head = re.split(r"[;:]|,\s*(?:and|while|whereas|but)\b|\.\s", t[:start])[-1]
    return bool(_SIDE_RUN_SUBJECT_RE.search(head)) and not _MAIN_RUN_WORD_RE.search(head)


def duration_cands(c: Ctx) -> list[Cand]:
    t = c.text
    out = []
    starts: dict[int, int] = {}  # each candidate's position in the sentence (a value may be written twice)
    rates = q.find_rates(t)
    products = q.find_chip_time(t)
    # (every duration of such a sentence: "after only 5 hours, ours outperforms a baseline trained for 40 hours")
    checkpoint = (_CHECKPOINT_RE.search(t) is not None and not _RUN_END_RE.search(t)
                  and any(_AFTER_BEFORE_RE.search(t[max(0, d.start - 40): d.start]) for d in c.durations))
    for d in c.durations:
        if not d.hours > 0:
            continue  # (hw18) "training ran for 0 hours": no run has no time (nor is a zero ever a run's length)
        why: list[str] = []
        before = t[max(0, d.start - 40): d.start]
        after = t[d.end: d.end + 60]
        veto = _duration_veto(t, d, before, after, products, rates)
        if veto is not None:
            if not KEEP_VETOED.on:
                continue
            why.append(VETO_PREFIX + veto)
        sc = score_context(c, why, d.text, d.start)
        if non_training_job(t[:d.start], after):
            sc -= 3.0
            why.append(NON_TRAINING_STEP_WHY)
        near = t[max(0, d.start - 90): d.end + 40]
        if re.search(r"(?i)\b(?:train(?:ed|ing|s)?|pre-?train\w*|took|takes|take|taking|lasted|lasts|converge\w*|"
                     r"required|requires|needs|needed|spent|run\s+for|ran\s+for|spann(?:ed|ing)|spans|for\s+a\s+total\s+of|wall[- ]?clock)\b", near):
            sc += 1.0
            why.append("time word near the duration")
        if c.mentions or c.generic or re.search(r"(?i)\b(?:GPU|TPU|machine|node|core|chip)s?\b", t):
            sc += 1.0
            why.append("hardware in the sentence")
        if d.qualifier in ("over", "more than", "at least", "in excess of", "a little over"):
            why.append(f"lower bound ({d.qualifier})")
            sc -= 0.4
        if (c.strong_hypo or c.hypo) and factual_beside_hypothetical(t, d.start, c.durations):
            sc += 2.5
            why.append("stated as fact beside a hypothetical clause")
        incomplete = bool(INCOMPLETE_RE.search(t))
        if incomplete:
            why.append("not trained to convergence")
            sc -= 1.5
        if d.qualifier in ("less than", "under", "within", "at most", "up to", "fewer than"):
            why.append(f"upper bound ({d.qualifier})")
            sc -= 0.2
        if not DUR_TRAIN_RE.search(t) and not (c.mentions or c.generic or c.strong_train):
            sc -= 1.0
            why.append("no training word")
        elif not (c.mentions or c.generic or c.strong_train or _RUN_OBJECT_RE.search(t)):
            sc -= 2.0  # "The 30-question survey took 20 minutes to complete": a take-verb alone times anything
            why.append("a take-verb with nothing trained or run")
        if c.data_span and not c.strong_train:
            sc -= 1.5
            why.append("time span of data/logs/experiments")
        if c.human and not cue_in_other_clause(c, d.text, _HUMAN_RE, d.start):
            sc -= 1.0
            why.append("human activity")
        run_total = bool(re.match(r"(?i)^\s*(?:of\s+training\s+)?(?:in\s+total|overall|altogether)\b", after)
                         or re.search(r"(?i)\b(?:a\s+total\s+of|in\s+total|total\s+(?:training\s+)?(?:time|duration)\s+(?:of|is|was)?)\s*$", before))
        if checkpoint and not (run_total and not in_comparison(t, d.start)):  # (the run's total stated beside a checkpoint is still the run)
            sc -= 4.5
            why.append("a point during training ('after N hours ... reaches'), not the run's length")
        if _EQUIVALENT_BEFORE_RE.search(before):
            sc -= 2.5
            why.append("a conversion ('equivalent to'), not a run")
        if _CUMULATIVE_BEFORE_RE.search(before) or _COMPUTATION_AFTER_RE.match(after):
            sc -= 3.0
            why.append("a cumulative time of computation (the emissions template: all experiments, device-hours), not a run")
        if c.aggregate:
            sc -= 2.5
            why.append("the time of a whole set of experiments")
        im = _INSTEAD_AFTER_RE.match(t[d.end:])
        if im and any(e.start >= d.end + im.end() for e in c.durations):
            sc -= 2.5
            why.append("what the run would take otherwise ('...; we instead ...')")
        if a_saving(t, d.start, d.end):
            sc -= 4.5
            why.append("a time saved or a difference ('saves 2 days', '3 hours faster'), not a run")
        if (re.search(r"(?i),\s*(?:which|that)\s+(?:\w+\s+){0,3}$", before)
                and re.match(r"(?i)^[^,;.]{0,40},\s*(?:would|could|might|is|was)\s+(?:\w+\s+)?(?:be\s+)?"
                             r"(?:infeasible|impractical|prohibitive|too|not\s+(?:feasible|practical|possible)|impossible|beyond)", after)):
            sc -= 3.0  # "Training on a CPU, which takes 2 weeks, would be infeasible": the run not done
            why.append("a run described as infeasible, not done")
        if ((re.search(r"(?i)\beach\s+(?:taking|requiring|lasting|of\s+which\s+(?:takes|took|required))\s+(?:about\s+|around\s+|roughly\s+|~\s*)*$", before)
             and re.search(r"(?i)\b(?:trials?|configurations?|candidates?|architectures?|search|sweeps?|settings)\b", t))
                or (_EACH_TRIAL_SUBJECT_RE.match(t) and _SEARCH_WORD_RE.search(t))):
            sc -= 4.0  # "a search of 200 trials, each taking 2 hours": the time of one trial
            why.append("the time of one trial of a search")
        elif each_unit_subject(t):
            sc -= 4.0
            why.append("the time of one episode/game/unit of many, not the run")
        elif one_pass_time(t, d.start):
            sc -= 4.0
            why.append(ONE_PASS_WHY)
        if _MEASURED_WINDOW_BEFORE_RE.search(t[max(0, d.start - 120): d.start]):
            sc -= 4.0
            why.append(MEASURED_WINDOW_WHY)
        if a_limit(before, after):
            sc -= 4.0
            why.append(LIMIT_WHY)
        if side_run_clause(t, d.start):
            sc -= 4.0
            why.append(SIDE_RUN_WHY)
        if total_of_runs_beside_one(t, d.start, c.durations):
            sc -= 3.0
            why.append("the time of all runs of a set (repeats, a sweep) beside one run's time")
        ours_after = bool(_OURS_AFTER_RE.match(after))
        if ours_after:
            sc += 0.5
            why.append("said of ours ('... for ours')")
        elif _THEIRS_BEFORE_OURS_RE.match(after):
            sc -= 2.5
            why.append("the time compared with ours ('X, compared to Y for ours')")
        if in_comparison(t, d.start) and not ours_after:
            sc -= 2.5
            why.append("in a clause about another model/baseline")
        if c.search and not c.strong_train:
            sc -= 0.5
        if d.hours < 0.05:
            sc -= 0.8
        if c.s.kind == "table":
            sc -= 0.4
        if veto is not None:
            sc -= VETO_PENALTY
        out.append(Cand("training_hours", round(d.hours, 4), c.s.page, t, d.text, sc, why or ["duration"],
                        unit="hours", low=round(d.low, 4), high=round(d.high, 4),
                        extra={"as_written": d.text, "qualifier": d.qualifier, "_incomplete": incomplete,
                               "_run_length": run_length_near(t, d.start, d.end) or run_length_before(c, t)},
                        sent_index=c.s.index))
        starts[id(out[-1])] = d.start
    if several_systems(t, out):
        # (hw16) "Annotation took 200 hours, and training took 12 hours on 2 GPUs": the other time is a job's, not
        # another model's; the training clause's time is not one of several systems
        jobs = [d for d in out if NON_TRAINING_STEP_WHY in d.why or OTHER_CLAUSE_WHY in d.why]
        for d in out:
            if jobs and d not in jobs and own_training_clause(c, d.match, starts.get(id(d))) is not None:
                continue
            d.score -= SEVERAL_SYSTEMS_PENALTY
            d.why.append(SEVERAL_SYSTEMS_WHY)
    series = result_time_series(t, c.durations)
    if series:
        for d in out:
            if any(a <= t.find(d.match) < b for a, b in series):
                d.score -= RESULT_SERIES_PENALTY
                d.why.append(RESULT_SERIES_WHY)
    out += elliptic_duration_cands(c, out)
    return out + stage_sum_cands(c, out)


# (hw25) A second time whose unit is the first one's, left out: "12 hours for the small model and 30 for the large one",
# "the base model trains for 2 days and the large model for 5" (the larger model's: near-ties go to the longer time).
# The same conditions as a count's (counts._ELLIPTIC_RE): a later clause naming another model or variant of ours, the
# bare number right after "for"/"in"/a take-verb (or "and N for the ..."), the clause ending right after it, no other
# job or other work between.
_ELLIPTIC_TIME_RE = re.compile(
    r"(?i)(?:\b(?:and|while|whereas|but|except|which)\b|[,;])(?P<between>[^.;]{0,60}?)(?:"
    r"\b(?:for|in|takes?|took|requires?|required|needs?|needed|lasts?|lasted)\s+(?:only\s+|about\s+|around\s+|roughly\s+)?"
    r"(?P<n>\d{1,4}(?:\.\d+)?)(?=\s*(?:[.,;)]|$|on\b|using\b|with\b))"
    r"|(?<=and\s)(?P<n2>\d{1,4}(?:\.\d+)?)(?=\s+for\s+(?:the|our|its)\b))")


def elliptic_duration_cands(c: Ctx, found: list[Cand]) -> list[Cand]:
    t = c.text
    out: list[Cand] = []
    for src in found:
        d = next((x for x in c.durations if x.text == src.match), None)
        if d is None or d.is_range or d.low != d.high or any(w.startswith(VETO_PREFIX) for w in src.why) \
                or not re.fullmatch(r"(?i)\d+(?:\.\d+)?\s*-?\s*[a-z]+", d.text):
            continue
        for written, a, b in elliptic_numbers(t, _ELLIPTIC_TIME_RE, d.end):
            if any(x.start <= a < x.end for x in c.durations):
                continue
            h = float(written) * q.HOURS_PER_UNIT[d.unit]
            if not h > 0 or h == d.hours:
                continue
            why = [f"duration {written!r} + the unit of {d.text!r} before it (left out)"] + list(src.why)
            out.append(Cand("training_hours", round(h, 4), c.s.page, t, written, src.score - 0.2, why, unit="hours",
                            low=round(h, 4), high=round(h, 4), extra={"as_written": written + " (" + d.unit + "s)",
                                                                      "qualifier": ""}, sent_index=c.s.index))
        break  # the first time's unit only
    return out


def table_duration_cands(c: Ctx) -> list[Cand]:
    """'Training Time 30 days 20 days 10 days' / 'Hours 252' rows: the first column, low confidence."""
    if not table_like(c):
        return []
    t = c.text
    m = re.match(r"^\s*(?P<label>(?:(?:(?:pre-?)?training|train|wall[- ]?clock|total(?:\s+training)?)\s+(?:time|duration|hours|days|cost)|"
                 r"wall[- ]?clock|time\s+to\s+train)\b[^\d]{0,20})", t, re.I)
    if not m and c.setup_table:  # (hw25) "Time 40 h", "Duration 4 days" in a table of our training setup
        m = re.match(r"^\s*(?P<label>(?:total\s+)?(?:time|duration)\b[^\d]{0,20})", t, re.I)
    if not m:
        return []
    d = c.durations[0] if c.durations else _unit_in_label(t, m.group("label"))
    if d is None or not d.hours > 0:
        return []
    if d.data_amount:
        return []
    why = [f"table row {m.group('label').strip()!r}: first column"]
    sc = score_context(c, why) + 1.5
    return [Cand("training_hours", round(d.hours, 4), c.s.page, t, d.text, sc, why, unit="hours",
                 low=round(d.low, 4), high=round(d.high, 4), extra={"as_written": d.text, "table": True},
                 sent_index=c.s.index)]


# A table header naming a training-time column ("Method Accuracy Train time Test time", "Model Params
# Training time (days)"), the rows under it stating a duration with its unit in that column.
_TRAIN_TIME_COL_RE = re.compile(r"(?i)\b(?:(?:pre-?)?train(?:ing)?[\s-]*(?:wall[- ]?clock[\s-]*)?(?:time|duration|hours|days)|"
                                r"wall[- ]?clock(?:[\s-]*time)?|time\s+to\s+train|"
                                # a two-level header: "Running time" over "Train Test"
                                r"(?:running|run|wall[- ]?clock|cpu|gpu)?\s*time\s*(?:[(\[][^)\]]{0,12}[)\]]\s*)?(?P<sub>train(?:ing)?)"
                                r"(?=\s+(?:test|testing|inference|eval\w*)\b|\s*$))\b")
_TIME_COL_RE = re.compile(r"(?i)\b(?:time|duration|latency|hours|days)\b")
# (hw25) a bare time column, read only in a table whose caption names our training setup or cost (setup_caption)
_BARE_TIME_COL_RE = re.compile(r"(?i)\b(?:wall[- ]?clock\s+)?(?:time|duration)\b(?P<sub>(?!x)x)?")


OURS_ROW_WHY = "the row of ours"
# (hw24) A caption saying the table compares methods, not of ours: "Training time of the compared methods", "Comparison
# with existing approaches". With no row marked as ours, every row is another method's time.
_COMPARED_CAPTION_RE = re.compile(
    r"(?i)\b(?:compared\s+(?:methods|models|approaches|baselines|systems|works)|compar(?:ed|ison|ing)\s+(?:\w+\s+){0,3}?(?:with|to|against)|"
    r"baselines?|(?:other|existing|previous|prior|competing|state-of-the-art|"
    r"representative|popular)\s+(?:methods|models|approaches|works|systems|architectures))\b")
_OUR_CAPTION_RE = re.compile(r"(?i)\b(?:our|ours|we|proposed|this\s+work)\b")
_OURS_MARK_RE = re.compile(r"(?i)\(\s*ours\s*\)|\bours\b")
OTHERS_TABLE_PENALTY = 1.5
OTHERS_TABLE_WHY = "a table comparing other methods' times, no row of ours"


def _caption_before(sentences: list, i: int) -> str:
    """The caption closest above the table unit ``i`` on its page (within a few units), or ""."""
    for s in reversed(sentences[max(0, i - 4): i]):
        if s.page != sentences[i].page:
            break
        if s.kind == "caption":
            return s.text
    return ""


def discount_others_table(sentences: list, i: int, block: list[Cand]) -> list[Cand]:
    """``block``: the values read under the header unit ``i``; all of them lose when the caption says the table
    compares methods (not said of ours) and no row is marked as ours."""
    caption = _caption_before(sentences, i) if block else ""
    if _COMPARED_CAPTION_RE.search(caption) and not _OUR_CAPTION_RE.search(caption) \
            and not any(OURS_ROW_WHY in cd.why or _OURS_MARK_RE.search(cd.sentence) for cd in block):
        for cd in block:
            cd.score -= OTHERS_TABLE_PENALTY
            cd.why.append(OTHERS_TABLE_WHY)
    return block


def row_role(row: str, why: list[str]) -> float:
    """A table row's own words: a row marked as ours ("Ours", "our method", "proposed") gains, a cited row loses."""
    if re.match(r"(?i)^\W*(?:ours|our\b|proposed|this\s+work)", row):
        why.append(OURS_ROW_WHY)
        return 1.0
    if re.search(r"\[\s*\d+(?:\s*[,-]\s*\d+)*\s*\]", row):
        why.append("a cited row")
        return -1.0
    return 0.0


def table_column_cands(sentences: list, make) -> list[Cand]:
    """Durations in the rows under a training-time column header (low confidence: which row is the main
    run the table alone does not say; a row of ours gets more). ``make(sentence)`` gives a row's Ctx."""
    out: list[Cand] = []
    for i, s in enumerate(sentences):
        if s.kind != "table":
            continue
        m = _TRAIN_TIME_COL_RE.search(s.text)
        if m is None and (bare := _BARE_TIME_COL_RE.search(s.text)) and setup_table(sentences, i):
            m = bare  # (hw25) "Model Params GPUs Time" under "Training cost of our models"
            if _HDR_NOT_RUN_RE.search(s.text):
                continue  # "Inference time", "Time per epoch", "Time / step" (where the column begins is not known)
        if not m:
            continue
        head = s.text[max(0, m.start() - 60):]
        if len(re.findall(r"\d+(?:\.\d+)?", head)) > 2 or q.find_durations(head):
            continue  # (a row "Training time 3 days" is table_duration_cands')
        if m.group("sub"):  # "Running time Train Test": the sub-columns are the time columns
            cols = [m.start("sub")] + [x.start() for x in re.finditer(r"(?i)\b(?:test|testing|inference|eval\w*)\b", s.text[m.end():])]
            k = 0
        else:
            cols = [c.start() for c in _TIME_COL_RE.finditer(head)]
            k = sum(1 for a in cols if a < m.start() - max(0, m.start() - 60)) if cols else 0
            k = min(k, max(0, len(cols) - 1))
        block: list[Cand] = []
        for r in sentences[i + 1: i + 13]:
            if r.page != s.page or r.kind != "table" or _TRAIN_TIME_COL_RE.search(r.text):
                break
            ds = [d for d in q.find_durations(r.text) if not d.data_amount]
            if not ds and len(cols) <= 1:
                dm = re.search(r"(?<![\w.])(\d{1,3}(?:\.\d+)?)d$", r.text)  # (hw25) a "3d" cell under a time column: days
                if dm:
                    h = float(dm.group(1)) * 24
                    ds = [q.Duration(h, h, h, dm.start(), dm.end(), dm.group(0), "day", "")]
            if not ds:
                continue
            if len(ds) == len(cols):
                d = ds[k]
            elif len(ds) == 1 and len(cols) <= 1:
                d = ds[0]
            else:
                continue  # which duration is the training time's the row does not say
            c = make(r)
            why = [f"table column {m.group(0)!r}"]
            sc = score_context(c, why, d.text) + 1.0 + row_role(r.text, why)
            block.append(Cand("training_hours", round(d.hours, 4), r.page, r.text, d.text, sc, why, unit="hours",
                              low=round(d.low, 4), high=round(d.high, 4),
                              extra={"as_written": d.text, "qualifier": d.qualifier, "table": True}, sent_index=r.index))
        out += discount_others_table(sentences, i, block)
    return out


_LABEL_UNIT_RE = re.compile(r"[(\[]\s*(?P<u>days?|d|hours?|hrs?|h|minutes?|mins?|weeks?)\s*[)\]]", re.I)


def _unit_in_label(t: str, label: str):
    """'Training time (days) 3 5 12': the unit in the row's label, the first value after it."""
    um = _LABEL_UNIT_RE.search(label)
    if not um or re.search(r"(?i)\b(?:GPU|TPU|IPU|chip|core|device|node|machine|CPU|accelerator)s?\b", label):
        return None  # "(GPU hours)" is a product, not the wall clock
    nm = re.match(r"\s*[:=]?\s*[~≈]?\s*(?P<n>\d[\d,]*(?:\.\d+)?)(?![\d.,]*\s*[%xX×])", t[len(label):])
    if not nm:
        return None
    v = q.parse_number(nm.group("n"))
    if v is None:
        return None
    u = um.group("u").lower()
    per = 24.0 if u.startswith("d") else 168.0 if u.startswith("w") else 1 / 60 if u.startswith("m") else 1.0
    h = v * per
    start = len(label) + nm.start("n")
    return q.Duration(h, h, h, start, len(label) + nm.end("n"), f"{nm.group('n')} ({um.group('u')})",
                      "day" if per == 24.0 else "week" if per == 168.0 else "minute" if per < 1 else "hour", "")


# "saves us 95 minutes per epoch", "shaves 2 days off training", "is 3 hours faster": a difference, not a time
# (hw23: "reduces the training time by 6 hours", "shortens training by 2 days": the object may stand between verb and "by")
_SAVING_BEFORE_RE = re.compile(r"(?i)\b(?:sav(?:e|es|ed|ing)|shav(?:e|es|ed|ing)|reduc(?:e|es|ed|ing|tion)\s+of|"
                               r"(?:reduc|shorten|decreas|lower|cut)\w*\s+(?:\w+\s+){0,3}?by|speed-?ups?\s+of|gains?\s+of)\s+(?:us\s+)?"
                               r"(?:about\s+|around\s+|roughly\s+|nearly\s+|up\s+to\s+|~\s*)*$")
_SAVING_AFTER_RE = re.compile(r"(?i)^\s*(?:\w+\s+){0,3}?(?:faster|quicker|shorter|less|fewer)\b(?!\s+than\s+(?:a|an|one)\b)")


def a_saving(t: str, start: int, end: int) -> bool:
    """The time is a difference between two runs ("saves us 95 minutes per epoch", "2 days faster")."""
    return bool(_SAVING_BEFORE_RE.search(t[max(0, start - 40): start]) or _SAVING_AFTER_RE.match(t[end: end + 40]))


# A per-step/epoch time stated for several variants or as a range, in the rate's own clause: "one epoch took
# from 24 minutes to 2h45 for the small model, and from 50 minutes to 7h for the large one", "each epoch takes
# 3 hours for the base model and 10 hours for the large one": the main run is the largest variant's (on the
# largest data). What may stand between two of the times: a range's "to", or a short "for/on ..." phrase and
# "and/while/whereas"; never a verb or a word of the whole run ("..., and the full training takes 2 days").
_VARIANT_RANGE_GAP_RE = re.compile(r"^\s*(?:to|-|–|and)\s*$", re.I)
_VARIANT_GAP_RE = re.compile(r"^\s*(?:\([^()]{0,40}\)\s*)?(?:for|on|with|in|using|at)\b[^.;:]{0,60}?,?\s*"
                             r"(?:and|while|whereas|vs\.?|versus)\s+(?:(?:from|about|around|roughly|approximately)\s+|~\s*)?$", re.I)
_VARIANT_GAP_BAD_RE = re.compile(r"\b(?:took|takes?|taking|train\w*|total\w*|whole|overall|entire|full|complete|lasts?|"
                                 r"lasted|requires?|required|needs?|needed|per|each|every|all|converge\w*|inference|test\w*)\b", re.I)


def variant_rate(text: str, r) -> tuple[float | None, list[tuple[int, int]]]:
    """(the largest per-unit time of a rate stated for several variants or as a range in its clause, in the
    rate's hours per unit, or None when it states one time; the spans of the other variants' times)."""
    own = q.find_durations(r.text)
    if not own or own[-1].hours <= 0:
        return None, []
    per = r.hours_per_unit / own[-1].hours  # (1/k for "9.8 hours per 100 epochs")
    prev_end, best, spans = r.end, max(own[-1].high or own[-1].hours, own[-1].hours), []
    clause = re.split(r"[;:]|\.\s", text[r.end:], maxsplit=1)[0]
    for d in q.find_durations(clause):
        gap = text[prev_end: r.end + d.start]
        if d.data_amount or _VARIANT_GAP_BAD_RE.search(gap) or not (
                _VARIANT_RANGE_GAP_RE.match(gap) or _VARIANT_GAP_RE.match(gap)):
            break
        best, prev_end = max(best, d.high or d.hours, d.hours), r.end + d.end
        spans.append((r.end + d.start, prev_end))
        if re.match(r"\s*(?:per|/|each|every)\b", text[prev_end:], re.I):
            return None, []  # another rate of its own
    return (best * per if spans else None), spans


def rate_cands(c: Ctx) -> list[Cand]:
    out = []
    for r in q.find_rates(c.text):
        why = [f"rate {r.text!r}"]
        big, _ = variant_rate(c.text, r)
        variants = big is not None and big > r.hours_per_unit
        if variants:
            r = q.Rate(big, r.per, r.start, r.end, r.text)
            why.append("the largest of the per-step/epoch times stated for several variants")
        sc = score_context(c, why, r.text, r.start)
        if variants and "ablation/small-scale" in why:
            sc += 0.7  # ("for the small model and ... for the large one": the small one is the variant not taken)
            why.append("the small variant is not the one taken")
        if a_saving(c.text, r.start, r.end):
            sc -= 3.0
            why.append("a time saved, not the time of a step")
        if c.mentions or c.generic:
            sc += 0.5
        out.append(Cand("rate", r.hours_per_unit, c.s.page, c.text, r.text, sc, why, unit=f"hours/{r.per}",
                        sent_index=c.s.index, extra={"per": r.per}))
    return out


def _counts_in(sentence: str, per: str) -> list[q.Count]:
    """Numbers of steps/epochs stated as the run's length in a sentence ("for 300,000 steps"), not
    intervals ("every 1000 steps") or definitions ("one epoch corresponds to 50000 updates")."""
    out = []
    for cnt in q.find_counts(sentence):
        before = sentence[max(0, cnt.start - 30): cnt.start]
        if cnt.per != per or re.search(r"(?i)(?:every|each|per|first|after|warm-?up\s*(?:of)?|last)\s*$", before):
            continue
        if re.match(r"\s*(?:corresponds?\s+to|consists?\s+of|is\s+(?:defined|equal)|equals?\b|=|means\b|amounts?\s+to)",
                    sentence[cnt.end:], re.I):
            continue
        out.append(cnt)
    # "for 90 epochs", "a total of 1M steps" before any other mention
    out.sort(key=lambda c: not re.search(r"(?i)\b(?:for|total|of)\s*$", sentence[max(0, c.start - 30): c.start]))
    return out


def time_from_steps(rate_cands: list[Cand], sizes: dict) -> dict | None:
    """Hours from a per-step/per-epoch time x the number of steps/epochs (in the rate's sentence, else
    the chosen one)."""
    chosen = sizes
    rates = [r for r in rate_cands if r.score >= 2.3]
    if not rates:
        return None
    for r in sorted(rates, key=lambda r: -r.score):
        per = r.extra["per"]
        f = "epochs" if per == "epoch" else "steps"
        # a count in the same sentence first, then the chosen one
        # (a count that overlaps the rate's own words is the rate's unit: "A single training iteration ... lasts
        # 1.5 seconds" holds "A single training iteration" = 1, which the rate's match starts inside of)
        at = r.sentence.find(r.match)
        same = [c for c in _counts_in(r.sentence, per) if c.text not in r.match
                and not (at >= 0 and c.start < at + len(r.match) and at < c.end)]
        if not same and chosen.get(f) is not None and chosen[f]["sentence"] == r.sentence:
            continue  # the count is the rate's own unit ("one epoch takes 30 minutes"), not the run's length
        counts = same or ([] if chosen.get(f) is None else [None])
        if not counts:
            continue
        if same:
            cnt = same[0]
            n, n_text = cnt.value, cnt.text
        else:
            n, n_text = chosen[f]["value"], chosen[f].get("match")
        # "10 to 15 epochs" as a range
        rm = re.search(rf"(?P<a>{q.NUMBER})\s*(?:-|to)\s*(?P<b>{q.NUMBER})\s*{f[:-1]}", r.sentence if same else chosen[f]["sentence"], re.I)
        hours = r.value * n
        low = high = hours
        if rm:
            a, b = q.parse_number(rm.group("a")), q.parse_number(rm.group("b"))
            if a and b and b > a:
                low, high = r.value * a, r.value * b
                hours = (low + high) / 2
                n_text = rm.group(0)
        conf = max(0.1, min(0.8, r.confidence - 0.15))
        return {"value": round(hours, 3), "low": round(low, 3), "high": round(high, 3),
                "as_written": f"{r.match} x {n_text}", "page": r.page, "sentence": r.sentence,
                "confidence": round(conf, 2), "why": f"{'; '.join(r.why)}; x {n_text}",
                # structured provenance (est9): the count's place and the rate's training cue
                "cues": sorted({*provenance_cues(r), CUE_DERIVED_RATE} | (set() if same else {CUE_COUNT_APART}) |
                               ({CUE_COUNT_OTHER_PAGE} if not same and chosen[f].get("page") != r.page else set())),
                "rate": r.match, "count": n_text}
    return None


# ------------------------------------------------------------------ a time column whose unit is in its header
# "Model Params BLEU Training time (h)" over "Ours 65M 28.4 12", "Method GPU hours Top-1" over "Ours 420 81.2":
# the cells are bare numbers, the unit is the header's. A wall-clock column gives training_hours, a device-time
# column ("GPU hours", "TPU-core-days") chip_hours. Only where the header's columns and the row's cells line up
# (or the time column is the header's last); a mismatch is silence.
_HDR_UNIT = r"(?P<u>h|hrs?|hours?|d|days?|min|mins|minutes?|s|sec|secs|seconds?|weeks?)"
_HDR_TIME_COL_RE = re.compile(
    r"(?i)(?<![\w-])(?:"
    # a device-time column: "GPU hours", "GPU-days", "TPUv3-core-days", "A100 hours", "GPU·h", "Compute (GPU hours)"
    r"(?P<dev>(?:[A-Z]\d{2,4}|GPU|TPU[\s-]?(?:v\d)?|IPU|accelerator|chip|device|node|CPU)(?:[\s·-]*(?:core|chip))?)[\s·-]*"
    r"(?P<du>hours?|hrs?|h|days?|d|weeks?)(?![\w-])"
    r"|"
    # a wall-clock column with its unit: "Training time (h)", "Train (days)", "Time [min]", "Wall-clock (hours)"
    r"(?P<name>(?:(?:pre-?)?train(?:ing|\.)?\s*(?:wall[- ]?clock\s*)?(?:time|duration|cost)?|wall[- ]?(?:clock)?(?:\s*time)?|"
    r"time\s+to\s+train|run[- ]?time|time|duration))\s*[(\[]\s*(?:in\s+)?" + _HDR_UNIT + r"\s*[)\]]"
    r"|"
    # the unit as the column's name: "Training hours", "Train days", "Hours"
    r"(?P<tname>(?:(?:pre-?)?train(?:ing)?\s+)?)(?P<wu>hours|days)(?![\w-])"
    r")")
# not the run's wall clock: per epoch/step/iteration, inference, evaluation, a search, a speed
_HDR_NOT_RUN_RE = re.compile(r"(?i)(?:\bper\b|/\s*(?:epoch|step|iter\w*|it|batch|image|img|sample|token)s?\b|\b(?:epoch|step|iteration|iter|batch)\b|"
                             r"\b(?:infer\w*|test\w*|eval\w*|latency|decod\w*|sampl\w*|generat\w*|throughput|speed|search\w*|"
                             r"prepro\w*|tuning|fine-?tun\w*|saved|saving|speed-?up|reduc\w*)\b)")
# headers of a data table, where "Hours" is an amount of audio or video
_HDR_DATA_RE = re.compile(r"(?i)\b(?:data(?:set)?s?|corpus|corpora|speech|audio|speakers?|utterances?|recordings?|clips?|videos?|"
                          r"languages?|hours\s+of|split|domain|length|duration\s+of)\b")
# a bare cell: "12", "3.5", "1,024", "2.5k", "-" (no value), "3.50 x 4" (hours x devices), "12.1 ± 0.3"
_CELL_RE = re.compile(r"^(?:[~≈]?\d[\d,]*(?:\.\d+)?[kKM]?[*†‡§¶]?|[-–—]+|n/?a|N/?A)$")
_CELL_JOIN_RE = re.compile(r"^(?:[x×]|±|\+/-)$")


def _row_cells(text: str) -> tuple[str, list[str]] | None:
    """A row's label and its trailing bare cells ("Ours (large) 65M 28.4 12" -> "Ours (large) 65M", ["28.4",
    "12"]: "65M" is a cell too); "a x b" and "a ± b" are one cell each."""
    toks = text.split()
    cells: list[str] = []
    i = len(toks)
    while i > 0:
        t = toks[i - 1]
        if _CELL_RE.match(t):
            if i >= 3 and _CELL_JOIN_RE.match(toks[i - 2]) and _CELL_RE.match(toks[i - 3]):
                cells.insert(0, " ".join(toks[i - 3: i]))
                i -= 3
                continue
            cells.insert(0, t)
            i -= 1
            continue
        m = re.fullmatch(r"(\d[\d.,]*)\s*([x×])\s*(\d+)", t)
        if m:
            cells.insert(0, t)
            i -= 1
            continue
        break
    return " ".join(toks[:i]), cells


def _header_columns(header: str, keep: tuple[int, int]) -> list[tuple[int, int]]:
    """Column spans of a header row: a capitalized word (or a digit, '#', '%') starts a column, lowercase words
    and a parenthesized unit continue it; the time column's own span ``keep`` is one column."""
    spans: list[list[int]] = []
    for m in re.finditer(r"\S+", header):
        a, b = m.span()
        if a < keep[1] and b > keep[0]:  # the time column: one column, after the words that begin its name
            if spans and (spans[-1][1] > keep[0] or not re.match(r"[A-Z0-9#%Δ]", m.group(0))):
                spans[-1][1] = b  # "Training cost (GPU hours)", "Running time (h)"
            else:
                spans.append([a, b])
            continue
        w = m.group(0)
        starts = bool(re.match(r"[A-Z0-9#%Δ]", w)) and not re.match(r"[(\[↑↓]", w)
        if spans and (not starts or re.match(r"(?i)^(?:of|to|per|and|&|/|-)$", header[spans[-1][0]: spans[-1][1]].split()[-1])):
            spans[-1][1] = b
        else:
            spans.append([a, b])
    return [(a, b) for a, b in spans]


# a header's first column that names the rows' labels: the cells start at the second column
_LABEL_COL_RE = re.compile(r"(?i)^(?:models?|methods?|approach(?:es)?|systems?|networks?|architectures?|name|settings?|"
                           r"config\w*|variants?|baselines?|algorithms?|setups?|runs?|experiments?|#)\b")


HEADER_ROWS = 24  # the rows read under a header (same page, table rows only)
HEADER_TRAIN_BONUS = 1.0  # as a training word in the row's own text (score_context)


def header_unit_cands(sentences: list, make) -> list[Cand]:
    """Bare numeric cells under a header column that names a training time or device time with its unit."""
    out: list[Cand] = []
    for i, s in enumerate(sentences):
        if len(s.text) > 400 or s.kind not in ("table", "text", "caption"):
            continue
        if s.kind != "table" and (re.search(r"[.!?:;]\W*$", s.text) or i + 1 >= len(sentences)
                                  or sentences[i + 1].kind != "table" or sentences[i + 1].page != s.page):
            continue  # a header the layout left as text: unpunctuated, right above the table's rows
        m = _HDR_TIME_COL_RE.search(s.text)
        if not m:
            continue
        # a header merged into a caption or a prose line: where its columns begin is unknown, so only a time column
        # that ends the header is read (the row's last cell), and the tail must read as a header
        tail_only = s.kind == "caption" or len(s.text) > 200 or bool(re.search(r"[.!?;:]\s", s.text[:m.start()]))
        if tail_only and re.search(r"[.!?;:]\s", s.text[m.start():]):
            continue
        head = s.text[max(0, m.start() - 40):] if tail_only else s.text
        nums = re.findall(r"(?<![\w.-])\d+(?:[.,]\d+)*(?![\w.-])", re.sub(r"[(\[][^)\]]*[)\]]", " ", head))
        if len(nums) > 2 or re.match(r"\s*[~≈]?\d", s.text[m.end():]):
            continue  # a row with values ("Training hours 12" is table_duration_cands'), not a header
        name = m.group(0)
        cols = _header_columns(s.text, m.span())
        k = next((j for j, (a, b) in enumerate(cols) if a <= m.start() < b), None)
        if k is None:
            continue
        before = s.text[:m.start()].split()
        column = (before[-1] + " " if before and not re.match(r"[A-Z]", name) else "") + s.text[cols[k][0]: cols[k][1]]
        if _HDR_NOT_RUN_RE.search(column):
            continue  # "Time per epoch (h)", "Inference time (s)", "GPU hours / epoch"
        device = bool(m.group("dev"))
        if m.group("name") is not None:
            unit = m.group("u").lower()
            if not re.search(r"(?i)train|wall", m.group("name")) and not re.match(r"(?i)h|d|week", unit):
                continue  # "Time (s)", "Time (min)": a speed or latency more often than a run
        elif m.group("wu") is not None:
            unit = m.group("wu").lower()
            if not m.group("tname") and _HDR_DATA_RE.search(s.text):
                continue  # "Dataset Hours Speakers": hours of audio
        else:
            unit = m.group("du").lower()
        trains = device or bool(re.search(r"(?i)train|wall", m.group("name") or m.group("tname") or ""))
        per = 24.0 if unit.startswith("d") else 168.0 if unit.startswith("w") else 1 / 60 if unit.startswith("m") else \
            1 / 3600 if unit.startswith("s") else 1.0
        last = k == len(cols) - 1
        after = len(cols) - 1 - k  # columns right of the time column
        label_col = k > 0 and bool(_LABEL_COL_RE.match(s.text[cols[0][0]: cols[0][1]]))
        block: list[Cand] = []
        for r in sentences[i + 1: i + HEADER_ROWS + 1]:
            if r.page != s.page or r.kind != "table" or _HDR_TIME_COL_RE.search(r.text):
                break
            label, cells = _row_cells(r.text)
            if not cells:
                continue
            if tail_only:
                if after or not label:
                    continue  # only the header's last column: the row's last cell
                j = len(cells) - 1
            elif label_col and len(cells) != len(cols) - 1:
                continue  # "Model ..." heads the rows' labels: one cell fewer than columns, or they do not line up
            elif last and len(cells) in (len(cols), len(cols) - 1):
                j = len(cells) - 1
            elif len(cells) == len(cols) and not label_col:
                j = k  # no label column named above the rows' labels (an empty corner cell)
            elif len(cells) == len(cols) - 1 and label:
                j = k - 1  # the row's label under the first column
            else:
                continue  # the cells do not line up with the header's columns
            if j < 0:
                continue
            cell = cells[j]
            pm = re.fullmatch(r"(?P<a>[~≈]?\d[\d,]*(?:\.\d+)?[kKM]?)[*†‡§¶]?\s*(?:(?P<x>[x×])\s*(?P<n>\d+)|±\s*\S+)?", cell)
            if not pm:
                continue
            v = q.parse_number(pm.group("a").lstrip("~≈"))
            if not v:
                continue
            c = make(r)
            why = [f"table column {name!r}: the unit in the header"]
            sc = score_context(c, why, cell) + 1.0
            if trains and not (c.train or c.strong_train):
                sc += HEADER_TRAIN_BONUS  # the header says what the row's own words do not: a training time
                why.append("training time named by the column's header")
            sc += row_role(r.text, why)
            h = v * per
            extra = {"as_written": f"{cell} ({name.strip()})", "table": True}
            if device:
                n = int(pm.group("n")) if pm.group("x") else 1
                block.append(Cand("chip_hours", round(h * n, 3), r.page, r.text, cell, sc + 0.5, list(why),
                                unit=q.product_unit(m.group("dev")), extra=dict(extra), sent_index=r.index))
                if pm.group("x") and 1 < n <= 4096:  # "3.50 x 4" GPU hours: 3.5 hours on 4 devices
                    block.append(Cand("training_hours", round(h, 4), r.page, r.text, cell, sc,
                                      why + ["device-hours written as hours x devices: the wall clock"], unit="hours",
                                      low=round(h, 4), high=round(h, 4), extra={**extra, "qualifier": ""},
                                      sent_index=r.index))
            elif not pm.group("x"):
                block.append(Cand("training_hours", round(h, 4), r.page, r.text, cell, sc, why, unit="hours",
                                  low=round(h, 4), high=round(h, 4), extra={**extra, "qualifier": ""},
                                  sent_index=r.index))
        out += discount_others_table(sentences, i, block)
    return out
