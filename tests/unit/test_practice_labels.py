"""Practice titles and summaries: never a cue phrase alone, never a list of headings.

The texts are the sample's replies and documents that were titled "Steps I would try:" and
"ข้อแนะนำคือ", or summarised "ขั้นตอน บทเรียนที่ได้รับ", before (issue 17).
"""

from __future__ import annotations

import pytest

from graph_service.models import ContentKind
from ingest.content import Content
from ingest.practice_labels import is_informative, practice_summary, practice_title
from ingest.practices import CuePracticeExtractor

COMPOST_REPLY = """Sixty centimetres is on the small side, but the bigger issue is usually the mix.
Steps I would try:

1. Add green material (grass clippings or chicken manure) until it is 2 parts brown to 1 green.

2. Moisten everything until it feels like a wrung-out sponge, not dripping.

3. Shred or chop the leaves; smaller pieces break down much faster."""
AAR_REPLY = """ใช้ได้ดีมากค่ะ เคยช่วยโรงเรียนหนึ่งปรับใช้ ข้อแนะนำคือ
1. ใช้คำถามสี่ข้อเหมือนเดิม แต่เปลี่ยนภาษาให้เด็กเข้าใจ
2. ให้แต่ละคนเขียนลงกระดาษโน้ตก่อนสามนาที แล้วค่อยแปะบนกระดาน
3. ครูไม่ตัดสินว่าใครผิด และเริ่มจากสิ่งที่กลุ่มทำได้ดีก่อนเสมอ"""
MAEJO = """วิธีนี้พัฒนาโดยมหาวิทยาลัยแม่โจ้ เหมาะกับเกษตรกรที่ไม่มีแรงงานพลิกกองปุ๋ย
ขั้นตอน
1. เตรียมเศษพืช เช่น ฟางข้าว ใบไม้แห้ง กับมูลสัตว์ ในอัตราส่วน 4 ต่อ 1
2. ขึ้นกองเป็นรูปสามเหลี่ยมคางหมู ฐานกว้าง 2.5 เมตร สูง 1.5 เมตร
บทเรียนที่ได้รับ
กองที่กว้างเกิน 3 เมตร ตรงกลางมักชื้นแฉะและเน่า"""
LABELS = ("Steps:", "Steps I would try:", "What helped:", "ข้อแนะนำคือ", "ขั้นตอน", "บทเรียนที่ได้รับ")


def _content(text: str, kind: ContentKind = "answer", title: str = "") -> Content:
    return Content(
        id="c1", kind=kind, document_id="d1", title=title, text=text, language="",
        authors=(), links=(), created_at=None, url=None, tags=(), score=0, accepted=False,
        reply_to=None, community_id=None, source="files", content_hash="h",
    )  # fmt: skip


@pytest.mark.parametrize("label", LABELS)
def test_a_cue_phrase_alone_says_nothing(label: str) -> None:
    assert not is_informative(label)


@pytest.mark.parametrize(
    "sentence",
    [
        "Add green material until it is 2 parts brown to 1 green.",
        "หอผู้ป่วยของเราลดการพลัดตกช่วงกลางคืนได้ชัดเจน",
        "AAR เป็นเครื่องมือถอดบทเรียนอย่างง่าย",
    ],
)
def test_a_sentence_that_says_what_to_do_is_informative(sentence: str) -> None:
    assert is_informative(sentence)


def test_a_reply_is_titled_by_its_best_step_not_by_its_lead_in() -> None:
    found = CuePracticeExtractor().extract(_content(COMPOST_REPLY))
    assert found is not None
    assert found.title.startswith("Add green material (grass clippings")
    assert "Steps" not in found.summary


def test_a_thai_reply_is_titled_by_a_step_without_its_number() -> None:
    found = CuePracticeExtractor().extract(_content(AAR_REPLY))
    assert found is not None
    assert found.title not in LABELS and not found.title[0].isdigit()
    assert is_informative(found.title)
    assert "ข้อแนะนำคือ" not in found.summary


def test_a_document_summary_is_sentences_not_its_headings() -> None:
    found = CuePracticeExtractor().extract(_content(MAEJO, "article", "วิธีแม่โจ้"))
    assert found is not None
    assert found.title == "วิธีแม่โจ้"  # the author's title is kept, short or not
    assert "ขั้นตอน" not in found.summary and "บทเรียนที่ได้รับ" not in found.summary
    assert is_informative(found.summary)


def test_a_title_that_is_only_a_cue_gives_way_to_the_heading_then_a_sentence() -> None:
    sentences = ["Steps:", "Water each layer until it is damp through."]
    assert practice_title("Steps:", "Straw compost", sentences, [1.0, 0.5]) == "Straw compost"
    assert practice_title("Steps:", None, sentences, [1.0, 0.5]) == sentences[1]


def test_a_summary_keeps_the_writing_order_of_its_best_sentences() -> None:
    sentences = ["Steps:", "Collect the straw within a week.", "Build the pile in layers."]
    assert practice_summary(sentences, [3.0, 0.5, 1.0]) == (
        "Collect the straw within a week. Build the pile in layers."
    )
