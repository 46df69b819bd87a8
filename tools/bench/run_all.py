"""Runs our benchmarks (./alignet bench ...) and their references back to back, alternating which goes
first, for --rounds rounds, and writes every raw result plus the per-round ratios to a JSON file.

    python3 tools/bench/run_all.py --rounds 3 --out /tmp/bench/results.json [--only embed,decode]

Ratios are ours / reference as a speed (rates) — >= 1.0 means we are at least as fast — computed per
round (both runs of a round see about the same machine load) and reported as median [min, max].
Needs: torch (embed, distill-step), numpy (label-score), pillow + torchvision (decode), scikit-learn
(kmeans). Work files go to --work (default /tmp/alignet-bench).
"""
import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HERE = os.path.dirname(os.path.abspath(__file__))


def run_json(cmd):
    t = time.time()
    load = os.getloadavg()[0]
    out = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"failed ({out.returncode}): {' '.join(cmd)}\n{out.stderr[-2000:]}")
    line = [l for l in out.stdout.splitlines() if l.startswith("{")][-1]
    result = json.loads(line)
    result["_wallSeconds"] = time.time() - t
    result["_loadBefore"] = load
    return result


def benchmarks(work, threads, py):
    vit = os.path.join(work, "vit_s16.pt")
    jpegs = os.path.join(work, "jpegs")
    km = os.path.join(work, "kmeans.f32")
    t = str(threads)
    return {
        "embed": dict(
            ours=["./alignet", "bench", "embed", "--model", vit, "--image-size", "224", "--batch", "8", "--images", "16",
                  "--threads", t, "--repeats", "3", "--json"],
            ref=[py, f"{HERE}/embed_ref.py", "--model", vit, "--image-size", "224", "--batch", "8", "--images", "16",
                 "--threads", t, "--repeats", "3"],
            metric=("imagesPerSecond", "imagesPerSecond"), higher=True),
        "distill-step": dict(
            ours=["./alignet", "bench", "distill-step", "--image-size", "32", "--batch", "32", "--steps", "30",
                  "--threads", "1", "--json"],
            ref=[py, f"{HERE}/distill_step_ref.py", "--image-size", "32", "--batch", "32", "--steps", "30", "--threads", "1"],
            metric=("secondsPerStep", "secondsPerStep"), higher=False),
        # One thread each side (numpy's gather + einsum is single-threaded): the like-for-like comparison.
        "label-score": dict(
            ours=["./alignet", "bench", "label-score", "--rows", "100000", "--dim", "768", "--triplets", "500000",
                  "--repeats", "3", "--threads", "1", "--json"],
            ref=[py, f"{HERE}/label_score_ref.py", "--rows", "100000", "--dim", "768", "--triplets", "500000",
                 "--repeats", "3"],
            metric=("tripletsPerSecond", "tripletsPerSecond"), higher=True),
        # Ours on every core, as LabelScorer runs by default; its JSON has fractionOfBound (the copy
        # bandwidth measured on as many threads). The reference is the same single-threaded numpy.
        "label-score-parallel": dict(
            ours=["./alignet", "bench", "label-score", "--rows", "100000", "--dim", "768", "--triplets", "500000",
                  "--repeats", "3", "--threads", str(os.cpu_count()), "--json"],
            ref=[py, f"{HERE}/label_score_ref.py", "--rows", "100000", "--dim", "768", "--triplets", "500000",
                 "--repeats", "3"],
            metric=("tripletsPerSecond", "tripletsPerSecond"), higher=True),
        "decode": dict(
            ours=["./alignet", "bench", "decode", "--images-dir", jpegs, "--image-size", "224", "--threads", "1",
                  "--repeats", "5", "--json"],
            ref=[py, f"{HERE}/decode_ref.py", "--images-dir", jpegs, "--image-size", "224", "--threads", "1", "--repeats", "5"],
            metric=("imagesPerSecond", "imagesPerSecond"), higher=True),
        "kmeans": dict(
            ours=["./alignet", "bench", "kmeans", "--data", km, "--dim", "128", "--k", "100", "--iterations", "10",
                  "--repeats", "3", "--json"],
            ref=[py, f"{HERE}/kmeans_ref.py", "--data", km, "--dim", "128", "--k", "100", "--iterations", "10",
                 "--threads", "1", "--repeats", "3"],
            metric=("secondsPerIteration", "secondsPerIteration"), higher=False),
        # Both sides on every core: OpenBLAS and our selection, update and k-means++ passes on all threads.
        "kmeans-parallel": dict(
            ours=["./alignet", "bench", "kmeans", "--data", km, "--dim", "128", "--k", "100", "--iterations", "10",
                  "--repeats", "3", "--threads", str(os.cpu_count()), "--json"],
            ref=[py, f"{HERE}/kmeans_ref.py", "--data", km, "--dim", "128", "--k", "100", "--iterations", "10",
                 "--threads", str(os.cpu_count()), "--repeats", "3"],
            metric=("secondsPerIteration", "secondsPerIteration"), higher=False),
        # The same with the products pinned to libtorch's GEMM (MKL on CPU): what k-means ran before OpenBLAS.
        "kmeans-libtorch": dict(
            ours=["./alignet", "bench", "kmeans", "--data", km, "--dim", "128", "--k", "100", "--iterations", "10",
                  "--repeats", "3", "--gemm", "libtorch", "--json"],
            ref=[py, f"{HERE}/kmeans_ref.py", "--data", km, "--dim", "128", "--k", "100", "--iterations", "10",
                 "--threads", "1", "--repeats", "3"],
            metric=("secondsPerIteration", "secondsPerIteration"), higher=False),
    }


def prepare(work, names):
    os.makedirs(work, exist_ok=True)
    if "embed" in names and not os.path.exists(os.path.join(work, "vit_s16.pt")):
        subprocess.run([sys.executable, f"{HERE}/make_vit.py", "--out", os.path.join(work, "vit_s16.pt"),
                        "--width", "384", "--heads", "6"], check=True)
    if "decode" in names and not os.path.isdir(os.path.join(work, "jpegs")):
        subprocess.run(["./alignet", "bench", "decode", "--write-images", os.path.join(work, "jpegs"), "--images", "100",
                        "--repeats", "1"], cwd=ROOT, check=True, capture_output=True)
    if any(n.startswith("kmeans") for n in names) and not os.path.exists(os.path.join(work, "kmeans.f32")):
        import numpy as np
        rng = np.random.default_rng(29)
        centres = rng.standard_normal((100, 128)).astype(np.float32) * 0.3  # overlapping: Lloyd runs all 10 iterations
        x = centres[rng.integers(0, 100, 20000)] + rng.standard_normal((20000, 128)).astype(np.float32)
        x.astype("<f4").tofile(os.path.join(work, "kmeans.f32"))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--only", default="embed,distill-step,label-score,label-score-parallel,decode,kmeans")
    p.add_argument("--threads", type=int, default=2, help="libtorch threads for embed (both sides)")
    p.add_argument("--work", default="/tmp/alignet-bench")
    p.add_argument("--out", default="/tmp/alignet-bench/results.json")
    p.add_argument("--ref-python", default=sys.executable,
                   help="interpreter for the references, e.g. a venv whose torch matches DJL's libtorch (2.5.1)")
    a = p.parse_args()
    names = a.only.split(",")
    prepare(a.work, names)
    table = benchmarks(a.work, a.threads, a.ref_python)
    report = {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
              "machine": {"cpus": os.cpu_count(), "platform": platform.platform(),
                          "cpu": next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")},
              "git": subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip(),
              "refPython": a.ref_python,
              # OpenBLAS (numpy, scikit-learn, our k-means) picks its kernels by this when set: record it.
              "openblasCoretype": os.environ.get("OPENBLAS_CORETYPE"), "benchmarks": {}}
    for name in names:
        b = table[name]
        rounds = []
        for r in range(a.rounds):
            order = ["ours", "ref"] if r % 2 == 0 else ["ref", "ours"]
            got = {side: run_json(b[side]) for side in order}
            ours, ref = got["ours"][b["metric"][0]], got["ref"][b["metric"][1]]
            speed_ratio = ours / ref if b["higher"] else ref / ours
            rounds.append({"ours": got["ours"], "ref": got["ref"], "speedRatio": speed_ratio})
            print(f"{name} round {r}: ours {ours:.4g} ref {ref:.4g} speed ratio {speed_ratio:.3f} "
                  f"(load {got['ours']['_loadBefore']:.1f})", flush=True)
        ratios = [x["speedRatio"] for x in rounds]
        report["benchmarks"][name] = {"metric": b["metric"][0], "higherIsBetter": b["higher"], "commands": {
            "ours": " ".join(b["ours"]), "ref": " ".join(b["ref"])}, "rounds": rounds,
            "speedRatio": {"median": statistics.median(ratios), "min": min(ratios), "max": max(ratios)}}
        with open(a.out, "w") as f:
            json.dump(report, f, indent=1)
    for name, b in report["benchmarks"].items():
        s = b["speedRatio"]
        print(f"{name:13s} ours/ref speed {s['median']:.3f} [{s['min']:.3f}, {s['max']:.3f}]")


if __name__ == "__main__":
    main()
