"""Message templates that would hang a build or exhaust its memory without the sandbox's budget:
the five of issue 22, then other ways to the same end. Each does its damage on one line."""

from __future__ import annotations

# The issue's five: nested loops, a power tower, a wide `center`, a wide format, a chained `*`.
ISSUE = {
    "nested-loops": (
        "{% for a in range(1000) %}{% for b in range(1000) %}{% for c in range(1000) %}"
        "{% endfor %}{% endfor %}{% endfor %}"
    ),
    "power-tower": "{{ (((9**64)**64)**64)**64 }}",
    "center": "{{ 'x'|center(10**9) }}",
    "format": "{{ '{:>999999999}'.format('a') }}",
    "chained-repeat": "{{ 'a'*10000*10000*100 }}",
}

OTHERS = {
    "doubling": (
        "{% set ns = namespace(s='x') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}"
        "{% endfor %}{{ ns.s|length }}"
    ),
    "doubling-plus": (
        "{% set ns = namespace(s='x') %}{% for i in range(64) %}{% set ns.s = ns.s + ns.s %}"
        "{% endfor %}"
    ),
    "macro-recursion": (
        "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% else %}x{% endif %}"
        "{% endmacro %}{{ f(60) }}"
    ),
    "loop-over-text": "{% for a in 'x'*10000 %}{% for b in 'x'*10000 %}{% endfor %}{% endfor %}",
    "output-in-a-loop": (
        "{% set s = 'x'*10000 %}{% for a in range(1000) %}{% for b in range(1000) %}{{ s }}"
        "{% endfor %}{% endfor %}"
    ),
    "ljust": "{{ 'x'.ljust(10**9) }}",
    "indent": "{{ 'x\\ny'|indent(10**9, true) }}",
    "printf": "{{ '%999999999s' % 'a' }}",
    "printf-star": "{{ '%*s' % (10**9, 'a') }}",
    "format-filter": "{{ '%.999999999f'|format(1.5) }}",
    "nested-format": "{{ '{0:>{1}}'.format('a', 10**9) }}",
    "join": "{{ ('x'*10000)|list|join('y'*10000) }}",
    "replace": "{{ ('x'*10000).replace('x', 'y'*10000) }}",
    "replace-filter": "{{ ('x'*10000)|replace('x', 'y'*10000) }}",
    "translate": "{{ ('a'*10000).translate({97: 'b'*10000}) }}",
    "to-bytes": "{{ (1).to_bytes(10**9, 'big')|length }}",
    "batch": "{{ [1]|batch(10**9, 0)|list|length }}",
    "lipsum": "{{ lipsum(1, false, 10**9, 10**9) }}",
    "sum-of-lists": "{{ ([[1]*10000]*10000)|sum(start=[])|length }}",
    "squaring": (
        "{% set ns = namespace(n=7**64) %}{% for i in range(64) %}{% set ns.n = ns.n * ns.n %}"
        "{% endfor %}"
    ),
}

HOSTILE = {**ISSUE, **OTHERS}


def template(body_line: str, kind: str = "thank-you") -> str:
    """A whole template file: front matter (lines 1 to 4), a greeting (5), the hostile line (6)."""
    return (
        f"---\ntitle: Hostile\nkind: {kind}\n---\nHi {{{{ contact.first_name }}}},\n{body_line}\n"
    )


HOSTILE_LINE = 6
