"""Sealing: what the encrypted profile does to every file that holds something private.

Well-kept primitives only, from `cryptography` (OpenSSL): AES-256-GCM, with a key from
PBKDF2-HMAC-SHA256 over the passphrase, 600,000 iterations (OWASP's figure for PBKDF2-SHA256) and
a random 16-byte salt drawn anew for every build. Every sealed item gets a fresh random 96-bit
nonce. The browser opens them with the same two primitives of Web Crypto (assets/unlock.js).

Argon2id would resist guessing on graphics cards better, but no browser offers it without a
script fetched or shipped for it; PBKDF2 is the one key derivation Web Crypto has.

A sealed item is `nonce || ciphertext-with-tag`, written as hex: hex holds no word of any
language, so a scan of the site for private words cannot be fooled by chance (base64's `+` and
`/` cut it into short "words", a few of which would spell something at a thousand pages).

Every envelope also carries a `check`: a fixed text sealed once per build. It tells a wrong
passphrase (the check does not open) from a file changed after the build (the check opens, the
file does not): GCM authenticates both, so neither ever decrypts to garbage.
"""

from __future__ import annotations

import gzip
import json
import os
import unicodedata
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

FORMAT = "interview-playbook sealed 1"
ITERATIONS = 600_000
SALT_BYTES = 16
NONCE_BYTES = 12
KEY_BYTES = 32  # AES-256
CHECK_TEXT = b"interview-playbook: this passphrase opens this build"
# How every sealed file starts (`Sealer.file`: the format is the envelope's first key).
FILE_START = ('{"format":' + json.dumps(FORMAT)).encode("ascii")


class Unopenable(Exception):
    """A sealed item that this key does not open: the wrong passphrase, or a changed file."""


def normalized(passphrase: str) -> bytes:
    """The passphrase's bytes. NFC first: a phone and a laptop may type "é" differently."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


@dataclass(frozen=True)
class Key:
    """One build's key: derived once from the passphrase and this build's random salt."""

    raw: bytes
    salt: bytes
    iterations: int

    @classmethod
    def derive(
        cls, passphrase: str, salt: bytes | None = None, iterations: int = ITERATIONS
    ) -> Key:
        salt = os.urandom(SALT_BYTES) if salt is None else salt
        kdf = PBKDF2HMAC(
            algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, iterations=iterations
        )
        return cls(kdf.derive(normalized(passphrase)), salt, iterations)

    def seal(self, plaintext: bytes) -> str:
        """`plaintext` encrypted under a fresh nonce, as hex."""
        nonce = os.urandom(NONCE_BYTES)
        return (nonce + AESGCM(self.raw).encrypt(nonce, plaintext, None)).hex()

    def open(self, sealed: str) -> bytes:
        try:
            data = bytes.fromhex(sealed)
            return AESGCM(self.raw).decrypt(data[:NONCE_BYTES], data[NONCE_BYTES:], None)
        except (ValueError, InvalidTag):
            raise Unopenable("this key does not open it, or it was changed") from None


class Sealer:
    """Makes envelopes under one build's key: the same header and check on every one."""

    def __init__(self, key: Key) -> None:
        self.key = key
        self.check = key.seal(CHECK_TEXT)

    def header(self) -> dict[str, Any]:
        """What the browser needs besides the passphrase to open an envelope."""
        return {
            "format": FORMAT,
            "kdf": "PBKDF2-HMAC-SHA256",
            "iterations": self.key.iterations,
            "salt": self.key.salt.hex(),
            "cipher": "AES-256-GCM",
            "check": self.check,
        }

    @staticmethod
    def pack(plaintext: bytes) -> bytes:
        """Compressed before sealing: pages shrink to a fifth. mtime=0: no build time inside."""
        return gzip.compress(plaintext, compresslevel=6, mtime=0)

    def envelope(self, packed: bytes) -> dict[str, Any]:
        """An envelope of data packed already (`pack`; the page cache keeps pages packed)."""
        return {**self.header(), "compression": "gzip", "data": self.key.seal(packed)}

    def file(self, plaintext: bytes) -> bytes:
        """A whole sealed file (the search index, the calendar): the envelope as JSON."""
        envelope = self.envelope(self.pack(plaintext))
        return json.dumps(envelope, separators=(",", ":")).encode("ascii")


def open_envelope(envelope: dict[str, Any], passphrase: str) -> bytes:
    """The plaintext of an envelope (for tests and tools; the browser does this itself).

    Raises Unopenable naming which: the passphrase (check fails) or the file (data fails)."""
    if envelope.get("format") != FORMAT:
        raise Unopenable("not a sealed playbook file")
    key = Key.derive(passphrase, bytes.fromhex(envelope["salt"]), envelope["iterations"])
    return open_with(key, envelope)


def open_with(key: Key, envelope: dict[str, Any]) -> bytes:
    try:
        key.open(envelope["check"])
    except Unopenable:
        raise Unopenable("wrong passphrase") from None
    try:
        packed = key.open(envelope["data"])
    except Unopenable:
        raise Unopenable("changed after it was built") from None
    return gzip.decompress(packed) if envelope.get("compression") == "gzip" else packed
