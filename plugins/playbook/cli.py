"""The `playbook` command: check the data and work with it outside of MkDocs."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from playbook import clock
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


@main.command()
@DATA_OPTION
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    default=Path("-"),
    show_default=True,
    help="The .ics file to write; - for standard output.",
)
@click.option(
    "--site-url",
    default=None,
    help="Address of the built site, for links to prep sheets (default: site_url in mkdocs.yml).",
)
def calendar(data_dir: Path, output: Path, site_url: str | None) -> None:
    """Write the calendar (conversations and what is due) as an iCalendar file, without building.

    It is the same file as site/calendar.ics: import it into any calendar app.

    \b
    Examples:
      playbook calendar -o interviews.ics
      PLAYBOOK_TODAY=2026-11-25 playbook calendar -o -
    """
    from playbook.ics import calendar_ics

    playbook = load_playbook(data_dir)
    base, directory_urls = _site_address(Path("mkdocs.yml"))
    content = calendar_ics(playbook, site_url or base, directory_urls=directory_urls)
    if str(output) == "-":
        click.echo(content.decode("utf-8"), nl=False)
        return
    output.write_bytes(content)
    click.echo(f"{output}: {content.count(b'BEGIN:VEVENT')} events", err=True)


def _site_address(config_file: Path) -> tuple[str, bool]:
    """site_url and use_directory_urls from mkdocs.yml, so links match the built site's."""
    import yaml

    class _Loader(yaml.SafeLoader):
        pass

    # mkdocs.yml may hold tags like !!python/name:...; their values do not matter here.
    _Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, yaml.YAMLError):
        return "/", True
    if not isinstance(config, dict):
        return "/", True
    return str(config.get("site_url") or "/"), config.get("use_directory_urls", True) is not False


if __name__ == "__main__":  # pragma: no cover
    main()
