"""Digests: short, stable names for what a page, a cache entry or a memo is made from.

The same input gives the same digest in every process and on every machine: configuration values
whose repr would change from run to run (functions, partials, object addresses) are made stable
first.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from pathlib import Path
from typing import Any

_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


def digest(*parts: object) -> str:
    """A short, stable digest of strings (and things with a stable repr)."""
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(str(part).encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


def folder_digest(folder: Path | None) -> str:
    """Every file's path and content under a folder ("" when there is none)."""
    if folder is None or not folder.is_dir():
        return ""
    h = hashlib.blake2b(digest_size=16)
    # Compiled bytecode is not content: it appears as modules are first imported.
    files = (p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for path in sorted(files):
        h.update(path.relative_to(folder).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()


@functools.cache
def package_digest() -> str:
    """The plugin's own code, templates and assets: a new version renders everything again."""
    return folder_digest(Path(__file__).resolve().parent.parent)


def stable(value: Any) -> Any:
    """A JSON-able form of configuration values whose repr would change from run to run."""
    if isinstance(value, functools.partial):
        return [stable(value.func), stable(value.args), stable(value.keywords)]
    if callable(value) and hasattr(value, "__qualname__"):
        return f"{getattr(value, '__module__', '')}.{value.__qualname__}"
    if hasattr(value, "items") and callable(value.items):
        return {str(k): stable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [stable(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if hasattr(value, "__iter__") and not isinstance(value, (bytes, bytearray)):
        try:
            return [stable(v) for v in value]
        except TypeError:
            pass
    # An object's address is no part of what it is.
    text = _ADDRESS.sub("", str(value))
    return f"{type(value).__module__}.{type(value).__qualname__}:{text}"


def config_digest(value: Any) -> str:
    return digest(json.dumps(stable(value), sort_keys=True, default=str))
