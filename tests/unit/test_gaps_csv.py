"""The gap map's CSV cells and file name, without a store."""

from __future__ import annotations

import csv
import io
from datetime import date

from graph_service.api.gaps_csv import gaps_csv, gaps_filename
from queries.gaps import DomainGap


def test_a_cell_excel_would_run_as_a_formula_is_quoted_and_floats_are_short() -> None:
    gap = DomainGap(
        domain_id="d", name='=HYPERLINK("http://x","y")', name_th="-ฝน", top1_share=1 / 3
    )
    text = gaps_csv([gap])
    assert text.startswith("\ufeff")
    row = next(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert row["name"] == '\'=HYPERLINK("http://x","y")' and row["name_th"] == "'-ฝน"
    assert row["top1_share"] == "0.3333"


def test_the_file_name_keeps_only_safe_characters_of_the_community() -> None:
    assert gaps_filename(None, date(2026, 12, 6)) == "copgraph-gaps-2026-12-06.csv"
    assert gaps_filename('a"b\r\nc/ก', date(2026, 12, 6)) == "copgraph-gaps-a_b__c__-2026-12-06.csv"
