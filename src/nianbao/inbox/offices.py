"""The offices in the ledger: the roster (名单) and the offices files came from, and which a file is from.

A report is attached to an office by its 单位名称 (or one of the roster's 别名) and its 所属县: a roster
office without a 所属县 takes the county's name (the ``county`` setting), and a report that leaves 所属县
blank is taken to be of that county. A report matching no roster office makes an office of its own,
marked as not on the roster (as ``nianbao merge`` lists it as 名单外).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from nianbao.inbox import schema as t
from nianbao.inbox.types import OfficeStatus
from nianbao.merge.identify import suggest_name
from nianbao.read.roster import RosterEntry, normalise_name
from nianbao.wording import inbox as words

_BY_NAME = sa.select(t.offices).where(t.offices.c.name_key == sa.bindparam("key"))
_BY_ALIAS = sa.select(t.offices).where(t.offices.c.id.in_(
    sa.select(t.aliases.c.office_id).where(t.aliases.c.alias_key == sa.bindparam("key")).scalar_subquery()))


def _candidates(conn: sa.Connection, key: str, *, lock: bool = False) -> list[dict[str, Any]]:
    """Offices whose name or one of whose aliases is ``key`` (a normalised name), oldest first; ``lock``:
    locked for the transaction (PostgreSQL; SQLite's transactions are serialised as they begin)."""
    found: dict[int, dict[str, Any]] = {}
    for q in (_BY_NAME, _BY_ALIAS):
        for r in conn.execute(q.with_for_update() if lock else q, {"key": key}).mappings().all():
            found[r["id"]] = dict(r)
    return [found[i] for i in sorted(found)]


def _pick(found: Sequence[dict[str, Any]], county_key: str, *, blank_county: bool) -> dict[str, Any] | None:
    """The office of ``found`` in the county: of that 所属县, else one of none; the roster's first."""
    ranked = sorted(found, key=lambda r: not r["on_roster"])
    for r in ranked:
        if r["county_key"] == county_key:
            return r
    for r in ranked:
        if not r["county_key"]:
            return r
    if blank_county and len(ranked) == 1:
        return ranked[0]
    return None


class OfficeBook:
    """Finding, attaching and importing offices, inside the ledger's transactions."""

    def import_roster(self, conn: sa.Connection, entries: Sequence[RosterEntry], home: str) -> None:
        o = t.offices
        conn.execute(o.update().values(on_roster=False, roster_order=None))
        for i, e in enumerate(entries):
            key, county = normalise_name(e.name), e.county or home
            county_key = normalise_name(county)
            values: dict[str, Any] = {"name": e.name, "name_key": key, "county": county, "county_key": county_key,
                      "category": e.category, "contact": e.contact, "phone": e.phone,
                      "aliases": json.dumps(sorted({normalise_name(a) for a in e.aliases} - {key}),
                                            ensure_ascii=False),
                      "on_roster": True, "roster_order": i}
            known = _pick(_candidates(conn, key), county_key, blank_county=not county)
            if known is not None:
                oid = known["id"]
                conn.execute(o.update().where(o.c.id == oid).values(**values))
            else:
                oid = conn.execute(o.insert().values(**values, review_note="").returning(o.c.id)).scalar_one()
            conn.execute(t.aliases.delete().where(t.aliases.c.office_id == oid))
            if json.loads(values["aliases"]):
                conn.execute(t.aliases.insert(), [{"alias_key": a, "office_id": oid} for a in json.loads(values["aliases"])])
        t.refresh_hints(conn)

    def attach(self, conn: sa.Connection, office: str, county: str, home: str) -> dict[str, Any]:
        """The office a report of ``office`` in ``county`` (blank: ``home``) is from, locked for this
        transaction; a new office, not on the roster, when none matches."""
        key, county = normalise_name(office), county or home
        county_key = normalise_name(county)
        found = _pick(_candidates(conn, key, lock=True), county_key, blank_county=not county)
        if found is not None:
            return found
        ins = insert_for(conn)(t.offices).values(
            name=office.strip(), name_key=key, county=county, county_key=county_key, category="", contact="",
            phone="", aliases="[]", on_roster=False, review_note="", hint=self._hint(conn, office))
        made = conn.execute(ins.on_conflict_do_nothing().returning(t.offices)).mappings().first()
        if made is not None:
            return dict(made)
        found = _pick(_candidates(conn, key, lock=True), county_key, blank_county=False)  # made meanwhile
        assert found is not None
        return found

    @staticmethod
    def _hint(conn: sa.Connection, office: str) -> str:
        roster = list(conn.execute(sa.select(t.offices.c.name).where(t.offices.c.on_roster)).scalars())
        return (suggest_name(office, roster) or "") if roster else ""

    def find(self, conn: sa.Connection, name: str) -> dict[str, Any] | None:
        """The office a clerk means by ``name`` (its name or an alias; the roster's first)."""
        found = _candidates(conn, normalise_name(name))
        if not found:
            return None
        return sorted(found, key=lambda r: (not r["on_roster"], r["id"]))[0]

    def roster(self, conn: sa.Connection) -> list[dict[str, Any]]:
        o = t.offices
        return [dict(r) for r in conn.execute(sa.select(o).where(o.c.on_roster).order_by(o.c.roster_order))
                .mappings().all()]


def insert_for(conn: sa.Connection) -> Any:
    """The dialect's INSERT (with ON CONFLICT DO NOTHING)."""
    from sqlalchemy.dialects import postgresql, sqlite

    return postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert


def office_note(row: Any, state: str, homes: set[str] | frozenset[str] = frozenset()) -> str:
    """The status table's note on an office: the note sent with 退回, or that it is not on the roster (an
    office of another county than ``homes``, the roster's and the inbox's: which county, as merge says)."""
    if state == OfficeStatus.RETURNED:
        return words.RETURN_NOTE.format(note=row['review_note']) if row["review_note"] else words.RETURNED
    if not row["on_roster"] and homes and row["county_key"] and row["county_key"] not in homes:
        return words.OTHER_COUNTY_NOTE.format(county=row["county"])
    if not row["on_roster"]:
        hint = row["hint"]
        return words.NOT_ON_ROSTER + (words.MAYBE_ROSTER_NAME.format(hint=hint) if hint else "")
    return ""
