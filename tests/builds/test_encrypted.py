"""The encrypted profile: the whole playbook, hosted, readable with the passphrase alone.

Here: what the build writes (every page locked at an address that names nobody, every other
private file sealed, one random salt per build, a fresh nonce per item, the passphrase nowhere on
disk), what it refuses, and what its cache keeps. The leak scans are in test_public_leaks.py, the
owner's side in the browser in test_browser_encrypted.py.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from html import escape
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin

import pytest
import yaml

from helpers.core import playbook_of
from helpers.hosting import Published, References, make, user_copy
from helpers.incremental import build, edit_yaml, project_from
from helpers.project import EXAMPLE_DATA, make_project, mkdocs_build
from helpers.sealed import ENCRYPTED, PASSPHRASE, address, envelope_of, opened_site
from playbook.builder import lock, seal
from playbook.pages import catalogue

SITE_NAME = "Interview Playbook"


def envelopes(site: Path) -> dict[str, dict]:
    return {
        p.relative_to(site).as_posix(): e
        for p in sorted(site.rglob("*"))
        if p.is_file() and (e := envelope_of(p)) is not None
    }


# --- what the build writes ----------------------------------------------------------------------


def test_every_generated_page_is_locked_at_an_address_that_names_nobody(
    published_private: Published,
) -> None:
    site, repo = published_private.site, published_private.repo
    specs = catalogue.page_specs(playbook_of(EXAMPLE_DATA), public=False)
    # The example has a page of every kind: a new kind of page is checked here as it comes.
    assert {s.kind for s in specs} == set(catalogue.PAGE_KINDS) - {"problems"}
    opened = opened_site(site)
    for spec in specs:
        where = f"{address(repo, spec.uri)}index.html"
        assert re.fullmatch(r"([0-9a-f]{20}/)?index\.html", where), where
        assert lock.is_locked(site / where), spec.uri
        title = f"<title>{escape(spec.title)} - {SITE_NAME}</title>"
        assert title in opened[where].decode(), spec.uri
    # Whatever MkDocs renders is locked too: hand-written pages, the tags index, the 404 page.
    assert lock.is_locked(site / address(repo, "guide/prepare.md") / "index.html")
    assert b'<h1 id="tags">Tags' in opened[f"{address(repo, 'tags.md')}index.html"]
    assert b"404 - Not found" in opened["404.html"]


def test_every_file_is_locked_sealed_or_a_copy_of_an_asset(published_private: Published) -> None:
    site = published_private.site
    sealed = envelopes(site)
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        name = path.relative_to(site).as_posix()
        if name in sealed:
            assert lock.is_locked(path) == name.endswith(".html")
        else:
            assert name.startswith("assets/"), f"{name} is in clear"
            assert not name.endswith(".html")
    # The ones that name people, each sealed and holding them.
    opened = opened_site(site)
    for name in ("search/search_index.json", "tags.json", "calendar.ics"):
        assert name in sealed and b"Dana Ruiz" in opened[name], name
    # The calendar's links to prep sheets lead where the sheets are.
    sheet = address(published_private.repo, "contacts/dana-ruiz.md")
    assert f"{published_private.base}{sheet}".encode() in opened["calendar.ics"]
    assert b"contacts/dana-ruiz" not in opened["calendar.ics"]


def test_every_link_of_every_page_opened_leads_to_a_file_of_the_site(
    published_private: Published,
) -> None:
    """The opaque addresses are used everywhere: nav, links, tags, scripts, the 404 page."""
    site, base = published_private.site, published_private.base
    broken, followed = [], 0
    for name, data in opened_site(site).items():
        if not name.endswith(".html"):
            continue
        parser = References()
        parser.feed(data.decode("utf-8"))
        for _, reference in parser.found:
            target = urldefrag(urljoin(base + name, reference)).url.partition("?")[0]
            if not target.startswith(base):
                continue  # mailto:, tel:, a link out
            path = unquote(target.removeprefix(base))
            followed += 1
            if not (site / path).is_file() and not (site / path / "index.html").is_file():
                broken.append(f"{name}: {reference}")
    assert followed > 1000 and broken == []


def test_one_random_salt_per_build_and_a_fresh_nonce_per_item(
    published_private: Published, tmp_path: Path
) -> None:
    sealed = envelopes(published_private.site)
    assert len(sealed) > 40
    assert {e["salt"] for e in sealed.values()} == {next(iter(sealed.values()))["salt"]}
    assert {e["iterations"] for e in sealed.values()} == {
        seal.ITERATIONS
    } and seal.ITERATIONS >= 600_000
    assert {(e["kdf"], e["cipher"]) for e in sealed.values()} == {
        ("PBKDF2-HMAC-SHA256", "AES-256-GCM")
    }
    nonces = [e["data"][: 2 * seal.NONCE_BYTES] for e in sealed.values()]
    assert len(set(nonces)) == len(nonces)
    again = mkdocs_build(make_project(tmp_path), env=ENCRYPTED)
    salts = {e["salt"] for e in envelopes(again.site).values()}
    assert len(salts) == 1 and salts.isdisjoint({e["salt"] for e in sealed.values()})


def test_the_key_is_pbkdf2_hmac_sha256_and_gcm_tells_a_wrong_passphrase_from_a_changed_file() -> (
    None
):
    key = seal.Key.derive(PASSPHRASE, iterations=1000)  # the real count is tested above
    assert len(key.salt) == 16 and key.salt != seal.Key.derive(PASSPHRASE, iterations=1000).salt
    # The same derivation by the standard library: no home-made key derivation.
    assert key.raw == hashlib.pbkdf2_hmac("sha256", PASSPHRASE.encode(), key.salt, 1000, 32)
    sealer = seal.Sealer(key)
    envelope = json.loads(sealer.file(b"Dana Ruiz, Brightside Agency", "calendar.ics"))
    assert seal.open_with(key, envelope, "calendar.ics") == b"Dana Ruiz, Brightside Agency"
    assert sealer.key.seal(b"x", "a") != sealer.key.seal(b"x", "a")  # a fresh nonce each time
    with pytest.raises(seal.Unopenable, match="wrong passphrase"):
        seal.open_with(seal.Key.derive("not the passphrase", key.salt, 1000), envelope, "x")
    changed = envelope["data"][:-1] + ("0" if envelope["data"][-1] != "0" else "1")
    with pytest.raises(seal.Unopenable, match="changed after it was built"):
        seal.open_with(key, {**envelope, "data": changed}, "calendar.ics")


def test_each_item_is_bound_to_its_address_and_a_moved_one_is_refused() -> None:
    sealer = seal.Sealer(seal.Key.derive(PASSPHRASE, iterations=1000))
    dana, grace = "1111aaaa2222bbbb3333/", "4444cccc5555dddd6666/"
    envelope = sealer.envelope(sealer.pack(b"Dana Ruiz's prep sheet"), dana)
    assert seal.open_with(sealer.key, envelope, dana) == b"Dana Ruiz's prep sheet"
    for elsewhere in (grace, "", "calendar.ics", seal.ANYWHERE):
        with pytest.raises(seal.Unopenable, match="moved"):
            seal.open_with(sealer.key, envelope, elsewhere)
    # Claiming to be the page served anywhere (404) does not help a moved page either.
    with pytest.raises(seal.Unopenable, match="moved"):
        seal.open_with(sealer.key, {**envelope, "anywhere": True}, grace)
    missing = sealer.envelope(sealer.pack(b"Not found"), seal.ANYWHERE)
    assert seal.open_with(sealer.key, missing, grace) == b"Not found"
    assert seal.page_address("index.html") == "" and seal.page_address("ab/index.html") == "ab/"


@pytest.mark.parametrize("size", [0, 1, 4091, 4092, 20_000, 65_530, 100_000, 1_000_000, 5 << 20])
def test_every_sealed_item_is_padded_to_a_size_bucket(size: int) -> None:
    data = bytes(range(256)) * (size // 256) + bytes(size % 256)
    padded = seal.padded(data)
    assert seal.unpadded(padded) == data
    step = max(4096, (1 << (len(data) + 4).bit_length() - 1) // 16)
    assert len(padded) % step == 0 and len(padded) - step < len(data) + 4 <= len(padded)
    assert len(padded) <= max(4096, (len(data) + 4) * 1.0625 + 1)


def test_a_small_edit_changes_no_files_size(tmp_path: Path) -> None:
    project = project_from(tmp_path, EXAMPLE_DATA)
    first = build(project, project / "site", env=ENCRYPTED).files()
    dana = project / "data/contacts/dana-ruiz.yml"
    edit_yaml(dana, "Happy to talk after the holiday", "Happy to talk after the long holiday")
    second = build(project, project / "site", env=ENCRYPTED).files()
    assert sorted(first) == sorted(second)
    sizes = {name: (len(first[name]), len(second[name])) for name in first}
    assert [name for name, (a, b) in sizes.items() if a != b] == []
    assert first != second  # sealed anew, all of it


def test_the_encrypted_build_writes_no_sitemap(published_private: Published) -> None:
    """It would list every page's address and the build's date, and no search engine may read
    the site anyway."""
    assert not list(published_private.site.glob("sitemap.xml*"))


def test_the_passphrase_and_its_key_are_written_nowhere(published_private: Published) -> None:
    salt = bytes.fromhex(next(iter(envelopes(published_private.site).values()))["salt"])
    key = seal.Key.derive(PASSPHRASE, salt).raw
    secrets = [PASSPHRASE.encode(), key, key.hex().encode()]
    for path in (p for p in published_private.repo.rglob("*") if p.is_file()):
        data = path.read_bytes()
        assert not any(secret in data for secret in secrets), path


def test_a_page_another_plugin_writes_in_clear_fails_the_build_and_is_deleted(
    tmp_path: Path,
) -> None:
    project = make_project(tmp_path)
    hook = project / "leaky_hook.py"
    hook.write_text(
        "from pathlib import Path\n\n\n"
        "def on_post_build(config, **kwargs):\n"
        "    page = Path(config.site_dir) / 'leak' / 'index.html'\n"
        "    page.parent.mkdir()\n"
        "    page.write_text('<h1>Dana Ruiz</h1>')\n"
        "    (Path(config.site_dir) / 'notes.json').write_text('{\"who\": \"Dana Ruiz\"}')\n"
    )
    config = yaml.safe_load((project / "mkdocs.yml").read_text())
    (project / "mkdocs.yml").write_text(yaml.safe_dump({**config, "hooks": [str(hook)]}))
    built = mkdocs_build(project, env=ENCRYPTED, check=False)
    assert built.returncode == 1
    assert "pages in site/ were not encrypted: leak/index.html; they were deleted" in built.output
    assert "Traceback" not in built.output
    assert not (built.site / "leak" / "index.html").exists()
    assert lock.is_sealed_file(built.site / "notes.json")  # a file, not a page: sealed


# --- what it refuses ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("passphrase", "says"),
    [
        ("", "the encrypted profile needs a passphrase: set PLAYBOOK_PASSPHRASE"),
        ("            ", "the encrypted profile needs a passphrase: set PLAYBOOK_PASSPHRASE"),
        ("elevenchars", "PLAYBOOK_PASSPHRASE is 11 characters long; the encrypted profile needs "
         "at least 12"),
    ],
)  # fmt: skip
def test_an_encrypted_build_without_a_good_passphrase_is_refused(
    tmp_path: Path, passphrase: str, says: str
) -> None:
    project = make_project(tmp_path)
    env = {**ENCRYPTED, "PLAYBOOK_PASSPHRASE": passphrase}
    built = mkdocs_build(project, env=env, check=False)
    assert built.returncode == 1
    assert says in built.output
    if passphrase.strip():
        assert "Use a few random words" in built.output
    assert "Traceback" not in built.output
    assert not built.site.exists() or not any(built.site.iterdir())


def test_make_publish_private_without_a_passphrase_says_how_to_give_one(tmp_path: Path) -> None:
    repo = user_copy(tmp_path)
    result = make(repo, "publish-private")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "read -rs PLAYBOOK_PASSPHRASE && export PLAYBOOK_PASSPHRASE" in output
    assert "repository secret" in output and "Traceback" not in output
    assert not (repo / "site" / "index.html").exists()


@pytest.mark.parametrize(
    ("passphrase", "accepted"),
    [
        ("twelve chars", True),
        ("eleven char", False),
        ("cafe\u0301 au lai", False),  # 12 code points, 11 characters once composed
        ("caf\u00e9 au lait", True),
    ],
)
def test_the_length_rule_counts_characters(passphrase: str, accepted: bool) -> None:
    environ = {"PLAYBOOK_PASSPHRASE": passphrase, "PLAYBOOK_WEAK_PASSPHRASE": "accept"}
    if accepted:
        assert lock.passphrase(environ) == passphrase
    else:
        with pytest.raises(lock.LockError, match="at least 12"):
            lock.passphrase(environ)


@pytest.mark.parametrize(
    ("passphrase", "feedback"),
    [
        ("password1234", "This is a very common password."),
        ("aaaaaaaaaaaa", 'Repeats like "aaa" are easy to guess.'),
        ("abcdefghijkl", 'Sequences like "abc" or "6543" are easy to guess.'),
        ("interview playbook", "zxcvbn expects it to fall within 10^"),  # the site's name
    ],
)
def test_a_weak_passphrase_is_refused_with_zxcvbns_feedback_unless_accepted(
    passphrase: str, feedback: str
) -> None:
    environ = {"PLAYBOOK_PASSPHRASE": passphrase}
    with pytest.raises(lock.LockError, match="too easy to guess") as refused:
        lock.passphrase(environ, ["Interview Playbook"])
    assert feedback in str(refused.value)
    assert "PLAYBOOK_WEAK_PASSPHRASE=accept" in str(refused.value)
    accepted = {**environ, "PLAYBOOK_WEAK_PASSPHRASE": "accept"}
    assert lock.passphrase(accepted, ["Interview Playbook"]) == passphrase
    strong = {"PLAYBOOK_PASSPHRASE": PASSPHRASE}
    assert lock.passphrase(strong, ["Interview Playbook"]) == PASSPHRASE


def test_the_encrypted_profile_refuses_what_would_leave_pages_in_clear(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    dirty = mkdocs_build(project, "--dirty", env=ENCRYPTED, check=False)
    assert dirty.returncode == 1 and "--dirty would keep files" in dirty.output
    config = yaml.safe_load((project / "mkdocs.yml").read_text())
    (project / "mkdocs.yml").write_text(
        yaml.safe_dump({**config, "plugins": [*config["plugins"], "offline"]})
    )
    offline = mkdocs_build(project, env=ENCRYPTED, check=False)
    assert offline.returncode == 1 and "cannot be encrypted" in offline.output


# --- what the cache keeps -----------------------------------------------------------------------


def test_an_incremental_encrypted_build_opens_to_the_very_site_a_cold_build_does(
    tmp_path: Path,
) -> None:
    project = project_from(tmp_path, EXAMPLE_DATA)
    first = build(project, project / "site", env=ENCRYPTED)
    before = first.files()
    edit_yaml(project / "data/contacts/dana-ruiz.yml", "Led the Northwind", "Led the Zephyrine")
    second = build(project, project / "site", env=ENCRYPTED)
    # The cache keeps rendered pages (packed, on this machine): only what depends on the edit
    # is rendered again...
    assert "contacts/dana-ruiz.md" in second.rendered
    assert "questions/tiara.md" not in second.rendered and len(second.rendered) < 20
    # ...but every page is sealed anew, under a new salt: the deployed files tell nobody which
    # pages changed.
    after = second.files()
    locked = [name for name in after if name.endswith(".html")]
    assert all(after[name] != before.get(name) for name in locked)
    # A cold build (no cache; the same page addresses) opens to the same bytes, file for file.
    cold = tmp_path / "cold"
    shutil.copytree(project, cold, ignore=shutil.ignore_patterns(".cache", "site"))
    keys = cold / ".cache/playbook/encrypted"
    keys.mkdir(parents=True)
    shutil.copy(project / ".cache/playbook/encrypted" / lock.PATH_KEY_FILE, keys)
    cold_build = build(cold, cold / "site", env=ENCRYPTED)
    assert len(cold_build.rendered) > 30
    ours, theirs = opened_site(second.site), opened_site(cold_build.site)
    assert sorted(ours) == sorted(theirs)
    assert [name for name in ours if ours[name] != theirs[name]] == []
    assert b"Zephyrine" in ours[f"{address(project, 'contacts/dana-ruiz.md')}index.html"]
