"""Helpers for the web tests: a store built from the team's example articles (and, for security tests, an article
written here that carries script payloads)."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from marsad.store import Store

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"

# Written for these tests: an Arabic news paragraph with HTML/JS payloads in the text and the title.
HOSTILE_TITLE = 'بيان <img src=x onerror=alert(1)> عن المياه'
HOSTILE_TEXT = (
    "بغداد - قال وزير الموارد المائية إن الحكومة ستطلق مشروعا جديدا للري. <script>alert(1)</script>\n"
    "وأضاف في مؤتمر صحفي: \"سنوفر المياه لكل المزارعين <img src=x onerror=alert(1)> خلال العام المقبل\".\n"
    "وأشار إلى أن كلفة المشروع تبلغ 200 مليون دولار. <svg onload=alert(1)></svg> ' OR 1=1 --\n"
)


@lru_cache(maxsize=1)
def pipeline() -> Any:
    """The default pipeline, with the events stage appended while the registry does not list it yet."""
    from marsad.pipeline import load_pipeline
    from marsad.stages.registry import default_stages

    stages = default_stages()
    if not any(getattr(s, "name", "") == "events" for s in stages):
        try:
            from marsad.stages.events import events

            stages.append(events)
        except Exception:  # no events stage in this checkout: the store simply has no events
            pass
    return load_pipeline(stages)


def example_articles() -> list[dict[str, Any]]:
    meta = json.loads((EXAMPLES / "metadata.json").read_text(encoding="utf-8"))
    out = []
    for name, m in sorted(meta.items()):
        out.append({"id": Path(name).stem, "text": (EXAMPLES / name).read_text(encoding="utf-8"), **m})
    return out


@lru_cache(maxsize=2)
def analyzed(hostile: bool = False) -> tuple[Any, ...]:
    """The example articles as analysed documents (once per session), optionally plus the hostile article."""
    p = pipeline()
    docs = [p.analyze(a["text"], id=a["id"], title=a.get("title"), published=a.get("published"),
                      source=a.get("source")) for a in example_articles()]
    if hostile:
        docs.append(p.analyze(HOSTILE_TEXT, id="hostile", title=HOSTILE_TITLE, published="2024-10-01",
                              source="<b>evil</b>"))
    return tuple(docs)


def build_store(path: Path | str, *, hostile: bool = False) -> Store:
    """A store (SQLite path or postgresql:// URL) holding the example articles, optionally plus the hostile one."""
    store = Store.open(str(path))
    for doc in analyzed(hostile):
        store.put(doc)
    return store


_BUILT: dict[bool, Path] = {}


def store_file(tmp_root: Path, *, hostile: bool = False) -> Path:
    """A closed SQLite file with the example store, built once per test session and copied per caller."""
    import shutil
    import tempfile

    if hostile not in _BUILT:
        d = Path(tempfile.mkdtemp(prefix="marsad-web-"))
        path = d / ("hostile.db" if hostile else "examples.db")
        build_store(path, hostile=hostile).close()  # closing checkpoints the WAL into the file
        _BUILT[hostile] = path
    tmp_root.mkdir(parents=True, exist_ok=True)
    target = tmp_root / _BUILT[hostile].name
    shutil.copy(_BUILT[hostile], target)
    return target


def settings(**changes: Any) -> Any:
    """Packaged defaults only (no user file, no MARSAD_* variables) with ``changes`` on top."""
    from dataclasses import replace

    from marsad.settings import load_settings

    return replace(load_settings(env={"MARSAD_CONFIG": "/nonexistent"}), **changes)
