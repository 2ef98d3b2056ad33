"""Switching `neo4j-rust-ext` off in one process, to measure the driver with and without it.

The extension is a compiled module, `neo4j._rust`, that the driver imports if it can and
otherwise falls back to pure Python (packstream encoding and decoding, vector byte swaps).
Marking that module as missing in `sys.modules` before the driver is imported makes every
such import fail, so the same venv runs the pure-Python driver: no second environment, no
uninstall. The benchmark runs each variant in its own process.
"""

from __future__ import annotations

import sys

MODULE = "neo4j._rust"


def block() -> None:
    """Make the driver run without its Rust extension; call before anything imports neo4j.

    Raises:
        RuntimeError: the driver is already imported (it would keep the extension).
    """
    if "neo4j" in sys.modules:
        raise RuntimeError("block the Rust extension before the neo4j driver is imported")
    sys.modules[MODULE] = None  # type: ignore[assignment]  # None in sys.modules = missing


def active() -> bool:
    """Whether the imported driver encodes and decodes with the Rust extension."""
    from neo4j._codec.packstream import v1

    return getattr(v1, "_rust_pack", None) is not None
