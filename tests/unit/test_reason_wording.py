"""Recommendation reasons in Thai: every phrase the queries write, titles and numbers kept."""

from __future__ import annotations

from graph_service.api.reason_wording import reason_in_thai


def test_each_phrase_of_the_queries_has_a_thai_wording() -> None:
    assert reason_in_thai("answerer of “Compost pile”") == "ตอบใน “Compost pile”"
    assert (
        reason_in_thai("meaning matches (rank 2); words match (rank 1)")
        == "ความหมายใกล้เคียง (อันดับ 2); คำตรงกัน (อันดับ 1)"
    )
    assert reason_in_thai("similar content (cosine 0.71); same author").startswith(
        "เนื้อหาคล้ายกัน (ความคล้าย 0.71); ผู้เขียนคนเดียวกัน"
    )
    assert reason_in_thai("translated words match (rank 3)") == "คำที่แปลแล้วตรงกัน (อันดับ 3)"
    assert reason_in_thai("same domain: Composting") == "สาขาเดียวกัน: Composting"
    assert reason_in_thai("linked as related (RELATED_TO)") == "มีการเชื่อมโยงว่าเกี่ยวข้องกัน"
    assert (
        reason_in_thai("2 of the best answers on this topic were written there")
        == "คำตอบที่ดีที่สุดในเรื่องนี้ 2 รายการเขียนไว้ที่นี่"
    )


def test_an_unknown_role_or_phrase_stays_as_written() -> None:
    assert reason_in_thai("juror of “x”") == "juror of “x”"
    assert reason_in_thai("something new") == "something new"
