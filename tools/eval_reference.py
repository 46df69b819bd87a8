#!/usr/bin/env python3
"""Independent PyTorch reference for `./alignet eval`: odd-one-out counts by the published rule.

Images: DIR/<index>.<png|jpg|jpeg> for THINGS text and gLocal .npy triplets, DIR/<path> for the CSV;
pixels / 255 (PIL, RGB), then (x - mean) / std, NCHW; embedding = the TorchScript model's output.
For a human triplet (i, j, k), k the odd one out: sims = [S_jk, S_ik, S_ij] (S_ij last), correct when
argmax(sims) == 2, so a tie is never correct. CSV rows (image1,image2,image3,odd_one_out[,type], the
1-based chosen position) are one triplet each, reordered so the chosen image is last.

  eval_reference.py --model M.pt --image-size N --mean a,b,c --std a,b,c --images DIR --triplets FILE
                    [--format things|gl-npy|csv]   -> prints {"n", "correct", "accuracy", "byType"}
  eval_reference.py make-golden OUT                -> a small dataset (PNG images, triplets in all three
                                                      formats, some exact ties) for the Java tests
  eval_reference.py make-ties OUT                  -> mean-colour model + flat images with a tie at the top
"""
import argparse
import csv
import json
import os
import sys

import numpy as np
import torch
from PIL import Image


def load_triplets(path, fmt):
    if fmt == "things":
        rows = [line.split() for line in open(path) if line.strip()]
        return [tuple(int(v) for v in r) for r in rows], None
    if fmt == "gl-npy":
        return [tuple(int(v) for v in r) for r in np.load(path)], None
    triplets, types = [], []
    with open(path, newline="", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            imgs = [row["image1"], row["image2"], row["image3"]]
            odd = int(row["odd_one_out"]) - 1
            pair = [imgs[p] for p in range(3) if p != odd]
            triplets.append((pair[0], pair[1], imgs[odd]))
            types.append(row.get("type") or "all")
    return triplets, types


def image_path(images, key, fmt):
    if fmt == "csv":
        return os.path.join(images, key)
    for ext in (".png", ".jpg", ".jpeg", ".PNG", ".JPG", ".JPEG"):
        p = os.path.join(images, f"{key}{ext}")
        if os.path.exists(p):
            return p
    raise SystemExit(f"no image for index {key} in {images}")


def evaluate(model, size, mean, std, images, triplets_path, fmt):
    triplets, types = load_triplets(triplets_path, fmt)
    keys = sorted({k for t in triplets for k in t}, key=str)
    slot = {k: n for n, k in enumerate(keys)}
    pix = np.stack([np.asarray(Image.open(image_path(images, k, fmt)).convert("RGB"), dtype=np.float32) / 255.0
                    for k in keys])
    assert pix.shape[1:] == (size, size, 3), pix.shape
    x = torch.from_numpy(pix).permute(0, 3, 1, 2)
    x = (x - torch.tensor(mean).view(1, 3, 1, 1)) / torch.tensor(std).view(1, 3, 1, 1)
    m = torch.jit.load(model)
    m.eval()
    with torch.no_grad():
        z = m(x.contiguous()).double()
    s = z @ z.T
    idx = torch.tensor([[slot[k] for k in t] for t in triplets])
    i, j, k = idx[:, 0], idx[:, 1], idx[:, 2]
    sims = torch.stack([s[j, k], s[i, k], s[i, j]], dim=1)
    hit = (sims.argmax(dim=1) == 2).numpy()  # torch.argmax returns the first maximum
    by_type = {}
    if types is not None:
        for t, h in zip(types, hit):
            c = by_type.setdefault(t, {"n": 0, "correct": 0})
            c["n"] += 1
            c["correct"] += int(h)
        for c in by_type.values():
            c["accuracy"] = c["correct"] / c["n"]
    n = len(triplets)
    return {"n": n, "correct": int(hit.sum()), "accuracy": float(hit.sum()) / n, "byType": by_type}


def make_golden(out, size=32, images=24, seed=3):
    """Smooth random images (two exact duplicates for ties) and triplets in the three formats."""
    rng = np.random.default_rng(seed)
    os.makedirs(os.path.join(out, "images", "levels"), exist_ok=True)
    arrays = []
    for n in range(images):
        base = rng.random((4, 4, 3))
        img = np.kron(base, np.ones((size // 4, size // 4, 1))) * 0.7 + rng.random((size, size, 3)) * 0.3
        arrays.append((img * 255).astype(np.uint8))
    arrays[images - 1] = arrays[images - 2].copy()  # an exact duplicate: S_ij == S_ik ties
    for n, a in enumerate(arrays):
        Image.fromarray(a).save(os.path.join(out, "images", f"{n}.png"))
        Image.fromarray(a).save(os.path.join(out, "images", "levels", f"img {n},x.png"))
    def triplets(count):
        rows = [tuple(int(v) for v in rng.choice(images, 3, replace=False)) for _ in range(count)]
        d = images - 1
        rows += [(0, d - 1, d), (3, d, d - 1), (d - 1, d, 5)]  # ties: never correct
        return rows
    with open(os.path.join(out, "trainset.txt"), "w") as f:
        f.writelines(f"{a} {b} {c}\n" for a, b, c in triplets(150))
    np.save(os.path.join(out, "triplets.npy"), np.array(triplets(150), dtype=np.int64))
    with open(os.path.join(out, "levels.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["image1", "image2", "image3", "odd_one_out", "type"])
        for n, t in enumerate(triplets(150)):
            w.writerow([f"levels/img {v},x.png" for v in t] + [int(rng.integers(1, 4)), ["coarse", "fine", "boundary"][n % 3]])


def make_ties(out):
    """A mean-colour TorchScript model and flat 8x8 images where `5 0 4` is a tie at the top (never correct)."""
    class MeanColour(torch.nn.Module):
        def forward(self, x):
            return x.mean(dim=(2, 3))

    os.makedirs(os.path.join(out, "images"), exist_ok=True)
    torch.jit.script(MeanColour()).save(os.path.join(out, "mean-colour.pt"))
    colours = [(255, 0, 0), (250, 0, 0), (0, 0, 255), (0, 0, 255), (0, 255, 0), (255, 255, 0)]
    for n, c in enumerate(colours):
        Image.new("RGB", (8, 8), c).save(os.path.join(out, "images", f"{n}.png"))
    with open(os.path.join(out, "triplets.txt"), "w") as f:
        f.write("0 1 2\n2 3 0\n0 2 3\n5 0 4\n")


def floats(text):
    v = [float(x) for x in text.split(",")]
    if len(v) != 3:
        raise argparse.ArgumentTypeError("need three comma-separated values")
    return v


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "make-golden":
        make_golden(argv[1])
        return 0
    if argv and argv[0] == "make-ties":
        make_ties(argv[1])
        return 0
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", required=True)
    ap.add_argument("--image-size", type=int, required=True)
    ap.add_argument("--mean", type=floats, required=True)
    ap.add_argument("--std", type=floats, required=True)
    ap.add_argument("--images", required=True)
    ap.add_argument("--triplets", required=True)
    ap.add_argument("--format", choices=["things", "gl-npy", "csv"])
    a = ap.parse_args(argv)
    fmt = a.format or {".txt": "things", ".npy": "gl-npy", ".csv": "csv"}[os.path.splitext(a.triplets)[1]]
    print(json.dumps(evaluate(a.model, a.image_size, a.mean, a.std, a.images, a.triplets, fmt)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
