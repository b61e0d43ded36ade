"""The words the plugin's scripts show (assets/tables.js, assets/unlock.js), in the page's
language.

Each script is written with its own English words. A page in another language carries their
translations as JSON in `<script type="application/json" id="pb-words">`, which the scripts read
in place of their own; an English page carries nothing, and stays as it always was. A count
("12 people") comes with one form per plural category of the language (CLDR's: one, few, many,
other...), which the script picks with the browser's Intl.PluralRules. The contacts table's
statuses are shown translated; its filter keeps the YAML's values in the address
(`?status=scheduled`), from the list of statuses in pipeline order.
"""

from __future__ import annotations

import functools
import json

from markupsafe import Markup

from playbook.core import words
from playbook.core.model import STATUSES
from playbook.core.words import N_, N_plural

WORDS = {
    # tables.js
    "filterTable": N_("Filter the table"),
    "filter": N_("Filter"),
    "placeholder": N_("Name, company or status"),
    "status": N_("Status"),
    "allStatuses": N_("All statuses"),
    "table": N_("Table"),
    "scrolls": N_("%(name)s: table, scrolls sideways"),
    # unlock.js
    "locked": N_("This playbook is encrypted. Its passphrase opens it."),
    "again": N_(
        "The playbook was built again since you unlocked it: enter the passphrase once more."
    ),
    "working": N_("Unlocking…"),
    "wrong": N_("That passphrase does not open this playbook. Check it and try again."),
    "changed": N_(
        "This page was changed after it was built, so it is not shown. Build the playbook again "
        "and upload it whole."
    ),
    "insecure": N_(
        "This browser decrypts only on a secure connection: open the playbook over https (or from "
        "localhost)."
    ),
    "failed": N_("This page could not be opened here: "),
}


COUNTS = {
    "people": N_plural("%(num)s person", "%(num)s people"),
    "peopleOf": N_plural("%(shown)s of %(num)s person", "%(shown)s of %(num)s people"),
}


def script_words() -> Markup:
    """The `pb-words` element for the active language; nothing in English."""
    return _script_words(words.active().code)


@functools.cache
def _script_words(code: str) -> Markup:
    language = words.language(code)
    if language.english:
        return Markup("")
    found: dict[str, object] = {
        key: language.translations.gettext(message) for key, message in WORDS.items()
    }
    plural = language.locale.plural_form
    samples: dict[str, int] = {}
    for n in range(0, 200):
        samples.setdefault(plural(n), n)
    for key, (singular, plural_form) in COUNTS.items():
        found[key] = {
            category: language.translations.ngettext(singular, plural_form, n)
            for category, n in samples.items()
        }
    found["statuses"] = list(STATUSES)
    text = json.dumps(found, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
    return Markup('<script type="application/json" id="pb-words">{}</script>').format(Markup(text))
