"""Peer for bench/gmm.bench.ts: scikit-learn's GaussianMixture in the same fully synthetic loop.

Ring of 8 (radius 2, sigma 0.1, equal weights), n = 1000 points per generation, 100 generations:
generation 1 fits real samples, every later one fits gm.sample(1000) of the previous fit. Only
fit + sample are timed. Prints one JSON line, or {"skipped": reason} without scikit-learn.
"""
import json
import time

try:
    import numpy as np
    import sklearn
    from sklearn.mixture import GaussianMixture
except ImportError as error:
    print(json.dumps({"skipped": f"scikit-learn unavailable: {error}"}))
    raise SystemExit(0)

N = 1000
GENERATIONS = 100
MODES = 8


def ring_samples(rng, n):
    angles = 2 * np.pi * rng.integers(MODES, size=n) / MODES
    centres = 2.0 * np.stack([np.cos(angles), np.sin(angles)], axis=1)
    return centres + 0.1 * rng.standard_normal((n, 2))


def main():
    rng = np.random.default_rng(0)
    data = ring_samples(rng, N)
    elapsed = 0.0
    iterations = 0
    for generation in range(GENERATIONS):
        start = time.perf_counter()
        gm = GaussianMixture(
            MODES,
            covariance_type="full",
            tol=1e-3,
            max_iter=100,
            reg_covar=1e-6,
            init_params="k-means++",
            n_init=1,
            random_state=generation,
        ).fit(data)
        data, _ = gm.sample(N)
        elapsed += time.perf_counter() - start
        iterations += gm.n_iter_
    ms = 1000 * elapsed
    print(
        json.dumps(
            {
                "msPerGeneration": ms / GENERATIONS,
                "emIterationsPerGeneration": iterations / GENERATIONS,
                "msPerIteration": ms / iterations,
                "sklearn": sklearn.__version__,
            }
        )
    )


main()
