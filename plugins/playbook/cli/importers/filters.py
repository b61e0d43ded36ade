"""Which people of an import to keep (`--company`, `--title`, `--since`) and what every one kept
is given (`--role`, `--tag`): a LinkedIn export holds hundreds of people, a search needs a few."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from playbook.cli.importers.intake import Incoming


@dataclass(frozen=True)
class Filters:
    # Searched anywhere in the value, ignoring case: `--company acme` keeps "ACME Corp".
    company: re.Pattern[str] | None = None
    title: re.Pattern[str] | None = None
    since: date | None = None  # connected on or after; people with no such date are left out
    roles: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()

    @property
    def named(self) -> list[str]:
        """The filters in use, as typed, for the summary."""
        given = {"--company": self.company, "--title": self.title, "--since": self.since}
        return [option for option, value in given.items() if value is not None]

    def keeps(self, person: Incoming) -> bool:
        for pattern, key in ((self.company, "company"), (self.title, "title")):
            if pattern is not None and not pattern.search(str(person.fields.get(key) or "")):
                return False
        return self.since is None or (person.since is not None and person.since >= self.since)

    def given(self, person: Incoming) -> Incoming:
        """The person with the roles and tags every imported contact gets."""
        if not (self.roles or self.tags):
            return person
        fields = dict(person.fields)
        if self.roles:
            fields["roles"] = list(dict.fromkeys([*fields.get("roles", []), *self.roles]))
        if self.tags:
            fields["tags"] = list(dict.fromkeys([*fields.get("tags", []), *self.tags]))
        return Incoming(person.line, fields, person.since)


__all__ = ["Filters"]
