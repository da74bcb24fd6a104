"""Fourier analysis: the DFT, spectra, convolution, continuous transforms and series.

Sign and normalisation are NumPy's throughout: the forward DFT carries
:math:`e^{-2\\pi i kn/N}` and no factor, the inverse carries :math:`1/N`; the continuous
transform is :math:`\\hat f(\\xi) = \\int f(x) e^{-2\\pi i x\\xi} \\, dx` (frequency in
cycles per unit of :math:`x`, so no :math:`2\\pi` factors appear in the inverse).
"""
from __future__ import annotations

import math
import warnings
from typing import Any, Callable, NamedTuple

import numpy as np

from ._validate import (
    allocation_guard,
    as_array,
    as_callable,
    as_int,
    as_positive_scalar,
    as_vector,
    describe,
)

__all__ = [
    "dft",
    "idft",
    "dft_matrix",
    "dft_frequencies",
    "power_spectrum",
    "convolve",
    "circular_convolve",
    "parseval_energies",
    "fourier_transform",
    "fourier_series_coefficients",
]

#: entry id -> (title, aliases), read by :mod:`mathref._registry`.
_ENTRIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "dft": ("Discrete Fourier transform (DFT)",
            ("FFT", "fast Fourier transform", "Fourier coefficients", "spectrum",
             "numpy.fft.fft")),
    "idft": ("Inverse discrete Fourier transform",
             ("inverse FFT", "IFFT", "synthesis", "numpy.fft.ifft")),
    "dft_matrix": ("DFT matrix",
                   ("Fourier matrix", "Vandermonde matrix of roots of unity",
                    "roots of unity")),
    "dft_frequencies": ("DFT sample frequencies",
                        ("fftfreq", "frequency bins", "Nyquist frequency", "frequency axis")),
    "power_spectrum": ("Power spectrum (periodogram)",
                       ("periodogram", "power spectral density", "PSD", "energy spectrum",
                        "squared magnitude spectrum")),
    "convolve": ("Linear convolution",
                 ("convolution", "FFT convolution", "fftconvolve", "polynomial product",
                  "full convolution", "numpy.convolve")),
    "circular_convolve": ("Circular convolution",
                          ("cyclic convolution", "periodic convolution",
                           "convolution theorem")),
    "parseval_energies": ("Parseval's theorem (energy in time and frequency)",
                          ("Parseval", "Plancherel", "energy conservation", "Rayleigh energy")),
    "fourier_transform": ("Continuous Fourier transform",
                          ("Fourier integral", "characteristic function", "frequency domain",
                           "spectrum of a function")),
    "fourier_series_coefficients": ("Fourier series coefficients",
                                    ("Fourier series", "harmonics", "Gibbs phenomenon",
                                     "periodic function", "complex exponential series")),
}


class ParsevalEnergies(NamedTuple):
    """The energy of a signal counted in time and in frequency (equal by Parseval).

    Attributes
    ----------
    time_energy : float
        :math:`\\sum_n |x_n|^2`.
    frequency_energy : float
        :math:`\\frac{1}{N} \\sum_k |X_k|^2`.
    """

    time_energy: float
    frequency_energy: float


def _signal(x: Any, name: str) -> np.ndarray:
    """A non-empty finite 1-D real or complex array."""
    return as_vector(x, name, allow_complex=True)


def dft(x: Any) -> np.ndarray:
    r"""The discrete Fourier transform of a signal, by the FFT in :math:`O(n \log n)`.

    Parameters
    ----------
    x : array_like, shape (n,)
        The signal; finite real or complex numbers.

    Returns
    -------
    ndarray of complex, shape (n,)
        :math:`X_0, \dots, X_{n-1}`, the same numbers as ``numpy.fft.fft(x)``.

    Raises
    ------
    ValueError
        If ``x`` is not a non-empty 1-D array of finite numbers.

    See Also
    --------
    idft : the inverse transform.
    dft_matrix : the same map written as a matrix.
    dft_frequencies : the frequency of each :math:`X_k`.

    Notes
    -----
    .. math::

        X_k = \sum_{n=0}^{N-1} x_n \, e^{-2\pi i k n / N}, \qquad k = 0, 1, \dots, N-1

    where :math:`x_n` is the :math:`n`-th of the :math:`N` samples, :math:`X_k` the
    coefficient of the frequency :math:`k/N` cycles per sample, and :math:`i` the
    imaginary unit.

    :math:`X_k` is the inner product of the signal with the sampled complex sinusoid that
    completes :math:`k` cycles over the window: how much of that frequency the signal holds.
    The sign and the absence of a normalising factor are NumPy's (and most textbooks');
    the inverse carries the :math:`1/N`. :math:`X_0` is the sum of the samples; for real
    input :math:`X_{N-k} = \overline{X_k}`, so only the first half carries information.

    The sum costs :math:`O(N^2)` written out; the fast Fourier transform (Cooley--Tukey,
    here NumPy's pocketfft) factors :math:`N` and costs :math:`O(N \log N)`, with a rounding
    error that grows like :math:`\log N` rather than :math:`N`, so the FFT is also the
    *more accurate* way to evaluate the sum.

    References
    ----------
    .. [1] J. W. Cooley and J. W. Tukey, "An algorithm for the machine calculation of
       complex Fourier series", *Mathematics of Computation* 19 (1965), 297--301.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import dft
    >>> X = dft([1.0, 2.0, 3.0, 4.0])
    >>> X[0].real, X[1]
    (10.0, (-2+2j))

    It is the sum in the formula, and the conjugate-symmetric spectrum of a real signal:

    >>> x = np.random.default_rng(0).normal(size=8)
    >>> n = np.arange(8)
    >>> direct = np.array([np.sum(x * np.exp(-2j * np.pi * k * n / 8)) for k in n])
    >>> bool(np.allclose(dft(x), direct)), bool(np.allclose(dft(x)[1:], np.conj(dft(x)[:0:-1])))
    (True, True)
    """
    return np.fft.fft(_signal(x, "x"))


def idft(X: Any) -> np.ndarray:
    r"""The inverse discrete Fourier transform, by the FFT in :math:`O(n \log n)`.

    Parameters
    ----------
    X : array_like, shape (n,)
        The spectrum; finite real or complex numbers.

    Returns
    -------
    ndarray of complex, shape (n,)
        :math:`x_0, \dots, x_{n-1}`, the same numbers as ``numpy.fft.ifft(X)``. The result
        is complex even when the signal is real (take ``.real`` after checking that the
        imaginary part is rounding).

    Raises
    ------
    ValueError
        If ``X`` is not a non-empty 1-D array of finite numbers.

    See Also
    --------
    dft : the forward transform.

    Notes
    -----
    .. math::

        x_n = \frac{1}{N} \sum_{k=0}^{N-1} X_k \, e^{2\pi i k n / N}, \qquad n = 0, 1, \dots,
        N-1

    where :math:`X_k` is the :math:`k`-th of the :math:`N` DFT coefficients and
    :math:`x_n` the :math:`n`-th sample of the signal they synthesise.

    The inverse adds the sinusoids back up with the opposite sign in the exponent and the
    factor :math:`1/N` that the forward transform leaves out (NumPy's ``norm="backward"``):
    ``idft(dft(x))`` returns ``x`` to rounding.

    References
    ----------
    .. [1] A. V. Oppenheim and R. W. Schafer, *Discrete-Time Signal Processing*, 3rd ed.,
       Pearson, 2010, section 8.5.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import dft, idft
    >>> idft([10.0, -2 + 2j, -2.0, -2 - 2j]).real
    array([1., 2., 3., 4.])
    >>> x = np.random.default_rng(1).normal(size=16)
    >>> bool(np.allclose(idft(dft(x)), x))
    True
    """
    return np.fft.ifft(_signal(X, "X"))


def dft_matrix(n: int) -> np.ndarray:
    r"""The :math:`n \times n` DFT matrix :math:`F`, so that ``F @ x`` equals ``dft(x)``.

    Parameters
    ----------
    n : int
        The size, at least 1.

    Returns
    -------
    ndarray of complex, shape (n, n)
        :math:`F_{km} = \omega^{km}` with :math:`\omega = e^{-2\pi i/n}`.

    Raises
    ------
    ValueError
        If ``n`` is not an integer :math:`\ge 1`.
    TypeError
        If ``n`` is not an integer.

    See Also
    --------
    dft : the same map in :math:`O(n \log n)`; use it for computing, this for teaching.

    Notes
    -----
    .. math::

        F_{km} = e^{-2\pi i k m / n}, \qquad k, m = 0, 1, \dots, n-1,
        \qquad F^{-1} = \frac{1}{n} \overline{F}

    where :math:`F_{km}` is the entry in row :math:`k` and column :math:`m`, :math:`n` the
    size, and :math:`\overline{F}` the entrywise complex conjugate.

    Row :math:`k` is the sampled sinusoid of frequency :math:`k/n`; the rows are orthogonal
    with squared length :math:`n`, so :math:`F/\sqrt{n}` is unitary (it preserves length:
    Parseval's theorem). Multiplying by :math:`F` costs :math:`O(n^2)`; the FFT is a
    factorisation of :math:`F` into :math:`O(\log n)` sparse factors.

    The exponent is reduced exactly in integers, :math:`km \bmod n`, before the complex
    exponential is taken: the product :math:`km` grows to :math:`n^2`, and
    :math:`e^{-2\pi i km/n}` evaluated at a large argument loses digits to the argument
    reduction (for :math:`n = 4096` about :math:`10^{-9}` instead of :math:`10^{-16}`).

    References
    ----------
    .. [1] G. Strang, *Introduction to Linear Algebra*, 5th ed., Wellesley-Cambridge Press,
       2016, section 9.3.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import dft, dft_matrix
    >>> F = dft_matrix(4)
    >>> F[1].round(12)
    array([ 1.+0.j,  0.-1.j, -1.-0.j, -0.+1.j])
    >>> x = np.random.default_rng(2).normal(size=6)
    >>> F = dft_matrix(6)
    >>> bool(np.allclose(F @ x, dft(x))), bool(np.allclose(F @ F.conj().T, 6 * np.eye(6)))
    (True, True)
    """
    size = as_int(n, "n", minimum=1)
    with allocation_guard(f"n = {size}"):
        index = np.arange(size, dtype=np.int64)
        exponent = np.outer(index, index) % size
        return np.exp(-2j * np.pi * exponent / size)


def dft_frequencies(n: int, d: float = 1.0) -> np.ndarray:
    r"""The frequency of each DFT coefficient, in NumPy's order (as ``numpy.fft.fftfreq``).

    Parameters
    ----------
    n : int
        The number of samples, at least 1.
    d : float, default 1.0
        The sample spacing (seconds per sample, metres per sample); positive.

    Returns
    -------
    ndarray of float, shape (n,)
        :math:`f_k` in cycles per unit of ``d``: non-negative frequencies first, then the
        negative ones.

    Raises
    ------
    ValueError
        If ``n`` is not an integer :math:`\ge 1` or ``d`` is not positive and finite
        (or so small that :math:`1/(n d)` overflows).
    TypeError
        If ``n`` is not an integer or ``d`` is not a real number.

    See Also
    --------
    dft : the coefficients these frequencies label.
    power_spectrum : plot it against these frequencies.

    Notes
    -----
    .. math::

        f_k = \begin{cases} \dfrac{k}{n d}, & 0 \le k < \lceil n/2 \rceil \\
        \dfrac{k - n}{n d}, & \lceil n/2 \rceil \le k < n \end{cases}

    where :math:`k` is the index of the coefficient, :math:`n` the number of samples and
    :math:`d` the sample spacing, so :math:`1/d` is the sampling rate.

    Coefficient :math:`k` and :math:`k - n` are the same frequency as far as the samples
    can tell (aliasing): the DFT cannot distinguish frequencies that differ by the sampling
    rate. The convention reports the one of smallest magnitude, so the frequencies run from
    :math:`-1/(2d)` to just below :math:`+1/(2d)`, the Nyquist frequency. ``numpy.fft.fftshift``
    puts them in increasing order for plotting.

    References
    ----------
    .. [1] NumPy reference, ``numpy.fft.fftfreq``.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import dft_frequencies
    >>> dft_frequencies(8, d=0.1)
    array([ 0.  ,  1.25,  2.5 ,  3.75, -5.  , -3.75, -2.5 , -1.25])
    >>> bool(np.array_equal(dft_frequencies(7, 0.5), np.fft.fftfreq(7, 0.5)))
    True
    """
    size = as_int(n, "n", minimum=1)
    spacing = as_positive_scalar(d, "d")
    if not math.isfinite(1.0 / (size * spacing)):
        # fftfreq multiplies k by 1/(n d): an overflow there gives 0 * inf = NaN at k = 0
        raise ValueError(f"d = {d!r} is too small for n = {size}: the frequency step "
                         "1/(n d) overflows")
    with allocation_guard(f"n = {size}"):
        return np.fft.fftfreq(size, spacing)


def power_spectrum(x: Any) -> np.ndarray:
    r"""The power spectrum :math:`|X_k|^2 / n` of a signal; it sums to the signal's energy.

    Parameters
    ----------
    x : array_like, shape (n,)
        The signal; finite real or complex numbers.

    Returns
    -------
    ndarray of float, shape (n,)
        :math:`P_k \ge 0`, in the order of :func:`dft` (see :func:`dft_frequencies`).

    Raises
    ------
    ValueError
        If ``x`` is not a non-empty 1-D array of finite numbers.

    See Also
    --------
    dft : the coefficients :math:`X_k`.
    parseval_energies : the two sides of :math:`\sum_k P_k = \sum_n |x_n|^2`.

    Notes
    -----
    .. math::

        P_k = \frac{|X_k|^2}{N}, \qquad \sum_{k=0}^{N-1} P_k = \sum_{n=0}^{N-1} |x_n|^2

    where :math:`X_k` is the :math:`k`-th DFT coefficient of the :math:`N` samples
    :math:`x_n`.

    :math:`P_k` is how much of the signal's energy sits at frequency :math:`k/N` (the
    periodogram). With the factor :math:`1/N` the spectrum adds up to the energy of the
    samples, which is Parseval's theorem; a sinusoid of amplitude :math:`a` at a bin
    frequency puts :math:`N a^2 / 4` in each of its two bins (positive and negative
    frequency). Other conventions divide by :math:`N^2` (mean power) or by the sampling rate
    (density); check which one a plot uses before comparing numbers.

    :math:`|X_k|` is divided by :math:`\sqrt{N}` *before* squaring: :math:`|X_k|` can reach
    :math:`N \max |x_n|`, and squaring first overflows for signals near :math:`10^{150}`
    whose power spectrum is finite.

    References
    ----------
    .. [1] P. Stoica and R. Moses, *Spectral Analysis of Signals*, Prentice Hall, 2005,
       section 2.2.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import power_spectrum
    >>> n = np.arange(64)
    >>> x = 3 * np.cos(2 * np.pi * 5 * n / 64)
    >>> P = power_spectrum(x)
    >>> int(np.argmax(P[:32])), P[5]
    (5, 144.0)
    >>> bool(np.isclose(P.sum(), np.sum(x**2)))
    True
    """
    arr = _signal(x, "x")
    root = np.abs(np.fft.fft(arr)) / math.sqrt(arr.size)
    return root * root


#: up to this many multiply-adds the direct sum wins over anything else, whatever SciPy's
#: cost model says (the FFT route's fixed overhead alone is then larger than the sum).
_DIRECT_CONVOLUTION_WORK = 1 << 16


def convolve(x: Any, y: Any) -> np.ndarray:
    r"""The linear (full) convolution of two sequences, through the FFT when that is faster.

    Parameters
    ----------
    x : array_like, shape (n,)
        The first sequence; finite real or complex numbers.
    y : array_like, shape (m,)
        The second sequence; finite real or complex numbers.

    Returns
    -------
    ndarray, shape (n + m - 1,)
        :math:`(x * y)_0, \dots, (x * y)_{n+m-2}`; real when both inputs are real, complex
        otherwise. The same numbers as ``numpy.convolve(x, y)`` to rounding.

    Raises
    ------
    ValueError
        If ``x`` or ``y`` is not a non-empty 1-D array of finite numbers.

    See Also
    --------
    circular_convolve : the periodic (wrap-around) convolution of two equal-length signals.
    dft : the convolution theorem turns convolution into a product of DFTs.

    Notes
    -----
    .. math::

        (x * y)_n = \sum_{m} x_m \, y_{n-m}, \qquad n = 0, 1, \dots, N + M - 2

    where :math:`x_m` (:math:`0 \le m < N`) and :math:`y_j` (:math:`0 \le j < M`) are the
    two sequences, with terms whose index falls outside a sequence taken as zero.

    Convolution slides one sequence, reversed, along the other: the coefficients of the
    product of two polynomials, the distribution of the sum of two independent integer
    random variables, a filter applied to a signal. It is commutative and the sum of the
    output is the product of the sums.

    The direct sum costs :math:`O(NM)`. Zero-padding both sequences to length
    :math:`N + M - 1` turns linear convolution into circular convolution, which the
    convolution theorem turns into a product of DFTs: :math:`O((N+M) \log (N+M))`. Like
    ``scipy.signal.convolve(method="auto")``, the function takes the direct sum for short
    inputs (at most :math:`2^{16}` multiply-adds, or where SciPy's cost model,
    ``scipy.signal.choose_conv_method``, predicts it faster) and ``scipy.signal.fftconvolve``
    otherwise. The FFT route's error is of order :math:`\epsilon \log(N+M) \|x\|_2 \|y\|_2`
    in *absolute* terms: output entries far smaller than that (the tails of two
    Gaussians, say) lose their relative accuracy, where the direct sum keeps it.

    References
    ----------
    .. [1] A. V. Oppenheim and R. W. Schafer, *Discrete-Time Signal Processing*, 3rd ed.,
       Pearson, 2010, section 8.7.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import convolve
    >>> convolve([1, 2, 3], [0, 1, 0.5])
    array([0. , 1. , 2.5, 4. , 1.5])

    The product of polynomials :math:`(1 + x)^2 (1 + x) = (1 + x)^3`, and a long input that
    takes the FFT route:

    >>> convolve([1, 2, 1], [1, 1])
    array([1., 3., 3., 1.])
    >>> rng = np.random.default_rng(3)
    >>> a, b = rng.normal(size=5000), rng.normal(size=3000)
    >>> bool(np.allclose(convolve(a, b), np.convolve(a, b)))
    True
    """
    # finiteness is checked on the output: a NaN or inf in either input always reaches it
    # (inf * 0 is NaN), so a finite output proves finite inputs, at a third of the cost
    a = as_vector(x, "x", allow_complex=True, finite=False)
    b = as_vector(y, "y", allow_complex=True, finite=False)
    if a.size * b.size <= _DIRECT_CONVOLUTION_WORK:
        out = np.convolve(a, b)
    else:
        from scipy import signal

        if signal.choose_conv_method(a, b, mode="full") == "direct":
            out = np.convolve(a, b)
        else:
            with np.errstate(invalid="ignore", over="ignore"):
                out = signal.fftconvolve(a, b, mode="full")
    if not np.isfinite(out).all():
        _signal(a, "x")
        _signal(b, "y")  # both finite: the output overflowed, which the formula allows
    return out


def circular_convolve(x: Any, y: Any) -> np.ndarray:
    r"""The circular (periodic) convolution of two signals of the same length, by the FFT.

    Parameters
    ----------
    x : array_like, shape (n,)
        The first signal; finite real or complex numbers.
    y : array_like, shape (n,)
        The second signal, of the same length; finite real or complex numbers.

    Returns
    -------
    ndarray, shape (n,)
        :math:`(x \circledast y)_0, \dots, (x \circledast y)_{n-1}`; real when both inputs
        are real, complex otherwise.

    Raises
    ------
    ValueError
        If ``x`` or ``y`` is not a non-empty 1-D array of finite numbers, or their lengths
        differ.

    See Also
    --------
    convolve : the linear convolution (no wrap-around).
    dft : the convolution theorem, :math:`\operatorname{DFT}(x \circledast y) = X \cdot Y`.

    Notes
    -----
    .. math::

        (x \circledast y)_n = \sum_{m=0}^{N-1} x_m \, y_{(n - m) \bmod N}
        = \operatorname{IDFT}(X \cdot Y)_n

    where :math:`x_m` and :math:`y_j` are the :math:`N` samples of the two signals,
    :math:`X` and :math:`Y` their DFTs, :math:`X \cdot Y` the entrywise product and
    :math:`(n - m) \bmod N` the index wrapped around the end.

    This is the convolution that the DFT diagonalises (the convolution theorem): it treats
    both signals as one period of periodic signals. Filtering by multiplying spectra
    therefore wraps the tail of the output around to its start; zero-pad both signals to
    length :math:`\ge N + M - 1` (as :func:`convolve` does) to get the linear convolution.
    Computed as :math:`\operatorname{IDFT}(X \cdot Y)` in :math:`O(N \log N)` (with the
    real FFT when both signals are real, so the result is exactly real).

    References
    ----------
    .. [1] A. V. Oppenheim and R. W. Schafer, *Discrete-Time Signal Processing*, 3rd ed.,
       Pearson, 2010, section 8.6.5.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import circular_convolve, dft, idft
    >>> circular_convolve([1, 2, 3, 4], [0, 1, 0, 0])
    array([4., 1., 2., 3.])

    The convolution theorem:

    >>> rng = np.random.default_rng(4)
    >>> x, y = rng.normal(size=8), rng.normal(size=8)
    >>> bool(np.allclose(circular_convolve(x, y), idft(dft(x) * dft(y)).real))
    True
    """
    a = _signal(x, "x")
    b = _signal(y, "y")
    if a.size != b.size:
        raise ValueError(
            f"x and y must have the same length for circular convolution, got {a.size} and "
            f"{b.size}; use convolve for the linear convolution of sequences of different "
            "lengths"
        )
    if np.iscomplexobj(a) or np.iscomplexobj(b):
        return np.fft.ifft(np.fft.fft(a) * np.fft.fft(b))
    return np.fft.irfft(np.fft.rfft(a) * np.fft.rfft(b), n=a.size)


def parseval_energies(x: Any) -> ParsevalEnergies:
    r"""The energy of a signal summed in time and in frequency: equal, by Parseval's theorem.

    Parameters
    ----------
    x : array_like, shape (n,)
        The signal; finite real or complex numbers.

    Returns
    -------
    ParsevalEnergies
        ``(time_energy, frequency_energy)``, two floats that agree to rounding.

    Raises
    ------
    ValueError
        If ``x`` is not a non-empty 1-D array of finite numbers.

    See Also
    --------
    power_spectrum : the terms of the frequency-side sum.

    Notes
    -----
    .. math::

        \sum_{n=0}^{N-1} |x_n|^2 = \frac{1}{N} \sum_{k=0}^{N-1} |X_k|^2

    where :math:`x_n` are the :math:`N` samples and :math:`X_k` their DFT coefficients.

    The DFT is :math:`\sqrt{N}` times a unitary map (:math:`F^* F = N I`), and unitary maps
    preserve length: energy is the same counted either way. A mismatch larger than rounding
    means the normalisation was mixed up (``norm="ortho"`` against ``"backward"``), the
    spectrum was truncated to its positive half without doubling, or a window was applied
    on one side only. Both sums are taken of the signal divided by its largest modulus
    :math:`m`, then multiplied by :math:`m^2`: :math:`|X_k|^2` can exceed the energy by a
    factor :math:`N`, so for ``x = 1e153 * numpy.ones(100)`` the energy :math:`10^{308}` is
    finite while :math:`|X_0|^2 = 10^{310}` overflows.

    References
    ----------
    .. [1] M.-A. Parseval, "Mémoire sur les séries et sur l'intégration complète d'une
       équation aux différences partielles linéaires du second ordre", 1799.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import parseval_energies
    >>> parseval_energies([1.0, 2.0, 3.0, 4.0])
    ParsevalEnergies(time_energy=30.0, frequency_energy=30.0)
    >>> e = parseval_energies(np.random.default_rng(5).normal(size=1000))
    >>> bool(np.isclose(e.time_energy, e.frequency_energy))
    True
    """
    arr = _signal(x, "x").astype(np.complex128 if np.iscomplexobj(x) else np.float64,
                                 copy=False)
    time_mod = np.abs(arr)
    largest = float(np.max(time_mod))
    if largest == 0.0:
        return ParsevalEnergies(0.0, 0.0)
    scaled = arr / largest
    time_energy = float(np.sum(np.abs(scaled) ** 2))
    freq_mod = np.abs(np.fft.fft(scaled))
    frequency_energy = float(np.sum(freq_mod * freq_mod)) / arr.size
    return ParsevalEnergies(largest * largest * time_energy,
                            largest * largest * frequency_energy)


# ---------------------------------------------------------------------------------------
# Continuous transform and series


def _call_on_points(f: Callable[..., Any], name: str, points: np.ndarray) -> np.ndarray:
    """Call ``f`` on an array of points; check one finite number comes back per point."""
    result = f(points)
    try:
        values = np.asarray(result)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must return numbers, returned {describe(result)}") from None
    if values.dtype == object or values.dtype.kind not in "biufc":
        raise TypeError(f"{name} must return numbers, returned {describe(result)}")
    if values.shape != points.shape:
        raise ValueError(
            f"{name} must take an array of points and return one value per point: called on "
            f"an array of shape {points.shape} it returned {describe(values)}"
        )
    if not np.all(np.isfinite(values)):
        bad = int(np.flatnonzero(~np.isfinite(values))[0])
        raise ValueError(
            f"{name} returned a non-finite value {values.flat[bad]!r} at x = "
            f"{points.flat[bad]!r}"
        )
    return values


#: beyond this angular frequency QUADPACK's Chebyshev moments overflow (NaN near 1e79);
#: there the transform of any piecewise smooth f is below 1e-50 * max|f|.
_OMEGA_MAX = 1e50
#: the tail of |f| beyond the core interval that may be neglected, relative to ∫|f|.
_TAIL_RTOL = 1e-15


def fourier_transform(f: Callable[[np.ndarray], Any], xi: Any,
                      limit: float = math.inf) -> complex | np.ndarray:
    r"""The continuous Fourier transform :math:`\hat f(\xi)` of a function, by quadrature.

    Parameters
    ----------
    f : callable
        The function. It receives a 1-D array of points and returns one finite real or
        complex value per point (write it with NumPy operations, e.g.
        ``lambda x: np.exp(-np.pi * x**2)``). It must be integrable, :math:`\int |f| <
        \infty`.
    xi : float or array_like
        The frequency or frequencies :math:`\xi` (cycles per unit of :math:`x`); finite.
    limit : float, default inf
        Integrate over :math:`[-\text{limit}, \text{limit}]`; positive, ``inf`` for the whole
        line. A finite ``limit`` computes the transform of :math:`f` times the indicator of
        that interval.

    Returns
    -------
    complex or ndarray of complex
        :math:`\hat f(\xi)`: a Python ``complex`` for a scalar ``xi``, else an array of the
        shape of ``xi``.

    Raises
    ------
    ValueError
        If ``xi`` holds NaN or inf, ``limit`` is not positive, or ``f`` returns the wrong
        number of values or a non-finite value.
    TypeError
        If ``f`` is not callable or returns something that is not numbers.

    See Also
    --------
    dft : the sampled, periodised version of the same transform.
    fourier_series_coefficients : the transform of a periodic function.
    mathref.calculus.integrate : plain (non-oscillatory) quadrature.

    Notes
    -----
    .. math::

        \hat f(\xi) = \int_{-\infty}^{\infty} f(x) \, e^{-2\pi i x \xi} \, dx,
        \qquad f(x) = \int_{-\infty}^{\infty} \hat f(\xi) \, e^{2\pi i x \xi} \, d\xi

    where :math:`f` is the function, :math:`x` its argument, :math:`\xi` the frequency in
    cycles per unit of :math:`x`, and :math:`\hat f` the transform.

    With the :math:`2\pi` in the exponent (the "ordinary frequency" convention) the inverse
    needs no factor and :math:`e^{-\pi x^2}` is its own transform. Scaling the argument
    trades width in :math:`x` for width in :math:`\xi`: :math:`f(x/a)` has transform
    :math:`|a| \hat f(a\xi)`. A shift :math:`f(x - x_0)` multiplies the transform by
    :math:`e^{-2\pi i x_0 \xi}`.

    The integrand oscillates :math:`|\xi|` times per unit of :math:`x`, which defeats plain
    adaptive quadrature for large :math:`|\xi|` (it samples the integrand too coarsely and
    reports a wrong answer with confidence). The integral is folded onto
    :math:`[0, \infty)` as a cosine transform of the even part of :math:`f` and a sine
    transform of its odd part, and each is computed by QUADPACK's Clenshaw--Curtis rules
    for Fourier integrals (QAWO; QAWF for a slowly decaying tail), which integrate
    :math:`\cos(\omega x)` and :math:`\sin(\omega x)` exactly against polynomials and so stay
    accurate however fast the oscillation. The core interval is the smallest power of 8 past
    which :math:`\int |f|` is below :math:`10^{-15}` of the total, found by bisection, so a
    narrow bump at the origin is not stepped over. Accuracy is about :math:`10^{-13}` of
    :math:`\int |f|` for smooth or piecewise smooth :math:`f`; like every quadrature, a
    feature far narrower than its distance from the origin can be missed (rescale
    :math:`x`). For :math:`|2\pi\xi| > 10^{50}` QUADPACK's moments overflow (NaN near
    :math:`10^{79}`); there the transform of any piecewise smooth :math:`f` is below
    :math:`10^{-50} \max |f|` (Riemann--Lebesgue lemma), and 0 is returned.

    References
    ----------
    .. [1] E. M. Stein and R. Shakarchi, *Fourier Analysis: An Introduction*, Princeton
       University Press, 2003, chapter 5.
    .. [2] R. Piessens, E. de Doncker-Kapenga, C. W. Überhuber and D. K. Kahaner,
       *QUADPACK*, Springer, 1983 (routines QAWO and QAWF).

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import fourier_transform
    >>> gauss = lambda x: np.exp(-np.pi * x**2)
    >>> fourier_transform(gauss, 0.5).real, float(np.exp(-np.pi * 0.25))
    (0.4559, 0.4559)

    The box of width 1 has the sinc transform, with ``limit`` cutting out the box:

    >>> xi = np.array([0.25, 1.5, 40.5])
    >>> F = fourier_transform(lambda x: np.ones_like(x), xi, limit=0.5)
    >>> bool(np.allclose(F, np.sinc(xi), atol=1e-12))
    True
    """
    func = as_callable(f, "f")
    freqs = as_array(xi, "xi", allow_empty=True)
    half_width = as_positive_scalar(limit, "limit", finite=False)
    from scipy import integrate

    probe = _call_on_points(func, "f", np.array([0.0, 0.5, -0.5]) * min(half_width, 1.0))
    parts = ("real", "imag") if np.iscomplexobj(probe) else ("real",)

    def values(t: float) -> np.ndarray:
        return _call_on_points(func, "f", np.array([t, -t]))

    out = np.zeros(freqs.shape, dtype=np.complex128)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", integrate.IntegrationWarning)
        for part in parts:
            take = np.real if part == "real" else np.imag

            def even(t: float, take=take) -> float:
                v = take(values(t))
                return float(v[0] + v[1])

            def odd(t: float, take=take) -> float:
                v = take(values(t))
                return float(v[0] - v[1])

            def magnitude(t: float, take=take) -> float:
                v = take(values(t))
                return float(abs(v[0]) + abs(v[1]))

            transform = _fold_and_integrate(integrate, even, odd, magnitude, freqs,
                                            half_width)
            out += transform if part == "real" else 1j * transform
    if out.ndim == 0:
        return complex(out)
    return out


def _fold_and_integrate(integrate: Any, even: Callable[[float], float],
                        odd: Callable[[float], float], magnitude: Callable[[float], float],
                        freqs: np.ndarray, half_width: float) -> np.ndarray:
    """∫ g(x) e^{-2πixξ} dx for real g given through its even and odd parts on [0, ∞)."""
    quad = integrate.quad
    if math.isinf(half_width):
        total = quad(magnitude, 0.0, math.inf, epsabs=0.0, epsrel=1e-10, limit=200)[0]
        # smallest core [0, 8**k] with a negligible tail, by bisection on k in [-10, 5]
        low, high = -10, 5
        if quad(magnitude, 8.0**high, math.inf, epsabs=0.0, epsrel=1e-6,
                limit=200)[0] > _TAIL_RTOL * total:
            core, has_tail = 8.0**high, True
        else:
            while low < high:
                mid = (low + high) // 2
                tail = quad(magnitude, 8.0**mid, math.inf, epsabs=0.0, epsrel=1e-6,
                            limit=200)[0]
                if tail <= _TAIL_RTOL * total:
                    high = mid
                else:
                    low = mid + 1
            core, has_tail = 8.0**high, False
    else:
        total = quad(magnitude, 0.0, half_width, epsabs=0.0, epsrel=1e-10, limit=200)[0]
        core, has_tail = half_width, False
    result = np.zeros(freqs.shape, dtype=np.complex128)
    if total == 0.0:
        return result
    opts = {"epsabs": 1e-14 * total, "epsrel": 1e-13}
    for index, frequency in np.ndenumerate(freqs):
        omega = 2.0 * math.pi * float(frequency)
        if abs(omega) > _OMEGA_MAX:
            continue
        if omega == 0.0:
            re = quad(even, 0.0, core, limit=200, **opts)[0]
            if has_tail:
                re += quad(even, core, math.inf, limit=200, **opts)[0]
            result[index] = re
            continue
        re = quad(even, 0.0, core, weight="cos", wvar=omega, limit=200, **opts)[0]
        im = -quad(odd, 0.0, core, weight="sin", wvar=omega, limit=200, **opts)[0]
        if has_tail:
            re += quad(even, core, math.inf, weight="cos", wvar=omega, limlst=200, **opts)[0]
            im -= quad(odd, core, math.inf, weight="sin", wvar=omega, limlst=200, **opts)[0]
        if not (math.isfinite(re) and math.isfinite(im)) or abs(complex(re, im)) > 2 * total:
            raise ValueError(
                f"the quadrature of f failed at xi = {float(frequency)!r} (got {re!r} + "
                f"{im!r}i, more than the bound {total:.3g} = integral of |f|); f may not be "
                "integrable, or varies on a scale far from 1: rescale x"
            )
        result[index] = complex(re, im)
    return result


def fourier_series_coefficients(f: Callable[[np.ndarray], Any], n_terms: int,
                                period: float = 2 * math.pi, *,
                                n_samples: int | None = None) -> np.ndarray:
    r"""The complex Fourier series coefficients :math:`c_{-K}, \dots, c_K` of a periodic function.

    Parameters
    ----------
    f : callable
        One period of the function on :math:`[0, T]`. It receives a 1-D array of points
        and returns one finite real or complex value per point.
    n_terms : int
        :math:`K \ge 0`: the coefficients for :math:`k = -K, \dots, K` are returned.
    period : float, default 2π
        The period :math:`T`; positive and finite.
    n_samples : int, optional, keyword-only
        The number of equispaced samples :math:`M` of the dense FFT (at least
        :math:`2K + 1`). Default: the power of 2 at least :math:`\max(2^{16}, 16(2K+1))`.

    Returns
    -------
    ndarray of complex, shape (2 * n_terms + 1,)
        :math:`c_{-K}, \dots, c_0, \dots, c_K`: index ``n_terms + k`` holds :math:`c_k`.

    Raises
    ------
    ValueError
        If ``n_terms`` is negative, ``period`` is not positive and finite, ``n_samples`` is
        below :math:`2K + 1`, or ``f`` returns the wrong number of values or a non-finite one.
    TypeError
        If ``f`` is not callable or ``n_terms`` is not an integer.

    See Also
    --------
    fourier_transform : the non-periodic counterpart.
    dft : the transform that computes these coefficients.

    Notes
    -----
    .. math::

        c_k = \frac{1}{T} \int_0^T f(x) \, e^{-2\pi i k x / T} \, dx, \qquad
        f(x) \sim \sum_{k=-\infty}^{\infty} c_k \, e^{2\pi i k x / T}

    where :math:`f` is the function of period :math:`T`, :math:`k` the harmonic (the
    frequency :math:`k/T`), and :math:`c_k` its complex amplitude.

    A periodic function is a sum of the harmonics of its fundamental frequency. For real
    :math:`f`, :math:`c_{-k} = \overline{c_k}` and the pair adds up to
    :math:`2|c_k| \cos(2\pi k x / T + \arg c_k)`. The smoother :math:`f`, the faster the
    :math:`c_k` decay: like :math:`1/k` for a jump, :math:`1/k^2` for a kink, geometrically
    for an analytic function. At a jump the partial sums overshoot by about 9% of the jump
    however many terms are kept (the Gibbs phenomenon).

    The integral is computed by the trapezoid rule on :math:`M` equispaced samples, which
    is one FFT: :math:`c_k \approx \frac{1}{M} \sum_{j} f(x_j) e^{-2\pi i k j / M}`,
    :math:`x_j = jT/M`, with the endpoint sample the average :math:`(f(0) + f(T))/2`. The
    computed :math:`\tilde c_k` equals :math:`\sum_m c_{k + mM}` exactly (aliasing), so the
    accuracy is known: for smooth periodic :math:`f` the error falls faster than any power of
    :math:`M` and is rounding (:math:`\sim 10^{-16} \max|f|`); for a jump that falls on a
    sample (with the midpoint value there, as ``sign`` gives) it is of order
    :math:`k/M^2`; for a jump between samples it is at most of order
    :math:`|\text{jump}|/M`, :math:`\approx 1.5 \times 10^{-5}` of the jump at the default
    :math:`M = 2^{16}` (raise ``n_samples`` for more).

    References
    ----------
    .. [1] E. M. Stein and R. Shakarchi, *Fourier Analysis: An Introduction*, Princeton
       University Press, 2003, chapters 2--3.
    .. [2] L. N. Trefethen and J. A. C. Weideman, "The exponentially convergent trapezoidal
       rule", *SIAM Review* 56 (2014), 385--458.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import fourier_series_coefficients
    >>> c = fourier_series_coefficients(lambda x: np.cos(3 * x), 4)
    >>> bool(np.allclose(c[4 + 3], 0.5)), bool(np.allclose(c[4 - 3], 0.5))
    (True, True)

    The square wave, :math:`+1` on :math:`(0, \pi)` and :math:`-1` on :math:`(\pi, 2\pi)`
    (with the midpoint value 0 at the jump), has :math:`c_k = -2i/(\pi k)` for odd
    :math:`k`, and nothing at even :math:`k`:

    >>> c = fourier_series_coefficients(lambda x: np.sign(np.pi - x), 3)
    >>> c[3 + 1].imag, float(-2 / np.pi)
    (-0.6366, -0.6366)
    >>> bool(np.allclose(c[3 + 2], 0, atol=1e-12))
    True
    """
    func = as_callable(f, "f")
    terms = as_int(n_terms, "n_terms", minimum=0)
    length = as_positive_scalar(period, "period")
    needed = 2 * terms + 1
    if n_samples is None:
        samples = 1 << max(16, math.ceil(math.log2(16 * needed)))
    else:
        samples = as_int(n_samples, "n_samples", minimum=needed)
    sized_by = f"n_terms = {terms}" if n_samples is None else f"n_samples = {samples}"
    with allocation_guard(sized_by):
        points = np.arange(samples + 1) * (length / samples)
    points[-1] = length
    values = _call_on_points(func, "f", points)
    dtype = np.complex128 if np.iscomplexobj(values) else np.float64
    periodic = values[:-1].astype(dtype, copy=True)
    periodic[0] = 0.5 * (values[0] + values[-1])
    spectrum = np.fft.fft(periodic) / samples
    return np.concatenate([spectrum[samples - terms:], spectrum[: terms + 1]])
