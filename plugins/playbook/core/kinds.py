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
class Kind:
    name: str  # as problems, schemas and digests name it: "contact"
    folder: str  # under data/; "" for the profile, which is data/profile.yml itself
    suffix: str  # a file's ending: the id is the name without it
    model: type[Model]
    example: str  # an id, for hints about file names

    def file_name(self, item_id: str) -> str:
        return f"{item_id}{self.suffix}"


PROFILE = Kind("profile", "", ".yml", Profile, "profile")
KINDS: tuple[Kind, ...] = (
    PROFILE,
    Kind("contact", "contacts", ".yml", Contact, "dana-ruiz"),
    Kind("role", "roles", ".yml", Role, "brand-marketing"),
    Kind("bank", "questions", ".yml", QuestionBank, "tiara"),
    Kind("template", "templates", ".md", Template, "thank-you"),
    Kind("checklist", "checklists", ".yml", Checklist, "before"),
)
BY_NAME = {kind.name: kind for kind in KINDS}
BY_FOLDER = {kind.folder: kind for kind in KINDS if kind.folder}
