"""Linear algebra: norms, projections, decompositions, subspaces and PCA.

One concept per private module, re-exported here; ``mathref.linalg.<name>`` and
``mathref.<name>`` are the public names.
"""
from __future__ import annotations

from . import _decompositions, _norms, _orthogonal, _pca, _projections, _subspaces
from ._decompositions import *  # noqa: F403
from ._decompositions import EighResult, EigResult, LUResult, SVDResult
from ._norms import *  # noqa: F403
from ._orthogonal import *  # noqa: F403
from ._orthogonal import QRResult
from ._pca import *  # noqa: F403
from ._pca import PCAResult
from ._projections import *  # noqa: F403
from ._subspaces import *  # noqa: F403

_PARTS = (_norms, _projections, _orthogonal, _decompositions, _subspaces, _pca)

__all__ = [name for part in _PARTS for name in part.__all__]

#: entry id -> (title, aliases), read by :mod:`mathref._registry`.
_ENTRIES: dict[str, tuple[str, tuple[str, ...]]] = {
    key: value for part in _PARTS for key, value in part._ENTRIES.items()
}


# The result types are public (documented, picklable) under the package's name.
for _result in (QRResult, LUResult, EighResult, EigResult, SVDResult, PCAResult):
    _result.__module__ = __name__
del _result
