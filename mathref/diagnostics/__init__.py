"""Debugging questions: calibration, thresholds, fairness, embeddings and evaluation metrics.

One concern per private module, re-exported here; ``mathref.diagnostics.<name>`` and
``mathref.<name>`` are the public names. Each entry answers a question of the
symptom-first guides in ``docs/debugging``.
"""
from __future__ import annotations

from . import _calibration, _embedding, _evaluation, _fairness, _recalibration, _thresholds
from ._calibration import *  # noqa: F403
from ._calibration import ReliabilityCurve
from ._embedding import *  # noqa: F403
from ._evaluation import *  # noqa: F403
from ._fairness import *  # noqa: F403
from ._recalibration import *  # noqa: F403
from ._recalibration import PlattResult
from ._thresholds import *  # noqa: F403

_PARTS = (_calibration, _recalibration, _thresholds, _fairness, _embedding, _evaluation)

__all__ = [name for part in _PARTS for name in part.__all__]

#: entry id -> (title, aliases), read by :mod:`mathref._registry`.
_ENTRIES = {key: value for part in _PARTS for key, value in part._ENTRIES.items()}

#: public result types (not entries, so not in ``__all__``).
_RESULT_TYPES = (ReliabilityCurve, PlattResult)
