"""Command-line values without pydantic when they need none of it.

typer (0.2x) coerces every parameter's value through a pydantic ``TypeAdapter``, built on first use; importing
pydantic and building the adapters costs about a tenth of a second, more than a one-file ``nianbao check``
spends reading. Our commands take strings, paths, lists of paths, booleans and a few integers: this module
gives typer a coercion for the values that need no conversion or only ``Path(value)`` (a default that is
already of its type, a string for a ``str``, a path argument), and hands every other value (an integer
typed on the command line, a choice, anything with a parser) to typer's own, pydantic and its Chinese
error messages included. What a command receives is the same either way.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args, get_origin

import typer.core

try:  # typer >= 0.29: coercion through runtime params
    from typer._coercion import RuntimeParam, TypeDescriptor
    from typer._param_types import coerce_cli_path
except ImportError:  # pragma: no cover - an older typer coerces through click's types
    RuntimeParam = None  # type: ignore[assignment,misc]

__all__ = ["install"]


def _plain_path(annotation: Any, info: Any) -> bool:
    """A ``Path`` with no path type of its own and no parser."""
    return isinstance(annotation, type) and issubclass(annotation, Path) and info.path_type is None


if RuntimeParam is not None:

    @dataclass(frozen=True)
    class _Light(RuntimeParam):
        """A value that is already of its type, a ``str``, a ``Path`` or a list of paths, coerced here; anything
        else by typer's own runtime param (pydantic), built the first time it is needed."""

        descriptor: TypeDescriptor
        build: Any

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            annotation, info = self.annotation, self.parameter_info
            leaf = get_args(annotation)[0] if get_origin(annotation) is list else annotation
            if annotation is str and isinstance(value, str):
                return value
            if annotation in (int, bool) and type(value) is annotation and info.min is None and info.max is None:
                return value  # a default (typer passes it through the coercion as well)
            if _plain_path(leaf, info):
                if leaf is annotation and isinstance(value, str | Path):
                    return self._path(value, param, ctx)
                if leaf is not annotation and isinstance(value, list | tuple) and all(
                        isinstance(v, str | Path) for v in value):
                    return [self._path(v, param, ctx) for v in value]
            return self.build(self.descriptor)._coerce_value(value, param=param, ctx=ctx)

        def _path(self, value: str | Path, param: Any, ctx: Any) -> Any:
            path_type = self.annotation if get_origin(self.annotation) is not list else get_args(self.annotation)[0]
            as_path = value if isinstance(value, path_type) else path_type(value)
            return coerce_cli_path(as_path, self.parameter_info, path_type=path_type, param=param, ctx=ctx)


def install() -> None:
    """Make typer coerce the plain values of our commands without pydantic (once; a no-op on a typer
    that does not coerce through runtime params)."""
    original = getattr(typer.core, "build_runtime_param", None)
    if RuntimeParam is None or original is None or getattr(original, "nianbao_light", False):
        return

    def build(descriptor: TypeDescriptor) -> Any:
        if descriptor.file_annotation is not None or descriptor.parameter_info.parser is not None:
            return original(descriptor)
        return _Light(parameter_info=descriptor.parameter_info, annotation=descriptor.annotation,
                      descriptor=descriptor, build=original)

    build.nianbao_light = True  # type: ignore[attr-defined]
    typer.core.build_runtime_param = build
