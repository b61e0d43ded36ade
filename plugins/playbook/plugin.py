"""The MkDocs plugin: a thin adapter between MkDocs' build and the playbook's pages.

- on_files: load and link the data, list the pages (pages.catalogue), give MkDocs a File for
  each. The navigation pages (dashboard, tables) are built by MkDocs with the body the plugin
  renders; every other page is excluded from MkDocs' own build, so MkDocs only computes its URL.
- on_env: the excluded pages are rendered by the plugin (builder.py), cached by digest, in
  parallel, wrapped in the theme's page template, and joined to the search index.
- on_serve: watch data/.

The encrypted profile (lock.py) is the private one with every page locked: addresses that name
nobody are set in on_files, every page is sealed as it is written (on_post_page, on_post_template
and the page builder), the search index once the search plugin has written it (on_post_build),
which then checks that nothing in site/ is left in clear.
"""

from __future__ import annotations

import gc
import importlib.metadata
import os
import re
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
import jinja2.bccache
import mkdocs
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from playbook.builder import lock, sitedir, watch
from playbook.builder.cache import PageCache
from playbook.builder.lock import LockedSite
from playbook.builder.memo import Memo
from playbook.builder.seal import Key, Sealer
from playbook.builder.theme import (
    ThemePages,
    hide_navigation,
    make_page,
    sidebar_is_empty,
    tag_page,
    tags_plugins,
)
from playbook.builder.workers import ClearOutput, Job, PageBuilder, RenderError, default_workers
from playbook.config import PlaybookConfig
from playbook.core import clock
from playbook.core.digests import config_digest, digest, folder_digest, package_digest
from playbook.core.problems import DataError
from playbook.core.sources import load_documents
from playbook.logic.checks import template_warnings, unfilled
from playbook.logic.playbook import Playbook, make_playbook
from playbook.pages import catalogue, ics, overrides, public
from playbook.pages.catalogue import PageSpec, Sources
from playbook.pages.checklist_labels import name_checkboxes
from playbook.pages.markup import SiteMarkdown
from playbook.pages.render import Body, Headings, PageWriter, Renderer
from playbook.pages.search import sections

log = get_plugin_logger(__name__)

ASSETS = Path(__file__).parent / "pages" / "assets"
STYLESHEETS = ("playbook.css", "print.css")
SCRIPTS = ("tables.js", "accessible.js")
WORKER_SHIM = "iframe-worker.js"  # MIT, from the npm package iframe-worker 1.0.4
# Options that change how pages are made, not what they hold: no part of a page's digest.
SPEED_OPTIONS = ("cache", "cache_dir", "workers")


class PlaybookPlugin(BasePlugin[PlaybookConfig]):
    def __init__(self) -> None:
        # Kept across `mkdocs serve` rebuilds (on_startup is defined): parsed files, reviews,
        # converted Markdown and the page cache's manifest are reused while unchanged.
        self.memo: Memo | None = None  # read from the cache folder on the first build
        self.bytecode: jinja2.BytecodeCache | None = None  # compiled theme templates
        self.watcher: Any = None  # `serve`: what tells it a data file was saved
        self.fields: tuple[str, SiteMarkdown] | None = None
        self.renderer: tuple[str, Renderer] | None = None
        self.caches: dict[Path, PageCache] = {}
        self.root = Path.cwd()
        self.site_dir: Path | None = None
        self.command = ""
        self.dirty = False
        self.profile = "private"
        self.public = False
        self.locked: LockedSite | None = None  # the encrypted profile's sealing, this build's key
        self.path_key = b""  # the encrypted profile's page addresses (lock.hide_paths)
        self.copied: set[str] = set()  # files under site/ that are copies of files on disk
        self.private_names: re.Pattern[str] | None = None
        # Pages of the last good build: during `serve`, each shows the problems instead of going
        # stale when an edit breaks the data, so the open page tells what to fix.
        self.last_specs: list[PageSpec] = []
        # The navigation pages' bodies and search entries, by digest.
        self.bodies: dict[str, tuple[Body, list[dict[str, Any]]]] = {}
        self.nav_search: dict[str, list[dict[str, Any]]] = {}
        # This build's pages.
        self.sources: Sources | None = None
        self.specs: list[PageSpec] = []
        self.own: dict[str, File] = {}  # uri → File of each page this plugin makes
        self.urls: dict[str, str] = {}
        self.page_objects: dict[str, Page] = {}
        self.page_renderer: Renderer | None = None
        self.headings = Headings()
        self.nav: Navigation | None = None
        self.body_key = ""
        self.used_bodies: set[str] = set()
        self.settled = False  # `serve`: whether what lasts between rebuilds is out of gc's way

    # --- configuration --------------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        self.dirty = dirty

    def on_shutdown(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()
        if self.memo is not None:
            self.memo.write(self._memo_folder())

    def _memo_folder(self) -> Path | None:
        return self.root / self.config.cache_dir if self.config.cache else None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not self.config.enabled:
            return config
        self.root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        self.site_dir = Path(config.site_dir)
        try:
            self.profile = public.choose_profile(self.config.profile, os.environ)
        except public.ProfileError as error:
            raise PluginError(str(error)) from None
        self.public = self.profile == "public"
        if self.command == "gh-deploy" and self.profile == "private":
            raise PluginError(public.deploy_refusal(self.command))
        self.locked = self._lock(config) if self.profile == "encrypted" else None
        if self.memo is None:
            self.memo = Memo.read(self._memo_folder())
        # Before the user's own stylesheets, so that theirs win.
        ours = [f"assets/playbook/{sheet}" for sheet in STYLESHEETS]
        config.extra_css[:0] = [uri for uri in ours if uri not in config.extra_css]
        for script in SCRIPTS:
            uri = f"assets/playbook/{script}"
            if uri not in map(str, config.extra_javascript):
                config.extra_javascript.append(uri)
        if overrides.is_material(config.theme):
            overrides.add_to(config.theme)
        return config

    def _lock(self, config: MkDocsConfig) -> LockedSite:
        """This build's key (a new random salt each build) and page addresses, or a refusal."""
        if self.dirty:
            raise PluginError(
                "the encrypted profile builds into an emptied site/: --dirty would keep files of "
                "an earlier build there, maybe in clear"
            )
        if any(name.rpartition("/")[2] == "offline" for name in config.plugins):
            raise PluginError(
                "the encrypted profile is for hosting; the offline copy (make offline) is "
                "your private playbook on your own disk, and cannot be encrypted"
            )
        if "navigation.instant" in config.theme.get("features", []):
            raise PluginError(
                "the encrypted profile opens each page as it loads: remove navigation.instant "
                "from the theme's features"
            )
        try:
            passphrase = lock.passphrase(os.environ)
        except lock.LockError as error:
            raise PluginError(str(error)) from None
        self.path_key = lock.path_key(self.root / self.config.cache_dir / "encrypted")
        return LockedSite(
            Sealer(Key.derive(passphrase)),
            site_name=config.site_name,
            language=config.theme.get("language") or "en",
            favicon=config.theme.get("favicon") or "assets/images/favicon.png",
            noindex=self.config.noindex,
        )

    @property
    def data_dir(self) -> Path:
        return Path(self.config.data_dir)  # made absolute by MkDocs' Dir option

    @property
    def templates_dir(self) -> Path | None:
        return Path(self.config.templates_dir) if self.config.templates_dir else None

    def _renderer(self, config: MkDocsConfig) -> Renderer:
        """The Markdown converter and Jinja environment, remade only when their settings change."""
        fields_key = config_digest(
            [config.markdown_extensions, config.mdx_configs, self.config.allow_html]
        )
        if self.fields is None or self.fields[0] != fields_key:
            fields = SiteMarkdown(
                config.markdown_extensions, config.mdx_configs, allow_html=self.config.allow_html
            )
            self.fields = (fields_key, fields)
            self.renderer = None
        key = f"{fields_key}:{self.templates_dir}"
        if self.renderer is None or self.renderer[0] != key:
            renderer = Renderer(self.fields[1], self.templates_dir, self._bytecode_cache())
            self.renderer = (key, renderer)
        options = {k: v for k, v in self.config.items() if k not in SPEED_OPTIONS}
        # MkDocs' Dir option makes the folders absolute; they count by where they are in the
        # project, so that a project copied or moved elsewhere keeps its cache (pages never
        # show where the project lies on the disk).
        for key in ("data_dir", "templates_dir"):
            if options.get(key):
                options[key] = os.path.relpath(options[key], self.root)
        self.body_key = digest(
            package_digest(),
            _version("holidays"),  # when business days fall
            folder_digest(self.templates_dir),
            fields_key,
            config_digest(options),
            self.profile,
            digest(self.path_key.hex()),  # the pages' addresses, in every link
            config.use_directory_urls,
        )
        return self.renderer[1]

    def _bytecode_cache(self) -> jinja2.BytecodeCache:
        if self.bytecode is None:
            folder = self._memo_folder()
            if folder is not None:
                (folder / "jinja").mkdir(parents=True, exist_ok=True)
                self.bytecode = jinja2.FileSystemBytecodeCache(str(folder / "jinja"))
            else:
                self.bytecode = _MemoryBytecodeCache()
        return self.bytecode

    def _cache(self) -> PageCache:
        folder = None
        if self.config.cache:
            folder = self.root / self.config.cache_dir / self.profile
        key = folder or Path()
        if key not in self.caches:
            self.caches[key] = PageCache(folder)
        return self.caches[key]

    # --- the pages ------------------------------------------------------------------------

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        self.page_renderer = self._renderer(config)
        self.headings = Headings.from_config(config.mdx_configs.get("toc", {}))
        playbook: Playbook | None = None  # stays None while `serve` shows the problems
        try:
            assert self.memo is not None
            documents = load_documents(self.data_dir, self.root, self.memo.documents)
            # "Today" is the day in the profile's time zone, from the environment (clock.py).
            playbook = make_playbook(
                documents, lambda tz: clock.today(tz=tz), lambda tz: clock.now(tz=tz)
            )
            reviews = {} if self.public else self.memo.reviewer.review(playbook)
            self.sources = Sources(playbook, self.public, reviews)
            self.specs = catalogue.page_specs(playbook, public=self.public)
        except DataError as error:
            if self.command != "serve":
                raise PluginError(error.report()) from None
            # The server keeps running; the terminal and every open page show the problems.
            log.error(error.report())
            report = [str(p) for p in error.problems]
            self.sources = Sources(None, self.public, {}, problems=report)
            last = self.last_specs or [catalogue.PageSpec("index.md", "dashboard", "", "", ())]
            self.specs = [
                catalogue.problems_page(s.uri, "Problems in the playbook data", s.in_nav, report)
                for s in last
            ]
        except (clock.ClockError, public.ProfileError) as error:
            raise PluginError(str(error)) from None
        else:
            self.last_specs = self.specs
            if not self.public:
                # A template that cannot be filled in for some contacts is said on their sheets;
                # one that breaks a rule for every contact is a mistake in it: --strict fails.
                for notice in unfilled(playbook, self.sources.reviews):
                    log.info(notice)
                for warning in template_warnings(playbook, self.sources.reviews):
                    log.warning(warning)
            self.private_names = public.name_finder(
                c.name for c in playbook.contacts.values() if not c.public
            )
        self.own = {}
        for spec in self.specs:
            if files.get_file_from_path(spec.uri) is not None:
                # A hand-written page in content/ wins over a generated one of the same path.
                log.info("content/%s replaces the generated page of the same name", spec.uri)
                continue
            if spec.in_nav:
                # Built by MkDocs (the navigation marks it active), with the plugin's body.
                file = File.generated(
                    config, spec.uri, content=spec.front_matter(), inclusion=InclusionLevel.INCLUDED
                )
            else:
                # Rendered by the plugin in on_env; excluded, MkDocs only computes its URL.
                file = File.generated(
                    config, spec.uri, content="", inclusion=InclusionLevel.EXCLUDED
                )
            files.append(file)
            self.own[spec.uri] = file
        assets: tuple[str, ...] = (*STYLESHEETS, *SCRIPTS, WORKER_SHIM)
        if self.locked is not None:
            assets += lock.UNLOCK_ASSETS
            lock.hide_paths(files, self.path_key, use_directory_urls=config.use_directory_urls)
        for asset in assets:
            files.append(
                File.generated(config, f"assets/playbook/{asset}", abs_src_path=str(ASSETS / asset))
            )
        self.urls = {f.src_uri: f.url for f in files if f.is_documentation_page()}
        # Copied to site/ as they are: the theme's and the plugin's assets, static files.
        self.copied = {
            f.dest_uri for f in files if not f.is_documentation_page() and f.abs_src_path
        }
        if playbook is not None and not self.public:
            files.append(self.calendar_file(config, playbook))
        return files

    def calendar_file(self, config: MkDocsConfig, playbook: Playbook) -> File:
        """site/calendar.ics: conversations and due actions (private: names and places)."""
        assert self.memo is not None
        content = ics.calendar_ics(
            playbook,
            config.site_url or "/",
            {c: self.urls[f"contacts/{c}.md"] for c in playbook.contacts},
            memo=self.memo.events,
        )
        if self.locked is not None:
            content = self.locked.file(content)
        return File.generated(config, "calendar.ics", content=content)

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        if not self.config.enabled:
            return nav
        # The pages MkDocs will not build still get a Page, as MkDocs would make it: the theme
        # renders them, and the tags plugin lists them on the tags index.
        self.nav = nav
        self.page_objects = {}
        # Material's left sidebar holds nothing on most generated pages (with navigation tabs, it
        # shows the open tab's section): those pages give its width to the content.
        features = config.theme.get("features") or []
        self.specs = [
            hide_navigation(spec) if sidebar_is_empty(nav, spec.uri, features) else spec
            for spec in self.specs
        ]
        taggers = tags_plugins(config)
        for spec in self.specs:
            file = self.own.get(spec.uri)
            if file is None or spec.in_nav:
                continue
            page = self.page_objects[spec.uri] = make_page(spec, file, config)
            if spec.tags:
                tag_page(taggers, page)
        return nav

    @event_priority(-100)  # after Material's offline plugin has added its polyfill
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        # The site requests no other host, offline copy included (public.own_scripts).
        shim = f"assets/playbook/{WORKER_SHIM}"
        config.extra["polyfills"] = public.own_scripts(config.extra.get("polyfills") or [], shim)
        # MkDocs empties site/ next: the last build's pages wait aside until on_env.
        cache = self._cache()
        cache.load()
        if self.locked is not None:
            # Locked pages are sealed anew in every build: none stays. Nor does anything an
            # earlier build set aside (MkDocs' cleaning leaves hidden folders alone).
            sitedir.discard(Path(config.site_dir))
        elif cache.enabled and cache.site_dir == config.site_dir:
            sitedir.set_aside(
                Path(config.site_dir), {c.dest.partition("/")[0] for c in cache.manifest.values()}
            )

    def _nav_spec(self, page: Page) -> PageSpec | None:
        file = self.own.get(page.file.src_uri)
        if file is None or file is not page.file:
            return None
        return next((s for s in self.specs if s.uri == page.file.src_uri and s.in_nav), None)

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if not self.config.enabled:
            return markdown
        spec = self._nav_spec(page)
        if spec is not None:
            page.meta = spec.meta()  # as the catalogue has it now (on_nav may hide the sidebar)
            return ""  # the body is the plugin's HTML (on_page_content): nothing to convert
        if self.public and page.file.generated_by is None:
            # Hand-written pages are published as written: say so when one names a contact.
            for name in public.named_contacts(markdown, self.private_names):
                log.warning(
                    "%s names %s, a contact without `public: true`; the public build publishes "
                    "hand-written pages as they are",
                    page.file.src_uri,
                    name,
                )
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not self.config.enabled:
            return html
        spec = self._nav_spec(page)
        if spec is None:
            return name_checkboxes(html)
        body, search = self._nav_body(spec, page, config)
        self.nav_search[spec.uri] = search
        page.toc = get_toc(body.toc)
        return body.html

    def _nav_body(
        self, spec: PageSpec, page: Page, config: MkDocsConfig
    ) -> tuple[Body, list[dict[str, Any]]]:
        """A navigation page's body and search entries: from memory or the cache when its inputs
        did not change. (The plugin indexes its own pages: parsing a page's HTML again for the
        search index costs as much as making it.)"""
        key = digest(spec.digest, self.body_key)
        self.used_bodies.add(key)
        found = self.bodies.get(key)
        if found is None:
            cache = self._cache()
            stored = cache.read_body(key)
            if stored is not None:
                found = (Body(stored["html"], stored["toc"]), stored["search"])
            else:
                body = self._render_body(spec)
                search = sections(page.url, spec.title, body.html) if spec.search == "page" else []
                found = (body, search)
                cache.write_body(key, {"html": body.html, "toc": body.toc, "search": found[1]})
                log.debug("rendered %s", spec.uri)
            self.bodies[key] = found
        return found

    def _render_body(self, spec: PageSpec) -> Body:
        assert self.sources is not None and self.page_renderer is not None
        writer = PageWriter(spec.uri, self.urls, self.headings)
        try:
            return catalogue.render(self.page_renderer, writer, self.sources, spec)
        except jinja2.UndefinedError as error:
            if self.public:
                raise PluginError(public.leak_refusal(error)) from None
            raise PluginError(f"a page template failed: {error.message}") from None
        except jinja2.TemplateError as error:
            raise PluginError(f"a page template failed: {error}") from None

    def on_env(
        self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        """Render (or take from the cache) every page MkDocs does not build, into site/."""
        if not self.config.enabled:
            return env
        start = time.perf_counter()
        # MkDocs makes a new theme environment for every build, compiling Material's templates
        # again (a second per `serve` rebuild): compiled templates are kept instead.
        env.bytecode_cache = self._bytecode_cache()
        assert self.sources is not None and self.page_renderer is not None
        assert self.nav is not None
        if overrides.is_material(config.theme):
            overrides.extend(env)
        theme = ThemePages(config, self.nav, env, files, noindex=self.config.noindex)
        site_key = digest(self.body_key, self._site_digest(config, self.nav, files))
        jobs = [
            Job(
                spec,
                digest(spec.digest, site_key),
                Path(self.own[spec.uri].abs_dest_path),
                self.own[spec.uri].dest_uri,
            )
            for spec in self.specs
            if spec.uri in self.own and not spec.in_nav
        ]
        cache = self._cache()
        cache.load()
        unchanged = {job.spec.uri: job.digest for job in jobs}
        in_place = sitedir.bring_back(
            Path(config.site_dir),
            {
                c.dest: (c.size, c.mtime)
                for uri, c in cache.manifest.items()
                if unchanged.get(uri) == c.digest and c.dest
            },
        )
        builder = PageBuilder(
            self.page_renderer,
            theme,
            self.sources,
            self.urls,
            self.headings,
            cache,
            self.page_objects,
            self.locked or ClearOutput(),
        )
        try:
            done = builder.build(jobs, self.config.workers or default_workers(), in_place)
        except RenderError as error:
            raise PluginError(str(error)) from None
        ordered = {job.spec.uri: done[job.spec.uri] for job in jobs}
        for spec in self.specs:
            if spec.uri in self.nav_search:
                theme.add_to_search(self.nav_search.pop(spec.uri))
            elif spec.uri in ordered:
                theme.add_to_search(ordered[spec.uri].search)
        cache.save(ordered, self.used_bodies, config.site_dir)
        self.bodies = {k: v for k, v in self.bodies.items() if k in self.used_bodies}
        self.used_bodies = set()
        for uri in builder.rendered:
            log.debug("rendered %s", uri)
        log.info(
            "%d pages: %d rendered, %d unchanged, in %.2f s",
            len(jobs),
            len(builder.rendered),
            len(jobs) - len(builder.rendered),
            time.perf_counter() - start,
        )
        return env

    def _site_digest(self, config: MkDocsConfig, nav: Navigation, files: Files) -> str:
        """Everything around a page's body that shows in it: the theme and its configuration,
        the navigation, the other plugins, and the versions that write the page's head."""
        import material

        # Not here: where the project lies on the disk (it may move; pages do not show it), the
        # serve address and the raw nav (the navigation as built is).
        settings = {
            key: value
            for key, value in config.items()
            if key not in ("plugins", "site_dir", "docs_dir", "config_file_path", "dev_addr")
            and key not in ("watch", "nav")
        }
        # A hook (mkdocs.yml `hooks:`) is a module among the plugins, with no config.
        plugins = [
            (name, dict(getattr(plugin, "config", {})) if plugin is not self else {})
            for name, plugin in config.plugins.items()
        ]
        written = sorted(
            (f.src_uri, f.url) for f in files.documentation_pages() if f.src_uri not in self.own
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

    # --- MkDocs around the pages ------------------------------------------------------------

    def on_template_context(self, context: Any, *, template_name: str, config: MkDocsConfig) -> Any:
        if not self.config.enabled:
            return context
        if template_name == "sitemap.xml":
            # The plugin's own pages are in the site, though MkDocs did not build them.
            extra = [self.own[s.uri] for s in self.specs if s.uri in self.page_objects]
            context["pages"] = [*context["pages"], *extra]
        return context

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        if self.locked is not None:
            self._seal_the_rest(Path(config.site_dir))
        sitedir.discard(Path(config.site_dir))
        if self.memo is not None and self.command != "serve":  # serve: when it stops
            self.memo.write(self._memo_folder())
        if self.command == "serve" and not self.settled:
            # After the first build, the parsed files, reviews and converted Markdown kept for
            # the next ones are most of the heap, and Python's collector would walk all of it in
            # every full collection of every rebuild (0.4 s of a 5,000-contact one). Freezing
            # moves what is alive now out of its way, once: memory stays what it was.
            gc.collect()
            gc.freeze()
            self.settled = True

    def _seal_the_rest(self, site_dir: Path) -> None:
        """Seal what other plugins wrote (the search index, tags.json), then make sure no page
        is left in clear: one fails the build, deleted, rather than be uploaded."""
        assert self.locked is not None
        clear = self.locked.seal_the_rest(site_dir, self.copied)
        for name in clear:
            (site_dir / name).unlink()
        if clear:
            more = f" and {len(clear) - 5} more" if len(clear) > 5 else ""
            raise PluginError(
                f"pages in site/ were not encrypted: {', '.join(clear[:5])}{more}; they were "
                "deleted. A plugin or a theme override writes pages the encrypted profile does "
                "not see: remove it from this build."
            )

    def on_build_error(self, *, error: Exception) -> None:
        if not self.config.enabled:
            return
        if self.site_dir is not None:
            sitedir.discard(self.site_dir)

    @event_priority(-100)  # last: what is sealed is the page as every plugin left it
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if not self.config.enabled:
            return output
        output = public.noindex(output) if self.config.noindex else output
        if self.locked is not None:
            return self.locked.page(output, page.file.dest_uri)
        return output

    @event_priority(-100)
    def on_post_template(self, output: str, *, template_name: str, config: MkDocsConfig) -> str:
        if not self.config.enabled:
            return output
        # The 404 page is rendered from the theme's template, not as a page.
        if not template_name.endswith(".html"):
            return output
        if self.config.noindex:
            output = public.noindex(output)
        if self.locked is not None:
            # Served at any missing address: its links start at the site's root (as MkDocs').
            root = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
            return self.locked.page_at(output, root)
        return output

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        if not self.config.enabled:
            return server
        folders = [self.data_dir, *([self.templates_dir] if self.templates_dir else [])]
        self.watcher = watch.watch(server, folders)
        return server


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return ""


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept in memory (`cache: false`), for the builds of one `serve`."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


def _nav_digest(nav: Navigation) -> str:
    def walk(items: Any) -> list[Any]:
        return [
            (type(item).__name__, str(item.title), getattr(item, "url", ""), walk(item.children))
            if getattr(item, "children", None)
            else (type(item).__name__, str(item.title), getattr(item, "url", ""))
            for item in items
        ]

    return digest(repr(walk(nav.items)))
