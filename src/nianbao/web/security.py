"""What keeps the county's pages and the offices' links apart: password, session, CSRF and link tokens.

Bound to this machine only (``127.0.0.1``, ``localhost``, ``::1``), the county's pages need no password;
bound to any other address they need the password set on first start (stored in the ledger as an scrypt
hash, never as typed). Every form carries a CSRF token tied to a random cookie; the JSON API's writes
need a header a cross-site form cannot send. An office link is a random token; renewing it makes the old
one see nothing. Secrets are kept in the ledger's settings, so they survive a restart.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import socket
import time
from dataclasses import dataclass
from typing import Any

from nianbao.wording import web as words

__all__ = [
    "LOCAL_HOSTS",
    "Guard",
    "hash_password",
    "is_local",
    "reachable_address",
    "verify_password",
]

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
SECRET_KEY, PASSWORD_KEY = "web.secret", "web.password"
LINK_TOKEN_PREFIX, LINK_OFFICE_PREFIX = "web.link.token:", "web.link.office:"
#: a login lasts a working week
SESSION_SECONDS = 7 * 24 * 3600
CSRF_COOKIE, SESSION_COOKIE = "nianbao_csrf", "nianbao_session"
#: the header the JSON API's writes need (a cross-site form cannot set a header; a script must ask first)
API_HEADER = "X-CSRF-Token"


def is_local(host: str) -> bool:
    """Whether ``host`` is reachable from this machine only."""
    return host.strip("[]") in LOCAL_HOSTS or host.startswith("127.")


def reachable_address(host: str) -> str:
    """The address other computers reach this server at when it listens on ``host``: the address itself,
    or, for 0.0.0.0 / ::, this machine's address on its network (the route out; nothing is sent)."""
    if host not in ("0.0.0.0", "::", ""):
        return host
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("10.254.254.254", 1))
            return str(s.getsockname()[0])
    except OSError:
        return socket.gethostname()


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    """An scrypt hash of ``password`` as ``scrypt$salt$hash`` (hex)."""
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=2**14, r=8, p=1)
    return f"scrypt${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        kind, salt, _digest = stored.split("$")
    except ValueError:
        return False
    if kind != "scrypt":
        return False
    return hmac.compare_digest(hash_password(password, salt=bytes.fromhex(salt)), stored)


@dataclass
class Guard:
    """The server's secret and whether the county's pages need a password; the inbox holds both."""

    inbox: Any
    needs_password: bool

    def __post_init__(self) -> None:
        secret = self.inbox.get_setting(SECRET_KEY)
        if not secret:
            secret = secrets.token_hex(32)
            self.inbox.set_setting(SECRET_KEY, secret, secret=True)
        self._secret = bytes.fromhex(secret)
        self._password = self.inbox.get_setting(PASSWORD_KEY) or ""

    # -- signing ----------------------------------------------------------------------------------
    def sign(self, text: str) -> str:
        return hmac.new(self._secret, text.encode("utf-8"), hashlib.sha256).hexdigest()

    def csrf_token(self, nonce: str) -> str:
        return self.sign("csrf:" + nonce)

    def csrf_ok(self, nonce: str | None, token: str | None) -> bool:
        return bool(nonce and token) and hmac.compare_digest(self.csrf_token(str(nonce)), str(token))

    # -- the county's password and session --------------------------------------------------------
    @property
    def password_set(self) -> bool:
        return bool(self._password)

    def set_password(self, password: str) -> None:
        self._password = hash_password(password)
        self.inbox.set_setting(PASSWORD_KEY, self._password, secret=True)

    def check_password(self, password: str) -> bool:
        return bool(self._password) and verify_password(password, self._password)

    def session_cookie(self, now: float | None = None) -> str:
        issued = str(int(now if now is not None else time.time()))
        return f"{issued}.{self.sign('session:' + issued + ':' + self._password_tag())}"

    def session_ok(self, cookie: str | None, now: float | None = None) -> bool:
        if not self.needs_password:
            return True
        if not cookie or "." not in cookie:
            return False
        issued, sig = cookie.split(".", 1)
        if not issued.isdigit() or (now if now is not None else time.time()) - int(issued) > SESSION_SECONDS:
            return False
        return hmac.compare_digest(self.sign("session:" + issued + ":" + self._password_tag()), sig)

    def _password_tag(self) -> str:
        """Changing the password ends every session signed before."""
        return hashlib.sha256(self._password.encode()).hexdigest()[:16]

    # -- office links -----------------------------------------------------------------------------
    def new_link(self, office: str, by: str = "") -> str:
        """A new upload link token for ``office``; the office's old token sees nothing from now on. One
        transaction, and one line of the office's log (which never holds the token)."""
        old = self.inbox.get_setting(LINK_OFFICE_PREFIX + office)
        token = secrets.token_urlsafe(24)
        values = {LINK_TOKEN_PREFIX + _digest(old): ""} if old else {}
        values |= {LINK_TOKEN_PREFIX + _digest(token): office, LINK_OFFICE_PREFIX + office: token}
        self.inbox.set_secrets(values, action=words.ACTION_LINK, office=office, by=by,
                               note=words.LINK_RENEWED if old else words.LINK_MADE)
        return token

    def linked(self) -> set[str]:
        """The offices that have a current link (one query, for the dashboard)."""
        return {k[len(LINK_OFFICE_PREFIX):] for k, v in self.inbox.settings_under(LINK_OFFICE_PREFIX).items() if v}

    def link_of(self, office: str) -> str:
        """The office's current link token, or ''."""
        return self.inbox.get_setting(LINK_OFFICE_PREFIX + office) or ""

    def office_of(self, token: str) -> str:
        """The office a link token belongs to, or '' for a wrong or renewed one."""
        if not token or len(token) > 100:
            return ""
        office = self.inbox.get_setting(LINK_TOKEN_PREFIX + _digest(token)) or ""
        return office if office and hmac.compare_digest(self.link_of(office), token) else ""


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
