"""The checkpoint signing key: Ed25519 from `cryptography`, kept by the user, never in the archive.

"an Ed25519 signature with a key the user keeps (`newsfacts keygen`, using a kept library ...;
never a hand-written primitive)": this module only stores, loads and names keys; signing and
checking are `cryptography`'s.
"""

from __future__ import annotations

import base64
import hashlib
import os
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

PASSPHRASE_ENV = "NEWSFACTS_KEY_PASSPHRASE"
KEY_ENV = "NEWSFACTS_KEY"


class KeyError_(Exception):
    """A key that cannot be made, read or used; the message says which file and why."""


def default_key_path() -> Path:
    """$NEWSFACTS_KEY, else ~/.config/newsfacts/checkpoint.key: outside any archive or checkout."""
    if os.environ.get(KEY_ENV):
        return Path(os.environ[KEY_ENV])
    return Path.home() / ".config" / "newsfacts" / "checkpoint.key"


def public_path(key_path: Path) -> Path:
    return key_path.with_name(key_path.name + ".pub")


def raw_public(public: Ed25519PublicKey) -> bytes:
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id(public: Ed25519PublicKey | bytes) -> str:
    """The first 8 bytes of SHA-256 over the raw public key, in hex: short enough to quote."""
    raw = public if isinstance(public, bytes) else raw_public(public)
    return hashlib.sha256(raw).hexdigest()[:16]


def _passphrase() -> bytes | None:
    value = os.environ.get(PASSPHRASE_ENV)
    return value.encode("utf-8") if value else None


def generate(path: Path) -> tuple[Path, str]:
    """A new key at `path` (mode 0600, never over an existing file) and its public half beside it.
    Encrypted with $NEWSFACTS_KEY_PASSPHRASE when set. Returns the public file and the key id."""
    key = Ed25519PrivateKey.generate()
    phrase = _passphrase()
    encryption = (serialization.BestAvailableEncryption(phrase) if phrase
                  else serialization.NoEncryption())
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise KeyError_(f"{path} already exists: a key is never overwritten (choose another --key)") from None
    with os.fdopen(fd, "wb") as f:
        f.write(pem)
    pub = public_path(path)
    pub.write_bytes(key.public_key().public_bytes(serialization.Encoding.PEM,
                                                  serialization.PublicFormat.SubjectPublicKeyInfo))
    return pub, key_id(key.public_key())


def load_private(path: Path) -> Ed25519PrivateKey:
    try:
        data = path.read_bytes()
    except OSError as e:
        raise KeyError_(f"{path}: cannot read the signing key ({e.strerror}); make one with "
                        "`newsfacts keygen`") from None
    try:
        key = serialization.load_pem_private_key(data, password=_passphrase())
    except (TypeError, ValueError) as e:
        raise KeyError_(f"{path}: not a usable key ({e}); set {PASSPHRASE_ENV} if it is encrypted") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyError_(f"{path}: not an Ed25519 key")
    return key


def load_public(path: Path) -> bytes:
    """The raw public key from a .pub file (PEM) or from the private key file itself."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise KeyError_(f"{path}: cannot read the public key ({e.strerror})") from None
    if b"PRIVATE KEY" in data:
        return raw_public(load_private(path).public_key())
    try:
        key = serialization.load_pem_public_key(data)
    except ValueError as e:
        raise KeyError_(f"{path}: not a public key ({e})") from None
    if not isinstance(key, Ed25519PublicKey):
        raise KeyError_(f"{path}: not an Ed25519 public key")
    return raw_public(key)


def sign(key: Ed25519PrivateKey, message: bytes) -> str:
    return base64.b64encode(key.sign(message)).decode("ascii")


def signature_ok(public_raw: bytes, message: bytes, signature_b64: str) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public_raw).verify(base64.b64decode(signature_b64), message)
    except (InvalidSignature, ValueError):
        return False
    return True
