"""Completeness: every public function is an entry with its formula written once.

A public function fails here when it lacks a formula, the sentence defining its symbols, a
doctested example, a topic-page entry, or an API page; and when its formula does not
convert to MathML.
"""
from __future__ import annotations

import inspect
from pathlib import Path

import pytest

import mathref
from mathref import _registry
from mathref.sphinxext import entry_pages
from mathref.sphinxext.mathml import convert

ROOT = Path(__file__).resolve().parent.parent
ENTRIES = _registry.entries()
IDS = [e.id for e in ENTRIES]
PAGES = entry_pages(ROOT / "docs")


def test_registry_is_the_public_api():
    assert sorted(IDS) == sorted(mathref.__all__)
    assert len(set(IDS)) == len(IDS), "an entry id is used twice"


@pytest.mark.parametrize("topic", list(_registry.TOPICS))
def test_each_module_titles_exactly_its_public_names(topic):
    module = _registry.topic_module(topic)
    assert sorted(module._ENTRIES) == sorted(module.__all__)
    for name in module.__all__:
        assert getattr(mathref, name) is getattr(module, name)


@pytest.mark.parametrize("entry", ENTRIES, ids=IDS)
def test_entry_has_formula_symbols_example(entry):
    assert entry.summary, "no summary line"
    assert entry.formula, "no `.. math::` formula in the docstring's Notes"
    assert entry.symbols.startswith("where"), (
        f"the paragraph under the formula must define the symbols ('where ...'), "
        f"got {entry.symbols[:60]!r}")
    assert ">>>" in entry.doc, "no example"
    assert entry.title and entry.title != entry.id


@pytest.mark.parametrize("entry", ENTRIES, ids=IDS)
def test_formula_converts_to_mathml(entry):
    assert "<math" in convert(entry.formula, display=True)
    for latex in entry.member_formulas().values():
        assert "<math" in convert(latex, display=True)


@pytest.mark.parametrize("entry", ENTRIES, ids=IDS)
def test_entry_is_on_exactly_one_topic_page(entry):
    pages = PAGES.get(entry.id, [])
    assert len(pages) == 1, f"{entry.id} appears on {pages or 'no page'}"


def test_topic_pages_name_only_real_entries():
    unknown = sorted(set(PAGES) - set(IDS))
    assert not unknown


@pytest.mark.parametrize("topic", list(_registry.TOPICS))
def test_each_topic_has_an_api_page(topic):
    page = ROOT / "docs" / "api" / f"{topic}.md"
    assert page.is_file()
    assert f".. api-module:: {topic}" in page.read_text(encoding="utf-8")


@pytest.mark.parametrize("entry", [e for e in ENTRIES if e.is_class], ids=lambda e: e.id)
def test_every_public_method_is_documented(entry):
    for name, member in inspect.getmembers(entry.obj):
        if not name.startswith("_"):
            assert inspect.getdoc(member), f"{entry.id}.{name} has no docstring"


def test_parse_docstring_reads_the_first_math_block():
    doc = "Summary.\n\nNotes\n-----\n.. math::\n\n    a = b\n    + c\n\nwhere a is x.\n"
    parsed = _registry.parse_docstring(doc)
    assert parsed["formula"] == "a = b\n+ c"
    assert parsed["symbols"] == "where a is x."


@pytest.mark.parametrize("text", ["x", "  x\n", "x\n  y\n   z\n", "\n\n  a\n  b\n\n",
                                  "x\n\ty\n", "x\n   \n  y\n      ", "x\n"])
def test_clean_docstring_is_inspect_cleandoc(text):
    assert _registry.clean_docstring(text) == inspect.cleandoc(text)


def test_clean_docstring_matches_inspect_on_every_entry():
    for entry in _registry.entries():
        assert _registry.clean_docstring(entry.obj.__doc__) == inspect.cleandoc(
            entry.obj.__doc__), entry.id
