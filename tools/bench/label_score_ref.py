"""Reference for `alignet bench label-score`: AligNet labelling in numpy — the three pair similarities
of each triplet, the most similar pair first, the odd one last — in chunks of 65536 triplets, as a
numpy user would write it (gather rows, multiply, sum).

    python3 tools/bench/label_score_ref.py --rows 100000 --dim 768 --triplets 1000000
"""
import argparse
import json
import statistics
import time

import numpy as np


def score(e, t, chunk=65536):
    out = np.empty((t.shape[0], 6), dtype=np.float32)
    for i in range(0, t.shape[0], chunk):
        a, b, c = (e[t[i:i + chunk, j]] for j in range(3))
        ab = np.einsum("ij,ij->i", a, b)
        ac = np.einsum("ij,ij->i", a, c)
        bc = np.einsum("ij,ij->i", b, c)
        sims = np.stack([ab, ac, bc], 1)
        pair = sims.argmax(1)  # 0: (a,b) odd c; 1: (a,c) odd b; 2: (b,c) odd a
        odd = t[i:i + chunk][np.arange(len(pair)), 2 - pair]
        out[i:i + chunk, 0] = odd
        out[i:i + chunk, 3:] = np.sort(sims, 1)[:, ::-1]
    return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--rows", type=int, default=100000)
    p.add_argument("--dim", type=int, default=768)
    p.add_argument("--triplets", type=int, default=1000000)
    p.add_argument("--repeats", type=int, default=5)
    a = p.parse_args()
    rng = np.random.default_rng(17)
    e = rng.standard_normal((a.rows, a.dim), dtype=np.float32)
    t = rng.integers(0, a.rows, (a.triplets, 3))
    score(e, t[:10000])
    seconds = []
    for _ in range(a.repeats):
        s = time.perf_counter()
        score(e, t)
        seconds.append(time.perf_counter() - s)
    rates = [a.triplets / x for x in seconds]
    print(json.dumps({"tripletsPerSecond": statistics.median(rates), "min": min(rates), "max": max(rates),
                      "numpy": np.__version__}))


if __name__ == "__main__":
    main()
