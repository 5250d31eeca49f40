"""One office's (or one summary's) filled report: the value type every capability passes around."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from nianbao.form.sheets import LEVEL_OFFICE
from nianbao.form.spec import LayoutSpec, Number


@dataclass(frozen=True)
class Report:
    """The data of one report in one layout.

    ``inputs`` holds every input cell (a missing key reads as 0). ``stated`` holds the totals as the
    source stated them (a workbook's cached value, a published page's printed number), for checking
    only: the figures of a report are always ``values``, recomputed from the inputs.
    """

    layout: LayoutSpec
    inputs: Mapping[str, Number] = field(default_factory=dict)
    stated: Mapping[str, Number] = field(default_factory=dict)
    info: Mapping[str, str] = field(default_factory=dict)  # 基本信息 by InfoFieldSpec.key
    texts: Mapping[str, str] = field(default_factory=dict)  # 正文 by TextSectionSpec.key
    level: str = LEVEL_OFFICE
    included: tuple[str, ...] = ()  # a summary: the offices it sums
    #: input cells the source left blank (read as 0): a figure nobody wrote, not compared with another year
    blank: frozenset[str] = field(default=frozenset(), compare=False)

    @cached_property
    def values(self) -> dict[str, Number]:
        """Every data cell, totals recomputed from the inputs."""
        return self.layout.compute(self.inputs)

    @property
    def office(self) -> str:
        return self.info.get("office", "").strip()

    @property
    def year(self) -> int | None:
        raw = self.info.get("year", "").strip()
        digits = "".join(ch for ch in raw if ch.isdigit())
        return int(digits) if len(digits) == 4 else None

    def value(self, key: str) -> Number:
        return self.values[key]


def as_number(v: Number) -> Number:
    """Normalise: Decimal amounts without trailing noise, ints as ints."""
    if isinstance(v, Decimal):
        return v.normalize() if v != 0 else Decimal(0)
    return v
