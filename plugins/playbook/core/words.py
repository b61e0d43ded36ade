"""The language the playbook writes in: gettext catalogues for its words, Babel's locale for
dates and numbers.

One language is active at a time, for the whole process: a build picks it from `theme.language`
(or the plugin's `language` option) before it reads the data, the command line from the profile's
`language:`. Every layer above asks this module for its words, so a page, the calendar and the
terminal never disagree. Worker processes forked by a build inherit it.

The catalogues are the `.po` files in `playbook/locale/<language>/LC_MESSAGES/messages.po`,
compiled in memory when a language is first used (about 10 ms): nothing to compile before a build,
from a clone, an editable install or a wheel alike. English is the source language: its
words are the message ids themselves.

The user's own words (names, research, questions, templates, notes) never pass through here.
"""

from __future__ import annotations

import functools
import gettext as gettext_module
import io
from dataclasses import dataclass
from pathlib import Path

from babel import Locale

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "messages"
SOURCE = "en"
# The languages with a catalogue, in the codes Babel and gettext use: English and each folder of
# locale/ with its messages.po, so a new catalogue is all a new language takes (README).
SHIPPED = (
    SOURCE,
    *sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")),
)
# Material's codes (theme.language) that name one of them in another way.
ALIASES = {"zh": "zh_Hans", "zh_CN": "zh_Hans", "zh_SG": "zh_Hans", "pt": "pt_BR"}


@dataclass(frozen=True)
class Language:
    """The words and the locale of one language."""

    code: str  # one of SHIPPED
    asked: str  # as the configuration wrote it ("de", "pt-BR", "it"); "" when it said nothing
    translations: gettext_module.NullTranslations
    locale: Locale

    @property
    def english(self) -> bool:
        return self.code == SOURCE

    @property
    def fell_back(self) -> bool:
        """Whether a language was asked for that has no catalogue (English stands in)."""
        return bool(self.asked) and self.english and shipped(self.asked) is None

    @property
    def rtl(self) -> bool:
        return self.locale.text_direction == "rtl"

    def fallback_notice(self) -> str:
        """The one message a build (or the command line) gives for a language it cannot write."""
        return (
            f"language {self.asked!r} has no catalogue: the playbook's own words stay English "
            f"(shipped: {', '.join(SHIPPED)}; README, 'Contributing a language')"
        )


def normalise(code: str) -> str:
    """`pt-BR` → `pt_BR`, `zh-hans` → `zh_Hans`: gettext's and Babel's spelling."""
    parts = code.strip().replace("-", "_").split("_")
    head, rest = parts[0].lower(), parts[1:]
    return "_".join([head, *(p.title() if len(p) == 4 else p.upper() for p in rest)])


def shipped(code: str) -> str | None:
    """The catalogue for a language code: itself, an alias (`zh` → `zh_Hans`), or its language
    without the region (`de_CH` → `de`); None when there is none."""
    found = normalise(code)
    if found in SHIPPED:
        return found
    if found in ALIASES:
        return ALIASES[found]
    base = found.split("_")[0]
    return base if base in SHIPPED and base != "zh" else None


@functools.cache
def language(asked: str = "") -> Language:
    """The language for a configured code ("" or an unshipped one: English)."""
    code = shipped(asked) if asked else SOURCE
    code = code or SOURCE
    return Language(code, asked, _translations(code), Locale.parse(code))


def _translations(code: str) -> gettext_module.NullTranslations:
    if code == SOURCE:
        return gettext_module.NullTranslations()
    # Imported here: an English build or command has no catalogue to read.
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with catalogue_path(code).open("rb") as po:
        catalog = read_po(po, locale=code, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext_module.GNUTranslations(compiled)


def catalogue_path(code: str) -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"


_active = language()


def use(asked: str | None) -> Language:
    """Make `asked` (a code like `de`; None or "" for English) the language of what follows."""
    global _active
    _active = language(asked or "")
    return _active


def active() -> Language:
    return _active


def gettext(message: str) -> str:
    return _active.translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _active.translations.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return _active.translations.pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    return _active.translations.npgettext(context, singular, plural, n)


def N_(message: str) -> str:
    """Marks a message for extraction where it is defined; `gettext` translates it where it is
    shown (a table of labels made at import time, before any language is chosen)."""
    return message


def N_plural(singular: str, plural: str) -> tuple[str, str]:
    """Marks a message with its plural for extraction (`-k N_plural:1,2`); `ngettext` picks the
    form where it is shown."""
    return singular, plural
