"""pytest set-up shared by the unit tests, the docstring examples and the MyST pages."""
from __future__ import annotations

from doctest import ELLIPSIS, NORMALIZE_WHITESPACE

import numpy as np
import pytest
from hypothesis import settings
from _pytest.doctest import _get_number_flag
from sybil import Sybil
from sybil.parsers.myst import DocTestDirectiveParser, PythonCodeBlockParser, SkipParser

# Every hypothesis test draws the same examples in every run (no flaky CI, no example
# database to carry between machines); the examples still vary from test to test.
settings.register_profile("mathref", derandomize=True, database=None, deadline=None)
settings.load_profile("mathref")

collect_ignore = ["conf.py", "build", "benchmarks", "mathref/sphinxext"]

_FLAGS = ELLIPSIS | NORMALIZE_WHITESPACE | _get_number_flag()


@pytest.fixture(autouse=True)
def _legacy_printing():
    """Scalars print as ``0.5`` and ``True``, not ``np.float64(0.5)``, in every example."""
    old = np.get_printoptions()
    np.set_printoptions(legacy="1.25")
    yield
    np.set_printoptions(**old)


def _legacy_printing_sybil(namespace):
    np.set_printoptions(legacy="1.25")


pytest_collect_file = Sybil(
    parsers=[
        DocTestDirectiveParser(optionflags=_FLAGS),
        PythonCodeBlockParser(doctest_optionflags=_FLAGS),
        SkipParser(),
    ],
    patterns=["*.md"],
    setup=_legacy_printing_sybil,
).pytest()
