"""Where each generated page lives: its source path under docs_dir, one rule per kind of page,
and where MkDocs puts a page made from a source path (its URL and its file under site/), asked
of MkDocs' own `File` so that `use_directory_urls: false` and any later rule are MkDocs' own.

Templates reach pages through `page.href(page_uri("contact", contact.id))`.
"""

from __future__ import annotations

from dataclasses import dataclass

from mkdocs.structure.files import File

# Kind of page → its source path; "{}" is the item's id.
PATHS = {
    "dashboard": "index.md",
    "today": "today.md",
    "pipeline": "pipeline.md",
    "contacts": "contacts/index.md",
    "roles": "roles/index.md",
    "questions": "questions/index.md",
    "templates": "templates/index.md",
    "checklists": "checklists/index.md",
    "learned": "learned.md",
    "leads": "leads.md",
    "contact": "contacts/{}.md",
    "role": "roles/{}.md",
    "bank": "questions/{}.md",
    "template": "templates/{}.md",
    "print": "print/upcoming.md",
}


def page_uri(kind: str, key: str = "") -> str:
    """The source path of the page of this kind (and id): `contacts/dana-ruiz.md`."""
    return PATHS[kind].format(key)


@dataclass(frozen=True)
class Address:
    url: str  # under the site: contacts/dana-ruiz/ (or contacts/dana-ruiz.html)
    dest: str  # the file under site/: contacts/dana-ruiz/index.html (or contacts/dana-ruiz.html)


def address(uri: str, *, directory_urls: bool) -> Address:
    """Where MkDocs puts the page made from source path `uri`."""
    file = File(uri, None, "", directory_urls)
    return Address(file.url, file.dest_uri)
