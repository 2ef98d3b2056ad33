"""The hashing embedder that plumbing tests rely on instead of the real model."""

from __future__ import annotations

import numpy as np
import pytest

from embeddings import Embedder, HashingEmbedder, load_embedder
from embeddings.hashing import tokens


@pytest.fixture(scope="module")
def hashing() -> HashingEmbedder:
    return HashingEmbedder()


def test_meets_the_embedder_protocol(hashing: HashingEmbedder) -> None:
    typed: Embedder = hashing
    assert (typed.name, typed.dimension) == ("hash", 64)


def test_rows_are_float32_and_unit_length(hashing: HashingEmbedder) -> None:
    texts = ["Organic rice farming", "การปลูกข้าวอินทรีย์", "", "!!! ???", "a a a a"]
    vectors = hashing.embed_documents(texts)
    assert vectors.dtype == np.float32
    assert vectors.shape == (len(texts), 64)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-6)


def test_no_texts_give_an_empty_matrix(hashing: HashingEmbedder) -> None:
    assert hashing.embed_documents([]).shape == (0, 64)


def test_query_is_embedded_like_a_document(hashing: HashingEmbedder) -> None:
    query = hashing.embed_query("rice straw compost")
    assert query.shape == (64,)
    np.testing.assert_array_equal(query, hashing.embed_documents(["rice straw compost"])[0])


def test_same_text_same_vector_in_every_instance_and_process() -> None:
    first = HashingEmbedder(dimension=32).embed_documents(["Rice straw", "ฟางข้าว"])
    second = HashingEmbedder(dimension=32).embed_documents(["Rice straw", "ฟางข้าว"])
    np.testing.assert_array_equal(first, second)
    # A fixed bucket proves the hash is not Python's per-process salted hash().
    assert np.flatnonzero(HashingEmbedder(dimension=64).embed_query("rice")).tolist() == [36]


@pytest.mark.parametrize(
    ("query", "similar", "unrelated"),
    [
        (
            "organic rice farming",
            "organic rice farming without chemicals",
            "nursing care after surgery",
        ),
        ("การปลูกข้าวอินทรีย์", "การปลูกข้าวอินทรีย์ในนา", "การพยาบาลผู้ป่วย"),
    ],
)
def test_shared_words_score_higher_than_unrelated_text(
    hashing: HashingEmbedder, query: str, similar: str, unrelated: str
) -> None:
    scores = hashing.embed_documents([similar, unrelated]) @ hashing.embed_query(query)
    assert scores[0] > scores[1]


def test_tokens_are_lowercased_words_and_thai_trigrams() -> None:
    assert tokens("Rice-straw COMPOSTING, ok_2") == ["rice", "straw", "composting", "ok_2"]
    assert tokens("ฟางข้าว") == ["ฟาง", "างข", "งข้", "ข้า", "้าว"]
    assert tokens("abcไทย ก") == ["abc", "ไทย", "ก"]


def test_dimension_must_be_positive() -> None:
    with pytest.raises(ValueError, match="dimension"):
        HashingEmbedder(dimension=0)


def test_factory_returns_one_shared_hashing_embedder() -> None:
    embedder = load_embedder("hash")
    assert isinstance(embedder, HashingEmbedder)
    assert load_embedder("hash") is embedder
