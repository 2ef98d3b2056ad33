"""Markdown bodies keep headings and step numbers, lose emphasis and link syntax."""

from __future__ import annotations

from graph_service.text.markdown import markdown_to_text


def test_structure_kept_and_marks_dropped() -> None:
    body = (
        "# การทำปุ๋ยหมัก\n\n**Steps:**\n\n1. Chop the *straw*\n2. Keep it `moist`\n\n"
        "- see [the guide](https://example.org)\n\n<b>raw html</b> stays text"
    )
    assert markdown_to_text(body) == (
        "# การทำปุ๋ยหมัก\n\nSteps:\n\n1. Chop the straw\n\n2. Keep it moist\n\n"
        "- see the guide\n\n<b>raw html</b> stays text"
    )


def test_empty_and_plain() -> None:
    assert markdown_to_text("") == ""
    assert markdown_to_text("just text") == "just text"
