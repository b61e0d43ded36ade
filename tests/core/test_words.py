"""The playbook's words and dates in each shipped language: the catalogues are complete and
current, a configured language finds its catalogue, and dates are Babel's for the locale while
English stays exactly as it was written before Babel wrote it."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest
from babel import Locale
from babel.dates import format_skeleton, format_time, get_datetime_format
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from helpers.project import ROOT
from playbook.core import dates, numbers, words
from playbook.core.labels import LABELS, label

LOCALE = ROOT / "plugins" / "playbook" / "locale"
TRANSLATED = [code for code in words.SHIPPED if code != words.SOURCE]
PLACEHOLDER = re.compile(r"%\(\w+\)s|%%")
TAG = re.compile(r"</?\w+[^>]*>")


def catalogue(code: str):  # type: ignore[no-untyped-def]
    with words.catalogue_path(code).open("rb") as po:
        return read_po(po, locale=code)


def template():  # type: ignore[no-untyped-def]
    with (LOCALE / "messages.pot").open("rb") as pot:
        return read_po(pot)


def keys(messages) -> set[tuple[object, str | None]]:  # type: ignore[no-untyped-def]
    return {(m.id, m.context) for m in messages if m.id}


def test_the_committed_template_has_every_message_the_code_and_templates_mark(
    tmp_path: Path,
) -> None:
    fresh = tmp_path / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
         "-k", "C_:1c,2", "-k", "N_plural:1,2", "-o", str(fresh), "."],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )  # fmt: skip
    with fresh.open("rb") as pot:
        extracted = keys(read_po(pot))
    assert len(extracted) > 350
    assert extracted == keys(template()), "run `make messages` and translate what is new"


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_catalogue_translates_every_message_keeping_placeholders_and_tags(
    code: str,
) -> None:
    found = catalogue(code)
    assert keys(found) == keys(template()), "run `make messages`"
    assert found.num_plurals == get_plural(code).num_plurals
    problems = []
    for message in found:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            problems.append(("untranslated", ids[0]))
            continue
        if isinstance(message.id, tuple) and len(strings) != found.num_plurals:
            problems.append(("plural forms", ids[0]))
        wanted, tags = set(PLACEHOLDER.findall(ids[-1])), sorted(TAG.findall(ids[-1]))
        for string in strings:
            got = set(PLACEHOLDER.findall(string))
            # A plural form may leave the count out ("one person"), never add a placeholder.
            if got != wanted and not (len(ids) > 1 and got <= wanted):
                problems.append(("placeholders", ids[0], string))
            if sorted(TAG.findall(string)) != tags:
                problems.append(("HTML tags", ids[0], string))
    problems += [("babel", m.id, e) for m, e in found.check()]
    assert problems == []


def test_a_configured_language_finds_its_catalogue() -> None:
    found = {code: words.shipped(code) for code in ("de", "de-CH", "pt-BR", "pt", "zh", "ar")}
    assert found == {
        "de": "de",
        "de-CH": "de",
        "pt-BR": "pt_BR",
        "pt": "pt_BR",
        "zh": "zh_Hans",  # Material's code
        "ar": "ar",
    }
    assert words.shipped("zh-Hant") is None  # traditional script: not the simplified catalogue
    assert words.shipped("it") is None


def test_a_language_without_a_catalogue_is_english_and_says_so() -> None:
    italian = words.use("it")
    assert italian.english and italian.fell_back
    assert "'it' has no catalogue" in italian.fallback_notice()
    assert words.gettext("Question plan") == "Question plan"
    assert not words.use("de").fell_back and not words.use("").fell_back


def test_words_follow_the_active_language() -> None:
    assert words.gettext("Question plan") == "Question plan"
    words.use("de")
    assert words.gettext("Question plan") == "Fragenplan"
    assert label("status", "scheduled") == "terminiert"
    assert label("status", "no-such-status") == "no-such-status"
    assert words.ngettext("%(num)s person", "%(num)s people", 1) % {"num": 1} == "1 Person"
    words.use("ar")
    forms = {n: words.ngettext("%(num)s person", "%(num)s people", n) % {"num": n} for n in (2, 5)}
    assert forms == {2: "شخصان (2)", 5: "5 أشخاص"}
    words.use(None)
    assert label("status", "scheduled") == "scheduled"


def test_every_label_of_the_yaml_values_is_in_the_catalogue() -> None:
    german = catalogue("de")
    for group, values in LABELS.items():
        for message in values.values():
            assert german.get(message, context=group) is not None, (group, message)


def old_english(value: date, style: str) -> str:
    """How the playbook wrote dates before Babel did (strftime in the C locale)."""
    day = f"{value:%a} {value.day} {value:%b %Y}"
    short = f"{value:%a} {value.day} {value:%b}"
    clock = f"{value:%H:%M}" if isinstance(value, datetime) else ""
    return {
        "day": day,
        "short_day": short,
        "day_month": f"{value.day} {value:%b}",
        "day_month_year": f"{value.day} {value:%b %Y}",
        "clock": clock,
        "moment": f"{short}, {clock}",
        "day_and_time": f"{day}, {clock}",
    }[style]


def test_english_dates_are_written_exactly_as_before_babel_wrote_them() -> None:
    chicago = timezone(timedelta(hours=-6))
    for offset in range(0, 366 * 2, 3):  # every weekday of every month, two years
        moment = datetime.combine(date(2026, 1, 1) + timedelta(days=offset), time(0, 5)).replace(
            tzinfo=chicago
        ) + timedelta(minutes=37 * offset)
        for style in ("day", "short_day", "day_month", "day_month_year"):
            assert dates.written(moment.date(), style) == old_english(moment.date(), style)
        for style in ("clock", "moment", "day_and_time"):
            assert dates.written(moment, style) == old_english(moment, style)
    assert dates.when(datetime(2026, 12, 2, 15, 30, tzinfo=chicago)) == (
        "Wed 2 Dec 2026, 15:30 (UTC−06:00)"
    )
    assert numbers.percent(2 / 3) == "67%"


@pytest.mark.parametrize("code", TRANSLATED)
def test_other_languages_write_dates_and_times_as_their_locale_does(code: str) -> None:
    words.use(code)
    locale = Locale.parse(code)
    moment = datetime(2026, 12, 2, 15, 30, tzinfo=timezone(timedelta(hours=-6)))
    day = format_skeleton("yMMMEd", moment, locale=locale)
    clock = format_time(moment, "short", locale=locale)
    assert dates.day(moment) == day
    assert dates.clock(moment) == clock
    assert dates.day_and_time(moment) == get_datetime_format("medium", locale=locale).format(
        clock, day
    )
    assert dates.when(moment).endswith(" (UTC−06:00)")


def test_german_and_arabic_dates_read_as_people_write_them() -> None:
    moment = datetime(2026, 12, 2, 15, 30, tzinfo=timezone.utc)
    words.use("de")
    assert dates.day_and_time(moment) == "Mi., 2. Dez. 2026, 15:30"
    assert numbers.percent(0.4) == "40\xa0%"
    words.use("ar")
    assert dates.day_and_time(moment) == "الأربعاء، 2 ديسمبر 2026، 3:30 م"  # 12 hours in Arabic


RECORD_JS = ROOT / "plugins" / "playbook" / "pages" / "assets" / "record.js"
# record.js's literals that are names, not words a person reads.
TECHNICAL = {
    *("Content-Type", "X-Playbook-Token", "DOMContentLoaded", "Enter", "CODE", "use strict"),
    *("md-button pb-button pb-record-button", "article.md-content__inner"),
}
WORDY = re.compile(r"^[A-Z][a-z]|[A-Za-z]+[ ,.:;?!]+[A-Za-z]")


def record_js_english() -> tuple[dict[str, str], str]:
    """record.js's ENGLISH table, and the script without it and its comments."""
    source = RECORD_JS.read_text(encoding="utf-8")
    table = re.search(r"\n  var ENGLISH = \{\n(.*?)\n  \};\n", source, re.S)
    assert table, "record.js keeps its words in `var ENGLISH = {...};`"
    english = dict(re.findall(r'^\s+(\w+): "((?:[^"\\]|\\.)*)",$', table.group(1), re.M))
    rest = source.replace(table.group(0), "\n")
    rest = re.sub(r"/\*.*?\*/", "", rest, flags=re.S)
    return english, re.sub(r"//[^\n]*", "", rest)


def test_record_js_shows_only_words_of_the_script_words_table() -> None:
    from playbook.pages.script_words import RECORD_WORDS

    english, rest = record_js_english()
    assert english == RECORD_WORDS
    literals = re.findall(r"\"((?:[^\"\\]|\\.)*)\"|'((?:[^'\\]|\\.)*)'|`([^`]*)`", rest)
    shown = {text for found in literals for text in found if WORDY.search(text)} - TECHNICAL
    assert not shown, f"record.js shows words that are not in RECORD_WORDS: {sorted(shown)}"


def test_the_record_words_come_translated_with_the_menus_labels() -> None:
    from playbook.pages.script_words import record_words

    words.use("de")
    try:
        german = record_words()
    finally:
        words.use("")
    assert german["done"] == "Erledigt" and german["log"] == "Eintragen"
    assert german["labels"]["statuses"]["scheduled"] == "terminiert"  # type: ignore[index]
    assert record_words() == {}  # English: the script's own words
