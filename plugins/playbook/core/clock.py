"""Which day the build happens on (an input to the core, never read inside it), and which days
are public holidays where the user lives (business days skip them)."""

from __future__ import annotations

import os
from collections.abc import Container, Mapping
from datetime import date, datetime, time, tzinfo

from playbook.core.problems import did_you_mean, quote

HOLIDAYS_EXTRA = "pip install 'interview-playbook[holidays]'"


class ClockError(ValueError):
    """PLAYBOOK_TODAY or SOURCE_DATE_EPOCH holds something that is not a day."""


def today(environ: Mapping[str, str] | None = None, tz: tzinfo | None = None) -> date:
    """PLAYBOOK_TODAY (YYYY-MM-DD), else the day of PLAYBOOK_NOW, else SOURCE_DATE_EPOCH
    (reproducible builds), else the clock's."""
    env = os.environ if environ is None else environ
    if not env.get("PLAYBOOK_TODAY", "").strip() and env.get("PLAYBOOK_NOW", "").strip():
        return now(env, tz).date()
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


def now(environ: Mapping[str, str] | None = None, tz: tzinfo | None = None) -> datetime:
    """The moment of the build, in `tz`: PLAYBOOK_NOW (an ISO date-time); else the start of the
    day PLAYBOOK_TODAY names; else SOURCE_DATE_EPOCH's instant; else the clock's.

    A booked conversation has happened once it has ended by this moment (logic.playbook)."""
    env = os.environ if environ is None else environ
    if value := env.get("PLAYBOOK_NOW", "").strip():
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise ClockError(
                f"PLAYBOOK_NOW={value!r} is not a date-time; write it like 2026-11-25T14:00"
            ) from None
        return moment.replace(tzinfo=tz) if moment.tzinfo is None else moment.astimezone(tz)
    if env.get("PLAYBOOK_TODAY", "").strip():
        return datetime.combine(today(env, tz), time(0), tzinfo=tz)
    if value := env.get("SOURCE_DATE_EPOCH", "").strip():
        today(env, tz)  # says what is wrong with it, if anything
        return datetime.fromtimestamp(int(value), tz)
    return datetime.now(tz)


def public_holidays(code: str) -> Container[date]:
    """The public holidays of `code` (`US`, `US-CA`, `GB-SCT`); none when it is empty."""
    if not code:
        return frozenset()
    import holidays

    country, _, subdivision = code.partition("-")
    return holidays.country_holidays(country, subdiv=subdivision or None)


def check_holidays(code: str) -> str:
    """`code` as the holidays package knows it, or a ValueError saying what to write instead."""
    code = code.strip().upper()
    if not code:
        return code
    try:
        import holidays
    except ImportError:
        raise ValueError(
            f"public holidays need the holidays package; {HOLIDAYS_EXTRA}, or delete this line"
        ) from None
    known = holidays.list_supported_countries()
    country, _, subdivision = code.partition("-")
    if country not in known:
        # Two-letter codes are too short for a did-you-mean by likeness: offer those that
        # start alike.
        alike = sorted(c for c in known if len(c) == 2 and c[0] == country[:1])
        hint = f"one of {', '.join(alike)}, or " if alike else ""
        raise ValueError(
            f"{quote(country)} is not a country the holidays package knows; write {hint}"
            "another ISO 3166 code like US, GB or DE"
        )
    if subdivision and subdivision not in known[country]:
        raise ValueError(
            f"{quote(subdivision)} is not a part of {country} with holidays of its own; "
            f"{did_you_mean(subdivision, known[country])}"
        )
    return code
