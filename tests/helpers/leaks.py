"""The private values of a playbook, and a scan of every byte of a built site for them.

What counts as private (the rule the public build is held to):

- every string in every contact file, at any depth: name, title, company, school, each link
  (email, phone, URL), interview `where`, research and notes (line by line, cut at Markdown link
  syntax), each log note, referral, extra question, `thank_you_detail`, tag, and each finding in
  `learned` (the skill, certification, tool, company, opening, advice or resource, and its note);
  the contact's id (its file name: contact page addresses are made of it); and the profile's
  email. For a contact with `public: true`, all of these except its name, title, company and id.
- not: words from fixed vocabularies (status, source, medium, log kind, question category), dates
  and numbers, and ids that point at public things (roles, a finding's role, picked and skipped
  questions) or at another contact (`introduced_by`: that contact's own file covers its name).
- a value the user also published by their own hand is public by that choice, and is not looked
  for: it occurs in a public data file (roles, question banks, templates, checklists), in the
  profile's name or headline, in a hand-written page under content/, in mkdocs.yml, in the
  plugin's page templates, or as a public contact's name, title or company. Example: a contact
  works at "Brightside Agency", which the brand-marketing role lists among its target companies.

How values are matched: as sequences of words (letters and digits), ignoring case, punctuation
and markup. Each site file is read whole: `.gz` decompressed, JSON strings decoded, HTML tag names
dropped (attribute values kept: an email in `href="mailto:..."` counts), entities decoded (three
times over: the search index escapes escaped text), and %-escapes decoded. A phone number is also
looked for as its digits run together (`tel:+15550100`). The one kind of file not read for words
is a theme file copied unchanged: it is compared byte for byte with the packaged file instead.

Names are scanned too: every file's path under the site, its folders' names included, is read as
words of its own (`contacts/dana-ruiz/index.html` names a person, whatever the file holds).
"""

from __future__ import annotations

import gzip
import html
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote
from zoneinfo import ZoneInfo

import material
import yaml

from playbook.core import dates
from playbook.pages import public

WORD = re.compile(r"\w+")
TAG_NAME = re.compile(r"</?[A-Za-z][\w:-]*|/?>")
MARKDOWN_LINK = re.compile(r"\]\(|[\[\]()]")
# Fields whose values come from a fixed vocabulary, or point at other files.
NOT_VALUES = {
    ("status",),
    ("source",),
    ("interview", "medium"),
    ("log", "kind"),
    ("questions", "extra", "category"),
    ("roles",),
    ("questions", "pick"),
    ("questions", "skip"),
    ("introduced_by",),
    ("learned", "role"),
    ("interview", "when"),  # looked for as a prep sheet writes it
}
PUBLIC_FIELDS = {"name", "title", "company"}  # of a contact with `public: true`
MULTILINE_FIELDS = {"research", "notes"}
THEME = Path(material.__file__).parent / "templates"
PLUGIN_TEMPLATES = Path(public.__file__).parent / "templates"


def words(text: str) -> tuple[str, ...]:
    return tuple(WORD.findall(text.casefold()))


@dataclass(frozen=True)
class Value:
    """One private value: as written, and where it comes from (`contacts/x.yml: links.email`)."""

    text: str
    source: str

    @property
    def words(self) -> tuple[str, ...]:
        return words(self.text)


def _strings(node: object, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, (*path, str(key)))
    elif isinstance(node, list):
        for item in node:
            yield from _strings(item, path)
    elif isinstance(node, str):
        yield path, node


def _pieces(field: tuple[str, ...], text: str) -> Iterator[str]:
    """Markdown fields line by line, cut where link syntax would reorder the words."""
    if field[-1] not in MULTILINE_FIELDS:
        yield text
        return
    for line in text.splitlines():
        for piece in MARKDOWN_LINK.split(line):
            if len(words(piece)) >= 2:  # a lone word of a sentence says nothing by itself
                yield piece.strip()


def _as_shown(when: object, timezone: str) -> str:
    """A conversation's start as a prep sheet's card writes it, in the profile's time zone:
    `Wed 2 Dec 2026, 15:30` (the dashboard and the contacts table add the offset after it)."""
    moment = when if isinstance(when, datetime) else datetime.fromisoformat(str(when))
    zone = ZoneInfo(timezone)
    local = (moment if moment.tzinfo else moment.replace(tzinfo=zone)).astimezone(zone)
    return f"{dates.day(local)}, {dates.clock(local)}"


def private_values(data: Path) -> list[Value]:
    """Every private value of the playbook in `data`, public-by-choice values included."""
    profile = yaml.safe_load((data / "profile.yml").read_text(encoding="utf-8"))
    found: list[Value] = []
    if profile.get("email"):
        found.append(Value(profile["email"], "profile.yml: email"))
    for address in profile.get("my_addresses") or []:
        found.append(Value(address, "profile.yml: my_addresses"))
    for path in sorted((data / "contacts").glob("*.yml")):
        contact = yaml.safe_load(path.read_text(encoding="utf-8"))
        source = f"contacts/{path.name}"
        if not contact.get("public"):
            found.append(Value(path.stem, f"{source}: id"))
        for field, text in _strings(contact):
            if field in NOT_VALUES or (contact.get("public") and field[0] in PUBLIC_FIELDS):
                continue
            for piece in _pieces(field, text):
                found.append(Value(piece, f"{source}: {'.'.join(field)}"))
                digits = re.sub(r"\D", "", piece)
                if field == ("links", "phone") and len(digits) >= 7:
                    found.append(Value(digits, f"{source}: links.phone (digits)"))
        when = (contact.get("interview") or {}).get("when")
        if when is not None:
            shown = _as_shown(when, profile.get("timezone", "UTC"))
            found.append(Value(shown, f"{source}: interview.when"))
    return [v for v in found if v.words]


def published_by_choice(data: Path, content: Path, mkdocs_yml: Path) -> str:
    """The text the user chose to publish, as one string of words (see the module's rule)."""
    texts = [mkdocs_yml.read_text(encoding="utf-8")]
    for folder in ("roles", "questions", "templates", "checklists"):
        texts += [p.read_text(encoding="utf-8") for p in sorted((data / folder).glob("*"))]
    profile = yaml.safe_load((data / "profile.yml").read_text(encoding="utf-8"))
    texts += [profile.get("name", ""), profile.get("headline", "")]
    texts += [p.read_text(encoding="utf-8") for p in sorted(content.rglob("*.md"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted(PLUGIN_TEMPLATES.glob("*.j2"))]
    for path in sorted((data / "contacts").glob("*.yml")):
        contact = yaml.safe_load(path.read_text(encoding="utf-8"))
        if contact.get("public"):
            texts += [str(contact.get(field, "")) for field in sorted(PUBLIC_FIELDS)]
    return " ".join(" ".join(words(text)) for text in texts)


def split_values(values: Iterable[Value], published: str) -> tuple[list[Value], list[Value]]:
    """(still private, public by the user's choice)."""
    private, chosen = [], []
    for value in values:
        (chosen if f" {' '.join(value.words)} " in f" {published} " else private).append(value)
    return private, chosen


def _readable(path: Path) -> str:
    """A site file as searchable words-and-spaces (see the module docstring)."""
    raw = path.read_bytes()
    name = path.name
    if name.endswith(".gz"):
        raw, name = gzip.decompress(raw), name[:-3]
    text = raw.decode("utf-8", errors="replace")
    if name.endswith(".json"):
        text += "\n" + "\n".join(s for _, s in _strings(json.loads(text)))
    text = TAG_NAME.sub(" ", text)
    for _ in range(3):
        text = html.unescape(text)
    return unquote(text)


def is_unchanged_theme_file(site: Path, path: Path) -> bool:
    packaged = THEME / path.relative_to(site)
    return packaged.is_file() and packaged.read_bytes() == path.read_bytes()


@dataclass(frozen=True)
class Hit:
    file: str
    value: Value

    def __str__(self) -> str:
        return f"{self.file}: {self.value.text!r} (from {self.value.source})"


def scan(site: Path, values: Iterable[Value]) -> tuple[list[Hit], int]:
    """Every (file, value) where a value occurs in a site file or its path; and how many files
    were read."""
    texts: dict[str, str] = {}
    files_with: dict[str, set[str]] = {}  # word → files that contain it
    read = 0
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        name = path.relative_to(site).as_posix()
        read_as = {f"{name} (its path)": words(name)}
        if not is_unchanged_theme_file(site, path):
            read_as[name] = words(_readable(path))
            read += 1
        for text, found in read_as.items():
            texts[text] = f" {' '.join(found)} "
            for word in set(found):
                files_with.setdefault(word, set()).add(text)
    by_words: dict[tuple[str, ...], list[Value]] = {}
    for value in values:
        by_words.setdefault(value.words, []).append(value)
    hits: list[Hit] = []
    for needle, same in by_words.items():
        candidates = sorted((files_with.get(word, set()) for word in set(needle)), key=len)
        phrase = f" {' '.join(needle)} "
        for name in sorted(candidates[0].intersection(*candidates[1:])):
            if phrase in texts[name]:
                hits.extend(Hit(name, value) for value in same)
    return hits, read
