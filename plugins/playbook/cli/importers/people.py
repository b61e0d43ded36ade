"""Who an invite or an email is with: your contacts by their addresses and names, and your own
addresses, read from data/ for `playbook import invite` and `playbook import mail`.

A contact file with problems of its own is left out here (the write-back would refuse it
anyway); the rest of the playbook still matches.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from playbook.core.model import Contact, Profile
from playbook.core.parse import Document
from playbook.core.problems import DataError
from playbook.core.sources import load_documents
from playbook.core.text import fold
from playbook.core.validate import validate_document


@dataclass
class People:
    profile: Profile
    contacts: dict[str, Contact] = field(default_factory=dict)
    by_address: dict[str, list[str]] = field(default_factory=dict)  # address → contact ids
    by_name: dict[str, list[str]] = field(default_factory=dict)  # folded name → contact ids

    @property
    def mine(self) -> frozenset[str]:
        """Your own addresses: the profile's `email` and `my_addresses`, lowercase."""
        return frozenset(a.lower() for a in (self.profile.email, *self.profile.my_addresses) if a)

    def add(self, contact: Contact) -> None:
        self.contacts[contact.id] = contact
        for address in addresses(contact):
            self.by_address.setdefault(address, []).append(contact.id)
        self.by_name.setdefault(fold(contact.name), []).append(contact.id)

    def with_address(self, found: Iterable[str]) -> list[str]:
        """Ids of the contacts with any of these addresses, each once, in the order given."""
        ids = [cid for address in found for cid in self.by_address.get(address.lower(), [])]
        return list(dict.fromkeys(ids))

    def named(self, name: str) -> list[str]:
        return list(self.by_name.get(fold(name), [])) if name else []

    def similar(self, name: str) -> list[str]:
        """Contacts whose name is close to `name` (a misspelling, a nickname's neighbour)."""
        close = difflib.get_close_matches(fold(name), list(self.by_name), n=3, cutoff=0.75)
        return [cid for key in close for cid in self.by_name[key]] if name else []

    def mentioned_in(self, text: str) -> list[str]:
        """Contacts whose full name the text mentions (ignoring case, accents and spacing)."""
        folded = fold(text)
        return [cid for key, ids in self.by_name.items() if key and key in folded for cid in ids]


def addresses(contact: Contact) -> list[str]:
    """Every address on file for the contact: `links.email`, and a `mailto:` website."""
    found = [contact.links.email]
    website = contact.links.website
    if website.lower().startswith("mailto:"):
        found.append(website[len("mailto:") :].split("?")[0])
    return [a.lower() for a in found if a]


def read_people(data_dir: Path, root: Path, profile: Profile) -> People:
    people = People(profile)
    for item in load_documents(data_dir, root):
        if isinstance(item, Document) and item.kind == "contact":
            try:
                contact = validate_document(item)
            except DataError:
                continue
            if isinstance(contact, Contact):
                people.add(contact)
    return people
