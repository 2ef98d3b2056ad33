"""A Thai question finds English evidence through the community's own words, and back, on
every backend: ingest learns the vocabulary, the term bridge translates a query's words
into it, and the translated words count as keyword evidence on the same scale as typed ones.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from embeddings.base import Embedder
from graph_service.config import Settings
from graph_service.services import build_pipeline
from graph_service.store.base import GraphStore, SearchScope
from graph_service.text.segment import index_words
from ingest.pipeline import Pipeline
from ingest.report import IngestReport
from ingest.sources.detect import read_source
from queries.experts import ExpertFinder, ExpertQuery
from queries.practices import PracticeSearch
from queries.retrieval import retrieve
from tests.jsonl_ingest import ingest_rows

pytestmark = pytest.mark.model
EVERYTHING = SearchScope(private_allowed=None)
INTUBATION = (
    "Before an emergency intubation our ward checks one tray: suction, a bag-valve mask, "
    "two tube sizes, a stylet and a laryngoscope with a working light. The charge nurse "
    "reads the checklist aloud. Make sure the tray is always restocked within the hour."
)
THAI_WARD = (
    "หอผู้ป่วยของเราดูแลผู้ป่วยสูงอายุที่นอนติดเตียง พลิกตัวทุกสองชั่วโมงและทาโลชั่นเพื่อป้องกันแผลกดทับ",
    "ญาติผู้ป่วยควรได้รับการสอนวิธีป้อนอาหารทางสายยางก่อนกลับบ้าน",
    "การส่งเวรในหอผู้ป่วยควรทำข้างเตียงและให้ผู้ป่วยมีส่วนร่วม",
)
CATHETER_TH = (
    "ลดการติดเชื้อทางเดินปัสสาวะจากการคาสายสวนได้ด้วยการทบทวนทุกวันว่ายังจำเป็นต้องคาสายอยู่หรือไม่ "
    "ใส่สายด้วยเทคนิคปลอดเชื้อ และแขวนถุงปัสสาวะให้ต่ำกว่ากระเพาะปัสสาวะเสมอ"
)
EMERGENCY_TH = (
    "ซ้อมแผนรับมือภาวะฉุกเฉินในหอผู้ป่วยทุกเดือน ทุกคนต้องรู้ว่ารถฉุกเฉินอยู่ที่ไหน",
    "เมื่อผู้ป่วยมีภาวะฉุกเฉินให้เรียกทีมช่วยชีวิตทันทีและบันทึกเวลา",
    "ตรวจรถฉุกเฉินทุกเวรว่ามีอุปกรณ์ครบและพร้อมใช้งาน",
    "พยาบาลใหม่ต้องฝึกการช่วยฟื้นคืนชีพก่อนขึ้นเวรดึก",
)


@pytest.fixture
def store_dimension(embedder: Embedder) -> int:
    """Every test here embeds with the session's model: Neo4j keeps its search indexes
    from test to test and only its graph is emptied (tests/conftest.py, `emptied`)."""
    return embedder.dimension


def _record(
    id_: str, title: str, body: str, author: str, language: str, community: str = "cop-nurses"
) -> dict[str, object]:
    return {
        "type": "document", "id": id_, "title": title, "body": body, "language": language,
        "author": {"id": author, "name": author.title()}, "community": community,
        "created_at": "2025-03-01T09:00:00+07:00",
    }  # fmt: skip


@pytest.fixture
def ingested(store: GraphStore, embedder: Embedder, tmp_path: Path) -> Pipeline:
    """A nursing community: Thai ward notes, one English how-to (a practice by its cues), one
    Thai how-to."""
    rows = [
        _record(f"ward-{n}", text[:30], text, f"nurse{n}", "th") for n, text in enumerate(THAI_WARD)
    ]
    rows.append(_record("intubation", "Preparing the ward for emergency intubation",
                        INTUBATION, "ann", "en"))  # fmt: skip
    rows.append(_record("catheter", "ดูแลสายสวนปัสสาวะ", CATHETER_TH, "malee", "th"))
    path = tmp_path / "ward.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    pipeline = build_pipeline(Settings(data_dir=tmp_path / "data"), store, embedder)
    pipeline.run(read_source(path), IngestReport())
    pipeline.run(read_source(path), IngestReport())
    return pipeline


def test_ingest_learns_each_word_once_in_both_scripts(
    store: GraphStore, ingested: Pipeline
) -> None:
    words = store.vocabulary_since(0).words
    assert {"intubation", "laryngoscope", "ผู้ป่วย", "ปัสสาวะ"} <= set(words)
    assert len(words) == len(set(words)), "a second ingest of the same input adds no word"
    assert not {"the", "and", "ของ"} & set(words), "function words are no vocabulary"


def test_a_thai_question_finds_the_english_document_through_translated_words(
    store: GraphStore, embedder: Embedder, ingested: Pipeline
) -> None:
    finder = ExpertFinder(store, embedder, half_life_days=365)
    question = "ต้องเตรียมอุปกรณ์อะไรบ้างก่อนใส่ท่อช่วยหายใจในภาวะฉุกเฉิน"
    translated = finder.term_bridge.translate(question)
    assert set(index_words(["emergency", "tube"])) <= set(translated)
    found = retrieve(store, embedder, question, EVERYTHING, 50, translated=translated)
    english = [item for item in found if item.id.startswith("intubation")]
    assert english and all(item.translated_only for item in english)
    assert english[0].keyword_score is not None
    ranked = finder.find(ExpertQuery(question, scope=EVERYTHING))
    assert ranked[0].person_id.endswith("ann")


def test_a_translated_match_past_the_vector_list_s_depth_is_still_judged_by_its_cosine(
    store: GraphStore, embedder: Embedder, ingested: Pipeline, tmp_path: Path
) -> None:
    """In a large community the query's own language fills the vector list: here Thai
    notes on emergencies fill it, and the English document comes by translated words only."""
    path = tmp_path / "emergencies.jsonl"
    notes = [
        _record(f"drill-{n}", "เตรียมพร้อมภาวะฉุกเฉิน", text, f"drill{n}", "th")
        for n, text in enumerate(EMERGENCY_TH)
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in notes), "utf-8")
    ingested.run(read_source(path), IngestReport())
    finder = ExpertFinder(store, embedder, half_life_days=365)
    question = "ต้องเตรียมอุปกรณ์อะไรบ้างก่อนใส่ท่อช่วยหายใจในภาวะฉุกเฉิน"
    vector = embedder.embed_query(question)
    depth = len(EMERGENCY_TH)
    listed = store.vector_search(vector.tolist(), depth, "chunk", EVERYTHING)
    assert not any(hit.id.startswith("intubation") for hit in listed)
    translated = finder.term_bridge.translate(question)
    found = retrieve(store, embedder, question, EVERYTHING, depth, translated=translated)
    english = next(item for item in found if item.id.startswith("intubation"))
    assert english.vector_rank is None and english.translated_only
    cosine = store.cosines(vector.tolist(), [english.id], "chunk")[english.id]
    assert english.cosine == pytest.approx(cosine)


def test_an_english_question_finds_the_thai_answer_through_translated_words(
    store: GraphStore, embedder: Embedder, ingested: Pipeline
) -> None:
    finder = ExpertFinder(store, embedder, half_life_days=365)
    question = "How can we prevent infections from urinary catheters?"
    assert "ปัสสาวะ" in finder.term_bridge.translate(question)
    ranked = finder.find(ExpertQuery(question, scope=EVERYTHING))
    assert ranked[0].person_id.endswith("malee")


def test_gibberish_translates_to_nothing_that_counts(
    store: GraphStore, embedder: Embedder, ingested: Pipeline
) -> None:
    finder = ExpertFinder(store, embedder, half_life_days=365)
    assert finder.find(ExpertQuery("zzxqv wkpj", scope=EVERYTHING)) == []


def test_a_thai_search_for_practices_finds_the_english_one_by_translated_words(
    store: GraphStore, embedder: Embedder, ingested: Pipeline
) -> None:
    finder = ExpertFinder(store, embedder, half_life_days=365)
    search = PracticeSearch(store, embedder, finder.term_bridge)
    found = search.search("ต้องเตรียมอุปกรณ์อะไรบ้างก่อนใส่ท่อช่วยหายใจในภาวะฉุกเฉิน", EVERYTHING, 3)
    assert found, "the how-to documents are practices"
    first = found[0]
    assert "intubation" in first.practice.title.lower()
    assert any(reason.startswith("translated words match") for reason in first.reasons)


BEEKEEPING = (
    "Beekeeping with stingless bees suits longan growers: the colonies are gentle, need no "
    "protective suit, and stay close to the trees they pollinate. We keep the hives in split "
    "coconut logs hung under the canopy and move them in before flowering starts. The bees "
    "also make a sour, runny honey that sells for a good price at the district market."
)
GARDEN_THREADS = {
    "Where do we start with home vegetable garden?": (
        "Right now fungus is rotting the stems. We tried to grow marigolds to repel pests "
        "but nothing changed.",
        "I recommend you grow marigolds to repel pests first, and keep production records.",
    ),
    "What to do when caterpillars stripped the greens?": (
        "Right now caterpillars stripped the greens in our garden beds overnight.",
        "In our experience, it helps to spray Beauveria against insects on the greens.",
    ),
    "Let's talk about fruit trees in the garden": (
        "Our mango and longan trees drop their fruit early. What do you feed them?",
        "Mulch the fruit trees with rice straw and water them deeply once a week.",
    ),
}
STINGLESS_BEES_TH = "เลี้ยงผึ้งชันโรงในสวนลำไยเพื่อช่วยผสมเกสรทำอย่างไร"


def _orchard_records() -> list[dict[str, object]]:
    """An English growers' community: one article on stingless bees by ploy, and garden
    threads whose accepted answers are all somchai's."""
    rows = [_record("bees", "Beekeeping with stingless bees in longan orchards",
                    BEEKEEPING, "ploy", "en", "cop-growers")]  # fmt: skip
    for n, (title, (body, answer)) in enumerate(GARDEN_THREADS.items()):
        thread = _record(f"garden-{n}", title, body, f"asker{n}", "en", "cop-growers")
        thread["type"] = "discussion"
        thread["posts"] = [{
            "id": f"garden-{n}-answer", "kind": "answer", "accepted": True, "score": 4,
            "body": answer, "language": "en", "author": {"id": "somchai", "name": "Somchai"},
            "created_at": "2025-03-02T09:00:00+07:00",
        }]  # fmt: skip
        rows.append(thread)
    return rows


def test_a_thai_question_s_translated_words_outweigh_what_only_the_vectors_put_first(
    store: GraphStore, embedder: Embedder, tmp_path: Path
) -> None:
    """The encoder puts the English garden threads nearer the Thai question on stingless bees
    than the one article on them; the question's translated words find the article best.
    The vectors' first place across languages must not count as a keyword match in full."""
    assert ingest_rows(store, embedder, tmp_path, _orchard_records()).total("rejected") == 0
    finder = ExpertFinder(store, embedder, half_life_days=365)
    assert {"bee", "beekeep"} <= set(finder.term_bridge.translate(STINGLESS_BEES_TH))
    vector = embedder.embed_query(STINGLESS_BEES_TH)
    nearest = store.vector_search(vector.tolist(), 1, "chunk", EVERYTHING)[0]
    assert nearest.id.startswith("garden-"), "the encoder's own first choice is a garden"
    ranked = finder.find(ExpertQuery(STINGLESS_BEES_TH, scope=EVERYTHING))
    assert ranked[0].person_id.endswith("ploy")
