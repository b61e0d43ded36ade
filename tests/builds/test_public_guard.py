"""The public build's guard: a page written by hand in content/ that holds any kind of private
value (a name, an email, a phone, a link, a note, a log note, something someone told you) fails
the build, whatever its verbosity, and leaves nothing in site/ to upload; so do `make publish`
and the Pages workflow's build step, which then deploys nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from helpers.hosting import make, user_copy
from helpers.project import CONTENT, make_project, mkdocs_build

# A page for each kind of private value of the example, written the way a person might.
PAGES = {
    "name": ("Ask DANA  RUIZ about agencies.", "the name of data/contacts/dana-ruiz.yml"),
    "email": ("Write to <dana.ruiz@example.com>.", "the email of data/contacts/dana-ruiz.yml"),
    "phone": ("Call +1 555 0100 after five.", "the phone of data/contacts/dana-ruiz.yml"),
    "phone-digits": ("[Call](tel:+15550100)", "the phone of data/contacts/dana-ruiz.yml"),
    "linkedin": (
        "<https://www.linkedin.com/in/dana-ruiz-example>",
        "the linkedin of data/contacts/dana-ruiz.yml",
    ),
    "research": (
        "Moved from agency to in-house in 2021, then back to Brightside Agency in 2024.",
        "the research of data/contacts/dana-ruiz.yml",
    ),
    "notes": (
        "Creators care about fit with their audience more than the fee.",
        "the notes of data/contacts/grace-liu.yml",
    ),
    "log": ("Happy to talk after the holiday!", "the log of data/contacts/dana-ruiz.yml"),
    "finding": (
        "Consumer insights coordinator, Tidewell Beverages, to be posted in December",
        "the learned of data/contacts/luis-mendez.yml",
    ),
}


def project_with_pages(tmp_path: Path, pages: dict[str, str]) -> Path:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    for name, text in pages.items():
        (content / "mine").mkdir(exist_ok=True)
        (content / "mine" / f"{name}.md").write_text(f"# My notes\n\n{text}\n", encoding="utf-8")
    project = make_project(
        tmp_path, copy_data=True
    )  # data/ in the project: paths as a user sees them
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(content)
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return project


@pytest.mark.parametrize("verbosity", ["--strict", "-q"])
def test_a_page_with_any_private_value_fails_the_public_build_and_leaves_no_file(
    tmp_path: Path, verbosity: str
) -> None:
    project = project_with_pages(tmp_path, {kind: text for kind, (text, _) in PAGES.items()})
    # A file of content/ that is not a page is copied as it is: it is read all the same.
    (tmp_path / "content" / "mine" / "list.txt").write_text("Jamie Park\n", encoding="utf-8")
    built = mkdocs_build(project, verbosity, env={"PLAYBOOK_PROFILE": "public"}, check=False)
    assert built.returncode != 0
    assert "site/ was emptied" in built.output and "Traceback" not in built.output
    lines = {line.strip().split(": ", 1)[0]: line for line in built.output.splitlines()}
    for kind, (_, what) in PAGES.items():
        assert what in lines.get(f"mine/{kind}/index.html", ""), kind
    assert "the name of data/contacts/jamie-park.yml" in lines.get("mine/list.txt", "")
    assert "dana.ruiz@example.com" not in built.output  # the log names the kind, not the value
    assert [p for p in built.site.rglob("*")] == []


def test_the_public_example_with_its_guide_passes_the_guard(tmp_path: Path) -> None:
    project = project_with_pages(tmp_path, {"plain": "Ask about the agency side of things."})
    built = mkdocs_build(project, "-q", env={"PLAYBOOK_PROFILE": "public"})
    assert (built.site / "mine" / "plain" / "index.html").is_file()


def test_make_publish_with_a_leaking_page_leaves_nothing_to_upload(tmp_path: Path) -> None:
    repo = user_copy(tmp_path)
    (repo / "content" / "mine.md").write_text("Write to dana.ruiz@example.com\n", encoding="utf-8")
    result = make(repo, "publish")
    assert result.returncode != 0
    assert (
        "mine/index.html: the email of data/contacts/dana-ruiz.yml" in result.stdout + result.stderr
    )
    assert list((repo / "site").rglob("*")) == []
