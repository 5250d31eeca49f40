"""What ``nianbao serve`` needs before the server starts: the password, beyond this machine."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from nianbao.wording import web as words

__all__ = ["MIN_PASSWORD", "ServeRefused", "prepare"]

MIN_PASSWORD = 8


class ServeRefused(ValueError):
    """The server cannot start; the message says why, in Chinese."""


def prepare(web: Any, ask: Callable[[str], str]) -> None:
    """Beyond this machine the county's pages need a password: on the first start ``ask`` for one (it is
    stored as a hash in the ledger)."""
    guard = web.state.guard
    if not guard.needs_password or guard.password_set:
        return
    password = ask(words.ASK_COUNTY_PASSWORD.format(MIN_PASSWORD=MIN_PASSWORD))
    if len(password) < MIN_PASSWORD:
        raise ServeRefused(words.PASSWORD_TOO_SHORT.format(MIN_PASSWORD=MIN_PASSWORD))
    guard.set_password(password)
