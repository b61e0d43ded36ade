"""The README's data reference documents every field the model accepts."""

from __future__ import annotations

from helpers.project import ROOT
from playbook.core.kinds import FILE_KINDS
from playbook.core.model import Model


def _fields(model: type[Model]) -> set[str]:
    return {name for name in model.model_fields if name not in ("id", "body")}


def test_every_field_of_every_kind_of_file_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    reference = readme.split("## Your data", 1)[1]
    missing = sorted(
        f"{kind}.{name}"
        for kind, model in ((k.name, k.model) for k in FILE_KINDS)
        for name in _fields(model)
        if f"`{name}`" not in reference
    )
    assert missing == []


def test_readme_shows_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make serve" in readme and "make test" in readme


def test_readme_gives_the_encrypted_profiles_threat_model() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Your private playbook, hosted", 1)[1].split("\n## ", 1)[0]
    for point in (
        "**Protected against:**",
        "**Not protected against:**",
        "**What stays visible:**",
        "**Rotating the passphrase:**",
        "make publish-private",
        "**Why not mkdocs-encryptcontent-plugin.**",
    ):
        assert point in section, point
