"""The HTML handbook: builds with -W -n, works offline, keeps its anchors, draws its plots."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from mathref import _registry

pytestmark = pytest.mark.slow

REMOTE = re.compile(
    r"""<(script|link|img|source|iframe)\b[^>]*\b(src|href)\s*=\s*["']\s*(https?:)?//""",
    re.IGNORECASE)
CSS_REMOTE = re.compile(r"""(url\(\s*["']?\s*(https?:)?//|@import\s+["']?(https?:)?//)""",
                        re.IGNORECASE)


def _pages(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


def test_build_has_zero_warnings(html_build):
    out, log = html_build
    assert "WARNING" not in log and "ERROR" not in log, log[-4000:]
    assert (out / "index.html").is_file()


def test_no_page_loads_anything_from_the_network(html_build):
    out, _ = html_build
    offenders = [str(p.relative_to(out)) for p in _pages(out)
                 if REMOTE.search(p.read_text(encoding="utf-8"))]
    assert not offenders, f"remote scripts, styles, fonts or images in {offenders}"
    css = [p for p in out.rglob("*.css") if CSS_REMOTE.search(p.read_text(encoding="utf-8"))]
    assert not css, f"remote url() or @import in {css}"


def test_math_is_mathml_with_the_bundled_font(html_build):
    out, _ = html_build
    cheatsheet = (out / "cheatsheet.html").read_text(encoding="utf-8")
    assert cheatsheet.count("<math") >= len(_registry.entries())
    assert not re.search(r"<script[^>]*mathjax", cheatsheet, re.IGNORECASE)
    assert (out / "_static" / "fonts" / "STIXTwoMath-Regular.ttf").stat().st_size > 100_000
    assert "STIX Two Math" in (out / "_static" / "mathref.css").read_text(encoding="utf-8")


@pytest.mark.parametrize("entry", _registry.entries(), ids=lambda e: e.id)
def test_stable_anchors(html_build, entry):
    out, _ = html_build
    cheatsheet = (out / "cheatsheet.html").read_text(encoding="utf-8")
    assert f'id="{entry.anchor}"' in cheatsheet
    api = (out / "api" / f"{entry.topic}.html").read_text(encoding="utf-8")
    assert f'id="{entry.qualname}"' in api


def test_plots_are_drawn_at_build_time(html_build):
    out, _ = html_build
    plots = sorted((out / "_images" / "plots").glob("*.png"))
    assert plots, "no plot was drawn"
    for page in _pages(out):
        for src in re.findall(r'<img src="([^"]+/plots/[^"]+)"', page.read_text("utf-8")):
            assert (page.parent / src).resolve().is_file(), f"{page}: missing {src}"


def test_search_index_holds_entry_words(html_build):
    out, _ = html_build
    index = (out / "searchindex.js").read_text(encoding="utf-8").lower()
    for entry in _registry.entries()[:20]:
        assert entry.id.split("_")[0].lower() in index
