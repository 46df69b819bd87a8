"""Reference for `alignet bench distill-step`: the project's synthetic student CNN (SyntheticBackbones,
architecture appearance-shape-cnn-small) plus the 1024-wide triplet head, written in PyTorch, trained
with the AligNet JSD loss at tau = 100 and Adam with a pull toward the initial weights — the loop a
Python user would write. Per step: gather 3 x batch images, normalise, forward, loss, backward, update.

    python3 tools/bench/distill_step_ref.py --image-size 32 --batch 32 --steps 20 --threads 1 [--trace ref.json]
"""
import argparse
import json
import statistics
import time

import torch
from torch import nn
import torch.nn.functional as F


class Student(nn.Module):
    def __init__(self, size, colour=16, texture=16, appearance=16, shape_c=12, shape_dim=48, head=1024):
        super().__init__()
        self.colour = nn.Conv2d(3, colour, 1)
        self.texture = nn.Conv2d(3, texture, 3, padding=1)
        self.appearance = nn.Linear(colour + texture, appearance)
        c = shape_c
        self.s1 = nn.Conv2d(3, c, 5, padding=2)
        self.s2 = nn.Conv2d(c, 2 * c, 3, padding=1)
        self.s3 = nn.Conv2d(2 * c, 2 * c, 3, padding=1)
        self.pool = size // 4 // 4
        self.shape = nn.Linear(2 * c * 16, shape_dim)
        self.head = nn.Linear(appearance + shape_dim, head)

    def forward(self, x):
        colour = torch.tanh(self.colour(x)).mean((2, 3))
        texture = self.texture(x).abs().mean((2, 3))
        a = self.appearance(torch.cat([colour, texture], 1)) * 3.0
        s = F.max_pool2d(F.relu(self.s1(x)), 2)
        s = F.max_pool2d(F.relu(self.s2(s)), 2)
        s = F.avg_pool2d(F.relu(self.s3(s)), self.pool).flatten(1)
        s = self.shape(s) * 0.3
        return self.head(torch.cat([a, s], 1))


def jsd(p, q, eps=1e-12):
    m = ((p + q) / 2).clamp(eps, 1).log()
    to_p = (p * (p.clamp(eps, 1).log() - m)).sum(1)
    to_q = (q * (q.clamp(eps, 1).log() - m)).sum(1)
    return ((to_p + to_q) / 2).mean()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--image-size", type=int, default=32)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--steps", type=int, default=20)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--trace", help="also profile 5 steps after the timed ones and write a Chrome trace here")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    s, b = a.image_size, a.batch
    n_images = max(64, 3 * b)
    images = torch.rand(n_images, 3, s, s)
    labels = torch.randint(0, n_images, (4 * b, 3))
    sims = torch.rand(4 * b, 3)
    model = Student(s)
    params = list(model.parameters())
    init = [q.detach().clone() for q in params]
    opt = torch.optim.Adam(params, lr=2e-3)
    lr, wd, tau = 2e-3, 1.0, 100.0
    seconds = []
    timed_end = a.warmup + a.steps
    profiler = None
    for step in range(timed_end + (5 if a.trace else 0)):
        if step == timed_end:
            profiler = torch.profiler.profile(activities=[torch.profiler.ProfilerActivity.CPU])
            profiler.__enter__()
        t = time.perf_counter()
        idx = torch.randint(0, labels.shape[0], (b,))
        x = (images[labels[idx].flatten()] - 0.7) / 0.3
        target = sims[idx].softmax(-1)
        opt.zero_grad(set_to_none=True)
        h = model(x).view(b, 3, -1)
        logits = torch.stack([(h[:, 0] * h[:, 1]).sum(1), (h[:, 0] * h[:, 2]).sum(1), (h[:, 1] * h[:, 2]).sum(1)], 1)
        loss = jsd(target, (logits / tau).softmax(-1))
        loss.item()
        loss.backward()
        opt.step()
        with torch.no_grad():
            torch._foreach_add_(params, torch._foreach_sub(params, init), alpha=-lr * wd)
        if a.warmup <= step < timed_end:
            seconds.append(time.perf_counter() - t)
    if profiler is not None:
        profiler.__exit__(None, None, None)
        profiler.export_chrome_trace(a.trace)
    med = statistics.median(seconds)
    print(json.dumps({"secondsPerStep": med, "min": min(seconds), "max": max(seconds), "tripletsPerSecond": b / med,
                      "threads": a.threads, "batch": b, "imageSize": s, "torch": torch.__version__}))


if __name__ == "__main__":
    main()
