"""The encrypted profile: the whole private playbook, hosted, readable with the passphrase alone.

- `passphrase`: from PLAYBOOK_PASSPHRASE, and only from there; never written anywhere.
- Addresses that name nobody: every page but the home page moves to `<token>/`, the token a keyed
  hash (HMAC-SHA256) of its source path. The key is random, kept in the cache folder so that
  addresses (and the rendered pages linking to them) stay the same from one build to the next.
  It is not derived from the passphrase: it can tell an attacker nothing about it.
- `LockedSite`: every page becomes a locked page (templates/locked.html.j2) carrying the real page
  sealed (seal.py); every other file the build writes (the calendar, the search index, the tags
  plugin's tags.json) is sealed whole, except the files copied as they are (the theme's and the
  plugin's assets, files of docs_dir that are not pages). No sitemap is written: it would list the
  pages' addresses and the build's date, for nobody. `assets/unlock.js` opens them in the
  browser. A page found in clear fails the build.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path

import jinja2
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from playbook.builder.cache import write_atomically
from playbook.builder.seal import ANYWHERE, FILE_START, Key, Sealer, page_address
from playbook.pages.addresses import address
from playbook.pages.script_words import script_words
from playbook.pages.template_words import WordsEnvironment

PASSPHRASE_ENV = "PLAYBOOK_PASSPHRASE"
WEAK_ENV = "PLAYBOOK_WEAK_PASSPHRASE"  # =accept: build with a passphrase zxcvbn finds weak
MIN_CHARACTERS = 12
# zxcvbn's top score: 10^10 guesses or more. At 600,000 PBKDF2 rounds a graphics card tries some
# ten thousand a second: a score of 3 (10^8) falls in hours, 4 takes it a week or more.
MIN_SCORE = 4
ESTIMATED_CHARACTERS = 100  # zxcvbn slows down on long input; a longer one is strong anyway
PATH_KEY_FILE = "path.key"
TOKEN_HEX = 20  # 80 bits: no two pages share a token
HOME = "index.md"
# Every locked page starts so; a page that does not is in clear.
LOCKED_START = "<!doctype html>\n<!-- interview-playbook: locked page -->"
UNLOCK_ASSETS = ("unlock.js", "unlock.css")
# MkDocs' sitemap would list every page's address and the build's date, for nobody: the
# encrypted site is not for search engines. Deleted once written.
LEFT_OUT = ("sitemap.xml", "sitemap.xml.gz")

_TEMPLATES = WordsEnvironment(
    loader=jinja2.PackageLoader("playbook.pages", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=True,
)


class LockError(Exception):
    """An encrypted build that cannot be made; the message says what to do."""


def passphrase(environ: Mapping[str, str], context: Iterable[str] = ()) -> str:
    """The passphrase from the environment, refused when missing, too short or weak (as zxcvbn
    estimates it; `context`: words of the site an attacker knows, such as its name)."""
    value = environ.get(PASSPHRASE_ENV, "")
    if not value.strip():
        raise LockError(
            f"the encrypted profile needs a passphrase: set {PASSPHRASE_ENV} in the environment. "
            f"In bash, `read -rs {PASSPHRASE_ENV} && export {PASSPHRASE_ENV}` asks for it without "
            "showing it or keeping it in your history; on GitHub, add a repository secret named "
            f"{PASSPHRASE_ENV}. It is never written to a file."
        )
    length = len(unicodedata.normalize("NFC", value))
    if length < MIN_CHARACTERS:
        raise LockError(
            f"{PASSPHRASE_ENV} is {length} characters long; the encrypted profile needs at least "
            f"{MIN_CHARACTERS}, because anyone who copies the site can try passphrases on it "
            "offline. Use a few random words: four or five picked by rolling dice (diceware) or "
            "by your password manager's passphrase generator are long, easy to type on a phone "
            "and hard to guess."
        )
    if environ.get(WEAK_ENV, "").strip().lower() != "accept":
        _refuse_weak(value, context)
    return value


def _refuse_weak(value: str, context: Iterable[str]) -> None:
    # Imported here: its word lists take 14 MB, and only an encrypted build checks a passphrase.
    from zxcvbn import zxcvbn

    words = [w for text in context for w in text.split() if w]
    estimate = zxcvbn(value[:ESTIMATED_CHARACTERS], user_inputs=words)
    if estimate["score"] >= MIN_SCORE:
        return
    feedback = estimate["feedback"]
    said = " ".join(x for x in (feedback.get("warning"), *feedback.get("suggestions", ())) if x)
    guesses = f"zxcvbn expects it to fall within 10^{estimate['guesses_log10']:.0f} guesses"
    raise LockError(
        f"{PASSPHRASE_ENV} is too easy to guess ({'; '.join(x for x in (guesses, said) if x)}). "
        "Anyone who "
        "copies the site can try passphrases on it offline; four or five random words (diceware, "
        "or your password manager's passphrase generator) hold. To build with this one anyway, "
        f"set {WEAK_ENV}=accept."
    )


def locked_site(
    config: MkDocsConfig, environ: Mapping[str, str], *, key_folder: Path, noindex: bool
) -> tuple[LockedSite, bytes]:
    """This build's sealing (a new random salt each build) and its addresses' key, or a
    LockError saying why the encrypted profile cannot build this site."""
    if any(name.rpartition("/")[2] == "offline" for name in config.plugins):
        raise LockError(
            "the encrypted profile is for hosting; the offline copy (make offline) is "
            "your private playbook on your own disk, and cannot be encrypted"
        )
    if "navigation.instant" in config.theme.get("features", []):
        raise LockError(
            "the encrypted profile opens each page as it loads: remove navigation.instant "
            "from the theme's features"
        )
    sealer = Sealer(Key.derive(passphrase(environ, [config.site_name])))
    site = LockedSite(
        sealer,
        site_name=config.site_name,
        language=config.theme.get("language") or "en",
        favicon=config.theme.get("favicon") or "assets/images/favicon.png",
        noindex=noindex,
    )
    return site, path_key(key_folder)


# --- addresses that name nobody ---------------------------------------------------------------


def path_key(folder: Path | None) -> bytes:
    """The key of the page addresses: kept in `folder` (made on first use), else new each build."""
    if folder is None:
        return secrets.token_bytes(32)
    stored = folder / PATH_KEY_FILE
    try:
        key = bytes.fromhex(stored.read_text(encoding="ascii").strip())
        if len(key) == 32:
            return key
    except (OSError, ValueError):
        pass
    key = secrets.token_bytes(32)
    folder.mkdir(parents=True, exist_ok=True)
    write_atomically(stored, key.hex().encode("ascii"))
    os.chmod(stored, 0o600)
    return key


def token(key: bytes, src_uri: str) -> str:
    return hmac.new(key, src_uri.encode("utf-8"), hashlib.sha256).hexdigest()[:TOKEN_HEX]


def hide_paths(files: Files, key: bytes, *, use_directory_urls: bool) -> None:
    """Give every page but the home page an address made of its token alone.

    Set before MkDocs builds the navigation or resolves any link, so the nav, every link, the
    search index and the tags index all use these addresses."""
    seen: dict[str, str] = {}
    for file in files.documentation_pages(inclusion=lambda _: True):  # the plugin's pages too
        if file.src_uri == HOME:
            continue
        name = token(key, file.src_uri)
        if name in seen:  # 80 bits: would take billions of pages
            raise LockError(f"{file.src_uri} and {seen[name]} have the same address; build again")
        seen[name] = file.src_uri
        hidden = address(f"{name}.md", directory_urls=use_directory_urls)
        file.dest_uri, file.url = hidden.dest, hidden.url
        file.abs_dest_path = os.path.normpath(os.path.join(file.dest_dir, file.dest_uri))


# --- locked pages and sealed files --------------------------------------------------------------


class LockedSite:
    """Turns the pages and files of a build into their locked, sealed form."""

    def __init__(
        self, sealer: Sealer, *, site_name: str, language: str, favicon: str, noindex: bool
    ) -> None:
        self.sealer = sealer
        self.site_name = site_name
        self.language = language
        self.favicon = favicon  # under site/
        self.noindex = noindex
        self.template = _TEMPLATES.get_template("locked.html.j2")

    # The page builder's output (builder.Output): the cache keeps pages packed, site/ locked.
    def stored(self, html: bytes) -> bytes:
        return self.sealer.pack(html)

    def written(self, stored: bytes, dest_uri: str) -> bytes:
        return self._locked(stored, _root_from(dest_uri), page_address(dest_uri)).encode("utf-8")

    def page(self, html: str, dest_uri: str) -> str:
        """The locked page written at `dest_uri` (under site/) in place of `html`."""
        packed = self.sealer.pack(html.encode("utf-8"))
        return self._locked(packed, _root_from(dest_uri), page_address(dest_uri))

    def page_at(self, html: str, root: str) -> str:
        """A page served at any address (404.html): `root` is the site's absolute path."""
        return self._locked(self.sealer.pack(html.encode("utf-8")), root, ANYWHERE)

    def file(self, data: bytes, dest_uri: str) -> bytes:
        return self.sealer.file(data, dest_uri)

    def seal_the_rest(self, site_dir: Path, copied: set[str]) -> list[str]:
        """Seal every file in site/ that is neither a page nor `copied` (paths under site/ of
        files copied as they are), the sitemap deleted; return the pages found in clear."""
        clear = []
        for name in LEFT_OUT:
            (site_dir / name).unlink(missing_ok=True)
        for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
            name = path.relative_to(site_dir).as_posix()
            if path.suffix == ".html":
                if not is_locked(path):
                    clear.append(name)
            elif name not in copied and not is_sealed_file(path):
                write_atomically(path, self.file(path.read_bytes(), name))
        return clear

    def _locked(self, packed: bytes, root: str, address: str) -> str:
        return self.template.render(
            start=Markup(LOCKED_START),
            envelope=self.sealer.envelope(packed, address),
            root=root,
            site_name=self.site_name,
            language=self.language,
            favicon=self.favicon,
            noindex=self.noindex,
            pb_words=script_words(),
        )


def _root_from(dest_uri: str) -> str:
    """The relative way from a file under site/ back to site/ itself."""
    return "../" * dest_uri.count("/")


def is_locked(page: Path) -> bool:
    return _starts_with(page, LOCKED_START.encode("ascii"))


def is_sealed_file(path: Path) -> bool:
    return _starts_with(path, FILE_START)


def _starts_with(path: Path, start: bytes) -> bool:
    with path.open("rb") as opened:
        return opened.read(len(start)) == start
