"""Content clauses of nouns of speech and thought: `Ortiz repeated her claim that the tunnel
leaks`, `residents voiced fears that the dam could fail`, `warnings from the auditor that the
fund was empty`. The clause is what the noun's holder said or thinks; the holder is its owner
(`her`, `Ortiz's`), the one it comes from (`from the auditor`), or the subject of a verb that
voices it (`voiced`, `made the case`), never of one that answers it (`rejected the claim that`)."""

from __future__ import annotations

from dataclasses import dataclass

from .attribution import plausible_source, source_token
from .wordlists import words as wordlist

CLAIM_NOUNS = wordlist("claim_nouns")
VOICING_VERBS = wordlist("voicing_verbs")
CLAUSE_SUBJECTS = ("nsubj", "nsubjpass", "expl", "csubj")
HOLDER_PREPOSITIONS = ("from", "by")


@dataclass(frozen=True)
class NounClaim:
    """A noun's content clause before it is tidied: the noun (its cue), its holder, the words."""

    noun: object
    holder: object
    content: list


def _that_clause(head):
    """The clause `that ...` hanging from `head`, with a subject of its own (a relative clause
    has `that` as its subject or object, not as its mark: `the report that he wrote`)."""
    for c in head.children:
        if c.dep_ in ("acl", "ccomp", "relcl") and c.i > head.i \
                and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children) \
                and any(d.dep_ in CLAUSE_SUBJECTS for d in c.children):
            return c
    return None


def _holder_object(noun):
    """`warnings from the auditor`: the one the claim comes from, a source (the parser may hang
    `from` on the verb, right after the noun)."""
    after = [c for c in noun.head.children if c.i == noun.right_edge.i + 1] if noun.head.i != noun.i else []
    for prep in [*noun.children, *after]:
        if prep.dep_ == "prep" and prep.lower_ in HOLDER_PREPOSITIONS:
            for obj in prep.children:
                if obj.dep_ == "pobj" and plausible_source(obj):
                    return obj
    return None


def _voicer(noun, inside):
    """`residents voiced fears that ...`: the subject of the verb that voices the claim."""
    if noun.dep_ != "dobj" or noun.head.lemma_.lower() not in VOICING_VERBS:
        return None
    src = source_token(noun.head, inside)
    return src if src is not None and plausible_source(src) else None


def _holder(noun, inside):
    """The claim's owner (`Ortiz's claim`; `The trust repeated its warning`: the trust, who
    voices its own), else the one it comes from, else the subject of the verb voicing it."""
    owner = next((c for c in noun.children if c.dep_ == "poss" and not inside(c)), None)
    if owner is not None and owner.pos_ == "PRON":
        voicer = _voicer(noun, inside)
        return voicer if voicer is not None and voicer.pos_ != "PRON" else owner
    return owner or _holder_object(noun) or _voicer(noun, inside)


def _clause_of(noun):
    clause = _that_clause(noun)
    if clause is None:  # `warnings from the auditor that ...`: the parser hangs it on `auditor`
        obj = _holder_object(noun)
        clause = _that_clause(obj) if obj is not None else None
    return clause


def noun_claims(doc, inside) -> list[NounClaim]:
    """Every noun of speech or thought outside quotation marks with a content clause and a holder."""
    out = []
    for noun in doc:
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in CLAIM_NOUNS or inside(noun):
            continue
        clause = _clause_of(noun)
        holder = _holder(noun, inside) if clause is not None else None
        if holder is None:
            continue
        words = [t for t in clause.subtree if not (t.dep_ == "mark" and t.head.i == clause.i and t.lower_ == "that")]
        out.append(NounClaim(noun=noun, holder=holder, content=words))
    return out
