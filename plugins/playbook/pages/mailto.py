"""`mailto:` links that open the mail client with a message written out (RFC 6068).

RFC 6068 encodes every header value as UTF-8, percent-encoded, with line breaks as CRLF (`%0D%0A`)
and a space as `%20` (never `+`, which mail clients would keep as a plus sign). The address keeps
its `@`; anything else that could end the address part (`?`, `&`, `%`, `#`) is encoded.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from playbook.core.model import Contact
from playbook.logic.messages import Message
from playbook.logic.playbook import Playbook

# Template kinds written as an email; a LinkedIn note is sent on LinkedIn.
EMAIL_KINDS = frozenset(
    {"email", "intro-request", "follow-up", "thank-you", "keep-in-touch", "referral-thanks"}
)


def mailto(to: str, subject: str, body: str) -> str:
    """`mailto:to?subject=...&body=...`; an empty `to` leaves the recipient to the mail client."""
    fields = [(name, value) for name, value in (("subject", subject), ("body", body)) if value]
    query = "&".join(f"{name}={_encode(value)}" for name, value in fields)
    return f"mailto:{quote(to, safe='@')}" + (f"?{query}" if query else "")


def _encode(value: str) -> str:
    crlf = "\r\n".join(value.replace("\r\n", "\n").split("\n"))
    return quote(crlf, safe="")


def recipient(playbook: Playbook, contact: Contact, message: Message) -> Contact:
    """Whom the message goes to: the introducer for an introduction request, else the contact."""
    if message.template.kind == "intro-request":
        return playbook.introducer_of(contact) or contact
    return contact


@dataclass(frozen=True)
class EmailLink:
    href: str  # the mailto: link
    to: str  # the recipient's address; "" when none is on file (the mail client asks)


def message_link(playbook: Playbook, contact: Contact, message: Message) -> EmailLink | None:
    """The "Open in email" link for a message to `contact`; None when the message is not an
    email (a LinkedIn note) or could not be filled in."""
    if message.problem is not None or message.template.kind not in EMAIL_KINDS:
        return None
    to = recipient(playbook, contact, message).links.email
    return EmailLink(mailto(to, message.subject, message.body), to)
