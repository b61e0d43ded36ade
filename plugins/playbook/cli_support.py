"""What the `playbook` commands share: the --data and --dry-run options, the playbook loaded or
its problems listed, paths as the user would type them, today, and the site's address."""

from __future__ import annotations

import sys
from datetime import date, tzinfo
from pathlib import Path
from typing import Any

import click

from playbook import clock
from playbook.importers.intake import display_path
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
DRY_RUN = click.option("--dry-run", is_flag=True, help="Print what would happen; write nothing.")


def data_folder(data_dir: Path) -> Path:
    if not data_dir.is_dir():
        raise click.ClickException(
            f"{data_dir} is not a folder; run this where mkdocs.yml is, or pass --data"
        )
    return data_dir


def load_playbook(data_dir: Path) -> Playbook:
    """The linked playbook, or exit 1 with every problem listed (no traceback)."""
    data = data_folder(data_dir).resolve()
    try:
        return link(load_documents(data, Path.cwd()), today_in)
    except DataError as error:
        click.echo(error.report(), err=True)
        sys.exit(1)


def today_in(tz: tzinfo | None) -> date:
    """Today in the time zone `tz`; a bad PLAYBOOK_TODAY is said in a line."""
    try:
        return clock.today(tz=tz)
    except clock.ClockError as error:
        raise click.ClickException(str(error)) from None


def shown(path: Path) -> str:
    """A path as the user would type it from here."""
    return display_path(path, Path.cwd())


SERVE_ADDRESS = "127.0.0.1:8000"  # `make serve`'s, and MkDocs' own default dev_addr


def site_address(config_file: Path) -> tuple[str, bool]:
    """site_url and use_directory_urls from mkdocs.yml, so links match the built site's."""
    config = _site_config(config_file)
    return _site_url(config) or "/", _directory_urls(config)


def served_address(config_file: Path) -> tuple[str, bool]:
    """Where you read your prep sheets: site_url, else the address `mkdocs serve` serves on."""
    config = _site_config(config_file)
    served = f"http://{config.get('dev_addr') or SERVE_ADDRESS}/"
    return _site_url(config) or served, _directory_urls(config)


def _site_url(config: dict[str, Any]) -> str:
    return str(config.get("site_url") or "")


def _directory_urls(config: dict[str, Any]) -> bool:
    return config.get("use_directory_urls", True) is not False


def _site_config(config_file: Path) -> dict[str, Any]:
    """mkdocs.yml as a mapping; empty when there is none or it cannot be read."""
    import yaml

    class _Loader(yaml.SafeLoader):
        pass

    # mkdocs.yml may hold tags like !!python/name:...; their values do not matter here.
    _Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, yaml.YAMLError):
        return {}
    return config if isinstance(config, dict) else {}
