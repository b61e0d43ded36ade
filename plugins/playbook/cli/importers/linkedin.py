"""LinkedIn's "Connections.csv" (from Settings & Privacy → Data privacy → Get a copy of your data)
→ incoming people.

Recent exports open with a `Notes:` paragraph and a blank line before the header; older ones start
with the header. Either way the header is found by its content, and columns by their names.
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime
from pathlib import Path

from playbook.cli.importers.intake import (
    Incoming,
    NotThisFormat,
    Skipped,
    check_size,
    read_limited,
)

HINT = "pass the Connections.csv of your LinkedIn export (or the zip it came in)"

COLUMNS = {
    "first name": "first",
    "last name": "last",
    "url": "url",
    "email address": "email",
    "company": "company",
    "position": "position",
    "connected on": "connected",
}
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
DATE_FORMATS = ("%d %b %Y", "%d %B %Y", "%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y")


def read_connections(path: Path) -> list[Incoming | Skipped]:
    """Every row after the header, as a person or as a skip with its line number."""
    text = _text(path)
    rows = csv.reader(io.StringIO(text, newline=""), strict=False)
    columns: dict[str, int] | None = None
    people: list[Incoming | Skipped] = []
    end = 0  # the physical line the previous row ended on
    while True:
        line = end + 1
        try:
            row = next(rows)
        except StopIteration:
            break
        except csv.Error as error:
            end = rows.line_num
            if columns is not None:
                people.append(Skipped(line, f"not readable as CSV: {error}"))
            continue
        end = rows.line_num
        if columns is None:
            columns = _header(row)
            continue
        if not any(cell.strip() for cell in row):
            continue
        people.append(_person(row, columns, line, end))
    if columns is None:
        raise NotThisFormat(
            f"{path} is not a LinkedIn connections export: no header row like {HEADER}"
        )
    return people


def _text(path: Path) -> str:
    raw = read_limited(path, HINT)
    if raw.startswith(b"PK\x03\x04"):  # the export's zip, passed as it arrived
        raw = _from_zip(path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise NotThisFormat(
            f"{path}:{line}: not UTF-8 text; LinkedIn exports are UTF-8 (if a spreadsheet "
            "re-saved it, save it again as CSV UTF-8)"
        ) from None


def _from_zip(path: Path) -> bytes:
    try:
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if name.rsplit("/", 1)[-1].lower() == "connections.csv":
                    # Its size as the archive says, before inflating anything.
                    check_size(archive.getinfo(name).file_size, f"{path}: {name}", HINT)
                    return archive.read(name)
    except (zipfile.BadZipFile, zipfile.LargeZipFile) as error:
        raise NotThisFormat(
            f"{path} is a damaged zip archive ({error}); download it again"
        ) from None
    raise NotThisFormat(f"{path} is a zip archive without Connections.csv in it")


def _header(row: list[str]) -> dict[str, int] | None:
    names = [cell.strip().lstrip("\ufeff").casefold() for cell in row]
    if "first name" not in names or "last name" not in names:
        return None
    if not {"url", "connected on", "company"} & set(names):
        return None  # some other list of people
    return {COLUMNS[n]: i for i, n in enumerate(names) if n in COLUMNS}


def _person(row: list[str], columns: dict[str, int], line: int, end: int) -> Incoming | Skipped:
    width = max(columns.values()) + 1
    extra = len(row) > width and any(cell.strip() for cell in row[width:])
    if extra or len(row) < width:
        reason = f"{len(row)} fields where the header has {width}"
        if end > line:  # an unclosed quote swallows the lines after it into one value
            reason += f"; lines {line}-{end} were read as one row: a double quote is not closed"
        elif extra:
            reason += "; a value with a comma in it must be in double quotes"
        return Skipped(line, reason)
    cell = {key: " ".join(row[index].split()) for key, index in columns.items()}
    name = " ".join(f"{cell.get('first', '')} {cell.get('last', '')}".split())
    if not name:
        return Skipped(line, "no name: First Name and Last Name are empty")
    connected = _date(cell.get("connected", ""))
    if connected is None:
        return Skipped(line, f"Connected On {cell['connected']!r} is not a date like 22 Dec 2025")
    fields: dict[str, object] = {
        "name": name,
        "title": cell.get("position", ""),
        "company": cell.get("company", ""),
        "source": "linkedin",
        "links": {"linkedin": cell.get("url", ""), "email": cell.get("email", "")},
        "status": "identified",
    }
    if connected:
        fields["log"] = [{"date": connected, "kind": "note", "note": "Connected on LinkedIn"}]
    return Incoming(line, fields, connected if isinstance(connected, date) else None)


def _date(text: str) -> date | str | None:
    """The date, "" when the cell is empty, None when it is not a date."""
    if not text:
        return ""
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None
