"""Configuration layered once and frozen: packaged defaults, user file, MARSAD_* variables, explicit overrides."""
from __future__ import annotations

import difflib
import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from marsad.errors import MarsadError


@dataclass(frozen=True)
class Settings:
    max_chars: int = 1_000_000
    db: str = "marsad.db"
    host: str = "127.0.0.1"
    port: int = 8000
    api_key: str = ""
    max_request_bytes: int = 5_000_000


def _coerce(name: str, value: Any) -> Any:
    kind = {f.name: f.type for f in fields(Settings)}[name]
    if kind in ("int", int):
        return int(value)
    return str(value)


def _apply(s: Settings, values: dict[str, Any], where: str) -> Settings:
    known = {f.name for f in fields(Settings)}
    for k in values:
        if k not in known:
            hint = difflib.get_close_matches(k, known, n=1)
            raise MarsadError("M012", f"unknown setting {k!r} in {where}" + (f"; did you mean {hint[0]!r}?" if hint else ""))
    return replace(s, **{k: _coerce(k, v) for k, v in values.items()})


def load_settings(overrides: dict[str, Any] | None = None, env: dict[str, str] | None = None) -> Settings:
    env = dict(os.environ) if env is None else env
    s = Settings()
    defaults = tomllib.loads((Path(__file__).parent / "default.toml").read_text(encoding="utf-8"))
    s = _apply(s, defaults, "default.toml")
    user = Path(env.get("MARSAD_CONFIG", Path.home() / ".config" / "marsad" / "config.toml"))
    if user.is_file():
        s = _apply(s, tomllib.loads(user.read_text(encoding="utf-8")), str(user))
    # Only variables named after a setting are read: MARSAD_SHARED and friends belong to tools and tests.
    known = {f.name for f in fields(Settings)}
    from_env = {k[7:].lower(): v for k, v in env.items() if k.startswith("MARSAD_") and k[7:].lower() in known}
    s = _apply(s, from_env, "environment")
    if overrides:
        s = _apply(s, {k: v for k, v in overrides.items() if v is not None}, "command line")
    return s
