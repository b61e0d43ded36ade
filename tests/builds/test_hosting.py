"""Hosting that works: under a sub-path like a GitHub Pages project site, with no request to any
other host, from the Pages workflow's own build command, and as an offline copy on disk."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import yaml

from helpers.hosting import Published, References, make, user_copy
from helpers.project import ROOT, TODAY
from helpers.sealed import PASSPHRASE, opened_site
from playbook.builder import lock

# Every kind of page a public build has, by its address under the site.
PAGE_KINDS = (
    "",
    "contacts/",
    "roles/",
    "roles/brand-marketing/",
    "questions/",
    "questions/tiara/",
    "templates/",
    "templates/outreach-email/",
    "checklists/",
    "guide/",
    "tags/",
    "404.html",
)


def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as error:
        return error.code, "", b""


def test_every_link_script_stylesheet_and_image_resolves_under_a_sub_path(
    published: Published,
) -> None:
    base = published.base
    assert urlsplit(base).path == "/playbook/"
    status, _, sitemap = fetch(base + "sitemap.xml")
    assert status == 200
    queue = [base, *re.findall(r"<loc>([^<]+)</loc>", sitemap.decode())]
    assert len(queue) > 25  # the sitemap lists every page, at this address (site_url)
    seen: set[str] = set()
    broken: list[str] = []
    elsewhere: list[str] = []
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        status, kind, body = fetch(url)
        if status != 200:
            broken.append(f"{url}: {status}")
            continue
        if kind != "text/html":
            continue
        parser = References()
        parser.feed(body.decode("utf-8"))
        for tag, reference in parser.found:
            target = urldefrag(urljoin(url, reference)).url
            scheme = urlsplit(target).scheme
            if scheme in ("mailto", "tel", "data"):
                continue
            if urlsplit(target).netloc != urlsplit(base).netloc:
                if tag != "a":  # a link out is the reader's choice; a script is a request
                    elsewhere.append(f"{url}: {target}")
                continue
            queue.append(target)  # on this host, so under /playbook/ or broken
    assert broken == []
    assert elsewhere == []
    pages = {
        base + (f"{p.parent.relative_to(published.site)}/").removeprefix("./")
        for p in published.site.rglob("index.html")
    }
    assert pages <= seen  # every page was reached, and each of its references followed
    assert {Path(u).suffix for u in seen} >= {".css", ".js", ".png"}


def test_no_kind_of_page_requests_another_host(published: Published, browser) -> None:
    own = urlsplit(published.base).netloc
    requested: list[str] = []
    failed: list[str] = []
    page = browser.new_page()
    page.on("request", lambda request: requested.append(request.url))
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("response", lambda r: failed.append(f"{r.url}: {r.status}") if r.status >= 400 else 0)
    for uri in PAGE_KINDS:
        page.goto(published.base + uri, wait_until="networkidle")
        assert page.locator("h1").first.inner_text().strip()
    page.close()
    hosts = {urlsplit(u).netloc for u in requested if urlsplit(u).scheme in ("http", "https")}
    assert hosts == {own}
    assert any(u.endswith("search/search_index.json") for u in requested)
    assert failed == []


def github_expressions(text: str, variables: dict[str, str], secrets: dict[str, str]) -> str:
    """The workflow's `${{ ... }}` as GitHub fills them in: `vars.X || 'default'`, `secrets.X`
    (an unset secret is the empty string) and the Pages address."""
    text = re.sub(
        r"\$\{\{\s*vars\.(\w+)\s*\|\|\s*'([^']*)'\s*\}\}",
        lambda m: variables.get(m.group(1)) or m.group(2),
        text,
    )
    text = re.sub(r"\$\{\{\s*secrets\.(\w+)\s*\}\}", lambda m: secrets.get(m.group(1), ""), text)
    text = text.replace("${{ steps.pages.outputs.base_url }}", "https://you.github.io/pb")
    assert "${{" not in text, text
    return text


def test_the_pages_workflow_deploys_what_its_build_step_makes(tmp_path: Path) -> None:
    workflow = yaml.safe_load((ROOT / ".github/workflows/publish.yml").read_text())
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert triggers["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    steps = workflow["jobs"]["build"]["steps"] + workflow["jobs"]["deploy"]["steps"]
    uses = [step.get("uses", "").split("@")[0] for step in steps]
    for action in ("configure-pages", "upload-pages-artifact", "deploy-pages"):
        assert f"actions/{action}" in uses
    setup = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python"))
    assert setup["with"]["python-version"] == "3.11"
    assert any(s.get("run") == "pip install -e ." for s in steps)
    upload = next(s for s in steps if "upload-pages-artifact" in s.get("uses", ""))
    build = next(s for s in steps if "mkdocs build" in s.get("run", ""))

    def run_build_step(name: str, variables: dict[str, str], secrets: dict[str, str], page=""):  # type: ignore[no-untyped-def]
        """The build step's own command, as the runner would run it, in a copy of the repo
        (with `page` as a hand-written page of its own)."""
        repo = user_copy(tmp_path / name)
        if page:
            (repo / "content" / "mine.md").write_text(page, encoding="utf-8")
        step_env = {
            k: github_expressions(str(v), variables, secrets) for k, v in build["env"].items()
        }
        venv_bin = str(Path(sys.executable).parent)
        result = subprocess.run(
            ["bash", "-eo", "pipefail", "-c", github_expressions(build["run"], variables, secrets)],
            cwd=repo,
            env={
                "PATH": f"{venv_bin}:/usr/bin:/bin",
                # The package under test, when it is not the one installed (a worktree).
                **{k: v for k, v in os.environ.items() if k == "PYTHONPATH"},
                "PLAYBOOK_TODAY": TODAY.isoformat(),
                **step_env,
            },
            capture_output=True,
            text=True,
            timeout=300,
        )
        return result, repo / upload["with"]["path"]

    # Without the repository variable: the public profile.
    result, site = run_build_step("public", {}, {"PLAYBOOK_PASSPHRASE": ""})
    assert result.returncode == 0, result.stderr
    assert (site / "index.html").is_file()
    assert not (site / "contacts" / "dana-ruiz").exists()
    sitemap = (site / "sitemap.xml").read_text()
    assert "<loc>https://you.github.io/pb/roles/brand-marketing/</loc>" in sitemap
    # PLAYBOOK_PROFILE=encrypted and the passphrase as a repository secret: everything, locked.
    encrypted = {"PLAYBOOK_PROFILE": "encrypted"}
    result, site = run_build_step("encrypted", encrypted, {"PLAYBOOK_PASSPHRASE": PASSPHRASE})
    assert result.returncode == 0, result.stderr
    assert lock.is_locked(site / "index.html") and lock.is_sealed_file(site / "calendar.ics")
    assert b"Dana Ruiz" in opened_site(site)["calendar.ics"]
    assert not (site / "sitemap.xml").exists()  # it would list every address, for nobody
    # ...and without the secret, no site to deploy.
    result, site = run_build_step("no-secret", encrypted, {})
    assert result.returncode != 0
    assert "add a repository secret named PLAYBOOK_PASSPHRASE" in result.stderr
    assert not (site / "index.html").exists()
    # A hand-written page with a contact's email: the step fails (the job stops before the
    # upload and the deploy job, which needs it) and leaves no site to deploy.
    leaking = "Write to dana.ruiz@example.com\n"
    result, site = run_build_step("leak", {}, {"PLAYBOOK_PASSPHRASE": ""}, page=leaking)
    assert result.returncode != 0
    assert "mine/index.html: the email of data/contacts/dana-ruiz.yml" in result.stderr
    assert list(site.rglob("*")) == []
    assert workflow["jobs"]["deploy"]["needs"] == "build"


def test_make_offline_opens_from_the_file_system(tmp_path: Path, browser) -> None:
    repo = user_copy(tmp_path)
    result = make(repo, "offline")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "the private playbook" in result.stdout
    site = repo / "site-offline"
    requested: list[str] = []
    page = browser.new_page()
    page.on("request", lambda request: requested.append(request.url))
    page.goto((site / "index.html").as_uri())
    assert "playbook" in page.locator("article h1").inner_text()
    # Search runs from the file system too (the Web Worker shim ships with the site).
    page.keyboard.press("s")
    page.keyboard.type("thank")
    page.locator(".md-search-result__meta", has_text="matching documents").wait_for()
    page.keyboard.press("Escape")
    # Private by default: the offline copy is for reading prep sheets on one's own laptop.
    page.locator("article a[href^='contacts/']").first.click()
    page.wait_for_load_state()
    assert page.url.startswith("file://") and page.url.endswith(".html")
    assert page.locator("article h1").inner_text().strip()
    assert page.locator("#question-plan").count() == 1
    page.close()
    assert {urlsplit(u).scheme for u in requested} <= {"file", "data"}


def test_the_offline_config_lists_the_same_plugins_as_mkdocs_yml() -> None:
    # INHERIT replaces lists, so mkdocs.offline.yml repeats the plugins: keep them in step.
    main = yaml.safe_load((ROOT / "mkdocs.yml").read_text())
    offline = yaml.safe_load((ROOT / "mkdocs.offline.yml").read_text())
    assert offline["INHERIT"] == "mkdocs.yml"
    assert offline["plugins"] == [*main["plugins"], "offline"]


def test_a_new_playbook_publishes_its_public_profile(tmp_path: Path) -> None:
    target = tmp_path / "my-playbook"
    made = subprocess.run([sys.executable, "-m", "playbook.cli", "new", str(target)], check=False)
    assert made.returncode == 0
    env = {
        "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
        "PLAYBOOK_TODAY": TODAY.isoformat(),
    }
    result = subprocess.run(
        ["make", "publish"], cwd=target, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    site = target / "site"
    assert (site / "roles" / "index.html").is_file()
    assert sorted(p.name for p in (site / "contacts").iterdir()) == ["index.html"]
