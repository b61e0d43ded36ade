"""Jinja's immutable sandbox with a budget for each fill of a message template.

A template is the user's code and may come from someone else. The sandbox keeps it away from
Python's internals; the budget keeps it from hanging a build or `serve`, or exhausting memory.
Each fill may take so many loop steps and calls, produce so many characters (or list items),
and run for so many seconds. Python cannot interrupt a single operation of its own, so every
operation that could make something huge (`*`, `**`, `+`, `%`, `center`, `format`, `join`,
`replace`, ...) is priced before it runs; the clock is read at every step, which every loop
iteration, call, filter and output takes. No thread, no signal: `serve` fills in worker threads.

Past the budget the fill raises TooMuchWork, which the filler reports like any template error:
file, line, "too much work".
"""

from __future__ import annotations

import functools
import inspect
import re
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from string import Formatter
from typing import Any

from jinja2 import Template, nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import (
    ImmutableSandboxedEnvironment,
    SandboxedEscapeFormatter,
    SandboxedFormatter,
)
from jinja2.utils import generate_lorem_ipsum
from jinja2.visitor import NodeTransformer
from markupsafe import Markup

# A message is a few hundred words: these are hundreds of times what any real one needs.
STEPS = 10_000  # loop iterations, calls, filters and outputs in one fill
CHARACTERS = 1_000_000  # characters (or items) the operations of one fill may produce
SECONDS = 2.0  # the wall clock, for whatever the counts above let through
BITS = 10_000  # the largest whole number a template may make
RANGE = 1_000  # the longest range()

HINT = "make the template do less: a message needs no long loops, huge numbers or huge text"


class TooMuchWork(SecurityError):
    """A fill went past its budget."""

    def __init__(self, what: str) -> None:
        super().__init__(f"too much work: {what}; {HINT}")


class Budget:
    """What is left of one fill's allowance."""

    def __init__(self) -> None:
        self.steps = STEPS
        self.characters = CHARACTERS
        self.deadline = time.monotonic() + SECONDS

    def step(self) -> None:
        self.steps -= 1
        if self.steps < 0:
            raise TooMuchWork(f"more than {STEPS:,} loop steps, calls and outputs")
        if time.monotonic() > self.deadline:
            raise TooMuchWork(f"more than {SECONDS:g} seconds")

    def produce(self, size: int) -> None:
        """Take `size` characters (or items) from the allowance, before making them if it can."""
        self.characters -= max(size, 0)
        if self.characters < 0:
            raise TooMuchWork(f"more than {CHARACTERS:,} characters")

    def charge(self, value: Any) -> None:
        """After an operation: the size of what it made."""
        if isinstance(value, (str, bytes, list, tuple, dict)):
            self.produce(len(value))


_current: ContextVar[Budget | None] = ContextVar("playbook_template_budget", default=None)


@contextmanager
def budgeted() -> Iterator[Budget]:
    """A fresh budget for what runs inside (a fill; or compiling, which folds constants)."""
    token = _current.set(Budget())
    try:
        yield _current.get() or Budget()
    finally:
        _current.reset(token)


def current() -> Budget:
    budget = _current.get()
    if budget is None:  # only a fill (or a compile) runs template code
        raise TooMuchWork("a template ran outside a fill")
    return budget


# --- hooks the compiled template calls ---------------------------------------------------


def counted(iterable: Iterable[Any]) -> Iterator[Any]:
    """Every `{% for %}` iterates through this: one step per item, so nested loops add up."""
    budget = current()
    for item in iterable:
        budget.step()
        yield item


def charged(value: Any) -> Any:
    """Every `{{ output }}`, text between tags and `~` passes through this: what a fill writes
    counts, in loops, macros and `{% set %}` blocks alike."""
    current().produce(len(value) if isinstance(value, str) else len(str(value)))
    return value


_HOOKS = {counted, charged}


def _hook(name: str, node: nodes.Node) -> nodes.Call:
    line = node.lineno
    return nodes.Call(
        nodes.ImportedName(f"{__name__}.{name}", lineno=line), [node], [], None, None, lineno=line
    )


class _Instrument(NodeTransformer):
    """Routes loops, outputs and concatenations of a parsed template through the hooks."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        node.iter = _hook("counted", node.iter)
        return node

    def visit_Output(self, node: nodes.Output) -> nodes.Node:
        self.generic_visit(node)
        node.nodes = [_hook("charged", child) for child in node.nodes]
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        return _hook("charged", node)


def instrument(template: nodes.Template) -> nodes.Template:
    """The parsed template, with every loop, output and `~` paying into the fill's budget."""
    _Instrument().visit(template)
    return template


# --- pricing operations before they run -------------------------------------------------


def _integer(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _size(value: Any) -> int:
    return len(value) if isinstance(value, (str, bytes, list, tuple, dict)) else len(str(value))


def _bits(bits: int) -> None:
    if bits > BITS:
        raise TooMuchWork(f"a number of more than {BITS:,} bits")


def _price_binop(budget: Budget, operator: str, left: Any, right: Any) -> None:
    if operator == "**" and _integer(left) and _integer(right) and right > 0:
        _bits(max(left.bit_length(), 1) * right)
    elif operator == "*":
        if _integer(left) and _integer(right):
            _bits(left.bit_length() + right.bit_length())
        for sequence, times in ((left, right), (right, left)):
            if isinstance(sequence, (str, bytes, list, tuple)) and _integer(times):
                budget.produce(len(sequence) * times)
    elif operator == "+" and all(isinstance(v, (str, bytes, list, tuple)) for v in (left, right)):
        budget.produce(len(left) + len(right))
    elif operator == "%" and isinstance(left, (str, bytes)):
        budget.produce(_printf_size(left, right))


_PRINTF = re.compile(rb"%(?:\([^)]*\))?[-#0 +]*(\*|\d*)(?:\.(\*|\d*))?")


def _printf_size(template: str | bytes, values: Any) -> int:
    """At most how long `template % values` is: each conversion as wide as its width and
    precision (a `*` takes the largest number given) plus the longest value."""
    raw = template.encode("utf-8", "replace") if isinstance(template, str) else template
    given = list(values.values() if isinstance(values, dict) else values)
    given = given if isinstance(values, (tuple, dict)) else [values]
    star = max((abs(v) for v in given if _integer(v)), default=0)
    longest = max((_size(v) for v in given), default=0)
    size = len(template)
    for width, precision in _PRINTF.findall(raw):
        for part in (width, precision):
            size += star if part == b"*" else int(part or 0)
        size += longest
    return size


def _price_method(budget: Budget, method: Any, args: tuple[Any, ...]) -> tuple[Any, ...]:
    """Methods of text and numbers that can make something much larger than their inputs.
    Returns the arguments to call with (a `join`'s iterable, read once to price it)."""
    owner, name = getattr(method, "__self__", None), getattr(method, "__name__", "")
    if isinstance(owner, (str, bytes)):
        if name in ("center", "ljust", "rjust", "zfill") and args and _integer(args[0]):
            budget.produce(args[0])
        elif name == "expandtabs":
            tabsize = args[0] if args and _integer(args[0]) else 8
            tabs = owner.count("\t") if isinstance(owner, str) else owner.count(b"\t")
            budget.produce(len(owner) + tabs * tabsize)
        elif name == "replace" and len(args) >= 2:
            budget.produce(_replaced_size(owner, args[0], args[1]))
        elif name == "join" and args:
            items = list(args[0])
            budget.produce(sum(_size(i) for i in items) + len(owner) * len(items))
            return (items, *args[1:])
        elif name == "translate" and args and isinstance(args[0], dict):
            widest = max((_size(v) for v in args[0].values() if v is not None), default=1)
            budget.produce(len(owner) * widest)
    elif _integer(owner) and name == "to_bytes":
        length = args[0] if args else 1
        budget.produce(length if _integer(length) else 0)
    return args


def _replaced_size(text: Any, old: Any, new: Any) -> int:
    if not isinstance(old, type(text)) or not isinstance(new, type(text)):
        return len(text)
    places = len(text) + 1 if not old else text.count(old)
    return len(text) + places * max(len(new) - len(old), 0)


class _PricedFormatting(Formatter):
    """`str.format`: each field is priced from its format spec (`{:>999999999}`), nested fields
    already filled in, before it is formatted (by the formatter after this one)."""

    def format_field(self, value: Any, format_spec: str) -> Any:
        widths = sum(int(n) for n in re.findall(r"\d+", format_spec))
        current().produce(widths + _size(value))
        return super().format_field(value, format_spec)


class _Formatter(_PricedFormatting, SandboxedFormatter):
    pass


class _EscapeFormatter(_PricedFormatting, SandboxedEscapeFormatter):
    pass


# Filters that make something much larger than their input, priced from their arguments.
def _price_center(budget: Budget, args: dict[str, Any]) -> None:
    width = args.get("width", 80)
    budget.produce(width if _integer(width) else 0)


def _price_indent(budget: Budget, args: dict[str, Any]) -> None:
    text, width = str(args["s"]), args.get("width", 4)
    indent = width if _integer(width) else len(str(width))
    budget.produce(len(text) + indent * (text.count("\n") + 1))


def _price_format(budget: Budget, args: dict[str, Any]) -> None:
    values = args.get("kwargs") or args.get("args", ())
    budget.produce(_printf_size(str(args["value"]), values))


def _price_join(budget: Budget, args: dict[str, Any]) -> None:
    items = args["value"] = list(args["value"])
    budget.produce(sum(_size(i) for i in items) + len(str(args.get("d", ""))) * len(items))


def _price_replace(budget: Budget, args: dict[str, Any]) -> None:
    budget.produce(_replaced_size(str(args["s"]), str(args["old"]), str(args["new"])))


def _price_count(name: str) -> Callable[[Budget, dict[str, Any]], None]:
    def price(budget: Budget, args: dict[str, Any]) -> None:
        count = args.get(name, 0)
        budget.produce(count if _integer(count) else 0)

    return price


def _price_wordwrap(budget: Budget, args: dict[str, Any]) -> None:
    wrap = args.get("wrapstring")
    budget.produce(len(str(args["s"])) * (len(wrap) + 1 if isinstance(wrap, str) else 2))


def _price_sum(budget: Budget, args: dict[str, Any]) -> None:
    """Adding up lists or text copies what came before at every item."""
    if isinstance(args.get("start", 0), (str, bytes, list, tuple)):
        items = args["iterable"] = list(args["iterable"])
        budget.produce(len(items) * sum(_size(i) for i in items))


_FILTER_PRICES: dict[str, Callable[[Budget, dict[str, Any]], None]] = {
    "center": _price_center,
    "indent": _price_indent,
    "format": _price_format,
    "join": _price_join,
    "replace": _price_replace,
    "batch": _price_count("linecount"),
    "slice": _price_count("slices"),
    "wordwrap": _price_wordwrap,
    "sum": _price_sum,
}


def _priced_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    price = _FILTER_PRICES.get(name)
    signature = inspect.signature(function)

    @functools.wraps(function)  # keeps Jinja's pass_context and friends
    def priced(*args: Any, **kwargs: Any) -> Any:
        budget = current()
        budget.step()
        if price is not None:
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            price(budget, bound.arguments)
            args, kwargs = bound.args, bound.kwargs
        result = function(*args, **kwargs)
        budget.charge(result)
        return result

    return priced


def _lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
    current().produce(n * (min + max) * 12 if all(map(_integer, (n, min, max))) else 0)
    return generate_lorem_ipsum(n, html, min, max)


def _short_range(*args: int) -> range:
    """range() for messages: a short note needs no loop of thousands."""
    numbers = range(*args)
    if len(numbers) > RANGE:
        raise TooMuchWork(f"range() is limited to {RANGE:,} numbers in a message template")
    return numbers


class Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox (a template cannot change a contact for the pages after it:
    models are reused from build to build), with every fill on a budget. Compile templates
    with `compile_budgeted` and render them inside `budgeted()`."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.globals["range"] = _short_range
        self.globals["lipsum"] = _lipsum
        self.filters = {name: _priced_filter(name, f) for name, f in self.filters.items()}

    def compile_budgeted(self, template: nodes.Template) -> Template:
        with budgeted():  # the compiler folds constant filters: they pay too
            return self.from_string(instrument(template))

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        budget = current()
        budget.step()
        _price_binop(budget, operator, left, right)
        return super().call_binop(context, operator, left, right)

    def call(self, context: Any, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        if obj in _HOOKS:
            return super().call(context, obj, *args, **kwargs)
        budget = current()
        budget.step()
        args = _price_method(budget, obj, args)
        result = super().call(context, obj, *args, **kwargs)
        budget.charge(result)
        return result

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """`str.format` and `format_map` through the priced formatters (else as Jinja's)."""
        wrapper = super().wrap_str_format(value)
        if wrapper is None:
            return None
        owner = value.__self__
        formatter: SandboxedFormatter = (
            _EscapeFormatter(self, escape=owner.escape)
            if isinstance(owner, Markup)
            else _Formatter(self)
        )
        format_map = value.__name__ == "format_map"

        def priced(*args: Any, **kwargs: Any) -> str:
            if format_map:  # as Jinja's own wrapper checks
                if kwargs or len(args) != 1:
                    raise TypeError("format_map() takes exactly one argument")
                return str(type(owner)(formatter.vformat(owner, (), args[0])))
            return str(type(owner)(formatter.vformat(owner, args, kwargs)))

        return functools.update_wrapper(priced, value)
