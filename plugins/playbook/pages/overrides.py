"""The plugin's overrides of Material's partials: what axe-core finds in the theme, fixed where
the theme writes it.

Each override includes Material's own partial (under the `material/` prefix this module adds to
the theme's template loader) and changes one thing, so it keeps up with the theme's next version
instead of freezing a copy of it:

- `partials/search.html`: the search dialog gets a name (axe: aria-dialog-name);
- `partials/tags.html`: the tags of a page are a navigation landmark named "Tags"
  (axe: landmark-unique, beside the table of contents and the site navigation);
- `partials/header.html`: the header's search and menu icons are buttons, not labels, so a
  keyboard reaches them at phone width, where they are the only way into search and the
  navigation (assets/accessible.js makes a button do what clicking the label did).

A theme folder of the user's own (`theme.custom_dir`) still comes first.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import jinja2
from markupsafe import Markup, escape
from mkdocs.theme import Theme

from playbook.pages.script_words import script_words

OVERRIDES = Path(__file__).parent / "overrides"
# `<label class="md-header__button md-icon" for="__search">` and the same for `__drawer`.
HEADER_TOGGLE = re.compile(
    r'<label class="md-header__button md-icon" for="(__search|__drawer)">(.*?)</label>', re.S
)


def is_material(theme: Theme) -> bool:
    return theme.name == "material"


def add_to(theme: Theme) -> None:
    """Put the overrides in the theme's folders: after the user's own, before Material's."""
    folder = str(OVERRIDES)
    if folder not in theme.dirs:
        theme.dirs.insert(1 if theme.custom_dir else 0, folder)


def extend(env: jinja2.Environment) -> None:
    """Let the overrides reach Material's own partials, and give them their one filter. (Each
    build has an environment of its own: MkDocs makes it anew from the theme.)"""
    # The scripts' words in this build's language (script_words.py): every page carries them.
    env.globals["pb_words"] = script_words()
    if "pb_toggle_buttons" in env.filters:
        return
    original = Path(str(resources.files("material"))) / "templates"
    prefixed = jinja2.PrefixLoader({"material": jinja2.FileSystemLoader(str(original))})
    env.loader = jinja2.ChoiceLoader([env.loader, prefixed] if env.loader else [prefixed])
    env.filters["pb_toggle_buttons"] = toggle_buttons


def toggle_buttons(html: str, names: dict[str, str]) -> Markup:
    """The header's toggle labels as buttons, named for screen readers (`names`: the toggle's
    id, like `__search`, to its name)."""

    def button(match: re.Match[str]) -> str:
        toggle, inside = match.group(1), match.group(2)
        name = escape(names.get(toggle, ""))
        return (
            f'<button type="button" class="md-header__button md-icon pb-toggle" '
            f'data-pb-toggle="{toggle}" aria-label="{name}" title="{name}">{inside}</button>'
        )

    return Markup(HEADER_TOGGLE.sub(button, str(html)))
