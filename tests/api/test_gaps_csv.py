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
