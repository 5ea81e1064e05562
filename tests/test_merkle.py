"""The Merkle tree (RFC 9162 2.1): fixed vectors, and proofs that verify for every size and fail
when anything in them is changed."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacts.archive.merkle import (EMPTY_ROOT, Tree, leaf_hash, node_hash, verify_consistency,
                                      verify_inclusion)

# The leaves of the RFC 6962 reference implementation's tests (certificate-transparency), whose
# heads for sizes 1..8 are below; computed here with the definition, not taken from a library.
LEAVES = [b"", b"\x00", b"\x10", b"\x20\x21", b"\x30\x31", b"\x40\x41\x42\x43",
          b"\x50\x51\x52\x53\x54\x55\x56\x57", b"\x60\x61\x62\x63\x64\x65\x66\x67\x68\x69\x6a\x6b\x6c\x6d\x6e\x6f"]
HEADS = [
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]


def mth(entries: list[bytes]) -> bytes:
    """The definition, word for word: the reference the tree is checked against."""
    if not entries:
        return hashlib.sha256(b"").digest()
    if len(entries) == 1:
        return hashlib.sha256(b"\x00" + entries[0]).digest()
    k = 1
    while k * 2 < len(entries):
        k *= 2
    return hashlib.sha256(b"\x01" + mth(entries[:k]) + mth(entries[k:])).digest()


def test_empty_tree_and_prefixes():
    assert EMPTY_ROOT.hex() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    assert Tree().root() == EMPTY_ROOT
    assert leaf_hash(b"x") == hashlib.sha256(b"\x00x").digest()
    assert node_hash(b"a" * 32, b"b" * 32) == hashlib.sha256(b"\x01" + b"a" * 32 + b"b" * 32).digest()
    assert leaf_hash(b"a" * 32 + b"b" * 32) != node_hash(b"a" * 32, b"b" * 32)  # the prefixes at work


@pytest.mark.parametrize("size", range(1, 9))
def test_heads_of_the_reference_leaves(size):
    tree = Tree.of_entries(LEAVES)
    assert tree.root(size).hex() == HEADS[size - 1] == mth(LEAVES[:size]).hex()
    assert Tree.of_entries(LEAVES[:size]).root().hex() == HEADS[size - 1]


def test_appending_equals_building_at_once():
    grown = Tree()
    for i in range(70):
        grown.append(leaf_hash(bytes([i])))
        assert grown.root() == Tree.of_entries(bytes([j]) for j in range(i + 1)).root()


def test_rfc_example_proofs():
    """RFC 9162 2.1.5: the tree of 7 leaves a..g."""
    t = Tree.of_entries(LEAVES[:7])
    h = [leaf_hash(x) for x in LEAVES]
    assert t.inclusion_proof(0, 7) == [h[1], node_hash(h[2], h[3]), node_hash(node_hash(h[4], h[5]), h[6])]
    assert t.inclusion_proof(3, 7) == [h[2], node_hash(h[0], h[1]), node_hash(node_hash(h[4], h[5]), h[6])]
    assert t.inclusion_proof(4, 7) == [h[5], h[6], node_hash(node_hash(h[0], h[1]), node_hash(h[2], h[3]))]
    assert t.consistency_proof(3, 7) == [h[2], h[3], node_hash(h[0], h[1]), node_hash(node_hash(h[4], h[5]), h[6])]
    assert t.consistency_proof(4, 7) == [node_hash(node_hash(h[4], h[5]), h[6])]
    assert t.consistency_proof(6, 7) == [node_hash(h[4], h[5]), h[6], node_hash(node_hash(h[0], h[1]),
                                                                                node_hash(h[2], h[3]))]


sizes = st.integers(min_value=1, max_value=300)


@settings(max_examples=150, deadline=None)
@given(size=sizes, data=st.data())
def test_inclusion_proofs_verify_and_fail_when_tampered(size, data):
    tree = Tree.of_entries(i.to_bytes(4, "big") for i in range(size + data.draw(st.integers(0, 20))))
    n = data.draw(st.integers(min_value=1, max_value=size))
    i = data.draw(st.integers(min_value=0, max_value=n - 1))
    root, path, leaf = tree.root(n), tree.inclusion_proof(i, n), tree.levels[0][i]
    assert root == mth([j.to_bytes(4, "big") for j in range(n)])
    assert verify_inclusion(leaf, i, n, path, root)
    assert not verify_inclusion(leaf_hash(b"forged"), i, n, path, root)
    assert not verify_inclusion(leaf, i, n, path, hashlib.sha256(root).digest())
    if n > 1:
        assert not verify_inclusion(leaf, (i + 1) % n, n, path, root)
        k = data.draw(st.integers(min_value=0, max_value=len(path) - 1))
        bad = list(path)
        bad[k] = hashlib.sha256(bad[k]).digest()
        assert not verify_inclusion(leaf, i, n, bad, root)
        assert not verify_inclusion(leaf, i, n, path[:-1], root)
    assert not verify_inclusion(leaf, i, n, path + [leaf], root)


@settings(max_examples=150, deadline=None)
@given(size=sizes, data=st.data())
def test_consistency_proofs_verify_and_fail_when_tampered(size, data):
    tree = Tree.of_entries(i.to_bytes(4, "big") for i in range(size))
    m = data.draw(st.integers(min_value=0, max_value=size))
    proof, old, new = tree.consistency_proof(m, size), tree.root(m), tree.root(size)
    assert verify_consistency(m, size, old, new, proof)
    if 0 < m < size:
        assert not verify_consistency(m, size, hashlib.sha256(old).digest(), new, proof)
        assert not verify_consistency(m, size, old, hashlib.sha256(new).digest(), proof)
        k = data.draw(st.integers(min_value=0, max_value=len(proof) - 1))
        bad = list(proof)
        bad[k] = hashlib.sha256(bad[k]).digest()
        assert not verify_consistency(m, size, old, new, bad)
        assert not verify_consistency(m, size, old, new, proof[:-1])
        # a history rewritten before m: the old head no longer fits
        other = Tree.of_entries([b"x"] + [i.to_bytes(4, "big") for i in range(1, size)])
        assert not verify_consistency(m, size, old, other.root(), other.consistency_proof(m, size))
