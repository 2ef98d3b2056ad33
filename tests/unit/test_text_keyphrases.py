"""keyphrases: YAKE over segmented text, Thai rejoined, phrases inside sentences."""

from __future__ import annotations

import re
from pathlib import Path

from graph_service.text import keyphrases, normalize_text

SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds"
COP_PHRASES = {"ชุมชนนักปฏิบัติ", "ชุมนุมนักปฏิบัติ", "นักปฏิบัติ", "ชุมชน", "ความรู้", "แลกเปลี่ยนเรียนรู้"}

ENGLISH = (
    "Quantum gates are represented by matrices, which represent the transformations applied "
    "to qubits. Suppose we have some quantum gate which operates on two qubits. How does the "
    "quantum gate affect the result of measuring the state of the qubits? A quantum gate is "
    "unitary, so measuring after the quantum gate gives probabilities from the new state."
)


def test_seed_article_yields_thai_cop_phrases_without_inner_spaces() -> None:
    text = normalize_text(
        (SEED / "gotoknow-581184-community-of-practice.th.txt").read_text(encoding="utf-8")
    )
    phrases = keyphrases([text], top=10)
    assert len(phrases) == 10
    assert COP_PHRASES & set(phrases)
    assert "ชุมนุมนักปฏิบัติ" in phrases
    assert not any(re.search("[\u0e00-\u0e7f] [\u0e00-\u0e7f]", p) for p in phrases)


def test_english_phrases() -> None:
    phrases = keyphrases([ENGLISH], top=5)
    assert "quantum gate" in [p.lower() for p in phrases]
    assert all(p.split()[0].lower() not in {"the", "of", "a"} for p in phrases)


def test_phrases_never_cross_sentences_or_brackets() -> None:
    texts = ["Rice straw compost. Farmers share compost recipes (rice straw) weekly"] * 3
    pieces = ["rice straw compost", "farmers share compost recipes", "rice straw", "weekly"]
    phrases = keyphrases(texts, top=10, language="en")
    assert phrases
    assert all(any(p.lower() in piece for piece in pieces) for p in phrases)


def test_nothing_to_extract() -> None:
    assert keyphrases([]) == []
    assert keyphrases(["  ", "!!!"]) == []
    assert keyphrases(["ความรู้"], top=0) == []
