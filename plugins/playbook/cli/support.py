"""What the `playbook` commands share: the --data and --dry-run options, the playbook loaded or
its problems listed, paths as the user would type them, today, and the site's address."""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sys
import typing
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Any

import click
import yaml

from playbook.cli.importers.intake import display_path
from playbook.core import clock, words
from playbook.core.problems import DataError
from playbook.core.sources import load_documents
from playbook.core.text import not_text
from playbook.logic.playbook import Playbook, make_playbook
from playbook.pages.addresses import address, page_uri

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
    speak(data)
    try:
        return make_playbook(load_documents(data, Path.cwd()), today_in, now_in)
    except DataError as error:
        click.echo(error.report(), err=True)
        sys.exit(1)


def speak(data: Path) -> None:
    """Write in the profile's `language:` (English when unset): read on its own, before the
    playbook, so that even the problems that stop it loading are reported in it. A language with
    no catalogue is English, said once on standard error."""
    asked = ""
    try:
        profile = yaml.safe_load((data / "profile.yml").read_text(encoding="utf-8"))
        if isinstance(profile, dict) and isinstance(profile.get("language"), str):
            asked = profile["language"]
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        pass  # the playbook's own loading says what is wrong with the file
    language = words.use(asked)
    if language.fell_back:
        click.echo(f"Note: {language.fallback_notice()}", err=True)


def now_in(tz: tzinfo | None) -> datetime:
    """The moment of the command in the time zone `tz` (clock.now)."""
    try:
        return clock.now(tz=tz)
    except clock.ClockError as error:
        raise click.ClickException(str(error)) from None


def today_in(tz: tzinfo | None) -> date:
    """Today in the time zone `tz`; a bad PLAYBOOK_TODAY is said in a line."""
    try:
        return clock.today(tz=tz)
    except clock.ClockError as error:
        raise click.ClickException(str(error)) from None


# Items: a smaller import is over before a progress bar is worth drawing.
PROGRESS_FROM = 200
T = typing.TypeVar("T")


def progress(items: Sequence[T], label: str) -> typing.ContextManager[typing.Iterable[T]]:
    """click's progress bar on standard error when it is a terminal; nothing when piped."""
    if len(items) < PROGRESS_FROM or not sys.stderr.isatty():
        return contextlib.nullcontext(items)
    return click.progressbar(items, label=label, file=sys.stderr)


def shown(path: Path) -> str:
    """A path as the user would type it from here."""
    return display_path(path, Path.cwd())


SERVE_ADDRESS = "127.0.0.1:8000"  # `make serve`'s, and MkDocs' own default dev_addr


@dataclass(frozen=True)
class SiteAddress:
    """Where the built site's pages are, as MkDocs places them (its own `File` rules)."""

    base: str  # site_url, "/" or the serve address
    directory_urls: bool  # use_directory_urls: contacts/dana-ruiz/ or contacts/dana-ruiz.html

    def path(self, uri: str) -> str:
        """The URL path under the site of the page made from `uri` (addresses.page_uri)."""
        return address(uri, directory_urls=self.directory_urls).url

    def file(self, uri: str) -> str:
        """The same page's file under site/."""
        return address(uri, directory_urls=self.directory_urls).dest

    def url(self, uri: str) -> str:
        return self.base.rstrip("/") + "/" + self.path(uri)

    def sheets(self, contact_ids: Iterable[str]) -> dict[str, str]:
        """Contact id → the path of their prep sheet."""
        return {cid: self.path(page_uri("contact", cid)) for cid in contact_ids}


def site_address(config_file: Path) -> SiteAddress:
    """site_url and use_directory_urls from mkdocs.yml, so links match the built site's."""
    config = site_config(config_file)
    return SiteAddress(str(config.get("site_url") or "/"), _directory_urls(config))


def served_address(config_file: Path) -> SiteAddress:
    """Where you read your prep sheets: site_url, else the address `mkdocs serve` serves on."""
    config = site_config(config_file)
    address = config.get("dev_addr")
    served = f"http://{address.host}:{address.port}/" if address else f"http://{SERVE_ADDRESS}/"
    return SiteAddress(str(config.get("site_url") or served), _directory_urls(config))


def _directory_urls(config: Mapping[str, Any]) -> bool:
    return config.get("use_directory_urls", True) is not False


def site_config(config_file: Path) -> Mapping[str, Any]:
    """mkdocs.yml as MkDocs reads it (`INHERIT:`, `!ENV`, defaults); empty when there is none or
    it cannot be read (then the commands fall back to MkDocs' defaults)."""
    if not config_file.is_file():
        return {}
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    quiet = logging.getLogger("mkdocs")
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        return load_config(str(config_file))
    except (ConfigurationError, OSError, SystemExit):
        return {}
    finally:
        quiet.setLevel(level)


def checked_text(command: click.Command) -> None:
    """Give every text argument of `command` (and of the commands in it) a check that refuses
    what no data file can hold, naming the argument, before the command runs: a NUL or other
    control character, or bytes that are not UTF-8. File names are not checked: one may hold
    any byte the file system allows."""
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            checked_text(sub)
    for param in command.params:
        if not isinstance(param.type, click.Path):
            param.callback = _checking(param.callback)


Callback = Callable[[click.Context, click.Parameter, Any], Any]


def _checking(callback: Callback | None) -> Callback:
    def check(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        texts = value if isinstance(value, (tuple, list)) else [value]
        for text in texts:
            text = text.pattern if isinstance(text, re.Pattern) else text
            wrong = not_text(text) if isinstance(text, str) else None
            if wrong is not None:
                raise click.BadParameter(wrong, ctx, param)
        return callback(ctx, param, value) if callback else value

    return check
