"""Contacts → one vCard 4.0 file (RFC 6350) that address books and phones can import."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from playbook.core.model import Contact

CRLF = "\r\n"
LINE_OCTETS = 75  # RFC 6350 §3.2: lines SHOULD NOT be longer than 75 octets, excluding CRLF
# Stable UIDs: exporting again updates the same cards in an address book instead of duplicating.
UID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://interview-playbook.invalid/contacts")


def escape(text: str) -> str:
    """A TEXT value (RFC 6350 §3.4): backslash, comma, semicolon and newlines escaped."""
    text = text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line into CRLF-separated pieces of at most 75 octets, each continuation
    starting with a space, never cutting a UTF-8 sequence in two."""
    pieces: list[str] = []
    current: list[str] = []
    size, limit = 0, LINE_OCTETS
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > limit:
            pieces.append("".join(current))
            current, size, limit = [], 0, LINE_OCTETS - 1  # the leading space counts
        current.append(char)
        size += octets
    pieces.append("".join(current))
    return (CRLF + " ").join(pieces) + CRLF


def card(contact: Contact) -> str:
    words = contact.name.split()
    family, given = (words[-1], " ".join(words[:-1])) if len(words) > 1 else (contact.name, "")
    lines = [
        "BEGIN:VCARD",
        "VERSION:4.0",
        "KIND:individual",
        f"UID:urn:uuid:{uuid.uuid5(UID_NAMESPACE, contact.id)}",
        f"FN:{escape(contact.name)}",
        f"N:{escape(family)};{escape(given)};;;",
    ]
    if contact.company:
        lines.append(f"ORG:{escape(contact.company)}")
    if contact.title:
        lines.append(f"TITLE:{escape(contact.title)}")
    if contact.links.email:
        lines.append(f"EMAIL:{escape(contact.links.email)}")
    if contact.links.phone:
        lines.append(f"TEL;VALUE=text:{escape(contact.links.phone)}")
    # URIs are not TEXT: only a comma or semicolon would need care, and vCard readers differ on
    # whether to unescape them, so they are percent-encoded instead.
    for url in (contact.links.linkedin, contact.links.website):
        if url:
            lines.append(f"URL:{url.replace(',', '%2C').replace(';', '%3B')}")
    if contact.notes.strip():
        lines.append(f"NOTE:{escape(contact.notes.strip())}")
    if contact.tags:
        lines.append("CATEGORIES:" + ",".join(escape(tag) for tag in contact.tags))
    lines.append("END:VCARD")
    return "".join(fold(line) for line in lines)


def export(contacts: Iterable[Contact]) -> str:
    return "".join(card(contact) for contact in contacts)
