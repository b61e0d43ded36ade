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
    from playbook.schema import write_schemas

    for path in write_schemas(out_dir):
        click.echo(path)


if __name__ == "__main__":  # pragma: no cover
    main()
