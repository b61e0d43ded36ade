"""A build session: what the plugin keeps across builds, and what each build does with the pages.

One session lives as long as the plugin instance: one `mkdocs build`, or every rebuild of one
`mkdocs serve` (the plugin defines on_startup). It keeps what is worth keeping between builds:
parsed files, reviews and calendar events (the memo), the page caches, the renderers and the
navigation pages' bodies. Each build's own state (`_Build`) is made afresh in `configure`.

What a build does, event by event (plugin.py hands each MkDocs event to one method here):

- configure: the profile, the encrypted profile's sealing, the plugin's stylesheets and scripts;
- add_pages: load and link the data, list the pages (catalogue.page_specs), give MkDocs a File
  for each. The navigation pages (dashboard, tables) are built by MkDocs with the body the
  session renders; every other page is excluded from MkDocs' own build, so MkDocs only computes
  its URL;
- write_pages: those excluded pages rendered (workers.py), cached by digest, in parallel,
  wrapped in the theme's page template, and joined to the search index;
- after_build: what other plugins wrote sealed (encrypted profile), every file written read for
  private values (public profile: guard.py), the memo kept.
"""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from playbook.builder import guard, keys, lock, sitedir, watch
from playbook.builder.bodies import NavBodies, RenderError, render_body
from playbook.builder.cache import Cached, PageCache
from playbook.builder.collector import Collector
from playbook.builder.lock import LockedSite
from playbook.builder.memo import Memo
from playbook.builder.renderers import Renderers
from playbook.builder.siteurl import Filler, SiteUrl
from playbook.builder.theme import (
    ThemePages,
    hide_navigation,
    make_page,
    sidebar_is_empty,
    tag_page,
    tags_plugins,
)
from playbook.builder.workers import ClearOutput, Job, PageBuilder, default_workers
from playbook.config import PlaybookConfig
from playbook.core import clock, words
from playbook.core.digests import digest
from playbook.core.problems import DataError
from playbook.core.sources import load_documents
from playbook.core.words import N_
from playbook.core.words import gettext as _
from playbook.logic.checks import template_warnings, unfilled
from playbook.logic.playbook import Playbook, make_playbook
from playbook.pages import catalogue, ics, overrides, public, script_words
from playbook.pages.addresses import page_uri
from playbook.pages.catalogue import PageSpec, Sources
from playbook.pages.checklist_labels import name_checkboxes
from playbook.pages.render import Body, Headings, Renderer

ASSETS = Path(__file__).resolve().parent.parent / "pages" / "assets"
STYLESHEETS = ("playbook.css", "print.css")
SCRIPTS = ("tables.js", "accessible.js")
WORKER_SHIM = "iframe-worker.js"  # MIT, from the npm package iframe-worker 1.0.4
PROBLEMS_TITLE = N_("Problems in the playbook data")
# `playbook pdf`'s build: the source paths of the only generated pages it prints, comma-separated.
# Those are written as a whole build writes them (same digests, same cache); the others are left
# out of site/ and of the search index, which nothing printed reads.
PRINT_ONLY = "PLAYBOOK_PRINT_ONLY"


@dataclass
class _Build:
    """What one build knows of its pages."""

    renderer: Renderer
    headings: Headings
    body_key: str
    sources: Sources
    specs: list[PageSpec]
    own: dict[str, File] = field(default_factory=dict)  # uri → File of each page it makes
    urls: dict[str, str] = field(default_factory=dict)  # every page's source path → its URL
    copied: set[str] = field(default_factory=set)  # files under site/ copied as they are
    page_objects: dict[str, Page] = field(default_factory=dict)
    nav: Navigation | None = None
    secrets: list[guard.Secret] = field(default_factory=list)  # public: what it must not write
    assets: set[str] = field(default_factory=set)  # files under site/ from the theme or the plugin


class BuildSession:
    """One plugin instance's builds: what they keep, and each one's steps (see above)."""

    def __init__(self, command: str, dirty: bool, log: logging.LoggerAdapter[Any]) -> None:
        self.command = command
        self.dirty = dirty
        self.log = log
        self.memo: Memo | None = None  # read from the cache folder on the first build
        self.renderers: Renderers | None = None
        self.caches: dict[Path, PageCache] = {}  # by folder (None: `cache: false`)
        self.nav_bodies = NavBodies()
        self.watcher: Any = None  # `serve`: what tells it a data file was saved
        # Pages of the last good build: during `serve`, each shows the problems instead of
        # going stale when an edit breaks the data, so the open page tells what to fix.
        self.last_specs: list[PageSpec] = []
        self.settled = False  # `serve`: whether what lasts between rebuilds is out of gc's way
        self.collector = Collector()  # `serve`: the collector waits for each rebuild's end
        self.problems: list[str] = []  # `serve`: the data's problems, shown on every page
        # `serve`: the Record controls' today and zone, and their words in the site's language.
        self.record_facts: dict[str, object] = {}
        # This build's settings and pages.
        self.options = PlaybookConfig()
        self.root = Path.cwd()
        self.site_dir: Path | None = None
        self.profile = "private"
        self.locked: LockedSite | None = None
        self.path_key = b""  # the encrypted profile's page addresses (lock.hide_paths)
        self.build: _Build | None = None
        self.print_only: set[str] | None = None  # PRINT_ONLY's pages; None: every page

    # --- settings -----------------------------------------------------------------------------

    @property
    def public(self) -> bool:
        return self.profile == "public"

    @property
    def cache_folder(self) -> Path | None:
        return self.root / self.options.cache_dir if self.options.cache else None

    @property
    def data_dir(self) -> Path:
        return Path(self.options.data_dir)  # made absolute by MkDocs' Dir option

    @property
    def templates_dir(self) -> Path | None:
        return Path(self.options.templates_dir) if self.options.templates_dir else None

    def configure(
        self, options: PlaybookConfig, config: MkDocsConfig, environ: Mapping[str, str]
    ) -> None:
        """The build's profile and settings; the plugin's stylesheets and scripts added."""
        if self.settled:  # a rebuild under `serve`
            self.collector.pause()
        self.options = options
        self.root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        self.site_dir = Path(config.site_dir)
        self.build = None
        only = environ.get(PRINT_ONLY)
        self.print_only = None if only is None else {uri for uri in only.split(",") if uri}
        self._speak(options, config)
        try:
            self.profile = public.choose_profile(options.profile, environ)
            if self.command == "gh-deploy" and self.profile == "private":
                raise PluginError(public.deploy_refusal(self.command))
            self.locked, self.path_key = None, b""
            if self.profile == "encrypted":
                self.locked = self._lock(config, environ)
        except (public.ProfileError, lock.LockError) as error:
            raise PluginError(str(error)) from None
        if self.memo is None:
            self.memo = Memo.read(self.cache_folder)
        if self.renderers is None:
            self.renderers = Renderers(self.cache_folder)
        # Before the user's own stylesheets, so that theirs win.
        ours = [f"assets/playbook/{sheet}" for sheet in STYLESHEETS]
        config.extra_css[:0] = [uri for uri in ours if uri not in config.extra_css]
        for script in SCRIPTS:
            uri = f"assets/playbook/{script}"
            if uri not in map(str, config.extra_javascript):
                config.extra_javascript.append(uri)
        if overrides.is_material(config.theme):
            overrides.add_to(config.theme)

    def _speak(self, options: PlaybookConfig, config: MkDocsConfig) -> None:
        """The language of the playbook's words, dates and numbers: the plugin's `language`, else
        the theme's. One the plugin does not ship is written in English, said once per build at
        INFO: a warning would fail `--strict` for a language the theme itself speaks."""
        asked = options.language or str(config.theme.get("language") or "")
        language = words.use(asked)
        if language.fell_back:
            self.log.info(language.fallback_notice())

    def _lock(self, config: MkDocsConfig, environ: Mapping[str, str]) -> LockedSite:
        if self.dirty:
            raise lock.LockError(
                "the encrypted profile builds into an emptied site/: --dirty would keep files of "
                "an earlier build there, maybe in clear"
            )
        folder = self.root / self.options.cache_dir / "encrypted"
        locked, self.path_key = lock.locked_site(
            config, environ, key_folder=folder, noindex=self.options.noindex
        )
        return locked

    def cache(self) -> PageCache:
        """The page cache, every profile's (kept in memory between `serve` rebuilds)."""
        folder = self.cache_folder
        key = folder or Path()
        if key not in self.caches:
            self.caches[key] = PageCache(folder, self.options.cache_size)
        return self.caches[key]

    # --- the pages ----------------------------------------------------------------------------

    def add_pages(self, files: Files, config: MkDocsConfig) -> Files:
        """A File for each page of the catalogue (and the plugin's assets and calendar)."""
        assert self.renderers is not None
        renderer = self.renderers.renderer(
            config, allow_html=self.options.allow_html, templates_dir=self.templates_dir
        )
        body_key = keys.body_key(
            self.options,
            self.root,
            fields_key=self.renderers.fields_key(config, allow_html=self.options.allow_html),
            profile=self.profile,
            path_key=self.path_key,
            directory_urls=config.use_directory_urls,
        )
        headings = Headings.from_config(config.mdx_configs.get("toc", {}))
        playbook = self._read()
        if playbook is None:  # `serve` goes on, every page showing the problems
            sources, specs = self._problem_pages()
        else:
            sources, specs = self._pages_of(playbook)
        build = self.build = _Build(renderer, headings, body_key, sources, specs)
        if playbook is not None:
            self.record_facts = {
                "today": playbook.today.isoformat(),
                "timezone": playbook.profile.timezone,
                "words": script_words.record_words(),
            }
        if playbook is not None and self.public:
            build.secrets = guard.secrets(playbook)
        for spec in specs:
            if files.get_file_from_path(spec.uri) is not None:
                # A hand-written page in content/ wins over a generated one of the same path.
                self.log.info("content/%s replaces the generated page of the same name", spec.uri)
                continue
            # In the nav: built by MkDocs (the navigation marks it active), with the session's
            # body. Else rendered by the session in on_env: excluded, MkDocs computes its URL.
            content = spec.front_matter() if spec.in_nav else ""
            inclusion = InclusionLevel.INCLUDED if spec.in_nav else InclusionLevel.EXCLUDED
            file = File.generated(config, spec.uri, content=content, inclusion=inclusion)
            files.append(file)
            build.own[spec.uri] = file
        self._add_assets(files, config)
        build.urls = {f.src_uri: f.url for f in files if f.is_documentation_page()}
        # Copied to site/ as they are: the theme's and the plugin's assets, static files.
        build.copied = {
            f.dest_uri for f in files if not f.is_documentation_page() and f.abs_src_path
        }
        docs = Path(config.docs_dir).resolve()
        build.assets = {
            f.dest_uri
            for f in files
            if f.dest_uri in build.copied
            and not Path(str(f.abs_src_path)).resolve().is_relative_to(docs)
        }
        if playbook is not None and not self.public and self.print_only is None:
            files.append(self._calendar(config, playbook))  # (not printed)
        return files

    def _read(self) -> Playbook | None:
        """The playbook; None while `serve` shows its problems (a build stops on them)."""
        assert self.memo is not None
        try:
            documents = load_documents(self.data_dir, self.root, self.memo.documents)
            # "Today" is the day in the profile's time zone, from the environment (clock.py).
            return make_playbook(
                documents, lambda tz: clock.today(tz=tz), lambda tz: clock.now(tz=tz)
            )
        except DataError as error:
            if self.command != "serve":
                raise PluginError(error.report()) from None
            # The server keeps running; the terminal and every open page show the problems.
            self.log.error(error.report())
            self.problems = [str(p) for p in error.problems]
            return None
        except clock.ClockError as error:
            raise PluginError(str(error)) from None

    def _pages_of(self, playbook: Playbook) -> tuple[Sources, list[PageSpec]]:
        assert self.memo is not None
        reviews = {} if self.public else self.memo.reviewer.review(playbook)
        sources = Sources(playbook, self.public, reviews)
        specs = catalogue.page_specs(playbook, public=self.public)
        self.last_specs = specs
        if not self.public:
            # A template that cannot be filled in for some contacts is said on their sheets;
            # one that breaks a rule for every contact is a mistake in it: --strict fails.
            for notice in unfilled(playbook, reviews):
                self.log.info(notice)
            for warning in template_warnings(playbook, reviews):
                self.log.warning(warning)
        return sources, specs

    def _problem_pages(self) -> tuple[Sources, list[PageSpec]]:
        report = self.problems
        sources = Sources(None, self.public, {}, problems=report)
        last = self.last_specs or [PageSpec(page_uri("dashboard"), "dashboard", "", "", ())]
        title = _(PROBLEMS_TITLE)
        specs = [catalogue.problems_page(s.uri, title, s.in_nav, report) for s in last]
        return sources, specs

    def _add_assets(self, files: Files, config: MkDocsConfig) -> None:
        assets: tuple[str, ...] = (*STYLESHEETS, *SCRIPTS, WORKER_SHIM)
        if self.locked is not None:
            assets += lock.UNLOCK_ASSETS
            lock.hide_paths(files, self.path_key, use_directory_urls=config.use_directory_urls)
        for asset in assets:
            uri = f"assets/playbook/{asset}"
            files.append(File.generated(config, uri, abs_src_path=str(ASSETS / asset)))

    def _calendar(self, config: MkDocsConfig, playbook: Playbook) -> File:
        """site/calendar.ics: conversations and due actions (private: names and places)."""
        assert self.memo is not None and self.build is not None
        urls = self.build.urls
        content = ics.calendar_ics(
            playbook,
            config.site_url or "/",
            {c: urls[page_uri("contact", c)] for c in playbook.contacts},
            memo=self.memo.events,
        )
        if self.locked is not None:
            content = self.locked.file(content, "calendar.ics")
        return File.generated(config, "calendar.ics", content=content)

    def make_page_objects(self, nav: Navigation, config: MkDocsConfig) -> None:
        """The pages MkDocs will not build still get a Page, as MkDocs would make it: the
        theme renders them, and the tags plugin lists them on the tags index."""
        build = self._this_build()
        build.nav = nav
        # Material's left sidebar holds nothing on most generated pages (with navigation tabs,
        # it shows the open tab's section): those pages give its width to the content.
        features = config.theme.get("features") or []
        build.specs = [
            hide_navigation(spec) if sidebar_is_empty(nav, spec.uri, features) else spec
            for spec in build.specs
        ]
        taggers = tags_plugins(config)
        for spec in build.specs:
            file = build.own.get(spec.uri)
            if file is None or spec.in_nav:
                continue
            page = build.page_objects[spec.uri] = make_page(spec, file, config)
            if spec.tags:
                tag_page(taggers, page)

    def before_build(self, config: MkDocsConfig) -> None:
        """Just before MkDocs empties site/: the last build's pages wait aside until on_env."""
        # The site requests no other host, offline copy included (public.own_scripts).
        shim = f"assets/playbook/{WORKER_SHIM}"
        config.extra["polyfills"] = public.own_scripts(config.extra.get("polyfills") or [], shim)
        cache = self.cache()
        cache.load(config.site_dir)
        if self.locked is not None:
            # Locked pages are sealed anew in every build: none stays. Nor does anything an
            # earlier build set aside (MkDocs' cleaning leaves hidden folders alone).
            sitedir.discard(Path(config.site_dir))
        elif cache.enabled:
            folders = {c.dest.partition("/")[0] for c in cache.manifest.values()}
            sitedir.set_aside(Path(config.site_dir), folders)

    def _nav_spec(self, page: Page) -> PageSpec | None:
        """The catalogue's entry for a navigation page this session makes; None for others."""
        build = self._this_build()
        if build.own.get(page.file.src_uri) is not page.file:
            return None
        return next((s for s in build.specs if s.uri == page.file.src_uri and s.in_nav), None)

    def page_markdown(self, markdown: str, page: Page) -> str:
        spec = self._nav_spec(page)
        if spec is not None:
            page.meta = spec.meta()  # as the catalogue has it now (on_nav may hide the sidebar)
            return ""  # the body is the session's HTML (page_content): nothing to convert
        return markdown

    def page_content(self, html: str, page: Page) -> str:
        """A navigation page's body (from memory, the cache, or rendered); others as MkDocs
        made them, their checkboxes named."""
        spec = self._nav_spec(page)
        if spec is None:
            return name_checkboxes(html)
        build = self._this_build()
        key = digest(spec.digest, build.body_key)

        def render() -> Body:
            self.log.debug("rendered %s", spec.uri)
            return self._render(spec)

        body = self.nav_bodies.body(key, spec, page.url, self.cache(), render)
        page.toc = get_toc(body.toc)
        return body.html

    def _render(self, spec: PageSpec) -> Body:
        build = self._this_build()
        try:
            return render_body(build.renderer, build.sources, spec, build.urls, build.headings)
        except RenderError as error:
            raise PluginError(str(error)) from None

    def write_pages(self, env: jinja2.Environment, config: MkDocsConfig, files: Files) -> None:
        """Render (or take from the cache) every page MkDocs does not build, into site/."""
        start = time.perf_counter()
        build = self._this_build()
        assert self.renderers is not None and build.nav is not None
        env.bytecode_cache = self.renderers.bytecode
        if overrides.is_material(config.theme):
            overrides.extend(env)
        theme = ThemePages(config, build.nav, env, files, noindex=self.options.noindex)
        site = SiteUrl.of(config.site_url, fillable=self.locked is None)
        jobs = self._jobs(config, files, site)
        if self.print_only is not None:
            jobs = [job for job in jobs if job.spec.uri in self.print_only]
        cache = self.cache()
        cache.load(config.site_dir)
        # The last build's pages, set aside before MkDocs emptied site/, back where they were:
        # those unchanged need not be written again.
        unchanged = {job.spec.uri: job.written for job in jobs}
        kept = {
            c.dest: (c.size, c.mtime)
            for uri, c in cache.manifest.items()
            if unchanged.get(uri) == c.written and c.dest
        }
        in_place = sitedir.bring_back(Path(config.site_dir), kept)
        output = self.locked or ClearOutput()
        builder = PageBuilder(
            build.renderer,
            theme,
            build.sources,
            build.urls,
            build.headings,
            cache,
            build.page_objects,
            Filler(site),
            output,
        )
        try:
            done = builder.build(jobs, self.options.workers or default_workers(), in_place)
        except RenderError as error:
            raise PluginError(str(error)) from None
        written = {job.spec.uri: done[job.spec.uri] for job in jobs}
        self._index(theme, written)
        cache.wrote |= bool(builder.rendered)  # (the workers stored what they rendered)
        bodies = self.nav_bodies.forget_unused()
        cache.save(written, bodies, config.site_dir, in_place=in_place)
        for uri in builder.rendered:
            self.log.debug("rendered %s", uri)
        took = time.perf_counter() - start
        rendered = len(builder.rendered)
        self.log.info(
            "%d pages: %d rendered, %d unchanged, in %.2f s",
            *(len(jobs), rendered, len(jobs) - rendered, took),
        )

    def _index(self, theme: ThemePages, written: Mapping[str, Cached]) -> None:
        """Every page's search entries, in the catalogue's order."""
        for spec in self._this_build().specs:
            if spec.uri in self.nav_bodies.search:
                theme.add_to_search(self.nav_bodies.search.pop(spec.uri))
            elif spec.uri in written:
                theme.add_to_search(written[spec.uri].search)

    def _jobs(self, config: MkDocsConfig, files: Files, site_url: SiteUrl) -> list[Job]:
        """The pages the session writes itself, each with its digest: its own inputs, what
        every body is made with and the site around it (the site's address as stored), and the
        digest of the page as written (the address filled in)."""
        build = self._this_build()
        assert build.nav is not None
        site = keys.site_digest(config, build.nav, files, build.own, ours=self.options)
        site_key = digest(build.body_key, site, site_url.key)
        jobs = []
        for spec in build.specs:
            file = build.own.get(spec.uri)
            if file is None or spec.in_nav:
                continue
            stored = digest(spec.digest, site_key)
            written = digest(stored, site_url.variant)
            jobs.append(Job(spec, stored, written, Path(file.abs_dest_path), file.dest_uri))
        return jobs

    # --- around the pages ---------------------------------------------------------------------

    def sitemap_pages(self, pages: list[Any]) -> list[Any]:
        """The sitemap's pages: the session's own are in the site, though MkDocs did not build
        them."""
        build = self._this_build()
        extra = [build.own[s.uri] for s in build.specs if s.uri in build.page_objects]
        return [*pages, *extra]

    def after_build(self, config: MkDocsConfig) -> None:
        site_dir = Path(config.site_dir)
        if self.locked is not None:
            self._seal_the_rest(site_dir)
        if self.public and self.build is not None:
            self._guard(site_dir)
        sitedir.discard(site_dir)
        if self.memo is not None and self.command != "serve":  # serve: when it stops
            self.memo.write(self.cache_folder)
        if self.command == "serve" and not self.settled:
            # After the first build, the parsed files, reviews and converted Markdown kept for
            # the next ones are most of the heap, and Python's collector would walk all of it in
            # every full collection of every rebuild (0.4 s of a 5,000-contact one). Freezing
            # moves what is alive now out of its way, once: memory stays what it was.
            gc.collect()
            gc.freeze()
            self.settled = True
        elif self.settled:
            self.collector.resume_later()

    def _seal_the_rest(self, site_dir: Path) -> None:
        """Seal what other plugins wrote (the search index, tags.json), then make sure no page
        is left in clear: one fails the build, deleted, rather than be uploaded."""
        assert self.locked is not None
        clear = self.locked.seal_the_rest(site_dir, self._this_build().copied)
        for name in clear:
            (site_dir / name).unlink()
        if clear:
            more = f" and {len(clear) - 5} more" if len(clear) > 5 else ""
            raise PluginError(
                f"pages in site/ were not encrypted: {', '.join(clear[:5])}{more}; they were "
                "deleted. A plugin or a theme override writes pages the encrypted profile does "
                "not see: remove it from this build."
            )

    def _guard(self, site_dir: Path) -> None:
        """The public build: no private value in any file it wrote, hand-written pages and
        other plugins' files included; else nothing of it stays in site/ (guard.py)."""
        build = self._this_build()
        leaks = guard.scan(site_dir, build.secrets, build.assets)
        if leaks:
            sitedir.empty(site_dir)
            raise PluginError(guard.refusal(leaks))

    def failed(self) -> None:
        """The build failed: nothing set aside stays in site/."""
        if self.site_dir is not None:
            sitedir.discard(self.site_dir)
        if self.settled:
            self.collector.resume_later()

    def finish_page(self, output: str, page: Page) -> str:
        """A page MkDocs built, as written: kept out of search engines, locked."""
        output = public.noindex(output) if self.options.noindex else output
        if self.locked is not None:
            return self.locked.page(output, page.file.dest_uri)
        return output

    def finish_template(self, output: str, template_name: str, config: MkDocsConfig) -> str:
        """A page MkDocs rendered from a theme template (the 404 page), likewise."""
        if not template_name.endswith(".html"):
            return output
        if self.options.noindex:
            output = public.noindex(output)
        if self.locked is not None:
            # Served at any missing address: its links start at the site's root (as MkDocs').
            root = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
            return self.locked.page_at(output, root)
        return output

    def serve(self, server: Any, config: MkDocsConfig) -> None:
        """`serve` with live reload: a saved data file (or page template) rebuilds at once, and
        the pages get their Record controls (write_api.py) where that is safe."""
        # Imported here: the write-back (ruamel.yaml and the record layer) weighs 10 MB, and
        # only a preview writes.
        from playbook.builder import write_api
        from playbook.record import changes

        folders = [self.data_dir, *([self.templates_dir] if self.templates_dir else [])]
        self.watcher = watch.watch(server, folders)
        host, port = config.dev_addr
        if self.profile != "private":
            self.log.info(
                "The Record controls are off: this preview builds the %s profile, which has "
                "no controls; they come with the private one",
                self.profile,
            )
            return
        if not write_api.is_loopback(host):
            self.log.warning(
                "The Record controls are off: they write to your data files, and %s is not a "
                "loopback address; serve on 127.0.0.1 (the default dev_addr) to have them",
                host,
            )
            return
        server.set_app(
            write_api.WriteApi(
                server.get_app(),
                host=host,
                port=port,
                data_dir=self.data_dir,
                root=self.root,
                today=lambda tz: clock.today(tz=tz),
                page_facts=lambda: {**changes.CHOICES, **self.record_facts},
            )
        )

    def shutdown(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()
        if self.memo is not None:
            self.memo.write(self.cache_folder)

    def _this_build(self) -> _Build:
        assert self.build is not None, "add_pages makes the build's pages first"
        return self.build
