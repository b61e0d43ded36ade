"""How the playbook compares names, makes ids and trusts links: each rule in one place.

- `fold`: text as people compare it: "Café  Latte" is "cafe latte", however the accent is encoded.
- `SLUG`: what an id looks like (a file name without its suffix): lowercase words and digits
  joined by single hyphens. `SLUG_PATTERN` is the same rule for pydantic's (Rust) regex engine;
  with Python's, always `fullmatch`: "dana\\n" is not an id.
- `SAFE_SCHEMES`: the only kinds of link a page ever carries from the user's data.
- `slugify`: the id a new file for a name gets.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from slugify import slugify as transliterated

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SLUG = re.compile(SLUG_PATTERN)
SAFE_SCHEMES = ("http", "https", "mailto", "tel")


@functools.lru_cache(maxsize=4096)  # the same few names are compared again and again
def fold(text: str) -> str:
    """Text as people compare it: case, accents, the Unicode normal form and spacing do not
    matter ("Café  Latte", "cafe latte" and "CafeLatte" all fold to "cafelatte"). The one rule
    for companies, people, findings, aliases and the words of messages."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(bare.casefold().split())


def slugify(text: str) -> str:
    """The id a new file for this name would get: `Dana Ruiz` → `dana-ruiz`.

    Every script is spelled out in Latin letters (python-slugify, through text-unidecode), so
    `Ørjan Ødegård` → `orjan-odegard`, `王伟` → `wang-wei`, `Иван Петров` → `ivan-petrov`;
    dropping what is not ASCII would give `rjan-degard`, and nothing at all for the others.
    """
    return transliterated(text)


# What a YAML file cannot hold (YAML 1.1's printable characters, as the builds' reader checks
# them), and lone surrogates: Python's stand-ins for command-line bytes that are not UTF-8.
NOT_TEXT = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def not_text(text: str) -> str | None:
    """What keeps `text` out of a data file, in words, or None when a file can hold it: a NUL
    or another control character, half of a character, a byte that is not UTF-8. The one check
    for everything typed in, at the command line and in the preview's Record panel."""
    bad = NOT_TEXT.search(text)
    if bad is None:
        return None
    code = ord(bad.group())
    where = f"character {bad.start() + 1}"
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the byte as it came
        return (
            f"{where} is the byte 0x{code - 0xDC00:02x}, which is not UTF-8 text; set the "
            "terminal to UTF-8 (LANG=C.UTF-8) and type it again"
        )
    if 0xD800 <= code <= 0xDFFF:
        return f"{where} is U+{code:04X}, half of a character; type it again"
    return (
        f"{where} is the control character U+{code:04X}, which a YAML file cannot hold; "
        "leave it out"
    )
