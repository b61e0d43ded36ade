"""JSON Schema for each kind of data file, so editors check and complete while people type.

Generated from the pydantic models (field docstrings become descriptions) and committed under
`schemas/`; data files point at them with a `# yaml-language-server: $schema=...` first line.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from playbook.core.kinds import BY_NAME, FILE_KINDS

# Fields the model has but the file must not: the id comes from the file name, a template's body
# follows its front matter.
NOT_IN_FILE = {"id", "body"}


def schema_for(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one kind of file, as its YAML is written."""
    schema = BY_NAME[kind].model.model_json_schema()
    for name in NOT_IN_FILE & set(schema["properties"]):
        del schema["properties"][name]
    schema["required"] = [n for n in schema.get("required", []) if n not in NOT_IN_FILE]
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def schema_files() -> dict[str, str]:
    """File name → text of every schema, as `playbook schema` writes them."""
    return {
        f"{kind}.schema.json": json.dumps(schema_for(kind), indent=2, ensure_ascii=False) + "\n"
        for kind in (k.name for k in FILE_KINDS)
    }


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into folder; returns the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_files().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
