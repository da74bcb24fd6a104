"""mathref: the mathematics of machine learning, every formula runnable.

Every entry of the handbook is importable from here (``mathref.kl_divergence``) and from
its topic module (``mathref.information.kl_divergence``). Importing mathref imports NumPy
only: SciPy submodules are imported by the functions that need them, when first called.
"""
from __future__ import annotations

from . import (
    algorithms,
    analysis,
    calculus,
    diagnostics,
    fourier,
    information,
    linalg,
    losses,
    optimization,
    probability,
    statistics,
)
from .algorithms import *  # noqa: F403
from .analysis import *  # noqa: F403
from .calculus import *  # noqa: F403
from .diagnostics import *  # noqa: F403
from .fourier import *  # noqa: F403
from .information import *  # noqa: F403
from .linalg import *  # noqa: F403
from .losses import *  # noqa: F403
from .optimization import *  # noqa: F403
from .probability import *  # noqa: F403
from .statistics import *  # noqa: F403

__version__ = "0.1.0"

_MODULES = (linalg, probability, statistics, calculus, optimization, information, losses,
            fourier, analysis, diagnostics, algorithms)

__all__ = [name for module in _MODULES for name in module.__all__]
