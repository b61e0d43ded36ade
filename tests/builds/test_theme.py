"""Material's page around the generated pages (playbook.builder.theme): a page whose left sidebar
would show nothing beside it drops the sidebar (sidebar_is_empty, hide_navigation), while a
hand-written section keeps it for its other pages. Checked on a real build of the example."""

from __future__ import annotations

from helpers.project import Built


def test_generated_pages_drop_the_empty_sidebar_hand_written_sections_keep_it(
    example_site: Built,
) -> None:
    hidden = 'data-md-type="navigation" hidden'
    for uri in ("", "pipeline/", "today/", "contacts/", "contacts/dana-ruiz/", "roles/"):
        assert hidden in example_site.page(uri), uri
    assert hidden not in example_site.page("guide/prepare/")  # its section's pages are there
