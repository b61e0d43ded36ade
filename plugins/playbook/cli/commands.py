"""The `playbook` command: check the data and work with it outside of MkDocs.

The day-to-day commands (`log`, `schedule`, `status`, `edit`, `today`, `upcoming`) are in
`daily.py`; what every command shares (--data, loading the playbook) in `support.py`."""

from __future__ import annotations

import errno
import re
import sys
import typing
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from playbook.cli import daily as cli_daily
from playbook.cli import inbound, pdf, scaffold
from playbook.cli.exporters import vcard as vcard_out
from playbook.cli.importers import intake
from playbook.cli.importers.filters import Filters
from playbook.cli.importers.linkedin import read_connections
from playbook.cli.importers.vcard import read_vcards
from playbook.cli.support import (
    DATA_OPTION,
    DRY_RUN,
    PROGRESS_FROM,
    checked_text,
    data_folder,
    load_playbook,
    progress,
    shown,
    site_address,
)
from playbook.core.model import ContactSource
from playbook.core.problems import DataError, did_you_mean, quote
from playbook.core.text import SLUG
from playbook.logic import checks
from playbook.pages import ics
from playbook.record.writer import (
    MAX_ID,
    WriteError,
    check_contact,
    contact_id,
    contact_yaml,
    create_new,
    failure,
    id_from,
    replace_file,
)


def output_options(default: str, what: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """`-o FILE` (or `-o -` for standard output) and `--force`, for commands that export."""

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        command = click.option(
            "--force", is_flag=True, help="Replace the output file if it exists."
        )(command)
        return click.option(
            "-o",
            "--output",
            type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
            default=Path(default),
            show_default=True,
            help=f"{what[0].upper()}{what[1:]} to write; - writes to standard output.",
        )(command)

    return decorate


def write_output(output: Path, text: str, *, force: bool) -> bool:
    """Write an export to `output`, or print it for `-`; True when a file was written.

    An existing file is replaced only with --force, and then all or nothing."""
    if str(output) == "-":
        click.echo(text, nl=False)
        return False
    if output.exists() and not force:
        raise click.ClickException(f"{shown(output)} exists; pass --force to replace it")
    if output.is_symlink() or (output.exists() and not output.is_file()):
        # --force replaces a file; renaming over a link or a device would replace that instead.
        raise click.ClickException(
            f"{shown(output)} is not a plain file; write to a file, or to - for standard output"
        )
    (replace_file if force else create_new)(output, text)
    return True


class _EveryCommand(click.Group):
    """A group whose --help lists the commands inside its groups too (`import linkedin`), so
    `playbook --help` shows everything there is."""

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name, command in sorted(self.commands.items()):
            if isinstance(command, click.Group):
                for sub_name, sub in sorted(command.commands.items()):
                    rows.append((f"{name} {sub_name}", sub.get_short_help_str(60)))
            else:
                rows.append((name, command.get_short_help_str(60)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        """Any command: a write or read the system refuses ends in one line saying which file
        and what to do, not a traceback. (Write-back says it itself, with what it kept.)"""
        try:
            return super().invoke(ctx)
        except WriteError as error:
            raise click.ClickException(
                f"cannot write {shown(error.path)}: {failure(error.error)}; nothing written"
            ) from None
        except OSError as error:
            if error.errno == errno.EPIPE:  # `playbook ... | head`: click ends quietly
                raise
            where = f" {shown(Path(error.filename))}" if error.filename else ""
            raise click.ClickException(f"cannot use{where}: {failure(error)}") from None


@click.group(cls=_EveryCommand, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="interview-playbook")
def main() -> None:
    """Interview Playbook: prepare informational interviews from YAML files.

    Run it in the folder that holds mkdocs.yml and data/.

    \b
    Examples:
      playbook new my-playbook
      playbook import linkedin Connections.csv --dry-run
      playbook validate
      playbook today
      playbook log dana-ruiz thank-you
    """


@main.command()
@DATA_OPTION
@click.option(
    "--strict", is_flag=True, help="Exit 1 on a warning that fails `mkdocs build --strict` too."
)
def validate(data_dir: Path, strict: bool) -> None:
    """Check every data file; exit 1 listing each problem as FILE:LINE:COLUMN: FIELD: message.

    Message templates are also filled in for every contact they fit. One that cannot be filled
    in for some contacts (a role they do not have yet) is a warning, not a problem: the site
    still builds, and their prep sheets say how to fix it. With --strict, a template that breaks
    a rule for every contact (as `mkdocs build --strict` counts it) exits 1.

    \b
    Examples:
      playbook validate
      playbook validate --strict
      playbook validate --data tests/fixtures/pm-switch/data
    """
    playbook = load_playbook(data_dir)
    reviews = checks.Reviewer().review(playbook)
    failing = checks.template_warnings(playbook, reviews)
    warnings = [*checks.unfilled(playbook, reviews), *failing]
    for line in warnings:
        click.echo(f"warning: {line}", err=True)
    verdict = "all good" if not warnings else f"{len(warnings)} warning{'s' * (len(warnings) != 1)}"
    click.echo(
        f"{data_dir}: {len(playbook.contacts)} contacts, {len(playbook.roles)} roles, "
        f"{len(playbook.questions)} questions, {len(playbook.templates)} templates: {verdict}"
    )
    if strict and failing:
        sys.exit(1)


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def new(directory: Path) -> None:
    """Create a fresh playbook in DIRECTORY.

    DIRECTORY must be new or empty. It gets mkdocs.yml, data/ with one example of each kind of
    file, content/ with the guide, a Makefile and .gitignore, and builds as it is.

    \b
    Examples:
      playbook new my-playbook
      cd my-playbook && make serve
    """
    try:
        written = scaffold.create(directory)
    except scaffold.NotEmpty as error:
        raise click.ClickException(str(error)) from None
    for path in written:
        click.echo(f"wrote {shown(path)}")
    click.echo(
        f"Next: put yourself in {shown(directory / 'data' / 'profile.yml')}, then "
        f"cd {shown(directory)} && make serve"
    )


@main.group()
def add() -> None:
    """Add a new file to the playbook (never replaces one).

    \b
    Examples:
      playbook add contact "Dana Ruiz" --company "Brightside Agency"
    """


@add.command("contact")
@click.argument("name")
@click.option("--company", default="", help="Where they work.")
@click.option("--title", default="", help="Their job title.")
@click.option(
    "--role", "roles", multiple=True, help="Id of a role to ask them about; repeat for more."
)
@click.option(
    "--source",
    type=click.Choice(typing.get_args(ContactSource)),
    default="other",
    show_default=True,
    help="How you found them.",
)
@click.option("--linkedin", default="", help="Their LinkedIn profile address.")
@click.option("--email", default="", help="Their email address.")
@click.option("--id", "doc_id", default=None, help="The file name to use (default: from NAME).")
@DATA_OPTION
def add_contact(
    name: str,
    company: str,
    title: str,
    roles: tuple[str, ...],
    source: str,
    linkedin: str,
    email: str,
    doc_id: str | None,
    data_dir: Path,
) -> None:
    """Write a new contact file and print its path.

    The file is data/contacts/ID.yml, ID made from the name; status identified. An existing
    file is never replaced.

    \b
    Examples:
      playbook add contact "Dana Ruiz" --company "Brightside Agency" --title "Marketing Director"
      playbook add contact "Ana Lima" --role brand-marketing --role content-marketing
      playbook add contact "Dana Ruiz" --id dana-ruiz-acme --data my-playbook/data
    """
    contacts = data_folder(data_dir) / "contacts"
    doc_id = doc_id or id_from(name)
    if not SLUG.fullmatch(doc_id):
        raise click.ClickException(
            f"{doc_id!r} is not an id; pass --id with lowercase words joined by hyphens"
        )
    if len(doc_id) > MAX_ID:
        raise click.ClickException(
            f"--id is {len(doc_id)} characters long; an id has at most {MAX_ID}, pass a shorter one"
        )
    path = contacts / f"{doc_id}.yml"
    if path.exists():
        taken = {p.name.split(".")[0] for p in contacts.iterdir()}
        raise click.ClickException(
            f"{shown(path)} already exists; edit it, or pass --id {contact_id(doc_id, taken)}"
        )
    _require_roles(data_dir, roles)
    fields = {
        "name": name,
        "title": title,
        "company": company,
        "roles": list(roles),
        "source": source,
        "links": {"linkedin": linkedin, "email": email},
        "status": "identified",
    }
    text = contact_yaml(fields)
    try:
        check_contact(text, shown(path), doc_id)
    except DataError as error:
        problems = "; ".join(f"{p.field}: {p.message} ({p.hint})" for p in error.problems)
        raise click.ClickException(f"not added: {problems}") from None
    contacts.mkdir(exist_ok=True)
    try:
        create_new(path, text)
    except FileExistsError:
        raise click.ClickException(f"{shown(path)} already exists; nothing written") from None
    click.echo(f"wrote {shown(path)}")


SOURCE_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


def _require_roles(data_dir: Path, roles: tuple[str, ...]) -> None:
    known_roles = sorted(p.stem for p in (data_dir / "roles").glob("*.yml"))
    for role in roles:
        if role not in known_roles:
            raise click.ClickException(f"no role {quote(role)}; {did_you_mean(role, known_roles)}")


@main.group(name="import")
def import_() -> None:
    """Bring in contacts, invites and mail from other places.

    linkedin and vcard add new people (only new people get a file; nothing is replaced);
    invite and mail record what happened with people you have, through the same write-back
    as playbook schedule and playbook log.

    \b
    Examples:
      playbook import linkedin Connections.csv --dry-run
      playbook import vcard contacts.vcf
      playbook import invite ~/Downloads/invite.ics
      playbook import mail ~/Mail/Inbox --since 2026-11-01
    """


def _run_import(
    read: Callable[[Path], Sequence[intake.Incoming | intake.Skipped | intake.Notice]],
    source: Path,
    data_dir: Path,
    dry_run: bool,
    filters: Filters,
) -> None:
    contacts = data_folder(data_dir) / "contacts"
    _require_roles(data_dir, filters.roles)
    try:
        people = list(read(source))
    except intake.NotThisFormat as error:
        raise click.ClickException(f"{error}; nothing written") from None
    except OSError as error:
        raise click.ClickException(f"cannot read {source}: {error.strerror}") from None
    with progress(people, "Checking rows") as rows:
        outcome = intake.plan(rows, contacts, Path.cwd(), shown(source), filters)
    if not dry_run:
        if len(outcome.added) >= PROGRESS_FROM:
            _step(f"Writing {len(outcome.added):,} files...")
        intake.write(outcome)
    click.echo(intake.summary(outcome, Path.cwd(), dry_run=dry_run))


def _step(message: str) -> None:
    """One line on standard error for each step of a long command, only on a terminal."""
    if sys.stderr.isatty():
        click.echo(message, err=True)


class _Regex(click.ParamType):  # type: ignore[type-arg]  # generic in new clicks only
    """A regular expression, searched anywhere in the value and ignoring case."""

    name = "REGEX"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> re.Pattern[str]:
        if isinstance(value, re.Pattern):
            return value
        try:
            return re.compile(value, re.IGNORECASE)
        except re.error as error:
            self.fail(
                f"{quote(value)} is not a regular expression ({error}); write it like "
                "'Acme|Globex', or put a backslash before ( ) [ ] . * + ? to match them as text",
                param,
                ctx,
            )


def _tags(ctx: click.Context, param: click.Parameter, tags: tuple[str, ...]) -> tuple[str, ...]:
    """--tag values the contact model takes (checked by it, so the rules live in one place)."""
    try:
        check_contact(contact_yaml({"name": "tagged", "tags": list(tags)}), "--tag", "tagged")
    except DataError as error:
        raise click.BadParameter("; ".join(p.message for p in error.problems)) from None
    return tags


def import_options(*, since: bool) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The filters an import takes (`--since` only where the source has the date) and the
    roles and tags it gives every new contact."""

    options = [
        click.option("--company", type=_Regex(), help="Only people whose company matches."),
        click.option("--title", type=_Regex(), help="Only people whose title matches."),
        click.option(
            "--role",
            "roles",
            multiple=True,
            metavar="ID",
            help="A role to ask each new contact about; repeat for more.",
        ),
        click.option(
            "--tag",
            "tags",
            multiple=True,
            callback=_tags,
            help="A tag for each new contact; repeat.",
        ),
    ]
    if since:
        options.insert(
            2,
            click.option(
                "--since",
                type=click.DateTime(formats=["%Y-%m-%d"]),
                metavar="YYYY-MM-DD",
                help="Only people you connected with on or after this day.",
            ),
        )

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        # Applied from the last to the first, so --help lists them in this order.
        for option in reversed([*options, DATA_OPTION, DRY_RUN]):
            command = option(command)
        return command

    return decorate


@import_.command("linkedin")
@click.argument("connections", type=SOURCE_FILE)
@import_options(since=True)
def import_linkedin(
    connections: Path,
    company: re.Pattern[str] | None,
    title: re.Pattern[str] | None,
    since: datetime | None,
    roles: tuple[str, ...],
    tags: tuple[str, ...],
    data_dir: Path,
    dry_run: bool,
) -> None:
    """Add your LinkedIn connections (Connections.csv, or the export's zip).

    Get it from LinkedIn: Settings & Privacy → Data privacy → Get a copy of your data →
    Connections. Each new person becomes data/contacts/ID.yml with status identified, source
    linkedin, their profile address, company, title, email if shared, and the day you connected.
    People already in data/contacts (same LinkedIn address, else same name and company) are
    skipped and listed. --company, --title and --since keep only the people who match all of
    them; the summary counts the rows they left out.

    \b
    Examples:
      playbook import linkedin Connections.csv --dry-run
      playbook import linkedin ~/Downloads/Basic_LinkedInDataExport.zip
      playbook import linkedin Connections.csv --company 'northwind|brightside' --since 2025-01-01
      playbook import linkedin Connections.csv --title brand --role brand-marketing --tag cpg
    """
    filters = Filters(company, title, since.date() if since else None, roles, tags)
    _run_import(read_connections, connections, data_dir, dry_run, filters)


@import_.command("vcard")
@click.argument("vcf", type=SOURCE_FILE)
@import_options(since=False)
def import_vcard(
    vcf: Path,
    company: re.Pattern[str] | None,
    title: re.Pattern[str] | None,
    roles: tuple[str, ...],
    tags: tuple[str, ...],
    data_dir: Path,
    dry_run: bool,
) -> None:
    """Add the people in a vCard file (versions 2.1, 3.0, 4.0).

    For files exported from a phone, address book or mail client. Same rules as the LinkedIn
    import: new files only, duplicates skipped and listed, and the same --company, --title,
    --role and --tag (a vCard has no date you connected, so no --since).

    \b
    Examples:
      playbook import vcard contacts.vcf --dry-run
      playbook import vcard contacts.vcf --data my-playbook/data
      playbook import vcard contacts.vcf --company acme --tag met-at-fair
    """
    _run_import(read_vcards, vcf, data_dir, dry_run, Filters(company, title, None, roles, tags))


for inbound_command in inbound.COMMANDS:
    import_.add_command(inbound_command)


@main.group(name="export")
def export() -> None:
    """Write the playbook's contacts in other formats.

    \b
    Examples:
      playbook export vcard -o contacts.vcf
    """


@export.command("vcard")
@output_options("contacts.vcf", "the vCard file")
@DATA_OPTION
def export_vcard(output: Path, force: bool, data_dir: Path) -> None:
    """Write every contact to a vCard 4.0 file.

    For phones and address books: name, company, title, email, phone, LinkedIn and web
    addresses, notes and tags.

    \b
    Examples:
      playbook export vcard -o contacts.vcf
      playbook export vcard -o - | less
    """
    playbook = load_playbook(data_dir)
    text = vcard_out.export(playbook.contacts.values())
    if write_output(output, text, force=force):
        click.echo(f"wrote {shown(output)} ({len(playbook.contacts)} contacts)")


@main.command("pdf")
@click.option("--contact", "contacts", multiple=True, metavar="ID", help="A contact's id; repeat.")
@click.option("--upcoming", is_flag=True, help="The week's pack: a cover, then each sheet.")
@click.option(
    "--paper", type=click.Choice(sorted(pdf.PAPER_FORMATS)), default="a4", show_default=True
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="PDF to write."
)
@click.option(
    "-f",
    "--config-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("mkdocs.yml"),
    show_default=True,
)
def pdf_command(
    contacts: tuple[str, ...], upcoming: bool, paper: str, output: Path | None, config_file: Path
) -> None:
    """Print prep sheets to a PDF with your system's Chromium (nothing is downloaded).

    \b
    Examples:
      playbook pdf --upcoming                  the next 7 days: prep-sheets-upcoming.pdf
      playbook pdf --contact dana-ruiz         one sheet: dana-ruiz.pdf
      playbook pdf --contact dana-ruiz --contact nina-patel --paper letter -o week.pdf
    """
    if not contacts and not upcoming:
        raise click.UsageError("say what to print: --upcoming, or --contact ID (repeatable)")
    if not config_file.is_file():
        raise click.ClickException(
            f"{config_file} not found; run this where mkdocs.yml is, or pass -f"
        )
    if output is None:
        if not contacts:
            output = Path("prep-sheets-upcoming.pdf")
        else:
            output = Path(
                f"{contacts[0]}.pdf" if len(contacts) == 1 and not upcoming else "prep-sheets.pdf"
            )
    try:
        printed = pdf.make_pdf(
            config_file,
            output,
            contacts=list(contacts),
            upcoming=upcoming,
            paper=paper,
            progress=_step,
        )
    except pdf.PdfError as error:
        raise click.ClickException(str(error)) from None
    pages = f"{printed.pages} page{'s' if printed.pages != 1 else ''}"
    click.echo(f"{printed.path}: {pages}, {printed.title}")


@main.command()
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("schemas"),
    show_default=True,
    help="Folder to write the schemas into.",
)
def schema(out_dir: Path) -> None:
    """Write a JSON Schema for each kind of data file, for editors to check YAML as you type.

    \b
    Point a data file at its schema with a first line like:
      # yaml-language-server: $schema=../../schemas/contact.schema.json
    """
    from playbook.core.schema import write_schemas

    for path in write_schemas(out_dir):
        click.echo(path)


@main.command()
@output_options("calendar.ics", "the .ics file")
@click.option(
    "--site-url",
    default=None,
    help="Address of the built site, for links to prep sheets (default: site_url in mkdocs.yml).",
)
@DATA_OPTION
def calendar(output: Path, force: bool, site_url: str | None, data_dir: Path) -> None:
    """Write conversations and what is due as an iCalendar file, without building the site.

    The same file as the build's site/calendar.ics: import it into any calendar app.

    \b
    Examples:
      playbook calendar -o interviews.ics
      PLAYBOOK_TODAY=2026-11-25 playbook calendar -o -
    """
    playbook = load_playbook(data_dir)
    site = site_address(Path("mkdocs.yml"))
    text = ics.calendar_ics(
        playbook, site_url or site.base, site.sheets(playbook.contacts)
    ).decode()
    if write_output(output, text, force=force):
        click.echo(f"wrote {shown(output)} ({text.count('BEGIN:VEVENT')} events)")


for command in cli_daily.COMMANDS:
    main.add_command(command)
checked_text(main)

__all__ = ["load_playbook", "main"]  # load_playbook: for tests and scripts that want the data


if __name__ == "__main__":  # pragma: no cover
    main()
