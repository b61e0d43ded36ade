"""vCard files (versions 2.1, 3.0 and 4.0: phones, address books, mail clients) → incoming people.

A small reader of our own rather than a dependency: we need a dozen properties, the content-line
grammar is short (RFC 6350 §3.3, RFC 2426 §4), and the export is tested against `vobject`, an
independent parser, which only stays independent if the import does not use it too.
"""

from __future__ import annotations

import codecs
import quopri
import re
from dataclasses import dataclass, field
from pathlib import Path

from playbook.cli.importers.intake import (
    Incoming,
    Notice,
    NotThisFormat,
    Skipped,
    read_limited,
)

# name[;param...]:value, where a quoted parameter value may hold ':' and ';'.
CONTENT_LINE = re.compile(
    r"""^(?:[A-Za-z0-9-]+\.)?(?P<name>[A-Za-z0-9-]+)(?P<params>(?:;(?:"[^"]*"|[^";:])*)*):(?P<value>.*)$""",
    re.DOTALL,
)
PARAM = re.compile(r"""([^=;]+)(?:=((?:"[^"]*"|[^;])*))?""")
ESCAPES = {"n": "\n", "N": "\n", "\\": "\\", ",": ",", ";": ";", ":": ":"}


@dataclass
class Property:
    name: str
    params: dict[str, list[str]]
    value: str

    def has_type(self, wanted: str) -> bool:
        types = [t.lower() for t in self.params.get("TYPE", [])]
        return wanted in types or wanted.upper() in self.params.get("", [])

    @property
    def preferred(self) -> bool:
        return self.has_type("pref") or "PREF" in self.params


@dataclass
class Card:
    line: int
    properties: list[Property] = field(default_factory=list)

    def all(self, name: str) -> list[Property]:
        return [p for p in self.properties if p.name == name]

    def first(self, name: str) -> Property | None:
        found = self.all(name)
        preferred = [p for p in found if p.preferred]
        return next(iter(preferred or found), None)


def read_vcards(path: Path) -> list[Incoming | Skipped | Notice]:
    raw = read_limited(path, "export the contacts again without their photos, or fewer at a time")
    text, guessed = _decoded_file(raw, path)
    cards, problems = _cards(text)
    if not cards and not problems:
        raise NotThisFormat(f"{path} is not a vCard file: it has no BEGIN:VCARD line")
    people: list[Incoming | Skipped | Notice] = list(problems)
    people.extend(_person(card) for card in cards)
    if guessed:
        lines = ", ".join(map(str, guessed[:5])) + (", ..." if len(guessed) > 5 else "")
        people.append(
            Notice(
                guessed[0],
                f"not UTF-8 text on line{'s' * (len(guessed) > 1)} {lines}; read as Windows-1252 "
                "(Western European): check those names, or export the file as UTF-8",
            )
        )
    return sorted(people, key=lambda p: p.line)


# A byte-order mark names its encoding (UTF-32's before UTF-16's: FF FE starts both).
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _decoded_file(raw: bytes, path: Path) -> tuple[str, list[int]]:
    """The file's text, and the lines that were not UTF-8 and were read as Windows-1252.

    Address books write UTF-8, UTF-16 (Outlook, older Windows tools: with a byte-order mark, or
    without one, then `BEGIN` shows as B, 0, E, 0) or a legacy 8-bit code page (old phones,
    vCard 2.1). Each line is read on its own, so one card saved in Latin-1 does not cost the
    others: such a line is read as Windows-1252, the superset of Latin-1 that those tools use."""
    encoding = next((name for bom, name in BOMS if raw.startswith(bom)), None)
    if encoding is None and raw[:2] in (b"B\x00", b"\x00B"):
        encoding = "utf-16-le" if raw[:1] == b"B" else "utf-16-be"
    if encoding is not None and encoding != "utf-8-sig":
        try:
            return raw.decode(encoding), []
        except UnicodeDecodeError as error:
            name = encoding.upper().removesuffix("-LE").removesuffix("-BE")
            raise NotThisFormat(
                f"{path}: not {name} text (byte {error.start}); export the file again as UTF-8"
            ) from None
    raw = raw.removeprefix(codecs.BOM_UTF8)
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    lines, guessed = [], []
    for number, line in enumerate(raw.split(b"\n"), start=1):
        try:
            lines.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append(_windows_1252(line))
            guessed.append(number)
    return "\n".join(lines), guessed


def _windows_1252(line: bytes) -> str:
    try:
        return line.decode("cp1252")
    except UnicodeDecodeError:  # the five bytes Windows-1252 leaves out: as Latin-1 has them
        return line.decode("latin-1")


def _logical_lines(text: str) -> list[tuple[int, str]]:
    """Unfolded content lines with the number of the physical line each starts on.

    The pieces of a folded line are gathered in a list and joined once: a 2 MB photo folded
    at 75 octets is some 28,000 pieces, and joining them one by one copied the line each time."""
    result: list[tuple[int, list[str]]] = []
    head = ""  # the current line's name and parameters, up to its first ':'
    soft_break = False
    # Only CR and LF end lines: str.splitlines would also split on U+2028 inside a NOTE.
    for number, line in enumerate(re.split(r"\r\n|\n|\r", text), start=1):
        if result and (soft_break or line[:1] in (" ", "\t")):
            pieces = result[-1][1]
            if soft_break:
                # vCard 2.1 quoted-printable continues after a trailing '=' without a space.
                _drop_last_equals(pieces)
                pieces.append(line)
            else:
                pieces.append(line[1:])
        elif line.strip():
            result.append((number, [line]))
            head = ""
        else:
            continue
        pieces = result[-1][1]
        if ":" not in head:
            head = (head + pieces[-1]).split(":", 1)[0] + (":" if ":" in pieces[-1] else "")
        soft_break = "QUOTED-PRINTABLE" in head.upper() and _ends_with_equals(pieces)
    return [(number, "".join(pieces)) for number, pieces in result]


def _ends_with_equals(pieces: list[str]) -> bool:
    last = next((piece for piece in reversed(pieces) if piece), "")
    return last.endswith("=")


def _drop_last_equals(pieces: list[str]) -> None:
    for index in range(len(pieces) - 1, -1, -1):
        if pieces[index]:
            pieces[index] = pieces[index][:-1]
            return


def _cards(text: str) -> tuple[list[Card], list[Skipped]]:
    cards: list[Card] = []
    problems: list[Skipped] = []
    card: Card | None = None
    depth = 0
    for number, line in _logical_lines(text):
        upper = line.strip().upper()
        if upper == "BEGIN:VCARD":
            depth += 1
            if depth == 1:
                card = Card(number)
            continue
        if upper == "END:VCARD":
            depth = max(depth - 1, 0)
            if depth == 0 and card is not None:
                cards.append(card)
                card = None
            continue
        if card is None or depth != 1:
            continue  # text between cards, or a card nested in AGENT
        match = CONTENT_LINE.match(line)
        if not match:
            problems.append(Skipped(number, f"not a vCard property line: {line[:40]!r}"))
            continue
        card.properties.append(
            Property(match["name"].upper(), _params(match["params"]), match["value"])
        )
    if card is not None:
        problems.append(Skipped(card.line, "the card has no END:VCARD"))
    return cards, problems


def _params(text: str) -> dict[str, list[str]]:
    params: dict[str, list[str]] = {}
    for match in PARAM.finditer(text.lstrip(";")):
        name, value = match[1].strip().upper(), match[2]
        if value is None:  # vCard 2.1: TEL;CELL;PREF:... means TYPE=CELL,PREF
            params.setdefault("TYPE", []).append(name.lower())
            continue
        values = re.findall(r'"([^"]*)"|([^,]+)', value)
        params.setdefault(name, []).extend(
            (quoted or plain).strip().lower() if name == "TYPE" else (quoted or plain).strip()
            for quoted, plain in values
        )
    return params


def _decoded(prop: Property) -> str | None:
    """The raw value with transfer encodings undone; None for binary values (photos, keys)."""
    encoding = [e.upper() for e in prop.params.get("ENCODING", [])]
    if "B" in encoding or "BASE64" in encoding:
        return None
    if "QUOTED-PRINTABLE" in encoding:
        charset = (prop.params.get("CHARSET") or ["utf-8"])[0]
        try:
            return quopri.decodestring(prop.value.encode("ascii", "replace")).decode(charset)
        except (LookupError, UnicodeDecodeError):
            return quopri.decodestring(prop.value.encode("ascii", "replace")).decode("latin-1")
    return prop.value


def split_escaped(value: str, separator: str) -> list[str]:
    """Split on separators that are not backslash-escaped, then unescape each part."""
    parts, current, index = [], [], 0
    while index < len(value):
        char = value[index]
        if char == "\\" and index + 1 < len(value):
            current.append(value[index : index + 2])
            index += 2
            continue
        if char == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
        index += 1
    parts.append("".join(current))
    return [unescape(part) for part in parts]


def unescape(value: str) -> str:
    return re.sub(r"\\(.)", lambda m: ESCAPES.get(m[1], m[1]), value)


def _text(card: Card, name: str) -> str:
    prop = card.first(name)
    value = _decoded(prop) if prop else None
    return unescape(value).strip() if value else ""


def _web(value: str) -> str:
    value = value.strip()
    if value and "://" not in value and re.match(r"^(www\.)?[a-z0-9-]+\.[a-z]", value, re.I):
        return "https://" + value  # `linkedin.com/in/ada` as typed into a phone
    return value


def _person(card: Card) -> Incoming | Skipped:
    name = " ".join(_text(card, "FN").split())
    if not name:
        n_prop = card.first("N")
        n_value = _decoded(n_prop) if n_prop else None
        if n_value:
            family, given, additional, *_ = [*split_escaped(n_value, ";"), "", "", ""]
            name = " ".join(f"{given} {additional} {family}".split())
    if not name:
        return Skipped(card.line, "no name: the card has neither FN nor N")
    org = card.first("ORG")
    org_value = _decoded(org) if org else None
    company = split_escaped(org_value, ";")[0].strip() if org_value else ""
    tel = _text(card, "TEL")
    linkedin, website = "", ""
    for prop in card.all("URL") + card.all("X-SOCIALPROFILE"):
        url = _web(unescape(_decoded(prop) or ""))
        if "linkedin.com" in url.lower() or prop.has_type("linkedin"):
            linkedin = linkedin or url
        elif prop.name == "URL":
            website = website or url
    tags: list[str] = []
    for prop in card.all("CATEGORIES"):
        for tag in split_escaped(_decoded(prop) or "", ","):
            tag = " ".join(tag.split())
            if tag and tag not in tags:
                tags.append(tag)
    fields = {
        "name": name,
        "title": " ".join(_text(card, "TITLE").split()),
        "company": " ".join(company.split()),
        "source": "other",
        "links": {
            "linkedin": linkedin,
            "email": _text(card, "EMAIL").removeprefix("mailto:"),
            "phone": tel.removeprefix("tel:"),
            "website": website,
        },
        "status": "identified",
        "notes": _text(card, "NOTE").replace("\r\n", "\n"),
        "tags": tags,
    }
    return Incoming(card.line, fields)
