"""The example built in every shipped language (theme.language, as a user sets it): no English
word of the catalogue is left on a generated page, dates are Babel's for the locale, Arabic is
right to left; an unshipped language is English with one build message, and the plugin's
`language` option speaks for a site whose theme is another language.

What counts as "left in English": a piece of a catalogue message (the text between its
placeholders and tags) found whole on a generated page. Pieces that are the same in a language
("Pipeline" in German, the YAML's own field names in <code>) are listed below, per language, and
the list is checked against the catalogue. Pieces found in the example's data files are not
looked for: the user's own words are never translated, and the example is written in English.
"""

from __future__ import annotations

import html
import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from babel import Locale
from babel.dates import format_skeleton, format_time, get_datetime_format
from babel.messages.pofile import read_po

from helpers.project import EXAMPLE_DATA, TODAY, Built, build_in_language
from playbook.core import words

# Material's code (theme.language) → the catalogue's, for every catalogue shipped.
MATERIAL = {"zh_Hans": "zh"}
LANGUAGES = {
    MATERIAL.get(code, code.replace("_", "-")): code for code in words.SHIPPED if code != "en"
}
# The same in every language: names, and the YAML's own words shown as code.
EVERYWHERE = {
    "LinkedIn",
    "LinkedIn Premium",
    "calendar.ics",
    "data/roles/",
    "weekly_outreach_goal",
    *("alumni", "companies", "contact", "contact.first_name", "introducer", "learned"),
    *("profile", "role"),
}
SAME = {
    "de": {"Medium", "Name", "Passphrase", "Pipeline", "Status", "Tags", "Trends", "Website"},
    "fr": {
        *("Certification", "Certifications", "certifications", "Contact", "Contacts", "contacts"),
        *("Date", "Messages", "Minutes", "minute", "minutes", "Note", "Notes", "note"),
        *("Pipeline", "Question", "Questions"),
    },
    "es": {"Roles"},
    "pt_BR": {"Status", "extra"},
    "zh_Hans": set(),
    "ar": set(),
}
PLACEHOLDER_OR_TAG = re.compile(r"%\(\w+\)s|<[^>]+>")
# Pages the plugin writes (not the hand-written guide, nor the theme's tags page).
NOT_OURS = ("guide/", "tags/", "search/", "404.html")


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    """Each language's build, made when first asked for."""

    class Lazy(dict[str, Built]):
        def __missing__(self, language: str) -> Built:
            built = build_in_language(tmp_path_factory.mktemp(language), language, "--strict")
            self[language] = built
            return built

    return Lazy()


def fragments(message: str) -> list[str]:
    pieces = PLACEHOLDER_OR_TAG.split(message.replace("%%", "%"))
    found = [" ".join(p.split()).strip(" ,.;:()“”") for p in pieces]
    return [f for f in found if len(f) >= 4 and re.search(r"[A-Za-z]{2}", f)]


def whole(piece: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(piece) + r"(?!\w)")


def visible_text(page: str) -> str:
    """The page's words as a reader gets them: its article, the SVG titles and descriptions
    included, without scripts (the scripts' words are in pb-words, translated)."""
    if "<article" in page:
        page = page[page.index("<article") : page.index("</article>")]
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def english_left(site: Path, code: str) -> dict[str, list[str]]:
    """Each piece of a catalogue message still in English on a generated page, and where."""
    with words.catalogue_path(code).open("rb") as po:
        catalogue = read_po(po, locale=code)
    data = " ".join(p.read_text(encoding="utf-8") for p in EXAMPLE_DATA.rglob("*") if p.is_file())
    texts = {
        str(p.relative_to(site)): visible_text(p.read_text(encoding="utf-8"))
        for p in site.rglob("*.html")
        if not str(p.relative_to(site)).startswith(NOT_OURS)
    }
    texts["calendar.ics"] = (site / "calendar.ics").read_text(encoding="utf-8")
    # Addresses are no words (a prep sheet's, /contacts/dana-ruiz/, in the calendar).
    texts = {name: re.sub(r"\S*/\S*", " ", text) for name, text in texts.items()}
    same = EVERYWHERE | SAME.get(code, set())
    left: dict[str, list[str]] = {}
    for message in catalogue:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        for piece in (f for i in ids if i for f in fragments(i)):
            if piece in same or piece in data:
                continue
            pattern = whole(piece)
            where = [name for name, text in texts.items() if pattern.search(text)]
            if where:
                left[piece] = where[:3]
    return left


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_english_word_of_the_catalogue_is_left_on_a_generated_page(
    sites: dict[str, Built], language: str
) -> None:
    code = LANGUAGES[language]
    assert english_left(sites[language].site, code) == {}


@pytest.mark.parametrize("code", LANGUAGES.values())
def test_the_words_listed_as_the_same_are_the_same_in_the_catalogue(code: str) -> None:
    with words.catalogue_path(code).open("rb") as po:
        catalogue = read_po(po, locale=code)
    same = set()
    for message in catalogue:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        plain = [" ".join(PLACEHOLDER_OR_TAG.split(s)) for s in strings if s]
        for piece in (f for i in ids if i for f in fragments(i)):
            if any(whole(piece).search(s) for s in plain):
                same.add(piece)
    assert same == EVERYWHERE | SAME.get(code, set()), "list the words the same in it in SAME"


def test_the_check_finds_english_left_on_an_english_site(sites: dict[str, Built]) -> None:
    """The check above can fail: on the English site it finds the dashboard's words."""
    left = english_left(sites["en"].site, "de")
    assert {"Upcoming conversations", "Question plan", "Weekly activity"} <= set(left)


@pytest.mark.parametrize("language", LANGUAGES)
def test_dates_and_times_are_written_by_babel_for_the_locale(
    sites: dict[str, Built], language: str
) -> None:
    locale = Locale.parse(LANGUAGES[language])
    built = sites[language]
    today = format_skeleton("yMMMEd", TODAY, locale=locale)
    assert today in visible_text(built.page(""))  # "As of Wed 25 Nov 2026"
    # Dana's conversation, on her card: 2 December 2026, 15:30 in Chicago.
    starts = datetime(2026, 12, 2, 15, 30, tzinfo=ZoneInfo("America/Chicago"))
    clock = format_time(starts, "short", locale=locale)
    day = format_skeleton("yMMMEd", starts, locale=locale)
    when = get_datetime_format("medium", locale=locale).format(clock, day)
    card = visible_text(built.page("contacts/dana-ruiz/"))
    assert when in card
    assert html.escape(when, quote=False) in built.page("contacts/dana-ruiz/")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_page_says_its_language_and_direction(sites: dict[str, Built], language: str) -> None:
    page = sites[language].page("contacts/dana-ruiz/")
    opening = re.search(r"<html[^>]*>", page)
    # Material writes `pt` for pt-BR.
    assert opening is not None and f'lang="{language.split("-")[0]}"' in opening.group(0)
    assert ('dir="rtl"' in page) == (language == "ar")
    # The scripts get the language's words; an English page carries none.
    assert 'id="pb-words"' in page
    assert 'id="pb-words"' not in sites["en"].page("contacts/dana-ruiz/")


def test_the_calendar_speaks_the_language_too(sites: dict[str, Built]) -> None:
    calendar = (sites["de"].site / "calendar.ics").read_text(encoding="utf-8")
    assert "SUMMARY:Informationsgespräch: Dana Ruiz (Brightside Agency)" in calendar
    assert "X-WR-CALNAME:Sarah Lee: Informationsgespräche" in calendar


def test_a_language_without_a_catalogue_is_english_with_one_build_message(
    tmp_path: Path,
) -> None:
    built = build_in_language(tmp_path, "it", "--strict")  # INFO, not a warning: --strict builds
    assert built.output.count("language 'it' has no catalogue") == 1
    page = built.page("contacts/dana-ruiz/")
    assert 'lang="it"' in page  # the theme speaks Italian
    assert ">Question plan<" in page  # the playbook, English
    assert "Wed 2 Dec 2026, 15:30" in page


def test_the_plugins_language_option_speaks_for_a_theme_in_another_language(
    tmp_path: Path,
) -> None:
    built = build_in_language(tmp_path, "en", language="de")
    page = built.page("contacts/dana-ruiz/")
    assert 'lang="en"' in page  # the theme's
    assert ">Fragenplan<" in page and "Mi., 2. Dez. 2026, 15:30" in page


def test_a_build_in_another_language_renders_every_page_again(tmp_path: Path) -> None:
    """The cache keeps pages, and the template reviews, by what they are made from: the language
    is part of it."""
    german = build_in_language(tmp_path, "de")
    assert ">Fragenplan<" in german.page("contacts/dana-ruiz/")
    assert "Eine Betreffzeile" in german.page("templates/outreach-email/")
    english = build_in_language(tmp_path, "en")  # the same project and cache, now in English
    assert ">Question plan<" in english.page("contacts/dana-ruiz/")
    assert "Fragenplan" not in english.page("contacts/dana-ruiz/")
    assert "Fragenplan" not in (english.site / "search" / "search_index.json").read_text()
    assert "Betreffzeile" not in english.page("templates/outreach-email/")
    assert "A subject line" in english.page("templates/outreach-email/")
