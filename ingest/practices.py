"""Stage 4b: passages that describe a practice become Practice candidates.

A practice is a way of doing something that others can reuse: steps, a how-to, a lesson
learned, a recommendation. This extractor finds them with cues that work without a
language model (cue phrases in Thai and English, numbered steps, imperative sentences) and
titles and summarises them extractively (`ingest.practice_labels`: never a cue alone).
`PracticeExtractor` is the seam where a model-based extractor can be plugged in later.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from graph_service.models import DOCUMENT_KINDS
from graph_service.text.sentences import split_sentences
from ingest.content import Content
from ingest.practice_labels import practice_summary, practice_title

CUES_TH = (
    "แนวปฏิบัติ", "ขั้นตอน", "วิธีการ", "วิธีทำ", "บทเรียน", "เคล็ดลับ", "ข้อแนะนำ",
    "ข้อควรระวัง", "แนวทาง", "ได้เรียนรู้ว่า", "ควร", "อย่าลืม",
)  # fmt: skip
CUES_EN = (
    "step", "how to", "lesson learned", "lessons learned", "best practice", "we recommend",
    "i recommend", "tip:", "tips", "checklist", "guideline", "what worked", "make sure",
    "you should", "always ", "never ",
)  # fmt: skip
IMPERATIVE_EN = frozenset(
    "add allow ask avoid build check choose collect cover create define document ensure "
    "keep let list make measure mix monitor note plan prepare put record reduce remove "
    "repeat review run schedule set share start stop store test track try turn use verify "
    "wait wash water write".split()
)
IMPERATIVE_TH = ("ให้", "ควร", "ต้อง", "อย่า", "จากนั้น", "หลังจากนั้น", "ก่อนอื่น", "สุดท้าย")
_STEP = re.compile(r"^\s*(?:\d{1,2}|[๑-๙]{1,2}|[-*•])[.)]?\s+\S", re.MULTILINE)
_HEADING = re.compile(r"^\s*#{1,6}\s+(.+)$", re.MULTILINE)

TITLE_CHARS = 90
SUMMARY_CHARS = 320
PASSAGE_CHARS = 2000


@dataclass(frozen=True)
class PracticeCandidate:
    """A practice found in one piece of content, before embedding."""

    title: str
    summary: str
    passage: str
    cue_score: float


class PracticeExtractor(Protocol):
    """Finds the practice a piece of content describes, if any."""

    def extract(self, content: Content) -> PracticeCandidate | None:
        """The practice in `content`, or None."""


def _sentence_score(sentence: str) -> float:
    lowered = sentence.lower().strip()
    score = sum(1.0 for cue in CUES_TH if cue in sentence)
    score += sum(1.0 for cue in CUES_EN if cue in lowered)
    words = re.findall(r"[a-z]+", lowered)
    if words and words[0] in IMPERATIVE_EN:
        score += 0.75
    if lowered.startswith(IMPERATIVE_TH):
        score += 0.75
    if _STEP.match(sentence):
        score += 0.5
    return score


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class CuePracticeExtractor:
    """Rule-based extractor: cue phrases, numbered steps and imperatives, no model needed."""

    def __init__(self, min_score: float = 2.5) -> None:
        self._min_score = min_score

    def extract(self, content: Content) -> PracticeCandidate | None:
        """A practice when the content's cues add up to `min_score`, else None."""
        text = content.text
        if not text:
            return None
        sentences = [
            sentence
            for _, sentence in split_sentences(text)
            if sentence.strip() and not _HEADING.match(sentence)
        ]
        scored = [(_sentence_score(sentence), index) for index, sentence in enumerate(sentences)]
        steps = len(_STEP.findall(text))
        total = sum(score for score, _ in scored) + (1.5 if steps >= 2 else 0.0)
        if total < self._min_score:
            return None
        scores = [score for score, _ in scored]
        heading = _HEADING.search(text)
        title = practice_title(
            content.title if content.kind in DOCUMENT_KINDS else "",
            heading.group(1) if heading else None,
            sentences,
            scores,
        )
        return PracticeCandidate(
            title=_clip(title or text, TITLE_CHARS),
            summary=_clip(practice_summary(sentences, scores), SUMMARY_CHARS),
            passage=text[:PASSAGE_CHARS],
            cue_score=total,
        )
