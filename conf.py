"""Sphinx configuration: sphinx-build -W -n -c . docs build/html"""
from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.abspath("."))
os.environ.setdefault("MPLBACKEND", "Agg")

project = "mathref"
author = "the mathref developers"
copyright = "2026, the mathref developers"
release = version = "0.1.0"

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx_autodoc_typehints",
    "myst_parser",
    "sphinx_copybutton",
    "mathref.sphinxext",
]

html_math_renderer = "mathml"
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
exclude_patterns = ["_build", "**/.ipynb_checkpoints"]
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist"]
myst_heading_anchors = 3
suppress_warnings = ["myst.header"]

html_theme = "furo"
html_title = "mathref"
html_static_path: list[str] = []
html_theme_options = {"navigation_with_keys": True}
html_show_sourcelink = False
html_copy_source = False

autodoc_member_order = "bysource"
autodoc_typehints = "signature"
typehints_document_rtype = False
always_document_param_types = False
napoleon_numpy_docstring = True
napoleon_google_docstring = False
napoleon_use_rtype = False
napoleon_use_param = False


copybutton_prompt_text = r">>> |\.\.\. "
copybutton_prompt_is_regexp = True

# With no network there is no intersphinx: names from NumPy, SciPy and the standard library
# that appear in signatures cannot be resolved, so they are listed here (and only these), so
# that -n still reports every broken reference inside the handbook.
nitpicky = True
nitpick_ignore_regex = [
    (r"py:mod", r"(?!mathref).*"),
    (r"py:.*", r"(numpy|np|scipy|typing|collections\.abc|numbers|types)(\..*)?"),
    (r"py:.*", r"(Any|ArrayLike|NDArray|Callable|Iterable|Iterator|Sequence|Hashable|Mapping"
               r"|Generator|Optional|Union|Literal|NamedTuple|Self)"),
    (r"py:.*", r"(float|int|bool|str|complex|tuple|list|dict|object|None|bytes|type"
               r"|callable|array_like|array|ndarray|optional|default|sequence|iterable)"),
]
