"""What a sentence says about the run around a value: training or inference, ours or others', main
run or ablation, hypothetical or stated, which section. ``make_ctx`` reads a sentence once;
``score_context`` turns the cues into the hand-set part of every candidate's score (the learned ranker
reads the same cues as features)."""

from __future__ import annotations

import re

from .. import quantities as q
from ..pdftext import Sentence


# (hw19) a model's distillation is its training ("the student is distilled on 8 GPUs for 2 days", "knowledge distillation
# runs for 3 days"); a dataset's is not ("dataset distillation", "distillation of the data", "the distillation data")
# and "the distilled model/student" is a thing, not the act ("we evaluate the distilled student on 1 GPU")
_DISTILL = (r"(?<!data\s)(?<!dataset\s)(?<!corpus\s)(?<!data-)(?<!the\s)(?<!\ba\s)(?<!our\s)(?<!this\s)(?<!these\s)"
            r"distill(?:s|ed|ing|ation)?\b"
            r"(?!\s+(?:of\s+)?(?:the\s+|a\s+|our\s+)?(?:data|dataset|datasets|corpus|corpora|samples?)\b)"
            r"(?!\s+(?:models?|students?|networks?|versions?|variants?|checkpoints?|weights)\b)")
_TRAIN_RE = re.compile(
    r"\b(?:train|trains|trained|training|pre-?train\w*|fine-?tun(?:e|es|ed|ing)|learn(?:ed|ing|s)?|optimi[sz]\w*|converge\w*|"
    r"took|takes|take|taking|run|runs|ran|fit|fitted|experiments?)\b|\b" + _DISTILL,
    re.I,
)


_STRONG_TRAIN_RE = re.compile(
    r"\b(?:(?:train(?:ed|ing|s)?|(?<!data\s)(?<!dataset\s)distill(?:ed|ing|s)?)\s+(?:\w+\s+){0,4}?(?:for|in|on|with|using|over|takes?|took|lasted|requires?|required)|"
    r"training\s+(?:time|took|takes|lasted|requires?|required|run|process|procedure|was|is|of)|"
    r"(?:took|takes|take|taking|requires?|required|needs?|needed)\s+(?:\w+\s+){0,6}?to\s+(?:\w+\s+){0,2}?(?:train|converge|pre-?train|(?:complete|finish)\s+(?:the\s+|one\s+|an?\s+|each\s+|all\s+)?(?:\w+\s+)?(?:training|pre-?training|fine-?tuning|runs?|epochs?|optimi[sz]ation))|"
    r"to\s+(?:fully\s+|completely\s+)?(?:train|pre-?train|converge)|pre-?train(?:ed|ing)?|"
    r"(?:we|models?\s+(?:are|were|is|was))\s+(?:\w+\s+){0,2}?trained|"
    r"experiments?\s+(?:\w+\s+){0,3}?(?:were|are|was|is)\s+(?:\w+\s+){0,2}?(?:run|performed|conducted|carried\s+out|done)|"
    r"(?:iterations|epochs|steps|updates)\s+(?:are|were|is|was)\s+(?:\w+\s+)?(?:performed|run|done|conducted|carried\s+out|trained)|"
    r"for\s+\d[\d,.]*\s*[kKM]?\s+(?:iterations|epochs|steps|updates)|"
    # a number of passes and the time they take: "the 300-epoch schedule finishes in", "running 100k steps requires"
    # (no number, no run: "each epoch takes 20 minutes" is a rate; a comma ends it: "after 5 epochs, which takes")
    r"\d[\d,.]*\s*[kKM]?\s*-?\s*(?:iterations?|epochs?|steps|updates)\b(?:\s+[\w-]+){0,5}?\s+"
    r"(?:complete[sd]?|finish(?:es|ed)?|takes?|took|requires?|required|needs?|needed|lasts?|lasted))\b",
    re.I,
)


_SURVEY_RE = re.compile(
    r"\b(?:this|our|the\s+present)\s+(?:survey|review|overview|tutorial|primer|position\s+paper|book|chapter)\b|"
    r"\b(?:this\s+(?:paper|article|work)|we)\s+(?:survey|surveys)\b|\b(?:A|a)\s+(?:Survey|Review|Critical\s+Review|Tutorial|Primer)\s+(?:of|on)\b|"
    r"\bSurvey\s+(?:of|on)\b",
)


_WE_RE = re.compile(r"\b(?:we|our|ours|us)\b", re.I)


_INFER_RE = re.compile(
    r"\b(?:inference|infer|test[- ]time|testing\s+time|at\s+test|decod(?:e|es|ed|ing)|latency|latencies|"
    r"fps|frames?\s+per\s+second|run[- ]?time|running\s+time|per\s+(?:image|frame|"
    r"sample|query|sentence|video|example)|deploy\w*|real[- ]time|forward\s+pass(?:es)?|"
    r"evaluat(?:e|ed|ing|ion)\s+(?:on|with|using)|benchmark\w*|measured|generat(?:e|ing|ion)\s+(?:a|one|each)|"
    r"sampling|serving|extraction|extract(?:ing)?\s+features|speed\s+tests?|test(?:ed|ing)?\s+(?:the\s+)?speed|"
    r"speed\s+(?:\([^)]*\)\s+)?(?:is|was|are|were)\s+(?:tested|measured|evaluated)|"
    r"(?:tested|timed|profiled|benchmarked)\s+(?:[\w-]+\s+){0,3}?(?:on|with|using)|"
    r"QPS|queries\s+per\s+second|(?:to\s+)?process(?:es|ing)?\s+(?:one|a|an|each|every|a\s+single)\s+(?:image|frame|sentence|example|sample|video|query|utterance)|"
    r"precompute\w*|pre-?process\w*|feature\s+computation|"
    r"perform(?:s|ed|ing)?\s+(?:the\s+)?(?:detection|inference|prediction|segmentation|tracking|evaluation|retrieval)|"
    # a measurement setup: "we record the forward time ... on a GTX 1080", "throughput is reported with 8 A100s"
    r"(?<!training\s)(?:(?:forward|backward|inference|decoding)\s+)?(?:time|speed|latency|throughput|memory\s+(?:usage|footprint))\s+"
    r"(?:is|are|was|were)\s+(?:\w+\s+)?(?:recorded|reported|measured|profiled)|"
    r"(?:record|measur|profil)(?:e|es|ed|ing|s)?\s+(?:the\s+)?(?:forward|backward|inference|decoding|wall[- ]?clock|GPU|peak)?\s*"
    r"(?:time|speed|latency|throughput|memory)|"
    r"generat(?:e|es|ed|ing)\s+(?:the\s+)?(?:output|outputs|text|tokens|samples|images|responses)|"
    r"on\s+\d[\d,]*\s+(?:test\s+)?(?:images|frames|samples|sentences|queries|videos),?\s+it\s+takes|"
    r"(?:layers?|kernels?|operators?|operations?|modules?|ops|implementation|forward|backward)\s+(?:\w+\s+){0,2}?"
    r"(?:runs?|ran|takes?|took|executes?|executed|completes?)\s+(?:only\s+)?(?:in|at|within)\b|micro-?benchmark\w*)\b",
    re.I,
)


_STRONG_HYPO_RE = re.compile(
    r"\b(?:would|might|should)\s+(?:\w+\s+){0,2}?(?:be\s+)?(?:take|taken|require|required|need|needed|"
    r"cost|train|trained|finish|finished|complete|completed|run|fit|fits)\b|\bwould\s+have\b|\bif\s+(?:we|one|you)\s+(?:were|had|want)|"
    r"\bif\s+(?:its|their|our|the)\s+(?:\w+\s+){0,3}?(?:were|was)\b|\bwe\s+(?:expect|anticipate)\s+that\b",
    re.I,
)


_EXAMPLE_RE = re.compile(r"\b(?:e\.\s*g\.|for\s+example|for\s+instance|such\s+as|say)\s*,?\s*\(?\s*$", re.I)


_DATA_SPAN_RE = re.compile(
    r"\b(?:collected|recorded|gathered|logged|sampled|crawled|spann?(?:ing|s)?|covering|consecutive|period|"
    r"logs?|traffic|impressions?|timestamps?|users?|behaviors?|behaviours?|clicks?|recordings?|footage|"
    r"historical|days?\s+of\s+data|months?\s+of\s+data|A/B|online\s+experiments?|user\s+study|live)\b",
    re.I,
)


_HYPO_RE = re.compile(
    r"\b(?:would|could|might|should|may)\s+(?:\w+\s+){0,2}?(?:take|have|be|require|need|cost|train|finish)|"
    r"\bif\s+(?:we|one|you|it|our|its|their)\b|\bexpected\s+to\b|\bhypothetical\w*|\bprojected\b|\bwould\b|\bassum(?:e|ed|ing)\b|"
    r"\bcould\s+(?:\w+\s+){0,2}?(?:complete|fit|run)\b",
    re.I,
)


_ESTIMATE_RE = re.compile(r"\b(?:estimate[sd]?|suggests?)\s+(?:\w+\s+){0,8}?(?:would|could|might|can)\b", re.I)


_FACTUAL_TIME_RE = re.compile(r"\b(?:takes|took|lasted|requires|required|training\s+(?:time|process|run)\s+(?:is|was|takes|took))\b", re.I)


_CITE_RE = re.compile(
    r"\[\s*\d+(?:\s*[,–-]\s*\d+)*\s*\]|\(\s*[A-Z][\w'-]+(?:\s+(?:et\s+al\.?|and|&)\s*[A-Z]?[\w'-]*)?,?\s*(?:19|20)\d\d[a-z]?"
    r"(?:\s*;\s*[^)]*)?\)|\b[A-Z][\w'-]+\s+et\s+al\.?|\b[A-Z][\w'-]+\s+et\s+al\.?\s*\(\s*(?:19|20)\d\d"
)


_THIRD_RE = re.compile(r"\b(?:their|they|them|his|her)\b", re.I)


_USE_RE = re.compile(
    r"\b(?:use[sd]?|using|utiliz\w+|employ\w*|parallel\w+|distribut\w+|run|ran|running|execut\w+|perform\w+|"
    r"conduct\w+|carried\s+out|implemented|SGD|optimi[sz]er|Adam|gradients?|mini-?batch\w*|batch\s+size|epochs?|"
    r"iterations?|synchronous|asynchronous|data[- ]parallel\w*|model[- ]parallel\w*)\b",
    re.I,
)


_OTHERS_RE = re.compile(
    r"\b(?:its\s+authors|the\s+authors|previous(?:ly)?|prior\s+work|original(?:ly)?|"
    r"reported\s+(?:by|in)|was\s+trained\s+by|were\s+trained\s+by|baselines?|competing|"
    r"state[- ]of[- ]the[- ]art\s+(?:methods?|models?|systems?|approaches)|compared\s+(?:to|with))\b",
    re.I,
)


_PRETRAINED_ADJ_RE = re.compile(
    r"\b(?:from|with|using|on\s+top\s+of|initiali[sz]ed\s+(?:from|with))?\s*(?:an?|the|our|same|exact|publicly\s+available|"
    r"existing|off-the-shelf)?\s*(?:\w+\s+)?pre-?trained\s+(?:[\w-]+\s+){0,2}?(?:models?|weights|checkpoints?|networks?|encoders?|"
    r"backbones?|representations?|embeddings?|parameters|language\s+models?|LMs?)\b",
    re.I,
)


# (hw27) "trained" as an adjective of the model that then does something else: "The trained model transcribes an hour
# of audio in 2 minutes on 4 T4 GPUs", "our trained agent plays 100 games in 3 hours": a use of the model, no run
# (not "the model trained for 3 days", where the participle follows the noun and governs the run)
_TRAINED_ADJ_RE = re.compile(
    r"\b(?:the|our|a|an|each|every|this|these|those|final|fully|well|already)\s+(?:(?:fully|final|best|already)\s+)?"
    r"trained\s+(?:[\w-]+\s+){0,2}?(?:models?|networks?|nets?|agents?|polic(?:y|ies)|classifiers?|detectors?|"
    r"systems?|encoders?|decoders?|generators?|predictors?|checkpoints?|weights)\b"
    r"(?!\s+(?:\w+\s+)?(?:took|takes|take|requires?|required|needs?|needed|lasted|costs?)\b)",
    re.I,
)


def _training_text(t: str) -> str:
    """``t`` as the training cues read it: "a pre-trained model" is not a pre-training run, "the trained model
    decodes ..." no run at all."""
    t = _PRETRAINED_ADJ_RE.sub(" initialized model ", t)
    return _TRAINED_ADJ_RE.sub(" ready model ", t) if "rained" in t else t


# (hw24) A recipe we borrow: "Following the original paper, training takes 3 days on 4 GPUs", "as in the original
# implementation, we train ...": the run is ours (we follow the setup), not the original authors'. Not "according to
# the original paper, training took ..." (reported speech: hearsay) nor "the original paper trains ...".
_BORROWED_RECIPE_RE = re.compile(
    r"\b(?:following|we\s+follow|as\s+(?:in|with|done\s+in|described\s+in|suggested\s+(?:by|in)|recommended\s+(?:by|in)|"
    r"specified\s+in|prescribed\s+(?:by|in))|in\s+line\s+with|consistent\s+with)\s+(?:the\s+)?original(?:ly)?\s+"
    r"(?:\w+\s+)?(?:papers?|works?|implementations?|setups?|settings?|recipes?|protocols?|code(?:base)?|authors|schedules?|"
    r"configurations?|training\s+(?:setups?|settings?|recipes?|protocols?|schedules?))\b", re.I)


def without_borrowed_recipe(t: str) -> str:
    """``t`` with a borrowed-recipe phrase ("following the original paper") blanked to the same length."""
    return _BORROWED_RECIPE_RE.sub(lambda m: " " * len(m.group(0)), t) if "riginal" in t else t


_OTHERS_RUN_RE = re.compile(r"\b(?:the\s+original\s+[\w-]+|(?:its|the)\s+authors|(?:was|were)\s+trained\s+by|reported\s+(?:by|in))\b", re.I)


# Hearsay about someone else's run: "GPT-4 is rumored to have been trained on 25,000 A100 GPUs", "training X
# reportedly required ...", "prior work used 512 TPU chips": never this paper's run when said without we/our.
_HEARSAY_RE = re.compile(
    r"\b(?:is|are|was|were|has\s+been|have\s+been)\s+(?:widely\s+|reportedly\s+)?(?:rumou?red|reported|said|believed|claimed|"
    r"thought|understood|known|estimated)\s+to\s+(?:have|be|use|require|take|need)\b|"
    r"\b(?:is|are|was|were|has\s+been|have\s+been)\s+(?:\w+\s+)?estimated\s+at\b|"  # a cost estimated, not said with we/our
    r"\b(?:reportedly|allegedly|purportedly|rumou?red(?:ly)?)\b|"
    r"\b(?:prior|previous|earlier|existing|related|other)\s+(?:work|works|studies|approaches|methods|efforts|authors)\s+"
    r"(?:\w+\s+)?(?:used|uses|use|trained|train|required|requires|needed|needs|employed|relied)\b|"
    # a run attributed to a cited source: "According to [22], ...", "In [7], the network was trained ...",
    # "The authors of [12] report ...", "In Smith et al. (2020), ..." (not "Following [12]" / "As in [7]":
    # a borrowed setup; and never with we/our, which the caller checks)
    r"\baccording\s+to\s+(?:\[\d|[A-Z][\w-]+\s+et\s+al\b|(?:the\s+)?(?:original\s+)?authors\b)|"
    r"\bthe\s+authors\s+of\s+(?:\[\d|(?!(?:this|that|the|our)\b)(?-i:[A-Z]))|"
    r"^\W*In\s+(?:\[\d[\d,\s–-]*\]|[A-Z][\w-]+\s+et\s+al\.?\s*(?:\(\d{4}\w?\)|\[\d+\])?)\s*,|"
    # (hw15) a cited work as the sentence's subject, reporting or running: "Devlin et al. (2019) report that
    # pre-training took 4 days", "Smith and Lee [12] trained on 64 GPUs", "[7] uses 8 GPUs for 3 days"
    r"^\W*(?:(?-i:[A-Z])[\w-]+\s+(?:et\s+al\.?|(?:and|&)\s+(?-i:[A-Z])[\w-]+)\s*(?:\(\s*(?:19|20)\d\d\w?\s*\)|\[\d[\d,\s–-]*\])|"
    r"\[\d[\d,\s–-]*\])\s+(?:\w+\s+)?(?:report(?:s|ed)?|stat(?:e|es|ed)|not(?:e|es|ed)|mention(?:s|ed)?|show(?:s|ed)?|"
    r"estimat(?:e|es|ed)|(?:pre-?)?train(?:s|ed)?|us(?:e|es|ed)|requir(?:e|es|ed)|need(?:s|ed)?|took|takes|spent|ran|runs?)\b", re.I)


_FINETUNE_RE = re.compile(r"\bfine-?tun\w*|\bdownstream\b|\btransfer(?:red|ring)?\s+to\b|\breplicat\w*|\breproduc\w*", re.I)


_PRETRAIN_RE = re.compile(r"\bpre-?train(?:ing|s)?\b|\bpre-?trained\s+(?:for|on|with|using)\b|\bwe\s+pre-?trained\b", re.I)


_ABLATION_RE = re.compile(
    r"\b(?:ablations?|ablated|for\s+(?:the\s+)?analysis|analysis\s+experiments?|smaller|small(?:est)?\s+(?:model|network|version|variant)|toy|"
    r"preliminary|pilot|proxy|sanity|debug\w*|prototype|for\s+comparison|a\s+subset)\b",
    re.I,
)


_MAIN_RE = re.compile(
    r"\b(?:(?:our|the)\s+(?:final|full|main|best|largest|biggest|big|large|complete|reference|flagship|"
    r"headline|proposed)\s+(?:\w+\s+)?(?:model|network|system|run|architecture)s?|all\s+(?:of\s+)?(?:the\s+|our\s+)?"
    r"(?:models|experiments|networks|runs)|(?:big|large|largest)\s+models?)\b",
    re.I,
)


_BIG_RE = re.compile(r"\b(?:large|huge|giant|big|bigger|biggest|largest|XXL|XL|full-?size)\b|[-/](?:H|L|G|XL|XXL)(?:/\d+)?\b|LARGE\b|(?<=[a-z])Large\b")


_SMALL_RE = re.compile(
    r"\b(?:small|tiny|mini|smaller|smallest|lite)\b(?!-?batch)|\bbase\s+(?:model|version|variant|size|config\w*|network|architecture)s?\b"
    r"(?!\s+(?:pre-?)?train)|"
    r"[-/](?:S|B|Ti|T)(?:/\d+)?\b|BASE\b|(?<=[a-z])Base\b")


# Whether a sentence speaks of training the paper's model or of another activity (its run, its confidence):
# a training word proper (not "took/ran/run", which time anything), a run named as a noun ("all experiments were
# conducted on", "each 350M run took", "to develop our models"), and the activities whose hardware and time are
# not a training run: a deployed or hosted service and its uptime, collecting/recording/annotating data or a user
# study, a solver/simulation/rendering job, a benchmark's time limit.
_TRAIN_PROPER_RE = re.compile(r"\b(?:train\w*|pre-?train\w*|fine-?tun\w*|learn(?:ed|ing|t)|converge\w*|optimi[sz]\w*|"
                              r"epochs?|iterations?|updates|gradients?|back-?prop\w*|SGD|Adam[WP]?|RMS-?Prop|Adagrad|"
                              r"learning\s+rates?|mini-?batch\w*|batch\s+sizes?)\b|\b" + _DISTILL, re.I)
_RUN_NOUN_RE = re.compile(
    r"\b(?:experiments?|(?:each|every|one|the|our|a|this|that|full|final|main|single|whole|longest|largest)\s+"
    r"(?:[\w.-]+\s+){0,3}?runs?\b(?!\s+(?:on|for|in|at|with|across|under|over)\b)|"
    r"(?:develop|build|obtain|produc)\w*\s+(?:\w+\s+)?(?:the\s+|our\s+|all\s+)?models?)\b", re.I)
_OTHER_ACTIVITY_RE = re.compile(
    # (a service, not a provider's product: "Amazon Web Services", "a cloud service", "Open Data Processing Service")
    r"\b(?:deploy\w*|in\s+production|(?<!web\s)(?<!cloud\s)(?<!computing\s)(?<!compute\s)(?-i:servic\w+)|"
    r"serv(?:e|es|ed|ing)\s+(?:\w+\s+)?(?:requests?|users?|queries|traffic|clients?)|"
    r"uptime|hosted|hosting|demo\w*|"
    r"collect(?:s|ed|ing|ion|ions)?\b|record(?:ed|ing|ings)|annotat\w+|crowd\w*|participants?|user\s+stud\w+|questionnaires?|interviews?|"
    r"volunteers?|recruit\w*|"
    r"solv(?:er|ers|e|es|ed|ing)|simulat\w+|render\w*|finite[- ]element|molecular\s+dynamics|monte\s+carlo|ray[- ]trac\w*|"
    r"time\s+(?:limit|budget|out)|timeouts?|cut-?off\s+time|"
    # (hw18) the jobs that make or prepare data, or study a system, named as nouns or gerunds: "Data gathering used 64
    # CPU workers", "crawling the web", "labelling by annotators", "preprocessing ran on 32 cores", "profiling took 2
    # hours", "dataset generation took 6 days", "distillation of the dataset" (a model's distillation is training)
    r"gather(?:s|ed|ing)|crawl\w*|scrap(?:e|es|ed|ing)\s+(?:the\s+)?(?:web|data|pages?|sites?)|label(?:l?ing|l?ed\s+by)|"
    r"pre-?process(?:es|ed|ing)?|profil(?:e|es|ed|ing)\b(?!\s+of)|"
    r"(?:data(?:set)?|corpus|synthetic\s+data|sample|trajector(?:y|ies))\s+(?:generation|creation|construction|synthesis|curation|"
    r"distillation|preparation|cleaning|filtering|deduplication)|"
    r"(?:generation|creation|construction|synthesis|curation|distillation|preparation|cleaning|filtering|deduplication)\s+of\s+"
    r"(?:the\s+|our\s+)?(?:[\w-]+\s+)?(?:data(?:sets?)?|corpus|corpora|samples|trajectories|benchmark)\b)\b", re.I)


# "on A100 GPUs in 8x and 16x configurations": a study of hardware configurations, not the run
_CONFIG_STUDY_RE = re.compile(r"\b\d+\s*x\s*(?:and|or|,)\s*\d+\s*x\s+(?:\S+\s+){0,2}?(?:configurations?|setups?|settings)\b", re.I)
_SPEEDUP_RE = re.compile(r"\b(?:speed-?ups?|faster\s+than|slower\s+than|times\s+faster|scal(?:ing|ability|es)\s+(?:to|with|up|efficiency)|reduc\w+\s+(?:the\s+)?training\s+time)\b", re.I)


_HUMAN_RE = re.compile(r"\b(?:human|humans|players?|annotators?|participants?|testers?|subjects|crowd\w*|raters?|labell?ers?)\b", re.I)


_SEARCH_RE = re.compile(r"\b(?:search(?:ing)?|self-?play|selfplay|actors?|data\s+generation|rollouts?|simulat\w+|hyper-?parameter\s+tuning|sweep)\b", re.I)


# A sentence that acknowledges hardware: thanks (or gratitude) with a word of giving, or a donation.
ACK_SENTENCE_RE = re.compile(
    r"\b(?:thank\w*|grateful\w*|indebted)\b[^.;]{0,200}?\b(?:donat\w+|gift\w*|provid\w+|support\w*|grants?|granting|"
    r"access|sponsor\w*|credits?|generous\w*)\b|\backnowledge\s+(?:the\s+)?(?:generous\s+)?(?:support|donation|funding)\b|"
    r"\bdonat(?:ed|ion|ions|ing)\b", re.I)
_DONATION_RE = re.compile(r"\b(?:donat\w+|gift|grant\w*|support\s+of\s+NVIDIA|generous\w*|thank\w*|gratefully|acknowledg\w+)\b", re.I)


_GENERIC_DEVICE_RE = re.compile(
    r"\b(?P<gpu>GPUs?|graphics\s+(?:cards?|processing\s+units?)|GPU-?s)\b|\b(?P<tpu>(?:Cloud\s+)?TPUs?)\b|"
    r"\b(?P<cpu>CPUs?|(?:Intel\s+)?Xeon|Opteron|EPYC)\b",
)


# Statements about models in general, not this paper's run ("for many large models, training lasts a
# week or even a month", "training can take weeks").
_GENERIC_CLAIM_RE = re.compile(
    r"\b(?:for\s+(?:many|most|some|such)\s+(?:[\w-]+\s+){0,2}?(?:models|networks|tasks)|or\s+even\s+(?:for\s+)?(?:a\s+|several\s+)?"
    r"(?:days?|weeks?|months?|years?)|(?:can|may)\s+take\s+(?:up\s+to\s+)?(?:days|weeks|months|hours)|"
    # (hw26) what models of a kind can be trained in: "Models of this size can be trained on 8 GPUs in about a week",
    # "Such networks can be trained in a day" (a class of models as the subject, not ours: "Both models", "Our models")
    r"^\W*(?:(?:such|modern|most|many|typical|standard|large|deep|current)\s+)?"
    r"(?:(?!(?:both|all|the|these|those|our|their|its|each|two|three|four|several)\b)[\w-]+\s+)?(?:models|networks|LLMs|transformers)\s+"
    r"(?:of\s+(?:this|that|such|similar|comparable)\s+(?:size|scale|kind|type)\s+)?(?:can|could|may)\s+(?:\w+\s+)?be\s+trained)\b",
    re.I,
)
# Common practice, not a run: "modern detectors are typically trained on 8 GPUs for 12 hours" (a class of models
# named as such, or said in the introduction / related work; "models above 1B parameters typically take a day"
# in a setup section is the paper's own run)
_PRACTICE_RE = re.compile(
    r"\b(?:typically|usually|commonly|generally|normally|traditionally|often)\s+(?:be\s+)?(?:\w+\s+)?"
    r"(?:trained|train|takes?|requires?|needs?|run|runs|converges?|uses?|used)\b", re.I)
_MODEL_CLASS_RE = re.compile(r"\b(?:such|modern|most|many|existing|current|conventional|contemporary|state-of-the-art|"
                             r"typical|standard|popular|large-scale)\s+(?:[\w-]+\s+){0,2}?(?:models|networks|detectors|"
                             r"systems|architectures|LLMs|methods|approaches)\b", re.I)
# The compute of a whole set of experiments, not of one run ("overall, our experiments took about 3 days",
# "running the experiments outlined in this section required ... during two weeks").
_AGGREGATE_RE = re.compile(
    r"\b(?:(?:overall|in\s+total|altogether|all\s+in\s+all),?\s+(?:\w+\s+){0,2}?experiments|"
    r"(?:the|our|all|these)\s+(?:\w+\s+){0,2}?experiments\s+(?:outlined|described|reported|presented|shown|in\s+this)|"
    r"(?:full|whole|entire)\s+set\s+of\s+experiments|running\s+(?:all\s+)?(?:of\s+)?(?:the|our|these)\s+experiments)\b",
    re.I,
)
# "could be trained using a cloud TPU in 30 days", said without "we": an ability, not a run.
_COULD_RE = re.compile(r"\bcould\s+(?:\w+\s+){0,2}?(?:be\s+)?(?:(?:pre-?)?trained|train|completed?|run|finished)\b", re.I)
# A clause boundary where a sentence turns from one subject to another ("X was trained on a K40 GPU,
# while our models are trained on a CPU").
_CONTRAST_RE = re.compile(r",\s*(?:while|whereas|but)\b|;|\bwhereas\b|\bwhile\s+(?=our\b|we\b)|\bin\s+contrast\b", re.I)


# "Following Smith et al., who trained on 512 GPUs for 2 weeks, we train on 8 GPUs": a comma turning to "we/our"
# after a clause that names other people's work (a citation, "who", "they") is a clause boundary too.
_TURN_TO_US_RE = re.compile(r",\s*(?=(?:we|our)\b)", re.I)
_STRONG_OTHER_RE = re.compile(r"\bet\s+al\b|\[\s*\d|\(\s*[A-Z][\w-]+(?:\s+et\s+al\.?)?,?\s*(?:19|20)\d\d|\b(?:who|they|their|them)\b",
                              re.I)


def clause_owner(t: str, pos: int) -> str | None:
    """'ours' / 'others' when a sentence with a contrast clause says "we/our" in one clause only: whether the
    clause holding position ``pos`` is that one; None when the sentence has no such split."""
    cuts = sorted({0, len(t)} | {m.start() for m in _CONTRAST_RE.finditer(t)}
                  | {m.start() for m in _TURN_TO_US_RE.finditer(t) if _STRONG_OTHER_RE.search(t[:m.start()])})
    if len(cuts) <= 2:
        return None
    clauses = [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]
    ours = [bool(_WE_RE.search(t[a:b])) for a, b in clauses]
    if not any(ours) or all(ours):
        return None
    for (a, b), o in zip(clauses, ours):
        if a <= pos < b:
            if o:
                return "ours"
            # the other clause names its own subject: another model, a citation, "they"
            return "others" if _OTHER_SUBJECT_RE.search(t[a:b]) else None
    return None


_OTHER_SUBJECT_RE = re.compile(
    r"\b(?:they|their|them)\b|\[\s*\d+|\(\s*[A-Z][\w-]+(?:\s+et\s+al\.?)?,?\s*(?:19|20)\d\d|\bet\s+al\b|"
    # a subject that is not our model: "while the teacher was trained on 64 GPUs", "the original paper used ..."
    r"\bthe\s+(?:\w+\s+)?(?:teacher|baselines?|original|prior|previous|reference|competing|existing)\b|"
    # (hardware and platform names are no other model: "on a DGX-2 with its 16 V100 GPUs", "RTX 3090", "NVLink")
    r"\b(?!(?:GPU|TPU|CPU|GB|TB|NVIDIA|AMD|RAM|FLOP|FP|BF|SGD|LSTM|CNN|RNN|DGX|HGX|RTX|GTX|TITAN|NVLink|NVL|SXM|PCIe|HBM|"
    r"NVMe|InfiniBand|AWS|GCP|TPUv)s?(?:[\d-][\w-]*)?\b)(?=[\w-]*[A-Z][\w-]*[A-Z])[A-Za-z][\w-]*[A-Za-z]\b")


# "GPT-3 was trained on 10,000 V100 GPUs", "BERT-Large took 4 days to train", "AlphaGo Zero, which was
# trained on 64 GPUs, ...": the run of a model named as the sentence's subject, said without we/our. It is
# this paper's run only if the paper calls the name its own (title, "we propose X", "our X": ``own_model_keys``).
_NAMED_SUBJECT = (
    r"^\W*(?:(?:For\s+example|For\s+instance|E\.\s*g\.|Notably|In\s+particular|Similarly|Likewise|Moreover|However|"
    r"In\s+comparison|By\s+comparison|For\s+comparison|Recently|Originally|For\s+reference)\s*,?\s*)?"
    r"(?:[Tt]he\s+)?(?P<name>[A-Z][\w.+-]*(?:\s+[A-Z0-9][\w.+-]*){0,2})\s*(?:\([^()]{0,80}\)\s*)?(?:\[[\d,\s\u2013-]+\]\s*)?"
    r"(?:(?:model|network|system|agent)\s+)?,?\s*")
_NAMED_RUN_RE = re.compile(
    _NAMED_SUBJECT + r"(?:(?:which|that)\s+)?"
    r"(?:(?:was|were|had\s+been|has\s+been)\s+(?:\w+\s+){0,2}?(?:pre-?)?trained\b|(?:took|required|needed|used|consumed)\b|"
    r"(?:pre-?)?trained\s+(?:for|on|over)\b|"  # "OpenAI Five trained for 10 months on ...", "BERT trained on 16 TPUs ..."
    # its size told first, then its run: "GPT-3 has 175B parameters and was trained on 300B tokens"
    r"(?P<sized>(?:has|had|contains|contained)\b[^.;]{1,80}?)\band\s+(?:was|were)\s+(?:\w+\s+)?(?:pre-?)?trained\b)")
# the same run told in the present, the work cited after its verb: "BYOL is trained for 1000 epochs on 512 TPU v3 cores
# [17]", "NeRF takes 1-2 days to train on a single V100 GPU [30]" (uncited, or cited only at the name, a named model's
# run in the present is mostly the paper's own setup: "ResNet-50 [12] is trained for 90 epochs")
_NAMED_PRESENT_RUN_RE = re.compile(
    _NAMED_SUBJECT + r"(?:(?:is|are)\s+(?:\w+\s+){0,2}?(?:pre-?)?trained\b|(?:takes|requires|needs|trains|uses)\b)")


def named_run_subject(t: str) -> re.Match | None:
    """The match of a sentence whose subject is a model's name (``model_key``) told with a verb of its run (see
    ``_NAMED_RUN_RE``: past, or present with a citation after the verb); its group "name", and "sized" when the
    model's size is told before its run ("GPT-3 has 175B parameters and was trained on ..."). Whose model it is, is
    the caller's to say (``own_model_keys``)."""
    m = _NAMED_RUN_RE.match(t)
    if m is None:
        m = _NAMED_PRESENT_RUN_RE.match(t)
        if m is None or not _CITE_RE.search(t, m.end()):
            return None
    return m if model_key(m.group("name")) else None


_NOT_A_MODEL_NAME = {"The", "This", "These", "That", "Those", "Our", "Each", "All", "Both", "It", "We", "Training", "Model",
                     "Models", "Table", "Figure", "Fig", "Section", "Experiments", "Pre-training", "Pretraining",
                     # a part of the paper's own schedule: "Stage 1 took 10 days", "Phase 2 was trained on ..."
                     "Stage", "Phase", "Step", "Round", "Part", "Run", "Experiment", "Setting", "Epoch", "Iteration", "Trial"}
_NAME_TOKEN_RE = re.compile(r"(?<![\w-])[A-Z][\w+.-]*")
_OWN_MARK_RE = re.compile(r"\b(?:we|We|our|Our)\b|\((?:ours|Ours)\)")
# after "we", verbs that name another's model rather than our own
_NOT_OWNING_VERB_RE = re.compile(
    r"\s+(?:\w+ly\s+)?(?:compare[sd]?|contrast|follow(?:ed)?|use[sd]?|adopt(?:ed)?|fine-?tune[sd]?|evaluate[sd]?|benchmark(?:ed)?|"
    r"initiali[sz]e[sd]?|borrow(?:ed)?|reuse[sd]?|re-?implement(?:ed)?|reproduce[sd]?|replicate[sd]?|distill(?:ed)?|"
    r"build\s+(?:up)?on|built\s+(?:up)?on|start(?:ed)?\s+from|employ(?:ed)?|leverage[sd]?|consider(?:ed)?|choose|chose|select(?:ed)?)\b",
    re.I)


def model_key(name: str) -> str | None:
    """'GPT-3' -> 'gpt', 'BERT-Large' -> 'bert', 'AlphaGo Zero' -> 'alphago'; None unless it looks like a model's
    name (two capitals or a digit: not 'The', 'Training')."""
    first = name.split()[0]
    if first in _NOT_A_MODEL_NAME or not re.search(r"[A-Z]\S*[A-Z]|\d", name) or _HW_NAME_ONLY_RE.search(name):
        return None
    m = re.match(r"[A-Za-z]+", first)
    return m.group(0).lower() if m and len(m.group(0)) >= 2 else None


_HW_NAME_ONLY_RE = re.compile(r"\b(?:GPU|TPU|CPU|NVIDIA|DGX|AWS|GCP)s?\b|^(?:[A-Z]{1,2}\d{2,4}|TPUv\d\w*|RTX|GTX|Titan|Tesla)\b", re.I)


def named_others_run(c: "Ctx") -> str | None:
    """The model named as the subject of a training sentence said without we/our (see ``_NAMED_RUN_RE``)."""
    if c.we:
        return None
    m = named_run_subject(c.text)
    if not m:
        return None
    if any(mm.start < m.end("name") and mm.end > m.start("name") for mm in c.mentions):
        return None  # "V100 GPUs were used": hardware, not a model
    return m.group("name")


# "We compare against LLaMA-2, which was trained on ... A100 GPUs for 1.7M GPU hours": a named model's run
# in a relative clause, wherever the sentence's own subject (even "we") is; values after the clause start.
_CLAUSE_RUN_RE = re.compile(
    r"(?P<name>[A-Z][\w.+-]*(?:\s+[A-Z0-9][\w.+-]*)?)\s*(?:\([^()]{0,80}\)\s*)?(?:\[[\d,\s\u2013-]+\]\s*)?,\s*"
    r"(?:which|that)\s+(?:(?:was|were|had\s+been|has\s+been)\s+(?:\w+\s+){0,2}?(?:pre-?)?trained\b|"
    r"(?:took|required|needed)\b)")


def named_clause_run(c: "Ctx") -> tuple[str, int] | None:
    """(model name, where its clause starts) for a named model's run said in a which-clause."""
    for m in _CLAUSE_RUN_RE.finditer(c.text):
        name = m.group("name")
        if any(mm.start < m.end("name") and mm.end > m.start("name") for mm in c.mentions):
            continue  # "8 V100 GPUs, which were ...": hardware, not a model
        if model_key(name):
            return name, m.end("name")
    return None

_NOT_OURS_AFTER_RE = re.compile(
    r"\b(?:initiali[sz]ed|initiali[sz]ation|from|based\s+on|built\s+(?:up)?on|on\s+top\s+of|than|compared|versus|vs\b|"
    r"unlike|like|instead|against|outperform\w*|surpass\w*|beats?|exceeds?|follows?|following|distill\w*|fine-?tun\w*)\b", re.I)


def own_model_keys(sentences, title: str = "") -> set[str]:
    """Names the paper calls its own: in its title (the start of the first page), and right after we/our or
    before '(ours)'."""
    keys: set[str] = set()
    for tok in _NAME_TOKEN_RE.findall(title):
        k = model_key(tok)
        if k:
            keys.add(k)
    for s in sentences:
        t = s.text
        if "e" not in t and "urs" not in t:
            continue
        for m in _OWN_MARK_RE.finditer(t):
            if m.group(0).lower() == "we" and _NOT_OWNING_VERB_RE.match(t, m.end()):
                continue  # "we compare against LLaMA-2", "we fine-tune BERT": named, not ours
            span = t[m.end(): m.end() + 60] if m.group(0).lower() in ("we", "our") else t[max(0, m.start() - 40): m.start()]
            if m.group(0).lower() in ("we", "our"):
                # (hw24) names after a word that relates ours to another model are that model's: "our model is
                # initialised from CLIP", "our network outperforms ResNet-50", "our model, unlike BERT, ..."
                cut = _NOT_OURS_AFTER_RE.search(span)
                span = span[:cut.start()] if cut else span
            for tok in _NAME_TOKEN_RE.findall(span):
                k = model_key(tok)
                if k:
                    keys.add(k)
    return keys


# The subject of the sentence is a job that is not training the model: "Training the tokenizer takes 2 hours
# on a CPU", "Generating the synthetic dataset took 12 hours on 32 CPU cores" (its hardware and time both).
_JOB_SUBJECT_RE = re.compile(
    r"^\W*(?:\d+\s+)?(?:In\s+(?:total|practice)\s*,\s*)?(?:the\s+)?(?:"
    r"(?:training|learning|fitting|building)\s+(?:the\s+|a\s+|our\s+)?(?:\w+\s+)?(?:tokeni[sz]ers?|vocabular(?:y|ies)|BPE|sentencepiece|word\s*piece|"
    # (hw27) an auxiliary model that serves the run: the reward model of an RL fine-tuning, a classifier that filters data
    r"reward\s+models?|(?:quality|toxicity|data[- ]filter\w*|filter(?:ing)?)\s+(?:classifiers?|models?))|"
    r"generat(?:ing|ion\s+of)\s+(?:the\s+|our\s+|all\s+)?(?:\w+\s+)?(?:data(?:sets?)?|samples|corpus|corpora|trajectories|labels|images|examples)|"
    r"(?:data|dataset)\s+(?:generation|collection|creation|synthesis)|"
    r"(?:collecting|creating|synthesi[sz]ing|rendering|annotating|labell?ing)\s+(?:the\s+|our\s+|all\s+)?(?:\w+\s+)?(?:data(?:sets?)?|samples|corpus|trajectories|labels|images|examples)"
    r")\b[^.;]{0,80}?\b(?:takes?|took|requires?|required|needs?|needed|lasts?|lasted|costs?|ran|runs?|was\s+(?:done|performed|run))\b", re.I)

# A released model's run in a relative clause: "we use the checkpoint released by the authors, which was
# trained on 64 TPUs" (values inside that clause are the authors').
_RELEASED_CLAUSE_RE = re.compile(
    r"\b(?:released|provided|published|open-?source[ds]?|publicly\s+available|off-the-shelf|pre-?trained\s+(?:checkpoints?|weights|models?)|"
    r"checkpoints?)"
    r"\b[^.;]{0,80}?,?\s*(?P<clause>(?:which|that)\s+(?:was|were|had\s+been|has\s+been)\s+(?:\w+\s+){0,2}?(?:pre-?)?trained\b[^,;]*)", re.I)


# (hw16) Someone else's run said in the passive: "The teacher model was trained for 5 days on 64 GPUs by its
# authors" (the agent names the others), "The pretrained checkpoints we downloaded were trained for 2 weeks" (the
# subject is a model obtained from elsewhere). The values after the passive verb are that run's. Not "the
# checkpoints we release were trained for 3 days" (our release), "our teacher was trained for 2 days".
_TRAINED_PASSIVE = r"(?:was|were|had\s+been|has\s+been|have\s+been|is|are)\s+(?:\w+\s+){0,2}?(?:pre-?)?trained\b"
_OTHERS_PASSIVE_RE = re.compile(
    _TRAINED_PASSIVE + r"[^;]{0,100}?\bby\s+(?:(?:its|the|their)\s+(?:original\s+)?(?:authors|creators|developers|maintainers)\b|"
    r"[A-Z][\w-]*\s+et\s+al\.|\[\s*\d)", re.I)
_OBTAINED_SUBJECT_RE = re.compile(
    r"^\W*(?:\d{1,2}\s+)?(?:the\s+|these\s+|those\s+|all\s+)?(?:(?!(?:our|my)\b)(?:[\w-]+\s+){1,4}?(?:that\s+|which\s+)?we\s+"
    r"(?:downloaded|obtained|borrowed|reused|re-used)\b|"
    r"(?:[\w-]+\s+)?(?:downloaded|off-the-shelf|publicly[- ]available|third-party|official)\s+(?:[\w-]+\s*){1,3}?)"
    r"[^.;]{0,60}?" + _TRAINED_PASSIVE, re.I)


def value_pos(t: str, local: str, at: int | None = None) -> int:
    """Where the value ``local`` sits in ``t``: its own position ``at`` when the caller knows it (a value written
    twice, "8 GPUs ... 8 GPUs", has two), else the first occurrence (-1: not in ``t``)."""
    if not local:
        return -1
    if at is not None and t.startswith(local, at):
        return at
    return t.find(local)


def others_passive_run(t: str, local: str, at: int | None = None) -> bool:
    """The value sits after a passive 'was trained' whose agent or subject is someone else's model (above)."""
    pos = value_pos(t, local, at) if local and "rained" in t else -1
    if pos < 0:
        return False
    m = _OTHERS_PASSIVE_RE.search(t) or _OBTAINED_SUBJECT_RE.search(t)
    if m and m.re is _OTHERS_PASSIVE_RE and pos >= m.end() and re.search(r"(?i)trained\s+by\s+\S+$", m.group(0)):
        # (hw24) the agent right after the verb, the values after it: "was pre-trained by [3] on 128 TPUs for a
        # week" (until a clause of ours: "..., and we fine-tune it on 4 GPUs")
        return not re.search(r"(?i)[;]|\b(?:we|our|us)\b", t[m.end():pos])
    return bool(m) and pos >= m.start() and (m.re is _OBTAINED_SUBJECT_RE or pos < m.end())


OTHERS_PASSIVE_WHY = "someone else's run ('was trained ... by its authors', 'the checkpoints we downloaded were trained')"


# "2 more days", "12 additional hours", "three extra weeks": a duration with a word between the number and its
# unit (what quantities reads without the word: "took another 2 days" it reads already)
_MORE_UNIT_HINT = re.compile(r"(?i)\b(?:more|additional|extra|further)\s+(?:days?|hours?|weeks?|minutes?|months?)\b|"
                             r"\d\+\s*(?:days?|hours?|weeks?)\b|\bfortnights?\b|\d\s*[dh]\s*\d{1,2}\s*[hm]\b")
# forms quantities does not read: "10+ hours" (a lower bound), "a fortnight", "3d12h", "2h 15m" (a clock form
# at the end of a sentence: "took 2h 15m.")
_PLUS_UNIT_RE = re.compile(r"(?i)(?<![\w.])(?P<n>\d[\d,]*(?:\.\d+)?)\s*\+\s*(?P<u>days?|hours?|weeks?)\b")
_FORTNIGHT_RE = re.compile(r"(?i)\b(?P<n>a|one|two|three|\d+)\s+fortnights?\b")
_GLUED_CLOCK_RE = re.compile(r"(?i)(?<![\w.])(?P<a>\d{1,3})\s*(?P<u>[dh])\s*(?P<b>\d{1,2})\s*(?P<v>[hm])(?:in)?\b(?!\.\d)")
_MORE_UNIT_RE = re.compile(rf"(?i)(?P<n>{q.NUMBER})\s+(?:more|additional|extra|further)\s+(?P<u>days?|hours?|weeks?|minutes?|months?)\b")


def _unit_duration(text: str, m: re.Match, n: float, qualifier: str):
    """N of the match's unit ("u": days, hours, ...), read in its context ("500 more hours of speech" is data)."""
    unit = m.group("u").lower().rstrip("s")
    h = n * q.HOURS_PER_UNIT[unit]
    return q._with_context(text, q.Duration(h, h, h, m.start(), m.end(), m.group(0), unit, qualifier))


def _more_durations(text: str, found: list) -> list:
    out = []
    for m in _MORE_UNIT_RE.finditer(text):
        n = q.parse_number(m.group("n"))
        if n is not None and n > 0 and not _overlaps(m, found):
            out.append(_unit_duration(text, m, n, ""))
    for m in _PLUS_UNIT_RE.finditer(text):
        n = q.parse_number(m.group("n"))
        if n and not _overlaps(m, found + out):
            out.append(_unit_duration(text, m, n, "over"))
    for m in _FORTNIGHT_RE.finditer(text):
        n = 1.0 if m.group("n").lower() in ("a", "one") else q.parse_number(m.group("n"))
        if n and not _overlaps(m, found + out):
            out.append(q._with_context(text, q.Duration(336.0 * n, 336.0 * n, 336.0 * n, m.start(), m.end(), m.group(0), "week", "")))
    for m in _GLUED_CLOCK_RE.finditer(text):
        a, b, u, v = int(m.group("a")), int(m.group("b")), m.group("u").lower(), m.group("v").lower()
        if (u, v) not in (("d", "h"), ("h", "m")) or (v == "h" and b >= 24) or (v == "m" and b >= 60):
            continue
        h = a * 24.0 + b if u == "d" else a + b / 60
        if not any(d.start == m.start() and abs(d.hours - h) < 1e-6 for d in found):
            found = [d for d in found if not (m.start() <= d.start < m.end())]  # ("2h" read alone from "2h 15m")
            out = [d for d in out if not (m.start() <= d.start < m.end())]
            out.append(q.Duration(h, h, h, m.start(), m.end(), m.group(0), "day" if u == "d" else "hour", ""))
    return out


def _overlaps(m: re.Match, ds: list) -> bool:
    return any(d.start < m.end() and m.start() < d.end for d in ds)


class Ctx:
    """One sentence as the candidate finders see it: its text, the chips it names, its durations, and
    its cues (training, inference, hypothetical, others' work, ...), each read on first use: most
    sentences yield no candidate and never need theirs."""

    _CUES = {  # cue -> (pattern, which text: plain / with "pre-trained model" neutralized / without citations after chips)
        "train": (_TRAIN_RE, "train"), "strong_train": (_STRONG_TRAIN_RE, "train"), "we": (_WE_RE, "plain"),
        "infer": (_INFER_RE, "plain"), "hypo": (_HYPO_RE, "plain"), "cite": (_CITE_RE, "cite"),
        "others": (_OTHERS_RE, "recipe"), "pretrain": (_PRETRAIN_RE, "train"), "ablation": (_ABLATION_RE, "plain"),
        "main": (_MAIN_RE, "plain"), "speedup": (_SPEEDUP_RE, "plain"), "human": (_HUMAN_RE, "plain"),
        "search": (_SEARCH_RE, "plain"), "donation": (_DONATION_RE, "plain"), "use": (_USE_RE, "plain"),
        "third": (_THIRD_RE, "plain"), "strong_hypo": (_STRONG_HYPO_RE, "plain"), "data_span": (_DATA_SPAN_RE, "plain"),
        "generic_claim": (_GENERIC_CLAIM_RE, "plain"), "aggregate": (_AGGREGATE_RE, "plain"), "could": (_COULD_RE, "plain"),
        "config_study": (_CONFIG_STUDY_RE, "plain"), "hearsay": (_HEARSAY_RE, "plain"),
        "train_word": (_TRAIN_PROPER_RE, "train"), "run_noun": (_RUN_NOUN_RE, "plain"),
        "other_activity": (_OTHER_ACTIVITY_RE, "plain"),
    }
    CUE_NAMES = tuple(_CUES) + ("finetune",)

    def __init__(self, s: Sentence, mentions: list, generic: list[tuple[int, int, str, str]]):
        self.s = s
        self.text = s.text
        self.mentions = mentions  # hardware ChipMention
        self.generic = generic  # (start, end, text, kind gpu|tpu|cpu)
        self.survey = False
        self.neighbor_infer = False
        self.neighbor_hw = False  # an adjacent sentence names accelerators (for "two nodes are needed")
        self.prev_ours = False  # the sentence before (same page) speaks of our own setup: we/our, no citation or others
        self.prev_trains = False  # ... and of training (a training word)
        self.prev_text = ""  # (hw15) the sentence before (same page, both text)
        # the sentence points back ("This takes ...", continues_previous_run) to a sentence before (same page) about
        # inference/evaluation (continues_infer) or another activity (continues_other) with no training word
        self.continues_infer = False
        self.continues_other = False
        self.setup_table = False  # (hw25) a table row under a caption naming our training setup (setup_caption)
        self._cues: dict[str, bool] = {}
        self._durations: list[q.Duration] | None = None
        self._texts: dict[str, str] = {}

    def __getattr__(self, name: str):
        cues = self.__dict__.get("_cues")
        if cues is None or (name not in Ctx._CUES and name != "finetune"):
            raise AttributeError(name)
        if name not in cues:
            if name == "finetune":
                cues[name] = bool(_FINETUNE_RE.search(self.text)) or self._text("train") != self.text
            elif name == "third":
                cues[name] = bool(_THIRD_RE.search(self.text)) and not (self.prev_ours and things_pronouns_only(self.text))
            elif name in _INHERITED_TRAIN_CUES and self.prev_trains and continues_previous_run(self.text):
                cues[name] = True  # "We train on 4 K40 GPUs. This takes about 3 days.": the previous sentence's run
            elif name in _INHERITED_ACTIVITY_CUES + _INHERITED_TRAIN_CUES and self.continues_activity:
                # "We evaluate the model on the test set. This takes about 3 hours on 2 GPUs.": "This" is the
                # evaluation; its take-verb times that activity, not a training run
                if name in _INHERITED_TRAIN_CUES:
                    cues[name] = False
                else:
                    cues[name] = self.continues_infer if name == "infer" else self.continues_other
            else:
                rx, which = Ctx._CUES[name]
                cues[name] = bool(rx.search(self._text(which)))
        return cues[name]

    def _text(self, which: str) -> str:
        if which == "plain":
            return self.text
        if which not in self._texts:
            t = self.text
            if which == "train":
                self._texts[which] = _training_text(t)
            elif which == "recipe":
                self._texts[which] = without_borrowed_recipe(t)
            else:  # "8 V100 GPUs [12]" cites the GPU, not other work
                for mm in self.mentions:
                    t = t[:mm.end] + re.sub(r"^(\s*)\[\s*\d+\s*\]", lambda x: x.group(1) + " " * (len(x.group(0)) - len(x.group(1))),
                                           t[mm.end:])
                self._texts[which] = re.sub(r"(\b(?:GPUs?|TPUs?)\s*)\[\s*\d+\s*\]", r"\1", t)
        return self._texts[which]

    @property
    def continues_activity(self) -> bool:
        """The sentence points back to an inference/evaluation or other activity and has no training word of its own."""
        return (self.continues_infer or self.continues_other) and not _TRAIN_PROPER_RE.search(self._text("train"))

    @property
    def other_job(self) -> bool:
        """The sentence's activity is not training (a service, a study, data collection, a solver/simulation/
        rendering job, a time limit, inference), and it has no training word of its own."""
        return (self.other_activity or self.infer) and not self.train_word

    @property
    def trains(self) -> bool:
        """The sentence speaks of training the model: a training word, or a run/experiments named as such and
        no other activity."""
        return self.train_word or (self.run_noun and not self.other_activity and not self.infer)

    @property
    def durations(self) -> list[q.Duration]:
        if self._durations is None:
            self._durations = q.find_durations(self.text)
            if _MORE_UNIT_HINT.search(self.text):
                extra = _more_durations(self.text, self._durations)
                spans = [(d.start, d.end) for d in extra]
                kept = [d for d in self._durations if not any(a <= d.start < b and (d.start, d.end) != (a, b) for a, b in spans)]
                self._durations = sorted(kept + extra, key=lambda d: d.start)
        return self._durations


_HW_NAME_RE = re.compile(r"\b(?:GPU|TPU|CPU)s?\b|(?<![\w.])[A-Z]{1,3}-?\d{2,4}\b|\bTitan\b|\bTesla\b|\bXeon\b", re.I)


# A sentence that goes on about the previous sentence's devices or run, by an explicit link: "We use eight GPUs.
# Each of them is an NVIDIA V100 with 32 GB." (they/them = our devices, not other people), "We train the model on
# 4 K40 GPUs. This takes about 3 days." (This = our training run). Only when the previous sentence (same page) is
# about our own setup (we/our, no citation, no others' wording): "Smith et al. used 8 GPUs. Each of them ..." and
# "We compare with X [4]. They trained ..." keep their reading.
_THING_PRONOUN_RE = re.compile(
    r"\b(?:each|all|both|either|none|one|two|three|four|six|eight|some|most|half|any)\s+of\s+them\b|"
    r"\bthey\s+(?:are|were|have|had|each|all|both|is|feature|come|share)\b", re.I)
_THEIR_PEOPLE_RE = re.compile(r"\b(?:their|his|her)\b", re.I)


def things_pronouns_only(t: str) -> bool:
    """Every they/them of the sentence names things ("each of them is", "they are all"), none their/his/her."""
    if _THEIR_PEOPLE_RE.search(t):
        return False
    n_third = len(_THIRD_RE.findall(t))
    return n_third > 0 and len(_THING_PRONOUN_RE.findall(t)) == n_third


# "This takes about 3 days.", "It took two weeks on 8 GPUs.", "The whole process requires 5 days.": a subject that
# points back (this/it/that, the whole process/procedure) with a verb of time or cost, at the sentence's start.
_CONTINUES_RUN_RE = re.compile(
    r"^\W*(?:(?:Overall|Altogether|In\s+total|In\s+practice|On\s+average)\s*,?\s*)?"
    r"(?:this|it|that|the\s+(?:whole|entire|full|complete|overall)\s+(?:process|procedure|run|thing))\s+"
    r"(?:\w+ly\s+)?(?:takes?|took|lasts?|lasted|requires?|required|needs?|needed|consumes?|consumed)\b", re.I)
_INHERITED_TRAIN_CUES = ("train", "strong_train", "train_word")
_INHERITED_ACTIVITY_CUES = ("infer", "other_activity")


_COMPARE_RE = re.compile(r"\b(?:compar\w+|unlike|versus|vs\.?|than)\b", re.I)


def continues_previous_run(t: str) -> bool:
    return bool(_CONTINUES_RUN_RE.match(t))


def previous_sentence_cues(text: str) -> tuple[bool, bool]:
    """(about our own setup, and about training) for the sentence before a candidate's."""
    ours = bool(_WE_RE.search(text)) and not (_CITE_RE.search(text) or _OTHERS_RE.search(without_borrowed_recipe(text)) or _THIRD_RE.search(text)
                                              or _COMPARE_RE.search(text))
    return ours, ours and bool(_TRAIN_PROPER_RE.search(_training_text(text)))


# what a sentence is about when it evaluates or tests (the inference cue of a candidate's own sentence asks for
# "evaluated on": here the object may come between, "We evaluate our model on ...")
_EVAL_ACTIVITY_RE = re.compile(r"\b(?:evaluat\w+|test(?:s|ed|ing)\b(?!\s+(?:set|split|data))|validat(?:e|es|ed|ing)\b|"
                               r"assess\w*|benchmark\w*|measur\w+)", re.I)


def previous_sentence_activity(text: str) -> tuple[bool, bool]:
    """(about inference/evaluation, about another activity than training) for the sentence before a candidate's,
    each only when it has no training word of its own: what a following "This takes ..." times."""
    if _TRAIN_PROPER_RE.search(_training_text(text)):
        return False, False
    return bool(_INFER_RE.search(text) or _EVAL_ACTIVITY_RE.search(text)), bool(_OTHER_ACTIVITY_RE.search(text))


def neighbour_cues(text: str) -> tuple[bool, bool]:
    """(about inference and not training, names hardware) for a sentence next to a candidate's."""
    return (bool(_INFER_RE.search(text)) and not _TRAIN_RE.search(text)), bool(_HW_NAME_RE.search(text))


# An accelerator named only to say it was not used ("on 32 CPU cores without any GPU", "no GPUs were used", "a GPU-free
# setup"): CPU-only training, not a device of the run (nor a host CPU "next to an accelerator")
_NEGATED_DEVICE_BEFORE_RE = re.compile(r"(?i)\b(?:without|no|not\s+(?:use|using|need|needing|require|requiring)|"
                                       r"instead\s+of|rather\s+than)\s+(?:(?:any|a|an|the|use\s+of|dedicated|special)\s+)*$")
_NEGATED_DEVICE_AFTER_RE = re.compile(r"(?i)^-?\s*(?:free|less)\b")


def negated_device(t: str, start: int, end: int) -> bool:
    """Is the device word at t[start:end] named only to say it was not used?"""
    if _NEGATED_DEVICE_AFTER_RE.match(t[end:]):
        return True
    # ("without any GPU-specific tuning" negates the tuning, not the device)
    return bool(_NEGATED_DEVICE_BEFORE_RE.search(t[max(0, start - 40): start])) and not re.match(r"-\w", t[end:])


def make_ctx(s: Sentence, hardware, published) -> Ctx:
    t = s.text
    mentions = hardware.find(t, published) if hardware is not None else []
    generic = []
    for m in _GENERIC_DEVICE_RE.finditer(t):
        if any(mm.start <= m.start() < mm.end or m.start() <= mm.start < m.end() for mm in mentions):
            continue
        if m.group("cpu") is None and negated_device(t, m.start(), m.end()):
            continue
        kind = "gpu" if m.group("gpu") else "tpu" if m.group("tpu") else "cpu"
        generic.append((m.start(), m.end(), m.group(0), kind))
    return Ctx(s, mentions, generic)


# A sentence about another activity than training (a deployed service and its uptime, a user study or data
# collection, a solver/simulation/rendering job, a benchmark's time limit) with no training word: its hardware and
# time are that activity's (inference has its own cue and penalty).
OTHER_ACTIVITY_PENALTY = 2.0
OTHER_ACTIVITY_WHY = "another activity than training (a service, a study, data collection, a solver/simulation/rendering job, a time limit), no training word"


_CLAUSE_CUT_RE = re.compile(r";|,\s*(?:and|while|whereas|but)\b|\s(?:while|whereas)\s", re.I)


def _clause_cuts(t: str) -> list[int]:
    """Where the sentence's clauses start (``_CLAUSE_CUT_RE``), with 0 and len(t) at the ends."""
    return [0] + [m.start() for m in _CLAUSE_CUT_RE.finditer(t)] + [len(t)]


def _clause_at(cuts: list[int], pos: int) -> tuple[int, int]:
    """The span of the clause holding position ``pos`` (0 <= pos < len(t))."""
    return max(x for x in cuts if x <= pos), min(x for x in cuts if x > pos)


def other_activity_clause(t: str, local: str, at: int | None = None) -> bool:
    """The other activity is named in the value's own clause ("All experiments run on 4 A100 GPUs, and the simulator
    runs on 32 CPU cores": the simulator's clause holds only the cores), and that clause names no run of ours."""
    pos = value_pos(t, local, at)
    if pos < 0:
        return True
    a, b = _clause_at(_clause_cuts(t), pos)
    clause = t[a:b]
    return bool(_OTHER_ACTIVITY_RE.search(clause)) and not _RUN_NOUN_RE.search(clause)


# (hw16) A sentence that joins two activities ("Generating the data took 1 day, and training the model took 3
# days on 8 GPUs", "Inference runs on 1 GPU, while training uses 8 GPUs"): a value in a later clause that names
# training of its own takes that clause's marks, not the first clause's job subject or the other clause's inference.
OTHER_CLAUSE_PENALTY = 2.0
OTHER_CLAUSE_WHY = "in a clause about another activity (inference, data collection ...) beside a training clause"
JOB_SUBJECT_WHY = "the time/hardware of a job that is not training the model (tokenizer, data generation ...)"


def value_clause(t: str, local: str, at: int | None = None) -> tuple[int, int] | None:
    """The span of the clause (cut at ';' and ', and/while/whereas/but') holding ``local`` (at ``at`` when given);
    None when the sentence is one clause or ``local`` is not in it or, its position not given, is in it twice."""
    if ";" not in t and "," not in t and "whereas" not in t and "while" not in t:
        return None  # (cheap: one clause)
    located = at is not None and bool(local) and t.startswith(local, at)
    pos = value_pos(t, local, at)
    if pos < 0 or (not located and t.find(local, pos + 1) >= 0):  # (written twice: which clause is not known)
        return None
    cuts = _clause_cuts(t)
    if len(cuts) < 3:
        return None
    return _clause_at(cuts, pos)


def cue_in_other_clause(c: Ctx, local: str, rx: re.Pattern, at: int | None = None) -> bool:
    """The value's own clause names training and not ``rx``'s cue (which another clause of the sentence names)."""
    own = own_training_clause(c, local, at) if local else None
    return own is not None and not rx.search(c.text[own[0]: own[1]])


def own_training_clause(c: Ctx, local: str, at: int | None = None) -> tuple[int, int] | None:
    """The value's clause, when the sentence has several and that clause names training of its own."""
    return _training_clause(c.text, value_clause(c.text, local, at))


def _training_clause(t: str, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """``span`` when it is a clause of ``t`` that names training of its own, else None."""
    if span is None or not _TRAIN_PROPER_RE.search(_training_text(t[span[0]: span[1]])):
        return None
    return span


def score_context(c: Ctx, why: list[str], local: str = "", at: int | None = None) -> float:
    """Shared evidence from the sentence; ``local`` is the text near the value (for local cues), ``at`` where it
    starts in the sentence when the caller knows (else its first occurrence: a value written twice, "8 GPUs ...
    8 GPUs", would take the first one's clause)."""
    sc = 1.0
    if c.strong_train:
        sc += 2.0
        why.append("training statement")
    elif c.train:
        sc += 1.0
        why.append("training word")
        if c.use:
            sc += 0.4
    elif c.use:
        sc += 0.8
        why.append("usage/optimization word")
    if c.we:
        sc += 0.5
    if c.main:
        sc += 0.7
        why.append("main/all models")
    span = value_clause(c.text, local, at) if local else None  # the value's clause (once: read by the marks below)
    own = _training_clause(c.text, span)
    if c.infer and not (own is not None and not _INFER_RE.search(c.text[own[0]: own[1]])):
        pen = 1.0 if c.strong_train else 2.5
        sc -= pen
        why.append("inference/timing context")
    if c.other_activity and not c.train_word and not c.infer and (c.continues_other or other_activity_clause(c.text, local, at)):
        sc -= OTHER_ACTIVITY_PENALTY
        why.append(OTHER_ACTIVITY_WHY)
    if own is None and local and c.train_word:
        clause = c.text[span[0]: span[1]] if span else ""
        if span and (_OTHER_ACTIVITY_RE.search(clause) or _INFER_RE.search(clause)) and not _RUN_NOUN_RE.search(clause):
            sc -= OTHER_CLAUSE_PENALTY
            why.append(OTHER_CLAUSE_WHY)
    if c.strong_hypo:
        sc -= 3.0
        why.append("hypothetical (would/might ...)")
    elif c.could and not c.we:
        sc -= 4.5
        why.append("hypothetical (could be trained ..., not said of our run)")
    elif c.hypo:
        k = 1 + bool(_ESTIMATE_RE.search(c.text))
        if k == 1 and _FACTUAL_TIME_RE.search(c.text) and not re.search(r"(?i)\b(?:would|if)\b", c.text):
            sc -= 0.5  # "could be trained with 4 GPUs, and the training process takes 2.5 days": an ability, stated as fact
        else:
            sc -= 2.5 * k
        why.append("hypothetical/estimate")
    if re.match(r"^\W*(?:\d{1,2}\s+)?(?:For\s+example|For\s+instance|E\.\s*g\.|As\s+an\s+example)\b", c.text):
        sc -= 1.2
        why.append("an example")
    if c.neighbor_infer and not c.train and not table_like(c):
        sc -= 1.5
        why.append("neighbouring sentences are about inference")
    if c.survey and not (c.we and c.strong_train):
        sc -= 2.5
        why.append("survey/review paper")
    if local and _EXAMPLE_RE.search(c.text[:max(0, value_pos(c.text, local, at))][-30:]):
        sc -= 2.0
        why.append("an example ('e.g.')")
    if c.cite and (c.others or c.third or not c.we) and not cite_only_in_later_comparison(c, local, at):
        sc -= 1.5 if c.we else 2.2
        why.append("cites other work")
    elif c.others and not c.we:
        # "the original BERT was trained ...", "the authors trained ...": said of someone else's run
        sc -= 1.6 if _OTHERS_RUN_RE.search(c._text("recipe")) else 0.8
        why.append("others/baseline wording")
    elif c.third and not re.search(r"(?i)\b(?:our|ours)\b", c.text):
        sc -= 1.0
        why.append("about their (others') setup")
    if c.hearsay and not c.we:
        sc -= 4.5
        why.append("hearsay about another run (reportedly, is rumored to have, prior work used ...)")
    if c.config_study:
        sc -= 1.5
        why.append("a study of hardware configurations")
    if _JOB_SUBJECT_RE.match(c.text) and not (own is not None and own[0] > 0):
        sc -= 3.0
        why.append(JOB_SUBJECT_WHY)
    if local and others_passive_run(c.text, local, at):
        sc -= 4.5
        why.append(OTHERS_PASSIVE_WHY)
    if local:
        rm = _RELEASED_CLAUSE_RE.search(c.text)
        pos = value_pos(c.text, local, at)
        if rm and rm.start("clause") <= pos < rm.end("clause"):
            sc -= 3.0
            why.append("in a clause about a released model's training")
    if not c.we and _PRACTICE_RE.search(c.text) and (c.s.section in ("abstract", "introduction", "related")
                                                     or _MODEL_CLASS_RE.search(c.text)):
        sc -= 5.0
        why.append("common practice ('typically trained ...'), not a run")
    if c.generic_claim and not c.we:  # never the run: it outweighs the cues of a training statement
        sc -= 5.0
        why.append("a claim about models in general")
    if local:
        owner = clause_owner(c.text, max(0, value_pos(c.text, local, at)))
        if owner == "others":
            sc -= 2.0
            why.append("in a clause about others (another clause says 'we/our')")
    if c.finetune and not c.pretrain:
        sc -= 0.8
        why.append("fine-tuning")
    if c.pretrain:
        sc += 0.3
    if c.ablation:
        sc -= 0.7
        why.append("ablation/small-scale")
    if c.speedup and not c.strong_train:
        # "on a single V100, our layer runs 3x faster than ...": a speed measurement, not the training run
        sc -= 1.8
        why.append("speed-up/scaling comparison, no training statement")
    elif c.speedup:
        sc -= 0.6
        why.append("speed-up/scaling comparison")
    big, small = bool(_BIG_RE.search(c.text)), bool(_SMALL_RE.search(c.text))
    if big and not small:
        sc += 0.4
        why.append("large variant")
    elif small and not big:
        sc -= 0.4
        why.append("small/base variant")
    if c.human and not (own is not None and not _HUMAN_RE.search(c.text[own[0]: own[1]])):
        sc -= 1.0
    if c.s.kind == "table":
        sc -= 0.3
        if c.setup_table and not (c.train or c.strong_train):
            sc += SETUP_TABLE_BONUS
            why.append(SETUP_TABLE_WHY)
    sec = c.s.section
    if sec == "related":
        sc -= 2.0
        why.append("related-work section")
    elif sec == "acknowledgements":
        sc -= 4.0
        why.append("acknowledgements")
    elif sec == "references":
        sc -= 6.0
    if sec not in ("acknowledgements", "references") and ACK_SENTENCE_RE.search(c.text):
        # a footnote or an unheaded paragraph that thanks someone for hardware is read as the acknowledgements are
        sc -= 4.0
        why.append("an acknowledgement (thanks for / donation of hardware) outside an acknowledgements section")
    return sc


_COMPARE_WORD_RE = re.compile(r"(?i)\b(?:compared\s+(?:to|with)|than|as\s+opposed\s+to|unlike|versus|vs\.?|whereas|while|"
                              r"in\s+contrast\s+to)\b")


def cite_only_in_later_comparison(c: Ctx, local: str, at: int | None = None) -> bool:
    """'our model trains within a second, as compared to several hours in [3, 15]': every citation comes after
    the value, in the comparison that follows it; the value itself is ours."""
    if not local or not c.we:
        return False
    pos = value_pos(c.text, local, at)
    if pos < 0:
        return False
    end = pos + len(local)
    cites = [m.start() for m in _CITE_RE.finditer(c._text("cite"))]
    if not cites or min(cites) < end:
        return False
    return _COMPARE_WORD_RE.search(c.text, end, min(cites)) is not None


def in_comparison(t: str, start: int) -> bool:
    """The value sits in a clause about something else: "compared to X, trained with 128 GPUs", "than VGG (19.6B)"."""
    clause = re.split(r"[;:]|,\s+(?:while|whereas|but|and\s+(?:we|our)|we|our)\b", without_borrowed_recipe(t[max(0, start - 140): start]))[-1]
    clause = re.sub(r"(?i)\b(?:less|more|fewer|greater|rather|other|longer|shorter)\s+than\b", " ", clause)
    return bool(re.search(r"(?i)\b(?:compared\s+(?:to|with)|unlike|in\s+contrast\s+to|than|whereas|vs\.?|versus|"
                          r"outperform(?:s|ed|ing)?|surpass(?:es|ed|ing)?|beats?|beating|"
                          r"instead\s+of|they|their|them|previous(?:ly)?|prior|existing|earlier|original(?:ly)?|baselines?)\b",
                          clause)
                or re.search(r"\bof\s+(?:the\s+)?[A-Z][\w-]*\d*\s*\(\s*$", clause))


def local_role(t: str, start: int, end: int, why: list[str]) -> float:
    """Cues right around a count: 'for training' vs 'for self-play/inference/evaluation'."""
    after = t[end: end + 45].lower()
    before = t[max(0, start - 45): start].lower()
    sc = 0.0
    if re.match(r"^\W*(?:\w+\s+){0,2}?(?:for|during)\s+(?:the\s+)?(?:pre-?)?training\b", after) or re.search(
            r"(?:train(?:ed|ing)?|pre-?train(?:ed|ing)?|learn\w*)\s+(?:\w+\s+){0,5}?(?:on|with|using|over|across)\s+(?:\w+\s+)?$", before):
        sc += 1.0
        why.append("bound to training")
    elif re.search(r"\bbatch(?:es|[- ]?size)?(?:\s+(?:of|is|was|=))?\s*(?:\d[\d,]*\s*)?,?\s*(?:\w+\s+){0,2}?"
                   r"(?:over|across|among|on|split\s+(?:over|across|among))\s+(?:the\s+)?$", before):
        sc += 1.0  # "a batch size of 512 across 8 GPUs", "batch size aggregated over 4 GPUs": data-parallel training
        why.append("a batch spread over the devices")
    after = re.sub(r"^\s*[(\[]\s*\d+(?:\s*[,-]\s*\d+)*\s*[)\]]", "", after)  # a citation after the device
    if re.match(r"^\W*(?:\w+\s+){0,2}?(?:(?:for|during|in)\s+(?:the\s+)?(?:self-?play|selfplay|inference|evaluation|testing|"
                r"decoding|data\s+generation|acting|actors?|search|generation|serving|rollouts?|simulation)|"
                r"to\s+(?:generate|produce|play|evaluate|serve|collect|simulate|decode|run\s+inference|act))", after):
        sc -= 2.0
        why.append("bound to a non-training job")
    elif re.match(r"^\W*(?:\w+\s+){0,2}?to\s+(?:pre-?)?train\b", after):
        sc += 1.0
        why.append("bound to training")
    # (a model/system that "runs on" devices is deployed; "experiments were run on 8 GPUs", "6 days of wall-clock
    # time on 128 GPUs" are the training run)
    if re.search(r"(?:inference|decoding|evaluat\w+|test\w*|benchmark\w*|deploy\w*|measured|timed|speed|"
                 r"(?:model|network|method|system|algorithm|approach|pipeline|detector|tracker|it|code|app)\s+(?:\w+\s+)?runs?)"
                 r"\s+(?:\w+\s+){0,4}?(?:on|with|using)\s+(?:\w+\s+)?$", before) and "train" not in before:
        sc -= 1.5
        why.append("bound to inference/timing")
    # "48 GPUs for the base model and 64 GPUs for the large model": the value of each variant
    var = re.match(r"^\W*(?:\w+\s+){0,3}?(?:for|of|with)\s+(?:the\s+|our\s+)?(?:[\w-]+\s+)?(?P<size>base|small|smaller|tiny|mini|"
                   r"medium|large|larger|largest|big|bigger|biggest|huge|giant|full)(?:-sized?)?\s+(?:\w+\s+)?"
                   r"(?:models?|versions?|variants?|networks?|configurations?|settings?)\b", after)
    if var:
        big = var.group("size") in ("large", "larger", "largest", "big", "bigger", "biggest", "huge", "giant", "full")
        sc += 0.8 if big else -0.8
        why.append("bound to the large variant" if big else "bound to a smaller variant")
    # "designed to fit in a single 80GB GPU": a memory budget, not the devices of a run
    if re.search(r"\bfit(?:s|ting|ted)?\s+(?:(?:\w+\s+){0,2}?(?:in|into|onto|within)\s+(?:\w+\s+){0,3}?|on\s+)?$",
                 before):
        sc -= 2.5
        why.append("fits in memory (a capacity, not a run)")
    return sc


# (hw25) A caption naming the table as our training setup or compute: "Training configuration", "Pre-training details",
# "Hyper-parameters of our runs", "Compute resources", "Training cost of our models", "Compute used to train each
# model". Its rows ("GPUs 8", "Time 40 h", "Hardware 8x A100") carry no training word of their own; the caption says it.
# Not a caption of timings or comparisons ("Inference speed", "Training time of the compared methods", "Training cost
# reported by prior work"), and a caption naming training time or cost only when it says the models are ours.
_SETUP_CAPTION_RE = re.compile(
    r"(?i)\b(?:(?:pre-?)?train(?:ing)?\s+(?:setup|set-up|settings?|details|configurations?|hyper-?parameters?|recipes?)|"
    r"hyper-?parameters?|implementation\s+details|experimental\s+(?:setup|settings?|details)|"
    r"(?:compute|computational|computing|hardware)\s+(?:resources|budget|details|setup|configuration|used)|resources\s+used|"
    r"(?:compute|resources|hardware)\s+(?:used\s+)?(?:to|for)\s+(?:pre-?)?train)")
_OUR_TRAINING_CAPTION_RE = re.compile(r"(?i)\b(?:(?:pre-?)?training|train)\s+(?:cost|time|duration|compute)s?\s+of\s+(?:our|the\s+proposed)\b")
_NOT_SETUP_CAPTION_RE = re.compile(
    r"(?i)\b(?:inference|latency|throughput|speed|deploy\w*|evaluation|test(?:ing)?|compar\w*|baselines?|existing|"
    r"prior|previous|other\s+(?:methods|models|works)|reported|fine-?tun\w*|search)\b")
SETUP_TABLE_WHY = "a row of a table of our training setup (its caption)"
SETUP_TABLE_BONUS = 1.0  # as a training word in the row's own text


def setup_caption(caption: str) -> bool:
    return bool((_SETUP_CAPTION_RE.search(caption) or _OUR_TRAINING_CAPTION_RE.search(caption))
                and not _NOT_SETUP_CAPTION_RE.search(caption))


TABLE_CAPTION_REACH = 30  # units between a table row and its caption (the rows of one table)


def table_caption(sentences: list, i: int) -> str:
    """The caption of the table whose row is ``sentences[i]``: above its rows (only table units between, same page),
    else right below them."""
    page = sentences[i].page
    for steps in (range(i - 1, max(-1, i - TABLE_CAPTION_REACH - 1), -1),
                  range(i + 1, min(len(sentences), i + TABLE_CAPTION_REACH + 1))):
        for j in steps:
            s = sentences[j]
            if s.page != page:
                break
            if s.kind == "caption":
                return s.text
            if s.kind != "table":
                break
    return ""


# a key-value table's header row: "Hyper-parameter Value", "Setting Value", "Configuration Value"
_KEY_VALUE_HEADER_RE = re.compile(r"(?i)^\W*(?:hyper-?param\w*|param\w*|settings?|config\w*|items?|names?|keys?)\s+values?\W*$")


def setup_table(sentences: list, i: int) -> bool:
    """Is the table row ``sentences[i]`` in a table of our training setup: its caption says so (setup_caption), or,
    with no caption found, its first row is a key-value header ("Hyper-parameter Value")."""
    caption = table_caption(sentences, i)
    if caption:
        return setup_caption(caption)
    page = sentences[i].page
    j = i
    while j > 0 and sentences[j - 1].kind == "table" and sentences[j - 1].page == page and i - j < TABLE_CAPTION_REACH:
        j -= 1
    return bool(_KEY_VALUE_HEADER_RE.match(sentences[j].text))


# (hw25) what may stand between a count or time and a second one whose noun or unit is left out (counts._elliptic_cands,
# durations.elliptic_duration_cands): no other job or other work, and another model or variant of ours named
ELLIPTIC_OTHER_JOB_RE = re.compile(r"(?i)\b(?:test\w*|evaluat\w*|infer\w*|validat\w*|sampl\w*|decod\w*|generat\w*|bench\w*|"
                                    r"serv\w*|deploy\w*|measur\w*|annotat\w*|epochs?|steps?|iterations?|batch\w*|seeds?|"
                                    r"learning|decay\w*|rates?|schedul\w*|layers?|heads?|"
                                    # another's run: "while the baseline in [3] used 64", "whereas prior work relies on 512"
                                    r"baselines?|prior|previous|original|others?|their|they|et\s+al|authors?|reported)\b|\[\d")
# the clause left out names another model or variant of ours: "the large model", "large ones", "BERT-large", "the XL"
ELLIPTIC_VARIANT_RE = re.compile(r"(?i)\b(?:models?|networks?|versions?|variants?|ones?|configurations?|sizes?|large|larger|"
                                  r"largest|small|smaller|base|big|bigger|biggest|tiny|huge|XL|XXL)\b|\b[A-Z][\w]*-[\w-]+\b")


def elliptic_numbers(t: str, rx: re.Pattern, after: int):
    """The bare numbers ``rx`` finds after position ``after`` (a count's or a time's end) in a later clause that names
    another model or variant of ours, with no other job or other work between: (the number as written, start, end).
    ``rx`` has two alternatives, ``n`` (after a preposition or verb) and ``n2`` ("and N for the ...")."""
    for m in rx.finditer(t, after):
        g = "n" if m.group("n") else "n2"
        a, b = m.span(g)
        if ELLIPTIC_OTHER_JOB_RE.search(t[after: a]) or not ELLIPTIC_VARIANT_RE.search(
                t[m.start(): a] if g == "n" else t[m.start(): b + 30]):
            continue
        yield m.group(g), a, b


def table_like(c: Ctx) -> bool:
    """A table row: laid out as one, or a short label followed only by values."""
    return c.s.kind == "table" or bool(re.fullmatch(
        r"[^.;]{1,60}?(?:\s+[~≈]?\d[\d.,]*\s*[kKMB%]?(?:\s*(?:days?|hours?|h|weeks?))?){2,}\s*", c.text))


# A title set in capitals ("A REVIEW OF SPARSE EXPERT MODELS"): only where the title stands, since a
# heading in capitals further on ("2 A REVIEW OF PRIOR WORK") says nothing about the paper.
_SURVEY_TITLE_CAPS_RE = re.compile(r"\bA\s+(?:SURVEY|REVIEW|CRITICAL\s+REVIEW|TUTORIAL|PRIMER)\s+(?:OF|ON)\b|\bSURVEY\s+(?:OF|ON)\b")
# a subtitle that names the paper's kind: "X: A Decade Survey", "X: A Comprehensive Review", "X: Survey, Landscapes
# and Horizons" ("X: Automated Code Review" names a task, not the paper: without an article only "Survey" counts)
_SURVEY_SUBTITLE_RE = re.compile(r":\s*(?:(?:An?|The)\s+(?:[A-Z][\w-]*\s+){0,3}(?:Survey|Review|Overview|Tutorial)|"
                                 r"(?:[A-Z][\w-]*\s+){0,3}Survey)\b")
TITLE_CHARS = 400


def is_survey(first_pages_text: str) -> bool:
    """A survey/review/tutorial says so in its title or abstract."""
    title = first_pages_text[:TITLE_CHARS]
    return bool(_SURVEY_RE.search(first_pages_text[:6000]) or _SURVEY_TITLE_CAPS_RE.search(title)
                or _SURVEY_SUBTITLE_RE.search(title))


def score_inputs(c: Ctx, why: list[str]) -> float:
    """Context score for method-1 inputs: like score_context, but a forward pass or an inference
    cost is what FLOPs per forward *are*, so inference words do not count against them."""
    sc = 1.5
    if c.train or c.use:
        sc += 0.5
    if c.we:
        sc += 0.3
    if c.main:
        sc += 0.5
        why.append("main/all models")
    if c.strong_hypo or c.hypo:
        sc -= 1.0
        why.append("hypothetical")
    if c.cite and (c.others or c.third or not c.we):
        sc -= 1.5
        why.append("cites other work")
    if c.ablation:
        sc -= 0.5
    if c.finetune and not c.pretrain:
        sc -= 0.5
    if c.survey:
        sc -= 1.0
    if re.match(r"^\W*(?:\d{1,2}\s+)?(?:For\s+example|For\s+instance|E\.\s*g\.|As\s+an\s+example)\b", c.text):
        sc -= 1.0
        why.append("an example")
    sec = c.s.section
    if sec == "related":
        sc -= 2.0
    elif sec == "acknowledgements":
        sc -= 4.0
    return sc
