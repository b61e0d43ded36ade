"""`mkdocs serve` rebuilds on every save: an edit to one file re-reads that file and no other."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from benchmarks.generate import generate, generate_data
from mkdocs.config import load_config
from mkdocs.structure.files import get_files

from helpers.project import TODAY
from playbook.core import parse, sources
from playbook.core.sources import DocumentCache, load_documents


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files parsed from here on, in order (the real parser, watched)."""
    seen: list[str] = []
    real = sources.parse_document

    def watched(path: Path, rel: str, kind: str, doc_id: str) -> parse.Document:
        seen.append(rel)
        return real(path, rel, kind, doc_id)

    monkeypatch.setattr(sources, "parse_document", watched)
    return seen


def _load(data: Path, cache: DocumentCache) -> dict[str, parse.Document]:
    found = {}
    for item in load_documents(data, data.parent, cache):
        assert isinstance(item, parse.Document), item
        found[item.rel] = item
    return found


def test_a_one_file_edit_re_reads_exactly_that_file(tmp_path: Path, parsed: list[str]) -> None:
    data = tmp_path / "data"
    generate_data(data, 40)
    cache = DocumentCache()
    first = _load(data, cache)
    assert sorted(parsed) == sorted(first)  # the first build reads everything once
    contact = sorted((data / "contacts").glob("*.yml"))[3]
    contact.write_text(
        contact.read_text(encoding="utf-8").replace("\ntitle: ", "\ntitle: Chief ", 1),
        encoding="utf-8",
    )
    parsed.clear()
    second = _load(data, cache)
    assert parsed == ["data/contacts/" + contact.name]
    assert second["data/contacts/" + contact.name].data["title"].startswith("Chief ")
    unchanged = [rel for rel in first if rel != "data/contacts/" + contact.name]
    assert all(second[rel] is first[rel] for rel in unchanged)


def test_a_save_that_keeps_the_size_is_still_seen(tmp_path: Path, parsed: list[str]) -> None:
    data = tmp_path / "data"
    generate_data(data, 3)
    cache = DocumentCache()
    _load(data, cache)
    contact = sorted((data / "contacts").glob("*.yml"))[0]
    text = contact.read_text(encoding="utf-8")
    before = contact.stat()
    contact.write_text(text.replace("status: ", "status:\u0020", 1).replace("name: ", "name:\t", 1))
    # Same size, and an explicit later time: some file systems keep only whole seconds.
    os.utime(contact, ns=(before.st_atime_ns, before.st_mtime_ns + 2_000_000_000))
    assert contact.stat().st_size == before.st_size
    parsed.clear()
    _load(data, cache)
    assert parsed == ["data/contacts/" + contact.name]


def test_added_and_deleted_files_are_noticed(tmp_path: Path, parsed: list[str]) -> None:
    data = tmp_path / "data"
    generate_data(data, 5)
    cache = DocumentCache()
    first = _load(data, cache)
    gone = sorted((data / "contacts").glob("*.yml"))[0]
    gone.unlink()
    new = data / "contacts" / "sam-lee.yml"
    new.write_text(yaml.safe_dump({"name": "Sam Lee"}), encoding="utf-8")
    parsed.clear()
    second = _load(data, cache)
    assert parsed == ["data/contacts/sam-lee.yml"]
    assert set(second) == (set(first) - {"data/contacts/" + gone.name}) | {
        new.relative_to(tmp_path).as_posix()
    }


def test_the_plugin_keeps_its_cache_across_serve_rebuilds(
    tmp_path: Path, parsed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """What `mkdocs serve` does per rebuild: load mkdocs.yml again, run the hooks again."""
    monkeypatch.setenv("PLAYBOOK_TODAY", TODAY.isoformat())
    project = generate(tmp_path / "project", 20)

    def rebuild() -> None:
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
        config.plugins.on_startup(command="serve", dirty=False)
        config = config.plugins.on_config(config)
        files = config.plugins.on_files(get_files(config), config=config)
        assert files.get_file_from_path("contacts/index.md") is not None

    rebuild()
    assert len(parsed) == len(list((project / "data").rglob("*.*")))
    contact = sorted((project / "data" / "contacts").glob("*.yml"))[0]
    contact.write_text(contact.read_text(encoding="utf-8") + "notes: Met for coffee.\n")
    parsed.clear()
    rebuild()
    assert parsed == [f"data/contacts/{contact.name}"]


def test_yaml_is_parsed_by_libyaml() -> None:
    """The C parser is an order of magnitude faster than PyYAML's pure-Python one."""
    assert yaml.__with_libyaml__, "PyYAML was installed without libyaml"
    assert parse._YamlLoader is yaml.CSafeLoader
