"""The gap map's findings and suggested actions in words, in Thai or English.

Kept apart from the rules (`queries.gap_actions`) so that the API, the CSV and the XLSX
export say the same thing in the reader's language; English counts take the right plural
("1 question", "2 searches"), Thai needs none.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from queries.gap_actions import Finding, FindingCode, SuggestedAction

Language = Literal["en", "th"]


def _count(n: float, one: str, many: str) -> str:
    return f"{n:g} {one if n == 1 else many}"


def _share(value: float) -> str:
    return f"{value:.0%}"


FINDINGS: dict[Language, dict[FindingCode, Callable[[float], str]]] = {
    "en": {
        "unanswered": lambda n: f"{_count(n, 'question', 'questions')} nobody answered",
        "unresolved": lambda n: f"{_count(n, 'question', 'questions')} without an accepted answer",
        "weak_searches": lambda n: f"{_count(n, 'search', 'searches')} found little",
        "no_active_expert": lambda n: (
            f"no expert active in the last {_count(n, 'month', 'months')}"
        ),
        "no_expert": lambda _: "no expert at all",
        "bus_factor_1": lambda s: f"bus factor 1: one person holds {_share(s)} of it",
        "expert_left": lambda n: (
            "at risk: the expert left" if n == 1 else f"at risk: {n:g} experts left"
        ),
        "routed_unanswered": lambda n: (
            f"{_count(n, 'routed question', 'routed questions')} still unanswered"
        ),
        "declared_only": lambda n: f"declared, no evidence yet: {_count(n, 'person', 'people')}",
    },
    "th": {
        "unanswered": lambda n: f"มี {n:g} คำถามที่ยังไม่มีใครตอบ",
        "unresolved": lambda n: f"มี {n:g} คำถามที่ยังไม่มีคำตอบที่ได้รับการยอมรับ",
        "weak_searches": lambda n: f"ค้นหา {n:g} ครั้งแต่พบข้อมูลน้อย",
        "no_active_expert": lambda n: f"ไม่มีผู้เชี่ยวชาญที่เคลื่อนไหวใน {n:g} เดือนที่ผ่านมา",
        "no_expert": lambda _: "ยังไม่มีผู้เชี่ยวชาญเลย",
        "bus_factor_1": lambda s: f"ความรู้ {_share(s)} อยู่กับคนคนเดียว",
        "expert_left": lambda n: (
            "มีความเสี่ยง: ผู้เชี่ยวชาญลาออกไปแล้ว" if n == 1 else f"มีความเสี่ยง: ผู้เชี่ยวชาญ {n:g} คนลาออกไปแล้ว"
        ),
        "routed_unanswered": lambda n: f"ส่งต่อ {n:g} คำถามแล้วแต่ยังไม่มีใครตอบ",
        "declared_only": lambda n: f"มี {n:g} คนบอกว่ารู้เรื่องนี้แต่ยังไม่มีผลงานให้เห็น",
    },
}

ACTIONS: dict[Language, dict[str, Callable[[dict[str, float]], str]]] = {
    "en": {
        "route_questions": lambda v: (
            f"Route the {_count(v['n'], 'waiting question', 'waiting questions')} to the "
            f"{_count(v['m'], 'active expert', 'active experts')}"
        ),
        "ask_declared": lambda v: (
            f"Ask the {_count(v['m'], 'person who says', 'people who say')} they know it to "
            "answer a waiting question or write up a practice"
        ),
        "recruit_expert": lambda _: "Invite or recruit an expert: nobody here has shown it yet",
        "invite_expert": lambda v: (
            f"Invite back its {_count(v['m'], 'expert', 'experts')} and ask what they need to "
            "take part again"
        ),
        "after_action_review": lambda v: (
            f"Run an after-action review of the "
            f"{_count(v['n'], 'question', 'questions')} without an accepted answer and write "
            "down what works"
        ),
        "pair_newcomer": lambda v: (
            f"Pair a newcomer with the one expert who holds {_share(v['share'])} of it, so "
            "it is not lost with them"
        ),
        "write_up_practice": lambda v: (
            f"Ask its {_count(v['m'], 'active expert', 'active experts')} to write up a "
            "practice people can find"
        ),
    },
    "th": {
        "route_questions": lambda v: (
            f"ส่งต่อ {v['n']:g} คำถามที่รออยู่ให้ผู้เชี่ยวชาญที่เคลื่อนไหวอยู่ {v['m']:g} คน"
        ),
        "ask_declared": lambda v: f"ชวน {v['m']:g} คนที่บอกว่ารู้เรื่องนี้ให้ตอบคำถามที่รออยู่หรือเขียนแนวปฏิบัติ",
        "recruit_expert": lambda _: "เชิญหรือสรรหาผู้เชี่ยวชาญ: ยังไม่มีใครในชุมชนที่แสดงความรู้เรื่องนี้",
        "invite_expert": lambda v: (
            f"ชวนผู้เชี่ยวชาญ {v['m']:g} คนกลับมา และถามว่าต้องการอะไรเพื่อกลับมามีส่วนร่วม"
        ),
        "after_action_review": lambda v: (
            f"จัดทบทวนหลังการปฏิบัติงานกับ {v['n']:g} คำถามที่ยังไม่มีคำตอบที่ได้รับการยอมรับ แล้วบันทึกสิ่งที่ได้ผล"
        ),
        "pair_newcomer": lambda v: (
            f"จับคู่สมาชิกใหม่กับผู้เชี่ยวชาญคนเดียวที่ถือความรู้ {_share(v['share'])} เพื่อไม่ให้ความรู้หายไปกับเขา"
        ),
        "write_up_practice": lambda v: f"ขอให้ผู้เชี่ยวชาญที่เคลื่อนไหวอยู่ {v['m']:g} คนเขียนแนวปฏิบัติให้ค้นเจอได้",
    },
}


def finding_text(finding: Finding, language: Language = "en") -> str:
    """A finding as a short phrase, e.g. "3 questions nobody answered"."""
    return FINDINGS[language][finding.code](finding.value)


def action_text(action: SuggestedAction, language: Language = "en") -> str:
    """An action as an imperative sentence without its reason (see `action_reason`)."""
    return ACTIONS[language][action.kind](action.numbers)


def action_reason(action: SuggestedAction, findings: list[Finding], language: Language) -> str:
    """Why the action: the wording of the finding it answers."""
    finding = next((f for f in findings if f.code == action.because), None)
    return finding_text(finding, language) if finding else ""
