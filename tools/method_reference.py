#!/usr/bin/env python3
"""Plain-numpy re-implementation of the AligNet formulas, written from the published method (DESIGN.md §3;
google-deepmind AligNet losses.py / configs: JSDTripletLoss and KLDTripletLoss at tau = 100,
optax.scale_by_adam -> kd.optim.decay_to_init(weight_decay=1.0) -> scale_by_learning_rate(
optax.warmup_cosine_decay_schedule(0, 3e-5, 5% of steps, steps))), independent of the Java code.

  method_reference.py OUT.npz     writes inputs and expected values that the Java tests compare against

Only numpy is needed.
"""
import math
import sys

import numpy as np


def softmax(x, axis=-1):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def log_softmax(x, axis=-1):
    m = x.max(axis=axis, keepdims=True)
    return x - m - np.log(np.exp(x - m).sum(axis=axis, keepdims=True))


def pair_dots(h):  # (B, 3, D) -> (B, 3): [h0.h1, h0.h2, h1.h2]
    return np.stack([(h[:, 0] * h[:, 1]).sum(-1), (h[:, 0] * h[:, 2]).sum(-1), (h[:, 1] * h[:, 2]).sum(-1)], -1)


def neg_entropy(p):
    return np.where(p == 0, 0.0, p * np.log(np.where(p == 0, 1.0, p))).sum(-1)


def kl_loss(target_sims, heads, tau):
    p, q = softmax(target_sims), softmax(pair_dots(heads) / tau)
    return (neg_entropy(p) - (p * np.log(q)).sum(-1)).mean()


def jsd_loss(target_sims, heads, tau):
    p, q = softmax(target_sims), softmax(pair_dots(heads) / tau)
    m = (p + q) / 2
    return ((neg_entropy(p) - (p * np.log(m)).sum(-1) + neg_entropy(q) - (q * np.log(m)).sum(-1)) / 2).mean()


def warmup_cosine(step, peak, warmup, total):
    """optax.warmup_cosine_decay_schedule(init_value=0, peak_value=peak, warmup_steps, decay_steps=total)."""
    if step < warmup:
        return peak * step / warmup
    decay = total - warmup
    if decay <= 0:
        return peak
    return peak * 0.5 * (1 + math.cos(math.pi * min(step - warmup, decay) / decay))


def adam_decay_to_init(theta0, target, rates, b1=0.9, b2=0.999, eps=1e-8, wd=1.0):
    """Steps on L = 0.5 |theta - target|^2 (gradient theta - target); returns theta after each step."""
    theta, mu, nu, out = theta0.astype(np.float64).copy(), np.zeros_like(theta0), np.zeros_like(theta0), []
    for t, lr in enumerate(rates, start=1):
        g = theta - target
        mu = b1 * mu + (1 - b1) * g
        nu = b2 * nu + (1 - b2) * g * g
        update = (mu / (1 - b1 ** t)) / (np.sqrt(nu / (1 - b2 ** t)) + eps) + wd * (theta - theta0)
        theta = theta - lr * update
        out.append(theta.copy())
    return np.stack(out)


def teacher_global(zi, zj, zk):
    s = np.stack([(zi * zj).sum(1), (zi * zk).sum(1), (zj * zk).sum(1)], 1)
    return -log_softmax(s)[:, 0].mean()


def teacher_local(x, z, tau):
    def cos(a):
        u = a / np.linalg.norm(a, axis=1, keepdims=True)
        return u @ u.T
    n = len(x)
    off = ~np.eye(n, dtype=bool)
    total = 0.0
    for i in range(n):
        p = softmax(cos(x)[i][off[i]] / tau)
        log_q = log_softmax(cos(z)[i][off[i]] / tau)
        total += -(p * log_q).sum()
    return total / n


def identity_regulariser(w):
    return ((w - np.mean(np.diag(w)) * np.eye(len(w))) ** 2).sum()


def human_ceiling(votes):
    """Mean over triplets of the leave-one-out agreement of each rater with the others' majority (ties split)."""
    scores = []
    for v in votes:
        if v.sum() < 2:
            continue
        agree = []
        for choice in range(3):
            for _ in range(v[choice]):
                rest = v.copy()
                rest[choice] -= 1
                winners = np.flatnonzero(rest == rest.max())
                agree.append(1.0 / len(winners) if choice in winners else 0.0)
        scores.append(np.mean(agree))
    return float(np.mean(scores))


def average_ranks(a):
    order = np.argsort(a, kind="mergesort")
    ranks = np.empty(len(a))
    ranks[order] = np.arange(1, len(a) + 1)
    for value in np.unique(a):
        ranks[a == value] = ranks[a == value].mean()
    return ranks


def spearman(a, b):
    return float(np.corrcoef(average_ranks(a), average_ranks(b))[0, 1])


def main(out):
    rng = np.random.default_rng(20251)
    g = {}
    g["student_target_sims"] = rng.normal(0, 3, (16, 3))
    g["student_heads"] = rng.normal(0, 4, (16, 3, 8)).astype(np.float32)
    g["student_tau"] = np.array(100.0)
    heads = g["student_heads"].astype(np.float64)
    g["student_jsd"] = np.array(jsd_loss(g["student_target_sims"], heads, 100.0))
    g["student_kl"] = np.array(kl_loss(g["student_target_sims"], heads, 100.0))
    g["student_q"] = softmax(pair_dots(heads) / 100.0)

    for name, (total, frac) in {"a": (200, 0.05), "b": (37, 0.1), "c": (9, 0.0)}.items():
        warm = int(round(frac * total))
        g[f"schedule_{name}"] = np.array([total, frac, 3e-5])
        g[f"schedule_{name}_lr"] = np.array([warmup_cosine(s, 3e-5, warm, total) for s in range(total)])

    g["adam_theta0"] = rng.normal(0, 1, 7).astype(np.float32).astype(np.float64)
    g["adam_target"] = rng.normal(0, 1, 7).astype(np.float32).astype(np.float64)
    rates = [warmup_cosine(s, 0.1, 2, 10) for s in range(10)]
    g["adam_rates"] = np.array(rates)
    g["adam_thetas"] = adam_decay_to_init(g["adam_theta0"], g["adam_target"], rates)

    z = rng.normal(0, 1, (3, 12, 5)).astype(np.float32).astype(np.float64)
    g["teacher_zi"], g["teacher_zj"], g["teacher_zk"] = z
    g["teacher_global"] = np.array(teacher_global(*z))
    g["teacher_x"] = rng.normal(0, 1, (10, 6)).astype(np.float32).astype(np.float64)
    g["teacher_z"] = rng.normal(0, 1, (10, 5)).astype(np.float32).astype(np.float64)
    g["teacher_tau_local"] = np.array(0.5)
    g["teacher_local"] = np.array(teacher_local(g["teacher_x"], g["teacher_z"], 0.5))
    g["teacher_w"] = rng.normal(0, 1, (5, 5)).astype(np.float32).astype(np.float64)
    g["teacher_regulariser"] = np.array(identity_regulariser(g["teacher_w"]))

    votes = rng.integers(0, 5, (40, 3))
    votes[0] = [3, 3, 0]  # tied majorities
    votes[1] = [1, 0, 0]  # a single vote: skipped
    g["ceiling_votes"] = votes.astype(np.int64)
    g["ceiling"] = np.array(human_ceiling(votes))

    a = rng.integers(0, 6, 30).astype(np.float64)  # many ties
    b = rng.normal(size=30) + 0.3 * a
    g["spearman_a"], g["spearman_b"] = a, b
    g["spearman"] = np.array(spearman(a, b))
    np.savez_compressed(out, **g)


if __name__ == "__main__":
    main(sys.argv[1])
