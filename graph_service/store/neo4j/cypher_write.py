"""Cypher that writes the graph: upserts of a batch, document deletion, derived relationships.

Every batch statement UNWINDs a list parameter, so thousands of rows cost one round trip.
Nodes are `MERGE`d on `id` and their properties replaced whole (`SET n = row`), which
is what makes a repeated upsert a no-op. Relationships that a node's fields name are
rebuilt from those fields each time the node is written; an endpoint that is not stored yet
is skipped, not created empty. Content (a Document or a Post) is found by id under either
label with two OPTIONAL MATCHes, each an index seek.
"""

from __future__ import annotations

from typing import Final

UPSERT_PERSONS: Final = "UNWIND $rows AS row MERGE (n:Person {id: row.id}) SET n = row"
UPSERT_COMMUNITIES: Final = "UNWIND $rows AS row MERGE (n:Community {id: row.id}) SET n = row"
UPSERT_DOMAINS: Final = "UNWIND $rows AS row MERGE (n:Domain {id: row.id}) SET n = row"
UPSERT_DOCUMENTS: Final = "UNWIND $rows AS row MERGE (n:Document {id: row.id}) SET n = row"
UPSERT_POSTS: Final = "UNWIND $rows AS row MERGE (n:Post {id: row.id}) SET n = row"

LINK_BROADER: Final = """
UNWIND $rows AS row
MATCH (n:Domain {id: row.id})
CALL (n) { MATCH (n)-[old:BROADER]->() DELETE old }
CALL (n) {
    UNWIND n.broader AS broader_id
    MATCH (broader:Domain {id: broader_id})
    MERGE (n)-[:BROADER]->(broader)
}"""
"""Rebuild BROADER from each domain's `broader` list (run after all domains are merged)."""

_LINK_CONTENT: Final = """
UNWIND $rows AS row
MATCH (n:{label} {id: row.id})
CALL (n) {
    OPTIONAL MATCH (n)<-[old:AUTHORED]-(person:Person)
    DELETE old
    RETURN collect(person.id) AS previous
}
CALL (n) { MATCH (n)-[old:IN_COMMUNITY|REPLY_TO]->() DELETE old }
CALL (n) {
    UNWIND n.author_ids AS person_id
    MATCH (person:Person {id: person_id})
    MERGE (person)-[:AUTHORED]->(n)
}
CALL (n) {
    MATCH (community:Community {id: n.community_id})
    MERGE (n)-[:IN_COMMUNITY]->(community)
}
CALL (n) {
    OPTIONAL MATCH (document:Document {id: n.reply_to})
    OPTIONAL MATCH (post:Post {id: n.reply_to})
    WITH coalesce(document, post) AS target
    WHERE target IS NOT NULL
    MERGE (n)-[:REPLY_TO]->(target)
}
UNWIND previous + n.author_ids AS person_id
RETURN collect(DISTINCT person_id) AS touched"""
LINK_DOCUMENTS: Final = _LINK_CONTENT.replace("{label}", "Document")
LINK_POSTS: Final = _LINK_CONTENT.replace("{label}", "Post")
"""Rebuild AUTHORED, IN_COMMUNITY and REPLY_TO from the content's own fields.

Returns the persons who were or are now its authors (`touched`), whose MEMBER_OF must be
derived again. Documents have no `reply_to`, so the last subquery matches nothing for them.
"""

REFRESH_MEMBERSHIP: Final = """
UNWIND $ids AS person_id
MATCH (person:Person {id: person_id})
CALL (person) { MATCH (person)-[old:MEMBER_OF]->() DELETE old }
CALL (person) {
    MATCH (person)-[:AUTHORED]->()-[:IN_COMMUNITY]->(community:Community)
    WITH DISTINCT community
    MERGE (person)-[:MEMBER_OF]->(community)
}"""
"""Derive MEMBER_OF again for these persons: one link per community they have content in."""

DELETE_STALE_CHUNKS: Final = """
UNWIND $parents AS parent
MATCH (c:Chunk {parent_id: parent.id})
WHERE NOT c.id IN parent.keep
DETACH DELETE c"""
"""Chunks of each parent (`id`) that the batch does not write again (`keep`)."""

UPSERT_CHUNKS: Final = """
UNWIND $rows AS row
MERGE (c:Chunk {id: row.id})
SET c = row
WITH c
CALL (c) { MATCH (c)<-[old:HAS_CHUNK]-(parent) WHERE parent.id <> c.parent_id DELETE old }
OPTIONAL MATCH (document:Document {id: c.parent_id})
OPTIONAL MATCH (post:Post {id: c.parent_id})
WITH c, coalesce(document, post) AS parent
WHERE parent IS NOT NULL
MERGE (parent)-[:HAS_CHUNK]->(c)"""

DELETE_STALE_PRACTICES: Final = """
UNWIND $sources AS source
MATCH (p:Practice {source_id: source.id})
WHERE NOT p.id IN source.keep
DETACH DELETE p"""
"""Practices of each source content (`id`) that the batch does not write again (`keep`)."""

UPSERT_PRACTICES: Final = """
UNWIND $rows AS row
MERGE (p:Practice {id: row.id})
SET p = row
WITH p
CALL (p) { MATCH (p)<-[old:DESCRIBES]-() DELETE old }
CALL (p) { MATCH (p)-[old:IN_DOMAIN]->() DELETE old }
CALL (p) {
    OPTIONAL MATCH (document:Document {id: p.source_id})
    OPTIONAL MATCH (post:Post {id: p.source_id})
    WITH coalesce(document, post) AS source
    WHERE source IS NOT NULL
    MERGE (source)-[:DESCRIBES]->(p)
}
CALL (p) {
    UNWIND p.domain_ids AS domain_id
    MATCH (domain:Domain {id: domain_id})
    MERGE (p)-[:IN_DOMAIN]->(domain)
}"""

DELETE_ABOUT: Final = """
UNWIND $ids AS content_id
OPTIONAL MATCH (document:Document {id: content_id})
OPTIONAL MATCH (post:Post {id: content_id})
WITH coalesce(document, post) AS content
MATCH (content)-[old:ABOUT]->(:Domain)
DELETE old"""
"""ABOUT links of the content the batch assigns domains to; the batch's links replace them."""

UPSERT_ABOUT: Final = """
UNWIND $rows AS row
OPTIONAL MATCH (document:Document {id: row.content_id})
OPTIONAL MATCH (post:Post {id: row.content_id})
WITH row, coalesce(document, post) AS content
WHERE content IS NOT NULL
MATCH (domain:Domain {id: row.domain_id})
MERGE (content)-[about:ABOUT]->(domain)
SET about.weight = row.weight, about.method = row.method"""

DELETE_DOCUMENTS: Final = """
OPTIONAL MATCH (post:Post) WHERE post.document_id IN $ids
WITH $ids + collect(post.id) AS content_ids
WITH content_ids,
     COLLECT {
         MATCH (d:Document) WHERE d.id IN content_ids UNWIND d.author_ids AS a RETURN a
     } + COLLECT {
         MATCH (p:Post) WHERE p.id IN content_ids UNWIND p.author_ids AS a RETURN a
     } AS touched
CALL (content_ids) {
    MATCH (c:Chunk) WHERE c.parent_id IN content_ids DETACH DELETE c
}
CALL (content_ids) {
    MATCH (p:Practice) WHERE p.source_id IN content_ids DETACH DELETE p
}
CALL (content_ids) {
    MATCH (p:Post) WHERE p.id IN content_ids DETACH DELETE p
}
CALL () {
    MATCH (d:Document) WHERE d.id IN $ids DETACH DELETE d RETURN count(d) AS deleted
}
RETURN deleted, touched"""
"""Documents, their posts, the chunks and practices of both; persons and domains stay.

Returns how many documents there were, and the authors of what went (`touched`).
"""

DELETE_EXPERTISE: Final = "MATCH ()-[r:EXPERT_IN]->() DELETE r"
CREATE_EXPERTISE: Final = """
UNWIND $rows AS row
MATCH (person:Person {id: row.person_id})
MATCH (domain:Domain {id: row.domain_id})
CREATE (person)-[r:EXPERT_IN]->(domain)
SET r.score = row.score, r.evidence_count = row.evidence_count,
    r.last_activity = row.last_activity, r.method = row.method,
    r.private_community = row.private_community"""
"""Runs after `DELETE_EXPERTISE` in the same transaction, so CREATE cannot duplicate: a person
has one EXPERT_IN per domain for public evidence and one per private community (a null
`private_community` leaves the property unset)."""

DELETE_RELATED: Final = "MATCH (:Practice)-[r:RELATED_TO]->(:Practice) DELETE r"
CREATE_RELATED: Final = """
UNWIND $rows AS row
MATCH (source:Practice {id: row.source_id})
MATCH (target:Practice {id: row.target_id})
MERGE (source)-[r:RELATED_TO]->(target)
SET r.score = row.score, r.method = row.method"""

FILL_INDEX_TEXT: Final = """
UNWIND $rows AS row
MATCH (p:Practice {id: row.id})
WHERE p.index_text IS NULL
SET p.index_text = row.index_text"""
"""Give practices written before `index_text` existed the words they are found by."""

SET_DATA_VERSION: Final = "MERGE (n:GraphVersion {id: 'graph'}) SET n.token = $token"
"""Give the graph a new version token (see `GraphStore.data_version`): the last statement of
every write transaction, so the token and the data it stands for commit together. One node
outside the graph (not in `NODE_LABELS`); it is locked only for the instant before commit."""

LOG_SEARCH: Final = "CREATE (n:SearchLog) SET n = $entry"
"""Append one search to the demand log: a node outside the graph, linked to nothing."""

CLEAR_NODES: Final = """
MATCH (n)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS"""
"""Delete every node in batches, the demand log's included, so clearing a large graph never
needs one huge transaction.

Needs an auto-commit transaction (`session.run`), which is why `clear` does not use
`execute_query`.
"""
