"""The gap map as a CSV file, read back the way a spreadsheet would: a named download, Thai
intact behind a byte-order mark, short numbers, and bus factors only where there are experts."""

from __future__ import annotations

import csv
import io
import re

from tests.api.conftest import LiveApi

SHORT_NUMBER = re.compile(r"^\d+(\.\d{1,4})?$")


def test_gap_csv_is_a_named_utf8_file_with_bom_thai_names_and_rounded_numbers(
    live_api: LiveApi,
) -> None:
    with live_api.client("admin") as admin:
        response = admin.get("/v1/gaps", params={"format": "csv"})
        in_community = admin.get("/v1/gaps", params={"format": "csv", "community": "cop-agri"})
        as_json = admin.get("/v1/gaps").json()["gaps"]
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    disposition = response.headers["content-disposition"]
    assert re.fullmatch(r'attachment; filename="copgraph-gaps-\d{4}-\d\d-\d\d\.csv"', disposition)
    assert 'filename="copgraph-gaps-cop-agri-' in in_community.headers["content-disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf"), "a UTF-8 byte-order mark, for Excel"
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row["domain_id"] for row in rows] == [gap["domain_id"] for gap in as_json]
    by_id = {row["domain_id"]: row for row in rows}
    assert by_id["composting"]["name_th"] == "การทำปุ๋ยหมัก"
    assert by_id["agriculture"]["name_th"] == "การเกษตร"
    for row in rows:
        for column in ("gap_score", "top1_share", "top3_share", "experts", "bus_factor"):
            assert SHORT_NUMBER.match(row[column]), (column, row[column])
        experts, bus = int(row["experts"]), int(row["bus_factor"])
        assert bus <= experts, row
        if not experts:
            assert not any("bus factor" in reason for reason in row["reasons"].split("; ")), row


def test_gap_exports_read_back_in_thai_with_an_action_per_gap(live_api: LiveApi) -> None:
    """The CSV and the workbook a Thai KM lead downloads: Thai names, reasons and actions."""
    from openpyxl import load_workbook

    with live_api.client("admin") as admin:
        as_json = admin.get("/v1/gaps", params={"lang": "th"})
        table = admin.get("/v1/gaps", params={"format": "csv", "lang": "th"})
        book = admin.get(
            "/v1/gaps", headers={"Accept-Language": "th-TH"}, params={"format": "xlsx"}
        )
    gaps = as_json.json()["gaps"]
    assert as_json.headers["content-language"] == book.headers["content-language"] == "th"
    assert re.fullmatch(
        r'attachment; filename="copgraph-gaps-\d{4}-\d\d-\d\d\.xlsx"',
        book.headers["content-disposition"],
    )
    rows = list(csv.DictReader(io.StringIO(table.content.decode("utf-8-sig"))))
    water = next(row for row in rows if row["domain_id"] == "water-management")
    assert water["action"] and not re.search(r"[A-Za-z]", water["action"] + water["reasons"])

    sheet, about = load_workbook(io.BytesIO(book.content)).worksheets
    header, *cells = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert header[:3] == ["ลำดับ", "สาขาความรู้", "รหัสสาขา"]
    assert [row[2] for row in cells] == [gap["domain_id"] for gap in gaps]
    by_id = {row[2]: dict(zip(header, row, strict=True)) for row in cells}
    assert by_id["composting"]["สาขาความรู้"] == "การทำปุ๋ยหมัก"
    for gap in gaps:
        row = by_id[gap["domain_id"]]
        if gap["gap_score"] > 0:
            assert row["สิ่งที่ควรทำ"] == gap["actions"][0]["text"] and row["เพราะ"], row
    assert about["A1"].value == "ข้อมูล ณ วันที่" and about["B1"].value is not None
