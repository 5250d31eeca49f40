"""The registry of format versions: which formats nianbao knows, which years each serves, its variants,
and how a published page is recognised as one of them.

A format is one data module with a ``build()`` that returns its ``LayoutSpec`` (which declares its years,
the words that mark its tables, the older formats its tables can be read from and the roles of its cells)
and a tuple ``VARIANTS`` of province variants; adding one is two lines below: its import and its ``register``.
Registering checks the declaration (``nianbao.form.soundness``) and fails loudly on a typo.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Sequence
from functools import cache

from nianbao.form import f2019, f2021
from nianbao.form.choices import NATIONAL
from nianbao.form.soundness import LayoutError, check_layout, check_variant
from nianbao.form.spec import LayoutSpec, TableSpec, VariantSpec

#: the last year a template of the newest format accepts
LAST_YEAR = 2100

_BUILDS: dict[str, Callable[[], LayoutSpec]] = {}
_VARIANTS: dict[str, dict[str, VariantSpec]] = {}


class UnknownLayout(ValueError):
    """A format version or variant that nianbao does not know."""


def register(key: str, build: Callable[[], LayoutSpec], variants: Iterable[VariantSpec] = ()) -> None:
    """Make format ``key`` known: ``build()`` gives its national layout (built when first asked for),
    ``variants`` its province variants. Registering a key again replaces it. The layout is built and checked
    here (``soundness``): a role naming a missing cell, a role left out, a variant changing a label or cell
    the layout lacks raise ``LayoutError`` (a bug of the format module), before anything is registered."""
    variants = tuple(variants)
    base = build()
    if base.format != key:
        raise LayoutError(f"format {key!r} builds a layout of format {base.format!r}")
    check_layout(base)
    for v in variants:
        check_variant(base, v)
    _BUILDS[key] = build
    _VARIANTS[key] = {v.name: v for v in variants}
    _clear()


def unregister(key: str) -> None:
    """Forget a format (for tests that register one of their own)."""
    _BUILDS.pop(key, None)
    _VARIANTS.pop(key, None)
    _clear()


def _clear() -> None:
    """Forget every layout built and every word list derived from the formats registered before."""
    get_layout.cache_clear()
    formats.cache_clear()
    _printed.cache_clear()


@cache
def get_layout(fmt: str = "2021", variant: str = NATIONAL) -> LayoutSpec:
    """The layout of format ``fmt``, optionally a province's ``variant``."""
    build = _BUILDS.get(fmt)
    if build is None:
        raise UnknownLayout(f"unknown format version {fmt!r}")
    base = build()
    if base.format != fmt:
        raise UnknownLayout(f"format {fmt!r} builds a layout of format {base.format!r}")
    if variant == NATIONAL:
        return base
    try:
        return base.with_variant(_VARIANTS[fmt][variant])
    except KeyError:
        raise UnknownLayout(f"format {fmt} has no variant {variant!r}") from None


@cache
def formats() -> tuple[str, ...]:
    """The registered formats' keys, newest (latest first year) first."""
    return tuple(sorted(_BUILDS, key=lambda k: get_layout(k).first_year, reverse=True))


def latest() -> str:
    """The newest format: what a report of unknown year is taken to use."""
    return formats()[0]


def variants(fmt: str) -> tuple[str, ...]:
    """The names of the province variants of ``fmt`` (not "national")."""
    return tuple(_VARIANTS.get(fmt, {}))


def format_for_year(year: int) -> str:
    """The format a report on ``year`` uses: the newest one whose first year is not after it (the oldest
    for years before any)."""
    for key in formats():
        if get_layout(key).first_year <= year:
            return key
    return formats()[-1]


def layout_for_year(year: int, variant: str = NATIONAL) -> LayoutSpec:
    return get_layout(format_for_year(year), variant)


def years(fmt: str) -> tuple[int, int]:
    """The report years a template of ``fmt`` accepts: its own, or up to the year before a newer format."""
    layout = get_layout(fmt)
    if layout.last_year is not None:
        return layout.first_year, layout.last_year
    newer = [get_layout(k).first_year for k in formats() if get_layout(k).first_year > layout.first_year]
    return layout.first_year, (min(newer) - 1 if newer else LAST_YEAR)


def all_layouts() -> list[LayoutSpec]:
    """Every registered layout, each format's national one followed by its variants; oldest format last."""
    out = []
    for fmt in formats():
        out.append(get_layout(fmt))
        out += [get_layout(fmt, v) for v in _VARIANTS[fmt]]
    return out


# -- recognising a published page -------------------------------------------------------------------
def _plain(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


@cache
def _printed(fmt: str, table_key: str) -> str:
    """Every word table ``table_key`` of ``fmt`` prints, run together (for 'is this mark printed there')."""
    layout = get_layout(fmt)
    if table_key not in layout.table_by_key:
        return ""
    table = layout.table(table_key)
    words = [lb.text for lb in table.labels]
    words += [w for c in table.cells for w in (c.row_label, c.col_label, c.row_group, c.col_group)]
    return _plain("｜".join(words))


def recognise(table_key: str, text: str) -> str | None:
    """The format whose table ``table_key`` a published page's ``text`` of that table shows, or None when
    the words do not tell. A format is a candidate when some of its marks are printed; a candidate is
    ruled out when another candidate's marks, printed on the page, are words its own table lacks (so the
    2021 table 三, which also prints 2019's 其他处理, wins over 2019 by its 逾期不补正). Of several left, the one
    with the most marks; a tie tells nothing."""
    plain = _plain(text)
    found: dict[str, list[str]] = {}
    for fmt in formats():
        marks = get_layout(fmt).marks.get(table_key, ())
        hits = [m for m in marks if _plain(m) in plain]
        if hits:
            found[fmt] = hits
    left = [f for f in found
            if not any(_plain(m) not in _printed(f, table_key) for g, ms in found.items() if g != f for m in ms)]
    pool = left or list(found)
    if not pool:
        return None
    best = max(len(found[f]) for f in pool)
    top = [f for f in pool if len(found[f]) == best]
    return top[0] if len(top) == 1 else None


def recognise_variant(fmt: str, text: str) -> str:
    """The province variant of ``fmt`` whose words a published page's text shows, else "national"."""
    plain = _plain(text)
    for name, variant in _VARIANTS.get(fmt, {}).items():
        if any(_plain(m) in plain for m in variant.signature):
            return name
    return NATIONAL


def same_table(a: TableSpec, b: TableSpec) -> bool:
    """Whether two formats print a table alike (the same labels and cells), so that either reads it."""
    return (a.labels, tuple((c.key, c.row, c.col) for c in a.cells)) == (b.labels, tuple((c.key, c.row, c.col) for c in b.cells))


def carried_over(new: LayoutSpec, old: str) -> dict[str, str]:
    """{cell of ``new``: cell of the older format ``old`` holding the same figure}; {} when none declared."""
    return dict(new.earlier.get(old, {}))


# -- the formats nianbao knows: one line each -----------------------------------------------------
register("2021", f2021.build, f2021.VARIANTS)
register("2019", f2019.build, f2019.VARIANTS)

__all__: Sequence[str] = (
    "NATIONAL", "LayoutError", "UnknownLayout", "all_layouts", "carried_over", "format_for_year", "formats", "get_layout",
    "latest", "layout_for_year", "recognise", "recognise_variant", "register", "same_table", "unregister",
    "variants", "years",
)
