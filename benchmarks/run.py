"""How fast is the plugin next to plain MkDocs building the very same pages?

    python benchmarks/run.py --n 100 1000 5000 --repeat 3 --json bench.json

For each N it generates a playbook of N contacts (benchmarks/generate.py) and builds, alternating,
each build a separate `mkdocs build` process:

- plugin: the playbook through our plugin, as a user builds it;
- floor:  the Markdown files our plugin handed MkDocs for it, written out as plain files and built
          by plain MkDocs + Material with the same mkdocs.yml minus our plugin, contacts out of the
          nav (`not_in_nav`) as the plugin keeps them: what any site of these pages costs;
- naive:  the same plain files with every page in the nav, MkDocs' default (N <= 1,000 only: each
          page then carries the whole nav, and the build grows with N²).

It prints a table (stdout; progress goes to stderr) of median wall seconds, plugin/floor, pages per
second, the plugin build's peak memory (RSS), the size of site/ and of one prep sheet's HTML, and
with --json writes one object per N. It also times `mkdocs serve`: from saving one contact file to
the served prep sheet showing the change (at N = --serve-n, default 1000).

Wall-clock figures depend on what else the machine is doing: the load average is recorded with them.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
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
    import yaml

    from benchmarks.generate import TODAY, first_contact_id, generate, site_config
except ImportError as error:
    sys.exit(_not_installed(error))

NAIVE_MAX = 1000
MKDOCS = (sys.executable, "-m", "mkdocs")
ENV = {"PLAYBOOK_TODAY": TODAY.isoformat(), "NO_MKDOCS_2_WARNING": "1"}


class BenchmarkError(Exception):
    """Something went wrong that the person running the benchmark must see, without a traceback."""


def progress(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- the three projects ------------------------------------------------------------------------


@dataclass
class PluginOutput:
    """What the plugin handed MkDocs: files by src_uri, the ones kept out of the nav, settings."""

    files: dict[str, bytes]
    not_in_nav: set[str]
    extra_css: list[str]
    extra_javascript: list[str]
    extra: dict[str, Any]  # the theme's `extra`, as the plugin leaves it
    seconds: float  # the plugin's own time in-process: on_config + on_files + on_pre_build


def plugin_output(project: Path) -> PluginOutput:
    """Run the plugin's hooks in-process, as `mkdocs build` does, and keep what they produced."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import PluginError
    from mkdocs.structure.files import InclusionLevel, get_files

    os.environ.update(ENV)
    cwd = Path.cwd()
    os.chdir(project)  # mkdocs resolves relative paths in mkdocs.yml from the working folder
    try:
        config = load_config(str(project / "mkdocs.yml"))
        config.plugins.on_startup(command="build", dirty=False)
        start = time.perf_counter()
        config = config.plugins.on_config(config)
        files = config.plugins.on_files(get_files(config), config=config)
        config.plugins.on_pre_build(config=config)
        seconds = time.perf_counter() - start
    except PluginError as error:
        raise BenchmarkError(f"the plugin failed on {project}:\n{error}") from None
    finally:
        os.chdir(cwd)
    made: dict[str, bytes] = {}
    hidden: set[str] = set()
    for file in files:
        if file.generated_by is None:
            continue
        made[file.src_uri] = file.content_bytes
        if file.inclusion == InclusionLevel.NOT_IN_NAV:
            hidden.add(file.src_uri)
    return PluginOutput(
        made,
        hidden,
        list(config.extra_css),
        list(config.extra_javascript),
        dict(config.extra),
        seconds,
    )


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


def plain_projects(base: Path, plugin_project: Path) -> tuple[Path, Path, PluginOutput]:
    """The floor and naive projects: the plugin's output as plain files, without the plugin."""
    output = plugin_output(plugin_project)
    docs = base / "docs"
    shutil.copytree(plugin_project / "content", docs)
    for uri, content in output.files.items():
        target = docs / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    config = site_config()
    config["plugins"] = [
        p for p in config["plugins"] if not (isinstance(p, dict) and "playbook" in p)
    ]
    config["docs_dir"] = str(docs)
    config["extra_css"] = output.extra_css
    config["extra_javascript"] = output.extra_javascript
    config["extra"] = output.extra
    # MkDocs skips /templates/ by default (theme overrides live there); the plugin's message
    # templates pages are real pages.
    config["exclude_docs"] = "!/templates/\n"
    floor = base / "floor"
    floor.mkdir()
    _write_yaml(
        floor / "mkdocs.yml", {**config, "not_in_nav": not_in_nav_patterns(output.not_in_nav, docs)}
    )
    naive = base / "naive"
    naive.mkdir()
    _write_yaml(naive / "mkdocs.yml", {k: v for k, v in config.items() if k != "nav"})
    return floor, naive, output


def _write_yaml(path: Path, data: dict[str, Any]) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


# --- measuring ---------------------------------------------------------------------------------


@dataclass
class Build:
    seconds: float  # wall clock
    cpu_seconds: float  # user + system: less sensitive than wall time to other work on the machine
    peak_rss_mb: float


def mkdocs_build(project: Path) -> Build:
    """One `mkdocs build` in its own process: wall and CPU seconds, and its peak RSS."""
    log_path = project / "build.log"
    with log_path.open("w", encoding="utf-8") as log:
        start = time.perf_counter()
        process = subprocess.Popen(
            [*MKDOCS, "build", "--clean", "--quiet", "-d", "site"],
            cwd=project,
            env={**os.environ, **ENV},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        # wait4 reaps this very child and gives its own resource usage (ru_maxrss is in KiB).
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        tail = "\n".join(log_path.read_text(encoding="utf-8").splitlines()[-25:])
        raise BenchmarkError(f"mkdocs build failed in {project} (full log: {log_path}):\n{tail}")
    return Build(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return None


def wait_until(predicate: Any, timeout: float, interval: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False


@dataclass
class ServeTiming:
    start_s: float  # from launching `mkdocs serve` to the prep sheet being served
    rebuild_s: list[float]  # from saving the contact file to the served page showing the edit


def measure_serve(project: Path, contact_id: str, edits: int, timeout: float = 600) -> ServeTiming:
    """A real `mkdocs serve --livereload` on a free port; save a contact file, poll its page.

    Polling every 0.2 s: often enough next to a rebuild of seconds, rarely enough not to slow it.
    """
    port = free_port()
    url = f"http://127.0.0.1:{port}/contacts/{contact_id}/"
    contact = project / "data" / "contacts" / f"{contact_id}.yml"
    original = contact.read_text(encoding="utf-8")
    log_path = project / "serve.log"
    with log_path.open("w", encoding="utf-8") as log:
        start = time.perf_counter()
        process = subprocess.Popen(
            [*MKDOCS, "serve", "--livereload", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            env={**os.environ, **ENV},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:

            def served() -> bool:
                return process.poll() is not None or fetch(url) is not None

            wait_until(served, timeout, 0.2)
            if process.poll() is not None or fetch(url) is None:
                tail = "\n".join(log_path.read_text(encoding="utf-8").splitlines()[-25:])
                raise BenchmarkError(f"mkdocs serve did not serve {url} (log: {log_path}):\n{tail}")
            start_s = time.perf_counter() - start
            rebuilds = []
            for edit in range(edits):
                marker = f"Edited title {edit} {time.time_ns()}"
                text = original.replace("\ntitle: ", f"\ntitle: {marker} was ", 1)
                time.sleep(1.5)  # let the watcher settle after the previous rebuild
                saved = time.perf_counter()
                contact.write_text(text, encoding="utf-8")
                if not wait_until(lambda m=marker: m in (fetch(url) or ""), timeout, 0.2):
                    raise BenchmarkError(f"the edit never reached {url} (log: {log_path})")
                rebuilds.append(time.perf_counter() - saved)
                progress(f"  serve: edit {edit + 1}/{edits} served after {rebuilds[-1]:.2f} s")
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            contact.write_text(original, encoding="utf-8")
    return ServeTiming(start_s, rebuilds)


# --- one N -------------------------------------------------------------------------------------


@dataclass
class Result:
    n: int
    plugin_s: float
    floor_s: float
    naive_s: float | None
    ratio: float
    peak_rss_mb: float
    site_mb: float
    prep_sheet_kb: float
    pages: int
    pages_per_s: float
    plugin_cpu_s: float  # CPU seconds (user + system), medians: robust to a busy machine
    floor_cpu_s: float
    cpu_ratio: float
    plugin_own_s: float  # its build hooks in-process (pages made, not rendered): share of plugin_s
    floor_peak_rss_mb: float
    naive_site_mb: float | None
    largest_page: str  # the biggest HTML page of the plugin's site, and its size
    largest_page_kb: float
    serve_start_s: float | None
    serve_rebuild_s: float | None
    load_average: list[float]
    runs: dict[str, list[dict[str, float]]] = field(default_factory=dict)


def bench_one(n: int, repeat: int, work: Path, serve_edits: int) -> Result:
    load = [round(x, 2) for x in os.getloadavg()]
    base = work / f"n{n}"
    progress(f"N={n}: generating the playbook in {base}")
    project = generate(base / "plugin", n)
    progress(f"N={n}: writing the plugin's pages as plain files (floor, naive)")
    floor, naive, output = plain_projects(base, project)
    pages = sum(1 for uri in output.files if uri.endswith(".md")) + sum(
        1 for _ in (project / "content").rglob("*.md")
    )
    variants = {"plugin": project, "floor": floor}
    if n <= NAIVE_MAX:
        variants["naive"] = naive
    runs: dict[str, list[Build]] = {name: [] for name in variants}
    for round_ in range(repeat):
        for name, folder in variants.items():  # alternating, so drift in load hits all alike
            build = mkdocs_build(folder)
            runs[name].append(build)
            progress(
                f"N={n} round {round_ + 1}/{repeat}: {name:6} {build.seconds:7.2f} s wall, "
                f"{build.cpu_seconds:7.2f} s CPU, {build.peak_rss_mb:5.0f} MB peak "
                f"(load {os.getloadavg()[0]:.1f})"
            )
    median = {name: statistics.median(b.seconds for b in builds) for name, builds in runs.items()}
    cpu = {name: statistics.median(b.cpu_seconds for b in builds) for name, builds in runs.items()}
    contact_id = first_contact_id()
    largest = max((project / "site").rglob("*.html"), key=lambda p: p.stat().st_size)
    sheet = project / "site" / "contacts" / contact_id / "index.html"
    serve = None
    if serve_edits:
        progress(f"N={n}: timing mkdocs serve ({serve_edits} edits of contacts/{contact_id}.yml)")
        serve = measure_serve(project, contact_id, serve_edits)
    return Result(
        n=n,
        plugin_s=round(median["plugin"], 3),
        floor_s=round(median["floor"], 3),
        naive_s=round(median["naive"], 3) if "naive" in median else None,
        ratio=round(median["plugin"] / median["floor"], 3),
        peak_rss_mb=round(max(b.peak_rss_mb for b in runs["plugin"]), 1),
        site_mb=round(folder_bytes(project / "site") / 1e6, 2),
        prep_sheet_kb=round(sheet.stat().st_size / 1e3, 2),
        pages=pages,
        pages_per_s=round(pages / median["plugin"], 1),
        plugin_cpu_s=round(cpu["plugin"], 3),
        floor_cpu_s=round(cpu["floor"], 3),
        cpu_ratio=round(cpu["plugin"] / cpu["floor"], 3),
        plugin_own_s=round(output.seconds, 3),
        floor_peak_rss_mb=round(max(b.peak_rss_mb for b in runs["floor"]), 1),
        naive_site_mb=round(folder_bytes(naive / "site") / 1e6, 2) if "naive" in runs else None,
        largest_page=largest.relative_to(project / "site").as_posix(),
        largest_page_kb=round(largest.stat().st_size / 1e3, 1),
        serve_start_s=round(serve.start_s, 2) if serve else None,
        serve_rebuild_s=round(statistics.median(serve.rebuild_s), 2) if serve else None,
        load_average=load,
        runs={
            name: [
                {"wall_s": round(b.seconds, 3), "cpu_s": round(b.cpu_seconds, 3)} for b in builds
            ]
            for name, builds in runs.items()
        },
    )


# --- report ------------------------------------------------------------------------------------


def table(results: list[Result]) -> str:
    def num(value: float | None, digits: int = 2) -> str:
        return "–" if value is None else f"{value:,.{digits}f}"

    head = (
        "| N | plugin s | floor s | naive s | plugin/floor | CPU plugin/floor | pages/s "
        "| peak RSS MB | site MB | prep sheet KB | serve edit→page s |"
    )
    lines = [head, "| ---: " * (head.count("|") - 1) + "|"]
    for r in results:
        lines.append(
            f"| {r.n:,} | {num(r.plugin_s)} | {num(r.floor_s)} | {num(r.naive_s)} "
            f"| {num(r.ratio)} | {num(r.cpu_ratio)} | {num(r.pages_per_s, 0)} "
            f"| {num(r.peak_rss_mb, 0)} "
            f"| {num(r.site_mb, 1)} | {num(r.prep_sheet_kb, 1)} | {num(r.serve_rebuild_s)} |"
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
            check(
                r.ratio <= 1.15,
                f"plugin/floor at N={n:,}: {r.ratio:.2f} (≤ 1.15; in CPU time {r.cpu_ratio:.2f})",
            )
    if 1000 in by_n and 5000 in by_n:
        growth = by_n[5000].plugin_s / by_n[1000].plugin_s
        cpu_growth = by_n[5000].plugin_cpu_s / by_n[1000].plugin_cpu_s
        check(
            growth <= 5.5,
            f"time(5,000)/time(1,000): {growth:.2f} (≤ 5.5, linear; in CPU time {cpu_growth:.2f})",
        )
    if 100 in by_n and 5000 in by_n:
        change = by_n[5000].prep_sheet_kb / by_n[100].prep_sheet_kb - 1
        check(abs(change) <= 0.10, f"prep sheet at N=5,000 vs N=100: {change:+.1%} (within 10%)")
    if 5000 in by_n:
        check(
            by_n[5000].peak_rss_mb <= 250,
            f"peak RSS at N=5,000: {by_n[5000].peak_rss_mb:.0f} MB (≤ 250)",
        )
    for r in results:
        if r.serve_rebuild_s is not None:
            lines.append(
                f"info   serve at N={r.n:,}: edit to served page {r.serve_rebuild_s:.2f} s, "
                f"full build {r.plugin_s:.2f} s"
            )
        lines.append(
            f"info   N={r.n:,}: largest page {r.largest_page}, {r.largest_page_kb:,.0f} KB"
        )
        lines.append(
            f"info   N={r.n:,}: the plugin's own hooks took {r.plugin_own_s:.2f} s of the "
            f"{r.plugin_s:.2f} s build ({r.plugin_own_s / r.plugin_s:.0%})"
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
        "--serve-n", type=int, default=1000, help="N at which to time mkdocs serve (0: never)"
    )
    parser.add_argument("--serve-edits", type=int, default=3, help="edits timed under serve")
    parser.add_argument("--workdir", type=Path, help="keep the projects here (default: a temp dir)")
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
    if args.serve_n and args.serve_n not in args.n:
        progress(f"note: N={args.serve_n} (--serve-n) is not among --n: mkdocs serve is not timed")
    results = []
    try:
        for n in args.n:
            edits = args.serve_edits if n == args.serve_n else 0
            results.append(bench_one(n, args.repeat, work, edits))
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
