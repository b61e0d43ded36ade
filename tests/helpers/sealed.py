"""Helpers for the encrypted profile's tests: its passphrase, and a built site opened with it.

Opening is done here with the plugin's own `seal.open_envelope` (the browser does the same with
Web Crypto): a test that reads a page's plaintext proves the page holds it, sealed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from playbook.builder import lock, seal

PASSPHRASE = "lobby coffee five minutes early"
ENCRYPTED = {"PLAYBOOK_PROFILE": "encrypted", "PLAYBOOK_PASSPHRASE": PASSPHRASE}
SEALED_IN_PAGE = re.compile(r'<script type="application/json" id="pb-sealed">(.*?)</script>', re.S)


def envelope_of(path: Path) -> dict[str, Any] | None:
    """The envelope a site file carries: a locked page's, or a sealed file's; None if neither."""
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".html":
        found = SEALED_IN_PAGE.search(text)
        return json.loads(found.group(1)) if found and lock.is_locked(path) else None
    return json.loads(text) if lock.is_sealed_file(path) else None


def opened_site(site: Path, passphrase: str = PASSPHRASE) -> dict[str, bytes]:
    """Every file of a built site as the owner reads it: sealed ones opened, the rest as is.

    The key is derived once per salt: a build has one."""
    keys: dict[str, seal.Key] = {}
    files = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        name = path.relative_to(site).as_posix()
        envelope = envelope_of(path)
        if envelope is None:
            files[name] = path.read_bytes()
            continue
        salt = envelope["salt"]
        if salt not in keys:
            keys[salt] = seal.Key.derive(passphrase, bytes.fromhex(salt), envelope["iterations"])
        files[name] = seal.open_with(keys[salt], envelope, seal.page_address(name))
    return files


def write_opened(site: Path, folder: Path, passphrase: str = PASSPHRASE) -> Path:
    """The site opened with the passphrase, written to `folder` (to scan it like any site)."""
    for name, data in opened_site(site, passphrase).items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return folder


def address(project: Path, src_uri: str) -> str:
    """Where the encrypted build of `project` put the page made from `src_uri` (`x/` or '')."""
    if src_uri == lock.HOME:
        return ""
    key = bytes.fromhex((project / ".cache/playbook/encrypted" / lock.PATH_KEY_FILE).read_text())
    return f"{lock.token(key, src_uri)}/"
