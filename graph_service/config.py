"""Settings, read from the environment when `get_settings()` is first called, never at import.

Every knob of the service lives here so that tests can build a `Settings` object by hand
and hand it to `create_app` or `open_store` without touching the environment.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """The service's configuration; `COPGRAPH_*` variables, plus Neo4j's usual `NEO4J_*`."""

    model_config = SettingsConfigDict(env_prefix="COPGRAPH_", extra="ignore")

    neo4j_uri: str | None = Field(
        default=None, validation_alias=AliasChoices("NEO4J_URI", "COPGRAPH_NEO4J_URI")
    )
    neo4j_user: str = Field(
        default="neo4j", validation_alias=AliasChoices("NEO4J_USER", "COPGRAPH_NEO4J_USER")
    )
    neo4j_password: SecretStr = Field(
        default=SecretStr(""),
        validation_alias=AliasChoices("NEO4J_PASSWORD", "COPGRAPH_NEO4J_PASSWORD"),
    )
    neo4j_database: str = Field(
        default="neo4j",
        validation_alias=AliasChoices("NEO4J_DATABASE", "COPGRAPH_NEO4J_DATABASE"),
    )
    data_dir: Path = Path(".copgraph")
    embedding_model: str = "use-multilingual-v3"
    embedding_batch_size: int = Field(default=256, ge=1)
    embedding_workers: int = Field(default=1, ge=0)
    """Processes the ingest pipeline embeds large batches in (embeddings/parallel.py), while
    it prepares and writes its other batches; 0 embeds in the ingesting process, one batch
    after another. One worker gives the model a core of its own and the pipeline's other
    stages the other; more workers pay off on more cores. A one-batch ingest (a push, the
    demo's sample) never starts one."""

    taxonomy_file: Path | None = None
    people_file: Path | None = None
    communities_file: Path | None = None

    expertise_half_life_days: float = Field(default=730.0, gt=0)
    anonymous_read: bool = True
    api_keys_file: Path | None = None
    cors_origins: list[str] = []
    max_body_bytes: int = Field(default=2_000_000, ge=1024)

    routing_people: int = Field(default=3, ge=1, le=20)
    """People a question is routed to in each round."""
    routing_timeout_seconds: float = Field(default=48 * 3600, gt=0)
    """A routed question still unanswered after this long goes to the next people."""
    routing_max_rounds: int = Field(default=3, ge=1)
    """Rounds a question is routed in at most; past them it waits, counted in the gap map."""
    routing_sweep_seconds: float = Field(default=30.0, gt=0)
    """How often open routings are checked (answered? due again?) and webhooks sent."""
    fair_load_window_days: float = Field(default=14.0, gt=0)
    fair_load_penalty: float = Field(default=0.15, ge=0)
    """Share of a person's score taken off, for routing, per question routed to them
    within the window..."""
    fair_load_bound: float = Field(default=0.5, ge=0, le=1)
    """...and at most this share in all: the best expert is ranked down, never out."""
    webhook_urls: dict[str, str] = {}
    """Where routing events go: by API key name, or `community:<id>` (which wins)."""
    webhook_secret: SecretStr = SecretStr("")
    """The HMAC-SHA256 key of the `X-Copgraph-Signature` header; no webhooks without it."""
    webhook_attempts: int = Field(default=6, ge=1)
    webhook_backoff_seconds: float = Field(default=30.0, gt=0)
    """The first retry's delay; each next one doubles it."""

    @property
    def backend(self) -> str:
        """`neo4j` when a Neo4j URI is configured, else the embedded SQLite store."""
        return "neo4j" if self.neo4j_uri else "embedded"


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings, read from the environment once, on first use."""
    return Settings()
