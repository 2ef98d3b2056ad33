"""The live API of tests/api, served here too: fuzzing speaks HTTP to the real app."""

from tests.api.conftest import live_api  # noqa: F401  # re-exported fixture, a fresh store per module
