"""Files uploaded in the browser: refuse what is not a spreadsheet or too large, open a .zip, and hand
each file's bytes to the ledger, which stores them before it reads them.

Nothing is half-stored: a file is refused (with a Chinese reason) before anything of it reaches the
ledger, or handed to ``Inbox.add_bytes`` whole. A .zip is opened here, within limits (a zip bomb is
refused, not inflated), and each spreadsheet in it is one file.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from nianbao.files import zip_member_name
from nianbao.inbox.types import OfficeStatus
from nianbao.inbox.verdict import verdict
from nianbao.read.paths import SPREADSHEET_SUFFIXES, skip_reason
from nianbao.wording import web as words

__all__ = [
    "MAX_FILES",
    "MAX_FILE_BYTES",
    "MAX_REQUEST_BYTES",
    "Upload",
    "Verdict",
    "receive",
    "spreadsheets",
]

#: one file (a filled report is about 30 KB; a report with pictures a few MB)
MAX_FILE_BYTES = 20 * 1024 * 1024
#: files in one request, and in one .zip
MAX_FILES = 500
#: one request (many files, or a .zip)
MAX_REQUEST_BYTES = 200 * 1024 * 1024
#: a .zip's members inflated, all together
MAX_ZIP_INFLATED = 200 * 1024 * 1024
ZIP_SUFFIX = ".zip"
ACCEPTED = (*sorted(SPREADSHEET_SUFFIXES), ZIP_SUFFIX)


@dataclass(frozen=True)
class Upload:
    """One uploaded file as it arrived: its name as the browser gave it, and its bytes (``None`` when
    it was larger than the limit and not read to the end)."""

    name: str
    data: bytes | None


@dataclass
class Verdict:
    """What became of one uploaded file: refused (``refused`` says why), or received by the ledger."""

    name: str
    refused: str = ""
    received: Any = None  # nianbao.inbox.Received
    within: str = ""  # the .zip it came in
    notes: list[str] = field(default_factory=list)  # what the county's settings and roster say of it

    @property
    def findings(self) -> list[dict[str, Any]]:
        return list(getattr(self.received, "findings", None) or [])

    def to_dict(self) -> dict[str, Any]:
        """As ``nianbao check --json`` gives a file, with what the ledger made of it."""
        r = self.received
        if r is None:
            return {"path": self.name, "refused": self.refused, "status": words.STATUS_NOT_RECEIVED, "errors": 0, "warnings": 0,
                    "findings": []}
        return {"path": self.name, "office": r.office, "status": r.status, "errors": r.errors,
                "warnings": r.warnings, "findings": [dict(f) for f in r.findings], "sha256": r.sha256,
                "version": r.version, "duplicate": r.duplicate, "message": r.message, "within": self.within,
                "notes": self.notes}


@dataclass
class _Zip:
    files: list[tuple[str, bytes]] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)


def refusal(name: str, size: int | None) -> str:
    """Why an uploaded file is not taken ('' when it is)."""
    suffix = PurePosixPath(name).suffix.lower()
    if name.startswith(("~$", ".~lock.")):  # what an open workbook leaves beside it: never a report
        return words.LOCK_FILE_NOT_TAKEN
    if suffix not in ACCEPTED:
        return (words.NOT_A_WORKBOOK.format(value=suffix or words.NO_SUFFIX))
    if size is None or size > MAX_FILE_BYTES:
        return words.FILE_TOO_LARGE.format(value=MAX_FILE_BYTES // (1024 * 1024))
    if size == 0:
        return words.FILE_EMPTY
    return ""


def _open_zip(name: str, data: bytes) -> _Zip:
    """The spreadsheets inside a .zip, within the limits; anything else in it is listed as refused."""
    out = _Zip()
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = [i for i in zf.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        out.refused.append((name, words.ZIP_DAMAGED))
        return out
    if len(infos) > MAX_FILES or sum(i.file_size for i in infos) > MAX_ZIP_INFLATED:
        out.refused.append((name, words.ZIP_TOO_LARGE.format(MAX_FILES=MAX_FILES, value=MAX_ZIP_INFLATED // (1024 * 1024))))
        return out
    for info in infos:
        member = zip_member_name(info)
        nested = PurePosixPath(member).suffix.lower() == ZIP_SUFFIX and not PurePosixPath(member).name.startswith(".")
        why = words.ZIP_IN_ZIP if nested else (
            skip_reason(PurePosixPath(member)) or refusal(PurePosixPath(member).name, info.file_size))  # type: ignore[arg-type]  # a name only
        if why:
            out.refused.append((member, why))
            continue
        try:
            with zf.open(info) as fh:
                body = fh.read(MAX_FILE_BYTES + 1)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
            out.refused.append((member, words.ZIP_MEMBER_DAMAGED))
            continue
        if len(body) > MAX_FILE_BYTES:
            out.refused.append((member, refusal(member, len(body))))
            continue
        out.files.append((PurePosixPath(member).name, body))
    return out


def spreadsheets(uploads: Iterable[Upload]) -> Iterator[Verdict | tuple[str, str, bytes]]:
    """Each upload refused (a ``Verdict``) or to be received: ``(name, within, bytes)``; a .zip gives its
    members."""
    for up in uploads:
        name = PurePosixPath(up.name.replace("\\", "/")).name or words.UNNAMED_FILE
        why = refusal(name, None if up.data is None else len(up.data))
        if why or up.data is None:
            yield Verdict(name, refused=why)
            continue
        if not name.lower().endswith(ZIP_SUFFIX):
            yield (name, "", up.data)
            continue
        opened = _open_zip(name, up.data)
        for member, reason in opened.refused:
            yield Verdict(member, refused=reason, within=name if member != name else "")
        for member, body in opened.files:
            yield (member, name, body)


def someone_elses(inbox: Any, office: str, named: str) -> str:
    """Why a file sent through ``office``'s link is not taken: it is another office's report (``named``, the
    单位名称 in it, through the roster and its aliases). '' when it is the office's own, or names no office
    (the ledger then keeps it as a file of no office, unreadable or unnamed)."""
    named = named.strip()
    if not named:
        return ""
    found = inbox.office(named)
    if found is not None and found.name == office:
        return ""
    return (words.ANOTHER_OFFICES_REPORT.format(named=named, office=office))


def receive(inbox: Any, uploads: Iterable[Upload], *, source: str, by: str = "", office: str = "") -> list[Verdict]:
    """Hand every accepted file to the ledger in one batch (``Inbox.add_batch``: the bytes of all are
    committed before any is read), in the order uploaded. With ``office`` (an office's own link) each file is
    read first, and another office's report is refused before anything of it is stored; the ledger files
    the verdict already read instead of reading the file again."""
    out: list[Verdict] = []
    batch: list[tuple[str, bytes, str]] = []
    read: dict[str, dict[str, Any]] = {}  # sha256 -> verdict, of the files read before they are stored
    for item in spreadsheets(uploads):
        if isinstance(item, Verdict):
            out.append(item)
            if office and item.refused:  # what the office tried to send: in its log, for the county to see
                inbox.note_refused(office, item.name, item.refused, by=by)
            continue
        name, within, data = item
        why = ""
        if office:
            found = _by_link(verdict(data, name), office)
            why = someone_elses(inbox, office, found["office"])
            read[hashlib.sha256(data).hexdigest()] = found
            if why:
                inbox.note_refused(office, name, why, by=by)
        out.append(Verdict(name, refused=why, within=within))
        if not why:
            batch.append((name, data, f"{source}（{within}）" if within else source))

    def known(pairs: Sequence[tuple[bytes, str]]) -> list[dict[str, Any]]:
        found = [read.get(hashlib.sha256(d).hexdigest()) or verdict(d, n) for d, n in pairs]
        read.update((hashlib.sha256(d).hexdigest(), v) for (d, _n), v in zip(pairs, found, strict=True))
        return found

    waiting = iter(inbox.add_batch(batch, by=by, read=known) if batch else [])
    year = str(inbox.get_setting("year") or "")
    for v in out:
        if not v.refused:
            v.received = next(waiting)
            if office and v.received.office is None and not v.received.duplicate:  # kept, filed under no office:
                inbox.note_unfiled(office, v.name, v.received.message, by=by)  # in the log of the link's office
            found = read.get(v.received.sha256, {})
            v.notes = notes_on(inbox, v.received, found.get("year"), year)
            if found.get("office_from_link"):
                v.notes.insert(0, words.OFFICE_FROM_LINK.format(office=office))
    return out


def _by_link(found: dict[str, Any], office: str) -> dict[str, Any]:
    """A report read from a file sent through ``office``'s own link that names no office is that office's
    (the link says whose it is): filed as its version, the blank 单位名称 still an error to put right."""
    if found["office"] or found["kind"] == "unreadable":
        return found
    return {**found, "office": office, "office_from_link": True}


def notes_on(inbox: Any, received: Any, year: Any, county_year: str) -> list[str]:
    """What the county's settings and roster say of a file just received: another year's report than the
    county collects (an office sending last year's file again); an office not on the roster."""
    notes = []
    if county_year and year and str(year) != county_year:
        notes.append(words.ANOTHER_YEARS_REPORT.format(year=year, county_year=county_year))
    state = inbox.office(received.office) if received.office else None
    reviewed = (OfficeStatus.RETURNED.value, OfficeStatus.ACCEPTED.value)
    if state is not None and received.version and state.version == received.version and state.state in reviewed:
        notes.append(words.REVIEW_STANDS.format(state=state.state))  # the same report again: the review stands
    if state is not None and not state.on_roster:
        notes.append(words.OFFICE_NOT_ON_ROSTER.format(note=state.note or words.NOT_ON_ROSTER))
    return notes
