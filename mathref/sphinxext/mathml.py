"""LaTeX to MathML at build time with math-core: math in the HTML with no JavaScript.

A formula that math-core cannot convert is a build warning, so ``sphinx-build -W`` fails
on it. Sphinx wraps multi-line display math in ``split`` for MathJax; MathML Core has no
``split``, so a multi-line formula is wrapped in ``aligned`` instead. The STIX Two Math
font (an OpenType MATH font shipped by ``ziamath``) is copied into ``_static`` so every
page renders the same math offline.
"""
from __future__ import annotations

import html
import re
import shutil
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

FONT_NAME = "STIXTwoMath-Regular.ttf"
_STATIC = Path(__file__).parent / "static"
_converter = None


def _latex_to_mathml():
    global _converter
    if _converter is None:
        import math_core

        _converter = math_core.LatexToMathML()
    return _converter


def prepare(latex: str) -> str:
    """The LaTeX math-core receives: multi-line display math wrapped in ``aligned``."""
    text = latex.strip()
    text = re.sub(r"\\begin\{split\}", r"\\begin{aligned}", text)
    text = re.sub(r"\\end\{split\}", r"\\end{aligned}", text)
    if "\\\\" in text and "\\begin{" not in text:
        text = "\\begin{aligned}" + text + "\\end{aligned}"
    return text


def convert(latex: str, display: bool) -> str:
    """MathML for ``latex``; raises ``ValueError`` with math-core's message on failure."""
    import math_core

    try:
        return _latex_to_mathml().convert_with_local_state(prepare(latex), displaystyle=display)
    except math_core.LatexError as exc:
        message = re.sub(r"\x1b\[[0-9;]*m", "", str(exc)).strip()
        raise ValueError(f"math-core cannot convert {latex!r}: {message}") from None


def _render(self: Any, node: nodes.Element, display: bool) -> str:
    latex = node.astext()
    try:
        return convert(latex, display)
    except ValueError as exc:
        logger.warning(str(exc).splitlines()[0], location=node)
        return f'<code class="mathref-math-error">{html.escape(latex)}</code>'


def visit_math(self: Any, node: nodes.Element) -> None:
    self.body.append(f'<span class="math">{_render(self, node, False)}</span>')
    raise nodes.SkipNode


def visit_math_block(self: Any, node: nodes.Element) -> None:
    parts = [p for p in re.split(r"\n\s*\n", node.astext()) if p.strip()] or [""]
    self.body.append(self.starttag(node, "div", CLASS="math mathref-display"))
    if node.get("number"):
        self.body.append(f'<span class="eqno">({node["number"]})</span>')
    for part in parts:
        self.body.append(_render(self, nodes.math_block(part, part), True))
    self.body.append("</div>\n")
    raise nodes.SkipNode


def _copy_font(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    import ziamath

    source = Path(ziamath.__file__).parent / "fonts" / FONT_NAME
    target = Path(app.outdir) / "_static" / "fonts"
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target / FONT_NAME)


def _add_static(app: Sphinx, config: Any) -> None:
    config.html_static_path.append(str(_STATIC))


def setup(app: Sphinx) -> None:
    app.add_html_math_renderer("mathml", (visit_math, None), (visit_math_block, None))
    app.connect("config-inited", _add_static)
    app.connect("build-finished", _copy_font)
    app.add_css_file("mathref.css")
