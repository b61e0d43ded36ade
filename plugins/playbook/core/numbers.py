"""Numbers as the active language writes them (Babel): `40%` in English, `40 %` in German.
Babel's Arabic locale writes Latin digits, as most Arabic interfaces do."""

from __future__ import annotations

from babel.numbers import format_percent

from playbook.core import words


def percent(share: float) -> str:
    """A share as a whole percentage: 0.4 → `40%`."""
    return format_percent(share, locale=words.active().locale)
