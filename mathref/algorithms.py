"""Algorithms: sketches and randomised methods, dynamic programming, graphs and heaps.

Each entry states its guarantee as a formula (the probability that a sample keeps an item,
the over-count of a sketch, the distortion of a projection, the recurrence of a dynamic
programme) and the tests check that guarantee, not only the code path.
"""
from __future__ import annotations

import math
from typing import Any, Hashable, Iterable, NamedTuple

import numpy as np

from ._validate import (
    allocation_guard,
    as_int,
    as_matrix,
    as_probability_vector,
    as_rng,
    as_scalar_in_range,
    as_stochastic_matrix,
    as_vector,
    describe,
)

__all__ = [
    "reservoir_sample",
    "CountMinSketch",
    "count_min_dimensions",
    "random_projection",
    "jl_min_dimension",
    "minhash_signature",
    "estimate_jaccard",
    "jaccard",
    "viterbi",
    "hmm_forward",
    "edit_distance",
    "pagerank",
    "shortest_path_lengths",
    "top_k",
]

#: entry id -> (title, aliases), read by :mod:`mathref._registry`.
_ENTRIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "reservoir_sample": ("Reservoir sampling", ("Algorithm R", "stream sampling",
                                                "uniform sample of a stream")),
    "CountMinSketch": ("Count-Min sketch", ("frequency sketch", "heavy hitters",
                                            "approximate counting")),
    "count_min_dimensions": ("Count-Min sketch dimensions from (ε, δ)",
                             ("sketch width and depth", "error bound of a sketch")),
    "random_projection": ("Gaussian random projection", ("Johnson-Lindenstrauss projection",
                                                         "JL transform", "sketching")),
    "jl_min_dimension": ("Johnson–Lindenstrauss minimum dimension",
                         ("JL lemma", "johnson_lindenstrauss_min_dim", "target dimension")),
    "minhash_signature": ("MinHash signature", ("min-wise hashing", "locality sensitive "
                                                "hashing", "LSH", "near duplicates")),
    "estimate_jaccard": ("Jaccard similarity estimated from MinHash signatures",
                         ("MinHash estimate", "signature agreement")),
    "jaccard": ("Jaccard similarity of two sets", ("intersection over union", "IoU",
                                                   "Jaccard index")),
    "viterbi": ("Viterbi algorithm (most likely hidden-state path)",
                ("HMM decoding", "max-product", "most probable path")),
    "hmm_forward": ("HMM forward algorithm (log-likelihood)",
                    ("forward recursion", "sum-product", "HMM likelihood")),
    "edit_distance": ("Edit (Levenshtein) distance", ("Levenshtein", "string distance",
                                                      "insertions deletions substitutions")),
    "pagerank": ("PageRank", ("random surfer", "Google matrix", "eigenvector centrality",
                              "stationary distribution")),
    "shortest_path_lengths": ("Shortest path lengths (Dijkstra)",
                              ("Dijkstra", "single-source shortest paths", "graph distance")),
    "top_k": ("Top-k largest values (heap selection)", ("k largest", "partial sort",
                                                        "argpartition", "heap")),
}


# --------------------------------------------------------------------------- sampling

def reservoir_sample(iterable: Iterable[Any], k: int, rng: Any = None) -> list[Any]:
    r"""A uniform random sample of ``k`` items from a stream of unknown length, in one pass.

    Parameters
    ----------
    iterable : iterable
        The stream; read once, never stored beyond ``k`` items.
    k : int
        The sample size, at least 1.
    rng : numpy.random.Generator, int or None, default None
        The random generator or seed.

    Returns
    -------
    list
        ``k`` items of the stream, each of the :math:`n` items kept with probability
        :math:`k/n`; their order is the reservoir's, not the stream's.

    Raises
    ------
    ValueError
        If ``k < 1``, or the stream holds fewer than ``k`` items (a sample of ``k`` distinct
        positions without replacement does not exist).
    TypeError
        If ``iterable`` is not iterable or ``k`` is not an integer.

    See Also
    --------
    minhash_signature : another one-pass summary of a stream.

    Notes
    -----
    .. math::

        P(\text{item } i \text{ in the sample after } n \text{ items}) =
        \frac{k}{i} \prod_{j=\max(i, k)+1}^{n} \left(1 - \frac{1}{j}\right) = \frac{k}{n}

    where item :math:`i` (counting from 1) enters the reservoir with probability
    :math:`\min(1, k/i)`, each later item :math:`j > k` replaces a uniformly chosen slot with
    probability :math:`k/j` (so it evicts a given slot with probability :math:`1/j`), and
    :math:`n` is the length of the stream.

    The product telescopes, so every item, early or late, ends up in the sample with the
    same probability :math:`k/n`: the sample is uniform although :math:`n` was never known
    in advance. The formula is Vitter's Algorithm R; the code runs Li's Algorithm L, which
    has the same distribution but draws the gap to the next replacement from its
    (geometric-like) law, so it needs :math:`O(k \log(n/k))` random numbers instead of
    :math:`n`.

    References
    ----------
    .. [1] J. S. Vitter, "Random sampling with a reservoir", *ACM Transactions on
       Mathematical Software* 11(1), 37-57, 1985.
    .. [2] K.-H. Li, "Reservoir-sampling algorithms of time complexity
       O(n(1 + log(N/n)))", *ACM Transactions on Mathematical Software* 20(4), 481-493, 1994.

    Examples
    --------
    >>> from mathref import reservoir_sample
    >>> sample = reservoir_sample(range(1_000_000), 5, rng=0)
    >>> len(sample), len(set(sample))
    (5, 5)
    >>> reservoir_sample(range(1_000_000), 5, rng=0) == sample   # same seed, same sample
    True
    """
    size = as_int(k, "k", minimum=1)
    generator = as_rng(rng)
    try:
        iterator = iter(iterable)
    except TypeError:
        raise TypeError(f"iterable must be iterable, got {describe(iterable)}") from None
    reservoir: list[Any] = []
    for item in iterator:
        reservoir.append(item)
        if len(reservoir) == size:
            break
    if len(reservoir) < size:
        raise ValueError(
            f"k must be at most the length of the stream, got k={size} for a stream of "
            f"{len(reservoir)} items (sampling without replacement)")
    # Algorithm L: jump straight to the next replacement (a geometric gap), so only
    # O(k log(n/k)) random numbers are drawn instead of one per item.
    def uniform() -> float:
        return 1.0 - float(generator.random())  # in (0, 1]

    weight = math.exp(math.log(uniform()) / size)
    next_index = size - 1 + _geometric_gap(uniform(), weight)
    for index, item in enumerate(iterator, start=size):
        if index == next_index:
            reservoir[int(generator.integers(0, size))] = item
            weight *= math.exp(math.log(uniform()) / size)
            next_index += _geometric_gap(uniform(), weight)
    return reservoir


def _geometric_gap(u: float, weight: float) -> int:
    """1 + the number of items skipped before the next replacement in Algorithm L."""
    if weight >= 1.0:
        return 1
    return int(math.floor(math.log(u) / math.log1p(-weight))) + 1


# --------------------------------------------------------------------------- sketches

def _item_bytes(item: Hashable, name: str = "item") -> bytes:
    """A stable byte encoding of an item (the same in every process)."""
    if isinstance(item, bytes):
        return b"b" + item
    if isinstance(item, str):
        return b"s" + item.encode("utf-8")
    if isinstance(item, (bool, np.bool_)):
        return b"o" + repr(bool(item)).encode()
    if isinstance(item, (int, np.integer)):
        return b"i" + str(int(item)).encode()
    if isinstance(item, (float, np.floating)):
        return b"f" + float(item).hex().encode()
    if isinstance(item, tuple):
        return b"t" + b"\x00".join(_item_bytes(x, name) for x in item)
    raise TypeError(
        f"{name} must be a str, bytes, int, float or a tuple of those (hashed with hashlib so "
        f"results are the same in every process), got {describe(item)}")


def _hashes(item: Hashable, count: int, seed: int, name: str = "item") -> list[int]:
    """``count`` independent 64-bit hashes of ``item`` (BLAKE2b keyed by ``seed``)."""
    import hashlib  # here, not at the top: `import mathref` stays fast for the CLI

    key = seed.to_bytes(8, "little", signed=False)
    digest = hashlib.blake2b(_item_bytes(item, name), digest_size=min(64, 8 * count),
                             key=key).digest()
    values = [int.from_bytes(digest[8 * i:8 * i + 8], "little") for i in range(len(digest) // 8)]
    round_ = 1
    while len(values) < count:
        more = hashlib.blake2b(_item_bytes(item, name), digest_size=64, key=key,
                               salt=round_.to_bytes(16, "little")).digest()
        values += [int.from_bytes(more[8 * i:8 * i + 8], "little") for i in range(8)]
        round_ += 1
    return values[:count]


class CountMinSketch:
    r"""Count-Min sketch: approximate counts of a stream in ``width × depth`` integers.

    Parameters
    ----------
    width : int
        Counters per row, :math:`w \ge 1`; the over-count is about :math:`N/w`.
    depth : int
        Rows (independent hash functions), :math:`d \ge 1`; the failure probability falls as
        :math:`e^{-d}`.
    seed : int, default 0
        Seeds the hash functions (BLAKE2b keyed by the seed), so the same seed gives the same
        estimates in every process; :math:`0 \le` ``seed`` :math:`< 2^{64}`.

    Raises
    ------
    ValueError
        If ``width`` or ``depth`` is below 1 (or too large to allocate) or ``seed`` is
        outside :math:`[0, 2^{64})`.

    See Also
    --------
    count_min_dimensions : width and depth for an error ε with probability 1 − δ.

    Notes
    -----
    .. math::

        \hat a_x = \min_{1 \le j \le d} C[j, h_j(x)], \qquad
        a_x \le \hat a_x \le a_x + \varepsilon N
        \text{ with probability at least } 1 - \delta

    where :math:`a_x` is the true count of item :math:`x`, :math:`C` the
    :math:`d \times w` table of counters, :math:`h_j` the :math:`j`-th hash function into
    :math:`\{0, \dots, w - 1\}`, :math:`N = \sum_x a_x` the total count added, and the
    bound holds for :math:`w = \lceil e / \varepsilon \rceil`,
    :math:`d = \lceil \ln(1/\delta) \rceil`.

    Every row counts :math:`x` plus whatever collides with it, so each counter is at least
    the true count: the sketch **never under-estimates**. In one row the expected
    collision mass is at most :math:`N/w`, so by Markov's inequality it exceeds
    :math:`eN/w` with probability at most :math:`1/e`; the minimum over :math:`d`
    independent rows exceeds it with probability at most :math:`e^{-d}`. When a sketch
    reports heavy hitters that are not there, it is this over-count: widen the sketch.

    References
    ----------
    .. [1] G. Cormode and S. Muthukrishnan, "An improved data stream summary: the count-min
       sketch and its applications", *Journal of Algorithms* 55(1), 58-75, 2005.

    Examples
    --------
    >>> from mathref import CountMinSketch
    >>> sketch = CountMinSketch(width=272, depth=5)
    >>> for word in ["cat"] * 50 + ["dog"] * 20 + [f"w{i}" for i in range(1000)]:
    ...     sketch.add(word)
    >>> sketch.estimate("cat") >= 50, sketch.estimate("dog") >= 20
    (True, True)
    >>> sketch.estimate("cat") <= 50 + 1070 / 100      # within εN for ε = e/272 ≈ 0.01
    True
    """

    def __init__(self, width: int, depth: int, seed: int = 0) -> None:
        self.width = as_int(width, "width", minimum=1)
        self.depth = as_int(depth, "depth", minimum=1)
        self.seed = as_int(seed, "seed", minimum=0, maximum=2**64 - 1)  # an 8-byte key
        with allocation_guard(f"width × depth = {self.width} × {self.depth}"):
            self.table = np.zeros((self.depth, self.width), dtype=np.int64)
        self.total = 0

    def _columns(self, item: Hashable) -> list[int]:
        return [h % self.width for h in _hashes(item, self.depth, self.seed)]

    def add(self, item: Hashable, count: int = 1) -> None:
        r"""Add ``count`` occurrences of ``item``: one counter per row grows.

        Parameters
        ----------
        item : str, bytes, int, float or tuple of those
            The item, hashed with :mod:`hashlib` (stable across processes).
        count : int, default 1
            How many occurrences, :math:`\ge 0` (the guarantee needs non-negative updates).

        Raises
        ------
        ValueError
            If ``count`` is negative or would overflow the 64-bit counters.
        TypeError
            If ``count`` is not an integer or ``item`` is not hashable as described.

        Notes
        -----
        .. math::

            C[j, h_j(x)] \leftarrow C[j, h_j(x)] + c \quad \text{for } j = 1, \dots, d

        where :math:`c` is ``count`` and :math:`h_j(x)` the column of item :math:`x` in
        row :math:`j`.

        Examples
        --------
        >>> from mathref import CountMinSketch
        >>> sketch = CountMinSketch(100, 3)
        >>> sketch.add("a", count=3)
        >>> sketch.total, sketch.estimate("a")
        (3, 3)
        """
        amount = as_int(count, "count", minimum=0)
        rows = np.arange(self.depth)
        columns = self._columns(item)
        # the counters are int64: refuse an add that would wrap them around to negative
        headroom = int(np.iinfo(np.int64).max) - int(self.table[rows, columns].max())
        if amount > headroom:
            raise ValueError(f"count = {amount} would overflow the sketch's 64-bit counters "
                             f"(room for {headroom} more)")
        self.table[rows, columns] += amount
        self.total += amount

    def estimate(self, item: Hashable) -> int:
        r"""The estimated count of ``item``: never below the true count.

        Parameters
        ----------
        item : str, bytes, int, float or tuple of those
            The item.

        Returns
        -------
        int
            :math:`\hat a_x = \min_j C[j, h_j(x)]`.

        Examples
        --------
        >>> from mathref import CountMinSketch
        >>> sketch = CountMinSketch(100, 3)
        >>> sketch.add("a", 2)
        >>> sketch.estimate("a"), sketch.estimate("never added") >= 0
        (2, True)
        """
        rows = np.arange(self.depth)
        return int(np.min(self.table[rows, self._columns(item)]))


class CountMinDimensions(NamedTuple):
    """Width and depth of a Count-Min sketch (see :func:`count_min_dimensions`)."""

    width: int
    depth: int


def _ceil_exact(value_is_above: Any, approx: float) -> int:
    """The ceiling of a real number known through a test ``value > m`` for integers m."""
    m = math.floor(approx)
    for candidate in (m - 1, m, m + 1):
        if not value_is_above(candidate):
            return max(candidate, 0)
    return m + 2


def count_min_dimensions(epsilon: float, delta: float) -> CountMinDimensions:
    r"""Width and depth of a Count-Min sketch with error :math:`\varepsilon N` w.p. 1 − δ.

    Parameters
    ----------
    epsilon : float
        The additive error as a fraction of the total count, in (0, 1).
    delta : float
        The failure probability, in (0, 1).

    Returns
    -------
    CountMinDimensions
        ``(width, depth)``.

    Raises
    ------
    ValueError
        If ``epsilon`` or ``delta`` is outside (0, 1), or ``epsilon`` is so small
        (below about :math:`1.5 \times 10^{-308}`) that :math:`e/\varepsilon` overflows.

    See Also
    --------
    CountMinSketch : the sketch these dimensions are for.

    Notes
    -----
    .. math::

        w = \left\lceil \frac{e}{\varepsilon} \right\rceil, \qquad
        d = \left\lceil \ln \frac{1}{\delta} \right\rceil

    where :math:`w` is the width (counters per row), :math:`d` the depth (rows),
    :math:`e` Euler's number, :math:`\varepsilon` the error as a fraction of the total count
    and :math:`\delta` the failure probability.

    The ceilings are exact: :math:`e/\varepsilon` and :math:`\ln(1/\delta)` are compared
    with the integers around them in 60-digit decimal arithmetic, so an input such as
    ``epsilon = e/100`` (whose double is slightly below :math:`e/100`) gets width 101, not
    the 100 that a rounded floating-point division gives.

    Examples
    --------
    >>> from mathref import count_min_dimensions
    >>> count_min_dimensions(0.01, 0.01)
    CountMinDimensions(width=272, depth=5)
    """
    eps = as_scalar_in_range(epsilon, "epsilon", 0.0, 1.0, low_open=True, high_open=True)
    dlt = as_scalar_in_range(delta, "delta", 0.0, 1.0, low_open=True, high_open=True)
    if not math.isfinite(math.e / eps):
        raise ValueError(f"epsilon = {epsilon!r} is too small: the width e/epsilon overflows "
                         "a float")
    from decimal import Decimal, localcontext

    with localcontext() as ctx:
        ctx.prec = 60
        e = Decimal(1).exp()
        d_eps, d_dlt = Decimal(eps), Decimal(dlt)
        width = _ceil_exact(lambda m: e > m * d_eps, math.e / eps)
        # ln(1/δ) > m  ⟺  δ < e^{-m}
        depth = _ceil_exact(lambda m: d_dlt < (-Decimal(m)).exp(), -math.log(dlt))
    return CountMinDimensions(int(width), max(int(depth), 1))


def random_projection(X: Any, n_components: int, rng: Any = None) -> np.ndarray:
    r"""Project data onto ``n_components`` random Gaussian directions (Johnson–Lindenstrauss).

    Parameters
    ----------
    X : array_like, shape (n_samples, n_features)
        The data, finite.
    n_components : int
        The target dimension :math:`k \ge 1`.
    rng : numpy.random.Generator, int or None, default None
        The random generator or seed.

    Returns
    -------
    numpy.ndarray, shape (n_samples, n_components)
        :math:`XR`.

    Raises
    ------
    ValueError
        If ``X`` is not a finite 2-D array or ``n_components < 1``.

    See Also
    --------
    jl_min_dimension : the dimension that guarantees a distortion ε.

    Notes
    -----
    .. math::

        y_i = R^\top x_i, \qquad R_{jl} \sim \mathcal{N}\left(0, \frac{1}{k}\right)
        \text{ i.i.d.}, \qquad \mathbb{E}\,\|y_i - y_j\|^2 = \|x_i - x_j\|^2

    where :math:`x_i \in \mathbb{R}^d` is the :math:`i`-th row of :math:`X`, :math:`R` the
    :math:`d \times k` random matrix, and :math:`k` the target dimension.

    The :math:`1/k` variance makes squared lengths unbiased; the Johnson–Lindenstrauss lemma
    says that for :math:`k \ge` :func:`jl_min_dimension` every pairwise distance is kept
    within a factor :math:`1 \pm \varepsilon` with high probability, whatever :math:`d`.
    This is scikit-learn's ``GaussianRandomProjection``.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import random_projection
    >>> X = np.random.default_rng(0).normal(size=(50, 2000))
    >>> Y = random_projection(X, 1000, rng=1)
    >>> Y.shape
    (50, 1000)
    >>> ratio = np.linalg.norm(Y[0] - Y[1]) / np.linalg.norm(X[0] - X[1])
    >>> bool(0.9 < ratio < 1.1)
    True
    """
    data = as_matrix(X, "X")
    k = as_int(n_components, "n_components", minimum=1)
    generator = as_rng(rng)
    with allocation_guard(f"n_components = {k}"):
        projection = generator.normal(0.0, 1.0 / math.sqrt(k), size=(data.shape[1], k))
    return data @ projection


def jl_min_dimension(n_samples: int, eps: float) -> int:
    r"""The smallest dimension that keeps all pairwise distances within :math:`1 \pm \varepsilon`.

    Parameters
    ----------
    n_samples : int
        The number of points, :math:`n \ge 1`.
    eps : float
        The allowed distortion, in (0, 1).

    Returns
    -------
    int
        The smallest integer :math:`k` with :math:`k \ge 4 \ln n / (\varepsilon^2/2 -
        \varepsilon^3/3)`.

    Raises
    ------
    ValueError
        If ``n_samples < 1`` or ``eps`` is outside (0, 1), or so small that the bound
        overflows a float.

    See Also
    --------
    random_projection : the projection this dimension is for.

    Notes
    -----
    .. math::

        k_{\min} = \left\lceil \frac{4 \ln n}{\varepsilon^2 / 2 - \varepsilon^3 / 3}
        \right\rceil

    where :math:`n` is the number of points and :math:`\varepsilon` the distortion: a
    random projection to :math:`k \ge k_{\min}` dimensions keeps
    :math:`(1 - \varepsilon)\|x_i - x_j\|^2 \le \|y_i - y_j\|^2 \le (1 + \varepsilon)
    \|x_i - x_j\|^2` for all pairs with positive probability (Dasgupta and Gupta's bound).

    The bound does not depend on the original dimension. scikit-learn's
    ``johnson_lindenstrauss_min_dim`` truncates the quotient instead of rounding it up, so
    it returns one less than the smallest dimension that meets the bound (11841 for
    :math:`n = 10^6, \varepsilon = 0.1`, where the quotient is 11841.9); this function
    rounds up.

    References
    ----------
    .. [1] S. Dasgupta and A. Gupta, "An elementary proof of a theorem of Johnson and
       Lindenstrauss", *Random Structures & Algorithms* 22(1), 60-65, 2003.

    Examples
    --------
    >>> from mathref import jl_min_dimension
    >>> jl_min_dimension(1_000_000, 0.1)
    11842
    >>> jl_min_dimension(10, 0.9)
    57
    """
    n = as_int(n_samples, "n_samples", minimum=1)
    e = as_scalar_in_range(eps, "eps", 0.0, 1.0, low_open=True, high_open=True)
    if n == 1:
        return 1
    denominator = e**2 / 2.0 - e**3 / 3.0
    if denominator == 0.0 or not math.isfinite(4.0 * math.log(n) / denominator):
        raise ValueError(f"eps = {eps!r} is too small: the bound 4 ln(n) / (eps^2/2 - "
                         f"eps^3/3) overflows a float for n_samples = {n}")
    bound = 4.0 * math.log(n) / denominator
    return max(int(math.ceil(bound)), 1)


_MERSENNE_31 = (1 << 31) - 1


def minhash_signature(items: Iterable[Hashable], n_hashes: int = 128,
                      seed: int = 0) -> np.ndarray:
    r"""The MinHash signature of a set: for each of ``n_hashes`` hash functions, the minimum.

    Parameters
    ----------
    items : iterable of str, bytes, int, float or tuples of those
        The set's elements (duplicates do not matter). Must not be empty.
    n_hashes : int, default 128
        The signature length :math:`k`; the estimate's standard error is about
        :math:`1/\sqrt{k}`.
    seed : int, default 0
        Seeds the hash family; compare only signatures made with the same seed;
        :math:`0 \le` ``seed`` :math:`< 2^{64}`.

    Returns
    -------
    numpy.ndarray of uint64, shape (n_hashes,)
        The signature.

    Raises
    ------
    ValueError
        If ``items`` is empty or ``n_hashes < 1``.
    TypeError
        If an item cannot be hashed stably.

    See Also
    --------
    estimate_jaccard : compares two signatures.
    jaccard : the exact similarity.

    Notes
    -----
    .. math::

        \operatorname{sig}_j(A) = \min_{x \in A} h_j(x), \qquad
        P\left(\operatorname{sig}_j(A) = \operatorname{sig}_j(B)\right) = J(A, B)

    where :math:`h_j(x) = (a_j g(x) + b_j) \bmod p` is the :math:`j`-th hash function,
    :math:`g(x)` a BLAKE2b hash of :math:`x` reduced mod :math:`p`, :math:`p = 2^{31} - 1`
    a Mersenne prime,
    :math:`a_j, b_j` random coefficients drawn from ``seed``, and :math:`J(A, B)` the Jaccard
    similarity.

    The minimum over :math:`A \cup B` lands in :math:`A \cap B` with probability
    :math:`|A \cap B| / |A \cup B|` (every element is equally likely to hash lowest), so the
    fraction of agreeing positions is an unbiased estimate of :math:`J`. With
    :math:`p < 2^{31}` every product :math:`a_j g(x)` fits in 64 bits, so the hashes are
    computed exactly and vectorised; two distinct items collide with probability about
    :math:`2^{-31}`, negligible next to the :math:`1/\sqrt{k}` sampling error.

    References
    ----------
    .. [1] A. Z. Broder, "On the resemblance and containment of documents", *Compression
       and Complexity of Sequences*, 1997.

    Examples
    --------
    >>> from mathref import minhash_signature, estimate_jaccard, jaccard
    >>> a, b = set(range(0, 1000)), set(range(500, 1500))
    >>> jaccard(a, b)
    0.3333
    >>> est = estimate_jaccard(minhash_signature(a, 512), minhash_signature(b, 512))
    >>> abs(est - 1 / 3) < 3 / 512 ** 0.5
    True
    """
    k = as_int(n_hashes, "n_hashes", minimum=1)
    s = as_int(seed, "seed", minimum=0, maximum=2**64 - 1)  # an 8-byte BLAKE2b key
    if isinstance(items, (str, bytes)):
        raise TypeError(f"items must be an iterable of items (a set, list, ...), got "
                        f"{describe(items)}; wrap a single string in a list")
    try:
        unique = set(items)
    except TypeError:
        raise TypeError(f"items must be an iterable of hashable items, got "
                        f"{describe(items)}") from None
    if not unique:
        raise ValueError("items must not be empty (the minimum over an empty set is "
                         "undefined)")
    base = np.fromiter((_hashes(x, 1, s, "every entry of items")[0] % _MERSENNE_31
                        for x in unique),
                       dtype=np.uint64, count=len(unique))
    coeff = np.random.default_rng(s)
    with allocation_guard(f"n_hashes = {k}"):
        a = coeff.integers(1, _MERSENNE_31, size=k, dtype=np.uint64)[:, None]
    b = coeff.integers(0, _MERSENNE_31, size=k, dtype=np.uint64)[:, None]
    signature = np.full(k, np.iinfo(np.uint64).max, dtype=np.uint64)
    chunk = max(1, 2**22 // k)
    for start in range(0, base.size, chunk):
        g = base[None, start:start + chunk]
        # a, g < 2^31 so a*g + b < 2^63: exact in uint64
        signature = np.minimum(signature, np.min((a * g + b) % _MERSENNE_31, axis=1))
    return signature


def estimate_jaccard(sig_a: Any, sig_b: Any) -> float:
    r"""The Jaccard similarity estimated from two MinHash signatures.

    Parameters
    ----------
    sig_a, sig_b : array_like, shape (k,)
        Signatures from :func:`minhash_signature` with the same ``n_hashes`` and ``seed``.

    Returns
    -------
    float
        The fraction of positions where the signatures agree, in [0, 1].

    Raises
    ------
    ValueError
        If the signatures are not 1-D, are empty or differ in length.

    See Also
    --------
    minhash_signature : makes the signatures.

    Notes
    -----
    .. math::

        \hat J = \frac{1}{k} \sum_{j=1}^{k} \mathbb{1}\left[\operatorname{sig}_j(A) =
        \operatorname{sig}_j(B)\right], \qquad
        \operatorname{SE}(\hat J) = \sqrt{\frac{J(1 - J)}{k}} \le \frac{1}{2\sqrt{k}}

    where :math:`k` is the signature length, :math:`\mathbb{1}` the indicator and
    :math:`J` the true Jaccard similarity; each position agrees with probability :math:`J`
    independently, so :math:`k\hat J` is binomial.

    Examples
    --------
    >>> from mathref import estimate_jaccard
    >>> estimate_jaccard([1, 2, 3, 4], [1, 2, 0, 0])
    0.5
    """
    a = _as_signature(sig_a, "sig_a")
    b = _as_signature(sig_b, "sig_b")
    if a.shape != b.shape:
        raise ValueError(f"sig_a and sig_b must have the same length, got {a.size} and "
                         f"{b.size}")
    return float(np.mean(a == b))


def _as_signature(sig: Any, name: str) -> np.ndarray:
    if isinstance(sig, (str, bytes)):
        raise TypeError(f"{name} must be a 1-D array of hash values, got {describe(sig)}")
    try:
        arr = np.asarray(sig)
    except (ValueError, TypeError):
        raise ValueError(f"{name} must be a 1-D array of hash values, got "
                         f"{describe(sig)}") from None
    if arr.dtype.kind not in "iuf" or arr.ndim != 1 or arr.size == 0:
        raise ValueError(f"{name} must be a non-empty 1-D array of hash values, got "
                         f"{describe(arr)}")
    if arr.dtype.kind == "f" and not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite, got {describe(arr)}")
    return arr


def jaccard(a: Iterable[Hashable], b: Iterable[Hashable]) -> float:
    r"""The Jaccard similarity of two sets: intersection over union.

    Parameters
    ----------
    a, b : iterable of hashable
        The two sets (any iterables; duplicates do not matter).

    Returns
    -------
    float
        :math:`J(A, B) \in [0, 1]`.

    Raises
    ------
    ValueError
        If both sets are empty (0/0: the similarity is undefined).
    TypeError
        If an argument is not an iterable of hashable items.

    See Also
    --------
    estimate_jaccard : the MinHash estimate, for sets too large to intersect.

    Notes
    -----
    .. math::

        J(A, B) = \frac{|A \cap B|}{|A \cup B|}

    where :math:`|\cdot|` is the number of elements. :math:`1 - J` is a metric on finite
    sets (the Jaccard distance).

    Examples
    --------
    >>> from mathref import jaccard
    >>> jaccard({"a", "b", "c"}, {"b", "c", "d"})
    0.5
    """
    set_a, set_b = _as_set(a, "a"), _as_set(b, "b")
    union = len(set_a | set_b)
    if union == 0:
        raise ValueError("a and b must not both be empty: J(∅, ∅) = 0/0 is undefined")
    return len(set_a & set_b) / union


def _as_set(value: Any, name: str) -> set:
    if isinstance(value, (str, bytes)):
        raise TypeError(f"{name} must be an iterable of items (a set, list, ...), got "
                        f"{describe(value)}")
    try:
        return set(value)
    except TypeError:
        raise TypeError(f"{name} must be an iterable of hashable items, got "
                        f"{describe(value)}") from None


# --------------------------------------------------------------------------- HMMs

class ViterbiResult(NamedTuple):
    """The most likely hidden-state path and its log-probability (see :func:`viterbi`)."""

    path: np.ndarray
    log_probability: float


def _hmm_inputs(initial: Any, transition: Any, emission: Any,
                observations: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    pi = as_probability_vector(initial, "initial")
    a = as_stochastic_matrix(transition, "transition")
    b = as_stochastic_matrix(emission, "emission")
    n_states = pi.size
    if a.shape != (n_states, n_states):
        raise ValueError(f"transition must be ({n_states}, {n_states}) to match initial, got "
                         f"shape {a.shape}")
    if b.shape[0] != n_states:
        raise ValueError(f"emission must have {n_states} rows (one per state), got shape "
                         f"{b.shape}")
    obs = as_vector(observations, "observations")
    if not np.all(obs == np.floor(obs)) or obs.min() < 0 or obs.max() >= b.shape[1]:
        raise ValueError(f"observations must be integer symbols in [0, {b.shape[1]}), got "
                         f"{describe(np.asarray(observations))}")
    with np.errstate(divide="ignore"):
        return np.log(pi), np.log(a), np.log(b), obs.astype(np.intp)


def viterbi(initial: Any, transition: Any, emission: Any, observations: Any) -> ViterbiResult:
    r"""The most likely hidden-state path of an HMM, by dynamic programming in log space.

    Parameters
    ----------
    initial : array_like, shape (K,)
        :math:`\pi_i = P(z_1 = i)`, a probability vector.
    transition : array_like, shape (K, K)
        :math:`A_{ij} = P(z_{t+1} = j \mid z_t = i)`; each row sums to 1.
    emission : array_like, shape (K, M)
        :math:`B_{io} = P(x_t = o \mid z_t = i)`; each row sums to 1.
    observations : array_like of int, shape (T,)
        The observed symbols :math:`x_1, \dots, x_T` in :math:`\{0, \dots, M-1\}`.

    Returns
    -------
    ViterbiResult
        ``path`` (int array of shape (T,)) and ``log_probability``
        :math:`\log P(z^*, x)` of that path together with the observations.

    Raises
    ------
    ValueError
        If a probability table is not normalised, shapes disagree, a symbol is out of range,
        or the observations have probability 0 under the model (then no path is most
        likely).

    See Also
    --------
    hmm_forward : sums over the paths instead of maximising.

    Notes
    -----
    .. math::

        \delta_1(i) = \log \pi_i + \log B_{i x_1}, \qquad
        \delta_t(j) = \max_i \left( \delta_{t-1}(i) + \log A_{ij} \right) + \log B_{j x_t}

    where :math:`\delta_t(j)` is the log-probability of the best path that ends in state
    :math:`j` at time :math:`t`; the path is read back from the maximisers, starting from
    :math:`\arg\max_j \delta_T(j)`, and :math:`\log P(z^*, x) = \max_j \delta_T(j)`.

    Multiplying probabilities underflows: a path of 10 000 steps with factors near 0.1 has
    probability :math:`10^{-10000}`, far below the smallest double (:math:`10^{-308}`), so
    the product is 0 for every path and the argmax is meaningless. In log space the same
    quantities are about :math:`-23\,000` and exact. The recursion is vectorised over states
    (one :math:`K \times K` maximum per step); ties go to the lowest state index.

    References
    ----------
    .. [1] L. R. Rabiner, "A tutorial on hidden Markov models and selected applications in
       speech recognition", *Proceedings of the IEEE* 77(2), 257-286, 1989.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import viterbi
    >>> initial = [0.6, 0.4]                      # states: rainy, sunny
    >>> transition = [[0.7, 0.3], [0.4, 0.6]]
    >>> emission = [[0.1, 0.4, 0.5], [0.6, 0.3, 0.1]]   # walk, shop, clean
    >>> path, logp = viterbi(initial, transition, emission, [0, 1, 2])
    >>> path.tolist(), round(float(np.exp(logp)), 5)
    ([1, 0, 0], 0.01344)
    """
    log_pi, log_a, log_b, obs = _hmm_inputs(initial, transition, emission, observations)
    steps, n_states = obs.size, log_pi.size
    back = np.empty((steps, n_states), dtype=np.intp)
    delta = log_pi + log_b[:, obs[0]]
    for t in range(1, steps):
        scores = delta[:, None] + log_a
        back[t] = np.argmax(scores, axis=0)
        delta = scores[back[t], np.arange(n_states)] + log_b[:, obs[t]]
    best = int(np.argmax(delta))
    log_probability = float(delta[best])
    if log_probability == -math.inf:
        raise ValueError("observations have probability 0 under the model (every path "
                         "is impossible), so no path is most likely")
    path = np.empty(steps, dtype=np.intp)
    path[-1] = best
    for t in range(steps - 1, 0, -1):
        path[t - 1] = back[t, path[t]]
    return ViterbiResult(path, log_probability)


def hmm_forward(initial: Any, transition: Any, emission: Any, observations: Any) -> float:
    r"""The log-likelihood :math:`\log P(x_1, \dots, x_T)` of an HMM, by the forward recursion.

    Parameters
    ----------
    initial : array_like, shape (K,)
        :math:`\pi_i = P(z_1 = i)`, a probability vector.
    transition : array_like, shape (K, K)
        :math:`A_{ij} = P(z_{t+1} = j \mid z_t = i)`; each row sums to 1.
    emission : array_like, shape (K, M)
        :math:`B_{io} = P(x_t = o \mid z_t = i)`; each row sums to 1.
    observations : array_like of int, shape (T,)
        The observed symbols in :math:`\{0, \dots, M-1\}`.

    Returns
    -------
    float
        The log-likelihood; ``-inf`` when the observations are impossible under the model.

    Raises
    ------
    ValueError
        If a probability table is not normalised, shapes disagree or a symbol is out of
        range.

    See Also
    --------
    viterbi : the single most likely path.

    Notes
    -----
    .. math::

        \alpha_1(i) = \log \pi_i + \log B_{i x_1}, \qquad
        \alpha_t(j) = \log \sum_i \exp\left( \alpha_{t-1}(i) + \log A_{ij} \right)
        + \log B_{j x_t}, \qquad \log P(x) = \log \sum_j \exp \alpha_T(j)

    where :math:`\alpha_t(j) = \log P(x_1, \dots, x_t, z_t = j)` and the sums are
    log-sum-exp operations (shifted by their maximum, so nothing overflows or underflows).

    The plain forward recursion multiplies probabilities and underflows to 0 after a few
    hundred steps, turning the log-likelihood into ``-inf`` and every gradient into NaN;
    this is the usual cause of "my HMM likelihood is -inf" on long sequences. The code
    evaluates the recursion with Rabiner's scaling: it carries
    :math:`\exp(\alpha_t) / P(x_1, \dots, x_t)`, which sums to 1, and adds
    :math:`\log P(x_t \mid x_1, \dots, x_{t-1})` at each step. That is the same quantity
    as the log-space recursion, exact to rounding, and costs one :math:`K \times K`
    matrix-vector product per step instead of :math:`K^2` exponentials.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import hmm_forward
    >>> initial = [0.6, 0.4]
    >>> transition = [[0.7, 0.3], [0.4, 0.6]]
    >>> emission = [[0.1, 0.4, 0.5], [0.6, 0.3, 0.1]]
    >>> round(float(np.exp(hmm_forward(initial, transition, emission, [0, 1, 2]))), 6)
    0.033612
    >>> hmm_forward(initial, transition, emission, [0, 1, 2] * 5000) / 15000   # no underflow
    -1.1630
    """
    log_pi, log_a, log_b, obs = _hmm_inputs(initial, transition, emission, observations)
    # Rabiner's scaling: carry alpha_t / P(x_1..x_t) and add log P(x_t | x_1..x_{t-1});
    # the same numbers as the log-space recursion, without a K x K exp per step.
    a, b = np.exp(log_a), np.exp(log_b)
    alpha = np.exp(log_pi) * b[:, obs[0]]
    log_likelihood = 0.0
    for t in range(obs.size):
        if t:
            alpha = (alpha @ a) * b[:, obs[t]]
        scale = float(alpha.sum())
        if scale == 0.0 or not math.isfinite(scale):
            return _hmm_forward_log_space(log_pi, log_a, log_b, obs)
        log_likelihood += math.log(scale)
        alpha /= scale
    return log_likelihood


def _hmm_forward_log_space(log_pi: np.ndarray, log_a: np.ndarray, log_b: np.ndarray,
                           obs: np.ndarray) -> float:
    """The forward recursion in log space (used when a scaled step is 0: impossible data)."""
    alpha = log_pi + log_b[:, obs[0]]
    for t in range(1, obs.size):
        alpha = _logsumexp_columns(alpha[:, None] + log_a) + log_b[:, obs[t]]
    return float(_logsumexp_columns(alpha[:, None])[0])


def _logsumexp_columns(m: np.ndarray) -> np.ndarray:
    """log Σ_i exp(m[i, j]) for each column, shifted by the column maximum."""
    top = np.max(m, axis=0)
    safe = np.where(np.isfinite(top), top, 0.0)
    with np.errstate(divide="ignore"):
        return safe + np.log(np.sum(np.exp(m - safe), axis=0))


def edit_distance(a: Any, b: Any) -> int:
    r"""The Levenshtein distance: fewest insertions, deletions and substitutions from a to b.

    Parameters
    ----------
    a, b : str or sequence
        The two sequences (strings, lists or tuples of comparable items).

    Returns
    -------
    int
        The distance, between :math:`|\,|a| - |b|\,|` and :math:`\max(|a|, |b|)`.

    Raises
    ------
    TypeError
        If an argument is not a sequence.

    Notes
    -----
    .. math::

        D_{i,j} = \min\left( D_{i-1,j} + 1,\; D_{i,j-1} + 1,\;
        D_{i-1,j-1} + \mathbb{1}[a_i \ne b_j] \right), \qquad D_{i,0} = i,\; D_{0,j} = j

    where :math:`D_{i,j}` is the distance between the first :math:`i` items of :math:`a`
    and the first :math:`j` items of :math:`b`; the answer is :math:`D_{|a|,|b|}`.

    The table is filled row by row keeping two rows, so memory is :math:`O(\min(|a|, |b|))`
    and time :math:`O(|a||b|)`. It is a metric on sequences.

    Examples
    --------
    >>> from mathref import edit_distance
    >>> edit_distance("kitten", "sitting")
    3
    >>> edit_distance(["a", "b"], ["b"])
    1
    """
    seq_a, seq_b = _as_sequence(a, "a"), _as_sequence(b, "b")
    if len(seq_a) < len(seq_b):
        seq_a, seq_b = seq_b, seq_a
    previous = list(range(len(seq_b) + 1))
    for i, item_a in enumerate(seq_a, start=1):
        current = [i]
        for j, item_b in enumerate(seq_b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (item_a != item_b)))
        previous = current
    return previous[-1]


def _as_sequence(value: Any, name: str) -> Any:
    if isinstance(value, np.ndarray):
        if value.ndim != 1:
            raise ValueError(f"{name} must be 1-D, got {describe(value)}")
        return value.tolist()
    if isinstance(value, (str, bytes, list, tuple, range)):
        return value
    raise TypeError(f"{name} must be a str, list, tuple or 1-D array, got {describe(value)}")


# --------------------------------------------------------------------------- graphs

def _is_sparse(value: Any) -> bool:
    return type(value).__module__.startswith("scipy.sparse")


def _as_adjacency(adjacency: Any, name: str, *, allow_inf: bool) -> Any:
    """A square dense ndarray, or a SciPy sparse matrix in CSR form, with finite data."""
    if _is_sparse(adjacency):
        matrix = adjacency.tocsr().astype(np.float64)
        if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1] or matrix.shape[0] == 0:
            raise ValueError(f"{name} must be a non-empty square matrix, got shape "
                             f"{matrix.shape}")
        data = matrix.data
        if not np.all(np.isfinite(data)):
            raise ValueError(f"{name} must hold finite values, got a non-finite entry")
        return matrix
    arr = as_matrix(adjacency, name, finite=False)
    if arr.shape[0] != arr.shape[1]:
        raise ValueError(f"{name} must be square, got shape {arr.shape}")
    if np.any(np.isnan(arr)) or (not allow_inf and np.any(np.isinf(arr))):
        raise ValueError(f"{name} must not hold NaN{'' if allow_inf else ' or inf'}, got "
                         f"{describe(arr)}")
    return arr.astype(np.float64, copy=False)


def pagerank(adjacency: Any, damping: float = 0.85, tol: float = 1e-10) -> np.ndarray:
    r"""PageRank scores: the stationary distribution of the random surfer.

    Parameters
    ----------
    adjacency : array_like or scipy.sparse matrix, shape (n, n)
        ``adjacency[i, j] > 0`` is the weight of an edge :math:`i \to j`; non-negative.
    damping : float, default 0.85
        The probability :math:`\alpha` of following an edge rather than teleporting, in
        [0, 1).
    tol : float, default 1e-10
        Stop when the :math:`\ell_1` change of the scores is below ``tol``.

    Returns
    -------
    numpy.ndarray, shape (n,)
        The scores, non-negative, summing to 1.

    Raises
    ------
    ValueError
        If ``adjacency`` is not square, is empty, holds a negative or non-finite weight, or
        ``damping`` / ``tol`` is out of range.

    Notes
    -----
    .. math::

        r = \alpha \left( P^\top r + \frac{\sum_{i \in \mathcal{D}} r_i}{n} \mathbf{1}
        \right) + \frac{1 - \alpha}{n} \mathbf{1}, \qquad
        P_{ij} = \frac{w_{ij}}{\sum_k w_{ik}}

    where :math:`r` is the score vector, :math:`w_{ij}` the weight of edge
    :math:`i \to j`, :math:`P` the row-normalised transition matrix, :math:`\mathcal{D}` the
    dangling nodes (no out-edges), whose score is spread uniformly, :math:`\alpha` the
    damping and :math:`n` the number of nodes.

    :math:`r` is the leading eigenvector (eigenvalue 1) of the Google matrix
    :math:`G = \alpha (P + \mathbf{d}\mathbf{1}^\top/n)^\top + (1 - \alpha)\mathbf{1}
    \mathbf{1}^\top / n`. Power iteration converges geometrically with ratio
    :math:`\alpha` (every step is a contraction in :math:`\ell_1`), so
    :math:`\log(\text{tol}) / \log \alpha` steps suffice: about 140 for the defaults. This
    is networkx's definition (uniform personalisation and dangling distribution).

    References
    ----------
    .. [1] L. Page, S. Brin, R. Motwani and T. Winograd, "The PageRank citation ranking:
       bringing order to the web", Stanford InfoLab, 1999.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import pagerank
    >>> A = np.array([[0, 1, 1], [0, 0, 1], [1, 0, 0]])
    >>> r = pagerank(A)
    >>> np.round(r, 4).tolist(), round(float(r.sum()), 12)
    ([0.3878, 0.2148, 0.3974], 1.0)
    """
    alpha = as_scalar_in_range(damping, "damping", 0.0, 1.0, high_open=True)
    tolerance = as_scalar_in_range(tol, "tol", 0.0, math.inf, low_open=True, high_open=True)
    matrix = _as_adjacency(adjacency, "adjacency", allow_inf=False)
    n = matrix.shape[0]
    # Each row is divided by its largest weight first (P is unchanged): otherwise the row
    # sums overflow for weights near 1e308, and their reciprocals overflow (inf * 0 = NaN)
    # for subnormal weights near 1e-310.
    if _is_sparse(matrix):
        if matrix.data.size and matrix.data.min() < 0:
            raise ValueError("adjacency must hold non-negative weights, got a negative entry")
        row_max = np.asarray(matrix.max(axis=1).todense(), dtype=np.float64).ravel()
        rows = np.repeat(np.arange(n), np.diff(matrix.indptr))
        matrix = matrix.copy()
        matrix.data = matrix.data / np.where(row_max == 0, 1.0, row_max)[rows]
        out_weight = np.asarray(matrix.sum(axis=1)).ravel()
        transpose = matrix.T.tocsr()
    else:
        if np.any(matrix < 0):
            raise ValueError(f"adjacency must hold non-negative weights, got {describe(matrix)}")
        row_max = matrix.max(axis=1)
        matrix = matrix / np.where(row_max == 0, 1.0, row_max)[:, None]
        out_weight = matrix.sum(axis=1)
        transpose = matrix.T
    dangling = out_weight == 0
    inverse_out = np.where(dangling, 0.0, 1.0 / np.where(dangling, 1.0, out_weight))
    scores = np.full(n, 1.0 / n)
    for _ in range(max(1000, int(10 * math.log(tolerance) / math.log(max(alpha, 1e-3))))):
        spread = alpha * float(scores[dangling].sum()) / n + (1.0 - alpha) / n
        updated = alpha * (transpose @ (scores * inverse_out)) + spread
        updated /= updated.sum()
        change = float(np.abs(updated - scores).sum())
        scores = updated
        if change < tolerance:
            break
    return np.asarray(scores, dtype=np.float64)


def shortest_path_lengths(weights: Any, source: int) -> np.ndarray:
    r"""Distances from ``source`` to every node: Dijkstra's algorithm.

    Parameters
    ----------
    weights : array_like or scipy.sparse matrix, shape (n, n)
        ``weights[i, j]`` is the length of the edge :math:`i \to j`: ``inf`` where there is
        none in a dense array; the stored entries of a sparse matrix are the edges (absent
        entries are no edge). Lengths must be non-negative.
    source : int
        The start node, in ``[0, n)``.

    Returns
    -------
    numpy.ndarray, shape (n,)
        The distance to every node; ``inf`` for an unreachable node, 0 for ``source``.

    Raises
    ------
    ValueError
        If ``weights`` is not square, holds a negative length or NaN, or ``source`` is out of
        range.

    Notes
    -----
    .. math::

        d(s) = 0, \qquad d(v) = \min_{u : (u, v) \in E} \left( d(u) + w_{uv} \right)

    where :math:`d(v)` is the length of the shortest path from the source :math:`s` to
    :math:`v`, :math:`E` the edges and :math:`w_{uv} \ge 0` their lengths.

    Dijkstra settles nodes in increasing distance, taking the closest unsettled node from a
    heap and relaxing its out-edges. The invariant: when a node :math:`u` is taken, its
    tentative distance is final. Any path to :math:`u` first leaves the settled set at some
    unsettled node :math:`y`, whose tentative distance is at most that path's length up to
    :math:`y` and at least :math:`u`'s (:math:`u` was the closest); the rest of the path
    has non-negative length, so it cannot come in shorter. So every settled :math:`d(v)`
    satisfies the equation above, and a single negative edge breaks it (use Bellman–Ford
    then); mathref refuses negative lengths before computing.

    The computation is SciPy's compiled Dijkstra, ``scipy.sparse.csgraph.dijkstra``
    (a Fibonacci heap, time :math:`O(|E| + |V| \log |V|)`), after mathref's checks. Its
    conventions are matched exactly: a sparse matrix is passed in CSR form, whose stored
    entries, explicit zeros included, are SciPy's edges; a dense matrix is converted with
    ``csgraph_from_dense(weights, null_value=inf)``, so ``inf`` and not 0 means "no edge"
    and a 0 stays an edge of length 0. Parallel stored entries of a CSR matrix are parallel
    edges (the shortest counts); self loops never shorten a path.

    References
    ----------
    .. [1] E. W. Dijkstra, "A note on two problems in connexion with graphs", *Numerische
       Mathematik* 1, 269-271, 1959.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import shortest_path_lengths
    >>> inf = np.inf
    >>> W = np.array([[inf, 4.0, 1.0, inf],
    ...               [inf, inf, inf, 1.0],
    ...               [inf, 2.0, inf, 5.0],
    ...               [inf, inf, inf, inf]])
    >>> shortest_path_lengths(W, 0).tolist()
    [0.0, 3.0, 1.0, 4.0]
    >>> shortest_path_lengths(W, 3).tolist()
    [inf, inf, inf, 0.0]
    """
    from scipy.sparse.csgraph import csgraph_from_dense, dijkstra

    matrix = _as_adjacency(weights, "weights", allow_inf=True)
    start = as_int(source, "source", minimum=0, maximum=matrix.shape[0] - 1)
    _check_non_negative_lengths(matrix)
    # SciPy's dense convention is 0 = no edge; converting with inf as the null value keeps
    # every finite entry, zeros included, as a stored (explicit) edge.
    graph = matrix if _is_sparse(matrix) else csgraph_from_dense(matrix, null_value=np.inf)
    return dijkstra(graph, directed=True, indices=start)


def _check_non_negative_lengths(matrix: Any) -> None:
    """Refuse a negative edge length (Dijkstra's invariant needs ``w >= 0``)."""
    if _is_sparse(matrix):
        if matrix.data.size and matrix.data.min() < 0:
            raise ValueError("weights must be non-negative (Dijkstra), got a negative length")
        return
    if np.any(matrix < 0):
        bad = np.argwhere(matrix < 0)[0]
        raise ValueError(f"weights must be non-negative (Dijkstra), got weights"
                         f"[{bad[0]}, {bad[1]}] = {matrix[bad[0], bad[1]]!r}")


def top_k(values: Any, k: int) -> np.ndarray:
    r"""The ``k`` largest values, in descending order.

    Parameters
    ----------
    values : array_like, shape (n,)
        Finite numbers.
    k : int
        How many, :math:`0 \le k \le n`.

    Returns
    -------
    numpy.ndarray, shape (k,)
        The largest ``k`` values, largest first.

    Raises
    ------
    ValueError
        If ``values`` is not a finite 1-D array or ``k`` is outside ``[0, n]``.

    Notes
    -----
    .. math::

        \operatorname{top}_k(x) = \left( x_{(1)}, x_{(2)}, \dots, x_{(k)} \right), \qquad
        x_{(1)} \ge x_{(2)} \ge \dots \ge x_{(n)}

    where :math:`x_{(r)}` is the :math:`r`-th largest value (the order statistics, counted
    from the top).

    Selection first (introselect, :math:`O(n)`), then a sort of the :math:`k` survivors:
    :math:`O(n + k \log k)` against :math:`O(n \log n)` for a full sort. A streaming
    alternative keeps a min-heap of size :math:`k` (:math:`O(n \log k)`), which is what
    ``heapq.nlargest`` does.

    Examples
    --------
    >>> from mathref import top_k
    >>> top_k([3, 1, 4, 1, 5, 9, 2, 6], 3).tolist()
    [9.0, 6.0, 5.0]
    """
    arr = as_vector(values, "values")
    count = as_int(k, "k", minimum=0, maximum=arr.size)
    if count == 0:
        return np.empty(0, dtype=arr.dtype)
    part = np.partition(arr, arr.size - count)[arr.size - count:]
    return np.sort(part)[::-1].copy()
