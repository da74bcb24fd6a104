"""The accuracy envelope: mathref, its peer and the naive formula against an mpmath oracle.

Run (one to two minutes on a busy 2-core machine; writes benchmarks/results/accuracy.json):

    .venv/bin/python benchmarks/accuracy.py
    .venv/bin/python benchmarks/accuracy.py --only softmax,kl      # a subset, printed only

For every case (one entry, one quantity, one input regime) the script draws a few inputs
at a fixed seed, computes the entry's formula -- transcribed from the ``.. math::`` block
of its docstring (``mathref show NAME``) -- in mpmath at 50 significant digits (more for
ill-conditioned matrices) on the *exact* float64 inputs, and measures against it:

* mathref's result,
* the peer's result (SciPy, NumPy, scikit-learn, networkx) on the same inputs, where a
  peer computes the same quantity,
* the naive textbook formula in NumPy, for the entries where it is known to break.

The error of one result is a relative error: ``|y - t| / |t|`` for a scalar, and for an
array either normwise ``max_i |y_i - t_i| / max_i |t_i|`` ("norm") or componentwise
``max_i |y_i - t_i| / |t_i|`` ("comp"). Where the true value (or every true component) is
0 the absolute error is used instead and the case says so. A case reports the largest error
over its samples; a result that is NaN/inf where the truth is finite, or an exception, is a
failure and is counted.

A *miss* is a case where the peer computes the same quantity by the same method and
mathref's worst error exceeds ``MISS_FACTOR`` times the peer's plus ``MISS_FLOOR``, or where
mathref fails on inputs the peer handles. The docs build only reads the JSON file; it never
runs this script.
"""
from __future__ import annotations

import argparse
import cmath
import datetime
import json
import math
import platform
import sys
import time
import warnings
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any, Callable

import mpmath
import numpy as np
import scipy
from mpmath import mp

import mathref

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "accuracy.json"
DPS = 50
EPS = float(np.finfo(float).eps)
TINY = float(np.finfo(float).tiny)  # true values below this underflow: absolute error
MISS_FACTOR = 10.0
MISS_FLOOR = 8 * EPS
SEED = 20240601

mp.dps = DPS
mpf, mpc = mp.mpf, mp.mpc


# --------------------------------------------------------------------------------------
# The machinery
# --------------------------------------------------------------------------------------

@dataclass
class Case:
    entry: str                      # catalogue id
    what: str                       # the quantity, e.g. "logpdf" ("" for the entry itself)
    regime: str                     # short name of the input regime
    inputs: Callable[[np.random.Generator], list[tuple]]
    mathref: Callable[..., Any]
    oracle: Callable[..., Any]
    peer: tuple[str, Callable[..., Any]] | None = None
    naive: Callable[..., Any] | None = None
    metric: str = "rel"             # "rel" (scalar), "norm" or "comp" (arrays)
    same_method: bool = True        # does the peer compute it the same way?
    note: str = ""


CASES: list[Case] = []


def case(*args: Any, **kwargs: Any) -> None:
    CASES.append(Case(*args, **kwargs))


def _flat(v: Any) -> list[Any]:
    if isinstance(v, mp.matrix):
        return [v[i, j] for i in range(v.rows) for j in range(v.cols)]
    if isinstance(v, np.ndarray):
        return v.ravel().tolist()
    if isinstance(v, (list, tuple)):
        return [y for x in v for y in _flat(x)]
    return [v]


def _to_mp(x: Any) -> Any:
    if isinstance(x, (mp.mpf, mp.mpc)):
        return x
    if isinstance(x, (bool, np.bool_)):
        return mpf(int(x))
    if isinstance(x, (int, np.integer)):
        return mpf(int(x))
    if isinstance(x, Fraction):
        return mpf(x.numerator) / x.denominator
    if isinstance(x, (complex, np.complexfloating)):
        x = complex(x)
        if not cmath.isfinite(x):
            raise FloatingPointError("non-finite")
        return mpc(x.real, x.imag)
    x = float(x)
    if not math.isfinite(x):
        raise FloatingPointError("non-finite")
    return mpf(x)


def compare(result: Any, truth: Any, metric: str) -> tuple[float, str]:
    """The error of ``result`` against ``truth`` and its kind ("rel", "abs" or "rel/abs")."""
    res, tru = _flat(result), [mp.mpmathify(t) for t in _flat(truth)]
    if len(res) != len(tru):
        raise FloatingPointError(f"shape {len(res)} != {len(tru)}")
    res = [_to_mp(r) for r in res]
    diffs = [abs(r - t) for r, t in zip(res, tru)]
    mags = [abs(t) for t in tru]
    if metric == "abs":
        return float(max(diffs)), "abs"
    if metric == "comp":
        errs, kinds = [], set()
        for d, m in zip(diffs, mags):
            errs.append(d / m if m >= TINY else d)
            kinds.add("rel" if m >= TINY else "abs")
        return float(max(errs)), "/".join(sorted(kinds, reverse=True))
    den = max(mags)
    if den < TINY:
        return float(max(diffs)), "abs"
    return float(max(diffs) / den), "rel"


class Tally:
    """The worst error of one method over the samples of one case."""

    def __init__(self) -> None:
        self.worst = 0.0
        self.kinds: set[str] = set()
        self.failures = 0
        self.failure = ""
        self.n = 0
        self.worst_sample = None

    def add(self, fn: Callable[..., Any], args: tuple, truth: Any, metric: str) -> None:
        self.n += 1
        try:
            with np.errstate(all="ignore"), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                out = fn(*args)
            err, kind = compare(out, truth, metric)
        except FloatingPointError as exc:
            self.failures += 1
            self.failure = self.failure or ("NaN/inf output" if "finite" in str(exc)
                                            else str(exc))
            return
        except Exception as exc:  # noqa: BLE001 -- recorded, not hidden
            self.failures += 1
            self.failure = self.failure or f"raised {type(exc).__name__}"
            return
        if self.worst_sample is None or err > self.worst:
            self.worst, self.worst_sample = err, self.n - 1
        self.kinds.update(kind.split("/"))

    def record(self) -> dict[str, Any]:
        rec: dict[str, Any] = {
            "error": float(f"{self.worst:.3g}") if self.failures < self.n else None}
        kind = "/".join(sorted(self.kinds, reverse=True))
        if kind and kind != "rel":  # "rel" is the default and is not written
            rec["kind"] = kind
        if self.failures:
            rec["failures"], rec["failure"] = self.failures, self.failure
        if self.worst_sample is not None:
            rec["worst_sample"] = self.worst_sample
        return rec


def run_case(c: Case, rng: np.random.Generator) -> dict[str, Any]:
    start = time.perf_counter()
    samples = c.inputs(rng)
    tallies = {"mathref": Tally(), "peer": Tally(), "naive": Tally()}
    fns = {"mathref": c.mathref, "peer": c.peer[1] if c.peer else None, "naive": c.naive}
    for args in samples:
        truth = c.oracle(*args)
        for label, fn in fns.items():
            if fn is not None:
                tallies[label].add(fn, args, truth, c.metric)
    from mathref import _registry

    rec: dict[str, Any] = {
        "topic": _registry.get(c.entry).topic,
        "entry": c.entry, "what": c.what, "regime": c.regime, "samples": len(samples),
        "metric": c.metric, "mathref": tallies["mathref"].record(),
        "peer_name": c.peer[0] if c.peer else None,
        "peer": tallies["peer"].record() if c.peer else None,
        "peer_same_method": c.same_method if c.peer else None,
        "naive": tallies["naive"].record() if c.naive else None,
    }
    for label in ("peer", "naive"):  # only mathref's worst input is kept (--explain)
        if rec[label]:
            rec[label].pop("worst_sample", None)
    if c.note:
        rec["note"] = c.note
    ours = rec["mathref"]
    verdict = None
    if c.peer:
        peer = rec["peer"]
        ours_fail = ours.get("failures", 0) > 0
        peer_fail = peer.get("failures", 0) > 0
        if ours_fail and not peer_fail:
            verdict = "worse"
        elif not ours_fail and not peer_fail and (
                ours["error"] > MISS_FACTOR * peer["error"] + MISS_FLOOR):
            verdict = "worse"
        elif not ours_fail and (peer_fail or
                                peer["error"] > MISS_FACTOR * ours["error"] + MISS_FLOOR):
            verdict = "better"
        else:
            verdict = "same"
    rec["vs_peer"] = verdict
    rec["miss"] = bool(verdict == "worse" and c.same_method)
    rec["seconds"] = round(time.perf_counter() - start, 3)
    return rec


# --------------------------------------------------------------------------------------
# mpmath helpers and input generators
# --------------------------------------------------------------------------------------

def V(a: Any) -> list[Any]:
    return [_to_mp(v) for v in np.ravel(np.asarray(a))]


def MM(A: Any) -> Any:
    A = np.asarray(A, dtype=float)
    return mp.matrix([[mpf(float(v)) for v in row] for row in A])


def mlist(Mx: Any) -> list[list[Any]]:
    return [[Mx[i, j] for j in range(Mx.cols)] for i in range(Mx.rows)]


def mdot(x: list[Any], y: list[Any]) -> Any:
    return mp.fsum(a * b for a, b in zip(x, y))


def mlog_sum_exp(a: list[Any]) -> Any:
    return mp.log(mp.fsum(mp.exp(v) for v in a))


def log_softmax_mp(z: Any) -> list[Any]:
    """(z_i - m) - log1p(sum_{j != j*} e^{z_j - m}): exact even when z_i - LSE ~ 1e-300."""
    zz = V(z)
    top = max(range(len(zz)), key=lambda i: zz[i])
    m = zz[top]
    rest = mp.fsum(mp.exp(v - m) for i, v in enumerate(zz) if i != top)
    return [(v - m) - mp.log1p(rest) for v in zz]


def xlogx(p: Any) -> Any:
    return p * mp.log(p) if p else mpf(0)


def H_mp(p: list[Any]) -> Any:
    return -mp.fsum(xlogx(v) for v in p)


def dirichlet(rng: np.random.Generator, n: int, zeros: int = 0) -> np.ndarray:
    p = rng.dirichlet(np.ones(n))
    if zeros:
        p[rng.choice(n, zeros, replace=False)] = 0.0
        p /= p.sum()
    return p


def orthogonal(rng: np.random.Generator, n: int) -> np.ndarray:
    Q, R = np.linalg.qr(rng.standard_normal((n, n)))
    return Q * np.sign(np.diag(R))


def conditioned(rng: np.random.Generator, m: int, n: int, cond: float) -> np.ndarray:
    """An m x n matrix with singular values log-spaced from 1 down to 1/cond."""
    U = orthogonal(rng, m)[:, :n]
    Vt = orthogonal(rng, n)
    s = np.logspace(0, -np.log10(cond), n)
    return (U * s) @ Vt


def spd(rng: np.random.Generator, n: int, cond: float) -> np.ndarray:
    Q = orthogonal(rng, n)
    A = (Q * np.logspace(0, -np.log10(cond), n)) @ Q.T
    return (A + A.T) / 2


SCALE = 3  # samples per case = SCALE * the count written in the case (--scale)


def repeat(k: int, make: Callable[[np.random.Generator], tuple]) -> Callable:
    return lambda rng: [make(rng) for _ in range(k * SCALE)]


# --------------------------------------------------------------------------------------
# Linear algebra
# --------------------------------------------------------------------------------------

def linalg_cases() -> None:
    import scipy.linalg as sla
    from sklearn.decomposition import PCA
    from sklearn.metrics.pairwise import cosine_similarity as sk_cos

    def lp_oracle(x, p):
        a = [abs(v) for v in V(x)]
        if p == np.inf:
            return max(a)
        return mp.fsum(v ** p for v in a) ** (mpf(1) / p)

    def lp_naive(x, p):
        return np.max(np.abs(x)) if p == np.inf else np.sum(np.abs(x) ** p) ** (1 / p)

    def lp_inputs(scale, ps):
        return repeat(12, lambda rng: (rng.standard_normal(50) * scale,
                                       ps[rng.integers(len(ps))]))

    peer = ("scipy.linalg.norm", lambda x, p: sla.norm(x, p))
    for regime, scale, ps in [("random, p in {1, 2, 3, inf}", 1.0, [1, 2, 3, np.inf]),
                              ("|x| ~ 1e200 (p = 2, 3)", 1e200, [2, 3]),
                              ("|x| ~ 1e-200 (p = 2, 3)", 1e-200, [2, 3])]:
        case("lp_norm", "", regime, lp_inputs(scale, ps), mathref.lp_norm, lp_oracle,
             peer, lp_naive)

    def mnorm_oracle(A, ord):
        M = MM(A)
        if ord == "fro":
            return mp.sqrt(mp.fsum(v ** 2 for v in _flat(M)))
        if ord == 1:
            return max(mp.fsum(abs(M[i, j]) for i in range(M.rows)) for j in range(M.cols))
        if ord == np.inf:
            return max(mp.fsum(abs(M[i, j]) for j in range(M.cols)) for i in range(M.rows))
        s = mp.svd_r(M, compute_uv=False)
        return max(s) if ord == 2 else mp.fsum(s)

    ords = ["fro", "nuc", 2, 1, np.inf]
    for regime, scale in [("random 8x5, every ord", 1.0), ("entries ~ 1e200", 1e200)]:
        case("matrix_norm", "", regime,
             lambda rng, s=scale: [(rng.standard_normal((8, 5)) * s, o) for o in ords
                                   for _ in range(2)],
             mathref.matrix_norm, mnorm_oracle,
             ("numpy.linalg.norm", lambda A, o: np.linalg.norm(A, o)))

    def cos_oracle(x, y):
        x, y = V(x), V(y)
        return mdot(x, y) / mp.sqrt(mdot(x, x) * mdot(y, y))

    def cos_naive(x, y):
        return np.dot(x, y) / (np.sqrt(np.dot(x, x)) * np.sqrt(np.dot(y, y)))

    for regime, scale in [("random n=20", 1.0), ("|x| ~ 1e200", 1e200),
                          ("|x| ~ 1e-200", 1e-200)]:
        case("cosine_similarity", "", regime,
             repeat(12, lambda rng, s=scale: (rng.standard_normal(20) * s,
                                              rng.standard_normal(20) * s)),
             mathref.cosine_similarity, cos_oracle,
             ("sklearn cosine_similarity", lambda x, y: sk_cos([x], [y])[0, 0]), cos_naive)

    def vproj_oracle(x, u):
        x, u = V(x), V(u)
        c = mdot(u, x) / mdot(u, u)
        return [c * v for v in u]

    for regime, scale in [("random n=10", 1.0), ("|u| ~ 1e200", 1e200)]:
        case("vector_projection", "", regime,
             repeat(10, lambda rng, s=scale: (rng.standard_normal(10),
                                              rng.standard_normal(10) * s)),
             mathref.vector_projection, vproj_oracle, None,
             lambda x, u: np.dot(u, x) / np.dot(u, u) * u, metric="norm")

    def lstsq_oracle(A, b):
        with mp.workdps(80):
            M, y = MM(A), mp.matrix(V(b))
            x = mp.lu_solve(M.T * M, M.T * y)
            return [+v for v in x]

    def lstsq_inputs(cond):
        def make(rng):
            A = conditioned(rng, 30, 6, cond)
            b = A @ rng.standard_normal(6) + 1e-6 * rng.standard_normal(30)
            return (A, b)
        return repeat(5, make)

    for regime, cond in [("random 30x6, cond 10", 10.0), ("cond 1e8", 1e8),
                         ("cond 1e12", 1e12)]:
        case("least_squares", "", regime, lstsq_inputs(cond), mathref.least_squares,
             lstsq_oracle, ("numpy.linalg.lstsq",
                            lambda A, b: np.linalg.lstsq(A, b, rcond=None)[0]),
             lambda A, b: np.linalg.solve(A.T @ A, A.T @ b), metric="norm")

    def cond_oracle(A):
        with mp.workdps(70):
            s = mp.svd_r(MM(A), compute_uv=False)
            return max(s) / min(s)

    for regime, cond in [("random 12x6", 30.0), ("cond 1e8", 1e8), ("cond 1e12", 1e12)]:
        case("condition_number", "", regime,
             repeat(4, lambda rng, c=cond: (conditioned(rng, 12, 6, c),)),
             mathref.condition_number, cond_oracle, ("numpy.linalg.cond", np.linalg.cond),
             note="the sensitivity of sigma_min is about kappa * eps for every method")

    # factorisations: the backward error of the reconstruction and the orthogonality,
    # both computed exactly (in mpmath) from the float factors.
    def recon(*factors):
        P = MM(factors[0])
        for F in factors[1:]:
            P = P * MM(F)
        return P

    def gram_minus_identity(Q):
        Qm = MM(Q)
        return Qm.T * Qm

    def ident(A):
        n = np.asarray(A).shape[1]
        return mp.eye(n)

    for regime, cond in [("random 20x8", 10.0), ("cond 1e12", 1e12)]:
        gen = repeat(4, lambda rng, c=cond: (conditioned(rng, 20, 8, c),))
        case("qr", "reconstruction A = QR", regime, gen,
             lambda A: recon(*mathref.qr(A)), lambda A: MM(A),
             ("numpy.linalg.qr", lambda A: recon(*np.linalg.qr(A))), metric="norm")
        case("qr", "orthogonality Q^T Q = I", regime, gen,
             lambda A: gram_minus_identity(mathref.qr(A).Q), ident,
             ("numpy.linalg.qr", lambda A: gram_minus_identity(np.linalg.qr(A)[0])),
             metric="norm")
        case("svd", "reconstruction A = U S V^T", regime, gen,
             lambda A: recon(mathref.svd(A).U * mathref.svd(A).S, mathref.svd(A).Vt),
             lambda A: MM(A),
             ("numpy.linalg.svd",
              lambda A: recon(*(lambda u, s, vt: (u * s, vt))(
                  *np.linalg.svd(A, full_matrices=False)))), metric="norm")
        case("svd", "singular values", regime, gen,
             lambda A: np.sort(mathref.svd(A).S),
             lambda A: sorted(mp.svd_r(MM(A), compute_uv=False)),
             ("numpy.linalg.svd", lambda A: np.sort(np.linalg.svd(A, compute_uv=False))),
             metric="norm")
        case("lu", "reconstruction A = PLU", regime, gen,
             lambda A: recon(*mathref.lu(A)), lambda A: MM(A),
             ("scipy.linalg.lu", lambda A: recon(*sla.lu(A))), metric="norm")

    for regime, cond in [("cond 1e8", 1e8)]:
        gen = repeat(3, lambda rng, c=cond: (conditioned(rng, 20, 8, c),))
        case("gram_schmidt", "orthogonality Q^T Q = I", regime, gen,
             lambda A: gram_minus_identity(mathref.gram_schmidt(A)), ident,
             ("numpy.linalg.qr (Householder)",
              lambda A: gram_minus_identity(np.linalg.qr(A)[0])),
             lambda A: gram_minus_identity(_classical_gs(A)), metric="norm",
             same_method=False)
    case("gram_schmidt", "orthogonality Q^T Q = I", "random 20x8",
         repeat(3, lambda rng: (rng.standard_normal((20, 8)),)),
         lambda A: gram_minus_identity(mathref.gram_schmidt(A)), ident,
         ("numpy.linalg.qr (Householder)",
          lambda A: gram_minus_identity(np.linalg.qr(A)[0])),
         lambda A: gram_minus_identity(_classical_gs(A)), metric="norm", same_method=False)

    def eigh_oracle(A):
        E, _ = mp.eigsy(MM(A))
        return sorted(E[i] for i in range(E.rows))

    for regime, cond in [("random SPD 8x8", 10.0), ("cond 1e12", 1e12)]:
        case("eigh", "eigenvalues", regime, repeat(4, lambda rng, c=cond: (spd(rng, 8, c),)),
             lambda A: mathref.eigh(A).eigenvalues, eigh_oracle,
             ("numpy.linalg.eigh", lambda A: np.linalg.eigh(A)[0]), metric="norm")
        case("cholesky", "L", regime, repeat(4, lambda rng, c=cond: (spd(rng, 8, c),)),
             mathref.cholesky, lambda A: mlist(mp.cholesky(MM(A))),
             ("numpy.linalg.cholesky", np.linalg.cholesky), metric="norm")

    def eig_oracle(A):
        E, _ = mp.eig(MM(A))
        return sorted(E, key=lambda z: (float(mp.re(z)), float(mp.im(z))))

    def eig_sorted(ev):
        ev = np.asarray(ev, dtype=complex)
        return ev[np.lexsort((ev.imag, ev.real))]

    case("eig", "eigenvalues", "random 6x6 non-symmetric",
         repeat(4, lambda rng: (rng.standard_normal((6, 6)),)),
         lambda A: eig_sorted(mathref.eig(A).eigenvalues), eig_oracle,
         ("numpy.linalg.eigvals", lambda A: eig_sorted(np.linalg.eigvals(A))), metric="norm")

    def lowrank_oracle(A, k):
        U, S, Vt = mp.svd_r(MM(A))
        r = mp.matrix(U.rows, Vt.cols)
        for t in range(k):
            r += S[t] * U[:, t] * Vt[t, :]
        return r

    def lowrank_peer(A, k):
        U, s, Vt = np.linalg.svd(A, full_matrices=False)
        return (U[:, :k] * s[:k]) @ Vt[:k]

    case("low_rank_approximation", "", "random 10x6, k = 3",
         repeat(4, lambda rng: (rng.standard_normal((10, 6)), 3)),
         mathref.low_rank_approximation, lowrank_oracle,
         ("numpy.linalg.svd, truncated", lowrank_peer), metric="norm")

    def proj_oracle(A):
        with mp.workdps(80):
            M = MM(A)
            return M * mp.inverse(M.T * M) * M.T

    for regime, cond in [("random 12x4", 10.0), ("cond 1e8", 1e8)]:
        case("projection_matrix", "", regime,
             repeat(4, lambda rng, c=cond: (conditioned(rng, 12, 4, c),)),
             mathref.projection_matrix, proj_oracle,
             ("A @ numpy.linalg.pinv(A)", lambda A: A @ np.linalg.pinv(A)),
             lambda A: A @ np.linalg.inv(A.T @ A) @ A.T, metric="norm")

        def project_oracle(x, A):
            with mp.workdps(80):
                M = MM(A)
                return M * mp.lu_solve(M.T * M, M.T * mp.matrix(V(x)))

        case("project", "", regime,
             repeat(4, lambda rng, c=cond: (rng.standard_normal(12),
                                            conditioned(rng, 12, 4, c))),
             mathref.project, project_oracle,
             ("A @ numpy.linalg.lstsq", lambda x, A: A @ np.linalg.lstsq(A, x, rcond=None)[0]),
             lambda x, A: A @ np.linalg.solve(A.T @ A, A.T @ x), metric="norm")

    def pca_oracle(X, k):
        n = X.shape[0]
        M = MM(X)
        mean = [mp.fsum(M[i, j] for i in range(n)) / n for j in range(M.cols)]
        C = mp.matrix(M.cols, M.cols)
        for a in range(M.cols):
            for b in range(M.cols):
                C[a, b] = mp.fsum((M[i, a] - mean[a]) * (M[i, b] - mean[b])
                                  for i in range(n)) / (n - 1)
        E, _ = mp.eigsy(C)
        return sorted((E[i] for i in range(E.rows)), reverse=True)[:k]

    for regime, offset in [("random 40x4", 0.0), ("offset 1e6, unit spread", 1e6)]:
        case("pca", "explained variance", regime,
             repeat(3, lambda rng, o=offset: (o + rng.standard_normal((40, 4))
                                              @ np.diag([3, 2, 1, 0.5]), 4)),
             lambda X, k: mathref.pca(X, k).explained_variance, pca_oracle,
             ("sklearn PCA", lambda X, k: PCA(k).fit(X).explained_variance_), metric="norm")



def _classical_gs(A: np.ndarray) -> np.ndarray:
    """Classical Gram-Schmidt, no re-orthogonalisation: the textbook loop."""
    A = np.asarray(A, dtype=float)
    Q = np.zeros_like(A)
    for j in range(A.shape[1]):
        v = A[:, j] - Q[:, :j] @ (Q[:, :j].T @ A[:, j])
        Q[:, j] = v / np.linalg.norm(v)
    return Q


# --------------------------------------------------------------------------------------
# Probability and statistics
# --------------------------------------------------------------------------------------

def probability_cases() -> None:
    from scipy import special, stats

    def lnck_oracle(n, k):
        return mp.log(mp.binomial(n, k))

    for regime, make in [
            ("random n <= 1e4", lambda rng: (int(rng.integers(1, 10_000)),) * 1),
            ("n = 1e15, k <= 1000", lambda rng: (10 ** 15,))]:
        def gen(rng, make=make):
            out = []
            for _ in range(12):
                n = make(rng)[0]
                out.append((n, int(rng.integers(0, min(n, 1000) + 1))))
            return out
        case("log_n_choose_k", "", regime, gen, mathref.log_n_choose_k, lnck_oracle,
             ("-log(n+1) - scipy.special.betaln",
              lambda n, k: -np.log1p(n) - special.betaln(n - k + 1, k + 1)),
             lambda n, k: special.gammaln(n + 1) - special.gammaln(k + 1)
             - special.gammaln(n - k + 1))

    def var_oracle(x, ddof=1):
        x = V(x)
        m = mp.fsum(x) / len(x)
        return mp.fsum((v - m) ** 2 for v in x) / (len(x) - ddof)

    def var_naive(x, ddof=1):
        n = len(x)
        return (np.sum(x * x) - n * np.mean(x) ** 2) / (n - ddof)

    offset_regimes = [("random n=100", 0.0), ("1e9 + N(0, 1)", 1e9)]
    for regime, off in offset_regimes:
        gen = repeat(10, lambda rng, o=off: (o + rng.standard_normal(100),))
        case("sample_variance", "", regime, gen, mathref.sample_variance, var_oracle,
             ("numpy.var(ddof=1)", lambda x: np.var(x, ddof=1)), var_naive)
        case("sample_mean", "", regime, gen, mathref.sample_mean,
             lambda x: mp.fsum(V(x)) / len(x), ("numpy.mean", np.mean))
        case("mle_gaussian", "(mean, var)", regime, gen, mathref.mle_gaussian,
             lambda x: [mp.fsum(V(x)) / len(x), var_oracle(x, 0)],
             ("scipy.stats.norm.fit", lambda x: (lambda m, s: (m, s * s))(*stats.norm.fit(x))),
             lambda x: (np.mean(x), np.mean(x * x) - np.mean(x) ** 2), metric="comp")

    def cov_oracle(X):
        n, d = X.shape
        cols = [V(X[:, j]) for j in range(d)]
        means = [mp.fsum(c) / n for c in cols]
        return [[mp.fsum((a - means[i]) * (b - means[j]) for a, b in zip(cols[i], cols[j]))
                 / (n - 1) for j in range(d)] for i in range(d)]

    def cov_naive(X):
        n = X.shape[0]
        m = X.mean(axis=0)
        return (X.T @ X - n * np.outer(m, m)) / (n - 1)

    def corr_oracle(X):
        C = cov_oracle(X)
        d = len(C)
        return [[C[i][j] / mp.sqrt(C[i][i] * C[j][j]) for j in range(d)] for i in range(d)]

    for regime, off in offset_regimes:
        gen = repeat(4, lambda rng, o=off: (o + rng.standard_normal((50, 3))
                                            @ np.array([[1, .5, 0], [0, 1, .3], [0, 0, 1]]),))
        case("covariance_matrix", "", regime, gen, mathref.covariance_matrix, cov_oracle,
             ("numpy.cov", lambda X: np.cov(X, rowvar=False)), cov_naive, metric="norm")
        case("correlation_matrix", "", regime, gen, mathref.correlation_matrix, corr_oracle,
             ("numpy.corrcoef", lambda X: np.corrcoef(X, rowvar=False)),
             lambda X: (lambda C: C / np.sqrt(np.outer(np.diag(C), np.diag(C))))(cov_naive(X)),
             metric="norm")

    def dvar_oracle(values, probs):
        x, p = V(values), V(probs)
        m = mdot(x, p)
        return mp.fsum(pi * (xi - m) ** 2 for xi, pi in zip(x, p))

    for regime, off in [("random, 10 values", 0.0), ("values 1e9 + N(0, 1)", 1e9)]:
        gen = repeat(10, lambda rng, o=off: (o + rng.standard_normal(10), dirichlet(rng, 10)))
        case("variance", "", regime, gen, mathref.variance, dvar_oracle,
             ("scipy.stats.rv_discrete.var",
              lambda x, p: stats.rv_discrete(values=(np.arange(len(x)), p)).expect(
                  lambda k: (x[k.astype(int)] - np.dot(x, p)) ** 2)),
             lambda x, p: np.dot(p, x * x) - np.dot(p, x) ** 2, same_method=False,
             note="peer: rv_discrete.expect of the centred square")
        case("expectation", "", regime, gen, mathref.expectation,
             lambda x, p: mdot(V(x), V(p)),
             ("numpy.average(weights=)", lambda x, p: np.average(x, weights=p)))

    def iw_inputs(spread):
        def make(rng):
            x = rng.uniform(-1, 1, 50)
            return (lambda s: spread * s, lambda s: -0.5 * s * s, x)
        return repeat(6, make)

    def iw_oracle(tl, pl, x):
        lw = [mpf(float(tl(v))) - mpf(float(pl(v))) for v in x]
        z = mp.fsum(mp.exp(v) for v in lw)
        return [mp.exp(v) / z for v in lw]

    for regime, spread in [("log-ratios in [-1, 1]", 1.0),
                           ("log-ratios in [-1000, 1000]", 1000.0)]:
        case("importance_weights", "", regime, iw_inputs(spread), mathref.importance_weights,
             iw_oracle, ("scipy.special.softmax of the log-ratios",
                         lambda tl, pl, x: special.softmax(tl(x) - pl(x))),
             lambda tl, pl, x: np.exp(tl(x) - pl(x)) / np.sum(np.exp(tl(x) - pl(x))),
             metric="norm")

    def ess_oracle(w):
        w = V(w)
        return mp.fsum(w) ** 2 / mp.fsum(v * v for v in w)

    for regime, scale in [("random weights", 1.0), ("weights ~ 1e200", 1e200),
                          ("weights ~ 1e-200", 1e-200)]:
        case("effective_sample_size", "", regime,
             repeat(10, lambda rng, s=scale: (rng.exponential(size=50) * s,)),
             mathref.effective_sample_size, ess_oracle, None,
             lambda w: np.sum(w) ** 2 / np.sum(w * w))

    def post_oracle(prior, lik):
        a = [p * l for p, l in zip(V(prior), V(lik))]
        z = mp.fsum(a)
        return [v / z for v in a]

    for regime, scale in [("random, 5 hypotheses", 1.0), ("likelihoods ~ 1e-200", 1e-200)]:
        case("posterior", "", regime,
             repeat(10, lambda rng, s=scale: (dirichlet(rng, 5), rng.uniform(0.1, 1, 5) * s)),
             mathref.posterior, post_oracle, None,
             lambda prior, lik: prior * lik / np.sum(prior * lik), metric="norm")

    distribution_cases(stats, special)


def distribution_cases(stats: Any, special: Any) -> None:
    # Gaussian
    def g_logpdf(mu, s, x):
        mu, s, x = mpf(mu), mpf(s), V(x)
        return [-((v - mu) ** 2) / (2 * s * s) - mp.log(s) - mp.log(2 * mp.pi) / 2 for v in x]

    def g_cdf(mu, s, x):
        return [mp.erfc(-(v - mpf(mu)) / (mpf(s) * mp.sqrt(2))) / 2 for v in V(x)]

    gauss = [("random", lambda rng: (rng.normal(), rng.uniform(0.5, 2), rng.normal(0, 3, 20))),
             ("lower tail x in [-37, -20] (cdf ~ 1e-300)",
              lambda rng: (0.0, 1.0, rng.uniform(-37, -20, 20))),
             ("far from the mean |x| ~ 1e5", lambda rng: (0.0, 1.0, rng.uniform(-1e5, 1e5, 20)))]
    for regime, make in gauss:
        case("Gaussian", "logpdf", regime, repeat(4, make),
             lambda mu, s, x: mathref.Gaussian(mu, s).logpdf(x), g_logpdf,
             ("scipy.stats.norm.logpdf", lambda mu, s, x: stats.norm(mu, s).logpdf(x)),
             lambda mu, s, x: np.log(np.exp(-(x - mu) ** 2 / (2 * s * s))
                                     / (s * np.sqrt(2 * np.pi))), metric="comp")
        if "far" in regime:
            continue
        case("Gaussian", "cdf", regime, repeat(4, make),
             lambda mu, s, x: mathref.Gaussian(mu, s).cdf(x), g_cdf,
             ("scipy.stats.norm.cdf", lambda mu, s, x: stats.norm(mu, s).cdf(x)),
             lambda mu, s, x: 0.5 * (1 + special.erf((x - mu) / (s * np.sqrt(2)))),
             metric="comp")

    # Binomial
    def b_logpmf(n, p, k):
        p = mpf(p)
        return [mp.log(mp.binomial(n, int(kk))) + int(kk) * mp.log(p)
                + (n - int(kk)) * mp.log1p(-p) for kk in k]

    def b_cdf(n, p, k):
        return [mp.betainc(n - int(kk), int(kk) + 1, 0, 1 - mpf(p), regularized=True)
                if kk < n else mpf(1) for kk in k]

    binom = [("random n <= 100", lambda rng: (int(rng.integers(5, 100)), rng.uniform(0.05, .95),
                                              None)),
             ("n = 1e6, p = 1e-3, lower tail", lambda rng: (10 ** 6, 1e-3, "tail"))]
    for regime, make in binom:
        def gen(rng, make=make):
            out = []
            for _ in range(4):
                n, p, mode = make(rng)
                k = (rng.integers(0, n + 1, 10) if mode is None
                     else rng.integers(700, 900, 3))
                out.append((n, p, k))
            return out
        case("Binomial", "logpmf", regime, gen,
             lambda n, p, k: mathref.Binomial(n, p).logpmf(k), b_logpmf,
             ("scipy.stats.binom.logpmf", lambda n, p, k: stats.binom(n, p).logpmf(k)),
             lambda n, p, k: np.log(special.comb(n, k) * p ** k * (1 - p) ** (n - k)),
             metric="comp")
        case("Binomial", "cdf", regime, gen,
             lambda n, p, k: mathref.Binomial(n, p).cdf(k), b_cdf,
             ("scipy.stats.binom.cdf", lambda n, p, k: stats.binom(n, p).cdf(k)),
             metric="comp")

    # Poisson
    def po_logpmf(lam, k):
        lam = mpf(lam)
        return [int(kk) * mp.log(lam) - lam - mp.loggamma(int(kk) + 1) for kk in k]

    def po_cdf(lam, k):
        return [mp.gammainc(int(kk) + 1, mpf(lam), regularized=True) for kk in k]

    poisson = [("random rate <= 20", lambda rng: (r := rng.uniform(0.5, 20),
                                                  rng.integers(0, int(3 * r) + 5, 10))),
               ("rate = 1e6, lower tail", lambda rng: (1e6, rng.integers(990_000, 995_000, 10)))]
    for regime, make in poisson:
        case("Poisson", "logpmf", regime, repeat(4, make),
             lambda lam, k: mathref.Poisson(lam).logpmf(k), po_logpmf,
             ("scipy.stats.poisson.logpmf", lambda lam, k: stats.poisson(lam).logpmf(k)),
             lambda lam, k: np.log(lam ** k * np.exp(-lam) / special.factorial(k)),
             metric="comp")
        case("Poisson", "cdf", regime, repeat(4, make),
             lambda lam, k: mathref.Poisson(lam).cdf(k), po_cdf,
             ("scipy.stats.poisson.cdf", lambda lam, k: stats.poisson(lam).cdf(k)),
             metric="comp")

    # Exponential
    def ex_cdf(lam, x):
        return [-mp.expm1(-mpf(lam) * v) for v in V(x)]

    def ex_logpdf(lam, x):
        return [mp.log(mpf(lam)) - mpf(lam) * v for v in V(x)]

    for regime, make in [("random", lambda rng: (rng.uniform(.1, 10), rng.exponential(1, 20))),
                         ("x ~ 1e-20 (cdf ~ 1e-20)",
                          lambda rng: (rng.uniform(.1, 10), rng.uniform(1e-21, 1e-19, 20)))]:
        case("Exponential", "cdf", regime, repeat(4, make),
             lambda lam, x: mathref.Exponential(lam).cdf(x), ex_cdf,
             ("scipy.stats.expon.cdf", lambda lam, x: stats.expon(scale=1 / lam).cdf(x)),
             lambda lam, x: 1 - np.exp(-lam * x), metric="comp")
        case("Exponential", "logpdf", regime, repeat(4, make),
             lambda lam, x: mathref.Exponential(lam).logpdf(x), ex_logpdf,
             ("scipy.stats.expon.logpdf", lambda lam, x: stats.expon(scale=1 / lam).logpdf(x)),
             metric="comp")

    # Gamma
    def ga_logpdf(a, b, x):
        a, b = mpf(a), mpf(b)
        return [a * mp.log(b) - mp.loggamma(a) + (a - 1) * mp.log(v) - b * v for v in V(x)]

    def ga_cdf(a, b, x):
        return [mp.gammainc(mpf(a), 0, mpf(b) * v, regularized=True) for v in V(x)]

    for regime, make in [("random", lambda rng: (rng.uniform(.5, 10), rng.uniform(.5, 3),
                                                 rng.gamma(2, 1, 10))),
                         ("lower tail x ~ 1e-8", lambda rng: (rng.uniform(2, 10), 1.0,
                                                              rng.uniform(1e-9, 1e-8, 10)))]:
        case("Gamma", "logpdf", regime, repeat(3, make),
             lambda a, b, x: mathref.Gamma(a, b).logpdf(x), ga_logpdf,
             ("scipy.stats.gamma.logpdf", lambda a, b, x: stats.gamma(a, scale=1 / b).logpdf(x)),
             metric="comp")
        case("Gamma", "cdf", regime, repeat(3, make),
             lambda a, b, x: mathref.Gamma(a, b).cdf(x), ga_cdf,
             ("scipy.stats.gamma.cdf", lambda a, b, x: stats.gamma(a, scale=1 / b).cdf(x)),
             metric="comp")

    def ga_entropy(a, b):
        a, b = mpf(a), mpf(b)
        return a - mp.log(b) + mp.loggamma(a) + (1 - a) * mp.digamma(a)

    for regime, make in [("random shape", lambda rng: (rng.uniform(.5, 20), rng.uniform(.5, 3))),
                         ("shape ~ 1e8", lambda rng: (rng.uniform(1e8, 1e9), 1.0))]:
        case("Gamma", "entropy", regime, repeat(6, make),
             lambda a, b: mathref.Gamma(a, b).entropy(), ga_entropy,
             ("scipy.stats.gamma.entropy", lambda a, b: stats.gamma(a, scale=1 / b).entropy()),
             lambda a, b: a - np.log(b) + special.gammaln(a) + (1 - a) * special.digamma(a))

    # Beta
    def be_logpdf(a, b, x):
        a, b = mpf(a), mpf(b)
        return [(a - 1) * mp.log(v) + (b - 1) * mp.log(1 - v) - mp.log(mp.beta(a, b))
                for v in V(x)]

    def be_cdf(a, b, x):
        return [mp.betainc(mpf(a), mpf(b), 0, v, regularized=True) for v in V(x)]

    for regime, make in [("random", lambda rng: (rng.uniform(.5, 5), rng.uniform(.5, 5),
                                                 rng.uniform(0.01, 0.99, 10))),
                         ("x near 0 (1e-10)", lambda rng: (rng.uniform(.5, 5), rng.uniform(.5, 5),
                                                           rng.uniform(1e-11, 1e-10, 10)))]:
        case("Beta", "logpdf", regime, repeat(3, make),
             lambda a, b, x: mathref.Beta(a, b).logpdf(x), be_logpdf,
             ("scipy.stats.beta.logpdf", lambda a, b, x: stats.beta(a, b).logpdf(x)),
             metric="comp")
        case("Beta", "cdf", regime, repeat(3, make),
             lambda a, b, x: mathref.Beta(a, b).cdf(x), be_cdf,
             ("scipy.stats.beta.cdf", lambda a, b, x: stats.beta(a, b).cdf(x)), metric="comp")

    # Bernoulli entropy: -(1-p) log(1-p) needs log1p when p is tiny
    def bern_h(p):
        p = mpf(p)
        return -p * mp.log(p) - (1 - p) * mp.log1p(-p)

    for regime, make in [("random p", lambda rng: (rng.uniform(0.01, 0.99),)),
                         ("p ~ 1e-20", lambda rng: (rng.uniform(1e-21, 1e-19),))]:
        case("Bernoulli", "entropy", regime, repeat(10, make),
             lambda p: mathref.Bernoulli(p).entropy(), bern_h,
             ("scipy.stats.bernoulli.entropy", lambda p: stats.bernoulli(p).entropy()),
             lambda p: -p * np.log(p) - (1 - p) * np.log(1 - p))

    # MultivariateGaussian logpdf
    def mvn_logpdf(mu, S, x):
        with mp.workdps(80):
            Sm, d = MM(S), len(mu)
            out = []
            for row in np.atleast_2d(x):
                r = mp.matrix(V(row)) - mp.matrix(V(mu))
                q = (r.T * mp.lu_solve(Sm, r))[0]
                out.append(-d * mp.log(2 * mp.pi) / 2 - mp.log(mp.det(Sm)) / 2 - q / 2)
            return out

    for regime, cond in [("random d=4", 10.0), ("cov cond 1e10", 1e10)]:
        case("MultivariateGaussian", "logpdf", regime,
             repeat(3, lambda rng, c=cond: (rng.normal(size=4), spd(rng, 4, c),
                                            rng.normal(size=(5, 4)) * 1e-3)),
             lambda mu, S, x: mathref.MultivariateGaussian(mu, S).logpdf(x), mvn_logpdf,
             ("scipy.stats.multivariate_normal.logpdf",
              lambda mu, S, x: stats.multivariate_normal(mu, S).logpdf(x)),
             lambda mu, S, x: [-0.5 * (r @ np.linalg.inv(S) @ r) - 0.5 * np.log(
                 np.linalg.det(2 * np.pi * S)) for r in (x - mu)], metric="comp")

    def multinom_logpmf(n, p, x):
        p = V(p)
        return (mp.loggamma(n + 1) - mp.fsum(mp.loggamma(int(k) + 1) for k in x)
                + mp.fsum(int(k) * mp.log(q) for k, q in zip(x, p) if k))

    def multinom_gen(rng):
        out = []
        for _ in range(8):
            n = int(rng.integers(5, 2000))
            p = dirichlet(rng, 4)
            out.append((n, p, rng.multinomial(n, p)))
        return out

    case("Multinomial", "logpmf", "random n <= 2000, K = 4", multinom_gen,
         lambda n, p, x: mathref.Multinomial(n, p).logpmf(x), multinom_logpmf,
         ("scipy.stats.multinomial.logpmf", lambda n, p, x: stats.multinomial(n, p).logpmf(x)))


def statistics_cases() -> None:
    from scipy import stats

    def t_quantile(q, nu):
        nu = mpf(nu)

        def cdf(t):
            return 1 - mp.betainc(nu / 2, mpf(1) / 2, 0, nu / (nu + t * t), regularized=True) / 2
        return mp.findroot(lambda t: cdf(t) - q, mpf(float(stats.t.ppf(float(q), float(nu)))))

    def halfwidth_oracle(x, level):
        n = len(x)
        s = mp.sqrt(var_exact(x))
        return t_quantile(1 - (1 - mpf(level)) / 2, n - 1) * s / mp.sqrt(n)

    def var_exact(x):
        x = V(x)
        m = mp.fsum(x) / len(x)
        return mp.fsum((v - m) ** 2 for v in x) / (len(x) - 1)

    def half(interval):
        lo, hi = interval
        return (mpf(float(hi)) - mpf(float(lo))) / 2

    for regime, off in [("random n=30", 0.0), ("1e9 + N(0, 1)", 1e9)]:
        case("mean_confidence_interval", "half-width", regime,
             repeat(6, lambda rng, o=off: (o + rng.standard_normal(30), 0.95)),
             lambda x, lv: half(mathref.mean_confidence_interval(x, lv)), halfwidth_oracle,
             ("scipy.stats.t.interval",
              lambda x, lv: half(stats.t.interval(lv, len(x) - 1, loc=np.mean(x),
                                                  scale=stats.sem(x)))))

    def wilson_oracle(k, n, level):
        z = mp.sqrt(2) * mp.erfinv(mpf(level))
        p, n = mpf(k) / n, mpf(n)
        centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        hw = z * mp.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
        return [centre - hw, centre + hw]

    def cp_oracle(k, n, level):
        a = (1 - mpf(level)) / 2

        def beta_q(q, x, y):
            if x == 0:
                return mpf(0)
            if y == 0:
                return mpf(1)
            guess = mpf(float(stats.beta.ppf(float(q), x, y)))
            return mp.findroot(lambda t: mp.betainc(x, y, 0, t, regularized=True) - q, guess)
        return [beta_q(a, k, n - k + 1), beta_q(1 - a, k + 1, n - k)]

    def ci_peer(method):
        return lambda k, n, lv: tuple(stats.binomtest(k, n).proportion_ci(lv, method=method))

    prop = [("random k/n, n <= 1000", lambda rng: (lambda n: (int(rng.integers(1, n)), n, 0.95))(
                int(rng.integers(20, 1000)))),
            ("k <= 3, n = 1e6", lambda rng: (int(rng.integers(1, 4)), 10 ** 6, 0.95))]
    for regime, make in prop:
        case("proportion_confidence_interval", "Wilson (low, high)", regime, repeat(6, make),
             lambda k, n, lv: mathref.proportion_confidence_interval(k, n, lv, "wilson"),
             wilson_oracle, ("scipy.stats.binomtest.proportion_ci", ci_peer("wilson")),
             metric="comp")
    case("proportion_confidence_interval", "Clopper-Pearson (low, high)",
         "random k/n, n <= 200",
         repeat(4, lambda rng: (lambda n: (int(rng.integers(1, n)), n, 0.95))(
             int(rng.integers(20, 200)))),
         lambda k, n, lv: mathref.proportion_confidence_interval(k, n, lv, "clopper-pearson"),
         cp_oracle, ("scipy.stats.binomtest.proportion_ci", ci_peer("exact")), metric="comp")


# --------------------------------------------------------------------------------------
# Information theory
# --------------------------------------------------------------------------------------

def information_cases() -> None:
    from scipy import special, stats
    from scipy.spatial import distance
    from sklearn.metrics import mutual_info_score

    def kl_mp(p, q):
        return mp.fsum(a * mp.log(a / b) for a, b in zip(p, q) if a)

    def near(rng, n, rel):
        p = dirichlet(rng, n)
        q = p * (1 + rel * rng.standard_normal(n))
        return p, q / q.sum()

    ent_regimes = [("random n=20", lambda rng: (dirichlet(rng, 20),)),
                   ("half the entries 0", lambda rng: (dirichlet(rng, 20, zeros=10),)),
                   ("near-deterministic (1 - 1e-12)",
                    lambda rng: (np.r_[1 - 1e-12, np.full(4, 2.5e-13)],))]
    for regime, make in ent_regimes:
        case("entropy", "", regime, repeat(8, make), mathref.entropy, lambda p: H_mp(V(p)),
             ("scipy.stats.entropy", stats.entropy), lambda p: -np.sum(p * np.log(p)))
        case("perplexity", "", regime, repeat(8, make), mathref.perplexity,
             lambda p: mp.exp(H_mp(V(p))), ("exp(scipy.stats.entropy)",
                                            lambda p: np.exp(stats.entropy(p))),
             lambda p: np.exp(-np.sum(p * np.log(p))))

    pq_regimes = [("random n=20", lambda rng: (dirichlet(rng, 20), dirichlet(rng, 20))),
                  ("p has zeros", lambda rng: (dirichlet(rng, 20, zeros=8), dirichlet(rng, 20))),
                  ("near-equal, q = p (1 + 1e-6 d)", lambda rng: near(rng, 20, 1e-6))]
    for regime, make in pq_regimes:
        gen = repeat(8, make)
        case("cross_entropy", "", regime, gen, mathref.cross_entropy,
             lambda p, q: -mp.fsum(a * mp.log(b) for a, b in zip(V(p), V(q)) if a),
             ("-sum scipy.special.xlogy(p, q)", lambda p, q: -np.sum(special.xlogy(p, q))),
             lambda p, q: -np.sum(p * np.log(q)))
        case("kl_divergence", "", regime, gen, mathref.kl_divergence,
             lambda p, q: kl_mp(V(p), V(q)),
             ("sum scipy.special.rel_entr", lambda p, q: np.sum(special.rel_entr(p, q))),
             lambda p, q: np.sum(p * np.log(p / q)))

        def js_oracle(p, q):
            p, q = V(p), V(q)
            m = [(a + b) / 2 for a, b in zip(p, q)]
            return kl_mp(p, m) / 2 + kl_mp(q, m) / 2

        def js_naive(p, q):
            m = (p + q) / 2
            return 0.5 * np.sum(p * np.log(p / m)) + 0.5 * np.sum(q * np.log(q / m))

        case("js_divergence", "", regime, gen, mathref.js_divergence, js_oracle,
             ("scipy jensenshannon(p, q)**2", lambda p, q: distance.jensenshannon(p, q) ** 2),
             js_naive)

    def joint_counts(rng, mode):
        """A joint table whose entries are exact binary fractions (counts / 2**30)."""
        N = 2 ** 30
        px, py = dirichlet(rng, 4), dirichlet(rng, 5)
        if mode == "random":
            C = rng.multinomial(N, dirichlet(rng, 20)).reshape(4, 5)
        elif mode == "independent":
            C = np.round(np.outer(px, py) * N * (1 + 1e-6 * rng.standard_normal((4, 5)))
                         ).astype(np.int64)
            C[np.unravel_index(np.argmax(C), C.shape)] += N - C.sum()
        else:  # near-deterministic: Y is almost a function of X
            C = np.zeros((4, 5), dtype=np.int64)
            C[np.arange(4), np.arange(4)] = rng.multinomial(N - 40, px)
            C[np.arange(4), 4] = 10
        return (C / N, C)

    def mi_oracle(J, C):
        J = [[mpf(float(v)) for v in row] for row in J]
        px = [mp.fsum(r) for r in J]
        py = [mp.fsum(J[i][j] for i in range(len(J))) for j in range(len(J[0]))]
        return mp.fsum(J[i][j] * mp.log(J[i][j] / (px[i] * py[j]))
                       for i in range(len(J)) for j in range(len(J[0])) if J[i][j])

    def H_np(p):
        p = p[p > 0]
        return -np.sum(p * np.log(p))

    def cond_oracle(J, C):
        J = [[mpf(float(v)) for v in row] for row in J]
        return -mp.fsum(v * mp.log(v / mp.fsum(row)) for row in J for v in row if v)

    for regime, mode in [("random 4x5", "random"), ("near-independent (I ~ 1e-13)",
                                                    "independent"),
                         ("near-deterministic", "deterministic")]:
        gen = repeat(5, lambda rng, m=mode: joint_counts(rng, m))
        case("mutual_information", "", regime, gen, lambda J, C: mathref.mutual_information(J),
             mi_oracle, ("sklearn mutual_info_score(contingency=counts)",
                         lambda J, C: mutual_info_score(None, None, contingency=C)),
             lambda J, C: H_np(J.sum(1)) + H_np(J.sum(0)) - H_np(J.ravel()))
        case("joint_entropy", "", regime, gen, lambda J, C: mathref.joint_entropy(J),
             lambda J, C: H_mp(V(J)), ("scipy.stats.entropy(joint.ravel())",
                                       lambda J, C: stats.entropy(J.ravel())))
        case("conditional_entropy", "", regime, gen,
             lambda J, C: mathref.conditional_entropy(J), cond_oracle, None,
             lambda J, C: H_np(J.ravel()) - H_np(J.sum(1)))

    def ig_oracle(parent, children):
        def H(c):
            n = sum(c)
            return -mp.fsum(mpf(k) / n * mp.log(mpf(k) / n, 2) for k in c if k)
        N = sum(parent)
        return H(parent) - mp.fsum(mpf(sum(ch)) / N * H(ch) for ch in children)

    def ig_gen(rng):
        out = []
        for _ in range(8):
            children = rng.integers(0, 50, (3, 4))
            out.append((children.sum(0), children))
        return out

    case("information_gain", "", "random 3 children x 4 classes", ig_gen,
         mathref.information_gain, ig_oracle, None)

    def klg_oracle(m1, S1, m2, S2):
        with mp.workdps(80):
            A, B = MM(S1), MM(S2)
            d = mp.matrix(V(m2)) - mp.matrix(V(m1))
            k = len(m1)
            tr = mp.fsum((mp.lu_solve(B, A[:, j]))[j] for j in range(k))
            quad = (d.T * mp.lu_solve(B, d))[0]
            return (tr + quad - k + mp.log(mp.det(B) / mp.det(A))) / 2

    def klg_naive(m1, S1, m2, S2):
        Bi = np.linalg.inv(S2)
        d = m2 - m1
        return 0.5 * (np.trace(Bi @ S1) + d @ Bi @ d - len(m1)
                      + np.log(np.linalg.det(S2) / np.linalg.det(S1)))

    def klg_gen(kind):
        def make(rng):
            S1 = spd(rng, 4, 1e8 if kind == "ill" else 10.0)
            m1 = rng.normal(size=4)
            if kind == "near":
                E = rng.normal(size=(4, 4)) * 1e-8
                return (m1, S1, m1 + 1e-8 * rng.normal(size=4), S1 + (E + E.T) / 2)
            return (m1, S1, rng.normal(size=4), spd(rng, 4, 1e8 if kind == "ill" else 10.0))
        return repeat(4, make)

    for regime, kind in [("random d=4", "random"), ("near-equal (D ~ 1e-16)", "near"),
                         ("covariances cond 1e8", "ill")]:
        case("kl_divergence_gaussian", "", regime, klg_gen(kind), mathref.kl_divergence_gaussian,
             klg_oracle, None, klg_naive)


# --------------------------------------------------------------------------------------
# Losses and activations
# --------------------------------------------------------------------------------------

def _softmax_naive(z: np.ndarray) -> np.ndarray:
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def losses_cases() -> None:
    from scipy import special
    from sklearn.metrics import hinge_loss, log_loss, mean_squared_error

    logits = [("random N(0, 5^2), n=20", lambda rng: (rng.normal(0, 5, 20),)),
              ("logits in [-1000, 1000]", lambda rng: (rng.uniform(-1000, 1000, 20),)),
              ("one dominant logit (LSE ~ 1e-18)",
               lambda rng: (np.r_[0.0, rng.uniform(-45, -40, 5)],))]
    for regime, make in logits:
        gen = repeat(10, make)
        case("logsumexp", "", regime, gen, mathref.logsumexp, lambda a: mlog_sum_exp(V(a)),
             ("scipy.special.logsumexp", special.logsumexp), lambda a: np.log(np.sum(np.exp(a))))
        case("softmax", "", regime, gen, mathref.softmax,
             lambda z: (lambda zz, lse: [mp.exp(v - lse) for v in zz])(V(z), mlog_sum_exp(V(z))),
             ("scipy.special.softmax", special.softmax), _softmax_naive, metric="norm")
        case("log_softmax", "", regime, gen, mathref.log_softmax, log_softmax_mp,
             ("scipy.special.log_softmax", special.log_softmax),
             lambda z: np.log(_softmax_naive(z)), metric="comp")

    def sig_mp(x):
        return [1 / (1 + mp.exp(-v)) for v in V(x)]

    def logsig_mp(x):
        return [-mp.log1p(mp.exp(-v)) for v in V(x)]

    for regime, lo, hi, metric in [("x in [-30, 30]", -30, 30, "comp"),
                                   ("x in [-700, 700]", -700, 700, "comp"),
                                   ("x in [-1000, 1000]", -1000, 1000, "norm")]:
        gen = repeat(6, lambda rng, a=lo, b=hi: (rng.uniform(a, b, 30),))
        case("sigmoid", "", regime, gen, mathref.sigmoid, sig_mp,
             ("scipy.special.expit", special.expit), lambda x: 1 / (1 + np.exp(-x)),
             metric=metric)
        case("log_sigmoid", "", regime, gen, mathref.log_sigmoid, logsig_mp,
             ("scipy.special.log_expit", special.log_expit),
             lambda x: np.log(1 / (1 + np.exp(-x))), metric="comp")

    def bce_mp(y, p):
        return -mp.fsum(a * mp.log(b) + (1 - a) * mp.log1p(-b)
                        for a, b in zip(V(y), V(p))) / len(y)

    def bce_naive(y, p):
        return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))

    bce = [("random", lambda rng: (rng.integers(0, 2, 30).astype(float),
                                   rng.uniform(.01, .99, 30))),
           ("y = 1, p in [1e-300, 1e-10]",
            lambda rng: (np.ones(30), 10.0 ** rng.uniform(-300, -10, 30))),
           ("y = 0, p in [1e-300, 1e-10] (loss ~ 1e-11)",
            lambda rng: (np.zeros(30), 10.0 ** rng.uniform(-300, -10, 30)))]
    for regime, make in bce:
        case("binary_cross_entropy", "", regime, repeat(6, make),
             mathref.binary_cross_entropy, bce_mp,
             ("sklearn log_loss", lambda y, p: log_loss(y, p, labels=[0, 1])), bce_naive,
             note="sklearn.log_loss clips p to [eps, 1 - eps]")

    def bcel_mp(y, z):
        return mp.fsum(max(v, 0) - a * v + mp.log1p(mp.exp(-abs(v)))
                       for a, v in zip(V(y), V(z))) / len(y)

    bcel = [("random logits N(0, 3^2)", lambda rng: (rng.integers(0, 2, 30).astype(float),
                                                     rng.normal(0, 3, 30))),
            ("logits in [-1000, 1000]", lambda rng: (rng.integers(0, 2, 30).astype(float),
                                                     rng.uniform(-1000, 1000, 30))),
            ("confident and right (loss ~ 1e-18)",
             lambda rng: (lambda y: (y, (2 * y - 1) * rng.uniform(40, 45, 30)))(
                 rng.integers(0, 2, 30).astype(float)))]
    for regime, make in bcel:
        case("binary_cross_entropy_with_logits", "", regime, repeat(6, make),
             mathref.binary_cross_entropy_with_logits, bcel_mp,
             ("scipy.special.log_expit, composed",
              lambda y, z: -np.mean(y * special.log_expit(z) + (1 - y) * special.log_expit(-z))),
             lambda y, z: bce_naive(y, 1 / (1 + np.exp(-z))))

    def cce_mp(labels, z):
        return mp.fsum(mlog_sum_exp(V(row)) - mpf(float(row[c]))
                       for c, row in zip(labels, z)) / len(labels)

    for regime, scale in [("random logits N(0, 3^2), 10x5", 3.0),
                          ("logits ~ +-1000", 1000.0)]:
        case("categorical_cross_entropy", "", regime,
             repeat(6, lambda rng, s=scale: (rng.integers(0, 5, 10),
                                             rng.uniform(-s, s, (10, 5)))),
             mathref.categorical_cross_entropy, cce_mp,
             ("scipy.special.log_softmax, composed",
              lambda y, z: -np.mean(special.log_softmax(z, axis=1)[np.arange(len(y)), y])),
             lambda y, z: -np.mean(np.log(_softmax_naive(z))[np.arange(len(y)), y]))

    for regime, off in [("random", 0.0), ("targets ~ 1e9, unit residuals", 1e9)]:
        gen = repeat(8, lambda rng, o=off: (lambda y: (y, y + rng.standard_normal(50)))(
            o + rng.standard_normal(50)))
        case("mean_squared_error", "", regime, gen, mathref.mean_squared_error,
             lambda y, yh: mp.fsum((a - b) ** 2 for a, b in zip(V(y), V(yh))) / len(y),
             ("sklearn mean_squared_error", mean_squared_error))

        def huber_mp(y, yh, delta=1.0):
            out = []
            for a, b in zip(V(y), V(yh)):
                r = abs(a - b)
                out.append(r * r / 2 if r <= delta else delta * (r - mpf(delta) / 2))
            return mp.fsum(out) / len(y)

        case("huber_loss", "", regime, gen, mathref.huber_loss, huber_mp,
             ("scipy.special.huber", lambda y, yh: np.mean(special.huber(1.0, y - yh))))

    case("hinge_loss", "", "random",
         repeat(8, lambda rng: (rng.choice([-1.0, 1.0], 40), rng.normal(0, 2, 40))),
         mathref.hinge_loss,
         lambda y, s: mp.fsum(max(mpf(0), 1 - a * b) for a, b in zip(V(y), V(s))) / len(y),
         ("sklearn hinge_loss", hinge_loss))


# --------------------------------------------------------------------------------------
# Calculus
# --------------------------------------------------------------------------------------

# f, its first and second derivative in mpmath
FUNCS = {
    "sin": (np.sin, mp.cos, lambda x: -mp.sin(x)),
    "exp": (np.exp, mp.exp, mp.exp),
    "log": (np.log, lambda x: 1 / x, lambda x: -1 / x ** 2),
    "atan": (np.arctan, lambda x: 1 / (1 + x * x), lambda x: -2 * x / (1 + x * x) ** 2),
}


def _g(x: np.ndarray) -> Any:
    """g(x) = sum_i sin x_i + log(1 + x_0^2 + x_1^2) + x_2 sin(x_3) / 2.

    Vectorised along trailing axes (SciPy's convention); its derivatives stay well
    conditioned at large |x| (|g| grows like |x|, not |x|^2).
    """
    return (np.sum(np.sin(x), axis=0) + np.log1p(x[0] ** 2 + x[1] ** 2)
            + x[2] * np.sin(x[3]) / 2)


def _g_grad_mp(x: list[Any]) -> list[Any]:
    r = 1 + x[0] ** 2 + x[1] ** 2
    g = [mp.cos(v) for v in x]
    g[0] += 2 * x[0] / r
    g[1] += 2 * x[1] / r
    g[2] += mp.sin(x[3]) / 2
    g[3] += x[2] * mp.cos(x[3]) / 2
    return g


def _g_hess_mp(x: list[Any]) -> list[list[Any]]:
    r = 1 + x[0] ** 2 + x[1] ** 2
    H = [[mpf(0)] * 4 for _ in range(4)]
    for i in range(4):
        H[i][i] = -mp.sin(x[i])
    H[0][0] += 2 / r - 4 * x[0] ** 2 / r ** 2
    H[1][1] += 2 / r - 4 * x[1] ** 2 / r ** 2
    H[0][1] = H[1][0] = -4 * x[0] * x[1] / r ** 2
    H[2][3] = H[3][2] = mp.cos(x[3]) / 2
    H[3][3] += -x[2] * mp.sin(x[3]) / 2
    return H


def _F(x: np.ndarray) -> np.ndarray:
    return np.stack([np.sin(x[0]) * x[1], np.log1p(x[1] ** 2) + x[2] ** 2, x[0] * x[2]])


def _J_mp(x: list[Any]) -> list[list[Any]]:
    a, b, c = x
    return [[mp.cos(a) * b, mp.sin(a), 0], [0, 2 * b / (1 + b * b), 2 * c], [c, 0, a]]


def calculus_cases() -> None:
    import scipy.differentiate as sd
    from scipy import integrate as si

    def deriv_gen(lo, hi, name, k=6):
        def gen(rng):
            return [(name, float(np.exp(rng.uniform(np.log(lo), np.log(hi))))
                     * (1 if name == "log" else float(rng.choice([-1, 1]))))
                    for _ in range(k)]
        return gen

    d_regimes = [("random x in [0.5, 10]", 0.5, 10.0, ["sin", "exp", "log", "atan"]),
                 ("large |x| in [1e5, 1e10]", 1e5, 1e10, ["sin", "log"]),
                 ("large |x| in [1e5, 1e10], f' ~ 1e-20 below the rounding of f",
                  1e5, 1e10, ["atan"])]
    for regime, lo, hi, names in d_regimes:
        for name in names:
            gen = deriv_gen(lo, hi, name)
            label = f"{name}, {regime}"
            note = ("ill-conditioned: eps |f| / h exceeds |f'| for every usable step h"
                    if name == "atan" and lo > 1 else "")
            case("derivative", "order 1", label, gen,
                 lambda name, x: mathref.derivative(FUNCS[name][0], x),
                 lambda name, x: FUNCS[name][1](mpf(x)),
                 ("scipy.differentiate.derivative",
                  lambda name, x: sd.derivative(FUNCS[name][0], x).df),
                 lambda name, x: (FUNCS[name][0](x + 1e-5) - FUNCS[name][0](x - 1e-5)) / 2e-5,
                 note=note or "naive: central difference, h = 1e-5")
            case("derivative", "order 2", label, gen,
                 lambda name, x: mathref.derivative(FUNCS[name][0], x, order=2),
                 lambda name, x: FUNCS[name][2](mpf(x)),
                 ("scipy.differentiate.hessian (1-D)",
                  lambda name, x: sd.hessian(lambda t: FUNCS[name][0](t[0]), [x]).ddf[0, 0]),
                 lambda name, x: (FUNCS[name][0](x + 1e-4) - 2 * FUNCS[name][0](x)
                                  + FUNCS[name][0](x - 1e-4)) / 1e-8,
                 note=note or "naive: second difference, h = 1e-4")

    def grad_gen(lo, hi):
        return repeat(4, lambda rng: (rng.uniform(lo, hi, 4) * rng.choice([-1, 1], 4),))

    g_note = "g = sum sin x_i + log(1 + x_0^2 + x_1^2) + x_2 sin(x_3) / 2"
    g_regimes = [("random x in [-3, 3]^4", 0.0, 3.0), ("large |x| in [1e4, 1e6]", 1e4, 1e6)]
    for regime, lo, hi in g_regimes:
        gen = grad_gen(lo, hi)
        case("gradient", "", regime, gen, lambda x: mathref.gradient(_g, x),
             lambda x: _g_grad_mp(V(x)),
             ("scipy.differentiate.jacobian", lambda x: sd.jacobian(_g, x).df),
             lambda x: np.array([(_g(x + 1e-6 * e) - _g(x - 1e-6 * e)) / 2e-6
                                 for e in np.eye(len(x))]), metric="norm",
             note=g_note + "; naive: central difference, h = 1e-6")
        case("hessian", "", regime, gen, lambda x: mathref.hessian(_g, x),
             lambda x: _g_hess_mp(V(x)),
             ("scipy.differentiate.hessian", lambda x: sd.hessian(_g, x).ddf),
             metric="norm", note=g_note)
        case("laplacian", "", regime, gen, lambda x: mathref.laplacian(_g, x),
             lambda x: (lambda H: mp.fsum(H[i][i] for i in range(4)))(_g_hess_mp(V(x))),
             ("trace of scipy.differentiate.hessian",
              lambda x: np.trace(sd.hessian(_g, x).ddf)), note=g_note)

        def dd_oracle(x, v):
            g = _g_grad_mp(V(x))
            u = V(v)
            return mdot(g, u) / mp.sqrt(mdot(u, u))

        def dd_peer(x, v):
            u = v / np.linalg.norm(v)

            def along(t):
                t = np.asarray(t)
                shape = (-1,) + (1,) * t.ndim
                return _g(x.reshape(shape) + u.reshape(shape) * t)
            return sd.derivative(along, 0.0).df

        case("directional_derivative", "", regime,
             lambda rng, g=gen: [(x, rng.standard_normal(4)) for (x,) in g(rng)],
             lambda x, v: mathref.directional_derivative(_g, x, v), dd_oracle,
             ("scipy.differentiate.derivative along u", dd_peer), note=g_note)

        gen3 = repeat(4, lambda rng, a=lo, b=hi: (rng.uniform(max(a, .1), b, 3)
                                                  * rng.choice([-1, 1], 3),))
        F_note = "F = (x_1 sin x_0, log(1 + x_1^2) + x_2^2, x_0 x_2)"
        case("jacobian", "", regime, gen3, lambda x: mathref.jacobian(_F, x),
             lambda x: _J_mp(V(x)),
             ("scipy.differentiate.jacobian", lambda x: sd.jacobian(_F, x).df), metric="norm",
             note=F_note)
        case("divergence", "", regime, gen3, lambda x: mathref.divergence(_F, x),
             lambda x: (lambda J: J[0][0] + J[1][1] + J[2][2])(_J_mp(V(x))),
             ("trace of scipy.differentiate.jacobian",
              lambda x: np.trace(sd.jacobian(_F, x).df)), note=F_note)

    integrals = {
        "exp on [0, 1]": (np.exp, mp.exp, 0.0, 1.0),
        "1/(1+x^2) on [-5, 5]": (lambda t: 1 / (1 + t * t), lambda t: 1 / (1 + t * t), -5.0, 5.0),
        "peak exp(-1e4 x^2) on [-1, 1]": (lambda t: np.exp(-1e4 * t * t),
                                          lambda t: mp.exp(-10 ** 4 * t * t), -1.0, 1.0),
        "oscillatory cos(50 x) on [0, 10]": (lambda t: np.cos(50 * t), lambda t: mp.cos(50 * t),
                                             0.0, 10.0),
        "end-point singularity 1/sqrt(x) on [0, 1]": (lambda t: 1 / np.sqrt(t),
                                                       lambda t: 1 / mp.sqrt(t), 0.0, 1.0),
        "log(x) on [0, 1]": (np.log, mp.log, 0.0, 1.0),
        "exp(-x^2) on (-inf, inf)": (lambda t: np.exp(-t * t), lambda t: mp.exp(-t * t),
                                     -np.inf, np.inf),
    }
    for regime, (f, fm, a, b) in integrals.items():
        case("integrate", "", regime, lambda rng, a=a, b=b: [(a, b)],
             lambda a, b, f=f: mathref.integrate(f, a, b),
             lambda a, b, fm=fm: mp.quad(fm, [mpf(a), 0, mpf(b)] if a < 0 < b else
                                         [mpf(a), mpf(b)], maxdegree=10),
             ("scipy.integrate.quad", lambda a, b, f=f: si.quad(f, a, b, limit=200)[0]),
             note="peer at its default tolerances (epsrel 1.5e-8); mathref at rtol 1e-10")

    def trap_mp(y, x):
        y, x = V(y), V(x)
        return mp.fsum((x[i + 1] - x[i]) * (y[i] + y[i + 1]) / 2 for i in range(len(y) - 1))

    def simpson_mp(y, x):
        y, x = V(y), V(x)
        total = mpf(0)
        for i in range(0, len(y) - 2, 2):
            h0, h1 = x[i + 1] - x[i], x[i + 2] - x[i + 1]
            total += (h0 + h1) / 6 * ((2 - h1 / h0) * y[i] + (h0 + h1) ** 2 / (h0 * h1) * y[i + 1]
                                      + (2 - h0 / h1) * y[i + 2])
        return total

    def samples_gen(rng):
        out = []
        for _ in range(6):
            x = np.sort(rng.uniform(0, 10, 41))
            out.append((np.sin(x) + rng.normal(0, 0.1, 41), x))
        return out

    case("trapezoid", "", "41 uneven points", samples_gen, mathref.trapezoid, trap_mp,
         ("scipy.integrate.trapezoid", lambda y, x: si.trapezoid(y, x=x)))
    case("simpson", "", "41 uneven points (odd N)", samples_gen, mathref.simpson, simpson_mp,
         ("scipy.integrate.simpson", lambda y, x: si.simpson(y, x=x)))


# --------------------------------------------------------------------------------------
# Fourier analysis
# --------------------------------------------------------------------------------------

def _dft_mp(x: Any, sign: int = -1, scale: Any = 1) -> list[Any]:
    x = V(x)
    N = len(x)
    roots = [mp.expjpi(sign * 2 * mpf(k) / N) for k in range(N)]
    return [mp.fsum(x[n] * roots[(k * n) % N] for n in range(N)) * scale for k in range(N)]


def fourier_cases() -> None:
    import scipy.linalg as sla
    from scipy import integrate as si

    def naive_dft(x):
        N = len(x)
        k = np.arange(N)
        return np.exp(-2j * np.pi * np.outer(k, k) / N) @ x

    for regime, N, cplx in [("N = 64, real", 64, False), ("N = 97 (prime), complex", 97, True),
                            ("N = 512, real", 512, False)]:
        def gen(rng, N=N, cplx=cplx):
            return [(rng.standard_normal(N) + (1j * rng.standard_normal(N) if cplx else 0),)
                    for _ in range(2 if N > 100 else 4)]
        case("dft", "", regime, gen, mathref.dft, _dft_mp, ("numpy.fft.fft", np.fft.fft),
             naive_dft, metric="norm", note="naive: the O(N^2) sum with exp(-2 pi i k n / N)")
        if N < 500:
            case("idft", "", regime, gen, mathref.idft, lambda X: _dft_mp(X, 1, mpf(1) / len(X)),
                 ("numpy.fft.ifft", np.fft.ifft),
                 lambda X: np.conj(naive_dft(np.conj(X))) / len(X), metric="norm")
            case("power_spectrum", "", regime, gen, mathref.power_spectrum,
                 lambda x: [abs(v) ** 2 / len(x) for v in _dft_mp(x)],
                 ("|numpy.fft.fft|^2 / N", lambda x: np.abs(np.fft.fft(x)) ** 2 / len(x)),
                 metric="norm")
            case("parseval_energies", "(time, frequency)", regime, gen,
                 mathref.parseval_energies,
                 lambda x: [mp.fsum(abs(v) ** 2 for v in V(x))] * 2,
                 ("numpy sums of |x|^2 and |fft|^2 / N",
                  lambda x: (np.sum(np.abs(x) ** 2), np.sum(np.abs(np.fft.fft(x)) ** 2) / len(x))),
                 metric="comp")

    def dftm_oracle(n):
        roots = [mp.expjpi(-2 * mpf(k) / n) for k in range(n)]
        return [[roots[(k * m) % n] for m in range(n)] for k in range(n)]

    for n in (16, 256):
        case("dft_matrix", "", f"n = {n}", lambda rng, n=n: [(n,)], mathref.dft_matrix,
             dftm_oracle, ("scipy.linalg.dft", sla.dft),
             lambda n: np.exp(-2j * np.pi * np.outer(np.arange(n), np.arange(n)) / n),
             metric="norm")

    def conv_mp(x, y):
        x, y = V(x), V(y)
        n, m = len(x), len(y)
        return [mp.fsum(x[i] * y[k - i] for i in range(max(0, k - m + 1), min(n, k + 1)))
                for k in range(n + m - 1)]

    def circ_mp(x, y):
        x, y = V(x), V(y)
        n = len(x)
        return [mp.fsum(x[i] * y[(k - i) % n] for i in range(n)) for k in range(n)]

    conv_regimes = [("random n=50, m=30", lambda rng: (rng.standard_normal(50),
                                                       rng.standard_normal(30)), "norm"),
                    ("decaying exp(-n/3): entries over 30 decades",
                     lambda rng: (np.exp(-np.arange(60) / 3.0), np.exp(-np.arange(60) / 3.0)),
                     "comp")]
    for regime, make, metric in conv_regimes:
        case("convolve", "", regime, repeat(4, make), mathref.convolve, conv_mp,
             ("numpy.convolve", np.convolve), metric=metric)
    for regime, make, metric in [("random n=64", lambda rng: (rng.standard_normal(64),
                                                              rng.standard_normal(64)), "norm")]:
        case("circular_convolve", "", regime, repeat(4, make), mathref.circular_convolve,
             circ_mp, ("real(ifft(fft(x) fft(y)))",
                       lambda x, y: np.real(np.fft.ifft(np.fft.fft(x) * np.fft.fft(y)))),
             metric=metric)

    gauss = lambda t: np.exp(-np.pi * t * t)  # noqa: E731

    def ft_peer(xi):
        return 2 * si.quad(gauss, 0, np.inf, weight="cos", wvar=2 * np.pi * xi)[0] if xi else \
            si.quad(gauss, -np.inf, np.inf)[0]

    for regime, lo, hi, metric in [
            ("xi in [0, 2]", 0.0, 2.0, "rel"),
            ("xi in [3, 4] (values 1e-13..1e-22)", 3.0, 4.0, "rel"),
            ("xi in [3, 4], absolute error", 3.0, 4.0, "abs")]:
        case("fourier_transform", "exp(-pi x^2)", regime,
             lambda rng, a=lo, b=hi: [(float(v),) for v in rng.uniform(a, b, 4)],
             lambda xi: mathref.fourier_transform(gauss, xi), lambda xi: mp.exp(-mp.pi * xi * xi),
             ("scipy.integrate.quad (weight='cos')", ft_peer), metric=metric,
             note="a quadrature sums values of size 1 to get 1e-22: its absolute error "
                  "(~1e-17) is the meaningful measure here" if lo >= 3 else "")

    def fs_peer(f, K, T, N=256):
        x = np.arange(N) * T / N
        c = np.fft.fft(f(x)) / N
        return np.r_[c[-K:], c[:K + 1]]

    case("fourier_series_coefficients", "exp(cos x), K = 10", "smooth periodic",
         lambda rng: [(10,)], lambda K: mathref.fourier_series_coefficients(
             lambda t: np.exp(np.cos(t)), K),
         lambda K: [mp.besseli(abs(k), 1) for k in range(-K, K + 1)],
         ("numpy.fft.fft of 256 samples / N", lambda K: fs_peer(lambda t: np.exp(np.cos(t)),
                                                                 K, 2 * np.pi)),
         metric="norm")


# --------------------------------------------------------------------------------------
# Analysis
# --------------------------------------------------------------------------------------

def analysis_cases() -> None:
    from scipy.spatial import distance
    from sklearn.metrics.pairwise import rbf_kernel as sk_rbf

    def euc_mp(x, y):
        return mp.sqrt(mp.fsum((a - b) ** 2 for a, b in zip(V(x), V(y))))

    for regime, scale, off in [("random n=10", 1.0, 0.0), ("|x| ~ 1e200", 1e200, 0.0),
                               ("|x| ~ 1e-200", 1e-200, 0.0)]:
        case("euclidean_distance", "", regime,
             repeat(10, lambda rng, s=scale: (rng.standard_normal(10) * s,
                                              rng.standard_normal(10) * s)),
             mathref.euclidean_distance, euc_mp,
             ("scipy.spatial.distance.euclidean", distance.euclidean),
             lambda x, y: np.sqrt(np.sum((x - y) ** 2)))

    def cosd_mp(x, y):
        x, y = V(x), V(y)
        return 1 - mdot(x, y) / mp.sqrt(mdot(x, x) * mdot(y, y))

    for regime, make in [("random n=10", lambda rng: (rng.standard_normal(10),
                                                      rng.standard_normal(10))),
                         ("near-parallel (d ~ 1e-18)",
                          lambda rng: (lambda x: (x, x * 3 + 1e-9 * rng.standard_normal(10)))(
                              rng.standard_normal(10)))]:
        case("cosine_distance", "", regime, repeat(10, make), mathref.cosine_distance, cosd_mp,
             ("scipy.spatial.distance.cosine", distance.cosine),
             lambda x, y: 1 - np.dot(x, y) / (np.linalg.norm(x) * np.linalg.norm(y)),
             same_method=False, note="scipy computes 1 - cos; mathref the half squared chord")

    def maha_mp(x, y, S):
        with mp.workdps(80):
            d = mp.matrix(V(x)) - mp.matrix(V(y))
            return mp.sqrt((d.T * mp.lu_solve(MM(S), d))[0])

    for regime, cond in [("random d=4", 10.0), ("cov cond 1e12", 1e12)]:
        case("mahalanobis_distance", "", regime,
             repeat(6, lambda rng, c=cond: (rng.standard_normal(4), rng.standard_normal(4),
                                            spd(rng, 4, c))),
             mathref.mahalanobis_distance, maha_mp,
             ("scipy mahalanobis(x, y, inv(cov))",
              lambda x, y, S: distance.mahalanobis(x, y, np.linalg.inv(S))),
             lambda x, y, S: np.sqrt((x - y) @ np.linalg.inv(S) @ (x - y)),
             same_method=False, note="peer needs the explicit inverse; mathref uses Cholesky")

    def kern_mp(X, Y, gamma, kind):
        out = []
        for x in X:
            row = []
            for y in Y:
                d2 = mp.fsum((a - b) ** 2 for a, b in zip(V(x), V(y)))
                row.append(mp.exp(-mpf(gamma) * d2) if kind == "rbf"
                           else 1 / (1 + mpf(gamma) * d2))
            out.append(row)
        return out

    def sqdist_expanded(X, Y):
        return (np.sum(X * X, 1)[:, None] + np.sum(Y * Y, 1)[None, :] - 2 * X @ Y.T)

    for regime, off in [("random 6x3 vs 5x3", 0.0), ("points ~ 1e6 + N(0, 1)", 1e6)]:
        gen = repeat(3, lambda rng, o=off: (o + rng.standard_normal((6, 3)),
                                            o + rng.standard_normal((5, 3)), 0.5))
        case("rbf_kernel", "", regime, gen, mathref.rbf_kernel,
             lambda X, Y, g: kern_mp(X, Y, g, "rbf"),
             ("sklearn rbf_kernel", lambda X, Y, g: sk_rbf(X, Y, gamma=g)),
             lambda X, Y, g: np.exp(-g * sqdist_expanded(X, Y)), metric="comp",
             note="naive: |x|^2 + |y|^2 - 2 x.y")
        case("cauchy_kernel", "", regime, gen, mathref.cauchy_kernel,
             lambda X, Y, g: kern_mp(X, Y, g, "cauchy"), None,
             lambda X, Y, g: 1 / (1 + g * sqdist_expanded(X, Y)), metric="comp")


# --------------------------------------------------------------------------------------
# Optimization
# --------------------------------------------------------------------------------------

def optimization_cases() -> None:
    def simplex_mp(v):
        v = V(v)
        u = sorted(v, reverse=True)
        cs = mpf(0)
        theta = mpf(0)
        for j, uj in enumerate(u, 1):
            cs += uj
            t = (cs - 1) / j
            if uj > t:
                theta = t
        return [max(x - theta, mpf(0)) for x in v]

    def simplex_naive(v):
        u = np.sort(v)[::-1]
        css = np.cumsum(u) - 1
        rho = np.nonzero(u > css / np.arange(1, len(v) + 1))[0][-1]
        return np.maximum(v - css[rho] / (rho + 1), 0)

    for regime, scale in [("random n=20", 1.0), ("entries ~ 1e4 apart", 1e4)]:
        case("project_onto_simplex", "", regime,
             repeat(8, lambda rng, s=scale: (rng.standard_normal(20) * s,)),
             mathref.project_onto_simplex, simplex_mp, None, simplex_naive, metric="norm")

    def ball_mp(v, r):
        v = V(v)
        n = mp.sqrt(mdot(v, v))
        return v if n <= r else [mpf(r) * x / n for x in v]

    for regime, scale in [("random n=10, r = 1", 1.0), ("|v| ~ 1e200", 1e200)]:
        case("project_onto_ball", "", regime,
             repeat(8, lambda rng, s=scale: (rng.standard_normal(10) * s * 3, 1.0)),
             mathref.project_onto_ball, ball_mp, None,
             lambda v, r: r * v / np.sqrt(np.sum(v * v)), metric="norm")

    def msl_mp(H):
        E, _ = mp.eigsy(MM(H))
        return 2 / max(E[i] for i in range(E.rows))

    for regime, cond in [("random SPD 6x6", 10.0), ("cond 1e12", 1e12)]:
        case("max_stable_learning_rate", "", regime,
             repeat(4, lambda rng, c=cond: (spd(rng, 6, c) * 10,)),
             mathref.max_stable_learning_rate, msl_mp,
             ("2 / numpy.linalg.eigvalsh(H)[-1]", lambda H: 2 / np.linalg.eigvalsh(H)[-1]))

    def qp_mp(Q, c, A, b):
        with mp.workdps(80):
            n, m = len(c), len(b)
            K = mp.matrix(n + m, n + m)
            Qm, Am = MM(Q), MM(A)
            for i in range(n):
                for j in range(n):
                    K[i, j] = Qm[i, j]
            for i in range(m):
                for j in range(n):
                    K[n + i, j] = K[j, n + i] = Am[i, j]
            rhs = mp.matrix([-v for v in V(c)] + V(b))
            return [+v for v in mp.lu_solve(K, rhs)]

    def qp_peer(Q, c, A, b):
        m = len(b)
        K = np.block([[Q, A.T], [A, np.zeros((m, m))]])
        return np.linalg.solve(K, np.r_[-c, b])

    for regime, cond in [("random n=6, m=2", 10.0), ("Q cond 1e8", 1e8)]:
        case("solve_equality_qp", "(x, lambda)", regime,
             repeat(4, lambda rng, c=cond: (spd(rng, 6, c), rng.standard_normal(6),
                                            rng.standard_normal((2, 6)), rng.standard_normal(2))),
             lambda Q, c, A, b: np.r_[tuple(mathref.solve_equality_qp(Q, c, A, b))], qp_mp,
             ("numpy.linalg.solve of the KKT matrix", qp_peer), metric="norm")

    def maxent_mp(values, mean):
        x = V(values)
        mu = mpf(mean)

        def m_of(lam):
            w = [mp.exp(lam * v) for v in x]
            return mdot(w, x) / mp.fsum(w) - mu
        lo, hi = mpf(-1e4), mpf(1e4)
        for _ in range(250):  # the mean is increasing in lambda: bisection
            mid = (lo + hi) / 2
            lo, hi = (mid, hi) if m_of(mid) < 0 else (lo, mid)
        lam = (lo + hi) / 2
        w = [mp.exp(lam * v) for v in x]
        z = mp.fsum(w)
        return [v / z for v in w]

    for regime, make in [("random values, mean inside",
                          lambda rng: (lambda x: (x, float(np.mean(x) + 0.3 * np.std(x))))(
                              rng.uniform(0, 5, 8))),
                         ("mean near the largest value",
                          lambda rng: (np.arange(8.0), 7 - 1e-3))]:
        case("max_entropy_distribution", "", regime, repeat(3, make),
             mathref.max_entropy_distribution, maxent_mp, None, metric="norm")


# --------------------------------------------------------------------------------------
# Diagnostics
# --------------------------------------------------------------------------------------

def diagnostics_cases() -> None:
    from sklearn import metrics as skm
    from sklearn.manifold import trustworthiness as sk_trust

    def binary(rng, n=200):
        p = rng.uniform(0, 1, n)
        return ((rng.uniform(size=n) < p).astype(int), p)

    gen = repeat(6, binary)
    case("brier_score", "", "random n=200", gen, mathref.brier_score,
         lambda y, p: mp.fsum((b - a) ** 2 for a, b in zip(V(y), V(p))) / len(y),
         ("sklearn brier_score_loss", skm.brier_score_loss))

    def auc_exact(y, s):
        pos = [v for v, t in zip(s, y) if t == 1]
        neg = [v for v, t in zip(s, y) if t == 0]
        tot = sum((a > b) * 2 + (a == b) for a in pos for b in neg)
        return Fraction(tot, 2 * len(pos) * len(neg))

    for regime, rnd in [("random scores, n=200", None), ("scores rounded (many ties)", 1)]:
        case("roc_auc", "", regime,
             repeat(4, lambda rng, r=rnd: (lambda y, p: (y, p if r is None else np.round(p, r)))(
                 *binary(rng))),
             mathref.roc_auc, auc_exact, ("sklearn roc_auc_score", skm.roc_auc_score))

    def conf(y, yh):
        tp = sum(1 for a, b in zip(y, yh) if a == 1 and b == 1)
        fp = sum(1 for a, b in zip(y, yh) if a == 0 and b == 1)
        fn = sum(1 for a, b in zip(y, yh) if a == 1 and b == 0)
        return tp, fp, fn

    labels = repeat(6, lambda rng: (rng.integers(0, 2, 101), rng.integers(0, 2, 101)))
    case("precision", "", "random labels n=101", labels, mathref.precision,
         lambda y, yh: (lambda tp, fp, fn: Fraction(tp, tp + fp))(*conf(y, yh)),
         ("sklearn precision_score", skm.precision_score))
    case("recall", "", "random labels n=101", labels, mathref.recall,
         lambda y, yh: (lambda tp, fp, fn: Fraction(tp, tp + fn))(*conf(y, yh)),
         ("sklearn recall_score", skm.recall_score))
    case("f1_score", "", "random labels n=101", labels, mathref.f1_score,
         lambda y, yh: (lambda tp, fp, fn: Fraction(2 * tp, 2 * tp + fp + fn))(*conf(y, yh)),
         ("sklearn f1_score", skm.f1_score))

    def ece_mp(y, p, M=10):
        bins: dict[int, list[int]] = {}
        for i, v in enumerate(p):
            b = max(1, math.ceil(Fraction(float(v)) * M))  # e_{b-1} < p <= e_b
            bins.setdefault(b, []).append(i)
        N = len(p)
        total = mpf(0)
        for idx in bins.values():
            yb = mp.fsum(mpf(int(y[i])) for i in idx) / len(idx)
            pb = mp.fsum(mpf(float(p[i])) for i in idx) / len(idx)
            total += mpf(len(idx)) / N * abs(yb - pb)
        return total

    case("expected_calibration_error", "", "random n=200, 10 bins", gen,
         mathref.expected_calibration_error, ece_mp, None)

    def trust_exact(X, Y, k):
        n = len(X)

        def ranks(Z):
            Z = [V(z) for z in Z]
            order = []
            for i in range(n):
                d = [(mp.fsum((a - b) ** 2 for a, b in zip(Z[i], Z[j])), j)
                     for j in range(n) if j != i]
                order.append([j for _, j in sorted(d)])
            return order

        ox, oy = ranks(X), ranks(Y)
        total = 0
        for i in range(n):
            rank = {j: r + 1 for r, j in enumerate(ox[i])}
            nx = set(ox[i][:k])
            total += sum(rank[j] - k for j in oy[i][:k] if j not in nx)
        return 1 - Fraction(2, n * k * (2 * n - 3 * k - 1)) * total

    case("trustworthiness", "", "random 30 points, 5 -> 2 dims, k = 5",
         repeat(2, lambda rng: (lambda X: (X, X[:, :2] + 0.3 * rng.standard_normal((30, 2)), 5))(
             rng.standard_normal((30, 5)))),
         mathref.trustworthiness, trust_exact,
         ("sklearn.manifold.trustworthiness", lambda X, Y, k: sk_trust(X, Y, n_neighbors=k)))


# --------------------------------------------------------------------------------------
# Algorithms
# --------------------------------------------------------------------------------------

def algorithms_cases() -> None:
    import networkx as nx
    from sklearn.random_projection import johnson_lindenstrauss_min_dim

    def hmm(rng, K, M, T):
        def rows(shape):
            x = rng.random(shape) + 0.05
            return x / x.sum(axis=-1, keepdims=True)
        return (rows(K), rows((K, K)), rows((K, M)), rng.integers(0, M, T))

    def fwd_mp(pi, A, B, obs, reduce=mp.fsum):
        pi, A, B = V(pi), [V(r) for r in A], [V(r) for r in B]
        K = len(pi)
        a = [pi[i] * B[i][obs[0]] for i in range(K)]
        for o in obs[1:]:
            a = [reduce([a[i] * A[i][j] for i in range(K)]) * B[j][o] for j in range(K)]
        return mp.log(reduce(a))

    def fwd_naive(pi, A, B, obs):
        a = pi * B[:, obs[0]]
        for o in obs[1:]:
            a = (a @ A) * B[:, o]
        return np.log(a.sum())

    def vit_naive(pi, A, B, obs):
        a = pi * B[:, obs[0]]
        for o in obs[1:]:
            a = np.max(a[:, None] * A, axis=0) * B[:, o]
        return np.log(a.max())

    for regime, T in [("K=3, T=20", 20), ("long sequence K=3, T=2000 (P ~ e^-2000)", 2000)]:
        gen = repeat(3 if T > 100 else 6, lambda rng, T=T: hmm(rng, 3, 4, T))
        case("hmm_forward", "", regime, gen, mathref.hmm_forward, fwd_mp, None, fwd_naive,
             note="naive: the forward recursion on probabilities")
        case("viterbi", "log-probability of the best path", regime, gen,
             lambda *a: mathref.viterbi(*a).log_probability,
             lambda *a: fwd_mp(*a, reduce=max), None, vit_naive)

    def pr_gen(dangling):
        def make(rng):
            n = 30
            W = (rng.random((n, n)) < 0.15) * rng.uniform(0.5, 2, (n, n))
            np.fill_diagonal(W, 0)
            if dangling:
                W[:5] = 0
            else:
                W[np.arange(n), (np.arange(n) + 1) % n] += 1
            return (W, 0.85 if not dangling else 0.99)
        return repeat(2, make)

    def pr_mp(W, alpha):
        n = len(W)
        Wm = [V(r) for r in W]
        s = [mp.fsum(r) for r in Wm]
        alpha = mpf(alpha)
        K = mp.eye(n)
        for i in range(n):
            for j in range(n):
                pij = Wm[i][j] / s[i] if s[i] else mpf(1) / n
                K[j, i] -= alpha * pij
        r = mp.lu_solve(K, mp.matrix([(1 - alpha) / n] * n))
        return [+v for v in r]

    def pr_nx(W, alpha):
        G = nx.from_numpy_array(W, create_using=nx.DiGraph)
        # networkx stops when the l1 change is below n * tol: the same rule as mathref's
        r = nx.pagerank(G, alpha=alpha, tol=1e-10 / len(W), max_iter=100_000)
        return np.array([r[i] for i in range(len(W))])

    for regime, dang in [("30 nodes, damping 0.85", False),
                         ("5 dangling nodes, damping 0.99", True)]:
        case("pagerank", "", regime, pr_gen(dang), lambda W, a: mathref.pagerank(W, a),
             pr_mp, ("networkx.pagerank", pr_nx), metric="norm",
             note="both power iterations stopped when the l1 change is below 1e-10")

    def jl_mp(n, eps):
        e = mpf(eps)
        return int(mp.ceil(4 * mp.log(n) / (e ** 2 / 2 - e ** 3 / 3)))

    case("jl_min_dimension", "", "random n, eps",
         repeat(12, lambda rng: (int(rng.integers(10, 10 ** 7)), float(rng.uniform(0.05, 0.9)))),
         mathref.jl_min_dimension, jl_mp,
         ("sklearn johnson_lindenstrauss_min_dim",
          lambda n, e: int(johnson_lindenstrauss_min_dim(n, eps=e))))


# --------------------------------------------------------------------------------------

BUILDERS = [linalg_cases, probability_cases, statistics_cases, information_cases,
            losses_cases, calculus_cases, fourier_cases, analysis_cases,
            optimization_cases, diagnostics_cases, algorithms_cases]


# Catalogue entries this script does not measure, and why.
NOT_MEASURED = {
    "exact integer or combinatorial result (nothing to round)": [
        "n_choose_k", "n_permute_k", "multinomial_coefficient", "count_min_dimensions",
        "edit_distance", "confusion_matrix", "top_k", "jaccard", "k_fold_indices", "rank",
        "dft_frequencies", "cost_optimal_threshold", "threshold_for_precision"],
    "random output: the error is sampling error, not rounding": [
        "inverse_transform_sample", "rejection_sample", "metropolis_hastings",
        "monte_carlo_integrate", "bootstrap_confidence_interval", "reservoir_sample",
        "random_projection", "minhash_signature", "estimate_jaccard", "CountMinSketch",
        "tsne", "stochastic_gradient_descent", "empirical_mgf", "moment_from_mgf"],
    "iterative optimiser: judged by its stopping rule, not by rounding": [
        "gradient_descent", "adam", "armijo_step", "projected_gradient_descent",
        "dual_ascent", "mle", "temperature_scale", "platt_scale"],
    "yes/no answer (a predicate)": [
        "is_symmetric", "is_positive_definite", "is_orthogonal", "is_positive_semidefinite",
        "are_independent", "check_metric_axioms", "gradient_check"],
}


def not_measured(measured: set[str]) -> list[dict[str, str]]:
    from mathref import _registry

    why = {name: reason for reason, names in NOT_MEASURED.items() for name in names}
    return [{"entry": e.id, "topic": e.topic,
             "reason": why.get(e.id, "not measured yet")}
            for e in _registry.entries() if e.id not in measured]


def write_json(doc: dict[str, Any], path: Path) -> None:
    """Indented header, one case per line: small, and a re-run diffs line by line."""
    listed = ("not_measured", "cases")
    head = {k: v for k, v in doc.items() if k not in listed}
    text = json.dumps(head, indent=1, allow_nan=False)[:-2]
    for key in listed:
        rows = ",\n".join("  " + json.dumps(c, separators=(",", ":"), allow_nan=False)
                           for c in doc[key])
        text += f',\n "{key}": [\n' + rows + "\n ]"
    text += "\n}\n"
    json.loads(text)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def machine() -> dict[str, Any]:
    import sklearn

    return {
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpus": __import__("os").cpu_count(),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "mpmath": mpmath.__version__,
        "scikit-learn": sklearn.__version__,
        "networkx": __import__("networkx").__version__,
        "mathref": getattr(mathref, "__version__", "?"),
        "cpu": _cpu_model(),
        "load_average": [round(v, 2) for v in __import__("os").getloadavg()],
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def fmt(rec: dict[str, Any] | None, n: int) -> str:
    if rec is None:
        return "-"
    if rec.get("failures"):
        return f"fails {rec['failures']}/{n}"
    return f"{rec['error']:.1e}"


def explain(path: Path) -> None:
    """Re-create the worst input of each miss (same seed) and print the three values."""
    doc = json.loads(path.read_text())
    global SCALE
    SCALE = doc["settings"]["scale"]
    np.set_printoptions(precision=17)
    for i, (c, rec) in enumerate(zip(CASES, doc["cases"])):
        if not rec["miss"] or (c.entry, c.regime) != (rec["entry"], rec["regime"]):
            continue
        args = c.inputs(np.random.default_rng([SEED, i]))[rec["mathref"]["worst_sample"]]
        print(f"{c.entry} {c.what} [{c.regime}]")
        print("  input:  ", ", ".join(getattr(a, "__name__", repr(a)) for a in args))
        print("  oracle: ", c.oracle(*args))
        print("  mathref:", repr(c.mathref(*args)))
        print(f"  peer:    {c.peer[1](*args)!r} ({c.peer[0]})")


def main() -> None:
    global SCALE
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="",
                        help="comma-separated substrings of entry names: run those, print only")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--explain", action="store_true",
                        help="print the worst input of every miss in the results file")
    parser.add_argument("--scale", type=int, default=SCALE,
                        help="samples per case, a multiple of the counts in the cases (3)")
    args = parser.parse_args()
    SCALE = args.scale
    only = [s for s in args.only.split(",") if s]

    skipped = []
    for build in BUILDERS:
        try:
            build()
        except (AttributeError, ImportError) as exc:  # a chapter not landed yet
            skipped.append({"builder": build.__name__, "reason": repr(exc)})
    if args.explain:
        return explain(args.out)
    cases = [c for c in CASES if not only or any(s in c.entry for s in only)]
    rng = np.random.default_rng(SEED)
    start = time.perf_counter()
    results = []
    for c in cases:
        rec = run_case(c, np.random.default_rng([SEED, len(results)]) if not only else rng)
        results.append(rec)
        n = rec["samples"]
        flag = " MISS" if rec["miss"] else (" worse" if rec["vs_peer"] == "worse" else "")
        print(f"{rec['entry'][:24]:24} {rec['what'][:22]:22} {rec['regime'][:34]:34} "
              f"ours {fmt(rec['mathref'], n):>10}  peer {fmt(rec['peer'], n):>10}  "
              f"naive {fmt(rec['naive'], n):>10}  {rec['seconds']:5.1f}s{flag}", flush=True)
    elapsed = time.perf_counter() - start
    entries = sorted({r["entry"] for r in results})
    misses = [r for r in results if r["miss"]]
    print(f"\n{len(results)} cases, {len(entries)} entries, {len(misses)} misses, "
          f"{elapsed:.0f} s")
    if only:
        return
    doc = {
        "description": "Worst error over the samples of each case against an mpmath oracle "
                       f"at {DPS} digits; see benchmarks/accuracy.py.",
        "command": ".venv/bin/python benchmarks/accuracy.py",
        "machine": machine(),
        "settings": {"dps": DPS, "seed": SEED, "scale": SCALE, "miss_factor": MISS_FACTOR,
                     "miss_floor": MISS_FLOOR, "eps": EPS},
        "runtime_seconds": round(elapsed, 1),
        "n_cases": len(results),
        "n_entries": len(entries),
        "n_misses": len(misses),
        "skipped_builders": skipped,
        "not_measured": not_measured(set(entries)),
        "cases": results,
    }
    write_json(doc, args.out)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    sys.exit(main())
