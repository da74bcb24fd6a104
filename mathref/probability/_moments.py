"""Moments from moment generating functions: derivatives at 0 and the empirical MGF."""
from __future__ import annotations

import math
from typing import Any, Callable

import numpy as np

from .._validate import as_array, as_callable, as_choice, as_int, as_vector, describe

__all__ = ["moment_from_mgf", "empirical_mgf"]

#: entry id -> (title, aliases), read by :mod:`mathref._registry`.
_ENTRIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "moment_from_mgf": ("Moments from the moment generating function",
                        ("MGF derivative", "raw moment", "E[X^k]", "moment generating function",
                         "Cauchy integral formula", "derivatives at zero")),
    "empirical_mgf": ("Empirical moment generating function",
                      ("sample MGF", "mean of exp(tx)", "empirical Laplace transform",
                       "log-sum-exp")),
}

_METHODS = ("auto", "contour", "finite-difference")
_NODES = 64  # trapezoid points on the circle
#: The highest order computed: beyond it rounding (eps max|M| k!/r^k) swamps the moment.
_MAX_ORDER = 20


class _NoComplex(Exception):
    """The MGF cannot be evaluated (correctly) at complex points."""


def _call(mgf: Callable[[Any], Any], z: Any) -> complex:
    """mgf(z) as a Python complex; a non-scalar or non-numeric result is an error."""
    result = mgf(z)
    try:
        arr = np.asarray(result)
    except (TypeError, ValueError):  # pragma: no cover - exotic objects
        raise TypeError(f"mgf must return a number, returned {describe(result)}") from None
    if arr.dtype.kind not in "biufc":
        raise TypeError(f"mgf must return a number, returned {describe(result)}")
    if arr.size != 1:
        raise ValueError(f"mgf must return one number for one point, returned "
                         f"{describe(arr)} at t = {z!r}")
    return complex(arr.reshape(()).item())


def _finite_positive(mgf: Callable[[Any], Any], t: float) -> float | None:
    """M(t) when it is finite and positive (inside the domain of the MGF), else None."""
    try:
        # probing beyond the domain is expected: overflow there is an answer, not a warning
        with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
            value = _call(mgf, float(t))
    except (OverflowError, ZeroDivisionError, ValueError, FloatingPointError):
        return None
    if not (math.isfinite(value.real) and math.isfinite(value.imag)):
        return None
    if value.real <= 0 or abs(value.imag) > 1e-12 * abs(value.real):
        return None
    return value.real


def _choose_radius(mgf: Callable[[Any], Any]) -> float:
    """A radius r well inside the interval where M is finite, with |log M(±r)| <= 1.

    The domain of an MGF is an interval around 0 whose ends are its nearest singularities,
    so doubling real probes t = 1, 2, 4, ... (or halving, when M(±1) is not finite) until
    M stops being finite and positive brackets the radius of convergence R of its Taylor
    series within a factor 2; r is then at most R/2. Within that, r is the largest power
    of 2 with |log M(±r)| <= 1: then |M| <= e on the whole circle (|E e^{zX}| <= E
    e^{Re(z) X}), so rounding in M costs at most ~e·eps·k!/r^k, while r is as large as the
    scale of X allows (r ≈ 1/(|mean| + std)).
    """
    def both(t: float) -> tuple[float, float] | None:
        up, down = _finite_positive(mgf, t), _finite_positive(mgf, -t)
        return None if up is None or down is None else (up, down)

    t = 1.0
    values = both(t)
    if values is None:
        for _ in range(200):
            t /= 2.0
            values = both(t)
            if values is not None:
                break
        else:
            raise ValueError("mgf must be finite on a neighbourhood of 0: it is not finite "
                             f"and positive at ±{t:g}")
        limit = t  # M is finite at ±t but not at ±2t: R lies in [t, 2t)
    else:
        limit = math.inf
        for _ in range(60):
            nxt = both(2.0 * t)
            if nxt is None:
                limit = t
                break
            t, values = 2.0 * t, nxt
    r = t if math.isinf(limit) else t / 2.0
    if r < t:
        values = both(r)
    for _ in range(400):
        if values is not None and max(abs(math.log(v)) for v in values) <= 1.0:
            return r
        r /= 2.0
        values = both(r)
    raise ValueError("mgf must satisfy M(t) -> 1 as t -> 0; it does not")  # pragma: no cover


def _contour(mgf: Callable[[Any], Any], k: int, r: float, m0: float) -> float:
    """Cauchy's integral formula on |z| = r with the N-point trapezoid rule."""
    n = max(_NODES, 4 * k + 16)
    angles = 2.0 * np.pi * np.arange(n) / n
    values = np.empty(n, dtype=np.complex128)
    for j, theta in enumerate(angles):
        z = complex(r * math.cos(theta), r * math.sin(theta))
        try:
            values[j] = _call(mgf, z)
        except (TypeError, ValueError, OverflowError, ZeroDivisionError, AttributeError):
            raise _NoComplex from None
    if not np.all(np.isfinite(values)):
        raise _NoComplex
    coeffs = np.fft.fft(values) / n  # coeffs[m] ≈ a_m r^m, a_m the Taylor coefficients
    scale = float(np.max(np.abs(values)))
    # A function that silently drops the imaginary part (e.g. through math.exp of
    # t.real) gives a_0 != M(0) or a complex a_1: not usable by this method.
    if abs(coeffs[0] - m0) > 1e-9 * scale or abs(coeffs[1].imag) > 1e-9 * scale:
        raise _NoComplex
    return float(math.factorial(k) * coeffs[k].real / r ** k)


def _finite_difference(mgf: Callable[[Any], Any], k: int, r: float) -> float:
    """Ridders' Richardson extrapolation of central k-th differences on [-r, r]."""
    weights = [(-1) ** j * math.comb(k, j) for j in range(k + 1)]
    offsets = [k / 2.0 - j for j in range(k + 1)]

    def central(h: float) -> float:
        total = 0.0
        for w, off in zip(weights, offsets):
            value = _call(mgf, float(off * h))
            if not math.isfinite(value.real):
                raise ValueError(f"mgf returned a non-finite value {value!r} at t = {off * h!r}")
            total += w * value.real
        return total / h ** k

    con, con2, levels = 1.4, 1.96, 16
    h = 2.0 * r / max(k, 1)
    table = [[central(h)]]
    best, err = table[0][0], math.inf
    for i in range(1, levels):
        h /= con
        row = [central(h)]
        fac = con2
        for j in range(1, i + 1):
            row.append((row[j - 1] * fac - table[i - 1][j - 1]) / (fac - 1.0))
            fac *= con2
            errt = max(abs(row[j] - row[j - 1]), abs(row[j] - table[i - 1][j - 1]))
            if errt <= err:
                err, best = errt, row[j]
        table.append(row)
    return float(best)


def moment_from_mgf(mgf: Callable[[Any], Any], k: int, *, method: str = "auto") -> float:
    r"""The k-th raw moment E[X^k] as the k-th derivative of the MGF at 0.

    Parameters
    ----------
    mgf : callable
        The moment generating function :math:`M(t) = \mathbb{E}[e^{tX}]`, called with one
        point at a time (a float, or a complex number for the contour method) and
        returning one number. It must be finite on a neighbourhood of 0, with
        :math:`M(0) = 1`; outside its domain it may return ``inf`` or raise.
        Every ``mathref.probability`` distribution's ``.mgf`` qualifies.
    k : int
        The order, :math:`0 \le k \le 20` (beyond 20 the rounding error
        :math:`\varepsilon \max |M| \, k!/r^k` swamps the moment: see Notes).
    method : {"auto", "contour", "finite-difference"}, default "auto"
        ``"contour"``: Cauchy's integral formula (needs complex :math:`t`);
        ``"finite-difference"``: Richardson-extrapolated central differences on real
        :math:`t`; ``"auto"``: the contour when ``mgf`` accepts complex input, else finite
        differences.

    Returns
    -------
    float
        :math:`\mathbb{E}[X^k] = M^{(k)}(0)`.

    Raises
    ------
    ValueError
        If ``k`` is negative or above 20, ``method`` is unknown, :math:`M(0) \ne 1`, ``mgf`` is not
        finite near 0, returns more than one number, or (``method="contour"``) does not
        accept complex points.
    TypeError
        If ``mgf`` is not callable or returns something that is not a number.

    See Also
    --------
    empirical_mgf : the MGF of a sample.
    mathref.probability.Gaussian.mgf : a closed-form MGF that accepts complex t.

    Notes
    -----
    .. math::

        \mathbb{E}[X^k] = M^{(k)}(0) = \frac{k!}{2 \pi i} \oint_{|z| = r}
        \frac{M(z)}{z^{k + 1}} \, dz \approx \frac{k!}{N r^{k}} \sum_{j=0}^{N-1}
        M\left( r \omega^{j} \right) \omega^{-jk}

    where :math:`M(t) = \mathbb{E}[e^{tX}]` is the moment generating function,
    :math:`M^{(k)}` its :math:`k`-th derivative, :math:`r` the radius of a circle inside
    the region where :math:`M` is finite, :math:`N` the number of points on it and
    :math:`\omega = e^{2 \pi i / N}`.

    Why a contour and not finite differences: a :math:`k`-th finite difference subtracts
    nearly equal values and divides by :math:`h^k`, so rounding error grows like
    :math:`\varepsilon / h^k` while the truncation error shrinks like :math:`h^2` — at
    :math:`k = 4` the best plain central difference keeps only ~4 digits. On the circle
    nothing cancels: the trapezoid rule is the discrete Fourier transform of the samples,
    it converges geometrically (error :math:`\sim (r/R)^N`, with :math:`R` the distance to
    the nearest singularity of :math:`M`), and rounding costs only
    :math:`\varepsilon \max |M| \, k!/r^k`. The radius matters: :math:`M` may be finite
    only near 0 (``Exponential(rate)`` has a pole at ``rate``), so real probes
    :math:`t = \pm 2^j` bracket the domain and :math:`r` is at most half of it, and
    :math:`r` is the largest power of 2 with :math:`|\log M(\pm r)| \le 1`, about one over
    the scale of :math:`X`. With :math:`N = 64` the relative error measured for
    :math:`k \le 4` on every family in ``mathref.probability`` (including Gamma(0.01, 2)
    and Binomial(10^6, 0.5)) is at most :math:`2 \times 10^{-12}`. A function that rejects
    complex input falls back to central differences with Ridders' Richardson
    extrapolation: :math:`10^{-11}` to :math:`10^{-7}` for :math:`k = 4`. The factor
    :math:`k!/r^k` grows without bound, so orders above 20 are refused: on ``Gaussian(1,
    2)`` the contour's relative error is :math:`10^{-13}` at :math:`k = 12`,
    :math:`5 \times 10^{-8}` at :math:`k = 20` and 0.3 at :math:`k = 30` (on
    ``Exponential(2)``: :math:`10^{-5}` at :math:`k = 20`).

    References
    ----------
    .. [1] J. N. Lyness and C. B. Moler, "Numerical differentiation of analytic functions",
       SIAM J. Numer. Anal. 4 (1967) 202-210.
    .. [2] L. N. Trefethen and J. A. C. Weideman, "The exponentially convergent trapezoidal
       rule", SIAM Review 56 (2014) 385-458.

    Examples
    --------
    >>> from mathref.probability import Gaussian, Exponential, moment_from_mgf
    >>> g = Gaussian(1.0, 2.0)
    >>> moment_from_mgf(g.mgf, 1), moment_from_mgf(g.mgf, 2)   # mu, mu^2 + sigma^2
    (1.0, 5.0)

    The exponential MGF is finite only for t < rate; E[X^k] = k!/rate^k:

    >>> moment_from_mgf(Exponential(2.0).mgf, 4)
    1.5

    A real-only function falls back to finite differences:

    >>> import math
    >>> moment_from_mgf(lambda t: math.exp(t * t / 2), 4)   # standard normal: 3
    3.0
    """
    as_callable(mgf, "mgf")
    k = as_int(k, "k", minimum=0, maximum=_MAX_ORDER)
    as_choice(method, "method", _METHODS)
    m0 = _call(mgf, 0.0)
    if not (math.isfinite(m0.real) and abs(m0 - 1.0) <= 1e-6):
        raise ValueError(f"mgf must satisfy M(0) = 1 (an MGF is E[exp(tX)]), got M(0) = {m0!r}")
    if k == 0:
        return 1.0
    r = _choose_radius(mgf)
    if method in ("auto", "contour"):
        try:
            return _contour(mgf, k, r, m0.real)
        except _NoComplex:
            if method == "contour":
                raise ValueError("mgf must accept complex t for method='contour' (it raised "
                                 "or returned a value inconsistent with M(0) = 1 on the "
                                 "circle); use method='finite-difference'") from None
    return _finite_difference(mgf, k, r)


def empirical_mgf(samples: Any, t: Any) -> Any:
    r"""The empirical moment generating function: the sample mean of exp(t x).

    Parameters
    ----------
    samples : array_like, shape (n,)
        Observations :math:`x_1, \dots, x_n`, finite.
    t : float or array_like
        Where to evaluate, real and finite; any shape.

    Returns
    -------
    float or numpy.ndarray
        :math:`\hat M(t)`: a float for scalar ``t``, else an array of ``t``'s shape.

    Raises
    ------
    ValueError
        If ``samples`` is not a non-empty finite 1-D array or ``t`` is not finite.
    TypeError
        If ``t`` or ``samples`` is not numeric (complex ``t`` is refused).

    See Also
    --------
    moment_from_mgf : moments from the derivatives of an MGF.
    mathref.probability.Gaussian.mgf : the population MGF, to compare with.

    Notes
    -----
    .. math::

        \hat{M}(t) = \frac{1}{n} \sum_{i=1}^{n} e^{t x_i}

    where :math:`x_1, \dots, x_n` are the samples and :math:`t` the argument.

    It estimates :math:`M(t) = \mathbb{E}[e^{tX}]`, but only where the MGF is dominated by
    the bulk of the distribution: for :math:`|t|` beyond a few over the standard deviation
    the sum is decided by the one or two largest :math:`t x_i` and the estimate is noisy.
    It is computed with the log-sum-exp shift, :math:`\hat M(t) = e^{m} \frac{1}{n}
    \sum_i e^{t x_i - m}` with :math:`m = \max_i t x_i`, so a single :math:`e^{t x_i}`
    beyond 1.8e308 does not overflow a mean that is itself representable
    (``samples = [710, 0, ..., 0]`` (10 values), ``t = 1``: naive ``inf``, the mean is
    :math:`2.2 \times 10^{307}`).

    Examples
    --------
    >>> import numpy as np
    >>> from mathref.probability import Gaussian, empirical_mgf
    >>> x = Gaussian().sample(200_000, rng=0)
    >>> round(empirical_mgf(x, 0.5), 2), round(Gaussian().mgf(0.5), 2)   # exp(1/8)
    (1.13, 1.13)
    >>> empirical_mgf([710.0] + [0.0] * 9, 1.0)
    2.2339e+307
    >>> empirical_mgf([1.0, 2.0], [0.0, 1.0]).shape
    (2,)
    """
    x = as_vector(samples, "samples").astype(np.float64, copy=False)
    arr = as_array(t, "t", allow_empty=True).astype(np.float64, copy=False)
    flat = arr.reshape(-1)
    out = np.empty(flat.shape)
    chunk = max(1, 4_000_000 // x.size)
    log_n = math.log(x.size)
    with np.errstate(over="ignore", under="ignore"):
        for start in range(0, flat.size, chunk):
            tx = np.multiply.outer(flat[start:start + chunk], x)
            top = np.max(tx, axis=1)
            out[start:start + chunk] = np.exp(
                top + np.log(np.sum(np.exp(tx - top[:, None]), axis=1)) - log_n)
    if arr.ndim == 0:
        return float(out[0])
    return out.reshape(arr.shape)
