"""Checklist boxes that screen readers can name.

pymdownx.tasklist (custom_checkbox) wraps each item's checkbox in a `<label>` of its own and puts
the item's words after it, so the checkbox has no accessible name (axe-core: "label", critical).
Moving the words inside that label names the box; nothing changes on screen or on paper.
"""

from __future__ import annotations

import re

_UNNAMED_BOX = re.compile(
    r'(<label class="task-list-control"><input type="checkbox"[^>]*>'
    r'<span class="task-list-indicator"></span>)</label> ?'
    # The item's words: up to the end of the item, its paragraph, or a nested list.
    r"((?:(?!</li>|</p>|<ul[\s>]|<ol[\s>]|<label[\s>]).)*)",
    re.DOTALL,
)


def name_checkboxes(html: str) -> str:
    """The page's HTML with every task-list item's words inside its checkbox's label."""
    return _UNNAMED_BOX.sub(r"\1 \2</label>", html)
