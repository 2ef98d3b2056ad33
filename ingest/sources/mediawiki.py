"""MediaWiki XML dumps (`Special:Export`, `dumpBackup.php`): each page a document with every
contributor credited, each talk page a discussion.

A dump holds every revision of a page as a full copy of its text. The newest revision is the
page's text; the revisions before it say who wrote it: each contributor is credited with the
characters their revisions added (a line diff against the revision before), and becomes an
`author` of the page when they added at least `AUTHOR_SHARE` of its text, a `contributor`
otherwise (ingest/records.py: expert finding weighs a contributor's share less). Someone
who only removed text, or whose edits were reverted, still appears as a contributor: they
worked on the page.

What maps to what: an article (namespace 0) or a page of a content namespace (Project, Help,
custom namespaces from 100) is a document of kind "article", its `[[Category:...]]` links its
tags; a talk page (any odd namespace) is a thread, its signed comments its posts, nested by
their `:` indentation. Pages of other namespaces (User, File, Template, Category, Module...)
and pages whose newest revision is a redirect are skipped (`Skipped`, counted by kind).
Wikitext becomes plain text through mwparserfromhell (templates, tables and markup removed,
link labels kept), e-mail addresses and phone numbers in it replaced (ingest/sources/
contacts.py). Editors known only by an IP address are credited under a hash of it: an IP
address is personal data.

The dump is parsed as a stream, one revision at a time (`iterparse`, each revision cleared
once diffed), so memory is one revision's text and the contributors of one page whatever the
dump's size; a dump cut short or malformed yields every page before the break, then a reject
with the line and column. Expat refuses to expand entities in a loop (billion laughs) and
fetches nothing external.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

import mwparserfromhell

from ingest.records import (
    RawAuthorship,
    RawContent,
    RawPerson,
    Reject,
    Skipped,
    SourceRecord,
    sole,
)
from ingest.sources import Records, as_utc, record_or_reject
from ingest.sources.contacts import scrub_contacts

AUTHOR_SHARE = 0.25
"""Share of a page's added text that makes an `author` of it; less makes a `contributor`."""
_CONTENT_NAMESPACES = {0, 4, 12}
"""Articles, the project's own pages and help; custom namespaces (100 and up, even) too."""
_NOT_TEXT_LINKS = {"category", "file", "image", "media"}
_INTERWIKI = re.compile(r"^[a-z]{2,3}(?:-[a-z]+)?$")
"""A `[[fr:Poire]]` language link's prefix."""
_REDIRECT = re.compile(r"\s*#(?:REDIRECT|เปลี่ยนทาง)\s*:?\s*\[\[([^\]|]+)", re.I)
"""A redirect page's first line and its target (Thai wikis also write `#เปลี่ยนทาง`)."""
_SIGNATURE = re.compile(
    r"\[\[\s*(?:User|User talk|ผู้ใช้|คุยกับผู้ใช้)\s*:\s*([^|\]/#]+)[^\]]*\]\].*?"
    r"\d{1,2}:\d{2}.*?\(\s*[A-Z+\-0-9:]+\s*\)\s*$",
    re.I,
)
"""The end of a signed talk comment: a link to the signer's user page, then the time and
the zone in brackets (`[[User:Mav|Mav]] 22:41, 9 September 2008 (UTC)`); Thai wikis name the
namespace `ผู้ใช้`."""


def looks_like_mediawiki(path: Path) -> bool:
    """Whether `path` is an XML file whose root element is `<mediawiki`."""
    if not path.is_file() or path.suffix.lower() != ".xml":
        return False
    with path.open("rb") as file:
        return b"<mediawiki" in file.read(4096)


def read_mediawiki(path: Path, community: str | None = None, wiki: str | None = None) -> Records:
    """Read a MediaWiki XML dump page by page.

    Args:
        path: The `.xml` dump (decompressed).
        community: Community of every page.
        wiki: Name of the wiki, the namespace of its pages and people; by default the host of
            the dump's `<base>` URL (`en.wikipedia.org`), else the file's stem.

    Yields:
        A `SourceRecord` per page (position `page <id> "<title>"`); a `Reject` per page
        without text, and one where the XML breaks off; a `Skipped` per redirect and per
        page outside the content namespaces (templates, user pages).
    """
    dump = _Dump(wiki or path.stem, community)
    root: ET.Element | None = None
    try:
        for event, element in ET.iterparse(path, events=("start", "end")):
            if root is None:
                root = element
            if event == "start":
                continue
            tag = element.tag.rsplit("}", 1)[-1]
            if tag == "siteinfo":
                dump.read_siteinfo(element, named=wiki is not None)
            elif tag == "revision":
                dump.page.add_revision(element)
                element.clear()
            elif tag == "page":
                yield from dump.finish_page(element)
                root.clear()  # drop the finished page itself, not only its content
    except ET.ParseError as error:
        line, column = error.position
        yield Reject(
            source=dump.source,
            position=f"line {line} column {column}",
            reason=f"malformed XML, the dump stops here: {error}",
        )


@dataclass
class _Page:
    """One page as its revisions go by: contributors' added characters, the newest text."""

    text: str = ""
    timestamp: datetime | None = None
    added: dict[RawPerson, int] = field(default_factory=dict)
    source: str = ""

    def add_revision(self, revision: ET.Element) -> None:
        text = _child_text(revision, "text")
        editor = self._editor(_child(revision, "contributor"))
        new_lines, old_lines = text.splitlines(), self.text.splitlines()
        matcher = difflib.SequenceMatcher(None, old_lines, new_lines)
        added = sum(
            len("".join(new_lines[j1:j2]))
            for op, _, _, j1, j2 in matcher.get_opcodes()
            if op in ("insert", "replace")
        )
        if editor is not None:
            self.added[editor] = self.added.get(editor, 0) + added
        self.text = text
        try:
            self.timestamp = as_utc(datetime.fromisoformat(_child_text(revision, "timestamp")))
        except ValueError:
            self.timestamp = None

    def _editor(self, contributor: ET.Element | None) -> RawPerson | None:
        """The editor by user name; by a hash of the address for an IP; None when hidden."""
        if contributor is None or contributor.get("deleted"):
            return None
        username = _child_text(contributor, "username").strip()
        if username:
            return RawPerson(source=self.source, handle=username, name=username)
        address = _child_text(contributor, "ip").strip()
        if not address:
            return None
        digest = hashlib.sha256(address.encode()).hexdigest()[:16]
        return RawPerson(source=self.source, handle=f"ip:{digest}", name="anonymous editor")

    def authorships(self) -> list[RawAuthorship]:
        """Everyone who edited, most text first; `author` from `AUTHOR_SHARE` of it up."""
        total = sum(self.added.values()) or 1
        ranked = sorted(self.added.items(), key=lambda item: (-item[1], item[0].handle))
        return [
            RawAuthorship(
                person=person, role="author" if added / total >= AUTHOR_SHARE else "contributor"
            )
            for person, added in ranked
        ]


class _Dump:
    def __init__(self, wiki: str, community: str | None) -> None:
        self.source = f"mediawiki:{wiki}"
        self.community = community
        self.namespaces: dict[str, int] = {}
        self.base_url: str | None = None
        self.page = _Page(source=self.source)

    def read_siteinfo(self, siteinfo: ET.Element, named: bool) -> None:
        """Namespace names (to read titles of dumps without `<ns>`) and the page URL base."""
        base = _child_text(siteinfo, "base")
        if base.startswith(("http://", "https://")):
            self.base_url = base.rsplit("/", 1)[0]
            if not named:
                self.source = f"mediawiki:{base.split('/')[2]}"
                self.page.source = self.source
        for namespace in siteinfo.iter():
            name = (namespace.text or "").strip().lower()
            key = namespace.get("key", "")
            if namespace.tag.endswith("namespace") and name and key.lstrip("-").isdigit():
                self.namespaces[name] = int(key)

    def finish_page(self, element: ET.Element) -> Records:
        page, self.page = self.page, _Page(source=self.source)
        title = _child_text(element, "title")
        page_id = _child_text(element, "id").strip()
        position = f'page {page_id} "{title}"'
        namespace = self._namespace(element, title)
        skipped = _skip_kind(namespace, page.text)
        if skipped:
            yield Skipped(source=self.source, position=position, kind=skipped[0], detail=skipped[1])
            return
        if not _plain(mwparserfromhell.parse(page.text)):
            reason = "no text once templates and markup are removed" if page.text else "empty"
            yield self._reject(position, reason, page_id)
            return
        if namespace % 2 == 1:
            yield from self._talk(page, page_id, title, position)
            return
        wikicode = mwparserfromhell.parse(page.text)
        tags = self._categories(wikicode)
        document = RawContent(
            id=self._id(page_id),
            kind="article",
            title=title,
            body=_plain(wikicode),
            authors=page.authorships(),
            created_at=page.timestamp,
            url=self._url(title),
            tags=tags,
        )
        record = record_or_reject(self.source, position, document, [], self.community)
        yield self._checked(record, page_id)

    def _talk(self, page: _Page, page_id: str, title: str, position: str) -> Records:
        """A talk page as a thread: its first comment the document, the others replies."""
        comments = _comments(page.text)
        opening_text, opening_signer, _ = comments[0]
        authors = (
            [RawAuthorship(person=RawPerson(source=self.source, handle=opening_signer))]
            if opening_signer
            else page.authorships()
        )
        document = RawContent(
            id=self._id(page_id),
            kind="thread",
            title=title,
            body=opening_text,
            authors=authors,
            created_at=page.timestamp,
            url=self._url(title),
        )
        posts: list[RawContent] = []
        parents: list[tuple[int, str]] = []
        for number, (text, signer, depth) in enumerate(comments[1:], start=1):
            while parents and parents[-1][0] >= depth:
                parents.pop()
            post_id = f"{document.id}:comment:{number}"
            posts.append(
                RawContent(
                    id=post_id,
                    kind="reply",
                    body=text,
                    authors=sole(RawPerson(source=self.source, handle=signer) if signer else None),
                    reply_to=parents[-1][1] if parents else document.id,
                    url=document.url,
                )
            )
            parents.append((depth, post_id))
        record = record_or_reject(self.source, position, document, posts, self.community)
        yield self._checked(record, page_id)

    def _namespace(self, element: ET.Element, title: str) -> int:
        """`<ns>` when the dump has it (schema 0.6 on), else the title's prefix."""
        ns = _child_text(element, "ns").strip()
        if ns.lstrip("-").isdigit():
            return int(ns)
        prefix, colon, _ = title.partition(":")
        return self.namespaces.get(prefix.strip().lower(), 0) if colon else 0

    def _categories(self, wikicode: mwparserfromhell.wikicode.Wikicode) -> list[str]:
        names = [n for n, key in self.namespaces.items() if key == 14] + ["category"]
        tags: list[str] = []
        for link in wikicode.filter_wikilinks():
            prefix, colon, name = str(link.title).partition(":")
            if colon and prefix.strip().lower() in names and name.strip():
                tags.append(" ".join(name.split()))
        return list(dict.fromkeys(tags))

    def _url(self, title: str) -> str | None:
        if self.base_url is None:
            return None
        return f"{self.base_url}/{quote(title.replace(' ', '_'), safe=':/()_,')}"

    def _id(self, page_id: str) -> str:
        return f"{self.source}:page:{page_id}"

    def _checked(self, record: SourceRecord | Reject, page_id: str) -> SourceRecord | Reject:
        """A page rejected whole still names its document, so a sync keeps the stored one."""
        if isinstance(record, Reject):
            return record.model_copy(update={"document_id": self._id(page_id)})
        return record

    def _reject(self, position: str, reason: str, page_id: str) -> Reject:
        return Reject(
            source=self.source, position=position, reason=reason, document_id=self._id(page_id)
        )


def _skip_kind(namespace: int, text: str) -> tuple[str, str] | None:
    """What a page is when it is no content (a template, a user page, a redirect), with
    what more there is to say (a redirect's target), or None."""
    subject = namespace - 1 if namespace % 2 == 1 else namespace
    if subject not in _CONTENT_NAMESPACES and subject < 100:
        return "page outside the content namespaces", f"namespace {namespace}"
    if redirect := _REDIRECT.match(text):
        return "redirect page", f"redirect to {redirect.group(1).strip()}"
    return None


def _plain(wikicode: mwparserfromhell.wikicode.Wikicode) -> str:
    """The text a reader sees: categories, files and language links removed, templates and
    markup stripped, link labels kept, contact details taken out."""
    for link in wikicode.filter_wikilinks(recursive=False):
        prefix, colon, _ = str(link.title).partition(":")
        prefix = prefix.strip()
        if colon and (prefix.lower() in _NOT_TEXT_LINKS or _INTERWIKI.match(prefix)):
            wikicode.remove(link)
    return scrub_contacts(str(wikicode.strip_code(normalize=True, collapse=True)).strip())


def _comments(text: str) -> list[tuple[str, str | None, int]]:
    """A talk page's comments as (plain text, signer or None, indentation depth).

    A comment ends at a line carrying a signature; what comes after the last one is a
    comment nobody signed. A heading starts a new comment at depth 0.
    """
    comments: list[tuple[str, str | None, int]] = []
    lines: list[str] = []

    def close(signer: str | None) -> None:
        body = "\n".join(lines)
        plain = _plain(mwparserfromhell.parse(body))
        if plain:
            depth = len(lines[0]) - len(lines[0].lstrip(":*#")) if lines else 0
            comments.append((plain, signer, depth))
        lines.clear()

    for line in text.splitlines():
        if line.startswith("=") and line.rstrip().endswith("="):
            close(None)
            lines.append(line)
            continue
        lines.append(line)
        signature = _SIGNATURE.search(line)
        if signature:
            close(" ".join(signature.group(1).split()))
    close(None)
    return comments or [("", None, 0)]


def _child(element: ET.Element, name: str) -> ET.Element | None:
    """The first child called `name`, in whichever schema namespace the dump uses."""
    for child in element:
        if child.tag.rsplit("}", 1)[-1] == name:
            return child
    return None


def _child_text(element: ET.Element, name: str) -> str:
    child = _child(element, name)
    return child.text or "" if child is not None else ""
