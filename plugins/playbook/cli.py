"""The `playbook` command: check the data and work with it outside of MkDocs."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from playbook import clock, pdf
from playbook.link import Playbook, link
from playbook.load import load_documents
from playbook.problems import DataError

DATA_OPTION = click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("data"),
    show_default=True,
    help="The playbook's data folder.",
)


def load_playbook(data_dir: Path) -> Playbook:
    """The linked playbook, or exit 1 with every problem listed (no traceback)."""
    root = Path.cwd()
    if not data_dir.is_dir():
        raise click.ClickException(
            f"{data_dir} is not a folder; run this where mkdocs.yml is, or pass --data"
        )
    try:
        return link(load_documents(data_dir.resolve(), root), lambda tz: clock.today(tz=tz))
    except DataError as error:
        click.echo(error.report(), err=True)
        sys.exit(1)
    except clock.ClockError as error:
        raise click.ClickException(str(error)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="interview-playbook")
def main() -> None:
    """Interview Playbook: prepare informational interviews from YAML files.

    Run it in the folder that holds mkdocs.yml and data/.
    """


@main.command()
@DATA_OPTION
def validate(data_dir: Path) -> None:
    """Check every data file; exit 1 listing each problem as FILE:LINE:COLUMN: FIELD: message.

    \b
    Examples:
      playbook validate
      playbook validate --data tests/fixtures/pm-switch/data
    """
    playbook = load_playbook(data_dir)
    click.echo(
        f"{data_dir}: {len(playbook.contacts)} contacts, {len(playbook.roles)} roles, "
        f"{len(playbook.questions)} questions, {len(playbook.templates)} templates: all good"
    )


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
            config_file, output, contacts=list(contacts), upcoming=upcoming, paper=paper
        )
    except pdf.PdfError as error:
        raise click.ClickException(str(error)) from None
    pages = f"{printed.pages} page{'s' if printed.pages != 1 else ''}"
    click.echo(f"{printed.path}: {pages}, {printed.title}")


if __name__ == "__main__":  # pragma: no cover
    main()
