"""One count of offices by state (``inbox.types.tally``), which ``inbox status``'s footer and the web
dashboard's totals both show."""

from __future__ import annotations

from nianbao.cli.inbox import _status_counts
from nianbao.inbox.types import OfficeState, OfficeStatus, tally
from nianbao.web.views import board


def office(name: str, state: OfficeStatus, *, on_roster: bool = True, county: str = "示例县") -> OfficeState:
    return OfficeState(name=name, category="", county=county, contact="", phone="", state=state.value, version=None,
                       received_at=None, errors=0, warnings=0, on_roster=on_roster, note="")


STATES = [office("县财政局", OfficeStatus.SUBMITTED_OK), office("县教育局", OfficeStatus.MISSING),
          office("城关镇", OfficeStatus.SUBMITTED_OK), office("外县局", OfficeStatus.SUBMITTED_WARN, on_roster=False,
                                                              county="邻县")]


def test_the_roster_is_counted_and_offices_outside_it_apart() -> None:
    counted = tally(STATES)
    assert counted.counts == {"已提交·通过": 2, "未提交": 1}
    assert ([s.name for s in counted.missing], counted.submitted, [s.name for s in counted.outside]) == \
        (["县教育局"], 2, ["外县局"])


def test_the_cli_footer_and_the_dashboard_say_the_same_counts() -> None:
    shown = board(STATES)
    assert (shown.counts, shown.expected, shown.submitted, shown.outside) == ({"已提交·通过": 2, "未提交": 1}, 3, 2, 1)
    assert _status_counts(STATES) == "已提交·通过 2 个；未提交 1 个；另有名单外 1 个：外县局（邻县）"


def test_without_a_roster_the_cli_counts_every_office() -> None:
    loose = [office("县财政局", OfficeStatus.SUBMITTED_OK, on_roster=False),
             office("县教育局", OfficeStatus.SUBMITTED_ERROR, on_roster=False)]
    assert tally(loose).counts == {} and len(tally(loose).outside) == 2  # the dashboard: 名单外 2
    everyone = tally(loose, all_without_roster=True)
    assert (everyone.counts, everyone.outside) == ({"已提交·通过": 1, "已提交·有错误": 1}, ())
    assert _status_counts(loose) == "已提交·通过 1 个；已提交·有错误 1 个"
