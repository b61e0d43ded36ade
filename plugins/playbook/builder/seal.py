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

Each item is bound to its address: the path under site/ it is written at (a page's without its
`index.html`) is authenticated with it as associated data, so a page's ciphertext moved to another
page's address is refused as changed, not shown there. The 404 page, served at any address, is
bound to `404.html` and says so (`anywhere`); a moved page that claims it fails all the same.

Each item is padded before it is sealed (4 bytes of length, the data, zeros) to a size bucket:
a multiple of 4 KiB, or above 64 KiB of 1/16 of the largest power of two below its size (at most
6.25% more). A small edit then changes no file's size: sizes tell roughly how big a page is, not
which one was edited.
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

FORMAT = "interview-playbook sealed 2"
ITERATIONS = 600_000
SALT_BYTES = 16
NONCE_BYTES = 12
KEY_BYTES = 32  # AES-256
CHECK_TEXT = b"interview-playbook: this passphrase opens this build"
CHECK_ADDRESS = "(check)"  # no file is at this address
ANYWHERE = "404.html"  # the address of the page served at any address
BUCKET = 4096
LENGTH_BYTES = 4
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

    def seal(self, plaintext: bytes, address: str) -> str:
        """`plaintext` encrypted under a fresh nonce, bound to `address`, as hex."""
        nonce = os.urandom(NONCE_BYTES)
        return (nonce + AESGCM(self.raw).encrypt(nonce, plaintext, _bound(address))).hex()

    def open(self, sealed: str, address: str) -> bytes:
        try:
            data = bytes.fromhex(sealed)
            aes = AESGCM(self.raw)
            return aes.decrypt(data[:NONCE_BYTES], data[NONCE_BYTES:], _bound(address))
        except (ValueError, InvalidTag):
            raise Unopenable("this key does not open it, or it was changed or moved") from None


def _bound(address: str) -> bytes:
    """The associated data: what the item is and where it belongs."""
    return f"{FORMAT} at {address}".encode()


def padded(data: bytes) -> bytes:
    """`data` with its length before it, filled with zeros to its size bucket."""
    size = LENGTH_BYTES + len(data)
    step = max(BUCKET, (1 << (size.bit_length() - 1)) // 16)
    return (len(data).to_bytes(LENGTH_BYTES, "big") + data).ljust(-(-size // step) * step, b"\0")


def unpadded(data: bytes) -> bytes:
    length = int.from_bytes(data[:LENGTH_BYTES], "big")
    if length > len(data) - LENGTH_BYTES:
        raise Unopenable("changed after it was built")
    return data[LENGTH_BYTES : LENGTH_BYTES + length]


class Sealer:
    """Makes envelopes under one build's key: the same header and check on every one."""

    def __init__(self, key: Key) -> None:
        self.key = key
        self.check = key.seal(CHECK_TEXT, CHECK_ADDRESS)

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

    def envelope(self, packed: bytes, address: str) -> dict[str, Any]:
        """An envelope of data packed already (`pack`; the page cache keeps pages packed), for
        the item at `address` (ANYWHERE: the page served at any address)."""
        data = self.key.seal(padded(packed), address)
        anywhere = {"anywhere": True} if address == ANYWHERE else {}
        return {
            **self.header(),
            "compression": "gzip",
            "padding": "length",
            **anywhere,
            "data": data,
        }

    def file(self, plaintext: bytes, address: str) -> bytes:
        """A whole sealed file (the search index, the calendar) at `address` under site/: the
        envelope as JSON."""
        envelope = self.envelope(self.pack(plaintext), address)
        return json.dumps(envelope, separators=(",", ":")).encode("ascii")


def open_envelope(envelope: dict[str, Any], passphrase: str, address: str) -> bytes:
    """The plaintext of the envelope found at `address` (for tests and tools; the browser does
    this itself).

    Raises Unopenable naming which: the passphrase (check fails) or the file (data fails)."""
    if envelope.get("format") != FORMAT:
        raise Unopenable("not a sealed playbook file")
    key = Key.derive(passphrase, bytes.fromhex(envelope["salt"]), envelope["iterations"])
    return open_with(key, envelope, address)


def open_with(key: Key, envelope: dict[str, Any], address: str) -> bytes:
    try:
        key.open(envelope["check"], CHECK_ADDRESS)
    except Unopenable:
        raise Unopenable("wrong passphrase") from None
    try:
        data = key.open(envelope["data"], ANYWHERE if envelope.get("anywhere") else address)
    except Unopenable:
        raise Unopenable("changed after it was built, or moved") from None
    packed = unpadded(data)
    return gzip.decompress(packed) if envelope.get("compression") == "gzip" else packed


def page_address(dest_uri: str) -> str:
    """A page's address under site/ as the browser sees it: `x/index.html` is at `x/`."""
    if dest_uri == "index.html" or dest_uri.endswith("/index.html"):
        return dest_uri.removesuffix("index.html")
    return dest_uri
