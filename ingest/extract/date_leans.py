"""The direction the words around a date give it, when the tense alone would mislead: `since May`
looks back, `payable Dec. 7` either way, `scheduled for Monday`, `postponed until Tuesday` and
`as early as Tuesday` ahead, and a weekday on a present-tense verb (`the ministers meet Monday`)
is a schedule.

`LEAN_RULES` is an ordered table of named rules, each a small function of the expression, its
span and its clause's tense; the first that gives a direction wins.
"""

from __future__ import annotations

from . import wordlists as wl
from .date_expressions import Expression

LEAD_LEANS = wl.table("numbers/lead_leans")
LEAD_PHRASES = {tuple(k.split()): v for k, v in wl.table("numbers/lead_phrases").items()}
_LONGEST_PHRASE = max(len(k) for k in LEAD_PHRASES)

# `a strike has been called for Monday`: what is set for a day lies ahead
SCHEDULE_VERBS = wl.words("numbers/schedule_verbs")
SCHEDULE_PREPOSITIONS = wl.words("numbers/schedule_prepositions")

# verbs whose present and past look alike: `shares hit a record Monday` may be either tense
SAME_PAST_FORM = wl.words("numbers/same_past_form")


def _lead(span) -> int:
    """Index of the word before the expression, past an `on` or a `the`."""
    i = span.start - 1
    if i >= 0 and span.doc[i].lower_ in ("on", "the"):
        i -= 1
    return i


def lead_phrase(e: Expression, span, tense: str, speech: bool) -> str | None:
    """`as early as Tuesday`, `as soon as Friday` look ahead, `as recently as May` back."""
    i = _lead(span)
    words = tuple(t.lower_ for t in span.doc[max(0, i + 1 - _LONGEST_PHRASE):i + 1])
    for n in range(min(len(words), _LONGEST_PHRASE), 1, -1):
        if words[-n:] in LEAD_PHRASES:
            return LEAD_PHRASES[words[-n:]]
    return None


def scheduled_for(e: Expression, span, tense: str, speech: bool) -> str | None:
    """`a strike has been called for Monday`, `postponed until Tuesday`, `moved to Friday`: what
    is set, put off or moved to a day lies ahead, whatever the tense of the setting."""
    i = _lead(span)
    if i < 0:
        return None
    word = span.doc[i]
    if word.lower_ in SCHEDULE_PREPOSITIONS and word.head.lemma_.lower() in SCHEDULE_VERBS:
        return "future"
    return None


def lead_word(e: Expression, span, tense: str, speech: bool) -> str | None:
    """`since May` looks back, `payable Dec. 7` / `until Friday` may look either way."""
    i = _lead(span)
    return LEAD_LEANS.get(span.doc[i].lower_) if i >= 0 else None


def planned_day(e: Expression, span, tense: str, speech: bool) -> str | None:
    """A weekday in the future of a past plan (`planned to meet on Saturday`, `were likely to
    buy as soon as trading opened Monday`): the plan was made before the report, so its day lies
    ahead of publication. A reported `would` (`said they would light it on Monday night`) may
    have come and gone by publication, so the nearer day wins there. A plan in the past perfect
    (`had been due to expire Friday`) was overtaken before the report: its day has gone by."""
    if tense != "prospective" or e.kind != "weekday" or e.shift is not None:
        return None
    auxes = _auxiliaries(span)
    if "had" in auxes:
        return "past"
    return None if auxes & {"would", "'d"} else "future"


def _auxiliaries(span) -> set[str]:
    """The auxiliaries of the verbs over the span, up to the sentence's root."""
    out, t = set(), span.root
    for _ in range(6):
        out |= {c.lower_ for c in t.children if c.dep_ in ("aux", "auxpass")}
        if t.head == t:
            break
        t = t.head
    return out


def scheduled_lean(e: Expression, span, tense: str, speech: bool) -> str | None:
    """A weekday on a present-tense verb other than a speech verb is a schedule (`voters head
    to the polls on Sunday`, `the ministers meet Monday`): the one ahead. Where the verb could
    as well be past (`shares hit a record Friday`), the nearer one. A weekday that only
    modifies a noun (`Thursday's closing price`, `the March high`) keeps the default. A month
    on such a verb, and a weekday that is the subject of one (`Saturday is the deadline`), is
    the nearer one."""
    if tense != "present" or speech:
        return None
    month_name = e.kind == "calendar" and e.year is None and e.month is not None
    if e.kind != "weekday" and not month_name:
        return None
    root = span.root
    verb = None
    if root.dep_ in ("npadvmod", "tmod") and root.head.pos_ in ("VERB", "AUX"):
        verb = root.head
    elif root.dep_ == "pobj" and root.head.dep_ == "prep" and root.head.head.pos_ in ("VERB", "AUX"):
        verb = root.head.head
    elif root.dep_ == "nsubj" and root.head.pos_ in ("VERB", "AUX"):
        return "nearest"  # `Saturday marks the anniversary`: the day at hand, either side
    if verb is None:
        return None
    if month_name:
        # `the law takes effect in January` lies ahead, `unemployment stands at 5% in October`
        # behind: the nearer month
        return "nearest"
    return "nearest" if verb.lower_ in SAME_PAST_FORM else "future"


# (name, rule): tried in order, the first that gives a direction ('past', 'future', 'nearest') wins
LEAN_RULES = [
    ("lead_phrase", lead_phrase),
    ("scheduled_for", scheduled_for),
    ("lead_word", lead_word),
    ("planned_day", planned_day),
    ("scheduled", scheduled_lean),
]


def lean_of(e: Expression, span, tense: str, speech: bool) -> str | None:
    """The direction the words around the expression give it, or None."""
    return next((lean for _, rule in LEAN_RULES if (lean := rule(e, span, tense, speech))), None)
