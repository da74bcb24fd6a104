"""Tests for mathref.fourier: mpmath transcriptions of the formulas, properties, bad input."""
from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from mathref import fourier
from mathref.fourier import (
    circular_convolve,
    convolve,
    dft,
    dft_frequencies,
    dft_matrix,
    fourier_series_coefficients,
    fourier_transform,
    idft,
    parseval_energies,
    power_spectrum,
)

mpmath.mp.dps = 50

finite = st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False)
signals = arrays(np.float64, st.integers(1, 24), elements=finite)


def mp_dft(x, sign=-1):
    """X_k = Σ x_n exp(sign 2πi kn/N), transcribed at 50 digits."""
    n = len(x)
    xs = [mpmath.mpc(complex(v)) for v in x]
    return [mpmath.fsum(xs[m] * mpmath.expjpi(sign * 2 * mpmath.mpf(k * m) / n)
                        for m in range(n)) for k in range(n)]


def as_complex(values):
    return np.array([complex(v) for v in values])


def gauss(x):
    return np.exp(-np.pi * x**2)


# --- dft, idft, dft_matrix -----------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(signals)
def test_dft_matches_mpmath_sum(x):
    expected = as_complex(mp_dft(x))
    scale = max(1.0, float(np.sum(np.abs(x))))
    assert np.allclose(dft(x), expected, rtol=0, atol=1e-13 * scale)


def test_dft_complex_input_and_numpy_identity():
    rng = np.random.default_rng(0)
    x = rng.normal(size=12) + 1j * rng.normal(size=12)
    assert np.allclose(dft(x), as_complex(mp_dft(x)), atol=1e-13)
    assert np.array_equal(dft(x), np.fft.fft(x))


@settings(max_examples=40, deadline=None)
@given(signals)
def test_idft_matches_mpmath_and_inverts(x):
    n = len(x)
    expected = as_complex(mp_dft(x, sign=+1)) / n
    assert np.allclose(idft(x), expected, rtol=0, atol=1e-13 * max(1.0, np.max(np.abs(x))))
    assert np.allclose(idft(dft(x)), x, atol=1e-12 * max(1.0, np.max(np.abs(x))))


def test_dft_matrix_entries_and_unitarity():
    n = 7
    F = dft_matrix(n)
    for k in range(n):
        for m in range(n):
            exact = complex(mpmath.expjpi(-2 * mpmath.mpf(k * m) / n))
            assert abs(F[k, m] - exact) < 1e-15
    assert np.allclose(F @ F.conj().T, n * np.eye(n))
    x = np.random.default_rng(1).normal(size=n)
    assert np.allclose(F @ x, dft(x))


def test_dft_matrix_large_indices_are_reduced_exactly():
    n = 1024
    F = dft_matrix(n)
    for k, m in [(1023, 1023), (1001, 999), (512, 1023)]:
        exact = complex(mpmath.expjpi(-2 * mpmath.mpf(k * m % n) / n))
        assert abs(F[k, m] - exact) < 1e-15


def test_dft_matrix_size_one():
    assert dft_matrix(1).tolist() == [[1 + 0j]]


# --- frequencies, power spectrum, Parseval -----------------------------------------


@pytest.mark.parametrize("n", [1, 2, 7, 8, 101])
@pytest.mark.parametrize("d", [1.0, 0.1, 3])
def test_dft_frequencies_matches_numpy_and_formula(n, d):
    f = dft_frequencies(n, d)
    assert np.array_equal(f, np.fft.fftfreq(n, d))
    half = math.ceil(n / 2)
    expected = [k / (n * d) if k < half else (k - n) / (n * d) for k in range(n)]
    assert np.allclose(f, expected, rtol=1e-15, atol=0)


@settings(max_examples=40, deadline=None)
@given(signals)
def test_power_spectrum_formula_and_parseval(x):
    X = as_complex(mp_dft(x))
    expected = np.abs(X) ** 2 / len(x)
    P = power_spectrum(x)
    energy = float(np.sum(x**2))
    assert np.allclose(P, expected, rtol=1e-10, atol=1e-12 * max(1.0, energy))
    assert np.all(P >= 0)
    assert math.isclose(P.sum(), energy, rel_tol=1e-10, abs_tol=1e-12)


def test_power_spectrum_no_overflow():
    x = np.full(100, 1e153)
    P = power_spectrum(x)
    assert np.isfinite(P).all()
    assert math.isclose(P[0], 1e308, rel_tol=1e-12)


@settings(max_examples=40, deadline=None)
@given(signals)
def test_parseval_energies_equal_and_match_mpmath(x):
    e = parseval_energies(x)
    assert isinstance(e, fourier.ParsevalEnergies)
    assert type(e.time_energy) is float and type(e.frequency_energy) is float
    exact = float(mpmath.fsum(mpmath.mpf(float(v)) ** 2 for v in x))
    assert math.isclose(e.time_energy, exact, rel_tol=1e-13, abs_tol=1e-300)
    assert math.isclose(e.frequency_energy, exact, rel_tol=1e-10, abs_tol=1e-12)


def test_parseval_complex_zero_and_huge():
    rng = np.random.default_rng(2)
    z = rng.normal(size=50) + 1j * rng.normal(size=50)
    e = parseval_energies(z)
    assert math.isclose(e.time_energy, float(np.sum(np.abs(z) ** 2)), rel_tol=1e-13)
    assert math.isclose(e.frequency_energy, e.time_energy, rel_tol=1e-12)
    assert parseval_energies([0.0, 0.0]) == (0.0, 0.0)
    big = parseval_energies(np.full(100, 1e153))
    assert math.isclose(big.frequency_energy, 1e308, rel_tol=1e-12)
    assert math.isclose(big.time_energy, 1e308, rel_tol=1e-12)


# --- convolution --------------------------------------------------------------------


def mp_convolve(x, y):
    n, m = len(x), len(y)
    return [float(mpmath.fsum(mpmath.mpf(float(x[j])) * mpmath.mpf(float(y[i - j]))
                              for j in range(n) if 0 <= i - j < m))
            for i in range(n + m - 1)]


@settings(max_examples=40, deadline=None)
@given(signals, signals)
def test_convolve_matches_mpmath_and_numpy(x, y):
    c = convolve(x, y)
    assert c.shape == (len(x) + len(y) - 1,)
    scale = max(1.0, float(np.sum(np.abs(x)) * np.max(np.abs(y))))
    assert np.allclose(c, mp_convolve(x, y), rtol=0, atol=1e-13 * scale)
    assert np.allclose(c, np.convolve(x, y), rtol=0, atol=1e-13 * scale)


@pytest.mark.parametrize("n, m", [(3000, 1000), (20000, 7), (1, 10000), (4097, 2)])
def test_convolve_long_inputs_equal_numpy(n, m):
    rng = np.random.default_rng(n + m)
    x, y = rng.normal(size=n), rng.normal(size=m)
    c = convolve(x, y)
    ref = np.convolve(x, y)
    assert c.dtype == np.float64
    bound = 1e-12 * np.linalg.norm(x) * np.linalg.norm(y)
    assert np.max(np.abs(c - ref)) <= bound


def test_convolve_fft_route_is_taken_for_long_inputs(monkeypatch):
    from scipy import signal

    calls = []
    real = signal.fftconvolve
    monkeypatch.setattr(signal, "fftconvolve", lambda *a, **k: calls.append(1) or real(*a, **k))
    rng = np.random.default_rng(7)
    convolve(rng.normal(size=20000), rng.normal(size=20000))
    assert calls


def test_convolve_complex_and_properties():
    rng = np.random.default_rng(3)
    x = rng.normal(size=300) + 1j * rng.normal(size=300)
    y = rng.normal(size=200)
    c = convolve(x, y)
    assert np.iscomplexobj(c)
    assert np.allclose(c, np.convolve(x, y))
    assert np.allclose(convolve(y, x), c)
    assert np.isclose(c.sum(), x.sum() * y.sum())


def mp_circular(x, y):
    n = len(x)
    return [float(mpmath.fsum(mpmath.mpf(float(x[m])) * mpmath.mpf(float(y[(k - m) % n]))
                              for m in range(n))) for k in range(n)]


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 24).flatmap(
    lambda n: st.tuples(arrays(np.float64, n, elements=finite),
                        arrays(np.float64, n, elements=finite))))
def test_circular_convolve_matches_sum_and_theorem(pair):
    x, y = pair
    c = circular_convolve(x, y)
    assert c.dtype == np.float64 and c.shape == x.shape
    scale = max(1.0, float(np.sum(np.abs(x)) * np.max(np.abs(y))))
    assert np.allclose(c, mp_circular(x, y), rtol=0, atol=1e-12 * scale)
    # convolution theorem: DFT(x ⊛ y) = X · Y
    assert np.allclose(dft(c), dft(x) * dft(y), rtol=0,
                       atol=1e-11 * scale * len(x))


def test_circular_convolve_complex_and_linear_relation():
    rng = np.random.default_rng(4)
    x = rng.normal(size=16) + 1j * rng.normal(size=16)
    y = rng.normal(size=16)
    c = circular_convolve(x, y)
    assert np.iscomplexobj(c)
    lin = np.convolve(x, y)
    wrapped = lin[:16].copy()
    wrapped[:15] += lin[16:]
    assert np.allclose(c, wrapped)
    # zero-padding turns circular into linear convolution
    a, b = rng.normal(size=5), rng.normal(size=4)
    pa, pb = np.pad(a, (0, 3)), np.pad(b, (0, 4))
    assert np.allclose(circular_convolve(pa, pb), np.convolve(a, b))


# --- continuous transform -----------------------------------------------------------


def test_fourier_transform_gaussian_is_self_dual():
    xi = np.array([0.0, 0.1, 0.5, 1.0, 1.7, 3.0, -2.2])
    F = fourier_transform(gauss, xi)
    assert F.shape == xi.shape and F.dtype == np.complex128
    assert np.max(np.abs(F - np.exp(-np.pi * xi**2))) < 1e-10


def test_fourier_transform_scalar_returns_complex():
    value = fourier_transform(gauss, 0.5)
    assert type(value) is complex
    assert abs(value - math.exp(-np.pi / 4)) < 1e-10


@pytest.mark.parametrize("xi", [0.0, 0.3, 1.1, -2.5])
def test_fourier_transform_matches_mpmath_quad(xi):
    def f(x):
        return (1 + x) * np.exp(-((x - 0.3) ** 2))

    def integrand(x):
        return (1 + x) * mpmath.exp(-((x - 0.3) ** 2)) * mpmath.expjpi(-2 * x * xi)

    exact = complex(mpmath.quad(integrand, [-mpmath.inf, -5, 0, 5, mpmath.inf]))
    assert abs(fourier_transform(f, xi) - exact) < 1e-11


@pytest.mark.parametrize("name, f, F", [
    ("lorentz", lambda x: 1 / (1 + x**2), lambda s: np.pi * np.exp(-2 * np.pi * abs(s))),
    ("laplace", lambda x: np.exp(-np.abs(x)), lambda s: 2 / (1 + 4 * np.pi**2 * s**2)),
    ("narrow", lambda x: np.exp(-np.pi * (x / 1e-3) ** 2),
     lambda s: 1e-3 * np.exp(-np.pi * (1e-3 * s) ** 2)),
    ("shifted", lambda x: np.exp(-np.pi * (x - 1) ** 2),
     lambda s: np.exp(-np.pi * s**2 - 2j * np.pi * s)),
])
def test_fourier_transform_closed_forms(name, f, F):
    xi = np.array([0.0, 0.05, 0.4, 1.3, 2.0])
    assert np.max(np.abs(fourier_transform(f, xi) - F(xi))) < 1e-10


def test_fourier_transform_finite_limit_box_is_sinc():
    xi = np.array([0.0, 0.25, 1.5, 7.3, 40.5, 1e4 + 0.5])
    F = fourier_transform(lambda x: np.ones_like(x), xi, limit=0.5)
    assert np.max(np.abs(F - np.sinc(xi))) < 1e-12


def test_fourier_transform_complex_function_modulation_shifts():
    a = 0.7
    xi = np.array([-0.5, 0.0, 0.7, 1.5])
    F = fourier_transform(lambda x: gauss(x) * np.exp(2j * np.pi * a * x), xi)
    assert np.max(np.abs(F - np.exp(-np.pi * (xi - a) ** 2))) < 1e-10


def test_fourier_transform_huge_frequencies_no_nan():
    xi = np.array([1e3, 1e8, 1e20, 1e78, 1e80, -1e200, 1e300, 1.7e308])
    F = fourier_transform(gauss, xi)
    assert np.all(np.isfinite(F))
    assert np.max(np.abs(F)) < 1e-12
    box = fourier_transform(lambda x: np.ones_like(x), [1e100, 1e300], limit=0.5)
    assert np.all(np.isfinite(box))


def test_fourier_transform_plancherel_gaussian_width():
    # f(x/a) has transform |a| f̂(a ξ)
    a = 2.5
    xi = np.array([0.0, 0.2, 0.6])
    F = fourier_transform(lambda x: gauss(x / a), xi)
    assert np.max(np.abs(F - a * np.exp(-np.pi * (a * xi) ** 2))) < 1e-10


# --- Fourier series -----------------------------------------------------------------


def test_series_coefficients_exp_cos_are_bessel():
    K = 6
    c = fourier_series_coefficients(lambda x: np.exp(np.cos(x)), K)
    assert c.shape == (2 * K + 1,) and c.dtype == np.complex128
    exact = np.array([float(mpmath.besseli(abs(k), 1)) for k in range(-K, K + 1)])
    assert np.max(np.abs(c - exact)) < 1e-14


def test_series_coefficients_match_mpmath_quad_with_period():
    T = 3.0

    def f(x):
        return np.exp(np.sin(2 * np.pi * x / T)) * (1 + 0.5 * np.cos(4 * np.pi * x / T))

    K = 4
    c = fourier_series_coefficients(f, K, period=T)
    with mpmath.workdps(25):
        for k in range(-K, K + 1):
            def integrand(x, k=k):
                return (mpmath.exp(mpmath.sin(2 * mpmath.pi * x / T))
                        * (1 + 0.5 * mpmath.cos(4 * mpmath.pi * x / T))
                        * mpmath.expjpi(-2 * k * x / T))

            exact = complex(mpmath.quad(integrand, [0, T / 2, T]) / T)
            assert abs(c[K + k] - exact) < 1e-13


def test_series_square_wave_and_gibbs_overshoot():
    K = 101
    c = fourier_series_coefficients(lambda x: np.sign(np.pi - x), K)
    k = np.arange(-K, K + 1)
    expected = np.where(k % 2 == 1, -2j / (np.pi * np.where(k == 0, 1, k)), 0)
    # jumps on samples with the midpoint value there: aliasing error ~ 2 k / M**2
    assert np.max(np.abs(c - expected)) < 2.5 * K / 2.0**32
    x = np.linspace(0, 0.2, 4001)
    partial = np.real(np.exp(1j * np.outer(x, k)) @ c)
    overshoot = (partial.max() - 1) / 2  # fraction of the jump from -1 to 1
    gibbs = float((mpmath.si(mpmath.pi) / mpmath.pi - 0.5))
    assert abs(overshoot - gibbs) < 2e-3
    assert 0.085 < overshoot < 0.095


def test_series_jump_between_samples_within_stated_bound():
    K = 5
    c = fourier_series_coefficients(lambda x: (x < 1.0).astype(float), K)
    for k in range(-K, K + 1):
        exact = complex(mpmath.quad(lambda x: mpmath.expj(-k * x), [0, 1]) / (2 * mpmath.pi))
        assert abs(c[K + k] - exact) < 1 / 2**16


def test_series_non_periodic_endpoint_uses_average():
    # f(x) = x on [0, 2π): c_0 = π, c_k = i/k
    K = 3
    c = fourier_series_coefficients(lambda x: x, K)
    k = np.arange(-K, K + 1)
    expected = np.where(k == 0, np.pi, 1j / np.where(k == 0, 1, k))
    assert np.max(np.abs(c - expected)) < 1e-8


def test_series_real_function_hermitian_and_n_samples():
    rng = np.random.default_rng(5)
    a = rng.normal(size=4)

    def f(x):
        return a[0] + a[1] * np.cos(x) + a[2] * np.sin(2 * x) + a[3] * np.cos(3 * x)

    c = fourier_series_coefficients(f, 5, n_samples=11)
    assert np.allclose(c, np.conj(c[::-1]))
    assert np.isclose(c[5], a[0]) and np.isclose(c[6], a[1] / 2)
    assert np.isclose(c[7], -0.5j * a[2]) and np.isclose(c[8], a[3] / 2)
    assert fourier_series_coefficients(f, 0).shape == (1,)


# --- bad input ----------------------------------------------------------------------


@pytest.mark.parametrize("func, name", [(dft, "x"), (idft, "X"), (power_spectrum, "x"),
                                         (parseval_energies, "x")])
@pytest.mark.parametrize("bad", [[], [[1.0, 2.0]], [1.0, np.nan], [np.inf]])
def test_signal_functions_bad_input(func, name, bad):
    with pytest.raises(ValueError, match=name):
        func(bad)


@pytest.mark.parametrize("func", [dft, idft, power_spectrum, parseval_energies])
def test_signal_functions_type_errors(func):
    with pytest.raises(TypeError):
        func("abc")
    with pytest.raises(TypeError):
        func(None)


def test_dft_matrix_and_frequencies_bad_input():
    with pytest.raises(ValueError, match="n"):
        dft_matrix(0)
    with pytest.raises(ValueError, match="n"):
        dft_matrix(2.5)
    with pytest.raises(TypeError, match="n"):
        dft_matrix("4")
    with pytest.raises(ValueError, match="n"):
        dft_frequencies(-1)
    for bad in (0.0, -1.0, np.inf, np.nan):
        with pytest.raises(ValueError, match="d"):
            dft_frequencies(4, bad)
    with pytest.raises(TypeError, match="d"):
        dft_frequencies(4, "1")


@pytest.mark.parametrize("func", [convolve, circular_convolve])
def test_convolutions_bad_input(func):
    with pytest.raises(ValueError, match="x"):
        func([], [1.0])
    with pytest.raises(ValueError, match="y"):
        func([1.0], [np.nan])
    with pytest.raises(ValueError, match="y"):
        func([1.0], [[1.0]])
    with pytest.raises(TypeError, match="x"):
        func("ab", [1.0])


def test_circular_convolve_length_mismatch():
    with pytest.raises(ValueError, match="x and y"):
        circular_convolve([1.0, 2.0], [1.0, 2.0, 3.0])


def test_fourier_transform_bad_input():
    with pytest.raises(TypeError, match="f"):
        fourier_transform(3.0, 0.5)
    with pytest.raises(ValueError, match="f"):
        fourier_transform(lambda x: 1.0, 0.5)  # one value for many points
    with pytest.raises(ValueError, match="f"):
        fourier_transform(lambda x: np.full_like(x, np.nan), 0.5)
    with pytest.raises(TypeError, match="f"):
        fourier_transform(lambda x: np.array(["a"] * len(x)), 0.5)
    for bad in (np.nan, np.inf, [0.1, np.nan]):
        with pytest.raises(ValueError, match="xi"):
            fourier_transform(gauss, bad)
    with pytest.raises(TypeError, match="xi"):
        fourier_transform(gauss, "0.5")
    for bad in (0.0, -1.0, np.nan):
        with pytest.raises(ValueError, match="limit"):
            fourier_transform(gauss, 0.5, limit=bad)


def test_fourier_transform_non_integrable_is_refused():
    with pytest.raises(ValueError, match="f"):
        fourier_transform(lambda x: np.ones_like(x), 0.3)


def test_series_bad_input():
    with pytest.raises(TypeError, match="f"):
        fourier_series_coefficients(None, 3)
    with pytest.raises(ValueError, match="n_terms"):
        fourier_series_coefficients(np.cos, -1)
    with pytest.raises(ValueError, match="n_terms"):
        fourier_series_coefficients(np.cos, 1.5)
    with pytest.raises(TypeError, match="n_terms"):
        fourier_series_coefficients(np.cos, "3")
    for bad in (0.0, -2.0, np.inf, np.nan):
        with pytest.raises(ValueError, match="period"):
            fourier_series_coefficients(np.cos, 3, bad)
    with pytest.raises(ValueError, match="n_samples"):
        fourier_series_coefficients(np.cos, 3, n_samples=6)
    with pytest.raises(ValueError, match="f"):
        fourier_series_coefficients(lambda x: x[:-1], 3)
    with pytest.raises(ValueError, match="f"):
        fourier_series_coefficients(lambda x: np.where(x > 1, np.inf, 0.0), 3)
