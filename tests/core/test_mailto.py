"""The "Open in email" links (playbook.pages.mailto): encoded by RFC 6068 and read back by its
rules, so that every email on a prep sheet opens in the mail client with its recipient, subject
and body exactly as the sheet shows them, whatever characters they hold (in Chromium:
tests/browser/test_browser_look.py)."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import unquote

from helpers.core import pages_of, playbook_of
from helpers.project import EXAMPLE_DATA
from playbook.pages.mailto import mailto


def decode(link: str) -> tuple[str, dict[str, str]]:
    """A mailto: link read back by RFC 6068's rules (a `+` is a plus, never a space)."""
    assert link.startswith("mailto:")
    to, _, query = link[len("mailto:") :].partition("?")
    fields = dict(part.split("=", 1) for part in query.split("&") if part)
    return unquote(to), {name: unquote(value) for name, value in fields.items()}


def test_mailto_encodes_by_rfc_6068() -> None:
    body = "Hi Zoë,\n\n50% off? A&B + C = #1; ok!\nBye"
    link = mailto("zoe+jobs@example.com", "Coffee & a question?", body)
    to, fields = decode(link)
    assert to == "zoe+jobs@example.com"
    assert fields == {"subject": "Coffee & a question?", "body": body.replace("\n", "\r\n")}
    query = link.split("?", 1)[1]
    # Spaces and line breaks as %20 and %0D%0A; nothing that would end a field left bare.
    assert "%20" in query and "%0D%0A" in query and " " not in query and "+" not in query
    assert re.fullmatch(r"subject=[^&?#=]*&body=[^&?#=]*", query)
    assert mailto("", "Hi", "") == "mailto:?subject=Hi"


def test_every_email_on_a_sheet_opens_with_its_recipient_subject_and_body() -> None:
    pb = playbook_of(EXAMPLE_DATA)
    pages = pages_of(EXAMPLE_DATA)
    opened = 0
    for contact in pb.contacts.values():
        html = pages[f"contacts/{contact.id}.md"]
        found = re.findall(r'href="([^"]+)"><span[^>]*>(?:(?!</a>).)*?</span>Open in email', html)
        links = [unescape(link) for link in found]
        emails = [m for m in pb.messages(contact) if m.template.kind != "linkedin-note"]
        assert len(links) == len(emails), contact.id
        for link, message in zip(links, emails, strict=True):
            to, fields = decode(link)
            who = pb.introducer_of(contact) if message.template.kind == "intro-request" else contact
            assert who is not None and to == who.links.email
            assert fields["subject"] == message.subject
            assert fields["body"].replace("\r\n", "\n") == message.body
            opened += 1
    assert opened >= 5
