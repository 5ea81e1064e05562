"""The Merkle tree over the log, as transparency logs build it (RFC 9162, section 2.1).

"The hash of a leaf is SHA-256(0x00 || d); the hash of an interior node is SHA-256(0x01 || left ||
right)": the two prefixes keep a leaf from ever passing for a node. The tree over n leaves splits
at k, "the largest power of two smaller than n", so a tree of size m is the left edge of every
larger tree, which is what lets a consistency proof show that size n extends size m.

`Tree` keeps the hash of every perfect, aligned subtree (2n hashes in all), so the head of any
size and every proof cost O(log n) lookups once the leaves are hashed: checkpoint and verify of a
large log hash each event once. The `verify_*` functions follow RFC 9162's verification
algorithms (2.1.3.2 and 2.1.4.2) and need nothing but hashes: a third party runs them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

EMPTY_ROOT = hashlib.sha256(b"").digest()
"""MTH({}) = SHA-256() : the head of the empty tree."""


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def _split(n: int) -> int:
    """The largest power of two smaller than n (n >= 2)."""
    return 1 << ((n - 1).bit_length() - 1)


class Tree:
    """The tree over a list of leaf hashes, with every perfect aligned subtree's hash kept."""

    def __init__(self, leaf_hashes: Iterable[bytes] = ()):
        self.levels: list[list[bytes]] = [list(leaf_hashes)]
        self._build(0)

    @classmethod
    def of_entries(cls, entries: Iterable[bytes]) -> Tree:
        return cls(leaf_hash(e) for e in entries)

    @property
    def size(self) -> int:
        return len(self.levels[0])

    def append(self, leaf: bytes) -> None:
        """Add a leaf hash; only the subtrees it completes are hashed."""
        self.levels[0].append(leaf)
        self._build(self.size - 1)

    def _build(self, start: int) -> None:
        """Hash the parents of the leaves from `start` on, level by level."""
        level, index = 0, start
        while len(self.levels[level]) >= 2:
            below = self.levels[level]
            if level + 1 == len(self.levels):
                self.levels.append([])
            above = self.levels[level + 1]
            index //= 2
            del above[index:]
            above.extend(node_hash(below[2 * i], below[2 * i + 1]) for i in range(index, len(below) // 2))
            level += 1

    def _hash(self, lo: int, hi: int) -> bytes:
        """MTH(D[lo:hi]) for a range the RFC's recursion reaches (lo is a multiple of the
        largest power of two not above hi - lo)."""
        n = hi - lo
        if n & (n - 1) == 0:  # a perfect subtree: kept
            return self.levels[n.bit_length() - 1][lo // n]
        k = _split(n)
        return node_hash(self._hash(lo, lo + k), self._hash(lo + k, hi))

    def root_of(self, lo: int, hi: int) -> bytes:
        """MTH(D[lo:hi]) of an aligned range: lo a multiple of the power of two at or above hi - lo."""
        if not 0 <= lo < hi <= self.size:
            raise ValueError(f"no leaves {lo}..{hi} in a tree of {self.size}")
        return self._hash(lo, hi)

    def root(self, size: int | None = None) -> bytes:
        size = self.size if size is None else size
        if not 0 <= size <= self.size:
            raise ValueError(f"no tree of size {size} (the log has {self.size} leaves)")
        return EMPTY_ROOT if size == 0 else self._hash(0, size)

    def inclusion_proof(self, index: int, size: int | None = None) -> list[bytes]:
        """PATH(m, D[0:n]) (RFC 9162 2.1.3.1): the audit path of leaf `index` in the tree of `size`."""
        size = self.size if size is None else size
        if not 0 <= index < size <= self.size:
            raise ValueError(f"leaf {index} is not in a tree of size {size}")
        path: list[bytes] = []
        lo, hi = 0, size
        while hi - lo > 1:
            k = _split(hi - lo)
            if index < lo + k:
                path.append(self._hash(lo + k, hi))
                hi = lo + k
            else:
                path.append(self._hash(lo, lo + k))
                lo = lo + k
        return path[::-1]

    def consistency_proof(self, old_size: int, size: int | None = None) -> list[bytes]:
        """PROOF(m, D[0:n]) (RFC 9162 2.1.4.1): shows the tree of `size` extends that of `old_size`."""
        size = self.size if size is None else size
        if not 0 <= old_size <= size <= self.size:
            raise ValueError(f"no consistency proof from size {old_size} to {size}")
        if old_size in (0, size):
            return []
        return self._subproof(old_size, 0, size, True)

    def _subproof(self, m: int, lo: int, hi: int, complete: bool) -> list[bytes]:
        n = hi - lo
        if m == n:
            return [] if complete else [self._hash(lo, hi)]
        k = _split(n)
        if m <= k:
            return self._subproof(m, lo, lo + k, complete) + [self._hash(lo + k, hi)]
        return self._subproof(m - k, lo + k, hi, False) + [self._hash(lo, lo + k)]


def verify_inclusion(leaf: bytes, index: int, size: int, path: Sequence[bytes], root: bytes) -> bool:
    """RFC 9162 2.1.3.2: does the audit path take leaf hash `leaf` at `index` to `root`?"""
    if not 0 <= index < size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while fn & 1 == 0 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = node_hash(r, p)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and r == root


def verify_consistency(old_size: int, size: int, old_root: bytes, root: bytes,
                       proof: Sequence[bytes]) -> bool:
    """RFC 9162 2.1.4.2: does `proof` show the tree (size, root) extends (old_size, old_root)?"""
    if not 0 <= old_size <= size:
        return False
    if old_size == size:
        return not proof and old_root == root
    if old_size == 0:
        return not proof and old_root == EMPTY_ROOT
    if not proof:
        return False
    path = list(proof)
    if old_size & (old_size - 1) == 0:  # a power of two: the old root is the first node
        path.insert(0, old_root)
    fn, sn = old_size - 1, size - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            while fn & 1 == 0 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            sr = node_hash(sr, c)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and fr == old_root and sr == root
