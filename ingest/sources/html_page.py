"""A saved web page reduced to what the files reader needs: metadata, main content, comments.

Written on the standard library's `html.parser` rather than a new dependency: a page is
parsed into a small tree once, and every question asked of it (where the article is, which
blocks are comments, who wrote them) is a walk over that tree. Tag soup is tolerated the way
browsers mostly do: void elements never open, an end tag closes everything opened inside it,
a stray end tag is ignored.

Comments are recognised by the markup most blog engines share (WordPress, Blogger, Drupal,
hand-written pages): an element whose class or id mentions "comment", holding an author
element (class mentioning "author" or "name", `fn`, or a `<cite>`), an optional `<time>` and
some body text. Threading inside the page is not recovered; every comment replies to the page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from html.parser import HTMLParser

from ingest.sources import as_utc

_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
_CHROME = frozenset(
    {"nav", "header", "footer", "aside", "script", "style", "noscript", "template", "form"}
    | {"iframe", "svg", "button", "select", "textarea", "head", "title"}
)
_SELF_CLOSING = frozenset({"p", "li", "dt", "dd", "tr", "td", "th", "option"})
"""Elements whose end tag HTML lets authors omit: `<li>a<li>b` is two items, not nested."""
_NEVER = frozenset({"head", "form", "script", "style", "template", "noscript"})
"""Where an author-looking element is never a comment's author (a comment form's name field)."""
_NOT_BODY = ("meta", "date", "reply", "avatar", "says", "permalink")
"""Class fragments of a comment's parts that are not its text."""
_AUTHOR = re.compile(r"(?:^|[-_])(?:author|name|fn|username|nickname)$")
"""A class token naming an author: `author`, `comment-author`, `fn`, not `bypostauthor`."""
_CONTENT = re.compile(r"(?:^|[-_])(?:content|text|body)$")
"""A class token marking a comment's text: `comment-content`, `e-content`, not `text-muted`."""
_TAG = re.compile(r"<[^>]*>")


@dataclass(eq=False)
class _Node:
    """An element; walks are iterative, so no page nests deep enough to exhaust the stack."""

    tag: str
    attrs: dict[str, str]
    parent: _Node | None
    children: list[_Node | str] = field(default_factory=list)

    def walk(self) -> Iterator[_Node]:
        """This element and every element under it, in document order."""
        stack: list[_Node] = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(child for child in reversed(node.children) if isinstance(child, _Node))

    def text(self) -> str:
        strings = (c for n in self.walk() for c in n.children if isinstance(c, str))
        return " ".join(" ".join(strings).split())

    def marks(self) -> str:
        return f"{self.attrs.get('class', '')} {self.attrs.get('id', '')}".lower()

    def ancestors(self) -> Iterator[_Node]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


@dataclass(frozen=True)
class Comment:
    """One reader comment: its author's name, HTML body, time, and anchor id in the page."""

    author: str | None
    body: str
    created_at: datetime | None
    anchor: str | None


@dataclass(frozen=True)
class HtmlPage:
    """The page's metadata, its main content as HTML, and its comments."""

    title: str
    author: str | None
    created_at: datetime | None
    url: str | None
    body: str
    comments: list[Comment]


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#document", {}, None)
        self._open = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SELF_CLOSING and self._open.tag == tag and self._open.parent is not None:
            self._open = self._open.parent
        node = _Node(tag, {name: value or "" for name, value in attrs}, self._open)
        self._open.children.append(node)
        if tag not in _VOID:
            self._open = node

    def handle_endtag(self, tag: str) -> None:
        closed = next((n for n in [self._open, *self._open.ancestors()] if n.tag == tag), None)
        if closed is not None and closed.parent is not None:
            self._open = closed.parent

    def handle_data(self, data: str) -> None:
        self._open.children.append(data)


def parse_page(source: str) -> HtmlPage:
    """Read a page's title, author, date and URL, its main content, and its comments.

    - Title: `og:title` (a `<title>` usually carries the site name too), else `<title>`, else
      the first `<h1>`.
    - Author: `<meta name="author">`, else `article:author` unless it is a URL, else a byline
      (an author element outside the comments).
    - Date: `article:published_time`, else the first `<time>` of the main content.
    - Main content: the first `<article>` or `<main>` that is not a comment, else `<body>`,
      without navigation, headers, footers, asides, scripts and comments.
    """
    builder = _TreeBuilder()
    builder.feed(source)
    builder.close()
    root = builder.root
    meta = {
        (n.attrs.get("property") or n.attrs.get("name", "")).lower(): n.attrs.get("content", "")
        for n in root.walk()
        if n.tag == "meta"
    }
    main = next(
        (n for n in root.walk() if n.tag in ("article", "main") and not _commentish(n)),
        None,
    ) or next((n for n in root.walk() if n.tag == "body"), root)
    byline = next(
        (n for n in main.walk() if _is_author(n) and n.text() and _outside_comments(n, main)),
        None,
    )
    title = meta.get("og:title") or _first_text(root, "title") or _first_text(main, "h1")
    return HtmlPage(
        title=title,
        author=meta.get("author") or _not_url(meta.get("article:author")) or _name(byline),
        created_at=_moment(meta.get("article:published_time"))
        or _time(n for n in main.walk() if _outside_comments(n, main)),
        url=meta.get("og:url") or _canonical(root),
        body=_serialize(main, lambda n: n.tag in _CHROME or _commentish(n)),
        comments=_comments(root),
    )


def _comments(root: _Node) -> list[Comment]:
    """Comment blocks in page order.

    A block is the nearest comment-ish element around an author element that holds some text
    besides the author, date and reply links. An element whose class is exactly `comment` but
    that has no author is kept too, authorless, so that the reader reports it.
    """
    found: dict[_Node, _Node | None] = {}
    for node in root.walk():
        around = list(node.ancestors())
        if not _is_author(node) or any(_is_author(a) or a.tag in _NEVER for a in around):
            continue
        for ancestor in around:
            if ancestor.tag in ("body", "html") or (
                ancestor.tag in ("article", "main") and not _commentish(ancestor)
            ):
                break
            if _commentish(ancestor) and not _is_author(ancestor):
                if _plain(_comment_body(ancestor, node)):
                    found.setdefault(ancestor, node)
                    break
    blocks = [
        node
        for node in root.walk()
        if node in found
        or (
            "comment" in node.attrs.get("class", "").lower().split()
            and not any(a in found for a in node.ancestors())
            and not any(n in found for n in node.walk())
            and _plain(_comment_body(node, None))
        )
    ]
    return [
        Comment(
            author=_name(found.get(block)),
            body=_comment_body(block, found.get(block)),
            created_at=_time(block.walk()),
            anchor=block.attrs.get("id") or None,
        )
        for block in blocks
    ]


def _comment_body(block: _Node, author: _Node | None) -> str:
    """The comment's own text: its content element if it has one, else the block minus its
    author, date, reply links and nested replies."""

    def skip(node: _Node) -> bool:
        marks = node.marks()
        return (
            node is author
            or node.tag in _CHROME
            or node.tag == "time"
            or any(fragment in marks for fragment in _NOT_BODY)
            or ("comment" in marks and any(_is_author(n) for n in node.walk()))
        )

    content = next(
        (n for n in block.walk() if n is not block and _has_token(n, _CONTENT) and not skip(n)),
        block,
    )
    return _serialize(content, skip)


def _commentish(node: _Node) -> bool:
    return "comment" in node.marks()


def _is_author(node: _Node) -> bool:
    return node.tag == "cite" or node.attrs.get("rel") == "author" or _has_token(node, _AUTHOR)


def _has_token(node: _Node, pattern: re.Pattern[str]) -> bool:
    return any(pattern.search(token) for token in node.attrs.get("class", "").lower().split())


def _outside_comments(node: _Node, top: _Node) -> bool:
    """No element from `node` up to (not including) `top` is comment-ish."""
    for step in [node, *node.ancestors()]:
        if step is top:
            return True
        if _commentish(step):
            return False
    return True


def _name(author: _Node | None) -> str | None:
    """The innermost author element's text: `div.comment-author` holds an avatar, the name
    (`b.fn`) and a "says:" label."""
    if author is None:
        return None
    names = [n.text() for n in author.walk() if _is_author(n) and n.text()]
    return names[-1] if names else None


def _time(nodes: Iterable[_Node]) -> datetime | None:
    for node in nodes:
        if node.tag == "time" and (moment := _moment(node.attrs.get("datetime") or node.text())):
            return moment
    return None


def _moment(value: str | None) -> datetime | None:
    """An ISO 8601 time, or None: an unreadable date on a page is no reason to lose the page."""
    try:
        return as_utc(datetime.fromisoformat(value.strip())) if value else None
    except ValueError:
        return None


def _not_url(value: str | None) -> str | None:
    """`article:author` is a name on some sites and a profile URL on others (Facebook's)."""
    return None if value is None or value.startswith(("http://", "https://")) else value


def _first_text(top: _Node, tag: str) -> str:
    return next((n.text() for n in top.walk() if n.tag == tag and n.text()), "")


def _canonical(root: _Node) -> str | None:
    links = (n for n in root.walk() if n.tag == "link" and n.attrs.get("rel") == "canonical")
    return next((n.attrs["href"] for n in links if n.attrs.get("href")), None)


def _serialize(node: _Node, skip: Callable[[_Node], bool]) -> str:
    """The element's content as HTML without the skipped elements; only `href` is kept of the
    attributes, since the pipeline wants the text and its links."""

    def pending(parent: _Node) -> list[_Node | str]:
        """Children to emit, last first; text is escaped here, so strings on the stack are
        ready-made HTML (end tags included)."""
        return [
            c if isinstance(c, _Node) else html.escape(c, quote=False) for c in parent.children
        ][::-1]

    parts: list[str] = []
    stack = pending(node)
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            parts.append(item)
        elif not skip(item):
            href = item.attrs.get("href")
            parts.append(f'<{item.tag} href="{html.escape(href)}">' if href else f"<{item.tag}>")
            if item.tag not in _VOID:
                stack.append(f"</{item.tag}>")
                stack.extend(pending(item))
    return "".join(parts).strip()


def _plain(fragment: str) -> str:
    return html.unescape(_TAG.sub(" ", fragment)).strip()
