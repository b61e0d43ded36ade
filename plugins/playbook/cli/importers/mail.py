"""Emails read for `playbook import mail`: an `.eml` file, an mbox file (Thunderbird, Gmail
Takeout, Apple Mail's export) or a Maildir folder, through the standard library's `email` and
`mailbox`.

Only the headers are read (From, To, Cc, Bcc, Delivered-To, Date, Subject, Message-ID): a
message's body is never parsed, kept or written anywhere. Reading stops at the blank line that
ends the headers, so a mailbox of thousands of unrelated messages, attachments and all, is read
in seconds; only the messages about a contact have their subject decoded.
"""

from __future__ import annotations

import email.errors
import email.header
import email.utils
import mailbox
import mmap
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from email.message import Message
from email.parser import BytesHeaderParser
from email.policy import compat32
from pathlib import Path
from typing import BinaryIO

from playbook.cli.importers.intake import NotThisFormat

MAIL_HINT = "give an .eml file, an mbox file or a Maildir folder (with cur/ and new/ in it)"
# Headers that name the people a message is between: the sender, and everyone it went to.
SENDERS = ("from",)
RECIPIENTS = ("to", "cc", "bcc", "delivered-to", "x-original-to")
MAX_HEADER_BYTES = 256 * 1024  # more than any real header block; a runaway one stops here
_PARSER = BytesHeaderParser(policy=compat32)  # compat32: the fast one, headers left as text


@dataclass(frozen=True)
class Envelope:
    """Who a message is between and when, as its headers say; the subject stays encoded until
    the message turns out to matter."""

    sender: frozenset[str]  # lowercase addresses
    recipients: frozenset[str]
    sent: datetime | None  # None: no Date header, or one that cannot be read
    message_id: str
    raw_subject: str

    def subject(self) -> str:
        """The subject as people read it: encoded words (`=?UTF-8?Q?...?=`) decoded."""
        return _decoded(self.raw_subject)


class Mailbox:
    """The messages in PATH, one at a time, with their count for a progress bar."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._box: mailbox.Mailbox | None = None
        if path.is_dir():
            if not ((path / "cur").is_dir() and (path / "new").is_dir()):
                raise NotThisFormat(f"{path} is a folder but not a Maildir; {MAIL_HINT}")
            self._box = mailbox.Maildir(path, factory=None, create=False)
            self.keys: Sequence[str] = self._box.keys()
        elif _is_mbox(path):
            self._box = _Mbox(path, factory=None, create=False)
            self.keys = self._box.keys()
        else:
            self.keys = ["."]  # a single message, an .eml file

    def envelopes(
        self, keys: Iterable[str], mine: Iterable[str], theirs: Iterable[str]
    ) -> Iterator[Envelope | None]:
        """Each message's envelope, in the mailbox's order; None for a message whose headers
        name none of `mine` or none of `theirs` (lowercase addresses), left unparsed."""
        sieve = _Sieve(mine, theirs)
        if self._box is None:
            with self.path.open("rb") as file:
                raw = _header_block(file)
            header = _PARSER.parsebytes(raw)
            if not (header.get("from") and (header.get("date") or header.get("message-id"))):
                raise NotThisFormat(
                    f"{self.path} is not an email: it has no From and Date headers; {MAIL_HINT}"
                )
            yield _envelope(header) if sieve.passes(raw) else None
            return
        for key in keys:
            message = self._box.get_file(key)
            try:
                raw = _header_block(message)
            finally:
                message.close()
            yield _envelope(_PARSER.parsebytes(raw)) if sieve.passes(raw) else None

    def close(self) -> None:
        if self._box is not None:
            self._box.close()


class _Mbox(mailbox.mbox):
    """The standard library's mbox, finding where each message starts by searching the mapped
    file instead of reading it line by line in Python: a 150 MB Gmail export is scanned in a
    fraction of a second instead of several. The rule is
    mailbox's own: a message starts at every line beginning with `From ` (mbox quotes any
    such line inside a message as `>From `)."""

    def _generate_toc(self) -> None:
        file: BinaryIO = self._file  # type: ignore[attr-defined]  # mailbox's own, untyped
        file.seek(0, os.SEEK_END)
        length = file.tell()
        starts: list[int] = []
        if length:
            with mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
                starts = [0] if mapped[:5] == b"From " else []
                at = mapped.find(b"\nFrom ")
                while at >= 0:
                    starts.append(at + 1)
                    at = mapped.find(b"\nFrom ", at + 1)
        stops = [*starts[1:], length]
        self._toc = dict(enumerate(zip(starts, stops, strict=True)))
        self._next_key = len(self._toc)
        self._file_length = length


_ADDRESS = re.compile(rb"[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9.-]+")


class _Sieve:
    """A quick look at a message's raw headers before parsing them: most of a mailbox is
    newsletters and strangers, named by no contact's address, and parsing their addresses
    would take most of the time."""

    def __init__(self, mine: Iterable[str], theirs: Iterable[str]) -> None:
        self.mine = frozenset(a.encode() for a in mine)
        self.theirs = frozenset(a.encode() for a in theirs)

    def passes(self, raw: bytes) -> bool:
        found = set(_ADDRESS.findall(raw.lower()))
        return not found.isdisjoint(self.mine) and not found.isdisjoint(self.theirs)


def _is_mbox(path: Path) -> bool:
    """An mbox file starts with a `From ` line (RFC 4155); an .eml file with a header."""
    try:
        with path.open("rb") as file:
            return file.read(5) == b"From "
    except OSError:
        return False


def _header_block(file: Iterable[bytes]) -> bytes:
    """The message's headers: the lines up to the first blank one; the body is never read."""
    lines = []
    size = 0
    for line in file:
        if line in (b"\n", b"\r\n"):
            break
        lines.append(line)
        size += len(line)
        if size > MAX_HEADER_BYTES:
            break
    return b"".join(lines)


def _envelope(header: Message) -> Envelope:
    return Envelope(
        _addresses(header, SENDERS),
        _addresses(header, RECIPIENTS),
        _date(header.get("date")),
        _message_id(header.get("message-id")),
        str(header.get("subject") or ""),
    )


def _addresses(header: Message, names: tuple[str, ...]) -> frozenset[str]:
    values = [str(v) for name in names for v in header.get_all(name) or []]
    return frozenset(
        address.strip().lower() for _, address in email.utils.getaddresses(values) if "@" in address
    )


def _date(value: object) -> datetime | None:
    if not value:
        return None
    try:
        moment = email.utils.parsedate_to_datetime(str(value))
    except (TypeError, ValueError, IndexError):
        return None
    # RFC 5322's -0000 means "local time unknown": read it as UTC, as mail clients do.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)


def _message_id(value: object) -> str:
    """The id without its angle brackets, as it is written in a log (`CAF...@mail.gmail.com`)."""
    text = " ".join(str(value or "").split())
    return text.strip().removeprefix("<").removesuffix(">").strip()


def _decoded(value: str) -> str:
    try:
        text = str(email.header.make_header(email.header.decode_header(value)))
    except (LookupError, UnicodeDecodeError, email.errors.HeaderParseError):
        text = value
    return " ".join(text.split())
