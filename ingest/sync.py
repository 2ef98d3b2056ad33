"""Sync: a newer export of a source replaces the older one, deletions included.

Reingesting an export already adds what is new and updates what changed (unchanged content
is skipped by its hash). What it cannot see is what the source deleted: a topic removed from
the forum is simply absent from the next export. `copgraph ingest --sync PATH` says that PATH
is the whole of its sources, so a stored document of such a source that the export no longer
holds is deleted.

Which documents came from which source is stored with them: every document keeps the
`source` its reader gave it (`discourse:<forum>`, `mediawiki:<wiki host>`,
`stackexchange:<site>`), so a sync lists the stored documents of exactly the sources its
export yielded and never looks at any other. Deleting is the one irreversible step, so it
is held back where the export cannot vouch for an absence:

- a source the export yielded nothing from is not synced at all (an empty or wrong folder
  must not empty a source);
- a source with a reject that names no document (a dump cut short, a line that is not
  JSON) is not pruned: the document behind that reject may be one still in the source. A
  reject that names its document (an empty post of a topic) keeps that document as stored.

A deliberate skip (a `Skipped` item: a bot's message, a forum's own notice, a wiki
redirect) is neither: the reader understood the item and it is no content, so a page that
became a redirect is deleted like a page that was removed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from graph_service.store.base import GraphStore
from ingest.records import AccountClosed, AccountOpen, ReadItem, Skipped, SourceRecord


@dataclass(frozen=True)
class Prune:
    """What a sync deletes, and the sources whose deletes it holds back, with why."""

    deletions: dict[str, list[str]]
    held_back: dict[str, str]

    @property
    def document_ids(self) -> list[str]:
        """Every document to delete, over all sources."""
        return [document for ids in self.deletions.values() for document in ids]


@dataclass
class SyncScope:
    """The documents an export holds, per source, learnt while its records stream past."""

    present: dict[str, set[str]] = field(default_factory=dict)
    blind_rejects: Counter[str] = field(default_factory=Counter)

    def watch(self, items: Iterable[ReadItem]) -> Iterator[ReadItem]:
        """Pass `items` through unchanged, noting each one's source and document."""
        for item in items:
            if isinstance(item, AccountClosed | AccountOpen):
                yield item  # about a person, not the source's content: says nothing of it
                continue
            held = self.present.setdefault(item.source, set())
            if isinstance(item, Skipped):
                pass  # understood and no content: neither held nor unknown
            elif isinstance(item, SourceRecord):
                held.add(item.document.id)
            elif item.document_id is not None:
                held.add(item.document_id)
            else:
                self.blind_rejects[item.source] += 1
            yield item

    def prune(self, store: GraphStore) -> Prune:
        """The stored documents of the watched sources that the export no longer holds."""
        deletions: dict[str, list[str]] = {}
        held_back: dict[str, str] = {}
        for source, held in sorted(self.present.items()):
            gone = [document for document in store.source_documents(source) if document not in held]
            blind = self.blind_rejects[source]
            if gone and blind:
                held_back[source] = (
                    f"{len(gone)} deletion(s) held back: {blind} reject(s) name no document, "
                    "which may be one of them; fix the export and sync again"
                )
            elif gone:
                deletions[source] = gone
        return Prune(deletions, held_back)
