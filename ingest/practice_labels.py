"""A practice's title and summary: words a reader can act on, never a cue phrase alone.

The extractor finds practices by their cue phrases ("Steps:", "ขั้นตอน", "บทเรียนที่ได้รับ"),
so the sentences that score highest are often the labels of a list rather than its content:
titled and summarised by score alone, a reply became "Steps I would try:" and a document's
summary "ขั้นตอน บทเรียนที่ได้รับ". A sentence counts as informative here when, without its
function words, cue words and numbers, at least `INFORMATIVE_WORDS` words remain; labels,
lead-ins ("What helped:", "ข้อแนะนำคือ") and fragments ("ควรให้ก่อนบ่ายสอง", three words
cut from a step by the Thai sentence rule) do not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from graph_service.text.segment import segment_words, stopwords

INFORMATIVE_WORDS = 3
"""Content words a title or summary sentence needs. Set on the sample's practices: every
label and lead-in has 0-2 (`Steps I would try:` 0, `We had the same "nodding" problem.` 2),
the shortest real step 3 (`AAR เป็นเครื่องมือถอดบทเรียนอย่างง่าย`)."""
LABEL_WORDS = frozenset(
    "step steps how tip tips lesson lessons learned learnt try tried helped changed worked "
    "recommend recommendation recommendations checklist guideline guidelines practice "
    "practices summary following below here what ขั้นตอน ขั้น ตอนที่ วิธี วิธีการ วิธีทำ "
    "แนวปฏิบัติ แนวทาง บทเรียน ได้รับ ข้อแนะนำ แนะนำ เคล็ดลับ ข้อควรระวัง สรุป ดังนี้ ควร "
    "อย่าลืม ได้เรียนรู้".split()
)
"""Words that announce a practice rather than say it (the cue phrases' words, segmented)."""
_STEP_MARK = re.compile(r"^\s*(?:\d{1,2}|[๑-๙]{1,2}|[-*•])[.)]?\s+")
_NUMBER = re.compile(r"^[\d.,:/%๐-๙-]+$")


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    return stopwords() | LABEL_WORDS


def content_words(sentence: str) -> list[str]:
    """The words of `sentence` that carry meaning: not function, cue or label words, not
    numbers, not single letters."""
    ignored = _function_words()
    return [
        word
        for word in segment_words(sentence)
        if len(word) > 1 and word.lower() not in ignored and not _NUMBER.match(word)
    ]


def is_informative(sentence: str) -> bool:
    """Whether `sentence` says something on its own (see the module docstring)."""
    return len(content_words(sentence)) >= INFORMATIVE_WORDS


def practice_title(
    given_title: str, heading: str | None, sentences: Sequence[str], scores: Sequence[float]
) -> str:
    """The title: the content's own title, else its first heading, else its best-scoring
    informative sentence (the earliest of equals), without a step number. A title or heading
    is the author's and kept however short ("Composting"), unless it is a cue phrase alone
    ("ขั้นตอน", "Steps:").

    `sentences` and `scores` are aligned: the practice cue score of each sentence.
    """
    for named in (given_title, heading or ""):
        if content_words(named):
            return named.strip()
    ranked = sorted(range(len(sentences)), key=lambda index: (-scores[index], index))
    informative = [index for index in ranked if is_informative(sentences[index])]
    if informative:
        return _STEP_MARK.sub("", sentences[informative[0]]).strip()
    return (given_title or heading or (sentences[0] if sentences else "")).strip()


def practice_summary(sentences: Sequence[str], scores: Sequence[float], size: int = 2) -> str:
    """The `size` best-scoring informative sentences, in the order they were written: what
    to do, not the labels of the list that says it. Without any informative sentence, the
    best-scoring ones that are not labels alone."""
    candidates = [i for i in range(len(sentences)) if is_informative(sentences[i])] or [
        i for i in range(len(sentences)) if content_words(sentences[i])
    ]
    best = sorted(candidates, key=lambda index: (-scores[index], index))[:size]
    return " ".join(_STEP_MARK.sub("", sentences[index]).strip() for index in sorted(best))
