"""The HTML report is accessible (GB/T 37668-2019): real tables with a caption, header cells with scope, each
data cell naming its header cells (the two-level headers of 表三 and 表四), the official merges; no images."""

from __future__ import annotations

from html.parser import HTMLParser

from nianbao.publish.render import render_html
from test_render import sample


class Cells(HTMLParser):
    """The tables of a page: per table its caption, header cells by id and data cells with their headers."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[dict] = []  # type: ignore[type-arg]
        self.cell: dict | None = None  # type: ignore[type-arg]
        self.in_caption = False
        self.images = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "img":
            self.images += 1
        if tag == "table":
            self.tables.append({"caption": "", "th": {}, "td": [], "key": a.get("class")})
        elif tag == "caption":
            self.in_caption = True
        elif tag in ("th", "td"):
            self.cell = {"tag": tag, "text": "", **a}

    def handle_endtag(self, tag: str) -> None:
        if tag == "caption":
            self.in_caption = False
        elif tag in ("th", "td") and self.cell is not None:
            t = self.tables[-1]
            if tag == "th":
                t["th"][self.cell["id"]] = self.cell
            else:
                t["td"].append(self.cell)
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.in_caption:
            self.tables[-1]["caption"] += data
        elif self.cell is not None:
            self.cell["text"] += data


def parsed() -> Cells:
    p = Cells()
    p.feed(render_html(sample()))
    return p


def headers_of(table: dict, key: str) -> list[str]:  # type: ignore[type-arg]
    td = next(c for c in table["td"] if c["data-key"] == key)
    return [table["th"][i]["text"] for i in td["headers"].split()]


def test_every_table_has_a_caption_and_every_value_its_headers() -> None:
    p = parsed()
    assert [t["caption"] for t in p.tables] == ["二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                                                 "四、政府信息公开行政复议、行政诉讼情况"]
    assert p.images == 0
    for t in p.tables:
        assert all(th["scope"] in ("row", "col", "rowgroup", "colgroup") for th in t["th"].values())
        for td in t["td"]:
            assert td["headers"] and all(i in t["th"] for i in td["headers"].split())


def test_two_level_headers_are_named() -> None:
    t2, t3, t4 = parsed().tables
    assert headers_of(t3, "t3.withheld.state_secret.business") == [
        "申请人情况", "法人或其他组织", "商业企业", "三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"]
    assert headers_of(t3, "t3.new.natural_person") == ["申请人情况", "自然人", "一、本年新收政府信息公开申请数量"]
    assert headers_of(t4, "t4.suit_after_review.pending") == ["行政诉讼", "复议后起诉", "尚未审结"]
    assert headers_of(t4, "t4.review.total") == ["行政复议", "总计"]
    # 表二 in blocks: a value's headers are those of its own block, not of the blocks above
    assert headers_of(t2, "t2.penalty.decisions") == ["第二十条第（六）项", "本年处理决定数量", "行政处罚"]
    assert t3["th"]["t3-r5c0"]["scope"] == "rowgroup" and t4["th"]["t4-r0c5"]["scope"] == "colgroup"
    assert t3["th"]["t3-r5c0"]["rowspan"] == "22" and t4["th"]["t4-r0c5"]["colspan"] == "10"


class _Body(HTMLParser):
    """The tags and attributes inside <body>: what a site's editor keeps when the page is pasted into it."""

    def __init__(self) -> None:
        super().__init__()
        self.in_body = False
        self.tags: set[str] = set()
        self.attrs: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self.in_body = True
        elif self.in_body:
            self.tags.add(tag)
            self.attrs.update(name for name, _v in attrs)


def test_the_body_pastes_cleanly_into_an_editor() -> None:
    """Only structural tags and attributes in the body (no inline style, script, image or link): pasted into a
    portal's editor, the headings, paragraphs and the tables with their merges and headers stay as they are."""
    body = _Body()
    body.feed(render_html(sample()))
    assert body.tags <= {"h1", "h2", "h3", "p", "br", "table", "caption", "thead", "tbody", "tr", "th", "td"}
    assert body.attrs <= {"class", "colspan", "rowspan", "scope", "id", "headers", "data-key"}
