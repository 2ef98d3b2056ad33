"""Stage 4a: content is assigned to taxonomy domains by embedding similarity, plus tags.

Cosine thresholds mean different things for different models, so none is hard-coded: each
domain's threshold is calibrated when the assigner is built, from how similar the domain's
prototype is to off-topic text (greetings, weather, thanks, in Thai and English) under the
model in use. A passage must beat that null distribution by a clear margin.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from embeddings.base import Embedder
from graph_service.models import DOCUMENT_KINDS, ContentKind, DomainLink
from graph_service.taxonomy import Taxonomy

OFF_TOPIC = [
    "Thanks a lot, see you tomorrow!",
    "Good morning everyone, have a nice day.",
    "Does anyone know where the meeting room is?",
    "Happy birthday! Wishing you all the best.",
    "It is raining again today, bring an umbrella.",
    "I'll be on leave next week.",
    "Lunch is at noon in the cafeteria.",
    "Congratulations on the new baby!",
    "Please update your profile picture.",
    "The parking lot is full this morning.",
    "I agree, nice post.",
    "Can someone share the link again?",
    "ขอบคุณมากครับ แล้วพบกันพรุ่งนี้",
    "สวัสดีตอนเช้าค่ะ ขอให้ทุกคนมีความสุข",
    "วันนี้ฝนตกอีกแล้ว อย่าลืมพกร่มนะ",
    "สุขสันต์วันเกิดนะคะ",
    "พรุ่งนี้ผมลาพักร้อนครับ",
    "กินข้าวเที่ยงที่โรงอาหารกันไหม",
    "ที่จอดรถเต็มแล้วเช้านี้",
    "เห็นด้วยค่ะ โพสต์ดีมาก",
    "ขอลิงก์อีกครั้งได้ไหมครับ",
    "ยินดีด้วยนะครับ",
]
"""Chatter that belongs to no domain: the null distribution thresholds are calibrated on."""

NULL_SIGMAS = 3.0
"""How many standard deviations above the off-topic mean a passage must score."""

RELATIVE_MARGIN = 0.08
"""A secondary domain must score within this of the best one to be assigned too."""

TAG_WEIGHT: dict[ContentKind, float] = {
    "article": 1.0,
    "file": 1.0,
    "question": 1.0,
    "thread": 1.0,
    "answer": 0.8,
    "reply": 0.6,
    "comment": 0.5,
}
"""Weight of a tag-mapped ABOUT link; posts inherit their thread's tags, a little weaker."""


@dataclass(frozen=True)
class Calibration:
    """Per-domain thresholds and the statistics they came from (for reports and tests)."""

    domain_ids: list[str]
    thresholds: np.ndarray
    null_mean: np.ndarray
    null_std: np.ndarray


class DomainAssigner:
    """Assigns content to domains; built once per ingest run for one taxonomy and model."""

    def __init__(self, taxonomy: Taxonomy, embedder: Embedder) -> None:
        self._taxonomy = taxonomy
        self._method = f"embedding:{embedder.name}:null+{NULL_SIGMAS:g}sd"
        texts = taxonomy.prototype_texts()
        self._ids = [domain_id for domain_id, domain_texts in texts.items() if domain_texts]
        prototypes = []
        for domain_id in self._ids:
            mean = embedder.embed_documents(texts[domain_id]).mean(axis=0)
            prototypes.append(mean / max(float(np.linalg.norm(mean)), 1e-12))
        self._prototypes = (
            np.stack(prototypes).astype(np.float32)
            if prototypes
            else np.zeros((0, embedder.dimension), dtype=np.float32)
        )
        null = embedder.embed_documents(OFF_TOPIC) @ self._prototypes.T
        mean, std = null.mean(axis=0), null.std(axis=0)
        self.calibration = Calibration(
            self._ids, np.maximum(mean + NULL_SIGMAS * std, null.max(axis=0)), mean, std
        )

    def similarities(self, vectors: np.ndarray) -> np.ndarray:
        """Cosine of each row of `vectors` to each domain prototype."""
        return np.asarray(vectors @ self._prototypes.T, dtype=np.float32)

    def links(
        self,
        content_id: str,
        kind: ContentKind,
        passage_vectors: np.ndarray,
        thread_tags: Sequence[str],
    ) -> list[DomainLink]:
        """ABOUT links of one content: domains its best passage clears, and tag domains."""
        weights: dict[str, tuple[float, str]] = {}
        if len(self._ids) and len(passage_vectors):
            best = self.similarities(passage_vectors).max(axis=0)
            cleared = best >= self.calibration.thresholds
            top = float(best.max())
            for index in np.flatnonzero(cleared):
                if best[index] >= top - RELATIVE_MARGIN:
                    weights[self._ids[index]] = (float(best[index]), self._method)
        tag_method = "tag" if kind in DOCUMENT_KINDS else "thread-tag"
        for domain_id in self._taxonomy.domains_for_tags(list(thread_tags)):
            tag_weight = TAG_WEIGHT[kind]
            if domain_id not in weights or weights[domain_id][0] < tag_weight:
                weights[domain_id] = (tag_weight, tag_method)
        return [
            DomainLink(content_id=content_id, domain_id=domain_id, weight=weight, method=method)
            for domain_id, (weight, method) in sorted(weights.items())
        ]
