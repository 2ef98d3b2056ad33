"""Recommendation reasons in Thai, for the Thai embed card.

The queries word their reasons in English ("answerer of “…”", "meaning matches (rank 2)");
a Thai card must not show them so. Each phrase the queries write has a Thai wording here,
matched whole (titles, names and numbers carried over as they are); a phrase not listed stays
as written, and the browser test of the Thai card fails on it, so a new English phrase in
the queries is noticed here.
"""

from __future__ import annotations

import re

ROLES_TH = {
    "author": "เขียน",
    "asker": "ถามใน",
    "starter": "เริ่มกระทู้",
    "answerer": "ตอบใน",
    "commenter": "แสดงความคิดเห็นใน",
    "replier": "ตอบกลับใน",
}
PHRASES_TH: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(\w+) of (“.*”)$", re.S), "{role} {1}"),
    (re.compile(r"^meaning matches \(rank (\d+)\)$"), "ความหมายใกล้เคียง (อันดับ {0})"),
    (re.compile(r"^words match \(rank (\d+)\)$"), "คำตรงกัน (อันดับ {0})"),
    (re.compile(r"^translated words match \(rank (\d+)\)$"), "คำที่แปลแล้วตรงกัน (อันดับ {0})"),
    (re.compile(r"^similar content \(cosine ([\d.]+)\)$"), "เนื้อหาคล้ายกัน (ความคล้าย {0})"),
    (re.compile(r"^same domain: (.*)$", re.S), "สาขาเดียวกัน: {0}"),
    (re.compile(r"^same author$"), "ผู้เขียนคนเดียวกัน"),
    (re.compile(r"^linked as related \(RELATED_TO\)$"), "มีการเชื่อมโยงว่าเกี่ยวข้องกัน"),
    (
        re.compile(r"^(\d+) of the best answers on this topic were written there$"),
        "คำตอบที่ดีที่สุดในเรื่องนี้ {0} รายการเขียนไว้ที่นี่",
    ),
]


def _phrase_in_thai(phrase: str) -> str:
    for pattern, thai in PHRASES_TH:
        match = pattern.match(phrase)
        if not match:
            continue
        groups = match.groups()
        if thai.startswith("{role}"):
            role = ROLES_TH.get(groups[0])
            if role is None:
                continue
            return f"{role} {groups[1]}"
        return thai.format(*groups)
    return phrase


def reason_in_thai(reason: str) -> str:
    """A reason of one or more "; "-joined phrases, each in Thai where it has a wording."""
    return "; ".join(_phrase_in_thai(phrase) for phrase in reason.split("; "))
