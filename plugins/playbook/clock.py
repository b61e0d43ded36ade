"""Which day the build happens on: an input to the core, never read inside it."""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date, datetime, tzinfo


class ClockError(ValueError):
    """PLAYBOOK_TODAY or SOURCE_DATE_EPOCH holds something that is not a day."""


def today(environ: Mapping[str, str] | None = None, tz: tzinfo | None = None) -> date:
    """PLAYBOOK_TODAY (YYYY-MM-DD), else SOURCE_DATE_EPOCH (reproducible builds), else now."""
    env = os.environ if environ is None else environ
    if value := env.get("PLAYBOOK_TODAY", "").strip():
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise ClockError(
                f"PLAYBOOK_TODAY={value!r} is not a date; write it like 2026-11-25"
            ) from None
    if value := env.get("SOURCE_DATE_EPOCH", "").strip():
        try:
            return datetime.fromtimestamp(int(value), tz).date()
        except (ValueError, OverflowError, OSError):
            raise ClockError(f"SOURCE_DATE_EPOCH={value!r} is not a Unix time in seconds") from None
    return datetime.now(tz).date()
