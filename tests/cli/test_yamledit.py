"""yamledit: a change to a YAML file touches the lines it must, and reads back as intended."""

from __future__ import annotations

import datetime
import string
from pathlib import Path

import pytest
from benchmarks.generate import generate_data
from hypothesis import given
from hypothesis import strategies as st
from ruamel.yaml.comments import CommentedMap

from helpers.imports import changed_lines
from helpers.project import EXAMPLE_DATA, PM_DATA, ROOT
from playbook.core.parse import parse_yaml
from playbook.record import writeback
from playbook.record.writeback import advanced
from playbook.record.writer import contact_yaml
from playbook.record.yamledit import block_or_flow_like, edit, insert_in_order

SCAFFOLD_DATA = ROOT / "plugins" / "playbook" / "scaffold" / "files" / "data"
DAY = datetime.date(2026, 11, 25)


def yaml_files(data: Path) -> list[Path]:
    return sorted(data.rglob("*.yml"))


def append_log(note: str = "Sent it") -> object:
    def change(data: CommentedMap) -> None:
        log = data["log"]
        entry = CommentedMap([("date", DAY), ("kind", "outreach"), ("note", note)])
        log.append(block_or_flow_like(log, entry))

    return change


def read(text: str) -> object:
    return parse_yaml(text, "test")[0]


@pytest.mark.parametrize(
    "path",
    yaml_files(EXAMPLE_DATA) + yaml_files(PM_DATA) + yaml_files(SCAFFOLD_DATA),
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_every_data_file_we_ship_comes_back_byte_for_byte(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert edit(text, lambda data: None) == text


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("generated") / "data"
    generate_data(data, 40)
    return data


def test_generated_files_come_back_byte_for_byte(generated: Path) -> None:
    for path in yaml_files(generated):
        text = path.read_text(encoding="utf-8")
        assert edit(text, lambda data: None) == text, path.name


@pytest.mark.parametrize("which", ["example", "pm-switch", "scaffold", "generated"])
def test_logging_on_any_contact_we_ship_adds_lines_and_changes_only_the_status(
    which: str, generated: Path
) -> None:
    data = {"example": EXAMPLE_DATA, "pm-switch": PM_DATA, "scaffold": SCAFFOLD_DATA}.get(
        which, generated
    )
    for path in sorted((data / "contacts").glob("*.yml")):
        opened = writeback.open_contact(data, path.stem, data.parent)
        status = opened.contact().status
        change = writeback.add_log(opened, DAY, "follow-up", "Checked in: all good")
        removed, added = changed_lines(opened.text(), change.text)
        moved = status != advanced(status, "follow-up")
        # An empty `log: []` becomes `log:` with the entry under it.
        empty_log = [
            line for line in opened.text().splitlines(keepends=True) if line == "log: []\n"
        ]
        assert removed == ([f"status: {status}\n"] if moved else []) + empty_log, path.name
        # One {...} line (after a new `log:` line when there was no log), or a block of three.
        assert len(added) - len(removed) in (1, 2, 3), (path.name, added)
        assert read(change.text)["log"][-1]["note"] == "Checked in: all good"


def test_a_new_entry_lines_up_with_a_list_written_flush_with_its_key() -> None:
    # How imported contacts are written (PyYAML): `- ` level with `log:`.
    text = contact_yaml(
        {
            "name": "Ana Lima",
            "roles": ["brand-marketing"],
            "log": [{"date": DAY, "kind": "note", "note": "Connected on LinkedIn"}],
        }
    )
    assert "\n- date: 2026-11-25\n" in text
    changed = edit(text, append_log())
    assert changed == text.replace(
        "  note: Connected on LinkedIn\n",
        "  note: Connected on LinkedIn\n- date: 2026-11-25\n  kind: outreach\n  note: Sent it\n",
    )


def test_two_indentations_in_one_file_each_keep_theirs() -> None:
    text = (
        "name: Ada\n"
        "roles:\n"
        "- brand-marketing\n"
        "log:\n"
        "    - {date: 2026-11-01, kind: note}\n"
        "tags:\n"
        "  - fair\n"
    )
    changed = edit(text, append_log())
    assert changed == text.replace(
        "    - {date: 2026-11-01, kind: note}\n",
        "    - {date: 2026-11-01, kind: note}\n"
        "    - {date: 2026-11-25, kind: outreach, note: Sent it}\n",
    )


def test_lines_ruamel_would_rewrite_stay_as_written() -> None:
    text = (
        "---\n"
        "name:    Ada   # spaced out\n"
        "research: one long value\n"
        "  over two lines\n"
        "status: identified\n"
        "log: [{date: 2026-11-01, kind: note}]\n"
    )
    changed = edit(text, lambda data: data.__setitem__("status", "contacted"))
    assert changed == text.replace("status: identified", "status: contacted")


def test_when_lines_cannot_be_carried_over_the_result_is_still_right() -> None:
    # A new key lands between two lines ruamel rewrites: the file is written the way ruamel
    # writes it, which reads back as the change intended.
    text = (
        "name: Ada\nresearch: one long value\n  over two lines\nlinks:   {email: a@example.com}\n"
    )

    def change(data: CommentedMap) -> None:
        insert_in_order(data, "school", "Lakeside", ["name", "research", "school", "links"])

    changed = edit(text, change)
    assert read(changed) == {
        "name": "Ada",
        "research": "one long value over two lines",
        "school": "Lakeside",
        "links": {"email": "a@example.com"},
    }


def test_new_keys_go_where_the_model_puts_them() -> None:
    order = ["name", "title", "status", "interview", "research", "log", "tags"]

    def change(data: CommentedMap) -> None:
        insert_in_order(data, "status", "contacted", order)
        insert_in_order(data, "log", [], order)

    changed = edit("name: Ada\nresearch: x\ntags: [a]\n", change)
    assert changed == "name: Ada\nstatus: contacted\nresearch: x\nlog: []\ntags: [a]\n"


# Words and shapes YAML 1.1 (the builds' reader) gives a meaning other than text.
YAML_WORDS = ["yes", "No", "on", "OFF", "null", "~", "12:30", "0x1F", "1_000", "0o17", ".inf"]
NOTES = st.one_of(
    st.text(
        st.characters(blacklist_categories=("Cs",), blacklist_characters="\ufeff"), max_size=80
    ),
    st.text("yesnoYESNOtrufalsl~0123456789:._xXeE+- #?!&*@`'\"{}[],|>%", max_size=8),
    st.sampled_from([*YAML_WORDS, "2026-01-01", "2026-01-01T10:00", "- item", "a: b"]),
)


@given(note=NOTES, where=st.sampled_from(["dana-ruiz.yml", "ben-okafor.yml", "tom-becker.yml"]))
def test_any_text_goes_in_as_a_value_and_nothing_else(note: str, where: str) -> None:
    """Typed or imported text can never change the file's structure: it reads back exactly, and
    everything else reads back as before."""
    text = (EXAMPLE_DATA / "contacts" / where).read_text(encoding="utf-8")
    changed = edit(text, append_log(note))
    before, after = read(text), read(changed)
    assert isinstance(before, dict) and isinstance(after, dict)
    entry = after["log"].pop()
    assert entry == {"date": "2026-11-25", "kind": "outreach", "note": note}
    assert after == before
    # Only new lines: none of the file's own lines changed or went away.
    assert all(line in changed.splitlines() for line in text.splitlines())


@given(
    st.one_of(
        st.text(string.ascii_letters + " :#'\"{}[],&*!|>-", min_size=1, max_size=30),
        st.sampled_from(YAML_WORDS),
    )
)
def test_new_values_that_need_quotes_get_double_quotes(value: str) -> None:
    changed = edit("name: Ada\n", lambda data: data.__setitem__("title", value))
    line = changed.splitlines()[1]
    assert read(changed) == {"name": "Ada", "title": value}
    assert not line.startswith("title: '")
