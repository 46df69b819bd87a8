"""Puts two Chrome traces of the same training step side by side, op by op: ours (`./alignet bench
distill-step --trace ours.json`, libtorch's profiler through DJL) and the reference's
(`tools/bench/distill_step_ref.py --trace ref.json`, torch.profiler). Both profile 5 steps after their
timed ones. Times are inclusive (an op's own time plus the ops it calls), per step, in ms; ops are
matched by name, so a row shows whether the same kernel is slower on one side or one side runs more
of it. Given several traces per side (repeated runs), each op's figure is its smallest over them: on
a shared machine a preempted op looks slow in one trace, not in all.

    python3 tools/bench/op_profile.py --ours ours1.json ours2.json --ref ref1.json ref2.json [--steps 5] [--top 30]
"""
import argparse
import collections
import json


def per_op(path):
    with open(path) as f:
        trace = json.load(f)
    events = trace["traceEvents"] if isinstance(trace, dict) else trace
    total, count = collections.Counter(), collections.Counter()
    for e in events:
        if e.get("ph") == "X" and "dur" in e and e.get("cat", "cpu_op") in ("cpu_op", "user_annotation", "python_function", ""):
            total[e["name"]] += e["dur"]
            count[e["name"]] += 1
    return total, count


def smallest(paths):
    """Per op, the smallest total over the traces (and the call count of that trace)."""
    best, calls = {}, {}
    for path in paths:
        total, count = per_op(path)
        for name, t in total.items():
            if name not in best or t < best[name]:
                best[name], calls[name] = t, count[name]
    return collections.Counter(best), collections.Counter(calls)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--ours", nargs="+", required=True)
    p.add_argument("--ref", nargs="+", required=True)
    p.add_argument("--steps", type=int, default=5)
    p.add_argument("--top", type=int, default=30)
    a = p.parse_args()
    (ot, oc), (rt, rc) = smallest(a.ours), smallest(a.ref)
    names = sorted((set(ot) | set(rt)) - {n for n in set(ot) | set(rt) if n.startswith("PyTorch Profiler")},
                   key=lambda n: -max(ot.get(n, 0), rt.get(n, 0)))
    print(f"{'op (inclusive ms per step)':52s} {'ours':>8s} {'calls':>6s} {'ref':>8s} {'calls':>6s} {'ours/ref':>8s}")
    for n in names[:a.top]:
        o, r = ot.get(n, 0) / 1000 / a.steps, rt.get(n, 0) / 1000 / a.steps
        ratio = f"{o / r:8.2f}" if r > 0 and o > 0 else f"{'-':>8s}"
        print(f"{n[:52]:52s} {o:8.2f} {oc.get(n, 0) / a.steps:6.1f} {r:8.2f} {rc.get(n, 0) / a.steps:6.1f} {ratio}")


if __name__ == "__main__":
    main()
