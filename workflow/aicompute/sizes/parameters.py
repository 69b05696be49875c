"""Parameter counts (total and MoE-active) in prose."""

from __future__ import annotations

import re

from .core import (
    Cand, RANGE, Unit, _CITED_BEFORE_RE, _MODEL_TOKEN_RE, _NUM, _PREVIOUS_WORK_RE, _SUF, _WE_RE, _at_numbers,
    _base_score, _contrast_other, _local_others, _local_smaller, _value, another_works_run, capability, clause_owner_adjust,
    clause_span, we_in_another_clause,
)
from .core import CUE_CAPABILITY, CUE_CITED_OWN_RUN, CUE_CITED_SIZE, CUE_OTHER_MODEL  # structured provenance (est9)


# ------------------------------------------------------------------ parameters

_USE_ONLY_RE = re.compile(r"\b(?:evaluat\w*|prompt\w*|zero-shot|few-shot|one-shot|in-context|inference|quer(?:y|ies|ied)|"
                          r"APIs?|benchmark(?:s|ed|ing)?|infer\w*|decoding|deploy\w*|serv(?:e|ed|ing))\b", re.I)

# the paper's own network named as such in the sentence: "our 13B model", "our largest 2.7B model", "the proposed
# lightweight detector", "the resulting network", "our keyword spotter" (up to two words between, none of them a link
# word: "our evaluation of 7B models" is an evaluation's; "our method/system/prompts" are no network): a size stated
# with words of evaluation or inference there is still the size of the model the paper trained ("our 2.7B model
# matches larger models on reasoning benchmarks", "the proposed detector has 3.2M parameters and runs at 120 FPS
# during inference")
_OWN_NETWORK_RE = re.compile(
    r"(?i)\b(?:our|the\s+(?:proposed|resulting|final))\s+(?:(?!(?:of|on|for|with|to|in|and|or|the|a|an|by|from|at|"
    r"method|approach|system|framework|prompt\w*|technique|evaluation|analysis|experiments?|results?|study)\b)"
    r"[\w.-]+\s+){0,2}?(?:\d+(?:\.\d+)?\s?[KMBT]\b|models?\b|networks?\b|nets?\b|LMs?\b|LLMs?\b|transformers?\b|"
    r"architectures?\b|detectors?\b|encoders?\b|decoders?\b|backbones?\b|classifiers?\b|recogni[sz]ers?\b|"
    r"spotters?\b|vocoders?\b|agents?\b|students?\b|variants?\b)")

_PARAM_AFTER_RE = re.compile(
    rf"(?P<n>{_NUM}){_SUF}\s*(?:-\s*)?(?P<adj>(?:(?:total|trainable|learnable|free|model|network|active|activated|"
    r"available|non-embedding|sparse|dense|weight|real-valued)\s+){0,3})(?P<w>parameters?|params?\b|weights\b)",
    re.I)
_PARAM_BEFORE_RE = re.compile(
    rf"(?:(?P<active>active|activated)\s+)?(?:#\s*(?:of\s+)?params?\.?|number\s+of\s+(?:\w+\s+)?parameters|parameter\s+counts?|"
    rf"(?:total\s+)?(?<![-\w])(?:parameters|params)|(?:learnable|trainable)\s+weights|model\s+size)\s*(?:\((?:M|B|millions?)\))?\s*(?:of|:|=|is|are|was|were|totals?|"
    rf"total(?:ing|s)?|~|≈|to|reaches|grows\s+to|\((?=\s*(?:only\s+|about\s+|around\s+|~\s*|≈\s*)?\d[\d.,]*\s*(?:[KMBT]\b|"
    rf"thousand|million|billion|trillion)))?\s*(?:only\s+|just\s+|about\s+|around\s+|roughly\s+|approximately\s+|"
    rf"nearly\s+|over\s+|~\s*|≈\s*)?(?P<n>{_NUM}){_SUF}(?!\s*(?:%|x\b|times|fewer|less|more|smaller|larger|bits?|"
    r"layers|GB|MB|epochs|steps|tokens))",
    re.I)
# "a 7B model", "the 2.8B-parameter model", "13B models", "1.6T-parameter", "(11B)", "7B-scale models", "a 1B-sized model";
# a network noun other than "model" ("a 2.7B decoder", "a 6B encoder-decoder", "the 86M ViT backbone", "our 1.1B student"
# distilled from a teacher: the model trained) and up to two
# free words between ("a 1.3B Mamba hybrid model", "our 300M speech model"): words with no digit ("the 175B GPT-3" of
# another work stays a name, read elsewhere), no link word ("the 7B-based Jamba model" is Jamba's, not 7B) and no data
# noun ("30B web tokens model quality" is data), word of counting ("we sample 1M random networks" counts networks) or
# role of a model beside the one trained ("a 65B teacher model", "a 7B reward model", "a 70B judge model")
_SIZE_MODIFIER = (r"(?!(?:based|derived|and|or|of|for|from|on|in|at|to|the|a|an|with|per|than|vs|by|as|is|are|was|were|"
                  r"tokens?|words?|images?|examples?|samples?|sentences?|pairs?|documents?|characters?|bytes|frames?|hours?|"
                  r"videos?|clips?|steps?|iterations?|updates?|epochs?|FLOPs?|parameters?|params?|"
                  r"random|different|distinct|candidate|sampled|individual|separate|independent|unique|possible|other|more|"
                  r"additional|teachers?|reward|judge|critic|draft|proxy|reference|evaluator|oracle)\b)[A-Za-z]+(?:-[A-Za-z]+)*")
_SIZE_MODEL_NOUNS = (r"(?:models?|LMs?|LLMs?|language\s+models?|transformers?|networks?|variants?|versions?|checkpoints?|MoEs?|"
                     r"experts?\s+model|encoder-decoders?|decoders?|encoders?|backbones?|students?|"
                     r"(?:ViTs?|CNNs?|RNNs?|LSTMs?|GNNs?|U-?Nets?|DiTs?)(?!-))")  # ("a 2.7B ViT", "our 400M U-Net": a kind
# of network; not "86M ViT-Large", the next row's name where a table's cells run on as text)
_SIZE_MODEL_RE = re.compile(
    r"(?<![\w.$])(?P<n>\d+(?:\.\d+)?)\s?(?P<suf>[BMT])\b(?P<noun>(?:\s*|-)(?:(?:dense|sparse|MoE|decoder(?:-only)?|"
    r"parameter|param|base|pre-?trained|language|transformer|GPT|LLaMA|Llama|\w+-?style|scale|sized?)\s+)?"
    + _SIZE_MODEL_NOUNS + r")\b")
# (free words only after a size standing alone: "NeMo-Minitron-8B foundation model" is a name's size, read below)
_SIZE_MODIFIED_MODEL_RE = re.compile(r"(?<![\w.$-])(?P<n>\d+(?:\.\d+)?)\s?(?P<suf>[BMT])\b(?P<noun>\s+(?:"
                                     + _SIZE_MODIFIER + r"\s+){1,2}" + _SIZE_MODEL_NOUNS + r")\b")
# "LLaMA-65B", "GPT-J 6.7B", "Mistral 7B", "OPT-175B", "Llama 3.1 70B", "T5-XXL (11B)"
_NAME_SIZE_RE = re.compile(
    r"(?P<name>\b[A-Z][\w.]*(?:[- ](?:\d(?:\.\d)?|[A-Z][\w.]*))?)(?:[- ]|\s*\(\s*)(?P<n>\d+(?:\.\d+)?)(?P<suf>B)\b(?!\s*(?:tokens|words|images|examples|"
    r"samples|sentences|pairs|documents|\)?\s*tokens|of\s+(?:tokens|text|data)))")
# "our model has only 1.3B", "the proposed network contains 25M" (a magnitude, in a sentence about parameters)
_OUR_MODEL_HAS_RE = re.compile(
    r"\b(?:our|the\s+proposed)\s+(?:\w+\s+){0,2}?(?:models?|networks?|LMs?|LLMs?|transformers?|architectures?)\s+"
    r"(?:has|have|contains?|uses?|is\s+of|with)\s+(?:only\s+|just\s+|about\s+|around\s+|roughly\s+|approximately\s+|~\s*)?"
    r"(?P<n>\d+(?:\.\d+)?)\s?(?P<suf>[MBT]\b|million\b|billion\b|trillion\b)", re.I)
# a size right after a network noun, in parentheses or "N in size": "our model (350M)", "the decoder (2.7B) is trained",
# "our final model is 2.7B in size" (a magnitude with its B/M/T; not "our dataset (350M)": the noun is a network's)
_NET_NOUN = r"(?:models?|networks?|LMs?|LLMs?|transformers?|decoders?|encoders?|encoder-decoders?|backbones?)"
_NOUN_PAREN_SIZE_RE = re.compile(
    rf"\b{_NET_NOUN}\s*\(\s*(?:about\s+|around\s+|~\s*|≈\s*)?(?P<n>\d+(?:\.\d+)?)\s?(?P<suf>[BMT])\s*\)|"
    rf"\b{_NET_NOUN}\s+(?:is|are|was|were)\s+(?:only\s+|about\s+|around\s+|roughly\s+|approximately\s+|~\s*)?"
    r"(?P<n2>\d+(?:\.\d+)?)\s?(?P<suf2>[BMT])\s+in\s+(?:total\s+)?size\b")
# variants named by a size word, each with its count in parentheses, before a noun of models: "the small (22M) and
# base (86M) variants", "Base (110M), Large (340M) and XL (1.5B) models" (not "unnecessarily large (19.4M) for this
# small dataset", nor "RoBERTa large (355M) from the library": no noun of models after the list)
_SIZE_WORD = r"(?:tiny|small|base|medium|large|huge|giant|XL|XXL)"
_SIZE_WORD_PAREN_RE = re.compile(rf"(?i)\b{_SIZE_WORD}\s*\(\s*(?P<n>\d+(?:\.\d+)?)\s?(?P<suf>[MB])\s*\)")
_SIZE_WORD_PAREN_LIST_RE = re.compile(
    rf"\b(?:{_SIZE_WORD}\s*\(\s*\d+(?:\.\d+)?\s?[MB]\s*\)(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+))*"
    rf"{_SIZE_WORD}\s*\(\s*\d+(?:\.\d+)?\s?[MB]\s*\)\s+(?:models?|variants?|versions?|configurations?|checkpoints?)\b",
    re.I)

# words after a size that make it data, not a model ("1.4T tokens")
# (the words between hold no number: "Falcon-7B on 20B tokens" names the model, the tokens are the 20B's)
_DATA_NOUN_AFTER_RE = re.compile(r"^\s*(?:(?!\d)\w+\s+){0,2}?(?:tokens?|words?|images?|examples?|samples?|sentences?|pairs|"
                                 r"documents?|characters?|bytes|frames|hours|videos?|clips?|steps|iterations|FLOPs?)\b",
                                 re.I)


# a model of a size in general: "a 10B model needs / would require / should be trained on ...", "a compute-optimal
# 70B model": the indefinite article right before the size, a verb of need, prediction or possibility in the clause,
# and no we/our there ("we train a 10B model" is a run; "a 10B model is trained on ..." states no need)
_INDEFINITE_BEFORE_RE = re.compile(r"(?i)\b(?:an?|any)\s+(?:(?:compute-?optimal|hypothetical|typical|single|dense)\s+)?$")
_GENERIC_VERB_RE = re.compile(r"(?i)\b(?:needs?|requires?|would|should|could|might|predicts?|predicted|optimal|"
                              r"according\s+to|scaling\s+laws?)\b")


# a scaling law's optimum: "the fitted law predicts an optimal model of 2.9B parameters", "the compute-optimal model size
# is about 10B", "the optimal number of parameters is N" (a size the law gives for a budget, no model trained)
_OPTIMAL_SIZE_BEFORE_RE = re.compile(r"(?i)\b(?:compute[- ])?optimal\s+(?:model\s+(?:size\s+)?|number\s+of\s+parameters\s+|"
                                     r"parameter\s+count\s+|size\s+)(?:of|is|would\s+be|=|:|≈)?\s*(?:about\s+|around\s+|"
                                     r"roughly\s+|approximately\s+|~\s*|≈\s*)?$")


def _generic_model_claim(t: str, start: int, end: int) -> bool:
    a, b = clause_span(t, start)
    if _WE_RE.search(t[a:b]):
        return False
    return bool(_INDEFINITE_BEFORE_RE.search(t[max(a, start - 30): start]) and _GENERIC_VERB_RE.search(t[a:b])
                or _OPTIMAL_SIZE_BEFORE_RE.search(t[max(a, start - 50): start]))


# memory arithmetic on a count: "Storing 7B parameters in 16-bit precision takes 14 GB", "loading 70B parameters needs
# 140 GB", "N parameters at 2 bytes each": a count as an amount of memory, no model of the paper (a gerund of storing or
# loading right before it, or a precision or bytes-per-parameter right after it, and a memory size in bytes in the
# sentence)
_STORE_BEFORE_RE = re.compile(r"(?i)\b(?:stor|load|hold|keep|hous|fit|cach|transferr?|communicat|shard)\w*\s+(?:the\s+|all\s+|"
                              r"about\s+|around\s+|roughly\s+)?$")
_PRECISION_AFTER_RE = re.compile(r"(?i)^\s*(?:parameters?|params?|weights)?\s*(?:in|at|with)\s+(?:\d+-?bits?|fp\d+|bf16|"
                                 r"int\d+|half|full|single|double|mixed)(?:\s+precision|\s+floats?)?\b|"
                                 r"^\s*(?:parameters?|params?|weights)?\s*(?:at|with|of)\s+(?:\d+|two|four)\s+bytes\b")
_BYTES_RE = re.compile(r"\d\s*(?:[KMGTP]i?B|bytes)\b")


def _memory_arithmetic(t: str, start: int, end: int) -> bool:
    a, b = clause_span(t, start)
    return bool(_BYTES_RE.search(t) and (_STORE_BEFORE_RE.search(t[max(a, start - 25): start]) or
                                         _PRECISION_AFTER_RE.match(t[end: end + 40]))
                and not _WE_RE.search(t[a:b]) and not _OWN_NETWORK_RE.search(t[a:b]))


# a distillation teacher's size: "a 110M-parameter teacher", "the 340M teacher", "teacher (BERT-large, 340M)"
_TEACHER_AFTER_RE = re.compile(r"(?i)^[\s-]*(?:parameters?\s+|params?\s+)?(?:[\w-]+\s+){0,2}?teachers?\b")
# the model our training starts from: "we initialize from LLaMA-7B", "fine-tuned from OPT-1.3B", "continue
# pre-training from Pythia-2.8B"
_INIT_FROM_RE = re.compile(r"(?i)\b(?:initiali[sz]\w*|start\w*|continu\w*(?:\s+(?:pre-?)?training)?|fine-?tun\w*|"
                           r"warm-?start\w*|resum\w*)\s+(?:\w+\s+)?from\s+(?:the\s+)?$")
# the model distilled into another is the teacher: "we distill LLaMA-65B into a 7B student"
_DISTILL_OBJECT_RE = re.compile(r"(?i)\bdistil(?:l|ls|led|ling)?\s+(?:the\s+|a\s+)?(?:knowledge\s+(?:of|from)\s+)?"
                                r"(?:[\w.]+[- ]?)?$")
_INTO_STUDENT_RE = re.compile(r"(?i)^[\w.-]*\s+(?:\w+\s+)?(?:into|to)\s")
# a baseline's size: "to match a 100M-parameter baseline", "a strong 1.3B baseline model", "the 340M baselines" (the size
# modifies the baseline; not "our baseline model has 86M parameters", where the count is said of it, nor a baseline we
# say we train: "We train a 1B baseline model for comparison")
_BASELINE_AFTER_RE = re.compile(r"(?i)^[\s-]*(?:parameters?\s+|params?\s+)?(?:[\w-]+\s+){0,2}?baselines?\b")


def _trained_by_us_before(t: str, start: int) -> bool:
    """The clause before the count says we train it ("We train a 1B baseline model for comparison"): our own run."""
    a, _ = clause_span(t, start)
    return bool(_WE_RE.search(t[a:start]) and _TRAIN_VERB_RE.search(t[a:start]))


_TEACHER_BEFORE_RE = re.compile(r"(?i)\bteachers?\b\s*(?:model\s*)?(?:\(\s*(?:[\w.-]+\s*,\s*)?|with\s+|of\s+|has\s+|:\s*)?$")


# a count in the clause of a parameter word, however the sentence is built: "The total number of parameters in our
# model is 2.3M", "The parameter count of the proposed network is about 5.6 million" (the patterns above need the
# count right after "parameters of/is" or right before "parameters"). A magnitude (M, million, 1.2 x 10^6, or a
# count of 10,000 or more) within 80 characters after the parameter word, in its clause; not a data amount,
# a share, a memory size or a difference ("30% fewer", "2M fewer", "from 10M to 2M" keeps both ends, a reader's call).
_PARAM_WORD_RE = re.compile(r"(?i)(?<![\w-])(?:parameters|params|parameter\s+counts?|model\s+size)\b(?![\s-]+(?:budget|limit|constraint|efficien))")
_CLAUSE_COUNT_RE = re.compile(rf"(?P<n>{_NUM}){_SUF}")
_NOT_A_MODEL_COUNT_AFTER_RE = re.compile(
    r"(?i)^\s*(?:%|x\b|×|times\b|fewer\b|less\b|more\b|smaller\b|larger\b|bits?\b|[KMGT]?B\b|bytes\b|FLOPs?\b|MACs?\b|"
    r"M?Adds\b|(?:multiply|mult)[- ]?(?:adds?|accumulat\w*)|(?:\w+\s+)?operations\b|OPs\b|"
    r"(?:\w+\s+){0,2}?(?:tokens?|words?|images?|examples?|samples?|sentences?|pairs|documents?|characters?|frames|"
    r"hours|videos?|clips?|steps|iterations|epochs|layers?|GPUs?|TPUs?|nodes|heads|dimensions?|classes|categories|"
    r"users|items|queries|episodes|games))")


# between the parameter word and the count: no other number (the count is the first one after the word: not "#params=79.5M
# and FLOPs=16.0G") and no comparison ("2.1M parameters (versus VGG16-138.3M)", "fewer parameters than X, 18M versus 334M")
_BETWEEN_STOP_RE = re.compile(r"(?i)\d|\b(?:versus|vs|compared|than|relative|against|fewer|more|less|smaller|larger|"
                              r"reduc\w*|increas\w*|FLOPs?|MACs?|memory|latency|speed|accuracy)\b")


# a change of the count: "the parameters from 25.6M to 4.2M" (the count after "to" is the model's; the one before it not)
_FROM_TO_RE = re.compile(rf"^\s*(?:parameters\s+)?to\s+(?:only\s+|about\s+|around\s+|~\s*)?{_NUM}")
_TO_AFTER_FROM_RE = re.compile(rf"\s*(?:\w+\s+){{0,4}}?from\s+(?:about\s+|around\s+|~\s*)?{_NUM}{_SUF}\s*(?:parameters\s+)?to\s+"
                               r"(?:only\s+|about\s+|around\s+|~\s*)?", re.I)


# a change of the count by an amount: "reduces the parameters by 3.2M", "increasing the model size by 40M" (the
# difference; a change verb earlier in the clause, "by" right before the count)
_BY_AMOUNT_BEFORE_RE = re.compile(r"(?i)\b(?:reduc\w*|decreas\w*|increas\w*|cut\w*|sav\w*|lower\w*|shrink\w*|"
                                  r"compress\w*|grow\w*|expand\w*|enlarg\w*|prun\w*)\b[^.;]*\bby\s+(?:about\s+|around\s+|"
                                  r"only\s+|roughly\s+|nearly\s+|over\s+|~\s*)?$")


def _clause_counts(u: Unit, t: str):
    """(value, match, start, end) of magnitudes in the clause of a parameter word (see ``_CLAUSE_COUNT_RE``)."""
    words = list(_PARAM_WORD_RE.finditer(t))
    if not words:
        return
    for m in _at_numbers(_CLAUSE_COUNT_RE, u):
        v = _value(m)
        if v is None or v < 1e4:
            continue
        if _NOT_A_MODEL_COUNT_AFTER_RE.match(t[m.end():m.end() + 30]):
            continue
        a, b = clause_span(t, m.start())
        if _BY_AMOUNT_BEFORE_RE.search(t[a:m.start()]):
            continue  # "reduces the parameters by 3.2M", "cuts the model size by 40M": the difference, not the count
        if _FROM_TO_RE.match(t[m.end():m.end() + 40]):
            continue  # "reduces the parameters from 25.6M to 4.2M": the count before the change; the one after is read
        if any(a <= w.start() and w.end() <= m.start() and m.start() - w.end() <= 80
               and (not _BETWEEN_STOP_RE.search(t[w.end():m.start()]) or _TO_AFTER_FROM_RE.fullmatch(t[w.end():m.start()]))
               for w in words):
            yield v, m.group(0), m.start(), m.end()


# a number whose unit is a data unit is never a parameter count: "over a 1.8T-token corpus", "on 2M-image subsets",
# "a 5k-hour speech corpus", "300B tokens" (right after the number, hyphenated or not)
_DATA_UNIT_AFTER_RE = re.compile(
    r"(?i)^\s*(?:-\s*)?(?:tokens?|words?|images?|examples?|samples?|sentences?|documents?|hours?|frames?|videos?|clips?|"
    r"utterances?|pairs?|characters?|bytes?|steps?|iterations?|epochs?|queries|query|episodes?|pages?|tweets?|"
    r"dialogues?|conversations?|questions?|scenes?|molecules?|proteins?|sequences?|audio)\b")

# a cited model's size in parentheses after its name and citation: "GPT-3 [4] (175B parameters) remains out of reach",
# "PaLM (540B) [9]" (the citation before the parentheses, or right after them); not where the clause before the name
# trains or fine-tunes a model ("We fine-tune GPT-J [12] (6B parameters) on ...")
_CITATION = r"(?:\[\s*\d+(?:\s*[,–-]\s*\d+)*\s*\]|\(\s*[A-Z][\w'-]+(?:\s+et\s+al\.?)?,?\s*(?:19|20)\d\d[a-z]?\s*\))"  # "[4]", "(Brown et al., 2020)"
_CITED_PAREN_BEFORE_RE = re.compile(r"\b[A-Z][\w.-]*(?:[- ][\w.-]+)?\s*" + _CITATION + r"\s*\(\s*(?:about\s+|around\s+|~\s*|≈\s*)?$")
_CITE_AFTER_PAREN_RE = re.compile(r"^[^()\[\]]{0,25}\)\s*" + _CITATION)
_TRAIN_VERB_RE = re.compile(r"(?i)fine-?tun\w*|\btrain\w*|pre-?train\w*|\bLoRA\b|\badapt\w*|distill\w*|continu\w*\s+pre")


def _cited_paren_size(t: str, start: int, end: int) -> bool:
    """The count stands in parentheses after a cited model's name ("GPT-3 [4] (175B parameters)", "PaLM (540B) [9]")
    and the clause before it trains nothing."""
    before = t[max(0, start - 60): start]
    name_paren = re.search(r"\b[A-Z][\w.-]*(?:[- ][\w.-]+)?\s*\(\s*(?:about\s+|around\s+|~\s*|≈\s*)?$", before)
    if not (_CITED_PAREN_BEFORE_RE.search(before) or (name_paren and _CITE_AFTER_PAREN_RE.match(t[end: end + 40]))):
        return False
    a, _ = clause_span(t, start)
    return not _TRAIN_VERB_RE.search(t[a: start])


# a power of ten whose superscript the text lost: "1.2 × 10 8 parameters", "3.5x107 trainable parameters" (1.2 × 10^8):
# a mantissa below 10 times "10" and a one- or two-digit exponent (4-12) right before a parameter word; as written
# ("1.2 × 108") the count would be a few hundred, below any model's size
_FLAT_POWER_PARAM_RE = re.compile(
    r"(?<![\d.,])(?P<m>[1-9](?:\.\d+)?)\s*[x×·]\s*10\s?(?P<e>[4-9]|1[0-2])\s+(?:(?:total|trainable|learnable|free|model|"
    r"network)\s+){0,2}(?:parameters|params|weights)\b")


# some of a network's layers: "the last 2 layers", "each of the 12 blocks", "we add 2 layers" (their count is a part's, not the network's)
_SUBSET_OF_LAYERS_RE = re.compile(r"(?i)\b(?:first|last|top|bottom|final|remaining|additional|extra|new|added|frozen|each\s+of\s+(?:the|its)|add(?:s|ed|ing)?|insert\w*|append\w*)"
                                  r"\s+\d+\s+(?:\w+\s+)?(?:layers|blocks|heads)\b[^.;]{0,50}$")


# a network's depth with the kind of its layers between: "12 transformer layers", "6 convolutional layers", "8 residual
# blocks" (the kind word is dropped before the component test, which takes "24 layers" as the whole network's depth)
_DEPTH_KIND_RE = re.compile(r"(?i)(\d)[\s-]+(?:transformer|convolutional|conv|residual|hidden|encoder|decoder|recurrent|"
                            r"LSTM|BiLSTM|GRU|(?:self-)?attention|graph|GCN|GNN|Mamba|bottleneck|dense|fully[- ]connected)"
                            r"\s+(layers?|blocks?)\b")


# the whole network as the subject after a word of its parts: "Built from efficient ghost modules, our network has only
# 5.2M parameters", "By sharing weights across layers, our model has 12M", "Using a gating mechanism, FooNet reduces the
# model to 1.9M" (a determiner before the network's noun; not "each block of the model has 1.2M", the part's, nor "our
# model's attention layers have 5M", the part after the network)
_WHOLE_NETWORK_AFTER_RE = re.compile(
    r"(?i)(?<!\bof\s)\b(?:our|the|this|its)\s+(?:(?!of\b)[\w-]+\s+){0,2}?(?:models?|networks?|nets?|architectures?|"
    r"transformers?|detectors?|encoder-decoders?)\b(?!['’]s|\s+of\b)[^.;]*$")


# one expert of a mixture: "each of the 4 experts has 1.3B parameters", "every expert holds 117M parameters" (the
# mixture's total is stated apart: "64 experts, 7.5B parameters in total" keeps its count)
_ONE_EXPERT_BEFORE_RE = re.compile(r"(?i)\b(?:each|every|per|a\s+single|one)\s+(?:of\s+(?:the|its|our)\s+(?:\d+\s+)?)?(?:\w+\s+)?"
                                   r"experts?\b[^.;]{0,40}$")


USE_ONLY_WHY = "a model evaluated or prompted, not trained, in this sentence"
BASELINE_WHY = "a baseline's size ('a 100M-parameter baseline')"
MEMORY_WHY = "a count as an amount of memory ('storing N parameters takes M GB'), not a model"
USE_ONLY_PENALTY = 0.7


# the reasons (and their penalties) that put a count in another model's clause or beside a citation: taken back when
# the count is stated of the paper's own model by its name ("Compared with ResNet-50 [12], FooNet has only 5.1M
# parameters": the comparison is an adjunct, the own model the subject)
OTHERS_WHYS = {"cites other work": 1.0, "in a clause about another model": 1.2, "set against our model in the sentence": 1.2,
               "a cited model's size": 0.7, "a sentence about previous work, nothing trained in it": 1.0}
# the reasons that flag a count for other causes (it stays flagged when one of them is left)
_OTHER_FLAG_WHYS = ("hypothetical", "an example", "related work", "another named work's run", "a cited model's own training",
                    "a cited model's size in parentheses after its name",
                    "a capability or a bound, not a model", "a teacher's size (distillation)", BASELINE_WHY,
                    "a model of that size in general ('a 10B model needs ...'), not a run",
                    MEMORY_WHY)


def _said_of_own_name(c: Cand, own_rx: re.Pattern) -> tuple[bool, bool]:
    """(the count is the own model's by its name, as the subject that has it: "FooNet has only 5.1M parameters",
    "Wren (14M parameters)", "TinyFoo-1.1B"; the own name is the subject right after it: "Despite having only 1.1B
    parameters, TinyFoo outperforms ...")."""
    t = c.u.text
    at = t.find(c.match)
    if at < 0:
        return False, False
    before, after = t[max(0, at - 40): at], t[at + len(c.match): at + len(c.match) + 40]
    named_before = re.search(r"(?P<n>[A-Z][\w.-]*)(?:\s*\([^()]{0,20}\))?\s*(?:,\s*)?(?:(?:has|have|with|contains|uses|requires|"
                             r"needs)\s+(?:a\s+total\s+of\s+)?|,\s*an?\s+|is\s+an?\s+|\(\s*)(?:only\s+|just\s+|about\s+|"
                             r"around\s+|roughly\s+|approximately\s+)?$", before)
    subject_after = re.match(r"^[^.;,]{0,16},\s*(?:the\s+)?(?P<n>[A-Z][\w.-]*)", after)
    by_name = bool(c.model and own_rx.search(c.model)) or bool(named_before and own_rx.fullmatch(named_before.group("n")))
    return by_name, bool(subject_after and own_rx.fullmatch(subject_after.group("n")))


def own_named_sizes(cands: list[Cand], own_rx: re.Pattern | None) -> None:
    """Counts the paper's own model is said to have by its name (``own_rx``: the own model names, known after the
    readers). Beside words of evaluation or inference ("TinyFoo-1.1B outperforms open models on zero-shot benchmarks",
    "Despite having only 1.1B parameters, TinyFoo outperforms ...", "Wren has 14M parameters and runs at inference
    ..."): the size of the model the paper trained, the penalty of a model only used taken back. With the own name as
    the subject that has the count ("Compared with ResNet-50 [12], FooNet has only 5.1M parameters", "Unlike prior work
    [3] ..., FooLM has only 125M parameters"): the penalties of another model's clause and of a citation are taken back
    and, no other cause left, the flag. (A size elsewhere in a sentence that names the own model is not the own
    model's: "a 2-shot prompted version of the Pythia-2.8B base model, finding DPO performs as well" is a baseline's.)"""
    if own_rx is None:
        return
    for c in cands:
        if c.u.kind != "text" or not (USE_ONLY_WHY in c.why or any(w in OTHERS_WHYS for w in c.why)):
            continue
        by_name, subject_after = _said_of_own_name(c, own_rx)
        if USE_ONLY_WHY in c.why and (by_name or subject_after):
            c.score += USE_ONLY_PENALTY
            c.why[c.why.index(USE_ONLY_WHY)] = "evaluation words, said of the paper's own model"
        if by_name and any(w in OTHERS_WHYS for w in c.why):
            c.score += sum(OTHERS_WHYS[w] for w in c.why if w in OTHERS_WHYS)
            c.why = [w for w in c.why if w not in OTHERS_WHYS] + ["said of the paper's own model by its name"]
            c.cues -= {CUE_OTHER_MODEL, CUE_CITED_SIZE}
            if not any(w in _OTHER_FLAG_WHYS for w in c.why):
                c.flagged = False


def _param_cands(u: Unit) -> list[Cand]:
    t = u.text
    out: list[Cand] = []
    spans: list[tuple[int, int]] = []
    base_why: list[str] = []
    base, flagged = _base_score(u, base_why)
    # "We evaluate the LLaMA-65B model zero-shot": a model used, not trained (papers that train nothing)
    use_only = u.kind != "table" and not u.train and not re.search(r"(?i)fine-?tun|\bLoRA\b|\btrain", t) and \
        bool(_USE_ONLY_RE.search(t)) and not _OWN_NETWORK_RE.search(t)
    prev_work = u.kind != "table" and not u.train and not re.search(r"(?i)fine-?tun|\bLoRA\b|\btrain", t) and \
        bool(_PREVIOUS_WORK_RE.search(t))

    def add(v, m, start, end, why, bonus=0.0, active=False, unit=None, name_of=None):
        if v is None:
            return
        f = "active_parameters" if active else "parameters"
        lo, hi = RANGE[f]
        if not lo <= v <= hi:
            return
        if any(a <= start < b or start <= a < end for a, b in spans):
            return
        if _DATA_UNIT_AFTER_RE.match(t[end: end + 20]) and re.search(r"(?:\d|[kKMBT]|(?i:thousand|millions?|billions?|trillions?|bn))\s*$", m):
            return  # "a 1.8T-token corpus": a data amount (the unit right after the number, not after "parameters")
        spans.append((start, end))
        w = list(base_why) + why
        sc = base + bonus
        fl = flagged
        cues = set()  # structured provenance (est9: CUE_* of core)
        # (a cited model in the clause is often the one fine-tuned: "a pretrained GPT-J model [3] with 6.7B parameters";
        # only one described with its own training is another's)
        delta, cited, w = clause_owner_adjust(u, t, start, w, cited_penalty=1.2)
        sc += delta
        fl = fl or cited
        if cited:
            cues.add(CUE_CITED_OWN_RUN)  # (its reason given; the cues below would say the same again)
        elif _local_others(t, start, end, cited_subject=False):
            sc -= 1.2
            fl = True
            w.append("in a clause about another model")
            cues.add(CUE_OTHER_MODEL)
        elif _contrast_other(t, start):
            sc -= 1.2
            fl = True
            w.append("set against our model in the sentence")
            cues.add(CUE_OTHER_MODEL)
        elif another_works_run(t, start):
            sc -= 1.2  # "Following Chinchilla, which trained a 70B model on 1.4T tokens, we ...": the named work's run
            fl = True
            if "we/our" in w:
                sc, w = we_in_another_clause(sc, w)
            w.append("another named work's run")
            cues.add(CUE_CITED_OWN_RUN)
        elif u.kind != "table" and _cited_paren_size(t, start, end):
            sc -= 1.2  # "GPT-3 [4] (175B parameters) remains out of reach, so we train ...": another's size
            fl = True
            w.append("a cited model's size in parentheses after its name")
            cues.add(CUE_CITED_SIZE)
        elif _CITED_BEFORE_RE.search(t[max(0, start - 70): start]) and not _WE_RE.search(t[max(0, start - 70): start]):
            sc -= 0.7  # yields to a count of our own; alone it stands (a cited model fine-tuned is the one trained)
            w.append("a cited model's size")
            cues.add(CUE_CITED_SIZE)
        if _local_smaller(t, start, end):
            sc -= 0.5
            w.append("a smaller variant")
        if use_only:
            sc -= USE_ONLY_PENALTY
            w.append(USE_ONLY_WHY)
        elif prev_work:
            sc -= 1.0  # "where results for PaLM-540B were available from previous work, we included them"
            fl = True
            w.append("a sentence about previous work, nothing trained in it")
        before60 = t[max(0, start - 60): start]
        modal = re.search(r"(?i)\b(?:can|could|able\s+to|capable\s+of)\s+(?:handl\w+|scal\w+\s+to|train\w*)\s+[^.;]{0,40}$", before60)
        if u.kind != "table" and (modal or capability(t, start)):
            sc -= 1.5  # "can handle ten million parameters", "our library supports models of up to 100B parameters",
            fl = True  # "scales to 1T parameters": what a method or a system can do, not a model trained
            w.append("a capability or a bound, not a model")
            cues.add(CUE_CAPABILITY)
        elif re.search(r"(?i)\b(?:exceeding|beyond|in\s+excess\s+of|upwards\s+of)\s+(?:about\s+)?$", before60):
            sc -= 1.5  # "modern large-scale (exceeding 100 million parameters) architectures", "models beyond 1B
            fl = True  # parameters": a class of models by a bound, never one model's count
            w.append("a capability or a bound, not a model")
            cues.add(CUE_CAPABILITY)
        elif re.search(r"(?i)\bas\s+many\s+as\s+(?:about\s+)?$", before60):
            sc -= 0.8  # ("we increase the model size to as many as 100 million parameters" is the run's, unflagged)
            w.append("a capability or a bound, not a model")
        if u.kind != "table" and _generic_model_claim(t, start, end):
            sc -= 1.5  # "Scaling laws predict that a 10B model needs about 200B tokens": any model of that size
            fl = True
            w.append("a model of that size in general ('a 10B model needs ...'), not a run")
        elif u.kind != "table" and _memory_arithmetic(t, start, end):
            sc -= 1.5  # "Storing 7B parameters in 16-bit precision takes 14 GB": memory arithmetic on a count
            fl = True
            w.append(MEMORY_WHY)
        if _TEACHER_AFTER_RE.match(t[end:]) or _TEACHER_BEFORE_RE.search(t[max(0, start - 40): start]) or \
                _DISTILL_OBJECT_RE.search(t[max(0, start - 40): start]) and _INTO_STUDENT_RE.match(t[end:]):
            sc -= 1.2  # "distilled from a 110M-parameter teacher": the teacher's size, not the model trained
            fl = True
            w.append("a teacher's size (distillation)")
            cues.add(CUE_OTHER_MODEL)
        elif (_BASELINE_AFTER_RE.match(t[end:]) or re.search(r"(?i)\d\S*\s+(?:\S+\s+){0,2}?baselines?\b", m)) and \
                not _trained_by_us_before(t, start):
            sc -= 1.2  # "Only 3.4M parameters match a 100M-parameter baseline": the baseline's size, not the model's
            fl = True
            w.append(BASELINE_WHY)
            cues.add(CUE_OTHER_MODEL)
        mm = list(_MODEL_TOKEN_RE.finditer(t[max(0, start - 50): start]))
        model = mm[-1].group(0) if mm else None
        # ("the 20-layer plain CNN with 23.4M parameters", "a transformer with 24 layers, 16 heads and 350M parameters":
        # a depth or a width describes the whole network, not a component; "the last 2 layers" are a part of it)
        # ("12 transformer layers", "8 residual blocks": the network's depth too, its kind of layer between)
        part = re.search(r"(?i)\b(?<!\d-)(?<!\d\s-)(?<!\d\s)(?:block|layer|module|head|component|adapter|branch|gate|gating|router|"
                         r"prompt|LoRA|embedding\s+(?:table|matrix|layer)|(?:extra|additional)\s+\w*)s?\b[^.;]{0,50}$",
                         _DEPTH_KIND_RE.sub(r"\1 \2", t[max(0, start - 70): start]))
        if part and _WHOLE_NETWORK_AFTER_RE.search(part.group(0)):
            part = None  # "Built from ghost modules, our network has only 5.2M parameters": the whole network's count
        if part \
                or _SUBSET_OF_LAYERS_RE.search(t[max(0, start - 70): start]) \
                or _ONE_EXPERT_BEFORE_RE.search(t[max(0, start - 70): start]) \
                or re.match(r"^\s*(?:\w+\s+){0,2}?(?:per\s+(?:layer|block|expert)|(?:in|for)\s+(?:each|the|every)\s+(?:layer|block|head|expert))", t[end:]):
            sc -= 0.7
            w.append("a component's parameters")
        out.append(Cand(f, v, unit, u, m, sc, w, flagged=fl, own=u.ours, model=model or name_of, cues=cues))

    low = t.lower()
    for m in (_at_numbers(_PARAM_AFTER_RE, u) if re.search(r"param|weights", low) else ()):
        v = _value(m)
        if m.group("w").lower().startswith("weight") and (v is None or v < 1e4):
            continue  # "66 million weights", "4.2M learnable weights" are a size; "3 weights" is not
        if v is not None and v < 1e4 and not m.group("suf"):
            continue  # "3 parameters", "256 parameters per ..." are not a model's size
        after = t[m.end(): m.end() + 30]
        if re.match(r"^\s*(?:per|for\s+each|of\s+(?:each|every|the\s+(?:embedding|first|last|output|input)))\b", after, re.I):
            continue
        adj = (m.group("adj") or "").lower()
        active = "activ" in adj or bool(re.match(r"^\s*(?:are\s+)?activ(?:e|ated)\b", after, re.I))
        bonus = 1.0 if "total" in adj else 0.8
        add(v, m.group(0), m.start(), m.end(), ["parameter count"], bonus, active)
    for m in (_FLAT_POWER_PARAM_RE.finditer(t) if "10" in t and re.search(r"param|weights", low) else ()):
        v = float(m.group("m")) * 10.0 ** int(m.group("e"))
        add(v, m.group(0), m.start(), m.end(), ["parameter count"], 0.8)
    for m in (_PARAM_BEFORE_RE.finditer(t) if u.kind != "table" and re.search(r"param|model\s+size|able\s+weights", low) else ()):
        if re.match(r"^(?:\s+\d[\d.,]*){2,}", t[m.end():]):
            continue  # "params (M) 71 72 73 74": a plot's axis
        v = _value(m)
        if v is not None and v < 1e4:
            if re.search(r"\((?:M|millions?)\)|in\s+millions", m.group(0), re.I) or re.search(r"\(M\)", t[max(0, m.start() - 20): m.end()]):
                v *= 1e6
            else:
                continue
        active = bool(m.group("active"))
        add(v, m.group(0), m.start(), m.end(), ["parameter count"], 0.8, active)
    if u.kind == "table":
        return out  # table rows are read by columns (_table_cands), not as sentences
    for m in [*_at_numbers(_SIZE_MODEL_RE, u), *_at_numbers(_SIZE_MODIFIED_MODEL_RE, u)]:
        v = _value(m)
        if m.group("suf") == "M" and not re.search(r"(?i)param", m.group("noun")) and v is not None and v < 1e6:
            continue
        add(v, m.group(0), m.start(), m.end(), ["model size in its name ('7B model')"], 0.6)
    for m in _NOUN_PAREN_SIZE_RE.finditer(t):
        g = "n" if m.group("n") else "n2"
        num, suf = m.group(g), m.group("suf" if g == "n" else "suf2")
        v = float(num) * {"M": 1e6, "B": 1e9, "T": 1e12}[suf]
        add(v, m.group(0), m.start(g), m.end(), ["model size after its noun ('our model (350M)')"], 0.6)
    for lst in _SIZE_WORD_PAREN_LIST_RE.finditer(t):
        for m in _SIZE_WORD_PAREN_RE.finditer(t, lst.start(), lst.end()):
            v = float(m.group("n")) * {"M": 1e6, "B": 1e9}[m.group("suf")]
            add(v, m.group(0), m.start("n"), m.end(), ["a variant's size after its name ('the base (86M) and large (307M) "
                                                       "models')"], 0.6)
    if "param" in low:
        for m in _OUR_MODEL_HAS_RE.finditer(t):
            if _DATA_NOUN_AFTER_RE.match(t[m.end():]) or re.match(r"^\s*(?:\w+\s+){0,2}?(?:param|weights)", t[m.end():], re.I):
                continue  # a data amount, or a count the patterns above read already
            add(_value(m), m.group(0), m.start("n"), m.end(), ["our model's size ('our model has N')"], 0.6)
    for v, mt, st, en in (_clause_counts(u, t) if "param" in low or "model size" in low else ()):
        add(v, mt, st, en, ["a count in the clause of a parameter word"], 0.4)
    name_ctx = bool(re.search(r"(?i)model|param|\bL?LMs?\b|language|network|checkpoint|fine-?tun|pre-?train|\btrain", t))
    # "InternLM-7B-Chat, Qwen-7B-Chat, ChatGLM2-6B and Yi-6B-Chat": a list of models compared (a legend, a
    # baseline list), none of them the model trained here by itself
    listed = len({m.group("name") for m in _NAME_SIZE_RE.finditer(t)}) >= 3 if name_ctx else False
    for m in (_NAME_SIZE_RE.finditer(t) if name_ctx else ()):
        name = m.group("name")
        if re.fullmatch(r"(?:Table|Tab|Figure|Fig|Section|Sec|Eq|Eqn|Equation|Panel|Row|Column|Col|Step|Stage|Phase|Part|Task|"
                        r"Exp|Experiment|Setting|Case|Model|Algorithm|Alg|Line|Level|Type|Group|Class|Set|Appendix|The|A|An|In|On|We|Our|With|For|At|Of|By|To|"
                        r"About|Over|Only|Up|And|Or|This|These|Its|Each|Both|All|Top|Total|Dataset|Data)", name.split()[0].split("-")[0].rstrip(".")):
            if " " not in name or not re.match(r"[A-Z]", name.split(None, 1)[1]):
                continue
            name = name.split(None, 1)[1]  # "Our LLaMA-13B", "The OPT-1.3B": the name after the word
        after = t[m.end(): m.end() + 40]
        if re.match(r"^\s*(?:\w+\s+)?(?:dataset|data|corpus|benchmark|collection|split)\b", after, re.I) or \
                re.search(r"(?i)\b(?:on|from|of|using|with)\s+(?:the\s+)?$", t[max(0, m.start() - 12): m.start()]) and \
                not _INIT_FROM_RE.search(t[max(0, m.start() - 50): m.start()]):
            continue  # "JFT-4B dataset", "pre-trained on LAION-5B": a dataset's size (not "initialized from LLaMA-7B")
        if _DATA_NOUN_AFTER_RE.match(after) or re.search(r"(?i)tokens|data|images|words|steps|batch|size|flops|params|"
                                                         r"parameters|memory|vocab", name):
            continue
        v = _value(m)
        add(v, m.group(0), m.start("n"), m.end(), [f"model size after its name ({name!r})"] +
            (["one of a list of sized models"] if listed else []), (0.6 if u.train else 0.3) - (1.2 if listed else 0.0),
            name_of=f"{name} {m.group('n')}{m.group('suf')}")  # the sized name: "Llama 3.1" names 8B and 70B alike
    return out
