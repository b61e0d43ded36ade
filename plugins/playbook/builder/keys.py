"""What a page's digest covers besides its own inputs (catalogue.py): everything around its body.

- The body key: what every body is made with: the plugin's code and templates, the user's page
  templates, the Markdown settings of fields, the plugin's options, the profile, the addresses
  of pages (the encrypted profile's key, use_directory_urls).
- The site digest: what the theme writes around a body: MkDocs' configuration, the other
  plugins, the navigation as built, the pages MkDocs writes, custom_dir and the versions of
  MkDocs and the theme.

Left out: where the project lies on the disk (a project copied or moved keeps its cache; pages
never show where it is), the serve address and the raw nav (the navigation as built is in), the
site's address (filled in as each page is written: siteurl.py), and the tags plugin's shadow
setting while no tag is a shadow tag.
"""

from __future__ import annotations

import importlib.metadata
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import mkdocs
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from playbook.core import words
from playbook.core.digests import config_digest, digest, folder_digest, package_digest

# Options that change how pages are made, not what they hold: no part of a page's digest.
SPEED_OPTIONS = ("cache", "cache_dir", "cache_size", "workers")
# Not part of what the theme writes around a page (see above).
UNSEEN_SETTINGS = (
    "plugins",
    "site_dir",
    "docs_dir",
    "config_file_path",
    "dev_addr",
    "watch",
    "nav",
    # `serve` sets it to its own address; the theme writes it into each page's canonical link,
    # which the cache fills in as the page is written (siteurl.py), not part of the digest.
    "site_url",
)
# The tags plugin's shadow tags are shown under `serve` (shadow_on_serve), hidden in a build: no
# page changes while no tag is a shadow tag.
SHADOW_TAGS = ("shadow_tags", "shadow_tags_prefix", "shadow_tags_suffix")


def body_key(
    options: Mapping[str, Any],
    root: Path,
    *,
    fields_key: str,
    profile: str,
    path_key: bytes,
    directory_urls: bool,
) -> str:
    """What every body of this build is made with (`options`: the plugin's)."""
    kept = {k: v for k, v in options.items() if k not in SPEED_OPTIONS}
    # MkDocs' Dir option makes the folders absolute; they count by where they are in the project.
    for key in ("data_dir", "templates_dir"):
        if kept.get(key):
            kept[key] = os.path.relpath(kept[key], root)
    templates_dir = options.get("templates_dir")
    return digest(
        package_digest(),  # the catalogues too
        words.active().asked,  # every word, date and number (and which checks apply)
        _version("babel"),  # how dates and numbers are written
        _version("holidays"),  # when business days fall
        folder_digest(Path(templates_dir) if templates_dir else None),
        fields_key,
        config_digest(kept),
        profile,
        digest(path_key.hex()),  # the pages' addresses, in every link
        directory_urls,
    )


def site_digest(
    config: MkDocsConfig, nav: Navigation, files: Files, generated: Iterable[str], *, ours: object
) -> str:
    """Everything around a page's body that shows in it. `generated`: the source paths of the
    plugin's own pages; `ours`: the plugin's options (they are in the body key)."""
    import material

    settings = {key: value for key, value in config.items() if key not in UNSEEN_SETTINGS}
    # A hook (mkdocs.yml `hooks:`) is a module among the plugins, with no config.
    plugins = []
    for name, plugin in config.plugins.items():
        options = getattr(plugin, "config", {})
        kept = {} if options is ours else dict(options)
        if name.endswith("tags") and not any(kept.get(k) for k in SHADOW_TAGS):
            kept = {k: v for k, v in kept.items() if k not in ("shadow", "shadow_on_serve")}
        plugins.append((name, kept))
    plugin_pages = set(generated)
    written = sorted(
        (f.src_uri, f.url) for f in files.documentation_pages() if f.src_uri not in plugin_pages
    )
    return digest(
        config_digest(settings),
        config_digest(plugins),
        _nav_digest(nav),
        config_digest(written),
        folder_digest(Path(config.theme.custom_dir)) if config.theme.custom_dir else "",
        mkdocs.__version__,
        getattr(material, "__version__", ""),
    )


def _nav_digest(nav: Navigation) -> str:
    def walk(items: Any) -> list[Any]:
        return [
            (type(item).__name__, str(item.title), getattr(item, "url", ""), walk(item.children))
            if getattr(item, "children", None)
            else (type(item).__name__, str(item.title), getattr(item, "url", ""))
            for item in items
        ]

    return digest(repr(walk(nav.items)))


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return ""
