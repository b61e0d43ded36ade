"""The browser harness works: Chromium opens the built site over HTTP and finds the dashboard."""

from __future__ import annotations

from helpers.browser import serve
from helpers.project import Built


def test_dashboard_opens_in_chromium_with_no_request_elsewhere(
    example_site: Built, browser
) -> None:
    with serve(example_site.site) as base:
        page = browser.new_page()
        hosts: set[str] = set()
        page.on("request", lambda request: hosts.add(request.url.split("/")[2]))
        page.goto(base)
        assert "playbook" in page.locator("article h1").inner_text()
        page.close()
    assert hosts == {base.split("/")[2]}
