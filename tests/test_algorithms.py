"""Algorithms: each guarantee checked against brute force or a trusted library."""
from __future__ import annotations

import itertools
import math
import subprocess
import sys
from collections import Counter, deque

import mpmath
import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import sparse, stats

from mathref import (
    CountMinSketch,
    count_min_dimensions,
    edit_distance,
    estimate_jaccard,
    hmm_forward,
    jaccard,
    jl_min_dimension,
    minhash_signature,
    pagerank,
    random_projection,
    reservoir_sample,
    shortest_path_lengths,
    top_k,
    viterbi,
)

# ----------------------------------------------------------------- reservoir sampling


def test_reservoir_keeps_every_item_with_probability_k_over_n():
    n, k, runs = 30, 6, 3000
    counts = Counter()
    for seed in range(runs):
        counts.update(reservoir_sample(range(n), k, rng=seed))
    observed = np.array([counts[i] for i in range(n)])
    assert observed.sum() == runs * k
    p = stats.chisquare(observed, np.full(n, runs * k / n)).pvalue
    assert p > 1e-3


def test_reservoir_pairs_are_uniform_too():
    # a uniform k-subset makes every pair equally likely, not only every item
    n, k, runs = 8, 3, 6000
    pairs = Counter()
    for seed in range(runs):
        pairs.update(itertools.combinations(sorted(reservoir_sample(range(n), k, rng=seed)), 2))
    observed = np.array([pairs[p] for p in itertools.combinations(range(n), 2)])
    expected = runs * math.comb(k, 2) / math.comb(n, 2)
    assert stats.chisquare(observed, np.full(observed.size, expected)).pvalue > 1e-3


def test_reservoir_is_reproducible_and_works_on_generators():
    a = reservoir_sample((i * i for i in range(10_000)), 10, rng=42)
    b = reservoir_sample((i * i for i in range(10_000)), 10, rng=np.random.default_rng(42))
    assert a == b and len(set(a)) == 10
    assert sorted(reservoir_sample("abc", 3, rng=0)) == ["a", "b", "c"]


def test_reservoir_bad_input():
    with pytest.raises(ValueError, match="k must be at most the length"):
        reservoir_sample(range(3), 4)
    with pytest.raises(ValueError, match="k must be at least 1"):
        reservoir_sample(range(3), 0)
    with pytest.raises(TypeError, match="iterable"):
        reservoir_sample(5, 1)
    with pytest.raises(TypeError, match="k must be an integer"):
        reservoir_sample(range(3), "2")
    with pytest.raises(TypeError, match="rng"):
        reservoir_sample(range(3), 2, rng="seed")

# ----------------------------------------------------------------- Count-Min


def _zipf_stream(n_items: int, n_draws: int, seed: int) -> list[str]:
    rng = np.random.default_rng(seed)
    ranks = np.minimum(rng.zipf(1.3, size=n_draws), n_items)
    return [f"item{r}" for r in ranks]


def test_count_min_never_underestimates_and_meets_its_bound():
    epsilon, delta = 0.01, 0.05
    width, depth = count_min_dimensions(epsilon, delta)
    stream = _zipf_stream(2000, 20_000, seed=3)
    truth = Counter(stream)
    sketch = CountMinSketch(width, depth, seed=7)
    for item in stream:
        sketch.add(item)
    n_total = len(stream)
    assert sketch.total == n_total
    errors = np.array([sketch.estimate(x) - c for x, c in truth.items()])
    assert errors.min() >= 0
    assert np.mean(errors > epsilon * n_total) <= delta


def test_count_min_add_with_counts_and_unseen_items():
    sketch = CountMinSketch(50, 4, seed=1)
    sketch.add(("user", 3), count=5)
    sketch.add(b"raw", count=0)
    assert sketch.estimate(("user", 3)) == 5
    assert sketch.estimate(b"raw") >= 0


def test_count_min_hashes_are_the_same_in_every_process():
    code = ("from mathref import CountMinSketch as C\ns = C(97, 3, seed=5)\n"
            "[s.add(w) for w in ['a', 'b', 'c', 'a']]\n"
            "print(s.table.tolist())")
    outputs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              env={"PYTHONHASHSEED": str(seed)}, check=True).stdout
               for seed in (1, 2)}
    assert len(outputs) == 1


def test_count_min_bad_input():
    with pytest.raises(ValueError, match="width"):
        CountMinSketch(0, 3)
    with pytest.raises(ValueError, match="depth"):
        CountMinSketch(10, 0)
    with pytest.raises(ValueError, match="seed"):
        CountMinSketch(10, 2, seed=-1)
    sketch = CountMinSketch(10, 2)
    with pytest.raises(ValueError, match="count"):
        sketch.add("x", count=-1)
    with pytest.raises(TypeError, match="item"):
        sketch.add(["unhashable"])


@pytest.mark.parametrize("epsilon", [0.5, 0.1, 0.01, 1e-3, math.e / 100, math.e / 1000])
@pytest.mark.parametrize("delta", [0.5, 0.1, 0.01, math.exp(-5), math.exp(-3)])
def test_count_min_dimensions_are_exact_ceilings(epsilon, delta):
    mpmath.mp.dps = 50
    width = int(mpmath.ceil(mpmath.e / mpmath.mpf(epsilon)))
    depth = int(mpmath.ceil(mpmath.log(1 / mpmath.mpf(delta))))
    assert tuple(count_min_dimensions(epsilon, delta)) == (width, max(depth, 1))


@pytest.mark.parametrize(("epsilon", "delta"), [(0, 0.1), (1, 0.1), (0.1, 0), (0.1, 1.5),
                                                (float("nan"), 0.1)])
def test_count_min_dimensions_bad_input(epsilon, delta):
    name = "epsilon" if not 0 < epsilon < 1 or epsilon != epsilon else "delta"
    with pytest.raises(ValueError, match=name):
        count_min_dimensions(epsilon, delta)

# ----------------------------------------------------------------- JL


@pytest.mark.parametrize(("n", "eps"), [(10, 0.5), (100, 0.1), (1_000_000, 0.1), (7, 0.9)])
def test_jl_min_dimension_is_the_smallest_integer_meeting_the_bound(n, eps):
    mpmath.mp.dps = 50
    e = mpmath.mpf(eps)
    bound = 4 * mpmath.log(n) / (e**2 / 2 - e**3 / 3)
    k = jl_min_dimension(n, eps)
    assert k >= bound and k - 1 < bound


def test_jl_min_dimension_is_one_more_than_sklearns_truncation():
    from sklearn.random_projection import johnson_lindenstrauss_min_dim

    assert jl_min_dimension(1_000_000, 0.1) == johnson_lindenstrauss_min_dim(1_000_000,
                                                                             eps=0.1) + 1


def test_random_projection_preserves_distances_at_the_jl_dimension():
    n, eps = 40, 0.5
    k = jl_min_dimension(n, eps)
    X = np.random.default_rng(0).normal(size=(n, 3000))
    Y = random_projection(X, k, rng=1)
    i, j = np.triu_indices(n, 1)
    ratio = (np.sum((Y[i] - Y[j]) ** 2, axis=1) / np.sum((X[i] - X[j]) ** 2, axis=1))
    assert np.all((1 - eps <= ratio) & (ratio <= 1 + eps))
    assert np.array_equal(random_projection(X, k, rng=1), Y)


def test_random_projection_and_jl_bad_input():
    with pytest.raises(ValueError, match="X"):
        random_projection([1.0, 2.0], 2)
    with pytest.raises(ValueError, match="n_components"):
        random_projection(np.ones((3, 3)), 0)
    with pytest.raises(ValueError, match="X"):
        random_projection([[np.nan, 1.0]], 1)
    with pytest.raises(ValueError, match="eps"):
        jl_min_dimension(10, 1.0)
    with pytest.raises(ValueError, match="n_samples"):
        jl_min_dimension(0, 0.1)

# ----------------------------------------------------------------- MinHash / Jaccard


@pytest.mark.parametrize("overlap", [0, 100, 500, 900, 1000])
def test_minhash_estimate_is_within_three_standard_errors(overlap):
    a = set(range(1000))
    b = set(range(1000 - overlap, 2000 - overlap))
    truth = jaccard(a, b)
    k = 400
    est = estimate_jaccard(minhash_signature(a, k, seed=3), minhash_signature(b, k, seed=3))
    se = math.sqrt(max(truth * (1 - truth), 1e-12) / k)
    assert abs(est - truth) <= 3 * se + 1e-12


def test_minhash_is_deterministic_and_ignores_duplicates():
    sig = minhash_signature(["a", "b", "b", "c"], 64, seed=9)
    assert sig.dtype == np.uint64 and sig.shape == (64,)
    assert np.array_equal(sig, minhash_signature(["c", "a", "b"], 64, seed=9))


@given(st.sets(st.integers(0, 30)), st.sets(st.integers(0, 30)))
@settings(max_examples=50, deadline=None)
def test_jaccard_brute_force(a, b):
    if not a and not b:
        with pytest.raises(ValueError, match="both be empty"):
            jaccard(a, b)
        return
    inter = sum(1 for x in range(31) if x in a and x in b)
    union = sum(1 for x in range(31) if x in a or x in b)
    assert jaccard(a, b) == inter / union


def test_minhash_and_jaccard_bad_input():
    with pytest.raises(ValueError, match="items must not be empty"):
        minhash_signature([])
    with pytest.raises(TypeError, match="items"):
        minhash_signature("abc")
    with pytest.raises(ValueError, match="n_hashes"):
        minhash_signature([1], n_hashes=0)
    with pytest.raises(ValueError, match="same length"):
        estimate_jaccard([1, 2], [1, 2, 3])
    with pytest.raises(ValueError, match="sig_a"):
        estimate_jaccard([], [])
    with pytest.raises(TypeError, match="a must be"):
        jaccard("abc", {"a"})

# ----------------------------------------------------------------- HMMs


def _random_hmm(rng, n_states, n_symbols):
    def rows(shape):
        m = rng.random(shape) + 0.05
        return m / m.sum(axis=-1, keepdims=True)
    return rows(n_states), rows((n_states, n_states)), rows((n_states, n_symbols))


def _brute_force(initial, transition, emission, obs):
    """Every path's joint probability in mpmath: (best path, best prob, total)."""
    mpmath.mp.dps = 40
    best, best_p, total = None, mpmath.mpf(0), mpmath.mpf(0)
    for path in itertools.product(range(len(initial)), repeat=len(obs)):
        p = mpmath.mpf(initial[path[0]]) * mpmath.mpf(emission[path[0]][obs[0]])
        for t in range(1, len(obs)):
            p *= (mpmath.mpf(transition[path[t - 1]][path[t]])
                  * mpmath.mpf(emission[path[t]][obs[t]]))
        total += p
        if p > best_p:
            best, best_p = path, p
    return list(best), best_p, total


@pytest.mark.parametrize("seed", range(6))
def test_viterbi_and_forward_match_brute_force_enumeration(seed):
    rng = np.random.default_rng(seed)
    initial, transition, emission = _random_hmm(rng, 3, 4)
    obs = rng.integers(0, 4, size=6)
    best, best_p, total = _brute_force(initial, transition, emission, obs)
    path, logp = viterbi(initial, transition, emission, obs)
    assert path.tolist() == best
    assert logp == pytest.approx(float(mpmath.log(best_p)), rel=1e-13)
    assert hmm_forward(initial, transition, emission, obs) == pytest.approx(
        float(mpmath.log(total)), rel=1e-13)


def test_long_sequences_do_not_underflow():
    rng = np.random.default_rng(1)
    initial, transition, emission = _random_hmm(rng, 4, 5)
    obs = rng.integers(0, 5, size=10_000)
    path, logp = viterbi(initial, transition, emission, obs)
    # the reported log-probability is the joint log-probability of the reported path
    joint = (math.log(initial[path[0]]) + np.sum(np.log(transition[path[:-1], path[1:]]))
             + np.sum(np.log(emission[path, obs])))
    assert np.isfinite(logp) and logp == pytest.approx(joint, rel=1e-12)
    # the forward recursion against an mpmath one at 30 digits
    mpmath.mp.dps = 30
    alpha = [mpmath.mpf(initial[i]) * mpmath.mpf(emission[i][obs[0]]) for i in range(4)]
    for o in obs[1:]:
        alpha = [sum(alpha[i] * mpmath.mpf(transition[i][j]) for i in range(4))
                 * mpmath.mpf(emission[j][o]) for j in range(4)]
    expected = float(mpmath.log(sum(alpha)))
    assert hmm_forward(initial, transition, emission, obs) == pytest.approx(expected, rel=1e-11)
    assert logp <= expected


def test_impossible_observations():
    initial, transition = [1.0, 0.0], [[1.0, 0.0], [0.0, 1.0]]
    emission = [[1.0, 0.0], [0.0, 1.0]]
    assert hmm_forward(initial, transition, emission, [0, 1]) == -math.inf
    with pytest.raises(ValueError, match="probability 0"):
        viterbi(initial, transition, emission, [0, 1])


@pytest.mark.parametrize("func", [viterbi, hmm_forward])
def test_hmm_bad_input(func):
    good = ([0.5, 0.5], [[0.9, 0.1], [0.2, 0.8]], [[0.5, 0.5], [0.1, 0.9]], [0, 1])
    cases = [
        ("initial", ([0.5, 0.6], *good[1:])),
        ("transition", (good[0], [[0.9, 0.2], [0.2, 0.8]], *good[2:])),
        ("transition", (good[0], [[1.0]], *good[2:])),
        ("emission", (*good[:2], [[0.5, 0.5]], good[3])),
        ("observations", (*good[:3], [0, 2])),
        ("observations", (*good[:3], [0.5])),
        ("observations", (*good[:3], [])),
    ]
    for name, args in cases:
        with pytest.raises(ValueError, match=name):
            func(*args)

# ----------------------------------------------------------------- edit distance


def _edit_distance_bfs(a: str, b: str) -> int:
    """Breadth-first search over single edits: the fewest edits turning a into b."""
    alphabet = sorted(set(a + b)) or ["x"]
    limit = max(len(a), len(b)) + 1
    seen, frontier = {a: 0}, deque([a])
    while frontier:
        s = frontier.popleft()
        if s == b:
            return seen[s]
        neighbours = {s[:i] + s[i + 1:] for i in range(len(s))}
        neighbours |= {s[:i] + c + s[i + 1:] for i in range(len(s)) for c in alphabet}
        if len(s) < limit:
            neighbours |= {s[:i] + c + s[i:] for i in range(len(s) + 1) for c in alphabet}
        for t in neighbours:
            if t not in seen:
                seen[t] = seen[s] + 1
                frontier.append(t)
    raise AssertionError("unreachable")


@given(st.text("ab", max_size=5), st.text("abc", max_size=4))
@settings(max_examples=60, deadline=None)
def test_edit_distance_is_the_fewest_edits(a, b):
    assert edit_distance(a, b) == _edit_distance_bfs(a, b)


@given(st.text("abc", max_size=6), st.text("abc", max_size=6), st.text("abc", max_size=6))
@settings(max_examples=60, deadline=None)
def test_edit_distance_is_a_metric(a, b, c):
    assert edit_distance(a, b) == edit_distance(b, a)
    assert edit_distance(a, c) <= edit_distance(a, b) + edit_distance(b, c)
    assert abs(len(a) - len(b)) <= edit_distance(a, b) <= max(len(a), len(b))
    assert (edit_distance(a, b) == 0) == (a == b)


def test_edit_distance_bad_input():
    with pytest.raises(TypeError, match="a must be"):
        edit_distance(12, "ab")
    with pytest.raises(ValueError, match="b must be 1-D"):
        edit_distance("ab", np.zeros((2, 2)))

# ----------------------------------------------------------------- PageRank


def _random_digraph(n, p, seed, dangling=True):
    rng = np.random.default_rng(seed)
    A = (rng.random((n, n)) < p) * rng.uniform(0.5, 2.0, (n, n))
    np.fill_diagonal(A, 0.0)
    if dangling:
        A[0] = 0.0
    return A


@pytest.mark.parametrize("seed", range(4))
def test_pagerank_matches_networkx(seed):
    A = _random_digraph(40, 0.1, seed)
    G = nx.from_numpy_array(A, create_using=nx.DiGraph)
    expected = nx.pagerank(G, alpha=0.85, tol=1e-14, max_iter=10_000, weight="weight")
    r = pagerank(A)
    assert np.allclose(r, [expected[i] for i in range(40)], rtol=0, atol=1e-10)
    assert r.sum() == pytest.approx(1.0, abs=1e-12)


def test_pagerank_is_the_leading_eigenvector_of_the_google_matrix():
    n, alpha = 25, 0.85
    A = _random_digraph(n, 0.2, 11)
    out = A.sum(axis=1)
    P = np.where(out[:, None] > 0, A / np.where(out > 0, out, 1)[:, None], 1.0 / n)
    G = alpha * P.T + (1 - alpha) / n
    values, vectors = np.linalg.eig(G)
    lead = np.real(vectors[:, np.argmax(np.real(values))])
    lead /= lead.sum()
    assert np.allclose(pagerank(A, tol=1e-14), lead, atol=1e-12)


def test_pagerank_sparse_equals_dense():
    A = _random_digraph(60, 0.05, 5)
    assert np.allclose(pagerank(sparse.csr_matrix(A)), pagerank(A), atol=1e-14)


def test_pagerank_bad_input():
    with pytest.raises(ValueError, match="adjacency must be square"):
        pagerank(np.ones((2, 3)))
    with pytest.raises(ValueError, match="non-negative"):
        pagerank([[0, -1], [1, 0]])
    with pytest.raises(ValueError, match="damping"):
        pagerank(np.ones((2, 2)), damping=1.0)
    with pytest.raises(ValueError, match="tol"):
        pagerank(np.ones((2, 2)), tol=0)
    with pytest.raises(ValueError, match="adjacency"):
        pagerank([[np.nan, 1], [1, 0]])

# ----------------------------------------------------------------- shortest paths
# Oracles written here, independent of SciPy's csgraph (which computes the entry):
# Floyd–Warshall on the dense matrix, Bellman–Ford on the list of stored sparse entries.


def _floyd_warshall(W):
    D = np.array(W, dtype=float)
    np.fill_diagonal(D, np.minimum(np.diag(D), 0.0))
    for k in range(len(D)):
        D = np.minimum(D, D[:, [k]] + D[[k], :])
    return D


def _bellman_ford(n, edges, source):
    """Distances over an explicit edge list (parallel edges and zero lengths included)."""
    d = [math.inf] * n
    d[source] = 0.0
    for _ in range(n):
        changed = False
        for u, v, w in edges:
            if d[u] + w < d[v]:
                d[v], changed = d[u] + w, True
        if not changed:
            break
    return np.array(d)


def _stored_edges(M):
    """Every stored entry of a CSR matrix, as (u, v, w), without merging duplicates."""
    rows = np.repeat(np.arange(M.shape[0]), np.diff(M.indptr))
    return list(zip(rows.tolist(), M.indices.tolist(), M.data.tolist()))


def _random_dense_graph(rng, n, density=0.12, zero_fraction=0.03):
    W = np.where(rng.random((n, n)) < density, rng.uniform(0, 10, (n, n)), np.inf)
    W[rng.random((n, n)) < zero_fraction] = 0.0          # zero-length edges are edges
    np.fill_diagonal(W, rng.choice([np.inf, 0.0, 3.0], n))   # self loops of every kind
    W[:, n - 3:] = np.inf                                # the last three nodes: unreachable
    W[n - 3:, n - 3:] = 0.0                              # ... joined only among themselves
    return W


@pytest.mark.parametrize("seed", range(5))
def test_dijkstra_matches_floyd_warshall(seed):
    rng = np.random.default_rng(seed)
    n = 30
    W = _random_dense_graph(rng, n)
    D = _floyd_warshall(W)
    for s in range(n):
        assert np.allclose(shortest_path_lengths(W, s), D[s], rtol=1e-12, atol=0)
    assert np.all(np.isinf(D[0, n - 3:]))          # the unreachable nodes were really tested


@pytest.mark.parametrize("seed", range(4))
def test_dijkstra_sparse_matches_bellman_ford(seed):
    rng = np.random.default_rng(seed)
    n, m = 60, 200
    rows, cols = rng.integers(0, n, m), rng.integers(0, n, m)
    data = np.where(rng.random(m) < 0.2, 0.0, rng.uniform(0, 5, m))
    M = sparse.csr_matrix((data, (rows, cols)), shape=(n, n))
    assert np.any(M.data == 0)                     # explicit zeros are stored edges
    edges = _stored_edges(M)
    for s in range(0, n, 5):
        expected = _bellman_ford(n, edges, s)
        assert np.allclose(shortest_path_lengths(M, s), expected, rtol=1e-12, atol=0)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 9), st.integers(0, 2**32 - 1), st.data())
def test_dijkstra_dense_and_sparse_agree_with_floyd_warshall(n, seed, data):
    rng = np.random.default_rng(seed)
    W = _random_dense_graph(rng, n + 3, density=0.3, zero_fraction=0.15)
    s = data.draw(st.integers(0, n + 2))
    expected = _floyd_warshall(W)[s]
    finite = np.isfinite(W)
    rows, cols = np.nonzero(finite)
    M = sparse.csr_matrix((W[finite], (rows, cols)), shape=W.shape)
    assert np.allclose(shortest_path_lengths(W, s), expected, rtol=1e-12, atol=0)
    assert np.allclose(shortest_path_lengths(M, s), expected, rtol=1e-12, atol=0)


def test_dijkstra_dense_zero_is_an_edge_and_inf_is_none():
    inf = np.inf
    assert shortest_path_lengths([[inf, 0.0], [inf, inf]], 0).tolist() == [0.0, 0.0]
    assert shortest_path_lengths([[0.0, inf], [inf, 0.0]], 0).tolist() == [0.0, inf]
    assert shortest_path_lengths([[inf, -0.0], [inf, inf]], 0).tolist() == [0.0, 0.0]
    chain = np.full((4, 4), inf)
    chain[0, 1] = chain[1, 2] = chain[2, 3] = 0.0
    assert shortest_path_lengths(chain, 0).tolist() == [0.0] * 4
    assert shortest_path_lengths(chain, 3).tolist() == [inf, inf, inf, 0.0]
    assert shortest_path_lengths([[5.0]], 0).tolist() == [0.0]     # a self loop alone


def test_dijkstra_sparse_explicit_zero_is_an_edge():
    M = sparse.csr_matrix((np.array([0.0, 0.0]), np.array([1, 2]), np.array([0, 1, 2, 2])),
                          shape=(3, 3))
    assert M.nnz == 2
    assert shortest_path_lengths(M, 0).tolist() == [0.0, 0.0, 0.0]
    assert shortest_path_lengths(M, 2).tolist() == [math.inf, math.inf, 0.0]


def test_dijkstra_sparse_parallel_stored_entries_take_the_shortest():
    M = sparse.csr_matrix((np.array([5.0, 1.0]), np.array([1, 1]), np.array([0, 2, 2])),
                          shape=(2, 2))
    assert not M.has_canonical_format
    assert shortest_path_lengths(M, 0).tolist() == [0.0, 1.0]


@pytest.mark.parametrize("form", ["csr", "csc", "coo", "lil", "csr_array", "int"])
def test_dijkstra_accepts_every_sparse_form(form):
    rng = np.random.default_rng(7)
    n = 40
    W = np.where(rng.random((n, n)) < 0.1, rng.integers(0, 6, (n, n)).astype(float), np.inf)
    finite = np.isfinite(W)
    rows, cols = np.nonzero(finite)
    M = sparse.coo_matrix((W[finite], (rows, cols)), shape=(n, n))
    converted = {"csr": M.tocsr(), "csc": M.tocsc(), "coo": M, "lil": M.tolil(),
                 "csr_array": sparse.csr_array(M), "int": M.tocsr().astype(np.int64)}[form]
    before = converted.copy()
    expected = _floyd_warshall(W)[3]
    result = shortest_path_lengths(converted, 3)
    assert type(result) is np.ndarray and result.dtype == np.float64 and result.shape == (n,)
    assert np.array_equal(result, expected)        # integer lengths: sums are exact
    assert (converted != before).nnz == 0          # the input is not modified


def test_dijkstra_agrees_with_networkx_on_a_larger_graph():
    rng = np.random.default_rng(11)
    n, m = 2000, 10_000
    rows, cols = rng.integers(0, n, m), rng.integers(0, n, m)
    M = sparse.csr_matrix((rng.uniform(0.0, 2.0, m), (rows, cols)), shape=(n, n))
    M.sum_duplicates()
    G = nx.from_scipy_sparse_array(M, create_using=nx.DiGraph)
    lengths = nx.single_source_dijkstra_path_length(G, 0, weight="weight")
    expected = np.full(n, np.inf)
    expected[list(lengths)] = list(lengths.values())
    assert np.allclose(shortest_path_lengths(M, 0), expected, rtol=1e-12, atol=0)


def test_dijkstra_returns_a_fresh_float_array_and_leaves_the_input_alone():
    W = np.array([[np.inf, 2], [1, np.inf]])
    before = W.copy()
    d = shortest_path_lengths(W, 1)
    assert type(d) is np.ndarray and d.dtype == np.float64 and d.tolist() == [1.0, 0.0]
    assert np.array_equal(W, before)
    assert shortest_path_lengths([[0, 1], [1, 0]], 0).tolist() == [0.0, 1.0]   # int lists


def test_dijkstra_bad_input():
    with pytest.raises(ValueError, match="non-negative"):
        shortest_path_lengths([[0, -1], [np.inf, 0]], 0)
    with pytest.raises(ValueError, match="source"):
        shortest_path_lengths(np.zeros((2, 2)), 2)
    with pytest.raises(ValueError, match="weights"):
        shortest_path_lengths([[0, np.nan], [1, 0]], 0)
    with pytest.raises(ValueError, match="weights must be square"):
        shortest_path_lengths(np.zeros((2, 3)), 0)


def test_dijkstra_negative_lengths_are_refused_with_their_position():
    W = np.full((3, 3), np.inf)
    W[2, 1] = -0.5
    message = r"non-negative \(Dijkstra\), got weights\[2, 1\] = .*-0\.5"
    with pytest.raises(ValueError, match=message):
        shortest_path_lengths(W, 0)
    W[2, 1] = -np.inf
    with pytest.raises(ValueError, match=r"weights\[2, 1\]"):
        shortest_path_lengths(W, 0)
    M = sparse.csr_matrix(np.array([[0.0, 1.0], [-2.0, 0.0]]))
    with pytest.raises(ValueError, match="weights must be non-negative .*negative length"):
        shortest_path_lengths(M, 0)


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_dijkstra_sparse_non_finite_is_refused(bad):
    M = sparse.csr_matrix(np.array([[0.0, 1.0], [bad, 0.0]]))
    with pytest.raises(ValueError, match="weights must hold finite values"):
        shortest_path_lengths(M, 0)


def test_dijkstra_bad_source_and_shape():
    W = np.full((3, 3), np.inf)
    with pytest.raises(ValueError, match="source must be at least 0"):
        shortest_path_lengths(W, -1)
    with pytest.raises(ValueError, match="source must be an integer"):
        shortest_path_lengths(W, 1.0)
    with pytest.raises(TypeError, match="source"):
        shortest_path_lengths(W, True)
    with pytest.raises(ValueError, match="square"):
        shortest_path_lengths(sparse.csr_matrix((2, 3)), 0)
    with pytest.raises(ValueError, match="source must be at most 1"):
        shortest_path_lengths(sparse.csr_matrix((2, 2)), 2)

# ----------------------------------------------------------------- top-k


@given(st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=50), st.data())
@settings(max_examples=60, deadline=None)
def test_top_k_equals_sorting(values, data):
    k = data.draw(st.integers(0, len(values)))
    assert top_k(values, k).tolist() == sorted(values, reverse=True)[:k]


def test_top_k_bad_input():
    with pytest.raises(ValueError, match="k must be at most"):
        top_k([1, 2], 3)
    with pytest.raises(ValueError, match="values"):
        top_k([1, np.nan], 1)
    with pytest.raises(ValueError, match="values must be 1-D"):
        top_k([[1, 2]], 1)
