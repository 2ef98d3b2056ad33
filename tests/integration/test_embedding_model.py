"""The real default model, USE multilingual v3, through the session's shared `embedder`."""

from __future__ import annotations

import os
import time

import numpy as np
import pytest

from embeddings import DEFAULT_MODEL, SETTING, Embedder, load_embedder
from graph_service.errors import EmbeddingModelError

pytestmark = pytest.mark.model

NURSING = "Nurses check patients' blood pressure every hour after surgery"


def test_is_the_512_dimension_use_model(embedder: Embedder) -> None:
    assert (embedder.name, embedder.dimension) == ("use-multilingual-v3", 512)


def test_rows_and_queries_are_float32_unit_vectors(embedder: Embedder) -> None:
    texts = ["Organic rice farming", "การปลูกข้าวอินทรีย์", ""]
    vectors = embedder.embed_documents(texts)
    query = embedder.embed_query("การปลูกข้าวอินทรีย์")
    assert vectors.dtype == query.dtype == np.float32
    assert (vectors.shape, query.shape) == ((3, 512), (512,))
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-5)
    np.testing.assert_allclose(query, vectors[1], atol=1e-6)


def test_no_texts_give_an_empty_matrix(embedder: Embedder) -> None:
    assert embedder.embed_documents([]).shape == (0, 512)


def test_thai_query_matches_its_english_translation(embedder: Embedder) -> None:
    query = embedder.embed_query("การปลูกข้าวอินทรีย์")
    translation, nursing = embedder.embed_documents(
        ["Organic rice farming without chemical fertiliser", NURSING]
    )
    assert query @ translation > 0.5
    assert query @ translation > query @ nursing + 0.3


def test_english_question_ranks_the_thai_answer_first(embedder: Embedder) -> None:
    candidates = [
        "การพยาบาลผู้ป่วยหลังผ่าตัด",
        "ราคาข้าวส่งออกในตลาดโลก",
        "การทำปุ๋ยหมักจากฟางข้าว",
        "Quarterly budget report for the finance department",
        "Teaching primary school mathematics with games",
    ]
    scores = embedder.embed_documents(candidates) @ embedder.embed_query(
        "who knows about composting rice straw"
    )
    assert candidates[int(np.argmax(scores))] == "การทำปุ๋ยหมักจากฟางข้าว"


def test_the_same_name_loads_the_model_once(embedder: Embedder) -> None:
    assert load_embedder(DEFAULT_MODEL) is embedder


@pytest.mark.parametrize("name", ["no-such-org/no-such-model", "/no/such/folder", " "])
def test_an_unknown_model_fails_fast_naming_the_setting(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Import torch first so the timing below measures the lookup, not the import.
    import sentence_transformers  # noqa: F401

    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    started = time.monotonic()
    with pytest.raises(EmbeddingModelError) as raised:
        load_embedder(name)
    # Online lookups would retry for over a minute; offline the answer is immediate.
    assert time.monotonic() - started < 5
    message = str(raised.value)
    assert f"{SETTING}={name!r}" in message
    assert "\n" not in message
    assert os.environ["HF_HUB_OFFLINE"] == "1"
