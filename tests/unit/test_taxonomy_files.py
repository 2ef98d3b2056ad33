"""Thai names and descriptions in the taxonomy and communities files, in either form."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph_service.errors import InvalidInput
from graph_service.taxonomy import load_communities, load_taxonomy
from ingest import SAMPLE_DIR

FLAT = """
- id: cop-farm
  name: Organic farming CoP
  name_th: ชุมชนเกษตรอินทรีย์
  description: Growers sharing methods
  description_th: เกษตรกรแบ่งปันวิธีการ
"""
MAPS = """
- id: cop-farm
  names: {en: Organic farming CoP, th: ชุมชนเกษตรอินทรีย์}
  descriptions: {en: Growers sharing methods, th: เกษตรกรแบ่งปันวิธีการ}
"""


def _file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "entries.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("text", [FLAT, MAPS], ids=["flat", "maps"])
def test_both_forms_of_a_community_read_the_same(tmp_path: Path, text: str) -> None:
    farm = load_communities(_file(tmp_path, text))["cop-farm"]
    assert (farm.name_in("en"), farm.description_in("en")) == (
        "Organic farming CoP",
        "Growers sharing methods",
    )
    assert (farm.name_in("th"), farm.description_in("th")) == (
        "ชุมชนเกษตรอินทรีย์",
        "เกษตรกรแบ่งปันวิธีการ",
    )


def test_a_community_with_only_a_thai_name_is_called_by_it_in_english_too(tmp_path: Path) -> None:
    farm = load_communities(_file(tmp_path, "- {id: f, names: {th: ชุมชนเกษตร}}"))["f"]
    assert farm.name_in("en") == farm.name_in("th") == "ชุมชนเกษตร"
    assert farm.description_in("th") == ""


def test_a_domain_takes_names_as_its_labels_and_a_descriptions_map(tmp_path: Path) -> None:
    text = "- {id: d, names: {en: Compost, th: ปุ๋ยหมัก}, descriptions: {en: Heaps, th: กอง}}"
    domain = load_taxonomy(_file(tmp_path, text)).domains[0]
    assert domain.labels == {"en": "Compost", "th": "ปุ๋ยหมัก"}
    assert (domain.description_in("th"), domain.description_in("en")) == ("กอง", "Heaps")


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("- {id: f, names: {th: ก}, name: F}", "entry f: give `names` or name, not both"),
        ("- {id: f, name: F, descriptions: {fr: x}}", "takes th and en only, not ['fr']"),
        ("- {id: f, names: ชุมชน}", "`names` must be a map"),
    ],
)
def test_a_muddled_community_entry_is_refused_naming_it(
    tmp_path: Path, text: str, says: str
) -> None:
    with pytest.raises(InvalidInput, match="communities file") as refused:
        load_communities(_file(tmp_path, text))
    assert says in str(refused.value)


def test_a_domain_with_names_and_labels_is_refused(tmp_path: Path) -> None:
    text = "- {id: d, names: {en: A}, labels: {en: B}}"
    with pytest.raises(InvalidInput, match="entry d: give `names` or `labels`, not both"):
        load_taxonomy(_file(tmp_path, text))


def test_every_sample_domain_and_community_has_a_thai_name_and_description() -> None:
    communities = load_communities(SAMPLE_DIR / "communities.yaml").values()
    domains = load_taxonomy(SAMPLE_DIR / "domains.yaml").domains
    for item in [*communities, *domains]:
        assert item.name_in("th") != item.name_in("en"), item.id
        assert item.description_in("th") and item.description_in("en"), item.id
        assert item.description_in("th") != item.description_in("en"), item.id
