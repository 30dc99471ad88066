"""Peer for the unigram loop benchmark: the fully synthetic loop of a categorical model fit by counts
(alpha = 0) over a Zipf vocabulary, vectorised over replicates with NumPy. Two ways to draw a
generation: n word ids by inverse CDF then counts (what the engine does), and the counts at once
from one multinomial draw per replicate (the fastest NumPy way). Prints one JSON line."""
import json
import sys
import time

try:
    import numpy as np
except ImportError as e:  # pragma: no cover
    print(json.dumps({"skipped": f"numpy missing: {e}"}))
    sys.exit(0)

V, N, T, R = (int(a) for a in sys.argv[1:5]) if len(sys.argv) > 4 else (10_000, 10_000, 200, 100)
p = 1.0 / np.arange(1, V + 1)
p /= p.sum()
rng = np.random.default_rng(1)


def ids_then_counts():
    q = np.tile(p, (R, 1))
    alive = 0
    for _ in range(T):
        cdf = np.cumsum(q, axis=1)
        u = rng.random((R, N)) * cdf[:, -1:]
        ids = np.empty((R, N), dtype=np.int64)
        for r in range(R):
            ids[r] = np.searchsorted(cdf[r], u[r], side="right")
        counts = np.zeros((R, V))
        for r in range(R):
            counts[r] = np.bincount(ids[r], minlength=V)
        q = counts / N
        alive = (q > 0).sum(axis=1).mean()
    return alive


def multinomial():
    q = np.tile(p, (R, 1))
    alive = 0
    for _ in range(T):
        q = rng.multinomial(N, q) / N
        alive = (q > 0).sum(axis=1).mean()
    return alive


out = {"numpy": np.__version__}
for name, loop in (("ids", ids_then_counts), ("multinomial", multinomial)):
    start, cpu = time.perf_counter(), time.process_time()
    alive = loop()
    out[name] = {"ms": (time.perf_counter() - start) * 1000, "cpuMs": (time.process_time() - cpu) * 1000, "alive": float(alive)}
print(json.dumps(out))
