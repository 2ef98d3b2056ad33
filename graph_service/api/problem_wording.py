"""API error details in Thai for callers whose `Accept-Language` prefers it.

The `code` of a problem stays the same in every language (programs read it); the `detail`
people read is Thai for a Thai caller: an unknown id names its kind and the id, an invalid
parameter names the parameter and its bound, refused keys and oversized bodies say so. What
has no Thai wording here (a body that cannot be parsed, pydantic's own messages) stays
English. `Content-Language` says which a response is in.
"""

from __future__ import annotations

from typing import Any

KINDS_TH = {
    "community": "ชุมชน",
    "document": "เอกสาร",
    "domain": "สาขาความรู้",
    "file": "ไฟล์",
    "person": "บุคคล",
    "practice": "แนวปฏิบัติ",
}
STATUS_TH = {
    401: "ต้องใช้คีย์ API ที่ถูกต้อง (ส่งในส่วนหัว X-API-Key)",
    403: "คีย์ API นี้ไม่มีสิทธิ์สำหรับคำขอนี้",
    413: "เนื้อหาของคำขอใหญ่เกินกำหนด",
}


def not_found_th(kind: str, item_id: str) -> str:
    """ "ไม่พบชุมชน 'x'": the kind in Thai, the id as given."""
    return f"ไม่พบ{KINDS_TH.get(kind, kind)} {item_id!r}"


def invalid_parameter_th(item: dict[str, Any]) -> str:
    """One invalid parameter in Thai, with the bound for a number out of range."""
    name = ".".join(str(part) for part in item.get("loc", ())[1:]) or "body"
    bound = item.get("ctx") or {}
    if item.get("type") == "less_than_equal":
        return f"{name} ต้องไม่เกิน {bound['le']}"
    if item.get("type") == "greater_than_equal":
        return f"{name} ต้องไม่น้อยกว่า {bound['ge']}"
    return f"{name}: {item.get('msg', 'ไม่ถูกต้อง')}"


def invalid_request_th(said: list[str]) -> str:
    """The whole 422 detail: up to five parameters, then how many more."""
    more = f"; และอีก {len(said) - 5} รายการ (ดู errors)" if len(said) > 5 else ""
    return "พารามิเตอร์ของคำขอไม่ถูกต้อง: " + "; ".join(said[:5]) + more
