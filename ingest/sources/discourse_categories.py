"""A Discourse category export: which topics a category holds, and what each category is.

A KM team exports a category as the forum serves it to members: the category's topic list
(`/c/{slug}/{id}.json`, its topics under `topic_list.topics`, one file per page), the
topics themselves (`/t/{id}.json`, read by ingest/sources/discourse.py), and for names and
privacy the forum's list of categories (`/categories.json`, under
`category_list.categories`; `/site.json` holds the same list as `categories`) or one
category's own page (`/c/{id}/show.json`, under `category`). Each category is a community:
named as the forum names it, private when the forum restricts who may read it
(`read_restricted`), else named after the slug of the list's path (`c/<slug>/<id>.json`).

A topic the list names and no topic file holds cannot go in: it is a reject naming its
document, so a sync keeps what is stored of it, and saying which topic file to fetch.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from ingest.records import RawCommunity


@dataclass
class Categories:
    """What the category files of one forum say, gathered while its files are read."""

    site: str
    profiles: dict[int, RawCommunity] = field(default_factory=dict)
    listed: dict[int, tuple[str, int]] = field(default_factory=dict)
    """Each listed topic's category, with the position of the list that names it."""
    slugs: dict[int, str] = field(default_factory=dict)

    def community_id(self, category: int) -> str:
        """The community of a category, as topics have always named it."""
        return f"{self.site}:category:{category}"

    def read(self, position: str, data: dict[str, Any]) -> bool:
        """Take what a non-topic file says about categories; whether it was a category file."""
        topic_list = data.get("topic_list")
        if isinstance(topic_list, dict) and isinstance(topic_list.get("topics"), list):
            self._topic_list(position, topic_list["topics"])
            return True
        found = [data["category"]] if isinstance(data.get("category"), dict) else []
        category_list = data.get("category_list")
        if isinstance(category_list, dict) and isinstance(category_list.get("categories"), list):
            found = category_list["categories"]
        elif isinstance(data.get("categories"), list) and not found:
            found = data["categories"]  # /site.json
        for category in found:
            self._category(category)
        return bool(found)

    def category_of(self, topic_id: int, own: int | None) -> int | None:
        """A topic's category: its own `category_id`, else the list that names it."""
        if own is not None:
            return own
        listed = self.listed.get(topic_id)
        return listed[1] if listed else None

    def profile(self, category: int) -> RawCommunity | None:
        """The community a category is, when any file names it (its slug, at least)."""
        if category in self.profiles:
            return self.profiles[category]
        if category in self.slugs:
            return RawCommunity(id=self.community_id(category), name=self.slugs[category])
        return None

    def unfetched(self, fetched: set[int]) -> Iterator[tuple[int, str]]:
        """The listed topics no topic file holds, with the position of their list."""
        for topic_id, (position, _) in sorted(self.listed.items()):
            if topic_id not in fetched:
                yield topic_id, position

    def _topic_list(self, position: str, topics: list[Any]) -> None:
        path = PurePosixPath(position)
        in_c = len(path.parts) >= 3 and path.parts[-3] == "c" and path.stem.isdigit()
        from_path = int(path.stem) if in_c else None
        for number, topic in enumerate(topics, start=1):
            topic_id = json_integer(topic.get("id")) if isinstance(topic, dict) else None
            category = json_integer(topic.get("category_id")) if isinstance(topic, dict) else None
            category = category if category is not None else from_path
            if topic_id is not None and category is not None:
                self.listed.setdefault(topic_id, (f"{position} topic #{number}", category))
        if from_path is not None:
            self.slugs.setdefault(from_path, path.parts[-2])

    def _category(self, category: Any) -> None:
        category_id = json_integer(category.get("id")) if isinstance(category, dict) else None
        if category_id is None or not isinstance(category, dict):
            return
        name = category.get("name")
        description = category.get("description_text")
        self.profiles[category_id] = RawCommunity(
            id=self.community_id(category_id),
            name=name if isinstance(name, str) else "",
            private=category.get("read_restricted") is True,
            description=description if isinstance(description, str) else "",
        )
        for child in category.get("subcategory_list") or []:
            self._category(child)


def json_integer(value: Any) -> int | None:
    """A JSON integer within 64 bits, or None (booleans are not numbers here)."""
    if isinstance(value, int) and not isinstance(value, bool) and -(2**63) <= value < 2**63:
        return value
    return None
