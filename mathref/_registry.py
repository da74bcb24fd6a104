"""The registry: one record per handbook entry, read from the functions themselves.

Every public name of a topic module is an entry. Its title and aliases come from the
module's ``_ENTRIES`` table; its formula, symbol definitions, summary and example come
from its numpydoc docstring, where they are written once. The cheatsheet, the topic pages'
entry headers, the API pages, the completeness tests and the ``mathref`` command all read
this registry.
"""
from __future__ import annotations

import importlib
import inspect
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

#: topic id -> (module, title, one-line description), in the handbook's order.
TOPICS: dict[str, tuple[str, str, str]] = {
    "linalg": ("mathref.linalg", "Linear algebra",
               "norms, projections, decompositions, subspaces, PCA"),
    "probability": ("mathref.probability", "Probability",
                    "counting, Bayes, distributions, moments, sampling"),
    "statistics": ("mathref.statistics", "Statistics and estimation",
                   "MLE, MAP, conjugate updates, intervals, bias-variance"),
    "calculus": ("mathref.calculus", "Multivariate calculus",
                 "accurate numerical derivatives, gradient checks, integrals"),
    "optimization": ("mathref.optimization", "Optimization",
                     "descent methods, step sizes, Lagrangians, projections"),
    "information": ("mathref.information", "Information theory",
                    "entropy, cross-entropy, KL and JS divergence, mutual information"),
    "losses": ("mathref.losses", "Losses and activations",
               "log-sum-exp, softmax, sigmoid, cross-entropy from logits"),
    "fourier": ("mathref.fourier", "Fourier analysis",
                "DFT, spectra, convolution, continuous transforms, series"),
    "analysis": ("mathref.analysis", "Analysis: metrics, kernels, sequences",
                 "distances, metric axioms, kernels, convergence order"),
    "diagnostics": ("mathref.diagnostics", "Debugging questions",
                    "calibration, thresholds, fairness, embeddings, evaluation"),
    "algorithms": ("mathref.algorithms", "Algorithms",
                   "sketches, sampling, dynamic programming, graphs"),
}

_MATH_BLOCK = re.compile(r"^\.\. math::[ \t]*(?P<inline>.*)$")


def parse_docstring(doc: str) -> dict[str, str]:
    """Split a numpydoc docstring into summary, formula, symbols and example.

    ``formula`` is the first ``.. math::`` block; ``symbols`` the paragraph right under
    it (the "where ..." sentence); ``example`` the first ``>>>`` statement with its output.
    """
    lines = doc.splitlines()
    summary = lines[0].strip() if lines else ""
    formula, symbols, example = "", "", ""
    for i, line in enumerate(lines):
        match = _MATH_BLOCK.match(line.strip())
        if not match:
            continue
        indent = len(line) - len(line.lstrip())
        body: list[str] = [match["inline"]] if match["inline"] else []
        j = i + 1
        while j < len(lines):
            nxt = lines[j]
            if nxt.strip() and len(nxt) - len(nxt.lstrip()) <= indent:
                break
            if nxt.strip().startswith(":label:") or nxt.strip().startswith(":nowrap:"):
                j += 1
                continue
            body.append(nxt.strip())
            j += 1
        formula = "\n".join(body).strip()
        para: list[str] = []
        while j < len(lines) and lines[j].strip():
            para.append(lines[j].strip())
            j += 1
        symbols = " ".join(para)
        break
    for i, line in enumerate(lines):
        if line.strip().startswith(">>>") and "import" not in line:
            stmt = [line.strip()]
            k = i + 1
            while k < len(lines) and lines[k].strip().startswith("..."):
                stmt.append(lines[k].strip())
                k += 1
            out = []
            while k < len(lines) and lines[k].strip() and not lines[k].strip().startswith(">>>"):
                out.append(lines[k].strip())
                k += 1
            example = "\n".join(stmt + out)
            break
    return {"summary": summary, "formula": formula, "symbols": symbols, "example": example}


_INDENT = re.compile(r"^ *(?=\S)", re.MULTILINE)


def clean_docstring(doc: str) -> str:
    """What ``inspect.cleandoc`` returns, by regular expressions: several times faster on
    long docstrings, which keeps ``mathref search`` (it reads them all) quick."""
    first, _, rest = doc.expandtabs().partition("\n")
    margins = [len(indent) for indent in _INDENT.findall(rest)]
    if margins:
        rest = re.sub(f"^ {{0,{min(margins)}}}", "", rest, flags=re.MULTILINE)
    lines = [first.lstrip(), *rest.split("\n")] if "\n" in doc else [first.lstrip()]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines)


@dataclass(frozen=True)
class Entry:
    """One handbook entry: a formula and the function (or class) that computes it."""

    id: str
    title: str
    topic: str
    aliases: tuple[str, ...]
    obj: Any = field(repr=False, compare=False)

    @property
    def module(self) -> str:
        """The public topic module, e.g. ``mathref.information``."""
        return TOPICS[self.topic][0]

    @property
    def qualname(self) -> str:
        """``mathref.<topic>.<id>``: the API page's anchor."""
        return f"{self.module}.{self.id}"

    @property
    def anchor(self) -> str:
        """The stable cheatsheet anchor, e.g. ``kl-divergence``."""
        return self.id.lower().replace("_", "-")

    @property
    def is_class(self) -> bool:
        return inspect.isclass(self.obj)

    @cached_property
    def doc(self) -> str:
        raw = getattr(self.obj, "__doc__", None)
        return clean_docstring(raw) if raw else (inspect.getdoc(self.obj) or "")

    @cached_property
    def _parsed(self) -> dict[str, str]:
        return parse_docstring(self.doc)

    @property
    def formula(self) -> str:
        """The LaTeX of the entry's formula, read from its docstring."""
        return self._parsed["formula"]

    @property
    def symbols(self) -> str:
        """The sentence under the formula that defines every symbol."""
        return self._parsed["symbols"]

    @property
    def summary(self) -> str:
        return self._parsed["summary"]

    @property
    def example(self) -> str:
        return self._parsed["example"]

    @property
    def signature(self) -> str:
        try:
            sig = inspect.signature(self.obj)
        except (TypeError, ValueError):
            return self.id
        empty = inspect.Parameter.empty
        bare = sig.replace(parameters=[p.replace(annotation=empty) for p in
                                       sig.parameters.values()], return_annotation=empty)
        return f"{self.id}{bare}"

    def member_formulas(self) -> dict[str, str]:
        """For a class: public method or property name -> its formula (if any)."""
        if not self.is_class:
            return {}
        result = {}
        for name, member in inspect.getmembers(self.obj):
            if name.startswith("_"):
                continue
            doc = inspect.getdoc(member) or ""
            formula = parse_docstring(doc)["formula"]
            if formula:
                result[name] = formula
        return result

    def search_text(self) -> str:
        return " ".join([self.id, self.title, *self.aliases, self.doc]).lower()


def topic_module(topic: str):
    return importlib.import_module(TOPICS[topic][0])


@lru_cache(maxsize=1)
def entries() -> tuple[Entry, ...]:
    """Every entry, in topic order then in each module's ``__all__`` order."""
    found = []
    for topic in TOPICS:
        module = topic_module(topic)
        table = getattr(module, "_ENTRIES", {})
        for name in module.__all__:
            title, aliases = table.get(name, (name, ()))
            found.append(Entry(name, title, topic, tuple(aliases), getattr(module, name)))
    return tuple(found)


def get(name: str) -> Entry:
    """The entry with id ``name`` (KeyError when there is none)."""
    for entry in entries():
        if entry.id == name or entry.qualname == name or f"mathref.{entry.id}" == name:
            return entry
    raise KeyError(name)


def by_topic(topic: str) -> list[Entry]:
    return [e for e in entries() if e.topic == topic]
