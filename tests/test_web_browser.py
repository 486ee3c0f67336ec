"""The dashboard in headless Chromium (Debian's chromium, driven by Playwright; no browser download).

A real `marsad serve` runs on 127.0.0.1 on a free port over a store built from the example articles plus an
article carrying script payloads. Screenshots go to a temporary directory (or $MARSAD_SCREENSHOTS when set).
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from web_support import ROOT, store_file

CHROMIUM = os.environ.get("MARSAD_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None

pytestmark = [
    pytest.mark.skipif(sync_playwright is None, reason="playwright not installed (.venv/bin/pip install playwright)"),
    pytest.mark.skipif(not Path(CHROMIUM).exists(),
                       reason=f"{CHROMIUM} absent (apt-get install -y chromium; never `playwright install`)"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("home")


@pytest.fixture(scope="module")
def server(tmp_path_factory, home):
    db = store_file(tmp_path_factory.mktemp("browser-db"), hostile=True)
    port = free_port()
    env = {**os.environ, "HOME": str(home), "MARSAD_CONFIG": str(home / "none.toml"),
           "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    env.pop("MARSAD_API_KEY", None)
    proc = subprocess.Popen([sys.executable, "-m", "marsad.cli.main", "serve", "--db", str(db), "--host", "127.0.0.1",
                             "--port", str(port), "--log-level", "warning"], cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(base + "/api/v1/stats", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"marsad serve did not start (exit {proc.poll()})")
        time.sleep(0.2)
    yield base
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def browser(home):
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, env={**os.environ, "HOME": str(home)})
        yield b
        b.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("screenshots")
    yield d
    keep = os.environ.get("MARSAD_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        for f in d.glob("*.png"):
            shutil.copy(f, Path(keep) / f.name)
    print(f"\nscreenshots: {keep or d}")


class Watch:
    """Dialogs, page errors and console errors seen by one page."""

    def __init__(self, page) -> None:
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)


@pytest.fixture()
def page(browser, server):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ar")
    pg = ctx.new_page()
    pg.watch = Watch(pg)
    # Anything leaving 127.0.0.1 is a bug: the dashboard is offline.
    outside: list[str] = []
    pg.route("**/*", lambda route: (outside.append(route.request.url), route.abort())
             if not route.request.url.startswith(server) and not route.request.url.startswith("data:")
             else route.continue_())
    pg.outside = outside
    yield pg
    ctx.close()
    assert not outside, f"requests left the machine: {outside}"


def open_view(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("#view[data-ready]", timeout=15_000)


def api(server: str, path: str):
    import json

    with urllib.request.urlopen(server + path, timeout=10) as r:
        return json.loads(r.read().decode("utf-8"))


def test_search_for_an_actor_lists_the_article_with_the_name_marked(page, server, shots):
    open_view(page, server + "/")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    page.fill("input.q", "الصفدي")
    page.press("input.q", "Enter")
    page.wait_for_function("location.hash.includes('search')")
    page.wait_for_selector("#view[data-ready] .results li.result")
    titles = page.locator(".results li.result a.title").all_text_contents()
    assert titles == ["الصفدي وشكري يبحثان في عمّان التعاون في المياه والطاقة"]
    assert "الصفدي" in page.locator(".results mark.hit").first.text_content()
    assert "أيمن الصفدي" in page.locator(".actors-aside a").all_text_contents()
    page.screenshot(path=str(shots / "1-search.png"))
    assert not page.watch.errors and not page.watch.dialogs


def test_reader_highlights_the_quote_and_its_speaker(page, server, shots):
    doc = api(server, "/api/v1/documents/amman-water-talks")
    quote = next(q for q in doc["quotes"] if q["speaker"])
    speaker = next(e for e in doc["entities"] if e["id"] == quote["speaker"])
    open_view(page, server + "/#/search?q=" + "الصفدي")
    page.click(".results a.title")
    page.wait_for_selector("#view[data-page=doc][data-ready] .article-text")
    # The quote's marks, joined, are exactly the quoted text at its offsets.
    marked = "".join(page.locator(f'.article-text mark[data-refs~="Q:{quote["id"]}"]:not(.cue)').all_text_contents())
    assert quote["text"] in marked and len(marked) - len(quote["text"]) <= len(quote["cue"]["text"] if quote["cue"] else "")
    # Every mention of the speaker is marked as the speaker.
    speaker_marks = page.locator(f'.article-text mark.speaker[data-refs~="E:{speaker["id"]}"]').all_text_contents()
    assert {m["text"] for m in speaker["mentions"]} <= set(speaker_marks)
    # The record beside the text names the speaker and links it to the span.
    rec = page.locator(f'li.record[data-ref="Q:{quote["id"]}"]')
    assert rec.locator(".speaker-name").text_content() == speaker["name"]
    rec.click()
    page.wait_for_selector(f'.article-text mark.flash[data-refs~="Q:{quote["id"]}"]')
    page.screenshot(path=str(shots / "2-reader.png"))
    assert not page.watch.errors and not page.watch.dialogs


def test_actor_page_shows_aliases_roles_network_and_quotes(page, server, shots):
    open_view(page, server + "/#/doc/amman-water-talks")
    page.click("li.record .speaker-name")
    page.wait_for_selector("#view[data-page=actor][data-ready] .actor-head h1")
    assert page.locator(".actor-head h1").text_content() == "أيمن الصفدي"
    aliases = page.locator(".aliases li").all_text_contents()
    assert any(t.startswith("أيمن الصفدي") for t in aliases) and any(t.startswith("الصفدي") for t in aliases)
    assert any("وزير الخارجية" in t for t in page.locator(".roles li").all_text_contents())
    assert page.locator("svg.network a.node").count() >= 2
    assert page.locator(".quotes .quote-item").count() >= 1
    page.screenshot(path=str(shots / "3-actor.png"), full_page=True)
    assert not page.watch.errors and not page.watch.dialogs


def test_events_explorer_draws_the_world_map_with_event_points(page, server, shots):
    open_view(page, server + "/#/events")
    page.wait_for_selector(".map-box[data-ready] svg.map", timeout=20_000)
    assert page.locator("svg.map path.country").count() > 200  # the 50m atlas: Bahrain included
    events = api(server, "/api/v1/events?limit=1")["summary"]
    assert page.locator("svg.map circle.point").count() == len(events["locations"])
    if events["total"]:
        assert page.locator("svg.bars rect.bar").count() >= 1
        assert page.locator(".event-table tbody tr").count() >= 1
    page.locator(".map-box").screenshot(path=str(shots / "4-map.png"))
    page.screenshot(path=str(shots / "4-events.png"), full_page=True)
    assert not page.watch.errors and not page.watch.dialogs


def test_story_cluster_page_lists_its_outlets(page, server, shots):
    open_view(page, server + "/#/clusters?min_size=1")
    assert page.locator(".clusters li").count() == 5
    page.click(".clusters li a.title >> nth=0")
    page.wait_for_selector("#view[data-page=cluster][data-ready] .outlets li")
    assert page.locator(".cluster .docs li").count() >= 1
    page.screenshot(path=str(shots / "5-cluster.png"))
    assert not page.watch.errors and not page.watch.dialogs


INJECTED = "#view img, #view script, #view iframe, #view object, #view embed, [onerror], [onload], #view b"


@pytest.mark.parametrize("route", ["/#/doc/hostile", "/#/search?q=المياه", "/#/search?q=%3Cscript%3Ealert(1)%3C/script%3E",
                                   "/#/clusters?min_size=1", "/#/search?source=%3Cb%3Eevil%3C/b%3E"])
def test_script_payloads_in_articles_never_execute(page, server, shots, route):
    open_view(page, server + route)
    page.wait_for_timeout(300)  # give an injected handler every chance to fire
    assert page.watch.dialogs == []
    assert page.locator(INJECTED).count() == 0
    assert page.evaluate("document.querySelectorAll('script').length") == 4  # our own: 3 vendored + main.js
    if route == "/#/doc/hostile":
        text = page.locator(".article-text").text_content()
        assert "<script>alert(1)</script>" in text and "<img src=x onerror=alert(1)>" in text
        assert "<img src=x onerror=alert(1)>" in page.locator(".article-head h1").text_content()
        page.screenshot(path=str(shots / "6-hostile.png"))
    assert not page.watch.errors


def test_english_toggle_changes_the_interface_not_the_article(page, server, shots):
    open_view(page, server + "/#/doc/geneva-yemen")
    page.click("#lang")
    page.wait_for_selector("#view[data-ready] .article-text")
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["en", "ltr"]
    assert page.locator("[data-nav=search]").text_content() == "Search"
    assert page.locator(".article-text").get_attribute("dir") == "rtl"
    assert page.locator(".article-text").get_attribute("lang") == "ar"
    page.screenshot(path=str(shots / "7-english.png"))
    page.click("#lang")
    page.wait_for_function("document.documentElement.dir === 'rtl'")
    assert not page.watch.errors and not page.watch.dialogs
