"""Shared fixtures: where ../shared lives, and the skip rule for tests that need it."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

pytest_plugins = ["store_backends"]

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("MARSAD_SHARED", REPO.parent / "shared"))
SEED = SHARED / "seed" / "elaph-kadhimi-nato.txt"

needs_shared = pytest.mark.skipif(
    not (SHARED / "data").is_dir(),
    reason=f"../shared data absent ({SHARED}); set MARSAD_SHARED to run data-backed tests",
)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "data").is_dir():
        pytest.skip(f"../shared data absent ({SHARED}); set MARSAD_SHARED to run data-backed tests")
    return SHARED


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.is_file():
        pytest.skip(f"seed article absent ({SEED}); set MARSAD_SHARED to run it")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def schema() -> dict:
    import json
    from importlib import resources

    return json.loads(resources.files("marsad.schema").joinpath("marsad-1.json").read_text(encoding="utf-8"))
