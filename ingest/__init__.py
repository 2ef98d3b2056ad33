"""Ingestion: sources -> content -> passages -> extract -> embed -> load into a GraphStore."""

from pathlib import Path

SAMPLE_DIR = Path(__file__).resolve().parent / "sample"
"""The bundled sample corpus and its curated files (domains, people, communities)."""
