"""Writing the generated pages into site/: from the cache when nothing they depend on changed,
else rendered, on every CPU core.

A page is rendered (body, then the theme around it), written to site/ and to the cache, and
forgotten: only its digest and search entries come back, so memory does not grow with the site.
Rendering is split over worker processes forked from the build: they start with everything
already loaded (the playbook, the theme, the templates) and share it with the build until they
write to it. Every page is the same whichever process renders it, so the output is byte-identical
for any number of workers.

What goes to site/ and what the cache keeps is the `Output`'s choice: the page as it is, or
(encrypted profile, lock.LockedSite) packed in the cache and locked in site/, sealed anew in
every build.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import jinja2
from mkdocs.structure.pages import Page

from playbook.builder.bodies import RenderError, render_body
from playbook.builder.cache import Cached, PageCache
from playbook.builder.siteurl import Filler
from playbook.builder.theme import ThemePages
from playbook.pages import search as playbook_search
from playbook.pages.catalogue import PageSpec, Sources
from playbook.pages.render import Body, Headings, Renderer

# Below this many pages to render, starting processes costs more than it saves.
PARALLEL_FROM = 24
CHUNKS_PER_WORKER = 8


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


class Output(Protocol):
    """What the cache keeps of a rendered page, and what site/ gets from that."""

    def stored(self, html: bytes) -> bytes: ...

    def written(self, stored: bytes, dest_uri: str) -> bytes: ...


class ClearOutput:
    """The page as rendered, in the cache and in site/ alike."""

    def stored(self, html: bytes) -> bytes:
        return html

    def written(self, stored: bytes, dest_uri: str) -> bytes:
        return stored


@dataclass(frozen=True)
class Job:
    spec: PageSpec
    digest: str  # the page as stored
    written: str  # the page as written: the digest with the site's address (siteurl.py)
    dest: Path  # where the page goes
    rel: str  # the same, under site/


@dataclass
class PageBuilder:
    """Everything a page needs to be rendered, shared with the worker processes by fork."""

    renderer: Renderer
    theme: ThemePages
    sources: Sources
    urls: dict[str, str]
    headings: Headings
    cache: PageCache
    pages: dict[str, Page]  # uri → the Page MkDocs would have made
    filler: Filler
    output: Output = field(default_factory=ClearOutput)
    rendered: list[str] = field(default_factory=list)  # uris rendered by the last build()

    def build(self, jobs: list[Job], workers: int, in_place: set[str]) -> dict[str, Cached]:
        """Every job's page in site/ (and the cache): uri → digest and search entries.

        `in_place`: pages already in site/ as the last build wrote them (sitedir.py).
        """
        done: dict[str, Cached] = {}
        todo = []
        stored_pages = []
        for job in jobs:
            cached = self.cache.hit(job.spec.uri, job.digest)
            if (
                cached is not None
                and cached.written == job.written
                and cached.dest == job.rel
                and job.rel in in_place
            ):
                done[job.spec.uri] = cached
                continue
            found = self.cache.read_page(job.digest)
            if found is None:
                todo.append(job)
            else:
                stored_pages.append((job, found))
        if (todo or stored_pages) and self.filler.needs_rule:
            # Learned here, before the workers fork, so that each has it.
            first = (todo or [job for job, _ in stored_pages])[0]
            self.filler.removal = self.theme.removal(self.pages[first.spec.uri], self.filler.site)
            self.filler.learned = True
        for job, (search, stored) in stored_pages:
            filled = self.filler.fill(stored, self.pages[job.spec.uri].url)
            if filled is None:
                todo.append(job)
                continue
            self._write(job, filled)
            done[job.spec.uri] = _written(Cached(job.digest, search), job)
        for uri, cached, converted in self._render_all(todo, workers):
            done[uri] = cached
            self.renderer.fields.remember(converted)
        self.rendered = [job.spec.uri for job in todo]
        return done

    def _render_all(
        self, jobs: list[Job], workers: int
    ) -> Iterator[tuple[str, Cached, dict[Any, str]]]:
        if workers < 2 or len(jobs) < PARALLEL_FROM or "fork" not in _start_methods():
            yield from self._render_chunk(jobs)
            return
        size = max(1, -(-len(jobs) // (workers * CHUNKS_PER_WORKER)))
        chunks = [jobs[i : i + size] for i in range(0, len(jobs), size)]
        global _BUILDER
        _BUILDER = self
        self.cache.written_elsewhere()
        try:
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
                for results in pool.map(_render_in_worker, chunks):
                    yield from results
        finally:
            _BUILDER = None

    def _render_chunk(self, jobs: list[Job]) -> list[tuple[str, Cached, dict[Any, str]]]:
        results: list[tuple[str, Cached, dict[Any, str]]] = []
        for job in jobs:
            results.append((job.spec.uri, self._render(job), {}))
        if results:  # Markdown converted here, for the main process to remember
            uri, cached, _ = results[-1]
            results[-1] = (uri, cached, dict(self.renderer.fields.take_added()))
        return results

    def _render(self, job: Job) -> Cached:
        spec = job.spec
        page = self.pages[spec.uri]
        body = render_body(self.renderer, self.sources, spec, self.urls, self.headings)
        site = self.filler.site
        stored = self._stored(page, body, site.stored)
        if spec.search == "person":
            contact = self.sources.playbook.contacts[spec.key]
            search = [playbook_search.person(page.url, contact, self.renderer.fields)]
        elif spec.search == "page":
            search = playbook_search.sections(page.url, spec.title, body.html)
        else:
            search = []
        self.cache.write_page(job.digest, search, stored)
        filled = self.filler.fill(stored, page.url)
        # The rule that fills in the site's address does not fit this page: the real value.
        self._write(job, self._stored(page, body, site.url) if filled is None else filled)
        return _written(Cached(job.digest, search), job)

    def _stored(self, page: Page, body: Body, site_url: str | None) -> bytes:
        try:
            html = self.theme.html(page, body, site_url)
        except jinja2.TemplateError as error:
            raise RenderError(
                f"{page.file.src_uri}: the theme's page template failed: {error}"
            ) from None
        return self.output.stored(html.encode("utf-8", errors="xmlcharrefreplace"))

    def _write(self, job: Job, stored: bytes) -> None:
        job.dest.parent.mkdir(parents=True, exist_ok=True)
        job.dest.write_bytes(self.output.written(stored, job.rel))


def _written(cached: Cached, job: Job) -> Cached:
    """The record of a page just written to site/: where, and its size and time there."""
    stat = job.dest.stat()
    return Cached(
        cached.digest, cached.search, job.written, job.rel, stat.st_size, stat.st_mtime_ns
    )


_BUILDER: PageBuilder | None = None


def _render_in_worker(jobs: list[Job]) -> list[tuple[str, Cached, dict[Any, str]]]:
    assert _BUILDER is not None, "forked from a build"
    return _BUILDER._render_chunk(jobs)


def _start_methods() -> list[str]:
    return multiprocessing.get_all_start_methods()
