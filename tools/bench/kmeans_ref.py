"""Reference for `alignet bench kmeans`: scikit-learn KMeans (Lloyd, n_init=1, tol=0) on the same float32
data, started from k-means++ centres computed once beforehand (sklearn's k-means++ tries ~2 + ln k
candidates per centre and costs several iterations, so subtracting it is too noisy). Seconds per
iteration = fit time / iterations run; the Java side does the same from its own k-means++ centres.

    python3 tools/bench/kmeans_ref.py --data X.f32 --dim 128 --k 100 --iterations 10 --threads 1
"""
import argparse
import json
import os
import statistics
import time

import numpy as np


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True)
    p.add_argument("--dim", type=int, required=True)
    p.add_argument("--k", type=int, default=100)
    p.add_argument("--iterations", type=int, default=10)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--repeats", type=int, default=5)
    a = p.parse_args()
    os.environ["OMP_NUM_THREADS"] = str(a.threads)
    from threadpoolctl import threadpool_limits
    from sklearn.cluster import KMeans

    x = np.fromfile(a.data, dtype="<f4").reshape(-1, a.dim)
    from sklearn.cluster import kmeans_plusplus

    per_iteration = []
    with threadpool_limits(a.threads):
        centres, _ = kmeans_plusplus(x, a.k, random_state=1)
        for r in range(a.repeats + 1):
            t = time.perf_counter()
            km = KMeans(a.k, init=centres, n_init=1, max_iter=a.iterations, tol=0, algorithm="lloyd").fit(x)
            seconds = time.perf_counter() - t
            if r > 0:
                per_iteration.append(seconds / km.n_iter_)
    med = statistics.median(per_iteration)
    # Which BLAS kernels ran the product (OpenBLAS picks them per CPU; OPENBLAS_CORETYPE overrides that).
    from threadpoolctl import threadpool_info
    blas = [f"{i.get('internal_api')} {i.get('version')} {i.get('architecture', '')}".strip()
            for i in threadpool_info() if i.get("user_api") == "blas"]
    print(json.dumps({"secondsPerIteration": med, "min": min(per_iteration), "max": max(per_iteration),
                      "iterations": int(km.n_iter_), "inertia": float(km.inertia_), "rows": x.shape[0],
                      "blas": blas}))


if __name__ == "__main__":
    main()
