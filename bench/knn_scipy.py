"""Peer for bench/knn.bench.ts: k-NN precision/recall (Kynkaanniemi et al. 2019) with SciPy's cKDTree.

Reads the benchmark's real and generated points (float64, n x 2, row-major) from two files, so both
sides measure the same data. Times what the engine times: both k-NN manifolds (tree + k-th
neighbour radius of every point) and both coverage queries. The any-ball test asks each query's
NEAREST nearest points, vectorised; the few queries that none of them covers while all lie within the
largest radius are settled exactly with query_ball_point. Median of 5 runs after a warm-up. Prints one
JSON line, or {"skipped": reason} without SciPy.
"""
import json
import sys
import time

try:
    import numpy as np
    import scipy
    from scipy.spatial import cKDTree
except ImportError as error:
    print(json.dumps({"skipped": f"scipy unavailable: {error}"}))
    raise SystemExit(0)

K = 5
RUNS = 5


def manifold(points):
    tree = cKDTree(points)
    # The nearest neighbour of a point in its own set is itself: the k-th other one is column K.
    radii = tree.query(points, k=K + 1)[0][:, K]
    return tree, radii


NEAREST = 16


def covers(tree, radii, queries):
    """Share of the queries inside some ball of the manifold (radius inclusive, as the engine)."""
    largest = radii.max()
    dist, idx = tree.query(queries, k=NEAREST, distance_upper_bound=largest)
    found = idx < tree.n
    hit = (found & (dist <= radii[np.where(found, idx, 0)])).any(axis=1)
    # A farther point may have a larger ball: settle those queries against every point in reach.
    for q in np.flatnonzero(~hit & found[:, -1]):
        near = tree.query_ball_point(queries[q], largest)
        hit[q] = np.any(np.linalg.norm(tree.data[near] - queries[q], axis=1) <= radii[near])
    return hit.mean()


def precision_recall(real, fake):
    real_tree, real_radii = manifold(real)
    fake_tree, fake_radii = manifold(fake)
    return covers(real_tree, real_radii, fake), covers(fake_tree, fake_radii, real)


def main():
    real = np.fromfile(sys.argv[1]).reshape(-1, 2)
    fake = np.fromfile(sys.argv[2]).reshape(-1, 2)
    result = precision_recall(real, fake)
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        precision_recall(real, fake)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    print(json.dumps({"ms": times[RUNS // 2], "precision": result[0], "recall": result[1], "scipy": scipy.__version__}))


main()
