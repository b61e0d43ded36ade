"""Nothing in the data becomes markup or code: a playbook full of hostile strings, built for real.

Every page, the search index and the page titles are read with a real HTML parser. Each hostile
string carries a marker (`alert(`, `evil.example`, `javascript:`...): a marker inside a tag, an
attribute or a script means the data became markup. Plain text must show as typed.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from helpers.project import ROOT, Built, make_project, mkdocs_build

HOSTILE = ROOT / "tests" / "fixtures" / "hostile" / "data"
MARKERS = ("alert(", "evil.example", "javascript:", "vbscript:", "data:text")


class Page(HTMLParser):
    """Every element with its attributes, the text of scripts, and the visible text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self.title = ""
        self._in: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, attrs))
        if tag in ("script", "style", "title"):
            self._in.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data: str) -> None:
        where = self._in[-1] if self._in else ""
        if where in ("script", "style"):
            self.scripts.append(data)
        elif where == "title":
            self.title += data
        else:
            self.text.append(data)

    @property
    def visible(self) -> str:
        return " ".join(" ".join(self.text).split())

    def injected(self) -> list[str]:
        """Elements, attributes and URLs that came from the hostile data."""
        found = []
        for tag, attrs in self.elements:
            for name, value in attrs:
                if name.startswith("on"):
                    found.append(f"<{tag} {name}=...>")
                # The Record controls' `data-pb-*` attributes hold data on purpose (a name for a
                # button's label), read by record.js as text only (the test below).
                if name.startswith("data-pb-"):
                    continue
                if any(m in (value or "").lower() for m in MARKERS):
                    found.append(f"<{tag} {name}={value!r}>")
        found += [f"<script>{s[:60]}" for s in self.scripts if any(m in s for m in MARKERS)]
        return found


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return mkdocs_build(make_project(tmp_path_factory.mktemp("hostile"), HOSTILE))


def pages(site: Path) -> dict[str, Page]:
    return {
        path.relative_to(site).as_posix(): Page(path.read_text(encoding="utf-8"))
        for path in sorted(site.rglob("*.html"))
    }


def data(rel: str) -> dict:
    return yaml.safe_load((HOSTILE / rel).read_text(encoding="utf-8"))


def test_no_page_has_an_element_attribute_or_url_from_the_data(hostile_site: Built) -> None:
    parsed = pages(hostile_site.site)
    assert "contacts/eve-hostile/index.html" in parsed
    injected = {uri: page.injected() for uri, page in parsed.items() if page.injected()}
    assert injected == {}


def test_plain_text_fields_show_exactly_what_was_typed(hostile_site: Built) -> None:
    eve, mallory, role = (
        data("contacts/eve-hostile.yml"),
        data("contacts/mallory-quote.yml"),
        data("roles/evil-role.yml"),
    )
    expectations = {
        "contacts/eve-hostile/index.html": [
            eve["name"],
            eve["title"],
            eve["company"],  # entities typed by hand stay entities, not markup
            eve["interview"]["where"],
            eve["log"][0]["note"],
            eve["questions"]["extra"][0],
            eve["questions"]["extra"][1]["text"],
            mallory["name"],
            role["title"],
        ],
        "contacts/mallory-quote/index.html": [mallory["title"], mallory["company"]],
        "roles/evil-role/index.html": [
            role["industry"],
            role["skills"][0]["name"],
            role["certifications"][0],
            *role["companies"],
        ],
        "checklists/index.html": data("checklists/before.yml")["items"],
        "index.html": [data("profile.yml")["headline"]],
    }
    parsed = pages(hostile_site.site)
    for uri, values in expectations.items():
        visible = parsed[uri].visible
        missing = [v for v in values if " ".join(v.split()) not in visible]
        assert missing == [], uri


def test_values_are_never_run_as_templates(hostile_site: Built) -> None:
    page = pages(hostile_site.site)["contacts/eve-hostile/index.html"]
    # In the notes (Markdown), the log (plain text) and a filled-in thank-you message.
    assert page.visible.count("{{ 7*7 }}") >= 4
    assert " 49 " not in f" {page.visible} "


def test_page_titles_and_tags_show_the_text_not_markup(hostile_site: Built) -> None:
    """Material writes page titles and tag names unescaped: <title>, header, tag chips."""
    parsed = pages(hostile_site.site)
    eve, mallory = data("contacts/eve-hostile.yml"), data("contacts/mallory-quote.yml")
    assert parsed["contacts/eve-hostile/index.html"].title.strip().startswith(eve["name"])
    assert parsed["contacts/mallory-quote/index.html"].title.strip().startswith(mallory["name"])
    eve_text = parsed["contacts/eve-hostile/index.html"].visible
    for tag in eve["tags"]:
        assert tag in eve_text
    tags_page = parsed["tags/index.html"]
    assert eve["name"] in tags_page.visible and mallory["tags"][0] in tags_page.visible


def test_search_index_holds_text_not_markup(hostile_site: Built) -> None:
    index = json.loads((hostile_site.site / "search" / "search_index.json").read_text())
    injected = []
    for doc in index["docs"]:
        for key in ("title", "text"):
            injected += Page(doc[key]).injected()
    assert injected == []
    titles = {Page(doc["title"]).visible for doc in index["docs"]}
    assert data("contacts/eve-hostile.yml")["name"] in titles


def test_markdown_fields_render_markdown_but_escape_html(hostile_site: Built) -> None:
    role_page = pages(hostile_site.site)["roles/evil-role/index.html"]
    tags = [tag for tag, _ in role_page.elements]
    assert "table" in tags and "code" in tags  # the summary's Markdown table and code
    assert "<div onclick=\"alert('summary-div')\">raw block html</div>" in role_page.visible
    eve = pages(hostile_site.site)["contacts/eve-hostile/index.html"]
    assert "<script>alert('research')</script>" in eve.visible


def test_allow_html_lets_raw_html_through_sanitised_in_markdown_fields_only(
    tmp_path: Path,
) -> None:
    built = mkdocs_build(make_project(tmp_path, HOSTILE, {"allow_html": True}))
    parsed = pages(built.site)
    role_page = parsed["roles/evil-role/index.html"]
    # The raw HTML is HTML now (a real div, not its text), but nothing in it can run.
    assert "raw block html" in role_page.visible
    assert "<div onclick" not in role_page.visible
    assert ("div", []) in role_page.elements
    injected = {uri: page.injected() for uri, page in parsed.items() if page.injected()}
    assert injected == {}
    eve = parsed["contacts/eve-hostile/index.html"]
    assert data("contacts/eve-hostile.yml")["name"] in eve.visible  # plain text stays text
    # Her research: no form to fake a login with (an input is at most a task list's disabled
    # checkbox); links absolute http(s), mailto and tel, or within the site, never `//host`.
    html = (built.site / "contacts/eve-hostile/index.html").read_text(encoding="utf-8")
    research = Page(html[html.index('id="research"') :].split("<h2", 1)[0])
    assert "Sign in" in research.visible
    forms = {"form", "button", "select", "option", "textarea", "fieldset", "output"}
    assert not forms & {tag for tag, _ in research.elements}
    inputs = [dict(attrs) for tag, attrs in research.elements if tag == "input"]
    assert inputs and all(i["type"] == "checkbox" and "disabled" in i for i in inputs), inputs
    hrefs = [dict(attrs).get("href") for tag, attrs in research.elements if tag == "a"]
    ok = ["https://ok.test/", "mailto:me@ok.test", "tel:+15550100", "/roles/", "#top"]
    assert [h for h in hrefs if h] == ["#research", *ok]


def test_a_vcard_note_with_a_script_stays_dead_even_with_allow_html(tmp_path: Path) -> None:
    """An address book is someone else's data: importing it must not put script in the site."""
    from helpers.imports import fresh_playbook, run

    data_dir = fresh_playbook(tmp_path)
    card = tmp_path / "evil.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ivy Imported\r\nN:Imported;Ivy;;;\r\n"
        "NOTE:Met at a fair <img src=x onerror=alert('vcard')> "
        "<a href=\"javascript:alert('vcard-link')\">site</a>\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    assert run("import", "vcard", card, "--data", data_dir).exit_code == 0
    project = data_dir.parent
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "playbook" in plugin:
            plugin["playbook"] = {**(plugin["playbook"] or {}), "allow_html": True}
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    built = mkdocs_build(project)
    [sheet] = [page for uri, page in pages(built.site).items() if "ivy-imported" in uri]
    assert "Met at a fair" in sheet.visible
    assert sheet.injected() == []
    assert not [tag for tag, _ in sheet.elements if tag == "img"]


def test_the_public_build_shows_hostile_names_as_text(tmp_path: Path) -> None:
    built = mkdocs_build(make_project(tmp_path, HOSTILE), env={"PLAYBOOK_PROFILE": "public"})
    parsed = pages(built.site)
    injected = {uri: page.injected() for uri, page in parsed.items() if page.injected()}
    assert injected == {}
    mallory = data("contacts/mallory-quote.yml")
    assert any(mallory["name"] in page.visible for page in parsed.values())


def test_the_record_controls_put_data_into_the_page_as_text_only() -> None:
    """What lets `data-pb-*` attributes hold data: the script that reads them never makes markup
    of a string (it builds elements, and gives text as textContent)."""
    script = (ROOT / "plugins/playbook/pages/assets/record.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in script
    assert 'if (name === "text") node.textContent = attributes[name];' in script
