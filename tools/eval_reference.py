#!/usr/bin/env python3
"""Independent references for evaluation: PyTorch for `./alignet eval` (odd-one-out counts by the
published rule), plain numpy for the evaluation metrics (few-shot accuracy, model entropy vs. human
reaction times, the ImageNet-A-style adversarially filtered probe).

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
  eval_reference.py make-golden-jpeg OUT           -> the same kind of dataset as JPEG (4:2:0, 4:4:4, grey)
  eval_reference.py make-metrics-golden OUT        -> metrics-golden.npz + rt-levels.csv (numpy only)

The metric references need only numpy; torch and PIL are imported where the eval counts need them.
"""
import argparse
import csv
import json
import os
import sys

import numpy as np


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
    import torch
    from PIL import Image
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
    from PIL import Image
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
    import torch
    from PIL import Image

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


def make_golden_jpeg(out, size=32, images=24, seed=5):
    """Like make_golden, as JPEG: PIL's default 4:2:0 chroma subsampling, some 4:4:4, some greyscale,
    and two identical files (ties); triplets as THINGS text and as a CSV with paths."""
    from PIL import Image
    rng = np.random.default_rng(seed)
    os.makedirs(os.path.join(out, "images", "levels"), exist_ok=True)
    for n in range(images):
        base = rng.random((4, 4, 3))
        img = np.kron(base, np.ones((size // 4, size // 4, 1))) * 0.7 + rng.random((size, size, 3)) * 0.3
        picture = Image.fromarray((img * 255).astype(np.uint8))
        if n == images - 1:  # an exact copy of the previous file: S_ij == S_ik ties
            data = open(os.path.join(out, "images", f"{n - 1}.jpg"), "rb").read()
            for path in (f"{n}.jpg", os.path.join("levels", f"img {n}.jpg")):
                with open(os.path.join(out, "images", path), "wb") as f:
                    f.write(data)
            continue
        kind = n % 4
        options = {"quality": 90}
        if kind == 1:
            options["subsampling"] = 0  # 4:4:4
        if kind == 3:
            picture = picture.convert("L")
        picture.save(os.path.join(out, "images", f"{n}.jpg"), **options)
        picture.save(os.path.join(out, "images", "levels", f"img {n}.jpg"), **options)
    # PIL's decoded pixels, RGB as convert("RGB") gives them, for a pixel-exact check of the Java decoder.
    decoded = [np.asarray(Image.open(os.path.join(out, "images", f"{n}.jpg")).convert("RGB")) for n in range(images)]
    np.savez_compressed(os.path.join(out, "pil-pixels.npz"), pixels=np.stack(decoded).astype(np.int32))
    def triplets(count):
        rows = [tuple(int(v) for v in rng.choice(images, 3, replace=False)) for _ in range(count)]
        d = images - 1
        return rows + [(0, d - 1, d), (3, d, d - 1), (d - 1, d, 5)]  # ties: never correct
    with open(os.path.join(out, "trainset.txt"), "w") as f:
        f.writelines(f"{a} {b} {c}\n" for a, b, c in triplets(150))
    with open(os.path.join(out, "levels.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["image1", "image2", "image3", "odd_one_out", "type"])
        for n, t in enumerate(triplets(150)):
            w.writerow([f"levels/img {v}.jpg" for v in t] + [int(rng.integers(1, 4)), ["coarse", "fine", "boundary"][n % 3]])


# ---- evaluation metrics, plain numpy ----

MASK64 = (1 << 64) - 1


class SplitMix64:
    """Steele, Lea & Flood's SplitMix64 (the generator behind java.util.SplittableRandom), so that the
    Java code and this reference draw the same support sets from the same seed."""

    def __init__(self, seed):
        self.state = int(seed) & MASK64

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    def below(self, bound):
        return self.next() % bound  # the unsigned 64-bit value modulo bound


def support_rows(labels, classes, shots, rng):
    """Per class (ascending), its rows in ascending order, a partial Fisher-Yates shuffle of the first
    `shots` places with j = i + below(m - i); the support set is those rows, returned sorted."""
    rows = []
    for k in range(classes):
        members = [int(r) for r in np.flatnonzero(labels == k)]
        for i in range(shots):
            j = i + rng.below(len(members) - i)
            members[i], members[j] = members[j], members[i]
        rows += members[:shots]
    return sorted(rows)


def ridge_features(x):
    """Rows scaled to unit length (a zero row stays zero), then a constant 1 for the bias."""
    norm = np.linalg.norm(x, axis=1, keepdims=True)
    return np.hstack([x / np.where(norm == 0, 1.0, norm), np.ones((len(x), 1))])


def ridge_predict(x_train, y_train, classes, x_test, l2):
    """Regularised least squares onto {-1, 1}^K targets (the ViT/BiT few-shot probe), primal form:
    W = (A^T A + l2 I)^-1 A^T T; prediction = first argmax of A_test W."""
    a = ridge_features(x_train)
    t = -np.ones((len(a), classes))
    t[np.arange(len(a)), y_train] = 1.0
    w = np.linalg.solve(a.T @ a + l2 * np.eye(a.shape[1]), a.T @ t)
    return (ridge_features(x_test) @ w).argmax(axis=1)


def few_shot(x, labels, classes, shots_list, draws, seed, l2):
    """For each shot count: `draws` support sets (one SplitMix64 stream seeded seed + shots); the rest of
    the rows are the test set. Returns {shots: [(correct, tested) per draw]}."""
    out = {}
    for shots in shots_list:
        rng = SplitMix64(int(seed) + int(shots))
        counts = []
        for _ in range(draws):
            support = support_rows(labels, classes, shots, rng)
            test = np.setdiff1d(np.arange(len(x)), support)
            pred = ridge_predict(x[support], labels[support], classes, x[test], l2)
            counts.append((int((pred == labels[test]).sum()), len(test)))
        out[shots] = counts
    return out


def read_levels_rt(path):
    """Levels CSV rows grouped as the Java reader groups them: by (image1, image2, image3, type) in order
    of first appearance; per group the odd-one-out votes by position and the reaction times."""
    groups = {}
    with open(path, newline="", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            key = (row["image1"], row["image2"], row["image3"], row.get("type") or "all")
            g = groups.setdefault(key, {"votes": [0, 0, 0], "rt": []})
            g["votes"][int(row["odd_one_out"]) - 1] += 1
            g["rt"].append(float(row["rt"]))
    return groups


def entropy(p):
    return float(-sum(q * np.log(q) for q in p if q > 0))


def pearson(a, b):
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    da, db = a - a.mean(), b - b.mean()
    return float((da * db).sum() / np.sqrt((da * da).sum() * (db * db).sum()))


def rt_correlation(z, index, groups, temperature=1.0):
    """Pearson r between the model's odd-one-out entropy, softmax([S_bc, S_ac, S_ab] / T) for images
    (a, b, c), and the mean reaction time of the people who judged that triplet."""
    model_entropy, mean_rt = [], []
    for (i1, i2, i3, _), g in groups.items():
        a, b, c = z[index[i1]], z[index[i2]], z[index[i3]]
        s = np.array([b @ c, a @ c, a @ b]) / temperature
        p = np.exp(s - s.max())
        model_entropy.append(entropy(p / p.sum()))
        mean_rt.append(np.mean(g["rt"]))
    return pearson(model_entropy, mean_rt)


def nearest_class_mean_errors(train_pixels, train_y, classes, held_pixels, held_y):
    """The model-independent filter: class means of the training images' raw pixels; the held-out rows
    whose nearest mean (squared Euclidean distance, ties to the lowest class) is the wrong class."""
    means = np.stack([train_pixels[train_y == k].mean(axis=0) for k in range(classes)])
    d = ((held_pixels[:, None, :] - means[None, :, :]) ** 2).sum(axis=-1)
    return np.flatnonzero(d.argmin(axis=1) != held_y)


def filtered_probe(train_x, train_y, held_x, held_y, kept, classes, l2):
    """The ridge probe (as in few-shot) trained on all training images, counted on the filtered ones."""
    predicted = ridge_predict(train_x, train_y, classes, held_x[kept], l2)
    return int((predicted == held_y[kept]).sum()), len(kept)


def make_metrics_golden(out, seed=20261129):
    """Inputs and expected values for the Java metric tests (data the Java code has not seen)."""
    rng = np.random.default_rng(seed)
    g = {}
    f32 = lambda a: np.asarray(a, dtype=np.float32)

    # Few-shot: two cases, d = 9 (5- and 10-shot supports outnumber the features: primal in Java) and
    # d = 40 (every support is smaller than the features: dual), uneven class sizes.
    for name, (classes, dim, spread) in {"a": (5, 9, 1.3), "b": (4, 40, 2.2)}.items():
        sizes = rng.integers(12, 18, classes)
        labels = np.repeat(np.arange(classes), sizes)
        rng.shuffle(labels)
        centres = rng.normal(0, 1, (classes, dim))
        x = f32(centres[labels] + rng.normal(0, spread, (len(labels), dim)) + 0.5)
        shots, draws, fs_seed, l2 = np.array([1, 5, 10]), 4, int(rng.integers(0, 2**62)), 0.1
        counts = few_shot(x.astype(np.float64), labels, classes, shots, draws, fs_seed, l2)
        g[f"fewshot_{name}_x"], g[f"fewshot_{name}_labels"] = x, labels.astype(np.int64)
        g[f"fewshot_{name}_config"] = np.array([classes, draws, fs_seed], dtype=np.int64)
        g[f"fewshot_{name}_shots"], g[f"fewshot_{name}_l2"] = shots.astype(np.int64), np.array(l2)
        g[f"fewshot_{name}_counts"] = np.array([counts[s] for s in shots], dtype=np.int64)  # (shots, draws, 2)
        g[f"fewshot_{name}_support0"] = np.array(support_rows(labels, classes, 5, SplitMix64(fs_seed + 5)), dtype=np.int64)

    # Reaction times: embeddings of 10 images, a Levels CSV with rt (several people per triplet).
    z = f32(rng.normal(0, 0.8, (10, 6)))
    g["rt_z"] = z
    rows, seen = [], set()
    while len(seen) < 25:
        t = tuple(int(v) for v in rng.choice(10, 3, replace=False))
        typ = ["coarse", "fine", "boundary"][len(seen) % 3]
        if (t, typ) in seen:
            continue
        seen.add((t, typ))
        for _ in range(int(rng.integers(1, 5))):
            rows.append([f"img{t[0]}.png", f"img{t[1]}.png", f"img{t[2]}.png", int(rng.integers(1, 4)), typ,
                         f"{rng.lognormal(6.6, 0.3):.1f}"])
    order = rng.permutation(len(rows))  # people's rows interleaved, as a real export may be
    csv_path = os.path.join(out, "rt-levels.csv")
    with open(csv_path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["image1", "image2", "image3", "odd_one_out", "type", "rt"])
        for r in order:
            w.writerow(rows[r])
    index = {f"img{n}.png": n for n in range(10)}
    g["rt_correlation"] = np.array(rt_correlation(z.astype(np.float64), index, read_levels_rt(csv_path)))

    # Adversarially filtered probe: raw pixels with a class shape plus a strong class-independent colour
    # cue (so raw-pixel nearest-class-mean errs often), embeddings where the class is easier to read.
    classes, pix, dim = 4, 48, 7
    train_y, held_y = np.repeat(np.arange(classes), 15), np.repeat(np.arange(classes), 12)
    shape = rng.random((classes, pix))
    colour = rng.random((3, pix)) * 1.5

    def pixels(y):
        c = colour[rng.integers(0, 3, len(y))]
        raw = np.clip(0.25 * shape[y] + 0.6 * c + rng.normal(0, 0.05, (len(y), pix)), 0, 1)
        return f32(np.round(raw * 255) / 255)  # what decoding 8-bit images gives
    centres = rng.normal(0, 1, (classes, dim))
    embed = lambda y: f32(centres[y] + rng.normal(0, 1.6, (len(y), dim)))
    g["adv_train_pixels"], g["adv_held_pixels"] = pixels(train_y), pixels(held_y)
    g["adv_train_x"], g["adv_held_x"] = embed(train_y), embed(held_y)
    g["adv_train_y"], g["adv_held_y"] = train_y.astype(np.int64), held_y.astype(np.int64)
    kept = nearest_class_mean_errors(g["adv_train_pixels"].astype(np.float64), train_y, classes,
                                     g["adv_held_pixels"].astype(np.float64), held_y)
    l2 = 0.1
    correct, n = filtered_probe(g["adv_train_x"].astype(np.float64), train_y, g["adv_held_x"].astype(np.float64),
                                held_y, kept, classes, l2)
    g["adv_config"] = np.array([classes], dtype=np.int64)
    g["adv_l2"] = np.array(l2)
    g["adv_kept"] = kept.astype(np.int64)
    g["adv_counts"] = np.array([correct, n], dtype=np.int64)
    np.savez_compressed(os.path.join(out, "metrics-golden.npz"), **g)
    return g


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
    if argv and argv[0] == "make-golden-jpeg":
        make_golden_jpeg(argv[1])
        return 0
    if argv and argv[0] == "make-metrics-golden":
        os.makedirs(argv[1], exist_ok=True)
        make_metrics_golden(argv[1])
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
