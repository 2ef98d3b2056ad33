"""Sentences of the synthetic corpus: titles, questions, answers, replies, how-to documents.

Templates in Thai and English are filled with one domain's phrases
(`benchmarks.synthetic_vocab`). Thai sentences are concatenated phrases with no space
inside, sentences separated by one space, the way Thai is written; some answers and every
document carry numbered steps and cue words ("ขั้นตอน", "lessons learned", "ควร"), so the
practice extractor finds practices in them as it would in real how-to content. Lengths
vary: sentence counts are drawn from a log-normal law, so most posts are short and a few
run over several passages.
"""

from __future__ import annotations

import random

from benchmarks.synthetic_vocab import (
    ENGLISH_CHATTER,
    ENGLISH_CLOSERS,
    ENGLISH_OPENERS,
    THAI_CHATTER,
    THAI_CLOSERS,
    THAI_OPENERS,
    VOCABULARY,
)

_THAI = frozenset(chr(code) for code in range(0x0E00, 0x0E80))

TH_ANSWER = (
    "จากประสบการณ์ของเรา{action}แล้วได้ผลดีมาก",
    "แนะนำให้{action}ก่อน",
    "สิ่งสำคัญของ{topic}คือ{action}",
    "ระวังเรื่อง{problem}ด้วยนะครับ",
    "ที่หน่วยงานเรา{action}มาสองปีแล้ว",
    "ถ้า{problem}ควรลอง{action}",
    "เคล็ดลับคืออย่าลืม{action}",
    "เราได้เรียนรู้ว่า{topic}ต้องทำต่อเนื่อง",
    "ปัญหา{problem}เกิดกับเราเหมือนกัน",
)
EN_ANSWER = (
    "In our experience, it helps to {action}.",
    "I recommend you {action} first.",
    "The key thing with {topic} is to {action}.",
    "Watch out: {problem} if you skip this.",
    "Our team has been doing this for two years: we {action}.",
    "If {problem}, try to {action}.",
    "Tip: always {action}.",
    "What we learned about {topic} is that it takes steady effort.",
    "We had the same issue when {problem}.",
)


def is_thai(value: str) -> bool:
    """Whether `value` is mostly Thai script (of its letters)."""
    letters = [char for char in value if char.isalpha()]
    thai = sum(1 for char in letters if char in _THAI)
    return bool(letters) and thai * 2 > len(letters)


class Writer:
    """Writes content about one domain in one language, drawing from `rng`."""

    def __init__(self, rng: random.Random, domain: str, thai: bool) -> None:
        self.rng = rng
        self.thai = thai
        self.phrases = VOCABULARY[domain]["th" if thai else "en"]

    def _fill(self, template: str) -> str:
        pick = self.rng.choice
        return template.format(
            topic=pick(self.phrases.topics),
            problem=pick(self.phrases.problems),
            action=pick(self.phrases.actions),
        )

    def _join(self, sentences: list[str]) -> str:
        return " ".join(sentence for sentence in sentences if sentence)

    def _count(self, mu: float, sigma: float, most: int) -> int:
        return max(1, min(most, round(self.rng.lognormvariate(mu, sigma))))

    def title(self, kind: str) -> str:
        """A question, thread or document title."""
        if kind == "document":
            template = "วิธี{action}" if self.thai else "How to {action}"
        elif kind == "question":
            template = self.rng.choice(
                ("ทำอย่างไรเมื่อ{problem}", "{topic}ควรเริ่มจากอะไร")
                if self.thai
                else ("What to do when {problem}?", "Where do we start with {topic}?")
            )
        else:
            template = "คุยกันเรื่อง{topic}" if self.thai else "Let's talk about {topic}"
        title = self._fill(template)
        return title[0].upper() + title[1:]

    def body(self, kind: str) -> str:
        """The opening text of a question or thread, or a how-to document in Markdown."""
        if kind == "document":
            return self._document()
        pick = self.rng.choice
        if self.thai:
            sentences = [
                pick(THAI_OPENERS),
                self._fill("ตอนนี้{problem}"),
                self._fill("เคยลอง{action}แล้วแต่ยังไม่ดีขึ้น"),
                self._fill("อยากทราบว่าเรื่อง{topic}ควรทำอย่างไรดี"),
                pick(THAI_CLOSERS),
            ]
        else:
            sentences = [
                pick(ENGLISH_OPENERS),
                self._fill("Right now {problem}."),
                self._fill("We tried to {action} but nothing changed."),
                self._fill("How should we approach {topic}?"),
                pick(ENGLISH_CLOSERS),
            ]
        return self._join(sentences[: 2 + self._count(0.8, 0.4, 3)])

    def post(self, kind: str) -> str:
        """An answer, a reply or a comment."""
        pick = self.rng.choice
        if kind == "comment":
            if self.rng.random() < 0.6:
                return pick(THAI_CHATTER if self.thai else ENGLISH_CHATTER)
            return self._fill("แล้วถ้า{problem}ล่ะคะ" if self.thai else "What if {problem}?")
        templates = TH_ANSWER if self.thai else EN_ANSWER
        count = self._count(1.2 if kind == "answer" else 0.6, 0.6, 12)
        sentences = [self._fill(pick(templates)) for _ in range(count)]
        if kind == "answer" and self.rng.random() < 0.25:
            sentences.append(self._steps("ขั้นตอนที่เราใช้คือ" if self.thai else "Our steps:"))
        return self._join(sentences)

    def _steps(self, heading: str) -> str:
        actions = self.rng.sample(self.phrases.actions, k=self._count(1.4, 0.3, 6))
        lines = [f"{number}. {action}" for number, action in enumerate(actions, start=1)]
        return "\n".join([heading, *lines])

    def _document(self) -> str:
        intro_template = (
            "บันทึกนี้สรุปสิ่งที่ทีมเราเรียนรู้เรื่อง{topic}จากการทำงานจริง"
            if self.thai
            else "This note sums up what our team learned about {topic} in practice."
        )
        background = [
            self._fill(self.rng.choice(TH_ANSWER if self.thai else EN_ANSWER))
            for _ in range(self._count(1.5, 0.8, 25))
        ]
        steps = self._steps("**ขั้นตอน:**" if self.thai else "**Steps:**")
        lesson = self._fill(
            "**บทเรียนที่ได้:** ถ้า{problem}ให้{action}"
            if self.thai
            else "**Lessons learned:** if {problem}, {action}."
        )
        return "\n\n".join([self._fill(intro_template), self._join(background), steps, lesson])
