"""The public build's last check: no private value in any file it wrote.

The public pages are rendered from a view that holds no contact (pages/public.py), but the build
also publishes what the user wrote by hand in content/ (and what other plugins make of it: the
search index, the sitemap). So once every plugin has written its files, each one is read for the
private values of every contact who is not `public: true` (and, of one who is, everything but their
name, title and company) and for the profile's email:

- the full name, each link (email, phone, also as its digits run together, LinkedIn, website);
- research and notes, line by line, log notes, referrals, extra questions, the interview's place
  and what people told you (openings, advice, resources and their notes).

Single words (a tag, a skill, a company) and short phrases are not looked for: a page may well say
"agency" or "Marketing Director" about nobody in particular. Nor is a value the user published
in the public data files (a company a role lists, a name in a template).

Values are matched as sequences of words, ignoring case, punctuation and markup, in every file
the build wrote except the theme's and the plugin's own assets: `.gz` decompressed, JSON strings
decoded, tags dropped, entities and %-escapes decoded. What is found empties site/ (nothing of a
build that leaks may be uploaded) and fails the build, whatever its verbosity.
"""

from __future__ import annotations

import contextlib
import gzip
import html
import json
import re
from collections.abc import Iterable, Iterator, Set
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from playbook.core.model import Contact
from playbook.logic.playbook import Playbook

WORD = re.compile(r"\w+")
TAG_NAME = re.compile(r"</?[A-Za-z][\w:-]*|/?>")
MARKDOWN_LINK = re.compile(r"\]\(|[\[\]()]")
NAME_WORDS = 2  # the fewest words of a name worth looking for: a full name
PROSE_WORDS = 4  # and of a sentence: shorter ones are said about anybody


def words(text: str) -> tuple[str, ...]:
    return tuple(WORD.findall(text.casefold()))


@dataclass(frozen=True)
class Secret:
    """One private value, as words, and what it is (`the email of data/contacts/x.yml`)."""

    words: tuple[str, ...]
    what: str


def secrets(playbook: Playbook) -> list[Secret]:
    """Every private value the public build must not publish (see the module's docstring)."""
    published = f" {' '.join(_published(playbook))} "
    found: list[Secret] = []
    if playbook.profile.email:
        found.append(Secret(words(playbook.profile.email), "the profile's email"))
    for contact in playbook.contacts.values():
        where = playbook.files.get(("contact", contact.id), f"contact {contact.id}")
        for field, text, fewest in _values(contact):
            said = words(text)
            if len(said) >= fewest and f" {' '.join(said)} " not in published:
                found.append(Secret(said, f"the {field} of {where}"))
    return found


def _values(contact: Contact) -> Iterator[tuple[str, str, int]]:
    """(field, value, fewest words worth looking for) of one contact."""
    if not contact.public:
        yield "name", contact.name, NAME_WORDS
    links = contact.links
    for field in ("email", "phone", "linkedin", "website"):
        value = str(getattr(links, field) or "")
        yield field, value, 1
        digits = re.sub(r"\D", "", value)
        if field == "phone" and len(digits) >= 7:
            yield "phone", digits, 1
    for field in ("research", "notes"):
        for piece in _pieces(getattr(contact, field)):
            yield field, piece, PROSE_WORDS
    for entry in contact.log:
        yield "log", entry.note, PROSE_WORDS
    for referral in contact.referrals:
        yield "referrals", referral, NAME_WORDS
    for extra in contact.questions.extra:
        yield "extra questions", extra if isinstance(extra, str) else extra.text, PROSE_WORDS
    if contact.interview is not None:
        yield "interview place", contact.interview.where, PROSE_WORDS
    for finding in contact.learned:
        if finding.kind in ("opening", "advice", "resource"):
            yield "learned", finding.text, PROSE_WORDS
        yield "learned", finding.note, PROSE_WORDS


def _pieces(markdown: str) -> Iterator[str]:
    """Markdown line by line, cut where link syntax would reorder the words."""
    for line in markdown.splitlines():
        yield from MARKDOWN_LINK.split(line)


def _published(playbook: Playbook) -> Iterator[str]:
    """The words the user chose to publish: the public data files, their own name and headline,
    and the name, title and company of the contacts marked `public: true`."""
    for models in (playbook.roles, playbook.banks, playbook.templates, playbook.checklists):
        for model in models.values():
            yield " ".join(words(model.model_dump_json()))
    yield " ".join(words(f"{playbook.profile.name} {playbook.profile.headline}"))
    for contact in playbook.contacts.values():
        if contact.public:
            yield from (" ".join(words(v)) for v in (contact.name, contact.title, contact.company))


@dataclass(frozen=True)
class Leak:
    file: str  # under site/
    secret: Secret

    def __str__(self) -> str:
        return f"{self.file}: {self.secret.what}"


def scan(site: Path, found: Iterable[Secret], skip: Set[str]) -> list[Leak]:
    """Each (file, value) where a value occurs in a file under site/ (or in its path), but for
    the files in `skip` (the theme's and the plugin's own, copied as they are)."""
    texts: dict[str, str] = {}
    files_with: dict[str, set[str]] = {}  # word → files that hold it
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        name = path.relative_to(site).as_posix()
        said = words(name) if name in skip else (*words(name), "|", *words(_readable(path)))
        texts[name] = f" {' '.join(said)} "
        for word in set(said):
            files_with.setdefault(word, set()).add(name)
    leaks: list[Leak] = []
    for secret in found:
        holding = [files_with.get(word, set()) for word in set(secret.words)]
        phrase = f" {' '.join(secret.words)} "
        for name in sorted(set.intersection(*holding) if holding else set()):
            if phrase in texts[name]:
                leaks.append(Leak(name, secret))
    return sorted(set(leaks), key=lambda leak: (leak.file, leak.secret.what))


def _readable(path: Path) -> str:
    """A file's text as a reader (or a search engine) would get it."""
    raw = path.read_bytes()
    name = path.name
    if name.endswith(".gz"):
        with contextlib.suppress(OSError, EOFError):  # else not gzip after all: read as it is
            raw, name = gzip.decompress(raw), name[:-3]
    text = raw.decode("utf-8", errors="replace")
    if name.endswith(".json"):
        with contextlib.suppress(ValueError):
            text += "\n" + "\n".join(_strings(json.loads(text)))
    text = TAG_NAME.sub(" ", text)
    for _ in range(3):  # the search index escapes text that was escaped already
        text = html.unescape(text)
    return unquote(text)


def _strings(node: object) -> Iterator[str]:
    if isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for item in node:
            yield from _strings(item)
    elif isinstance(node, str):
        yield node


def refusal(leaks: list[Leak], shown: int = 20) -> str:
    """What was found, a file a line (what each holds, never the value itself: build logs are
    often public), and what to do."""
    held: dict[str, list[str]] = {}
    for leak in leaks:
        held.setdefault(leak.file, []).append(leak.secret.what)
    lines = [f"  {file}: {', '.join(dict.fromkeys(what))}" for file, what in held.items()]
    more = [f"  and {len(lines) - shown} more files"] if len(lines) > shown else []
    return "\n".join(
        [
            "the public build wrote private values, so site/ was emptied and nothing of it can "
            "be published:",
            *lines[:shown],
            *more,
            "A page you wrote in content/ (or another plugin) published them: take them out, "
            "or build the private profile.",
        ]
    )
