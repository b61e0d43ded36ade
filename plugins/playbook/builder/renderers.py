"""The Markdown converter and the Jinja environments, kept across `mkdocs serve` rebuilds.

Each is made again only when what it is made from changes (the site's Markdown extensions, the
user's page templates). Compiled templates, the plugin's and the theme's, are kept too: MkDocs
makes a new theme environment for every build, and compiling Material's templates again costs a
second per rebuild.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
import jinja2.bccache
from mkdocs.config.defaults import MkDocsConfig

from playbook.core.digests import config_digest
from playbook.pages.markup import SiteMarkdown
from playbook.pages.render import Renderer


class Renderers:
    def __init__(self, bytecode_folder: Path | None) -> None:
        self._fields: tuple[str, SiteMarkdown] | None = None
        self._renderer: tuple[str, Renderer] | None = None
        self.bytecode = bytecode_cache(bytecode_folder)

    def renderer(
        self, config: MkDocsConfig, *, allow_html: bool, templates_dir: Path | None
    ) -> Renderer:
        """The page renderer for this build's settings, remade only when they changed."""
        key = self.fields_key(config, allow_html=allow_html)
        if self._fields is None or self._fields[0] != key:
            fields = SiteMarkdown(
                config.markdown_extensions, config.mdx_configs, allow_html=allow_html
            )
            self._fields = (key, fields)
            self._renderer = None
        renderer_key = f"{key}:{templates_dir}"
        if self._renderer is None or self._renderer[0] != renderer_key:
            renderer = Renderer(self._fields[1], templates_dir, self.bytecode)
            self._renderer = (renderer_key, renderer)
        return self._renderer[1]

    @staticmethod
    def fields_key(config: MkDocsConfig, *, allow_html: bool) -> str:
        """What the Markdown fields are converted with."""
        return config_digest([config.markdown_extensions, config.mdx_configs, allow_html])


def bytecode_cache(folder: Path | None) -> jinja2.BytecodeCache:
    """Compiled templates kept in `folder` (the cache's), else in memory for this process."""
    if folder is None:
        return MemoryBytecodeCache()
    (folder / "jinja").mkdir(parents=True, exist_ok=True)
    return jinja2.FileSystemBytecodeCache(str(folder / "jinja"))


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept in memory (`cache: false`), for the builds of one `serve`."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()
