"""The format versions of the annual report, one module each, and how to pick one."""

from __future__ import annotations

from functools import cache

from nianbao.form import f2019, f2021
from nianbao.form.spec import LayoutSpec, VariantSpec

FORMATS = ("2021", "2019")
VARIANTS: dict[str, dict[str, VariantSpec]] = {"2021": {"henan": f2021.HENAN}, "2019": {}}


class UnknownLayout(ValueError):
    """A format version or variant that nianbao does not know."""


@cache
def get_layout(fmt: str = "2021", variant: str = "national") -> LayoutSpec:
    """The layout of format ``fmt`` ("2021" or "2019"), optionally a province's ``variant``."""
    if fmt == "2021":
        base = f2021.build()
    elif fmt == "2019":
        base = f2019.build()
    else:
        raise UnknownLayout(f"unknown format version {fmt!r}")
    if variant == "national":
        return base
    try:
        return base.with_variant(VARIANTS[fmt][variant])
    except KeyError:
        raise UnknownLayout(f"format {fmt} has no variant {variant!r}") from None


def format_for_year(year: int) -> str:
    """The format a report on ``year`` uses: 2021 from 2021 on, else 2019."""
    return "2021" if year >= 2021 else "2019"


def layout_for_year(year: int, variant: str = "national") -> LayoutSpec:
    return get_layout(format_for_year(year), variant)


def all_layouts() -> list[LayoutSpec]:
    out = []
    for fmt in FORMATS:
        out.append(get_layout(fmt))
        out += [get_layout(fmt, v) for v in VARIANTS[fmt]]
    return out
