"""detect_language: script shares decide Thai, English or other; scripts_in names them."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph_service.text import detect_language
from graph_service.text.language import scripts_in

SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Organic rice farming without chemical fertiliser", "en"),
        ("การปลูกข้าวอินทรีย์", "th"),
        ("ชุมนุมนักปฏิบัติ หรือ Community of Practice ( CoP )", "th"),
        ("We visited the ชุมชน near Chiang Mai to learn composting techniques", "en"),
        ("知识管理和实践社区", "other"),
        ("Сообщество практики", "other"),
        ("12345 !!! 😰😰", "other"),
        ("", "other"),
    ],
)
def test_script_share_decides(text: str, expected: str) -> None:
    assert detect_language(text) == expected


def test_seed_article_is_thai() -> None:
    text = (SEED / "gotoknow-581184-community-of-practice.th.txt").read_text(encoding="utf-8")
    assert detect_language(text) == "th"


def test_a_text_s_scripts_are_those_of_its_letters() -> None:
    assert scripts_in("Who knows compost?") == {"latin"}
    assert scripts_in("ใครรู้เรื่องปุ๋ยหมัก") == {"thai"}
    assert scripts_in("ใครรู้เรื่อง compost") == {"thai", "latin"}
    assert scripts_in("2025 - 12") == frozenset()
