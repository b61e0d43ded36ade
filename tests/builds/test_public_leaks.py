"""Proof, not hope: every byte and every file name of a public build, and of an encrypted one, is
scanned for every private value of its data; the same scan run on the private build finds them
(so the scan is known to work), and so does it on the encrypted build opened with its passphrase
(so the encrypted build holds them all, sealed, rather than leaving them out).

What counts as private, and how values are matched, is set out in leaks.py.
"""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

from benchmarks.generate import generate_data

from helpers.core import playbook_of
from helpers.hosting import Published
from helpers.leaks import Value, private_values, published_by_choice, scan, split_values
from helpers.project import EXAMPLE_DATA, ROOT, Built, make_project, mkdocs_build
from helpers.sealed import ENCRYPTED, PASSPHRASE, address, opened_site, write_opened
from playbook.builder import lock, seal
from playbook.pages import catalogue

# Fields a private build shows only sometimes: a contact's school only as "alumni of" the user's
# own, the thank-you detail only inside a thank-you message. The profile's email shows nowhere,
# nor do the imports' bookkeeping (an email's Message-ID, an invite's UID); all are still scanned.
SOMETIMES_SHOWN = {"school", "thank_you_detail", "email", "log.message_id", "interview.uid"}
# Every kind of value the generated contacts have, each of which the scan must find in a private
# build: were one kind never found, the scan would be blind to it.
EVERY_KIND = {
    "id",
    "name",
    "title",
    "company",
    "links.linkedin",
    "links.email",
    "links.phone",
    "links.phone (digits)",
    "links.website",
    "interview.where",
    "interview.when",
    "research",
    "notes",
    "log.note",
    "referrals",
    "tags",
    "questions.extra",
    "questions.extra.text",
    # What people told you.
    "learned.skill",
    "learned.certification",
    "learned.tool",
    "learned.company",
    "learned.opening",
    "learned.advice",
    "learned.resource",
    "learned.note",
}


def kind(value: Value) -> str:
    return value.source.split(": ", 1)[1]


def private_of(data: Path) -> list[Value]:
    published = published_by_choice(data, ROOT / "content", ROOT / "mkdocs.yml")
    private, _ = split_values(private_values(data), published)
    return private


def assert_no_private_value(site: Path, values: list[Value]) -> None:
    hits, read = scan(site, values)
    assert read >= 25, f"only {read} files read: is {site} a whole site?"
    listed = "\n".join(f"  {hit}" for hit in hits[:50])
    assert not hits, f"{len(hits)} private values in {site}:\n{listed}"


def assert_scan_finds_them(
    site: Path, values: list[Value], kinds: set[str], sometimes: set[str] = SOMETIMES_SHOWN
) -> None:
    hits, _ = scan(site, values)
    found = {hit.value for hit in hits}
    unseen = [v for v in values if v not in found and kind(v) not in sometimes]
    assert not unseen, "the scan misses values the private build shows:\n" + "\n".join(
        f"  {v.text!r} ({v.source})" for v in unseen[:50]
    )
    assert kinds <= {kind(v) for v in found}


def test_the_public_example_holds_no_private_value(published: Published) -> None:
    values = private_of(EXAMPLE_DATA)
    assert len(values) > 150
    assert_no_private_value(published.site, values)


def test_the_same_scan_finds_them_in_the_private_example(example_site: Built) -> None:
    values = private_of(EXAMPLE_DATA)
    kinds = {kind(v) for v in values} - SOMETIMES_SHOWN
    assert {"name", "links.email", "links.phone", "research", "log.note", "tags"} <= kinds
    assert {"learned.opening", "learned.advice", "learned.note", "learned.skill"} <= kinds
    assert_scan_finds_them(example_site.site, values, kinds)


def test_the_encrypted_example_holds_no_private_value_not_even_in_a_name(
    published_private: Published,
) -> None:
    assert_no_private_value(published_private.site, private_of(EXAMPLE_DATA))


def test_the_encrypted_example_opened_with_its_passphrase_holds_every_one(
    published_private: Published, tmp_path: Path
) -> None:
    values = private_of(EXAMPLE_DATA)
    kinds = {kind(v) for v in values} - SOMETIMES_SHOWN
    opened = write_opened(published_private.site, tmp_path / "opened")
    assert_scan_finds_them(opened, values, kinds)


# Kinds of page that name no contact even in a private build (banks, checklists, the indexes of
# roles, questions and templates): left in clear, only the build's own check would notice.
NAMING_NOBODY = {"roles", "questions", "templates", "checklists", "bank"}


def test_a_page_of_any_kind_left_in_clear_would_be_caught(
    published_private: Published, tmp_path: Path
) -> None:
    site, repo = published_private.site, published_private.repo
    values = private_of(EXAMPLE_DATA)
    opened = opened_site(site)
    assets = {p.relative_to(site).as_posix() for p in (site / "assets").rglob("*") if p.is_file()}
    check = lock.LockedSite(
        seal.Sealer(seal.Key.derive(PASSPHRASE, iterations=1000)),
        site_name="",
        language="en",
        favicon="",
        noindex=True,
    )
    one_of_each = {s.kind: s for s in catalogue.page_specs(playbook_of(EXAMPLE_DATA), public=False)}
    for kind, spec in one_of_each.items():
        copy = tmp_path / kind
        shutil.copytree(site, copy)
        where = f"{address(repo, spec.uri)}index.html"
        (copy / where).write_bytes(opened[where])  # as if this kind were never sealed
        hits, _ = scan(copy, values)
        assert {hit.file for hit in hits} == (set() if kind in NAMING_NOBODY else {where}), kind
        assert check.seal_the_rest(copy, assets) == [where], kind  # the build's own check


def test_200_generated_contacts_leave_no_trace_in_the_public_or_the_encrypted_build(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    generate_data(data, 200)
    values = private_of(data)
    assert len(values) > 10 * 200  # a dozen or more private values a contact
    builds = {}
    for profile in ("public", "encrypted", "private"):
        (tmp_path / profile).mkdir()
        project = make_project(tmp_path / profile, data)
        env = {**ENCRYPTED, "PLAYBOOK_PROFILE": profile}
        builds[profile] = mkdocs_build(project, "--strict", env=env).site
    assert_no_private_value(builds["public"], values)
    assert_no_private_value(builds["encrypted"], values)
    assert_scan_finds_them(builds["private"], values, EVERY_KIND)
    opened = write_opened(builds["encrypted"], tmp_path / "opened")
    # Opened, its pages still have addresses that name nobody: an id shows only where it is also
    # the person's name written as words (`owen-ahmed`, not the second Owen Ahmed's `owen-ahmed-2`).
    assert_scan_finds_them(opened, values, EVERY_KIND, SOMETIMES_SHOWN | {"id"})


def test_a_public_build_after_a_private_one_in_the_same_site_leaves_nothing_behind(
    tmp_path: Path,
) -> None:
    """`make build` then `make publish`, both into site/: the private pages the first build
    left there (and that rebuilds keep in place when unchanged) must all be gone."""
    project = make_project(tmp_path, EXAMPLE_DATA)
    private = mkdocs_build(project)
    assert (private.site / "contacts" / "dana-ruiz" / "index.html").is_file()
    public = mkdocs_build(project, env={"PLAYBOOK_PROFILE": "public"})
    assert public.site == private.site
    assert not (public.site / "contacts" / "dana-ruiz").exists()
    assert_no_private_value(public.site, private_of(EXAMPLE_DATA))


def test_an_encrypted_build_after_a_private_one_in_the_same_site_leaves_nothing_behind(
    tmp_path: Path,
) -> None:
    project = make_project(tmp_path, EXAMPLE_DATA)
    private = mkdocs_build(project)
    encrypted = mkdocs_build(project, env=ENCRYPTED)
    assert encrypted.site == private.site
    assert_no_private_value(encrypted.site, private_of(EXAMPLE_DATA))


def test_the_scan_reads_compressed_escaped_and_marked_up_files(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "search").mkdir(parents=True)
    values = [
        Value("Dana Ruiz", "a.yml: name"),
        Value("dana.ruiz@example.com", "a.yml: links.email"),
        Value("Tom & Jerry's", "a.yml: company"),
    ]
    (site / "page.html").write_text("<p><strong>DANA</strong>&nbsp;Ruiz</p>", encoding="utf-8")
    (site / "mail.html").write_text('<a href="mailto:dana.ruiz%40example.com">x</a>')
    index = {"docs": [{"text": "<p>Tom &amp;amp; Jerry\u2019s</p>".replace("\u2019", "'")}]}
    (site / "search" / "search_index.json").write_text(json.dumps(index).replace("'", "\\u0027"))
    (site / "sitemap.xml.gz").write_bytes(gzip.compress(b"<loc>dana-ruiz</loc> Dana Ruiz"))
    (site / "p" / "tom-jerry-s").mkdir(parents=True)
    (site / "p" / "tom-jerry-s" / "index.html").write_text("<p>Nothing to see</p>")
    hits, read = scan(site, values)
    assert read == 5
    assert {(hit.file, hit.value.text) for hit in hits} == {
        ("p/tom-jerry-s/index.html (its path)", "Tom & Jerry's"),  # a folder's name
        ("mail.html", "dana.ruiz@example.com"),
        ("mail.html", "Dana Ruiz"),  # the words of the address
        ("page.html", "Dana Ruiz"),
        ("search/search_index.json", "Tom & Jerry's"),
        ("sitemap.xml.gz", "Dana Ruiz"),
    }
