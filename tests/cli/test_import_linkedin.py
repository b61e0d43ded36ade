"""`playbook import linkedin`: LinkedIn's Connections.csv, every variation of it, into new files."""

from __future__ import annotations

import csv
import shutil
import time
import zipfile
from datetime import date
from pathlib import Path

import pytest

from helpers.imports import LINKEDIN, contact, contact_files, fresh_playbook, run
from helpers.project import EXAMPLE_DATA, mkdocs_build
from helpers.terminal import playbook_on_terminal, playbook_piped
from playbook.cli.importers.linkedin import HEADER


@pytest.mark.parametrize(
    "export",
    [
        "connections-recent.csv",  # byte-order mark, Notes: preamble, CRLF
        "connections-older.csv",  # no preamble, LF
    ],
)
def test_each_export_variant_becomes_the_same_new_contacts(tmp_path: Path, export: str) -> None:
    data = fresh_playbook(tmp_path)
    result = run("import", "linkedin", LINKEDIN / export, "--data", data)
    assert result.exit_code == 0, result.output
    assert sorted(contact_files(data)) == ["ana-lima.yml", "jose-garcia.yml", "zoe-o-neil.yml"]
    for name in contact_files(data):
        assert f"wrote {data / 'contacts' / name}" in result.output
    assert contact(data, "ana-lima") == {
        "name": "Ana Lima",
        "title": "Brand Manager",
        "company": "Northwind Foods, Inc.",  # a quoted comma stays inside the field
        "source": "linkedin",
        "links": {"linkedin": "https://www.linkedin.com/in/ana-lima-ex"},
        "status": "identified",
        "log": [{"date": date(2025, 12, 22), "kind": "note", "note": "Connected on LinkedIn"}],
        "public": False,
    }
    jose = contact(data, "jose-garcia")
    assert (jose["name"], jose["company"], jose["title"]) == (
        "José García",
        "Café Ñandú",
        'Head of "Growth"',  # doubled quotes in CSV are one quote
    )
    assert jose["links"]["email"] == "jose.garcia@example.com"
    assert contact(data, "zoe-o-neil")["name"] == "Zoë 🚀 O'Neil"
    # Written as people read it, not as \U0001F680.
    assert "name: Zoë 🚀 O'Neil\n" in (data / "contacts" / "zoe-o-neil.yml").read_text("utf-8")
    # The new files are valid playbook data, read exactly as a build reads them.
    checked = run("validate", "--data", data)
    assert checked.exit_code == 0, checked.output
    assert "3 contacts" in checked.output


def test_the_zip_linkedin_sends_can_be_imported_as_it_is(tmp_path: Path) -> None:
    data = fresh_playbook(tmp_path)
    archive = tmp_path / "Basic_LinkedInDataExport_12-22-2025.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("Invitations.csv", "From,To,Sent At\n")
        zipped.write(LINKEDIN / "connections-recent.csv", "Connections.csv")
    result = run("import", "linkedin", archive, "--data", data)
    assert result.exit_code == 0, result.output
    assert len(contact_files(data)) == 3


def test_bad_rows_are_reported_by_line_and_the_rest_imported(tmp_path: Path) -> None:
    data = fresh_playbook(tmp_path)
    result = run("import", "linkedin", LINKEDIN / "connections-malformed.csv", "--data", data)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "line 3: 8 fields where the header has 7" in out  # an unquoted comma
    assert "line 4: no name" in out
    assert "line 5: Connected On 'yesterday' is not a date" in out
    # A duplicate row within the file: same profile address written differently.
    assert "line 7: ANA LIMA = line 2 (same LinkedIn URL)" in out
    assert "Skipped 3:" in out
    # A bad email is left out, the person is kept.
    assert 'left out links.email: "not-an-email" is not an email address' in out
    assert contact(data, "di-evans")["links"] == {
        "linkedin": "https://www.linkedin.com/in/di-evans-ex"
    }
    # A value spanning two lines is one field; the row after it keeps its own line number.
    assert contact(data, "ed-fox")["company"] == "Multi line Co"
    assert "(line 12: Flo Gray)" in out
    assert sorted(contact_files(data)) == [
        "ana-lima.yml",
        "dana-ruiz.yml",
        "di-evans.yml",
        "ed-fox.yml",
        "flo-gray.yml",
        "mark-cho.yml",
        "tom-becker.yml",
    ]


def test_people_already_in_the_data_are_skipped_and_nothing_existing_changes(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    shutil.copytree(EXAMPLE_DATA, data)
    before = contact_files(data)
    result = run("import", "linkedin", LINKEDIN / "connections-malformed.csv", "--data", data)
    assert result.exit_code == 0, result.output
    out = result.output
    # Dana's address differs in scheme case, www. and trailing slash only.
    assert f"line 8: Dana Ruiz = {data}/contacts/dana-ruiz.yml (same LinkedIn URL)" in out
    # Tom's row has no address: the same name and company make him the same person.
    assert f"line 9: Tom Becker = {data}/contacts/tom-becker.yml (same name and company)" in out
    # Another Mark Cho, at another company and with another profile, is a new person.
    assert "mark-cho-2.yml  (line 14: Mark Cho)" in out
    after = contact_files(data)
    assert {name: after[name] for name in before} == before
    assert set(after) - set(before) == {
        "ana-lima.yml",
        "di-evans.yml",
        "ed-fox.yml",
        "flo-gray.yml",
        "mark-cho-2.yml",
    }


def test_importing_the_same_export_twice_adds_nobody_the_second_time(tmp_path: Path) -> None:
    data = fresh_playbook(tmp_path)
    run("import", "linkedin", LINKEDIN / "connections-recent.csv", "--data", data)
    before = contact_files(data)
    again = run("import", "linkedin", LINKEDIN / "connections-older.csv", "--data", data)
    assert "Added 0:" in again.output
    assert "Already there 3:" in again.output
    assert contact_files(data) == before


def test_dry_run_prints_the_same_summary_and_writes_nothing(tmp_path: Path) -> None:
    data = fresh_playbook(tmp_path)
    source = LINKEDIN / "connections-malformed.csv"
    dry = run("import", "linkedin", source, "--data", data, "--dry-run")
    assert dry.exit_code == 0
    assert contact_files(data) == {}
    assert dry.output.startswith("Dry run: nothing written.")
    real = run("import", "linkedin", source, "--data", data)
    # The same people, lines and reasons; only the verbs differ.
    assert dry.output.splitlines()[1:] == [
        line.replace("Added", "Would add").replace("  wrote", "  would write")
        for line in real.output.splitlines()[1:]
    ]


def test_a_file_that_is_not_a_linkedin_export_says_so_and_writes_nothing(tmp_path: Path) -> None:
    data = fresh_playbook(tmp_path)
    result = run("import", "linkedin", LINKEDIN / "not-connections.csv", "--data", data)
    assert result.exit_code == 1
    assert "is not a LinkedIn connections export" in result.output
    assert "nothing written" in result.output
    assert "Traceback" not in result.output
    assert contact_files(data) == {}


@pytest.mark.builds
def test_hostile_text_is_stored_exactly_and_shown_as_text(tmp_path: Path) -> None:
    data = fresh_playbook(tmp_path)
    result = run("import", "linkedin", LINKEDIN / "connections-hostile.csv", "--data", data)
    assert result.exit_code == 0, result.output
    eve = contact(data, "eve-the-1-hacker")
    assert eve["name"] == 'Eve: "the" #1 - Hacker'
    assert eve["company"] == "{{ profile.email }}"
    assert eve["title"] == "<script>alert(1)</script>"
    yes = contact(data, "yes-null")
    assert (yes["name"], yes["company"], yes["title"]) == (
        "yes null",
        "&anchor *alias",
        "!!python/object:os.system",
    )
    assert "line 4: company:" in result.output  # 600 characters: too long for a company
    assert (
        'left out links.linkedin: "javascript:alert(1)" starts with "javascript:"' in result.output
    )
    assert contact(data, "wang-wei")["name"] == "王 伟"  # Chinese spelled out in Latin letters
    built = mkdocs_build(data.parent, "--strict")
    page = built.page("contacts/eve-the-1-hacker")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page
    assert "{{ profile.email }}" in page  # imported text is never run as a template


def write_connections(source: Path, rows: int) -> Path:
    """A LinkedIn export of `rows` people, as recent exports are written."""
    with source.open("w", encoding="utf-8", newline="") as handle:
        handle.write('\ufeffNotes:\r\n"Some email addresses are missing."\r\n\r\n')
        writer = csv.writer(handle)
        handle.write(HEADER + "\r\n")
        for i in range(rows):
            writer.writerow(
                [
                    f"Person{i % 1990}",  # ten names come twice, at other companies
                    "Müller, Jr.",
                    f"https://www.linkedin.com/in/person-{i}",
                    f"p{i}@example.com" if i % 10 == 0 else "",
                    f"Company {i}",
                    "Analyst, Growth",
                    f"{1 + i % 28:02d} Dec 2025",
                ]
            )
    return source


def test_a_two_thousand_row_export_imports_every_row(tmp_path: Path) -> None:
    data = fresh_playbook(tmp_path)
    source = write_connections(tmp_path / "Connections.csv", 2000)
    started = time.perf_counter()
    result = run("import", "linkedin", source, "--data", data)
    elapsed = time.perf_counter() - started
    print(f"2,000-row LinkedIn import: {elapsed:.2f} s")  # the figure; speed is not asserted
    assert result.exit_code == 0, result.output
    assert "Added 2000:" in result.output
    files = contact_files(data)
    assert len(files) == 2000
    assert "person0-muller-jr-2.yml" in files  # a repeated name got the next free id
    assert not [name for name in files if name.startswith(".")]


def test_an_unclosed_quote_is_named_with_the_lines_it_swallowed(tmp_path: Path) -> None:
    data = fresh_playbook(tmp_path)
    source = LINKEDIN / "connections-unclosed-quote.csv"
    result = run("import", "linkedin", source, "--data", data)
    assert result.exit_code == 0, result.output
    expected = "line 2: 5 fields where the header has 7; lines 2-4 were read as one row"
    assert expected in result.output
    assert contact_files(data) == {}


def test_an_unreadable_contact_file_is_named_and_the_import_goes_on(tmp_path: Path) -> None:
    data = fresh_playbook(tmp_path)
    broken = data / "contacts" / "ana-lima.yml"
    broken.write_text("name: [Ana Lima\n", encoding="utf-8")
    result = run("import", "linkedin", LINKEDIN / "connections-older.csv", "--data", data)
    assert result.exit_code == 0, result.output
    assert f"Warning: cannot read {broken}, so duplicates of it are not detected" in result.output
    assert broken.read_text(encoding="utf-8") == "name: [Ana Lima\n"
    assert "ana-lima-2.yml" in contact_files(data)  # its name is still taken


def test_the_same_name_with_accents_encoded_differently_is_one_person(tmp_path: Path) -> None:
    data = fresh_playbook(tmp_path)
    run("import", "linkedin", LINKEDIN / "connections-older.csv", "--data", data)
    decomposed = tmp_path / "Connections.csv"
    decomposed.write_text(
        f"{HEADER}\nJose\u0301,Garci\u0301a,,,Cafe\u0301 N\u0303andu\u0301,CEO,01 Jan 2026\n",
        encoding="utf-8",
    )
    result = run("import", "linkedin", decomposed, "--data", data)
    assert "(same name and company)" in result.output
    assert "Added 0:" in result.output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"PK\x03\x04 half a download", "is a damaged zip archive"),
        (b"%PDF-1.7\n\xe2\x28\xa1", "not UTF-8 text"),
        (b"", "is not a LinkedIn connections export"),
    ],
)
def test_files_that_are_not_exports_are_refused_without_a_traceback(
    tmp_path: Path, content: bytes, message: str
) -> None:
    data = fresh_playbook(tmp_path)
    source = tmp_path / "Connections.csv"
    source.write_bytes(content)
    result = run("import", "linkedin", source, "--data", data)
    assert result.exit_code == 1
    assert message in result.output
    assert contact_files(data) == {}


def test_filters_keep_the_people_asked_for_and_the_summary_counts_the_others(
    tmp_path: Path,
) -> None:
    data = fresh_playbook(tmp_path)
    result = run(
        "import",
        "linkedin",
        LINKEDIN / "connections-recent.csv",
        "--company",
        "NORTHWIND|café",  # a regular expression, any case
        "--since",
        "2026-01-01",  # Ana connected on 22 Dec 2025
        "--role",
        "content-marketing",
        "--tag",
        "imported",
        "--tag",
        "spain",
        "--data",
        data,
    )
    assert result.exit_code == 0, result.output
    assert sorted(contact_files(data)) == ["jose-garcia.yml"]
    jose = contact(data, "jose-garcia")
    assert (jose["roles"], jose["tags"]) == (["content-marketing"], ["imported", "spain"])
    assert "Left out by --company, --since: 2" in result.output
    source = LINKEDIN / "connections-recent.csv"
    titled = run("import", "linkedin", source, "--title", "^brand", "--dry-run", "--data", data)
    assert "would write" in titled.output and "(line 5: Ana Lima)" in titled.output
    assert "Left out by --title: 2" in titled.output
    assert run("validate", "--data", data).exit_code == 0


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (["--company", "(acme"], "Invalid value for '--company': \"(acme\" is not a regular"),
        (["--title", "[a-"], "Invalid value for '--title': \"[a-\" is not a regular expression"),
        (["--since", "22 Dec 2025"], "Invalid value for '--since'"),
        (["--role", "brand-marketng"], 'no role "brand-marketng"; did you mean'),
        (["--tag", " "], "Invalid value for '--tag'"),
    ],
)
def test_a_filter_that_cannot_work_is_refused_before_anything_is_read(
    tmp_path: Path, option: list[str], message: str
) -> None:
    data = fresh_playbook(tmp_path)
    result = run("import", "linkedin", LINKEDIN / "connections-recent.csv", *option, "--data", data)
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output
    assert contact_files(data) == {}


def test_names_in_any_script_get_readable_ids_and_existing_files_keep_theirs(
    tmp_path: Path,
) -> None:
    data = fresh_playbook(tmp_path)
    # Imported before ids were spelled out: its id stays, and it is still the same person.
    (data / "contacts" / "rjan-degard.yml").write_text(
        "name: Ørjan Ødegård\ncompany: Fjord AS\n", encoding="utf-8"
    )
    source = tmp_path / "Connections.csv"
    source.write_text(
        HEADER
        + "\nØrjan,Ødegård,,,Fjord AS,CMO,01 Dec 2025"
        + "\n王,伟,,,,Brand Lead,01 Dec 2025"
        + "\nИван,Петров,,,,Analyst,01 Dec 2025\n",
        encoding="utf-8",
    )
    result = run("import", "linkedin", source, "--data", data)
    assert result.exit_code == 0, result.output
    assert sorted(contact_files(data)) == ["ivan-petrov.yml", "rjan-degard.yml", "wang-wei.yml"]
    assert "Ørjan Ødegård = " in result.output and "rjan-degard.yml (same name and company)" in (
        result.output
    )
    added = run("add", "contact", "Ørjan Ødegård", "--company", "Other AS", "--data", data)
    assert added.exit_code == 0, added.output
    assert (data / "contacts" / "orjan-odegard.yml").is_file()


def test_a_large_import_shows_progress_on_a_terminal_and_nothing_when_piped(
    tmp_path: Path,
) -> None:
    data = fresh_playbook(tmp_path)
    source = write_connections(tmp_path / "Connections.csv", 300)
    shown = playbook_on_terminal(tmp_path, "import", "linkedin", source, "--data", data)
    assert "Checking rows" in shown and "100%" in shown
    assert "Writing 300 files..." in shown
    assert "Added 300:" in shown
    again = playbook_piped(tmp_path, "import", "linkedin", source, "--dry-run", "--data", data)
    assert again.returncode == 0
    assert again.stderr == ""
    assert "Would add 0:" in again.stdout


def test_a_file_too_big_to_be_an_export_is_refused_before_it_is_read(tmp_path: Path) -> None:
    data = fresh_playbook(tmp_path)
    huge = tmp_path / "Connections.csv"
    with huge.open("wb") as stream:  # sparse: 101 MiB on paper, nothing on the disk
        stream.truncate(101 * 2**20)
    result = run("import", "linkedin", huge, "--data", data)
    assert result.exit_code == 1
    assert "is 106 MB, more than the 100 MiB an import reads" in result.output
    assert "pass the Connections.csv of your LinkedIn export" in result.output
    # A zip is judged by the size its member says it has, before anything is inflated.
    archive = tmp_path / "export.zip"
    with (
        zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zipped,
        zipped.open("Connections.csv", "w", force_zip64=True) as member,
    ):
        for _ in range(101):
            member.write(bytes(2**20))
    result = run("import", "linkedin", archive, "--data", data)
    assert result.exit_code == 1 and "export.zip: Connections.csv is 106 MB" in result.output
    assert not list((data / "contacts").glob("*.yml"))
