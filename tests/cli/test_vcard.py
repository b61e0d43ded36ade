"""vCard out (checked by `vobject`, an independent parser) and in (2.1, 3.0, 4.0), and both ways."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import vobject

from helpers.imports import VCARD, contact, contact_files, fresh_playbook, run
from helpers.project import EXAMPLE_DATA
from playbook.cli.support import load_playbook
from playbook.core.model import Contact

ROUND_TRIP_FIELDS = ("name", "title", "company", "links", "notes", "tags")


def _export(data: Path, tmp_path: Path) -> tuple[Path, str]:
    out = tmp_path / "contacts.vcf"
    result = run("export", "vcard", "-o", out, "--data", data)
    assert result.exit_code == 0, result.output
    assert f"wrote {out}" in result.output
    return out, out.read_bytes().decode("utf-8")


def _fields(contact: Contact) -> dict:
    return contact.model_dump(include=set(ROUND_TRIP_FIELDS))


def test_export_is_vcard_4_that_an_independent_parser_reads_field_by_field(
    tmp_path: Path,
) -> None:
    _, text = _export(EXAMPLE_DATA, tmp_path)
    contacts = list(load_playbook(EXAMPLE_DATA).contacts.values())
    cards = list(vobject.readComponents(text, validate=True))
    assert len(cards) == len(contacts)
    for card, person in zip(cards, contacts, strict=True):
        assert card.version.value == "4.0"
        assert card.fn.value == person.name
        assert f"{card.n.value.given} {card.n.value.family}".strip() == person.name
        assert card.uid.value.startswith("urn:uuid:")
        if person.company:
            assert card.org.value == [person.company]
        if person.title:
            assert card.title.value == person.title
        if person.links.email:
            assert card.email.value == person.links.email
        if person.links.phone:
            assert card.tel.value == person.links.phone
        urls = [u.value for u in card.contents.get("url", [])]
        assert urls == [u for u in (person.links.linkedin, person.links.website) if u]
        if person.notes.strip():
            assert card.note.value == person.notes.strip()
        if person.tags:
            assert card.categories.value == person.tags
    assert len({card.uid.value for card in cards}) == len(cards)


def test_export_lines_are_crlf_and_folded_at_75_octets(tmp_path: Path) -> None:
    _, text = _export(EXAMPLE_DATA, tmp_path)
    raw = text.encode("utf-8")
    assert raw.count(b"\n") == raw.count(b"\r\n")  # no bare LF
    lines = raw.split(b"\r\n")[:-1]
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines), "the example notes must fold"
    for index, line in enumerate(lines):
        if line == b"BEGIN:VCARD":
            assert lines[index + 1] == b"VERSION:4.0"


def _playbook_with(tmp_path: Path, **fields: object) -> Path:
    data = fresh_playbook(tmp_path)
    body = "\n".join(f"{key}: {value}" for key, value in fields.items())
    (data / "contacts" / "tricky.yml").write_text(body + "\n", encoding="utf-8")
    return data


def test_special_characters_and_long_multibyte_text_survive_the_export(tmp_path: Path) -> None:
    note = "Café; ☕ at 9, then a walk\\n" + "Ünïcödé 🚀 " * 30 + "\\nback\\\\slash"
    data = _playbook_with(
        tmp_path,
        name='"Zoë; O\'Neil, Jr."',
        company='"Smith, Jones; Partners \\\\ Co"',
        notes=f'"{note}"',
        tags='["a,b", "c;d"]',
    )
    _, text = _export(data, tmp_path)
    for line in text.encode("utf-8").split(b"\r\n"):
        line.decode("utf-8")  # no UTF-8 sequence is cut by a fold
        assert len(line) <= 75
    card = vobject.readOne(text)
    person = load_playbook(data).contacts["tricky"]
    assert card.fn.value == "Zoë; O'Neil, Jr."
    assert card.org.value == ["Smith, Jones; Partners \\ Co"]
    assert card.note.value == person.notes
    assert "\n" in card.note.value and "🚀" in card.note.value
    assert card.categories.value == ["a,b", "c;d"]


def test_round_trip_export_then_import_into_an_empty_playbook(tmp_path: Path) -> None:
    out, _ = _export(EXAMPLE_DATA, tmp_path)
    data = fresh_playbook(tmp_path)
    result = run("import", "vcard", out, "--data", data)
    assert result.exit_code == 0, result.output
    original = load_playbook(EXAMPLE_DATA).contacts
    imported = load_playbook(data).contacts
    assert sorted(imported) == sorted(original)  # same people, same ids
    for doc_id, person in original.items():
        expected = _fields(person)
        expected["notes"] = expected["notes"].strip()
        assert _fields(imported[doc_id]) == expected, doc_id


def test_apple_contacts_3_0_card(tmp_path: Path) -> None:
    data = fresh_playbook(tmp_path)
    result = run("import", "vcard", VCARD / "apple-3.0.vcf", "--data", data)
    assert result.exit_code == 0, result.output
    assert contact(data, "ana-maria-lima") == {
        "name": "Ana Maria Lima",
        "title": "Brand Manager",
        "company": "Northwind Foods, Inc.",  # escaped comma; the department is dropped
        "source": "other",
        "links": {
            "linkedin": "https://www.linkedin.com/in/ana-lima-ex",
            "email": "ana@example.com",  # the preferred one
            "phone": "+1 555 0142",
            "website": "https://analima.example.com",
        },
        "status": "identified",
        "notes": "Met at the Lakeside alumni mixer, talked about packaging.\n"
        "Follow up in January.",  # folded line joined, \n is a new line
        "tags": ["alumni", "food, beverage"],
        "public": False,
    }
    # A LinkedIn profile typed without https:// still becomes a web address.
    assert contact(data, "ben-okafor")["links"] == {
        "linkedin": "https://linkedin.com/in/ben-okafor-example"
    }


def test_vcard_4_0_card(tmp_path: Path) -> None:
    data = fresh_playbook(tmp_path)
    run("import", "vcard", VCARD / "contacts-4.0.vcf", "--data", data)
    jose = contact(data, "jose-garcia")
    assert jose["links"] == {
        "linkedin": "https://es.linkedin.com/in/jose-garcia-ex",
        "email": "jose@example.com",  # PREF=1 wins over the first one
        "phone": "+34-600-000-000",  # a tel: URI
    }
    assert jose["title"] == 'Head of "Growth"'
    assert jose["notes"] == (
        "Café con leche ☕ at the Madrid meetup; very open to a call, prefers mornings. "
        "Backslash \\ kept."
    )
    assert jose["tags"] == ["madrid", "growth"]


def test_android_2_1_card_with_quoted_printable(tmp_path: Path) -> None:
    data = fresh_playbook(tmp_path)
    run("import", "vcard", VCARD / "android-2.1.vcf", "--data", data)
    ayse = contact(data, "ayse-ozturk")
    assert ayse["name"] == "Ayşe Öztürk"  # from N: there is no FN
    assert ayse["notes"] == "İstanbul trade fair, stand 42. Asked about sourcing."
    assert ayse["links"] == {"email": "ayse@example.com", "phone": "+90 555 000 0000"}


def test_broken_cards_are_reported_by_line_and_the_rest_imported(tmp_path: Path) -> None:
    data = fresh_playbook(tmp_path)
    result = run("import", "vcard", VCARD / "broken.vcf", "--data", data)
    assert result.exit_code == 0, result.output
    assert "line 1: no name: the card has neither FN nor N" in result.output
    assert "line 8: not a vCard property line" in result.output
    assert "line 11: the card has no END:VCARD" in result.output
    assert 'left out links.email: "flo@@example" is not an email address' in result.output
    assert sorted(contact_files(data)) == ["flo-gray.yml"]


def test_a_file_that_is_not_a_vcard_says_so_and_writes_nothing(tmp_path: Path) -> None:
    data = fresh_playbook(tmp_path)
    result = run("import", "vcard", VCARD / "not-a-vcard.vcf", "--data", data)
    assert result.exit_code == 1
    assert "is not a vCard file" in result.output
    assert contact_files(data) == {}


def test_vcard_import_skips_people_already_there_and_dry_run_writes_nothing(
    tmp_path: Path,
) -> None:
    data = fresh_playbook(tmp_path)
    dry = run("import", "vcard", VCARD / "apple-3.0.vcf", "--data", data, "--dry-run")
    assert "Would add 2:" in dry.output
    assert contact_files(data) == {}
    run("import", "vcard", VCARD / "apple-3.0.vcf", "--data", data)
    again = run("import", "vcard", VCARD / "apple-3.0.vcf", "--data", data)
    assert "Added 0:" in again.output
    assert "line 1: Ana Maria Lima" in again.output
    assert "(same LinkedIn URL)" in again.output


def test_export_never_replaces_a_file_unless_forced(tmp_path: Path) -> None:
    out = tmp_path / "contacts.vcf"
    out.write_text("my address book\n", encoding="utf-8")
    refused = run("export", "vcard", "-o", out, "--data", EXAMPLE_DATA)
    assert refused.exit_code == 1
    assert "exists; pass --force" in refused.output
    assert out.read_text(encoding="utf-8") == "my address book\n"
    forced = run("export", "vcard", "-o", out, "--force", "--data", EXAMPLE_DATA)
    assert forced.exit_code == 0
    assert out.read_bytes().startswith(b"BEGIN:VCARD\r\nVERSION:4.0\r\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["contacts.vcf"]


def test_export_to_standard_output(tmp_path: Path) -> None:
    result = run("export", "vcard", "-o", "-", "--data", EXAMPLE_DATA)
    assert result.stdout.count("BEGIN:VCARD") == len(load_playbook(EXAMPLE_DATA).contacts)


def test_export_of_invalid_data_lists_the_problems(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(EXAMPLE_DATA, data)
    (data / "profile.yml").write_text("name: [unclosed\n", encoding="utf-8")
    result = run("export", "vcard", "-o", tmp_path / "out.vcf", "--data", data)
    assert result.exit_code == 1
    assert "profile.yml:" in result.output
    assert not (tmp_path / "out.vcf").exists()


def test_vcard_import_takes_the_filters_its_fields_allow(tmp_path: Path) -> None:
    data = fresh_playbook(tmp_path)
    result = run(
        "import",
        "vcard",
        VCARD / "apple-3.0.vcf",
        "--company",
        "northwind",
        "--title",
        "manager",
        "--tag",
        "fair",
        "--role",
        "content-marketing",
        "--data",
        data,
    )
    assert result.exit_code == 0, result.output
    assert "Left out by --company, --title: 1" in result.output
    ana = contact(data, "ana-maria-lima")
    assert ana["tags"] == ["alumni", "food, beverage", "fair"]  # its own, then the new one
    assert ana["roles"] == ["content-marketing"]
    assert sorted(contact_files(data)) == ["ana-maria-lima.yml"]
    # A vCard has no date you connected on.
    no_since = run("import", "vcard", VCARD / "apple-3.0.vcf", "--since", "2025-01-01")
    assert no_since.exit_code == 2
    assert "No such option" in no_since.output and "--since" in no_since.output


def test_a_vcard_file_too_big_to_be_an_address_book_is_refused(tmp_path: Path) -> None:
    data = fresh_playbook(tmp_path)
    huge = tmp_path / "everyone.vcf"
    with huge.open("wb") as stream:  # sparse: 101 MiB on paper, nothing on the disk
        stream.truncate(101 * 2**20)
    result = run("import", "vcard", huge, "--data", data)
    assert result.exit_code == 1
    assert "more than the 100 MiB an import reads; export the contacts again without" in (
        result.output
    )


def test_a_card_with_a_large_photo_imports_with_its_fields(tmp_path: Path) -> None:
    """A 4 MB base64 PHOTO folded at 75 octets, as phones export it: some 55,000 folded pieces.

    Joining them one at a time took 7 s for 2 MB here and grew with the square of the size
    (benchmarks/vcard_photo.py has the figures), which made this test take about half a
    minute. No time is asserted (a test with a clock is flaky); what is asserted is that the
    photo is read as one property and the card's other fields are intact around it."""
    data = fresh_playbook(tmp_path)
    photo = "QUJD" * 1_000_000  # 4 MB of base64
    folded = "\r\n ".join(photo[i : i + 74] for i in range(0, len(photo), 74))
    card = tmp_path / "photo.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\n"
        f"PHOTO;ENCODING=b;TYPE=JPEG:{folded}\r\n"
        "ORG:Babbage & Co\r\nNOTE:after the photo\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    result = run("import", "vcard", card, "--data", data)
    assert result.exit_code == 0, result.output
    ada = contact(data, "ada-lovelace")
    assert (ada["company"], ada["notes"]) == ("Babbage & Co", "after the photo")
    assert "QUJD" not in (data / "contacts" / "ada-lovelace.yml").read_text("utf-8")


CARDS = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:José Núñez\r\nORG:Café Ñandú\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Brontë\r\nEND:VCARD\r\n"
)


def test_a_vcard_file_in_utf_16_is_read_with_or_without_a_byte_order_mark(
    tmp_path: Path,
) -> None:
    for encoding in ("utf-16", "utf-16-le", "utf-16-be", "utf-32"):
        data = fresh_playbook(tmp_path / encoding)
        card = tmp_path / f"{encoding}.vcf"
        card.write_bytes(CARDS.encode(encoding))
        result = run("import", "vcard", card, "--data", data)
        assert result.exit_code == 0, (encoding, result.output)
        assert "Warning" not in result.output
        assert contact(data, "jose-nunez")["company"] == "Café Ñandú", encoding
        assert contact(data, "zoe-bronte")["name"] == "Zoë Brontë", encoding


def test_a_card_in_latin_1_is_read_as_windows_1252_and_said_so(tmp_path: Path) -> None:
    """The first card saved in Latin-1 by an old phone, the second in UTF-8: both come in,
    and the lines that were guessed are named."""
    first, second = CARDS.split("END:VCARD\r\n", 1)
    card = tmp_path / "mixed.vcf"
    card.write_bytes((first + "END:VCARD\r\n").encode("latin-1") + second.encode("utf-8"))
    data = fresh_playbook(tmp_path)
    result = run("import", "vcard", card, "--data", data)
    assert result.exit_code == 0, result.output
    assert contact(data, "jose-nunez")["company"] == "Café Ñandú"
    assert contact(data, "zoe-bronte")["name"] == "Zoë Brontë"
    assert (
        "Warning: line 3: not UTF-8 text on lines 3, 4; read as Windows-1252 (Western "
        "European): check those names, or export the file as UTF-8"
    ) in result.output


def test_export_with_force_never_replaces_a_link_or_a_device(tmp_path: Path) -> None:
    """--force replaces a file. Renaming over a symbolic link would replace the link (and the
    file it names keeps the old text), and over a device, as root, the device itself; a named
    pipe stands in for the device, which the test must not risk."""
    target = tmp_path / "address-book.vcf"
    target.write_text("my address book\n", encoding="utf-8")
    link = tmp_path / "contacts.vcf"
    link.symlink_to(target)
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    for out in (link, pipe):
        refused = run("export", "vcard", "-o", out, "--force", "--data", EXAMPLE_DATA)
        assert refused.exit_code == 1
        assert "is not a plain file" in refused.output
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == "my address book\n"
    assert pipe.is_fifo()
