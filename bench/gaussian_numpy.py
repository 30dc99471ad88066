"""Peer for the 1-D Gaussian loop benchmark: the same fully synthetic loop (fit mean and unbiased
variance, sample N(mu, lambda*var)) vectorised over replicates with NumPy. Prints one JSON line."""
import json
import sys
import time

try:
    import numpy as np
except ImportError as e:  # pragma: no cover
    print(json.dumps({"skipped": f"numpy missing: {e}"}))
    sys.exit(0)

R, T, N = 2000, 50, 100
rng = np.random.default_rng(1)
start = time.perf_counter()
cpu = time.process_time()
x = rng.standard_normal((R, N))
for t in range(T):
    mu = x.mean(axis=1)
    var = x.var(axis=1, ddof=1)
    fd = mu**2 + var + 1 - 2 * np.sqrt(var)
    x = mu[:, None] + np.sqrt(var)[:, None] * rng.standard_normal((R, N))
ms = (time.perf_counter() - start) * 1000
cpu_ms = (time.process_time() - cpu) * 1000
print(json.dumps({"ms": ms, "cpu_ms": cpu_ms, "numpy": np.__version__}))
