"""`copgraph domains suggest`: candidate new domains from content no domain claims.

Emerging topics show up as passages that clear no domain's threshold. They are clustered by
embedding (leader clustering at a similarity bar calibrated on the passages themselves:
their mean pairwise similarity plus CLUSTER_SIGMAS deviations) and each cluster is labelled
with its top keyphrases (YAKE over segmented text, never across sentences, Thai stopwords
minus the CoP vocabulary). The result is a proposal for a KM team to review: nothing is
written to the taxonomy.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from graph_service.models import Chunk
from graph_service.text.keyphrases import keyphrases

CLUSTER_SIGMAS = 1.5
MAX_BAR = 0.9
"""Cap of the bar: with few passages, one tight group inflates the deviation past 1."""
MIN_CLUSTER = 3
EXAMPLES = 3


@dataclass(frozen=True)
class DomainSuggestion:
    """A cluster of unassigned passages, labelled for review."""

    label: str
    keyphrases: list[str]
    size: int
    languages: dict[str, int]
    examples: list[str]


def cluster(vectors: np.ndarray, bar: float) -> list[list[int]]:
    """Leader clustering: each row joins the most similar centroid at or above `bar`."""
    centroids: list[np.ndarray] = []
    members: list[list[int]] = []
    for row, vector in enumerate(vectors):
        if centroids:
            sims = np.stack(centroids) @ vector
            best = int(np.argmax(sims))
            if sims[best] >= bar:
                members[best].append(row)
                centroid = vectors[members[best]].mean(axis=0)
                centroids[best] = centroid / max(float(np.linalg.norm(centroid)), 1e-12)
                continue
        centroids.append(vector.copy())
        members.append([row])
    return sorted(members, key=len, reverse=True)


def calibrated_bar(vectors: np.ndarray) -> float:
    """Mean pairwise similarity of the passages plus CLUSTER_SIGMAS deviations (capped)."""
    sample = vectors[:2000]
    sims = sample @ sample.T
    off_diagonal = sims[~np.eye(len(sample), dtype=bool)]
    return min(MAX_BAR, float(off_diagonal.mean() + CLUSTER_SIGMAS * off_diagonal.std()))


def suggest_domains(
    chunks: list[Chunk], min_size: int = MIN_CLUSTER, limit: int = 10
) -> list[DomainSuggestion]:
    """Labelled clusters of `chunks` (passages no domain claims), largest first."""
    if len(chunks) < max(min_size, 2):
        return []
    vectors = np.asarray([chunk.embedding for chunk in chunks], dtype=np.float32)
    suggestions: list[DomainSuggestion] = []
    for rows in cluster(vectors, calibrated_bar(vectors)):
        if len(rows) < min_size or len(suggestions) == limit:
            break
        members = [chunks[row] for row in rows]
        phrases = keyphrases([chunk.text for chunk in members], top=5)
        languages: dict[str, int] = {}
        for chunk in members:
            languages[chunk.language] = languages.get(chunk.language, 0) + 1
        suggestions.append(
            DomainSuggestion(
                label=" / ".join(phrases[:2]) or members[0].text[:40],
                keyphrases=phrases,
                size=len(rows),
                languages=languages,
                examples=[chunk.id for chunk in members[:EXAMPLES]],
            )
        )
    return suggestions
