"""Orchestration overhead and the embed-once count on a real pipeline run.

Runs `./alignet demo --spec SPEC` (embedded Temporal + S3 in one process, real DJL compute) into a
fresh data folder, then reads every stored activity outcome (outcome.json: the activity's return
value, with its StageTiming compute seconds) from that folder:

- overhead = wall time of the run − Σ activity compute seconds on the critical path. Stages run one
  after another; the units inside a stage run in parallel, so the per-stage critical path is the
  report's stage seconds (first unit start → last unit end, seen by the workflow) and we report both
  Σ stage seconds and Σ unit seconds.
- embed count: Σ images over the embed stage's outcomes vs the corpus + THINGS images of the catalog.

    python3 tools/bench/orchestration.py --spec '{"preset": "synthetic-demo"}' [--rounds 3]
"""
import argparse
import json
import os
import statistics
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def outcomes(data):
    found = []
    for dirpath, _, files in os.walk(data):
        for f in files:
            path = os.path.join(dirpath, f)
            if path.endswith("outcome.json"):
                try:
                    found.append((path, json.load(open(path))))
                except (ValueError, UnicodeDecodeError):
                    pass
    return found


def one_run(spec, keep):
    work = tempfile.mkdtemp(prefix="alignet-orch-")
    spec_file = os.path.join(work, "spec.json")
    open(spec_file, "w").write(spec)
    start = time.time()
    subprocess.run(["./alignet", "demo", "--spec", spec_file, "--out", os.path.join(work, "out"), "--data",
                    os.path.join(work, "data")], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    wall = time.time() - start
    report = json.load(open(os.path.join(work, "out", "report.json")))
    found = outcomes(os.path.join(work, "data"))
    units = {}
    embed_images = []
    for path, o in found:
        stage = next((s for s in ("embed", "teacher", "cluster", "label", "distill", "evaluate", "prepare")
                      if f"/{s}/" in path or f"{s}-" in os.path.basename(os.path.dirname(path))), "other")
        t = o.get("timing", {}).get("seconds")
        if t is not None:
            units.setdefault(stage, []).append(t)
        if "images" in o and "dim" in o:
            embed_images.append(o["images"])
    stage_seconds = {s["name"]: s["seconds"] for s in report["stages"]}
    return {"workDir": work if keep else None, "wallSeconds": wall, "stageSeconds": stage_seconds,
            "sumStageSeconds": sum(stage_seconds.values()),
            "unitSeconds": {k: sum(v) for k, v in units.items()}, "units": {k: len(v) for k, v in units.items()},
            "sumUnitSeconds": sum(sum(v) for v in units.values()), "embedOutcomeImages": sorted(embed_images),
            "embeddedImages": sum(embed_images)}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--spec", default='{"preset": "synthetic-demo"}')
    p.add_argument("--rounds", type=int, default=1)
    p.add_argument("--keep", action="store_true")
    p.add_argument("--out", default="/tmp/alignet-bench/orchestration.json")
    a = p.parse_args()
    runs = []
    for r in range(a.rounds):
        runs.append(one_run(a.spec, a.keep))
        x = runs[-1]
        print(json.dumps({k: x[k] for k in ("wallSeconds", "sumStageSeconds", "sumUnitSeconds", "embeddedImages", "units")}),
              flush=True)
    os.makedirs(os.path.dirname(a.out), exist_ok=True)
    json.dump({"spec": a.spec, "runs": runs}, open(a.out, "w"), indent=1)


if __name__ == "__main__":
    main()
