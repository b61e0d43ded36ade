"""The day-to-day commands: record what happened (`log`, `schedule`, `status`, `learned`,
`edit`, each a change to one contact's file made by `writeback`) and see what is next (`today`,
`upcoming`)."""

from __future__ import annotations

import json
import sys
import typing
from datetime import datetime
from pathlib import Path

import click

from playbook.cli import agenda
from playbook.cli.support import (
    DATA_OPTION,
    DRY_RUN,
    data_folder,
    load_playbook,
    served_address,
    shown,
    today_in,
)
from playbook.core.model import FINDING_KINDS, STATUSES, LogKind, Medium
from playbook.core.problems import DataError, Problem
from playbook.logic import schedule
from playbook.pages import ics
from playbook.pages.addresses import page_uri
from playbook.record import changes, writeback
from playbook.record.apply import MakeChange, Refused, apply
from playbook.record.writeback import WriteBackError


def _report(error: DataError, then: str) -> typing.NoReturn:
    """Every problem as FILE:LINE:COLUMN, then what happened; exit 1."""
    click.echo(error.report(), err=True)
    click.echo(then, err=True)
    sys.exit(1)


def write_back(
    data_dir: Path,
    contact_id: str,
    make: MakeChange,
    *,
    dry_run: bool,
    force: bool = False,
    stop: bool = True,
) -> bool:
    """Make a change to one contact's file through `record.apply`, and say what it did.
    Refused: exit 1 having written nothing, or with `stop=False` (an import changing several
    files) say why and return False, so the other files still get their change."""
    try:
        outcome = apply(
            data_folder(data_dir).resolve(),
            Path.cwd(),
            contact_id,
            make,
            today_in,
            dry_run=dry_run,
            force=force,
        )
    except Refused as refused:
        if stop:
            _report(refused.error, refused.then)
        click.echo(refused.report(), err=True)
        return False
    except changes.BadValue as error:
        hint = f"'{error.field.upper()}'"
        raise click.BadParameter(str(error).partition(": ")[2], param_hint=hint) from None
    except WriteBackError as error:
        if stop:
            raise click.ClickException(str(error)) from None
        click.echo(f"Error: {error}", err=True)
        return False
    if outcome.change is None:
        click.echo(f"{outcome.file}: nothing to change, it already says so")
        return True
    if dry_run:
        click.echo(outcome.diff, nl=False)
    for line in outcome.change.lines():
        click.echo(line)
    if dry_run:
        click.echo("Dry run: nothing written.")
    _mention(outcome.elsewhere)
    return True


def _mention(elsewhere: list[Problem]) -> None:
    if elsewhere:
        count = len(elsewhere)
        click.echo(
            f"Note: {count} problem{'s' if count != 1 else ''} in other files, there before this "
            "change (playbook validate lists them); the change was checked as far as they allow.",
            err=True,
        )


CONTACT_ID = click.argument("contact_id", metavar="ID")
FORCE = click.option("--force", is_flag=True, help="Replace the file even if it is read-only.")


@click.command("log")
@CONTACT_ID
@click.argument("kind", type=click.Choice(typing.get_args(LogKind)), metavar="KIND")
@click.argument("note", required=False, default="")
@click.option(
    "--date",
    "day",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="The day it happened.  [default: today]",
)
@click.option("--keep-status", is_flag=True, help="Leave the status as it is.")
@DATA_OPTION
@DRY_RUN
@FORCE
def log_command(
    contact_id: str,
    kind: str,
    note: str,
    day: datetime | None,
    keep_status: bool,
    data_dir: Path,
    dry_run: bool,
    force: bool,
) -> None:
    """Record what happened with a contact in its log.

    KIND is outreach, reply, scheduled, interview, thank-you, follow-up, referral or note; the
    entry is dated today unless --date says otherwise. The status moves forward when the kind
    implies it, and never back: outreach → contacted, scheduled → scheduled, interview →
    interviewed, thank-you → thanked, follow-up → following-up. The same entry twice is written
    once.

    \b
    Examples:
      playbook log dana-ruiz outreach "LinkedIn note mentioning Mark Cho"
      playbook log dana-ruiz thank-you --date 2026-12-03
      playbook log dana-ruiz note "Sent her the article she mentioned" --keep-status --dry-run
    """
    make = changes.log(kind, note, day.date() if day else None, keep_status=keep_status)
    write_back(data_dir, contact_id, make, dry_run=dry_run, force=force)


@click.command("schedule")
@CONTACT_ID
@click.argument("when")
@click.option("--minutes", type=int, help="How long.  [default: the profile's interview_minutes]")
@click.option("--medium", type=click.Choice(typing.get_args(Medium)), help="How you meet.")
@click.option("--where", help="Where, or how to join.")
@DATA_OPTION
@DRY_RUN
@FORCE
def schedule_command(
    contact_id: str,
    when: str,
    minutes: int | None,
    medium: str | None,
    where: str | None,
    data_dir: Path,
    dry_run: bool,
    force: bool,
) -> None:
    """Book a conversation with a contact.

    Sets the interview, logs scheduled and moves the status to scheduled. WHEN is an ISO
    date-time; without an offset it is in the profile's time zone. Rebooking keeps the minutes,
    medium and place you do not give again.

    \b
    Examples:
      playbook schedule dana-ruiz 2026-12-02T15:30 --minutes 20 --medium video --where Zoom
      playbook schedule dana-ruiz 2026-12-03T10:00-06:00     (moved; the rest stays)
    """
    make = changes.schedule(when, minutes, medium, where)
    write_back(data_dir, contact_id, make, dry_run=dry_run, force=force)


@click.command("status")
@CONTACT_ID
@click.argument("status", type=click.Choice(STATUSES), metavar="STATUS")
@DATA_OPTION
@DRY_RUN
@FORCE
def status_command(
    contact_id: str, status: str, data_dir: Path, dry_run: bool, force: bool
) -> None:
    """Set a contact's status, forward or back.

    STATUS is identified, contacted, scheduled, interviewed, thanked, following-up or closed:
    for closing a contact, or opening one again.

    \b
    Examples:
      playbook status ben-okafor closed
      playbook status grace-liu contacted --dry-run
    """
    write_back(data_dir, contact_id, changes.status(status), dry_run=dry_run, force=force)


@click.command("learned")
@CONTACT_ID
@click.argument("kind", type=click.Choice(FINDING_KINDS), metavar="KIND")
@click.argument("text")
@click.option("--note", default="", help="Why it matters, in their words.")
@click.option("--role", default=None, metavar="ROLE", help="The id of the role it is about.")
@DATA_OPTION
@DRY_RUN
@FORCE
def learned_command(
    contact_id: str,
    kind: str,
    text: str,
    note: str,
    role: str | None,
    data_dir: Path,
    dry_run: bool,
    force: bool,
) -> None:
    """Add what a contact told you to their findings (`learned`).

    KIND is skill, certification, tool, company, opening, advice or resource; TEXT is the thing
    itself. --role names the role it is about (else the contact's first role). The same finding
    twice is written once.

    \b
    Examples:
      playbook learned dana-ruiz skill "Campaign analytics" --note "Every hire presents one"
      playbook learned dana-ruiz opening "Junior account executive" --role brand-marketing
    """
    make = changes.learned(kind, text, note, role)
    write_back(data_dir, contact_id, make, dry_run=dry_run, force=force)


@click.command("edit")
@CONTACT_ID
@DATA_OPTION
@DRY_RUN
@FORCE
def edit_command(contact_id: str, data_dir: Path, dry_run: bool, force: bool) -> None:
    """Edit a contact's file; only a valid version replaces it.

    You edit a copy in $VISUAL (else $EDITOR). When you close the editor the whole playbook is
    checked with your version; a problem is shown as FILE:LINE:COLUMN and you choose to edit
    again or discard. Your version is written only when it is valid, and only if the file was
    not changed meanwhile.

    \b
    Examples:
      playbook edit dana-ruiz
      EDITOR=nano playbook edit dana-ruiz
    """
    root = Path.cwd()
    data = data_folder(data_dir).resolve()
    try:
        contact_file = writeback.open_contact(data, contact_id, root)
        if not dry_run:  # said before you spend time in the editor, as editors do
            writeback.refuse_read_only(contact_file, force=force)
        edited = writeback.edit_until_valid(
            contact_file,
            data,
            root,
            today_in,
            open_editor=lambda path: click.edit(filename=str(path)),
            again=_edit_again,
        )
    except writeback.WriteBackError as error:
        raise click.ClickException(str(error)) from None
    if edited is None:
        click.echo(f"{contact_file.rel}: no change; nothing written")
        return
    if dry_run:
        click.echo(writeback.diff(contact_file, edited.text), nl=False)
        click.echo("Dry run: nothing written.")
        edited.remove()
        return
    try:
        writeback.save(contact_file, edited.text, force=force)
    except writeback.WriteBackError as error:
        raise click.ClickException(f"{error}; your version is kept in {edited.path}") from None
    except BaseException:
        click.echo(f"Your version is kept in {edited.path}", err=True)
        raise
    edited.remove()
    click.echo(f"wrote {contact_file.rel}")
    _mention(edited.elsewhere)


def _edit_again(error: DataError) -> bool:
    click.echo(error.report(), err=True)
    answer = click.prompt(
        "Edit again (e) or discard your changes (d)?",
        type=click.Choice(["e", "d"]),
        default="e",
        show_choices=False,
        err=True,
    )
    return bool(answer == "e")


JSON_OPTION = click.option("--json", "as_json", is_flag=True, help="Print JSON, for scripts.")


@click.command("today")
@JSON_OPTION
@DATA_OPTION
def today_command(as_json: bool, data_dir: Path) -> None:
    """What is due today, overdue first.

    Each action with the contact, why, when it is due and the command that records it done.

    \b
    Examples:
      playbook today
      PLAYBOOK_TODAY=2026-11-25 playbook today --json
    """
    playbook = load_playbook(data_dir)
    if as_json:
        click.echo(json.dumps(agenda.today_json(playbook), indent=2, ensure_ascii=False))
    else:
        click.echo(agenda.today_text(playbook))


@click.command("upcoming")
@click.option(
    "--days",
    type=click.IntRange(1, 3660),
    default=schedule.UPCOMING_DAYS,
    show_default=True,
    help="How far ahead.",
)
@click.option(
    "--site-url",
    default=None,
    help="Address of the site, for prep sheet links (default: site_url in mkdocs.yml, else "
    "the make serve address).",
)
@JSON_OPTION
@DATA_OPTION
def upcoming_command(days: int, site_url: str | None, as_json: bool, data_dir: Path) -> None:
    """The coming conversations, with their prep sheets.

    Soonest first, each with its time, length, medium, place and prep sheet's address.

    \b
    Examples:
      playbook upcoming
      playbook upcoming --days 7 --json
    """
    playbook = load_playbook(data_dir)
    site = served_address(Path("mkdocs.yml"))

    def page_url(contact_id: str) -> str:
        return ics.page_url(site_url or site.base, site.path(page_uri("contact", contact_id)))

    if as_json:
        found = agenda.upcoming_json(
            playbook, days, page_url, lambda cid: shown(data_dir / "contacts" / f"{cid}.yml")
        )
        click.echo(json.dumps(found, indent=2, ensure_ascii=False))
    else:
        click.echo(agenda.upcoming_text(playbook, days, page_url))


COMMANDS = [
    log_command,
    schedule_command,
    status_command,
    learned_command,
    edit_command,
    today_command,
    upcoming_command,
]
