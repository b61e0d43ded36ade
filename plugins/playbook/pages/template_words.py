"""Words in page templates, from the active language's catalogue (core/words.py).

Templates write `{{ _("Research") }}`, `{{ ngettext("%(num)s person", "%(num)s people", n) }}` and
`{% trans name=contact.name %}...{% endtrans %}` blocks (Jinja's i18n extension, "newstyle": a
translation is safe HTML, its variables are escaped, and `%` in a message is written `%%`;
"trimmed": a sentence spread over template lines is one line in the catalogue), and show a YAML
value with the filter `label`: `{{ contact.status | label("status") }}`.

The catalogue is asked when a page is rendered, never when a template is compiled, so one
environment (and one compiled template in the bytecode cache) serves every language.

A call to the catalogue is turned into a filter when a template is parsed (`_("Research")` runs as
`"Research" | pb_gettext`): Jinja calls a filter directly, a function through the template
context at three times the cost, and a prep sheet asks for some sixty messages. The filters take
the context, which keeps Jinja from folding a constant message into the compiled template.
`pybabel extract` reads the templates as written.
"""

from __future__ import annotations

import functools
from typing import Any

import jinja2
from jinja2 import nodes, pass_context
from jinja2.runtime import Context
from jinja2.visitor import NodeTransformer
from markupsafe import Markup, escape

from playbook.core import words
from playbook.core.labels import label

# The catalogue's template functions, and the filter each runs as.
AS_FILTERS = {
    "_": "pb_gettext",
    "gettext": "pb_gettext",
    "ngettext": "pb_ngettext",
    "pgettext": "pb_pgettext",
    "npgettext": "pb_npgettext",
}


class WordsEnvironment(jinja2.Environment):
    """An autoescaping Jinja environment whose templates speak the active language."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        assert self.autoescape is True, "translations are Markup: for autoescaping templates only"
        self.add_extension("jinja2.ext.i18n")
        self.policies["ext.i18n.trimmed"] = True
        self.newstyle_gettext = True  # trans blocks pass their variables to the filters
        self.filters.update(
            label=_label,
            pb_gettext=_gettext,
            pb_ngettext=_ngettext,
            pb_pgettext=_pgettext,
            pb_npgettext=_npgettext,
        )

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        return _CallsToFilters().visit(tree)  # type: ignore[no-any-return]


class _CallsToFilters(NodeTransformer):
    def visit_Call(self, node: nodes.Call) -> nodes.Node:
        call = self.generic_visit(node)
        assert isinstance(call, nodes.Call)
        callee = call.node
        if not (isinstance(callee, nodes.Name) and callee.name in AS_FILTERS and call.args):
            return call
        first, *rest = call.args
        name = AS_FILTERS[callee.name]
        return nodes.Filter(
            first, name, rest, call.kwargs, call.dyn_args, call.dyn_kwargs, lineno=call.lineno
        )


def _label(value: str, group: str) -> str:
    return label(group, value)


@pass_context
def _gettext(_context: Context, message: str, /, **variables: Any) -> Markup:
    return _formatted(words.gettext(message), variables)


@pass_context
def _ngettext(_context: Context, singular: str, plural: str, n: int, /, **variables: Any) -> Markup:
    variables.setdefault("num", n)
    return _formatted(words.ngettext(singular, plural, n), variables)


@pass_context
def _pgettext(_context: Context, context: str, message: str, /, **variables: Any) -> Markup:
    return _formatted(words.pgettext(context, message), variables)


@pass_context
def _npgettext(
    _context: Context, context: str, singular: str, plural: str, n: int, /, **variables: Any
) -> Markup:
    variables.setdefault("num", n)
    return _formatted(words.npgettext(context, singular, plural, n), variables)


def _formatted(text: str, variables: dict[str, Any]) -> Markup:
    """`Markup(text) % variables`, as newstyle gettext does: each value escaped (a count needs
    no escaping)."""
    if not variables:
        return _constant(text)
    escaped = {k: v if type(v) is int else escape(v) for k, v in variables.items()}
    return Markup(text % escaped)


@functools.lru_cache(maxsize=4096)
def _constant(text: str) -> Markup:
    return Markup(text) % {}  # `%%` → `%`, as with variables
