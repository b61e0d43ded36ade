"""The catalogue of generated pages: what each page is, what it is made from, how it is rendered.

One list for both profiles. A kind of page is private unless it names a template for public
builds, so a new kind of page stays out of public builds until someone decides otherwise; a
public page is rendered from the public view (public.py), which holds no contact.

Each page lists its inputs: the digests of the files it is made from (and today, where the page
depends on it). A page whose inputs, and the site around it (builder/keys.py), did not change is
not rendered again. The inputs are deliberately close to what each template reads: a prep sheet
depends on its contact, the profile, its roles, the question banks, the checklists, the templates
it fills in, the people it names and today; a bank page on its bank alone. Pages that summarise
everybody (dashboard, tables, template reviews, print pack) depend on everything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from html import escape
from typing import Any

from markupsafe import Markup

from playbook.core.dates import zone
from playbook.core.digests import digest
from playbook.core.model import Contact, Role
from playbook.core.words import gettext as _
from playbook.logic import activity, board, checks, learned, schedule
from playbook.logic.checks import Review, Reviewer
from playbook.logic.connections import connections_of
from playbook.logic.playbook import Playbook
from playbook.pages import charts, paper, printpack
from playbook.pages.addresses import page_uri
from playbook.pages.markup import SiteMarkdown
from playbook.pages.public import PublicPlaybook, public_view
from playbook.pages.render import Body, Headings, PageWriter, Renderer

# The Markdown extensions of the example mkdocs.yml, for rendering without MkDocs.
DEFAULT_EXTENSIONS = (
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "md_in_html",
    "tables",
    "toc",
    "pymdownx.details",
    "pymdownx.highlight",
    "pymdownx.superfences",
    "pymdownx.tasklist",
)
DEFAULT_EXTENSION_CONFIGS = {
    "toc": {"permalink": True},
    "pymdownx.tasklist": {"custom_checkbox": True},
}

TODAY_SHOWN = 25  # actions on the dashboard; /today/ has them all
UPCOMING_SHOWN = 25  # rows of the dashboard's upcoming conversations
NAMES_SHOWN = 5  # people named per company in the dashboard's coverage table
REVIEW_ROWS = 100  # contacts listed on a template's page, those needing attention first
LEADS_SHOWN = 5  # the newest leads on the dashboard; /leads/ has them all

Search = str  # "page": sections, as the theme indexes them; "person": one entry; "none"


@dataclass(frozen=True)
class PageSpec:
    """One generated page."""

    uri: str  # source path under docs_dir, like contacts/dana-ruiz.md
    kind: str  # which renderer makes it (PAGE_KINDS)
    key: str  # the item's id; "" for a section page
    title: str  # plain text
    inputs: tuple[str, ...]  # digests of everything its body is made from
    in_nav: bool = False
    tags: tuple[str, ...] = ()
    search: Search = "page"
    hide: tuple[str, ...] = ()

    @property
    def digest(self) -> str:
        return digest(self.uri, self.kind, self.key, self.title, self.tags, self.hide, *self.inputs)

    def meta(self) -> dict[str, Any]:
        """The front matter the theme reads. Material writes titles and tag names into the page
        unescaped (`<title>`, the tags index), so they are escaped here."""
        meta: dict[str, Any] = {"title": escape(self.title)}
        if self.tags:
            meta["tags"] = [escape(tag) for tag in self.tags]
        if self.hide:
            meta["hide"] = list(self.hide)
        # The plugin makes its pages' search entries itself (`search`), from its cache.
        meta["search"] = {"exclude": True}
        return meta

    def front_matter(self) -> str:
        """The same, as YAML, for a page MkDocs reads itself (JSON strings are YAML strings)."""
        import json

        return f"---\n{json.dumps(self.meta(), ensure_ascii=False)}\n---\n"


@dataclass
class Sources:
    """What pages are rendered from: the playbook (or its public view) and the reviews of every
    template for every contact, made once per build."""

    loaded: Playbook | None  # None while `serve` shows the data's problems
    public: bool
    reviews: dict[str, list[Review]]
    problems: list[str] | None = None  # every page shows these while the data is broken

    @property
    def playbook(self) -> Playbook:
        assert self.loaded is not None, "pages of a playbook need one"
        return self.loaded

    @cached_property
    def view(self) -> Playbook | PublicPlaybook:
        """What a page may show: the playbook, or in a public build its public view."""
        return public_view(self.playbook) if self.public else self.playbook


@dataclass(frozen=True)
class PageKind:
    template: str
    render: Callable[[Renderer, PageWriter, Sources, PageSpec], Body]
    public_template: str | None = None  # None: never in a public build


# --- inputs ---------------------------------------------------------------------------------


class Inputs:
    """Digests of groups of files, each computed once per catalogue."""

    def __init__(self, playbook: Playbook) -> None:
        self.playbook = playbook
        self.today = playbook.today.isoformat()
        by_kind: dict[str, list[str]] = {}
        for (kind, item), value in sorted(playbook.digests.items()):
            by_kind.setdefault(kind, []).append(f"{item}:{value}")
        self.of_kind = {kind: digest(*values) for kind, values in by_kind.items()}
        # Whether each conversation has happened changes with the time of the build, not
        # with a file: the pages that depend on it say so.
        self.moments = {
            c.id: repr((playbook.held(c), playbook.talks(c))) for c in playbook.contacts.values()
        }
        self.everything = digest(self.today, *self.of_kind.values(), *sorted(self.moments.items()))
        self.profile = playbook.digest("profile", "profile")

    def kind(self, kind: str) -> str:
        return self.of_kind.get(kind, "")

    def contact(self, c: Contact) -> tuple[str, ...]:
        playbook = self.playbook
        introducer = playbook.introducer_of(c)
        return (
            playbook.digest("contact", c.id),
            self.profile,
            self.today,
            self.moments[c.id],
            *(playbook.digest("role", r) for r in c.roles),
            self.kind("bank"),
            self.kind("checklist"),
            *(playbook.digest("template", t) for t in playbook.stage_templates(c)),
            # A message may read any of the introducer's fields; the people introduced are only
            # named and linked.
            playbook.digest("contact", introducer.id) if introducer else "",
            *(f"{o.id}:{o.name}" for o in playbook.introduced(c)),
            # Its findings name the roles they are about; a role not among its own is a title
            # more. Before the conversation: the gaps nobody else has spoken to yet.
            *(playbook.digest("role", r) for r in _finding_roles(c) - set(c.roles)),
            repr([(role.id, gaps) for role, gaps in still_open(playbook, c)]),
        )

    def role(self, role_id: str) -> tuple[str, ...]:
        playbook = self.playbook
        people = playbook.contacts_for_role(playbook.roles[role_id])
        return (
            playbook.digest("role", role_id),
            self.kind("bank"),
            *(f"{c.id}:{c.name}:{c.title}:{c.company}:{c.status}" for c in people),
            # What people told you about it: who, when, what and why, as the page shows it.
            repr(playbook.findings[role_id]),
            playbook.files.get(("role", role_id), ""),
        )

    def learned(self) -> tuple[str, ...]:
        """/learned/ shows every role's findings (with the role's title), and nothing else."""
        return (repr([f for f in self.playbook.findings.values() if f.topics]),)

    def leads(self) -> tuple[str, ...]:
        """/leads/ shows the leads, "ask for an update" worked out from today, and nothing else."""
        return (repr(self.playbook.leads),)


# --- the catalogue --------------------------------------------------------------------------


def spec(kind: str, key: str, title: str, inputs: tuple[str, ...], **more: Any) -> PageSpec:
    """The page of this kind (and id), where addresses.page_uri puts it."""
    return PageSpec(page_uri(kind, key), kind, key, title, inputs, **more)


def page_specs(playbook: Playbook, *, public: bool) -> list[PageSpec]:
    """Every generated page of the build, in a stable order."""
    inputs = Inputs(playbook)
    everything = (inputs.everything,)
    # Cards and rows name everyone; search finds each person on their own sheet.
    listing = "page" if public else "none"
    contacts_title = _("Thank you") if public else _("Contacts")
    templates_inputs = (inputs.kind("template"),) if public else everything
    specs = [
        spec("dashboard", "", _("Dashboard"), everything, in_nav=True),
        spec("today", "", _("Today"), everything, search="none"),
        spec("pipeline", "", _("Pipeline"), everything, in_nav=True, search=listing, hide=("toc",)),
        spec("contacts", "", contacts_title, everything, in_nav=True, search=listing),
        spec("roles", "", _("Roles"), (inputs.kind("role"),), in_nav=True),
        spec("questions", "", _("Questions"), (inputs.kind("bank"),), in_nav=True),
        spec("templates", "", _("Templates"), templates_inputs, in_nav=True),
        spec("checklists", "", _("Checklists"), (inputs.kind("checklist"),), in_nav=True),
        # What people told you: private, made of their files; reached from the dashboard and
        # the role pages (in no nav: a public build has no such pages for an entry to point at).
        spec("learned", "", _("What you learned"), inputs.learned()),
        spec("leads", "", _("Leads"), inputs.leads()),
    ]
    sheets = {
        c.id: spec("contact", c.id, c.name, inputs.contact(c), tags=tuple(c.tags), search="person")
        for c in playbook.contacts.values()
    }
    specs += sheets.values()
    for role_id, role in playbook.roles.items():
        role_inputs: tuple[str, ...] = (playbook.digest("role", role_id), inputs.kind("bank"))
        if not public:  # who you talk to about it, what they told you
            role_inputs = inputs.role(role_id)
        specs.append(spec("role", role_id, role.title, role_inputs))
    for bank_id, bank in playbook.banks.items():
        specs.append(spec("bank", bank_id, bank.title, (playbook.digest("bank", bank_id),)))
    for tid, template in playbook.templates.items():
        # Private: filled in and checked for every contact.
        template_inputs = everything if not public else (playbook.digest("template", tid),)
        specs.append(spec("template", tid, template.title, template_inputs))
    # The day, and the sheets it holds: editing someone you do not meet in the coming days
    # leaves it alone. Out of search and without a table of contents: the sheets are found on
    # the contacts' own pages, and the contents would list every heading of every sheet.
    coming = schedule.upcoming(playbook, days=schedule.WEEK_DAYS)
    held = (f"{c.starts.isoformat()}:{sheets[c.contact.id].digest}" for c in coming)
    title = printpack.title(playbook.today)
    specs.append(spec("print", "", title, (inputs.today, *held), search="none", hide=("toc",)))
    return [s for s in specs if not public or PAGE_KINDS[s.kind].public_template is not None]


def render(renderer: Renderer, page: PageWriter, sources: Sources, spec: PageSpec) -> Body:
    return PAGE_KINDS[spec.kind].render(renderer, page, sources, spec)


def render_bodies(
    playbook: Playbook, *, public: bool = False, directory_urls: bool = True
) -> dict[str, str]:
    """Every generated page's body by source path, without MkDocs (for tests and tools), with
    the example site's Markdown extensions and MkDocs' own URLs."""
    from mkdocs.structure.files import File

    renderer = Renderer(SiteMarkdown(list(DEFAULT_EXTENSIONS), DEFAULT_EXTENSION_CONFIGS))
    specs = page_specs(playbook, public=public)
    urls = {s.uri: File(s.uri, None, "", directory_urls).url for s in specs}
    sources = Sources(playbook, public, {} if public else Reviewer().review(playbook))
    style = Headings(permalink="&para;")
    return {s.uri: render(renderer, PageWriter(s.uri, urls, style), sources, s).html for s in specs}


# --- what each kind of page is rendered from --------------------------------------------------


def _template(sources: Sources, spec: PageSpec) -> str:
    kind = PAGE_KINDS[spec.kind]
    name = kind.public_template if sources.public else kind.template
    assert name is not None, f"{spec.kind} pages are never public"
    return name


def _common(sources: Sources) -> dict[str, Any]:
    view = sources.view
    return {"playbook": view, "profile": view.profile, "today": view.today}


def _plain(renderer: Renderer, page: PageWriter, sources: Sources, spec: PageSpec) -> Body:
    return renderer.body(_template(sources, spec), page, **_common(sources))


def contact_context(playbook: Playbook, contact: Contact) -> dict[str, Any]:
    """What a prep sheet is rendered from (a print pack's sheets too)."""
    starts = playbook.starts_at(contact)
    gaps = still_open(playbook, contact)
    return {
        "playbook": playbook,
        "profile": playbook.profile,
        "today": playbook.today,
        "contact": contact,
        "roles": playbook.roles_of(contact),
        "introducer": playbook.introducer_of(contact),
        "introduced": playbook.introduced(contact),
        "starts": starts,
        # The time as the profile's zone reads it: the card and the agenda's clock use it.
        "local_starts": starts.astimezone(zone(playbook.profile)) if starts else None,
        "connections": connections_of(playbook, contact),
        "plan": playbook.plan(contact),
        "messages": playbook.messages(contact),
        "checklists": sorted(playbook.checklists.values(), key=_stage_order),
        "findings": [(f, playbook.roles.get(learned.role_of(f, contact))) for f in contact.learned],
        "still_open": gaps,
        "still_open_on_paper": bool(gaps) and paper.has_room(playbook, contact, gaps),
    }


def still_open(playbook: Playbook, contact: Contact) -> list[tuple[Role, list[str]]]:
    """Before the conversation: each of the contact's roles with the gaps nobody has spoken to
    yet, so they can be raised with this person."""
    if playbook.held(contact) or contact.status == "closed":
        return []
    found = [(role, playbook.findings[role.id].open_gaps) for role in playbook.roles_of(contact)]
    return [(role, gaps) for role, gaps in found if gaps]


def _finding_roles(contact: Contact) -> set[str]:
    return {learned.role_of(f, contact) for f in contact.learned} - {""}


def _stage_order(checklist: Any) -> tuple[int, str]:
    return (("before", "during", "after").index(checklist.stage), checklist.id)


def _contact(renderer: Renderer, page: PageWriter, sources: Sources, spec: PageSpec) -> Body:
    playbook = sources.playbook
    return renderer.body(
        "contact.html.j2", page, **contact_context(playbook, playbook.contacts[spec.key])
    )


def _dashboard(renderer: Renderer, page: PageWriter, sources: Sources, spec: PageSpec) -> Body:
    if sources.public:
        return _plain(renderer, page, sources, spec)
    playbook = sources.playbook
    due = _due(playbook)
    return renderer.body(
        "dashboard.html.j2",
        page,
        **due,
        shown=due["actions"][:TODAY_SHOWN],
        this_week=schedule.upcoming(playbook, days=schedule.WEEK_DAYS),
        upcoming=schedule.upcoming(playbook),
        upcoming_days=schedule.UPCOMING_DAYS,
        upcoming_limit=UPCOMING_SHOWN,
        print_days=schedule.WEEK_DAYS,
        pipeline=schedule.pipeline(playbook),
        funnel=charts.funnel_chart(schedule.funnel(playbook)),
        weekly=charts.weekly_chart(
            activity.weekly(playbook), playbook.profile.weekly_outreach_goal
        ),
        coverage=schedule.coverage(playbook),
        names_limit=NAMES_SHOWN,
        leads=playbook.leads,
        leads_limit=LEADS_SHOWN,
        **_common(sources),
    )


def _today(renderer: Renderer, page: PageWriter, sources: Sources, spec: PageSpec) -> Body:
    return renderer.body("today.html.j2", page, **_due(sources.playbook), **_common(sources))


def _due(playbook: Playbook) -> dict[str, Any]:
    """What is due, as the dashboard and the Today page show it: every action, overdue first,
    and who has not answered yet."""
    actions = schedule.actions(playbook)
    overdue, due_now = schedule.by_lateness(actions)
    awaiting = schedule.awaiting_reply(playbook)
    return {"actions": actions, "overdue": overdue, "due_now": due_now, "awaiting": awaiting}


def _pipeline(renderer: Renderer, page: PageWriter, sources: Sources, spec: PageSpec) -> Body:
    if sources.public:
        return _plain(renderer, page, sources, spec)
    columns = board.board(sources.playbook)
    return renderer.body("pipeline.html.j2", page, columns=columns, **_common(sources))


def _contacts(renderer: Renderer, page: PageWriter, sources: Sources, spec: PageSpec) -> Body:
    if sources.public:
        return _plain(renderer, page, sources, spec)
    playbook = sources.playbook
    next_at = {c.id: schedule.next_conversation(playbook, c) for c in playbook.contacts.values()}
    return renderer.body("contacts.html.j2", page, next_at=next_at, **_common(sources))


def _templates(renderer: Renderer, page: PageWriter, sources: Sources, spec: PageSpec) -> Body:
    extra = {} if sources.public else {"reviews": sources.reviews}
    return renderer.body(_template(sources, spec), page, **extra, **_common(sources))


def _role(renderer: Renderer, page: PageWriter, sources: Sources, spec: PageSpec) -> Body:
    role = sources.view.roles[spec.key]
    if sources.public:  # what people told you comes from their files
        return renderer.body("role.html.j2", page, role=role, **_common(sources))
    playbook = sources.playbook
    findings = playbook.findings[role.id]
    return renderer.body(
        "role.html.j2",
        page,
        role=role,
        findings=findings,
        several=learned.SEVERAL,
        additions=learned.lines_to_add(findings),
        role_file=playbook.files.get(("role", role.id), f"{role.id}.yml"),
        **_common(sources),
    )


def _learned(renderer: Renderer, page: PageWriter, sources: Sources, spec: PageSpec) -> Body:
    playbook = sources.playbook
    told = [f for f in playbook.findings.values() if f.topics]
    return renderer.body("learned.html.j2", page, told=told, **_common(sources))


def _leads(renderer: Renderer, page: PageWriter, sources: Sources, spec: PageSpec) -> Body:
    return renderer.body(
        "leads.html.j2",
        page,
        leads=sources.playbook.leads,
        update_after=learned.UPDATE_AFTER_DAYS,
        **_common(sources),
    )


def _bank(renderer: Renderer, page: PageWriter, sources: Sources, spec: PageSpec) -> Body:
    bank = sources.view.banks[spec.key]
    return renderer.body("bank.html.j2", page, bank=bank, **_common(sources))


def _message_template(
    renderer: Renderer, page: PageWriter, sources: Sources, spec: PageSpec
) -> Body:
    template = sources.view.templates[spec.key]
    extra: dict[str, Any] = {}
    if not sources.public:  # filled-in messages and their checks are private
        reviews = sources.reviews.get(template.id, [])
        flagged = [item for item in reviews if item.flagged]
        extra = {
            "rules": checks.rules_for(sources.playbook, template.kind),
            "reviews": reviews,
            "flagged": flagged,
            "unfilled": [item for item in reviews if not item.filled],
            "columns": checks.rule_names(reviews),
            # Those needing attention first; a long list stops (the page stays small).
            "shown": (flagged + [item for item in reviews if not item.flagged])[:REVIEW_ROWS],
            "review_rows": REVIEW_ROWS,
        }
    return renderer.body("template.html.j2", page, template=template, **extra, **_common(sources))


def _print(renderer: Renderer, page: PageWriter, sources: Sources, spec: PageSpec) -> Body:
    playbook = sources.playbook
    sheets = []
    for conversation in schedule.upcoming(playbook, days=schedule.WEEK_DAYS):
        contact = conversation.contact
        # Each sheet's heading ids start with the contact's id: sheets share one page.
        writer = page.sheet(prefix=f"{contact.id}-")
        body = renderer.body("contact.html.j2", writer, **contact_context(playbook, contact))
        sheets.append(printpack.Sheet(conversation, Markup(body.html)))
    return renderer.body(
        "print_pack.html.j2",
        page,
        title=spec.title,
        sheets=sheets,
        empty=_("No conversation is booked in the next %(days)s days.")
        % {"days": schedule.WEEK_DAYS},
        **_common(sources),
    )


PAGE_KINDS: dict[str, PageKind] = {
    "dashboard": PageKind("dashboard.html.j2", _dashboard, "public-dashboard.html.j2"),
    "today": PageKind("today.html.j2", _today),
    "pipeline": PageKind("pipeline.html.j2", _pipeline, "public-pipeline.html.j2"),
    "contacts": PageKind("contacts.html.j2", _contacts, "public-thanks.html.j2"),
    "roles": PageKind("roles.html.j2", _plain, "roles.html.j2"),
    "questions": PageKind("questions.html.j2", _plain, "questions.html.j2"),
    "templates": PageKind("templates.html.j2", _templates, "templates.html.j2"),
    "checklists": PageKind("checklists.html.j2", _plain, "checklists.html.j2"),
    "contact": PageKind("contact.html.j2", _contact),
    "role": PageKind("role.html.j2", _role, "role.html.j2"),
    "bank": PageKind("bank.html.j2", _bank, "bank.html.j2"),
    "template": PageKind("template.html.j2", _message_template, "template.html.j2"),
    "print": PageKind("print_pack.html.j2", _print),
    "learned": PageKind("learned.html.j2", _learned),
    "leads": PageKind("leads.html.j2", _leads),
}


def problems_page(uri: str, title: str, in_nav: bool, report: list[str]) -> PageSpec:
    """A page that shows the data's problems in place of `uri` while `serve` waits for a fix."""
    return PageSpec(uri, "problems", "", title, (digest(*report),), in_nav=in_nav, search="none")


def _problems(renderer: Renderer, page: PageWriter, sources: Sources, spec: PageSpec) -> Body:
    return renderer.body("problems.html.j2", page, problems=sources.problems or [])


PAGE_KINDS["problems"] = PageKind("problems.html.j2", _problems, "problems.html.j2")
