"""New contact files: safe YAML from untrusted values, checked like hand-written data, never
overwriting anything.

Everything that adds people (`playbook add`, the importers) goes through here, so there is one way
to pick an id, one way to turn values into YAML and one way to put a file on disk. The write-back
commands (`playbook log`, `edit`...) replace a contact's file only through `replace_if_unchanged`.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Callable, Container, Iterable
from pathlib import Path
from typing import Any, cast

import yaml

from playbook.core.model import Contact
from playbook.core.parse import Document, parse_yaml
from playbook.core.text import slugify
from playbook.core.validate import validate_document

MAX_ID = 80  # model.Slug's max_length
# The order fields appear in a new file, the order of the example data.
FIELD_ORDER = ("name", "title", "company", "roles", "source", "school", "links", "status")
FIELD_ORDER_LATE = ("log", "notes", "tags", "public")


def id_from(name: str) -> str:
    """A name as an id: its slug, short enough for any file system (a 300-character name
    still makes a file) and for the `-2` that tells two people of that name apart."""
    return slugify(name)[: MAX_ID - 4].strip("-")


def contact_id(name: str, taken: Container[str]) -> str:
    """The id for a new contact: its name as a slug, then `-2`, `-3`... until it is free."""
    base = id_from(name) or "contact"
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def contact_yaml(fields: dict[str, Any]) -> str:
    """A contact file's text. Values are emitted by PyYAML, which quotes whatever needs it
    (`: `, `#`, a leading `-`, `{{`, `yes`...), so imported text can never change the structure."""
    fields = _pruned(fields)
    keys = [k for k in FIELD_ORDER if k in fields]
    keys += [k for k in fields if k not in FIELD_ORDER + FIELD_ORDER_LATE]
    keys += [k for k in FIELD_ORDER_LATE if k in fields]
    ordered = {k: fields[k] for k in keys}
    ordered.setdefault("public", False)
    text = _dump(ordered, _FastDumper)
    if "\\U" in text:
        # libyaml writes characters beyond U+FFFF (emoji) as \U escapes; PyYAML's own emitter
        # writes them as they are. Use its text when it reads back the same.
        readable = _dump(ordered, _Dumper)
        if parse_yaml(readable, "new")[0] == parse_yaml(text, "new")[0]:
            text = readable
    return text


def _dump(data: dict[str, Any], dumper: type[yaml.SafeDumper] | type[yaml.CSafeDumper]) -> str:
    return yaml.dump(
        data,
        Dumper=dumper,
        sort_keys=False,
        allow_unicode=True,  # names stay readable: José, 王伟
        default_flow_style=False,
        width=100_000,  # one value per line: never fold a long title
    )


class _Dumper(yaml.SafeDumper):
    """SafeDumper that writes multi-line text as a `|` block, the way people write notes."""


def _represent_str(dumper: yaml.representer.BaseRepresenter, value: str) -> yaml.ScalarNode:
    # PyYAML itself falls back to a quoted style when a block cannot hold the text exactly.
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)

try:  # libyaml's emitter: several times faster, which an import of thousands notices

    class _FastDumper(yaml.CSafeDumper):
        pass

    _FastDumper.add_representer(str, _represent_str)
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _FastDumper = _Dumper  # type: ignore[misc,assignment]


def _pruned(fields: dict[str, Any]) -> dict[str, Any]:
    """Without empty values (an empty cell means "not known", not a field to write)."""
    result = {}
    for key, value in fields.items():
        value = _clean(value)
        if value is not None and value != "" and value != [] and value != {}:
            result[key] = value
    return result


def _clean(value: Any) -> Any:
    if isinstance(value, dict):
        return _pruned(value)
    if isinstance(value, list):
        return [_clean(item) for item in value]
    if isinstance(value, str):
        # A lone surrogate (undecodable bytes in a command-line argument) cannot be UTF-8.
        return value.encode("utf-8", "replace").decode("utf-8")
    return value


def check_contact(text: str, rel: str, doc_id: str) -> Contact:
    """Read the text back exactly as a build would; a DataError means it must not be written."""
    data, builder = parse_yaml(text, rel)
    doc = Document("contact", doc_id, rel, data, builder.marks, builder.key_marks)
    return cast(Contact, validate_document(doc))


def create_new(path: Path, text: str) -> None:
    """Write one file that must not exist yet, all or nothing (see `create_files`)."""
    create_files([(path, text)], lambda taken: None)


def create_files(
    files: list[tuple[Path, str]], rename: Callable[[Path], Path | None]
) -> list[Path]:
    """Write new files, all or nothing each, never replacing one; the paths written.

    Each text goes to a hidden temporary file in its folder (the loader ignores dot files). Once
    all are on disk they are hard-linked to their names: linking fails if the name exists, so
    nothing is overwritten, and a name appears only with its complete content. A taken name is
    passed to `rename` for another one; when it returns None, FileExistsError is raised. The
    temporary files are removed whatever happens, Ctrl-C included.
    """
    staged: list[tuple[str, Path]] = []
    written: list[Path] = []
    path = files[0][0] if files else Path()
    try:
        for path, text in files:
            staged.append((_stage(path, text, sync=len(files) == 1), path))
        if len(files) > 1:
            _sync_all(tmp for tmp, _ in staged)  # one flush for the batch, not one per file
        for tmp, path in staged:
            while not _publish(tmp, path):
                new_path = rename(path)
                if new_path is None:
                    raise FileExistsError(errno.EEXIST, "file exists", str(path))
                path = new_path
            written.append(path)
    except FileExistsError:
        raise
    except OSError as error:
        raise WriteError(path, error) from error
    finally:
        for tmp, _ in staged:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
    return written


def replace_file(path: Path, text: str) -> None:
    """Write a file that may exist (an export the user asked to replace), all or nothing."""
    try:
        tmp = _stage(path, text, sync=True)
        try:
            os.replace(tmp, path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
    except OSError as error:
        raise WriteError(path, error) from error


class ChangedOnDisk(Exception):
    """The file is not what it was when it was read: someone saved it in between."""


class WriteError(Exception):
    """The system refused a write (permissions, a full disk, a name too long): which file, and
    the system's error. The file is as it was, and no temporary file is left."""

    def __init__(self, path: Path, error: OSError) -> None:
        self.path, self.error = path, error
        super().__init__(f"cannot write {path}: {failure(error)}")


def failure(error: OSError) -> str:
    """What the system said, in words, and what to do about it."""
    said = error.strerror or str(error)
    if error.errno in (errno.EACCES, errno.EPERM):
        said = "" if said.lower() == "permission denied" else f" ({said})"
        return f"permission denied{said}; make the folder writable for you, or run as its owner"
    if error.errno == errno.EROFS:
        return f"the file system is read-only ({said}); copy the playbook somewhere writable"
    if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return f"the disk is full ({said}); free some space and run it again"
    if error.errno == errno.ENAMETOOLONG:
        return f"the name is too long for the file system ({said}); use a shorter one"
    return said


def writable(path: Path) -> bool:
    """Whether an editor would write the file without asking: it has a write permission and
    this user may write it. (Root may write anything; a file nobody may write is still
    read-only to an editor, and so to us.)"""
    return bool(path.stat().st_mode & 0o222) and os.access(path, os.W_OK)


def replace_if_unchanged(path: Path, text: str, expected: bytes) -> None:
    """Replace a data file with `text`, all or nothing, unless its bytes are no longer
    `expected` (an editor saved it since it was read): then ChangedOnDisk, nothing written.
    WriteError when the system refuses.

    The bytes are compared, not the modification time: a file saved again unchanged is no
    conflict, and a change within the clock's resolution still is one. The new file keeps the
    old one's permissions (a contact file may be private to its owner), and its owner and group
    where the system allows it (always for root: a `playbook log` run with sudo must not leave
    someone's file root's, unreadable to them)."""
    try:
        tmp = _stage(path, text, sync=True)
    except OSError as error:
        raise WriteError(path, error) from error
    try:
        before = path.stat()
        _keep_owner(tmp, before)
        os.chmod(tmp, stat.S_IMODE(before.st_mode))
        if path.read_bytes() != expected:
            raise ChangedOnDisk(path)
        os.replace(tmp, path)
        _sync_folder(path.parent)
    except FileNotFoundError:
        raise ChangedOnDisk(path) from None  # deleted since it was read
    except OSError as error:
        raise WriteError(path, error) from error
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def _keep_owner(tmp: str, before: os.stat_result) -> None:
    """Give the new file the old one's owner and group. Only root may give a file away; anyone
    may give it a group they belong to, so that much is kept for others."""
    if not hasattr(os, "chown"):  # pragma: no cover - Windows
        return
    made = os.stat(tmp)
    if (made.st_uid, made.st_gid) == (before.st_uid, before.st_gid):
        return
    try:
        os.chown(tmp, before.st_uid, before.st_gid)
    except PermissionError:
        with contextlib.suppress(PermissionError):
            os.chown(tmp, -1, before.st_gid)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable: a crash right after it then finds the new file."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - Windows cannot open a folder
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems refuse fsync on a folder
        pass
    finally:
        os.close(fd)


def _stage(path: Path, text: str, *, sync: bool) -> str:
    # Like mkstemp, but with the usual permissions (mkstemp makes 0600; 0666 minus the umask).
    tmp = str(path.parent / f".{path.name}.{secrets.token_hex(6)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            if sync:
                os.fsync(handle.fileno())
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


def _sync_all(paths: Iterable[str]) -> None:
    """Flush the staged files to disk before any gets its name (a crash then cannot leave a
    named but empty file)."""
    if hasattr(os, "sync"):
        os.sync()
        return
    for path in paths:  # pragma: no cover - Windows has no sync()
        with open(path, "rb+") as handle:
            os.fsync(handle.fileno())


def _publish(tmp: str, path: Path) -> bool:
    """Give the staged file its name; False if the name is taken."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        return False
    except OSError as error:
        if error.errno not in _NO_HARD_LINKS:
            raise
        # Some file systems (FAT, some network shares) have no hard links: claim the name
        # exclusively, then move the complete file over the empty placeholder.
        try:
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
        except FileExistsError:
            return False
        os.replace(tmp, path)
    return True


_NO_HARD_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK}


__all__ = [
    "ChangedOnDisk",
    "WriteError",
    "check_contact",
    "contact_id",
    "contact_yaml",
    "create_files",
    "create_new",
    "failure",
    "id_from",
    "replace_file",
    "replace_if_unchanged",
    "writable",
]
