"""Ranking logic over a GraphStore: experts, practices, recommendations, gaps, health."""
