"""Every page in headless Chromium with the network blocked: it loads, its math renders.

Chromium is driven through ``subprocess`` (``--dump-dom``); ``--no-sandbox`` because CI runs
as root, and a dead proxy blocks the network. Without Chromium the test is skipped with the
reason; ``.ci/run`` installs Debian's ``chromium`` first.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--proxy-server=127.0.0.1:9"]


def _chromium(*args: str) -> str:
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
                              capture_output=True, text=True, timeout=120)
    return done.stdout


@pytest.fixture(scope="module")
def dom(html_build):
    if CHROMIUM is None:
        pytest.skip("no Chromium found (Debian package `chromium`); .ci/run installs it")
    out, _ = html_build
    pages = sorted(out.rglob("*.html"))
    with ThreadPoolExecutor(max_workers=2) as pool:
        dumps = list(pool.map(lambda p: _chromium("--dump-dom", p.as_uri()), pages))
    return out, dict(zip(pages, dumps))


def test_every_page_loads_and_its_math_renders(dom):
    out, dumps = dom
    failures = []
    for page, rendered in dumps.items():
        source = page.read_text(encoding="utf-8")
        name = str(page.relative_to(out))
        if "<body" not in rendered or "</html>" not in rendered:
            failures.append(f"{name}: did not load")
            continue
        expected = source.count("<math")
        if rendered.count("<math") < expected:
            failures.append(f"{name}: {rendered.count('<math')} of {expected} <math> left")
        if "<merror" in rendered:
            failures.append(f"{name}: <merror> in the rendered math")
    assert not failures, "\n".join(failures)


def test_cheatsheet_screenshot(dom):
    out, _ = dom
    shots = ROOT / "build" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    target = shots / "cheatsheet.png"
    target.unlink(missing_ok=True)
    _chromium("--window-size=1200,2000", f"--screenshot={target}",
              (out / "cheatsheet.html").as_uri())
    assert target.is_file() and target.stat().st_size > 20_000
    assert re.match(rb"\x89PNG", target.read_bytes()[:4])
