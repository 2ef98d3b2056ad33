"""The HTTP API: `create_app(settings)` builds it; routers hold no Cypher and no ranking."""
