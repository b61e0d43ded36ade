"""The kinds of file a playbook is made of, in one list: where each lives, how its files end,
which model reads it, and an id to show in a hint."""

from __future__ import annotations

from dataclasses import dataclass

from playbook.core.model import (
    Checklist,
    Contact,
    Model,
    Profile,
    QuestionBank,
    Role,
    Template,
)


@dataclass(frozen=True)
class FileKind:
    name: str  # as problems, schemas and digests name it: "contact"
    folder: str  # under data/; "" for the profile, which is data/profile.yml itself
    suffix: str  # a file's ending: the id is the name without it
    model: type[Model]
    example: str  # an id, for hints about file names

    def file_name(self, item_id: str) -> str:
        return f"{item_id}{self.suffix}"


PROFILE = FileKind("profile", "", ".yml", Profile, "profile")
FILE_KINDS: tuple[FileKind, ...] = (
    PROFILE,
    FileKind("contact", "contacts", ".yml", Contact, "dana-ruiz"),
    FileKind("role", "roles", ".yml", Role, "brand-marketing"),
    FileKind("bank", "questions", ".yml", QuestionBank, "tiara"),
    FileKind("template", "templates", ".md", Template, "thank-you"),
    FileKind("checklist", "checklists", ".yml", Checklist, "before"),
)
BY_NAME = {kind.name: kind for kind in FILE_KINDS}
BY_FOLDER = {kind.folder: kind for kind in FILE_KINDS if kind.folder}
