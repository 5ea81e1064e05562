"""Signed checkpoints of the log, and what they let anyone holding one check.

"A hash chain alone cannot see what is missing at its end; a rewrite of the whole chain from some
point on is invisible too." A checkpoint is a signed statement of the log's size and of the head
of the Merkle tree (RFC 9162) over its events: a later log that does not extend it (a cut tail,
a rollback to an older copy, a rewritten history) no longer yields that head at that size.

The leaf of event `seq` is its hash (32 bytes): the hash already covers every field and the
previous event, and a third party holding an event can recompute it. A checkpoint file also
carries the hashes of the tree's aligned subtrees ("blocks", at most MAX_BLOCKS of them, checked
against the signed head before use), which name the first event that differs: exactly for logs
of up to MAX_BLOCKS events, else within one block.
"""

from __future__ import annotations

import base64
import json
import sqlite3
from dataclasses import asdict, dataclass

from . import keys
from .merkle import EMPTY_ROOT, Tree, node_hash

FORMAT = "newsfacts checkpoint v1"
MAX_BLOCKS = 1024
STREAM = "checkpoints"


@dataclass(frozen=True)
class Checkpoint:
    origin: str
    size: int
    root: str
    time: str
    key_id: str
    public_key: str
    signature: str

    def statement(self) -> bytes:
        """The signed text: the format line, then origin, size, root and time, one a line."""
        return f"{FORMAT}\n{self.origin}\n{self.size}\n{self.root}\n{self.time}\n".encode("utf-8")

    def signature_ok(self) -> bool:
        raw = base64.b64decode(self.public_key)
        return keys.key_id(raw) == self.key_id and keys.signature_ok(raw, self.statement(), self.signature)

    @classmethod
    def from_dict(cls, d: dict) -> Checkpoint:
        return cls(**{f: d[f] for f in cls.__dataclass_fields__})


@dataclass(frozen=True)
class LogTree:
    """The log's leaves and tree, read once for every check of one run."""

    origin: str
    tree: Tree

    @property
    def size(self) -> int:
        return self.tree.size


def origin_of(first_hash: str | None) -> str:
    """The log's name: the hash of its first event, which every later checkpoint commits to."""
    return f"newsfacts:{first_hash[:32]}" if first_hash else "newsfacts:empty"


def read_tree(conn: sqlite3.Connection, until: int | None = None) -> LogTree:
    """The tree over the events as they are now: each leaf is the hash recomputed from the event's
    content, so an event edited without its hash is a changed leaf too, not only a broken chain."""
    from .log import event_hash

    sql = ("SELECT seq, stream, version, type, schema_version, payload, recorded_at, actor, prev_hash "
           "FROM events" + (" WHERE seq <= ?" if until else "") + " ORDER BY seq")
    return tree_of([event_hash(*row) for row in conn.execute(sql, (until,) if until else ())])


def tree_of(digests: list[str]) -> LogTree:
    """The tree over event hashes (hex) already computed, by log.verify(digests=...)."""
    from .merkle import leaf_hash

    return LogTree(origin_of(digests[0] if digests else None), Tree(leaf_hash(bytes.fromhex(h)) for h in digests))


def signable(conn: sqlite3.Connection) -> LogTree:
    """The tree of a log whose chain holds, in one pass: a checkpoint never signs a broken chain
    (it would bless an edit that only the chain can still show)."""
    from .log import verify

    digests: list[str] = []
    _, problem = verify(conn, digests, payloads=False)
    if problem:
        raise ValueError(f"refusing to sign: event {problem.seq}: {problem.reason} (see `newsfacts verify`)")
    return tree_of(digests)


def make(lt: LogTree, key, time: str) -> Checkpoint:
    if lt.size == 0:
        raise ValueError("the log is empty: there is nothing to checkpoint")
    public = keys.raw_public(key.public_key())
    unsigned = Checkpoint(origin=lt.origin, size=lt.size, root=lt.tree.root().hex(), time=time,
                          key_id=keys.key_id(public), public_key=base64.b64encode(public).decode("ascii"),
                          signature="")
    return Checkpoint(**{**asdict(unsigned), "signature": keys.sign(key, unsigned.statement())})


def block_level(size: int) -> int:
    level = 0
    while (size + (1 << level) - 1) >> level > MAX_BLOCKS:
        level += 1
    return level


def blocks(tree: Tree, size: int, level: int) -> list[bytes]:
    """The hashes of D[j*2^level : (j+1)*2^level] (the last one maybe shorter) for the tree of size."""
    width = 1 << level
    return [tree.root_of(lo, min(lo + width, size)) for lo in range(0, size, width)]


def head_of_blocks(hashes: list[bytes]) -> bytes:
    """MTH from its aligned blocks: the split rule at block level is the split rule of the leaves."""
    if not hashes:
        return EMPTY_ROOT
    if len(hashes) == 1:
        return hashes[0]
    k = 1 << ((len(hashes) - 1).bit_length() - 1)
    return node_hash(head_of_blocks(hashes[:k]), head_of_blocks(hashes[k:]))


def to_file(lt: LogTree, cp: Checkpoint) -> dict:
    level = block_level(cp.size)
    return {**asdict(cp), "statement": cp.statement().decode("utf-8"),
            "blocks": {"level": level, "hashes": [h.hex() for h in blocks(lt.tree, cp.size, level)]}}


def from_file(text: str) -> tuple[Checkpoint, tuple[int, list[bytes]] | None]:
    d = json.loads(text)
    cp = Checkpoint.from_dict(d)
    b = d.get("blocks")
    try:
        found = (int(b["level"]), [bytes.fromhex(h) for h in b["hashes"]]) if b else None
    except (KeyError, TypeError, ValueError):
        found = None
    if found and head_of_blocks(found[1]).hex() != cp.root:
        found = None  # blocks that do not make the signed head are no evidence
    return cp, found


@dataclass(frozen=True)
class Finding:
    ok: bool
    message: str
    first_event: int | None = None


def check(lt: LogTree, cp: Checkpoint, found_blocks: tuple[int, list[bytes]] | None = None,
          pinned: bytes | None = None) -> Finding:
    """Is the log a consistent extension of the checkpoint? If not, how, and from which event."""
    if not cp.signature_ok():
        return Finding(False, "its signature does not verify: the checkpoint itself was altered")
    if pinned is not None and keys.key_id(pinned) != cp.key_id:
        return Finding(False, f"it is signed by key {cp.key_id}, not by the key given ({keys.key_id(pinned)})")
    if lt.origin != cp.origin and lt.size:
        return Finding(False, "event 1 differs from the checkpoint's: the history was rewritten from "
                              "event 1 on (or this is another archive)", 1)
    if lt.size < cp.size:
        first = _first_difference(lt, cp, found_blocks, lt.size)
        if first is not None:
            return Finding(False, f"the history was rewritten ({first[1]}) and the log ends at event "
                                  f"{lt.size} of the checkpoint's {cp.size}", first[0])
        return Finding(False, f"the log has {lt.size} events and the checkpoint {cp.size}: events "
                              f"{lt.size + 1}..{cp.size} are missing (a cut tail, or a rollback to "
                              f"an older copy)", lt.size + 1)
    if lt.tree.root(cp.size).hex() != cp.root:
        first = _first_difference(lt, cp, found_blocks, cp.size)
        where = first[1] if first else "a checkpoint file with its blocks would say where"
        return Finding(False, f"the log's first {cp.size} events are not those the checkpoint signed: "
                              f"the history was rewritten ({where})", first[0] if first else None)
    from .merkle import verify_consistency

    proof = lt.tree.consistency_proof(cp.size)
    if not verify_consistency(cp.size, lt.size, bytes.fromhex(cp.root), lt.tree.root(), proof):
        return Finding(False, "the consistency proof does not verify")  # pragma: no cover - a bug
    extra = lt.size - cp.size
    return Finding(True, f"the log ({lt.size} events) extends it consistently (proof of {len(proof)} "
                         f"hashes verified)" + (f"; events {cp.size + 1}..{lt.size} are not covered by "
                                                f"it" if extra else ""))


def _first_difference(lt: LogTree, cp: Checkpoint, found: tuple[int, list[bytes]] | None,
                      upto: int) -> tuple[int, str] | None:
    """The first event (1-based) where the log's leaves leave the checkpoint's blocks, within `upto`."""
    if not found:
        return None
    level, theirs = found
    width = 1 << level
    for j, h in enumerate(theirs):
        lo, hi = j * width, min((j + 1) * width, cp.size)
        if lo >= upto:
            return None
        if hi > upto:  # a block the shorter log only begins: compare what can be compared
            return None
        if lt.tree.root_of(lo, hi) != h:
            if width == 1:
                return lo + 1, f"event {lo + 1} differs from the one the checkpoint signed"
            return lo + 1, f"the first event that differs is among events {lo + 1}..{hi}"
    return None


def recorded(conn: sqlite3.Connection) -> list[tuple[int, Checkpoint]]:
    """The checkpoints the log itself holds (checkpoint.recorded events), oldest first."""
    rows = conn.execute("SELECT seq, payload FROM events WHERE type = 'checkpoint.recorded' ORDER BY seq")
    return [(seq, Checkpoint.from_dict(json.loads(p))) for seq, p in rows]


def inclusion(lt: LogTree, conn: sqlite3.Connection, seq: int, cp: Checkpoint) -> dict:
    """A proof that event `seq` is in the tree the checkpoint signed, with the event itself, so a
    third party can recompute its hash, its leaf and the head (`check_inclusion`)."""
    if not 1 <= seq <= cp.size:
        raise ValueError(f"event {seq} is not covered by the checkpoint of size {cp.size}")
    if lt.tree.root(cp.size).hex() != cp.root:
        raise ValueError("the log does not match the checkpoint (run `newsfacts verify`)")
    row = conn.execute("SELECT * FROM events WHERE seq = ?", (seq,)).fetchone()
    return {"event": dict(row), "leaf_index": seq - 1, "tree_size": cp.size,
            "path": [h.hex() for h in lt.tree.inclusion_proof(seq - 1, cp.size)],
            "checkpoint": asdict(cp)}


def check_inclusion(proof: dict, pinned: bytes | None = None) -> Finding:
    """Check a proof from `inclusion` with nothing but the proof (and maybe the signer's key)."""
    from .log import event_hash
    from .merkle import leaf_hash, verify_inclusion

    try:
        cp, e = Checkpoint.from_dict(proof["checkpoint"]), proof["event"]
        digest = event_hash(e["seq"], e["stream"], e["version"], e["type"], e["schema_version"],
                            e["payload"], e["recorded_at"], e["actor"], e["prev_hash"])
        path = [bytes.fromhex(h) for h in proof["path"]]
        index, size = int(proof["leaf_index"]), int(proof["tree_size"])
    except (KeyError, TypeError, ValueError) as err:
        return Finding(False, f"not an inclusion proof ({type(err).__name__}: {err})")
    if digest != e["hash"]:
        return Finding(False, f"event {e['seq']}'s content does not match its hash", e["seq"])
    if not cp.signature_ok():
        return Finding(False, "the checkpoint's signature does not verify")
    if pinned is not None and keys.key_id(pinned) != cp.key_id:
        return Finding(False, f"the checkpoint is signed by key {cp.key_id}, not by the key given")
    if size != cp.size or index != e["seq"] - 1:
        return Finding(False, "the proof's size or position is not the checkpoint's and the event's")
    if not verify_inclusion(leaf_hash(bytes.fromhex(digest)), index, size, path, bytes.fromhex(cp.root)):
        return Finding(False, "the audit path does not lead to the checkpoint's head", e["seq"])
    return Finding(True, f"event {e['seq']} ({e['type']}) is in the log of {size} events signed by key "
                         f"{cp.key_id} at {cp.time}")
