"""Whether a format's declaration holds together: checked when the format is registered, so that a layout
with a typo fails loudly at import instead of silently losing a rule.

A layout must name the cells of every role of ``spec.ROLES`` (``()`` for a role it has no cells for), each an
existing cell; roles read side by side have as many cells; rules add existing cells. A province's variant may
change only labels the layout prints and cells it has.
"""

from __future__ import annotations

from nianbao.form.spec import ROLES, Kind, LayoutSpec, SumRule, VariantSpec

__all__ = ["LayoutError", "check_layout", "check_variant", "layout_problems", "variant_problems"]

#: roles every format must give cells: the rules of tables 三 and 四 and the 规章 row read them
REQUIRED_ROLES = ("rules", "new", "carried_over", "carry_forward", "disclosed", "new_total", "carried_over_total",
                  "carry_forward_total", "result_total", "review_total", "suit_totals")
#: roles read side by side (cell by cell), so of the same length
PARALLEL_ROLES = (("issued", "repealed", "in_force"), ("previous_items", "item_change"),
                  ("new", "carried_over", "carry_forward", "disclosed"))
#: roles of one cell at most
SINGLE_ROLES = ("new_total", "carried_over_total", "carry_forward_total", "result_total", "review_total",
                "fee_unpaid_total")


class LayoutError(Exception):
    """A format or variant declaration that does not hold together (a bug in a format module)."""


def layout_problems(layout: LayoutSpec) -> list[str]:
    """What is wrong with ``layout``'s roles, rules and mappings; [] when nothing."""
    return _role_problems(layout) + _role_shape_problems(layout) + _reference_problems(layout)


def _role_problems(layout: LayoutSpec) -> list[str]:
    """Roles not in ``ROLES``, left out, empty where required, or naming a missing cell."""
    cells, roles = layout.cells, layout.roles
    out = [f"role {name!r} is not one of spec.ROLES" for name in roles if name not in ROLES]
    missing = [name for name in ROLES if name not in roles]
    if missing:
        out.append(f"no cells named for roles {', '.join(missing)} (give () for a role the format has no cells for)")
    out += [f"role {name!r} names no cell" for name in REQUIRED_ROLES if name in roles and not roles[name]]
    out += [f"role {name!r} names the missing cell {key!r}" for name, keys in roles.items() for key in keys
            if key not in cells]
    return out


def _role_shape_problems(layout: LayoutSpec) -> list[str]:
    """Single-cell roles of several cells; roles read side by side of different lengths."""
    roles = layout.roles
    out = [f"role {name!r} names {len(roles[name])} cells, not one" for name in SINGLE_ROLES
           if len(roles.get(name, ())) > 1]
    for group in PARALLEL_ROLES:
        sizes = {name: len(roles.get(name, ())) for name in group}
        if len(set(sizes.values())) > 1:
            out.append(f"roles {', '.join(group)} are read side by side but name {sizes} cells")
    return out


def _reference_problems(layout: LayoutSpec) -> list[str]:
    """Rules, an older format's mapping and marks naming a missing cell or table."""
    cells = layout.cells
    out: list[str] = []
    for rule in layout.rules:
        keys = (rule.target, *rule.addends) if isinstance(rule, SumRule) else (*rule.left, *rule.right)
        out += [f"rule {rule.code} ({rule.label}) adds the missing cell {key!r}" for key in keys if key not in cells]
    out += [f"earlier format {old}: the missing cell {key!r}" for old, keys in layout.earlier.items()
            for key in keys if key not in cells]
    out += [f"marks of the missing table {key!r}" for key in layout.marks if key not in layout.table_by_key]
    return out


def variant_problems(layout: LayoutSpec, variant: VariantSpec) -> list[str]:
    """What is wrong with ``variant`` of ``layout``: a label it does not print, a cell it does not have; []
    when nothing."""
    cells = layout.cells
    printed = {lb.text for t in layout.tables for lb in t.labels}
    out = [f"variant name {variant.name!r} is not a province's"] if variant.name in ("", "national") else []
    out += [f"label_overrides: the layout prints no label {text!r}" for text in variant.label_overrides
            if text not in printed]
    out += [f"col_label_overrides: the missing cell {key!r}" for key in variant.col_label_overrides if key not in cells]
    out += [f"decimals: the missing cell {key!r}" for key in variant.decimals if key not in cells]
    out += [f"decimals: the cell {key!r} is not an amount" for key in variant.decimals
            if key in cells and cells[key].kind is not Kind.AMOUNT]
    return out


def check_layout(layout: LayoutSpec) -> None:
    """Raise ``LayoutError`` naming every problem of ``layout``."""
    _raise(f"format {layout.format}", layout_problems(layout))


def check_variant(layout: LayoutSpec, variant: VariantSpec) -> None:
    """Raise ``LayoutError`` naming every problem of ``variant`` of ``layout``."""
    _raise(f"format {layout.format} variant {variant.name!r}", variant_problems(layout, variant))


def _raise(what: str, problems: list[str]) -> None:
    if problems:
        raise LayoutError(f"{what}: " + "; ".join(problems))
