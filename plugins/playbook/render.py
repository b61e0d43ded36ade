"""Playbook → {src_uri: Markdown}: the pages of the site, from Jinja templates that write Markdown.

The templates live in `templates/`; a user's folder of overrides (plugin option `templates_dir`)
comes first, so any page can be reshaped without forking the plugin.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

import jinja2

from playbook import checks, markup, printpack, schedule
from playbook.link import Playbook
from playbook.model import CATEGORIES, STATUSES, Contact

CATEGORY_LABELS = {
    "trends": "Trends",
    "insights": "Insights",
    "advice": "Advice",
    "resources": "Resources",
    "assignments": "Assignments",
    "other": "Other",
    "closing": "Closing",
}


def when(moment: datetime | None) -> str:
    """`Wed 2 Dec 2026, 15:30 (UTC−06:00)`: unambiguous on screen and on paper."""
    if moment is None:
        return ""
    offset = moment.strftime("%z")
    zone = f"UTC{offset[0].replace('-', '−')}{offset[1:3]}:{offset[3:]}" if offset else ""
    return f"{moment:%a} {moment.day} {moment:%b %Y, %H:%M}" + (f" ({zone})" if zone else "")


def day(value: Any) -> str:
    return f"{value:%a} {value.day} {value:%b %Y}" if value else ""


def percent(share: float | None) -> str:
    return "–" if share is None else f"{share:.0%}"


class Renderer:
    """The Jinja environment, made once and reused by every build of a `serve` session."""

    def __init__(self, overrides_dir: Path | None = None, *, allow_html: bool = False) -> None:
        loaders: list[jinja2.BaseLoader] = []
        if overrides_dir is not None:
            loaders.append(jinja2.FileSystemLoader(overrides_dir))
        loaders.append(jinja2.PackageLoader("playbook", "templates"))
        self.env = jinja2.Environment(
            loader=jinja2.ChoiceLoader(loaders),
            undefined=jinja2.StrictUndefined,
            autoescape=False,  # the output is Markdown; values are escaped by the `t` filter
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters.update(
            t=markup.text,
            md=markup.MarkdownField(allow_html=allow_html),
            url=markup.url,
            fence=markup.fence,
            when=when,
            day=day,
            yaml=markup.front_matter,
        )
        self.env.globals.update(
            CATEGORIES=CATEGORIES,
            CATEGORY_LABELS=CATEGORY_LABELS,
            STATUSES=STATUSES,
            message_checks=checks.check_message,
            rule_names=checks.rule_names,
            percent=percent,
        )

    def page(self, name: str, /, **context: Any) -> str:
        return self.env.get_template(name).render(**context)

    def render(self, playbook: Playbook) -> dict[str, str]:
        """Every generated page of the private playbook, by source path under docs_dir."""
        pb = playbook
        upcoming = schedule.upcoming(pb)
        next_at = {c.id: schedule.next_conversation(pb, c) for c in pb.contacts.values()}
        common = {"pb": pb, "profile": pb.profile, "today": pb.today}
        # Each template filled in and checked for every contact it applies to (private content).
        reviews = {tid: checks.review(pb, t) for tid, t in pb.templates.items()}
        pages = {
            "index.md": self.page(
                "dashboard.md.j2",
                upcoming=upcoming,
                pipeline=schedule.pipeline(pb),
                actions=schedule.actions(pb),
                funnel=schedule.funnel(pb),
                coverage=schedule.coverage(pb),
                **common,
            ),
            "contacts/index.md": self.page("contacts.md.j2", next_at=next_at, **common),
            "roles/index.md": self.page("roles.md.j2", **common),
            "questions/index.md": self.page("questions.md.j2", **common),
            "templates/index.md": self.page("templates.md.j2", reviews=reviews, **common),
            "checklists/index.md": self.page("checklists.md.j2", **common),
        }
        contact_pages = {c.id: self.contact_page(pb, c) for c in pb.contacts.values()}
        for contact_id, markdown in contact_pages.items():
            pages[f"contacts/{contact_id}.md"] = markdown
        for role in pb.roles.values():
            pages[f"roles/{role.id}.md"] = self.page("role.md.j2", role=role, **common)
        for bank in pb.banks.values():
            pages[f"questions/{bank.id}.md"] = self.page("bank.md.j2", bank=bank, **common)
        for template in pb.templates.values():
            pages[f"templates/{template.id}.md"] = self.page(
                "template.md.j2",
                template=template,
                rules=checks.rules_for(pb, template.kind),
                reviews=reviews[template.id],
                **common,
            )
        pages.update(printpack.pages(self, pb, contact_pages))
        return pages

    def contact_page(self, pb: Playbook, contact: Contact) -> str:
        """A contact's prep sheet, front matter included."""
        return self.page(
            "contact.md.j2",
            contact=contact,
            pb=pb,
            profile=pb.profile,
            today=pb.today,
            **self.contact_context(pb, contact),
        )

    @staticmethod
    def contact_context(pb: Playbook, contact: Contact) -> dict[str, Any]:
        return {
            "roles": pb.roles_of(contact),
            "introducer": pb.introducer_of(contact),
            "introduced": pb.introduced(contact),
            "alumni": pb.is_alumni(contact),
            "starts": pb.starts_at(contact),
            "plan": pb.plans[contact.id],
            "messages": pb.messages[contact.id],
            "checklists": sorted(pb.checklists.values(), key=_stage_order),
        }


def _stage_order(checklist: Any) -> tuple[int, str]:
    return (("before", "during", "after").index(checklist.stage), checklist.id)


def nav_pages(uris: Iterable[str]) -> set[str]:
    """Section pages stay in the navigation; the many per-item pages stay out of it."""
    return {uri for uri in uris if uri == "index.md" or uri.endswith("/index.md")}
