"""Ingestion: sources -> normalize -> chunk -> extract -> embed -> load into a GraphStore."""
