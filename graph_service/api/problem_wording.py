"""API error details in the caller's language: English, or Thai where `Accept-Language`
prefers it.

The `code` of a problem stays the same in every language (programs read it); the `detail`
people read follows the caller: an unknown id names its kind and the id, an invalid
parameter names the parameter and its bound, refused keys and oversized bodies say so. What
has no Thai wording here (a body that cannot be parsed, pydantic's own messages) stays
English. `Content-Language` says which a response is in. Both languages share one shape per
message, so a new bound or message is added to the table once, never to a second function.
"""

from __future__ import annotations

from typing import Any

from graph_service.api.language import Language

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
_WORDING: dict[Language, dict[str, str]] = {
    "en": {
        "le": "{name} must be at most {bound}",
        "ge": "{name} must be at least {bound}",
        "invalid": "invalid",
        "request": "invalid request parameters: ",
        "more": "; and {count} more (see errors)",
    },
    "th": {
        "le": "{name} ต้องไม่เกิน {bound}",
        "ge": "{name} ต้องไม่น้อยกว่า {bound}",
        "invalid": "ไม่ถูกต้อง",
        "request": "พารามิเตอร์ของคำขอไม่ถูกต้อง: ",
        "more": "; และอีก {count} รายการ (ดู errors)",
    },
}
_BOUND_OF = {"less_than_equal": "le", "greater_than_equal": "ge"}
"""Pydantic's error types that carry a numeric bound, and the `ctx` key that holds it."""


def not_found_th(kind: str, item_id: str) -> str:
    """ "ไม่พบชุมชน 'x'": the kind in Thai, the id as given."""
    return f"ไม่พบ{KINDS_TH.get(kind, kind)} {item_id!r}"


def invalid_parameter(item: dict[str, Any], language: Language) -> str:
    """One invalid parameter in words, naming it and, for a number out of range, the bound
    (a `limit` over its cap says the cap, so the client need not read the OpenAPI document).
    """
    words = _WORDING[language]
    name = ".".join(str(part) for part in item.get("loc", ())[1:]) or "body"
    bound_key = _BOUND_OF.get(str(item.get("type")))
    if bound_key is not None:
        bound = (item.get("ctx") or {})[bound_key]
        return words[bound_key].format(name=name, bound=bound)
    return f"{name}: {item.get('msg', words['invalid'])}"


def invalid_request(said: list[str], language: Language) -> str:
    """The whole 422 detail: up to five parameters, then how many more."""
    words = _WORDING[language]
    more = words["more"].format(count=len(said) - 5) if len(said) > 5 else ""
    return words["request"] + "; ".join(said[:5]) + more
