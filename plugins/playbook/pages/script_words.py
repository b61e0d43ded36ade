"""The words the plugin's scripts show (assets/tables.js, assets/unlock.js, assets/record.js), in
the page's language.

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
from playbook.core.labels import C_, LABELS
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


# record.js: the Record controls, which only `mkdocs serve` sends. Their words come with the
# controls' facts (builder/write_api.py), not on every page: a built site has no controls. They
# are a context of their own: the panel's "Log" is a verb, the prep sheet's "Log" a heading.
RECORD_WORDS = {
    "done": C_("record", "Done"),
    "doneWithNote": C_("record", "Done, with a note"),
    "save": C_("record", "Save"),
    "saveNote": C_("record", "Save the note: %(about)s"),
    "note": C_("record", "Note"),
    "about": C_("record", "%(button)s: %(about)s"),
    "logKind": C_("record", "Log %(kind)s"),
    "setStatus": C_("record", "Set %(status)s"),
    "set": C_("record", "Set"),
    "setStatusOf": C_("record", "Set the status of %(name)s"),
    "status": C_("record", "Status"),
    "statusOf": C_("record", " of %(name)s"),
    "notRecorded": C_("record", "Not recorded; the file is as it was."),
    "recorded": C_("record", "Recorded. "),
    "alreadyRecorded": C_("record", "Already recorded. "),
    "changeTo": C_("record", "The change to %(file)s"),
    "answered": C_("record", "the preview answered %(status)s"),
    "noAnswer": C_("record", "the preview did not answer: is mkdocs serve still running?"),
    "record": C_("record", "Record"),
    "logTitle": C_("record", "Log what happened"),
    "log": C_("record", "Log"),
    "kind": C_("record", "Kind"),
    "date": C_("record", "Date"),
    "scheduleTitle": C_("record", "Book or move the conversation"),
    "book": C_("record", "Book"),
    "when": C_("record", "When (%(timezone)s)"),
    "minutes": C_("record", "Minutes"),
    "medium": C_("record", "Medium"),
    "asBooked": C_("record", "as booked"),
    "where": C_("record", "Where"),
    "statusTitle": C_("record", "Set the status"),
    "setStatusButton": C_("record", "Set status"),
    "learnedTitle": C_("record", "Add what you learned"),
    "add": C_("record", "Add"),
    "what": C_("record", "What"),
    "role": C_("record", "Role (its id)"),
    "notesTitle": C_("record", "Your notes, into the log"),
    "saveAsNote": C_("record", "Save as a note"),
    "notes": C_("record", "Notes"),
}
# The menus' values as shown (the request keeps the YAML's value): record.js's group of each.
RECORD_LABELS = {"kinds": "log", "statuses": "status", "media": "medium", "findings": "finding"}


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


def record_words() -> dict[str, object]:
    """record.js's words and menu labels in the active language; none in English."""
    return _record_words(words.active().code)


@functools.cache
def _record_words(code: str) -> dict[str, object]:
    language = words.language(code)
    if language.english:
        return {}
    found: dict[str, object] = {
        key: language.translations.pgettext("record", message)
        for key, message in RECORD_WORDS.items()
    }
    found["labels"] = {
        menu: {
            value: language.translations.pgettext(group, message)
            for value, message in LABELS[group].items()
        }
        for menu, group in RECORD_LABELS.items()
    }
    return found
