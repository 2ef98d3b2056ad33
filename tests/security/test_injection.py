"""No query is built from input: hostile strings are data everywhere, on both stores.

Cypher, SQL, FTS5 and Lucene syntax, NUL, RTL and zero-width characters and very long
strings go through every string parameter of every GET operation (read from the OpenAPI
document, so a new route is covered without editing this file) and through the fields of a
pushed record. Nothing may answer 5xx, reads must leave the graph's counts as they were,
and an ingested hostile string must come back as the very text it was. A static check then
reads the store modules: a query string may interpolate only the closed sets the code
documents, so `f"MATCH (n {{id: '{x}'}})"` anywhere fails it.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from graph_service.api.app import create_app
from graph_service.config import Settings
from graph_service.text.normalize import normalize_text
from ingest.people import person_id
from ingest.records import RawPerson
from tests.api.conftest import LiveApi

ROOT = Path(__file__).resolve().parents[2]

HOSTILE = [
    "' OR 1=1 //",
    '"}) MATCH (n) DETACH DELETE n //',
    "x'}) WITH 1 AS x MATCH (n) SET n.name = 'pwned' RETURN 1 //",
    "1; DROP TABLE documents; --",
    "-- ",
    "\u0000",
    "a\u0000b",
    "*",
    "NEAR(",
    '"unbalanced',
    "compost AND OR NOT ^ : *",
    "title:compost OR search_text:*",
    '+ - && || ! ( ) { } [ ] ^ " ~ * ? : \\ /',
    "*:*",
    "compost~ 0.5^10",
    "\u202eesrever\u202c \u200f\u200b\u2066",
    "คนที่รู้เรื่อง' OR '1'='1",
    "%00%27%22",
    "${jndi:ldap://x}",
    "../../../etc/passwd",
    "x" * 5000,
]
"""Strings that mean something to Cypher, SQLite, FTS5, Lucene, a shell or a path parser."""

BENIGN = {"q": "composting rice straw"}
"""Values for required parameters when another parameter is the one under attack."""


def _attacks() -> list[tuple[str, str, list[str]]]:
    """(path, parameter, other required query parameters) for every string-typed query or
    path parameter of every GET operation, from the API's own OpenAPI document."""
    spec = create_app(Settings()).openapi()
    found = []
    for path, item in sorted(spec["paths"].items()):
        parameters = item.get("get", {}).get("parameters", [])
        required = [p["name"] for p in parameters if p["in"] == "query" and p.get("required")]
        for parameter in parameters:
            schema = parameter.get("schema", {})
            types = {schema.get("type")} | {o.get("type") for o in schema.get("anyOf", [])}
            if parameter["in"] in ("query", "path") and "string" in types:
                others = [name for name in required if name != parameter["name"]]
                found.append((path, parameter["name"], others))
    return found


def _attack(
    client: httpx.Client, path: str, name: str, others: list[str], value: str
) -> httpx.Response:
    """GET `path` with `value` as parameter `name`, other path ids `x`, required ones benign."""
    url = re.sub(r"\{(\w+)\}", lambda m: quote(value if m.group(1) == name else "x", safe=""), path)
    params = {other: BENIGN[other] for other in others}
    if f"{{{name}}}" not in path:
        params[name] = value
    return client.get(url, params=params)


@pytest.mark.model
def test_hostile_strings_in_every_get_parameter_are_data(live_api: LiveApi) -> None:
    attacks = _attacks()
    assert {name for _, name, _ in attacks} >= {"q", "person_id", "document_id", "community"}
    with live_api.client("admin") as admin:
        before = admin.get("/v1/stats").json()
        answered: dict[int, int] = {}
        # The gap map embeds every weak search of the demand log on each call, and these
        # hostile queries fill that log: its parameters are attacked first.
        for path, name, others in sorted(attacks, key=lambda attack: attack[0] != "/v1/gaps"):
            for value in HOSTILE:
                response = _attack(admin, path, name, others, value)
                assert response.status_code < 500, (path, name, value, response.text)
                if path == "/embed/recommendations" and response.status_code == 404:
                    # The card answers an unknown id in HTML, for a portal's page (widget.py).
                    assert "class='missing'" in response.text and value not in response.text
                elif response.status_code >= 400:
                    assert response.headers["content-type"].startswith("application/problem+json")
                answered[response.status_code] = answered.get(response.status_code, 0) + 1
        assert admin.get("/v1/stats").json() == before, "reads changed the graph"
        assert answered.get(200, 0) > len(attacks), "most attacks must reach the stores"


def _record(n: int, value: str) -> dict[str, Any]:
    """A discussion carrying `value` in every free-text and id field (ids without control
    characters, which the record format refuses, and without `/`, which no path can carry)."""
    safe = re.sub(r"[\x00-\x1f\x7f/]", "_", value)
    ident = f"inj-{n}-{safe[:80]}"
    return {
        "type": "discussion",
        "id": ident,
        "title": value,
        "body": f"{value} composting rice straw",
        "author": {"id": f"author-{value[:80]}", "name": value},
        "community": f"cop-{safe[:40]}",
        "tags": [value[:100]],
        "url": f"https://example.org/{quote(value[:100])}",
        "posts": [
            {
                "id": f"{ident}-p",
                "kind": "answer",
                "author": {"id": f"answerer-{value[:80]}"},
                "body": f"Answer: {value}",
                "reply_to": ident,
            }
        ],
    }


@pytest.mark.model
def test_hostile_strings_in_pushed_records_come_back_as_the_same_text(live_api: LiveApi) -> None:
    values = [v for v in HOSTILE if normalize_text(v) and len(v) < 1000] + ["x" * 1500]
    with live_api.client("writer") as writer:
        before = writer.get("/v1/stats").json()["nodes"]
        for n, value in enumerate(values):
            record = _record(n, value)
            response = writer.post("/v1/discussions", json=record)
            assert response.status_code == 200, (value, response.text)
            stored = writer.get(f"/v1/documents/{quote(record['id'], safe='')}")
            assert stored.status_code == 200, (value, stored.text)
            document = stored.json()
            assert document["id"] == record["id"]
            assert document["title"] == normalize_text(value)
            assert document["community_id"] == record["community"]
            author = person_id(RawPerson(source="jsonl", handle=record["author"]["id"]))
            assert document["author_ids"] == [author]
            profile = writer.get(f"/v1/people/{quote(author, safe='')}").json()
            assert profile["name"] == value
            assert [post["id"] for post in document["posts"]] == [f"{record['id']}-p"]
        nodes = writer.get("/v1/stats").json()["nodes"]
        assert nodes["Document"] == before["Document"] + len(values)
        assert nodes["Post"] == before["Post"] + len(values)
        for n, value in enumerate(values):
            ident = _record(n, value)["id"]
            assert writer.delete(f"/v1/documents/{quote(ident, safe='')}").status_code == 204
        refused = writer.post("/v1/discussions", json={**_record(0, "x"), "id": "a\x00b"})
        assert refused.status_code == 422 and refused.json()["errors"][0]["loc"][-1] == "id"
        after = writer.get("/v1/stats").json()["nodes"]
        assert (after["Document"], after["Post"], after["Chunk"]) == (
            before["Document"],
            before["Post"],
            before["Chunk"],
        )


QUERY_MODULES = [
    *sorted((ROOT / "graph_service" / "store" / "neo4j").glob("*.py")),
    *sorted((ROOT / "graph_service" / "store" / "embedded").glob("*.py")),
    ROOT / "ingest" / "embedding_cache.py",
]
"""Where queries are written: the two backends, and the embedding cache's own SQLite file."""
QUERY_WORDS = re.compile(
    r"\b(MATCH|MERGE|CREATE|DELETE|DETACH|SET|REMOVE|RETURN|WHERE|WITH|UNWIND|CALL|YIELD"
    r"|SELECT|INSERT|UPDATE|DROP|PRAGMA|FROM|JOIN|VALUES|UNION|INDEX|CONSTRAINT)\b"
)
CONSTANT = re.compile(r"_?[A-Z][A-Z0-9_]*")
CLOSED_SETS: dict[tuple[str, str], dict[str, str]] = {
    ("statements.py", "<module>"): {
        "label": "Neo4j STATS and CONSTRAINTS: one per label of NODE_LABELS",
        "rel": "Neo4j STATS: one count per type of RELATIONSHIP_TYPES",
        "label.lower()": "Neo4j CONSTRAINTS: the constraint's name, from the same label",
        "table": "embedded _FTS_TRIGGERS: chunks or practices, from a literal tuple",
        "column": "embedded _FTS_TRIGGERS: their indexed column, from the same tuple",
        "target": "embedded _VECTOR_LOG_TRIGGERS: chunk or practice, from a literal tuple",
    },
    ("statements.py", "search"): {"source": "_SOURCE_KEY[target], a fixed property path"},
    ("statements.py", "vector_index"): {"str(dimension)": "checked to be an int 1-4096"},
    ("statements.py", "drop_index"): {"name": "checked to be one of copgraph's indexes"},
    ("statements.py", "_from_target"): {"table": "TARGETS[target]", "content": "TARGETS[target]"},
    ("statements.py", "_in_scope"): {
        "community": "a LiteralString column expression",
        "language": "a LiteralString column expression",
        "created": "a LiteralString column expression",
    },
    ("statements.py", "phrase_scores"): {"table": "TARGETS[target]"},
    ("embedding_cache.py", "get_many"): {"marks": "only `?` placeholders, one per key"},
    ("statements.py", "view_log_triggers"): {
        "table": "embedded view_log triggers: a table name from the literal calls that build "
        "_VIEW_LOG_TRIGGERS and PROFILE_VIEW_LOG_TRIGGERS at import",
        "name": "the event's first word (insert, delete, update), from those literal dicts",
        "what": "the event with its OF columns, from those literal dicts",
        "condition": "the event's WHEN clause, from those literal dicts",
        "rows": "the logged rows' SELECT or VALUES, from those literal dicts",
        "label": "the triggers' name part, a literal argument of those calls",
    },
    ("statements.py", "_authors_of"): {"row": "new or old: the trigger's row, literal calls"},
    ("statements.py", "_content_and_thread"): {
        "row": "new or old: the trigger's row, literal calls"
    },
    ("profiles.py", "<module>"): {
        "_CLAIM_ROWS.format(row='new')": "a trigger's new row, into a module constant",
        "_CLAIM_ROWS.format(row='old')": "a trigger's old row, into a module constant",
    },
}
"""Every interpolation into a query that is not a constant, and why it is a closed set."""


def _literal_functions(tree: ast.Module) -> set[str]:
    """Functions of a module typed to return a LiteralString (their bodies are checked too)."""
    return {
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef)
        and node.returns is not None
        and "LiteralString" in ast.unparse(node.returns)
    }


def _is_closed(node: ast.expr, literal_functions: set[str]) -> bool:
    """Whether an interpolated expression is a constant, a lookup in one, or a query builder."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.Name):
        return CONSTANT.fullmatch(node.id) is not None
    if isinstance(node, ast.Subscript):
        return _is_closed(node.value, literal_functions)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return node.func.id in literal_functions
    return False


def _enclosing(tree: ast.Module) -> dict[ast.AST, str]:
    """The innermost function around every node, `<module>` outside any."""
    names: dict[ast.AST, str] = {}

    def visit(node: ast.AST, name: str) -> None:
        for child in ast.iter_child_nodes(node):
            inner = (
                child.name if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) else name
            )
            names[child] = inner
            visit(child, inner)

    visit(tree, "<module>")
    return names


def _operands(node: ast.expr) -> list[ast.expr]:
    """The operands of a chain of `+`: `"a" + x + "b"` is three."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _operands(node.left) + _operands(node.right)
    return [node]


def interpolations(source: str, file: str) -> list[str]:
    """The interpolations into query-looking strings of `source` that are not closed sets:
    f-strings, `+` chains, `%` and `.format` whose literal text has a Cypher or SQL word."""
    tree = ast.parse(source)
    literal_functions = _literal_functions(tree)
    enclosing = _enclosing(tree)
    chained = {id(o) for n in ast.walk(tree) if isinstance(n, ast.BinOp) for o in (n.left, n.right)}
    found = []

    def check(node: ast.AST, parts: list[ast.expr], literal: str) -> None:
        if not QUERY_WORDS.search(literal):
            return
        allowed = CLOSED_SETS.get((file, enclosing[node]), {})
        for part in parts:
            text = ast.unparse(part)
            if not _is_closed(part, literal_functions) and text not in allowed:
                found.append(f"{file}:{part.lineno} {enclosing[node]}: {{{text}}}")

    def literal(parts: list[ast.expr]) -> str:
        return "".join(
            p.value for p in parts if isinstance(p, ast.Constant) and isinstance(p.value, str)
        )

    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            values = [v.value for v in node.values if isinstance(v, ast.FormattedValue)]
            check(node, values, literal(node.values))
        elif (
            isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and id(node) not in chained
        ):
            operands = _operands(node)
            check(node, [o for o in operands if not isinstance(o, ast.Constant)], literal(operands))
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
            values = node.right.elts if isinstance(node.right, ast.Tuple) else [node.right]
            check(node, values, literal([node.left]))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "format"
        ):
            arguments = [*node.args, *(keyword.value for keyword in node.keywords)]
            check(node, arguments, literal([node.func.value]))
    return found


def test_store_queries_interpolate_only_documented_closed_sets() -> None:
    assert len(QUERY_MODULES) > 10
    found = [
        line
        for path in QUERY_MODULES
        for line in interpolations(path.read_text("utf-8"), path.name)
    ]
    assert found == [], "queries built from variables; use $params / ? placeholders"


@pytest.mark.parametrize(
    "source",
    [
        "def get(x):\n    return f\"MATCH (n {{id: '{x}'}}) RETURN n\"\n",
        'def get(x):\n    return "SELECT * FROM documents WHERE id = \'" + x + "\'"\n',
        "def get(x):\n    return \"MATCH (n) WHERE n.id = '%s' RETURN n\" % x\n",
        "def get(x):\n    return \"DELETE FROM posts WHERE id = '{}'\".format(x)\n",
        "def get(label):\n    return f'MATCH (n:{label}) RETURN n'\n",
    ],
    ids=["f-string", "concatenation", "percent", "format", "label-outside-its-closed-set"],
)
def test_the_static_check_catches_a_query_built_from_a_variable(source: str) -> None:
    assert interpolations(source, "cypher_read.py")


def test_no_query_text_outside_the_store_modules() -> None:
    query = re.compile(
        r"\b(?:MATCH|MERGE)\s*\(|\bSELECT\b[^\n]*\bFROM\b|\bINSERT INTO\b|\bDELETE FROM\b"
    )
    packages = ["graph_service/api", "queries", "ingest", "embeddings", "graph_service/commands"]
    offenders = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for package in packages
        for path in sorted((ROOT / package).rglob("*.py"))
        if path not in QUERY_MODULES
        for node in ast.walk(ast.parse(path.read_text("utf-8")))
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and query.search(node.value)
    ]
    assert offenders == [], "routers and queries never hold Cypher or SQL"
