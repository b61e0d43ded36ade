"""How fast is the plugin, cold and incremental, next to plain MkDocs building the same pages?

    python benchmarks/run.py --n 100 1000 5000 --repeat 3 --json bench.json
    python benchmarks/run.py --n 1000 --serve-n --language de   # the same sites in German

For each N it generates a playbook of N contacts (benchmarks/generate.py) and builds, alternating,
each build a separate `mkdocs build` process:

- plugin:  a cold build, as a user's first build is (no cache, no memo, an empty site/);
- rebuild: the same project built again with nothing changed (cache, memo and pages in place);
- floor:   the same pages written out as Markdown (the plugin's HTML bodies turned back into
           Markdown with markdownify, with the same titles, tags and navigation) and built by
           plain MkDocs + Material with the same mkdocs.yml minus the plugin: what any MkDocs site
           of these pages costs;
- naive:   the floor's pages with every page in the nav, MkDocs' default (N <= 1,000 only: each
           page then carries the whole nav, and the build grows with N²).

It prints a table (stdout; progress goes to stderr) and, with --json, one object per N. It also
times `mkdocs serve` at each N of --serve-n: from saving one contact file to the served prep sheet
showing the change (serve_edit_s), and from saving the thank-you template to a prep sheet that
uses it showing the change (serve_template_edit_s), and from a Record button's request (the
write API's POST, as the page's click sends it) to the rebuilt prep sheet showing the entry it
wrote (serve_click_s), medians of --serve-edits saves (and clicks) each.

At the same N it times the ways of building that share one cache (one run each, from launch to the
prep sheet served, or to the command's end): `serve` with no cache (serve_cold_s), `serve` right
after a `mkdocs build` (serve_after_build_s), `serve` again on another port (serve_other_port_s),
`playbook pdf --contact ID` of one sheet after a build, Chromium's start included (pdf_one_s), and
the `mkdocs build` after that (build_after_pdf_s).

Wall-clock figures depend on what else the machine is doing: the load average is recorded with them.
"""

from __future__ import annotations

import argparse
import functools
import json
import multiprocessing
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _not_installed(error: ImportError) -> str:
    return (
        f"run.py: {error.name} is not installed for {sys.executable}; run it with the project's "
        "environment: .venv/bin/python benchmarks/run.py ... (`make test` makes it)"
    )


try:
    import markdownify
    import yaml

    from benchmarks.generate import TODAY, first_contact_id, generate, site_config
    from benchmarks.serve import ENV, ServeError, fetch, mkdocs_serve, wait_until
except ImportError as error:
    sys.exit(_not_installed(error))

NAIVE_MAX = 1000
MKDOCS = (sys.executable, "-m", "mkdocs")
PLAYBOOK = (sys.executable, "-m", "playbook.cli")


class BenchmarkError(Exception):
    """Something went wrong that the person running the benchmark must see, without a traceback."""


def progress(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- the floor: the same pages as plain Markdown ----------------------------------------------

_PERMALINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>')
_CHECKBOX = re.compile(
    r'<label class="task-list-control"><input type="checkbox" disabled/>'
    r'<span class="task-list-indicator"></span> (.*?)</label>'
)


def as_markdown(html: str) -> str:
    """A page body back in Markdown: headings, lists, tables, code blocks and task lists."""
    html = _CHECKBOX.sub(r"[ ] \1", _PERMALINK.sub("", html))
    return markdownify.markdownify(html, heading_style="ATX", bullets="-", code_language="text")


def plain_projects(base: Path, plugin_project: Path) -> tuple[Path, Path, int, int]:
    """The floor and naive projects: the plugin's pages as plain Markdown files, no plugin.
    Returns their folders, the number of pages and of the plugin's workers."""
    from playbook.builder.session import ASSETS
    from playbook.builder.workers import default_workers
    from playbook.core.sources import load_documents
    from playbook.logic.playbook import make_playbook
    from playbook.pages.catalogue import page_specs, render_bodies

    data = plugin_project / "data"
    pb = make_playbook(load_documents(data, plugin_project), TODAY)
    bodies = render_bodies(pb)
    docs = base / "docs"
    shutil.copytree(plugin_project / "content", docs)
    hidden = set()
    for spec in page_specs(pb, public=False):
        target = docs / spec.uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(spec.front_matter() + "\n" + as_markdown(bodies[spec.uri]), "utf-8")
        if not spec.in_nav:
            hidden.add(spec.uri)
    config = site_config()
    config["plugins"] = [
        p for p in config["plugins"] if not (isinstance(p, dict) and "playbook" in p)
    ]
    config["docs_dir"] = str(docs)
    assets = "assets/playbook"
    shutil.copytree(ASSETS, docs / assets)
    config["extra_css"] = [f"{assets}/playbook.css", f"{assets}/print.css"]
    config["extra_javascript"] = [f"{assets}/tables.js"]
    # MkDocs skips /templates/ by default (theme overrides live there); the message templates'
    # pages are real pages.
    config["exclude_docs"] = "!/templates/\n"
    floor = base / "floor"
    floor.mkdir()
    _write_yaml(floor / "mkdocs.yml", {**config, "not_in_nav": not_in_nav_patterns(hidden, docs)})
    naive = base / "naive"
    naive.mkdir()
    _write_yaml(naive / "mkdocs.yml", {k: v for k, v in config.items() if k != "nav"})
    pages = len(bodies) + sum(1 for _ in (plugin_project / "content").rglob("*.md"))
    return floor, naive, pages, default_workers()


def not_in_nav_patterns(hidden: set[str], docs: Path) -> str:
    """Gitignore patterns for exactly the hidden pages: `/dir/*.md` plus `!` for the others.

    One pattern per page would make MkDocs match every file against thousands of patterns.
    """
    lines = []
    for folder in sorted({uri.rpartition("/")[0] for uri in hidden}):
        prefix = f"{folder}/" if folder else ""
        lines.append(f"/{prefix}*.md")
        for path in sorted((docs / folder).glob("*.md")):
            uri = f"{prefix}{path.name}"
            if uri not in hidden:
                lines.append(f"!/{uri}")
    return "\n".join(lines) + "\n"


def _write_yaml(path: Path, data: dict[str, Any]) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


# --- measuring ---------------------------------------------------------------------------------


@dataclass
class Build:
    seconds: float  # wall clock
    cpu_seconds: float  # user + system, workers included
    peak_rss_mb: float  # the largest of the build and its workers


def mkdocs_build(project: Path, *, clean: bool = True) -> Build:
    """One `mkdocs build` in its own process: wall and CPU seconds, and its peak RSS.

    clean: a cold build (cache and site/ removed first); else an incremental one."""
    if clean:
        shutil.rmtree(project / ".cache", ignore_errors=True)
        shutil.rmtree(project / "site", ignore_errors=True)
    log_path = project / "build.log"
    with log_path.open("w", encoding="utf-8") as log:
        start = time.perf_counter()
        process = subprocess.Popen(
            [*MKDOCS, "build", "--quiet", "-d", "site"],
            cwd=project,
            env={**os.environ, **ENV},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        # wait4 reaps this very child and gives its resource usage, with that of the workers
        # it reaped (ru_maxrss is the largest of them, in KiB).
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        tail = "\n".join(log_path.read_text(encoding="utf-8").splitlines()[-25:])
        raise BenchmarkError(f"mkdocs build failed in {project} (full log: {log_path}):\n{tail}")
    return Build(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


@dataclass
class ServeTiming:
    start_s: float  # from launching `mkdocs serve` to the prep sheet being served
    edit_s: list[float]  # from saving the contact file to the served page showing the edit
    template_edit_s: list[float]  # from saving the template to a page using it showing it
    click_s: list[float]  # from a Record click's request to the page showing what it wrote


def measure_serve(project: Path, edits: int, timeout: float = 900) -> ServeTiming:
    """A real `mkdocs serve --livereload` on a free port: save files, poll the pages.

    Polling every 0.05 s: often enough next to a rebuild of a second, rarely enough not to slow
    it down.
    """
    contact_id = first_contact_id()
    thanked_id = thank_you_contact(project)
    url = f"contacts/{contact_id}/"
    start = time.perf_counter()
    try:
        with mkdocs_serve(project, ready=url, timeout=timeout) as (base, log_path):
            start_s = time.perf_counter() - start
            contact = project / "data" / "contacts" / f"{contact_id}.yml"
            template = project / "data" / "templates" / "thank-you.md"

            def retitle(text: str, marker: str) -> str:
                return text.replace("\ntitle: ", f"\ntitle: {marker} was ", 1)

            def postscript(text: str, marker: str) -> str:
                return text.rstrip("\n") + f"\n\nP.S. {marker}\n"

            timed = [
                _edits(contact, base + url, retitle, edits, timeout, log_path, "contact"),
                _edits(
                    template,
                    f"{base}contacts/{thanked_id}/",
                    postscript,
                    edits,
                    timeout,
                    log_path,
                    "template",
                ),
                _clicks(contact, base, url, edits, timeout, log_path),
            ]
    except ServeError as error:
        raise BenchmarkError(str(error)) from None
    return ServeTiming(start_s, *timed)


def _edits(
    path: Path,
    url: str,
    change: Callable[[str, str], str],
    edits: int,
    timeout: float,
    log_path: Path,
    what: str,
) -> list[float]:
    original = path.read_text(encoding="utf-8")
    timed = []
    try:
        for edit in range(edits):
            marker = f"Edited {what} {edit} {time.time_ns()}"
            time.sleep(2)  # let the watcher and the previous rebuild settle
            saved = time.perf_counter()
            path.write_text(change(original, marker), encoding="utf-8")
            if not wait_until(functools.partial(_shows, url, marker), timeout, 0.05):
                raise BenchmarkError(f"the {what} edit never reached {url} (log: {log_path})")
            timed.append(time.perf_counter() - saved)
            progress(f"  serve: {what} edit {edit + 1}/{edits} served after {timed[-1]:.2f} s")
    finally:
        path.write_text(original, encoding="utf-8")
    return timed


def _clicks(
    contact: Path, base: str, url: str, clicks: int, timeout: float, log_path: Path
) -> list[float]:
    """What a Record button does, timed: the write API's POST (a `note` log entry, with the
    page's token and base), then the served prep sheet polled until it shows the entry."""
    original = contact.read_bytes()
    timed = []
    try:
        for click in range(clicks):
            marker = f"Clicked {click} {time.time_ns()}"
            time.sleep(2)
            page = fetch(base + url)[1]
            token = re.search(r'name="playbook-token" content="([^"]+)"', page)
            version = re.search(r'class="pb-record-panel"[^>]* data-pb-base="([0-9a-f]+)"', page)
            if token is None or version is None:
                raise BenchmarkError(f"{url} has no Record panel (log: {log_path})")
            body = {"id": contact.stem, "kind": "note", "note": marker, "base": version[1]}
            request = urllib.request.Request(
                base + "_playbook/api/log",
                json.dumps(body).encode(),
                {"Content-Type": "application/json", "X-Playbook-Token": token[1]},
            )
            clicked = time.perf_counter()
            with urllib.request.urlopen(request, timeout=timeout) as response:
                if response.status != 200:
                    raise BenchmarkError(f"the write API answered {response.status}")
            if not wait_until(functools.partial(_shows, base + url, marker), timeout, 0.05):
                raise BenchmarkError(f"the click never reached {url} (log: {log_path})")
            timed.append(time.perf_counter() - clicked)
            progress(f"  serve: click {click + 1}/{clicks} served after {timed[-1]:.2f} s")
    finally:
        contact.write_bytes(original)
    return timed


def _shows(url: str, text: str) -> bool:
    return text in fetch(url)[1]


def thank_you_contact(project: Path) -> str:
    """A contact whose prep sheet shows the thank-you template (talked, not thanked yet)."""
    for path in sorted((project / "data" / "contacts").glob("*.yml")):
        if "\nstatus: interviewed\n" in path.read_text(encoding="utf-8"):
            return path.stem
    raise BenchmarkError("no interviewed contact in the generated playbook")


@dataclass
class Ways:
    """The ways of building that share the cache, each after the one before (seconds)."""

    serve_cold_s: float
    serve_after_build_s: float
    serve_other_port_s: float
    pdf_one_s: float
    build_after_pdf_s: float


def serve_start(project: Path, timeout: float = 900) -> float:
    """From launching `mkdocs serve` to the first prep sheet served, on a new port."""
    start = time.perf_counter()
    try:
        with mkdocs_serve(project, ready=f"contacts/{first_contact_id()}/", timeout=timeout):
            return time.perf_counter() - start
    except ServeError as error:
        raise BenchmarkError(str(error)) from None


def pdf_one(project: Path) -> float:
    """`playbook pdf --contact ID` of one sheet, Chromium's start included."""
    start = time.perf_counter()
    result = subprocess.run(
        [*PLAYBOOK, "pdf", "--contact", first_contact_id(), "-o", str(project / "one.pdf")],
        cwd=project,
        env={**os.environ, **ENV},
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise BenchmarkError(f"playbook pdf failed in {project}:\n{result.stderr[-2000:]}")
    return time.perf_counter() - start


def measure_ways(project: Path) -> Ways:
    shutil.rmtree(project / ".cache", ignore_errors=True)
    shutil.rmtree(project / "site", ignore_errors=True)
    cold = serve_start(project)
    progress(f"  serve, no cache: first page after {cold:.2f} s")
    mkdocs_build(project)  # clean: the cache holds one build's pages
    after_build = serve_start(project)
    progress(f"  serve after a build: first page after {after_build:.2f} s")
    other_port = serve_start(project)
    progress(f"  serve on another port: first page after {other_port:.2f} s")
    mkdocs_build(project, clean=False)
    pdf = pdf_one(project)
    progress(f"  playbook pdf of one sheet after a build: {pdf:.2f} s")
    after_pdf = mkdocs_build(project, clean=False).seconds
    progress(f"  mkdocs build after playbook pdf: {after_pdf:.2f} s")
    return Ways(cold, after_build, other_port, pdf, after_pdf)


# --- one N -------------------------------------------------------------------------------------


@dataclass
class Result:
    n: int
    plugin_s: float  # cold
    rebuild_s: float  # nothing changed
    floor_s: float
    naive_s: float | None
    ratio: float  # cold build / floor
    rebuild_ratio: float  # rebuild / floor
    peak_rss_mb: float
    site_mb: float
    prep_sheet_kb: float
    search_index_kb: float
    search_index_per_contact_kb: float
    dashboard_kb: float
    workers: int
    pages: int
    pages_per_s: float
    plugin_cpu_s: float  # CPU seconds (user + system, workers included), medians
    floor_cpu_s: float
    floor_peak_rss_mb: float
    largest_page: str  # the biggest HTML page of the plugin's site, and its size
    largest_page_kb: float
    serve_start_s: float | None
    serve_edit_s: float | None
    serve_template_edit_s: float | None
    serve_click_s: float | None
    serve_cold_s: float | None
    serve_after_build_s: float | None
    serve_other_port_s: float | None
    pdf_one_s: float | None
    build_after_pdf_s: float | None
    load_average: list[float]
    runs: dict[str, list[dict[str, float]]] = field(default_factory=dict)


def bench_one(n: int, repeat: int, work: Path, serve_edits: int, language: str = "") -> Result:
    load = [round(x, 2) for x in os.getloadavg()]
    base = work / f"n{n}"
    progress(f"N={n}: generating the playbook in {base}")
    project = generate(base / "plugin", n)
    if language:  # theme.language, as a user sets it: the floor's pages speak it too
        config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
        config["theme"]["language"] = language
        _write_yaml(project / "mkdocs.yml", config)
    progress(f"N={n}: writing the plugin's pages as plain Markdown (floor, naive)")
    # In a process of its own: a forked `mkdocs build` would count this process's memory (every
    # page body, held to write the floor) in its own peak, which outlives the exec.
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        floor, naive, pages, workers = pool.submit(plain_projects, base, project).result()
    variants: dict[str, tuple[Path, bool]] = {
        "plugin": (project, True),
        "rebuild": (project, False),  # right after the cold build: nothing changed
        "floor": (floor, True),
    }
    if n <= NAIVE_MAX:
        variants["naive"] = (naive, True)
    runs: dict[str, list[Build]] = {name: [] for name in variants}
    for round_ in range(repeat):
        for name, (folder, clean) in variants.items():  # alternating: drift hits all alike
            build = mkdocs_build(folder, clean=clean)
            runs[name].append(build)
            progress(
                f"N={n} round {round_ + 1}/{repeat}: {name:7} {build.seconds:7.2f} s wall, "
                f"{build.cpu_seconds:7.2f} s CPU, {build.peak_rss_mb:5.0f} MB peak "
                f"(load {os.getloadavg()[0]:.1f})"
            )
    median = {name: statistics.median(b.seconds for b in builds) for name, builds in runs.items()}
    cpu = {name: statistics.median(b.cpu_seconds for b in builds) for name, builds in runs.items()}
    site = project / "site"
    largest = max(site.rglob("*.html"), key=lambda p: p.stat().st_size)
    sheet = site / "contacts" / first_contact_id() / "index.html"
    search_kb = (site / "search" / "search_index.json").stat().st_size / 1e3
    serve = ways = None
    if serve_edits:
        progress(f"N={n}: timing mkdocs serve ({serve_edits} edits of a contact, of a template)")
        serve = measure_serve(project, serve_edits)
        progress(f"N={n}: timing serve, serve on another port, pdf, each after a build")
        ways = measure_ways(project)
    return Result(
        n=n,
        plugin_s=round(median["plugin"], 3),
        rebuild_s=round(median["rebuild"], 3),
        floor_s=round(median["floor"], 3),
        naive_s=round(median["naive"], 3) if "naive" in median else None,
        ratio=round(median["plugin"] / median["floor"], 3),
        rebuild_ratio=round(median["rebuild"] / median["floor"], 3),
        peak_rss_mb=round(max(b.peak_rss_mb for b in runs["plugin"] + runs["rebuild"]), 1),
        site_mb=round(folder_bytes(site) / 1e6, 2),
        prep_sheet_kb=round(sheet.stat().st_size / 1e3, 2),
        search_index_kb=round(search_kb, 1),
        search_index_per_contact_kb=round(search_kb / n, 3),
        dashboard_kb=round((site / "index.html").stat().st_size / 1e3, 1),
        workers=workers,
        pages=pages,
        pages_per_s=round(pages / median["plugin"], 1),
        plugin_cpu_s=round(cpu["plugin"], 3),
        floor_cpu_s=round(cpu["floor"], 3),
        floor_peak_rss_mb=round(max(b.peak_rss_mb for b in runs["floor"]), 1),
        largest_page=largest.relative_to(site).as_posix(),
        largest_page_kb=round(largest.stat().st_size / 1e3, 1),
        serve_start_s=round(serve.start_s, 2) if serve else None,
        serve_edit_s=round(statistics.median(serve.edit_s), 2) if serve else None,
        serve_template_edit_s=(
            round(statistics.median(serve.template_edit_s), 2) if serve else None
        ),
        serve_click_s=round(statistics.median(serve.click_s), 2) if serve else None,
        serve_cold_s=round(ways.serve_cold_s, 2) if ways else None,
        serve_after_build_s=round(ways.serve_after_build_s, 2) if ways else None,
        serve_other_port_s=round(ways.serve_other_port_s, 2) if ways else None,
        pdf_one_s=round(ways.pdf_one_s, 2) if ways else None,
        build_after_pdf_s=round(ways.build_after_pdf_s, 2) if ways else None,
        load_average=load,
        runs={
            name: [
                {
                    "wall_s": round(b.seconds, 3),
                    "cpu_s": round(b.cpu_seconds, 3),
                    "peak_rss_mb": round(b.peak_rss_mb, 1),
                }
                for b in builds
            ]
            for name, builds in runs.items()
        },
    )


# --- report ------------------------------------------------------------------------------------


def table(results: list[Result]) -> str:
    def num(value: float | None, digits: int = 2) -> str:
        return "–" if value is None else f"{value:,.{digits}f}"

    head = (
        "| N | cold s | rebuild s | floor s | naive s | cold/floor | rebuild/floor "
        "| peak RSS MB | search index KB (per contact) | dashboard KB "
        "| serve: contact edit→page s | serve: template edit→page s | serve: click→page s "
        "| serve cold start s | serve after build s | serve other port s | pdf one sheet s "
        "| build after pdf s |"
    )
    lines = [head, "| ---: " * (head.count("|") - 1) + "|"]
    for r in results:
        lines.append(
            f"| {r.n:,} | {num(r.plugin_s)} | {num(r.rebuild_s)} | {num(r.floor_s)} "
            f"| {num(r.naive_s)} | {num(r.ratio)} | {num(r.rebuild_ratio)} "
            f"| {num(r.peak_rss_mb, 0)} | {num(r.search_index_kb, 0)} "
            f"({num(r.search_index_per_contact_kb)}) | {num(r.dashboard_kb, 0)} "
            f"| {num(r.serve_edit_s)} | {num(r.serve_template_edit_s)} "
            f"| {num(r.serve_click_s)} "
            f"| {num(r.serve_cold_s)} | {num(r.serve_after_build_s)} "
            f"| {num(r.serve_other_port_s)} | {num(r.pdf_one_s)} | {num(r.build_after_pdf_s)} |"
        )
    return "\n".join(lines)


def targets(results: list[Result]) -> list[str]:
    """The issue's targets, checked where the run has the sizes they name."""
    by_n = {r.n: r for r in results}
    lines = []

    def check(ok: bool, text: str) -> None:
        lines.append(f"{'met   ' if ok else 'MISSED'} {text}")

    for n in (1000, 5000):
        if n in by_n:
            r = by_n[n]
            check(r.ratio <= 0.5, f"cold build / floor at N={n:,}: {r.ratio:.2f} (≤ 0.5)")
            check(
                r.rebuild_ratio <= 0.15,
                f"rebuild with nothing changed / floor at N={n:,}: {r.rebuild_ratio:.2f} (≤ 0.15)",
            )
    for n, limit in ((1000, 1.0), (5000, 2.5)):
        edit = by_n[n].serve_edit_s if n in by_n else None
        if edit is not None:
            check(
                edit <= limit, f"serve, contact edited → page at N={n:,}: {edit:.2f} s (≤ {limit})"
            )
    click = by_n[1000].serve_click_s if 1000 in by_n else None
    if click is not None:
        check(click <= 1.0, f"serve, Record click → page at N=1,000: {click:.2f} s (≤ 1.0)")
    for r in results:
        if r.n not in (1000, 5000) or r.serve_cold_s is None:
            continue
        ways = (
            ("serve after a build / serve cold start", r.serve_after_build_s, r.serve_cold_s, 0.35),
            (
                "serve on another port / serve cold start",
                r.serve_other_port_s,
                r.serve_cold_s,
                0.35,
            ),
            ("build after pdf / rebuild", r.build_after_pdf_s, r.rebuild_s, 1.5),
            ("pdf of one sheet / cold build", r.pdf_one_s, r.plugin_s, 0.5),
        )
        for name, took, base, limit in ways:
            ratio = (took or 0) / base
            check(ratio <= limit, f"{name} at N={r.n:,}: {ratio:.2f} (≤ {limit})")
    if 5000 in by_n:
        r = by_n[5000]
        check(r.peak_rss_mb <= 250, f"peak RSS at N=5,000: {r.peak_rss_mb:.0f} MB (≤ 250)")
        check(r.dashboard_kb <= 200, f"dashboard at N=5,000: {r.dashboard_kb:.0f} KB (≤ 200)")
    if 1000 in by_n and 5000 in by_n:
        growth = by_n[5000].plugin_s / by_n[1000].plugin_s
        check(growth <= 5.5, f"time(5,000)/time(1,000), cold: {growth:.2f} (≤ 5.5)")
    for r in results:
        per = r.search_index_per_contact_kb
        check(per <= 1.5, f"search index per contact at N={r.n:,}: {per:.2f} KB (≤ 1.5)")
        lines.append(
            f"info   N={r.n:,}: largest page {r.largest_page}, {r.largest_page_kb:,.0f} KB; "
            f"{r.pages:,} pages, {r.pages_per_s:,.0f} pages/s cold on {r.workers} workers"
        )
    return lines


def machine() -> str:
    cores = os.cpu_count()
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    import material
    import mkdocs

    return (
        f"{cores} cores, load average {load}; Python {sys.version.split()[0]}, "
        f"MkDocs {mkdocs.__version__}, Material {material.__version__}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Benchmark the playbook plugin against plain MkDocs on the same pages.",
        epilog="Example: python benchmarks/run.py --n 100 1000 5000 --repeat 3 --json bench.json",
    )
    parser.add_argument("--n", type=int, nargs="+", default=[100, 1000], help="contact counts")
    parser.add_argument("--repeat", type=int, default=3, help="builds of each kind per N")
    parser.add_argument("--json", type=Path, help="write the results here as a JSON array")
    parser.add_argument(
        "--serve-n",
        type=int,
        nargs="*",
        default=[1000, 5000],
        help="the N at which to time mkdocs serve (none: never)",
    )
    parser.add_argument("--serve-edits", type=int, default=3, help="saves timed under serve")
    parser.add_argument("--workdir", type=Path, help="keep the projects here (default: a temp dir)")
    parser.add_argument(
        "--language", default="", help="theme.language of the sites built (default: English)"
    )
    args = parser.parse_args(argv)
    if any(n < 1 for n in args.n) or args.repeat < 1:
        parser.error("--n values and --repeat must be at least 1")
    try:
        import material  # noqa: F401
        import mkdocs  # noqa: F401

        import playbook  # noqa: F401
    except ImportError as error:
        print(_not_installed(error), file=sys.stderr)
        return 2
    if args.workdir and args.workdir.exists() and any(args.workdir.iterdir()):
        parser.error(f"--workdir {args.workdir} is not empty; choose a new folder")
    work = args.workdir or Path(tempfile.mkdtemp(prefix="playbook-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    progress(f"machine: {machine()}")
    progress(f"projects in {work}")
    results = []
    try:
        for n in args.n:
            edits = args.serve_edits if n in args.serve_n else 0
            results.append(bench_one(n, args.repeat, work, edits, args.language))
    except BenchmarkError as error:
        print(f"run.py: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("run.py: interrupted", file=sys.stderr)
        return 130
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    print(f"Measured on {machine()}; median of {args.repeat} builds each.\n")
    print(table(results))
    print()
    print("\n".join(targets(results)))
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=2) + "\n")
        progress(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
