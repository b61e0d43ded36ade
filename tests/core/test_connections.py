"""How you are connected (playbook.logic.connections): one definition for the prep sheet's header
card and for the outreach email's rule. The rule applies exactly when the sheet names a
connection, and asks the first sentence for the same ones, so the sheet and the check never
disagree; a connection found two ways is said once (tests/browser/test_browser_look.py checks the
header card in Chromium)."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

from helpers.core import pages_of
from helpers.project import EXAMPLE_DATA, TODAY
from helpers.schedules import CONNECTED, EMPLOYERS, playbook
from playbook.logic import checks
from playbook.logic.connections import connections_of
from playbook.pages.catalogue import render_bodies


def text_of(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def card_of(html: str) -> str:
    return text_of(html.split('class="pb-card pb-header-card"', 1)[1].split("</dl>", 1)[0])


def test_the_sheet_shows_every_connection_the_email_rule_asks_for(tmp_path: Path) -> None:
    people = {**CONNECTED, "eli-fox": {**CONNECTED["eli-fox"], "source": "linkedin"}}
    people["ivy-moss"] = {"company": "Acme"}
    body = "Hi {{ contact.first_name }},\n\nI'm exploring marketing.\n\nBest,\n{{ profile.name }}"
    email = f"---\ntitle: Email\nkind: email\nsubject: Hello\n---\n{body}\n"
    pb = playbook(tmp_path, people, TODAY, profile=EMPLOYERS, templates={"outreach-email": email})
    pages = render_bodies(pb)
    rule = "Connection in the first sentence"
    wanted = {
        "dana-ruiz": "Mark Cho introduced you",
        "eli-fox": "alumni of Lakeside University, like you; found through LinkedIn",
        "gus-hale": "at Pine Labs, where you worked too",
        "ivy-moss": "none yet",
        "mark-cho": "none yet",
    }
    for cid, words in wanted.items():
        card = card_of(pages[f"contacts/{cid}.md"])
        assert f"Connection {words}" in card, card
        contact = pb.contacts[cid]
        found = connections_of(pb, contact)
        made = checks.check_message(pb, contact, pb.fill("outreach-email", contact))
        check = next((c for c in made if c.rule == rule), None)
        # The rule applies exactly when the sheet names a connection, and asks for the same.
        assert (check is None) == (not found)
        for connection in found:
            assert connection.name in card
            assert check is not None and f"{connection.kind} ({connection.name})" in check.reason


def test_an_alumni_contact_found_through_the_alumni_network_is_said_once() -> None:
    pages = pages_of(EXAMPLE_DATA)
    card = card_of(pages["contacts/mark-cho.md"])
    assert "Connection alumni of Lakeside University, like you First question" in card
    assert "alumni network" not in card
