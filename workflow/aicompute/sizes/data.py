"""Training-data amounts (tokens, images, examples, ...) and sequence lengths in prose."""

from __future__ import annotations

import functools
import re

from .. import quantities as q

from .core import (
    Cand, RANGE, Unit, _MULT, _NUM, _SUF, _TRAIN_RE, _at_numbers, _base_score, _local_others, _value,
    clause_owner_adjust, others_or_smaller,
)
from .core import CUE_CITED_OWN_RUN, CUE_OTHER_WORK  # structured provenance (est9)


# ------------------------------------------------------------------ data size

_DATA_NOUNS = {
    "tokens": r"(?:sub-?word\s+|BPE\s+|word-?piece\s+|text\s+)?tokens|word\s*pieces|subwords|GT\b",
    "words": r"words(?!\s+(?:per|in\s+the\s+vocabulary))|running\s+words|word\s+corpus",
    "characters": r"characters|bytes\s+of\s+text",
    "images": r"(?:image-text\s+pairs|image[- ]caption\s+pairs|[(⟨<]\s*image\s*,\s*(?:text|caption)\s*[)⟩>]\s+pairs)|images|"
              r"photos|photographs|pictures|point\s*clouds|shapes|scans|patches|patch\s+pairs|(?:CAD|3D|3-D)\s+models|(?:3D\s+)?meshes",
    "videos": r"videos|video\s+clips|clips",
    "sentences": r"sentences?\s+pairs|sentences|parallel\s+sentences|segment\s+pairs|translation\s+pairs",
    "frames": r"frames|timesteps|time\s*steps|environment\s+steps|env\s+steps|transitions|interactions",
    "examples": r"examples|samples|instances|data\s*points|documents|articles|questions|question-answer\s+pairs|queries|"
                r"dialogues|conversations|games|episodes|demonstrations|trajectories|records|impressions|clicks|sessions|"
                r"triplets|utterances|recordings|instructions|prompts|problems|programs|molecules|structures|proteins|"
                r"sequences|pairs|texts|reviews|tweets|posts|captions",
}
_NOUN_ALT = "|".join(f"(?P<{k}>{v})" for k, v in _DATA_NOUNS.items())
_DATA_ADJ = (r"(?:(?:training|train|labeled|labelled|unlabeled|unlabelled|annotated|English|parallel|aligned|unique|"
             r"high-resolution|natural|synthetic|colou?r|RGB|grayscale|greyscale|web|text|total|additional|human-written|"
             r"bilingual|monolingual|noisy|clean|filtered|pre-?training|distinct|real|raw|augmented|generated|single-view|"
             r"\d+\s*x\s*\d+|3D|2D|[\w-]+-(?:level|style|based|language|domain)|English-\w+|"
             r"Wikipedia|Common\s*Crawl|source|target|input|speech|spoken|image|video|audio|text-image|"
             r"self-?play|gameplay|expert|human|bot-generated|query-document|question-answer|click|user|"
             r"fine-?tuning|instruction|chat|math|code)\s+){0,3}"
             r"(?:(?!(?:of|in|per|for|to|and|or|the|a|an|each|every|with|from|on|at|by|are|were|is|was|that|which|"
             r"test|testing|validation|val|dev)\b)[A-Za-z][\w-]*\s+){0,2}?")
_DATA_RE = re.compile(
    rf"(?P<n>{_NUM}){_SUF}\+?\s*(?:-\s*)?(?P<adj>{_DATA_ADJ})(?:{_NOUN_ALT})\b", re.I)
# the unit as a hyphenated suffix of the number, before a collection noun: "a 300B-token corpus", "a 2.5M-image subset",
# "the 60,000-example training set", "a 40B-word crawl" (not "a 32k-token vocabulary", "a 512-token context", "a
# 1,000-image test set")
_HYPHEN_UNITS = {
    "tokens": r"(?:sub-?word-|BPE-|text-)?token",
    "words": r"word",
    "characters": r"character",
    "images": r"image-(?:text|caption)-pair|image|photo|photograph|picture|scan",
    "videos": r"video|clip",
    "sentences": r"sentence-pair|sentence",
    "frames": r"frame|transition",
    "examples": r"example|sample|instance|document|article|question|dialog(?:ue)?|conversation|utterance|record|review|"
                r"prompt|trajectory|episode|demonstration|pair",
}
_HYPHEN_DATA_RE = re.compile(
    rf"(?P<n>{_NUM}){_SUF}\s*-\s*(?:{'|'.join(f'(?P<{k}>{v})' for k, v in _HYPHEN_UNITS.items())})\s+"
    r"(?P<adj>(?:(?!(?:of|in|per|for|to|and|or|the|a|an|with|from|on|at|by)\b)[\w-]+\s+){0,2}?)"
    r"(?:corpus|corpora|data\s*sets?|data|subsets?|collections?|sets?|splits?|crawl|pool|mixture|sample|stream|archive|"
    r"partition|portion|mix)\b", re.I)
_OF_EVAL_SET_AFTER_RE = re.compile(r"(?i)^\s*(?:of|from)\s+(?:the\s+|our\s+|its\s+)?(?:[\w-]+\s+){0,2}?(?:test(?:ing)?|"
                                   r"validation|val|dev(?:elopment)?|evaluation|eval|held-?out)\b")
_GT_RE = re.compile(r"(?<![\w.])(?P<n>\d+(?:\.\d+)?)\s?(?P<suf>[GMBT])T\b")  # "350GT" = 350 gigatokens
# "50,000 train and 10,000 test images", "a training set of 60,000", "9,843 shapes for training"
_SPLIT_RE = re.compile(
    rf"(?P<n>{_NUM}){_SUF}\s*(?:/|\s)\s*(?:train(?:ing)?)\b(?:\s*(?:images|examples|samples|sentences|pairs)?)?"
    rf"(?:\s*(?:,|and|/)\s*(?:{_NUM}){_SUF.replace('?P<suf>', '?:')}\s*(?:test(?:ing)?|validation|val|dev(?:elopment)?)\b)?"
    rf"(?:\s*(?:,|and|/)\s*(?:{_NUM}){_SUF.replace('?P<suf>', '?:')}\s*(?:test(?:ing)?|validation|val|dev(?:elopment)?)\b)?"
    rf"\s*(?P<adj>{_DATA_ADJ})(?:{_NOUN_ALT})?", re.I)
_N_SET_RE = re.compile(
    rf"(?P<n>{_NUM}){_SUF}\s*(?:-\s*)?(?:(?!(?:of|in|per|for|and|or|the|a|an)\b)[\w-]+\s+){{0,3}}?(?:training|train|pre-?training)\s+"
    r"(?:set|split|data(?:set)?|corpus)\b", re.I)
_SET_OF_RE = re.compile(
    rf"\b(?:training|train)\s+(?:set|split|data|corpus|partition|portion)\s+(?:of|with|contains|contained|has|had|holds|held|"
    rf"consists\s+of|comprises|includes|included|"
    rf"size\s+(?:is|of))\s+(?:about\s+|around\s+|approximately\s+|roughly\s+|~\s*)?(?P<n>{_NUM}){_SUF}"
    rf"(?!\s*(?:%|classes|categories|hours|GB|MB|TB))", re.I)
# amounts that are not the training set, by the words before them: per class/domain ("each class has 600"),
# a buffer's capacity ("a replay buffer of the most recent 1 million games"), a part left out ("excluding 5000")
_NOT_TRAIN_DATA_BEFORE_RE = re.compile(
    r"(?i)(?:\b(?:each|every|per)\s+(?:\w+\s+)?(?:class|category|categor|domain|task|language|subject|user|speaker|identity|"
    r"person|video|split|fold|source|client|shard)\b[^.;,]{0,40}?\b(?:has|have|had|contains?|includes?|consists\s+of|comprises?|"
    r"with)\s+(?:about\s+|around\s+|approximately\s+|roughly\s+|only\s+|up\s+to\s+)?"
    r"|\b(?:replay\s+)?(?:buffer|memory|queue|cache|memory\s+bank)\s+(?:of|with|holding|that\s+holds|stores?|keeps?|containing|"
    r"size\s+of)\s+(?:\w+\s+){0,3}"
    r"|\b(?:excluding|except(?:\s+for)?|minus|apart\s+from|leaving\s+out|hold(?:ing)?\s+out|held\s+out|removing)\s+"
    r"(?:the\s+|about\s+|around\s+)?"
    r"|\bepoch\s+(?:is|was|lasts?|lasted|consists\s+of|comprises|contains|=|of)\s+(?:about\s+|around\s+)?"  # "a training epoch is 250,000 frames"
    r"|\b(?:on\s+average|average|avg\.?|mean|median|typically)\s+(?:of\s+)?(?:about\s+|around\s+)?)$")  # "contain on average 454 words"
# "the GSM8K evaluation set contains 1,319 samples", "a development set from X containing 1,000 examples"
_EVAL_SUBJECT_RE = re.compile(
    r"(?i)\b(?:test(?:ing)?|evaluation|eval|validation|val|dev(?:elopment)?|held-?out)\s+(?:set|split|data|benchmark)s?\b"
    r"(?P<between>[^.;]{0,60}?)\b(?:contain\w*|consist\w*\s+of|compris\w*|includ\w*|has|have|had|with|of)\s+"
    r"(?:about\s+|around\s+|approximately\s+|roughly\s+|only\s+|over\s+|~\s*)?$")
# "280k images in the training, validation and testing splits": the total of every split
_ALL_SPLITS_AFTER_RE = re.compile(r"(?i)^\s*(?:\w+\s+){0,2}?(?:(?:across|over|in)\s+\d[\d,]*\s+(?:[\w-]+\s+){1,2}?)?(?:in|across|over|for|from|with)\s+"
                                  r"(?:the\s+|all\s+|its\s+|an?\s+)?(?:combined\s+|whole\s+|entire\s+|full\s+|union\s+of\s+(?:the\s+)?)?"
                                  r"(?:[\d/,.]+\s+)?"
                                  r"(?:training|train)\s*(?:,|/|and)\s*(?:validation|val|dev|test)")
# "630,420 images, divided into training set, testing set and an extra set": the total of every split (round 15)
_DIVIDED_INTO_SPLITS_AFTER_RE = re.compile(
    r"(?i)^[^.;]{0,30}?\b(?:(?:which|that)\s+(?:is|are|was|were)\s+)?(?:divided|split|partitioned|separated|broken)\s+"
    r"(?:up\s+)?into\s+(?:an?\s+|the\s+)?(?:official\s+)?(?:training|train)\s*(?:sets?|splits?|subsets?|portions?|parts?)?\s*"
    r"(?:,|/|and)\s*(?:an?\s+|the\s+)?(?:validation|val|dev|development|test|testing|extra)\b")
# "and 20,000 sentences as unlabeled supplement": an amount given a role that is not the training set's, in a
# sentence that names the training set ("2,000 pairs as the training set") (round 15)
_SIDE_ROLE_AFTER_RE = re.compile(
    r"(?i)^\s*(?:[\w-]+\s+){0,4}?as\s+(?:the\s+|an?\s+|our\s+)?(?:unlabell?ed|unannotated|auxiliary|supplement\w*|"
    r"extra|additional|distractors?|negatives?|pool|memory|reference|calibration|holdout|held-out)\b")
_AS_TRAINING_SET_RE = re.compile(r"(?i)\bas\s+(?:the\s+|our\s+|a\s+)?(?:labell?ed\s+)?(?:training|train)\s+(?:set|split|data)\b")
# words that tie a data amount to a training run (besides _TRAIN_RE); "our dataset" is the paper's own data
# ("for instruction tuning" is a training use; "an instruction tuning dataset" is a kind of dataset)
_DATA_TRAIN_WORDS_RE = re.compile(r"(?i)\bfine-?tun\w*|\bpre-?train\w*|"
                                  r"\binstruction[- ]tun(?:e|es|ed|ing)\b(?!\s+(?:data|datasets?|corpus|corpora|collections?)\b)|"
                                  r"\btrain(?:ing)?\s+(?:set|split|data)|\bepochs?\b|"
                                  r"\bour\s+(?:own\s+)?(?:[\w-]+\s+)?(?:dataset|corpus|data)\b")
# "1000 images from testing", "10,000 documents ... that were not used during training": held out of the training data
_HELD_OUT_AFTER_RE = re.compile(r"(?i)^\s*(?:[\w-]+\s+){0,2}?from\s+(?:the\s+)?(?:test|testing|validation|val|dev)\b|"
                                r"^[^;]{0,100}?\b(?:not|never)\s+(?:been\s+)?(?:used|seen)\s+(?:for|during|in)\s+training")
UNLINKED_PENALTY = 1.2
# the training part of a total stated in the same sentence: "12,500 images, of which 10,000 are used for training",
# "5T tokens, of which we train on 350B", "260,108 frames were extracted, where 200,000 of them were used for training"
# (the number has no noun: it is the total's)
_PORTION_OF_TOTAL_RE = re.compile(
    rf"(?i)\b(?:of\s+(?:which|these|them|those)|among\s+(?:which|these|them)|where|whereof),?\s+(?:the\s+|only\s+|about\s+|"
    rf"around\s+|approximately\s+|roughly\s+|~\s*)?(?P<n>{_NUM}){_SUF}(?:\s+of\s+(?:them|these|which))?\s+"
    r"(?:(?:are|were|is|was|have\s+been|had\s+been)\s+(?:randomly\s+)?(?:used|selected|kept|reserved|taken|chosen|sampled|"
    r"allocated|retained)\s+(?:for|as|to)\s+(?:the\s+|our\s+)?(?:train\w*|fine-?tun\w*|pre-?train\w*)\b|"
    r"(?:for|as)\s+(?:the\s+|our\s+)?(?:train\w*|fine-?tun\w*|pre-?train\w*)\b)"
    rf"|\b(?:of\s+which|of\s+these|of\s+them|from\s+which),?\s+we\s+(?:only\s+)?(?:use|used|train|trained|pre-?train|pre-?trained|"
    rf"fine-?tune|fine-?tuned)\b(?:\s+(?!on\b)[\w-]+){{0,4}}?\s+(?:on\s+|with\s+)?(?:the\s+first\s+|only\s+|about\s+|around\s+|"
    rf"approximately\s+|roughly\s+|~\s*)?(?P<n2>{_NUM}){_SUF.replace('?P<suf>', '?P<suf2>')}(?![\w%]|\.\d)"
    # "..., but we subsample 100k for fine-tuning", "we randomly select 5,000 of them to train the probe"
    rf"|\bwe\s+(?:then\s+|randomly\s+|only\s+|further\s+)*(?:sub-?sample|sample|select|take|keep|retain|use)\s+(?:only\s+|about\s+|"
    rf"around\s+|approximately\s+|roughly\s+|~\s*)?(?P<n3>{_NUM}){_SUF.replace('?P<suf>', '?P<suf3>')}\s+(?:of\s+(?:them|these|it)\s+)?"
    r"(?:for|to)\s+(?:the\s+)?(?:train\w*|fine-?tun\w*|pre-?train\w*)\b")
# a total whose training part is stated only as a share or a span: "45 million instances; we use 80% for training",
# "a 8:1:1 train/validation/test split", "the first six days are used for training" (the count trained on is not stated)
_SHARE_FOR_TRAINING_AFTER_RE = re.compile(
    r"(?i)^[^.]{0,80}?(?:\b\d+(?:\.\d+)?\s*(?:%|percent\b)|\b\d+\s*:\s*\d+(?:\s*:\s*\d+)?\b|\b(?:half|two-thirds|"
    r"three-quarters)\b|\b(?:first|last|earliest|latest)\s+(?:\w+\s+){0,2}?(?:days?|weeks?|months?|years?)\b)"
    r"[^.]{0,60}?\b(?:(?:for|as|into)\s+(?:the\s+|a\s+)?(?:train\w*|fine-?tun\w*)|used\s+to\s+(?:train|fine-?tune))\b")
# the amount seen during the run: "sees 300B tokens during pre-training", "processes 2M images over the course of training"
# one domain's part of a domain-adaptation run ("2,000 source images and 1,800 target images for training", "the source
# domain consists of 120k images"): the run trains on both domains, a total the paper does not state; and data added "as
# out-of-domain data" beside the in-domain data (not machine translation's "source tokens", nor "open-source programs")
_DOMAIN_PART_RE = re.compile(r"(?i)(?<![\w-])(?:source|target)\s+(?:domain\s+)?(?:[\w-]+\s+)?(?:images|samples|examples|"
                             r"instances|photos|data)\b")
_DOMAIN_PART_BEFORE_RE = re.compile(r"(?i)(?<![\w-])(?:source|target|training|train|test|testing)\s+domains?\b[^.;]*$")
_OUT_OF_DOMAIN_AFTER_RE = re.compile(r"(?i)^\s*(?:of\s+(?:[\w-]+\s+){0,3}?)?(?:as|of)?\s*(?:the\s+)?out[- ]of[- ]domain\b")
# a sample drawn to be shown ("t-SNE visualizations of the features of 10k samples", "we visualize 2,000 images"): a
# figure's points, not the run's data
_VISUALIZATION_RE = re.compile(r"(?i)\bt-?SNE\b|\bUMAP\b|\bvisuali[sz]\w*")
# the number (and its magnitude word) that opens an amount's text, so what follows is its noun ("2,000 source images")
_AMOUNT_PREFIX_RE = re.compile(r"[\d,.]*\s*(?:[kKMB]\b|thousand|million|billion)?\+?\s*", re.I)
_SEEN_IN_TRAINING_AFTER_RE = re.compile(r"(?i)^\s*(?:(?!(?:per|each|every|of|from|in)\b)\w+\s+){0,2}?(?:during|throughout|over\s+the\s+course\s+of|"
                                        r"in\s+the\s+course\s+of)\s+(?:the\s+|our\s+)?(?:\w+\s+)?(?:pre-?)?training\b")
# a sentence whose subject is the training set, up to the amount in the same clause: "The training set comprises 1,000 hours
# of transcribed speech (about 700k utterances)" (not past a held-out split: "..., and the test set 10,000 images")
_TRAINING_SET_OPENS_RE = re.compile(
    r"(?i)^\s*(?:the|our)\s+(?:\w+\s+)?(?:training|train|pre-?training)\s+(?:set|split|data|corpus|partition)\s+(?:comprises|contains|"
    r"consists\s+of|includes|has|holds|covers|is|was|totals|amounts\s+to)\b(?:(?!\b(?:test|testing|validation|val|dev|evaluation|held-?out)\b)[^.;])*$")
# the object of a training verb, through the set it is the size of or the name it restates: "trained on a dataset of 250k
# molecules", "we pre-train on a corpus of 2B tokens", "trained on COCO train2017 (118k images)", "Pre-training uses 4.5M
# image-text pairs" (not "trained on X (1.28M images) and evaluated on Y (50k images)": no bracket or clause in between)
_TRAINED_ON_SET_BEFORE_RE = re.compile(
    r"(?i)\b(?:trained|train|trains|training|pre-?trained|pre-?train|pre-?trains|fine-?tuned|fine-?tune)\s+(?:[\w-]+\s+){0,4}?(?:on|with|using)\s+"
    r"(?:(?:a|an|the|our)\s+(?:(?!(?:of|held|test|testing|validation|val|dev|evaluation)\b)[\w-]+\s+){0,2}?"
    r"(?:data\s*set|corpus|collection|set|subset)\s+of\s+"
    r"|(?:the\s+)?(?-i:[A-Z])[\w.-]*(?:\s+[\w.-]+){0,2}?\s*\(\s*)"
    r"(?:about\s+|around\s+|approximately\s+|roughly\s+|over\s+|nearly\s+|~\s*)?$"
    r"|\b(?:pre-?)?training\s+(?:uses|used|consumes|consumed|relies\s+on|draws\s+on)\s+(?:about\s+|around\s+|approximately\s+|"
    r"roughly\s+|over\s+|a\s+total\s+of\s+|~\s*)?$")
# the reasons a candidate is the training part of its sentence's data (the total before it is then not the run's)
PART_OF_TOTAL = "the training part of a stated total"
# the reasons a flagged amount is not the run's training data at all (a point of a sweep, a whole whose training share
# is only a ratio, a side set beside the training set, a part drawn for another use, one domain of a domain-adaptation
# run, a sample shown in a figure): the learned choice gives no value when its pick carries one
# (``sizes_ranker.not_run_data``): left with only such amounts, the paper states no amount of its run's data as one number
SWEEP_POINT = "one of a sweep of amounts"
TOTAL_BY_RATIO = "a total whose training share is a ratio"
SIDE_ROLE = "a side role beside the training set"
SUBSET_OTHER_USE = "a subset of the training set for another use"
DOMAIN_PART = "one domain's part of the training data"
VISUALIZATION_SAMPLE = "a sample drawn for a visualization"
NOT_RUN_DATA_WHY = (SWEEP_POINT, TOTAL_BY_RATIO, SIDE_ROLE, SUBSET_OTHER_USE, DOMAIN_PART, VISUALIZATION_SAMPLE)
SPLIT_LIST_PART = "the training split's size in a list of splits"
_TRAIN_PART_WHY = (PART_OF_TOTAL, SPLIT_LIST_PART, "training split", "the training part of a split", "size of the training split",
                   "size of the training set")
# the paper pre-trains a model itself ("we pre-train ...", "during pre-training", "our pre-training corpus"), not a
# pre-trained model it starts from ("a ResNet-50 pre-trained on ImageNet", "BERT [4] is pre-trained on ...")
_OWN_PRETRAIN_RE = re.compile(
    r"(?i)\bwe\s+(?:first\s+|further\s+|also\s+|then\s+|additionally\s+|continue\s+to\s+|jointly\s+)?pre-?train(?:s|ed)?\b|"
    r"\bour\s+(?:[\w-]+\s+)?pre-?training\b|\b(?:during|for|in)\s+(?:the\s+)?(?:\w+\s+)?pre-?training\b|"
    r"\bpre-?training\s+(?:stage|phase|objective|corpus|corpora|data(?:set)?|run|step)s?\b|"
    r"\bpre-?trained\s+(?:\w+\s+){0,2}?from\s+scratch\b")


def describes_own_pretraining(units) -> bool:
    """Whether the paper's prose describes a pre-training run of its own (``_OWN_PRETRAIN_RE``)."""
    return any(u.kind == "text" and u.section not in ("related", "references") and "train" in u.text.lower()
               and _OWN_PRETRAIN_RE.search(u.text) for u in units)
# a fine-tuning verb, and one just before an amount ("fine-tuned on about 12,000", "fine-tune the encoder with 800")
_FINETUNE_VERB_RE = re.compile(r"(?i)\bfine-?tun(?:e|es|ed|ing)\b")
_FINETUNED_ON_BEFORE_RE = re.compile(r"(?i)\bfine-?tun(?:e|es|ed|ing)\s+(?:\w+\s+){0,4}?(?:on|over|with|using)\s+"
                                     r"(?:about\s+|around\s+|approximately\s+|roughly\s+|over\s+|a\s+total\s+of\s+|~\s*)?$")
# a sweep over the amount of data (a learning curve): "varying amounts of training data: 100, 500, 1000 and 3000"
_SWEEP_RE = re.compile(r"(?i)\b(?:vary\w*|various|different|increasing|decreasing)\s+(?:\w+\s+){0,2}?(?:amounts?|sizes?|numbers?|"
                       r"subsets?|fractions?|portions?)\b|\blearning\s+curves?\b|\bas\s+a\s+function\s+of\s+(?:the\s+)?"
                       r"(?:\w+\s+){0,2}?(?:data|examples|samples|size)")
_LIST_NUM = r"\d[\d,.]*\s*(?:[kKMB]\b|thousand|million|billion)?"
_NUMBER_LIST_RE = re.compile(rf"{_LIST_NUM}(?:\s*,\s*{_LIST_NUM}){{1,}}\s*,?\s*(?:and|or)\s+{_LIST_NUM}")


def _in_number_list(t: str, start: int, end: int) -> bool:
    """The amount is one of a list of three or more numbers ("100, 500, 1000 and 3000 questions")."""
    return any(m.start() <= start < m.end() for m in _NUMBER_LIST_RE.finditer(t, max(0, start - 80), min(len(t), end + 80)))


# "50,000 samples of the training set are reused", "1,000 images from our training data": a part drawn from the training
# data (for a computation, a probe, a figure), the run's data only when the sentence says it is trained on
_SUBSET_OF_TRAIN_AFTER_RE = re.compile(r"(?i)^\s*(?:[\w-]+\s+){0,2}?(?:of|from)\s+(?:the|our|its|each)\s+(?:[\w-]+\s+)?"
                                       r"(?:training|train)\s+(?:set|data(?:set)?|split|corpus)\b")
_FOR_TRAINING_RE = re.compile(r"(?i)\b(?:for|to|during|in)\s+(?:the\s+)?(?:\w+\s+)?(?:train\w*|fine-?tun\w*|pre-?train\w*|distil\w*)\b|"
                              r"\b(?:train|trained|fine-?tuned?|pre-?trained?|distill?s?|distill?ed)\s+(?:\w+\s+){0,3}?(?:on|with|using)\b")
# a list of splits with their sizes in the same order: "train/dev/test splits of 8544/1101/2210", "a 4500/500/4927
# train/dev/test split", "Training, validation and test sets contain 9,000, 500 and 1,000 videos, respectively": the
# number in the training split's place is the training data, the others are held out
_SPLIT_NAME = r"(?:train(?:ing)?|val(?:idation)?|valid|dev(?:elopment)?|test(?:ing)?|eval(?:uation)?|held-?out)"
_SPLIT_NAMES_SLASH_RE = re.compile(rf"(?i)\b{_SPLIT_NAME}(?:\s*/\s*{_SPLIT_NAME}){{1,2}}\b")
_SPLIT_NUMS_SLASH_RE = re.compile(rf"(?<![\w/.,])(?P<n>{_NUM}{_SUF})(?:\s*/\s*{_NUM}{_SUF.replace('?P<suf>', '?:')}){{1,2}}(?![\w/])")
_SPLIT_NAMES_LIST_RE = re.compile(rf"(?i)\b{_SPLIT_NAME}(?:\s*,\s*{_SPLIT_NAME}){{0,1}}\s*,?\s*and\s*,?\s*{_SPLIT_NAME}\b")
_SPLIT_NUMS_LIST_RE = re.compile(rf"(?<![\w/.])(?P<n>{_NUM}{_SUF})(?:\s*,\s*{_NUM}{_SUF.replace('?P<suf>', '?:')}){{0,1}}\s*,?\s*"
                                 rf"(?:and\s+){_NUM}{_SUF.replace('?P<suf>', '?:')}")
_NUM_ONLY_RE = re.compile(rf"(?P<n>{_NUM}){_SUF}")
# the amount after its label, as in a key-value list or a table row read as a sentence: "Number of training
# examples: 50,000", "Training set size = 1.2M", "Training games 44 million 24 million", "#train images 118K"
_LABEL_VALUE_RE = re.compile(
    rf"(?P<lead>^\W{{0,3}}|#\s*|\b(?:number|no\.|num\.?)\s+of\s+|\btotal\s+)?\b(?P<lab>(?:training|train|pre-?training)\s+"
    rf"(?:set\s+size|data\s+size|(?:(?:set|data)\s+\(?)?(?:{_NOUN_ALT})\)?))\s*(?:\([^)]{{0,20}}\))?\s*"
    rf"(?P<sep>[:=]\s*)?(?P<n>{_NUM}){_SUF}", re.I)
# the amount as the complement of "the number of": "The total number of training tokens is 16B", "The number of tokens
# used for training was 1.2 billion" (not "... is 10 times larger", "... is 20% of the corpus", an evaluation set's number)
_NUMBER_OF_IS_RE = re.compile(
    rf"\b(?:(?:total|overall)\s+)?(?:number|amount|count)\s+of\s+(?:(?:pre-?training|training|train)\s+(?:{_NOUN_ALT})|"
    rf"(?:{_NOUN_ALT.replace('?P<', '?P<x')})\s+(?:used\s+|seen\s+|consumed\s+|processed\s+)?(?:for|in|during)\s+(?:the\s+)?"
    rf"(?:pre-?training|training))\s+(?:is|was|are|were|equals|totals|amounts\s+to)\s+(?:about\s+|approximately\s+|roughly\s+|"
    rf"around\s+|over\s+|nearly\s+|~\s*|≈\s*)?(?P<n>{_NUM}){_SUF}(?!\s*(?:times|x\b|×|%|percent|fold|-fold|of\b))", re.I)
# a power of ten whose superscript the text lost: "1.2 × 10 9 tokens", "3 x 10 8 training words" (1.2 × 10^9): a mantissa
# below 10 times "10" and a one- or two-digit exponent (4-13) right before a data noun
_FLAT_POWER_DATA_RE = re.compile(
    rf"(?<![\d.,])(?P<m>[1-9](?:\.\d+)?)\s*[x×·]\s*10\s?(?P<e>[4-9]|1[0-3])\s+(?P<adj>{_DATA_ADJ})(?:{_NOUN_ALT})\b", re.I)
# a power of two written with a caret: "trained on 2^20 examples", "2^{16} samples" (2**20)
_POW2_DATA_RE = re.compile(rf"(?<![\w.^])2\s*\^\s*\{{?(?P<e>1[0-9]|2[0-9]|3[0-6])\}}?\s+(?P<adj>{_DATA_ADJ})(?:{_NOUN_ALT})\b", re.I)
# an RL agent's run in environment steps ("we train the agents for 25 million steps in each environment"): the
# labels count them as the run's data (frames), as they do "environment steps" / "timesteps"
_RL_STEPS_RE = re.compile(rf"(?P<n>{_NUM}){_SUF}\s*(?:training\s+|total\s+|agent\s+|interaction\s+|simulation\s+|simulated\s+)?"
                          r"steps\b(?!\s*(?:/|per)\s*(?:s|sec|second)\b)", re.I)
_RL_CTX_RE = re.compile(r"(?i)\b(?:environments?|agents?|episodes?|atari|mujoco|rewards?|polic(?:y|ies)|rollouts?|"
                        r"self-?play|simulat(?:or|ion|ed))\b")
# steps of an optimizer ("700,000 steps (mini-batches of size 4,096)"), not of an environment
_OPTIMIZER_CTX_RE = re.compile(r"(?i)\b(?:mini-?batch\w*|batch\s+size|batches\s+of|gradient|learning\s+rate|optimi[sz]\w+|SGD|Adam)\b")
_NOT_ENV_STEPS_BEFORE_RE = re.compile(r"(?i)\b(?:gradient|optimi[sz]\w*|update|SGD|Adam|learning|training\s+iterations?|"
                                      r"warm-?\s*up|decay\w*|every|each|per|first|last|after\s+every)\s*$")
# ("query" is the query set of a retrieval benchmark, but not in "query-document pairs": a pair's query side)
_EVAL_ADJ_RE = re.compile(r"\b(?:test(?:ing)?|validation|valid|val|dev|development|held-?out|evaluation|eval|query(?!-)|gallery)\b",
                          re.I)


# A data amount by its place, whatever its noun: the object of a training verb ("we fine-tune on 12,000 annotated
# radiographs", "trained with 3.1M user sessions") or the training part of a split stated in prose ("4,000 labelled
# recordings are used for training", "1,200 dialogs as the training set"). The noun is the paper's own; only nouns of
# units the other facts own (time, hardware, steps, epochs, parameters, layers, classes, dimensions, ...) are no data.
_TRAIN_VERB_OBJ_BEFORE_RE = re.compile(
    r"(?i)\b(?:train|trains|trained|training|re-?train(?:s|ed|ing)?|fine-?tun(?:e|es|ed|ing)|pre-?train(?:s|ed|ing)?|"
    r"learn(?:s|ed|t)?)\b(?:(?P<mid>[^.;:\d()\[\]]{0,50}?)\s(?:on|using|over|from)|(?:\s+(?:jointly|only|solely|"
    r"directly|again|together|separately|further|first|then|also))?\s+with)\s+"
    r"(?:(?:the|a|an|our|its|their|all|only|just|about|around|approximately|roughly|nearly|almost|over|some|"
    r"more\s+than|a\s+total\s+of|total\s+of|~|≈)\s*){0,3}"
    # "trained on a dataset of 75,000 ...", "train on a collection of ...": the set's size is the data's
    r"(?:(?:a|an|the|our|its|their)\s+(?:(?!of\b)[\w-]+\s+){0,2}?(?:data\s*set|corpus|collection|set|subset|pool)\s+of\s+"
    r"(?:(?:about|around|approximately|roughly|nearly|over|more\s+than|~)\s*)?)?$"
    # a use verb in a training frame: "For training, we use 12,000 ...", "Pre-training uses 9M ..."
    r"|\b(?:for|during|in)\s+(?:the\s+)?(?:pre-?)?training\b(?:\s+stage|\s+phase)?,?\s+we\s+(?:use|used|utili[sz]e[sd]?|adopt(?:ed)?|"
    r"employ(?:ed)?|collect(?:ed)?|gather(?:ed)?)\s+(?:(?:about|around|approximately|roughly|nearly|over|more\s+than|~|a\s+total\s+of)\s*)?$"
    r"|\b(?:pre-?)?training\s+(?:uses|used|relies\s+on|relied\s+on|draws\s+on|consumes|consumed)\s+"
    r"(?:(?:about|around|approximately|roughly|nearly|over|more\s+than|~|a\s+total\s+of)\s*)?$")
_GENERIC_NP_RE = re.compile(
    rf"(?P<n>{_NUM}){_SUF}\+?\s*(?:-\s*)?(?P<np>(?:(?!(?:of|in|per|for|to|and|or|the|a|an|each|every|with|from|on|at|by|as|are|"
    r"were|is|was|that|which|who|where|while|we|our|it|its|than|into|across|over|under|after|before|during|using|via|"
    r"such|from)\b)[A-Za-z][\w'-]*\s*){1,4})", re.I)
_NOT_DATA_NOUN_RE = re.compile(
    r"(?i)^(?:hours?|days?|minutes?|mins?|seconds?|secs?|weeks?|months?|years?|h|s|ms|GPUs?|TPUs?|CPUs?|cores?|chips?|nodes?|"
    r"machines?|workers?|servers?|devices?|accelerators?|threads?|processes|replicas?|shards?|instances?|steps?|iterations?|"
    r"iters?|epochs?|updates?|batch(?:es)?|mini-?batch(?:es)?|rounds?|passes|parameters?|params?|weights?|layers?|blocks?|"
    r"classes|class|categories|labels?|dimensions?|dims?|channels?|filters?|kernels?|neurons?|units?|heads?|experts?|"
    r"features?|components?|clusters?|centroids?|bits?|bytes?|[KMGT]B|times?|runs?|seeds?|trials?|folds?|languages?|tasks?|"
    r"domains?|subjects?|users?|speakers?|identities|people|persons?|participants?|annotators?|agents?|actors?|"
    r"environments?|envs?|stages?|levels?|scales?|resolutions?|pixels?|points?|percent|views?|crops?|negatives?|"
    r"positives?|tokens?|words?|characters?|hidden|random|different|distinct|separate|independent|more|fewer|less|"
    r"additional|other|total|dropout|learning|rate|warm-?ups?|sizes?|lengths?|budgets?|settings?|configurations?|"
    r"hyper-?parameters?|models?|networks?|variants?|versions?|architectures?|modalities|objectives?|losses|"
    r"datasets?|benchmarks?|corpora|vocabular(?:y|ies)|nearest|neighbou?rs?|dimensional|layer|way|shot|cells?|states?|"
    r"memory|hidden|gates?|modules?|branches|anchors?|prototypes?|codes?|codebooks?|embeddings?|slots?|bins?|particles?)$")
# the amount's role after it, in the same clause: "10,000 molecules are randomly chosen for training", "45,000 images form the
# training set", "2.1M records, all of which are used for training", "450K for training", "... are used to train the model"
# (not "... used for training time", "for the training of the baseline"; a held-out role is read elsewhere)
_TRAINING_ROLE_AFTER_RE = re.compile(
    r"(?i)^\s*\)?\s*(?:(?:[\w-]+\s+){0,3}?(?:\([^()]{0,40}\)\s*)?)?,?\s*(?:(?:all\s+of\s+)?(?:which|them|these)\s+|that\s+)?"
    r"(?:(?:are|were|is|was|have\s+been|had\s+been|will\s+be|being)\s+)?(?:(?:then|subsequently|randomly|only|solely|exclusively)\s+)?"
    r"(?:(?:used|reserved|kept|selected|sampled|chosen|taken|set\s+aside|retained|allocated|employed|utili[sz]ed|dedicated|"
    r"assigned|drawn|picked|left)\s+)?"
    r"(?:(?:for|as)\s+(?:the\s+|our\s+|a\s+)?(?:training|train)\b(?!\s*(?:time|speed|loss|costs?|steps|epochs|iterations|"
    r"hours|runs?|budget|stability|dynamics|of\b))|to\s+(?:train|fine-?tune|pre-?train|fit)\b"
    r"|in\s+(?:the|our)\s+(?:\w+\s+)?(?:training|train)\s+(?:set|split|data|partition|portion|corpus)\b"
    r"|(?:form|forms|formed|constitute|constitutes|constituted|make\s+up|makes\s+up|made\s+up|serve\s+as|serves\s+as|"
    r"served\s+as)\s+(?:the\s+|our\s+|a\s+)?(?:training|train)\s+(?:set|split|data|portion|partition|corpus)\b)")
# a bare number (no noun) given the training role right after it: "the remaining 45,000 are used for training", "(450K for
# training)", "split into 400 for training, 50 for validation and 100 for testing", "we train on 80k of the 100k programs",
# "train on the remaining 24,000" (its unit is the nearest data noun before it in the sentence)
_BARE_TRAIN_PART_RE = re.compile(
    rf"(?<![\w.,/])(?P<n>{_NUM}){_SUF}(?=\s+(?:(?:are|were|is|was|have\s+been)\s+)?(?:(?:randomly|then|only)\s+)?(?:(?:used|reserved|kept|"
    r"selected|sampled|chosen|taken|retained|allocated|set\s+aside)\s+)?(?:(?:for|as)\s+(?:the\s+|our\s+)?(?:training|train)\b"
    r"(?!\s*(?:time|speed|loss|costs?|steps|epochs|iterations|hours|runs?|budget|of\b))|to\s+(?:train|fine-?tune|fit)\b|"
    rf"(?:of|out\s+of)\s+(?:the|these|all|our)\s+{_NUM}))"
    rf"|(?<=remaining\s)(?P<rest>{_NUM}){_SUF.replace('?P<suf>', '?P<rsuf>')}(?![,.]?\d)(?=\s*[.;,)])", re.I)
_REMAINING_BEFORE_RE = re.compile(r"(?i)\b(?:train\w*|fine-?tun\w*|fit)\s+(?:\w+\s+){0,3}?(?:on|with|using)\s+(?:the\s+)?remaining\s+$")
# the training split named, its size in brackets: "split into training (11,200), validation (1,400) and test (1,400)",
# "the training cohort (n = 4,512)", "the training set (n = 1,200 patients)"
_SPLIT_BRACKET_RE = re.compile(
    rf"(?i)\b(?:training|train)(?:\s+(?:set|split|data|cohort|group|partition|portion|subset))?\s*\(\s*(?:[nN]\s*=\s*)?"
    rf"(?P<n>{_NUM}){_SUF}(?P<noun>(?:\s+[A-Za-z][\w-]*){{0,2}})\s*\)")
# "The size of the training set is 1,000,000", "the number of samples in the training set was 50k"
_SIZE_OF_SET_IS_RE = re.compile(
    rf"(?i)\b(?:size|number\s+of\s+(?:samples|examples|instances|items|images|sentences|pairs))\s+(?:of|in)\s+(?:the\s+|our\s+)?"
    rf"(?:\w+\s+)?(?:training|train)\s+(?:set|split|data(?:set)?|corpus)\s+(?:is|was|equals|amounts\s+to)\s+(?:about\s+|"
    rf"approximately\s+|roughly\s+|around\s+|~\s*)?(?P<n>{_NUM}){_SUF}(?!\s*(?:times|x\b|×|%|percent|GB|MB|TB|hours|classes))")
# the whole a training part is drawn from: "From the 1.2M images, 100k are selected for training", "out of all 50,000"
_WHOLE_BEFORE_RE = re.compile(r"(?i)\b(?:from|out\s+of|among)\s+(?:the|these|all(?:\s+the)?|its|our)\s+(?:about\s+|around\s+|~\s*)?$")
# a dataset's size whatever its noun, as the complement of the set it sizes: "Our dataset consists of 10,015 dermoscopic
# lesions", "The corpus contains 2,400 CT volumes", "It comprises 48,000 clinical notes", "a dataset of 30,000 3D scenes"
# (the noun phrase is ``_generic_np``'s: no unit of another fact; "200 bird species" and a graph's edges are no examples)
_DATASET_SIZE_FRAME_BEFORE_RE = re.compile(
    r"(?i)(?:\b(?:data\s*set|corpus|corpora|collection|benchmark|database|archive|cohort|(?:training|train|pre-?training)\s+"
    r"(?:set|split|data|corpus))\b(?:,?\s+(?:which|that))?(?:[^.;]{0,30}?\s)?|^\W*(?:\d+(?:\.\d+)*\s+)?(?:it|this)\s+)"
    r"(?:consists\s+of|contains|contained|comprises|comprised|includes|included|has|had|holds|held|covers|"
    r"is\s+composed\s+of|was\s+composed\s+of|is\s+made\s+up\s+of|totals|of)\s+"
    r"(?:about\s+|around\s+|approximately\s+|roughly\s+|over\s+|nearly\s+|more\s+than\s+|a\s+total\s+of\s+|~\s*)?$")
_NOT_EXAMPLES_NOUN_RE = re.compile(r"(?i)^(?:species|genres|topics|attributes|keypoints|landmarks|joints|vertices|edges|relations|"
                                   r"entities|types|concepts|intents|actions|verbs|nouns|phonemes|countries|cities|hospitals|"
                                   r"sites|centers|centres|institutions|sources|authors|writers|annotators|raters|workers)$")
_SPLIT_PROSE_AFTER_RE = re.compile(
    r"(?i)^\s*(?:(?:are|were|is|was|have\s+been|had\s+been)\s+)?(?:(?:randomly\s+)?(?:used|reserved|kept|selected|"
    r"sampled|chosen|taken|set\s+aside|retained|allocated)\s+)?(?:(?:for|as)\s+(?:the\s+|our\s+)?(?:training|train)\b|"
    r"to\s+(?:train|fine-?tune|pre-?train)\b)"
    r"(?!\s*(?:time|speed|loss|costs?|steps|epochs|iterations|hours|runs?|budget|stability|dynamics))")


# a unit of device time or compute written as one word: "TPU-chip-hours", "A100-hours", "V100-days", "TPUv3-core-days",
# "node-hours", "PF-days", "petaflop/s-days", "GPU-weeks"; "PFLOPs", "zettaFLOPs", "GFLOPS", "MACs" (not "multi-turn dialogues",
# "user-item interactions", "half-hour recordings": only a plural time unit or a compute unit as the compound's last part)
_COMPUTE_UNIT_WORD_RE = re.compile(
    r"(?i)^(?:[\w/.]+-)+(?:hours|hrs|days|weeks|months|years|minutes|mins|seconds|secs|h)$|"
    r"^(?:[kmgtpezy]|kilo|mega|giga|tera|peta|exa|zetta|yotta)?(?:flops?|macs|multiply-adds|mult-adds)$|"
    r"^[\w-]*-?(?:flops?|flop/s)$")


def _generic_np(t: str, m: re.Match) -> tuple[str, int] | None:
    """The noun phrase after a number (``_GENERIC_NP_RE``), cut after its last plural noun ("annotated radiographs
    collected"): (its text, its end), or None when it has none or a word of a unit the other facts own (a unit of
    device time or compute written as one word, ``_COMPUTE_UNIT_WORD_RE``: "4,096 TPU-chip-hours")."""
    words = list(re.finditer(r"[A-Za-z][\w'/-]*", m.group("np")))
    if any(_COMPUTE_UNIT_WORD_RE.match(w.group(0)) for w in words):
        return None
    words = list(re.finditer(r"[A-Za-z][\w'-]*", m.group("np")))
    for k in range(len(words), 0, -1):
        head = words[k - 1].group(0)
        if any(_NOT_DATA_NOUN_RE.match(w.group(0)) for w in words[:k]):
            continue
        if re.search(r"(?i)(?<![su])s$", head) and len(head) > 3 and not re.search(r"(?i)(?:ous|ss|ness|ics|sis|ies)$", head) \
                or re.search(r"(?i)ies$", head) and len(head) > 4:
            return m.group("np")[: words[k - 1].end()], m.start("np") + words[k - 1].end()
    return None


# a sentence with no size word (``core._hint``) is still read for data when it may hold one of those places: "we
# fine-tune on 12,000 annotated radiographs", "3,100 scanned forms are used for training"
_UNHINTED_DATA_RE = re.compile(
    r"(?i)\b(?:train\w*|re-?train\w*|fine-?tun\w*|pre-?train\w*|learn(?:s|ed|t)?)\b[^.;:]{0,60}?\s(?:on|using|over|from|with)\s+"
    r"[^.;:\d]{0,40}?\d|\d[^.;:]{0,60}?\b(?:(?:for|as)\s+(?:the\s+|our\s+)?(?:training|train)\b|(?:used|employed)\s+to\s+"
    r"(?:train|fine-?tune|pre-?train)\b)"
    r"|\b(?:training|train)\s+(?:set|split|data|corpus|partition|portion)\s+(?:contains|contained|includes|included|consists\s+of|"
    r"comprises|comprised|has|had|holds|held)\s+(?:about\s+|around\s+|approximately\s+|roughly\s+|over\s+|~\s*)?\d"
    r"|\b(?:for|during|in)\s+(?:the\s+)?(?:pre-?)?training\b[^.;:\d]{0,30}?\bwe\s+(?:use|used|utili[sz]e[sd]?|adopt(?:ed)?|"
    r"employ(?:ed)?|collect(?:ed)?|gather(?:ed)?)\s+[^.;:\d]{0,20}?\d"
    r"|\b(?:pre-?)?training\s+(?:uses|used|relies\s+on|relied\s+on|draws\s+on|consumes|consumed)\s+[^.;:\d]{0,20}?\d")


def reads_unhinted(u: Unit) -> bool:
    """A prose sentence without a size word that may state a data amount by its place (read for data only)."""
    return u.kind != "table" and u.section != "references" and any(ch.isdigit() for ch in u.text) and \
        bool(_UNHINTED_DATA_RE.search(u.text))


def _year_like(t: str, start: int, m_text: str) -> bool:
    """'ImageNet 2012 training set', 'WMT 2014 data', 'Atari 2600 games': a year or a product number after
    a name, not an amount."""
    if re.match(r"\d{3,4}\b(?![,.]\d)", m_text) and re.search(r"\b[A-Z][A-Za-z]+\s$", t[max(0, start - 20): start]) and \
            not re.search(r"\b(?:The|We|Our|In|On|With|Of|For|And|Only|About|Over|Total|All|These|Each)\s$", t[max(0, start - 8): start]):
        return True
    m = re.match(r"\s*((?:19|20)\d\d)\b(?![,.]\d)", m_text)
    if not m or not 1950 <= int(m.group(1)) <= 2035:
        return False
    return bool(re.search(r"(?:[A-Z][\w-]*|'\d\d|\bin|\bof|\bsince|\buntil|\bfrom)\s*$", t[max(0, start - 20): start]))


def _split_lists(t: str) -> list[tuple[re.Match, list[tuple[int, int]]]]:
    """Lists of split sizes aligned with a list of split names (``_SPLIT_NAMES_*``): per list, the training split's
    number (a match of ``_NUM_ONLY_RE``) and the spans of the whole list (the held-out splits' numbers)."""
    out = []
    for names_rx, nums_rx, sep in ((_SPLIT_NAMES_SLASH_RE, _SPLIT_NUMS_SLASH_RE, "/"),
                                   (_SPLIT_NAMES_LIST_RE, _SPLIT_NUMS_LIST_RE, ",")):
        name_lists = [(m.start(), [x.lower() for x in re.findall(rf"(?i){_SPLIT_NAME}", m.group(0))])
                      for m in names_rx.finditer(t)]
        name_lists = [(i, ns) for i, ns in name_lists if any(n.startswith("train") for n in ns)
                      and len(set(ns)) == len(ns)]
        if not name_lists:
            continue
        for m in nums_rx.finditer(t):
            if sep == "," and not re.search(r"(?i)\brespectively\b", t[m.end(): m.end() + 60]):
                continue  # "contain 9,000, 500 and 1,000 videos, respectively"
            if re.match(r"^\s*(?:%|percent|[xX×]\b)", t[m.end(): m.end() + 8]):
                continue
            nums = [n for n in _NUM_ONLY_RE.finditer(t, m.start(), m.end())]
            if re.search(r"\d,\s+$", t[max(0, m.start() - 6): m.start()]) or \
                    all(re.fullmatch(r"(?:19|20)\d\d", n.group(0)) for n in nums) or \
                    re.search(r"(?i)\b(?:ratio|proportion|percent\w*|fraction)\b", t[max(0, m.start() - 40): m.end() + 40]):
                continue  # "2014/2015", "an 80/20 train/test ratio": years and proportions, not sizes
            if any(re.search(r"\.\d", n.group(0)) and not (n.group("suf") or re.search(r"[kKMBT]$", n.group(0))) for n in nums):
                continue  # "98.1/97.2": scores, not sizes ("1.2M/50k": sizes)
            cands = [(abs(i - m.start()), ns) for i, ns in name_lists if len(ns) == len(nums)]
            if not cands:
                continue
            ns = min(cands, key=lambda x: x[0])[1]
            k = next(j for j, n in enumerate(ns) if n.startswith("train"))
            out.append((nums[k], [(n.start(), n.end()) for n in nums]))
    return out


# a table column whose header names the splits its cells list: "#samples (training/validation/testing)", "Train / Test
# images", "# Images (train/val/test)"; a row's cell "1.34/0.25/0.26 x 10^9" or "13.5K / 3.5K" gives the training split's
# size in the header's order (a common power of ten after the cell scales each number)
_SPLIT_HEADER_NOUN_RE = re.compile(rf"(?i)#|\b(?:number|num|no|size|sizes|count|amount)\b|{_NOUN_ALT}|\bdata\b")
_CELL_NUM = r"\d[\d,]*(?:\.\d+)?(?:\s?[kKMB]\b)?"
_CELL_NUM_RE = re.compile(r"(?P<n>\d[\d,]*(?:\.\d+)?)(?:\s?(?P<suf>[kKMB])\b)?")
_SPLIT_CELL_RE = re.compile(rf"(?<![\w/.,^])(?P<cell>{_CELL_NUM}(?:\s*/\s*{_CELL_NUM}){{1,2}})(?![\w/])"
                            r"(?P<pow>\s*[x×·*]\s*10\s*(?:\^\s*)?(?P<exp>\d{1,2})\b)?")


def _split_cells(u: Unit) -> list[tuple[float, str, str, int, int]]:
    """(value, unit, text, start, end) of the training split in a table row's "A/B(/C)" cell whose column header
    names the splits in that order (``u.headers``, or the caption): the other numbers of the cell are held out."""
    heads = [h for h in list(u.headers) + [u.caption] + list(getattr(u, "split_heads", ())) if h and "/" in h]
    names = []
    for h in heads:
        for m in _SPLIT_NAMES_SLASH_RE.finditer(h):
            ns = [x.lower() for x in re.findall(rf"(?i){_SPLIT_NAME}", m.group(0))]
            near = h[max(0, m.start() - 30): m.end() + 30]
            if any(n.startswith("train") for n in ns) and len(set(ns)) == len(ns) and _SPLIT_HEADER_NOUN_RE.search(near):
                noun = re.search(_NOUN_ALT, near, re.I)
                names.append((ns, next((k for k in _DATA_NOUNS if noun and noun.group(k)), "examples")))
    if not names:
        return []
    out = []
    for m in _SPLIT_CELL_RE.finditer(u.text):
        nums = list(_CELL_NUM_RE.finditer(u.text, m.start("cell"), m.end("cell")))
        fit = [(ns, kind) for ns, kind in names if len(ns) == len(nums)]
        if not fit or any(re.search(r"\.\d", n.group(0)) and not n.group("suf") for n in nums) and not m.group("pow") or \
                re.search(r"%", u.text[m.end(): m.end() + 3]):
            continue  # "98.1/97.2": scores, not sizes (unless a power of ten scales them)
        ns, kind = fit[0]
        n = nums[next(j for j, x in enumerate(ns) if x.startswith("train"))]
        v = _value(n)
        if v is None:
            continue
        if m.group("pow"):
            v = float(round(v * 10 ** int(m.group("exp")), 3))
        out.append((v, kind, m.group(0), n.start(), m.end()))
    return out


# the training data stated as an amount per class and the number of classes, both in one sentence that says training:
# "500 training images per class for 101 classes", "100 images for each of the 1,000 classes", "101 categories, each with
# 500 training images", "1,000 classes with about 1,300 images each" (derived: the product; a per-class amount alone,
# or "10 classes with 60,000 images" (a total), is no product)
_PER_CLASS_RE = re.compile(
    rf"(?P<n>{_NUM}){_SUF}\s*(?P<adj>{_DATA_ADJ})(?:{_NOUN_ALT})\s+(?:(?:per|of\s+each|in\s+each|for\s+each)\s+"
    rf"(?:class|category)\b[^.;]{{0,40}}?\b(?:for|in|over|across|of|from)\s+(?:(?:all|each|the|its|every)\s+){{0,2}}(?:of\s+the\s+)?(?P<k>{_NUM})\s+"
    rf"(?:[\w-]+\s+)?(?:classes|categories)\b|(?:for|in|from)\s+each\s+of\s+(?:the|its|our)\s+(?P<k2>{_NUM})\s+(?:[\w-]+\s+)?"
    rf"(?:classes|categories)\b)"
    rf"|(?P<k3>{_NUM})\s+(?:[\w-]+\s+)?(?:classes|categories)\b,?\s+(?:(?:each|every\s+one)\s+(?:with|containing|having|of)\s+"
    rf"(?:about\s+|around\s+|approximately\s+|roughly\s+|~\s*)?(?P<n2>{_NUM}){_SUF.replace('?P<suf>', '?P<suf2>')}\s*(?P<adj2>{_DATA_ADJ})"
    rf"(?:{_NOUN_ALT.replace('?P<', '?P<x')})|(?:with|of)\s+(?:about\s+|around\s+|approximately\s+|roughly\s+|~\s*)?"
    rf"(?P<n3>{_NUM}){_SUF.replace('?P<suf>', '?P<suf3>')}\s*(?P<adj3>{_DATA_ADJ})(?:{_NOUN_ALT.replace('?P<', '?P<y')})\s+"
    rf"(?:each|apiece|per\s+class|per\s+category))", re.I)


def mark_split_headers(units: list[Unit]) -> None:
    """A table's header read as one of its rows (the careful pass gives it kind 'table'): the rows of a table block
    above a row (its first four) are where its split-size column may be named (``_split_cells``)."""
    blocks: dict[int, list[Unit]] = {}
    for u in units:
        if u.kind == "table" and u.block >= 0:
            blocks.setdefault(u.block, []).append(u)
    for rows in blocks.values():
        heads = [r.text for r in rows[:4] if "/" in r.text and _SPLIT_NAMES_SLASH_RE.search(r.text)]
        if heads:
            for r in rows:
                r.split_heads = [h for h in heads if h != r.text]


def _data_cands(u: Unit) -> list[Cand]:
    t = u.text
    out: list[Cand] = []
    spans: list[tuple[int, int]] = []
    base_why: list[str] = []
    base, flagged = _base_score(u, base_why, cite_ok=True)
    data_ctx = bool(re.search(r"(?i)\b(?:train\w*|pre-?train\w*|dataset|corpus|consist\w*|contain\w*|compris\w*|"
                              r"collect\w*|split|set\b|data\b)", t))
    train_ctx = bool(_TRAIN_RE.search(t) or _DATA_TRAIN_WORDS_RE.search(t))
    # a fine-tuning statement with no training word ("We fine-tune the segmenter on 3,400 annotated slices"): in a paper
    # that trains nothing from scratch the fine-tuning data is the run's, scored as a training statement's would be
    # (the bonus is kept apart: ``choice._choose_sizes`` takes it back when the paper describes pre-training)
    ft_only = not u.train and bool(_FINETUNE_VERB_RE.search(t))

    def add(v, unit, m_text, start, end, why, bonus=0.0, eval_check=True, split_list=False, linked=False, product=False,
            flat_power=False):
        if v is None or not RANGE["tokens_or_examples"][0] <= v <= RANGE["tokens_or_examples"][1]:
            return
        if _year_like(t, start, m_text) and not (split_list and u.kind == "table" and not re.match(r"(?:19|20)\d\d\b", m_text)):
            return  # (a split cell "880 / 120" after a row's name is no product number: "Atari 2600")
        if not product and re.match(r"\d[\d,.]*\s*(?:-\s*|\s)(?:class(?:es)?|way|categor(?:y|ies)|label|layer|dimensional|channel)\b", m_text, re.I):
            return  # "the 1000-class ImageNet training set": a count of classes (or layers), not of examples
        if any(a <= start < b or start <= a < end for a, b in spans):
            return
        spans.append((start, end))
        before = t[max(0, start - 50): start]
        after = t[end: end + 40]
        w = list(base_why) + why
        sc = base + bonus + (0.5 if data_ctx else -0.5)
        fl = flagged
        if u.section == "introduction":
            sc -= 0.4  # introductions describe other people's datasets
            w.append("in the introduction")
        # amounts that are not the training set: per class/batch/second, sequence lengths, eval splits
        if re.match(r"^\s*(?:\w+\s+){0,2}?(?:in\s+(?:a|each|every|the|one)\s+(?:mini-?)?batch|at\s+(?:a\s+)?time)\b", after, re.I):
            return
        if v < 1000 and not (split_list and v >= 100) and not re.search(r"(?i)\b(?:train\w*|fine-?tun\w*|dataset|corpus|consist\w*|contain\w*|compris\w*)\b",
                                      t[max(0, start - 80): end + 30]):
            return  # a small amount needs to be called the training data
        if re.match(r"^\s*(?:\w+\s+){0,2}?(?:per|each|every|/)\s*(?:class|category|batch|mini-?batch|GPU|second|"
                    r"sec|s\b|step|iteration|update|epoch|user|day|query|image|video|document|prompt|"
                    r"sequence|example|sample|input|context|chip|device|core|worker|node)\b", after, re.I):
            return
        if re.match(r"^\s*(?:\w+\s+){0,2}?(?:per|each|every|/|for\s+each)\s*(?:source\s+|target\s+)?(?:task|language|game|level|"
                    r"API|domain|environment|subject|split|fold)\b", after, re.I):
            sc -= 0.5  # per task of a multi-task run: often how the run's data is stated
            w.append("per task")
        if re.search(r"(?i)\b(?:batch(?:es)?\s+(?:size\s+)?of|batch\s+size\s+(?:of|is)?|mini-?batch(?:es)?\s+of|"
                     r"length\s+(?:of|is)?|up\s+to|maximum\s+(?:of)?|max(?:imum)?|context\s+(?:of|window\s+of)?|"
                     r"window\s+of|first|last|top|every|each|per|sequences?\s+of|chunks?\s+of|(?<!token\s)(?<!tokens\s)(?<!data\s)(?<!training\s)budget\s+of|"
                     r"at\s+most|cap\w*\s+(?:of|at))\s*$", before):
            return
        if unit == "tokens" and v < 1e6:
            return  # "512 tokens" is a sequence length or a vocabulary, not a corpus
        if _NOT_TRAIN_DATA_BEFORE_RE.search(before) or not split_list and (
                _ALL_SPLITS_AFTER_RE.match(t[end: end + 90]) or _DIVIDED_INTO_SPLITS_AFTER_RE.match(t[end: end + 120])) or \
                re.search(r"(?i)\b(?:negative|positive)\s+(?:\w+\s+)?(?:samples|examples|pairs|instances)\b", m_text):
            return  # per class/domain, an evaluation set's size, a buffer's capacity, a part left out, all splits together
        if not flat_power and re.match(r"\d[\d,.]*\s*[x×]\s*(?!10\s*\^)\d", m_text) or re.search(r"(?i)\b(?:batch(?:es)?\s+(?:containing|with|of|comprising|consisting\s+of)\s+(?:[A-Za-z]\s*=\s*)?|"
                                                                     r"most\s+recent\s+|latest\s+|batch(?:es)?\s+(?:\w+\s+){0,2}?(?:compris\w*|consist\w*|contain\w*|includ\w*|hold\w*)(?:\s+of)?\s+)$",
                                                                     before) \
                or _HELD_OUT_AFTER_RE.match(after) or _HELD_OUT_AFTER_RE.match(t[end: end + 120]):
            return  # "256x256 images" (a resolution), "mini-batches containing B = 256 sequences", "the most recent
            # 125 thousand sequences" (a buffer), "1000 images from testing", "documents not used during training"
        if not split_list and _SWEEP_RE.search(t) and _in_number_list(t, start, end):
            sc -= 1.5  # "for varying amounts of training data: 100, 500, 1000 and 3000 training questions": a sweep of
            fl = True  # amounts (a learning curve), not the run's data
            w.append(SWEEP_POINT)
        if not split_list and "training split" not in w and _SHARE_FOR_TRAINING_AFTER_RE.match(t[end: end + 160]) and \
                not _PORTION_OF_TOTAL_RE.search(t, end):
            sc -= 1.0  # "45 million instances; we use 80% for training": the whole, of which a share is trained on
            fl = True
            w.append(TOTAL_BY_RATIO)
        if _SIDE_ROLE_AFTER_RE.match(t[end: end + 60]) and _AS_TRAINING_SET_RE.search(t):
            sc -= 1.0  # "2,000 pairs as the training set ... and 20,000 sentences as unlabeled supplement": the
            fl = True  # training set is the other amount
            w.append(SIDE_ROLE)
        sub = _SUBSET_OF_TRAIN_AFTER_RE.match(t[end:])
        if sub and not (_FOR_TRAINING_RE.search(t[:start]) or _FOR_TRAINING_RE.search(t[end + sub.end():])) and \
                not re.search(r"(?i)\b(?:all|all\s+the|the\s+(?:entire|full|whole))\s+(?:of\s+)?$", t[max(0, start - 20): start]):
            # ("We use all 1.2M images of the training set": the whole set, no part of it)
            sc -= 1.0  # "For Hessian computation, 50,000 samples of the training set are reused": a part of the
            fl = True  # training data drawn for another use
            w.append(SUBSET_OTHER_USE)
        ev = None if split_list else _EVAL_SUBJECT_RE.search(before)
        if ev and not re.search(r"(?i)\btrain", ev.group("between")):
            return  # "the evaluation set ... contains 1,319 samples"
        seg = t[max(0, start - 25): end]
        if eval_check and _EVAL_ADJ_RE.search(t[start:end]) or not split_list and re.search(
                r"(?i)\b(?:test(?:ing)?|validation|val|dev)\s+(?:set|split)\s+(?:of|with|contains|has)\s*$", before):
            return
        if re.match(r"^\s*(?:for|in|as)\s+(?:the\s+)?(?:test(?:ing)?|validation|evaluation|dev)", after, re.I) or \
                re.match(r"(?i)^\s*(?:[\w-]+\s+){0,2}?(?:is|are|was|were)\s+(?:only\s+)?(?:used|reserved|kept|held\s+out)\s+(?:to|for)\s+"
                         r"(?:the\s+)?(?:evaluat\w*|test\w*|validat\w*|benchmark\w*)\b", after):
            return  # "... are used for testing", "A corpus of 2,000 reports is used to evaluate the trained classifier"
        if re.match(r"^\s*(?:for|as)\s+(?:the\s+)?(?:training|instruction[- ]tuning)\b|^\s*(?:are|were)\s+used\s+for\s+training",
                    after, re.I) or re.search(r"(?i)\btrain(?:ing)?\b", seg) or _SEEN_IN_TRAINING_AFTER_RE.match(after) or \
                _TRAINING_SET_OPENS_RE.match(t[:start]) or _TRAINING_ROLE_AFTER_RE.match(t[end: end + 90]):
            sc += 0.6
            w.append("training split")
        if re.search(r"(?i)\b(?:consist\w*\s+of|contain\w*|compris\w*|includ\w*|totals?|totall?ing|has|have|had|with|"
                     r"collection\s+of|total\s+of|composed\s+of|made\s+up\s+of)\s+(?:about\s+|approximately\s+|around\s+|over\s+|roughly\s+|nearly\s+|"
                     r"almost\s+|some\s+|just\s+(?:over|under)\s+|more\s+than\s+|~\s*|a\s+total\s+of\s+)?$", before):
            sc += 0.4
            w.append("size of a dataset")
        if re.search(r"(?i)\bpre-?train(?:ing|ed)?\s+(?:corpus|corpora|data(?:set)?|set)\b", t):
            sc += 0.4
            w.append("pre-training data")
        if re.search(r"(?i)\b(?:epochs?|passes)\s+(?:over|through|on)\s+(?:the\s+|our\s+)?$", before):
            sc += 0.6
            w.append("epochs over it")
        if re.search(r"(?i)\b(?:only|just|merely)\s+(?:has\s+|have\s+|contains?\s+|with\s+)?$", before):
            sc -= 0.4  # "MRPC, which only has 3,600 examples": a small side dataset
            w.append("'only N'")
        if re.search(r"(?i)\b(?:trained|train|pre-?trained|pre-?train)\s+(?:\w+\s+){0,4}?(?:on|over|for|with|to|using)\s+"
                     r"(?:about\s+|around\s+|approximately\s+|roughly\s+|over\s+|a\s+total\s+of\s+|~\s*)?$", before) or \
                _TRAINED_ON_SET_BEFORE_RE.search(t[max(0, start - 90): start]) and "the object of a training verb" not in why:
            # (a noun of no data kind, "8 billion lines of text", keeps the generic reading's low score: the set cue alone
            # lifted a side model's corpus over the floor, cv --all-papers 66.0 -> 65.3 right)
            sc += 0.6
            w.append("trained on")
        ft = 0.0
        if ft_only and (_FINETUNE_VERB_RE.search(t[max(0, start - 80): start]) or _FINETUNE_VERB_RE.search(t[end: end + 50])):
            ft = 0.5 + (0.0 if data_ctx else 1.0)  # as u.train and the data words of a training sentence
            if _FINETUNED_ON_BEFORE_RE.search(before) and "trained on" not in w:
                ft += 0.6
            sc += ft
            w.append("a fine-tuning amount (as training)")
        cues = set()  # structured provenance (est9: CUE_* of core)
        sc, other = others_or_smaller(sc, t, start, end, w, cite_after=False, cues=cues)
        fl = fl or other
        if other:
            cues.add(CUE_OTHER_WORK)
        # ("a topic model from [12], which was trained on 60M tweets": the tweets are the cited model's data)
        delta, cited, w = clause_owner_adjust(u, t, start, w, cited_penalty=1.0, check_cited=not other)
        sc += delta
        fl = fl or cited
        if cited:
            cues.add(CUE_CITED_OWN_RUN)
        if _DOMAIN_PART_RE.match(m_text[_AMOUNT_PREFIX_RE.match(m_text).end():]) or \
                _DOMAIN_PART_BEFORE_RE.search(t[max(0, start - 60): start]) or _OUT_OF_DOMAIN_AFTER_RE.match(t[end:]) or \
                re.search(r"(?i)\bout-of-domain\b", m_text):
            sc -= 1.0
            fl = True
            w.append(DOMAIN_PART)
        if _VISUALIZATION_RE.search(t) and "training split" not in w and "trained on" not in w:
            sc -= 1.0
            fl = True
            w.append(VISUALIZATION_SAMPLE)
        if re.match(r"^\s*(?:hours|classes|categories|subjects|identities|users|speakers|languages|GPUs)\b", after, re.I):
            sc -= 0.5
        # a data amount in a sentence that says nothing of training ("The X dataset contains 60,000 images") is a
        # dataset's description: the main run's data only if the paper trains on that dataset elsewhere
        unlinked = not (train_ctx or linked or "training split" in w)
        if unlinked:
            sc -= UNLINKED_PENALTY
            w.append("no training words: a dataset's description")
        out.append(Cand("tokens_or_examples", v, unit, u, m_text, sc, w, flagged=fl, unlinked=unlinked, cues=cues,
                        finetune_bonus=ft))

    for m, held in (_split_lists(t) if re.search(r"(?i)train", t) and ("/" in t or "respectively" in t) else ()):
        v = _value(m)
        noun = re.match(rf"\s*(?:\w+\s+){{0,2}}?(?:{_NOUN_ALT})\b", t[held[-1][1]: held[-1][1] + 40], re.I)
        kind = next((k for k in _DATA_NOUNS if noun and noun.group(k)), "examples")
        add(v, kind, m.group(0), m.start(), m.end(), [SPLIT_LIST_PART], 0.5,
            eval_check=False, split_list=True)
        spans.extend(held)  # the held-out splits' sizes are no training data
    for v, kind, m_text, start, end in (_split_cells(u) if u.kind == "table" and "/" in t else ()):
        add(v, kind, m_text, start, end, ["the training split's size in a table column of splits"], 0.5,
            eval_check=False, split_list=True, linked=True)
    for m in (_PER_CLASS_RE.finditer(t) if u.kind != "table" and train_ctx and re.search(r"(?i)class|categor", t) else ()):
        g = "n" if m.group("n") else "n2" if m.group("n2") else "n3"
        n = _value(m, g, {"n": "suf", "n2": "suf2", "n3": "suf3"}[g])
        k = q.parse_number(m.group("k") or m.group("k2") or m.group("k3"))
        if n is None or k is None or not 2 <= k <= 100000 or k != int(k) or re.search(r"(?i)batch|episode|shot|query|support",
                                                                                      m.group(0)):
            continue  # "8 images per class in every mini-batch of 40 classes": a batch's (an episode's) composition
        pre = {"n": "", "n2": "x", "n3": "y"}[g]
        kind = next((x for x in _DATA_NOUNS if m.group(pre + x)), "examples")
        add(n * k, kind, m.group(0), m.start(), m.end(), [f"derived: {m.group(g)} per class x {int(k)} classes"],
            -0.3, product=True)
    for m in (_LABEL_VALUE_RE.finditer(t) if u.kind != "table" and "train" in t.lower() else ()):
        if not (m.group("lead") is not None or m.group("sep")) or _EVAL_ADJ_RE.search(m.group("lab")):
            continue  # the label must stand as one: at the start, after "#" / "number of", or with ":" / "="
        v = _value(m)
        if v is None or v < 1000 and not m.group("suf"):
            continue
        kind = next((k for k in _DATA_NOUNS if m.group(k)), "examples")
        add(v, kind, m.group(0), m.start("n"), m.end(), ["the training data's size after its label"], 0.5)
    for m in (_NUMBER_OF_IS_RE.finditer(t) if u.kind != "table" and re.search(r"(?i)\b(?:number|amount|count)\s+of\b", t) else ()):
        if _EVAL_ADJ_RE.search(t[m.start(): m.start("n")]):
            continue  # "the number of training and test images is ..."
        kind = next((k for k in _DATA_NOUNS if m.group(k) or m.group("x" + k)), "examples")
        add(_value(m), kind, t[m.start("n"): m.end()], m.start("n"), m.end(), ["the training data's number stated as 'is N'"],
            0.5)
    for m in (_FLAT_POWER_DATA_RE.finditer(t) if re.search(r"[x×·]\s*10\s?\d", t) else ()):
        if _EVAL_ADJ_RE.search(m.group("adj") or ""):
            continue
        kind = next(k for k in _DATA_NOUNS if m.group(k))
        add(float(m.group("m")) * 10 ** int(m.group("e")), kind, m.group(0), m.start(), m.end(),
            [f"amount of data ({m.group(kind)}, a power of ten written flat)"], flat_power=True)
    for m in (_POW2_DATA_RE.finditer(t) if "^" in t else ()):
        if _EVAL_ADJ_RE.search(m.group("adj") or ""):
            continue
        kind = next(k for k in _DATA_NOUNS if m.group(k))
        add(float(2 ** int(m.group("e"))), kind, m.group(0), m.start(), m.end(), [f"amount of data ({m.group(kind)}, a power of two)"])
    for m in (_at_numbers(_RL_STEPS_RE, u) if "step" in t.lower() and _RL_CTX_RE.search(t) and train_ctx and
              not _OPTIMIZER_CTX_RE.search(t) else ()):
        v = _value(m)
        if v is None or v < 1e5 or _NOT_ENV_STEPS_BEFORE_RE.search(t[max(0, m.start() - 30): m.start()]):
            continue
        add(v, "frames", m.group(0), m.start(), m.end(), ["an agent's environment steps"])
    for m in (_GT_RE.finditer(t) if "T" in t else ()):
        v = q.parse_number(m.group("n"))
        if v is not None:
            add(v * _MULT[m.group("suf")] if m.group("suf") != "G" else v * 1e9, "tokens", m.group(0), m.start(), m.end(),
                ["amount of data (tokens)"], 0.3)
    for m in (_at_numbers(_HYPHEN_DATA_RE, u) if "-" in t else ()):
        if _EVAL_ADJ_RE.search(m.group("adj") or "") or _OF_EVAL_SET_AFTER_RE.match(t[m.end(): m.end() + 60]):
            continue  # "a 1,000-image test set", "a 500-sentence sample of the X test set"
        kind = next(k for k in _HYPHEN_UNITS if m.group(k))
        add(_value(m), kind, m.group(0), m.start(), m.end(), [f"amount of data (a {m.group(kind)}-suffixed collection)"])
    for m in _at_numbers(_DATA_RE, u):
        kind = next(k for k in _DATA_NOUNS if m.group(k))
        if kind == "words" and re.search(r"(?i)\bword\s+(?:benchmark|dataset)", t[m.start(kind): m.end(kind) + 12]):
            continue
        if _EVAL_ADJ_RE.search(m.group("adj") or ""):
            continue
        v = _value(m)
        add(v, kind, m.group(0), m.start(), m.end(), [f"amount of data ({m.group(kind)})"])
    for m in (_PORTION_OF_TOTAL_RE.finditer(t) if u.kind != "table" and re.search(r"(?i)train|fine-?tun", t) else ()):
        g = "n" if m.group("n") else "n2" if m.group("n2") else "n3"
        total = [x for x in out if t.find(x.match) < m.start()]
        if not total:
            continue  # the part of no stated total
        add(_value(m, g, {"n": "suf", "n2": "suf2", "n3": "suf3"}[g]), total[-1].unit, m.group(0)[m.start(g) - m.start():],
            m.start(g), m.end(), [PART_OF_TOTAL], 0.6, eval_check=False)
    for m in (_at_numbers(_GENERIC_NP_RE, u) if re.search(r"(?i)train|fine-?tun|learn", t) else ()):
        if m.group("suf") is None and re.fullmatch(r"(?i)[a-z]+", m.group("n")):
            continue  # a spelled-out number ("two annotated corpora") is no amount of data
        np = _generic_np(t, m)
        if np is None or re.match(rf"(?i)\s*(?:{_NOUN_ALT})\b", np[0]):
            continue  # no head noun, a unit of another fact, or a noun the data list reads already
        obj = _TRAIN_VERB_OBJ_BEFORE_RE.search(t[max(0, m.start() - 90): m.start()])
        split = not obj and _SPLIT_PROSE_AFTER_RE.match(t[np[1]: np[1] + 60])
        if obj and not re.search(r"\d", obj.group("mid") or ""):
            v = _value(m)
            if v is not None and v >= 100:
                add(v, "examples", t[m.start(): np[1]], m.start(), np[1], ["the object of a training verb"], -0.2)
        elif split:
            v = _value(m)
            if v is not None and v >= 100:
                add(v, "examples", t[m.start(): np[1] + split.end()], m.start(), np[1] + split.end(),
                    ["the training part of a split"], 0.0)
    for m in (_at_numbers(_SPLIT_RE, u) if "train" in t.lower() else ()):
        kind = next((k for k in _DATA_NOUNS if m.group(k)), None)
        if kind is None and not re.search(r"(?i)test|validation|val\b|dev", m.group(0)):
            continue
        kind = kind or "examples"
        v = _value(m)
        add(v, kind, m.group(0), m.start(), m.end(), ["size of the training split"], 0.5, eval_check=False)
    for m in (_at_numbers(_N_SET_RE, u) if "train" in t.lower() else ()):
        v = _value(m)
        add(v, "images" if re.search(r"(?i)image", m.group(0)) else "examples", m.group(0), m.start(), m.end(),
            ["size of the training set"], 0.3)
    for m in (_SET_OF_RE.finditer(t) if "train" in t.lower() else ()):
        v = _value(m)
        add(v, "examples", m.group(0), m.start("n"), m.end(), ["size of the training set"], 0.5)
    for m in (_SIZE_OF_SET_IS_RE.finditer(t) if u.kind != "table" and re.search(r"(?i)\b(?:size|number)\s+(?:of|in)\b", t) else ()):
        add(_value(m), "examples", t[m.start("n"): m.end()], m.start("n"), m.end(), ["size of the training set"], 0.5)
    for m in (_SPLIT_BRACKET_RE.finditer(t) if u.kind != "table" and "(" in t else ()):
        words = re.findall(r"[A-Za-z][\w-]*", m.group("noun"))
        if any(_NOT_DATA_NOUN_RE.match(w) for w in words) or re.fullmatch(r"(?:19|20)\d\d", m.group("n")):
            continue  # "training (3 days)", "training (2019)"
        noun = re.search(_NOUN_ALT, m.group("noun"), re.I)
        add(_value(m), next((k for k in _DATA_NOUNS if noun and noun.group(k)), "examples"), m.group(0), m.start("n"), m.end(),
            ["size of the training split"], 0.5, eval_check=False)
    for m in (_at_numbers(_BARE_TRAIN_PART_RE, u) if u.kind != "table" and re.search(r"(?i)train|fine-?tun|\bfit\b", t) else ()):
        v = _value(m) if m.group("n") else _value(m, "rest", "rsuf")
        rest = t[m.end(): m.end() + 60]
        of_whole = re.match(rf"(?i)\s+(?:of|out\s+of)\s+(?:the|these|all|our)\s+(?P<n>{_NUM}){_SUF}", rest)
        if v is None or v < 100 or re.match(r"\s*(?:%|percent)", rest) or re.search(r"[x×*]\s*$", t[max(0, m.start() - 3): m.start()]) or \
                not (m.group("suf") or m.group("rsuf")) and re.fullmatch(r"(?:19|20)\d\d", m.group("n") or m.group("rest")):
            continue  # a share, a year
        if m.group("rest") and not _REMAINING_BEFORE_RE.search(t[max(0, m.start() - 60): m.start()]):
            continue  # "train on the remaining 24,000"; not "report error on the remaining 8"
        if of_whole and not _TRAIN_VERB_OBJ_BEFORE_RE.search(t[max(0, m.start() - 90): m.start()]):
            continue  # "80k of the 100k programs" is the training part only as a training verb's object
        prev = [x for x in _DATA_RE.finditer(t, 0, m.start()) if x.end() <= m.start()]
        after_whole = _DATA_RE.match(t, m.end() + of_whole.start("n")) if of_whole else None
        src = after_whole or (prev[-1] if prev else None)
        kind = next((k for k in _DATA_NOUNS if src and src.group(k)), "examples")
        whole_before = re.search(rf"(?i)\b(?:from|out\s+of|among)\s+(?:the|these|all(?:\s+the)?|its|our)\s+{_NUM}", t[:m.start()])
        if src is None and not whole_before and not re.search(r"(?i)\bremaining\s+$", t[max(0, m.start() - 12): m.start()]) and \
                not re.search(r"(?i)^[^.;]{0,40}?,?\s*(?:and\s+)?\d[\d,.]*\s*[kKM]?\s+(?:for|as)\s+(?:the\s+)?(?:validation|val|dev|test(?:ing)?)\b",
                              t[m.end(): m.end() + 100]):
            continue  # a bare number with no data noun in the sentence: what it counts is not said
        n_before = len(out)
        add(v, kind, m.group(0), m.start(), m.end(), [PART_OF_TOTAL], 0.6, eval_check=False)
        if of_whole and len(out) > n_before:
            wstart = m.end() + of_whole.start("n")
            for c in out[:n_before]:
                if t.find(c.match) == wstart and c.value > v:
                    c.score -= 1.0
                    c.flagged = True
                    c.why.append("a total of which a part is trained on")
    for m in (_at_numbers(_GENERIC_NP_RE, u) if u.kind != "table" and
              re.search(r"(?i)data\s*set|corp(?:us|ora)|collection|benchmark|database|archive|cohort|training|\b(?:it|this)\s", t) else ()):
        # a dataset's size by its place, whatever the noun (``_DATASET_SIZE_FRAME_BEFORE_RE``)
        if m.group("suf") is None and re.fullmatch(r"(?i)[a-z]+", m.group("n")) or \
                not _DATASET_SIZE_FRAME_BEFORE_RE.search(t[max(0, m.start() - 90): m.start()]):
            continue
        np = _generic_np(t, m)
        v = _value(m)
        if np is None or v is None or v < 1000 or re.match(rf"(?i)\s*(?:{_NOUN_ALT})\b", np[0]) or \
                _NOT_EXAMPLES_NOUN_RE.match(re.findall(r"[A-Za-z][\w'-]*", np[0])[-1]):
            continue  # (nouns the data list reads are read there)
        add(v, "examples", t[m.start(): np[1]], m.start(), np[1], ["a dataset's size (its noun)"], 0.0)
    for m in (_at_numbers(_GENERIC_NP_RE, u) if u.kind != "table" and re.search(r"(?i)\b(?:training|train)\s", t) else ()):
        # "The 60,000 training digits are used to fit the model": a training split by its adjective, whatever its noun
        if not re.match(r"(?i)(?:training|train)\s", m.group("np")) or m.group("suf") is None and re.fullmatch(r"(?i)[a-z]+", m.group("n")):
            continue
        np = _generic_np(t, m)
        v = _value(m)
        if np is None or v is None or v < 100 or re.match(rf"(?i)\s*(?:training|train)\s+(?:{_NOUN_ALT})\b", np[0]):
            continue
        add(v, "examples", t[m.start(): np[1]], m.start(), np[1], ["training split"], 0.3)
    # "12,500 images, of which 10,000 are used for training", "1,024 scans; 800 scans are used for training": the total
    # before the training part of the same data is not the run's
    # (the total told as a dataset's size, or the part told as a part of it: not "We used 479,400 source samples and 73,257
    # target samples for training", two parts of one run)
    for c in out:
        at = t.find(c.match)
        if any(t.find(d.match) > at and d.value < c.value and d.unit == c.unit and any(r in d.why for r in _TRAIN_PART_WHY)
               and ("size of a dataset" in c.why or PART_OF_TOTAL in d.why or SPLIT_LIST_PART in d.why
                    or _WHOLE_BEFORE_RE.search(t[max(0, at - 30): at]))
               and (not any(r in c.why for r in _TRAIN_PART_WHY) or PART_OF_TOTAL in d.why) for d in out):
            c.score -= 1.0
            c.flagged = True
            c.why.append("a total of which a part is trained on")
    # "62M sentences (923M tokens)": a restatement in parentheses shares the context; tokens are
    # what the estimate needs, words in parentheses are a side note
    out.sort(key=lambda c: t.find(c.match))
    for a, b in zip(out, out[1:]):
        ea, sb = t.find(a.match) + len(a.match), t.find(b.match)
        if 0 <= sb - ea <= 4 and "(" in t[ea: sb + 1]:
            hi = max(a.score, b.score)
            a.score = b.score = hi
            if b.unit == "tokens" and a.unit != "tokens":
                b.score += 0.2
                b.why.append("tokens restated in parentheses")
            elif b.unit == "words":
                # beyond the near-tie margin: "4.5M sentence pairs (116M English words, 110M German words)" is the pairs
                close = t.find(")", sb)
                for c in out:
                    if c.unit == "words" and sb <= t.find(c.match) < (close if close > 0 else len(t)):
                        c.score = hi - 0.7
                        c.why.append("words restated in parentheses")
    # "the BooksCorpus (800M words) and English Wikipedia (2,500M words)": a training corpus given as its parts,
    # each in parentheses after its name; the run's data is their sum
    parts = [c for c in out if re.search(r"\(\s*(?:about\s+|approx\.?\s+|~\s*)?$", t[max(0, t.find(c.match) - 12): t.find(c.match)])
             and re.match(r"^\s*\)", t[t.find(c.match) + len(c.match):]) and not c.flagged]
    splits = any(re.search(r"(?i)\b(?:train\w*|validation|valid|val|test\w*|dev\w*|held-?out)\s*\(\s*(?:about\s+|~\s*)?$",
                           t[max(0, t.find(c.match) - 25): t.find(c.match)]) for c in parts)
    if len(parts) >= 2 and not splits and len({c.unit for c in parts}) == 1 and len({c.value for c in parts}) == len(parts) and \
            re.search(r"(?i)\b(?:corpus|corpora|data(?:set)?s?)\b", t) and train_ctx:
        first = min(parts, key=lambda c: t.find(c.match))
        total = sum(c.value for c in parts)
        out.append(Cand("tokens_or_examples", total, first.unit, u, " + ".join(c.match for c in parts),
                        max(c.score for c in parts) + 0.3, list(first.why) + [f"the sum of {len(parts)} parts of the training corpus"]))
    return out


# ------------------------------------------------------------------ sequence length
# "a sequence length of 512 tokens", "context length of 2,048", "sequences of 1024 tokens", "4096-token
# sequences": the training sequence length (the estimate counts tokens as steps x batch x length)

_SEQ_RE = re.compile(
    r"\b(?:max(?:imum|\.)?\s+|training\s+|input\s+)?(?:(?:sequence|context)\s+(?:length|window(?:\s+size)?|size)|input\s+length)\s*(?:\(\w\)\s*)?"
    r"(?:(?:of|is|was|were|=|:|to|set\s+to|equal\s+to|fixed\s+(?:at|to))\s*){0,2}(?:up\s+to\s+)?"
    r"(?P<n>\d[\d,]*)\s*(?P<suf>[kK]\b)?"
    r"|\bsequences?\s+of\s+(?:length\s+(?P<n2>\d[\d,]*)\s*(?P<suf2>[kK]\b)?|(?P<n3>\d[\d,]*)\s*(?P<suf3>[kK]\b)?\s*tokens\b)"
    r"|(?<![\d,.])(?P<n4>\d[\d,]*)\s*(?P<suf4>[kK])?\s*-?\s*tokens?\s+(?:sequences|contexts?|context\s+windows?|windows|inputs|chunks)\b",
    re.I)


def _seq_cands(u: Unit) -> list[Cand]:
    t = u.text
    if u.kind == "table" or not re.search(r"(?i)sequence|context|input|token", t):
        return []
    out: list[Cand] = []
    for m in _SEQ_RE.finditer(t):
        k = next(g for g in ("n", "n2", "n3", "n4") if m.group(g))
        v = q.parse_number(m.group(k))
        suf = m.group({"n": "suf", "n2": "suf2", "n3": "suf3", "n4": "suf4"}[k])
        if v is None:
            continue
        v *= 1e3 if suf else 1
        if not RANGE["sequence_length"][0] <= v <= RANGE["sequence_length"][1]:
            continue
        before = t[max(0, m.start() - 40): m.start()]
        if re.search(r"(?i)\b(?:average|mean|median|typical|avg\.?)\s+(?:\w+\s+)?$", before + " ") or \
                re.search(r"(?i)\b(?:average|mean|median)\b", m.group(0)):
            continue  # the data's lengths, not the run's
        if m.group("n2") and not re.search(r"(?i)token", t):
            continue  # "sequences of length 200" of frames or game moves: not tokens
        why: list[str] = []
        sc, fl = _base_score(u, why)
        sc += 0.6
        why.append("sequence length")
        if re.search(r"(?i)\b(?:supports?|supported|extend\w*|extrapolat\w*|generaliz\w*|up\s+to|could|should|would|can|KV[\s-]*cache)\b",
                     t[max(0, m.start() - 60): m.start()]):
            sc -= 0.8  # "supports a context length of 256K": what the model can take, not what it was trained on
            why.append("a capacity, not the training length")
        if u.evalctx:
            sc -= 1.0
            why.append("inference/evaluation")
        if _local_others(t, m.start(k), m.end()):
            sc -= 1.2
            fl = True
            why.append("in a clause about another model")
        out.append(Cand("sequence_length", v, "tokens", u, m.group(0), sc, why, flagged=fl))
    return out


# ------------------------------------------------------------------ the run's dataset

# a dataset's name: "MNIST", "UCF101", "CIFAR-10", "WikiText-103", "SpeechHub" (two capitals or a digit); the same shape
# as ``choice._DATASET_NAME_RE``
DATASET_NAME_RE = re.compile(r"\b(?=[A-Za-z0-9.-]*(?:[A-Z][A-Za-z0-9.-]*[A-Z]|[A-Z][A-Za-z.-]*\d))[A-Z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*")
NOT_A_DATASET = {"GPU", "GPUs", "TPU", "TPUs", "CPU", "CNN", "CNNs", "RNN", "LSTM", "NLP", "SGD", "API", "URL", "PDF", "AI", "ML",
                 "RL", "MLP", "RGB", "DNN", "GAN", "IID", "BPE", "FLOPs", "PhD", "USA", "UK", "EU", "ID", "IDs",
                 "NVIDIA", "GTX", "RTX", "DGX", "CUDA", "DRAM", "HBM", "FLOP", "TFLOPs", "PFLOPs"}
# names of another kind by their shape: a section, table or appendix number ("C.1", "A.3.2"), an acronym's plural
# ("LSTMs", "LLMs", "OOVs"), a compound adjective ("ML-based", "BERT-style")
_NOT_A_DATASET_SHAPE_RE = re.compile(r"^[A-Z](?:\.\d+)+$|^[A-Z][A-Za-z]*[A-Z]s$|^[A-Z][\w-]*-(?:based|like|style|level|sized|scale|only|free|"
                                     r"specific|aware|driven|guided|powered)$")
# a model's (or a score's, a chip's) name by the word after it: "ResNet-50 model", "GPT-3 175B", "BLEU score", "BERT-base"
_MODEL_NOUN_AFTER_RE = re.compile(r"(?i)^(?:-|\s)?(?:\(\w+\)\s*)?(?:models?|networks?|nets?|architectures?|backbones?|encoders?|decoders?|"
                                  r"classifiers?|baselines?|agents?|teachers?|students?|checkpoints?|variants?|family|weights|"
                                  r"layers?|blocks?|parameters|params|scores?|metrics?|optimi[sz]ers?|GPUs?|TPUs?|cards?|chips?|"
                                  r"base|large|small|tiny|huge|xl|xxl|\d+(?:\.\d+)?\s?B\b)")
_DATA_NOUN_AFTER_RE = re.compile(r"(?i)^(?:\s*(?:\d{4}|'\d\d))?\s*(?:data\s*sets?|data|corpus|corpora|benchmarks?|collections?|splits?|"
                                 r"(?:training|train|test|testing|validation|val|dev)\s+(?:set|split|data|images)|images|videos|"
                                 r"sentences|documents|examples|samples|pairs|tokens|clips)\b")
_PARAM_SUFFIX_RE = re.compile(r"-\d+(?:\.\d+)?B$")  # "LLaMA-65B", "GPT-NeoX-20B": a model's size in billions of parameters
# ("JFT-4B", "IG-1B" are datasets: the data's evidence below keeps them)
_DATA_PREP_BEFORE_RE = re.compile(r"(?i)(?<!based\s)(?<!built\s)(?<!relies\s)(?<!rely\s)(?<!depends\s)\b(?:on|using)\s+(?:the\s+)?$")
@functools.lru_cache(maxsize=4096)
def _chip_name(n: str) -> bool:
    """Whether the name is an accelerator's (hardware.csv: "V100", "K40c", "TPU-v4")."""
    from ..hardware import HardwareTable

    return _hardware_table(HardwareTable).match(n) is not None


@functools.lru_cache(maxsize=1)
def _hardware_table(cls):
    return cls.load()


def not_dataset_names(texts: list[str], names: set[str]) -> set[str]:
    """Of ``names`` (shaped like a dataset's name), those the paper's text ``texts`` shows to be something else: a
    section number, an acronym's plural, an accelerator ("V100", "TPU-v4"), a heading's word in capitals whose
    lower-case form is a word of the text ("DATASETS", "CURATED"), a model (a size in billions after it, or stated
    before a model's noun more often than before a dataset's: "ResNet-50 model", "BERT-base", "BLEU score")."""
    out = {n for n in names if n in NOT_A_DATASET or _NOT_A_DATASET_SHAPE_RE.match(n)}
    rest = names - out
    if not rest:
        return out
    words = None
    model_ev: dict[str, int] = {}
    data_ev: dict[str, int] = {}
    pats = {n: re.compile(r"(?<![\w-])" + re.escape(n) + r"(?![\w])") for n in rest}
    for t in texts:
        for n, rx in pats.items():
            if n not in t:
                continue
            for m in rx.finditer(t):
                after = t[m.end(): m.end() + 40]
                if _MODEL_NOUN_AFTER_RE.match(after):
                    model_ev[n] = model_ev.get(n, 0) + 1
                elif _DATA_NOUN_AFTER_RE.match(after) or _DATA_PREP_BEFORE_RE.search(t[max(0, m.start() - 20): m.start()]):
                    data_ev[n] = data_ev.get(n, 0) + 1
    for n in rest:
        if n.isupper() and n.isalpha() and len(n) >= 3:
            if words is None:
                words = {w for t in texts for w in re.findall(r"(?<![\w-])[a-z][a-z]+(?![\w-])", t)}
            if n.lower() in words and not data_ev.get(n):
                out.add(n)
                continue
        if model_ev.get(n, 0) > data_ev.get(n, 0) or _chip_name(n) or _PARAM_SUFFIX_RE.search(n) and not data_ev.get(n):
            out.add(n)
    return out


# names DATASET_NAME_RE's one-token shape misses: led by a number ("300W-LP", "3DMatch": a capital after the digits, then
# a hyphened part or two more capitals; not "300W", "350GT", "16GB", "8-GPU"), and several capitalised words said as a
# dataset's by the data noun after them ("the Google Billion Word dataset", "20 Newsgroups corpus") or ending in one
# ("One Billion Word Benchmark"); a sentence's opening word, a role ("Training", "Evaluation") or a heading's words
# ("Experimental Setup") are no part of a name
_NAME_WORD_STOP = (r"(?:The|This|That|These|Those|Our|Their|Its|A|An|In|On|For|With|From|To|We|Each|Both|All|Table|Figure|Fig|"
                   r"Section|Appendix|Training|Train|Test|Testing|Evaluation|Validation|Proposed|Large|Small|Full|Original|"
                   r"Public|Synthetic|Additional|Extra|Main|Other|Following|Same|Such|Several|Many|Most|Some|Dataset|Datasets|"
                   r"Data|Corpus|Benchmark)")
_NAME_WORD = rf"(?!{_NAME_WORD_STOP}\b)[A-Z][a-z]+"
_MULTI_WORD_NAME_RE = re.compile(
    rf"(?<![\w-])(?P<name>(?:\d+|{_NAME_WORD})(?:\s+{_NAME_WORD}){{1,3}})(?=\s+(?:data\s*set|corpus|benchmark|database|treebank)s?\b)"
    rf"|(?<![\w-])(?P<name2>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}}\s+(?:Benchmark|Corpus|Dataset|Treebank|Database))\b")
_DIGIT_LED_NAME_RE = re.compile(r"(?<![\w.,-])\d+(?=[A-Z])(?:[A-Za-z0-9]*(?:-[A-Z][A-Za-z0-9]*)+|(?=(?:[a-z0-9]*[A-Z]){2})[A-Za-z0-9]{4,})(?![\w-])")


def find_dataset_names(t: str) -> list[str]:
    """The dataset-shaped names of a text as written (``DATASET_NAME_RE``, and the number-led and several-word names)."""
    out = DATASET_NAME_RE.findall(t)
    if not any(ch.isdigit() for ch in t[:1]) and not re.search(r"\d[A-Z]|[A-Z][a-z]+\s+[A-Z]|\d\s+[A-Z]", t):
        return out
    out += _DIGIT_LED_NAME_RE.findall(t)
    out += [re.sub(r"\s+", " ", m.group("name") or m.group("name2")) for m in _MULTI_WORD_NAME_RE.finditer(t)]
    return out


def dataset_names(t: str, not_names: set[str] | frozenset = frozenset()) -> set[str]:
    """The dataset-shaped names of a text (``find_dataset_names``), without the ones of another kind (``not_dataset_names``)."""
    return {n for n in find_dataset_names(t) if len(n) >= 3 and n not in NOT_A_DATASET and n not in not_names
            and not _NOT_A_DATASET_SHAPE_RE.match(n)}


# the paper's training statement names its dataset: the object of a training verb ("we train on X", "models trained
# using the X corpus", "fine-tuned on X"), the subject of a role ("X is used for training"), the owner of a training split
# ("the training set of X", "X's training split", "the X training set")
def _train_link_res(n: str) -> list[re.Pattern]:
    e = re.escape(n)
    return [
        re.compile(r"(?i)\b(?:train|trains|trained|training|re-?train\w*|fine-?tun(?:e|es|ed|ing)|pre-?train(?:s|ed|ing)?)\b"
                   r"[^.;:]{0,40}?\b(?:on|using|with|over|from)\s+(?:(?:the|a|our|its|their|full|whole|entire|standard|"
                   r"original|public|official)\s+){0,2}(?:[\w-]+\s+){0,2}?" + r"(?-i:" + e + r")(?![\w-])"),
        re.compile(r"(?-i:" + e + r")(?![\w-])[^.;:]{0,40}?\b(?:is|are|was|were|serves?|served)\s+(?:(?:used|adopted|employed|chosen|"
                   r"selected)\s+)?(?:for|as)\s+(?:the\s+|our\s+)?(?:training|train|pre-?training)\b(?!\s*(?:time|speed|cost))", re.I),
        re.compile(r"(?i)\b(?:training|train)\s+(?:set|split|data|portion|partition|images|examples)\s+of\s+(?:the\s+)?(?:[\w-]+\s+)?"
                   r"(?-i:" + e + r")(?![\w-])"),
        re.compile(r"(?-i:" + e + r")(?![\w-])(?:'s)?\s+(?:\w+\s+)?(?i:training|train)\s+(?i:set|split|data|images|examples)\b"),
        # "During pre-training, we utilize the X dataset", "we use X for training"
        re.compile(r"(?i)\b(?:during|for|in)\s+(?:the\s+)?(?:pre-?)?training\b[^.;:]{0,30}?\b(?:use|uses|used|utili[sz]e[sd]?|adopts?|"
                   r"adopted|employs?|employed)\s+(?:the\s+|our\s+)?(?:[\w-]+\s+){0,2}?(?-i:" + e + r")(?![\w-])"),
        re.compile(r"(?i)\b(?:use|uses|used|utili[sz]e[sd]?|adopts?|adopted|employs?|employed)\s+(?:the\s+|our\s+)?(?:[\w-]+\s+){0,2}?"
                   r"(?-i:" + e + r")(?![\w-])[^.;:]{0,40}?\b(?:for|as|during)\s+(?:the\s+|our\s+)?(?:pre-?)?training\b"
                   r"(?!\s*(?:time|speed|cost))"),
    ]


# a sentence whose subject points back at a dataset named before it: "The dataset consists of 8,000 training and 2,717 test
# sentences", "This corpus contains 1.2M documents", "It comprises 50,000 images" (not "Our dataset ...": the paper's own data,
# named or not; not "The datasets ..." / "Both datasets ...": several)
_ANAPHORIC_DATA_SUBJECT_RE = re.compile(
    r"(?i)^\s*(?:(?:in\s+total|overall|altogether|specifically|in\s+particular),?\s+)?(?:the|this|that|each\s+such)\s+"
    r"(?:(?!our\b|new\b|proposed\b)[\w-]+\s+)?(?:data\s*set|corpus|benchmark|collection|database)\b(?!\s*s\b)(?!\s+(?:of|from|we)\b)"
    r"|^\s*(?:it|this)\s+(?:contains|consists\s+of|comprises|includes|has|holds|is\s+composed\s+of|is\s+made\s+up\s+of)\b")


def antecedent_dataset_names(t: str, previous: list[str], not_names: set[str] | frozenset = frozenset()) -> set[str]:
    """The dataset a sentence's pointing subject ("The dataset consists of ...", "It contains ...":
    ``_ANAPHORIC_DATA_SUBJECT_RE``) stands for: the names of the nearest of ``previous`` (the sentences before it,
    nearest last) that names a dataset; empty when the sentence names a dataset itself or does not point back."""
    if not _ANAPHORIC_DATA_SUBJECT_RE.search(t) or dataset_names(t, not_names):
        return set()
    for p in reversed(previous):
        names = dataset_names(p, not_names)
        if names:
            return names
    return set()


def trains_on(t: str, n: str) -> bool:
    """Whether the text ``t`` states training on the dataset ``n`` (``_train_link_res``)."""
    return n in t and any(rx.search(t) for rx in _train_link_res(n))


def run_datasets(sentences, pool: set[str], most: bool = False) -> set[str]:
    """The datasets of ``pool`` the paper's training statements name (``_train_link_res``: pre-training and fine-tuning
    data alike; ``most``: only the most linked ones); empty when no training statement names one."""
    links: dict[str, int] = {}
    texts = [s.text for s in sentences if s.kind == "text" and s.section not in ("related", "references", "acknowledgements")]
    for n in pool:
        rxs = None
        for t in texts:
            if n not in t:
                continue
            rxs = rxs or _train_link_res(n)
            if any(rx.search(t) for rx in rxs):
                links[n] = links.get(n, 0) + 1
    top = max(links.values(), default=0)
    return {n for n, k in links.items() if k == top or not most} if top else set()
