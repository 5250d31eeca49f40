"""Statuses are enums whose values are the Chinese labels: a label read back as plain text (from the ledger's
database, a JSON answer) finds its member, and the pages' and console's colours are given per member."""

from __future__ import annotations

from nianbao.cli.inbox import _style_of
from nianbao.form.result import FileStatus
from nianbao.inbox.types import STATES, SUBMITTED_BY_STATUS, OfficeStatus
from nianbao.web.views import state_class


def test_every_office_state_has_its_class_and_colour() -> None:
    classes = {s: state_class(str(s.value)) for s in OfficeStatus}  # plain str, as the database gives it back
    assert classes == {OfficeStatus.MISSING: "none", OfficeStatus.SUBMITTED_OK: "ok",
                       OfficeStatus.SUBMITTED_WARN: "warn", OfficeStatus.SUBMITTED_ERROR: "error",
                       OfficeStatus.RETURNED: "returned", OfficeStatus.ACCEPTED: "accepted"}
    assert all(_style_of(str(s.value)) for s in OfficeStatus)
    assert STATES == tuple(str(s.value) for s in OfficeStatus)


def test_a_verdict_is_coloured_by_its_member_and_an_unknown_label_is_plain() -> None:
    assert state_class("有错误") == state_class("无法读取") == "error"
    assert [_style_of(str(v.value)) for v in FileStatus] == ["green", "yellow", "red", "red"]
    assert state_class("其他") == "none" and _style_of("其他") == ""
    assert {str(k) for k in SUBMITTED_BY_STATUS} == {"通过", "有警告", "有错误"}
    assert SUBMITTED_BY_STATUS["有警告"] == OfficeStatus.SUBMITTED_WARN
