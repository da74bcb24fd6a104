"""The Sphinx side of mathref: offline MathML, entries read from the registry, the cheatsheet.

Directives (usable from MyST as ```` ```{entry} kl_divergence ````):

``entry NAME``
    An entry's header on its topic page: title, formula, symbols, LaTeX source, links.
``cheatsheet TOPIC``
    Every formula of a topic, one block per entry, anchored by the entry id.
``api-module TOPIC``
    The autodoc reference of every entry of a topic (and its result types).
``distribution-table``
    The family table (pmf/pdf, mean, variance, MGF, entropy) read from the docstrings.
``computed-table``
    A table whose rows are computed by the Python body at build time.
``topic-cards``
    The landing page's cards, one per topic, with its entries.
``plot``
    A matplotlib figure drawn at build time (see :mod:`mathref.sphinxext.plots`).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import Parser as RstParser
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, new_document

from mathref import _registry

from . import mathml, plots

logger = logging.getLogger(__name__)

_ENTRY_USE = re.compile(r"^\s*```+\s*\{entry\}\s+(\w+)\s*$", re.MULTILINE)
ENTRY_PAGE_DIRS = ("topics", "debugging")


def entry_pages(srcdir: str | Path) -> dict[str, list[str]]:
    """Entry id -> the docnames of the pages that hold its ``{entry}`` directive."""
    srcdir = Path(srcdir)
    found: dict[str, list[str]] = {}
    for folder in ENTRY_PAGE_DIRS:
        for path in sorted((srcdir / folder).rglob("*.md")):
            docname = path.relative_to(srcdir).with_suffix("").as_posix()
            for name in _ENTRY_USE.findall(path.read_text(encoding="utf-8")):
                found.setdefault(name, []).append(docname)
    return found


def _parse_rst(directive: SphinxDirective, text: str) -> list[nodes.Node]:
    """Parse a snippet of reStructuredText (a docstring's prose) into nodes."""
    document = new_document(directive.env.docname, directive.state.document.settings)
    RstParser().parse(text, document)
    return list(document.children)


def _math_block(latex: str, docname: str) -> nodes.math_block:
    return nodes.math_block(latex, latex, docname=docname, number=None, label=None,
                            nowrap=False)


def _xref(target: str, text: str, docname: str, *, domain: str = "py",
          reftype: str = "obj", code: bool = True) -> addnodes.pending_xref:
    inner: nodes.Node = nodes.literal(text, text) if code else nodes.inline(text, text)
    ref = addnodes.pending_xref("", inner, refdomain=domain, reftype=reftype,
                                reftarget=target, refexplicit=True, refwarn=True)
    ref["refdoc"] = docname
    return ref


def _latex_source(latex: str) -> nodes.container:
    box = nodes.container(classes=["mathref-latex"])
    box += nodes.paragraph("", "", nodes.inline("LaTeX source", "LaTeX source",
                                                 classes=["mathref-latex-label"]))
    block = nodes.literal_block(latex, latex, language="latex")
    box += block
    return box


def _summary(directive: SphinxDirective, text: str) -> nodes.Element:
    """The docstring's summary line (which may hold inline math) as a paragraph."""
    parsed = [n for n in _parse_rst(directive, text) if isinstance(n, nodes.paragraph)]
    para = parsed[0] if parsed else nodes.paragraph(text, text)
    para["classes"].append("mathref-summary")
    return para


def _note_label(directive: SphinxDirective, name: str, node_id: str, title: str) -> None:
    std = directive.env.get_domain("std")
    std.note_hyperlink_target(name, directive.env.docname, node_id, title)


class EntryDirective(SphinxDirective):
    """An entry's header on its topic page, read from the registry."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0]
        try:
            entry = _registry.get(name)
        except KeyError:
            logger.warning("unknown mathref entry %r", name, location=self.get_location())
            return []
        node_id = f"entry-{entry.anchor}"
        box = nodes.container(classes=["mathref-entry"], ids=[node_id])
        _note_label(self, f"mathref-entry-{entry.id.lower()}", node_id, entry.title)
        head = nodes.paragraph(classes=["mathref-entry-title"])
        head += nodes.strong(entry.title, entry.title)
        head += nodes.Text("  ")
        head += _xref(entry.qualname, f"mathref.{entry.id}", self.env.docname)
        box += head
        box += _summary(self, entry.summary)
        box += _math_block(entry.formula, self.env.docname)
        if entry.symbols:
            box.extend(_parse_rst(self, entry.symbols))
        links = nodes.paragraph(classes=["mathref-links"])
        links += _xref(entry.qualname, "API reference", self.env.docname, code=False)
        links += nodes.Text(" · ")
        links += _xref(f"mathref-cheat-{entry.id.lower()}", "cheatsheet", self.env.docname,
                       domain="std", reftype="ref", code=False)
        if entry.aliases:
            links += nodes.Text(" · also known as: " + ", ".join(entry.aliases))
        box += links
        box += _latex_source(entry.formula)
        if golden_file(entry.id).is_file():
            href = "../" * self.env.docname.count("/") + f"_static/golden/{entry.id}.json"
            box += nodes.raw("", f'<p class="mathref-golden"><a href="{href}" download>'
                                 f'Golden vectors (JSON)</a>: inputs, outputs and, where they '
                                 f'help, intermediate values to 17 significant digits from '
                                 f'the high-precision oracle, to test your own '
                                 f'implementation against.</p>', format="html")
        return [box]


class CheatsheetDirective(SphinxDirective):
    """Every entry of one topic: anchor, title, formula, meaning, LaTeX source."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        topic = self.arguments[0]
        if topic not in _registry.TOPICS:
            logger.warning("unknown topic %r", topic, location=self.get_location())
            return []
        pages = self.env.app.mathref_entry_pages  # type: ignore[attr-defined]
        result: list[nodes.Node] = []
        for entry in _registry.by_topic(topic):
            box = nodes.container(classes=["mathref-cheat"], ids=[entry.anchor])
            _note_label(self, f"mathref-cheat-{entry.id.lower()}", entry.anchor, entry.title)
            head = nodes.paragraph(classes=["mathref-entry-title"])
            head += nodes.strong(entry.title, entry.title)
            head += nodes.Text("  ")
            head += _xref(entry.qualname, f"mathref.{entry.id}", self.env.docname)
            if pages.get(entry.id):
                head += nodes.Text("  · ")
                head += _xref(f"mathref-entry-{entry.id.lower()}", "read more",
                              self.env.docname, domain="std", reftype="ref", code=False)
            box += head
            box += _summary(self, entry.summary)
            box += _math_block(entry.formula, self.env.docname)
            if entry.aliases:
                aka = "Also: " + ", ".join(entry.aliases)
                box += nodes.paragraph(aka, aka, classes=["mathref-aliases"])
            box += _latex_source(entry.formula)
            result.append(box)
        return result


class ApiModuleDirective(SphinxDirective):
    """The autodoc reference of a topic module, generated from the registry."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        import inspect

        topic = self.arguments[0]
        module_name = _registry.TOPICS[topic][0]
        module = _registry.topic_module(topic)
        lines: list[str] = []
        for entry in _registry.by_topic(topic):
            if entry.is_class:
                lines += [f".. autoclass:: {entry.qualname}", "   :members:",
                          "   :inherited-members:", ""]
            else:
                lines += [f".. autofunction:: {entry.qualname}", ""]
        results = []
        for attr in sorted(vars(module)):
            value = getattr(module, attr)
            if (not attr.startswith("_") and inspect.isclass(value)
                    and issubclass(value, tuple) and hasattr(value, "_fields")
                    and attr not in module.__all__):
                results.append(attr)
        if results:
            lines += [".. rubric:: Result types", ""]
            for attr in results:
                lines += [f".. autoclass:: {module_name}.{attr}", "   :no-index-entry:", ""]
        node = nodes.container(classes=["mathref-api"])
        self.state.nested_parse(StringList(lines, source=f"<api {topic}>"),
                                self.content_offset, node)
        return node.children


class ComputedTableDirective(SphinxDirective):
    """A table computed at build time: the body sets ``header`` and ``rows``."""

    has_content = True
    option_spec = {"caption": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        import numpy as np

        import mathref

        namespace: dict[str, Any] = {"np": np, "mathref": mathref}
        code = "\n".join(self.content)
        try:
            exec(compile(code, f"<computed-table in {self.env.docname}>", "exec"), namespace)
            header, rows = namespace["header"], namespace["rows"]
        except Exception as exc:  # a failing table is a build warning (and -W fails it)
            logger.warning("computed-table failed: %r", exc, location=self.get_location())
            return []
        table = nodes.table(classes=["mathref-computed"])
        if "caption" in self.options:
            table += nodes.title(self.options["caption"], self.options["caption"])
        group = nodes.tgroup(cols=len(header))
        table += group
        for _ in header:
            group += nodes.colspec(colwidth=1)
        thead = nodes.thead()
        group += thead
        thead += self._row(header)
        tbody = nodes.tbody()
        group += tbody
        for row in rows:
            tbody += self._row(row)
        return [table]

    @staticmethod
    def _row(cells: list[Any]) -> nodes.row:
        row = nodes.row()
        for cell in cells:
            text = f"{cell:.4g}" if isinstance(cell, float) else str(cell)
            entry = nodes.entry()
            entry += nodes.paragraph(text, text)
            row += entry
        return row


class DistributionTableDirective(SphinxDirective):
    """The family table, each cell a formula read from a class or method docstring.

    Shown as two tables (support, pmf/pdf, mean; then variance, MGF, entropy) so that
    each fits the page width.
    """

    PARTS = ((("support", "support"), ("pmf / pdf", None), ("mean", "mean")),
             (("variance", "var"), ("MGF", "mgf"), ("entropy", "entropy")))

    def run(self) -> list[nodes.Node]:
        classes = [e for e in _registry.by_topic("probability") if e.is_class]
        return [self._table(classes, columns) for columns in self.PARTS]

    def _table(self, classes: list[_registry.Entry],
               columns: tuple[tuple[str, str | None], ...]) -> nodes.table:
        table = nodes.table(classes=["mathref-family"])
        group = nodes.tgroup(cols=len(columns) + 1)
        table += group
        for _ in range(len(columns) + 1):
            group += nodes.colspec(colwidth=1)
        thead = nodes.thead()
        group += thead
        row = nodes.row()
        for label in ("family", *(c[0] for c in columns)):
            cell = nodes.entry()
            cell += nodes.paragraph(label, label)
            row += cell
        thead += row
        tbody = nodes.tbody()
        group += tbody
        for entry in classes:
            row = nodes.row()
            cell = nodes.entry()
            para = nodes.paragraph()
            para += _xref(entry.qualname, entry.id, self.env.docname)
            cell += para
            row += cell
            members = entry.member_formulas()
            for _, attr in columns:
                cell = nodes.entry()
                if attr == "support":
                    support = getattr(entry.obj, "support", "")
                    support = support if isinstance(support, str) else ""
                    cell += nodes.paragraph(support, support)
                else:
                    latex = entry.formula if attr is None else members.get(attr, "")
                    if latex:
                        cell += nodes.paragraph("", "", nodes.math(latex, latex))
                row += cell
            tbody += row
        return table


class TopicCardsDirective(SphinxDirective):
    """One card per topic for the landing page."""

    def run(self) -> list[nodes.Node]:
        grid = nodes.container(classes=["mathref-cards"])
        for topic, (_, title, blurb) in _registry.TOPICS.items():
            card = nodes.container(classes=["mathref-card"])
            head = nodes.paragraph(classes=["mathref-card-title"])
            target = "debugging/index" if topic == "diagnostics" else f"topics/{topic}/index"
            if not (Path(self.env.srcdir) / f"{target}.md").exists():
                continue
            head += _xref("/" + target, title, self.env.docname, domain="std", reftype="doc",
                          code=False)
            card += head
            card += nodes.paragraph(blurb, blurb)
            count = len(_registry.by_topic(topic))
            text = f"{count} entries"
            card += nodes.paragraph(text, text, classes=["mathref-card-count"])
            grid += card
        return [grid]


def _unique_footnotes(app: Sphinx, what: str, name: str, obj: Any, options: Any,
                      lines: list[str]) -> None:
    """numpydoc's ``[1]`` footnotes, made unique per object, and links back to the handbook."""
    key = name.replace(".", "-").replace("_", "-").lower()
    for i, line in enumerate(lines):
        line = re.sub(r"^(\s*)\.\. \[(\d+)\]", rf"\1.. [#{key}-\2]", line)
        lines[i] = re.sub(r"\[(\d+)\]_", rf"[#{key}-\1]_", line)
    entry_id = name.rsplit(".", 1)[-1]
    if what not in ("function", "class"):
        return
    try:
        entry = _registry.get(entry_id)
    except KeyError:
        return
    if entry.qualname != name:
        return
    links = [f":ref:`cheatsheet <mathref-cheat-{entry.id.lower()}>`"]
    if app.mathref_entry_pages.get(entry.id):  # type: ignore[attr-defined]
        links.insert(0, f":ref:`handbook page <mathref-entry-{entry.id.lower()}>`")
    lines += ["", ".. rubric:: In the handbook", "", " · ".join(links), ""]


def _always_reread(app: Sphinx, env: Any, added: set, changed: set, removed: set) -> list[str]:
    """Pages generated from the registry are re-read on every build: the docstrings they
    show live in Python files that Sphinx does not track."""
    return [doc for doc in env.found_docs
            if doc.startswith("api/") or doc in ("cheatsheet", "index")
            or doc.startswith(ENTRY_PAGE_DIRS)]


def golden_file(entry_id: str) -> Path:
    """The committed golden vectors of an entry (``mathref golden NAME`` prints them)."""
    return Path(_registry.__file__).resolve().parent / "golden" / f"{entry_id}.json"


def _copy_golden(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    import shutil

    target = Path(app.outdir) / "_static" / "golden"
    target.mkdir(parents=True, exist_ok=True)
    for source in golden_file("x").parent.glob("*.json"):
        shutil.copyfile(source, target / source.name)


def _scan_entry_pages(app: Sphinx) -> None:
    app.mathref_entry_pages = entry_pages(app.srcdir)  # type: ignore[attr-defined]


def setup(app: Sphinx) -> dict[str, Any]:
    mathml.setup(app)
    app.connect("builder-inited", _scan_entry_pages)
    app.connect("env-get-outdated", _always_reread)
    app.connect("build-finished", _copy_golden)
    app.connect("autodoc-process-docstring", _unique_footnotes)
    app.add_directive("plot", plots.PlotDirective)
    app.add_directive("entry", EntryDirective)
    app.add_directive("cheatsheet", CheatsheetDirective)
    app.add_directive("api-module", ApiModuleDirective)
    app.add_directive("computed-table", ComputedTableDirective)
    app.add_directive("distribution-table", DistributionTableDirective)
    app.add_directive("topic-cards", TopicCardsDirective)
    return {"version": "1", "parallel_read_safe": False, "parallel_write_safe": True}
