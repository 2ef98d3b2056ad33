"""Discourse forums: each topic, as the forum's own API serves it, becomes one discussion.

A Discourse forum has no export of its content for members; what a KM team can get is the
JSON the forum serves to anyone allowed to read it: `/t/{id}.json` (a topic with the first
page of its posts) and `/t/{id}/posts.json?post_ids[]=...` (further posts of a long topic).
This reader takes such a file, or a folder of them, and merges the files of one topic by its
id, so a topic saved page by page comes out as one discussion. A folder may also hold a
category's export (its topic lists and the list of categories: see discourse_categories.py),
which names each category's community and its privacy. An admin backup (a `.tar.gz` with
the database dump) is not read: it is skipped, saying how to export instead
(discourse_backup.py).

What maps to what: the opening post (post number 1) is the document, every other post a reply
to the post its `reply_to_post_number` names (the topic when it names none); the Solved
plugin's accepted answer marks that post `accepted` and makes the topic a question; likes
(`actions_summary` id 2, or `like_count`) are the score; the category is the community
(`<site>:category:<id>`); `cooked` (the rendered HTML) is the body, with e-mail addresses and
phone numbers taken out (ingest/sources/contacts.py). Notices the forum writes itself
(moderator actions, small actions such as "pinned"), staff whispers, deleted or hidden posts
and private messages are skipped (`Skipped`, counted by kind, not rejects: nothing is wrong
with them): a whisper or a private message is not for everyone who can search the graph.
An author the forum marks `user_suspended` on their newest post is an `AccountClosed`, left
since that post (a topic does not date the suspension); any other author an `AccountOpen`.

Two passes keep memory to one topic: the first reads every file once to learn which topic it
holds, the second reads the files of one topic at a time. A file is parsed whole (a topic
page is small); one over `MAX_FILE_BYTES` is rejected unread.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from ingest.records import (
    AccountState,
    RawContent,
    RawPerson,
    Reject,
    Skipped,
    account_state,
    sole,
)
from ingest.sources import (
    Records,
    as_utc,
    check_post,
    decode_utf8,
    encoding_problem,
    record_or_reject,
)
from ingest.sources.contacts import scrub_contacts
from ingest.sources.discourse_backup import BACKUP_HELP, is_discourse_backup
from ingest.sources.discourse_categories import Categories, json_integer

MAX_FILE_BYTES = 64 * 1024 * 1024
"""Larger than any topic page a forum serves (a page holds 20 posts): a bigger file is not
one, and parsing it whole would cost its size several times over in memory."""
_LIKE = 2
"""`actions_summary` id of a like."""
_SKIPPED_POST_TYPES = {2: "moderator notice", 3: "small action", 4: "whisper (staff only)"}
"""`post_type` values the forum writes itself (2, 3) or shows to staff only (4)."""
_PROBE_BYTES = 64 * 1024


def looks_like_discourse(path: Path) -> bool:
    """Whether `path` is a topic JSON file, or a folder holding one (at any depth)."""
    if path.is_dir():
        return any(_is_topic_file(file) for file in sorted(path.rglob("*.json")))
    return _is_topic_file(path)


def _is_topic_file(path: Path) -> bool:
    """A `.json` file whose start names a `post_stream`, as every topic response does, or a
    `topic_list`, as a category's does."""
    if path.suffix.lower() != ".json" or not path.is_file():
        return False
    with path.open("rb") as file:
        start = file.read(_PROBE_BYTES)
    return b'"post_stream"' in start or b'"topic_list"' in start


def read_discourse(path: Path, community: str | None = None, site: str | None = None) -> Records:
    """Read Discourse topic JSON.

    Args:
        path: A `/t/{id}.json` or `/t/{id}/posts.json` file, or a folder of them (searched
            recursively for `.json` files; one that is no topic is skipped).
        community: Community of topics without a category.
        site: Name of the forum, the namespace of its content and people; by default the
            name of the folder (of the file's folder, for a single file), so reading one
            file of a folder and the whole folder give the same ids.

    Yields:
        A `SourceRecord` per topic (kind "question" when it has an accepted answer, else
        "thread"; position `<file> topic <id>`); a `Reject` per file that cannot be read,
        per post that cannot be read, per topic whose opening post is in no file or cannot
        be read, and per post the topic lists that no file holds; a `Skipped` per file that
        is no topic, private message, post the forum wrote itself or shows to staff only,
        deleted or hidden post, and post of a topic whose opening post is skipped.
    """
    root = path if path.is_dir() else path.parent
    forum = _Forum(site or root.name, community)
    if path.is_file() and is_discourse_backup(path):
        yield Skipped(
            source=forum.source, position=path.name, kind="admin backup", detail=BACKUP_HELP
        )
        return
    files = sorted(path.rglob("*.json")) if path.is_dir() else [path]
    topics: dict[int, list[Path]] = {}
    for file in files:
        parsed = forum.load(file, root)
        if isinstance(parsed, Reject | Skipped):
            yield parsed
        elif parsed is not None:
            topics.setdefault(parsed[0], []).append(file)
    for topic_id, topic_files in topics.items():
        yield from forum.topic(topic_id, topic_files, root)
    for topic_id, position in forum.categories.unfetched(set(topics)):
        yield forum.unfetched(topic_id, position)
    yield from forum.accounts()


@dataclass
class _Topic:
    """What the files of one topic say, merged."""

    id: int
    position: str
    title: str = ""
    category: int | None = None
    tags: list[str] = field(default_factory=list)
    accepted_number: int | None = None
    private: bool = False
    stream: list[int] = field(default_factory=list)
    posts: dict[int, tuple[str, dict[str, Any]]] = field(default_factory=dict)
    """Posts by post number, each with the position of the file it came in."""


class _Forum:
    def __init__(self, site: str, community: str | None) -> None:
        self.site = site
        self.source = f"discourse:{site}"
        self.community = community
        self.categories = Categories(site)
        self.authors: dict[str, tuple[str, RawPerson, datetime, bool]] = {}
        """Each author's newest post kept (its position, who, when) and whether the forum
        marks them `user_suspended`."""

    def load(self, file: Path, root: Path) -> tuple[int, dict[str, Any]] | Reject | Skipped | None:
        """The topic id and JSON of a file, or why it cannot be read or is no topic; None
        for a category file (a topic list, the list of categories), taken in `categories`."""
        position = file.relative_to(root).as_posix()
        try:
            size = file.stat().st_size
            if size > MAX_FILE_BYTES:
                return self._reject(position, f"file of {size} bytes is over {MAX_FILE_BYTES}")
            text = decode_utf8(file.read_bytes())
        except OSError as error:
            return self._reject(position, f"unreadable: {error.strerror}")
        if isinstance(text, UnicodeDecodeError):
            return self._reject(position, encoding_problem(text))
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            return self._reject(position, f"malformed JSON: {error}")
        if isinstance(data, dict) and "post_stream" not in data:
            if self.categories.read(position, data):
                return None
        if not isinstance(data, dict) or "post_stream" not in data:
            return self._skip(position, "JSON file that is no topic")
        topic_id = data.get("id")
        posts = data["post_stream"].get("posts") if isinstance(data["post_stream"], dict) else None
        if not isinstance(topic_id, int) or isinstance(topic_id, bool):
            return self._reject(position, "no numeric topic id")
        if not isinstance(posts, list):
            return self._reject(position, "post_stream has no list of posts")
        return topic_id, data

    def topic(self, topic_id: int, files: list[Path], root: Path) -> Records:
        """Merge the files of one topic and yield its record and rejects."""
        topic = _Topic(topic_id, f"{files[0].relative_to(root).as_posix()} topic {topic_id}")
        for file in files:
            loaded = self.load(file, root)
            if loaded is None:
                continue  # the file changed since the first pass read it
            if isinstance(loaded, Reject | Skipped):
                yield loaded  # the file changed since the first pass read it
            else:
                yield from self._merge(topic, file.relative_to(root).as_posix(), loaded[1])
        yield from self._record(topic)

    def _merge(self, topic: _Topic, position: str, data: dict[str, Any]) -> Iterator[Reject]:
        if "title" in data:
            topic.position = f"{position} topic {topic.id}"
            topic.title = data["title"] if isinstance(data["title"], str) else ""
            topic.category = json_integer(data.get("category_id"))
            topic.tags = _tags(data.get("tags"))
            topic.private = data.get("archetype") == "private_message"
            topic.stream = [n for n in data["post_stream"].get("stream") or [] if json_integer(n)]
        accepted = data.get("accepted_answer")
        if isinstance(accepted, dict):
            topic.accepted_number = json_integer(accepted.get("post_number"))
        for at, post in enumerate(data["post_stream"]["posts"]):
            number = json_integer(post.get("post_number")) if isinstance(post, dict) else None
            where = f"{position} post {number if number is not None else f'#{at + 1}'}"
            if number is None or not isinstance(post, dict):
                yield self._reject(where, "no post_number", topic)
                continue
            seen = topic.posts.get(number)
            if seen is not None and seen[1].get("id") != post.get("id"):
                reason = f"post_number {number} is already post id {seen[1].get('id')}"
                yield self._reject(where, reason, topic)
            elif seen is None:
                topic.posts[number] = (where, post)

    def _record(self, topic: _Topic) -> Records:
        if topic.private:
            yield self._skip(topic.position, "private message")
            return
        if 1 not in topic.posts:
            yield self._reject(topic.position, "opening post (number 1) is in no file", topic)
            return
        solved = topic.accepted_number is not None or any(
            post.get("accepted_answer") is True for _, post in topic.posts.values()
        )
        opening_skipped = _skip_kind(topic.posts[1][1])
        if opening_skipped:  # a deleted opening post: the topic is gone, a sync deletes it
            for number, (where, _) in sorted(topic.posts.items()):
                yield self._skip(
                    where, opening_skipped if number == 1 else "post of a skipped topic"
                )
            return
        contents: dict[int, RawContent] = {}
        for number in sorted(topic.posts):
            where, post = topic.posts[number]
            skipped = _skip_kind(post)
            if skipped:
                yield self._skip(where, skipped)
                continue
            content = self._content(topic, number, post, solved)
            if isinstance(content, str):
                yield self._reject(where, content, topic)
                if number == 1:
                    yield self._reject(topic.position, _without_opening(content, topic), topic)
                    return
                continue
            checked = content if number == 1 else check_post(self.source, where, content)
            if isinstance(checked, Reject):
                yield checked.model_copy(update={"document_id": self._id(topic.id, 1)})
            else:
                contents[number] = checked
        missing = [post_id for post_id in topic.stream if post_id not in _post_ids(topic)]
        if missing:
            listed = ", ".join(map(str, missing[:5])) + (" ..." if len(missing) > 5 else "")
            reason = f"{len(missing)} post(s) the topic lists are in no file (ids {listed})"
            yield self._reject(topic.position, reason, topic)
        document = contents.pop(1, None)
        if document is None:
            return
        posts = list(contents.values())
        category = self.categories.category_of(topic.id, topic.category)
        profile = self.categories.profile(category) if category is not None else None
        record = record_or_reject(
            self.source, topic.position, document, posts, self.community_of(topic), profile
        )
        if isinstance(record, Reject):
            record = record.model_copy(update={"document_id": document.id})
        yield record

    def _content(
        self, topic: _Topic, number: int, post: dict[str, Any], solved: bool
    ) -> RawContent | str:
        """A post as content, or why it cannot be read."""
        if not isinstance(post.get("created_at"), str):
            return "missing created_at"
        try:
            created = as_utc(datetime.fromisoformat(post["created_at"]))
        except ValueError as error:
            return f"bad created_at: {error}"
        cooked = post.get("cooked")
        if not isinstance(cooked, str):
            return "no cooked HTML body"
        replied = json_integer(post.get("reply_to_post_number"))
        author = self._author(post)
        if author is not None and created is not None:
            suspended = post.get("user_suspended") is True
            self._note_author(f"{topic.position} post {number}", author, created, suspended)
        opening = number == 1
        direct = replied in (None, 1)
        accepted = not opening and (
            post.get("accepted_answer") is True or number == topic.accepted_number
        )
        return RawContent(
            id=self._id(topic.id, number),
            kind=("question" if solved else "thread")
            if opening
            else ("answer" if solved and (direct or accepted) else "reply"),
            title=scrub_contacts(topic.title) if opening else "",
            body=scrub_contacts(cooked),
            body_format="html",
            authors=sole(author),
            created_at=created,
            tags=topic.tags if opening else [],
            score=_likes(post),
            accepted=accepted,
            reply_to=None if opening else self._id(topic.id, 1 if direct else replied or 1),
        )

    def _note_author(
        self, position: str, author: RawPerson, created: datetime, suspended: bool
    ) -> None:
        seen = self.authors.get(author.handle)
        if seen is None or seen[2] < created:
            self.authors[author.handle] = (position, author, created, suspended)

    def accounts(self) -> Iterator[AccountState]:
        """Each author as of their newest post: suspended (left since that post: a topic
        does not say when, or until when, an account was suspended) or open."""
        for _, (position, author, last, suspended) in sorted(self.authors.items()):
            yield account_state(
                self.source,
                position,
                author,
                "suspended" if suspended else None,
                last.date(),
                "last activity",
            )

    def _author(self, post: dict[str, Any]) -> RawPerson | None:
        username = post.get("username")
        if not isinstance(username, str) or not username.strip():
            return None
        name = post.get("name") or post.get("display_username") or username
        return RawPerson(source=self.source, handle=username, name=str(name))

    def _id(self, topic_id: int, number: int) -> str:
        return f"{self.source}:t{topic_id}:p{number}"

    def community_of(self, topic: _Topic) -> str | None:
        category = self.categories.category_of(topic.id, topic.category)
        return self.community if category is None else self.categories.community_id(category)

    def unfetched(self, topic_id: int, position: str) -> Reject:
        """A topic a category lists and no file holds: fetch it (a sync keeps it as stored)."""
        reason = f"topic {topic_id} is listed but in no topic file: save /t/{topic_id}.json too"
        return Reject(
            source=self.source,
            position=position,
            reason=reason,
            document_id=self._id(topic_id, 1),
        )

    def _reject(self, position: str, reason: str, topic: _Topic | None = None) -> Reject:
        document_id = self._id(topic.id, 1) if topic is not None else None
        return Reject(source=self.source, position=position, reason=reason, document_id=document_id)

    def _skip(self, position: str, kind: str) -> Skipped:
        return Skipped(source=self.source, position=position, kind=kind)


def _without_opening(reason: str, topic: _Topic) -> str:
    """Why a topic is left out when its opening post cannot be read."""
    others = f"and with it the topic's {len(topic.posts) - 1} other post(s)"
    return f"opening post left out ({reason}), {others}"


def _skip_kind(post: dict[str, Any]) -> str | None:
    """What a post is when it is not content anyone should find (the forum's own notices,
    staff whispers, deleted and flagged posts), or None."""
    post_type = json_integer(post.get("post_type"))
    if post_type in _SKIPPED_POST_TYPES:
        return _SKIPPED_POST_TYPES[post_type]
    if post.get("deleted_at") or post.get("user_deleted") is True:
        return "deleted post"
    if post.get("hidden") is True:
        return "post hidden after flags"
    return None


def _likes(post: dict[str, Any]) -> int:
    """Likes: newer forums say `like_count`; older ones only count them in `actions_summary`."""
    count = json_integer(post.get("like_count"))
    if count is not None:
        return max(count, 0)
    for action in post.get("actions_summary") or []:
        if isinstance(action, dict) and action.get("id") == _LIKE:
            return max(json_integer(action.get("count")) or 0, 0)
    return 0


def _tags(value: Any) -> list[str]:
    """Topic tags, as names (older forums) or `{"name": ...}` objects (newer ones)."""
    if not isinstance(value, list):
        return []
    names = (tag.get("name") if isinstance(tag, dict) else tag for tag in value)
    return [name for name in names if isinstance(name, str) and name.strip()]


def _post_ids(topic: _Topic) -> set[int]:
    return {post["id"] for _, post in topic.posts.values() if isinstance(post.get("id"), int)}
