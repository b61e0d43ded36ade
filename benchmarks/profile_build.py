"""Where does a build's time go? One `mkdocs build` of a generated playbook under cProfile.

    python benchmarks/profile_build.py --n 1000 [--top 25] [--save build.prof]
    python benchmarks/profile_build.py --n 5000 --serve 5

A cold build, rendered in this one process (workers: 1) so that every page is in the profile.
Prints the whole build's time, the share spent in the plugin's own hooks (every `on_*` method of
PlaybookPlugin, everything they call included), and the plugin package's most expensive
functions. Shares are meaningful on a busy machine even when absolute times are not.

`--serve EDITS`: instead, the rebuilds `mkdocs serve` makes after each of EDITS saves of one
contact file (in this process, the plugin kept, as serve keeps it), without a profiler: each
rebuild's seconds and the seconds of every MkDocs event in it (files, nav, env, ...); what is
not in an event is MkDocs' own work.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import TODAY, generate

PACKAGE = str(Path(__file__).resolve().parent.parent / "plugins" / "playbook")


def profile_build(project: Path) -> tuple[float, pstats.Stats]:
    """Build project in this process under cProfile: (wall seconds, statistics)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ.update({"PLAYBOOK_TODAY": TODAY.isoformat(), "NO_MKDOCS_2_WARNING": "1"})
    cwd = Path.cwd()
    os.chdir(project)
    try:
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"))
        # One process: worker processes would render the pages out of the profiler's sight.
        config.plugins["playbook"].config["workers"] = 1
        config.plugins.on_startup(command="build", dirty=False)
        profiler = cProfile.Profile()
        start = time.perf_counter()
        profiler.enable()
        build(config)
        profiler.disable()
        seconds = time.perf_counter() - start
        config.plugins.on_shutdown()
    finally:
        os.chdir(cwd)
    return seconds, pstats.Stats(profiler)


def serve_rebuilds(project: Path, edits: int) -> list[tuple[float, dict[str, float]]]:
    """(seconds, seconds per MkDocs event) of the rebuild after each save, as under serve."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.plugins import PluginCollection

    events: dict[str, float] = {}
    run_event = PluginCollection.run_event

    def timed(self: PluginCollection, name: str, *args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return run_event(self, name, *args, **kwargs)
        finally:
            events[name] = events.get(name, 0.0) + time.perf_counter() - start

    def rebuild() -> float:
        # As serve does: the configuration read again for every build, its plugins kept.
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"))
        config.plugins.on_startup(command="serve", dirty=False)
        start = time.perf_counter()
        build(config, serve_url="http://127.0.0.1:8000/")
        return time.perf_counter() - start

    os.environ.update({"PLAYBOOK_TODAY": TODAY.isoformat(), "NO_MKDOCS_2_WARNING": "1"})
    contact = sorted((project / "data" / "contacts").glob("*.yml"))[0]
    original = contact.read_text(encoding="utf-8")
    cwd = Path.cwd()
    os.chdir(project)
    results = []
    try:
        rebuild()  # the first build of a serve: everything
        PluginCollection.run_event = timed  # type: ignore[method-assign]
        for edit in range(edits):
            contact.write_text(original.replace("\ntitle: ", f"\ntitle: {edit} ", 1), "utf-8")
            events.clear()
            results.append((rebuild(), dict(events)))
    finally:
        PluginCollection.run_event = run_event  # type: ignore[method-assign]
        contact.write_text(original, encoding="utf-8")
        os.chdir(cwd)
    return results


def hook_seconds(stats: pstats.Stats) -> dict[str, float]:
    """Cumulative seconds of each PlaybookPlugin hook (plugin.py's on_* functions)."""
    found: dict[str, float] = {}
    for (filename, _line, name), (_cc, _nc, _tt, cumulative, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        if (
            filename.startswith(PACKAGE)
            and filename.endswith("plugin.py")
            and name.startswith("on_")
        ):
            found[name] = found.get(name, 0.0) + cumulative
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="contacts in the generated playbook")
    parser.add_argument("--top", type=int, default=20, help="plugin functions to list")
    parser.add_argument("--save", type=Path, help="also write the raw profile here (pstats)")
    parser.add_argument("--serve", type=int, metavar="EDITS", help="time serve's rebuilds instead")
    args = parser.parse_args(argv)
    if args.serve:
        with tempfile.TemporaryDirectory(prefix="playbook-profile-") as tmp:
            project = generate(Path(tmp) / "project", args.n)
            print(f"serve rebuilds of {args.n:,} contacts (load {os.getloadavg()[0]:.2f})")
            for seconds, events in serve_rebuilds(project, args.serve):
                ranked = sorted(events.items(), key=lambda kv: -kv[1])
                shown = ", ".join(f"{name} {value:.2f}" for name, value in ranked if value >= 0.01)
                print(f"rebuild {seconds:.2f} s: {shown}")
        return 0
    with tempfile.TemporaryDirectory(prefix="playbook-profile-") as tmp:
        project = generate(Path(tmp) / "project", args.n)
        print(f"profiling one build of {args.n:,} contacts (load {os.getloadavg()[0]:.2f})")
        seconds, stats = profile_build(project)
    hooks = hook_seconds(stats)
    own = sum(hooks.values())
    print(f"whole build: {seconds:.2f} s under cProfile")
    print(f"plugin hooks: {own:.2f} s ({own / seconds:.1%})")
    for name, value in sorted(hooks.items(), key=lambda kv: -kv[1]):
        print(f"  {name:24} {value:7.3f} s")
    print(f"\nthe plugin package's functions by cumulative time (top {args.top}):")
    stats.sort_stats("cumulative").print_stats(PACKAGE.replace("\\", "/"), args.top)
    if args.save:
        stats.dump_stats(args.save)
    return 0


if __name__ == "__main__":
    sys.exit(main())
