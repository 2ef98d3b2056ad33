"""The live API of tests/api, served here too: attacks speak HTTP to the real app."""

from tests.api.conftest import live_api  # noqa: F401  # re-exported fixture, a fresh store per module
