"""Names read off a headline or standfirst line: `Ted Cruz Apologizes To Ben Carson` gives the
speaker `Ted Cruz Apologizes`, `Certainly Donald Trump` a name with a word that is none of his.
"Headline and standfirst lines are never read as a source's name": the speaker list takes the
name the running text writes (`Ted Cruz`, `Donald Trump`), and the archive does the same for
extractions recorded before this rule (`archive/speaker_article.py`).
"""

from __future__ import annotations

import re

from .wordlists import words

WORD = re.compile(r"[A-Za-z][\w'’-]*")


def headline_like(line: str) -> bool:
    """A headline line: short, with every longer word capitalised (`Ted Cruz Apologizes To Ben
    Carson`); a sentence of the body has lower-case words (`Count former Mexican President Felipe
    Calderon among ... detractors`)."""
    ws = WORD.findall(line)
    if len(ws) < 2 or len(ws) > 30 or sum(1 for w in ws if w[0].isupper()) < 2:
        return False
    small = words("headline_small_words")
    return not any(w[0].islower() and len(w) >= 4 and w.lower() not in small for w in ws)


def prose(text: str) -> str:
    """The article's running text: its lines that are not headlines (the headline over the body,
    and the headlines of linked stories inside it)."""
    return "\n".join(line for line in text.splitlines() if not headline_like(line))


def written_in(body: str, name: str) -> bool:
    """The name written so in the body (case counts: `may not have` is no `May Not Have`)."""
    return bool(re.search(r"(?<!\w)" + re.escape(name.replace("’", "'")) + r"(?!\w)", body))


def spans(name: str) -> list[str]:
    """Contiguous runs of two or more of the name's words that open with a capital, longest first."""
    ws = name.split()
    out = [" ".join(ws[i:i + n]) for n in range(len(ws) - 1, 1, -1) for i in range(len(ws) - n + 1)]
    return [s for s in out if s[0].isupper()]


def before_headline_verb(name: str) -> str:
    """`Ted Cruz Apologizes`, `Obama Says`: a name read off a headline ends before the headline's verb."""
    ws = name.split()
    verbs = words("headline_verbs")
    cut = next((i for i, w in enumerate(ws) if i and w[:1].isupper() and w.lower().strip(".,:;'’") in verbs), None)
    return " ".join(ws[:cut]) if cut is not None else name


def body_written(name: str, text: str) -> str | None:
    """The repair of a name of two or more words that a headline line writes and the running text
    does not: the name before the headline's verb, else its longest run of words the text writes;
    None when there is nothing to repair (or nothing the text writes)."""
    if len(name.split()) < 2:
        return None
    lines = text.replace("\xa0", " ").replace("’", "'").splitlines()
    heads = [line for line in lines if headline_like(line)]
    body = "\n".join(line for line in lines if not headline_like(line))
    if written_in(body, name) or not any(written_in(line, name) for line in heads):
        return None
    cut = before_headline_verb(name)
    if cut != name and len(cut.split()) >= 2 and written_in(body, cut):
        return cut
    return next((s for s in spans(cut) if written_in(body, s)), None)
