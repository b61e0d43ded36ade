"""The plugin's options, as written under `plugins: - playbook:` in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class PlaybookConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Make the playbook's pages; false leaves the site as if the plugin were not listed."""

    # Where things live (relative to mkdocs.yml; MkDocs checks that they exist)
    data_dir = c.Dir(exists=True, default="data")
    """Folder holding profile.yml, contacts/, roles/, questions/, templates/, checklists/."""
    templates_dir = c.Optional(c.Dir(exists=True))
    """Folder of page templates (`contact.html.j2`, ...) that replace the built-in ones."""

    # What the pages may contain
    allow_html = c.Type(bool, default=False)
    """Let raw HTML in Markdown fields (research, notes, summary) through instead of escaping it."""

    # Language
    language = c.Optional(c.Type(str))
    """The language of the playbook's own words, dates and numbers (`de`, `pt-BR`, `zh`): the
    theme's `language` when unset. One without a catalogue is written in English."""

    # Hosting
    profile = c.Choice(("private", "public", "encrypted"), default="private")
    """private: everything, for you; public: nothing from contact files, safe to host;
    encrypted: everything, every page sealed with the passphrase in PLAYBOOK_PASSPHRASE.
    The environment variable PLAYBOOK_PROFILE=private|public|encrypted overrides it."""
    noindex = c.Type(bool, default=True)
    """Ask search engines not to index the site (`<meta name="robots" content="noindex">`)."""

    # Speed
    cache = c.Type(bool, default=True)
    """Keep rendered pages between builds and reuse those whose inputs did not change."""
    cache_dir = c.Type(str, default=".cache/playbook")
    """Where the cache lives, relative to mkdocs.yml (never inside data/, content/ or site/)."""
    cache_size = c.Type(int, default=500)
    """Megabytes of pages the cache keeps; beyond, the least recently used go first. A site of
    1,000 contacts takes about 45 MB per way it is built (profile, theme settings, generator)."""
    workers = c.Optional(c.Type(int))
    """Processes rendering pages in a cold build: all CPU cores when unset; 1 renders serially."""
