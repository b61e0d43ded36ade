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
