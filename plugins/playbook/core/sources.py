"""Finding the playbook's files under data/ and loading each one, reusing those unchanged.

File names are ids: they must be safe (lowercase words joined by hyphens), end as their kind's
files do, and stay inside data/ (a link out of it is refused). A file that cannot be read still
holds its id, so references to it are not reported as unknown on top of its own problems.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from playbook.core.kinds import BY_FOLDER, FILE_KINDS, PROFILE, FileKind
from playbook.core.parse import Document, parse_document
from playbook.core.problems import DataError, Problem, quote
from playbook.core.text import SLUG, slugify


@dataclass
class Source:
    """A data file found on disk, with its kind and id."""

    kind: str
    id: str
    path: Path
    rel: str


Found = tuple[list[Source], list[Problem]]  # what find_sources found, and what it refused


def find_sources(data_dir: Path, root: Path) -> Found:
    """Every data file under data_dir, with problems for names and links that are not safe."""
    finder = _Finder(data_dir, root)
    profile = data_dir / PROFILE.file_name("profile")
    if profile.is_file() or profile.is_symlink():
        finder.add(PROFILE, "profile", profile)
    else:
        finder.refuse(
            profile,
            "the profile is missing",
            "create data/profile.yml with at least name: and pitch:",
        )
    for kind in FILE_KINDS:
        if kind.folder and (data_dir / kind.folder).is_dir():
            finder.folder(kind, data_dir / kind.folder)
    return finder.sources, finder.problems


class _Finder:
    """What find_sources found so far, and the problems with what it refused."""

    def __init__(self, data_dir: Path, root: Path) -> None:
        self.data_real = data_dir.resolve()
        self.root = root
        self.sources: list[Source] = []
        self.problems: list[Problem] = []

    def rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def refuse(self, path: Path, message: str, hint: str) -> None:
        self.problems.append(Problem(self.rel(path), 1, 1, "", message, hint))

    def add(self, kind: FileKind, item_id: str, path: Path) -> None:
        """A file to load, unless it (or a folder on its way) links out of data/."""
        try:  # resolved whether or not the file itself is a link: a linked folder counts too
            inside = path.resolve().is_relative_to(self.data_real)
        except (OSError, RuntimeError):  # a symlink loop
            self.refuse(path, "a symlink that points to itself", "delete it")
            return
        if not inside:
            self.refuse(
                path,
                "a symlink pointing outside data/",
                "copy the file into data/ instead of linking to it",
            )
            return
        self.sources.append(Source(kind.name, item_id, path, self.rel(path)))

    def folder(self, kind: FileKind, directory: Path) -> None:
        suffix = kind.suffix
        try:
            inside = directory.resolve().is_relative_to(self.data_real)
        except (OSError, RuntimeError):
            inside = False
        # scandir, not iterdir: whether an entry is a file or a link comes with the listing, so
        # thousands of contacts cost no stat each here (DocumentCache.load makes the one needed).
        with os.scandir(directory) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
        # On a case-insensitive disk Dana-Ruiz.yml and dana-ruiz.yml are one file: ids ignore case.
        taken = {
            e.name[: -len(suffix)]: directory / e.name
            for e in entries
            if e.name.endswith(suffix) and SLUG.fullmatch(e.name[: -len(suffix)])
        }
        folder_rel = self.rel(directory)
        for entry in entries:
            name = entry.name
            path = directory / name
            if name == suffix:
                self.refuse(
                    path,
                    "the file name is empty",
                    f"name the file after its id, like {kind.file_name(kind.example)}",
                )
            # A link is asked about first: is_file() raises on a loop of links.
            elif name.startswith(".") or not (entry.is_symlink() or entry.is_file()):
                continue
            elif name.endswith(".yaml") and suffix == ".yml":
                self.refuse(path, "data files end in .yml", f"rename it to {path.stem}.yml")
            elif name.endswith(suffix):
                item_id = name[: -len(suffix)]
                if not SLUG.fullmatch(item_id):
                    self.refuse(
                        path,
                        f"{quote(item_id)} is not a safe id",
                        self._id_hint(kind, item_id, taken),
                    )
                elif inside and not entry.is_symlink():
                    # No link, in a folder inside data/: taken as it is (resolving thousands of
                    # paths on every `serve` rebuild would cost a good part of it).
                    self.sources.append(Source(kind.name, item_id, path, f"{folder_rel}/{name}"))
                else:
                    self.add(kind, item_id, path)

    def _id_hint(self, kind: FileKind, item_id: str, taken: dict[str, Path]) -> str:
        twin = taken.get(item_id.lower())
        if twin is not None:
            return (
                f"it is the same id as {self.rel(twin)} (ids ignore case), so merge the two files"
            )
        return (
            "file names are lowercase words joined by hyphens, "
            f"like {kind.file_name(slugify(item_id) or kind.example)}"
        )


class FileError(DataError):
    """The problems that stopped one file from loading. Its id still exists: references to it
    are not reported as unknown on top of its own problems."""

    def __init__(self, problems: list[Problem], kind: str, doc_id: str) -> None:
        super().__init__(problems)
        self.kind = kind
        self.id = doc_id


class DocumentCache:
    """Parsed files keyed by path, reused while size and modification time are unchanged.

    `mkdocs serve` rebuilds on every save; with this, a one-file edit re-reads one file.
    """

    def __init__(self) -> None:
        self._entries: dict[Path, tuple[tuple[int, int], Document | FileError]] = {}
        self.version = 0  # counts changes: whether a build has something new to remember

    def forget_others(self, paths: set[Path]) -> None:
        """Drop the files that are gone."""
        for path in [p for p in self._entries if p not in paths]:
            del self._entries[path]
            self.version += 1

    def load(self, source: Source) -> Document:
        stat = source.path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
        cached = self._entries.get(source.path)
        if cached is None or cached[0] != stamp:
            try:
                result: Document | FileError = parse_document(
                    source.path, source.rel, source.kind, source.id
                )
            except DataError as error:
                result = FileError(error.problems, source.kind, source.id)
            cached = (stamp, result)
            self._entries[source.path] = cached
            self.version += 1
        if isinstance(cached[1], FileError):
            raise cached[1]
        return cached[1]


def load_documents(
    data_dir: Path, root: Path, cache: DocumentCache | None = None, found: Found | None = None
) -> Iterator[Document | DataError]:
    """Every document under data_dir, or the error that stopped each one. `found`: what
    find_sources found there, when the caller has just looked (listing 1,000 files: 15 ms)."""
    cache = cache or DocumentCache()
    sources, problems = found or find_sources(data_dir, root)
    for problem in problems:
        # A file refused by name or link still holds an id that others may point at.
        path = Path(problem.file)
        kind = BY_FOLDER.get(path.parent.name)
        yield FileError([problem], kind.name, path.stem) if kind else DataError([problem])
    cache.forget_others({source.path for source in sources})
    for source in sources:
        try:
            yield cache.load(source)
        except DataError as error:
            yield error
        except OSError as error:
            yield FileError(
                [Problem(source.rel, 1, 1, "", f"cannot read the file: {error.strerror}")],
                source.kind,
                source.id,
            )
