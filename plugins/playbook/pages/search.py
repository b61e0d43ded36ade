"""Search entries for the plugin's own pages, made with the page (and cached with it).

The theme's search plugin would parse every page's HTML again on every build, which costs about
as much as making the page. The plugin knows its pages' structure instead:

- a prep sheet gets one entry with what tells the person apart (name, title and company, tags,
  research, notes, referrals, what they told you), not the pitch, checklists and drafts every
  sheet shares: at 5,000 contacts that is the difference between an index of 40 MB and one of 5;
- any other page gets an entry per section, as the theme makes them: one per heading with an id,
  its text without the blocks marked `data-search-exclude` (lists of people found on their own
  sheets).
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

from playbook.core.model import Contact
from playbook.core.words import gettext as _
from playbook.pages.markup import SiteMarkdown, text_of

_HEADING = re.compile(r"<h([1-6])\b[^>]*?\sid=\"([^\"]+)\"[^>]*>(.*?)</h\1>", re.DOTALL)
_PERMALINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)
_EXCLUDED = re.compile(r"<(\w+)\b[^>]*\sdata-search-exclude\b[^>]*>")


def person(url: str, contact: Contact, fields: SiteMarkdown) -> dict[str, Any]:
    """A prep sheet's one entry. Title, company and tags come first: search for a company and
    its people come before the pages that merely mention it."""
    parts = [
        _works(contact),
        text_of(fields.field(contact.research)),
        text_of(fields.field(contact.notes)),
        "; ".join(contact.referrals),
        "; ".join(" ".join(p for p in (f.text, f.note) if p) for f in contact.learned),
    ]
    entry: dict[str, Any] = {
        "location": url,
        "title": escape(contact.name),
        "text": escape(" ".join(p for p in parts if p), quote=False),
    }
    if contact.tags:
        entry["tags"] = [escape(tag) for tag in contact.tags]
    return entry


def _works(contact: Contact) -> str:
    """`Marketing Director at Brightside Agency`, as the prep sheet says it."""
    if contact.title and contact.company:
        return _("%(title)s at %(company)s") % {"title": contact.title, "company": contact.company}
    return contact.title or contact.company


def sections(url: str, title: str, html: str) -> list[dict[str, Any]]:
    """One entry per section of a page: the heading's words and the section's words."""
    html = without_excluded(html)
    entries = []
    heading, location, start = escape(title), url, 0
    for match in _HEADING.finditer(html):
        text = text_of(html[start : match.start()])
        if start or text:
            entries.append(_entry(location, heading, text))
        level, anchor, inner = match.groups()
        heading = escape(text_of(_PERMALINK.sub("", inner)), quote=False)
        location = url if level == "1" else f"{url}#{anchor}"
        start = match.end()
    entries.append(_entry(location, heading, text_of(html[start:])))
    return entries


def _entry(location: str, title: str, text: str) -> dict[str, Any]:
    return {"location": location, "title": title, "text": escape(text, quote=False)}


def without_excluded(html: str) -> str:
    """The HTML without the elements marked `data-search-exclude` (nested ones counted)."""
    while match := _EXCLUDED.search(html):
        tag = match.group(1)
        opening = re.compile(rf"<{tag}\b|</{tag}\s*>")
        depth, end = 1, len(html)
        for token in opening.finditer(html, match.end()):
            depth += -1 if token.group(0).startswith("</") else 1
            if depth == 0:
                end = token.end()
                break
        html = html[: match.start()] + html[end:]
    return html
