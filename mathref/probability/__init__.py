"""Probability: counting, rules of probability, distributions, moments and sampling.

One concept per private module, re-exported here; ``mathref.probability.<name>`` and
``mathref.<name>`` are the public names.
"""
from __future__ import annotations

from . import _distributions, _moments, _rules, _sampling
from ._distributions import *  # noqa: F403
from ._moments import *  # noqa: F403
from ._rules import *  # noqa: F403
from ._sampling import *  # noqa: F403

_PARTS = (_rules, _distributions, _moments, _sampling)

__all__ = [name for part in _PARTS for name in part.__all__]

#: entry id -> (title, aliases), read by :mod:`mathref._registry`.
_ENTRIES = {key: value for part in _PARTS for key, value in part._ENTRIES.items()}
