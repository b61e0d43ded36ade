"""The preview's write API (issue 23) on a real `mkdocs serve`: each command records through the
command line's write-back, a bad value or a stale page writes nothing, and every request that
could come from another web page is refused. Also: where the API is off, and that no built
site carries its token, address or controls."""

from __future__ import annotations

import http.client
import json
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from benchmarks.serve import fetch, mkdocs_serve

from helpers.project import make_project, mkdocs_build, snapshot
from helpers.sealed import opened_site
from playbook.record.apply import digest

TOKEN = re.compile(r'<meta name="playbook-token" content="([^"]+)">')


class Preview:
    """A running preview of a copy of the example, and how to talk to it."""

    def __init__(self, base: str, project: Path, log: Path) -> None:
        self.base, self.project, self.log = base, project, log
        self.host = base.split("/")[2]
        self.token = TOKEN.search(fetch(base)[1]).group(1)  # type: ignore[union-attr]

    def file(self, contact_id: str) -> Path:
        return self.project / "data" / "contacts" / f"{contact_id}.yml"

    def post(
        self,
        command: str,
        body: Any,
        *,
        headers: dict[str, str] | None = None,
        raw: bytes | None = None,
    ) -> tuple[int, dict[str, Any]]:
        sent = {
            "Host": self.host,
            "Content-Type": "application/json",
            "X-Playbook-Token": self.token,
            **(headers or {}),
        }
        sent = {k: v for k, v in sent.items() if v}
        connection = http.client.HTTPConnection(self.host, timeout=30)
        payload = raw if raw is not None else json.dumps(body).encode()
        connection.request("POST", f"/_playbook/api/{command}", payload, sent)
        response = connection.getresponse()
        answer = response.read()
        assert not any(h.lower().startswith("access-control-") for h, _ in response.getheaders())
        connection.close()
        return response.status, json.loads(answer or b"{}")


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Preview]:
    project = make_project(tmp_path_factory.mktemp("preview"), copy_data=True)
    with mkdocs_serve(project) as (base, log):
        yield Preview(base, project, log)


GOOD = {
    "log": {"id": "tom-becker", "kind": "outreach", "note": "A short email", "date": "2026-11-24"},
    "schedule": {
        "id": "priya-shah",
        "when": "2026-12-07T11:00",
        "minutes": 25,
        "medium": "phone",
        "where": "She calls me",
    },
    "status": {"id": "ben-okafor", "status": "closed"},
    "learned": {"id": "rachel-kim", "kind": "tool", "text": "Figma", "note": "Every day"},
}
# A value the playbook refuses, with the line the command line would print for it.
BAD = {
    "log": ({"id": "tom-becker", "kind": "outreech"}, r":\d+:\d+: log\[\d+\]\.kind: .*outreach"),
    "schedule": (
        {"id": "priya-shah", "when": "2026-12-07T11:00", "minutes": 0},
        r":\d+:\d+: interview\.minutes: ",
    ),
    "status": ({"id": "ben-okafor", "status": "clossed"}, r":\d+:\d+: status: .*closed"),
    "learned": (
        {"id": "rachel-kim", "kind": "tool", "text": "Figma", "role": "brand-marketting"},
        r":\d+:\d+: learned\[\d+\]\.role: .*brand-marketing",
    ),
}


@pytest.mark.parametrize("command", list(GOOD))
def test_each_command_refuses_a_bad_value_then_a_stale_page_then_records(
    preview: Preview, command: str
) -> None:
    contact_id = GOOD[command]["id"]
    path = preview.file(contact_id)
    before = path.read_bytes()
    # A bad value: the command line's FILE:LINE:COLUMN line, and the file as it was.
    body, line = BAD[command]
    status, answer = preview.post(command, {**body, "base": digest(before)})
    assert status == 422 and answer["ok"] is False, answer
    assert re.search(f"data/contacts/{contact_id}.yml{line}", answer["error"]), answer["error"]
    assert path.read_bytes() == before
    # A page built from another version of the file: 409, nothing written.
    status, answer = preview.post(command, {**GOOD[command], "base": "0" * 32})
    assert status == 409 and "reload" in answer["error"]
    assert path.read_bytes() == before
    # The page's own version: recorded, with the file and the diff.
    status, answer = preview.post(command, {**GOOD[command], "base": digest(before)})
    assert status == 200 and answer["ok"] is True, answer
    assert answer["file"] == f"data/contacts/{contact_id}.yml"
    after = path.read_bytes()
    assert after != before and answer["diff"].startswith(f"--- a/data/contacts/{contact_id}.yml")
    assert after.startswith(before.splitlines(keepends=True)[0])  # the $schema comment stays


def test_a_field_that_is_missing_unknown_or_of_the_wrong_type_is_refused(
    preview: Preview,
) -> None:
    before = snapshot(preview.project / "data")
    for body, field in [
        ({"kind": "note"}, "id"),
        ({"id": "tom-becker", "kind": "note", "colour": "red"}, "colour"),
        ({"id": "tom-becker", "kind": "note", "date": "yesterday"}, "date"),
        ({"id": "tom-becker", "kind": 3}, "kind"),
        ({"id": "tom-becker", "kind": "note", "note": "a NUL\u0000 in it"}, "note"),
        ({"id": "tom-becker", "kind": "note", "note": "half \ud83d a face"}, "note"),
        ([1, 2], "body"),
    ]:
        status, answer = preview.post("log", body)
        assert status == 400 and answer["error"].startswith(f"{field}: "), answer
    status, answer = preview.post("schedule", {"id": "tom-becker", "when": "soon"})
    assert status == 400 and "is not a date-time" in answer["error"]
    status, answer = preview.post("log", {"id": "tom-bekker", "kind": "note"})
    assert status == 400 and 'did you mean "tom-becker"' in answer["error"]
    status, answer = preview.post("erase", {"id": "tom-becker"})
    assert status == 404
    status, answer = preview.post("log", None, raw=b"{not json")
    assert status == 400
    assert snapshot(preview.project / "data") == before


def test_every_request_another_page_could_send_is_refused(preview: Preview) -> None:
    before = snapshot(preview.project / "data")
    body = {"id": "tom-becker", "kind": "note", "note": "should never be written"}
    refused = {
        "another host name (DNS rebinding)": (
            {"Host": f"evil.example:{preview.host.split(':')[1]}"},
            403,
        ),
        "another port": ({"Host": "127.0.0.1:1"}, 403),
        "a foreign origin": ({"Origin": "http://evil.example"}, 403),
        "another local port's origin": ({"Origin": "http://127.0.0.1:1"}, 403),
        "no token": ({"X-Playbook-Token": ""}, 403),
        "a wrong token": ({"X-Playbook-Token": preview.token[:-1] + "x"}, 403),
        "a form": ({"Content-Type": "application/x-www-form-urlencoded"}, 415),
        "plain text": ({"Content-Type": "text/plain"}, 415),
        "no content type": ({"Content-Type": ""}, 415),
    }
    for why, (headers, expected) in refused.items():
        status, answer = preview.post("log", body, headers=headers)
        assert (status, answer["ok"]) == (expected, False), why
    # Over 64 KiB: refused before it is read.
    big = json.dumps({**body, "note": "x" * 65_536}).encode()
    assert preview.post("log", None, raw=big)[0] == 413
    # The served origin itself may write (what the page does).
    status, _ = preview.post(
        "log", {**body, "note": ""}, headers={"Origin": f"http://{preview.host}"}
    )
    assert snapshot(preview.project / "data") != before and status == 200
    # Other methods: no CORS preflight answer, nothing else.
    connection = http.client.HTTPConnection(preview.host, timeout=30)
    connection.request("OPTIONS", "/_playbook/api/log", headers={"Origin": "http://evil.example"})
    response = connection.getresponse()
    assert response.status == 405 and response.getheader("Access-Control-Allow-Origin") is None


def test_the_served_pages_carry_the_token_the_built_files_never(preview: Preview) -> None:
    status, page = fetch(preview.base + "contacts/dana-ruiz/")
    assert status == 200 and TOKEN.search(page) and '<script src="/_playbook/record.js">' in page
    assert fetch(preview.base.rstrip("/") + "/_playbook/record.js")[0] == 200
    # The served site folder (MkDocs' temporary one) and the page cache hold no token.
    cache = preview.project / ".cache"
    written = [p for p in cache.rglob("*") if p.is_file()] if cache.exists() else []
    assert not [p for p in written if preview.token.encode() in p.read_bytes()]


def _no_controls(files: dict[str, bytes]) -> None:
    for name, data in files.items():
        for needle in (b"playbook-token", b"/_playbook/", b"record.js", b"pb-record-button"):
            assert needle not in data, (name, needle)


def test_a_built_site_has_no_token_no_api_address_and_no_controls(example_site) -> None:
    site = example_site.site
    files = {str(p): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    _no_controls(files)
    # What the controls would hang on is there (the private profile's printed commands).
    assert b"data-pb-record=" in (site / "index.html").read_bytes()


def test_public_and_encrypted_sites_have_no_controls(published, published_private) -> None:
    public = {str(p): p.read_bytes() for p in published.site.rglob("*") if p.is_file()}
    _no_controls(public)
    assert not [name for name, data in public.items() if b"data-pb-record" in data]
    _no_controls(opened_site(published_private.site))


def test_the_api_is_off_on_an_address_other_machines_reach(tmp_path: Path) -> None:
    project = make_project(tmp_path, copy_data=True)
    before = snapshot(project / "data")
    with mkdocs_serve(project, host="0.0.0.0") as (base, log):
        status, page = fetch(base)
        assert status == 200 and "playbook-token" not in page and "/_playbook/" not in page
        connection = http.client.HTTPConnection(base.split("/")[2], timeout=30)
        body = json.dumps({"id": "tom-becker", "kind": "note"})
        connection.request("POST", "/_playbook/api/log", body, {"Content-Type": "application/json"})
        assert connection.getresponse().status == 404
    assert log.read_text(encoding="utf-8").count("The Record controls are off") == 1
    assert "0.0.0.0 is not a loopback address" in log.read_text(encoding="utf-8")
    assert snapshot(project / "data") == before


def test_without_live_reload_there_are_no_controls_and_serve_says_why(tmp_path: Path) -> None:
    project = make_project(tmp_path, copy_data=True)
    with mkdocs_serve(project, reload="--no-livereload") as (base, log):
        status, page = fetch(base)
        assert status == 200 and "playbook-token" not in page
    said = log.read_text(encoding="utf-8")
    assert said.count("The Record controls are off") == 1 and "--livereload" in said


def test_a_build_after_serve_equals_a_cold_build(tmp_path: Path) -> None:
    """The page cache the preview filled gives `mkdocs build` the very pages a cold build makes:
    the controls are added on the way out, never to a cached page."""
    project = make_project(tmp_path, copy_data=True)
    with mkdocs_serve(project) as (base, _log):
        assert "playbook-token" in fetch(base + "contacts/dana-ruiz/")[1]
    assert (project / ".cache").exists()
    warm = snapshot(mkdocs_build(project).site)
    shutil.rmtree(project / ".cache")
    assert snapshot(mkdocs_build(project).site) == warm


def test_a_recorded_change_rebuilds_the_preview_once(tmp_path: Path) -> None:
    """The write, then the build reading data/: only the write counts as a change (a second
    rebuild would reload every open page twice and drop the result the page shows)."""
    project = make_project(tmp_path, copy_data=True)
    with mkdocs_serve(project) as (base, log):
        preview = Preview(base, project, log)
        builds = log.read_text(encoding="utf-8").count("Building documentation")
        status, _ = preview.post("log", {"id": "tom-becker", "kind": "note", "note": "Once"})
        assert status == 200
        for _ in range(100):
            if "Reloading browsers" in log.read_text(encoding="utf-8"):
                break
            time.sleep(0.1)
        time.sleep(2)  # time enough for a second rebuild to start
        said = log.read_text(encoding="utf-8")
    assert said.count("Building documentation") == builds + 1, said
