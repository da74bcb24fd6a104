"""``plot``: a figure drawn by matplotlib at build time from the directive's Python body.

MyST cannot host matplotlib's own plot directive (it rewrites the document's input), so
this small one runs the body with ``np``, ``plt`` and ``mathref`` in scope, saves every
open figure as PNG into ``_images/plots`` of the output and places it in the page. No
network, no notebook: the picture is redrawn on every build from the code on the page.
"""
from __future__ import annotations

import hashlib
import html
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)

PLOT_DIR = "_images/plots"
DPI = 110


class PlotDirective(SphinxDirective):
    """Run the body, save its figures, show them (with an optional caption)."""

    has_content = True
    option_spec = {"caption": directives.unchanged, "alt": directives.unchanged,
                   "width": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        import numpy as np

        import mathref

        code = "\n".join(self.content)
        key = hashlib.sha1(f"{self.env.docname}\n{code}".encode()).hexdigest()[:12]
        stem = self.env.docname.replace("/", "-") + "-" + key
        outdir = Path(self.env.app.outdir) / PLOT_DIR
        outdir.mkdir(parents=True, exist_ok=True)
        plt.close("all")
        with plt.rc_context({"figure.figsize": (6.4, 3.6), "font.size": 10,
                             "figure.dpi": DPI, "savefig.bbox": "tight"}):
            namespace: dict[str, Any] = {"np": np, "plt": plt, "mathref": mathref}
            try:
                exec(compile(code, f"<plot in {self.env.docname}>", "exec"), namespace)
            except Exception as exc:  # a failing plot is a warning, and -W fails the build
                logger.warning("plot failed: %r", exc, location=self.get_location())
                plt.close("all")
                return []
            names = []
            for i, number in enumerate(plt.get_fignums()):
                name = f"{stem}-{i}.png"
                plt.figure(number).savefig(outdir / name, dpi=DPI)
                names.append(name)
            plt.close("all")
        if not names:
            logger.warning("plot drew no figure", location=self.get_location())
            return []
        prefix = "../" * self.env.docname.count("/")
        caption = self.options.get("caption", "")
        alt = html.escape(self.options.get("alt", caption or "plot"), quote=True)
        width = self.options.get("width", "100%")
        parts = ['<figure class="mathref-plot">']
        for name in names:
            parts.append(f'<img src="{prefix}{PLOT_DIR}/{name}" alt="{alt}" '
                         f'style="max-width:{html.escape(width, quote=True)}">')
        if caption:
            parts.append(f"<figcaption>{html.escape(caption)}</figcaption>")
        parts.append("</figure>")
        return [nodes.raw("", "\n".join(parts), format="html")]
