"""The MediaWiki reader on the real dumps in shared/ and on hostile variants of them."""

from __future__ import annotations

from pathlib import Path

from ingest.records import Reject, Skipped, SourceRecord
from ingest.sources.mediawiki import looks_like_mediawiki, read_mediawiki
from tests.conftest import SHARED
from tests.reader_output import split

REAL = SHARED / "data" / "connectors" / "mediawiki"
PEAR = REAL / "article-pear.xml"
PAIR = REAL / "pair-0.10.xml"

TALK = """<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/" version="0.10">
  <siteinfo><sitename>KM wiki</sitename><base>https://wiki.example.org/wiki/Main</base>
    <namespaces><namespace key="0" /><namespace key="1">Talk</namespace>
    <namespace key="10">Template</namespace><namespace key="14">Category</namespace>
    </namespaces></siteinfo>
  <page><title>Composting</title><ns>0</ns><id>1</id>
    <revision><id>10</id><timestamp>2024-01-01T00:00:00Z</timestamp>
      <contributor><username>Malee</username><id>1</id></contributor>
      <text>'''Composting''' rice straw takes [[fungi|fungal]] starters.
It needs water every week and turning every month.
{{stub}}
[[Category:Soil]] [[Category:ปุ๋ยหมัก|sort]] [[th:ปุ๋ยหมัก]]</text></revision>
    <revision><id>11</id><timestamp>2024-02-01T00:00:00Z</timestamp>
      <contributor><username>Somchai</username><id>2</id></contributor>
      <text>'''Composting''' rice straw takes [[fungi|fungal]] starters.
It needs water every week and turning every month.
Add a fresh layer.
{{stub}}
[[Category:Soil]] [[Category:ปุ๋ยหมัก|sort]] [[th:ปุ๋ยหมัก]]</text></revision>
    <revision><id>12</id><timestamp>2024-03-01T00:00:00Z</timestamp>
      <contributor><ip>192.0.2.7</ip></contributor>
      <text>'''Composting''' rice straw takes [[fungi|fungal]] starters.
It needs water every week and turning every month.
Add a fresh layer.
{{stub}}
[[Category:Soil]] [[Category:ปุ๋ยหมัก|sort]] [[th:ปุ๋ยหมัก]]</text></revision>
  </page>
  <page><title>Talk:Composting</title><ns>1</ns><id>2</id>
    <revision><id>20</id><timestamp>2024-03-02T00:00:00Z</timestamp>
      <contributor><username>Somchai</username><id>2</id></contributor>
      <text>== Starter ==
Which starter works best? [[User:Somchai|Somchai]] 10:00, 2 March 2024 (UTC)
:Use the LDD one. [[User:Malee|Malee]] ([[User talk:Malee|talk]]) 11:00, 2 March 2024 (UTC)
::Thanks, it worked. [[User:Somchai|Somchai]] 12:00, 3 March 2024 (UTC)
:Also molasses. [[User:Wichai|Wichai]] 13:00, 3 March 2024 (UTC)
An unsigned remark. Write to km@example.org or call +66 81 234 5678.</text></revision>
  </page>
  <page><title>Template:Stub</title><ns>10</ns><id>3</id>
    <revision><id>30</id><timestamp>2024-01-01T00:00:00Z</timestamp>
      <contributor><username>Malee</username><id>1</id></contributor>
      <text>This article is a stub.</text></revision>
  </page>
  <page><title>Compost</title><ns>0</ns><id>4</id>
    <revision><id>40</id><timestamp>2024-01-01T00:00:00Z</timestamp>
      <contributor><username>Malee</username><id>1</id></contributor>
      <text>#REDIRECT [[Composting]]</text></revision>
  </page>
</mediawiki>
"""


def test_real_pear_credits_every_contributor_by_what_they_added() -> None:
    records, rejects, _ = split(list(read_mediawiki(PEAR)))
    assert rejects == []
    (pear,) = records
    document = pear.document
    assert pear.source == "mediawiki:en.wikipedia.org" and document.kind == "article"
    assert document.title == "Pear" and document.url == "https://en.wikipedia.org/wiki/Pear"
    assert [(a.person.handle, a.role) for a in document.authors][1:] == [
        ("Quercusrobur", "contributor"),
        ("Mav", "contributor"),
        ("PierreAbbat", "contributor"),
    ]
    first = document.authors[0]
    assert first.role == "author" and first.person.handle.startswith("ip:"), "an IP is hashed"
    assert "Conversion script" not in first.person.handle
    assert "[[" not in document.body and "Pears are trees of the genus Pyrus" in document.body
    assert document.created_at is not None and document.created_at.year == 2002


def test_real_pair_reads_the_article_and_rejects_the_template_only_talk_page() -> None:
    records, rejects, _ = split(list(read_mediawiki(PAIR)))
    (article,) = records
    assert article.document.body.startswith("Çullu, Agdam may refer to:")
    assert [(a.person.handle, a.role) for a in article.document.authors] == [
        ("Carlossuarez46", "author")
    ]
    (talk,) = rejects
    assert talk.position == 'page 19252824 "Talk:Çullu, Agdam"'
    assert talk.reason == "no text once templates and markup are removed"


def test_talk_page_is_a_discussion_nested_by_indentation(tmp_path: Path) -> None:
    dump = tmp_path / "km.xml"
    dump.write_text(TALK, encoding="utf-8")
    items = list(read_mediawiki(dump))
    records, rejects, _ = split(items)
    article, talk = records
    assert article.source == "mediawiki:wiki.example.org"
    assert article.document.tags == ["Soil", "ปุ๋ยหมัก"]
    assert "th:" not in article.document.body and "fungal" in article.document.body
    roles = {a.person.handle: a.role for a in article.document.authors}
    assert roles["Malee"] == "author" and roles["Somchai"] == "contributor"
    assert talk.document.kind == "thread" and talk.document.author is not None
    assert talk.document.author.handle == "Somchai"
    replies = {post.author.handle if post.author else None: post for post in talk.posts}
    assert replies["Malee"].reply_to == talk.document.id
    assert replies["Somchai"].reply_to == replies["Malee"].id
    assert replies["Wichai"].reply_to == talk.document.id
    assert replies[None].body == "An unsigned remark. Write to [address] or call [phone].", (
        "nobody is invented for it, and no contact detail is kept"
    )
    assert rejects == [], "a template and a redirect are skipped, not rejected"
    assert [(i.position, i.kind, i.detail) for i in items if isinstance(i, Skipped)] == [
        ('page 3 "Template:Stub"', "page outside the content namespaces", "namespace 10"),
        ('page 4 "Compost"', "redirect page", "redirect to Composting"),
    ]


def test_a_thai_redirect_is_skipped_with_its_target(tmp_path: Path) -> None:
    dump = tmp_path / "th.xml"
    thai = "#เปลี่ยนทาง [[การทำปุ๋ยหมัก#วิธีทำ|ปุ๋ยหมัก]]"
    dump.write_text(TALK.replace("#REDIRECT [[Composting]]", thai), encoding="utf-8")
    skipped = [i for i in read_mediawiki(dump) if isinstance(i, Skipped)]
    assert (skipped[-1].kind, skipped[-1].detail) == (
        "redirect page",
        "redirect to การทำปุ๋ยหมัก#วิธีทำ",
    )


def test_truncated_dump_yields_the_pages_before_the_break(tmp_path: Path) -> None:
    dump = tmp_path / "cut.xml"
    dump.write_text(TALK[: TALK.index("<title>Template:Stub")], encoding="utf-8")
    records, rejects, _ = split(list(read_mediawiki(dump)))
    assert [r.document.title for r in records] == ["Composting", "Talk:Composting"]
    (broken,) = rejects
    assert broken.reason.startswith("malformed XML") and broken.position.startswith("line ")
    assert broken.document_id is None, "a sync cannot know what the cut-off pages were"


def test_wrong_encoding_and_missing_fields_are_rejects(tmp_path: Path) -> None:
    dump = tmp_path / "latin.xml"
    dump.write_bytes(TALK.replace("Composting", "Compostíng").encode("latin-1", "replace"))
    records, rejects, _ = split(list(read_mediawiki(dump)))
    assert records == [] and rejects[-1].reason.startswith("malformed XML")
    bare = tmp_path / "bare.xml"
    bare.write_text(
        "<mediawiki><page><title>Lonely</title><id>9</id><revision>"
        "<text>Some text nobody signed.</text></revision></page></mediawiki>",
        encoding="utf-8",
    )
    (reject,) = read_mediawiki(bare)
    assert isinstance(reject, Reject) and reject.reason == "missing author"


def test_huge_page_goes_in_whole(tmp_path: Path) -> None:
    body = "Rice straw compost needs turning. " * 100_000
    dump = tmp_path / "huge.xml"
    dump.write_text(
        "<mediawiki><page><title>Big</title><id>5</id><revision><timestamp>2024-01-01T00:00:00Z"
        f"</timestamp><contributor><username>Malee</username></contributor><text>{body}</text>"
        "</revision></page></mediawiki>",
        encoding="utf-8",
    )
    (record,) = read_mediawiki(dump)
    assert isinstance(record, SourceRecord) and len(record.document.body) == len(body.strip())


def test_detection(tmp_path: Path) -> None:
    assert looks_like_mediawiki(PEAR) and looks_like_mediawiki(PAIR)
    (tmp_path / "Posts.xml").write_text('<posts><row Id="1"/></posts>', encoding="utf-8")
    assert not looks_like_mediawiki(tmp_path / "Posts.xml")


def test_entity_expansion_bomb_is_a_reject_not_a_hang(tmp_path: Path) -> None:
    entities = '<!ENTITY a0 "lol">' + "".join(
        f'<!ENTITY a{n} "{f"&a{n - 1};" * 10}">' for n in range(1, 10)
    )
    bomb = tmp_path / "bomb.xml"
    bomb.write_text(
        f"<?xml version='1.0'?><!DOCTYPE mediawiki [{entities}]><mediawiki><page>"
        "<title>Bomb</title><id>1</id><revision><contributor><username>x</username>"
        "</contributor><text>&a9;</text></revision></page></mediawiki>",
        encoding="utf-8",
    )
    (reject,) = read_mediawiki(bomb)
    assert isinstance(reject, Reject) and reject.reason.startswith("malformed XML")
